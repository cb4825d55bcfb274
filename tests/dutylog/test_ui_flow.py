"""The duty manager's shift in the 值班日志 tab, end to end on a real SQLite file:
fill fields (autosave), checklist by keyboard, hand-over item, sign, read-only, next shift
acknowledges, amendment shows original and history."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from hallmanager.domain.dutylog.checklist import ItemStatus
from hallmanager.domain.errors import ReadOnlyRecord
from hallmanager.domain.roles import Role
from hallmanager.ui.dutylog import DutyLogTab
from tests.conftest import USER_PASSWORD, add_user, login_as

D = dt.date(2026, 11, 22)


@pytest.fixture
def staff(hall):
    people = {
        "t1": add_user(hall, "t1", Role.TELLER, "次仁卓玛", "RK0101"),
        "t2": add_user(hall, "t2", Role.TELLER, "扎西", "RK0102"),
        "li": add_user(hall, "li", Role.DUTY_MANAGER, "李值班", "RK0012"),
        "zhang": add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班", "RK0011"),
    }
    login_as(hall, "zhang")
    return people


@pytest.fixture
def tab(qtbot, hall, staff) -> DutyLogTab:
    t = DutyLogTab(hall)
    qtbot.addWidget(t)
    t.resize(1280, 800)
    t.show()
    t.refresh()
    return t


def shift_id(hall, name: str) -> int:
    return {s.name: s.id for s in hall.settings.shifts()}[name]


def wait_saved(qtbot, hall, log_id, pred) -> None:
    qtbot.waitUntil(lambda: pred(hall.dutylog.get_log(log_id).effective), timeout=3000)


def test_duty_manager_runs_a_shift(qtbot, hall, staff, tab, clock):
    page = tab.page
    log = page.log
    assert log is not None and (log.date, log.shift_name) == (D, "早班")
    assert log.duty_manager.name == "张值班" and not log.signed
    assert tab.stack.currentWidget() is page and "草稿" in page.status_label.text()
    form = page.form

    # --- fields autosave after the debounce
    form.weather.setFocus()
    form.weather.setCurrentText("多云")
    form.customer_flow.setFocus()
    form.customer_flow.lineEdit().selectAll()
    qtbot.keyClicks(form.customer_flow.lineEdit(), "120")
    form.business_notes.setFocus()
    qtbot.keyClicks(form.business_notes, "5G upgrade 12")
    wait_saved(qtbot, hall, log.id, lambda f: f.customer_flow == 120 and f.weather == "多云"
               and f.business_notes == "5G upgrade 12")
    assert page.saved_label.text().startswith("已自动保存 09:00")

    form.staff_on_duty.set_checked(staff["t1"].id, True)
    form.staff_absent.add_row()
    row = form.staff_absent.rows()[0]
    row.person.setCurrentIndex(row.person.findData(staff["t2"].id))
    row.kind.setCurrentText("病假")
    row.note.setText("发烧")
    row.note.textEdited.emit("发烧")
    form.meeting_minutes.setValue(20)
    assert form.meeting_warning.isVisible() and "15" in form.meeting_warning.text()
    assert page.save_now()  # Ctrl+S: at once
    eff = hall.dutylog.get_log(log.id).effective
    assert eff.staff_on_duty == (staff["t1"].id,) and eff.meeting_minutes == 20
    assert [(a.user_id, a.leave_type, a.note) for a in eff.staff_absent] == [
        (staff["t2"].id, "病假", "发烧")]

    # --- a validation error stays next to its field and saves nothing for it
    form.opinions.setPlainText("x" * 2001)
    qtbot.waitUntil(lambda: form.errors["opinions"].isVisible(), timeout=3000)
    assert "2000" in form.errors["opinions"].text()
    assert hall.dutylog.get_log(log.id).effective.opinions == ""
    form.opinions.setPlainText("客户建议增加自助终端")
    wait_saved(qtbot, hall, log.id, lambda f: f.opinions == "客户建议增加自助终端")
    assert not form.errors["opinions"].isVisible()

    # --- checklist by keyboard: Space done, S skip with reason, Del undo
    cl = page.checklist
    first = page.log.checklist[0]
    assert cl.select_entry(first.id)
    cl.view.setFocus()
    qtbot.keyClick(cl.view, Qt.Key.Key_Space)
    e = hall.dutylog.get_log(log.id).checklist[0]
    assert e.status == ItemStatus.DONE and e.done_by.name == "张值班"
    assert e.done_at == dt.datetime(2026, 11, 22, 9, 0)
    assert cl.select_entry(first.id)
    qtbot.keyClick(cl.view, Qt.Key.Key_Delete)
    assert hall.dutylog.get_log(log.id).checklist[0].status == ItemStatus.PENDING
    second = page.log.checklist[1]
    assert cl.select_entry(second.id)
    qtbot.keyClick(cl.view, Qt.Key.Key_S)
    dlg = cl.skip_dialog
    assert dlg is not None and not dlg.submit()  # the reason is required
    assert dlg.message.isVisibleTo(dlg) and dlg.message.text()
    dlg.reason.setText("停电未开机")
    assert dlg.submit()
    assert hall.dutylog.get_log(log.id).checklist[1].skip_reason == "停电未开机"
    for entry in page.log.checklist:
        if entry.status == ItemStatus.PENDING and entry.target_at <= clock.now():
            assert cl.select_entry(entry.id)
            cl.check_selected()

    # --- inspections, a hand-over item for the next shift
    page.inspections.all_ok.click()
    assert all(i.ok for i in hall.dutylog.get_log(log.id).inspections)
    hand = page.outgoing.add_item()
    hand.text.setPlainText("3 号柜台打印机卡纸，已报修，请跟进")
    assert hand.submit()
    assert [h.text for h in page.log.handover_out] == ["3 号柜台打印机卡纸，已报修，请跟进"]

    # --- sign: warnings first, then the password
    sign = page.sign()
    assert sign is not None and sign.warnings  # pending items, meeting over the limit
    sign.password.setText(USER_PASSWORD)
    assert not sign.submit()  # the warnings must be confirmed
    sign.confirm.setChecked(True)
    sign.password.setText("wrong-password")
    assert not sign.submit() and "密码" in sign.message.text()
    sign.password.setText(USER_PASSWORD)
    assert sign.submit()
    assert page.log.signed and "已签字：张值班" in page.status_label.text()

    # --- afterwards nothing can be edited, and the service refuses too
    assert form.business_notes.isReadOnly() and form.opinions.isReadOnly()
    assert form.customer_flow.isReadOnly() and form.meeting_minutes.isReadOnly()
    assert not form.weather.isEnabled() and not form.duty_manager.isEnabled()
    assert form.staff_on_duty.is_read_only() and form.staff_absent.is_read_only()
    assert not form.staff_on_duty.item(0).flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert not page.sign_button.isVisibleTo(page) and page.amend_button.isVisibleTo(page)
    assert not page.outgoing.add_button.isVisibleTo(page)
    assert not any(c.isEnabled() for c, _n in page.inspections.rows())
    qtbot.keyClicks(form.business_notes, "more")
    assert form.business_notes.toPlainText() == "5G upgrade 12"
    assert not cl.check_selected() and not tab.can_save
    with pytest.raises(ReadOnlyRecord):
        hall.dutylog.update_draft(log.id, business_notes="changed")

    # --- the next duty manager sees the item at the top and acknowledges it
    clock.set(dt.datetime(2026, 11, 22, 14, 5))
    login_as(hall, "li")
    tab.on_user_changed()
    assert tab.open_slot(D, shift_id(hall, "晚班"))
    late = tab.page.log
    assert late.shift_name == "晚班" and late.duty_manager.name == "李值班"
    item = late.handover_in[0]
    assert item.text.startswith("3 号柜台") and not item.acknowledged
    assert "1 项待确认" in tab.page.incoming.title()
    tab.page.incoming.buttons[item.id].click()
    acked = hall.dutylog.get_log(late.id).handover_in[0]
    assert acked.ack_by.name == "李值班" and acked.ack_at == clock.now()
    assert item.id not in tab.page.incoming.buttons

    # --- amend the signed log: original and history stay visible
    login_as(hall, "zhang")
    tab.on_user_changed()
    assert tab.open_slot(D, shift_id(hall, "早班"))
    amend = tab.page.amend("customer_flow")
    assert amend.current.text() == "120"
    amend.text.setPlainText("130")
    amend.password.setText(USER_PASSWORD)
    assert not amend.submit() and "原因" in amend.message.text()
    amend.reason.setCurrentText("客流计数器复核")
    assert amend.submit()
    page = tab.page
    assert page.form.customer_flow.count() == 130
    orig = page.form.originals["customer_flow"]
    assert orig.isVisibleTo(page) and "120" in orig.text()
    m = page.amendment_model
    assert m.rowCount() == 1
    assert [m.data(m.index(0, c)) for c in (1, 2, 3, 4, 5)] == [
        "张值班", "客流量", "客流计数器复核", "120", "130"]
    assert "已更正 1 次" in page.status_label.text()
    assert hall.dutylog.get_log(log.id).original.customer_flow == 120


def test_past_date_asks_before_creating(qtbot, hall, staff, tab, monkeypatch):
    asked = []
    monkeypatch.setattr(tab, "confirm_create", lambda d, s: asked.append(d) or False)
    assert not tab.open_slot(D - dt.timedelta(days=3), shift_id(hall, "早班"))
    assert asked == [D - dt.timedelta(days=3)]
    assert hall.dutylog.list_logs(D - dt.timedelta(days=3), D - dt.timedelta(days=3)) == []
    monkeypatch.setattr(tab, "confirm_create", lambda d, s: True)
    assert tab.open_slot(D - dt.timedelta(days=3), shift_id(hall, "早班"))
    assert tab.page.log.date == D - dt.timedelta(days=3)
    assert tab.list_model.rowCount() == 2  # today's and the new one
    # jumping back through the list
    tab.list_view.selectRow(0)
    assert tab.open_list_selection() and tab.page.log.date == D


def test_ctrl_n_dialog_and_find(qtbot, hall, staff, tab):
    dlg = tab.new_record()
    dlg.shift.setCurrentIndex(dlg.shift.findData(shift_id(hall, "晚班")))
    assert dlg.submit()
    assert tab.page.log.shift_name == "晚班"
    tab.find()
    assert tab.search_box.hasFocus()
    tab.search_box.setText("晚班")
    assert tab.list_proxy.rowCount() == 1


def test_hall_manager_is_not_made_duty_manager_by_looking(qtbot, hall):
    tab = DutyLogTab(hall)
    qtbot.addWidget(tab)
    tab.refresh()
    assert tab.page.log is None and tab.stack.currentWidget() is tab.empty
    assert "尚未创建" in tab.empty_label.text() and tab.create_button.isVisibleTo(tab)
    assert hall.dutylog.list_logs(D, D) == []


def test_validation_error_in_service_dialog_is_inline(qtbot, hall, staff, tab):
    dlg = tab.page.faults.report_fault()
    assert not dlg.submit()  # what is required
    assert dlg.message.text() and dlg.isVisible()
    dlg.what.setText("排队叫号机死机")
    dlg.reported.setChecked(True)
    dlg.reported_to.setText("IT 支撑热线")
    assert dlg.submit()
    f = tab.page.log.faults[0]
    assert (f.what, f.status.value, f.reported_to) == ("排队叫号机死机", "reported", "IT 支撑热线")
    assert tab.page.focus_fault(f.id)
    assert tab.page.faults.mark_repaired()
    assert not hall.dutylog.open_faults()
    assert tab.findChild(QMessageBox, "errorBox") is None


def _tab_walk(start, count):
    """The widgets Tab reaches from ``start``, as Qt's focus chain orders them."""
    out, w = [], start
    while len(out) < count:
        w = w.nextInFocusChain()
        if (w.focusPolicy() & Qt.FocusPolicy.TabFocus) and w.isEnabled() \
                and w.isVisibleTo(start.window()) and w.focusProxy() is None:  # e.g. combo's edit
            out.append(w)
    return out


def test_tab_walks_inspection_and_absence_rows_in_order(qtbot, hall, staff, tab):
    """Rows built after the page still sit where they appear in Tab order, not at the end."""
    page = tab.page
    rows = page.inspections.rows()
    assert len(rows) >= 2
    walk = _tab_walk(page.inspections.all_ok, 4)
    assert walk == [rows[0][0], rows[0][1], rows[1][0], rows[1][1]]

    absent = page.form.staff_absent
    absent.add_row()
    absent.add_row()
    first, second = absent.rows()
    qtbot.waitUntil(second.isVisible)  # layouts show new children from the event loop
    expected = [first.kind, first.note, first.remove,
                second.person, second.kind, second.note, second.remove, absent.add_button]
    assert _tab_walk(first.person, len(expected)) == expected
    after = _tab_walk(absent.add_button, 1)[0]
    assert not absent.isAncestorOf(after)  # then on to the next field of the form


def test_absence_error_names_and_marks_its_row(qtbot, hall, staff, tab):
    """GIVEN two absence rows for the same person WHEN autosave runs THEN the message names
    row 2 and only that row is outlined; choosing someone else clears both."""
    form = tab.page.form
    absent = form.staff_absent
    absent.add_row()
    absent.add_row()
    first, second = absent.rows()
    first.person.setCurrentIndex(first.person.findData(staff["t1"].id))
    second.person.setCurrentIndex(second.person.findData(staff["t1"].id))
    form.autosave.flush()
    assert form.errors["staff_absent"].isVisible()
    assert form.errors["staff_absent"].text() == "缺勤人员第 2 行：同一人员重复登记缺勤"
    assert second.styleSheet() and not first.styleSheet()
    assert hall.dutylog.get_log(tab.page.log.id).effective.staff_absent == ()  # nothing saved
    second.person.setCurrentIndex(second.person.findData(staff["t2"].id))
    form.autosave.flush()
    assert not form.errors["staff_absent"].isVisible() and not second.styleSheet()
    saved = hall.dutylog.get_log(tab.page.log.id).effective.staff_absent
    assert [a.user_id for a in saved] == [staff["t1"].id, staff["t2"].id]


def test_impossible_fault_time_is_refused_with_the_reason(qtbot, hall, staff, tab):
    dlg = tab.page.faults.report_fault()
    dlg.what.setText("排队叫号机死机")
    dlg.since.selectAll()
    qtbot.keyClicks(dlg.since, "2026-02-30 12:00")
    assert dlg.since.text() == "2026-02-30 12:00" and not dlg.since.is_valid()
    assert "2 月只有 28 天" in dlg.since.toolTip()
    assert not dlg.submit()
    assert "发现时间" in dlg.message.text() and "2026-02-30 不存在：2 月只有 28 天" in dlg.message.text()
    assert hall.dutylog.open_faults() == []  # nothing saved, nothing shifted to 02-03
    dlg.since.setText("２０２６－１１－２２ ０８：５０")  # full-width digits are read as ASCII
    assert dlg.submit()
    assert hall.dutylog.open_faults()[0].since == dt.datetime(2026, 11, 22, 8, 50)


def test_switching_date_keeps_the_inspection_rows_and_shows_their_values(qtbot, hall, staff,
                                                                          tab, monkeypatch):
    """Another date with the same inspection items updates the values in place (no rows
    rebuilt, no style sheets re-applied: the switch stays fast) and shows that log's values."""
    monkeypatch.setattr(tab, "confirm_create", lambda d, s: True)
    early = shift_id(hall, "早班")
    assert tab.open_slot(D, early)
    tab.page.inspections.all_ok.click()
    rows_today = tab.page.inspections.rows()
    assert all(c.currentData() is True for c, _n in rows_today)
    assert tab.open_slot(D - dt.timedelta(days=1), early)
    rows = tab.page.inspections.rows()
    assert [id(c) for c, _n in rows] == [id(c) for c, _n in rows_today]
    assert all(c.currentData() is None for c, _n in rows)
    assert f"未检查 {len(rows)}" in tab.page.inspections.summary.text()
    assert tab.open_slot(D, early)
    assert all(c.currentData() is True for c, _n in tab.page.inspections.rows())
