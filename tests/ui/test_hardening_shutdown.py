"""Ending the program: SIGTERM/SIGINT and the session manager's log-off close it properly
(draft saved, WAL checkpointed, lock removed); quitting with a field that could not be saved
asks before its text is thrown away."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import SIGNAL, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from hallmanager.app import build_services
from hallmanager.commands.gui import StartupFlow
from hallmanager.domain.clock import ManualClock
from hallmanager.domain.roles import Role
from hallmanager.storage.database import open_database, sqlite_url
from hallmanager.storage.instance_lock import lock_path_for
from hallmanager.ui.main_window import MainWindow
from tests.conftest import USER_PASSWORD, add_user, login_as

ROOT = Path(__file__).resolve().parents[2]
D = dt.date(2026, 11, 22)
TYPED = "交接：2号叫号机已报修，等厂家电话"
PASSWORD = "Zhang2026pw"  # 张值班's own password (set at first login)


def make_hall_with_draft(hall) -> int:
    """张值班 (duty manager) and the early shift's draft log of 2026-11-22; returns its id."""
    add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班", "RK0011")
    login_as(hall, "zhang")
    hall.auth.change_password(USER_PASSWORD, PASSWORD)
    shift = {s.name: s.id for s in hall.settings.shifts()}["早班"]
    log_id = hall.dutylog.create_log(D, shift).id
    hall.auth.logout()
    return log_id


def business_notes(path: Path, log_id: int) -> str | None:
    db = open_database(sqlite_url(path), lock=False)
    try:
        sv = build_services(db, ManualClock(), fast_hash=True)
        sv.auth.login("zhang", PASSWORD)
        return sv.dutylog.get_log(log_id).effective.business_notes
    finally:
        db.dispose()


# --- SIGTERM / SIGINT: a real desk process --------------------------------------------------

DESK = textwrap.dedent("""
    import datetime as dt, sys
    from PySide6.QtCore import QSettings, QTimer
    from hallmanager.commands.gui import StartupFlow, make_app
    from hallmanager.domain.clock import ManualClock
    from hallmanager.storage.database import sqlite_url

    path, ini, password, text = sys.argv[1:5]

    class Desk(StartupFlow):  # the person at the desk: logs in, opens the log, types
        def run_dialog(self, dialog):
            dialog.fill("zhang", password)
            return dialog.try_login()

        def prepare(self):
            window = super().prepare()
            QTimer.singleShot(0, lambda: self.type_into(window))
            return window

        def type_into(self, window):
            tab = window.page("dutyLogTab")
            window.tab_widget.setCurrentWidget(tab)
            tab.page.form.business_notes.setPlainText(text)  # autosave is still waiting
            print("typed", flush=True)

    app = make_app()
    flow = Desk(app, sqlite_url(path), lang="zh_CN", fast_hash=True,
                clock=ManualClock(dt.datetime(2026, 11, 22, 9, 0)),
                settings=QSettings(ini, QSettings.Format.IniFormat))
    sys.exit(flow.run())
""")


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGINT"])
def test_signal_closes_the_desk_properly(signame, hall, db_path, tmp_path):
    sig = getattr(signal, signame, None)
    if sig is None or sys.platform == "win32":
        pytest.skip(f"no {signame} to send here")
    log_id = make_hall_with_draft(hall)
    hall.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    desk = subprocess.Popen(
        [sys.executable, "-c", DESK, str(db_path), str(tmp_path / "ui.ini"), PASSWORD,
         TYPED], env=env, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    try:
        line = desk.stdout.readline()
        assert line.strip() == "typed", desk.stderr.read()
        assert lock_path_for(db_path).exists()
        desk.send_signal(sig)
        assert desk.wait(timeout=60) == 0, desk.stderr.read()
    finally:
        if desk.poll() is None:
            desk.kill()
            desk.wait()
    assert not lock_path_for(db_path).exists()
    wal = db_path.with_name(db_path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert business_notes(db_path, log_id) == TYPED


AT_LOGIN = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QSettings, QTimer
    from hallmanager.commands.gui import StartupFlow, make_app
    from hallmanager.storage.database import sqlite_url

    class Desk(StartupFlow):  # the real modal login dialog; says when it is up
        def run_dialog(self, dialog):
            QTimer.singleShot(0, lambda: print("login shown", flush=True))
            return super().run_dialog(dialog)

    app = make_app()
    flow = Desk(app, sqlite_url(sys.argv[1]),
                settings=QSettings(sys.argv[2], QSettings.Format.IniFormat))
    sys.exit(flow.run())
""")


def test_signal_at_the_login_dialog_ends_the_program(hall, db_path, tmp_path):
    """A log-off while the login dialog is up (nobody at the desk yet): the program ends,
    lock removed, instead of waiting for the system to kill it."""
    if sys.platform == "win32":
        pytest.skip("no SIGTERM to send here")
    hall.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    desk = subprocess.Popen(
        [sys.executable, "-c", AT_LOGIN, str(db_path), str(tmp_path / "ui.ini")], env=env,
        cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)
    try:
        line = desk.stdout.readline()
        assert line.strip() == "login shown", desk.stderr.read()
        desk.send_signal(signal.SIGTERM)
        assert desk.wait(timeout=60) == 0, desk.stderr.read()
        assert "login shown" not in desk.stdout.read()  # no second login dialog
    finally:
        if desk.poll() is None:
            desk.kill()
            desk.wait()
    assert not lock_path_for(db_path).exists()


# --- log-off / shut-down (commitDataRequest), in-process --------------------------------------

def test_session_end_saves_the_draft_and_closes_the_database(hall, db_path, qapp, tmp_path,
                                                            qtbot):
    from PySide6.QtCore import QSettings

    log_id = make_hall_with_draft(hall)
    hall.close()

    class Desk(StartupFlow):
        def run_dialog(self, dialog):
            dialog.fill("zhang", PASSWORD)
            return dialog.try_login()

    flow = Desk(qapp, sqlite_url(db_path), lang="zh_CN", fast_hash=True,
                clock=ManualClock(dt.datetime(2026, 11, 22, 9, 0)),
                settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    undo = flow.install_shutdown_handlers()
    try:
        window = flow.prepare()
        assert window is not None
        qtbot.addWidget(window)
        window.show()
        tab = window.page("dutyLogTab")
        window.tab_widget.setCurrentWidget(tab)
        tab.page.form.business_notes.setPlainText(TYPED)
        assert tab.page.autosave.pending() == ("business_notes",)
        assert qapp.receivers(SIGNAL("commitDataRequest(QSessionManager&)")) >= 1
        flow._commit_data(None)  # what the connected signal runs at log-off (Qt passes the
        # session manager, which a test cannot create)
    finally:
        undo()
    assert flow.services is None and not window.isVisible()
    assert not lock_path_for(db_path).exists()
    assert not db_path.with_name(db_path.name + "-wal").exists()
    assert business_notes(db_path, log_id) == TYPED


# --- quitting with a refused field ------------------------------------------------------------

@pytest.fixture
def desk(qtbot, hall, ini, clock) -> MainWindow:
    make_hall_with_draft(hall)
    login_as(hall, "zhang", PASSWORD)
    w = MainWindow(hall, settings=ini, clock=clock, idle_poll_ms=3_600_000)
    qtbot.addWidget(w)
    w.show()
    w.tab_widget.setCurrentWidget(w.page("dutyLogTab"))
    return w


def answer_unsaved_box(button: QMessageBox.StandardButton, seen: list) -> None:
    """Answer the quit question once it is up (it runs its own event loop)."""
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != "unsavedBox":
            QTimer.singleShot(10, answer)
            return
        seen.append((box.text(), box.informativeText()))
        box.button(button).click()
    QTimer.singleShot(0, answer)


def test_quit_with_a_refused_paste_asks_before_discarding(desk, hall, qtbot):
    tab = desk.page("dutyLogTab")
    edit = tab.page.form.business_notes
    pasted = "客户反映排队时间长。" * 30_000  # a 300 000-character paste (2000 allowed)
    edit.setPlainText(pasted)
    assert tab.page.autosave.flush() is False
    assert "2000" in tab.page.form.errors["business_notes"].text()
    saved = hall.dutylog.get_log(tab.page.log.id).effective.business_notes
    assert saved in (None, "")

    seen: list = []
    answer_unsaved_box(QMessageBox.StandardButton.No, seen)
    desk.close()  # Ctrl+Q
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert "尚未保存" in seen[0][0] or "值班日志" in seen[0][0]
    assert "2000" in seen[0][1]
    assert desk.isVisible() and edit.toPlainText() == pasted  # nothing thrown away

    answer_unsaved_box(QMessageBox.StandardButton.Yes, seen)
    desk.action_quit.trigger()
    qtbot.waitUntil(lambda: not desk.isVisible(), timeout=3000)
    assert len(seen) == 2


def test_quit_after_fixing_the_field_needs_no_question(desk, hall, qtbot):
    tab = desk.page("dutyLogTab")
    edit = tab.page.form.business_notes
    edit.setPlainText("长" * 2001)
    assert tab.page.autosave.flush() is False
    edit.setPlainText("长" * 20)  # edited again: valid now
    assert tab.page.autosave.flush() is True
    assert not tab.has_unsaved_changes()
    desk.close()
    assert not desk.isVisible()
    assert hall.dutylog.get_log(tab.page.log.id).effective.business_notes == "长" * 20
