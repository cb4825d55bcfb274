"""Changing one's own password (forced after a reset or for a new account)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QWidget,
)

from hallmanager.domain.errors import DomainError
from hallmanager.domain.validation import check_password
from hallmanager.ui.common.forms import FormDialog
from hallmanager.ui.common.widgets import password_edit

if TYPE_CHECKING:
    from hallmanager.app import Services


class ChangePasswordDialog(FormDialog):
    """Old password, new password twice. ``forced`` explains why and hides 取消 (the caller
    decides what cancelling means, e.g. back to the lock screen)."""

    def __init__(self, services: Services, parent: QWidget | None = None, *,
                 forced: bool = False) -> None:
        super().__init__(parent, self.tr("修改密码"), "changePasswordDialog",
                         ok_text=self.tr("确定"), min_width=420,
                         message_name="passwordMessage", cancel=not forced)
        self.services = services
        user = services.ctx.auth.user
        intro = self.tr("为 {0} 修改登录密码。").format(user.full_name if user else "")
        if forced:
            intro = self.tr("这是临时密码，请先设置您自己的新密码。")
        self.add_intro(intro)
        self.old = password_edit(self, "oldPassword")
        self.new = password_edit(self, "newPassword")
        self.repeat = password_edit(self, "repeatPassword")
        self.form.addRow(self.tr("原密码："), self.old)
        self.form.addRow(self.tr("新密码："), self.new)
        self.form.addRow(self.tr("再次输入："), self.repeat)
        self.add_hint(self.tr("至少 8 位，须同时包含字母和数字。"))
        self.watch(self.new.textChanged, self.repeat.textChanged)

    def problem(self) -> str | None:
        try:
            check_password(self.new.text())
        except DomainError as exc:
            return exc.message
        if self.new.text() != self.repeat.text():
            return self.tr("两次输入的新密码不一致")
        return None

    def ready_for_live_check(self) -> bool:
        return bool(self.new.text() and self.repeat.text())

    def call(self) -> None:
        self.services.auth.change_password(self.old.text(), self.new.text())
