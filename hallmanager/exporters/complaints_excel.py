"""The complaint workbook: 投诉清单 (one row per complaint) and 投诉统计 (month × category
with rates) with a native bar chart of complaints received by category.

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
STAT_HEADERS = ("月份", "类别", "受理", "归档", "已答复", "按时答复", "按时率", "回访接通",
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
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Font, PatternFill

    from hallmanager.exporters.attendance import cjk_font_family
    from hallmanager.exporters.daily_excel import display_width

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
        ws.freeze_panes = "A3"
        ws.print_title_rows = "1:2"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.oddFooter.left.text = (f"导出：{book.generated_at:%Y-%m-%d %H:%M} "
                                  f"{book.generated_by}").replace("&", "&&")
        ws.oddFooter.right.text = "第 &P 页 / 共 &N 页"

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
                  x.on_time_rate, x.called_back, x.callback_rate, x.satisfied,
                  x.satisfaction_rate, x.avg_handling_hours, x.repeats, x.repeat_rate)
        for c, v in enumerate(values, start=1):
            cell = st.cell(i, c)
            _put(cell, float(v) if c in (12,) and v is not None else v)
            if c in (7, 9, 11, 14):
                cell.number_format = "0.0%"
            if c == 12:
                cell.number_format = "0.0"
        if x.category == "合计":
            for c in range(1, len(STAT_HEADERS) + 1):
                st.cell(i, c).font = Font(name=cjk, bold=True)
    for c, h in enumerate(STAT_HEADERS, start=1):
        st.column_dimensions[st.cell(2, c).column_letter].width = max(8, display_width(h) + 2)

    # the chart: complaints received by category over the whole period
    by_cat: dict[str, int] = {}
    for x in book.stats:
        if x.category != "合计":
            by_cat[x.category] = by_cat.get(x.category, 0) + x.received
    if by_cat:
        ch = wb.create_sheet("按类别")
        _put(ch.cell(1, 1), "类别")
        _put(ch.cell(1, 2), "受理")
        for i, (cat, n) in enumerate(by_cat.items(), start=2):
            _put(ch.cell(i, 1), cat)
            ch.cell(i, 2).value = n
        chart = BarChart()
        chart.type = "col"
        chart.title = "投诉受理量（按类别）"
        chart.y_axis.title = "件"
        data = Reference(ch, min_col=2, min_row=1, max_row=len(by_cat) + 1)
        cats = Reference(ch, min_col=1, min_row=2, max_row=len(by_cat) + 1)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(cats)
        chart.width, chart.height = 18, 9
        ch.add_chart(chart, "D2")
        ch.column_dimensions["A"].width = 12
    wb.properties.title = f"{book.hall_name} 投诉清单与统计 {book.period}"
    wb.properties.creator = "hallmanager"
    wb.save(out)
