"""The daily report (营业日报) as an Excel workbook: one sheet per module contribution.

Every sheet: a title row (hall, report, date), a frozen, filterable Chinese header row in
row 2, typed cells (money as Decimal yuan ``#,##0.00``, real dates and times), fitted
column widths and an A4 print setup (portrait unless too wide, fit to the page width, title
rows repeated, hall/date/page x of y in the header and footer). A sheet marked ``transpose``
is laid out as a form: one column per record, one row per figure. Cells use the CJK font the
PDFs embed, so LibreOffice prints the title in it too. User text never becomes a formula.
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
_LABEL_FILL = "EEF2F7"
# Printable width of A4 portrait with 0.5" side margins (7.3") in character units: about 100
# where Calibri is installed, about 74 where LibreOffice measures units in DejaVu Sans; sized
# for the latter. A table up to PORTRAIT_SHRINK times wider is shrunk a little, not turned.
PORTRAIT_WIDTH = 74.0
PORTRAIT_SHRINK = 1.2
LINE_HEIGHT = 15.0  # points per wrapped line of 11 pt text
FORM_ROW_HEIGHT = 19.0  # a transposed sheet's rows: room to read, and to correct by hand
TITLE_SCALE = 14 / 11 * 1.08  # the title's 14 pt bold against 11 pt character units
TRANSPOSED_MIN, TRANSPOSED_MAX = 14.0, 36.0  # a record column of a transposed sheet
TRANSPOSED_FREEZE = "B3"  # labels and the record header stay visible


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


def text_of(value: Any, kind: ColumnKind, day: dt.date | None = None) -> str:
    """How the cell will look, for fitting the column width."""
    if value is None:
        return ""
    if kind in (ColumnKind.MONEY, ColumnKind.DECIMAL) and isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, dt.datetime):
        if kind is ColumnKind.TIME and value.date() == day:
            return value.strftime("%H:%M")
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return str(value)


def number_format(value: Any, kind: ColumnKind, day: dt.date | None = None) -> str | None:
    """The display format of a typed cell; a datetime in a TIME column shows only its time
    on the report's own date (the value keeps its date)."""
    if isinstance(value, str) or value is None or kind not in _FORMATS:
        return None
    if kind is ColumnKind.TIME and isinstance(value, dt.datetime) and value.date() != day:
        return DATETIME_FORMAT
    return _FORMATS[kind]


def write_daily_report(report: DailyReport, path: Path | str, *, force: bool = False) -> Path:
    """Write ``report`` to ``path`` (.xlsx) atomically and return the final path. Columns
    marked personal are masked unless the report is unmasked."""
    report = mask_personal_columns(report)
    return atomic_write(path, lambda tmp: _build(report, tmp), force=force)


def _build(report: DailyReport, out: Path) -> None:
    from openpyxl import Workbook

    from hallmanager.exporters.fonts import cjk_family

    family = cjk_family()
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for sheet in report.sheets:
        ws = wb.create_sheet(safe_sheet_name(sheet.name, taken))
        if sheet.transpose:
            _fill_transposed(ws, sheet, report, family)
        else:
            _fill_sheet(ws, sheet, report, family)
    if not report.sheets:
        ws = wb.create_sheet("说明")
        ws["A1"] = f"{report.hall_name} {TITLE} {report.date.isoformat()}：当日无任何记录"
    wb.properties.title = f"{report.hall_name} {TITLE} {report.date.isoformat()}"
    wb.properties.creator = "hallmanager"
    wb.properties.lastModifiedBy = report.generated_by[:60]
    wb.properties.created = report.generated_at
    wb.save(out)


def _styles(family: str) -> dict[str, Any]:
    """Cell styles in the CJK ``family`` (a name LibreOffice and Excel find on this machine)."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="8A96A3")
    return {
        "title": Font(name=family, bold=True, size=14),
        "head": Font(name=family, bold=True),
        "body": Font(name=family),
        "empty": Font(name=family, italic=True, color="5F6B77"),
        "fill": PatternFill("solid", fgColor=_HEADER_FILL),
        "label_fill": PatternFill("solid", fgColor=_LABEL_FILL),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "head_align": Alignment(horizontal="center", vertical="center", wrap_text=True),
    }


def _title_row(ws: Any, sheet: ReportSheet, report: DailyReport, ncols: int,
               st: dict[str, Any]) -> None:
    """Row 1: hall, report, sheet title and date, merged over the table width."""
    from openpyxl.styles import Alignment

    title = f"{report.hall_name}　{TITLE}　{sheet.title}　{report.date.isoformat()}"
    c = ws.cell(row=1, column=1)
    _put_text(c, title)
    c.font = st["title"]
    c.alignment = Alignment(vertical="center")
    if ncols > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    ws.row_dimensions[1].height = 26


def _put_value(c: Any, raw: CellValue, kind: ColumnKind, day: dt.date) -> str:
    """Write one typed value (text never a formula); returns the text as it will show."""
    value = cell_value(raw, kind)
    if isinstance(value, str):
        _put_text(c, value)
    else:
        c.value = value
    fmt = number_format(value, kind, day)
    if fmt:
        c.number_format = fmt
    return text_of(value, kind, day)


def _longest_line(text: str) -> int:
    return max((display_width(line) for line in text.split("\n")), default=0)


def _fill_sheet(ws: Any, sheet: ReportSheet, report: DailyReport, family: str) -> None:
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    st = _styles(family)
    ncols = max(1, len(sheet.columns))
    last_col = get_column_letter(ncols)
    _title_row(ws, sheet, report, ncols, st)

    # Row 2: headers.
    # Headers wrap onto two lines, so a long header does not widen a column of small numbers.
    widths = [float(min(display_width(c.header), HEADER_WRAP)) for c in sheet.columns]
    if any(display_width(c.header) > HEADER_WRAP for c in sheet.columns):
        ws.row_dimensions[HEADER_ROW].height = 30
    for j, col in enumerate(sheet.columns, start=1):
        c = ws.cell(row=HEADER_ROW, column=j)
        _put_text(c, col.header)
        c.font = st["head"]
        c.fill = st["fill"]
        c.alignment = st["head_align"]
        c.border = st["border"]

    # Data rows.
    wrap_cols: set[int] = set()
    for i, row in enumerate(sheet.rows, start=FIRST_DATA_ROW):
        for j, (col, raw) in enumerate(zip(sheet.columns, row, strict=True), start=1):
            c = ws.cell(row=i, column=j)
            shown = _put_value(c, raw, col.kind, report.date)
            c.font = st["body"]
            c.border = st["border"]
            longest = _longest_line(shown)
            widths[j - 1] = max(widths[j - 1], float(longest))
            if "\n" in shown or longest > (col.max_width or WRAP_WIDTH):
                wrap_cols.add(j)
    last_row = FIRST_DATA_ROW + len(sheet.rows) - 1
    if not sheet.rows:
        c = ws.cell(row=FIRST_DATA_ROW, column=1)
        _put_text(c, sheet.empty_text)
        c.font = st["empty"]
        last_row = FIRST_DATA_ROW

    for j in range(1, ncols + 1):
        col = sheet.columns[j - 1] if sheet.columns else Column("")
        cap = col.max_width or MAX_WIDTH
        width = col.width if col.width is not None else min(cap, max(MIN_WIDTH, widths[j - 1] + 2))
        ws.column_dimensions[get_column_letter(j)].width = width
        align = Alignment(vertical="top", wrap_text=j in wrap_cols)
        for r in range(FIRST_DATA_ROW, FIRST_DATA_ROW + len(sheet.rows)):
            ws.cell(row=r, column=j).alignment = align

    _fit_row_heights(ws, range(FIRST_DATA_ROW, FIRST_DATA_ROW + len(sheet.rows)))
    _fit_title(ws, ncols)
    ws.freeze_panes = FREEZE
    if sheet.rows:
        ws.auto_filter.ref = f"A{HEADER_ROW}:{last_col}{last_row}"
    _print_setup(ws, report, sheet, last_col, last_row, family)


def _fill_transposed(ws: Any, sheet: ReportSheet, report: DailyReport, family: str) -> None:
    """A form: the first column's header and values head the columns (班次 | 早班 | 晚班), and
    every other column becomes a labelled row of figures (值班经理 | 张三 | 李四)."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    st = _styles(family)
    records = sheet.rows
    ncols = 1 + max(1, len(records))
    last_col = get_column_letter(ncols)
    _title_row(ws, sheet, report, ncols, st)
    if not sheet.columns:
        _print_setup(ws, report, sheet, last_col, HEADER_ROW, family)
        return
    key, *fields = sheet.columns

    label_w = max([MIN_WIDTH, *(float(display_width(c.header)) for c in sheet.columns)]) + 2
    # Record columns share a portrait page; long text wraps inside them.
    share = max(TRANSPOSED_MIN, min(TRANSPOSED_MAX, (PORTRAIT_WIDTH - label_w) / max(1, len(records))))
    head = ws.cell(row=HEADER_ROW, column=1)
    _put_text(head, key.header)
    for c in [head, *(ws.cell(row=HEADER_ROW, column=j) for j in range(2, ncols + 1))]:
        c.font = st["head"]
        c.fill = st["fill"]
        c.alignment = st["head_align"]
        c.border = st["border"]
    widths = [label_w] + [MIN_WIDTH] * len(records)
    for j, record in enumerate(records, start=2):
        shown = _put_value(ws.cell(row=HEADER_ROW, column=j), record[0], key.kind, report.date)
        widths[j - 1] = max(widths[j - 1], float(_longest_line(shown)) + 2)

    for i, col in enumerate(fields, start=FIRST_DATA_ROW):
        label = ws.cell(row=i, column=1)
        _put_text(label, col.header)
        label.font = st["head"]
        label.fill = st["label_fill"]
        label.border = st["border"]
        label.alignment = Alignment(vertical="top", wrap_text=True)
        for j, record in enumerate(records, start=2):
            c = ws.cell(row=i, column=j)
            shown = _put_value(c, record[i - FIRST_DATA_ROW + 1], col.kind, report.date)
            c.font = st["body"]
            c.border = st["border"]
            c.alignment = Alignment(vertical="top", horizontal="left", wrap_text=True)
            widths[j - 1] = max(widths[j - 1], float(_longest_line(shown)) + 2)
    last_row = FIRST_DATA_ROW + len(fields) - 1
    if not records:
        c = ws.cell(row=HEADER_ROW, column=2)
        _put_text(c, sheet.empty_text)
        c.font = st["empty"]
    # Record columns share the page width (a form, not a cramped list); wider text wraps.
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w if j == 1 else share
    _fit_row_heights(ws, range(FIRST_DATA_ROW, last_row + 1), minimum=FORM_ROW_HEIGHT)
    ws.row_dimensions[HEADER_ROW].height = FORM_ROW_HEIGHT
    _fit_title(ws, ncols)
    ws.freeze_panes = TRANSPOSED_FREEZE
    _print_setup(ws, report, sheet, last_col, max(last_row, HEADER_ROW), family)


def _fit_title(ws: Any, ncols: int) -> None:
    """Wrap the title onto a second line when the table is narrower than it (a merged cell
    clips its text at the table's edge on paper)."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    table = sum(ws.column_dimensions[get_column_letter(j)].width or 8.43
                for j in range(1, ncols + 1))
    need = display_width(str(ws.cell(row=1, column=1).value or "")) * TITLE_SCALE
    if need > table:
        ws.cell(row=1, column=1).alignment = Alignment(vertical="center", wrap_text=True)
        ws.row_dimensions[1].height = 26 * min(4, math.ceil(need / table))


def _fit_row_heights(ws: Any, rows: range, *, minimum: float | None = None) -> None:
    """Give rows with wrapped text room for every line (not every program re-measures)."""
    from openpyxl.utils import get_column_letter

    for i in rows:
        lines = 1
        for c in ws[i]:
            v = c.value
            if not isinstance(v, str) or not (c.alignment and c.alignment.wrap_text):
                continue
            width = ws.column_dimensions[get_column_letter(c.column)].width or 10
            room = max(1.0, width - 1)
            n = sum(max(1, math.ceil(display_width(part) / room)) for part in v.split("\n"))
            lines = max(lines, n)
        if lines > 1:
            ws.row_dimensions[i].height = min(409, max(LINE_HEIGHT * lines + 2, minimum or 0))
        elif minimum:
            ws.row_dimensions[i].height = minimum


def _put_text(cell: Any, text: str) -> None:
    """Store ``text`` as a literal string: never a formula, whatever the user typed."""
    cell.value = text
    cell.data_type = "s"  # openpyxl would have made "=…" a formula
    if is_formula_like(text):
        cell.quotePrefix = True  # Excel keeps it text even after the cell is edited


def put_cell(cell: Any, value: Any) -> None:
    """A cell of any workbook we write: text as literal text (never a formula), other values
    (numbers, Decimal, dates) as themselves. Every exporter uses this one rule."""
    if isinstance(value, str):
        _put_text(cell, value)
    else:
        cell.value = value


def print_width(ws: Any, last_col: str) -> float:
    """The printed table's width in character units (the sum of its column widths)."""
    from openpyxl.utils import column_index_from_string, get_column_letter

    return sum(ws.column_dimensions[get_column_letter(j)].width or 8.43
               for j in range(1, column_index_from_string(last_col) + 1))


def _print_setup(ws: Any, report: DailyReport, sheet: ReportSheet, last_col: str,
                 last_row: int, family: str) -> None:
    """A4, portrait unless the table is too wide for it, all columns on the page width,
    title and header rows repeated; hall, report, sheet, date and 第 x 页 / 共 y 页 on
    every page (in the CJK font), and who exported it."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    wide = print_width(ws, last_col) > PORTRAIT_WIDTH * PORTRAIT_SHRINK
    ws.page_setup.orientation = "landscape" if wide else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages as needed vertically
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"1:{HEADER_ROW}"
    ws.print_area = f"A1:{last_col}{last_row}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    parts = {
        ws.oddHeader.left: report.hall_name,
        ws.oddHeader.center: f"{TITLE}　{sheet.title}",
        ws.oddHeader.right: report.date.isoformat(),
        ws.oddFooter.left: (f"导出：{report.generated_at.strftime('%Y-%m-%d %H:%M')} "
                            f"{report.generated_by}"),
    }
    for part, text in parts.items():
        part.text = _hf(text)
        part.font = family
        part.size = 9
    ws.oddFooter.right.text = "第 &P 页 / 共 &N 页"
    ws.oddFooter.right.font = family
    ws.oddFooter.right.size = 9


def _hf(text: str) -> str:
    """Header/footer text with '&' escaped (it starts a code there)."""
    return text.replace("&", "&&")
