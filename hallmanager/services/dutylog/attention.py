"""The duty log's part of the 今日 page: what in the duty log needs attention at a time.

Used by ``DutyLogService.attention`` (a ``TodayService`` provider), which checks the
permission first.
"""

from __future__ import annotations

import datetime as dt

from hallmanager.domain.dutylog import FaultStatus, LogStatus
from hallmanager.domain.dutylog import checklist as cl
from hallmanager.domain.dutylog.checklist import Flag
from hallmanager.domain.shifts import current_shift
from hallmanager.domain.texts import QT_TRANSLATE_NOOP, Text
from hallmanager.services.dutylog.rows import Cache, settings_view
from hallmanager.services.today import AttentionItem, Severity, Target
from hallmanager.storage.database import DbSession
from hallmanager.storage.dutylog import repository as log_repo

MODULE = "dutylog"
MISSING_LOG_LOOKBACK_DAYS = 7  # the 今日 page flags missing/unsigned logs this far back
LOG_DUE_SOON_MINUTES = 30  # the running shift's log is asked for from this long before


def _severity(f: Flag) -> Severity:
    """已超时 strictly after the due time, 即将到期 before it: never 即将到期 once past."""
    return Severity.OVERDUE if f == Flag.OVERDUE else Severity.DUE_SOON


def attention_items(s: DbSession, now: dt.datetime) -> list[AttentionItem]:
    """Checklist items due or overdue in the running shift(s), open faults, unacknowledged
    hand-over items and missing or unsigned logs of past shifts."""
    out: list[AttentionItem] = []
    cache = Cache(s)
    shifts = cache.active
    settings = settings_view(s)
    today = now.date()
    running = {sh.id: sh for sh in shifts if sh.contains(now.time())}
    cur = current_shift(shifts, now)
    if cur is not None:
        running.setdefault(cur.id, cur)
    for sh in sorted(running.values(), key=lambda x: (x.start, x.id)):
        log = log_repo.log_at(s, today, sh.id)
        if log is None:
            # due at the shift's start: 即将到期 from half an hour before, 已超时 after it
            f = cl.flag(cl.ItemStatus.PENDING, sh.start_on(today), now,
                        due_soon_minutes=LOG_DUE_SOON_MINUTES)
            if f is not None:
                out.append(AttentionItem.of(
                    "log_missing", _severity(f),
                    Text(QT_TRANSLATE_NOOP("AttentionText", "%1值班日志尚未创建"), (sh.name,)),
                    [Text(QT_TRANSLATE_NOOP("AttentionText", "请打开值班日志开始本班记录"))],
                    sh.start_on(today), Target(MODULE, "log", None, today, sh.id)))
            continue
        if log.status != LogStatus.DRAFT.value:
            continue
        for e in log_repo.checklist_entries(s, log.id, pending_only=True):
            f = cl.flag(e.status, e.target_at, now,
                        due_soon_minutes=settings.due_soon_minutes)
            if f is None:
                continue
            at = e.target_at.strftime("%H:%M") if e.target_at else ""
            out.append(AttentionItem.of(
                f"checklist_{f.value}", _severity(f), Text.plain(e.title),
                [Text(QT_TRANSLATE_NOOP("AttentionText", "%1流程"), (sh.name,)),
                 Text(QT_TRANSLATE_NOOP("AttentionText", "目标时间 %1"), (at,))],
                e.target_at, Target(MODULE, "checklist_entry", e.id)))
    for fv in log_repo.open_faults(s):
        status = FaultStatus(fv.status)
        detail = [Text.plain(fv.location)] if fv.location else []
        detail.append(Text(status.label))  # marked for lupdate in domain.dutylog
        detail.append(Text(QT_TRANSLATE_NOOP("AttentionText", "自 %1"),
                           (f"{fv.since:%m-%d %H:%M}",)))
        if status == FaultStatus.REPORTED and fv.reported_to:
            detail.append(Text(QT_TRANSLATE_NOOP("AttentionText", "已报 %1"), (fv.reported_to,)))
        out.append(AttentionItem.of(
            "fault_open", Severity.INFO,
            Text(QT_TRANSLATE_NOOP("AttentionText", "设备故障：%1"), (fv.what,)),
            detail, None, Target(MODULE, "fault", fv.id)))
    cur_slot = cl.slot_key(today, cur) if cur else (today, dt.time.max, 0)
    for h in log_repo.unacked_handover_items(s):
        tshift = cache.shift(h.target_shift_id)
        tslot = cl.slot_key(h.target_date, tshift)
        if tslot > cur_slot:
            continue
        # acknowledged at the hand-over, i.e. within the first minutes of the target shift
        # (the due-soon setting); after that it is 已超时, however long the shift still runs
        deadline = tshift.start_on(h.target_date) + dt.timedelta(
            minutes=settings.due_soon_minutes)
        f = cl.flag(cl.ItemStatus.PENDING, deadline, now,
                    due_soon_minutes=settings.due_soon_minutes)
        sev = Severity.OVERDUE if tslot < cur_slot or f == Flag.OVERDUE else Severity.DUE_SOON
        out.append(AttentionItem.of(
            "handover_unacked", sev,
            Text(QT_TRANSLATE_NOOP("AttentionText", "交接事项待确认：%1"), (h.text[:40],)),
            [Text(QT_TRANSLATE_NOOP("AttentionText", "交给 %1 %2"),
                  (f"{h.target_date:%m-%d}", tshift.name))],
            tshift.start_on(h.target_date), Target(MODULE, "handover_item", h.id)))
    out.extend(missing_logs(s, cache, now))
    return out


def missing_logs(s: DbSession, c: Cache, now: dt.datetime) -> list[AttentionItem]:
    """Past shifts (ended before ``now``) without a log or with an unsigned one, looking back a
    week but never before the first log ever written (a new install is not flooded)."""
    first = log_repo.first_log_date(s)
    if first is None:
        return []
    start = max(first, now.date() - dt.timedelta(days=MISSING_LOG_LOOKBACK_DAYS))
    logs = {(r.date, r.shift_id): r for r in log_repo.logs_between(s, start, now.date())}
    out: list[AttentionItem] = []
    for day, sh in cl.slots_between(c.active, start, now.date()):
        if sh.end_on(day) > now:
            continue
        row = logs.get((day, sh.id))
        label = (f"{day:%m-%d}", sh.name)
        if row is None:
            out.append(AttentionItem.of(
                "log_missing", Severity.OVERDUE,
                Text(QT_TRANSLATE_NOOP("AttentionText", "%1 %2缺少值班日志"), label),
                [Text(QT_TRANSLATE_NOOP("AttentionText", "该班次已结束但没有值班日志"))],
                sh.end_on(day), Target(MODULE, "log", None, day, sh.id)))
        elif row.status != LogStatus.SIGNED.value:
            out.append(AttentionItem.of(
                "log_unsigned", Severity.OVERDUE,
                Text(QT_TRANSLATE_NOOP("AttentionText", "%1 %2值班日志未签字"), label),
                [Text(QT_TRANSLATE_NOOP("AttentionText", "值班经理：%1"),
                      (c.person(row.duty_manager_id).name,))],
                sh.end_on(day), Target(MODULE, "log", row.id)))
    return out
