"""The incident report (应急事件记录) of one emergency run, on A4: the plan and its version,
drill or real, start/end and who, every step with its time and person (or the skip reason),
the notes, the paper registrations (masked), the summary and the signature lines.

Qt-free; reportlab is imported only when a report is written (start-up stays light)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hallmanager.exporters.atomic import atomic_write
from hallmanager.exporters.fonts import PdfFont, cjk_font

TITLE = "应急事件记录"


@dataclass(frozen=True)
class IncidentReport:
    hall_name: str
    number: int
    title: str  # 营业厅停电（演练）
    head: tuple[tuple[str, str], ...]  # (label, text): 预案, 版本, 类别, 开始, 结束, 用时 …
    steps: tuple[tuple[str, str, str, str], ...]  # (序号, 步骤, 负责, 完成情况)
    notes: tuple[tuple[str, str, str], ...]  # (时间, 记录人, 内容)
    papers: tuple[tuple[str, ...], ...]  # masked rows
    summary: tuple[tuple[str, str], ...]  # (原因, …), (损失, …), (后续措施, …)
    printed_at: dt.datetime
    printed_by: str
    paper_registrations: bool = False


PAPER_HEADERS = ("序号", "客户", "号码", "业务", "金额", "联系方式", "登记", "补录")


def write_incident_pdf(report: IncidentReport, path: Path | str, *, force: bool = False,
                       embed_font: bool = True) -> Path:
    """Write the report atomically (temporary file, then its name); returns the path."""
    font = cjk_font(allow_embedded=embed_font)
    return atomic_write(path, lambda tmp: _build(report, tmp, font), force=force)


def _build(r: IncidentReport, out: Path, font: PdfFont) -> None:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    margin = 15 * mm
    width = A4[0] - 2 * margin
    title = ParagraphStyle("t", fontName=font.name, fontSize=15, leading=19, alignment=TA_CENTER)
    sub = ParagraphStyle("s", fontName=font.name, fontSize=9, leading=12, alignment=TA_CENTER,
                         textColor=colors.HexColor("#555F6B"))
    h2 = ParagraphStyle("h", fontName=font.name, fontSize=11, leading=15, spaceBefore=6,
                        spaceAfter=3)
    cell = ParagraphStyle("c", fontName=font.name, fontSize=8.6, leading=10.8)
    base = [("FONTNAME", (0, 0), (-1, -1), font.name), ("FONTSIZE", (0, 0), (-1, -1), 8.6),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8A96A3")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    header_bg = ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DCE4EE"))

    def p(text: str) -> Any:
        return Paragraph(_esc(text), cell)

    def table(headers: tuple[str, ...], rows: list[tuple[str, ...]],
              widths: tuple[float, ...]) -> Any:
        t = Table([[p(h) for h in headers]] + [[p(x) for x in row] for row in rows],
                  colWidths=[w * width for w in widths], repeatRows=1)
        t.setStyle(TableStyle([*base, header_bg]))
        return t

    def pairs(items: tuple[tuple[str, str], ...]) -> Any:
        rows: list[list[Any]] = []
        cells = [(p(k), p(v)) for k, v in items]
        for i in range(0, len(cells), 2):
            a = cells[i]
            b = cells[i + 1] if i + 1 < len(cells) else (p(""), p(""))
            rows.append([*a, *b])
        t = Table(rows, colWidths=[0.13 * width, 0.37 * width, 0.13 * width, 0.37 * width])
        t.setStyle(TableStyle([*base, ("BACKGROUND", (0, 0), (0, -1),
                                       colors.HexColor("#F1F4F8")),
                               ("BACKGROUND", (2, 0), (2, -1), colors.HexColor("#F1F4F8"))]))
        return t

    story: list[Any] = [
        Paragraph(f"{TITLE}：{_esc(r.title)}", title),
        Paragraph(f"{_esc(r.hall_name)}　第 {r.number} 号", sub), Spacer(1, 4 * mm),
        pairs(r.head),
        Paragraph("处置步骤", h2),
        table(("序号", "步骤", "负责", "完成情况（时间、人员或跳过原因）"), list(r.steps),
              (0.06, 0.46, 0.12, 0.36)),
        Paragraph("过程记录", h2),
        table(("时间", "记录人", "内容"), list(r.notes), (0.2, 0.12, 0.68)) if r.notes
        else p("无"),
    ]
    if r.paper_registrations or r.papers:
        story += [Paragraph("纸质登记（客户信息已遮盖）", h2),
                  table(PAPER_HEADERS, list(r.papers),
                        (0.06, 0.09, 0.14, 0.2, 0.1, 0.13, 0.13, 0.15)) if r.papers
                  else p("无")]
    story += [Paragraph("事件小结", h2), pairs(r.summary)]
    signatures = Table([["值班经理签字：", "", "厅经理签字：", ""],
                        ["日期：", "", "日期：", ""]],
                       colWidths=[0.16 * width, 0.34 * width, 0.16 * width, 0.34 * width],
                       rowHeights=[11 * mm, 9 * mm])
    signatures.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font.name), ("FONTSIZE", (0, 0), (-1, -1), 10),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (1, 0), (1, 1), 0.6, colors.black),
        ("LINEBELOW", (3, 0), (3, 1), 0.6, colors.black)]))
    story.append(KeepTogether([Spacer(1, 6 * mm), signatures]))

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font.name, 7.5)
        canvas.setFillColor(colors.HexColor("#555F6B"))
        canvas.drawString(margin, 8 * mm, f"打印：{r.printed_at:%Y-%m-%d %H:%M} {r.printed_by}")
        canvas.drawRightString(A4[0] - margin, 8 * mm, f"第 {doc.page} 页")
        canvas.restoreState()

    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                            topMargin=12 * mm, bottomMargin=14 * mm,
                            title=f"{TITLE} #{r.number} {r.title}", author=r.hall_name,
                            creator="hallmanager")
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


def _esc(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text or "").replace("\n", "<br/>")
