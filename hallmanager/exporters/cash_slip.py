"""The till slip (款箱交接单): one count on one A5-sized half of an A4 page — who hands over to
whom, the float, the system's receivable, the cash by denomination, the non-cash takings,
received, over/short with its reason, and both signature lines (with the times each side
confirmed with their password). A reversal prints as such, naming the original."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hallmanager.domain.money import format_fen
from hallmanager.exporters.atomic import atomic_write
from hallmanager.exporters.fonts import PdfFont, cjk_font

TITLE = "款箱交接单"


@dataclass(frozen=True)
class SlipLine:
    label: str  # 100 元纸币
    pieces: int
    amount_fen: int


@dataclass(frozen=True)
class TillSlip:
    hall_name: str
    number: int
    date: dt.date
    shift_name: str
    state: str  # 已确认 …
    reversal: bool
    rows: tuple[tuple[str, str], ...]  # (label, text) in print order
    lines: tuple[SlipLine, ...]
    cash_fen: int
    giver_confirmed_at: dt.datetime | None
    receiver_confirmed_at: dt.datetime | None
    printed_at: dt.datetime
    printed_by: str


def write_till_slip(slip: TillSlip, path: Path | str, *, force: bool = False,
                    embed_font: bool = True) -> Path:
    """Write the slip atomically; returns the final path."""
    font = cjk_font(allow_embedded=embed_font)
    return atomic_write(path, lambda tmp: _build(slip, tmp, font), force=force)


def _build(slip: TillSlip, out: Path, font: PdfFont) -> None:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    margin = 15 * mm
    width = A4[0] - 2 * margin
    title = ParagraphStyle("t", fontName=font.name, fontSize=15, leading=19, alignment=TA_CENTER)
    sub = ParagraphStyle("s", fontName=font.name, fontSize=9, leading=12, alignment=TA_CENTER,
                         textColor=colors.HexColor("#555F6B"))
    cell = ParagraphStyle("c", fontName=font.name, fontSize=9, leading=11)
    base = [("FONTNAME", (0, 0), (-1, -1), font.name), ("FONTSIZE", (0, 0), (-1, -1), 9),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8A96A3")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]

    kind = "（冲正）" if slip.reversal else ""
    head = (f"{_esc(slip.hall_name)}　{slip.date:%Y-%m-%d}　{_esc(slip.shift_name)}　"
            f"第 {slip.number} 号　{_esc(slip.state)}")
    figures = Table([[Paragraph(_esc(k), cell), Paragraph(_esc(v), cell)]
                     for k, v in slip.rows],
                    colWidths=[0.3 * width, 0.7 * width])
    figures.setStyle(TableStyle([*base, ("BACKGROUND", (0, 0), (0, -1),
                                         colors.HexColor("#F1F4F8"))]))
    lines = [["面额", "张数", "金额"]] + [
        [ln.label, str(ln.pieces), format_fen(ln.amount_fen, symbol=False)] for ln in slip.lines]
    lines.append(["合计", "", format_fen(slip.cash_fen, symbol=False)])
    denom = Table(lines, colWidths=[0.4 * width, 0.25 * width, 0.35 * width], repeatRows=1)
    denom.setStyle(TableStyle([*base, ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DCE4EE"))]))

    def when(t: Any) -> str:
        return f"已于 {t:%Y-%m-%d %H:%M} 以本人密码确认" if t else "未确认"

    signatures = Table([
        ["交出人签字：", "", "接收人签字：", ""],
        [when(slip.giver_confirmed_at), "", when(slip.receiver_confirmed_at), ""]],
        colWidths=[0.18 * width, 0.32 * width, 0.18 * width, 0.32 * width])
    signatures.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font.name), ("FONTSIZE", (0, 0), (-1, 0), 10),
        ("FONTSIZE", (0, 1), (-1, 1), 7.5), ("SPAN", (0, 1), (1, 1)), ("SPAN", (2, 1), (3, 1)),
        ("TEXTCOLOR", (0, 1), (-1, 1), colors.HexColor("#555F6B")),
        ("LINEBELOW", (1, 0), (1, 0), 0.6, colors.black),
        ("LINEBELOW", (3, 0), (3, 0), 0.6, colors.black)]))
    story = [Paragraph(TITLE + kind, title), Paragraph(head, sub), Spacer(1, 4 * mm), figures,
             Spacer(1, 4 * mm), denom, Spacer(1, 10 * mm), signatures]

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font.name, 7.5)
        canvas.setFillColor(colors.HexColor("#555F6B"))
        canvas.drawString(margin, 8 * mm, f"打印：{slip.printed_at:%Y-%m-%d %H:%M} {slip.printed_by}")
        canvas.drawRightString(A4[0] - margin, 8 * mm, f"第 {doc.page} 页")
        canvas.restoreState()

    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                            topMargin=12 * mm, bottomMargin=14 * mm,
                            title=f"{TITLE} {slip.date:%Y-%m-%d} #{slip.number}",
                            author=slip.hall_name,
                            creator="hallmanager")
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


def _esc(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text or "")
