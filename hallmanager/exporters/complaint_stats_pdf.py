"""The complaint statistics (投诉统计) as a PDF: A4 landscape, the month and category tables,
and the same three charts as the workbook — received and closed per month (bars), on-time /
call-back / satisfaction rate per month (lines), received and closed by category (bars).

The charts are reportlab's own vector graphics (``reportlab.graphics.charts``), so the PDF
needs nothing beyond the reportlab that already writes every other PDF; reportlab is
imported only when the file is written. Input is a ``StatsReport`` (figures only: nothing
personal is in it).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from hallmanager.exporters.atomic import atomic_write
from hallmanager.exporters.fonts import PdfFont, cjk_font

TITLE = "投诉统计"
HEADERS = ("受理", "归档", "已答复", "按时答复", "超时未答复", "按时率", "回访接通", "回访率",
           "满意率", "平均处理时长（小时）", "重复投诉", "重复率")
RECEIVED = "#4472C4"
CLOSED = "#ED7D31"
RATES = ("#2E7D32", "#4472C4", "#C62828")


def percent(v: Decimal | None) -> str:
    """0.8333 → '83.3%'; no base → '—'."""
    return "—" if v is None else f"{(v * 100).quantize(Decimal('0.1'))}%"


def figures(x: Any) -> list[str]:
    """One StatRow as the table's cells (HEADERS order)."""
    hours = x.avg_handling_hours
    return [str(x.received), str(x.closed), str(x.replied), str(x.on_time),
            str(x.overdue_open), percent(x.on_time_rate), str(x.called_back),
            percent(x.callback_rate), percent(x.satisfaction_rate),
            "—" if hours is None else str(hours), str(x.repeats), percent(x.repeat_rate)]


def write_statistics_pdf(report: Any, path: Path | str, *, hall_name: str,
                         printed_at: dt.datetime, printed_by: str, force: bool = False,
                         embed_font: bool = True) -> Path:
    """Write the statistics PDF atomically; returns the final path."""
    font = cjk_font(allow_embedded=embed_font)
    return atomic_write(path, lambda tmp: _build(report, tmp, font, hall_name, printed_at,
                                                 printed_by), force=force)


def _bar_chart(font: PdfFont, title: str, labels: list[str], series: list[list[int]],
               names: list[str], width: float, height: float) -> Any:
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    d = Drawing(width, height)
    d.add(String(width / 2, height - 12, title, fontName=font.name, fontSize=10,
                 textAnchor="middle"))
    c = VerticalBarChart()
    c.x, c.y = 30, 30
    c.width, c.height = width - 40, height - 68
    c.data = series
    c.categoryAxis.categoryNames = labels
    c.categoryAxis.labels.fontName = font.name
    c.categoryAxis.labels.fontSize = 7
    if len(labels) > 6:
        c.categoryAxis.labels.angle = 30
        c.categoryAxis.labels.boxAnchor = "ne"
    c.valueAxis.labels.fontName = font.name
    c.valueAxis.labels.fontSize = 7
    c.valueAxis.valueMin = 0
    top = max([v for s in series for v in s] + [1])
    c.valueAxis.valueMax = top + max(1, round(top * 0.15))
    c.valueAxis.valueStep = max(1, _nice_step(c.valueAxis.valueMax))
    c.valueAxis.labelTextFormat = "%d"
    c.barLabelFormat = "%d"
    c.barLabels.fontName = font.name
    c.barLabels.fontSize = 6
    c.barLabels.nudge = 6
    c.barWidth = 10  # relative units: few groups get wide gaps, not fat bars
    c.groupSpacing = 10 * max(1, 8 - len(labels))
    for i, color in enumerate((RECEIVED, CLOSED)[:len(series)]):
        c.bars[i].fillColor = colors.HexColor(color)
        c.bars[i].strokeColor = None
    d.add(c)
    d.add(_legend(Legend, font, width, [(colors.HexColor(col), n)
                                        for col, n in zip((RECEIVED, CLOSED), names,
                                                          strict=False)], height - 20))
    return d


def _line_chart(font: PdfFont, title: str, labels: list[str],
                series: list[list[Decimal | None]], names: list[str], width: float,
                height: float) -> Any:
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.charts.linecharts import HorizontalLineChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.graphics.widgets.markers import makeMarker
    from reportlab.lib import colors

    d = Drawing(width, height)
    d.add(String(width / 2, height - 12, title, fontName=font.name, fontSize=10,
                 textAnchor="middle"))
    c = HorizontalLineChart()
    c.x, c.y = 30, 30
    c.width, c.height = width - 40, height - 68
    # a month without a base (nothing replied) is a gap in the line, not a fall to 0 %
    c.data = [[None if v is None else float(v * 100) for v in s] for s in series]
    if any(sum(v is not None for v in s) < 2 for s in c.data):
        c.joinedLines = 0  # reportlab cannot draw a line through one point: dots only
    c.categoryAxis.categoryNames = labels
    c.categoryAxis.labels.fontName = font.name
    c.categoryAxis.labels.fontSize = 7
    if len(labels) > 6:
        c.categoryAxis.labels.angle = 30
        c.categoryAxis.labels.boxAnchor = "ne"
    c.valueAxis.valueMin, c.valueAxis.valueMax, c.valueAxis.valueStep = 0, 100, 20
    c.valueAxis.labelTextFormat = "%d%%"
    c.valueAxis.labels.fontName = font.name
    c.valueAxis.labels.fontSize = 7
    for i, color in enumerate(RATES[:len(series)]):
        c.lines[i].strokeColor = colors.HexColor(color)
        c.lines[i].strokeWidth = 1.5
        c.lines[i].symbol = makeMarker("FilledCircle", size=3.5,
                                       fillColor=colors.HexColor(color))
    d.add(c)
    d.add(_legend(Legend, font, width, [(colors.HexColor(col), n)
                                        for col, n in zip(RATES, names, strict=False)], height - 20))
    return d


def _legend(legend_cls: Any, font: PdfFont, width: float, pairs: list[tuple[Any, str]],
            top: float) -> Any:
    lg = legend_cls()  # one line under the title, centred
    lg.x, lg.y = width / 2 - 30 * len(pairs), 0
    lg.y = top
    lg.alignment = "right"
    lg.columnMaximum = 1
    lg.deltax = 60
    lg.dx = lg.dy = 7
    lg.fontName = font.name
    lg.fontSize = 7.5
    lg.boxAnchor = "nw"
    lg.colorNamePairs = pairs
    return lg


def _nice_step(top: float) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if top / step <= 6:
            return step
    return int(top // 5) or 1


def _build(report: Any, out: Path, font: PdfFont, hall_name: str, printed_at: dt.datetime,
           printed_by: str) -> None:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4, landscape
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

    page_w, page_h = landscape(A4)
    margin = 12 * mm
    width = page_w - 2 * margin
    title = ParagraphStyle("t", fontName=font.name, fontSize=15, leading=19,
                           alignment=TA_CENTER)
    sub = ParagraphStyle("s", fontName=font.name, fontSize=9, leading=12, alignment=TA_CENTER,
                         textColor=colors.HexColor("#555F6B"))
    head = ParagraphStyle("h", fontName=font.name, fontSize=11, leading=15, spaceBefore=4,
                          spaceAfter=2)
    cell = ParagraphStyle("c", fontName=font.name, fontSize=8, leading=10)
    hcell = ParagraphStyle("hc", parent=cell, alignment=TA_CENTER)

    def table(first: str, items: list[Any], label: Any, bold_last: bool) -> Any:
        rows = [[Paragraph(h, hcell) for h in (first, *HEADERS)]] + [
            [Paragraph(escape(label(x)), cell), *figures(x)] for x in items]
        first_w = 26 * mm
        t = Table(rows, colWidths=[first_w] + [(width - first_w) / len(HEADERS)] * len(HEADERS),
                  repeatRows=1)
        style = [("FONTNAME", (0, 0), (-1, -1), font.name),
                 ("FONTSIZE", (0, 0), (-1, -1), 8),
                 ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8A96A3")),
                 ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DCE4EE")),
                 ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                 ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                 ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                 ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]
        if bold_last:
            style.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#EEF2F6")))
        t.setStyle(TableStyle(style))
        return t

    months = list(report.months)
    labels = [m.month for m in months]
    chart_w, chart_h = (width - 8 * mm) / 3, 58 * mm
    charts = Table([[
        _bar_chart(font, "受理与归档（按月）", labels,
                   [[m.received for m in months], [m.closed for m in months]],
                   ["受理", "归档"], chart_w, chart_h),
        _line_chart(font, "按时率、回访率、满意率（按月）", labels,
                    [[m.on_time_rate for m in months], [m.callback_rate for m in months],
                     [m.satisfaction_rate for m in months]],
                    ["按时率", "回访率", "满意率"], chart_w, chart_h),
        _bar_chart(font, "受理与归档（按类别）", [c.category for c in report.categories],
                   [[c.received for c in report.categories],
                    [c.closed for c in report.categories]],
                   ["受理", "归档"], chart_w, chart_h),
    ]], colWidths=[chart_w + 4 * mm, chart_w + 4 * mm, chart_w])
    charts.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    story: list[Any] = [
        Paragraph(TITLE, title),
        Paragraph(escape(f"{hall_name}　{report.period}"), sub), Spacer(1, 3 * mm),
        charts, Spacer(1, 2 * mm),
        KeepTogether([Paragraph("按月汇总", head),
                      table("月份", [*months, report.total],
                            lambda x: "合计" if x is report.total else x.month, True)]),
        KeepTogether([Paragraph("按类别汇总", head),
                      table("类别", list(report.categories), lambda x: x.category, False)]),
        Paragraph("按时率 = 按时答复 ÷（已答复 + 超时未答复）；回访率 = 回访接通 ÷ 已答复；"
                  "满意率 =（满意 + 基本满意）÷ 回访接通；重复率 = 30 天内同一号码再次投诉 ÷ 受理。"
                  "按受理时间统计。", ParagraphStyle("n", parent=cell, spaceBefore=4,
                                              textColor=colors.HexColor("#555F6B"))),
    ]

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font.name, 7.5)
        canvas.setFillColor(colors.HexColor("#555F6B"))
        canvas.drawString(margin, 7 * mm, f"打印：{printed_at:%Y-%m-%d %H:%M} {printed_by}")
        canvas.drawRightString(page_w - margin, 7 * mm, f"{TITLE} {report.period}  "
                                                        f"第 {doc.page} 页")
        canvas.restoreState()

    doc = SimpleDocTemplate(str(out), pagesize=(page_w, page_h), leftMargin=margin,
                            rightMargin=margin, topMargin=10 * mm, bottomMargin=12 * mm,
                            title=f"{TITLE} {report.period}", author=hall_name,
                            creator="hallmanager")
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
