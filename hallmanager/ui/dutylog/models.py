"""Table models of the 值班日志 tab: log list, checklist, faults, hand-over items, amendments.

All are ``BaseTableModel`` subclasses over the service's frozen views, so headers are
translated in their own context and every list sorts and searches alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableView, QWidget

from hallmanager.domain.dutylog import FaultStatus, LogStatus
from hallmanager.domain.dutylog.checklist import Flag, ItemStatus
from hallmanager.services.dutylog import (
    AmendmentView,
    ChecklistEntryView,
    DutyLogSummary,
    FaultView,
    HandoverView,
)
from hallmanager.ui.common.table_model import (
    ALIGN_CENTER,
    DUE_SOON_BACKGROUND,
    MUTED_FOREGROUND,
    OVERDUE_BACKGROUND,
    BaseTableModel,
    Column,
)

DONE_FOREGROUND = QColor("#1e7e34")
OVERDUE_FOREGROUND = QColor("#b3261e")


def fit_height(view: QTableView, min_rows: int = 2, max_rows: int = 12) -> None:
    """Size a table inside the scrolling log page to its rows (no scroll inside a scroll)."""
    n = view.model().rowCount()
    default = view.verticalHeader().defaultSectionSize()
    shown = min(n, max_rows)
    rows_h = sum(view.rowHeight(r) or default for r in range(shown))
    rows_h += max(0, min_rows - shown) * default
    header = view.horizontalHeader().sizeHint().height()
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setFixedHeight(header + rows_h + 2 * view.frameWidth() + 2)


def hm(t: dt.datetime | None) -> str:
    return t.strftime("%H:%M") if t else ""


def mdhm(t: dt.datetime | None) -> str:
    return t.strftime("%m-%d %H:%M") if t else ""


class DutyLogListTableModel(BaseTableModel[DutyLogSummary]):
    """Recent logs (newest first) to jump to an older one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([
            Column(self.tr("日期"), lambda r: r.date),
            Column(self.tr("班次"), lambda r: r.shift_name),
            Column(self.tr("值班经理"), lambda r: r.duty_manager.name),
            Column(self.tr("状态"), lambda r: self._status(r), align=ALIGN_CENTER,
                   tooltip=lambda r: self.tr("{0} 项流程未完成").format(r.pending_items)
                   if r.pending_items else None,
                   foreground=lambda r: OVERDUE_FOREGROUND if r.status == LogStatus.DRAFT
                   else None),
        ], parent, row_foreground=lambda r: MUTED_FOREGROUND if r.status == LogStatus.SIGNED
            and not r.pending_items else None)

    def _status(self, r: DutyLogSummary) -> str:
        if r.status == LogStatus.SIGNED:
            return self.tr("已签字·已更正") if r.amended else self.tr("已签字")
        return self.tr("草稿")


def checklist_background(e: ChecklistEntryView) -> QColor | None:
    """Overdue red, due soon orange (the standard colours), done/skipped plain."""
    if e.status == ItemStatus.PENDING and e.flag == Flag.OVERDUE:
        return OVERDUE_BACKGROUND
    if e.status == ItemStatus.PENDING and e.flag == Flag.DUE_SOON:
        return DUE_SOON_BACKGROUND
    return None


class ChecklistTableModel(BaseTableModel[ChecklistEntryView]):
    """值班经理每日工作流程: target time, item, status, done at/by, skip reason."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([
            Column(self.tr("目标时间"), lambda e: e.target_at, display=hm, align=ALIGN_CENTER),
            Column(self.tr("项目"), lambda e: e.title),
            Column(self.tr("状态"), lambda e: self._status(e), align=ALIGN_CENTER,
                   sort_key=lambda e: (e.status != ItemStatus.PENDING, e.status.value),
                   foreground=self._status_color),
            Column(self.tr("完成时间"), lambda e: e.done_at, display=hm, align=ALIGN_CENTER),
            Column(self.tr("完成人"), lambda e: e.done_by.name if e.done_by else ""),
            Column(self.tr("跳过原因"), lambda e: e.skip_reason, tooltip=lambda e: e.skip_reason),
        ], parent, row_background=checklist_background)

    def _status(self, e: ChecklistEntryView) -> str:
        if e.status == ItemStatus.DONE:
            return self.tr("已完成（超时）") if e.late else self.tr("已完成")
        if e.status == ItemStatus.SKIPPED:
            return self.tr("已跳过")
        if e.flag == Flag.OVERDUE:
            return self.tr("已超时")
        if e.flag == Flag.DUE_SOON:
            return self.tr("即将到期")
        return self.tr("未完成")

    @staticmethod
    def _status_color(e: ChecklistEntryView) -> QColor | None:
        if e.status == ItemStatus.DONE and not e.late:
            return DONE_FOREGROUND
        if e.overdue:
            return OVERDUE_FOREGROUND
        return None


class FaultTableModel(BaseTableModel[FaultView]):
    """Equipment faults open during the shift (设备故障: what, where, since, reported, status)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([
            Column(self.tr("故障"), lambda f: f.what, tooltip=lambda f: f.note or None),
            Column(self.tr("位置"), lambda f: f.location),
            Column(self.tr("发现时间"), lambda f: f.since, display=mdhm),
            Column(self.tr("状态"), lambda f: self._status(f.status), align=ALIGN_CENTER),
            Column(self.tr("报修对象"), lambda f: f.reported_to),
            Column(self.tr("报修时间"), lambda f: f.reported_at, display=mdhm),
            Column(self.tr("修复时间"), lambda f: f.repaired_at, display=mdhm),
            Column(self.tr("说明"), lambda f: f.note),
        ], parent, row_background=lambda f: OVERDUE_BACKGROUND if f.status == FaultStatus.OPEN
            else None, row_foreground=lambda f: MUTED_FOREGROUND if not f.is_open else None)

    def _status(self, s: FaultStatus) -> str:
        return {FaultStatus.OPEN: self.tr("未报修"), FaultStatus.REPORTED: self.tr("已报修"),
                FaultStatus.REPAIRED: self.tr("已修复")}[s]


class HandoverTableModel(BaseTableModel[HandoverView]):
    """Items handed on to the next shift (outgoing), with whether they were received."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([
            Column(self.tr("交接事项"), lambda h: h.text, tooltip=lambda h: h.text),
            Column(self.tr("交给"), lambda h: f"{h.target_date:%m-%d} {h.target_shift_name}"),
            Column(self.tr("登记时间"), lambda h: h.created_at, display=hm, align=ALIGN_CENTER),
            Column(self.tr("接收"), lambda h: self._ack(h)),
        ], parent)

    def _ack(self, h: HandoverView) -> str:
        if not h.acknowledged:
            return self.tr("待确认")
        return self.tr("{0} {1} 已确认").format(h.ack_by.name if h.ack_by else "", mdhm(h.ack_at))


class AmendmentTableModel(BaseTableModel[AmendmentView]):
    """更正记录: who, when, which field, why, old → new. ``describe`` renders values
    (people ids as names)."""

    def __init__(self, describe: Callable[[str, Any], str],
                 parent: QWidget | None = None) -> None:
        super().__init__([
            Column(self.tr("时间"), lambda a: a.at, display=mdhm),
            Column(self.tr("更正人"), lambda a: a.by.name if a.by else ""),
            Column(self.tr("字段"), lambda a: a.field_label),
            Column(self.tr("原因"), lambda a: a.reason, tooltip=lambda a: a.reason),
            Column(self.tr("原值"), lambda a: describe(a.field, a.old_value),
                   tooltip=lambda a: describe(a.field, a.old_value)),
            Column(self.tr("新值"), lambda a: describe(a.field, a.new_value),
                   tooltip=lambda a: describe(a.field, a.new_value)),
        ], parent)
