"""Item models of the 考勤与扣款 tab: the day's people and the month's summary."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from hallmanager.domain.attendance.classify import mmss
from hallmanager.domain.money import format_fen
from hallmanager.services.attendance.views import MARK_LABELS, DayView, PersonMonth
from hallmanager.ui.common.table_model import ALIGN_CENTER, ALIGN_RIGHT, BaseTableModel, Column

EXCEPTION = QColor("#FDECEA")
EXCEPTION_MARKS = ("迟", "早", "旷", "缺")


def _hm(t: Any) -> str:
    return t.strftime("%H:%M") if t else "—"


def punches_text(d: DayView) -> str:
    """'09:25–12:31 · 15:12–18:35' (— for a missing punch)."""
    return " · ".join(f"{_hm(s.arrived)}–{_hm(s.left)}" for s in d.sessions)


def status_text(d: DayView) -> str:
    if not d.scheduled:
        return d.holiday_name or d.kind.label
    return "、".join(dict.fromkeys(s.status for s in d.sessions)) or ""


def minutes(seconds: int) -> str:
    """'27:00' for a lateness, blank for none (the domain's own mm:ss)."""
    return mmss(seconds) if seconds else ""


class DayTableModel(BaseTableModel[DayView]):
    """工号 · 姓名 · 标记 · 打卡 · 情况 · 迟到 · 早退 · 扣款 · 依据; exceptions tinted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([
            Column(self.tr("工号"), lambda d: d.staff.staff_no),
            Column(self.tr("姓名"), lambda d: d.staff.name),
            Column(self.tr("标记"), lambda d: d.mark, align=ALIGN_CENTER,
                   tooltip=lambda d: MARK_LABELS.get(d.mark, "")),
            Column(self.tr("打卡"), punches_text),
            Column(self.tr("情况"), status_text),
            Column(self.tr("迟到"), lambda d: sum(s.late_s for s in d.sessions),
                   display=minutes, align=ALIGN_RIGHT),
            Column(self.tr("早退"), lambda d: sum(s.early_s for s in d.sessions),
                   display=minutes, align=ALIGN_RIGHT),
            Column(self.tr("扣款"), lambda d: d.fine_fen,
                   display=lambda f: format_fen(f) if f else "", align=ALIGN_RIGHT),
            Column(self.tr("依据"), lambda d: "；".join(f.explanation + ("（已免除）" if f.waived
                                                                         else "")
                                                      for f in d.fines)),
        ], parent, row_background=lambda d: EXCEPTION if d.mark in EXCEPTION_MARKS else None)


class MonthTableModel(BaseTableModel[PersonMonth]):
    """One row per person: the month's figures and the fine total."""

    def __init__(self, parent: QWidget | None = None) -> None:
        def n(v: int) -> str:
            return str(v) if v else ""

        super().__init__([
            Column(self.tr("工号"), lambda p: p.staff.staff_no),
            Column(self.tr("姓名"), lambda p: p.staff.name),
            Column(self.tr("应出勤"), lambda p: p.scheduled_days, align=ALIGN_RIGHT),
            Column(self.tr("实出勤"), lambda p: p.present_days, align=ALIGN_RIGHT),
            Column(self.tr("迟到"), lambda p: p.late_count, display=n, align=ALIGN_RIGHT),
            Column(self.tr("早退"), lambda p: p.early_count, display=n, align=ALIGN_RIGHT),
            Column(self.tr("旷工"), lambda p: p.absences, display=n, align=ALIGN_RIGHT),
            Column(self.tr("缺卡"), lambda p: p.missing_punches, display=n, align=ALIGN_RIGHT),
            Column(self.tr("请假"), lambda p: p.leave_days, display=n, align=ALIGN_RIGHT),
            Column(self.tr("违规"), lambda p: p.violations, display=n, align=ALIGN_RIGHT),
            Column(self.tr("扣款"), lambda p: p.fine_fen, display=lambda f: format_fen(f),
                   align=ALIGN_RIGHT),
            Column(self.tr("已免除"), lambda p: p.waived_fen,
                   display=lambda f: format_fen(f) if f else "", align=ALIGN_RIGHT),
        ], parent)
