"""The desk's start with the database opened behind the login dialog (issue 9): the dialog
shows before SQLAlchemy and the services load, Enter before the open has finished waits and
then logs in, an error the open finds is reported with the file untouched, tabs are built
when first shown, 今日 reads in the background."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from hallmanager.commands.gui import StartupFlow
from hallmanager.domain.clock import ManualClock
from hallmanager.domain.errors import DatabaseTooNew
from hallmanager.storage.database import open_database, sqlite_url
from hallmanager.ui.login.login_dialog import LoginDialog
from tests.conftest import ADMIN_PASSWORD
from tests.ui.test_startup import _set_up_hall


class Flow(StartupFlow):
    def __init__(self, *args, answer, **kwargs):
        super().__init__(*args, **kwargs)
        self.answer = answer
        self.errors = []
        self.dialogs = []

    def run_dialog(self, dialog):
        self.dialogs.append(dialog)
        return self.answer(dialog)

    def report_database_error(self, error):
        self.errors.append(error)


@pytest.fixture
def kwargs(qapp, ini):
    return {"clock": ManualClock(dt.datetime(2026, 11, 22, 9, 0)), "settings": ini,
            "fast_hash": True, "lang": "zh_CN"}


SCRIPT = textwrap.dedent(
    """
    import json, sys
    from hallmanager.commands import gui
    app = gui.make_app()
    seen = {}

    class Flow(gui.StartupFlow):
        def run_dialog(self, dialog):
            dialog.show()
            app.processEvents()
            seen["modules"] = sorted(m for m in sys.modules if m.startswith(WATCH))
            seen["opening"] = dialog.opening is not None
            return False

    Flow(app, "sqlite:///" + sys.argv[1], lang="zh_CN").prepare()
    print(json.dumps(seen))
    """
)


def test_login_dialog_shows_before_sqlalchemy_and_the_services_are_imported(tmp_path):
    """In a fresh interpreter, at the moment the login dialog is on screen, nothing that
    needs SQLAlchemy has been imported: the database opens behind the dialog."""
    path = tmp_path / "h.sqlite"
    _set_up_hall(path)
    watch = ("sqlalchemy", "alembic", "hallmanager.app", "hallmanager.services",
             "hallmanager.storage.database", "hallmanager.ui.main_window",
             "hallmanager.ui.tabs", "hallmanager.ui.login.lock_page")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", f"WATCH = {watch!r}\n" + SCRIPT, str(path)],
                         capture_output=True, text=True, env=env, timeout=120, check=True)
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen == {"modules": [], "opening": True}


def test_enter_before_the_open_has_finished_waits_then_logs_in(tmp_path, qapp, kwargs, qtbot):
    path = tmp_path / "hall.sqlite"
    _set_up_hall(path)
    during_wait = []

    def enter_at_once(dlg):
        assert isinstance(dlg, LoginDialog) and dlg.services is None
        assert not dlg.opening.done  # not even started: nothing ran the event loop yet
        dlg.fill("admin", ADMIN_PASSWORD)
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, lambda: during_wait.append(
            (dlg.ok_button.isEnabled(), dlg.ok_button.text())))
        return dlg.try_login()

    flow = Flow(qapp, sqlite_url(path), answer=enter_at_once, **kwargs)
    window = flow.prepare()
    assert window is not None
    qtbot.addWidget(window)
    assert during_wait == [(False, "正在打开数据库…")]  # the loop kept running meanwhile
    assert flow.services.ctx.auth.user.username == "admin"
    assert window.windowTitle().startswith("老厅 — ")
    flow.shutdown()
    # the next start's dialog is headed by the hall's name before its database is open
    again = Flow(qapp, sqlite_url(path), answer=lambda d: False, **kwargs)
    assert again.prepare() is None and again.exit_code == 0
    assert again.dialogs[0].hall_label.text() == "老厅"


def test_an_error_found_by_the_background_open_closes_the_dialog_and_is_reported(
        tmp_path, qapp, kwargs, qtbot):
    """GIVEN a hall written by a newer program WHEN the desk starts THEN the login dialog
    shows, closes by itself once the open has found the problem, the error is reported and
    the file is left byte for byte as it was."""
    path = tmp_path / "hall.sqlite"
    _set_up_hall(path)
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    con.commit()
    con.close()
    before = path.read_bytes()
    files = sorted(p.name for p in tmp_path.iterdir())

    def wait_shown(dlg):
        dlg.show()
        qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=20_000)
        return False

    flow = Flow(qapp, sqlite_url(path), answer=wait_shown, **kwargs)
    assert flow.prepare() is None and flow.exit_code == 1
    assert flow.dialogs[0].open_ended
    assert len(flow.errors) == 1 and isinstance(flow.errors[0], DatabaseTooNew)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == files


def test_a_hall_not_set_up_closes_the_login_and_runs_the_wizard(tmp_path, qapp, kwargs,
                                                               qtbot):
    from hallmanager.ui.login import SetupWizard

    path = tmp_path / "hall.sqlite"
    open_database(sqlite_url(path)).dispose()  # tables, no hall: the wizard was cancelled
    seen = []

    def answer(dlg):
        seen.append(type(dlg))
        if isinstance(dlg, LoginDialog):
            dlg.fill("admin", ADMIN_PASSWORD)
            return dlg.try_login()  # waits for the open, which finds no hall
        return False

    flow = Flow(qapp, sqlite_url(path), answer=answer, **kwargs)
    assert flow.prepare() is None and flow.errors == []
    assert seen == [LoginDialog, SetupWizard]


def test_lazy_tabs_are_built_when_first_shown(qtbot, hall, ini, clock):
    from hallmanager.ui.dutylog import DutyLogTab
    from hallmanager.ui.main_window import MainWindow
    from hallmanager.ui.tabs import PendingTab, tab_object_names

    w = MainWindow(hall, settings=ini, clock=clock, idle_poll_ms=3_600_000, lazy_tabs=True)
    qtbot.addWidget(w)
    w.show()
    tabs = w.tab_widget
    names = [tabs.widget(i).objectName() for i in range(tabs.count())]
    assert names == list(tab_object_names(hall.modules))
    built = [n for i, n in enumerate(names) if not isinstance(tabs.widget(i), PendingTab)]
    # 今日 (shown) and the tab offering a window-wide action (its shortcut works everywhere)
    assert built == ["todayTab", "emergencyTab"]
    assert any(a.objectName() == "actionStartEmergency" for a in w.actions())
    duty_index = names.index("dutyLogTab")
    tabs.setCurrentIndex(duty_index)
    page = tabs.widget(duty_index)
    assert isinstance(page, DutyLogTab) and w.current_page() is page
    # built in this step, filled in the next (a paint in between: two short stalls, not one)
    qtbot.waitUntil(lambda: page.date.date_value() == clock.now().date())
    assert tabs.tabText(duty_index) == "值班日志"
    assert w.page("dutyLogTab") is page and w.action_export.isEnabled() == page.can_export
    settings = w.page("settingsTab")  # asked for: built without being shown
    assert not isinstance(settings, PendingTab) and tabs.widget(names.index("settingsTab")) \
        is settings and tabs.currentIndex() == duty_index


def test_today_reads_in_the_background_after_the_window_shows(qtbot, hall, ini, clock):
    from hallmanager.ui.main_window import MainWindow

    w = MainWindow(hall, settings=ini, clock=clock, idle_poll_ms=3_600_000, lazy_tabs=True)
    qtbot.addWidget(w)
    today = w.page("todayTab")
    assert today.summary.text() == "正在加载…" and today.items() == []
    w.show()
    expected = hall.today.attention(clock.now())
    assert expected  # the 早班 log is due: there is something to list
    qtbot.waitUntil(lambda: today.items() == expected, timeout=20_000)
    assert today.header.text().startswith("2026-11-22 星期日")
    assert "已超时" in w.attention_label.text() or "即将到期" in w.attention_label.text() \
        or w.attention_label.text() == "今日：无超时事项"


def test_the_other_tabs_are_warmed_after_the_first_paint(qtbot, hall, ini, clock):
    """After the window shows, the pending tabs are built and loaded one per step: a tab
    opened later only refreshes."""
    from hallmanager.ui.main_window import MainWindow
    from hallmanager.ui.tabs import PendingTab

    w = MainWindow(hall, settings=ini, clock=clock, idle_poll_ms=3_600_000, lazy_tabs=True)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: not w.warming, timeout=30_000)
    assert not any(isinstance(p, PendingTab) for p in w.pages)
    duty = w.page("dutyLogTab")
    assert "尚未创建值班日志" in duty.empty_label.text()  # loaded while hidden
    assert w.current_page() is w.page("todayTab")
