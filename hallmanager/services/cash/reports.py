"""The cash module's report providers: the 现金交接 section of the shift handover sheet and
the 现金交接 sheet of the daily report (money cells as exact numbers, ``ColumnKind.MONEY``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from hallmanager.domain.cash.rules import sum_figures
from hallmanager.domain.money import format_fen
from hallmanager.exporters.data import (
    Column,
    ColumnKind,
    ReportSheet,
    Section,
    TableSection,
)
from hallmanager.services.reports import Provider, ReportScope
from hallmanager.storage.cash import repository as repo

if TYPE_CHECKING:
    from hallmanager.services.cash.service import CashService
    from hallmanager.services.cash.views import TillCountView

SECTION_HEADERS = ("营业员", "备用金", "系统应收", "现金", "非现金", "实收", "长短款", "原因")
M = ColumnKind.MONEY
SHEET_COLUMNS = (Column("班次"), Column("营业员"), Column("接收人"), Column("备用金", M),
                 Column("系统应收", M), Column("现金", M), Column("非现金", M),
                 Column("实收", M), Column("长短款", M), Column("原因"), Column("说明"),
                 Column("状态"))


class CashReports:
    def __init__(self, service: CashService) -> None:
        self.service = service

    def sheets(self) -> list[Provider]:
        return [Provider("cash.tills", self.sheet, 60)]

    def sections(self) -> list[Provider]:
        return [Provider("cash.handover", self.section, 60)]

    def _counts(self, scope: ReportScope, shift_id: int | None) -> list[TillCountView]:
        with self.service.ctx.db.read() as s:
            rows = repo.counts_between(s, scope.date, scope.date, shift_id=shift_id)
            return self.service._views(s, rows)

    def sheet(self, scope: ReportScope) -> Iterator[ReportSheet]:
        """One row per till (reversals as their own negative rows) and a 合计 row."""
        views = self._counts(scope, None)
        if not views:
            return
        rows = [(v.shift_name, v.teller.name, v.receiver.name, v.float_fen, v.receivable_fen,
                 v.cash_fen, v.non_cash_fen, v.received_fen, v.difference_fen, v.reason_label,
                 _note(v), _state(v)) for v in views]
        t = sum_figures(v.figures for v in views)
        rows.append(("合计", "", "", t.float_fen, t.receivable_fen, t.cash_fen, t.non_cash_fen,
                     t.received_fen, t.difference_fen, "", "", ""))
        yield ReportSheet("现金交接", "现金交接汇总", SHEET_COLUMNS, tuple(rows))

    def section(self, scope: ReportScope) -> Iterator[Section]:
        """Per teller of the shift: float, receivable, cash, non-cash, received, over/short
        and reason; the totals; in the note the day's deposit and safe once the day is closed
        (one table keeps the sheet on one A4 page)."""
        if scope.shift is None:
            return
        views = self._counts(scope, scope.shift.id)
        rows = [(v.teller.name + ("（冲正）" if v.reversal_of else ""),
                 *(format_fen(x, symbol=False) for x in (
                     v.float_fen, v.receivable_fen, v.cash_fen, v.non_cash_fen,
                     v.received_fen)),
                 v.difference_text if not v.reversal_of else format_fen(v.difference_fen),
                 v.reason_label + (f"：{v.note}" if v.note else "")) for v in views]
        if views:
            t = sum_figures(v.figures for v in views)
            rows.append(("合计", *(format_fen(x, symbol=False) for x in (
                t.float_fen, t.receivable_fen, t.cash_fen, t.non_cash_fen, t.received_fen)),
                t.describe(), ""))
        notes = []
        open_ = sum(1 for v in views if not v.final)
        if open_:
            notes.append(f"{open_} 个款箱尚未双方确认")
        with self.service.ctx.db.read() as s:
            close = repo.day_close(s, scope.date)
        if close is not None:  # the day's deposit and safe, on every shift's sheet of the day
            bag = "／".join(x for x in (close.bag_no, close.seal_no) if x)
            parts = [f"解款 {format_fen(close.deposit_fen)}"
                     + (f"（{bag}" + (f"，{close.deposited_at:%H:%M}" if close.deposited_at
                                     else "") + (f"，押运 {close.escort}" if close.escort
                                                 else "") + "）" if close.deposit_fen else ""),
                     f"存保险柜 {format_fen(close.safe_fen)}"]
            if close.gap_fen:
                parts.append(f"差额 {format_fen(close.gap_fen)}：{close.gap_note}")
            notes.append("日结：" + "，".join(parts))
        yield TableSection("现金交接", SECTION_HEADERS, tuple(rows),
                           col_widths=(1.4, 0.9, 1.05, 1.05, 1.05, 1.05, 1.3, 2.3),
                           empty_text="本班无现金交接记录",
                           note="；".join(notes) or None)

def _note(v: TillCountView) -> str:
    if v.reversal_of:
        return f"冲正 #{v.reversal_of}：{v.reversal_reason}"
    return v.note


def _state(v: TillCountView) -> str:
    label = v.state.label
    if v.review is not None:
        label += "，已复核"
    elif v.review_pending:
        label += "，待复核"
    return label
