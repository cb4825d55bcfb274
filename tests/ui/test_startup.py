"""The GUI start-up flow with scripted dialogs: database errors, first run, login, stale lock."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

from hallmanager.app import build_services
from hallmanager.commands.gui import StartupFlow
from hallmanager.domain.clock import ManualClock
from hallmanager.domain.errors import DatabaseCorrupt
from hallmanager.storage.database import open_database, sqlite_url
from hallmanager.ui.login import LoginDialog, SetupWizard
from tests.conftest import ADMIN_PASSWORD, dead_pid


class ScriptedFlow(StartupFlow):
    """Answers each dialog with the next function from ``answers`` instead of exec()."""

    def __init__(self, *args, answers=(), clear_lock=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.answers = list(answers)
        self.errors = []
        self.asked = None
        self.clear_lock = clear_lock
        self.dialogs = []

    def run_dialog(self, dialog):
        self.dialogs.append(dialog)
        return self.answers.pop(0)(dialog)

    def report_database_error(self, error):
        self.errors.append(error)

    def ask_clear_lock(self, error):
        self.asked = error
        return self.clear_lock


def login_admin(dlg):
    assert isinstance(dlg, LoginDialog)
    dlg.fill("admin", ADMIN_PASSWORD)
    return dlg.try_login()


@pytest.fixture
def flow_kwargs(qapp, ini):
    return {"clock": ManualClock(dt.datetime(2026, 11, 22, 9, 0)), "settings": ini,
            "fast_hash": True, "lang": "zh_CN"}


def _finish(flow, qtbot):
    window = flow.prepare()
    if window is not None:
        qtbot.addWidget(window)
    return window


def _leave_stale_lock(path):
    """A lock file naming a process of this host that has already exited."""
    from hallmanager.storage.instance_lock import LockInfo, hostname, lock_path_for

    pid = dead_pid()
    lock_path_for(path).write_text(LockInfo(host=hostname(), pid=pid, started="x",
                                            started_epoch=dt.datetime.now().timestamp()).to_json())
    return pid



def _set_up_hall(path) -> None:
    """A database file with the hall 老厅 and its hall manager admin, closed again."""
    db = open_database(sqlite_url(path))
    build_services(db, fast_hash=True).auth.setup(hall_name="老厅", hall_code="O1",
                                                  username="admin", full_name="王厅长",
                                                  password=ADMIN_PASSWORD)
    db.dispose()

def test_corrupt_file_is_reported_and_left_untouched(tmp_path, qapp, flow_kwargs, qtbot):
    path = tmp_path / "bad.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    before = path.read_bytes()
    flow = ScriptedFlow(qapp, sqlite_url(path), **flow_kwargs)
    assert _finish(flow, qtbot) is None
    assert flow.exit_code == 1
    assert isinstance(flow.errors[0], DatabaseCorrupt)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.sqlite"]


def test_first_run_wizard_then_main_window(tmp_path, qapp, flow_kwargs, qtbot):
    def fill_wizard(wizard):
        assert isinstance(wizard, SetupWizard)
        wizard.hall_page.name.setText("新厅")
        wizard.hall_page.code.setText("N1")
        a = wizard.admin_page
        a.username.setText("boss")
        a.full_name.setText("周厅长")
        a.password.setText("Boss2026pw")
        a.repeat.setText("Boss2026pw")
        return wizard.create()

    flow = ScriptedFlow(qapp, sqlite_url(tmp_path / "new.sqlite"), answers=[fill_wizard],
                        **flow_kwargs)
    window = _finish(flow, qtbot)
    assert window is not None and window.windowTitle().startswith("新厅 — ")
    assert flow.services.ctx.auth.user.username == "boss"
    flow.shutdown()


def test_existing_hall_asks_for_login_and_cancel_exits(tmp_path, qapp, flow_kwargs, qtbot):
    url = sqlite_url(tmp_path / "hall.sqlite")
    db = open_database(url)
    build_services(db, fast_hash=True).auth.setup(hall_name="老厅", hall_code="O1",
                                                  username="admin", full_name="王厅长",
                                                  password=ADMIN_PASSWORD)
    db.dispose()
    cancelled = ScriptedFlow(qapp, url, answers=[lambda d: False], **flow_kwargs)
    assert _finish(cancelled, qtbot) is None and cancelled.exit_code == 0
    flow = ScriptedFlow(qapp, url, answers=[login_admin], **flow_kwargs)
    window = _finish(flow, qtbot)
    assert window is not None and window.user_label.text() == "用户：王厅长（厅经理）"
    flow.shutdown()


def _leave_other_host_lock(path):
    """A lock file of another computer (its program may be gone; we can't tell)."""
    from hallmanager.storage.instance_lock import LockInfo, hostname, lock_path_for

    info = LockInfo(host=hostname() + "-desk2", pid=4242, started="2026-11-22 08:00:00",
                    started_epoch=dt.datetime.now().timestamp())
    lock_path_for(path).write_text(info.to_json())
    return info


def test_other_computers_lock_cleared_by_hall_manager(tmp_path, qapp, flow_kwargs, qtbot):
    from hallmanager.domain.errors import DatabaseInUse
    from hallmanager.storage.instance_lock import lock_path_for

    path = tmp_path / "hall.sqlite"
    _set_up_hall(path)
    other = _leave_other_host_lock(path)

    refused = ScriptedFlow(qapp, sqlite_url(path), clear_lock=False, **flow_kwargs)
    assert _finish(refused, qtbot) is None and refused.exit_code == 1
    assert isinstance(refused.asked, DatabaseInUse) and refused.asked.host == other.host
    assert "unlock" in refused.asked.message

    def wrong_then_right(dlg):
        dlg.fill("admin", "wrong-pass1")
        assert not dlg.try_login() and dlg.message.text() == "用户名或密码错误"
        dlg.fill("admin", ADMIN_PASSWORD)
        return dlg.try_login()

    flow = ScriptedFlow(qapp, sqlite_url(path), answers=[wrong_then_right, login_admin],
                        **flow_kwargs)
    window = _finish(flow, qtbot)
    assert window is not None
    assert other.host not in lock_path_for(path).read_text()
    flow.shutdown()
    assert not lock_path_for(path).exists()


def test_dead_programs_lock_is_cleared_without_asking(tmp_path, qapp, flow_kwargs, qtbot):
    """GIVEN the desk crashed on this computer (its lock left, its process gone) WHEN it
    starts again THEN nobody is asked: the lock is cleared, audited as system, login follows."""
    from sqlalchemy import select

    from hallmanager.storage.instance_lock import lock_path_for
    from hallmanager.storage.models import AuditEntry

    path = tmp_path / "hall.sqlite"
    _set_up_hall(path)
    pid = _leave_stale_lock(path)
    seen = []

    def login(dlg):
        seen.append(type(dlg))
        return login_admin(dlg)

    flow = ScriptedFlow(qapp, sqlite_url(path), answers=[login], **flow_kwargs)
    window = _finish(flow, qtbot)
    assert window is not None and flow.asked is None and flow.errors == []
    assert seen == [LoginDialog]  # the normal login, not the hall manager's clearing dialog
    flow.shutdown()
    assert not lock_path_for(path).exists()
    db = open_database(sqlite_url(path))
    try:
        with db.read() as s:
            entries = list(s.scalars(select(AuditEntry)
                                     .where(AuditEntry.action == "clear_stale_lock")))
        assert len(entries) == 1 and entries[0].username == "system"
        assert f'"pid":{pid}' in entries[0].before_json.replace(" ", "")
        assert '"automatic":true' in entries[0].after_json.replace(" ", "")
    finally:
        db.dispose()


def test_startup_does_not_import_heavy_modules():
    code = ("import sys, hallmanager.cli, hallmanager.commands.gui, hallmanager.ui.main_window;"
            "print(sorted(m for m in ('openpyxl', 'reportlab') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.strip() == "[]"


def test_stale_lock_before_setup_is_cleared_and_the_wizard_runs(tmp_path, qapp, flow_kwargs,
                                                                qtbot):
    """GIVEN the program died in the setup wizard (tables, no hall manager, its lock left)
    WHEN it starts again THEN the lock is cleared without asking anyone, audited, and the
    setup wizard comes up."""
    from sqlalchemy import select

    from hallmanager.storage.instance_lock import lock_path_for
    from hallmanager.storage.models import AuditEntry

    path = tmp_path / "hall.sqlite"
    open_database(sqlite_url(path)).dispose()
    pid = _leave_stale_lock(path)
    seen = []

    def cancel_wizard(dlg):
        seen.append(type(dlg))
        return False

    flow = ScriptedFlow(qapp, sqlite_url(path), answers=[cancel_wizard], **flow_kwargs)
    assert _finish(flow, qtbot) is None
    assert flow.asked is None and seen == [SetupWizard] and flow.errors == []
    assert not lock_path_for(path).exists()  # released by shutdown, not left stale
    db = open_database(sqlite_url(path))
    try:
        with db.read() as s:
            entries = list(s.scalars(select(AuditEntry)
                                     .where(AuditEntry.action == "clear_stale_lock")))
        assert len(entries) == 1 and entries[0].username == "system"
        assert f'"pid":{pid}' in entries[0].before_json.replace(" ", "")
    finally:
        db.dispose()


def test_password_free_clearing_is_refused_once_a_hall_manager_exists(tmp_path):
    from hallmanager.domain.errors import PermissionDenied
    from hallmanager.storage.instance_lock import lock_path_for

    path = tmp_path / "hall.sqlite"
    _set_up_hall(path)
    _leave_stale_lock(path)
    before = lock_path_for(path).read_bytes()
    db = open_database(sqlite_url(path), lock=False)
    try:
        with pytest.raises(PermissionDenied, match="厅经理"):
            build_services(db, fast_hash=True).maintenance.clear_stale_lock_before_setup()
    finally:
        db.dispose()
    assert lock_path_for(path).read_bytes() == before


def test_explicit_language_translates_the_stale_lock_question(tmp_path, qapp, flow_kwargs,
                                                              qtbot):
    """--lang en is known before the database opens, so the start-up dialogs speak English."""
    from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

    from hallmanager.ui import i18n

    if i18n.find_tool("lrelease") is None:
        pytest.skip("lrelease not available")
    locale = QLocale()
    path = tmp_path / "hall.sqlite"
    open_database(sqlite_url(path)).dispose()
    _leave_other_host_lock(path)

    class Recording(ScriptedFlow):
        def ask_clear_lock(self, error):
            self.quit_text = QCoreApplication.translate("StartupFlow", "退出")
            return False

    flow = Recording(qapp, sqlite_url(path), **{**flow_kwargs, "lang": "en"})
    try:
        assert _finish(flow, qtbot) is None and flow.exit_code == 1
        assert flow.quit_text == "Quit"
    finally:
        for t in qapp.findChildren(QTranslator):
            qapp.removeTranslator(t)
        QLocale.setDefault(locale)
