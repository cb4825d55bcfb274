"""`hallmanager` without a command: start the desk app.

The start-up sequence lives in ``StartupFlow`` so tests can drive it with dialogs that are
answered programmatically (override ``run_dialog`` and the message boxes) instead of ``exec()``.
Heavy modules (openpyxl, reportlab) are imported only by the features that use them.

The login dialog comes first: this module imports neither SQLAlchemy nor the services, and an
existing hall's database is opened in a background thread while the user types (then the
main window's modules are imported there too). A file that is missing, not SQLite or has a
lock file beside it is opened before any dialog, as it needs the wizard or a question first.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from hallmanager.domain.clock import Clock
from hallmanager.domain.errors import DatabaseError, DatabaseInUse, DomainError

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QDialog

    from hallmanager.app import Services
    from hallmanager.ui.login.opening import Background, Opened
    from hallmanager.ui.main_window import MainWindow

APP_NAME = "hallmanager"
ORG_NAME = "hallmanager"
# QSettings keys: what the next start shows before the database is open
LAST_DATABASE_KEY = "startup/database"
LAST_HALL_KEY = "startup/hallName"
LAST_LANGUAGE_KEY = "startup/language"
CJK_FONTS = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
             "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "SimSun")


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names for QSettings and a font that has Chinese glyphs."""
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv or [APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationDisplayName("营业厅值班经理工作台")
    from hallmanager.ui.about import app_icon

    app.setWindowIcon(app_icon())
    families = set(QFontDatabase.families())
    for name in CJK_FONTS:
        if name in families:
            font = QFont(name)
            font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
            app.setFont(font)
            break
    return app  # type: ignore[return-value]


def _app_title() -> str:
    """Title of the start-up message boxes, in the installed language."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("StartupFlow", "营业厅值班经理工作台")


class StartupFlow:
    """Open the database → (clear a stale lock) → translation → setup wizard → login → window.

    Every step that needs the user goes through ``run_dialog``/``report_database_error``/
    ``ask_clear_lock`` so a test can answer them.
    """

    def __init__(self, app: QApplication, url: str, *, lang: str | None = None,
                 clock: Clock | None = None, settings: QSettings | None = None,
                 fast_hash: bool = False) -> None:
        self.app = app
        self.url = url
        self.lang = lang
        self.clock = clock
        self.settings = settings
        self.fast_hash = fast_hash
        self.services: Services | None = None
        self.window: MainWindow | None = None
        self.exit_code = 0
        #: SIGTERM/log-off arrived before the main window: no further start-up dialog shows
        self.ending = False
        self.opening: Background | None = None
        self.preload: Background | None = None
        self._translators: list[Any] = []
        self._language: str | None = None

    # --- overridable interaction -------------------------------------------------------
    def run_dialog(self, dialog: QDialog) -> bool:
        """Show a dialog modally; True if accepted (False once the session is ending)."""
        from PySide6.QtWidgets import QDialog

        if self.ending:
            return False
        return dialog.exec() == QDialog.DialogCode.Accepted

    def report_database_error(self, error: DomainError) -> None:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMessageBox

        if self.ending:
            return

        box = QMessageBox(QMessageBox.Icon.Critical, _app_title(), error.message,
                          QMessageBox.StandardButton.Ok)
        box.setInformativeText(QCoreApplication.translate(
            "StartupFlow", "数据库：%1\n文件未被改动。").replace("%1", self.url))
        if error.detail:
            box.setDetailedText(error.detail)
        box.exec()

    def ask_clear_lock(self, error: DatabaseInUse) -> bool:
        """Offer the hall manager to clear another computer's lock (its program may have died
        there: we can't see its processes). A dead program's lock on this computer is
        cleared by itself, without asking."""
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMessageBox

        if self.ending:
            return False
        box = QMessageBox(QMessageBox.Icon.Warning, _app_title(), error.message)
        box.setInformativeText(QCoreApplication.translate(
            "StartupFlow", "确认那台电脑上的程序已经关闭后，可由厅经理在这里清除该锁。"))
        clear = box.addButton(QCoreApplication.translate("StartupFlow", "厅经理清除锁…"),
                              QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QCoreApplication.translate("StartupFlow", "退出"),
                      QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is clear

    # --- steps -------------------------------------------------------------------------
    def open_services(self) -> Services | None:
        """Open the database; on an unusable file report it and return None (exit 1)."""
        return self._take_opened(self._open())

    def _open(self) -> Opened:
        """Open the database and read what the start needs; no Qt, no dialogs: runs in the
        background thread while the login dialog is up (or directly)."""
        from hallmanager.app import build_services
        from hallmanager.storage.database import open_database
        from hallmanager.ui.login.opening import Opened

        try:
            db = open_database(self.url)
        except DatabaseError as exc:
            return Opened(error=exc)
        services = build_services(db, self.clock, fast_hash=self.fast_hash)
        try:
            services.maintenance.record_stale_lock_taken_over()
            needs_setup = services.auth.needs_setup()
        except DomainError as exc:
            services.close()
            return Opened(error=exc)
        opened = Opened(services=services, needs_setup=needs_setup)
        if not needs_setup:
            try:
                hall = services.settings.hall()
                opened.hall_name, opened.language = hall.name, hall.language
            except DomainError:
                opened.language = "zh_CN"
        return opened

    def _take_opened(self, opened: Opened) -> Services | None:
        """The GUI side of an open: ask about another computer's lock, report an error."""
        from hallmanager.storage.instance_lock import hostname

        exc = opened.error
        if isinstance(exc, DatabaseInUse):
            if exc.host == hostname() and exc.pid != 0:  # a live desk on this computer
                self.report_database_error(exc)
                self.exit_code = 1
                return None
            if not self.ask_clear_lock(exc):
                self.exit_code = 1
                return None
            return self._clear_stale_lock()
        if exc is not None:
            self.report_database_error(exc)
            self.exit_code = 1
            return None
        if opened.language is not None:
            self._remember(opened)
        return opened.services

    def _clear_stale_lock(self) -> Services | None:
        from PySide6.QtCore import QCoreApplication

        from hallmanager.app import build_services
        from hallmanager.storage.database import open_database
        from hallmanager.ui.login.login_dialog import LoginDialog

        try:
            db = open_database(self.url, lock=False)
        except DatabaseError as exc:
            self.report_database_error(exc)
            self.exit_code = 1
            return None
        services = build_services(db, self.clock, fast_hash=self.fast_hash)
        if services.auth.needs_setup():
            # The program died in the setup wizard: no hall manager exists to ask yet.
            try:
                services.maintenance.clear_stale_lock_before_setup()
            except DomainError as exc:
                services.close()
                self.report_database_error(exc)
                self.exit_code = 1
                return None
            return services
        dlg = LoginDialog(services, submit=services.maintenance.clear_stale_lock,
                          purpose=QCoreApplication.translate(
                              "StartupFlow", "清除程序锁：请厅经理输入登录名和密码。"))
        if not self.run_dialog(dlg):
            services.close()
            self.exit_code = 1
            return None
        return services

    def install_language(self, services: Services | None) -> None:
        """``--lang`` if given, else the hall's language setting (Chinese if unreadable)."""
        lang = self.lang
        if lang is None and services is not None:
            try:
                lang = services.settings.hall().language
            except DomainError:
                lang = "zh_CN"
        self._install(lang)

    def _install(self, lang: str | None) -> None:
        """Install ``lang``'s translators, replacing ours installed before (once per lang)."""
        from hallmanager.ui.i18n import install_translator

        lang = lang or "zh_CN"
        if lang == self._language:
            return
        for t in self._translators:
            self.app.removeTranslator(t)
        self._translators = install_translator(self.app, lang)
        self._language = lang

    def _qsettings(self) -> QSettings:
        from PySide6.QtCore import QSettings

        return self.settings if self.settings is not None else QSettings()

    def _remembered(self, key: str) -> str:
        """What the last start wrote for this database (hall name, language), else ""."""
        qs = self._qsettings()
        if qs.value(LAST_DATABASE_KEY) != self.url:
            return ""
        value = qs.value(key)
        return value if isinstance(value, str) else ""

    def _remember(self, opened: Opened) -> None:
        """The hall's name and language, for the dialogs of the next start (before its open)."""
        qs = self._qsettings()
        qs.setValue(LAST_DATABASE_KEY, self.url)
        qs.setValue(LAST_HALL_KEY, opened.hall_name)
        qs.setValue(LAST_LANGUAGE_KEY, opened.language or "zh_CN")

    def login_while_opening(self) -> bool:
        """Whether the login dialog can show before the database is open: an existing SQLite
        file (its header read, nothing else) with no program lock beside it. A new file
        needs the setup wizard, a lock file may need the hall manager's question first."""
        from hallmanager.storage.instance_lock import lock_path_for
        from hallmanager.storage.sqlite_file import SQLITE_MAGIC

        prefix = "sqlite:///"
        if not self.url.startswith(prefix) or "?" in self.url:
            return False
        from pathlib import Path

        path = Path(self.url[len(prefix):])
        try:
            with open(path, "rb") as f:
                if f.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                    return False
        except OSError:
            return False
        return not lock_path_for(path).exists()

    def sign_in(self, services: Services) -> bool:
        """Setup wizard on first run, then login (and a forced password change)."""
        from hallmanager.ui.login.login_dialog import LoginDialog

        if services.auth.needs_setup():
            from hallmanager.ui.login.setup_wizard import SetupWizard

            wizard = SetupWizard(services)
            if not self.run_dialog(wizard):
                return False
            if services.ctx.auth.user is not None:
                return True
        while True:
            login = LoginDialog(services)
            if not self.run_dialog(login):
                return False
            user = services.ctx.auth.user
            if user is None or not user.must_change_password:
                return True
            from hallmanager.ui.login.change_password import ChangePasswordDialog

            if self.run_dialog(ChangePasswordDialog(services, forced=True)):
                return True
            services.auth.logout()

    def prepare(self) -> MainWindow | None:
        """Everything up to a shown-ready main window; None means exit with ``exit_code``.

        The login dialog appears before the database is opened (in the background) when the
        hall exists; the main window and its tabs are imported meanwhile, behind the dialog.
        """
        self._install(self.lang or self._remembered(LAST_LANGUAGE_KEY) or "zh_CN")
        if self.login_while_opening():
            services = self._sign_in_while_opening()
        else:
            services = self.open_services()
            if services is not None:
                self.services = services
                if self.lang is None:
                    self.install_language(services)
                if not self.sign_in(services):
                    services = None
        if services is None:
            self.shutdown()
            return None
        if self.preload is not None and self.preload.started:
            self.preload.value()  # no import of the same modules from two threads at once
        from hallmanager.ui.main_window import MainWindow

        self.window = MainWindow(services, settings=self.settings, clock=self.clock,
                                 lazy_tabs=True)
        return self.window

    def _sign_in_while_opening(self) -> Services | None:
        """The login dialog while the database opens behind it; an open that ends in an
        error, a lock question or "set up first" closes the dialog and continues as if the
        file had been opened first."""
        from hallmanager.ui.login.login_dialog import LoginDialog
        from hallmanager.ui.login.opening import Background

        self.preload = Background(preload_window_modules, name="hallmanager-preload")
        self.opening = opening = Background(self._open_and_preload, name="hallmanager-open")
        dialog = LoginDialog(opening=opening, hall_name=self._remembered(LAST_HALL_KEY))
        accepted = self.run_dialog(dialog)
        if not accepted and not dialog.open_ended:  # 取消: nothing to open any more
            if opening.started:
                opening.join()
                self.preload.join()
                opened = opening.result
                if opened is not None and opened.services is not None:
                    self.services = opened.services
            return None
        opened = opening.value()
        if opened.services is not None:
            self.services = opened.services
        services = self._take_opened(opened)
        if services is None:
            return None
        if self.lang is None:
            self._install(opened.language)
        if not accepted:  # the open found no hall yet: the wizard, then the login
            return services if self.sign_in(services) else None
        user = services.ctx.auth.user
        if user is not None and user.must_change_password:
            from hallmanager.ui.login.change_password import ChangePasswordDialog

            if not self.run_dialog(ChangePasswordDialog(services, forced=True)):
                services.auth.logout()
                return services if self.sign_in(services) else None
        return services

    def _open_and_preload(self) -> Opened:
        """The background open; once it is done (the login may go ahead) a second thread
        imports the main window and the tabs' modules while the password is checked."""
        opened = self._open()
        if opened.ready_for_login and self.preload is not None:
            self.preload.start()
        return opened

    def shutdown(self) -> None:
        """Log out and close the database (releases the instance lock)."""
        if self.services is not None:
            try:
                self.services.auth.logout()
            except DomainError:
                pass
            self.services.close()
            self.services = None

    def end_session(self) -> None:
        """SIGTERM, SIGINT or the session manager's log-off/shut-down: save what can be saved
        without asking (autosaves flushed, window state), close the database (WAL
        checkpointed, lock removed) and quit, before the system kills us."""
        if self.window is None:
            # Still at a start-up dialog (login, wizard, a message): nothing typed there is
            # worth keeping; close it and the start-up flow ends by itself (no next dialog).
            from PySide6.QtWidgets import QApplication

            self.ending = True
            for _ in range(20):  # a message box above a dialog: close from the top
                modal = QApplication.activeModalWidget()
                if modal is None:
                    break
                modal.close()
            self.app.quit()
            return
        self.window.save_everything()
        self.window.idle.stop()
        self.window.hide()
        self.shutdown()
        self.app.quit()

    def install_shutdown_handlers(self) -> Any:
        """Route SIGTERM/SIGINT/SIGHUP/SIGBREAK and ``commitDataRequest`` to ``end_session``.

        Python runs signal handlers only between bytecodes, never while Qt's event loop
        waits in C++; ``signal.set_wakeup_fd`` writes the signal number to a socket that a
        QSocketNotifier watches, which wakes the loop. Returns an undo function.
        """
        import signal
        import socket

        from PySide6.QtCore import QSocketNotifier

        rsock, wsock = socket.socketpair()
        rsock.setblocking(False)
        wsock.setblocking(False)
        old_fd = signal.set_wakeup_fd(wsock.fileno(), warn_on_full_buffer=False)
        old_handlers = {}
        for name in ("SIGTERM", "SIGINT", "SIGHUP", "SIGBREAK"):
            sig = getattr(signal, name, None)
            if sig is not None:
                old_handlers[sig] = signal.signal(sig, lambda *_a: None)
        notifier = QSocketNotifier(rsock.fileno(), QSocketNotifier.Type.Read, self.app)

        def woken() -> None:
            try:
                got = rsock.recv(64)
            except OSError:
                return
            if got:
                self.end_session()

        notifier.activated.connect(woken)
        self.app.commitDataRequest.connect(self._commit_data)

        def undo() -> None:
            notifier.setEnabled(False)
            notifier.deleteLater()
            self.app.commitDataRequest.disconnect(self._commit_data)
            signal.set_wakeup_fd(old_fd)
            for sig, handler in old_handlers.items():
                signal.signal(sig, handler)
            rsock.close()
            wsock.close()

        return undo

    def _commit_data(self, _manager: object) -> None:
        self.end_session()

    def install_crash_handler(self) -> Any:
        """An exception no action handled (a programming error reaching Qt's event loop) is
        shown, not only printed to a console nobody sees; returns an undo function."""
        import sys

        from PySide6.QtCore import QCoreApplication

        previous = sys.excepthook

        def hook(kind: type[BaseException], exc: BaseException, tb: Any) -> None:
            previous(kind, exc, tb)  # the traceback goes to stderr / the log as before
            if isinstance(exc, DomainError):
                message = exc.message
            else:  # the type only: a message may quote personal data
                message = QCoreApplication.translate(
                    "StartupFlow",
                    "程序内部错误，刚才的操作没有完成（%1）。请记下操作步骤并联系维护人员。",
                ).replace("%1", kind.__name__)
            try:
                from hallmanager.ui.common.errors import show_error

                show_error(self.window, message)
            except Exception:
                pass  # never fail inside the hook

        sys.excepthook = hook

        def undo() -> None:
            sys.excepthook = previous

        return undo

    def backup_at_exit(self) -> None:
        """A clean exit (the window closed normally) makes a verified backup when automatic
        backups are on; a failure is recorded for the next start's 今日, never raised."""
        if self.services is None:
            return
        worker = getattr(self.window, "backup_worker", None)
        if worker is not None and not worker.done:
            from PySide6.QtCore import QThreadPool

            QThreadPool.globalInstance().waitForDone()  # the start-up copy is still running
        try:
            if self.services.backup.settings().automatic:
                self.services.backup.backup(automatic=True)
        except DomainError:
            pass  # recorded in the backup folder's manifest: 今日 shows it next time

    def run(self) -> int:
        undo = self.install_shutdown_handlers()
        undo_hook = self.install_crash_handler()
        try:
            window = self.prepare()
            if window is None:
                return self.exit_code
            window.show()
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, window.start_backup_if_due)  # after the first paint
            code = int(self.app.exec())
            self.backup_at_exit()
            return code
        finally:
            self.shutdown()
            undo_hook()
            undo()


def preload_window_modules() -> None:
    """Import the main window and every tab's module (classes only: no widget is created,
    so any thread may do it)."""
    import importlib

    from hallmanager.registry import MODULES

    for name in ("hallmanager.ui.main_window", "hallmanager.ui.today",
                 "hallmanager.ui.settings"):
        importlib.import_module(name)
    for spec in MODULES:
        if spec.tab and spec.available:
            importlib.import_module(spec.tab.partition(":")[0])


def run(args: argparse.Namespace | Any) -> int:
    """Entry point for ``hallmanager`` without a command."""
    from hallmanager.paths import resolve_db_url

    url = resolve_db_url(getattr(args, "db", None), getattr(args, "db_url", None))
    app = make_app()
    return StartupFlow(app, url, lang=getattr(args, "lang", None)).run()
