"""A database failure during a GUI action is never swallowed: the user sees a message, the
action is not shown as done, and typed text stays (still pending) until it can be saved."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtWidgets import QMessageBox

from hallmanager.ui.main_window import MainWindow
from tests.conftest import login_as
from tests.ui.test_hardening_shutdown import PASSWORD, make_hall_with_draft

READ_ONLY = "attempt to write a readonly database"


def fail_writes(path, table: str) -> None:
    """The file refuses writes to ``table`` as a read-only file would (root ignores chmod)."""
    con = sqlite3.connect(path)
    for op in ("UPDATE", "INSERT"):
        con.execute(f"CREATE TRIGGER fail_{op.lower()}_{table} BEFORE {op} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{READ_ONLY}'); END")
    con.commit()
    con.close()


def heal(path, table: str) -> None:
    con = sqlite3.connect(path)
    for op in ("update", "insert"):
        con.execute(f"DROP TRIGGER fail_{op}_{table}")
    con.commit()
    con.close()


@pytest.fixture
def desk(qtbot, hall, ini, clock) -> MainWindow:
    make_hall_with_draft(hall)
    login_as(hall, "zhang", PASSWORD)
    w = MainWindow(hall, settings=ini, clock=clock, idle_poll_ms=3_600_000)
    qtbot.addWidget(w)
    w.show()
    w.tab_widget.setCurrentWidget(w.page("dutyLogTab"))
    return w


def error_boxes(w) -> list[QMessageBox]:
    return [b for b in w.findChildren(QMessageBox, "errorBox") if b.isVisible()]


def test_failed_autosave_is_shown_and_the_text_kept(desk, hall, db_path, qtbot):
    page = desk.page("dutyLogTab").page
    fail_writes(db_path, "duty_log")
    edit = page.form.business_notes
    edit.setPlainText("客户投诉：叫号机卡纸")
    desk.action_save.trigger()  # Ctrl+S
    qtbot.waitUntil(lambda: bool(error_boxes(desk)), timeout=3000)
    box = error_boxes(desk)[0]
    assert "操作未完成" in box.text() and "只读" in box.text()
    assert "已保存" not in page.saved_label.text()  # not shown as done
    assert edit.toPlainText() == "客户投诉：叫号机卡纸"  # nothing thrown away
    assert page.autosave.pending() == ("business_notes",)
    assert hall.dutylog.get_log(page.log.id).effective.business_notes in (None, "")
    box.close()

    heal(db_path, "duty_log")
    desk.action_save.trigger()
    assert page.autosave.pending() == ()
    assert page.saved_label.text().startswith("已保存")
    assert hall.dutylog.get_log(page.log.id).effective.business_notes == "客户投诉：叫号机卡纸"


def test_failed_action_shows_its_message(desk, hall, db_path, qtbot):
    """Another action (全部正常 of the inspections) through run_action."""
    page = desk.page("dutyLogTab").page
    fail_writes(db_path, "duty_log_inspection")
    before = [i.ok for i in hall.dutylog.get_log(page.log.id).inspections]
    page._all_ok()
    qtbot.waitUntil(lambda: bool(error_boxes(desk)), timeout=3000)
    assert "操作未完成" in error_boxes(desk)[0].text()
    assert [i.ok for i in hall.dutylog.get_log(page.log.id).inspections] == before
