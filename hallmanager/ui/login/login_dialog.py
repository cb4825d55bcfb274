"""The login dialog: the hall name, user name and password; Enter submits.

At start it shows before the database is open (``opening``: a ``Background`` opening it):
what it needs to draw is Qt and this module, never SQLAlchemy or the services. Enter before
the open has finished waits for it (button disabled, "正在打开数据库…") without freezing;
an open that ends in an error or in "needs setup" closes the dialog with ``OPEN_ENDED``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hallmanager.domain.errors import DomainError
from hallmanager.ui.common.widgets import heading, message_label, password_edit, set_message
from hallmanager.ui.login.opening import Background, call_waiting

if TYPE_CHECKING:
    from hallmanager.app import Services
    from hallmanager.services.context import UserInfo

Submit = Callable[[str, str], object]
#: ``done()`` code: the background open ended without a usable hall (error, setup needed).
OPEN_ENDED = 2


class LoginDialog(QDialog):
    """Ask for credentials and hand them to ``submit`` (default ``services.auth.login``).

    On failure the service's message (wrong password, account disabled, "请 N 秒后再试" when
    throttled) appears under the fields and the password is cleared; on success ``result_value``
    holds what ``submit`` returned (a ``UserInfo`` for a login) and the dialog accepts.
    Drive it in tests with ``fill(user, pw)`` + ``try_login()``; no ``exec()`` needed.

    Without ``services``, ``opening`` (a ``Background`` whose result is an ``Opened``) brings
    them: it starts once the dialog is shown (or when Enter needs it) and ``hall_name`` (the
    name remembered from the last start) heads the dialog until the real one is known.
    """

    def __init__(self, services: Services | None = None, parent: QWidget | None = None, *,
                 username: str = "", submit: Submit | None = None,
                 purpose: str | None = None, opening: Background | None = None,
                 hall_name: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        if services is None and opening is None:
            raise ValueError("LoginDialog needs services or an opening")
        self.services = services
        self.opening = opening
        self._submit_fn = submit
        self.result_value: object = None
        self._busy = False
        self._start_queued = False
        self._cancelled = False  # 取消 pressed (perhaps while waiting for the database)
        self.setWindowTitle(self.tr("登录 — 营业厅值班经理工作台"))
        self.setMinimumWidth(420)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        name = self._hall_name() if services is not None else hall_name
        self.hall_label = heading(self, name or self.tr("营业厅值班经理工作台"),
                                  object_name="hallName")
        layout.addWidget(self.hall_label)
        sub = QLabel(purpose or self.tr("请输入您的登录名和密码"), self)
        sub.setWordWrap(True)
        sub.setStyleSheet("color: #555;")
        layout.addWidget(sub)

        form = QFormLayout()
        self.username = QLineEdit(username, self)
        self.username.setObjectName("username")
        self.username.setMaxLength(40)
        self.password = password_edit(self, "password")
        form.addRow(self.tr("登录名："), self.username)
        form.addRow(self.tr("密码："), self.password)
        layout.addLayout(form)
        self.message = message_label(self, "loginMessage")
        layout.addWidget(self.message)

        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(self.tr("登录"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("loginButton")
        self.ok_button.setDefault(True)
        cancel = buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAutoDefault(False)
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.password if username else self.username).setFocus()
        if opening is not None:
            opening.finished.connect(self._opened, Qt.ConnectionType.QueuedConnection)
            if opening.done:
                self._opened()

    def _hall_name(self) -> str:
        try:
            return self.services.settings.hall().name if self.services is not None else ""
        except DomainError:
            return ""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.opening is not None and not self.opening.started and not self._start_queued:
            # after this first paint: the open's imports then compete with typing only
            self._start_queued = True
            QTimer.singleShot(0, self.opening.start)

    def _opened(self) -> None:
        """The background open ended: take the services, or close for the flow to report."""
        opening = self.opening
        if opening is None or not opening.done or self.services is not None:
            return
        opened = opening.result
        if opening.exception is not None or opened is None or not opened.ready_for_login:
            if self.isVisible() or self._busy:
                self.done(OPEN_ENDED)
            else:
                self.setResult(OPEN_ENDED)
            return
        self.services = opened.services
        if opened.hall_name:
            self.hall_label.setText(opened.hall_name)

    def reject(self) -> None:
        self._cancelled = True
        super().reject()

    @property
    def open_ended(self) -> bool:
        """Closed because the database turned out unusable or not set up (not the user)."""
        return self.result() == OPEN_ENDED

    def _wait_for_services(self) -> bool:
        """Enter before the database is open: wait for it, the window staying responsive."""
        if self.services is not None:
            return True
        assert self.opening is not None
        self._set_busy(self.tr("正在打开数据库…"))
        try:
            self.opening.wait()
        finally:
            self._set_busy(None)
        self._opened()
        return self.services is not None

    def _set_busy(self, text: str | None) -> None:
        self._busy = text is not None
        self.ok_button.setEnabled(not self._busy)
        self.ok_button.setText(text or self.tr("登录"))

    @property
    def user(self) -> UserInfo | None:
        """The logged-in user after a successful default login."""
        return self.result_value  # type: ignore[return-value]

    def fill(self, username: str, password: str) -> None:
        self.username.setText(username)
        self.password.setText(password)

    def try_login(self) -> bool:
        """Submit the fields; accept on success, show the message and stay open otherwise."""
        if self._busy:
            return False
        name = self.username.text().strip()
        if not name:
            set_message(self.message, self.tr("请输入登录名"))
            self.username.setFocus()
            return False
        if not self._wait_for_services() or self._cancelled:
            return False
        assert self.services is not None
        submit = self._submit_fn or self.services.auth.login
        self._set_busy(self.tr("正在登录…"))
        try:
            self.result_value = call_waiting(submit, name, self.password.text())
        except DomainError as exc:
            set_message(self.message, exc.message)
            self.password.clear()
            self.password.setFocus()
            return False
        finally:
            self._set_busy(None)
        if self._cancelled:  # 取消 while the password was checked: stay logged out
            return False
        set_message(self.message, None)
        self.accept()
        return True
