"""Idle lock with a ManualClock: no sleeping, the poll slot is called directly."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QDialog

from hallmanager.domain.roles import Role
from hallmanager.ui.login import ChangePasswordDialog
from tests.conftest import ADMIN_PASSWORD, USER_PASSWORD, add_user


def _settings_tab(window):
    return window.page("settingsTab")


def test_idle_locks_hides_personal_data_and_unlocks_with_password(window, clock):
    settings = _settings_tab(window)
    window.tab_widget.setCurrentWidget(settings)
    settings.show_section(settings.users)
    assert settings.users.model.rowCount() == 1
    clock.advance(minutes=4)
    assert not window.idle.poll() and not window.locked
    clock.advance(minutes=1)
    assert window.idle.poll()
    assert window.locked and window.stack.currentWidget() is window.lock_page
    assert settings.users.model.rowCount() == 0  # personal data dropped
    assert settings.privacy_hidden
    assert not window.action_new.isEnabled() and window.action_quit.isEnabled()

    window.lock_page.password.setText("wrong-pass1")
    window.lock_page.try_unlock()
    assert window.locked and window.lock_page.message.text() == "用户名或密码错误"
    window.lock_page.password.setText(ADMIN_PASSWORD)
    window.lock_page.unlock_button.click()
    assert not window.locked and window.stack.currentWidget() is window.tab_widget
    assert not settings.privacy_hidden
    assert settings.users.model.rowCount() == 1


def test_input_events_reset_the_idle_time(window, clock, qtbot):
    """Input reaches the idle watcher the way the platform delivers it: to the window
    (``QWindow``), which passes it on to its widgets."""
    clock.advance(minutes=4)
    ev = QMouseEvent(QEvent.Type.MouseMove, QPointF(5, 5), QPointF(5, 5), Qt.MouseButton.NoButton,
                     Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.windowHandle(), ev)
    clock.advance(minutes=4)
    assert not window.idle.poll()
    clock.advance(minutes=4)  # a key pressed in a dialog (a window of its own) counts too
    dialog = QDialog(window)
    dialog.show()
    dialog.windowHandle().requestActivate()  # the focused window is watched
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is dialog.windowHandle())
    key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
    QApplication.sendEvent(dialog.windowHandle(), key)
    clock.advance(minutes=4)
    assert not window.idle.poll()
    dialog.close()


def test_idle_minutes_come_from_hall_settings(window, hall, clock):
    hall.settings.update_hall(name="拉萨北京路营业厅", code="LS001", language="zh_CN",
                              idle_lock_minutes=2)
    window.refresh_chrome()
    clock.advance(minutes=2)
    assert window.idle.poll() and window.locked


def test_switch_user_at_lock_screen_refreshes_tabs(window, hall):
    add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班")
    window.lock()
    assert window.locked
    page = window.lock_page
    page.other_user.setText("zhang")
    page.other_password.setText(USER_PASSWORD)
    page.switch_button.click()
    assert not window.locked
    assert hall.ctx.auth.user.username == "zhang"
    assert window.user_label.text() == "用户：张值班（值班经理）"
    settings = _settings_tab(window)
    assert settings.hall.banner.isVisibleTo(settings.hall)  # now read-only
    dlg = window.findChild(ChangePasswordDialog, "changePasswordDialog")
    assert dlg is not None and dlg.isVisible()  # a new user's temporary password must go first
    dlg.reject()
    assert window.locked  # refusing to change it locks again


def test_ctrl_l_locks(window, qtbot):
    window.action_lock.trigger()
    assert window.locked
    assert "王厅长" in window.lock_page.who.text()
