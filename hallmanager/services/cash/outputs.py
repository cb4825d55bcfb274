"""Views → the plain data the cash writers take (the exporters know no service)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from hallmanager.domain.cash.rules import sum_figures
from hallmanager.domain.money import format_fen
from hallmanager.exporters.cash_slip import SlipLine, TillSlip
from hallmanager.exporters.list_excel import Fen, ListSheet, ListWorkbook
from hallmanager.services.cash.views import (
    CashSettingsView,
    DayCloseView,
    InvoiceRangeView,
    MovementView,
    TillCountView,
)


def slip_rows(view: TillCountView, settings: CashSettingsView) -> tuple[tuple[str, str], ...]:
    """The slip's figures as (label, text) pairs, in print order."""
    rows = [("交出人（营业员）", view.teller.name), ("接收人", view.receiver.name),
            ("备用金", format_fen(view.float_fen)), ("系统应收", format_fen(view.receivable_fen)),
            ("现金清点合计", format_fen(view.cash_fen))]
    rows += [(f"非现金：{settings.method_label(k)}", format_fen(v)) for k, v in view.non_cash]
    rows += [("非现金合计", format_fen(view.non_cash_fen)), ("实收", format_fen(view.received_fen)),
             ("长短款", view.difference_text if not view.reversal_of
              else format_fen(view.difference_fen))]
    if view.reason_code or view.note:
        rows.append(("原因", f"{view.reason_label}　{view.note}".strip()))
    if view.review is not None:
        rows.append(("厅经理复核", f"{view.review.by.name} {view.review.at:%Y-%m-%d %H:%M}　"
                                   f"{view.review.note}"))
    elif view.review_pending:
        rows.append(("厅经理复核", "待复核（短款超过复核金额）"))
    if view.reversal_of:
        rows.append(("冲正", f"冲正第 {view.reversal_of} 号交接单：{view.reversal_reason}"))
    if view.reversed_by:
        rows.append(("冲正", f"本单已由第 {view.reversed_by} 号冲正"))
    return tuple(rows)


def till_slip(view: TillCountView, settings: CashSettingsView, *, hall_name: str,
              printed_at: dt.datetime, printed_by: str) -> TillSlip:
    return TillSlip(
        hall_name=hall_name, number=view.id, date=view.date, shift_name=view.shift_name,
        state=view.state.label, reversal=view.reversal_of is not None,
        rows=slip_rows(view, settings),
        lines=tuple(SlipLine(ln.label, ln.pieces, ln.amount_fen) for ln in view.lines),
        cash_fen=view.cash_fen, giver_confirmed_at=view.giver_confirmed_at,
        receiver_confirmed_at=view.receiver_confirmed_at, printed_at=printed_at,
        printed_by=printed_by)


def count_sheet(counts: Sequence[TillCountView], settings: CashSettingsView) -> ListSheet:
    """款箱清点: one row per count (reversals as their own negative rows), 合计 last."""
    methods = [k for k, _l in settings.non_cash_methods]
    for v in counts:
        methods += [k for k, _x in v.non_cash if k not in methods]
    headers = ("日期", "班次", "单号", "营业员", "接收人", "备用金", "系统应收", "现金",
               *(settings.method_label(k) for k in methods), "非现金合计", "实收",
               "长短款", "原因", "说明", "状态", "复核", "冲正")
    rows: list[tuple[Any, ...]] = []
    for v in counts:
        nc = dict(v.non_cash)
        review = f"{v.review.by.name}：{v.review.note}" if v.review else (
            "待复核" if v.review_pending else "")
        rev = (f"冲正 #{v.reversal_of}：{v.reversal_reason}" if v.reversal_of
               else f"已由 #{v.reversed_by} 冲正" if v.reversed_by else "")
        rows.append((v.date, v.shift_name, v.id, v.teller.name, v.receiver.name,
                     Fen(v.float_fen), Fen(v.receivable_fen), Fen(v.cash_fen),
                     *(Fen(nc.get(k, 0)) for k in methods), Fen(v.non_cash_fen),
                     Fen(v.received_fen), Fen(v.difference_fen), v.reason_label, v.note,
                     v.state.label, review, rev))
    t = sum_figures(v.figures for v in counts)
    rows.append(("合计", "", "", "", "", Fen(t.float_fen), Fen(t.receivable_fen),
                 Fen(t.cash_fen), *(Fen(t.non_cash.get(k, 0)) for k in methods),
                 Fen(t.non_cash_fen), Fen(t.received_fen), Fen(t.difference_fen), "", "", "",
                 "", ""))
    return ListSheet("款箱清点", headers, tuple(rows))


def workbook(*, hall_name: str, start: dt.date, end: dt.date, settings: CashSettingsView,
             counts: Sequence[TillCountView], movements: Sequence[MovementView],
             closes: Sequence[DayCloseView], invoices: Sequence[InvoiceRangeView],
             generated_at: dt.datetime, generated_by: str) -> ListWorkbook:
    period = start.isoformat() if start == end else f"{start.isoformat()} 至 {end.isoformat()}"
    sheets = (
        count_sheet(counts, settings),
        ListSheet("日结解款", ("日期", "清点现金", "解款金额", "存入保险柜", "差额", "差额说明",
                           "款袋号", "封签号", "解款时间", "押运/陪同", "日结人"),
                  tuple((c.date, Fen(c.counted_fen), Fen(c.deposit_fen), Fen(c.safe_fen),
                         Fen(c.gap_fen), c.gap_note, c.bag_no, c.seal_no, c.deposited_at,
                         c.escort, c.closed_by.name) for c in closes)),
        ListSheet("现金存取", ("日期", "班次", "营业员", "金额", "事由", "登记人", "登记时间"),
                  tuple((m.date, m.shift_name, m.teller.name if m.teller else "",
                         Fen(m.amount_fen), m.reason, m.created_by.name, m.created_at)
                        for m in movements)),
        ListSheet("发票收据", ("日期", "类别", "起始号码", "结束号码", "交出人", "接收人",
                           "接收确认", "备注"),
                  tuple((r.date, r.kind_label, r.number_from, r.number_to, r.handed_by.name,
                         r.handed_to.name, r.confirmed_at or "未确认", r.note)
                        for r in invoices)))
    return ListWorkbook(hall_name, "现金交接明细", period, sheets, generated_at, generated_by)
