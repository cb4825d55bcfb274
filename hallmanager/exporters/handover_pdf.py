"""The shift handover sheet (交接班表) as an A4 PDF, printed and signed on paper.

The layout knows only the fixed frame (title, the hall/date/shift grid, signatures, page
header and footer) and three generic section kinds; what the sections say is decided by
the modules' providers (``hallmanager.services.reports``).

Paper rules (an ordinary shift is one A4 page): a section that fits on a page is never
broken across pages; a longer one flows from where it starts, its heading with the first
rows, table headers repeated; the signature block always shares its page with the end of
the last section, never alone.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
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

# Geometry in millimetres (A4 is 210 × 297). Margins ≥ 12 mm keep clear of printers' edges.
MARGIN_X_MM = 14.0
MARGIN_TOP_MM = 12.0
MARGIN_BOTTOM_MM = 12.0
HEADER_Y_MM = 9.0  # page header baseline, from the top edge
FOOTER_Y_MM = 8.0  # page footer baseline, from the bottom edge
BODY_PT = 8.6  # body text; nothing the hall must read is smaller than 8.5 pt
SECTION_GAP_MM = 1.4


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


def _text_width(text: str, size: float) -> float:
    """Rough printed width in points: CJK characters are square, others about half."""
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else size * 0.55
               for ch in text)


# Spacing (points unless named _mm) of the normal layout and of the compact one, used when a
# busy shift would spill a little onto a second page. Type sizes are the same in both.
_SPACING = {
    False: {"leading": 11.0, "text_leading": 12.2, "title": (16, 20, 1.8), "pad": (1.0, 1.8),
            "info_pad": (3, 4), "gap_mm": SECTION_GAP_MM, "heading_after_mm": 0.9,
            "heading_pad": (0.6, 1.8)},
    True: {"leading": 10.3, "text_leading": 11.0, "title": (14, 16, 1.0), "pad": (0.5, 1.2),
           "info_pad": (1.5, 2.5), "gap_mm": 0.9, "heading_after_mm": 0.5,
           "heading_pad": (0.3, 1.2)},
}


def _styles(font_name: str, compact: bool = False) -> dict[str, Any]:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm

    sp = _SPACING[compact]
    base = ParagraphStyle("base", fontName=font_name, fontSize=BODY_PT, leading=sp["leading"],
                          wordWrap="CJK", textColor=colors.HexColor(_INK))
    size, leading, after = sp["title"]
    return {
        "spacing": sp,
        "base": base,
        "title": ParagraphStyle("title", parent=base, fontSize=size, leading=leading,
                                alignment=TA_CENTER, spaceAfter=after * mm),
        "label": ParagraphStyle("label", parent=base, textColor=colors.HexColor("#33414E")),
        # a closing bracket may hang past the line end (CJK wrapping): keep it off the grid
        "cell": ParagraphStyle("cell", parent=base, rightIndent=1.5),
        "head": ParagraphStyle("head", parent=base, textColor=colors.HexColor("#18324D")),
        "section": ParagraphStyle("section", parent=base, fontSize=10, leading=12.5,
                                  textColor=colors.HexColor(_ACCENT)),
        "note": ParagraphStyle("note", parent=base, fontSize=8.5, leading=10.8,
                               textColor=colors.HexColor(_MUTED)),
        "text": ParagraphStyle("text", parent=base, leading=sp["text_leading"],
                               spaceAfter=0.8 * mm,
                               leftIndent=2),
    }


def _build(sheet: HandoverSheet, out: Path, font: PdfFont) -> None:
    """Lay the sheet out normally; when that spills onto a second page but the compact
    spacing (same type sizes, tighter rows) fits one, print the compact one: a busy shift
    stays on one sheet of paper. Longer sheets keep the normal spacing."""
    import io

    normal = io.BytesIO()
    pages = _layout(sheet, normal, font, compact=False)
    if pages > 1:
        compact = io.BytesIO()
        if _layout(sheet, compact, font, compact=True) == 1:
            normal = compact
    out.write_bytes(normal.getvalue())


def _layout(sheet: HandoverSheet, out: Any, font: PdfFont, *, compact: bool) -> int:
    """Build the PDF into ``out`` (a path or a binary file); the number of pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    st = _styles(font.name, compact)
    page_w, page_h = A4
    margin_x = MARGIN_X_MM * mm
    width = page_w - 2 * margin_x
    doc = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=margin_x, rightMargin=margin_x,
        topMargin=MARGIN_TOP_MM * mm, bottomMargin=MARGIN_BOTTOM_MM * mm,
        title=f"{TITLE} {sheet.date.isoformat()} {sheet.shift_name}",
        author=sheet.hall_name, subject=f"{sheet.hall_name} {TITLE}", creator="hallmanager",
    )
    frame_h = doc.height - 12  # the default frame's 6 pt padding, top and bottom

    story: list[Any] = [Paragraph(TITLE, st["title"]), _info_block(sheet, st, width)]
    groups = [g for g in (_section(s, st, width) for s in sheet.sections) if g]
    signatures = _signatures(st, width)
    for group in groups[:-1]:
        story.append(keep_section(group, frame_h))
    # The last section and the signatures go together: never a signature page on its own.
    last = groups[-1] if groups else []
    reserve = signatures.wrap(width, frame_h)[1]
    story.append(keep_section([*last, signatures], frame_h, reserve=reserve))

    canvas_cls = _numbered_canvas(sheet, font.name, margin_x, page_w, page_h)
    doc.build(story, canvasmaker=canvas_cls)
    return doc.page


@functools.cache
def _keep_section_class() -> type:
    """``keep_section`` builds on reportlab's KeepTogether, imported only when printing."""
    from reportlab.platypus import KeepTogether
    from reportlab.platypus.doctemplate import FrameBreak

    class _KeepSection(KeepTogether):
        """A section kept on one page when it fits on one; a longer section starts where it
        is and flows on, its heading with at least its first rows. ``reserve`` points at the
        end (the signature block) always travel with some of the content before them."""

        def __init__(self, flowables: list[Any], frame_height: float, *,
                     reserve: float = 0.0, lead: int = 1) -> None:
            super().__init__(flowables)
            self._frame_h = frame_height
            self._reserve = reserve
            self._lead = lead  # leading flowables (the heading) that must not be left alone

        def split(self, aW: float, aH: float) -> list[Any]:
            if getattr(self, "_wrapInfo", None) != (aW, aH):
                self.wrap(aW, aH)
            content = list(self._content)
            if self._H <= aH:
                return content
            at_top = aH >= self._frame_h - 1
            if self._H <= self._frame_h:
                return [FrameBreak(), *content]  # fits on the next page: keep it whole
            placed, rest = self._fill(content, aW, aH)
            if len(placed) <= self._lead or not rest:
                # Not even the heading and a first row fit here: start on the next page
                # (on an empty page, flow anyway rather than loop).
                return content if at_top else [FrameBreak(), *content]
            return [*placed, _KeepSection(rest, self._frame_h, reserve=self._reserve, lead=0)]

        def _fill(self, content: list[Any], aW: float, aH: float) -> tuple[list[Any], list[Any]]:
            """What of ``content`` fits in ``aH`` leaving room for the reserve, and the rest."""
            limit = aH - self._reserve
            placed: list[Any] = []
            used = 0.0
            for i, f in enumerate(content):
                room = limit - used
                _, h = f.wrapOn(self.canv, aW, max(room, 0))
                if used + h <= limit:
                    placed.append(f)
                    used += h + (f.getSpaceAfter() or 0)
                    continue
                parts = f.splitOn(self.canv, aW, room) if room > 0 else []
                if len(parts) >= 2:
                    return [*placed, parts[0]], [*parts[1:], *content[i + 1:]]
                return placed, content[i:]
            return placed, []

    return _KeepSection


def keep_section(flowables: list[Any], frame_height: float, *, reserve: float = 0.0) -> Any:
    """A flowable that keeps ``flowables`` (one section) together where they fit a page."""
    return _keep_section_class()(flowables, frame_height, reserve=reserve)


def _table_style(st: dict[str, Any], extra: list[tuple[Any, ...]] | None = None):  # type: ignore[no-untyped-def]
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    cmds: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), st["base"].fontName),  # even empty cells set a font
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor(_GRID)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), st["spacing"]["pad"][0]),
        ("BOTTOMPADDING", (0, 0), (-1, -1), st["spacing"]["pad"][1]),
        ("LEFTPADDING", (0, 0), (-1, -1), 3.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3.5),
    ]
    return TableStyle(cmds + (extra or []))


def _label_width(labels: list[str], st: dict[str, Any], width: float, cap: float) -> float:
    """A label column just wide enough for its longest label (within ``cap`` of ``width``)."""
    need = max((_text_width(t, st["label"].fontSize) for t in labels), default=0) + 8
    return min(max(need, 0.08 * width), cap * width)


def _info_block(sheet: HandoverSheet, st: dict[str, Any], width: float):  # type: ignore[no-untyped-def]
    """The head of the sheet as a compact 2 × 3 grid of label/value pairs."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Table

    def lab(t: str) -> Any:
        return Paragraph(t, st["label"])

    def val(t: str | None) -> Any:
        return Paragraph(_p(t), st["base"])

    rows = [
        [lab("营业厅"), val(sheet.hall_name), lab("日期"), val(chinese_date(sheet.date)),
         lab("班次"), val(f"{sheet.shift_name}　{sheet.shift_time}".strip())],
        [lab("交班值班经理"), val(sheet.outgoing), lab("接班值班经理"), val(sheet.incoming or ""),
         lab("日志状态"), val(sheet.status or "")],
    ]
    size = st["base"].fontSize
    labels = [max(_text_width(t, size) for t in pair) + 8
              for pair in (("营业厅", "交班值班经理"), ("日期", "接班值班经理"), ("班次", "日志状态"))]
    values = [(sheet.hall_name, sheet.outgoing),
              (chinese_date(sheet.date), sheet.incoming or ""),
              (f"{sheet.shift_name}　{sheet.shift_time}", sheet.status or "")]
    needs = [max(_text_width(v, size) for v in pair) + 8 for pair in values]
    # Each value column gets what its text needs where possible; slack or shortage is shared
    # in proportion, so a long hall name wraps before the date does.
    rest = width - sum(labels)
    scale = rest / sum(needs)
    widths = [w for lab_w, need in zip(labels, needs, strict=True)
              for w in (lab_w, need * scale)]
    t = Table(rows, colWidths=widths, hAlign="CENTER", spaceAfter=0.5 * mm)
    t.setStyle(_table_style(st, [
        *[("BACKGROUND", (j, 0), (j, -1), colors.HexColor(_LABEL_BG)) for j in (0, 2, 4)],
        ("BOX", (0, 0), (-1, -1), 1.0, colors.HexColor(_INK)),
        ("TOPPADDING", (0, 0), (-1, -1), st["spacing"]["info_pad"][0]),
        ("BOTTOMPADDING", (0, 0), (-1, -1), st["spacing"]["info_pad"][1]),
    ]))
    return t


def _heading(title: str, st: dict[str, Any], width: float, *,  # type: ignore[no-untyped-def]
             statement: str | None = None, muted: bool = True):
    """A section heading; ``statement`` (an empty section's text, or a short text section's
    one line) follows on the same line."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Table

    markup = _p(title)
    if statement is not None:
        color = _MUTED if muted else _INK
        markup += (f'<font size="{BODY_PT}" color="{color}">　　{_p(statement)}</font>')
    sp = st["spacing"]
    t = Table([[Paragraph(markup, st["section"])]], colWidths=[width],
              spaceBefore=sp["gap_mm"] * mm, spaceAfter=sp["heading_after_mm"] * mm)
    t.setStyle([
        ("FONTNAME", (0, 0), (-1, -1), st["base"].fontName),
        ("LINEBEFORE", (0, 0), (0, 0), 2.5, colors.HexColor(_ACCENT)),
        ("LINEBELOW", (0, 0), (0, 0), 0.6, colors.HexColor(_ACCENT)),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), sp["heading_pad"][0]),
        ("BOTTOMPADDING", (0, 0), (-1, -1), sp["heading_pad"][1]),
    ])
    return t


def _section(section: Section, st: dict[str, Any], width: float) -> list[Any]:
    """Flowables for one section (heading first); none for an empty section without empty
    text, only the heading line for one with (the statement printed beside the title)."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    if section_is_empty(section):
        if section.empty_text is None:
            return []
        return [_heading(section.title, st, width, statement=section.empty_text)]
    out: list[Any] = [_heading(section.title, st, width)]
    if isinstance(section, TableSection):
        out.append(_table(section, st, width))
        if section.note:
            out += [Spacer(1, 0.8 * mm), Paragraph(_p(section.note), st["note"])]
    elif isinstance(section, KeyValueSection):
        out.append(_key_values(section, st, width))
    elif isinstance(section, TextSection):
        texts = [p.strip() for p in section.paragraphs if p.strip()]
        if len(texts) == 1 and "\n" not in texts[0] and \
                _text_width(section.title + "　　" + texts[0], BODY_PT) < width * 0.92:
            # a short note shares the heading's line: a page keeps room for the signatures
            return [_heading(section.title, st, width, statement=texts[0], muted=False)]
        out += [Paragraph(_p(p), st["text"]) for p in texts]
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
    """``columns`` label/value pairs per row; a value too long for its cell gets a row of its
    own, and the last value of a short row spans the rest (no empty label cells)."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table

    cols = max(1, section.columns)
    label_w = _label_width([lab for lab, _ in section.items], st, width, 0.3 / cols + 0.05)
    value_w = width / cols - label_w
    size = st["base"].fontSize

    def long(value: str) -> bool:
        return cols > 1 and (_text_width(value, size) > value_w - 7 or "\n" in value)

    packed: list[list[tuple[str, str]]] = [[]]
    for label, value in section.items:
        if packed[-1] and (len(packed[-1]) == cols or long(value)):
            packed.append([])
        packed[-1].append((label, value))
        if long(value):
            packed.append([])
    rows: list[list[Any]] = []
    spans: list[tuple[Any, ...]] = []
    for r, pairs in enumerate(p for p in packed if p):
        row: list[Any] = []
        for label, value in pairs:
            row += [Paragraph(_p(label), st["label"]), Paragraph(_p(value), st["base"])]
        if len(pairs) < cols:
            spans.append(("SPAN", (len(row) - 1, r), (2 * cols - 1, r)))
            row += [""] * (2 * cols - len(row))
        rows.append(row)
    widths = [label_w if j % 2 == 0 else value_w for j in range(2 * cols)]
    t = Table(rows, colWidths=widths, splitInRow=1, hAlign="CENTER")
    label_bg = [("BACKGROUND", (j, r), (j, r), colors.HexColor(_LABEL_BG))
                for r, row in enumerate(rows) for j in range(0, 2 * cols, 2) if row[j] != ""]
    t.setStyle(_table_style(st, [*label_bg, *spans]))
    return t


def _signatures(st: dict[str, Any], width: float):  # type: ignore[no-untyped-def]
    """The two signature lines with date lines (kept with the last section by the caller)."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Table

    def lab(t: str) -> Any:
        return Paragraph(t, st["base"])

    # Plain strings keep their spaces (paragraphs would collapse them).
    date_line = "        年      月      日      时      分"
    rows = [
        [Paragraph("以上内容经交接双方核对无误。", st["note"]), "", "", "", ""],
        [lab("交班人（签字）："), "", "", lab("接班人（签字）："), ""],
        [lab("日　　期："), date_line, "", lab("日　　期："), date_line],
    ]
    w = [0.17, 0.31, 0.04, 0.17, 0.31]
    t = Table(rows, colWidths=[x * width for x in w], rowHeights=[4.5 * mm, 9 * mm, 7 * mm],
              spaceBefore=st["spacing"]["gap_mm"] * mm)
    t.setStyle([
        ("FONTNAME", (0, 0), (-1, -1), st["base"].fontName),
        ("FONTSIZE", (0, 0), (-1, -1), st["base"].fontSize),
        ("TEXTCOLOR", (0, 0), (-1, -1), colors.HexColor(_INK)),
        ("SPAN", (0, 0), (-1, 0)),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEABOVE", (0, 0), (-1, 0), 0.6, colors.HexColor(_GRID)),
        ("LINEBELOW", (1, 1), (1, 1), 0.8, colors.HexColor(_INK)),
        ("LINEBELOW", (4, 1), (4, 1), 0.8, colors.HexColor(_INK)),
        ("LINEBELOW", (1, 2), (1, 2), 0.5, colors.HexColor(_GRID)),
        ("LINEBELOW", (4, 2), (4, 2), 0.5, colors.HexColor(_GRID)),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ])
    return t


# --- page header and footer -------------------------------------------------------------------


def draw_page_header(canv: Any, sheet: HandoverSheet, *, font_name: str, left: float,
                     right: float, y: float) -> None:
    """The running head of every page: hall on the left, sheet/date/shift on the right."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm

    canv.setFillColor(colors.HexColor(_MUTED))
    canv.setStrokeColor(colors.HexColor(_GRID))
    canv.setLineWidth(0.5)
    canv.setFont(font_name, 8)
    canv.drawString(left, y, sheet.hall_name)
    canv.drawRightString(right, y, f"{TITLE}　{sheet.date.isoformat()}　{sheet.shift_name}")
    canv.line(left, y - 1.8 * mm, right, y - 1.8 * mm)


def draw_page_footer(canv: Any, sheet: HandoverSheet, number: int, total: int, *,
                     font_name: str, left: float, right: float, y: float) -> None:
    """The foot of every page: when and by whom it was printed (the real actor, from
    ``sheet.printed_by``) and 第 x 页 / 共 y 页. Anything else the footer must carry goes here."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm

    printed = sheet.printed_at.strftime("%Y-%m-%d %H:%M")
    canv.setFillColor(colors.HexColor(_MUTED))
    canv.setStrokeColor(colors.HexColor(_GRID))
    canv.setLineWidth(0.5)
    canv.setFont(font_name, 8)
    canv.line(left, y + 3.2 * mm, right, y + 3.2 * mm)
    footer = f"打印时间：{printed}　打印人：{sheet.printed_by}"
    if sheet.audit_anchor:  # hallmanager check --anchor verifies the file against the paper
        footer += f"　审计链 {sheet.audit_anchor}"
    canv.drawString(left, y, footer)
    canv.drawRightString(right, y, f"第 {number} 页 / 共 {total} 页")


def _numbered_canvas(sheet: HandoverSheet, font_name: str, margin_x: float, page_w: float,
                     page_h: float) -> type:
    """A canvas that draws header and footer after layout, when the page count is known."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    geometry = {"font_name": font_name, "left": margin_x, "right": page_w - margin_x}

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
                self.saveState()
                draw_page_header(self, sheet, y=page_h - HEADER_Y_MM * mm, **geometry)
                draw_page_footer(self, sheet, number, total, y=FOOTER_Y_MM * mm, **geometry)
                self.restoreState()
                super().showPage()
            super().save()

    return NumberedCanvas
