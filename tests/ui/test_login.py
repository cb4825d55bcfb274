"""Setup wizard, login dialog and password change, driven without exec()."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from hallmanager.domain.roles import Role
from hallmanager.ui.login import ChangePasswordDialog, LoginDialog, SetupWizard
from tests.conftest import ADMIN_PASSWORD, USER_PASSWORD, add_user


def test_setup_wizard_creates_hall_and_admin(qtbot, services):
    wizard = SetupWizard(services)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.hall_page
    assert not page.validatePage() and page.message.text() == "请填写营业厅名称"
    page.name.setText("拉萨北京路营业厅")  # QTest can only type ASCII
    qtbot.keyClicks(page.code, "LS001")
    wizard.next()
    admin = wizard.admin_page
    assert wizard.currentPage() is admin
    qtbot.keyClicks(admin.username, "wangli")
    admin.full_name.setText("王丽")
    qtbot.keyClicks(admin.password, "short1")
    qtbot.keyClicks(admin.repeat, "short1")
    assert admin.message.text() == "密码至少 8 位"
    admin.password.setText("Secret2026")
    admin.repeat.setText("Secret2027")
    assert admin.message.text() == "两次输入的密码不一致"
    admin.repeat.setText("Secret2026")
    assert admin.message.isHidden()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert not services.auth.needs_setup()
    assert services.settings.hall().name == "拉萨北京路营业厅"
    assert wizard.user is not None and wizard.user.role is Role.HALL_MANAGER
    assert services.ctx.auth.user.username == "wangli"


def test_login_wrong_password_shows_message_then_right_one_accepts(qtbot, hall):
    hall.auth.logout()
    dlg = LoginDialog(hall)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.findChild(type(dlg.message), "hallName").text() == "拉萨北京路营业厅"
    qtbot.keyClicks(dlg.username, "admin")
    qtbot.keyClicks(dlg.password, "wrong-pass1")
    qtbot.keyClick(dlg.password, Qt.Key.Key_Return)  # Enter submits
    assert dlg.message.text() == "用户名或密码错误"
    assert dlg.password.text() == "" and dlg.result() == 0
    qtbot.keyClicks(dlg.password, ADMIN_PASSWORD)
    qtbot.keyClick(dlg.password, Qt.Key.Key_Return)
    assert dlg.result() == LoginDialog.DialogCode.Accepted
    assert dlg.user is not None and dlg.user.username == "admin"


def test_login_throttled_message_names_the_wait(qtbot, hall):
    hall.auth.logout()
    dlg = LoginDialog(hall, username="admin")
    qtbot.addWidget(dlg)
    for _ in range(6):
        dlg.password.setText("wrong-pass1")
        dlg.try_login()
    assert "秒后再试" in dlg.message.text()


def test_forced_password_change(qtbot, hall):
    add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班")
    hall.auth.logout()
    user = hall.auth.login("zhang", USER_PASSWORD)
    assert user.must_change_password
    dlg = ChangePasswordDialog(hall, forced=True)
    qtbot.addWidget(dlg)
    dlg.old.setText(USER_PASSWORD)
    dlg.new.setText("NewPass2026")
    dlg.repeat.setText("NewPass2027")
    assert not dlg.submit() and dlg.message.text() == "两次输入的新密码不一致"
    dlg.repeat.setText("NewPass2026")
    assert dlg.submit()
    assert not hall.ctx.auth.user.must_change_password
    hall.auth.logout()
    assert hall.auth.login("zhang", "NewPass2026").username == "zhang"
