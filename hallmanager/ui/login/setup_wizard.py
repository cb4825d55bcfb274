"""First run: create the hall and the first hall-manager account. No default password exists."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from hallmanager.domain.errors import DomainError
from hallmanager.domain.validation import check_full_name, check_password, check_username
from hallmanager.ui.common.widgets import message_label, password_edit, set_message

if TYPE_CHECKING:
    from hallmanager.app import Services
    from hallmanager.services.context import UserInfo


class HallPage(QWizardPage):
    """营业厅名称与编码."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("第 1 步：营业厅"))
        self.setSubTitle(self.tr("填写本营业厅的名称和编码，它们会显示在窗口标题和打印的表单上。"))
        form = QFormLayout(self)
        self.name = QLineEdit(self)
        self.name.setObjectName("hallName")
        self.name.setMaxLength(100)
        self.name.setPlaceholderText(self.tr("例如：拉萨北京路营业厅"))
        self.code = QLineEdit(self)
        self.code.setObjectName("hallCode")
        self.code.setMaxLength(30)
        self.code.setPlaceholderText(self.tr("例如：LS001"))
        form.addRow(self.tr("营业厅名称："), self.name)
        form.addRow(self.tr("营业厅编码："), self.code)
        self.message = message_label(self, "hallMessage")
        form.addRow(self.message)
        self.name.textChanged.connect(self.completeChanged)
        self.code.textChanged.connect(self.completeChanged)

    def problem(self) -> str | None:
        if not self.name.text().strip():
            return self.tr("请填写营业厅名称")
        if not self.code.text().strip():
            return self.tr("请填写营业厅编码")
        return None

    def validatePage(self) -> bool:
        problem = self.problem()
        set_message(self.message, problem)
        return problem is None


class AdminPage(QWizardPage):
    """The first hall manager: login name, full name, password twice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("第 2 步：厅经理账号"))
        self.setSubTitle(self.tr("创建第一个厅经理账号。厅经理负责人员、班次和各项规则的设置。"
                                 "程序没有默认密码，请牢记您设置的密码。"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.username = QLineEdit(self)
        self.username.setObjectName("adminUsername")
        self.username.setPlaceholderText(self.tr("字母、数字或 _ . -，例如 wangli"))
        self.full_name = QLineEdit(self)
        self.full_name.setObjectName("adminFullName")
        self.password = password_edit(self, "adminPassword")
        self.repeat = password_edit(self, "adminRepeat")
        form.addRow(self.tr("登录名："), self.username)
        form.addRow(self.tr("姓名："), self.full_name)
        form.addRow(self.tr("密码："), self.password)
        form.addRow(self.tr("再次输入密码："), self.repeat)
        layout.addLayout(form)
        hint = QLabel(self.tr("密码至少 8 位，须同时包含字母和数字。"), self)
        hint.setStyleSheet("color: #666;")
        layout.addWidget(hint)
        self.message = message_label(self, "adminMessage")
        layout.addWidget(self.message)
        layout.addStretch(1)
        for edit in (self.username, self.full_name, self.password, self.repeat):
            edit.textChanged.connect(self._inline)

    def problem(self) -> str | None:
        """The first thing wrong with the form, in Chinese (None when it can be submitted)."""
        try:
            check_username(self.username.text())
            check_full_name(self.full_name.text())
            check_password(self.password.text())
        except DomainError as exc:
            return exc.message
        if self.password.text() != self.repeat.text():
            return self.tr("两次输入的密码不一致")
        return None

    def _inline(self) -> None:
        """Explain as the user types, but only about fields already touched."""
        touched = [e for e in (self.username, self.full_name, self.password, self.repeat)
                   if e.text()]
        set_message(self.message, self.problem() if len(touched) >= 2 else None)

    def validatePage(self) -> bool:
        problem = self.problem()
        if problem:
            set_message(self.message, problem)
            return False
        wizard = self.wizard()
        return wizard.create() if isinstance(wizard, SetupWizard) else True


class SetupWizard(QWizard):
    """Runs ``services.auth.setup`` on 完成 and logs the new hall manager in (``user``)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setupWizard")
        self.services = services
        self.user: UserInfo | None = None
        self.setWindowTitle(self.tr("首次使用设置 — 营业厅值班经理工作台"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步 >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< 上一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))
        self.hall_page = HallPage(self)
        self.admin_page = AdminPage(self)
        self.addPage(self.hall_page)
        self.addPage(self.admin_page)
        self.setMinimumSize(600, 440)

    def create(self) -> bool:
        """Create hall and account, then log in; a service error stays on the page."""
        h, a = self.hall_page, self.admin_page
        try:
            self.services.auth.setup(hall_name=h.name.text(), hall_code=h.code.text(),
                                     username=a.username.text(), full_name=a.full_name.text(),
                                     password=a.password.text())
            self.user = self.services.auth.login(a.username.text().strip(), a.password.text())
        except DomainError as exc:
            set_message(a.message, exc.message)
            return False
        return True
