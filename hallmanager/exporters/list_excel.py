"""A workbook of plain list sheets (a title row, a header row, the rows): the cash workbook
(现金交接明细) and the emergency workbook (应急事件) are both this shape. Money cells are exact
numbers (Decimal yuan from integer fen) with a two-decimal ¥ format, never text or floats;
text never becomes a formula (``daily_excel.put_cell``); a multi-line text wraps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hallmanager.exporters.atomic import atomic_write

MONEY_FORMAT = '"¥"#,##0.00;-"¥"#,##0.00'


class Fen(int):
    """An amount in fen: written as an exact ¥ number (Decimal yuan)."""


@dataclass(frozen=True)
class ListSheet:
    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


@dataclass(frozen=True)
class ListWorkbook:
    hall_name: str
    title: str  # the workbook's name in its properties ("现金交接明细")
    period: str
    sheets: tuple[ListSheet, ...]
    generated_at: dt.datetime
    generated_by: str
    max_width: int = 40  # widest column, in characters


def write_list_xlsx(book: ListWorkbook, path: Path | str, *, force: bool = False) -> Path:
    """Write the workbook atomically; returns the final path."""
    return atomic_write(path, lambda tmp: _build(book, tmp), force=force)


def list_page_setup(ws: Any, generated_at: dt.datetime, generated_by: str) -> None:
    """A list sheet on paper: title and header rows frozen and repeated, A4 landscape one
    page wide, who exported it and when, and 第 x 页 / 共 y 页 in the footer."""
    ws.freeze_panes = "A3"
    ws.print_title_rows = "1:2"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.left.text = (f"导出：{generated_at:%Y-%m-%d %H:%M} "
                              f"{generated_by}").replace("&", "&&")
    ws.oddFooter.right.text = "第 &P 页 / 共 &N 页"


def _build(book: ListWorkbook, out: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from hallmanager.domain.money import format_fen, yuan_decimal
    from hallmanager.exporters.attendance import cjk_font_family
    from hallmanager.exporters.daily_excel import display_width, put_cell

    cjk = cjk_font_family()
    fill = PatternFill("solid", fgColor="DCE4EE")

    def put(cell: Any, value: Any) -> None:
        if isinstance(value, Fen):
            cell.value = yuan_decimal(int(value))
            cell.number_format = MONEY_FORMAT
            return
        put_cell(cell, value)  # text never becomes a formula
        if isinstance(value, dt.datetime):
            cell.number_format = "yyyy-mm-dd hh:mm"
        elif isinstance(value, dt.date):
            cell.number_format = "yyyy-mm-dd"
        elif isinstance(value, str) and "\n" in value:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    def width(value: Any) -> int:
        """Characters the cell shows: money as ¥1,234.50, not its fen digits."""
        text = format_fen(int(value)) if isinstance(value, Fen) else str(value or "")
        return max((display_width(x) for x in text.split("\n")), default=0)

    wb = Workbook()
    wb.remove(wb.active)
    for sh in book.sheets:
        ws = wb.create_sheet(sh.name)
        put(ws.cell(1, 1), f"{book.hall_name} {sh.name} {book.period}")
        ws.cell(1, 1).font = Font(name=cjk, size=14, bold=True)
        for c, h in enumerate(sh.headers, start=1):
            put(ws.cell(2, c), h)
            ws.cell(2, c).font = Font(name=cjk, bold=True)
            ws.cell(2, c).fill = fill
        for r, row in enumerate(sh.rows, start=3):
            for c, v in enumerate(row, start=1):
                put(ws.cell(r, c), v)
        for c, h in enumerate(sh.headers, start=1):
            longest = max([display_width(h)] + [width(row[c - 1]) for row in sh.rows[:500]])
            ws.column_dimensions[get_column_letter(c)].width = min(book.max_width,
                                                                   max(8, longest + 2))
        list_page_setup(ws, book.generated_at, book.generated_by)
    wb.properties.title = f"{book.hall_name} {book.title} {book.period}"
    wb.properties.creator = "hallmanager"
    wb.save(out)
