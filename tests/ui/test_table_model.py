"""BaseTableModel and FilterProxyModel without any view (Vorta style), plus qtmodeltester."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from hallmanager.domain.money import format_fen
from hallmanager.ui.common.table_model import (
    ALIGN_RIGHT,
    ROW_ROLE,
    SORT_ROLE,
    BaseTableModel,
    Column,
    FilterProxyModel,
)

RED = QColor("#fde2e1")


@dataclass(frozen=True)
class Item:
    number: str
    customer: str
    amount_fen: int
    deadline: dt.datetime | None
    overdue: bool


ROWS = [
    Item("TS-0003", "张三", 12_050, dt.datetime(2026, 11, 23, 9, 0), False),
    Item("TS-0001", "李四", 500, dt.datetime(2026, 11, 21, 9, 0), True),
    Item("TS-0002", "Wang Wu", 99_999, None, False),
]


def make_model() -> BaseTableModel[Item]:
    return BaseTableModel([
        Column("编号", lambda r: r.number),
        Column("客户", lambda r: r.customer, tooltip=lambda r: f"客户：{r.customer}"),
        Column("金额", lambda r: r.amount_fen, display=format_fen, align=ALIGN_RIGHT),
        Column("时限", lambda r: r.deadline),
    ], row_background=lambda r: RED if r.overdue else None)


def test_model_passes_qtmodeltester_empty_and_filled(qtmodeltester):
    model = make_model()
    qtmodeltester.check(model)
    model.set_rows(ROWS)
    qtmodeltester.check(model)
    model.clear()
    qtmodeltester.check(model)


def test_proxy_passes_qtmodeltester(qtmodeltester):
    model = make_model()
    model.set_rows(ROWS)
    proxy = FilterProxyModel()
    proxy.setSourceModel(model)
    proxy.sort(2)
    proxy.set_text("ts")
    qtmodeltester.check(proxy)


def test_display_alignment_colours_tooltip_and_row_access():
    model = make_model()
    model.set_rows(ROWS)
    assert model.rowCount() == 3 and model.columnCount() == 4
    assert model.headerData(2, Qt.Orientation.Horizontal) == "金额"
    assert model.data(model.index(0, 2)) == "¥120.50"
    assert model.data(model.index(0, 3)) == "2026-11-23 09:00"
    assert model.data(model.index(2, 3)) == ""
    assert model.data(model.index(0, 2), Qt.ItemDataRole.TextAlignmentRole) == int(ALIGN_RIGHT.value)
    assert model.data(model.index(1, 0), Qt.ItemDataRole.BackgroundRole).color() == RED
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(model.index(1, 1), Qt.ItemDataRole.ToolTipRole) == "客户：李四"
    assert model.data(model.index(0, 2), SORT_ROLE) == 12_050
    assert model.row_at(model.index(1, 0)) is ROWS[1]
    assert model.row_at(7) is None
    assert model.data(model.index(2, 0), ROW_ROLE) is ROWS[2]


def test_proxy_sorts_by_raw_value_not_display_text():
    model = make_model()
    model.set_rows(ROWS)
    proxy = FilterProxyModel()
    proxy.setSourceModel(model)
    proxy.sort(2, Qt.SortOrder.AscendingOrder)  # 5.00 < 120.50 < 999.99 (text order would differ)
    assert [proxy.row_at(proxy.index(r, 0)).number for r in range(3)] == [
        "TS-0001", "TS-0003", "TS-0002"]
    proxy.sort(3, Qt.SortOrder.AscendingOrder)  # None sorts last both ways
    assert proxy.row_at(proxy.index(2, 0)).number == "TS-0002"
    proxy.sort(3, Qt.SortOrder.DescendingOrder)
    assert proxy.row_at(proxy.index(2, 0)).number == "TS-0002"
    assert proxy.row_at(proxy.index(0, 0)).number == "TS-0003"


def test_proxy_filters_any_column_case_insensitively_and_by_predicate():
    model = make_model()
    model.set_rows(ROWS)
    proxy = FilterProxyModel()
    proxy.setSourceModel(model)
    proxy.set_text("wang")
    assert proxy.rowCount() == 1 and proxy.row_at(proxy.index(0, 0)).customer == "Wang Wu"
    proxy.set_text("¥5.00")  # display text of the amount column
    assert proxy.rowCount() == 1 and proxy.row_at(proxy.index(0, 0)).number == "TS-0001"
    proxy.set_text("")
    assert proxy.rowCount() == 3
    proxy.set_row_filter(lambda r: r.overdue)
    assert proxy.rowCount() == 1
    proxy.set_row_filter(None)
    assert proxy.rowCount() == 3
