"""用户: the roster with role labels, adding users, enabling/disabling, password resets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from hallmanager.domain.errors import DomainError
from hallmanager.domain.roles import Action, Role
from hallmanager.domain.validation import check_full_name, check_password, check_username
from hallmanager.ui.common.errors import run_action
from hallmanager.ui.common.forms import FormDialog
from hallmanager.ui.common.labels import role_label
from hallmanager.ui.common.table_model import (
    MUTED_FOREGROUND,
    BaseTableModel,
    Column,
)
from hallmanager.ui.common.widgets import password_edit
from hallmanager.ui.settings.section import ListSection

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


class AddUserDialog(FormDialog):
    """New account with a temporary password the user must change at first login."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent, self.tr("新增用户"), "addUserDialog", ok_text=self.tr("创建"),
                         min_width=440, message_name="addUserMessage")
        self.services = services
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
        self.form.addRow(self.tr("登录名："), self.username)
        self.form.addRow(self.tr("姓名："), self.full_name)
        self.form.addRow(self.tr("工号（可选）："), self.staff_no)
        self.form.addRow(self.tr("角色："), self.role)
        self.pw = _PasswordPair(self, self.form, self.tr("临时密码："), self.tr("再次输入："))
        self.add_hint(self.tr("新用户首次登录时须修改临时密码。密码至少 8 位，须同时包含字母和数字。"))
        self.watch(self.username.textChanged, self.full_name.textChanged,
                   self.pw.password.textChanged, self.pw.repeat.textChanged)

    @property
    def created(self) -> UserInfo | None:
        return self.result_value

    def problem(self) -> str | None:
        try:
            check_username(self.username.text())
            check_full_name(self.full_name.text())
        except DomainError as exc:
            return exc.message
        return self.pw.problem(self.tr("两次输入的密码不一致"))

    def ready_for_live_check(self) -> bool:
        return bool(self.pw.password.text() or self.pw.repeat.text())

    def call(self) -> UserInfo:
        return self.services.auth.create_user(
            username=self.username.text(), full_name=self.full_name.text(),
            role=Role(self.role.currentData()), password=self.pw.password.text(),
            staff_no=self.staff_no.text())


class ResetPasswordDialog(FormDialog):
    """A temporary password for a user who forgot theirs; also lifts the login lockout."""

    def __init__(self, services: Services, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent, self.tr("重置密码"), "resetPasswordDialog",
                         ok_text=self.tr("重置"), min_width=420, message_name="resetMessage")
        self.services = services
        self.user = user
        self.add_intro(self.tr("为 {0}（{1}）设置临时密码，对方下次登录时须修改。")
                       .format(user.full_name, user.username))
        self.pw = _PasswordPair(self, self.form, self.tr("临时密码："), self.tr("再次输入："))

    def problem(self) -> str | None:
        return self.pw.problem(self.tr("两次输入的密码不一致"))

    def call(self) -> None:
        self.services.auth.reset_password(self.user.id, self.pw.password.text())


class UsersSection(ListSection):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent, object_name="usersSection", title=self.tr("用户"),
                         banner_text=self.tr("只有厅经理可以管理用户。您当前只能查看。"),
                         model=UserTableModel(), view_name="usersView", search=True,
                         personal=True)
        self.view.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # by role: managers first
        self.add_button = self.add_action(self.tr("新增用户…"), self.new_record, "addUserButton")
        self.toggle_button = self.add_action(self.tr("停用"), self.toggle_active,
                                             "toggleUserButton", needs_selection=True)
        self.reset_button = self.add_action(self.tr("重置密码…"), self.reset_password,
                                            "resetPasswordButton", needs_selection=True)

    @property
    def editable(self) -> bool:
        return self.services.ctx.auth.may(Action.MANAGE_USERS)

    def rows(self) -> list[UserInfo]:
        return self.services.auth.list_users()

    def _update_buttons(self) -> None:
        super()._update_buttons()
        current = self.selected()
        self.toggle_button.setText(self.tr("启用") if current is not None and not current.active
                                   else self.tr("停用"))

    def new_record(self) -> None:
        self.open_dialog(AddUserDialog(self.services, self))

    def toggle_active(self) -> None:
        u = self.selected()
        if u is not None and run_action(self, self.services.auth.set_active, u.id, not u.active):
            self.refresh()

    def reset_password(self) -> None:
        u = self.selected()
        if u is not None:
            self.open_dialog(ResetPasswordDialog(self.services, u, self))
