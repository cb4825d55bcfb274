"""Start-up stays fast: building the main window must not import the heavy export modules.

Runs in a fresh interpreter (this test process has long imported everything), so the
module table it inspects is exactly what start-up pulled in.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

HEAVY = ("openpyxl", "reportlab", "pypdfium2", "pypdf")

SCRIPT = textwrap.dedent(
    """
    import json, sys, tempfile, pathlib
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from hallmanager.app import build_services
    from hallmanager.storage.database import open_database, sqlite_url
    from hallmanager.ui.main_window import MainWindow

    tmp = pathlib.Path(tempfile.mkdtemp())
    app = QApplication([])
    services = build_services(open_database(sqlite_url(tmp / "h.sqlite")), fast_hash=True)
    services.auth.setup(hall_name="测试厅", hall_code="T1", username="admin",
                        full_name="王厅长", password="Admin2026pw")
    services.auth.login("admin", "Admin2026pw")
    w = MainWindow(services, settings=QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat))
    w.show()
    for i in range(w.tab_widget.count()):
        w.tab_widget.setCurrentIndex(i)
        app.processEvents()
    print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in HEAVY)))
    services.close()
    """
)


def test_main_window_start_up_imports_no_export_libraries():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", f"HEAVY = {HEAVY!r}\n" + SCRIPT],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    )
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert loaded == [], f"start-up imported heavy modules: {loaded}"


LOGIN_SCRIPT = textwrap.dedent(
    """
    import json, sys, pathlib
    from hallmanager.app import build_services
    from hallmanager.storage.database import open_database, sqlite_url

    path = pathlib.Path(sys.argv[1])
    db = open_database(sqlite_url(path))
    build_services(db, fast_hash=True).auth.setup(
        hall_name="测试厅", hall_code="T1", username="admin", full_name="王厅长",
        password="Admin2026pw")
    db.dispose()
    for name in [m for m in sys.modules if m.startswith(("hallmanager", "alembic"))]:
        del sys.modules[name]  # start-up below imports afresh what it needs

    from hallmanager.commands import gui
    app = gui.make_app()
    seen = []

    class Flow(gui.StartupFlow):
        def run_dialog(self, dialog):
            seen.extend(sorted(m for m in sys.modules if m.startswith(WATCH)))
            return False

    Flow(app, sqlite_url(path), lang="zh_CN").prepare()
    print(json.dumps(seen))
    """
)


def test_login_dialog_shows_before_the_main_window_and_alembic_are_imported(tmp_path):
    """The login dialog needs neither the main window and its tabs nor Alembic (the schema
    is current): they are imported after the login, if at all."""
    watch = ("hallmanager.ui.main_window", "hallmanager.ui.tabs", "hallmanager.ui.dutylog",
             "hallmanager.ui.settings", "hallmanager.ui.today", "alembic")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", f"WATCH = {watch!r}\n" + LOGIN_SCRIPT, str(tmp_path / "h.sqlite")],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    )
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert loaded == [], f"imported before the login dialog: {loaded}"
