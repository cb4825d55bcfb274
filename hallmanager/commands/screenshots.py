"""`hallmanager screenshots`: render every tab (and the login, lock and setup screens) to PNG.

Without ``--db`` a temporary demo hall is built (``app.create_demo``). With ``--db`` it renders what a real user sees: the command line's
usual login (``--user`` / $HALLMANAGER_USER, $HALLMANAGER_PASSWORD or a terminal prompt).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hallmanager.app import Services, build_services
from hallmanager.domain.clock import ManualClock

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

SIZE = (1280, 800)


def _ensure_platform() -> None:
    """Offscreen rendering when there is no display (CI, ssh)."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY")
                                                  or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def demo_services(folder: Path, clock: ManualClock) -> tuple[Services, str, str]:
    """A demo hall in ``folder``; returns services and the hall manager's credentials."""
    from hallmanager.app import create_demo
    from hallmanager.storage.database import open_database, sqlite_url

    db = open_database(sqlite_url(folder / "demo.sqlite"))
    result = create_demo(db, clock)
    services = build_services(db, clock, fast_hash=True)
    user = result.admin_username
    return services, user, result.passwords[user]


def grab(widget: QWidget, path: Path, size: tuple[int, int] | None = None) -> Path:
    """Lay the widget out at ``size`` and save what it would draw."""
    from PySide6.QtWidgets import QApplication

    if size:
        widget.resize(*size)
    widget.show()
    for _ in range(3):
        QApplication.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(path))
    return path


def render_all(services: Services, username: str, password: str, out: Path,
               *, extras: bool = True) -> list[Path]:
    """Log in (unless someone is), render every tab as ``<objectName>.png``, then the lock
    page and login dialog."""
    from PySide6.QtCore import QSettings

    from hallmanager.ui.login import LoginDialog
    from hallmanager.ui.main_window import MainWindow

    if services.ctx.auth.user is None:
        services.auth.login(username, password)
    ini = QSettings(str(out / ".screenshots.ini"), QSettings.Format.IniFormat)
    window = MainWindow(services, settings=ini)
    window.idle.stop()
    window.resize(*SIZE)
    saved: list[Path] = []
    for i, page in enumerate(window.pages):
        window.tab_widget.setCurrentIndex(i)
        saved.append(grab(window, out / f"{page.objectName()}.png", SIZE))
    if extras:
        settings_tab = window.page("settingsTab")
        if settings_tab is not None:
            window.tab_widget.setCurrentWidget(settings_tab)
            for section in getattr(settings_tab, "sections", []):
                settings_tab.show_section(section)
                saved.append(grab(window, out / f"settings_{section.objectName()}.png", SIZE))
        window.lock()
        saved.append(grab(window, out / "lockPage.png", SIZE))
        login = LoginDialog(services, username=username)
        saved.append(grab(login, out / "loginDialog.png"))
        login.close()
    window.close()
    Path(out / ".screenshots.ini").unlink(missing_ok=True)
    return saved


def render_wizard(out: Path, clock: ManualClock) -> Path:
    """The first-run wizard over an empty temporary database."""
    from hallmanager.storage.database import open_database, sqlite_url
    from hallmanager.ui.login import SetupWizard

    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(sqlite_url(Path(tmp) / "empty.sqlite"))
        try:
            wizard = SetupWizard(build_services(db, clock, fast_hash=True))
            path = grab(wizard, out / "setupWizard.png", (640, 480))
            wizard.close()
        finally:
            db.dispose()
    return path


def run(args: argparse.Namespace | Any) -> int:
    _ensure_platform()
    from hallmanager.commands.gui import make_app
    from hallmanager.ui.i18n import install_translator

    app = make_app()
    lang = getattr(args, "lang", None)
    if lang:
        install_translator(app, lang)
    out = Path(getattr(args, "out", None) or "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    today = dt.date.today()
    clock = ManualClock(dt.datetime.combine(today, dt.time(10, 15)))
    if getattr(args, "db", None) or getattr(args, "db_url", None):
        from hallmanager.commands.common import run_logged_in

        saved: list[Path] = []

        def body(services: Services) -> int:
            user = services.ctx.auth.user
            assert user is not None
            saved.extend(render_all(services, user.username, "", out))
            return 0

        # Like export: only looks, so it works beside a running desk app (no lock).
        rc = run_logged_in(args, body)
        if rc:
            return rc
    else:
        with tempfile.TemporaryDirectory() as tmp:
            services, user, pw = demo_services(Path(tmp), clock)
            try:
                saved = render_all(services, user, pw, out)
            finally:
                services.close()
        saved.append(render_wizard(out, clock))
    for p in saved:
        print(p)
    app.processEvents()
    return 0
