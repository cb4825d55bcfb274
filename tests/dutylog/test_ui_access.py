"""Autosave on focus-out, roles without edit rights, and the lock screen in the 值班日志 tab."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMessageBox

from hallmanager.domain.roles import Role
from hallmanager.ui.dutylog import DutyLogTab
from tests.conftest import add_user, login_as

D = dt.date(2026, 11, 22)


def make_tab(qtbot, hall) -> DutyLogTab:
    tab = DutyLogTab(hall)
    qtbot.addWidget(tab)
    tab.resize(1280, 800)
    tab.show()
    tab.refresh()
    return tab


def test_focus_out_saves_before_the_debounce(qtbot, hall):
    add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班")
    login_as(hall, "zhang")
    tab = make_tab(qtbot, hall)
    page = tab.page
    page.autosave.timer.setInterval(60_000)  # only focus-out can save in time
    page.form.incidents.setFocus()
    qtbot.waitUntil(page.form.incidents.hasFocus, timeout=1000)
    qtbot.keyClicks(page.form.incidents, "power cut 10 min")
    assert page.autosave.pending() == ("incidents",)
    page.form.next_shift_notes.setFocus()
    qtbot.waitUntil(lambda: hall.dutylog.get_log(page.log.id).effective.incidents
                    == "power cut 10 min", timeout=2000)
    assert not page.autosave.pending() and not tab.has_unsaved_changes()


def test_lock_and_unlock_return_to_the_same_log(qtbot, hall):
    add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班")
    login_as(hall, "zhang")
    tab = make_tab(qtbot, hall)
    early = tab.page.log
    late_id = {s.name: s.id for s in hall.settings.shifts()}["晚班"]
    assert tab.open_slot(D, late_id)
    tab.page.form.opinions.setPlainText("typed just before the lock")
    tab.set_privacy(True)  # flushes as zhang, then hides
    assert hall.dutylog.get_log(tab._locked_log_id).effective.opinions \
        == "typed just before the lock"
    assert tab.list_model.rowCount() == 0 and tab.stack.currentWidget() is tab.empty
    tab.set_privacy(False)
    tab.refresh()
    assert tab.page.log.shift_name == "晚班" and tab.page.log.id != early.id


def test_complaint_handler_reads_but_cannot_edit(qtbot, hall):
    add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班")
    login_as(hall, "zhang")
    early_id = {s.name: s.id for s in hall.settings.shifts()}["早班"]
    hall.dutylog.open_log(D, early_id)
    login_as(hall, "admin", "Admin2026pw")
    add_user(hall, "ts", Role.COMPLAINT_HANDLER, "投诉员")
    login_as(hall, "ts")
    tab = make_tab(qtbot, hall)
    page = tab.page
    assert page.log is not None and page.log.duty_manager.name == "张值班"
    assert page.form.business_notes.isReadOnly() and not page.sign_button.isVisibleTo(page)
    assert page.checklist.read_only and not page.faults.report_button.isVisibleTo(page)
    assert not tab.can_save and not tab.can_export and not tab.can_print
    qtbot.keyClicks(page.form.business_notes, "x")
    assert not page.autosave.pending()
    assert tab.findChild(QMessageBox, "errorBox") is None


def test_teller_sees_why_there_is_nothing(qtbot, hall):
    add_user(hall, "t1", Role.TELLER, "营业员")
    login_as(hall, "t1")
    tab = make_tab(qtbot, hall)
    assert tab.page.log is None and "无权" in tab.empty_label.text()
    assert not tab.create_button.isVisibleTo(tab)


def test_outgoing_items_edit_and_remove_while_draft(qtbot, hall):
    add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班")
    login_as(hall, "zhang")
    tab = make_tab(qtbot, hall)
    out = tab.page.outgoing
    assert "晚班" in out.target.text()
    dlg = out.add_item()
    assert not dlg.submit()  # empty text is refused inline
    dlg.text.setPlainText("备用金已核对")
    assert dlg.submit()
    out.view.selectRow(0)
    edit = out.edit_selected()
    assert edit.text.toPlainText() == "备用金已核对"
    edit.text.setPlainText("备用金 2000 元已核对")
    assert edit.submit()
    assert [h.text for h in hall.dutylog.get_log(tab.page.log.id).handover_out] == [
        "备用金 2000 元已核对"]
    out.view.selectRow(0)
    assert out.remove_selected()
    assert hall.dutylog.get_log(tab.page.log.id).handover_out == ()


def test_amend_is_offered_to_the_signer_and_the_hall_manager_only(qtbot, hall):
    from hallmanager.ui.dutylog.log_page import LogPage
    from tests.conftest import ADMIN_PASSWORD, USER_PASSWORD

    add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班")
    add_user(hall, "li", Role.DUTY_MANAGER, "李值班")
    login_as(hall, "zhang")
    log = hall.dutylog.create_log(D, hall.settings.shifts()[0].id)
    hall.dutylog.sign(log.id, USER_PASSWORD, confirm_warnings=True)
    page = LogPage(hall)
    qtbot.addWidget(page)
    page.show()
    for who, password, offered in (("li", USER_PASSWORD, False), ("zhang", USER_PASSWORD, True),
                                   ("admin", ADMIN_PASSWORD, True)):
        login_as(hall, who, password)
        page.show_log(hall.dutylog.get_log(log.id))
        assert page.amend_button.isVisibleTo(page) is offered, who
