"""投诉统计 on screen: the dialog shows the service's figures, its models pass
qtmodeltester, its charts render, the month range and the exports work."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pypdf
import pytest
from PySide6.QtCore import Qt

from hallmanager.ui.complaints.stats import (
    BarChart,
    ComplaintStatsDialog,
    LineChart,
    StatsTableModel,
    month_bounds,
    month_list,
    percent,
)
from tests.complaints.conftest import stats_scenario


@pytest.fixture
def dialog(qtbot, desk, cs, clock):
    stats_scenario(cs, clock)
    dlg = ComplaintStatsDialog(desk)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=10_000)  # counted off the GUI thread
    return dlg


def _months_shown(qtbot, dlg, months):
    qtbot.waitUntil(lambda: not dlg.loading and [m.month for m in dlg.report.months] == months,
                    timeout=10_000)


def _cells(model) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_month_helpers():
    assert month_list(dt.date(2026, 2, 10), 4) == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert month_bounds("2025-12", "2026-02") == (dt.date(2025, 12, 1), dt.date(2026, 2, 28))
    assert month_bounds("2026-11", "2026-12")[1] == dt.date(2026, 12, 31)


def test_dialog_shows_the_service_figures(dialog, cs):
    assert dialog.start_month.currentData() == "2026-06"
    assert dialog.end_month.currentData() == "2026-11"
    report = cs.statistics_report(dt.date(2026, 6, 1), dt.date(2026, 11, 30))
    assert dialog.report == report
    months = _cells(dialog.month_model)
    assert [r[0] for r in months] == ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10",
                                     "2026-11", "合计"]
    for row, stat in zip(months, [*report.months, report.total], strict=True):
        assert row[1:] == [str(stat.received), str(stat.closed), str(stat.replied),
                           str(stat.on_time), str(stat.overdue_open),
                           percent(stat.on_time_rate), str(stat.called_back),
                           percent(stat.callback_rate), percent(stat.satisfaction_rate),
                           "—" if stat.avg_handling_hours is None
                           else str(stat.avg_handling_hours),
                           str(stat.repeats), percent(stat.repeat_rate)]
    assert months[4][1:9] == ["2", "2", "2", "1", "0", "50.0%", "2", "100.0%"]
    assert months[6][6] == "33.3%"  # the period's on-time rate: 1 of 3 due
    cats = _cells(dialog.category_model)
    assert [r[0] for r in cats][:2] == ["网络质量", "资费计费"] and cats[1][1] == "2"
    assert len(_cells(dialog.detail_model)) == len(report.rows)
    assert "受理 4 件" in dialog.summary.text() and "33.3%" in dialog.summary.text()
    # the charts hold the same figures
    assert dialog.month_chart.series[0][2] == [0, 0, 0, 0, 2, 2]
    assert "2026-10 50.0%" in dialog.rate_chart.accessibleDescription()
    assert dialog.category_chart.labels[:2] == ["网络质量", "资费计费"]


def test_models_pass_qtmodeltester(qtmodeltester, dialog):
    for model in (dialog.month_model, dialog.category_model, dialog.detail_model):
        assert model.rowCount() > 0
        qtmodeltester.check(model)
    qtmodeltester.check(StatsTableModel())


def test_dialog_and_charts_render(dialog, qtbot):
    image = dialog.grab().toImage()
    assert not image.isNull() and image.width() > 500
    for chart in (dialog.month_chart, dialog.rate_chart, dialog.category_chart):
        img = chart.grab().toImage()
        colours = {img.pixelColor(x, y).name() for x in range(0, img.width(), 4)
                   for y in range(0, img.height(), 4)}
        assert len(colours) > 4, chart.objectName()  # something was drawn, not a blank
    # empty and tiny charts draw without error too
    for cls in (BarChart, LineChart):
        empty = cls()
        qtbot.addWidget(empty)
        empty.set_data("空", [], [])
        empty.resize(40, 30)
        assert not empty.grab().isNull()


def test_range_changes_and_a_reversed_range_is_refused(dialog, qtbot):
    dialog.start_month.setCurrentIndex(dialog.start_month.findData("2026-10"))
    _months_shown(qtbot, dialog, ["2026-10", "2026-11"])
    dialog.end_month.setCurrentIndex(dialog.end_month.findData("2026-09"))
    assert dialog.message.text() == "开始月份晚于结束月份"
    assert not dialog.excel_button.isEnabled()
    dialog.end_month.setCurrentIndex(dialog.end_month.findData("2026-10"))
    _months_shown(qtbot, dialog, ["2026-10"])
    assert dialog.message.isHidden() and dialog.month_model.rowCount() == 2  # month + 合计


def test_a_stale_result_is_dropped_and_the_synchronous_mode(qtbot, desk, cs, clock):
    stats_scenario(cs, clock)
    dlg = ComplaintStatsDialog(desk, background=False)
    qtbot.addWidget(dlg)
    assert [m.month for m in dlg.report.months][-1] == "2026-11"  # counted at once
    old = dlg.report
    dlg.start_month.setCurrentIndex(dlg.start_month.findData("2026-11"))
    assert [m.month for m in dlg.report.months] == ["2026-11"]
    dlg._loaded(old)  # a late result for months no longer chosen
    assert [m.month for m in dlg.report.months] == ["2026-11"]


def test_export_excel_and_pdf_from_the_dialog(dialog, qtbot, tmp_path):
    xlsx, pdf = tmp_path / "统计.xlsx", tmp_path / "统计.pdf"
    assert dialog.export("xlsx", str(xlsx)) is not None
    qtbot.waitUntil(xlsx.exists, timeout=20_000)
    assert len(openpyxl.load_workbook(xlsx)["投诉统计"]._charts) == 3
    dialog.export("pdf", str(pdf))
    qtbot.waitUntil(pdf.exists, timeout=20_000)
    assert "受理与归档（按月）" in pypdf.PdfReader(pdf).pages[0].extract_text()


def test_dialog_in_english(qtbot, english, desk):
    dlg = ComplaintStatsDialog(desk, background=False)
    qtbot.addWidget(dlg)
    assert dlg.windowTitle() == "Complaint statistics"
    assert dlg.tabs.tabText(0) == "By month"
    assert dlg.month_model.headerData(6, Qt.Orientation.Horizontal) == "On-time rate"
    assert dlg.month_chart.title == "Received and closed (by month)"
