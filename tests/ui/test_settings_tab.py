"""The 设置 tab as hall manager (edits persist) and as duty manager (read-only)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox

from hallmanager.domain.roles import Role
from hallmanager.ui.settings import SettingsTab
from hallmanager.ui.settings.audit_section import AuditTableModel
from hallmanager.ui.settings.shifts_section import ShiftDialog, ShiftTableModel
from hallmanager.ui.settings.users_section import AddUserDialog, ResetPasswordDialog, UserTableModel
from tests.conftest import USER_PASSWORD, add_user, fill_audit, login_as


@pytest.fixture
def tab(qtbot, hall) -> SettingsTab:
    t = SettingsTab(hall)
    qtbot.addWidget(t)
    t.refresh()
    return t


def test_hall_manager_edits_hall_name_and_title_follows(window, hall):
    tab = window.page("settingsTab")
    window.tab_widget.setCurrentWidget(tab)
    assert tab.hall.name.isEnabled() and not tab.hall.banner.isVisibleTo(tab)
    tab.hall.name.setText("拉萨北京东路营业厅")
    tab.hall.idle.setValue(10)
    assert window.action_save.isEnabled()
    window.action_save.trigger()  # Ctrl+S forwards to the tab
    assert hall.settings.hall().name == "拉萨北京东路营业厅"
    assert hall.settings.hall().idle_lock_minutes == 10
    assert window.windowTitle() == "拉萨北京东路营业厅 — 营业厅值班经理工作台"
    assert window.idle.tracker.minutes == 10


def test_hall_validation_error_is_shown(tab, hall, qtbot):
    tab.hall.name.setText("  ")
    assert not tab.hall.save()
    box = tab.findChild(QMessageBox, "errorBox")
    assert box is not None and box.text() == "营业厅名称不能为空"
    assert box.windowTitle() == "操作未完成"
    assert hall.settings.hall().name == "拉萨北京路营业厅"


def test_duty_manager_sees_read_only_settings(qtbot, hall):
    add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班")
    login_as(hall, "zhang")
    tab = SettingsTab(hall)
    qtbot.addWidget(tab)
    tab.refresh()
    assert tab.hall.banner.isVisibleTo(tab) and "只有厅经理" in tab.hall.banner.text()
    assert not tab.hall.name.isEnabled() and not tab.hall.save_button.isVisibleTo(tab)
    assert not tab.can_save
    tab.show_section(tab.shifts)
    assert not tab.shifts.add_button.isEnabled() and not tab.can_new
    tab.show_section(tab.users)
    assert not tab.users.add_button.isEnabled()
    assert tab.users.model.rowCount() == 2  # may look at the roster
    tab.show_section(tab.audit)
    assert tab.audit.banner.isVisibleTo(tab) and tab.audit.model.rowCount() == 0
    # the service refuses even if the UI were bypassed, and the message is shown
    tab.hall.name.setText("别的名字")
    assert not tab.hall.save()
    assert tab.findChild(QMessageBox, "errorBox").text() == "值班经理无权执行此操作"


def test_shift_dialog_adds_and_deactivates(tab, hall):
    tab.show_section(tab.shifts)
    dlg = ShiftDialog(hall, None, tab)
    dlg.name.setText("全天")
    dlg.start.set_text_value("09:00")
    dlg.end.set_text_value("08:00")
    assert dlg.message.text() == "结束时间必须晚于开始时间"
    assert not dlg.submit() and "结束时间必须晚于开始时间" in dlg.message.text()
    dlg.end.set_text_value("18:30")
    assert dlg.submit() and dlg.saved.name == "全天"
    tab.shifts.refresh()
    assert [s.name for s in tab.shifts.model.rows()] == ["早班", "晚班", "全天"]
    tab.shifts.view.selectRow(2)
    assert tab.shifts.toggle_button.text() == "停用"
    tab.shifts.toggle_button.click()
    assert [s.name for s in hall.settings.shifts()] == ["早班", "晚班"]


def test_add_user_dialog_validates_inline_and_creates(tab, hall, qtbot):
    dlg = AddUserDialog(hall, tab)
    qtbot.addWidget(dlg)
    assert not dlg.submit() and dlg.message.text() == "登录名须为 2–40 位字母、数字或 _ . -"
    qtbot.keyClicks(dlg.username, "li")
    dlg.full_name.setText("李营业")
    dlg.role.setCurrentIndex(dlg.role.findData(Role.TELLER.value))
    qtbot.keyClicks(dlg.pw.password, "abcdefgh")
    assert dlg.message.text() == "密码须同时包含字母和数字"
    dlg.pw.password.setText(USER_PASSWORD)
    dlg.pw.repeat.setText(USER_PASSWORD + "x")
    assert dlg.message.text() == "两次输入的密码不一致"
    dlg.pw.repeat.setText(USER_PASSWORD)
    assert dlg.submit() and dlg.created.role is Role.TELLER
    again = AddUserDialog(hall, tab)
    qtbot.addWidget(again)
    again.username.setText("li")
    again.full_name.setText("另一个")
    again.pw.password.setText(USER_PASSWORD)
    again.pw.repeat.setText(USER_PASSWORD)
    assert not again.submit() and again.message.text() == "登录名“li”已存在"
    tab.users.refresh()
    labels = {u.username: tab.users.model.data(tab.users.model.index(i, 3))
              for i, u in enumerate(tab.users.model.rows())}
    assert labels == {"admin": "厅经理", "li": "营业员"}


def test_disable_and_reset_password(tab, hall):
    add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班")
    tab.show_section(tab.users)
    row = [u.username for u in tab.users.model.rows()].index("zhang")
    tab.users.view.selectRow(tab.users.proxy.mapFromSource(tab.users.model.index(row, 0)).row())
    tab.users.toggle_button.click()
    assert not next(u for u in hall.auth.list_users() if u.username == "zhang").active
    user = tab.users.selected() or next(u for u in tab.users.model.rows() if u.username == "zhang")
    dlg = ResetPasswordDialog(hall, user, tab)
    dlg.pw.password.setText("Temp2026pw")
    dlg.pw.repeat.setText("Temp2026pw")
    assert dlg.submit()


def test_audit_browser_filters(tab, hall, clock):
    add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班")
    clock.advance(minutes=5)
    login_as(hall, "zhang")
    login_as(hall, "admin", "Admin2026pw")
    tab.show_section(tab.audit)
    audit = tab.audit
    audit.refresh()
    total = audit.model.rowCount()
    assert total >= 5 and audit.count.text() == f"共 {total} 条"
    audit.user.setCurrentIndex(audit.user.findData("zhang"))
    assert {r.username for r in audit.model.rows()} == {"zhang"}
    audit.user.setCurrentIndex(0)
    audit.action.setCurrentIndex(audit.action.findData("create"))
    assert {r.action for r in audit.model.rows()} == {"create"}
    audit.action.setCurrentIndex(0)
    audit.search.setText("张值班")
    audit.reload()  # (the box reloads itself 300 ms after typing)
    assert audit.model.rowCount() == 1 and audit.model.rows()[0].entity == "user"
    audit.search.setText("")
    audit.since.set_date_value(dt.date(2026, 11, 23))
    assert audit.model.rowCount() == 0
    audit.since.set_date_value(dt.date(2026, 11, 1))
    audit.view.selectRow(0)
    assert audit.detail.toPlainText().startswith("修改前：")


def test_verify_audit_chain_reports_intact(tab, qtbot):
    """The check runs off the GUI thread: the click returns at once, the result box follows."""
    tab.show_section(tab.audit)
    worker = tab.audit.verify()
    assert not tab.audit.verify_button.isEnabled()
    # the result slot and the worker's release are two queued calls: wait for both
    qtbot.waitUntil(lambda: worker.done and tab.audit.last_verify is not None, timeout=10_000)
    assert tab.audit.last_verify == []
    assert tab.audit.findChild(QMessageBox, "verifyOkBox") is not None
    assert tab.audit.verify_button.isEnabled()


def test_verify_audit_chain_reports_progress_and_can_be_cancelled(tab, hall, qtbot):
    """GIVEN a log of a few thousand entries WHEN the check starts THEN the dialog follows its
    progress; WHEN cancel is pressed THEN the check stops without a result box."""
    fill_audit(hall, 5000)
    tab.show_section(tab.audit)
    worker = tab.audit.verify()
    from PySide6.QtWidgets import QPushButton

    # the user presses 取消 before the first batch is through: it stops at the next one
    worker.dialog.findChild(QPushButton).click()
    qtbot.waitUntil(lambda: worker.done, timeout=10_000)
    qtbot.waitUntil(lambda: tab.audit.verify_button.isEnabled(), timeout=10_000)
    assert tab.audit.last_verify is None
    assert tab.audit.findChild(QMessageBox, "verifyOkBox") is None
    worker = tab.audit.verify()
    values = []
    worker.signals.progress.connect(lambda done, total: values.append((done, total)))
    qtbot.waitUntil(lambda: tab.audit.last_verify is not None, timeout=20_000)
    assert tab.audit.last_verify == []
    assert values and values[-1][0] == values[-1][1] >= 5000


def test_settings_item_models_pass_qtmodeltester(tab, qtmodeltester, hall):
    add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班")
    for section in (tab.shifts, tab.users, tab.audit):
        tab.show_section(section)  # a section loads when shown
    for model in (tab.shifts.model, tab.users.model, tab.audit.model):
        assert model.rowCount() > 0
        qtmodeltester.check(model)
    for empty in (ShiftTableModel(), UserTableModel(), AuditTableModel()):
        qtmodeltester.check(empty)


def test_audit_range_follows_today_across_midnight(tab, clock):
    tab.show_section(tab.audit)
    assert tab.audit.until.date_value() == dt.date(2026, 11, 22)
    clock.advance(minutes=24 * 60)
    tab.audit.refresh()
    assert tab.audit.until.date_value() == dt.date(2026, 11, 23)
