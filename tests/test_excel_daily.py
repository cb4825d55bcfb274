"""The daily report workbook read back with openpyxl: typed cells, print setup, no formulas."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from hallmanager.exporters.atomic import OutputExists
from hallmanager.exporters.daily_excel import (
    FREEZE,
    MONEY_FORMAT,
    display_width,
    safe_sheet_name,
    write_daily_report,
)
from hallmanager.exporters.data import Column, ColumnKind, DailyReport, ReportSheet

LONG = "客户反映二楼自助终端经常死机，希望尽快维修并增加引导人员" * 2
EVIL = '=HYPERLINK("http://example.com/x","点击领取话费")'


def make_report(*, extra: tuple[ReportSheet, ...] = ()) -> DailyReport:
    log = ReportSheet(
        name="值班日志", title="值班日志汇总",
        columns=(Column("班次"), Column("值班经理"), Column("客流量", ColumnKind.INT),
                 Column("签字时间", ColumnKind.DATETIME), Column("备注")),
        rows=(
            ("早班", "张晓梅", 312, dt.datetime(2026, 11, 22, 14, 20), EVIL),
            ("晚班", "李建国", None, None, "=1+1"),
            ("全天", "王五", 5, dt.datetime(2026, 11, 22, 20, 5), LONG),
            ("加班", "赵六", 0, None, "+86 138"),
        ),
    )
    cash = ReportSheet(
        name="现金交接", title="现金交接汇总",
        columns=(Column("营业员"), Column("系统应收", ColumnKind.MONEY),
                 Column("实收", ColumnKind.MONEY), Column("长短款", ColumnKind.MONEY),
                 Column("日期", ColumnKind.DATE), Column("时间", ColumnKind.TIME)),
        rows=(("王芳", 123456, Decimal("1234.5"), -5, dt.date(2026, 11, 22), dt.time(14, 5)),
              ("赵磊", 1_000_000_01, 0, None, None, None)),
    )
    return DailyReport(hall_name="拉萨北京路营业厅", date=dt.date(2026, 11, 22),
                       sheets=(log, cash, *extra), generated_at=dt.datetime(2026, 11, 22, 20, 30),
                       generated_by="张晓梅")


@pytest.fixture
def book(tmp_path):
    path = write_daily_report(make_report(), tmp_path / "营业日报.xlsx")
    return path, openpyxl.load_workbook(path)


def test_sheets_title_and_headers(book):
    _, wb = book
    assert wb.sheetnames == ["值班日志", "现金交接"]
    ws = wb["值班日志"]
    assert "拉萨北京路营业厅" in ws["A1"].value and "2026-11-22" in ws["A1"].value
    assert "营业日报" in ws["A1"].value
    assert [c.value for c in ws[2]] == ["班次", "值班经理", "客流量", "签字时间", "备注"]
    assert ws.freeze_panes == FREEZE == "A3"
    assert ws.auto_filter.ref == "A2:E6"
    assert ws["A3"].value == "早班" and ws["B4"].value == "李建国"
    assert ws["C3"].value == 312 and ws["C3"].data_type == "n"
    assert ws["D3"].value == dt.datetime(2026, 11, 22, 14, 20)
    assert ws["D3"].is_date and ws["D3"].number_format == "yyyy-mm-dd hh:mm"
    assert ws["C4"].value is None


def test_money_is_exact_yuan_with_two_decimals(book):
    path, wb = book
    ws = wb["现金交接"]
    assert [c.number_format for c in ws[3][1:4]] == [MONEY_FORMAT] * 3
    assert MONEY_FORMAT == "#,##0.00"
    assert ws["B3"].data_type == "n" and Decimal(str(ws["B3"].value)) == Decimal("1234.56")
    assert Decimal(str(ws["C3"].value)) == Decimal("1234.50")
    assert Decimal(str(ws["D3"].value)) == Decimal("-0.05")
    assert Decimal(str(ws["B4"].value)) == Decimal("1000000.01")
    assert ws["E3"].is_date and ws["E3"].number_format == "yyyy-mm-dd"
    assert ws["F3"].value == dt.time(14, 5) and ws["F3"].number_format == "hh:mm"
    # Stored exactly in the XML (no binary float noise like 1234.5599999).
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet2.xml").decode()
    assert "<v>1234.56</v>" in xml and "<v>1000000.01</v>" in xml


def test_float_money_is_refused(tmp_path):
    sheet = ReportSheet("x", "x", (Column("金额", ColumnKind.MONEY),), ((12.3,),))
    report = DailyReport("厅", dt.date(2026, 11, 22), (sheet,), dt.datetime(2026, 11, 22), "x")
    with pytest.raises(TypeError):
        write_daily_report(report, tmp_path / "f.xlsx")
    assert not (tmp_path / "f.xlsx").exists()
    assert list(tmp_path.iterdir()) == []


def test_user_text_never_becomes_a_formula(book):
    path, wb = book
    ws = wb["值班日志"]
    for ref, text in (("E3", EVIL), ("E4", "=1+1"), ("E6", "+86 138")):
        assert ws[ref].value == text
        assert ws[ref].data_type == "s"
        assert ws[ref].quotePrefix
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in z.read(name).decode()
    # Reading with formulas evaluated as values gives the same strings.
    wb2 = openpyxl.load_workbook(path, data_only=True)
    assert wb2["值班日志"]["E4"].value == "=1+1"


def test_print_setup_is_a4_fit_to_width_with_repeated_titles(book):
    _, wb = book
    for ws in wb:
        assert ws.page_setup.paperSize == 9
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$1:$2"
        assert "&P" in ws.oddFooter.right.text and "&N" in ws.oddFooter.right.text
        assert "拉萨北京路营业厅" in ws.oddHeader.left.text


def test_column_widths_fit_content(book):
    _, wb = book
    ws = wb["值班日志"]
    widths = {k: v.width for k, v in ws.column_dimensions.items()}
    assert widths["E"] > 40  # the long note (CJK counts double), capped
    assert widths["E"] <= 60
    assert widths["D"] >= len("2026-11-22 20:05")
    assert widths["A"] >= 8
    assert ws["E5"].alignment.wrap_text  # too long for the cap: wrapped
    assert display_width("值班") == 4 and display_width("ab") == 2


def test_synthetic_money_sheet_from_another_module(tmp_path):
    """Later modules add sheets the same way; the money kind works without the duty log."""
    deposit = ReportSheet("解款", "解款记录", (Column("款袋号"), Column("金额", ColumnKind.MONEY)),
                          (("-0001", 5_000_00),))
    path = write_daily_report(make_report(extra=(deposit,)), tmp_path / "r.xlsx")
    ws = openpyxl.load_workbook(path)["解款"]
    assert ws["A3"].value == "-0001" and ws["A3"].data_type == "s"
    assert Decimal(str(ws["B3"].value)) == Decimal("5000.00")
    assert ws["B3"].number_format == "#,##0.00"


def test_empty_sheet_states_it_and_sheet_names_are_safe(tmp_path):
    empty = ReportSheet("设备故障/维修?", "设备故障", (Column("设备"), Column("描述")), (),
                        empty_text="当日无设备故障")
    dup = ReportSheet("值班日志", "重复", (Column("a"),), (("x",),))
    path = write_daily_report(make_report(extra=(empty, dup)), tmp_path / "e.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["值班日志", "现金交接", "设备故障_维修_", "值班日志(2)"]
    ws = wb["设备故障_维修_"]
    assert ws["A3"].value == "当日无设备故障"
    assert ws.auto_filter.ref is None
    assert safe_sheet_name("x" * 40, set()) == "x" * 31


def test_no_overwrite_without_force(tmp_path):
    target = tmp_path / "r.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(OutputExists):
        write_daily_report(make_report(), target)
    assert target.read_bytes() == b"old"
    write_daily_report(make_report(), target, force=True)
    assert openpyxl.load_workbook(target).sheetnames[0] == "值班日志"


def test_control_characters_are_dropped(tmp_path):
    sheet = ReportSheet("x", "x", (Column("备注"),), (("a\x00b\x07c\n第二行",),))
    report = DailyReport("厅", dt.date(2026, 11, 22), (sheet,), dt.datetime(2026, 11, 22), "x")
    ws = openpyxl.load_workbook(write_daily_report(report, tmp_path / "c.xlsx"))["x"]
    assert ws["A3"].value == "abc\n第二行"


def test_time_column_shows_the_time_on_the_report_date_and_the_full_date_otherwise(tmp_path):
    sheet = ReportSheet("x", "x", (Column("确认时间", ColumnKind.TIME),),
                        ((dt.datetime(2026, 11, 22, 15, 10),), (dt.datetime(2026, 11, 23, 8, 1),)))
    report = DailyReport("厅", dt.date(2026, 11, 22), (sheet,), dt.datetime(2026, 11, 22), "x")
    ws = openpyxl.load_workbook(write_daily_report(report, tmp_path / "t.xlsx"))["x"]
    assert ws["A3"].value == dt.datetime(2026, 11, 22, 15, 10)  # the value keeps its date
    assert ws["A3"].number_format == "hh:mm"
    assert ws["A4"].number_format == "yyyy-mm-dd hh:mm"  # another day: shown in full
    assert ws.column_dimensions["A"].width >= len("2026-11-23 08:01")
