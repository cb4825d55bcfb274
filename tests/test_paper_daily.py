"""The daily report on paper: a summary readable on A4 portrait, every sheet's print setup
(title rows, fit to width, header/footer with hall, date and page x/y), the CJK font named in
the cells, and — where LibreOffice is installed — a real conversion to PDF (issue 8 §4)."""

from __future__ import annotations

import collections
import datetime as dt
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pypdf
import pytest

from hallmanager.app import build_services
from hallmanager.domain.clock import ManualClock
from hallmanager.exporters.daily_excel import (
    PORTRAIT_SHRINK,
    PORTRAIT_WIDTH,
    print_width,
    write_daily_report,
)
from hallmanager.exporters.data import Column, ColumnKind, DailyReport, ReportSheet
from hallmanager.exporters.fonts import cjk_family
from hallmanager.storage.database import open_database, sqlite_url
from tests.conftest import USER_PASSWORD, copy_day
from tests.test_export_service import D

HALL = "拉萨北京路营业厅"


@pytest.fixture(scope="module")
def workbook(day_template, tmp_path_factory) -> Path:
    """The daily report of a real day (two shifts, texts, a fault, a handover item), exported
    once by 张值班 from a copy of ``build_day``'s day (tests/conftest.py ``day_template``);
    the tests below only read it."""
    folder = tmp_path_factory.mktemp("paper-daily")
    path = folder / "hall.sqlite"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HALLMANAGER_ANCHOR_DIR", str(folder / "anchors"))
        now = copy_day(day_template, path)
        db = open_database(sqlite_url(path))
        try:
            services = build_services(db, ManualClock(now), fast_hash=True)
            services.auth.login("zhang", USER_PASSWORD)
            return services.reports.export_daily(D, folder / "营业日报.xlsx")
        finally:
            db.dispose()


def test_summary_is_a_portrait_form_one_column_per_shift(workbook):
    ws = openpyxl.load_workbook(workbook)["值班日志汇总"]
    assert [c.value for c in ws[2]] == ["班次", "早班", "晚班"]
    figures = {r[0].value: r[1:] for r in ws.iter_rows(min_row=3)}
    assert len(figures) >= 15 and ws.max_column == 3  # 18 figures, 3 columns (was 20 columns)
    assert figures["客流量"][0].value == 312 and figures["客流量"][0].data_type == "n"
    signed = figures["签字时间"][0]
    assert signed.value == dt.datetime(2026, 11, 22, 14, 20)  # the full value is kept
    assert signed.number_format == "hh:mm"  # shown as a time: it is the report's own date
    assert ws.page_setup.orientation == "portrait"
    assert print_width(ws, "C") <= PORTRAIT_WIDTH * PORTRAIT_SHRINK
    widths = [ws.column_dimensions[c].width for c in "BC"]
    assert min(widths) >= 20  # wide columns, long texts wrap inside them
    assert ws.freeze_panes == "B3"


def test_every_sheet_prints_with_titles_hall_date_and_page_numbers(workbook):
    wb = openpyxl.load_workbook(workbook)
    family = cjk_family()
    for ws in wb:
        where = ws.title
        assert ws.page_setup.paperSize == 9, where  # A4
        assert ws.print_title_rows == "$1:$2", where
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, where
        assert ws.sheet_properties.pageSetUpPr.fitToPage, where
        header = " ".join(p.text or "" for p in (ws.oddHeader.left, ws.oddHeader.center,
                                                  ws.oddHeader.right))
        assert HALL in header and D.isoformat() in header and "营业日报" in header, where
        assert "&P" in ws.oddFooter.right.text and "&N" in ws.oddFooter.right.text, where
        assert "张值班" in ws.oddFooter.left.text, where  # who really exported it
        assert ws.oddHeader.left.font == family, where
        # landscape only where the table is too wide for portrait
        last = openpyxl.utils.get_column_letter(ws.max_column)
        wide = print_width(ws, last) > PORTRAIT_WIDTH * PORTRAIT_SHRINK
        assert ws.page_setup.orientation == ("landscape" if wide else "portrait"), where
        title = ws["A1"]
        assert HALL in title.value and title.font.name == family and title.font.b, where
        assert ws["A2"].font.name == family, where
    assert wb["值班记录"].page_setup.orientation == "portrait"


def test_a_long_title_wraps_instead_of_being_cut_at_the_table_edge(tmp_path):
    sheet = ReportSheet("窄", "一张很窄的表", (Column("班次"), Column("人数", ColumnKind.INT)),
                        (("早班", 3),))
    report = DailyReport("日喀则分公司上海中路营业厅", dt.date(2026, 11, 22), (sheet,),
                         dt.datetime(2026, 11, 22, 20), "王五")
    ws = openpyxl.load_workbook(write_daily_report(report, tmp_path / "t.xlsx"))["窄"]
    assert ws["A1"].alignment.wrap_text and ws.row_dimensions[1].height >= 52


def test_transposed_sheet_without_records_states_it(tmp_path):
    sheet = ReportSheet("汇总", "值班日志汇总", (Column("班次"), Column("客流量", ColumnKind.INT)),
                        (), empty_text="当日无值班日志", transpose=True)
    report = DailyReport(HALL, dt.date(2026, 11, 22), (sheet,), dt.datetime(2026, 11, 22), "x")
    ws = openpyxl.load_workbook(write_daily_report(report, tmp_path / "e.xlsx"))["汇总"]
    assert ws["A2"].value == "班次" and ws["B2"].value == "当日无值班日志"
    assert ws["A3"].value == "客流量"


# --- LibreOffice ---------------------------------------------------------------------------


def _soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        pytest.skip("LibreOffice (soffice) is not installed: the xlsx → PDF print check needs "
                    "it (Debian/Ubuntu: apt-get install libreoffice-calc-nogui)")
    return exe


def _to_pdf(xlsx: Path, tmp_path: Path) -> Path:
    """Convert with a private LibreOffice profile (parallel tests must not share one)."""
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([_soffice(), f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(xlsx)],
                   check=True, capture_output=True, timeout=180)
    return tmp_path / "pdf" / (xlsx.stem + ".pdf")


def _runs(page) -> list[tuple[str, float, str]]:  # type: ignore[no-untyped-def]
    """(text, printed size in pt, font name) of every text run on ``page``."""
    out: list[tuple[str, float, str]] = []

    def visit(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
        if text.strip():
            name = str(font.get("/BaseFont", "")) if font else ""
            out.append((text.strip(), size * abs(cm[3] or 1), name))

    page.extract_text(visitor_text=visit)
    return out


def test_libreoffice_prints_every_column_readably(workbook, tmp_path):
    pdf = _to_pdf(workbook, tmp_path)
    reader = pypdf.PdfReader(str(pdf))
    wb = openpyxl.load_workbook(workbook)
    assert len(reader.pages) <= len(wb.sheetnames) + 2, len(reader.pages)  # was 5 near-empty
    first = reader.pages[0]
    assert float(first.mediabox.width) < float(first.mediabox.height)  # summary: portrait
    text = first.extract_text().replace("\n", " ")
    summary = wb["值班日志汇总"]
    labels = [summary.cell(row=r, column=1).value for r in range(2, summary.max_row + 1)]
    for label in [*labels, "早班", "晚班", HALL, "第 1 页", "张值班"]:
        assert label in text, label
    runs = _runs(first)
    body = [size for t, size, _ in runs if t in labels]
    assert min(body) >= 9.5, collections.Counter(round(s, 1) for s in body)  # 11 pt at ≥ 86 %
    # The title is set in the CJK font (not a Latin font with substituted glyphs).
    family = cjk_family().replace(" ", "")
    title = [font for t, _, font in runs if "营业日报" in t and "值班日志汇总" in t]
    assert title and all(family in f for f in title), (title, family)
    all_text = " ".join(p.extract_text() for p in reader.pages).replace("\n", " ")
    for ws in wb:
        for c in ws[2]:  # every column header of every sheet printed
            if c.value:
                assert str(c.value) in all_text, (ws.title, c.value)
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                               check=True).stdout.splitlines()[2:]
        assert fonts and all(" yes " in line for line in fonts), fonts  # embedded
        assert any(family in line for line in fonts), fonts
