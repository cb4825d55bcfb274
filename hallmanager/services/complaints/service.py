"""The complaint register (投诉登记): register, handle, call back, close; the paged list; the
import of transferred work orders; statistics; the playbook.

Every action checks its permission, runs in one transaction, appends a timeline entry for
each status change and is audited (ids, number and status only: nothing personal goes into
the audit log). Lists and details come masked unless the caller asks ``unmasked=True`` and
the role may; each unmasking is audited with the record's id.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from hallmanager.domain.complaints import rules as r
from hallmanager.domain.complaints.filters import ComplaintFilter
from hallmanager.domain.complaints.rules import (
    CallAttempt,
    CallResult,
    DeadlineRule,
    Satisfaction,
    Source,
    Status,
)
from hallmanager.domain.errors import NotFound, ValidationError
from hallmanager.domain.masking import (
    mask_id_number,
    mask_name,
    mask_personal_text,
    mask_phone,
)
from hallmanager.domain.roles import Action
from hallmanager.services.complaints import playbook as seeds
from hallmanager.services.complaints.views import (
    DEFAULT_IMPORT_MAPPING,
    IMPORT_FIELD_LABELS,
    IMPORT_FIELDS_REQUIRED,
    CallbackView,
    ComplaintInput,
    ComplaintRow,
    ComplaintSettingsView,
    ComplaintView,
    ImportProblem,
    ImportResult,
    PauseView,
    PersonalData,
    PlaybookView,
    StatRow,
    StatsReport,
    TimelineEntry,
    sum_stats,
)
from hallmanager.services.context import ServiceContext, UserInfo
from hallmanager.services.today import AttentionItem
from hallmanager.storage.complaints import repository as repo
from hallmanager.storage.complaints.models import (
    Complaint,
    ComplaintCallback,
    ComplaintEvent,
    ComplaintPause,
    ComplaintSettings,
    PlaybookEntry,
)
from hallmanager.storage.database import DbSession
from hallmanager.storage.repositories import users as users_repo

ENTITY = "complaint"
MAX_PAGE = 1000
MAX_TEXT = 2000
TOTAL = "合计"


class ImportFailed(ValidationError):
    """The file has bad rows: nothing was imported; ``problems`` name each row."""

    def __init__(self, problems: Sequence[ImportProblem]) -> None:
        lines = "；".join(f"第 {p.row} 行：{p.message}" for p in problems[:20])
        more = f"（另有 {len(problems) - 20} 行有误）" if len(problems) > 20 else ""
        super().__init__(f"导入文件有 {len(problems)} 行有误，未导入任何工单：{lines}{more}")
        self.problems = tuple(problems)


@dataclass(frozen=True)
class _Rules:
    settings: ComplaintSettingsView

    @property
    def hours(self) -> r.OpeningHours:
        closed = frozenset(self.settings.closed_dates)
        return r.OpeningHours(self.settings.open_at, self.settings.close_at,
                              lambda d: d in closed)

    def rule(self, source: Source) -> DeadlineRule:
        return self.settings.deadlines.get(source) or r.DEFAULT_DEADLINES[source]


class ComplaintService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- settings -------------------------------------------------------------------------
    def settings(self) -> ComplaintSettingsView:
        self.ctx.auth.require(Action.VIEW_COMPLAINTS)
        with self.ctx.db.read() as s:
            return _settings_view(repo.settings(s))

    def save_settings(self, view: ComplaintSettingsView) -> ComplaintSettingsView:
        """The hall manager's complaint rules (categories, deadlines, hours, prefix, mapping)."""
        self.ctx.auth.require(Action.EDIT_SETTINGS)
        r.complaint_number(view.prefix, dt.date(2000, 1, 1), 1)  # validates the prefix
        cats = tuple(c.strip() for c in view.categories if c.strip())
        if not cats or len(set(cats)) != len(cats):
            raise ValidationError("投诉类别不能为空，也不能重复", field="categories")
        if view.open_at >= view.close_at:
            raise ValidationError("营业时间须早于结束时间", field="open_at")
        for src, rule in view.deadlines.items():
            if rule.hours is not None and not 1 <= rule.hours <= 24 * 60:
                raise ValidationError(f"{Source(src).label}的处理时限须在 1 到 1440 小时之间")
        if not 1 <= view.callback_hours <= 24 * 30 or not 1 <= view.due_soon_hours <= 72:
            raise ValidationError("回访时限或到期提醒时间不在合理范围内")
        mapping = _checked_mapping(view.import_mapping)
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            row = repo.settings(s)
            before = _settings_json(_settings_view(row)) if row else None
            if row is None:
                row = ComplaintSettings(id=repo.SETTINGS_ID)
                s.add(row)
            row.prefix = view.prefix
            row.categories_json = json.dumps(list(cats), ensure_ascii=False)
            row.deadlines_json = json.dumps(
                {Source(k).value: [v.hours, v.opening_hours_only]
                 for k, v in view.deadlines.items()})
            row.open_at = view.open_at.strftime("%H:%M")
            row.close_at = view.close_at.strftime("%H:%M")
            row.closed_dates_json = json.dumps(sorted(d.isoformat() for d in view.closed_dates))
            row.callback_hours = view.callback_hours
            row.due_soon_hours = view.due_soon_hours
            row.import_mapping_json = json.dumps(mapping, ensure_ascii=False)
            row.updated_at = now
            s.flush()
            saved = _settings_view(row)
            self.ctx.audit(s, "update", "complaint_settings", repo.SETTINGS_ID, before=before,
                           after=_settings_json(saved))
            return saved

    # --- register -------------------------------------------------------------------------
    def register(self, data: ComplaintInput) -> ComplaintView:
        """A new complaint: validated, numbered, its deadline set, flagged (escalation
        threat, repeat within 30 days of the same number)."""
        me = self.ctx.auth.require(Action.REGISTER_COMPLAINT)
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            rules = _Rules(_settings_view(repo.settings(s)))
            clean = _validate(data, rules.settings, now)
            if clean.external_no and repo.existing_external(s, clean.source.value,
                                                            [clean.external_no]):
                raise ValidationError(f"工单号 {clean.external_no} 已登记过", field="external_no")
            if clean.handler_id is not None and users_repo.user(s, clean.handler_id) is None:
                raise ValidationError("处理人不存在", field="handler_id")
            c = self._insert(s, clean, rules, me, now, action="register")
            return self._view(s, c, masked=True)

    def _insert(self, s: DbSession, d: ComplaintInput, rules: _Rules, me: UserInfo,
                now: dt.datetime, *, action: str) -> Complaint:
        seq = repo.next_seq(s, now.date())
        number = r.complaint_number(rules.settings.prefix, now.date(), seq)
        earlier = [r.Earlier(i, p, at) for i, p, at in repo.earlier_same_phone(
            s, d.phone, d.received_at - dt.timedelta(days=r.REPEAT_DAYS), d.received_at)]
        repeats = r.repeats_of(d.phone, d.received_at, earlier)
        c = Complaint(
            number=number, source=d.source.value, external_no=d.external_no,
            received_at=d.received_at, customer_name=d.customer_name, phone=d.phone,
            id_number=d.id_number, category=d.category, urgent=d.urgent,
            description=d.description, request=d.request,
            handler_id=d.handler_id if d.handler_id is not None else me.id,
            department=d.department, status=Status.REGISTERED.value,
            clock_start=d.received_at,
            due_at=r.due_at(d.received_at, rules.rule(d.source), hours=rules.hours),
            paused=False, reply_text="", vip=d.vip,
            escalation_threat=r.escalation_threat(d.description + "\n" + d.request),
            escalated=False, repeat_of_id=repeats[-1] if repeats else None,
            playbook_id=d.playbook_id, created_at=now, created_by=me.id, updated_at=now)
        s.add(c)
        s.flush()
        note = f"工单号 {d.external_no}" if d.external_no else ""
        self._event(s, c, me, now, action, None, Status.REGISTERED, note)
        self.ctx.audit(s, action, ENTITY, c.id, after={
            "number": c.number, "source": c.source, "category": c.category,
            "status": c.status, "due_at": _iso(c.due_at), "repeat_of_id": c.repeat_of_id,
            "escalation_threat": c.escalation_threat})
        return c

    # --- workflow -------------------------------------------------------------------------
    def start(self, complaint_id: int, note: str = "") -> ComplaintView:
        """已登记 / 已升级 / 重新处理 → 处理中."""
        return self._transition(complaint_id, Status.IN_PROGRESS, "start", note)

    def escalate(self, complaint_id: int, note: str) -> ComplaintView:
        """Any open state → 已升级 (a reason is required)."""
        if not note.strip():
            raise ValidationError("升级须填写原因", field="note")
        return self._transition(complaint_id, Status.ESCALATED, "escalate", note)

    def reopen(self, complaint_id: int, note: str) -> ComplaintView:
        """已答复 / 已回访 / 已归档 → 重新处理: the deadline clock starts again."""
        if not note.strip():
            raise ValidationError("重新处理须填写原因", field="note")
        return self._transition(complaint_id, Status.REOPENED, "reopen", note)

    def reply(self, complaint_id: int, text: str) -> ComplaintView:
        """The reply to the customer (已答复); a complaint still 已登记 is started first (two
        timeline entries). The call-back is due ``callback_hours`` later."""
        text = _text(text, "答复内容", required=True)
        me = self.ctx.auth.require(Action.HANDLE_COMPLAINT)
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            c = _get(s, complaint_id)
            rules = _Rules(_settings_view(repo.settings(s)))
            if c.paused:
                raise ValidationError("投诉正在等待客户：请先恢复计时再答复")
            if Status(c.status) in (Status.REGISTERED, Status.REOPENED, Status.ESCALATED):
                self._move(s, c, me, now, Status.IN_PROGRESS, "start", "")
            self._move(s, c, me, now, Status.REPLIED, "reply", text)
            c.reply_text = text
            c.replied_at = now
            c.replied_on_time = c.due_at is not None and now <= c.due_at
            c.callback_due_at = now + dt.timedelta(hours=rules.settings.callback_hours)
            self._audit_change(s, c, "reply", replied_on_time=c.replied_on_time)
            return self._view(s, c, masked=True)

    def add_note(self, complaint_id: int, note: str) -> ComplaintView:
        """An action taken, kept in the timeline (处理记录) without changing the status."""
        note = _text(note, "处理记录", required=True)
        me = self.ctx.auth.require(Action.HANDLE_COMPLAINT)
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            c = _get(s, complaint_id)
            _require_open(c)
            self._event(s, c, me, now, "note", None, None, note)
            c.updated_at = now
            self._audit_change(s, c, "note")
            return self._view(s, c, masked=True)

    def assign(self, complaint_id: int, handler_id: int, department: str = "") -> ComplaintView:
        """Hand the complaint to another handler (and responsible department)."""
        me = self.ctx.auth.require(Action.HANDLE_COMPLAINT)
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            c = _get(s, complaint_id)
            _require_open(c)
            u = users_repo.user(s, handler_id)
            if u is None or not u.active:
                raise ValidationError("处理人不存在或已停用", field="handler_id")
            c.handler_id = handler_id
            c.department = _text(department, "责任部门", limit=60)
            c.updated_at = now
            self._event(s, c, me, now, "assign", None, None,
                        f"处理人：{u.full_name}" + (f"；部门：{c.department}" if c.department
                                                    else ""))
            self._audit_change(s, c, "assign", handler_id=handler_id)
            return self._view(s, c, masked=True)

    def pause(self, complaint_id: int, reason: str) -> ComplaintView:
        """Waiting for the customer (等待客户): the deadline clock stops."""
        reason = _text(reason, "等待原因", required=True, limit=200)
        me = self.ctx.auth.require(Action.HANDLE_COMPLAINT)
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            c = _get(s, complaint_id)
            if Status(c.status) not in (Status.REGISTERED, Status.IN_PROGRESS,
                                        Status.ESCALATED, Status.REOPENED):
                raise ValidationError(f"“{Status(c.status).label}”的投诉不能暂停计时")
            if c.paused:
                raise ValidationError("投诉已在等待客户")
            s.add(ComplaintPause(complaint_id=c.id, start=now, end=None, reason=reason,
                                 created_by=me.id))
            c.paused = True
            c.due_at = None
            c.updated_at = now
            self._event(s, c, me, now, "pause", None, None, reason)
            self._audit_change(s, c, "pause")
            return self._view(s, c, masked=True)

    def resume(self, complaint_id: int, note: str = "") -> ComplaintView:
        """The customer answered: the clock runs again and the deadline moves by the pause."""
        me = self.ctx.auth.require(Action.HANDLE_COMPLAINT)
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            c = _get(s, complaint_id)
            if not c.paused:
                raise ValidationError("投诉没有在等待客户")
            rules = _Rules(_settings_view(repo.settings(s)))
            for p in repo.pauses(s, c.id):
                if p.end is None:
                    p.end = now
            c.paused = False
            s.flush()
            c.due_at = self._due(s, c, rules)
            c.updated_at = now
            self._event(s, c, me, now, "resume", None, None,
                        _text(note, "说明") + (f"（新时限 {c.due_at:%m-%d %H:%M}）"
                                              if c.due_at else ""))
            self._audit_change(s, c, "resume")
            return self._view(s, c, masked=True)

    def call_back(self, complaint_id: int, result: CallResult,
                  satisfaction: Satisfaction | None = None, reason: str = "") -> ComplaintView:
        """One call-back attempt; an answered one moves the complaint to 已回访."""
        attempt = CallAttempt(self.ctx.clock.now(), CallResult(result),
                              Satisfaction(satisfaction) if satisfaction else None,
                              _text(reason, "原因", limit=500))
        r.check_attempt(attempt)
        me = self.ctx.auth.require(Action.HANDLE_COMPLAINT)
        now = attempt.at
        with self.ctx.db.write() as s:
            c = _get(s, complaint_id)
            if Status(c.status) != Status.REPLIED:
                raise ValidationError(f"只有“已答复”的投诉可以回访（当前：{Status(c.status).label}）")
            s.add(ComplaintCallback(complaint_id=c.id, at=now, result=attempt.result.value,
                                    satisfaction=attempt.satisfaction.value
                                    if attempt.satisfaction else None,
                                    reason=attempt.reason, created_by=me.id))
            note = attempt.result.label + (f"，{attempt.satisfaction.label}"
                                           if attempt.satisfaction else "") + (
                f"：{attempt.reason}" if attempt.reason else "")
            if attempt.result == CallResult.ANSWERED:
                c.satisfaction = attempt.satisfaction.value if attempt.satisfaction else None
                self._move(s, c, me, now, Status.CALLED_BACK, "callback", note)
                c.callback_due_at = None
            else:
                self._event(s, c, me, now, "callback", None, None, note)
                c.updated_at = now
            self._audit_change(s, c, "callback", result=attempt.result.value)
            return self._view(s, c, masked=True)

    def close(self, complaint_id: int, note: str = "") -> ComplaintView:
        """已回访 → 已归档; or, from 已答复, after three failed call-backs and a note (kept in
        the timeline as 已回访 with that note, then 已归档)."""
        note = _text(note, "说明")
        me = self.ctx.auth.require(Action.HANDLE_COMPLAINT)
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            c = _get(s, complaint_id)
            status = Status(c.status)
            if status not in (Status.REPLIED, Status.CALLED_BACK):
                r.check_transition(status, Status.CLOSED)
            attempts = [CallAttempt(a.at, CallResult(a.result),
                                    Satisfaction(a.satisfaction) if a.satisfaction else None,
                                    a.reason)
                        for a in repo.callbacks(s, c.id)
                        if c.replied_at is None or a.at >= c.replied_at]
            r.check_can_close(attempts, note)
            if status == Status.REPLIED:
                self._move(s, c, me, now, Status.CALLED_BACK, "callback",
                           f"回访三次未接通：{note}")
                c.callback_due_at = None
            self._move(s, c, me, now, Status.CLOSED, "close", note)
            c.closed_at = now
            self._audit_change(s, c, "close")
            return self._view(s, c, masked=True)

    def _transition(self, complaint_id: int, target: Status, action: str,
                    note: str) -> ComplaintView:
        note = _text(note, "说明")
        me = self.ctx.auth.require(Action.HANDLE_COMPLAINT)
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            c = _get(s, complaint_id)
            if c.paused and target != Status.ESCALATED:
                raise ValidationError("投诉正在等待客户：请先恢复计时")
            self._move(s, c, me, now, target, action, note)
            if target == Status.ESCALATED:
                c.escalated = True
            if target == Status.REOPENED:
                rules = _Rules(_settings_view(repo.settings(s)))
                c.clock_start = now
                c.closed_at = None
                c.callback_due_at = None
                c.satisfaction = None
                c.due_at = r.due_at(now, rules.rule(Source(c.source)), hours=rules.hours)
            self._audit_change(s, c, action)
            return self._view(s, c, masked=True)

    def _move(self, s: DbSession, c: Complaint, me: UserInfo, now: dt.datetime,
              target: Status, action: str, note: str) -> None:
        current = Status(c.status)
        r.check_transition(current, target)
        c.status = target.value
        c.updated_at = now
        self._event(s, c, me, now, action, current, target, note)

    def _event(self, s: DbSession, c: Complaint, me: UserInfo, now: dt.datetime, action: str,
               src: Status | None, dst: Status | None, note: str) -> None:
        s.add(ComplaintEvent(complaint_id=c.id, at=now, user_id=me.id, action=action,
                             from_status=src.value if src else None,
                             to_status=dst.value if dst else None, note=note))

    def _audit_change(self, s: DbSession, c: Complaint, action: str, **extra: Any) -> None:
        s.flush()
        self.ctx.audit(s, action, ENTITY, c.id, after={
            "number": c.number, "status": c.status, "due_at": _iso(c.due_at), **extra})

    def _due(self, s: DbSession, c: Complaint, rules: _Rules) -> dt.datetime | None:
        pauses = [r.Pause(p.start, p.end) for p in repo.pauses(s, c.id) if p.start >= c.clock_start]
        return r.due_at(c.clock_start, rules.rule(Source(c.source)), hours=rules.hours,
                        pauses=pauses)

    # --- reading --------------------------------------------------------------------------
    def get(self, complaint_id: int, *, unmasked: bool = False) -> ComplaintView:
        """One complaint with its timeline, pauses and call-backs (masked unless asked and
        allowed: UNMASK_COMPLAINT, audited)."""
        self.ctx.auth.require(Action.VIEW_COMPLAINTS)
        if unmasked:
            self.ctx.auth.require(Action.UNMASK_COMPLAINT)
            with self.ctx.db.write() as s:
                c = _get(s, complaint_id)
                self.ctx.audit(s, "unmask", ENTITY, c.id, after={"number": c.number})
                return self._view(s, c, masked=False)
        with self.ctx.db.read() as s:
            return self._view(s, _get(s, complaint_id), masked=True)

    def by_number(self, number: str) -> ComplaintView:
        self.ctx.auth.require(Action.VIEW_COMPLAINTS)
        with self.ctx.db.read() as s:
            c = repo.by_number(s, number.strip())
            if c is None:
                raise NotFound(f"没有编号为 {number} 的投诉")
            return self._view(s, c, masked=True)

    def personal(self, complaint_id: int) -> PersonalData:
        """The customer's name, phone and ID number in full (UNMASK_COMPLAINT, audited)."""
        self.ctx.auth.require(Action.UNMASK_COMPLAINT)
        with self.ctx.db.write() as s:
            c = _get(s, complaint_id)
            self.ctx.audit(s, "unmask", ENTITY, c.id, after={"number": c.number})
            return PersonalData(c.id, c.customer_name, c.phone, c.id_number)

    def handlers(self) -> list[UserInfo]:
        """Active users whose role may handle complaints (the form's 处理人 box)."""
        from hallmanager.domain.roles import Role, allowed

        self.ctx.auth.require(Action.VIEW_COMPLAINTS)
        with self.ctx.db.read() as s:
            return [UserInfo.from_row(u) for u in users_repo.users(s, include_inactive=False)
                    if allowed(Role(u.role), Action.HANDLE_COMPLAINT)]

    def count(self, filters: ComplaintFilter | None = None) -> int:
        """How many complaints match (the list's "N 条")."""
        self.ctx.auth.require(Action.VIEW_COMPLAINTS)
        with self.ctx.db.read() as s:
            return repo.count(s, self._filters(filters))

    def page(self, filters: ComplaintFilter | None = None, offset: int = 0, limit: int = 200,
             *, unmasked: bool = False) -> list[ComplaintRow]:
        """Newest first, ``limit`` rows from ``offset`` (the lazy table loads page by page).
        ``unmasked`` lists need EXPORT_COMPLAINTS_FULL and are audited."""
        self.ctx.auth.require(Action.VIEW_COMPLAINTS)
        n = max(1, min(int(limit), MAX_PAGE))
        f = self._filters(filters)
        if unmasked:
            self.ctx.auth.require(Action.EXPORT_COMPLAINTS_FULL)
            with self.ctx.db.write() as s:
                rows = repo.page(s, f, offset=max(0, int(offset)), limit=n)
                self.ctx.audit(s, "unmask_list", ENTITY, None,
                               after={"ids": [c.id for c in rows]})
                return self._rows(s, rows, masked=False)
        with self.ctx.db.read() as s:
            return self._rows(s, repo.page(s, f, offset=max(0, int(offset)), limit=n),
                              masked=True)

    def _filters(self, f: ComplaintFilter | None) -> dict[str, Any]:
        f = f or ComplaintFilter()
        if f.start and f.end and f.start > f.end:
            raise ValidationError("开始日期晚于结束日期")
        try:
            status = Status(f.status).value if f.status else None
            source = Source(f.source).value if f.source else None
        except ValueError:
            raise ValidationError(f"筛选条件不正确：{f.status or ''} {f.source or ''}") from None
        phone = r.normalize_phone(f.phone or "")
        exact = bool(re.fullmatch(r"1[3-9]\d{9}|0\d{9,11}", phone))
        return {
            "status": status, "source": source,
            "category": f.category or None, "handler_id": f.handler_id,
            "overdue_at": self.ctx.clock.now() if f.overdue else None,
            "open_only": f.open_only,
            "start": dt.datetime.combine(f.start, dt.time()) if f.start else None,
            "end": dt.datetime.combine(f.end + dt.timedelta(days=1), dt.time())
            if f.end else None,
            "text": (f.text or "").strip() or None,
            "phone": phone or None, "phone_exact": exact,
        }

    def _rows(self, s: DbSession, rows: Iterable[Complaint], *, masked: bool
              ) -> list[ComplaintRow]:
        found = list(rows)
        names = repo.user_names(s, (c.handler_id for c in found))
        now = self.ctx.clock.now()
        due_soon = _settings_view(repo.settings(s)).due_soon_hours
        return [_row(c, names, now, due_soon, masked) for c in found]

    def _view(self, s: DbSession, c: Complaint, *, masked: bool) -> ComplaintView:
        s.flush()
        events = repo.events(s, c.id)
        callbacks = repo.callbacks(s, c.id)
        names = repo.user_names(s, [c.handler_id, *(e.user_id for e in events),
                                    *(a.created_by for a in callbacks)])
        now = self.ctx.clock.now()
        row = _row(c, names, now, _settings_view(repo.settings(s)).due_soon_hours, masked)
        earlier = repo.complaint(s, c.repeat_of_id) if c.repeat_of_id else None

        def text(value: str | None) -> str | None:
            """Free text people type (notes, reasons) may hold a number: masked like the rest."""
            return mask_personal_text(value) if masked and value else value

        return ComplaintView(
            **{f: getattr(row, f) for f in ComplaintRow.__dataclass_fields__},
            id_number=mask_id_number(c.id_number) if masked else c.id_number,
            department=text(c.department), reply_text=text(c.reply_text),
            replied_at=c.replied_at, closed_at=c.closed_at,
            satisfaction=Satisfaction(c.satisfaction) if c.satisfaction else None,
            paused=c.paused, playbook_id=c.playbook_id,
            repeat_of_number=earlier.number if earlier else None,
            timeline=tuple(TimelineEntry(e.at, names.get(e.user_id, ""), e.action,
                                         Status(e.from_status) if e.from_status else None,
                                         Status(e.to_status) if e.to_status else None,
                                         text(e.note))
                           for e in events),
            pauses=tuple(PauseView(p.id, p.start, p.end, text(p.reason))
                         for p in repo.pauses(s, c.id)),
            callbacks=tuple(CallbackView(a.id, a.at, CallResult(a.result),
                                         Satisfaction(a.satisfaction) if a.satisfaction else None,
                                         text(a.reason), names.get(a.created_by, ""))
                            for a in callbacks))

    def due_items(self, at: dt.datetime) -> list[ComplaintRow]:
        """Open complaints overdue or due soon at ``at`` (handling or call-back), soonest
        first: the 今日 page and the handover sheet."""
        self.ctx.auth.require(Action.VIEW_COMPLAINTS)
        with self.ctx.db.read() as s:
            soon = _settings_view(repo.settings(s)).due_soon_hours
            rows = repo.due_before(s, at + dt.timedelta(hours=soon))
            out = self._rows(s, rows, masked=True)
        return sorted((replace(x, urgency=r.urgency(x.deadline, at, done=False,
                                                    due_soon_hours=soon)) for x in out),
                      key=lambda x: (x.deadline or dt.datetime.max, x.id))

    def open_rows(self, at: dt.datetime, limit: int = 500) -> tuple[list[ComplaintRow], int]:
        """Open complaints, earliest deadline first (at most ``limit``), and how many there
        are in all (masked)."""
        self.ctx.auth.require(Action.VIEW_COMPLAINTS)
        with self.ctx.db.read() as s:
            soon = _settings_view(repo.settings(s)).due_soon_hours
            found = repo.open_complaints(s, limit)
            names = repo.user_names(s, (c.handler_id for c in found))
            rows = [_row(c, names, at, soon, True) for c in found]
            return rows, repo.count_open(s)

    def day_rows(self, day: dt.date) -> tuple[list[ComplaintRow], list[ComplaintRow],
                                              list[ComplaintRow]]:
        """(received on ``day``, closed on ``day``, overdue at the day's end), masked."""
        self.ctx.auth.require(Action.VIEW_COMPLAINTS)
        a = dt.datetime.combine(day, dt.time())
        b = a + dt.timedelta(days=1)
        end = min(b, self.ctx.clock.now()) if self.ctx.clock.now() > a else b
        with self.ctx.db.read() as s:
            soon = _settings_view(repo.settings(s)).due_soon_hours
            names = _names(s)

            def rows(cs: Iterable[Complaint]) -> list[ComplaintRow]:
                return [_row(c, names, end, soon, True) for c in cs]

            overdue = [c for c in repo.due_before(s, end) if c.received_at < b]
            return (rows(repo.received_between(s, a, b)), rows(repo.closed_between(s, a, b)),
                    rows(overdue))

    # --- statistics -----------------------------------------------------------------------
    def statistics(self, start: dt.date, end: dt.date) -> list[StatRow]:
        """Per month and category of complaints received from ``start`` to ``end``
        (inclusive), plus a 合计 row per month; months in order, categories as set."""
        self.ctx.auth.require(Action.VIEW_COMPLAINTS)
        if start > end:
            raise ValidationError("开始日期晚于结束日期")
        a = dt.datetime.combine(start, dt.time())
        b = dt.datetime.combine(end + dt.timedelta(days=1), dt.time())
        good = (Satisfaction.SATISFIED.value, Satisfaction.BASICALLY.value)
        with self.ctx.db.read() as s:
            cats = list(_settings_view(repo.settings(s)).categories)
            groups = repo.stat_groups(s, a, b, self.ctx.clock.now(), good)
        out = [StatRow(month, cat, int(n), int(closed), int(replied), int(on_time),
                       int(answered), int(satisfied), int(repeats),
                       handling_hours_total=Decimal(round(float(secs))) / 3600,
                       overdue_open=int(overdue))
               for (month, cat, n, closed, replied, on_time, answered, satisfied, repeats,
                    secs, overdue) in groups]
        for month in sorted({x.month for x in out}):
            out.append(sum_stats([x for x in out if x.month == month], month, TOTAL))
        order = {k: i for i, k in enumerate([*cats, TOTAL])}
        return sorted(out, key=lambda x: (x.month, order.get(x.category, len(cats) - 0.5),
                                          x.category))

    def statistics_report(self, start: dt.date, end: dt.date) -> StatsReport:
        """``statistics`` with every month's total (empty months as zeros), each category
        over the period and the period's total: what the dialog, workbook and PDF chart."""
        rows = self.statistics(start, end)
        with self.ctx.db.read() as s:
            cats = list(_settings_view(repo.settings(s)).categories)
        by_month = {x.month: x for x in rows if x.category == TOTAL}
        months = tuple(by_month.get(m) or sum_stats((), m, TOTAL)
                       for m in _months(start, end))
        detail = [x for x in rows if x.category != TOTAL]
        names = cats + sorted({x.category for x in detail} - set(cats))
        period = f"{start:%Y-%m}" if start.strftime("%Y-%m") == end.strftime("%Y-%m") else (
            f"{start:%Y-%m}~{end:%Y-%m}")
        categories = tuple(sum_stats([x for x in detail if x.category == c], period, c)
                           for c in names)
        return StatsReport(start=start, end=end, rows=tuple(rows), months=months,
                           categories=categories, total=sum_stats(months, period, TOTAL))

    # --- import ---------------------------------------------------------------------------
    def import_orders(self, path: Path | str, *, source: Source = Source.CALL_CENTER,
                      via: str = "desk") -> ImportResult:
        """Transferred work orders from the call centre's Excel export. Every row is checked
        first; any bad row → ``ImportFailed`` naming the rows, nothing imported. Orders whose
        工单号 is already registered are skipped (a re-import adds nothing)."""
        me = self.ctx.auth.require(Action.REGISTER_COMPLAINT)
        now = self.ctx.clock.now()
        with self.ctx.db.read() as s:
            settings = _settings_view(repo.settings(s))
        records = _read_sheet(Path(path), settings.import_mapping)
        problems: list[ImportProblem] = []
        good: list[tuple[int, ComplaintInput]] = []
        seen: dict[str, int] = {}
        for row_no, rec in records:
            try:
                data = _import_input(rec, source, settings, now)
            except ValidationError as exc:
                problems.append(ImportProblem(row_no, exc.message))
                continue
            if data.external_no in seen:
                problems.append(ImportProblem(
                    row_no, f"工单号 {data.external_no} 与第 {seen[data.external_no]} 行重复"))
                continue
            seen[data.external_no or ""] = row_no
            good.append((row_no, data))
        if problems:
            raise ImportFailed(problems)
        with self.ctx.db.write() as s:
            rules = _Rules(_settings_view(repo.settings(s)))
            known = repo.existing_external(s, source.value,
                                           [d.external_no or "" for _, d in good])
            numbers = []
            for _, d in good:
                if d.external_no in known:
                    continue
                numbers.append(self._insert(s, d, rules, me, now, action="import").number)
            result = ImportResult(rows=len(records), added=len(numbers),
                                  skipped=len(good) - len(numbers), numbers=tuple(numbers))
            self.ctx.audit(s, "import", ENTITY, None, after={
                "file": Path(path).name, "rows": result.rows, "added": result.added,
                "skipped": result.skipped, **_via(via)})
            return result

    # --- playbook -------------------------------------------------------------------------
    def playbook(self) -> list[PlaybookView]:
        """The 21 customer situations with advice (seeded on first use)."""
        self.ctx.auth.require(Action.VIEW_COMPLAINTS)
        with self.ctx.db.read() as s:
            rows = repo.playbook(s)
            if rows:
                return [PlaybookView(p.id, p.sort_order, p.title, p.advice) for p in rows]
        with self.ctx.db.write() as s:
            self._seed_playbook(s)
            return [PlaybookView(p.id, p.sort_order, p.title, p.advice)
                    for p in repo.playbook(s)]

    def _seed_playbook(self, s: DbSession) -> None:
        if repo.playbook(s):
            return
        now = self.ctx.clock.now()
        for i, (title, advice) in enumerate(seeds.SITUATIONS, start=1):
            s.add(PlaybookEntry(sort_order=i, title=title, advice=advice, updated_at=now,
                                updated_by=None))
        s.flush()
        self.ctx.audit(s, "seed", "complaint_playbook", None,
                       after={"entries": len(seeds.SITUATIONS)})

    def save_playbook_entry(self, entry_id: int | None, title: str, advice: str,
                            sort_order: int | None = None) -> PlaybookView:
        """Edit (or, with ``entry_id`` None, add) a situation and its advice."""
        me = self.ctx.auth.require(Action.EDIT_SETTINGS)
        title = _text(title, "情形", required=True, limit=100)
        advice = _text(advice, "应对建议", required=True)
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            self._seed_playbook(s)
            if entry_id is None:
                p = PlaybookEntry(sort_order=sort_order or len(repo.playbook(s)) + 1,
                                  title=title, advice=advice, updated_at=now, updated_by=me.id)
                s.add(p)
                before = None
            else:
                p = repo.playbook_entry(s, entry_id)
                if p is None:
                    raise NotFound("没有这条应对建议")
                before = {"title": p.title, "advice": p.advice}
                p.title, p.advice, p.updated_at, p.updated_by = title, advice, now, me.id
                if sort_order is not None:
                    p.sort_order = sort_order
            s.flush()
            self.ctx.audit(s, "update" if before else "create", "complaint_playbook", p.id,
                           before=before, after={"title": title, "advice": advice})
            return PlaybookView(p.id, p.sort_order, p.title, p.advice)

    # --- exports --------------------------------------------------------------------------
    def export_excel(self, path: Path | str, *, filters: ComplaintFilter | None = None,
                     stats_from: dt.date | None = None, stats_to: dt.date | None = None,
                     unmasked: bool = False, force: bool = False,
                     via: str = "desk") -> Path:
        """The list (every matching complaint) and statistics workbook (with native charts);
        unmasked only for EXPORT_COMPLAINTS_FULL. Audited (``via``: desk or cli)."""
        from hallmanager.exporters.complaints_excel import ComplaintWorkbook, write_complaints_xlsx

        me = self.ctx.auth.require(Action.VIEW_COMPLAINTS)
        if unmasked:
            self.ctx.auth.require(Action.EXPORT_COMPLAINTS_FULL)
        f = self._filters(filters)
        with self.ctx.db.read() as s:
            total = repo.count(s, f)
            rows: list[ComplaintRow] = []
            for off in range(0, total, MAX_PAGE):
                rows.extend(self._rows(s, repo.page(s, f, offset=off, limit=MAX_PAGE),
                                       masked=not unmasked))
            hall = _hall_name(s)
        if stats_from is None or stats_to is None:
            days = [x.received_at.date() for x in rows] or [self.ctx.clock.now().date()]
            stats_from, stats_to = stats_from or min(days), stats_to or max(days)
        report = self.statistics_report(stats_from, stats_to)
        now = self.ctx.clock.now()
        book = ComplaintWorkbook(hall_name=hall, period=f"{stats_from} 至 {stats_to}",
                                 rows=tuple(rows), stats=report.rows, generated_at=now,
                                 generated_by=_by(me, via), unmasked=unmasked, report=report)
        out = write_complaints_xlsx(book, path, force=force)
        with self.ctx.db.write() as s:
            self.ctx.audit(s, "export", ENTITY, None, after={
                "file": Path(out).name, "rows": len(rows), "unmasked": unmasked,
                **_via(via)})
        return out

    def statistics_pdf(self, start: dt.date, end: dt.date, path: Path | str, *,
                       force: bool = False, via: str = "desk") -> Path:
        """The statistics (投诉统计) on A4 landscape: the month and category tables and the
        same three charts as the workbook, drawn by reportlab. Figures only, nothing
        personal. Written to a temporary file and renamed; audited."""
        from hallmanager.exporters.complaint_stats_pdf import write_statistics_pdf

        me = self.ctx.auth.require(Action.VIEW_COMPLAINTS)
        report = self.statistics_report(start, end)
        with self.ctx.db.read() as s:
            hall = _hall_name(s)
        out = write_statistics_pdf(report, path, hall_name=hall,
                                   printed_at=self.ctx.clock.now(),
                                   printed_by=_by(me, via), force=force)
        with self.ctx.db.write() as s:
            self.ctx.audit(s, "print", "complaint_statistics", None, after={
                "file": Path(out).name, "start": start.isoformat(), "end": end.isoformat(),
                "received": report.total.received, **_via(via)})
        return out

    def slip_pdf(self, complaint_id: int, path: Path | str, *, unmasked: bool = False,
                 force: bool = False) -> Path:
        """The complaint slip (投诉处理单) as a PDF; masked unless UNMASK_COMPLAINT asked."""
        from hallmanager.exporters.complaint_slip import write_complaint_slip

        me = self.ctx.auth.require(Action.VIEW_COMPLAINTS)
        view = self.get(complaint_id, unmasked=unmasked)
        with self.ctx.db.read() as s:
            hall = _hall_name(s)
        out = write_complaint_slip(view, path, hall_name=hall, printed_at=self.ctx.clock.now(),
                                   printed_by=me.full_name, force=force)
        with self.ctx.db.write() as s:
            self.ctx.audit(s, "print", ENTITY, complaint_id,
                           after={"number": view.number, "unmasked": unmasked})
        return out

    # --- 今日 -------------------------------------------------------------------------------
    def attention(self, now: dt.datetime) -> list[AttentionItem]:
        """今日 provider (nothing when the user may not see complaints)."""
        from hallmanager.services.complaints.attention import attention_items

        if not self.ctx.auth.may(Action.VIEW_COMPLAINTS):
            return []
        return attention_items(self.due_items(now), now)


# --- helpers ------------------------------------------------------------------------------
def _iso(v: dt.datetime | None) -> str | None:
    return v.isoformat(timespec="minutes") if v else None


def _by(me: UserInfo, via: str) -> str:
    return me.full_name + ("（命令行）" if via == "cli" else "")


def _via(via: str) -> dict[str, str]:
    """``via`` (and the operating-system user for the command line) for an audit entry."""
    out = {"via": via}
    if via == "cli":
        import getpass

        try:
            out["os_user"] = getpass.getuser()
        except Exception:  # no user name in some service environments
            pass
    return out


def _months(start: dt.date, end: dt.date) -> list[str]:
    """"2026-06" … "2026-11": every month the period touches."""
    y, m = start.year, start.month
    out = []
    while (y, m) <= (end.year, end.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _get(s: DbSession, complaint_id: int) -> Complaint:
    c = repo.complaint(s, complaint_id)
    if c is None:
        raise NotFound("没有这条投诉")
    return c


def _require_open(c: Complaint) -> None:
    if Status(c.status) == Status.CLOSED:
        raise ValidationError("投诉已归档：请先重新处理")


def _text(value: str | None, label: str, *, required: bool = False,
          limit: int = MAX_TEXT) -> str:
    t = (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if required and not t:
        raise ValidationError(f"请填写{label}")
    if len(t) > limit:
        raise ValidationError(f"{label}太长（最多 {limit} 字）")
    return t


def _names(s: DbSession) -> dict[int | None, str]:
    return {u.id: u.full_name for u in users_repo.users(s)}


def _hall_name(s: DbSession) -> str:
    from hallmanager.storage.repositories import hall as hall_repo

    h = hall_repo.hall_settings(s)
    return h.name if h is not None else ""


def _row(c: Complaint, names: Mapping[int | None, str], now: dt.datetime, due_soon: int,
         masked: bool) -> ComplaintRow:
    status = Status(c.status)
    deadline = c.callback_due_at if status == Status.REPLIED else c.due_at
    done = status in (Status.CALLED_BACK, Status.CLOSED)
    urg = r.urgency(deadline, now, done=done, due_soon_hours=due_soon)
    return ComplaintRow(
        id=c.id, number=c.number, source=Source(c.source), external_no=c.external_no,
        received_at=c.received_at,
        customer_name=mask_name(c.customer_name) if masked else c.customer_name,
        phone=mask_phone(c.phone) if masked else c.phone, category=c.category,
        urgent=c.urgent, status=status, handler_id=c.handler_id,
        handler_name=names.get(c.handler_id, ""), due_at=c.due_at,
        callback_due_at=c.callback_due_at, urgency=urg, vip=c.vip,
        escalation_threat=c.escalation_threat, escalated=c.escalated,
        repeat_of_id=c.repeat_of_id, masked=masked,
        description=mask_personal_text(c.description) if masked else c.description,
        request=mask_personal_text(c.request) if masked else c.request)


def _validate(d: ComplaintInput, settings: ComplaintSettingsView,
              now: dt.datetime) -> ComplaintInput:
    try:
        source = Source(d.source)
    except ValueError:
        raise ValidationError(f"投诉来源不正确：{d.source}", field="source") from None
    name = _text(d.customer_name, "客户姓名", required=True, limit=40)
    phone = r.check_phone(d.phone)
    category = (d.category or "").strip()
    if category not in settings.categories:
        raise ValidationError(f"投诉类别须为：{'、'.join(settings.categories)}（收到“{category}”）",
                              field="category")
    description = _text(d.description, "问题描述", required=True)
    if d.received_at is None:
        raise ValidationError("请填写受理时间", field="received_at")
    received = d.received_at.replace(microsecond=0)
    if received > now + dt.timedelta(minutes=5):
        raise ValidationError("受理时间不能晚于现在", field="received_at")
    if received < now - dt.timedelta(days=366):
        raise ValidationError("受理时间早于一年前，请核对", field="received_at")
    id_number = _text(d.id_number, "证件号码", limit=20).upper()
    if id_number and not (len(id_number) == 18 and id_number[:17].isdigit()
                          and (id_number[17].isdigit() or id_number[17] == "X")):
        raise ValidationError("证件号码须为 18 位身份证号", field="id_number")
    ext = _text(d.external_no, "工单号", limit=40) or None
    if source == Source.CALL_CENTER and not ext:
        raise ValidationError("10086转派工单须填写工单号", field="external_no")
    return replace(d, source=source, customer_name=name, phone=phone, category=category,
                   description=description, request=_text(d.request, "客户诉求"),
                   id_number=id_number, department=_text(d.department, "责任部门", limit=60),
                   external_no=ext, received_at=received)


def _settings_view(row: ComplaintSettings | None) -> ComplaintSettingsView:
    if row is None:
        return ComplaintSettingsView()
    deadlines = {Source(k): DeadlineRule(v[0], bool(v[1]))
                 for k, v in json.loads(row.deadlines_json).items()}
    return ComplaintSettingsView(
        prefix=row.prefix, categories=tuple(json.loads(row.categories_json)),
        deadlines={**r.DEFAULT_DEADLINES, **deadlines},
        open_at=dt.time.fromisoformat(row.open_at), close_at=dt.time.fromisoformat(row.close_at),
        closed_dates=tuple(dt.date.fromisoformat(x)
                           for x in json.loads(row.closed_dates_json or "[]")),
        callback_hours=row.callback_hours, due_soon_hours=row.due_soon_hours,
        import_mapping={**DEFAULT_IMPORT_MAPPING, **json.loads(row.import_mapping_json)})


def _checked_mapping(mapping: Mapping[str, str]) -> dict[str, str]:
    """The import mapping trimmed and checked: known fields only, every required field
    mapped to a header, no header used twice (a column cannot feed two fields)."""
    unknown = [f for f in mapping if f not in IMPORT_FIELD_LABELS]
    if unknown:
        raise ValidationError("导入列对应中有未知字段：" + "、".join(unknown),
                              field="import_mapping")
    out = {f: str(mapping.get(f) or "").strip() for f in IMPORT_FIELD_LABELS}
    missing = [IMPORT_FIELD_LABELS[f] for f in IMPORT_FIELDS_REQUIRED if not out[f]]
    if missing:
        raise ValidationError("导入列对应缺少：" + "、".join(missing) + "（这些字段必须填写表头）",
                              field="import_mapping")
    too_long = [h for h in out.values() if len(h) > 50]
    if too_long:
        raise ValidationError(f"表头“{too_long[0][:20]}…”太长（最多 50 个字）",
                              field="import_mapping")
    seen: dict[str, str] = {}
    for f, head in out.items():
        if not head:
            continue
        if head in seen:
            raise ValidationError(f"表头“{head}”同时对应了{seen[head]}和{IMPORT_FIELD_LABELS[f]}，"
                                  "每个表头只能对应一个字段", field="import_mapping")
        seen[head] = IMPORT_FIELD_LABELS[f]
    return out


def _settings_json(v: ComplaintSettingsView) -> dict[str, Any]:
    return {"prefix": v.prefix, "categories": list(v.categories),
            "deadlines": {Source(k).value: [x.hours, x.opening_hours_only]
                          for k, x in v.deadlines.items()},
            "open_at": v.open_at.strftime("%H:%M"), "close_at": v.close_at.strftime("%H:%M"),
            "closed_dates": [d.isoformat() for d in v.closed_dates],
            "callback_hours": v.callback_hours, "due_soon_hours": v.due_soon_hours,
            "import_mapping": dict(v.import_mapping)}


def _read_sheet(path: Path, mapping: Mapping[str, str]) -> list[tuple[int, dict[str, Any]]]:
    """(row number, field → value) of every non-empty data row of the first sheet."""
    from openpyxl import load_workbook

    if not path.is_file():
        raise ValidationError(f"找不到导入文件：{path}")
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a non-xlsx file
        raise ValidationError(f"无法读取导入文件（须为 .xlsx）：{path.name}") from exc
    try:
        ws = wb.worksheets[0]
        it = ws.iter_rows(values_only=True)
        header = [str(h).strip() if h is not None else "" for h in next(it, ())]
        cols: dict[str, int] = {}
        missing = []
        for fld, head in mapping.items():
            if not head:  # an optional field the hall's layout does not have
                continue
            if head in header:
                cols[fld] = header.index(head)
            elif fld in IMPORT_FIELDS_REQUIRED:
                missing.append(head)
        if missing:
            raise ValidationError("导入文件缺少列：" + "、".join(missing)
                                  + "（可在投诉设置中修改导入列对应）")
        out = []
        for n, values in enumerate(it, start=2):
            if values is None or all(v is None or str(v).strip() == "" for v in values):
                continue
            out.append((n, {f: values[i] if i < len(values) else None
                            for f, i in cols.items()}))
        return out
    finally:
        wb.close()


def _cell_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def _parse_time(v: Any) -> dt.datetime:
    if isinstance(v, dt.datetime):
        return v.replace(microsecond=0)
    if isinstance(v, dt.date):
        return dt.datetime.combine(v, dt.time())
    t = _cell_text(v).replace("/", "-").replace("T", " ")
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(t, fmt)
        except ValueError:
            pass
    raise ValidationError(f"受理时间无法识别：“{t}”（如 2026-11-29 10:30）")


def _import_input(rec: Mapping[str, Any], source: Source, settings: ComplaintSettingsView,
                  now: dt.datetime) -> ComplaintInput:
    ext = _cell_text(rec.get("external_no"))
    if not ext:
        raise ValidationError("工单号为空")
    data = ComplaintInput(
        source=source, received_at=_parse_time(rec.get("received_at")),
        customer_name=_cell_text(rec.get("customer_name")),
        phone=_cell_text(rec.get("phone")), category=_cell_text(rec.get("category")),
        description=_cell_text(rec.get("description")),
        request=_cell_text(rec.get("request")), external_no=ext)
    return _validate(data, settings, now)
