"""用户: the roster with role labels, adding users, enabling/disabling, password resets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hallmanager.domain.errors import DomainError
from hallmanager.domain.roles import Action, Role
from hallmanager.domain.validation import check_full_name, check_password, check_username
from hallmanager.ui.common.errors import run_action
from hallmanager.ui.common.labels import role_label
from hallmanager.ui.common.search import SearchBox
from hallmanager.ui.common.table_model import (
    MUTED_FOREGROUND,
    BaseTableModel,
    Column,
    FilterProxyModel,
    make_table_view,
    selected_row,
)
from hallmanager.ui.login.widgets import message_label, password_edit, set_message
from hallmanager.ui.settings.section import Section, banner, section_title

if TYPE_CHECKING:
    from hallmanager.app import Services
    from hallmanager.services.context import UserInfo

ROLE_ORDER = [Role.HALL_MANAGER, Role.DUTY_MANAGER, Role.TELLER, Role.COMPLAINT_HANDLER]


class UserTableModel(BaseTableModel["UserInfo"]):
    """Everyone on the roster; disabled accounts greyed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([
            Column(self.tr("登录名"), lambda u: u.username),
            Column(self.tr("姓名"), lambda u: u.full_name),
            Column(self.tr("工号"), lambda u: u.staff_no or ""),
            Column(self.tr("角色"), lambda u: u.role, display=role_label,
                   sort_key=lambda u: ROLE_ORDER.index(u.role)),
            Column(self.tr("状态"), lambda u: u.active,
                   display=lambda a: self.tr("启用") if a else self.tr("已停用")),
            Column(self.tr("密码"), lambda u: u.must_change_password,
                   display=lambda m: self.tr("待本人修改") if m else ""),
        ], parent, row_foreground=lambda u: None if u.active else MUTED_FOREGROUND)


class _PasswordPair:
    """Two password fields and the message explaining what is wrong with them."""

    def __init__(self, owner: QWidget, form: QFormLayout, first: str, second: str) -> None:
        self.password = password_edit(owner, "newUserPassword")
        self.repeat = password_edit(owner, "newUserRepeat")
        form.addRow(first, self.password)
        form.addRow(second, self.repeat)

    def problem(self, mismatch: str) -> str | None:
        try:
            check_password(self.password.text())
        except DomainError as exc:
            return exc.message
        return mismatch if self.password.text() != self.repeat.text() else None


class AddUserDialog(QDialog):
    """New account with a temporary password the user must change at first login."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addUserDialog")
        self.services = services
        self.created: UserInfo | None = None
        self.setWindowTitle(self.tr("新增用户"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.username = QLineEdit(self)
        self.username.setObjectName("newUsername")
        self.username.setMaxLength(40)
        self.full_name = QLineEdit(self)
        self.full_name.setObjectName("newFullName")
        self.full_name.setMaxLength(40)
        self.staff_no = QLineEdit(self)
        self.staff_no.setObjectName("newStaffNo")
        self.staff_no.setMaxLength(20)
        self.role = QComboBox(self)
        self.role.setObjectName("newRole")
        for role in ROLE_ORDER:
            self.role.addItem(role_label(role), role.value)
        self.role.setCurrentIndex(ROLE_ORDER.index(Role.DUTY_MANAGER))
        form.addRow(self.tr("登录名："), self.username)
        form.addRow(self.tr("姓名："), self.full_name)
        form.addRow(self.tr("工号（可选）："), self.staff_no)
        form.addRow(self.tr("角色："), self.role)
        self.pw = _PasswordPair(self, form, self.tr("临时密码："), self.tr("再次输入："))
        layout.addLayout(form)
        hint = QLabel(self.tr("新用户首次登录时须修改临时密码。密码至少 8 位，须同时包含字母和数字。"), self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        layout.addWidget(hint)
        self.message = message_label(self, "addUserMessage")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(self.tr("创建"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for e in (self.username, self.full_name, self.pw.password, self.pw.repeat):
            e.textChanged.connect(self._inline)

    def problem(self) -> str | None:
        try:
            check_username(self.username.text())
            check_full_name(self.full_name.text())
        except DomainError as exc:
            return exc.message
        return self.pw.problem(self.tr("两次输入的密码不一致"))

    def _inline(self) -> None:
        started = self.pw.password.text() or self.pw.repeat.text()
        set_message(self.message, self.problem() if started else None)

    def submit(self) -> bool:
        problem = self.problem()
        if problem:
            set_message(self.message, problem)
            return False
        try:
            self.created = self.services.auth.create_user(
                username=self.username.text(), full_name=self.full_name.text(),
                role=Role(self.role.currentData()), password=self.pw.password.text(),
                staff_no=self.staff_no.text())
        except DomainError as exc:
            set_message(self.message, exc.message)
            return False
        self.accept()
        return True


class ResetPasswordDialog(QDialog):
    """A temporary password for a user who forgot theirs; also lifts the login lockout."""

    def __init__(self, services: Services, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resetPasswordDialog")
        self.services = services
        self.user = user
        self.setWindowTitle(self.tr("重置密码"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("为 {0}（{1}）设置临时密码，对方下次登录时须修改。")
                       .format(user.full_name, user.username), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.pw = _PasswordPair(self, form, self.tr("临时密码："), self.tr("再次输入："))
        layout.addLayout(form)
        self.message = message_label(self, "resetMessage")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(self)
        ok = buttons.addButton(self.tr("重置"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def submit(self) -> bool:
        problem = self.pw.problem(self.tr("两次输入的密码不一致"))
        if problem:
            set_message(self.message, problem)
            return False
        try:
            self.services.auth.reset_password(self.user.id, self.pw.password.text())
        except DomainError as exc:
            set_message(self.message, exc.message)
            return False
        self.accept()
        return True


class UsersSection(Section):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("usersSection")
        layout = QVBoxLayout(self)
        layout.addWidget(section_title(self, self.tr("用户")))
        self.banner = banner(self, self.tr("只有厅经理可以管理用户。您当前只能查看。"))
        layout.addWidget(self.banner)
        self.search = SearchBox(self)
        layout.addWidget(self.search)
        self.model = UserTableModel(self)
        self.proxy = FilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.search.connect_proxy(self.proxy)
        self.view = make_table_view(self.proxy, self, object_name="usersView")
        self.view.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # by role: managers first
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("新增用户…"), self)
        self.add_button.setObjectName("addUserButton")
        self.toggle_button = QPushButton(self.tr("停用"), self)
        self.toggle_button.setObjectName("toggleUserButton")
        self.reset_button = QPushButton(self.tr("重置密码…"), self)
        self.reset_button.setObjectName("resetPasswordButton")
        for b in (self.add_button, self.toggle_button, self.reset_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.new_record)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.reset_button.clicked.connect(self.reset_password)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

    @property
    def editable(self) -> bool:
        return self.services.ctx.auth.may(Action.MANAGE_USERS)

    def refresh(self) -> None:
        try:
            self.model.set_rows(self.services.auth.list_users())
        except DomainError:
            self.model.clear()
        self.banner.setVisible(not self.editable)
        self._update_buttons()

    def set_privacy(self, hidden: bool) -> None:
        if hidden:
            self.model.clear()

    def selected(self) -> UserInfo | None:
        return selected_row(self.view)

    def _update_buttons(self) -> None:
        editable = self.editable
        current = self.selected()
        self.add_button.setEnabled(editable)
        self.toggle_button.setEnabled(editable and current is not None)
        self.reset_button.setEnabled(editable and current is not None)
        self.toggle_button.setText(self.tr("启用") if current is not None and not current.active
                                   else self.tr("停用"))

    def can_new(self) -> bool:
        return self.editable

    def new_record(self) -> None:
        dlg = AddUserDialog(self.services, self)
        dlg.accepted.connect(self.refresh)
        dlg.open()

    def toggle_active(self) -> None:
        u = self.selected()
        if u is not None and run_action(self, self.services.auth.set_active, u.id, not u.active):
            self.refresh()

    def reset_password(self) -> None:
        u = self.selected()
        if u is None:
            return
        dlg = ResetPasswordDialog(self.services, u, self)
        dlg.accepted.connect(self.refresh)
        dlg.open()
