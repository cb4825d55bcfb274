"""Background exports: the worker writes the daily report off the GUI thread and reports
success or the service's message."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QMessageBox

from hallmanager.domain.errors import DomainError
from hallmanager.domain.roles import Role
from hallmanager.ui.dutylog import DutyLogTab
from hallmanager.ui.workers import Worker, run_in_background
from tests.conftest import add_user, login_as

D = dt.date(2026, 11, 22)


@pytest.fixture
def day(hall):
    add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班", "RK0011")
    login_as(hall, "zhang")
    early = {s.name: s for s in hall.settings.shifts()}["早班"]
    v = hall.dutylog.open_log(D, early.id)
    hall.dutylog.update_draft(v.id, weather="晴", customer_flow=88)
    return v


def test_worker_exports_the_daily_report(qtbot, hall, day, tmp_path):
    out = tmp_path / "report.xlsx"
    threads = []

    def export(*a, **kw):
        threads.append(QThread.currentThread())
        return hall.reports.export_daily(*a, **kw)

    worker = Worker(export, D, out)
    with qtbot.waitSignal(worker.signals.finished, timeout=20_000) as blocker:
        worker.start()
    assert blocker.args[0] == out
    assert threads and threads[0] is not QThread.currentThread()  # not the GUI thread
    wb = load_workbook(out)
    assert wb.sheetnames and wb.worksheets[0].max_row > 1
    qtbot.waitUntil(lambda: worker.done, timeout=2000)


def test_worker_reports_domain_error(qtbot, hall, day, tmp_path):
    worker = Worker(hall.reports.export_daily, D, tmp_path / "missing" / "r.xlsx")
    with qtbot.waitSignal(worker.signals.failed, timeout=10_000) as blocker:
        worker.start()
    err = blocker.args[0]
    assert isinstance(err, DomainError) and "文件夹不存在" in err.message


def test_unexpected_exception_becomes_a_message(qtbot):
    def boom() -> None:
        raise RuntimeError("disk on fire")

    worker = Worker(boom)
    with qtbot.waitSignal(worker.signals.failed, timeout=5000) as blocker:
        worker.start()
    assert blocker.args[0].message == "disk on fire"


def test_run_in_background_shows_the_error(qtbot, hall, day, tmp_path):
    tab = DutyLogTab(hall)
    qtbot.addWidget(tab)
    run_in_background(tab, hall.reports.export_daily, D, tmp_path / "nope" / "x.xlsx",
                      busy_text="…", on_done=lambda _r: None)
    qtbot.waitUntil(lambda: tab.findChild(QMessageBox, "errorBox") is not None, timeout=10_000)
    assert "文件夹不存在" in tab.findChild(QMessageBox, "errorBox").text()


def test_ctrl_e_exports_with_the_default_name(qtbot, hall, day, tmp_path, monkeypatch):
    tab = DutyLogTab(hall)
    qtbot.addWidget(tab)
    tab.refresh()
    asked = []

    def ask(title, name, flt):
        asked.append(name)
        return tmp_path / name

    monkeypatch.setattr(tab.output, "ask_save_path", ask)
    assert tab.can_export
    tab.export()
    assert asked == ["营业日报_LS001_2026-11-22.xlsx"]
    qtbot.waitUntil(lambda: tab.findChild(QMessageBox, "savedBox") is not None, timeout=20_000)
    box = tab.findChild(QMessageBox, "savedBox")
    assert str(tmp_path / asked[0]) in box.text()
    assert load_workbook(tmp_path / asked[0]).sheetnames
    # exporting again over the file: the dialog asked about overwriting, so force is used
    box.close()
    tab.export()
    qtbot.waitUntil(lambda: tab.output.worker.done, timeout=20_000)
    assert tab.findChild(QMessageBox, "errorBox") is None
