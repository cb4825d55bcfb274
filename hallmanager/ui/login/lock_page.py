"""The lock page that replaces the main window's content when idle or on 锁定 (Ctrl+L).

It shows no personal data: only the hall, who locked it, and two ways back in — the same
user's password, or another user's login (shift change) without closing the program.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hallmanager.domain.errors import DomainError
from hallmanager.ui.common.labels import role_label
from hallmanager.ui.common.widgets import heading, message_label, password_edit, set_message
from hallmanager.ui.login.opening import call_waiting

if TYPE_CHECKING:
    from hallmanager.app import Services
    from hallmanager.services.context import UserInfo


class LockPage(QWidget):
    """Emits ``unlocked(user)`` when the locked user returns and ``userSwitched(user)`` when
    someone else logs in. Both go through ``services.auth.login`` so they are throttled and
    audited like any login."""

    unlocked = Signal(object)
    userSwitched = Signal(object)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._busy = False
        self.setObjectName("lockPage")
        self.services = services
        self.locked_user: UserInfo | None = None
        self.setStyleSheet("#lockPage { background: #eef1f5; }"
                           " #lockCard { background: white; border: 1px solid #d0d5dd;"
                           " border-radius: 8px; }")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

        card = QFrame(self)
        card.setObjectName("lockCard")
        card.setFixedWidth(520)
        box = QVBoxLayout(card)
        box.setContentsMargins(32, 28, 32, 28)
        box.setSpacing(10)
        self.title = heading(card, self.tr("屏幕已锁定"), 1.6, "lockTitle")
        self.hall = QLabel(card)
        self.hall.setStyleSheet("color: #555;")
        self.who = QLabel(card)
        self.who.setObjectName("lockedUser")
        self.who.setWordWrap(True)
        box.addWidget(self.title)
        box.addWidget(self.hall)
        box.addWidget(self.who)

        row = QHBoxLayout()
        self.password = password_edit(card, "unlockPassword")
        self.password.setPlaceholderText(self.tr("本人密码"))
        self.unlock_button = QPushButton(self.tr("解锁"), card)
        self.unlock_button.setObjectName("unlockButton")
        row.addWidget(self.password, 1)
        row.addWidget(self.unlock_button)
        box.addLayout(row)

        line = QFrame(card)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: #d0d5dd;")
        box.addSpacing(6)
        box.addWidget(line)
        other = QLabel(self.tr("交接班：由其他人员登录"), card)
        f = other.font()
        f.setBold(True)
        other.setFont(f)
        box.addWidget(other)
        form = QFormLayout()
        self.other_user = QLineEdit(card)
        self.other_user.setObjectName("switchUsername")
        self.other_user.setMaxLength(40)
        self.other_password = password_edit(card, "switchPassword")
        form.addRow(self.tr("登录名："), self.other_user)
        form.addRow(self.tr("密码："), self.other_password)
        box.addLayout(form)
        self.switch_button = QPushButton(self.tr("以该用户登录"), card)
        self.switch_button.setObjectName("switchButton")
        box.addWidget(self.switch_button, 0, Qt.AlignmentFlag.AlignRight)
        self.message = message_label(card, "lockMessage")
        box.addWidget(self.message)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

        self.unlock_button.clicked.connect(self.try_unlock)
        self.password.returnPressed.connect(self.try_unlock)
        self.switch_button.clicked.connect(self.try_switch)
        self.other_password.returnPressed.connect(self.try_switch)

    def lock_for(self, user: UserInfo, hall_name: str, *, switching: bool = False) -> None:
        """Prepare the page for ``user``; ``switching`` puts the cursor in the other-user form."""
        self.locked_user = user
        self.hall.setText(hall_name)
        self.who.setText(self.tr("{0}（{1}）锁定了屏幕。输入本人密码继续工作。")
                         .format(user.full_name, role_label(user.role)))
        for edit in (self.password, self.other_user, self.other_password):
            edit.clear()
        set_message(self.message, None)
        (self.other_user if switching else self.password).setFocus()

    def try_unlock(self) -> bool:
        if self.locked_user is None:
            return False
        return self._login(self.locked_user.username, self.password, self.password)

    def try_switch(self) -> bool:
        name = self.other_user.text().strip()
        if not name:
            set_message(self.message, self.tr("请输入登录名"))
            self.other_user.setFocus()
            return False
        return self._login(name, self.other_password, self.other_password)

    def _login(self, username: str, field: QLineEdit, focus: QLineEdit) -> bool:
        if self._busy:  # Enter again while the password is being checked
            return False
        self._busy = True
        try:  # Argon2 off the GUI thread: the window keeps painting meanwhile
            user = call_waiting(self.services.auth.login, username, field.text())
        except DomainError as exc:
            set_message(self.message, exc.message)
            field.clear()
            focus.setFocus()
            return False
        finally:
            self._busy = False
        field.clear()
        set_message(self.message, None)
        if self.locked_user is not None and user.id == self.locked_user.id:
            self.unlocked.emit(user)
        else:
            self.userSwitched.emit(user)
        return True
