"""Complaint statistics by month and category, and their outputs: the workbook's statistics
sheet with native charts that reference its cells, and the statistics PDF with the same
charts (text read back)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from decimal import Decimal

import openpyxl
import pypdf
import pytest

from hallmanager.domain.errors import PermissionDenied, ValidationError
from hallmanager.domain.roles import Role
from tests.complaints.conftest import stats_scenario
from tests.conftest import add_user, last_audit, login_as

START, END = dt.date(2026, 9, 1), dt.date(2026, 11, 30)


@pytest.fixture
def report(cs, clock):
    stats_scenario(cs, clock)
    return cs.statistics_report(START, END)


def test_every_figure_by_month_category_and_period(report):
    sep, oct_, nov = report.months
    assert [m.month for m in report.months] == ["2026-09", "2026-10", "2026-11"]
    assert (sep.received, sep.on_time_rate, sep.avg_handling_hours) == (0, None, None)
    assert (oct_.received, oct_.closed, oct_.replied, oct_.on_time, oct_.overdue_open) == (
        2, 2, 2, 1, 0)
    assert oct_.on_time_rate == Decimal("0.5") and oct_.callback_rate == Decimal(1)
    assert oct_.satisfaction_rate == Decimal("0.5")
    assert oct_.avg_handling_hours == Decimal("38.0")  # (4 h + 72 h) / 2
    assert (nov.received, nov.closed, nov.replied, nov.overdue_open, nov.repeats) == (
        2, 0, 0, 1, 1)
    assert nov.on_time_rate == Decimal(0)  # the overdue, unanswered one counts as late
    assert nov.callback_rate is None and nov.repeat_rate == Decimal("0.5")
    t = report.total
    assert (t.received, t.closed, t.on_time, t.due, t.repeats) == (4, 2, 1, 3, 1)
    assert t.on_time_rate == Decimal("0.3333") and t.category == "合计"
    cats = {c.category: c for c in report.categories}
    assert list(cats)[:3] == ["网络质量", "资费计费", "服务态度"]  # the hall's order
    assert (cats["资费计费"].received, cats["资费计费"].on_time_rate) == (2, Decimal("0.5"))
    assert cats["网络质量"].on_time_rate == Decimal(0) and cats["宽带"].repeats == 1
    assert cats["终端"].received == 0
    # the month × category rows agree with the summaries
    rows = {(r.month, r.category): r for r in report.rows}
    assert rows[("2026-11", "合计")] == nov and ("2026-09", "合计") not in rows


def test_statistics_refuse_a_reversed_range_and_a_teller(cs, desk, clock):
    with pytest.raises(ValidationError, match="开始日期晚于结束日期"):
        cs.statistics_report(END, START)
    login_as(desk, "admin", "Admin2026pw")
    add_user(desk, "t1", Role.TELLER, "营业员一")
    login_as(desk, "t1")
    with pytest.raises(PermissionDenied):
        cs.statistics_report(START, END)


def _chart_refs(chart) -> list[str]:
    refs = []
    for s in chart.series:
        refs.append(s.val.numRef.f)
        refs.append(s.cat.strRef.f if s.cat.strRef is not None else s.cat.numRef.f)
        refs.append(s.tx.strRef.f)
    return refs


def test_workbook_statistics_sheet_has_native_charts_on_its_cells(cs, report, tmp_path):
    out = cs.export_excel(tmp_path / "c.xlsx", stats_from=START, stats_to=END)
    wb = openpyxl.load_workbook(out)
    st = wb["投诉统计"]
    col_a = [st.cell(r, 1).value for r in range(1, st.max_row + 1)]
    m = col_a.index("按月汇总") + 3  # rows: title, header, then the months (1-based)
    assert [st.cell(m + i, 1).value for i in range(4)] == ["2026-09", "2026-10", "2026-11",
                                                          "合计"]
    assert [st.cell(m + 1, c).value for c in range(2, 9)] == [2, 2, 0.5, 1, 0.5, 38.0, 0]
    assert st.cell(m + 3, 4).value == pytest.approx(0.3333)
    k = col_a.index("按类别汇总") + 2  # the header row
    assert st.cell(k + 2, 1).value == "资费计费" and st.cell(k + 2, 2).value == 2
    charts = st._charts
    assert [type(c).__name__ for c in charts] == ["BarChart", "LineChart", "BarChart"]
    # each chart reads the summary cells: values, month / category labels, series names
    sheet = "'投诉统计'"
    assert _chart_refs(charts[0]) == [
        f"{sheet}!$B${m}:$B${m + 2}", f"{sheet}!$A${m}:$A${m + 2}", f"{sheet}!B{m - 1}",
        f"{sheet}!$C${m}:$C${m + 2}", f"{sheet}!$A${m}:$A${m + 2}", f"{sheet}!C{m - 1}"]
    assert [s.val.numRef.f for s in charts[1].series] == [
        f"{sheet}!${c}${m}:${c}${m + 2}" for c in "DEF"]
    assert [st[s.tx.strRef.f.split("!")[1].replace("$", "")].value
            for s in charts[1].series] == ["按时率", "回访率", "满意率"]
    cat = charts[2].series[0].cat
    cat_ref = (cat.strRef or cat.numRef).f
    assert cat_ref == f"{sheet}!$A${k + 1}:$A${k + 8}"  # the eight default categories
    no_formula = [c for row in st.iter_rows() for c in row if c.data_type == "f"]
    assert no_formula == []


def test_statistics_pdf_has_the_figures_and_is_audited(cs, desk, report, tmp_path):
    out = cs.statistics_pdf(START, END, tmp_path / "stats.pdf")
    reader = pypdf.PdfReader(out)
    text = "".join(p.extract_text() for p in reader.pages)
    assert "投诉统计" in text and "2026-09-01 至 2026-11-30" in text
    for figure in ("按月汇总", "按类别汇总", "2026-10", "50.0%", "33.3%", "38.0", "张值班"):
        assert figure in text, figure
    for chart_title in ("受理与归档（按月）", "按时率、回访率、满意率（按月）", "受理与归档（按类别）"):
        assert chart_title in text
    entry = last_audit(desk)
    assert (entry.action, entry.entity) == ("print", "complaint_statistics")
    assert json.loads(entry.after_json)["received"] == 4
    assert not list(tmp_path.glob(".*.tmp"))


def test_statistics_pdf_renders_as_an_image(cs, report, tmp_path):
    """pdftoppm draws the page (charts included) without complaint."""
    import shutil

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm not installed")
    out = cs.statistics_pdf(START, END, tmp_path / "stats.pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(out),
                    str(tmp_path / "page")], check=True, capture_output=True, timeout=60)
    assert (tmp_path / "page-1.png").stat().st_size > 5_000


def test_outputs_of_an_empty_period_and_of_one_month(cs, clock, tmp_path):
    """No complaint at all (charts without bars or points), then a single month (a rate line
    of one point): both outputs are written and read back."""
    empty = cs.statistics_pdf(START, END, tmp_path / "empty.pdf")
    assert "按月汇总" in "".join(p.extract_text() for p in pypdf.PdfReader(empty).pages)
    book = cs.export_excel(tmp_path / "empty.xlsx", stats_from=START, stats_to=END)
    assert len(openpyxl.load_workbook(book)["投诉统计"]._charts) == 3
    stats_scenario(cs, clock)
    one = cs.statistics_pdf(dt.date(2026, 10, 1), dt.date(2026, 10, 31), tmp_path / "oct.pdf")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(one).pages)
    assert "2026-10" in text and "50.0%" in text
