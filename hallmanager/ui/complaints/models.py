"""Item models of the 投诉登记 tab: the paged complaint list, the timeline, the call-backs and
the playbook.

The list shows what the service gives: masked names and phones (张*, 138****5678). Overdue
rows are red, due-soon rows yellow, with the deadline's state spelled out in its own column
so colour is never the only sign.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from hallmanager.domain.complaints.rules import Urgency
from hallmanager.services.complaints.views import (
    CallbackView,
    ComplaintRow,
    PlaybookView,
    TimelineEntry,
)
from hallmanager.ui.common.table_model import (
    ALIGN_CENTER,
    ALIGN_RIGHT,
    DUE_SOON_BACKGROUND,
    MUTED_FOREGROUND,
    OVERDUE_BACKGROUND,
    BaseTableModel,
    Column,
    PagedTableModel,
)

OVERDUE_TEXT = QColor("#b3261e")


def when(value: dt.datetime | None) -> str:
    return value.strftime("%m-%d %H:%M") if value else ""


def row_background(c: ComplaintRow) -> QColor | None:
    """Overdue red, due soon yellow (the program's standard colours)."""
    if c.urgency == Urgency.OVERDUE:
        return OVERDUE_BACKGROUND
    if c.urgency == Urgency.DUE_SOON:
        return DUE_SOON_BACKGROUND
    return None


def flags_text(c: ComplaintRow) -> str:
    """The flags of a complaint in a few characters: 急 升 重 V."""
    parts = []
    if c.urgent:
        parts.append("急")
    if c.escalated or c.escalation_threat:
        parts.append("升")
    if c.repeat:
        parts.append("重")
    if c.vip:
        parts.append("V")
    return " ".join(parts)


def flags_tooltip(c: ComplaintRow) -> str:
    parts = []
    if c.urgent:
        parts.append("紧急")
    if c.escalated:
        parts.append("已升级")
    elif c.escalation_threat:
        parts.append("客户声称升级")
    if c.repeat:
        parts.append("30 天内重复投诉")
    if c.vip:
        parts.append("VIP / 集团客户")
    return "、".join(parts)


class ComplaintListModel(PagedTableModel[ComplaintRow]):
    """编号 · 受理时间 · 来源 · 类别 · 客户 · 电话 · 状态 · 时限 · 期限状态 · 处理人 · 标记 · 问题."""

    def __init__(self, parent: QWidget | None = None, *, page_size: int = 200) -> None:
        super().__init__([
            Column(self.tr("编号"), lambda c: c.number),
            Column(self.tr("受理时间"), lambda c: c.received_at,
                   display=lambda t: t.strftime("%Y-%m-%d %H:%M") if t else ""),
            Column(self.tr("来源"), lambda c: c.source.label),
            Column(self.tr("类别"), lambda c: c.category),
            Column(self.tr("客户"), lambda c: c.customer_name),
            Column(self.tr("电话"), lambda c: c.phone),
            Column(self.tr("状态"), lambda c: c.status.label),
            Column(self.tr("时限"), lambda c: c.deadline, display=when,
                   tooltip=lambda c: self.tr("回访时限") if c.status.value == "replied"
                   else self.tr("处理时限")),
            Column(self.tr("期限"), lambda c: c.urgency.label, align=ALIGN_CENTER,
                   foreground=lambda c: OVERDUE_TEXT if c.urgency == Urgency.OVERDUE
                   else (MUTED_FOREGROUND if c.urgency == Urgency.DONE else None)),
            Column(self.tr("处理人"), lambda c: c.handler_name),
            Column(self.tr("标记"), flags_text, align=ALIGN_CENTER, tooltip=flags_tooltip),
            Column(self.tr("问题描述"), lambda c: c.description.replace("\n", " ")[:80],
                   tooltip=lambda c: c.description),
        ], parent, page_size=page_size, row_background=row_background)

    def find_row(self, complaint_id: int) -> int:
        """Row number of a loaded complaint (-1 when not loaded)."""
        for i, c in enumerate(self._rows):
            if c.id == complaint_id:
                return i
        return -1


class TimelineModel(BaseTableModel[TimelineEntry]):
    """Every action with time and user (the service's order: oldest first)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([
            Column(self.tr("时间"), lambda e: e.at,
                   display=lambda t: t.strftime("%Y-%m-%d %H:%M") if t else ""),
            Column(self.tr("操作人"), lambda e: e.user_name),
            Column(self.tr("操作"), lambda e: e.action_label),
            Column(self.tr("状态"), lambda e: _status_change(e)),
            Column(self.tr("说明"), lambda e: e.note.replace("\n", " "),
                   tooltip=lambda e: e.note or None),
        ], parent)


def _status_change(e: TimelineEntry) -> str:
    if e.to_status is None:
        return ""
    if e.from_status is None:
        return e.to_status.label
    return f"{e.from_status.label} → {e.to_status.label}"


class CallbackModel(BaseTableModel[CallbackView]):
    """The call-back attempts (回访): result, satisfaction, reason."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([
            Column(self.tr("回访时间"), lambda a: a.at,
                   display=lambda t: t.strftime("%Y-%m-%d %H:%M") if t else ""),
            Column(self.tr("结果"), lambda a: a.result.label),
            Column(self.tr("满意度"), lambda a: a.satisfaction.label if a.satisfaction else ""),
            Column(self.tr("原因"), lambda a: a.reason),
            Column(self.tr("回访人"), lambda a: a.by_name),
        ], parent)


class PlaybookModel(BaseTableModel[PlaybookView]):
    """The customer situations (情形) in the hall's order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([
            Column(self.tr("序号"), lambda p: p.sort_order, align=ALIGN_RIGHT),
            Column(self.tr("情形"), lambda p: p.title),
            Column(self.tr("应对建议"), lambda p: p.advice, tooltip=lambda p: p.advice),
        ], parent)

