"""The attendance module's part of the paper: the 考勤情况 section of the shift handover sheet
and the 考勤 sheet of the daily report — late, early, absent, missing punches, on leave,
violations and the fines of the day, each fine with the rule that produced it.

Nothing for a user who may not see attendance, nothing for a hall without a roster. Staff
phone numbers are in a column marked ``Personal.PHONE`` (masked unless the output is unmasked).
"""

from __future__ import annotations

from collections.abc import Iterable

from hallmanager.domain.attendance.classify import Mark
from hallmanager.domain.money import format_fen
from hallmanager.domain.roles import Action
from hallmanager.exporters.data import (
    Column,
    ColumnKind,
    Personal,
    ReportSheet,
    Section,
    TableSection,
)
from hallmanager.services.attendance.service import AttendanceService
from hallmanager.services.attendance.views import DayView, FineView
from hallmanager.services.reports import Provider, ReportScope

ORDER = 50
EMPTY = "今日无迟到、早退、旷工、缺卡、请假或违规"


def _events(day: DayView) -> list[tuple[str, str, str, int, str]]:
    """(情况, 时段, 时间, 扣款 fen, 说明) lines of one person's day."""
    out: list[tuple[str, str, str, int, str]] = []
    fines = {(f.kind, f.session): f for f in day.fines}
    for x in day.sessions:
        if x.leave_type:
            out.append((x.leave_type, x.label, "", 0, "请假"))
            continue
        if x.late_s:
            f = fines.get(("late", x.label))
            out.append(("迟到", x.label, f"{x.arrived:%H:%M:%S}" if x.arrived else "",
                        f.due_fen if f else 0, _fine_text(f)))
        if x.early_s:
            f = fines.get(("early", x.label))
            out.append(("早退", x.label, f"{x.left:%H:%M:%S}" if x.left else "",
                        f.due_fen if f else 0, _fine_text(f)))
        if x.missing_in or x.missing_out:
            at = x.left if x.missing_in else x.arrived
            out.append(("缺卡", x.label, f"{at:%H:%M:%S}" if at else "", 0,
                        "缺上班卡" if x.missing_in else "缺下班卡"))
    if day.mark == Mark.ABSENT.value:
        f = fines.get(("absent", None))
        out.append(("旷工", "", "", f.due_fen if f else 0, _fine_text(f)))
    for f in day.fines:
        if f.kind == "item":
            out.append(("违规", "", "", f.due_fen, _fine_text(f)))
    return out


def _fine_text(f: FineView | None) -> str:
    return f.text if f else ""


def _short(note: str) -> str:
    """The sheet's one-line form of a fine's explanation: the tier and the rule version
    (the full sentence is in the daily report's 考勤 sheet)."""
    if "→" not in note:
        return note
    head, _, tail = note.partition("→")
    tier = head[head.find("（") + 1:head.rfind("）")] if "（" in head else ""
    rule = tail[tail.find("规则"):] if "规则" in tail else ""
    return "，".join(x for x in (tier, rule) if x)


class AttendanceReports:
    """The providers, bound to the service (registered through the module)."""

    def __init__(self, service: AttendanceService) -> None:
        self.service = service

    def _days(self, scope: ReportScope) -> list[DayView] | None:
        if not self.service.ctx.auth.may(Action.VIEW_ATTENDANCE):
            return None
        days = self.service.day_overview(scope.date)
        return days or None

    def sheets(self) -> list[Provider]:
        return [Provider("attendance.day", self.sheet, ORDER)]

    def sections(self) -> list[Provider]:
        return [Provider("attendance.day", self.section, ORDER)]

    def section(self, scope: ReportScope) -> Iterable[Section]:
        days = self._days(scope)
        if days is None:
            return
        rows = tuple((d.staff.name, d.staff.staff_no, what, when or span,
                      format_fen(fen) if fen else "", _short(note))
                     for d in days for what, span, when, fen, note in _events(d))
        due = [d for d in days if d.scheduled and not all(x.leave_type for x in d.sessions)]
        came = sum(1 for d in due if any(x.arrived or x.left for x in d.sessions))
        total = sum(d.fine_fen for d in days)
        note = (f"应到 {len(due)} 人，已到 {came} 人；当日扣款合计 {format_fen(total)}。"
                if due else "今日无排班。")
        yield TableSection("考勤情况", ("姓名", "工号", "情况", "时间/时段", "扣款", "说明"),
                           rows, col_widths=(1.2, 1.1, 0.9, 1.6, 1.0, 4.2),
                           empty_text=EMPTY, note=note)

    def sheet(self, scope: ReportScope) -> Iterable[ReportSheet]:
        days = self._days(scope)
        if days is None:
            return
        people = {p.id: p for p in self.service.staff(include_inactive=True)}
        cols = (Column("工号"), Column("姓名"), Column("岗位"),
                Column("手机", personal=Personal.PHONE), Column("情况"), Column("时段"),
                Column("打卡时间"), Column("扣款", ColumnKind.MONEY),
                Column("规则与说明", max_width=48))
        rows = []
        for d in days:
            p = people.get(d.staff.id)
            for what, span, when, fen, note in _events(d):
                rows.append((d.staff.staff_no, d.staff.name, p.position if p else "",
                             p.phone if p else "", what, span, when, fen, note))
        yield ReportSheet("考勤", f"考勤与扣款 {scope.date.isoformat()}", cols, tuple(rows),
                          empty_text=EMPTY)
