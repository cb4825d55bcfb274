"""The login dialog: the hall name, user name and password; Enter submits."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from hallmanager.app import Services
    from hallmanager.services.context import UserInfo

Submit = Callable[[str, str], object]


class LoginDialog(QDialog):
    """Ask for credentials and hand them to ``submit`` (default ``services.auth.login``).

    On failure the service's message (wrong password, account disabled, "请 N 秒后再试" when
    throttled) appears under the fields and the password is cleared; on success ``result_value``
    holds what ``submit`` returned (a ``UserInfo`` for a login) and the dialog accepts.
    Drive it in tests with ``fill(user, pw)`` + ``try_login()``; no ``exec()`` needed.
    """

    def __init__(self, services: Services, parent: QWidget | None = None, *,
                 username: str = "", submit: Submit | None = None,
                 purpose: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.services = services
        self._submit: Submit = submit or services.auth.login
        self.result_value: object = None
        self.setWindowTitle(self.tr("登录 — 营业厅值班经理工作台"))
        self.setMinimumWidth(420)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading(self, self._hall_name() or self.tr("营业厅值班经理工作台"),
                                 object_name="hallName"))
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

    def _hall_name(self) -> str:
        try:
            return self.services.settings.hall().name
        except DomainError:
            return ""

    @property
    def user(self) -> UserInfo | None:
        """The logged-in user after a successful default login."""
        return self.result_value  # type: ignore[return-value]

    def fill(self, username: str, password: str) -> None:
        self.username.setText(username)
        self.password.setText(password)

    def try_login(self) -> bool:
        """Submit the fields; accept on success, show the message and stay open otherwise."""
        name = self.username.text().strip()
        if not name:
            set_message(self.message, self.tr("请输入登录名"))
            self.username.setFocus()
            return False
        try:
            self.result_value = self._submit(name, self.password.text())
        except DomainError as exc:
            set_message(self.message, exc.message)
            self.password.clear()
            self.password.setFocus()
            return False
        set_message(self.message, None)
        self.accept()
        return True
