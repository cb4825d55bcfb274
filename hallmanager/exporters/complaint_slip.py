"""The complaint slip (投诉处理单): one complaint on A4 portrait — the registration, the
deadline, the reply, the call-backs and the timeline — with signature lines.

Input is a ``ComplaintView`` as the service returns it: already masked unless the user was
allowed and asked for the full data; free text is masked by pattern here as well, so a number
typed into a description never prints in full on a masked slip.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hallmanager.exporters.atomic import atomic_write
from hallmanager.exporters.fonts import PdfFont, cjk_font

TITLE = "投诉处理单"


def write_complaint_slip(view: Any, path: Path | str, *, hall_name: str,
                         printed_at: dt.datetime, printed_by: str, force: bool = False,
                         embed_font: bool = True) -> Path:
    """Write the slip atomically; returns the final path."""
    font = cjk_font(allow_embedded=embed_font)
    return atomic_write(path, lambda tmp: _build(view, tmp, font, hall_name, printed_at,
                                                 printed_by), force=force)


def _fmt(v: dt.datetime | None) -> str:
    return f"{v:%Y-%m-%d %H:%M}" if v else ""


def _build(v: Any, out: Path, font: PdfFont, hall_name: str, printed_at: dt.datetime,
           printed_by: str) -> None:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from hallmanager.domain.masking import mask_personal_text

    def text(t: str) -> str:
        return t if not v.masked else mask_personal_text(t)

    page_w, _ = A4
    margin = 14 * mm
    width = page_w - 2 * margin
    title = ParagraphStyle("t", fontName=font.name, fontSize=16, leading=20, alignment=TA_CENTER)
    sub = ParagraphStyle("s", fontName=font.name, fontSize=9, leading=12, alignment=TA_CENTER,
                         textColor=colors.HexColor("#555F6B"))
    cell = ParagraphStyle("c", fontName=font.name, fontSize=9, leading=12)
    head = ParagraphStyle("h", fontName=font.name, fontSize=11, leading=15, spaceBefore=6)

    def p(t: str) -> Any:
        return Paragraph(_esc(t).replace("\n", "<br/>"), cell)

    flags = [x for x, on in (("声称升级", v.escalation_threat), ("已升级", v.escalated),
                             ("重复投诉" + (f"（{v.repeat_of_number}）" if v.repeat_of_number
                                            else ""), v.repeat),
                             ("VIP/集团客户", v.vip), ("紧急", v.urgent)) if on]
    pairs = [
        ("编号", v.number, "状态", v.status.label),
        ("来源", v.source.label + (f"（工单号 {v.external_no}）" if v.external_no else ""),
         "受理时间", _fmt(v.received_at)),
        ("客户姓名", v.customer_name, "联系电话", v.phone),
        ("证件号码", v.id_number or "—", "投诉类别", v.category),
        ("处理人", v.handler_name, "责任部门", text(v.department) or "—"),
        ("承诺时限", _fmt(v.due_at) if v.due_at else ("等待客户" if v.paused else "—"),
         "标记", "、".join(flags) or "—"),
    ]
    grid = Table([[p(a), p(b), p(c), p(d)] for a, b, c, d in pairs],
                 colWidths=[20 * mm, width / 2 - 20 * mm, 20 * mm, width / 2 - 20 * mm])
    box = [("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8A96A3")),
           ("VALIGN", (0, 0), (-1, -1), "TOP")]
    grid.setStyle(TableStyle([*box, ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#EEF2F6")),
                              ("BACKGROUND", (2, 0), (2, -1), colors.HexColor("#EEF2F6"))]))

    def block(label: str, body: str) -> Any:
        t = Table([[p(label), p(text(body) or "—")]], colWidths=[20 * mm, width - 20 * mm])
        t.setStyle(TableStyle([*box, ("BACKGROUND", (0, 0), (0, -1),
                                      colors.HexColor("#EEF2F6"))]))
        return t

    story: list[Any] = [Paragraph(TITLE, title), Paragraph(_esc(hall_name), sub),
                        Spacer(1, 4 * mm), grid,
                        block("问题描述", v.description), block("客户诉求", v.request),
                        block("答复内容", v.reply_text + (f"\n（{_fmt(v.replied_at)}）"
                                                        if v.replied_at else ""))]
    if v.callbacks:
        story.append(Paragraph("回访记录", head))
        rows = [["时间", "结果", "满意度", "原因", "回访人"]] + [
            [_fmt(c.at), c.result.label, c.satisfaction.label if c.satisfaction else "",
             p(text(c.reason)), c.by_name] for c in v.callbacks]
        t = Table(rows, colWidths=[30 * mm, 20 * mm, 20 * mm, width - 95 * mm, 25 * mm],
                  repeatRows=1)
        t.setStyle(TableStyle([*box, ("FONTNAME", (0, 0), (-1, -1), font.name),
                               ("FONTSIZE", (0, 0), (-1, -1), 9),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DCE4EE"))]))
        story.append(t)
    story.append(Paragraph("处理过程", head))
    rows = [["时间", "操作", "状态", "说明", "操作人"]] + [
        [_fmt(e.at), e.action_label,
         (f"{e.from_status.label}→" if e.from_status else "") +
         (e.to_status.label if e.to_status else ""), p(text(e.note)), e.user_name]
        for e in v.timeline]
    t = Table(rows, colWidths=[30 * mm, 20 * mm, 30 * mm, width - 105 * mm, 25 * mm],
              repeatRows=1)
    t.setStyle(TableStyle([*box, ("FONTNAME", (0, 0), (-1, -1), font.name),
                           ("FONTSIZE", (0, 0), (-1, -1), 9),
                           ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DCE4EE"))]))
    story += [t, Spacer(1, 10 * mm)]
    sig = Table([["处理人签字：", "", "值班经理签字：", "", "日期：", ""]],
                colWidths=[22 * mm, 38 * mm, 26 * mm, 38 * mm, 12 * mm, width - 136 * mm])
    sig.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font.name),
                             ("FONTSIZE", (0, 0), (-1, -1), 9),
                             ("LINEBELOW", (1, 0), (1, 0), 0.6, colors.black),
                             ("LINEBELOW", (3, 0), (3, 0), 0.6, colors.black),
                             ("LINEBELOW", (5, 0), (5, 0), 0.6, colors.black)]))
    story.append(sig)

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font.name, 7.5)
        canvas.setFillColor(colors.HexColor("#555F6B"))
        masked = "" if v.masked else "（含完整个人信息，注意保密）"
        canvas.drawString(margin, 8 * mm, f"打印：{printed_at:%Y-%m-%d %H:%M} {printed_by}{masked}")
        canvas.drawRightString(page_w - margin, 8 * mm, f"{v.number}  第 {doc.page} 页")
        canvas.restoreState()

    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                            topMargin=12 * mm, bottomMargin=14 * mm,
                            title=f"{TITLE} {v.number}", author=hall_name, creator="hallmanager")
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


def _esc(t: str) -> str:
    from xml.sax.saxutils import escape

    return escape(t or "")
