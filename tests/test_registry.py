"""A toy module added through the registry alone appears everywhere a module should: its
service, 今日 item and header line, daily-report sheet, handover section (in its order),
audit labels, tab (with navigation) and demo step — without touching a central file."""

from __future__ import annotations

import datetime as dt
import textwrap

import openpyxl
import pypdf
import pytest

from hallmanager.app import build_services, create_demo
from hallmanager.domain.clock import ManualClock
from hallmanager.registry import MODULES, ModuleSpec
from hallmanager.services.today import Target
from hallmanager.storage.database import open_database, sqlite_url
from tests.conftest import ADMIN_PASSWORD

TOY_SERVICES = '''
from hallmanager.domain.texts import QT_TRANSLATE_NOOP, Text
from hallmanager.exporters.data import Column, ReportSheet, TableSection
from hallmanager.services.modules import ModuleParts
from hallmanager.services.reports import Provider
from hallmanager.services.today import AttentionItem, Severity, Target


class ToyService:
    def __init__(self, core):
        self.core = core

    def attention(self, now):
        yield AttentionItem.of("toy_due", Severity.DUE_SOON, Text.plain("玩具待办"),
                               target=Target("toy", "toy", 7))

    def sheets(self, scope):
        yield ReportSheet("玩具", "玩具汇总", (Column("名称"),), (("小熊",),))

    def sections(self, scope):
        yield TableSection("玩具交接", ("名称",), (("小熊",),))


def build(core):
    svc = ToyService(core)
    return ModuleParts(
        service=svc, today=svc.attention,
        today_status=lambda now: [Text.plain("玩具状态正常")],
        sheets=[Provider("toy.sheet", svc.sheets, 45)],
        sections=[Provider("toy.section", svc.sections, 35)],
        audit_entities={"toy": QT_TRANSLATE_NOOP("audit", "玩具")})
'''

TOY_UI = '''
from hallmanager.ui.common.tab_page import TabPage


class ToyTab(TabPage):
    shown = []

    def title(self):
        return "玩具"

    def show_record(self, target):
        ToyTab.shown.append((target.record_kind, target.record_id))
        return True
'''

TOY_DEMO = '''
class ToyDemo:
    def __init__(self, demo):
        self.demo = demo
        self.days = 0
        self.set_up = False

    def setup(self):
        self.set_up = True

    def day(self, index, day):
        assert self.set_up and day == self.demo.first_day + __import__("datetime").timedelta(index)
        self.days += 1

    def counts(self):
        return {"toy.days": self.days}

    def summary(self):
        return f"玩具 {self.days} 天"
'''

TOY = ModuleSpec("toy", "玩具", "toyTab", parts="toymod.services:build", tab="toymod.ui:ToyTab",
                 demo="toymod.demo:ToyDemo")
D = dt.date(2026, 11, 22)


@pytest.fixture
def toy_modules(tmp_path, monkeypatch):
    pkg = tmp_path / "toypkg" / "toymod"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    for name, src in (("services", TOY_SERVICES), ("ui", TOY_UI), ("demo", TOY_DEMO)):
        (pkg / f"{name}.py").write_text(textwrap.dedent(src), encoding="utf-8")
    monkeypatch.syspath_prepend(str(pkg.parent))
    return (*MODULES, TOY)


@pytest.fixture
def toy_hall(toy_modules, db, clock):
    sv = build_services(db, clock, fast_hash=True, modules=toy_modules)
    sv.auth.setup(hall_name="玩具营业厅", hall_code="TOY", username="admin", full_name="王厅长",
                  password=ADMIN_PASSWORD)
    sv.auth.login("admin", ADMIN_PASSWORD)
    return sv


def test_toy_module_in_services_today_reports_and_audit(toy_hall, tmp_path):
    sv = toy_hall
    assert type(sv.toy).__name__ == "ToyService"
    assert type(sv.dutylog).__name__ == "DutyLogService"  # the real modules are still there
    items = sv.today.attention()
    toy = [i for i in items if i.kind == "toy_due"]
    assert len(toy) == 1 and toy[0].target.module == "toy"
    assert "玩具状态正常" in [str(t) for t in sv.today.status()]
    assert sv.audit_labels()[0]["toy"] == "玩具"

    out = sv.reports.export_daily(D, tmp_path / "r.xlsx")  # no duty log: the toy has rows
    wb = openpyxl.load_workbook(out)
    assert "玩具" in wb.sheetnames and wb["玩具"]["A3"].value == "小熊"
    titles = [s.title for s in sv.reports.handover_sheet(D, "早班").sections]
    # the duty log's "no log" note (order 5), the toy (35), cash's "no till" line (60)
    assert titles == ["值班日志", "玩具交接", "现金交接"]
    pdf = sv.reports.print_handover(D, "早班", tmp_path / "h.pdf")
    assert "玩具交接" in "".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages)


def test_toy_module_gets_a_tab_and_navigation(toy_hall, qtbot, ini, clock):
    from PySide6.QtWidgets import QWidget

    from hallmanager.ui.main_window import MainWindow
    from hallmanager.ui.tabs import tab_object_names

    w = MainWindow(toy_hall, settings=ini, clock=clock, idle_poll_ms=3_600_000)
    qtbot.addWidget(w)
    names = [w.tab_widget.widget(i).objectName() for i in range(w.tab_widget.count())]
    assert names == list(tab_object_names(toy_hall.modules))
    assert names[-2:] == ["toyTab", "settingsTab"]
    page = w.findChild(QWidget, "toyTab")
    assert page.module == "toy" and w.tab_widget.tabText(names.index("toyTab")) == "玩具"
    assert w.navigate_to(Target("toy", "toy", 7))
    assert w.tab_widget.currentWidget() is page and type(page).shown == [("toy", 7)]


def test_toy_module_demo_step_runs_every_day(toy_modules, tmp_path):
    db = open_database(sqlite_url(tmp_path / "demo.sqlite"))
    try:
        result = create_demo(db, ManualClock(dt.datetime(2026, 11, 22, 10, 15)), days=2,
                             staff=3, modules=toy_modules)
    finally:
        db.dispose()
    assert result.counts["toy.days"] == 3 and "玩具 3 天" in result.lines
    assert result.counts["dutylog.logs"] == 2 * 2 + 1
