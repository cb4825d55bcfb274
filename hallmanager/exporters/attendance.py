"""The monthly attendance paper (月度考勤): an Excel workbook and the signed 考勤表 grid PDF.

Input is plain data (``AttendanceMonth``), built by the attendance service from its records:
one row per person with the day symbols (√ 迟 早 旷 假 休 缺) and the month's figures, plus
the fines, each with the rule that produced it. The workbook has three sheets — 月度汇总 (one
row per person, the fine total as a money number), 考勤表 (staff × days) and 扣款明细 — and
the PDF is the grid on one A4 landscape page for a hall of up to 30 staff, with the legend,
the totals and the signature lines the hall signs. Text never becomes a formula; phone
numbers are masked unless the output is unmasked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hallmanager.domain.masking import mask_phone
from hallmanager.domain.money import format_fen, yuan_decimal
from hallmanager.exporters.atomic import atomic_write
from hallmanager.exporters.fonts import PdfFont, cjk_font

TITLE = "月度考勤表"
LEGEND = "√ 出勤　迟 迟到　早 早退　旷 旷工　假 请假　休 休息/节假日　缺 缺卡"
MONEY_FORMAT = "#,##0.00"
WEEKDAYS = "一二三四五六日"
MAX_GRID_ROWS_ONE_PAGE = 30


@dataclass(frozen=True)
class AttendanceRow:
    """One person's month."""

    staff_no: str
    name: str
    position: str
    marks: tuple[str, ...]  # one symbol per day of ``AttendanceMonth.days``
    scheduled: int
    present: int
    late_count: int
    late_minutes: int
    early_count: int
    early_minutes: int
    absences: int
    missing: int
    leave_days: int
    violations: int
    fine_fen: int  # after waivers
    waived_fen: int = 0
    phone: str = ""


@dataclass(frozen=True)
class FineLine:
    """One fine, with why (the rule and its version) and whether it was waived."""

    staff_no: str
    name: str
    day: dt.date | None
    kind: str  # 迟到 / 早退 / 旷工 / 违规 / 月度请假
    explanation: str
    fen: int
    waived: bool = False
    waive_reason: str = ""


@dataclass(frozen=True)
class AttendanceMonth:
    hall_name: str
    period: str  # "2026年11月" or "2026-11-01 至 2026-11-15"
    days: tuple[dt.date, ...]
    rows: tuple[AttendanceRow, ...]
    fines: tuple[FineLine, ...]
    generated_at: dt.datetime
    generated_by: str
    closed: bool = False  # 已月结
    unmasked: bool = False

    def __post_init__(self) -> None:
        for r in self.rows:
            if len(r.marks) != len(self.days):
                raise ValueError(f"{r.name}: {len(r.marks)} marks for {len(self.days)} days")

    @property
    def fine_total_fen(self) -> int:
        return sum(r.fine_fen for r in self.rows)


SUMMARY_HEADERS = ("工号", "姓名", "岗位", "手机", "应出勤天数", "实际出勤天数", "迟到次数",
                   "迟到分钟", "早退次数", "早退分钟", "旷工次数", "缺卡次数", "请假天数",
                   "违规次数", "扣款合计（元）", "已免除（元）")


def summary_values(r: AttendanceRow, unmasked: bool) -> tuple[Any, ...]:
    """A person's summary row as written (money as exact Decimal yuan)."""
    return (r.staff_no, r.name, r.position, r.phone if unmasked else mask_phone(r.phone),
            r.scheduled, r.present, r.late_count, r.late_minutes, r.early_count,
            r.early_minutes, r.absences, r.missing, r.leave_days, r.violations,
            yuan_decimal(r.fine_fen), yuan_decimal(r.waived_fen))


# --- Excel ---------------------------------------------------------------------------------
def write_attendance_xlsx(month: AttendanceMonth, path: Path | str, *,
                          force: bool = False) -> Path:
    """The month's workbook, written atomically; returns the final path."""
    return atomic_write(path, lambda tmp: build_xlsx(month, tmp), force=force)


def _put(cell: Any, value: Any) -> None:
    from hallmanager.exporters.daily_excel import put_cell

    put_cell(cell, value)


def build_xlsx(month: AttendanceMonth, out: Path) -> None:
    """Write the workbook to ``out`` (the caller makes it atomic and audits it)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    from hallmanager.exporters.daily_excel import display_width

    wb = Workbook()
    thin = Side(style="thin", color="9AA5B1")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", fgColor="DCE4EE")
    cjk = cjk_font_family()

    def sheet_title(ws: Any, text: str, ncols: int) -> None:
        _put(ws.cell(1, 1), f"{month.hall_name} {text} {month.period}"
                            + ("（已月结）" if month.closed else ""))
        ws.cell(1, 1).font = Font(name=cjk, size=14, bold=True)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)

    def header(ws: Any, headers: tuple[str, ...] | list[str], row: int = 2) -> None:
        for c, h in enumerate(headers, start=1):
            cell = ws.cell(row, c)
            _put(cell, h)
            cell.font = Font(name=cjk, bold=True)
            cell.fill = head_fill
            cell.border = box
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def print_setup(ws: Any, last_col: int, last_row: int, landscape: bool) -> None:
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = "1:2"
        ws.print_area = f"A1:{get_column_letter(last_col)}{last_row}"
        ws.oddHeader.left.text = month.hall_name.replace("&", "&&")
        ws.oddHeader.right.text = f"{TITLE} {month.period}".replace("&", "&&")
        ws.oddFooter.left.text = (f"导出：{month.generated_at:%Y-%m-%d %H:%M} "
                                  f"{month.generated_by}").replace("&", "&&")
        ws.oddFooter.right.text = "第 &P 页 / 共 &N 页"
        ws.freeze_panes = "A3"

    # 月度汇总: one row per person
    ws = wb.active
    ws.title = "月度汇总"
    sheet_title(ws, "月度考勤汇总", len(SUMMARY_HEADERS))
    header(ws, SUMMARY_HEADERS)
    for i, r in enumerate(month.rows, start=3):
        for c, v in enumerate(summary_values(r, month.unmasked), start=1):
            cell = ws.cell(i, c)
            _put(cell, v)
            cell.border = box
            if c >= 15:
                cell.number_format = MONEY_FORMAT
    total_row = len(month.rows) + 3
    _put(ws.cell(total_row, 1), "合计")
    ws.cell(total_row, 1).font = Font(name=cjk, bold=True)
    _put(ws.cell(total_row, 15), yuan_decimal(month.fine_total_fen))
    ws.cell(total_row, 15).number_format = MONEY_FORMAT
    _put(ws.cell(total_row, 16), yuan_decimal(sum(r.waived_fen for r in month.rows)))
    ws.cell(total_row, 16).number_format = MONEY_FORMAT
    for c, h in enumerate(SUMMARY_HEADERS, start=1):
        longest = max([display_width(h)] + [display_width(str(ws.cell(i, c).value or ""))
                                            for i in range(3, total_row + 1)])
        ws.column_dimensions[get_column_letter(c)].width = min(24, max(6, longest + 2))
    print_setup(ws, len(SUMMARY_HEADERS), total_row, landscape=True)

    # 考勤表: staff × days
    g = wb.create_sheet("考勤表")
    grid_headers = ["序号", "姓名", *[f"{d.day}\n{WEEKDAYS[d.weekday()]}" for d in month.days],
                    "出勤", "迟到", "早退", "旷工", "请假", "扣款（元）"]
    sheet_title(g, TITLE, len(grid_headers))
    header(g, grid_headers)
    g.row_dimensions[2].height = 28
    for i, r in enumerate(month.rows, start=1):
        values = [i, r.name, *r.marks, r.present, r.late_count, r.early_count, r.absences,
                  r.leave_days, yuan_decimal(r.fine_fen)]
        for c, v in enumerate(values, start=1):
            cell = g.cell(i + 2, c)
            _put(cell, v)
            cell.border = box
            cell.alignment = Alignment(horizontal="center")
        g.cell(i + 2, len(values)).number_format = MONEY_FORMAT
    last = len(month.rows) + 2
    _put(g.cell(last + 2, 1), f"图例：{LEGEND}")
    _put(g.cell(last + 4, 2), "制表人（值班经理）：")
    _put(g.cell(last + 4, len(grid_headers) // 2), "审核人（厅经理）：")
    _put(g.cell(last + 5, 2), "日期：")
    _put(g.cell(last + 5, len(grid_headers) // 2), "日期：")
    g.column_dimensions["A"].width = 5
    g.column_dimensions["B"].width = 10
    for c in range(3, 3 + len(month.days)):
        g.column_dimensions[get_column_letter(c)].width = 3.6
    for c in range(3 + len(month.days), len(grid_headers) + 1):
        g.column_dimensions[get_column_letter(c)].width = 6
    g.column_dimensions[get_column_letter(len(grid_headers))].width = 10
    print_setup(g, len(grid_headers), last + 5, landscape=True)

    # 扣款明细: every fine and why
    f = wb.create_sheet("扣款明细")
    fine_headers = ("工号", "姓名", "日期", "类别", "依据", "金额（元）", "状态", "免除原因")
    sheet_title(f, "扣款明细", len(fine_headers))
    header(f, fine_headers)
    for i, x in enumerate(month.fines, start=3):
        values = (x.staff_no, x.name, x.day, x.kind, x.explanation, yuan_decimal(x.fen),
                  "已免除" if x.waived else "有效", x.waive_reason)
        for c, v in enumerate(values, start=1):
            cell = f.cell(i, c)
            _put(cell, v)
            cell.border = box
        f.cell(i, 3).number_format = "yyyy-mm-dd"
        f.cell(i, 6).number_format = MONEY_FORMAT
    for col, w in zip("ABCDEFGH", (10, 10, 12, 10, 60, 12, 8, 24), strict=True):
        f.column_dimensions[col].width = w
    print_setup(f, len(fine_headers), len(month.fines) + 2, landscape=True)

    wb.properties.title = f"{month.hall_name} {TITLE} {month.period}"
    wb.properties.creator = "hallmanager"
    wb.save(out)


def cjk_font_family() -> str:
    """The font family named in the workbook: the one the PDFs embed when it is known, so
    LibreOffice renders the Chinese titles with a CJK font too."""
    font = cjk_font()
    if font.path is not None and "wqy" in font.path.name.lower():
        return "WenQuanYi Micro Hei"
    if font.path is not None and "noto" in font.path.name.lower():
        return "Noto Sans CJK SC"
    return "Microsoft YaHei"


# --- PDF -----------------------------------------------------------------------------------
def write_attendance_pdf(month: AttendanceMonth, path: Path | str, *, force: bool = False,
                         embed_font: bool = True) -> Path:
    """The 考勤表 grid on A4 landscape (one page for up to 30 staff), written atomically."""
    font = cjk_font(allow_embedded=embed_font)
    return atomic_write(path, lambda tmp: build_pdf(month, tmp, font), force=force)


def build_pdf(month: AttendanceMonth, out: Path, font: PdfFont) -> None:
    """Write the 考勤表 PDF to ``out`` (the caller makes it atomic and audits it)."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    page_w, page_h = landscape(A4)
    margin = 10 * mm
    width = page_w - 2 * margin
    n_days = len(month.days)
    crowded = len(month.rows) > 24
    body = 6.5 if crowded else 7.5
    title = ParagraphStyle("t", fontName=font.name, fontSize=15, leading=19, alignment=TA_CENTER)
    sub = ParagraphStyle("s", fontName=font.name, fontSize=9, leading=12, alignment=TA_CENTER,
                         textColor=colors.HexColor("#555F6B"))
    small = ParagraphStyle("n", fontName=font.name, fontSize=8, leading=10)

    totals = ("出勤", "迟到", "早退", "旷工", "请假", "扣款")
    head = ["序号", "姓名", *[f"{d.day}\n{WEEKDAYS[d.weekday()]}" for d in month.days], *totals]
    data: list[list[Any]] = [head]
    for i, r in enumerate(month.rows, start=1):
        data.append([str(i), r.name, *r.marks, str(r.present), str(r.late_count),
                     str(r.early_count), str(r.absences), str(r.leave_days),
                     format_fen(r.fine_fen, symbol=False)])
    data.append(["", "合计", *[""] * n_days, str(sum(r.present for r in month.rows)),
                 str(sum(r.late_count for r in month.rows)),
                 str(sum(r.early_count for r in month.rows)),
                 str(sum(r.absences for r in month.rows)),
                 str(sum(r.leave_days for r in month.rows)),
                 format_fen(month.fine_total_fen, symbol=False)])
    seq_w, name_w, total_w, fine_w = 7 * mm, 17 * mm, 8.5 * mm, 15 * mm
    day_w = (width - seq_w - name_w - 5 * total_w - fine_w) / max(1, n_days)
    widths = [seq_w, name_w, *[day_w] * n_days, *[total_w] * 5, fine_w]
    row_h = 4.6 * mm if crowded else 5.4 * mm
    table = Table(data, colWidths=widths, rowHeights=[8 * mm] + [row_h] * (len(data) - 1),
                  repeatRows=1)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), font.name),
        ("FONTSIZE", (0, 0), (-1, -1), body),
        ("LEADING", (0, 0), (-1, 0), body + 1.5),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8A96A3")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DCE4EE")),
        ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F1F4F8")),
        ("TOPPADDING", (0, 0), (-1, -1), 0.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 0.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0.5),
    ]
    for c, d in enumerate(month.days, start=2):  # weekends shaded
        if d.weekday() >= 5:
            style.append(("BACKGROUND", (c, 1), (c, len(data) - 2), colors.HexColor("#F3F3F3")))
    for r_i, row in enumerate(data[1:-1], start=1):  # exceptions in red
        for c_i, v in enumerate(row[2:2 + n_days], start=2):
            if v in ("迟", "早", "旷", "缺"):
                style.append(("TEXTCOLOR", (c_i, r_i), (c_i, r_i), colors.HexColor("#B3261E")))
    table.setStyle(TableStyle(style))

    signatures = Table(
        [["制表人（值班经理）：", "", "审核人（厅经理）：", "", "日期：", ""]],
        colWidths=[32 * mm, 55 * mm, 30 * mm, 55 * mm, 12 * mm, 40 * mm])
    signatures.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font.name), ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("LINEBELOW", (1, 0), (1, 0), 0.6, colors.black),
        ("LINEBELOW", (3, 0), (3, 0), 0.6, colors.black),
        ("LINEBELOW", (5, 0), (5, 0), 0.6, colors.black)]))

    state = "（已月结）" if month.closed else "（未月结）"
    story = [
        Paragraph(TITLE, title),
        Paragraph(f"{_esc(month.hall_name)}　{_esc(month.period)}{state}", sub),
        Spacer(1, 2.5 * mm), table, Spacer(1, 2 * mm),
        Paragraph(f"图例：{LEGEND}。扣款单位：元；扣款明细见 Excel 表“扣款明细”。", small),
        Spacer(1, 5 * mm), signatures,
    ]

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font.name, 7.5)
        canvas.setFillColor(colors.HexColor("#555F6B"))
        canvas.drawString(margin, 6 * mm, f"{month.hall_name}  打印：{month.generated_at:%Y-%m-%d %H:%M}"
                                          f" {month.generated_by}")
        canvas.drawRightString(page_w - margin, 6 * mm, f"第 {doc.page} 页")
        canvas.restoreState()

    doc = SimpleDocTemplate(str(out), pagesize=(page_w, page_h), leftMargin=margin,
                            rightMargin=margin, topMargin=9 * mm, bottomMargin=11 * mm,
                            title=f"{TITLE} {month.period}", author=month.hall_name,
                            creator="hallmanager")
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


def _esc(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text or "")
