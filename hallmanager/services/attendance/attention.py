"""The attendance module's part of the 今日 page: who has not punched 10 minutes after their
session started (and is not on leave), and a holiday table about to run out.

Used by ``AttendanceService.attention`` through the module's ``build``; nothing for a user who
may not record attendance.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from hallmanager.domain.attendance.timetable import DayKind
from hallmanager.domain.roles import Action
from hallmanager.domain.texts import QT_TRANSLATE_NOOP, Text
from hallmanager.services.attendance.service import AttendanceService
from hallmanager.services.today import AttentionItem, Severity, Target

MODULE = "attendance"
NOT_PUNCHED_AFTER = dt.timedelta(minutes=10)
HOLIDAYS_WARN_DAYS = 31


def attention_items(service: AttendanceService, now: dt.datetime) -> list[AttentionItem]:
    if not service.ctx.auth.may(Action.RECORD_ATTENDANCE):
        return []
    out: list[AttentionItem] = []
    days = service.day_overview(now.date())
    if not days:  # no roster yet
        return out
    for v in days:
        for x in v.sessions:
            if x.leave_type or x.arrived or x.left:
                continue
            if x.start + NOT_PUNCHED_AFTER <= now < x.end:
                late = int((now - x.start).total_seconds() // 60)
                out.append(AttentionItem.of(
                    "attendance_not_punched", Severity.OVERDUE,
                    Text(QT_TRANSLATE_NOOP("AttentionText", "%1 尚未打卡"), (v.staff.label,)),
                    [Text(QT_TRANSLATE_NOOP("AttentionText", "上班时间 %1"),
                          (f"{x.start:%H:%M}",)),
                     Text(QT_TRANSLATE_NOOP("AttentionText", "已过 %1 分钟"), (str(late),))],
                    x.start + NOT_PUNCHED_AFTER,
                    Target(MODULE, "staff_day", v.staff.id, now.date())))
                break
    table = service.holiday_table(now.year)
    until = table.covered_until
    if until is None or (until - now.date()).days < HOLIDAYS_WARN_DAYS:
        out.append(AttentionItem.of(
            "attendance_holidays_ending", Severity.INFO,
            Text(QT_TRANSLATE_NOOP("AttentionText", "节假日表只到 %1"),
                 (until.isoformat() if until else "—",)),
            [Text(QT_TRANSLATE_NOOP("AttentionText",
                                    "请在考勤设置中录入国务院办公厅发布的下一年放假安排"))],
            None, Target(MODULE, "holidays", None)))
    return out


def status_lines(service: AttendanceService, now: dt.datetime) -> Iterator[Text]:
    """The 今日 header: 今日出勤 到岗/应到（迟到 n）."""
    if not service.ctx.auth.may(Action.VIEW_ATTENDANCE):
        return
    days = service.day_overview(now.date())
    due = [v for v in days if v.scheduled and v.kind != DayKind.UNKNOWN
           and not all(x.leave_type for x in v.sessions)]
    if not due:
        return
    came = sum(1 for v in due if any(x.arrived or x.left for x in v.sessions))
    late = sum(1 for v in due if any(x.late_s for x in v.sessions))
    yield Text(QT_TRANSLATE_NOOP("AttentionText", "今日出勤 %1/%2（迟到 %3）"),
               (str(came), str(len(due)), str(late)))
