"""The daily report (营业日报) as an Excel workbook: one sheet per module contribution.

Every sheet: a title row (hall, report, date), a frozen, filterable Chinese header row in
row 2, typed cells (money as Decimal yuan ``#,##0.00``, real dates and times), fitted
column widths and an A4 print setup. User text never becomes a formula.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

from hallmanager.domain.money import yuan_decimal
from hallmanager.exporters.atomic import atomic_write
from hallmanager.exporters.data import (
    CellValue,
    Column,
    ColumnKind,
    DailyReport,
    ReportSheet,
    mask_personal_columns,
)

TITLE = "营业日报"
HEADER_ROW = 2
FIRST_DATA_ROW = 3
FREEZE = "A3"  # title and header rows stay visible

MONEY_FORMAT = "#,##0.00"
INT_FORMAT = "0"
DECIMAL_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.0%"
DATE_FORMAT = "yyyy-mm-dd"
TIME_FORMAT = "hh:mm"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
_FORMATS = {
    ColumnKind.MONEY: MONEY_FORMAT,
    ColumnKind.INT: INT_FORMAT,
    ColumnKind.DECIMAL: DECIMAL_FORMAT,
    ColumnKind.PERCENT: PERCENT_FORMAT,
    ColumnKind.DATE: DATE_FORMAT,
    ColumnKind.TIME: TIME_FORMAT,
    ColumnKind.DATETIME: DATETIME_FORMAT,
}
# Spreadsheet programs treat these leading characters as the start of a formula (CSV/Excel
# formula injection); such text is stored as a string with the quote prefix.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
MIN_WIDTH, MAX_WIDTH, WRAP_WIDTH = 8.0, 60.0, 60.0
HEADER_WRAP = 8  # header display width beyond which the header wraps
_HEADER_FILL = "DCE4EE"


def display_width(text: str) -> int:
    """Width in Excel character units: CJK and other wide characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def safe_sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name (≤31 characters, none of []:*?/\\)."""
    base = _SHEET_NAME_BAD.sub("_", name).strip("'") or "Sheet"
    base = base[:31]
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f"({n})"
        candidate = base[:31 - len(suffix)] + suffix
        n += 1
    taken.add(candidate.lower())
    return candidate


def cell_value(value: CellValue, kind: ColumnKind) -> Any:
    """The Python value openpyxl should store for ``value`` in a column of ``kind``."""
    if value is None:
        return None
    if isinstance(value, float):
        raise TypeError("报表数据不接受浮点数（金额请用整数分或 Decimal）")
    if kind is ColumnKind.MONEY:
        if isinstance(value, bool):
            raise TypeError("金额不能是布尔值")
        if isinstance(value, int):
            return yuan_decimal(value)  # integer fen → exact yuan
        if isinstance(value, Decimal):
            return value.quantize(Decimal("0.01"))
    if isinstance(value, str):
        return _ILLEGAL.sub("", value)
    return value


def text_of(value: Any, kind: ColumnKind) -> str:
    """How the cell will look, for fitting the column width."""
    if value is None:
        return ""
    if kind in (ColumnKind.MONEY, ColumnKind.DECIMAL) and isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return str(value)


def write_daily_report(report: DailyReport, path: Path | str, *, force: bool = False) -> Path:
    """Write ``report`` to ``path`` (.xlsx) atomically and return the final path. Columns
    marked personal are masked unless the report is unmasked."""
    report = mask_personal_columns(report)
    return atomic_write(path, lambda tmp: _build(report, tmp), force=force)


def _build(report: DailyReport, out: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for sheet in report.sheets:
        ws = wb.create_sheet(safe_sheet_name(sheet.name, taken))
        _fill_sheet(ws, sheet, report)
    if not report.sheets:
        ws = wb.create_sheet("说明")
        ws["A1"] = f"{report.hall_name} {TITLE} {report.date.isoformat()}：当日无任何记录"
    wb.properties.title = f"{report.hall_name} {TITLE} {report.date.isoformat()}"
    wb.properties.creator = "hallmanager"
    wb.properties.lastModifiedBy = report.generated_by[:60]
    wb.properties.created = report.generated_at
    wb.save(out)


def _fill_sheet(ws: Any, sheet: ReportSheet, report: DailyReport) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    ncols = max(1, len(sheet.columns))
    last_col = get_column_letter(ncols)
    thin = Side(style="thin", color="8A96A3")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)

    # Row 1: title (merged over the table width).
    title = f"{report.hall_name}　{TITLE}　{sheet.title}　{report.date.isoformat()}"
    _put_text(ws.cell(row=1, column=1), title)
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    ws.cell(row=1, column=1).alignment = Alignment(vertical="center")
    if ncols > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    ws.row_dimensions[1].height = 26

    # Row 2: headers.
    # Headers wrap onto two lines, so a long header does not widen a column of small numbers.
    widths = [float(min(display_width(c.header), HEADER_WRAP)) for c in sheet.columns]
    if any(display_width(c.header) > HEADER_WRAP for c in sheet.columns):
        ws.row_dimensions[HEADER_ROW].height = 30
    for j, col in enumerate(sheet.columns, start=1):
        c = ws.cell(row=HEADER_ROW, column=j)
        _put_text(c, col.header)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor=_HEADER_FILL)
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.border = border

    # Data rows.
    wrap_cols: set[int] = set()
    for i, row in enumerate(sheet.rows, start=FIRST_DATA_ROW):
        for j, (col, raw) in enumerate(zip(sheet.columns, row, strict=True), start=1):
            c = ws.cell(row=i, column=j)
            value = cell_value(raw, col.kind)
            if isinstance(value, str):
                _put_text(c, value)
                if "\n" in value:
                    wrap_cols.add(j)
            else:
                c.value = value
            if col.kind in _FORMATS and not isinstance(value, str):
                c.number_format = _FORMATS[col.kind]
            c.border = border
            shown = text_of(value, col.kind)
            longest = max((display_width(line) for line in shown.split("\n")), default=0)
            widths[j - 1] = max(widths[j - 1], float(longest))
            if longest > (col.max_width or WRAP_WIDTH):
                wrap_cols.add(j)
    last_row = FIRST_DATA_ROW + len(sheet.rows) - 1
    if not sheet.rows:
        c = ws.cell(row=FIRST_DATA_ROW, column=1)
        _put_text(c, sheet.empty_text)
        c.font = Font(italic=True, color="5F6B77")
        last_row = FIRST_DATA_ROW

    for j in range(1, ncols + 1):
        col = sheet.columns[j - 1] if sheet.columns else Column("")
        cap = col.max_width or MAX_WIDTH
        width = col.width if col.width is not None else min(cap, max(MIN_WIDTH, widths[j - 1] + 2))
        ws.column_dimensions[get_column_letter(j)].width = width
        align = Alignment(vertical="top", wrap_text=j in wrap_cols)
        for r in range(FIRST_DATA_ROW, FIRST_DATA_ROW + len(sheet.rows)):
            ws.cell(row=r, column=j).alignment = align

    _fit_row_heights(ws, sheet, wrap_cols)
    ws.freeze_panes = FREEZE
    if sheet.rows:
        ws.auto_filter.ref = f"A{HEADER_ROW}:{last_col}{last_row}"
    _print_setup(ws, report, sheet, last_col, last_row)


def _fit_row_heights(ws: Any, sheet: ReportSheet, wrap_cols: set[int]) -> None:
    """Give rows with wrapped text room for every line (not every program re-measures)."""
    from openpyxl.utils import get_column_letter

    if not wrap_cols:
        return
    for i in range(FIRST_DATA_ROW, FIRST_DATA_ROW + len(sheet.rows)):
        lines = 1
        for j in wrap_cols:
            v = ws.cell(row=i, column=j).value
            if not isinstance(v, str):
                continue
            width = max(1.0, (ws.column_dimensions[get_column_letter(j)].width or 10) - 1)
            n = sum(max(1, math.ceil(display_width(part) / width)) for part in v.split("\n"))
            lines = max(lines, n)
        if lines > 1:
            ws.row_dimensions[i].height = min(409, 15 * lines)


def _put_text(cell: Any, text: str) -> None:
    """Store ``text`` as a literal string: never a formula, whatever the user typed."""
    cell.value = text
    cell.data_type = "s"  # openpyxl would have made "=…" a formula
    if is_formula_like(text):
        cell.quotePrefix = True  # Excel keeps it text even after the cell is edited


def _print_setup(ws: Any, report: DailyReport, sheet: ReportSheet, last_col: str,
                 last_row: int) -> None:
    """A4, fit all columns on the page width, header rows repeated, page numbers."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if len(sheet.columns) > 6 else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages as needed vertically
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"1:{HEADER_ROW}"
    ws.print_area = f"A1:{last_col}{last_row}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.oddHeader.left.text = _hf(report.hall_name)
    ws.oddHeader.right.text = _hf(f"{TITLE} {report.date.isoformat()}")
    ws.oddFooter.left.text = _hf(
        f"导出：{report.generated_at.strftime('%Y-%m-%d %H:%M')} {report.generated_by}")
    ws.oddFooter.right.text = "第 &P 页 / 共 &N 页"


def _hf(text: str) -> str:
    """Header/footer text with '&' escaped (it starts a code there)."""
    return text.replace("&", "&&")
