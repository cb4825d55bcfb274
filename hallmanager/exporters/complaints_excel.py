"""The complaint workbook: 投诉清单 (one row per complaint) and 投诉统计 (month × category
with rates), under which the month and category summaries and three native Excel charts that
reference those cells: received and closed per month (bars), on-time / call-back /
satisfaction rate per month (lines), received and closed by category (bars). Native charts
stay live in Excel and WPS (a figure corrected in the sheet redraws the chart) and cost
nothing at start-up: openpyxl is imported only when the workbook is written.

Rows come from the service already masked unless the hall manager exported in full; every
text is written as literal text (never a formula, whatever a customer or an imported file
said).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hallmanager.exporters.atomic import atomic_write

LIST_HEADERS = ("编号", "来源", "工单号", "受理时间", "客户", "电话", "类别", "状态", "处理人",
                "承诺时限", "回访时限", "时限状态", "声称升级", "已升级", "重复投诉", "VIP", "问题描述", "客户诉求")
SUMMARY_HEADERS = ("受理", "归档", "按时率", "回访率", "满意率", "平均处理时长（小时）", "重复率")
STAT_HEADERS = ("月份", "类别", "受理", "归档", "已答复", "按时答复", "超时未答复", "按时率",
                "回访接通",
                "回访率", "满意（含基本满意）", "满意率", "平均处理时长（小时）", "重复投诉",
                "重复率")


@dataclass(frozen=True)
class ComplaintWorkbook:
    hall_name: str
    period: str
    rows: tuple[Any, ...]  # ComplaintRow
    stats: tuple[Any, ...]  # StatRow
    generated_at: dt.datetime
    generated_by: str
    unmasked: bool = False
    report: Any = None  # StatsReport: the summaries and the native charts under the table


def write_complaints_xlsx(book: ComplaintWorkbook, path: Path | str, *,
                          force: bool = False) -> Path:
    return atomic_write(path, lambda tmp: _build(book, tmp), force=force)


def _put(cell: Any, value: Any) -> None:
    from hallmanager.exporters.daily_excel import put_cell

    put_cell(cell, value)


def _yes(flag: bool) -> str:
    return "是" if flag else ""


def _build(book: ComplaintWorkbook, out: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from hallmanager.exporters.attendance import cjk_font_family
    from hallmanager.exporters.daily_excel import display_width
    from hallmanager.exporters.list_excel import list_page_setup

    cjk = cjk_font_family()
    fill = PatternFill("solid", fgColor="DCE4EE")
    wb = Workbook()

    def sheet(ws: Any, title: str, headers: tuple[str, ...]) -> None:
        _put(ws.cell(1, 1), f"{book.hall_name} {title} {book.period}")
        ws.cell(1, 1).font = Font(name=cjk, size=14, bold=True)
        for c, h in enumerate(headers, start=1):
            cell = ws.cell(2, c)
            _put(cell, h)
            cell.font = Font(name=cjk, bold=True)
            cell.fill = fill
            cell.alignment = Alignment(horizontal="center", wrap_text=True)
        list_page_setup(ws, book.generated_at, book.generated_by)

    ws = wb.active
    ws.title = "投诉清单"
    sheet(ws, "投诉清单", LIST_HEADERS)
    for i, r in enumerate(book.rows, start=3):
        values = (r.number, r.source.label, r.external_no or "", r.received_at,
                  r.customer_name, r.phone, r.category, r.status.label, r.handler_name,
                  r.due_at, r.callback_due_at, r.urgency.label, _yes(r.escalation_threat),
                  _yes(r.escalated), _yes(r.repeat), _yes(r.vip), r.description, r.request)
        for c, v in enumerate(values, start=1):
            cell = ws.cell(i, c)
            _put(cell, v)
            if isinstance(v, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
    for c, h in enumerate(LIST_HEADERS, start=1):
        sample = [ws.cell(i, c).value for i in range(3, min(len(book.rows) + 3, 200))]
        w = max([display_width(h)] + [16 if isinstance(x, dt.datetime)
                                      else display_width(str(x or "")) for x in sample])
        ws.column_dimensions[ws.cell(2, c).column_letter].width = min(40, w + 2)

    st = wb.create_sheet("投诉统计")
    sheet(st, "投诉统计", STAT_HEADERS)
    for i, x in enumerate(book.stats, start=3):
        values = (x.month, x.category, x.received, x.closed, x.replied, x.on_time,
                  x.overdue_open, x.on_time_rate, x.called_back, x.callback_rate, x.satisfied,
                  x.satisfaction_rate, x.avg_handling_hours, x.repeats, x.repeat_rate)
        for c, v in enumerate(values, start=1):
            cell = st.cell(i, c)
            _put(cell, float(v) if c == 13 and v is not None else v)
            if c in (8, 10, 12, 15):
                cell.number_format = "0.0%"
            if c == 13:
                cell.number_format = "0.0"
        if x.category == "合计":
            for c in range(1, len(STAT_HEADERS) + 1):
                st.cell(i, c).font = Font(name=cjk, bold=True)
    for c, h in enumerate(STAT_HEADERS, start=1):
        st.column_dimensions[st.cell(2, c).column_letter].width = max(8, display_width(h) + 2)

    if book.report is not None:
        _summaries_and_charts(st, book.report, cjk, fill)
    wb.properties.title = f"{book.hall_name} 投诉清单与统计 {book.period}"
    wb.properties.creator = "hallmanager"
    wb.save(out)


def summary_values(x: Any) -> tuple[Any, ...]:
    """受理, 归档, 按时率, 回访率, 满意率, 平均处理时长, 重复率 of one StatRow."""
    return (x.received, x.closed, x.on_time_rate, x.callback_rate, x.satisfaction_rate,
            float(x.avg_handling_hours) if x.avg_handling_hours is not None else None,
            x.repeat_rate)


def _summaries_and_charts(st: Any, report: Any, cjk: str, fill: Any) -> None:
    """按月汇总 and 按类别汇总 below the detail table, then the charts reading those cells."""
    from openpyxl.chart import BarChart, LineChart, Reference
    from openpyxl.styles import Font
    from openpyxl.worksheet.pagebreak import Break

    row = st.max_row + 2

    def table(title: str, first: str, items: tuple[Any, ...], total: Any | None) -> tuple[int, int]:
        nonlocal row
        _put(st.cell(row, 1), title)
        st.cell(row, 1).font = Font(name=cjk, size=12, bold=True)
        row += 1
        for c, h in enumerate((first, *SUMMARY_HEADERS), start=1):
            _put(st.cell(row, c), h)
            st.cell(row, c).font = Font(name=cjk, bold=True)
            st.cell(row, c).fill = fill
        header = row
        for x in (*items, *((total,) if total is not None else ())):
            row += 1
            _put(st.cell(row, 1), "合计" if x is total else
                 (x.month if first == "月份" else x.category))
            for c, v in enumerate(summary_values(x), start=2):
                cell = st.cell(row, c)
                _put(cell, v)
                cell.number_format = "0.0" if c == 7 else ("0.0%" if c >= 4 else "0")
            if x is total:
                for c in range(1, len(SUMMARY_HEADERS) + 2):
                    st.cell(row, c).font = Font(name=cjk, bold=True)
        last = row - (1 if total is not None else 0)
        row += 2
        return header, last

    m_head, m_last = table("按月汇总", "月份", report.months, report.total)
    c_head, c_last = table("按类别汇总", "类别", report.categories, None)

    def style(chart: Any, title: str, y_title: str) -> None:
        chart.title = title
        chart.y_axis.title = y_title
        chart.width, chart.height = 16, 8
        chart.legend.position = "b"
        # openpyxl ≥ 3.1 hides axes unless told (delete=True by default)
        chart.x_axis.delete = False
        chart.y_axis.delete = False

    # the charts start a printed page of their own (never cut by a page end)
    st.row_breaks.append(Break(id=row - 1))
    months = Reference(st, min_col=1, min_row=m_head + 1, max_row=m_last)
    bars = BarChart()
    bars.type = "col"
    style(bars, "受理与归档（按月）", "件")
    bars.add_data(Reference(st, min_col=2, max_col=3, min_row=m_head, max_row=m_last),
                  titles_from_data=True)
    bars.set_categories(months)
    st.add_chart(bars, f"A{row}")

    lines = LineChart()
    style(lines, "按时率、回访率、满意率（按月）", "比率")
    lines.add_data(Reference(st, min_col=4, max_col=6, min_row=m_head, max_row=m_last),
                   titles_from_data=True)
    lines.set_categories(months)
    lines.y_axis.number_format = "0%"
    lines.y_axis.scaling.min = 0
    lines.y_axis.scaling.max = 1
    for series in lines.series:
        series.marker.symbol = "circle"
        series.smooth = False
    st.add_chart(lines, f"I{row}")

    if c_last > c_head:
        cats = BarChart()
        cats.type = "col"
        style(cats, "受理与归档（按类别）", "件")
        cats.add_data(Reference(st, min_col=2, max_col=3, min_row=c_head, max_row=c_last),
                      titles_from_data=True)
        cats.set_categories(Reference(st, min_col=1, min_row=c_head + 1, max_row=c_last))
        st.add_chart(cats, f"A{row + 17}")
