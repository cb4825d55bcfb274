"""The 今日 list: attention items, most urgent first (the service's order)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from hallmanager.services.today import DETAIL_SEPARATOR, AttentionItem, Severity
from hallmanager.ui.common.table_model import (
    ALIGN_CENTER,
    DUE_SOON_BACKGROUND,
    OVERDUE_BACKGROUND,
    BaseTableModel,
    Column,
)
from hallmanager.ui.i18n import translate_text

SEVERITY_FOREGROUND = {Severity.OVERDUE: QColor("#b3261e"), Severity.DUE_SOON: QColor("#9a5b00"),
                       Severity.INFO: QColor("#1a5fb4")}


def severity_background(item: AttentionItem) -> QColor | None:
    if item.severity == Severity.OVERDUE:
        return OVERDUE_BACKGROUND
    if item.severity == Severity.DUE_SOON:
        return DUE_SOON_BACKGROUND
    return None


def item_title(item: AttentionItem) -> str:
    """The title in the UI's language when the provider built it translatable."""
    return translate_text(item.title_text) if item.title_text is not None else item.title


def item_detail(item: AttentionItem) -> str:
    if not item.detail_texts:
        return item.detail
    return DETAIL_SEPARATOR.join(translate_text(t) for t in item.detail_texts)


class AttentionTableModel(BaseTableModel[AttentionItem]):
    """状态 · 时间 · 事项 · 详情; overdue rows red, due-soon orange. ``today`` decides whether
    a time shows with its date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.today: dt.date | None = None
        super().__init__([
            Column(self.tr("状态"), lambda i: self._severity(i.severity), align=ALIGN_CENTER,
                   sort_key=lambda i: i.severity.rank,
                   foreground=lambda i: SEVERITY_FOREGROUND.get(i.severity)),
            Column(self.tr("时间"), lambda i: i.due_at, display=self._when, align=ALIGN_CENTER),
            Column(self.tr("事项"), item_title, tooltip=item_title),
            Column(self.tr("详情"), item_detail, tooltip=lambda i: item_detail(i) or None),
        ], parent, row_background=severity_background)

    def _severity(self, s: Severity) -> str:
        return {Severity.OVERDUE: self.tr("已超时"), Severity.DUE_SOON: self.tr("即将到期"),
                Severity.INFO: self.tr("提示")}[s]

    def _when(self, t: dt.datetime | None) -> str:
        if t is None:
            return ""
        return t.strftime("%H:%M") if t.date() == self.today else t.strftime("%m-%d %H:%M")
