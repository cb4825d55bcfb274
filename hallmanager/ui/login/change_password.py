"""Changing one's own password (forced after a reset or for a new account)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from hallmanager.domain.errors import DomainError
from hallmanager.domain.validation import check_password
from hallmanager.ui.login.widgets import message_label, password_edit, set_message

if TYPE_CHECKING:
    from hallmanager.app import Services


class ChangePasswordDialog(QDialog):
    """Old password, new password twice. ``forced`` explains why and hides 取消 (the caller
    decides what cancelling means, e.g. back to the lock screen)."""

    def __init__(self, services: Services, parent: QWidget | None = None, *,
                 forced: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("changePasswordDialog")
        self.services = services
        self.setWindowTitle(self.tr("修改密码"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        user = services.ctx.auth.user
        intro = self.tr("为 {0} 修改登录密码。").format(user.full_name if user else "")
        if forced:
            intro = self.tr("这是临时密码，请先设置您自己的新密码。")
        label = QLabel(intro, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        form = QFormLayout()
        self.old = password_edit(self, "oldPassword")
        self.new = password_edit(self, "newPassword")
        self.repeat = password_edit(self, "repeatPassword")
        form.addRow(self.tr("原密码："), self.old)
        form.addRow(self.tr("新密码："), self.new)
        form.addRow(self.tr("再次输入："), self.repeat)
        layout.addLayout(form)
        hint = QLabel(self.tr("至少 8 位，须同时包含字母和数字。"), self)
        hint.setStyleSheet("color: #666;")
        layout.addWidget(hint)
        self.message = message_label(self, "passwordMessage")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(self)
        ok = buttons.addButton(self.tr("确定"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        cancel = buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setVisible(not forced)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.new.textChanged.connect(self._check_inline)
        self.repeat.textChanged.connect(self._check_inline)

    def _problem(self) -> str | None:
        try:
            check_password(self.new.text())
        except DomainError as exc:
            return exc.message
        if self.new.text() != self.repeat.text():
            return self.tr("两次输入的新密码不一致")
        return None

    def _check_inline(self) -> None:
        if self.new.text() and self.repeat.text():
            set_message(self.message, self._problem())
        else:
            set_message(self.message, None)

    def submit(self) -> bool:
        """Validate, call the service; accept on success."""
        problem = self._problem()
        if problem:
            set_message(self.message, problem)
            return False
        try:
            self.services.auth.change_password(self.old.text(), self.new.text())
        except DomainError as exc:
            set_message(self.message, exc.message)
            return False
        self.accept()
        return True
