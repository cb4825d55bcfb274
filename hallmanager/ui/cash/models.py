"""Item models of the 现金交接 tab: the day's tills, cash in/out, a teller's month totals."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from hallmanager.domain.cash.rules import HandoverState
from hallmanager.domain.money import format_fen
from hallmanager.services.cash.views import (
    InvoiceRangeView,
    MonthTotal,
    MovementView,
    TillCountView,
)
from hallmanager.ui.common.table_model import ALIGN_RIGHT, BaseTableModel, Column

OVER = QColor("#1a5fb4")  # 长款: blue
SHORT = QColor("#c5221f")  # 短款: red
BALANCED = QColor("#1e7e34")  # 平: green
PENDING = QColor("#FFF4E0")  # not yet confirmed by both sides
REVERSED = QColor("#EEEEEE")


def difference_color(fen: int) -> QColor:
    """The colour of an over/short figure everywhere in the tab."""
    return BALANCED if fen == 0 else OVER if fen > 0 else SHORT


def _money(fen: int) -> str:
    return format_fen(fen)


def difference_text(v: TillCountView) -> str:
    return format_fen(v.difference_fen) if v.reversal_of else v.difference_text


def _row_bg(v: TillCountView) -> QColor | None:
    if v.state in (HandoverState.DRAFT, HandoverState.HANDED):
        return PENDING
    if v.state == HandoverState.REVERSED or v.reversal_of:
        return REVERSED
    return None


class TillTableModel(BaseTableModel[TillCountView]):
    """单号 · 日期 · 班次 · 营业员 · 接收人 · 现金 · 非现金 · 实收 · 系统应收 · 长短款 · 原因 ·
    状态; unconfirmed tills tinted, reversed ones grey, the difference coloured."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([
            Column(self.tr("单号"), lambda v: v.id, align=ALIGN_RIGHT),
            Column(self.tr("日期"), lambda v: v.date),
            Column(self.tr("班次"), lambda v: v.shift_name),
            Column(self.tr("营业员"), lambda v: v.teller.name
                   + (self.tr("（冲正）") if v.reversal_of else "")),
            Column(self.tr("接收人"), lambda v: v.receiver.name),
            Column(self.tr("现金"), lambda v: v.cash_fen, display=_money, align=ALIGN_RIGHT),
            Column(self.tr("非现金"), lambda v: v.non_cash_fen, display=_money,
                   align=ALIGN_RIGHT),
            Column(self.tr("实收"), lambda v: v.received_fen, display=_money,
                   align=ALIGN_RIGHT),
            Column(self.tr("系统应收"), lambda v: v.receivable_fen, display=_money,
                   align=ALIGN_RIGHT),
            Column(self.tr("长短款"), difference_text, sort_key=lambda v: v.difference_fen,
                   align=ALIGN_RIGHT, foreground=lambda v: difference_color(v.difference_fen)),
            Column(self.tr("原因"), lambda v: f"{v.reason_label} {v.note}".strip()),
            Column(self.tr("状态"), lambda v: v.state.label + (
                self.tr("，待复核") if v.review_pending else "")),
        ], parent, row_background=_row_bg)


class MovementTableModel(BaseTableModel[MovementView]):
    """现金存取: time, shift, teller, amount (+ in, − out), reason, who recorded it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([
            Column(self.tr("时间"), lambda m: m.created_at),
            Column(self.tr("班次"), lambda m: m.shift_name),
            Column(self.tr("营业员"), lambda m: m.teller.name if m.teller else ""),
            Column(self.tr("金额"), lambda m: m.amount_fen, display=_money, align=ALIGN_RIGHT,
                   foreground=lambda m: SHORT if m.amount_fen < 0 else None),
            Column(self.tr("事由"), lambda m: m.reason),
            Column(self.tr("登记人"), lambda m: m.created_by.name),
        ], parent)


class MonthTotalTableModel(BaseTableModel[MonthTotal]):
    """A teller's over/short by month (reversed counts net out)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([
            Column(self.tr("月份"), lambda m: m.month),
            Column(self.tr("交接次数"), lambda m: m.counts, align=ALIGN_RIGHT),
            Column(self.tr("长款合计"), lambda m: m.over_fen, display=_money,
                   align=ALIGN_RIGHT, foreground=lambda m: OVER if m.over_fen else None),
            Column(self.tr("短款合计"), lambda m: m.short_fen, display=_money,
                   align=ALIGN_RIGHT, foreground=lambda m: SHORT if m.short_fen else None),
            Column(self.tr("短款次数"), lambda m: m.shortages, align=ALIGN_RIGHT),
            Column(self.tr("净额"), lambda m: m.over_fen + m.short_fen, display=_money,
                   align=ALIGN_RIGHT,
                   foreground=lambda m: difference_color(m.over_fen + m.short_fen)),
        ], parent)


class InvoiceTableModel(BaseTableModel[InvoiceRangeView]):
    """发票/收据号段交接: kind, numbers, who handed to whom, confirmed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([
            Column(self.tr("类别"), lambda r: r.kind_label),
            Column(self.tr("起始号码"), lambda r: r.number_from),
            Column(self.tr("结束号码"), lambda r: r.number_to),
            Column(self.tr("交出人"), lambda r: r.handed_by.name),
            Column(self.tr("接收人"), lambda r: r.handed_to.name),
            Column(self.tr("接收确认"), lambda r: r.confirmed_at,
                   display=lambda t: t.strftime("%H:%M") if t else self.tr("未确认")),
            Column(self.tr("备注"), lambda r: r.note),
        ], parent)
