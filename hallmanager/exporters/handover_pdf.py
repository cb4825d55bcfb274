"""The shift handover sheet (交接班表) as an A4 PDF, printed and signed on paper.

The layout knows only the fixed frame (title, the hall/date/shift block, signatures, page
header and footer) and three generic section kinds; what the sections say is decided by
the providers in ``hallmanager.services.reports``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from hallmanager.exporters.atomic import atomic_write
from hallmanager.exporters.data import (
    HandoverSheet,
    KeyValueSection,
    Section,
    TableSection,
    TextSection,
    mask_personal_columns,
    section_is_empty,
)
from hallmanager.exporters.fonts import PdfFont, cjk_font

WEEKDAYS = "一二三四五六日"
TITLE = "交接班表"
_INK = "#1F2A36"
_ACCENT = "#1F4E79"
_LABEL_BG = "#EEF2F7"
_HEAD_BG = "#DCE4EE"
_ZEBRA = "#F7F9FB"
_GRID = "#8A96A3"
_MUTED = "#5F6B77"


def chinese_date(d: dt.date) -> str:
    """2026-11-22 → '2026年11月22日 星期日' (as printed on paper forms)."""
    return f"{d.year}年{d.month}月{d.day}日 星期{WEEKDAYS[d.weekday()]}"


def write_handover_pdf(sheet: HandoverSheet, path: Path | str, *, force: bool = False,
                       embed_font: bool = True) -> Path:
    """Write ``sheet`` to ``path`` atomically; ``embed_font=False`` forces STSong-Light."""
    sheet = mask_personal_columns(sheet)  # columns marked personal, unless unmasked
    font = cjk_font(allow_embedded=embed_font)
    return atomic_write(path, lambda tmp: _build(sheet, tmp, font), force=force)


def _p(text: str | None) -> str:
    """User text as reportlab paragraph markup: escaped, line breaks kept."""
    return escape(text or "").replace("\r\n", "\n").replace("\n", "<br/>")


def _build(sheet: HandoverSheet, out: Path, font: PdfFont) -> None:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    f = font.name
    base = ParagraphStyle("base", fontName=f, fontSize=9.5, leading=13.5, wordWrap="CJK",
                          textColor=colors.HexColor(_INK))
    st = {
        "base": base,
        "title": ParagraphStyle("title", parent=base, fontSize=20, leading=26,
                                alignment=TA_CENTER, spaceAfter=1 * mm),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=10.5, leading=14,
                                   alignment=TA_CENTER, textColor=colors.HexColor(_MUTED)),
        "label": ParagraphStyle("label", parent=base, textColor=colors.HexColor("#33414E")),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12.5),
        "head": ParagraphStyle("head", parent=base, fontSize=9, leading=12.5,
                               textColor=colors.HexColor("#18324D")),
        "section": ParagraphStyle("section", parent=base, fontSize=11.5, leading=15,
                                  textColor=colors.HexColor(_ACCENT)),
        "empty": ParagraphStyle("empty", parent=base, textColor=colors.HexColor(_MUTED)),
        "note": ParagraphStyle("note", parent=base, fontSize=8.5, leading=11.5,
                               textColor=colors.HexColor(_MUTED)),
        "text": ParagraphStyle("text", parent=base, fontSize=10, leading=15, spaceAfter=1.5 * mm),
    }

    page_w, page_h = A4
    margin_x = 18 * mm
    width = page_w - 2 * margin_x
    doc = SimpleDocTemplate(
        str(out), pagesize=A4, leftMargin=margin_x, rightMargin=margin_x,
        topMargin=24 * mm, bottomMargin=20 * mm,
        title=f"{TITLE} {sheet.date.isoformat()} {sheet.shift_name}",
        author=sheet.hall_name, subject=f"{sheet.hall_name} {TITLE}", creator="hallmanager",
    )

    story: list[Any] = [
        Paragraph(TITLE, st["title"]),
        Paragraph(_p(sheet.hall_name), st["subtitle"]),
        Spacer(1, 5 * mm),
        _info_block(sheet, st, width),
    ]
    for section in sheet.sections:
        flowables = _section(section, st, width)
        if flowables:
            story.append(Spacer(1, 5 * mm))
            story.extend(flowables)
    story.append(Spacer(1, 10 * mm))
    story.append(_signatures(st, width))

    canvas_cls = _numbered_canvas(sheet, f, margin_x, page_w, page_h)
    doc.build(story, canvasmaker=canvas_cls)


def _table_style(st: dict[str, Any], extra: list[tuple[Any, ...]] | None = None):  # type: ignore[no-untyped-def]
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    cmds: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), st["base"].fontName),  # even empty cells set a font
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor(_GRID)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4.2),
        ("LEFTPADDING", (0, 0), (-1, -1), 4.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4.5),
    ]
    return TableStyle(cmds + (extra or []))


def _info_block(sheet: HandoverSheet, st: dict[str, Any], width: float):  # type: ignore[no-untyped-def]
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table

    def lab(t: str) -> Any:
        return Paragraph(t, st["label"])

    def val(t: str | None) -> Any:
        return Paragraph(_p(t), st["base"])

    rows = [
        [lab("营业厅"), val(sheet.hall_name), lab("日期"), val(chinese_date(sheet.date))],
        [lab("班次"), val(f"{sheet.shift_name}　{sheet.shift_time}".strip()),
         lab("日志状态"), val(sheet.status or "")],
        [lab("交班值班经理"), val(sheet.outgoing), lab("接班值班经理"), val(sheet.incoming or "")],
    ]
    w = [0.17, 0.33, 0.17, 0.33]
    t = Table(rows, colWidths=[x * width for x in w], hAlign="CENTER")
    t.setStyle(_table_style(st, [
        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor(_LABEL_BG)),
        ("BACKGROUND", (2, 0), (2, -1), colors.HexColor(_LABEL_BG)),
        ("BOX", (0, 0), (-1, -1), 1.0, colors.HexColor(_INK)),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    return t


def _heading(title: str, st: dict[str, Any], width: float):  # type: ignore[no-untyped-def]
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Table

    t = Table([[Paragraph(_p(title), st["section"])]], colWidths=[width], spaceAfter=2 * mm)
    t.setStyle([
        ("FONTNAME", (0, 0), (-1, -1), st["base"].fontName),
        ("LINEBEFORE", (0, 0), (0, 0), 3, colors.HexColor(_ACCENT)),
        ("LINEBELOW", (0, 0), (0, 0), 0.6, colors.HexColor(_ACCENT)),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ])
    t.keepWithNext = True  # never a heading alone at the foot of a page
    return t


def _section(section: Section, st: dict[str, Any], width: float) -> list[Any]:
    """Flowables for one section; nothing at all for an empty section without empty text."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    if section_is_empty(section):
        if section.empty_text is None:
            return []
        return [_heading(section.title, st, width),
                Paragraph(_p(section.empty_text), st["empty"])]
    out: list[Any] = [_heading(section.title, st, width)]
    if isinstance(section, TableSection):
        out.append(_table(section, st, width))
        if section.note:
            out += [Spacer(1, 1 * mm), Paragraph(_p(section.note), st["note"])]
    elif isinstance(section, KeyValueSection):
        out.append(_key_values(section, st, width))
    elif isinstance(section, TextSection):
        out += [Paragraph(_p(p), st["text"]) for p in section.paragraphs if p.strip()]
    else:  # pragma: no cover - the Section union is closed
        raise TypeError(f"unknown section type {type(section).__name__}")
    return out


def _table(section: TableSection, st: dict[str, Any], width: float):  # type: ignore[no-untyped-def]
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table

    n = len(section.headers)
    weights = section.col_widths or tuple(1.0 for _ in range(n))
    total = sum(weights)
    widths = [width * w / total for w in weights]
    data = [[Paragraph(_p(h), st["head"]) for h in section.headers]]
    data += [[Paragraph(_p(c), st["cell"]) for c in row] for row in section.rows]
    t = Table(data, colWidths=widths, repeatRows=1, splitInRow=1, hAlign="CENTER")
    t.setStyle(_table_style(st, [
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(_HEAD_BG)),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor(_ZEBRA)]),
        ("LINEBELOW", (0, 0), (-1, 0), 0.9, colors.HexColor(_INK)),
    ]))
    return t


def _key_values(section: KeyValueSection, st: dict[str, Any], width: float):  # type: ignore[no-untyped-def]
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table

    cols = max(1, section.columns)
    items = list(section.items)
    while len(items) % cols:
        items.append(("", ""))
    rows = []
    for i in range(0, len(items), cols):
        row: list[Any] = []
        for label, value in items[i:i + cols]:
            row += [Paragraph(_p(label), st["label"]), Paragraph(_p(value), st["base"])]
        rows.append(row)
    label_w = 0.34 / cols if cols > 1 else 0.22
    widths = [width * (label_w if j % 2 == 0 else (1 / cols - label_w)) for j in range(2 * cols)]
    t = Table(rows, colWidths=widths, splitInRow=1, hAlign="CENTER")
    t.setStyle(_table_style(st, [
        *[("BACKGROUND", (j, 0), (j, -1), colors.HexColor(_LABEL_BG)) for j in range(0, 2 * cols, 2)],
    ]))
    return t


def _signatures(st: dict[str, Any], width: float):  # type: ignore[no-untyped-def]
    """The two signature lines with date lines, kept together at the end of the sheet."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

    def lab(t: str) -> Any:
        return Paragraph(t, st["base"])

    # Plain strings keep their spaces (paragraphs would collapse them).
    date_line = "          年       月       日       时       分"
    rows = [
        [lab("交班人（签字）："), "", "", lab("接班人（签字）："), ""],
        [lab("日　　期："), date_line, "", lab("日　　期："), date_line],
    ]
    w = [0.19, 0.29, 0.04, 0.19, 0.29]
    t = Table(rows, colWidths=[x * width for x in w], rowHeights=[13 * mm, 11 * mm])
    t.setStyle([
        ("FONTNAME", (0, 0), (-1, -1), st["base"].fontName),
        ("FONTSIZE", (0, 0), (-1, -1), st["base"].fontSize),
        ("TEXTCOLOR", (0, 0), (-1, -1), colors.HexColor(_INK)),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (1, 0), (1, 0), 0.8, colors.HexColor(_INK)),
        ("LINEBELOW", (4, 0), (4, 0), 0.8, colors.HexColor(_INK)),
        ("LINEBELOW", (1, 1), (1, 1), 0.5, colors.HexColor(_GRID)),
        ("LINEBELOW", (4, 1), (4, 1), 0.5, colors.HexColor(_GRID)),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ])
    rule = Table([[""]], colWidths=[width], rowHeights=[1])
    rule.setStyle([("FONTNAME", (0, 0), (-1, -1), st["base"].fontName),
                   ("LINEABOVE", (0, 0), (-1, 0), 0.6, colors.HexColor(_GRID))])
    return KeepTogether([rule, Spacer(1, 2 * mm),
                         Paragraph("以上内容经交接双方核对无误。", st["note"]), t])


def _numbered_canvas(sheet: HandoverSheet, font_name: str, margin_x: float, page_w: float,
                     page_h: float) -> type:
    """A canvas that draws header and footer after layout, when the page count is known."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    printed = sheet.printed_at.strftime("%Y-%m-%d %H:%M")
    header_right = f"{TITLE}　{sheet.date.isoformat()}　{sheet.shift_name}"
    footer_left = f"打印时间：{printed}　打印人：{sheet.printed_by}"
    if sheet.audit_anchor:  # hallmanager check --anchor verifies the file against the paper
        footer_left += f"　审计链 {sheet.audit_anchor}"

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = font_name  # no stray, unembedded Helvetica
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._decorate(number, total)
                super().showPage()
            super().save()

        def _decorate(self, number: int, total: int) -> None:
            self.saveState()
            self.setFillColor(colors.HexColor(_MUTED))
            self.setStrokeColor(colors.HexColor(_GRID))
            self.setLineWidth(0.5)
            top = page_h - 14 * mm
            self.setFont(font_name, 8.5)
            self.drawString(margin_x, top, sheet.hall_name)
            self.drawRightString(page_w - margin_x, top, header_right)
            self.line(margin_x, top - 2.2 * mm, page_w - margin_x, top - 2.2 * mm)
            bottom = 11 * mm
            self.line(margin_x, bottom + 4 * mm, page_w - margin_x, bottom + 4 * mm)
            self.drawString(margin_x, bottom, footer_left)
            self.drawRightString(page_w - margin_x, bottom, f"第 {number} 页 / 共 {total} 页")
            self.restoreState()

    return NumberedCanvas
