"""The 投诉登记 tab with real widgets on a real SQLite file: registration by keyboard, the
workflow through the pane's buttons and dialogs, masking, the lazy list's filters, the
playbook beside the form, settings, the slip PDF, 今日 jumps."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from hallmanager.domain.complaints.filters import ComplaintFilter
from hallmanager.domain.complaints.rules import CallResult, Satisfaction, Source, Status, Urgency
from hallmanager.domain.roles import Role
from hallmanager.services.today import Target
from hallmanager.ui.complaints import ComplaintsTab
from hallmanager.ui.complaints.models import ComplaintListModel
from tests.complaints.conftest import complaint_input
from tests.conftest import add_user, last_audit, login_as

MOBILE = re.compile(r"1[3-9]\d{9}")


@pytest.fixture
def tab(qtbot, desk):
    t = ComplaintsTab(desk)
    qtbot.addWidget(t)
    t.resize(1280, 760)
    t.show()
    t.refresh()
    return t


def _ime(widget, text):
    """Chinese text arrives as an input method's commit (QTest can only press ASCII keys)."""
    ev = QInputMethodEvent()
    ev.setCommitString(text)
    QApplication.sendEvent(widget, ev)


def _cells(model, row):
    return [model.index(row, c).data() for c in range(model.columnCount())]


def test_register_by_keyboard_reply_callbacks_and_close(qtbot, tab, desk, clock,
                                                         qtmodeltester):
    """The Done-means flow: an on-site complaint typed in by keyboard (Tab between fields,
    Enter saves), replied, two failed call-backs, one answered 满意, closed."""
    dlg = tab.new_record()
    assert dlg.source.currentData() == Source.ON_SITE.value  # on-site is the default
    assert dlg.received_at.text() == "2026-11-22 09:00"  # received now
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow)
    assert QApplication.focusWidget() is dlg.source  # the form opens on its first field
    # Tab walks the form in reading order: 来源 → 工单号 → 受理时间 → 客户姓名 → 联系电话
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget() or dlg, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dlg.customer_name
    _ime(dlg.customer_name, "张三丰")
    qtbot.keyClick(dlg.customer_name, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dlg.phone
    qtbot.keyClicks(dlg.phone, "+86 138 1234 5678")
    qtbot.keyClick(dlg.phone, Qt.Key.Key_Tab)  # → 证件号码 (left empty)
    qtbot.keyClick(dlg.id_number, Qt.Key.Key_Tab)  # → 投诉类别
    assert QApplication.focusWidget() is dlg.category
    qtbot.keyClick(dlg.category, Qt.Key.Key_Down)  # 网络质量 → 资费计费
    assert dlg.category.currentText() == "资费计费"
    for _ in range(3):  # 紧急, VIP → 问题描述
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dlg.description
    _ime(dlg.description, "本月话费多扣 30 元")
    qtbot.keyClick(dlg.description, Qt.Key.Key_Tab)  # Tab leaves the description
    assert QApplication.focusWidget() is dlg.request
    _ime(dlg.request, "退还多扣费用")
    dlg.situation.setCurrentIndex(4)  # 4. 情绪激动的客户
    assert dlg.panel.situation.text() == "情绪激动的客户"
    assert "先倾听" in dlg.panel.advice.text()
    qtbot.keyClick(dlg.request, Qt.Key.Key_Return)  # Enter saves
    assert dlg.result() == dlg.DialogCode.Accepted, dlg.message.text()
    c = tab.detail.view
    assert c.number == "TS20261122-0001" and c.status == Status.REGISTERED
    assert tab.model.rowCount() == 1 and tab.detail.panel.situation.text() == "情绪激动的客户"
    assert desk.complaints.get(c.id, unmasked=False).phone == "138****5678"

    # reply
    clock.set(clock.now() + dt.timedelta(hours=2))
    assert tab.detail.buttons["reply"].isEnabled()
    assert not tab.detail.buttons["callback"].isEnabled()
    assert not tab.detail.buttons["close"].isEnabled()
    qtbot.mouseClick(tab.detail.buttons["reply"], Qt.MouseButton.LeftButton)
    d = tab.detail.last_dialog
    d.activateWindow()
    qtbot.waitUntil(d.isActiveWindow)
    assert QApplication.focusWidget() is d.text
    _ime(d.text, "已核实多扣 30 元，已退还")
    qtbot.keyClick(d.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert d.result() == d.DialogCode.Accepted, d.message.text()
    assert tab.detail.view.status == Status.REPLIED
    assert tab.detail.buttons["callback"].isEnabled()
    assert not tab.detail.buttons["close"].isEnabled()

    # two failed call-backs, then answered with satisfaction
    for result in (CallResult.NO_ANSWER, CallResult.BUSY):
        clock.set(clock.now() + dt.timedelta(hours=3))
        d = tab.detail.call_back()
        d.set_result(result)
        assert not d.satisfaction.isEnabled()
        assert d.submit(), d.message.text()
        assert tab.detail.view.status == Status.REPLIED
    d = tab.detail.call_back()
    d.set_result(CallResult.ANSWERED)  # answered without satisfaction is refused
    assert not d.submit() and d.message.text() == "回访已接通：请选择客户满意度"
    d.set_result(CallResult.ANSWERED, Satisfaction.SATISFIED)
    assert d.submit(), d.message.text()
    c = tab.detail.view
    assert c.status == Status.CALLED_BACK and c.satisfaction == Satisfaction.SATISFIED
    assert tab.detail.callback_model.rowCount() == 3
    qtmodeltester.check(tab.detail.callback_model)

    # close
    assert tab.detail.buttons["close"].isEnabled()
    assert not tab.detail.buttons["reply"].isEnabled()
    d = tab.detail.close_complaint()
    assert d.submit(), d.message.text()
    c = tab.detail.view
    assert c.status == Status.CLOSED
    assert [e.action for e in c.timeline] == ["register", "start", "reply", "callback",
                                              "callback", "callback", "close"]
    rows = [_cells(tab.detail.timeline_model, i) for i in range(tab.detail.timeline_model.rowCount())]
    assert rows[0][:3] == ["2026-11-22 09:00", "张值班", "登记"]
    assert rows[-1][2:4] == ["归档", "已回访 → 已归档"]
    enabled = {k for k, b in tab.detail.buttons.items() if b.isEnabled()}
    assert enabled == {"reopen", "unmask", "print"}
    assert _cells(tab.model, 0)[6] == "已归档"


def test_bad_phone_shows_a_message_and_saves_nothing(qtbot, tab, desk):
    dlg = tab.new_record()
    dlg.customer_name.setText("李四")
    qtbot.keyClicks(dlg.phone, "1381234")
    dlg.description.setPlainText("宽带掉线")
    assert dlg.message.text().startswith("联系电话不正确：“1381234”")
    assert dlg.phone.property("invalid") is True
    assert not dlg.submit()
    assert dlg.isVisible() and desk.complaints.count() == 0 and tab.model.rowCount() == 0
    assert dlg.customer_name.text() == "李四"  # nothing typed is lost
    dlg.phone.setText("13812345678")
    dlg.description.setPlainText("")  # the service's own message, the field focused
    assert not dlg.submit() and dlg.message.text() == "请填写问题描述"
    assert desk.complaints.count() == 0
    dlg.source.setCurrentIndex(dlg.source.findData(Source.CALL_CENTER.value))
    dlg.description.setPlainText("宽带掉线")
    assert not dlg.submit() and dlg.message.text() == "10086转派工单须填写工单号"
    assert desk.complaints.count() == 0
    dlg.external_no.setText("GD2026112200017")
    assert dlg.notice.text() == ""  # a number not seen before, no threat
    assert dlg.submit(), dlg.message.text()
    assert desk.complaints.count() == 1


def test_list_masks_personal_data_for_a_duty_manager(tab, desk, qtmodeltester):
    desk.complaints.register(complaint_input(phone="13812345678", customer_name="张三丰",
                                             description="客户说可以打 13987654321 联系"))
    tab.reload()
    row = _cells(tab.model, 0)
    assert row[4] == "张**" and row[5] == "138****5678"
    assert not any(MOBILE.search(str(v)) for v in row), row
    assert "139****4321" in row[-1]
    tab.view.selectRow(0)
    text = tab.detail.info.text()
    assert "138****5678" in text and "13812345678" not in text
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.detail.timeline_model)
    qtmodeltester.check(tab.detail.callback_model)


def test_unmask_one_record_is_audited_and_masks_again(tab, desk):
    c = desk.complaints.register(complaint_input(id_number="11010119900307123X"))
    tab.reload()
    tab.show_complaint(c.id)
    assert "110***********123X" in tab.detail.info.text()
    assert tab.detail.buttons["unmask"].isVisible() or not tab.isVisible()
    assert tab.detail.unmask()
    text = tab.detail.info.text()
    assert "13812345678" in text and "11010119900307123X" in text and "张三丰" in text
    assert "已记入审计日志" in text
    entry = last_audit(desk)
    assert (entry.action, entry.entity, entry.entity_id) == ("unmask", "complaint", str(c.id))
    assert _cells(tab.model, 0)[5] == "138****5678"  # the list stays masked
    tab.detail.start()
    assert "13812345678" not in tab.detail.info.text()


def test_filters_go_to_the_service_and_mark_deadlines(qtbot, tab, desk, clock):
    cs = desk.complaints
    a = cs.register(complaint_input(received_at=dt.datetime(2026, 11, 21, 8, 0)))  # overdue
    b = cs.register(complaint_input(phone="13900001111", category="宽带",
                                    received_at=dt.datetime(2026, 11, 21, 12, 0)))  # due soon
    cs.register(complaint_input(phone="0891-6331234", source=Source.CALL_CENTER,
                                external_no="GD001", description="信号差"))
    tab.refresh()
    assert tab.model.total == 3 and tab.count.text() == "共 3 条"
    urg = {r.number: r.urgency for r in tab.model.rows()}
    assert urg[a.number] == Urgency.OVERDUE and urg[b.number] == Urgency.DUE_SOON
    colours = {tab.model.index(i, 0).data(Qt.ItemDataRole.BackgroundRole).color().name()
               for i in range(3) if tab.model.index(i, 0).data(Qt.ItemDataRole.BackgroundRole)}
    assert colours == {"#fde2e1", "#fff4cc"}
    assert "超时 1 条" in tab.summary.text() and "即将到期 1 条" in tab.summary.text()

    tab.overdue.setChecked(True)
    assert [r.number for r in tab.model.rows()] == [a.number]
    tab.overdue.setChecked(False)
    tab.category.setCurrentIndex(tab.category.findData("宽带"))
    assert [r.number for r in tab.model.rows()] == [b.number]
    tab.clear_filters()
    tab.source.setCurrentIndex(tab.source.findData(Source.CALL_CENTER.value))
    assert tab.model.total == 1
    tab.clear_filters()
    qtbot.keyClicks(tab.phone, "+86 139.0000.1111")  # debounced; typed however
    qtbot.waitUntil(lambda: tab.model.total == 1)
    assert tab.model.rows()[0].number == b.number
    tab.clear_filters()
    tab.search.setText("信号")
    tab.reload()
    assert tab.model.total == 1
    tab.clear_filters()
    tab.use_dates.setChecked(True)
    tab.date_from.set_date_value(dt.date(2026, 11, 22))
    assert tab.model.total == 1
    tab.clear_filters()
    tab.status.setCurrentIndex(tab.status.findData(Status.REGISTERED.value))
    assert tab.model.total == 3
    who = tab.handler.findText("张值班")
    tab.handler.setCurrentIndex(who)
    assert tab.model.total == 3
    assert tab.filters() == ComplaintFilter(status="registered",
                                            handler_id=tab.handler.currentData())


def test_the_list_loads_a_page_at_a_time(qtbot, tab, desk):
    cs = desk.complaints
    for i in range(5):
        cs.register(complaint_input(phone=f"1390000{i:04d}"))
    tab.model.page_size = 2
    tab.reload()
    assert (tab.model.rowCount(), tab.model.total) == (2, 5)
    assert tab.count.text() == "显示 2 / 共 5 条（向下滚动加载更多）"
    tab.model.fetchMore()
    assert tab.count.text() == "显示 4 / 共 5 条（向下滚动加载更多）"
    tab.model.fetchMore()
    assert tab.count.text() == "共 5 条" and not tab.model.canFetchMore()


def test_workflow_buttons_follow_the_transition_table(tab, desk):
    c = desk.complaints.register(complaint_input())
    tab.reload()
    tab.show_complaint(c.id)

    def enabled():
        return {k for k in tab.detail.ACTIONS if tab.detail.buttons[k].isEnabled()}

    assert enabled() == {"start", "reply", "pause", "escalate", "note", "assign"}
    d = tab.detail.pause()
    d.set_value("等客户提供发票")
    assert d.submit(), d.message.text()
    assert tab.detail.view.paused and enabled() == {"resume", "escalate", "note", "assign"}
    assert "暂停计时" in tab.detail.deadline.text()
    assert tab.detail.resume()
    d = tab.detail.escalate()
    assert not d.submit() and d.message.text() == "升级须填写原因"
    d.set_value("客户称要投诉到工信部")
    assert d.submit()
    assert tab.detail.view.status == Status.ESCALATED
    assert enabled() == {"start", "reply", "pause", "note", "assign"}
    assert tab.detail.start()
    assert enabled() == {"reply", "pause", "escalate", "note", "assign"}
    d = tab.detail.add_note()
    d.set_value("已联系计费中心核查")
    assert d.submit()
    d = tab.detail.assign()
    d.handler.setCurrentIndex(d.handler.findText("李值班"))
    d.department.setText("计费中心")
    assert d.submit()
    assert tab.detail.view.handler_name == "李值班"
    d = tab.detail.reply()
    d.set_value("已处理")
    assert d.submit()
    for _ in range(3):
        d = tab.detail.call_back()
        d.set_result(CallResult.NO_ANSWER)
        assert d.submit()
    assert "close" in enabled()  # three failed attempts: closing with a note
    d = tab.detail.close_complaint()
    assert not d.submit() and "请填写说明" in d.message.text()
    d.set_value("三次未接通，已发短信告知")
    assert d.submit()
    assert tab.detail.view.status == Status.CLOSED
    d = tab.detail.reopen()
    d.set_value("客户来电仍不满意")
    assert d.submit()
    assert tab.detail.view.status == Status.REOPENED


def test_today_jump_opens_the_complaint(tab, desk):
    c = desk.complaints.register(complaint_input())
    other = ComplaintsTab(desk)
    assert other.show_record(Target("complaints", "complaint", c.id))
    assert other.detail.view.id == c.id
    assert other.selected().id == c.id
    assert not other.show_record(Target("complaints", "fault", 1))
    other.deleteLater()


def test_slip_pdf_is_written_off_the_gui_thread(qtbot, tab, desk, tmp_path):
    from pypdf import PdfReader

    c = desk.complaints.register(complaint_input())
    tab.reload()
    tab.show_complaint(c.id)
    out = tmp_path / "slip.pdf"
    worker = tab.print_slip(c.id, str(out))
    qtbot.waitUntil(lambda: worker.done, timeout=20_000)
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert c.number in text and "138****5678" in text and "13812345678" not in text
    worker = tab.print_slip(c.id)  # Ctrl+P from the pane: the file, then the preview
    qtbot.waitUntil(lambda: worker.done, timeout=20_000)
    qtbot.waitUntil(lambda: tab.last_dialog is not None
                    and tab.last_dialog.objectName() == "printPreview")
    tab.last_dialog.close()


def test_roles_decide_what_the_tab_offers(qtbot, hall):
    add_user(hall, "rk", Role.TELLER, "营业员甲")
    login_as(hall, "rk")
    t = ComplaintsTab(hall)
    qtbot.addWidget(t)
    t.refresh()
    assert not t.register_button.isEnabled() and t.model.rowCount() == 0
    assert t.count.text() == "您的角色不能查看投诉"
    assert t.new_record() is None


def test_settings_and_playbook_for_the_hall_manager(qtbot, hall):
    t = ComplaintsTab(hall)
    qtbot.addWidget(t)
    t.refresh()
    d = t.open_settings()
    d.categories.setPlainText("网络质量\n资费计费\n其他\n携号转网")
    d.hours[Source.ON_SITE].setValue(12)
    assert d.submit(), d.message.text()
    s = hall.complaints.settings()
    assert s.categories[-1] == "携号转网" and s.deadlines[Source.ON_SITE].hours == 12
    assert t.category.findData("携号转网") > 0
    d = t.open_settings()
    d.categories.setPlainText("")
    assert not d.submit() and d.message.text() == "投诉类别不能为空，也不能重复"
    d.categories.setPlainText("网络质量\n其他")
    d.closed.setPlainText("2027-01-01\n2027-02-30")
    assert not d.submit() and "2027-02-30 不存在" in d.message.text()
    d.closed.setPlainText("2027-01-01, 2026-12-31")
    d.opening_only[Source.ON_SITE].setChecked(True)
    assert d.submit(), d.message.text()
    s = hall.complaints.settings()
    assert s.closed_dates == (dt.date(2026, 12, 31), dt.date(2027, 1, 1))
    assert s.deadlines[Source.ON_SITE].opening_hours_only

    p = t.open_playbook()
    assert p.model.rowCount() == 21
    p.view.selectRow(16)
    assert p.title.text() == "客户一开始就要求找经理"
    p.advice.setPlainText("先说明自己可以受理；客户坚持的，请值班经理接待。")
    assert p.save()
    assert hall.complaints.playbook()[16].advice.startswith("先说明自己可以受理；")
    p.title.setText("客户带着孩子来投诉")
    p.advice.setPlainText("先安排座位和饮水，再听客户说明。")
    assert p.save(new=True) and p.model.rowCount() == 22
    p.title.setText("")
    assert not p.save() and p.message.text() == "请填写情形"


def test_playbook_is_view_only_for_a_duty_manager(qtbot, tab, qtmodeltester):
    p = tab.open_playbook()
    assert not p.save_button.isEnabled() and not p.advice.isEnabled()
    qtmodeltester.check(p.model)
    d = tab.open_settings()
    assert not d.ok_button.isEnabled()


def test_statistics_button_opens_the_statistics_with_the_service_figures(qtbot, tab):
    from hallmanager.ui.complaints.stats import ComplaintStatsDialog

    tab.stats_button.click()
    dlg = tab.findChild(ComplaintStatsDialog)
    assert dlg is not None and dlg.objectName() == "complaintStatsDialog"
    qtbot.waitUntil(lambda: dlg.report is not None)
    start, end = dlg.report.start, dlg.report.end
    assert dlg.report == tab.services.complaints.statistics_report(start, end)
    dlg.close()


def test_import_orders_from_the_tab(qtbot, tab, desk, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["工单号", "受理时间", "客户姓名", "联系电话", "投诉类别", "问题描述", "客户诉求"])
    ws.append(["GD1", "2026-11-21 10:00", "王五", "13712345678", "宽带", "宽带掉线", "修好"])
    path = tmp_path / "orders.xlsx"
    wb.save(path)
    worker = tab.import_orders(str(path))
    qtbot.waitUntil(lambda: worker.done, timeout=20_000)
    qtbot.waitUntil(lambda: tab.model.total == 1)
    assert tab.model.rows()[0].external_no == "GD1"


def test_privacy_clears_the_list_and_pane(tab, desk):
    c = desk.complaints.register(complaint_input())
    tab.reload()
    tab.show_complaint(c.id)
    tab.set_privacy(True)
    assert tab.model.rowCount() == 0 and tab.detail.view is None
    tab.set_privacy(False)
    assert tab.model.rowCount() == 1


def test_list_model_qt_contract_on_an_empty_and_full_list(qtmodeltester, desk):
    m = ComplaintListModel()
    qtmodeltester.check(m)
    desk.complaints.register(complaint_input())
    m.set_source(lambda o, n: desk.complaints.page(None, o, n), desk.complaints.count())
    qtmodeltester.check(m)


def test_register_says_repeat_and_escalation_threat(qtbot, tab, desk):
    desk.complaints.register(complaint_input())
    dlg = tab.new_record()
    dlg.customer_name.setText("张三丰")
    dlg.phone.setText("138.1234.5678")  # the same number, typed otherwise
    dlg.description.setPlainText("还没退费，再不处理就投诉到工信部")
    assert dlg.notice.text() == ("此号码 30 天内已投诉 1 次：将记为重复投诉；"
                                 "客户声称升级（工信部、媒体等）：请优先处理，必要时请值班经理接待")
    with qtbot.waitSignal(tab.statusMessage) as sig:
        assert dlg.submit(), dlg.message.text()
    assert sig.args[0] == ("已登记投诉 TS20261122-0002，处理时限 11-23 09:00"
                           "（30 天内重复投诉）（客户声称升级）")
    assert _cells(tab.model, 0)[10] == "升 重"
    assert "重复投诉（前次 TS20261122-0001）" in tab.detail.info.text()


def test_overdue_count_follows_the_clock(tab, desk, clock):
    desk.complaints.register(complaint_input())  # due 11-23 08:50
    tab.refresh()
    assert tab.summary.text() == ""
    clock.set(dt.datetime(2026, 11, 23, 6, 0))
    tab._tick.timeout.emit()
    assert tab.summary.text() == "即将到期 1 条"
    clock.set(dt.datetime(2026, 11, 23, 9, 0))
    tab._tick.timeout.emit()
    assert tab.summary.text() == "超时 1 条"
    assert tab._tick.isActive() and tab._tick.interval() == 60_000


def _set_status(t, v):
    t.status.setCurrentIndex(t.status.findData(v))


TAB_FILTERS = {  # what one can set in the filter row (free text is a scan, said in README)
    "open": lambda t: _set_status(t, "open"),
    "status": lambda t: _set_status(t, "replied"),
    "source": lambda t: t.source.setCurrentIndex(t.source.findData("call_center")),
    "category": lambda t: t.category.setCurrentIndex(t.category.findData("宽带")),
    "handler": lambda t: t.handler.setCurrentIndex(1),
    "overdue": lambda t: t.overdue.setChecked(True),
    "open_overdue": lambda t: (_set_status(t, "open"), t.overdue.setChecked(True)),
    "dates": lambda t: t.use_dates.setChecked(True),
    "phone": lambda t: t.phone.setText("138 1234 5678"),
    "status_category_dates": lambda t: (_set_status(t, "closed"),
                                        t.category.setCurrentIndex(2),
                                        t.use_dates.setChecked(True)),
}


@pytest.mark.parametrize("name", sorted(TAB_FILTERS))
def test_every_filter_of_the_tab_uses_an_index(tab, desk, name):
    from hallmanager.storage.complaints import repository as repo

    TAB_FILTERS[name](tab)
    f = desk.complaints._filters(tab.filters())
    with desk.db.read() as s:
        for stmt in (repo.page_statement(f, offset=0, limit=200), repo.count_statement(f)):
            sql = stmt.compile(s.get_bind(), compile_kwargs={"literal_binds": True})
            plan = [r[-1] for r in s.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")]
            assert not any(p.startswith("SCAN complaint") and "INDEX" not in p
                           for p in plan), (name, plan)


def test_today_item_opens_the_complaint_in_the_window(qtbot, window, hall, clock):
    """In the real window: the 今日 item of an overdue complaint, activated, makes the
    complaints tab current with that complaint in the pane; Ctrl+N there registers."""
    c = hall.complaints.register(complaint_input(received_at=dt.datetime(2026, 11, 21, 8, 0)))
    today = window.page("todayTab")
    window.tab_widget.setCurrentWidget(today)
    today.refresh()
    rows = today.model.rows()
    item = next(i for i in rows if i.target and i.target.module == "complaints")
    assert item.target.record_id == c.id
    assert window.navigate_to(item.target)
    page = window.current_page()
    assert page.objectName() == "complaintsTab" and page.detail.view.id == c.id
    assert page.detail.deadline.text().endswith("已超时")
    assert window.action_new.isEnabled()
    window.action_new.trigger()
    assert page.last_dialog is not None and page.last_dialog.objectName() == \
        "registerComplaintDialog"
    page.last_dialog.reject()


def test_export_follows_the_filters_masked_for_a_duty_manager(qtbot, tab, desk, tmp_path):
    import openpyxl

    desk.complaints.register(complaint_input(category="宽带"))
    desk.complaints.register(complaint_input(phone="13900001111"))
    tab.refresh()
    assert not tab.unmasked.isVisibleTo(tab)  # only the hall manager exports in full
    tab.category.setCurrentIndex(tab.category.findData("宽带"))
    worker = tab.export(str(tmp_path / "list.xlsx"))
    qtbot.waitUntil(lambda: worker.done, timeout=20_000)
    ws = openpyxl.load_workbook(tmp_path / "list.xlsx")["投诉清单"]
    rows = [r for r in ws.iter_rows(min_row=3, values_only=True) if r[0]]
    assert [(r[6], r[5]) for r in rows] == [("宽带", "138****5678")]


def test_hall_manager_exports_in_full_when_ticked(qtbot, hall, tmp_path):
    import openpyxl

    hall.complaints.register(complaint_input())
    t = ComplaintsTab(hall)
    qtbot.addWidget(t)
    t.show()
    t.refresh()
    assert t.unmasked.isVisibleTo(t)
    t.unmasked.setChecked(True)
    worker = t.export(str(tmp_path / "full.xlsx"))
    qtbot.waitUntil(lambda: worker.done, timeout=20_000)
    ws = openpyxl.load_workbook(tmp_path / "full.xlsx")["投诉清单"]
    assert ws.cell(3, 6).value == "13812345678"
    entry = last_audit(hall)
    assert (entry.action, entry.entity) == ("export", "complaint")
    assert json.loads(entry.after_json)["unmasked"] is True


def test_summary_with_a_backlog_counts_the_overdue_only(tab, desk, monkeypatch):
    from hallmanager.ui.complaints import tab as tab_module

    desk.complaints.register(complaint_input(received_at=dt.datetime(2026, 11, 21, 8, 0)))
    desk.complaints.register(complaint_input(phone="13900001111",
                                             received_at=dt.datetime(2026, 11, 21, 12, 0)))
    tab.refresh()
    assert tab.summary.text() == "超时 1 条  ·  即将到期 1 条"
    monkeypatch.setattr(tab_module, "SUMMARY_ROWS", 0)
    tab.refresh()
    assert tab.summary.text() == "超时 1 条"


def test_lock_hides_an_open_form_and_brings_it_back_for_the_same_user(qtbot, tab, desk):
    dlg = tab.new_record()
    dlg.customer_name.setText("张三丰")
    dlg.phone.setText("13812345678")
    assert dlg.isVisible()
    tab.set_privacy(True)
    assert not dlg.isVisible() and tab.model.rowCount() == 0
    tab.set_privacy(False)  # the same user unlocks: the form is back as it was
    assert dlg.isVisible() and dlg.customer_name.text() == "张三丰"
    tab.set_privacy(True)
    login_as(desk, "li")  # another duty manager unlocks: the form is cancelled
    tab.set_privacy(False)
    assert not dlg.isVisible() and dlg.result() == dlg.DialogCode.Rejected
    assert desk.complaints.count() == 0


def test_numbers_typed_into_the_timeline_are_masked_in_the_pane(tab, desk, qtmodeltester):
    cs = desk.complaints
    c = cs.register(complaint_input())
    cs.reply(c.id, "已致电客户备用号码 139 8765 4321 说明退费")
    cs.call_back(c.id, CallResult.ANSWERED, Satisfaction.DISSATISFIED,
                 "客户要求改打 13700001111 联系")
    tab.reload()
    tab.show_complaint(c.id)
    cells = [str(v) for m in (tab.detail.timeline_model, tab.detail.callback_model)
             for i in range(m.rowCount()) for v in _cells(m, i)]
    text = "\n".join(cells) + tab.detail.info.text()
    digits = re.sub(r"\D", "", text)
    assert "98765432" not in digits and "13700001111" not in digits
    assert "137****1111" in text
    qtmodeltester.check(tab.detail.callback_model)
    assert tab.detail.unmask()  # in full after unmasking (audited)
    assert any("13700001111" in str(v) for v in _cells(tab.detail.callback_model, 0))


def _orders_xlsx(path, headers, rows):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(headers))
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


def test_hall_manager_edits_the_import_mapping_and_the_other_layout_imports(
        qtbot, hall, tmp_path):
    """Their export calls the phone column 手机号码: the hall manager changes that one header
    in 类别与时限…, saves (audited), and the file imports through the tab."""
    t = ComplaintsTab(hall)
    qtbot.addWidget(t)
    t.refresh()
    layout = ("工单号", "受理时间", "客户姓名", "手机号码", "投诉类别", "问题描述", "客户诉求")
    f = _orders_xlsx(tmp_path / "orders.xlsx", layout, [
        ("GD7001", "2026-11-21 10:30", "李四", "13900138000", "宽带", "宽带晚上掉线", "尽快修好"),
        ("GD7002", "2026-11-21 11:00", "王五", "13900138001", "资费计费", "多扣费", "退费")])
    with pytest.raises(Exception, match="导入文件缺少列：联系电话"):
        hall.complaints.import_orders(f)
    d = t.open_settings()
    assert d.mapping.rowCount() == 7 and d.mapping.item(3, 0).text() == "联系电话 *"
    assert d.mapping.item(3, 1).text() == "联系电话"
    d.mapping.item(3, 1).setText(" 手机号码 ")
    assert d.submit(), d.message.text()
    assert hall.complaints.settings().import_mapping["phone"] == "手机号码"
    audit = last_audit(hall)
    assert audit.entity == "complaint_settings"
    assert json.loads(audit.after_json)["import_mapping"]["phone"] == "手机号码"
    worker = t.import_orders(str(f))
    qtbot.waitUntil(lambda: worker.done, timeout=20_000)
    qtbot.waitUntil(lambda: t.model.total == 2)
    assert {r.external_no for r in hall.complaints.page(ComplaintFilter())} == {"GD7001",
                                                                                 "GD7002"}
    d = t.open_settings()  # the saved header is shown again; reset brings the defaults back
    assert d.mapping.item(3, 1).text() == "手机号码"
    d.reset_mapping.click()
    assert d.mapping_value()["phone"] == "联系电话"


def test_a_bad_import_mapping_shows_a_message_and_saves_nothing(qtbot, hall):
    t = ComplaintsTab(hall)
    qtbot.addWidget(t)
    d = t.open_settings()
    before = last_audit(hall)
    assert d.pages.currentIndex() == 0  # the rules page first; a mapping problem shows its page
    d.set_header("phone", "")
    assert not d.submit() and d.pages.currentWidget() is d.mapping_page
    assert d.message.text() == "导入列对应缺少：联系电话（这些字段必须填写表头）"
    d.set_header("phone", "客户姓名")
    assert not d.submit()
    assert d.message.text() == "表头“客户姓名”同时对应了客户姓名和联系电话，每个表头只能对应一个字段"
    assert d.isVisible() or d.result() == 0
    assert hall.complaints.settings().import_mapping["phone"] == "联系电话"
    assert last_audit(hall).id == before.id
    # the service refuses the same mapping from any other caller
    from dataclasses import replace

    from hallmanager.domain.errors import ValidationError

    st = hall.complaints.settings()
    with pytest.raises(ValidationError, match="每个表头只能对应一个字段"):
        hall.complaints.save_settings(replace(st, import_mapping={**st.import_mapping,
                                                                  "request": "工单号"}))
    with pytest.raises(ValidationError, match="导入列对应缺少：投诉类别"):
        hall.complaints.save_settings(replace(st, import_mapping={**st.import_mapping,
                                                                  "category": "  "}))
    assert hall.complaints.settings().import_mapping == st.import_mapping


def test_a_duty_manager_cannot_edit_the_import_mapping(qtbot, tab, desk):
    d = tab.open_settings()
    item = d.mapping.item(3, 1)
    assert not item.flags() & Qt.ItemFlag.ItemIsEditable
    assert not d.reset_mapping.isEnabled() and not d.ok_button.isEnabled()
    from dataclasses import replace

    from hallmanager.domain.errors import PermissionDenied

    st = desk.complaints.settings()
    with pytest.raises(PermissionDenied):
        desk.complaints.save_settings(replace(st, import_mapping={**st.import_mapping,
                                                                  "phone": "手机号码"}))


def test_the_list_reads_the_first_page_first_and_counts_only_a_full_one(
        qtbot, tab, desk, monkeypatch, qtmodeltester):
    """A first page shorter than a page is the whole list (no count query: the free-text
    filter at 50k costs one pass, not two); a full first page is counted."""
    cs = desk.complaints
    for i in range(3):
        cs.register(complaint_input(phone=f"1390000{i:04d}", description=f"宽带掉线 {i}"))
    cs.register(complaint_input(phone="13900009999", description="话费多扣"))
    counted = []
    real = cs.count
    monkeypatch.setattr(cs, "count", lambda f=None: counted.append(f) or real(f))
    tab.model.page_size = 3
    tab.search.setText("宽带")
    tab.reload()
    assert (tab.model.rowCount(), tab.model.total) == (3, 3) and len(counted) == 1
    tab.search.setText("话费")
    tab.reload()
    assert (tab.model.rowCount(), tab.model.total) == (1, 1) and len(counted) == 1
    assert tab.count.text() == "共 1 条"
    tab.search.clear()
    tab.reload()
    assert (tab.model.rowCount(), tab.model.total) == (3, 4) and len(counted) == 2
    tab.model.fetchMore()
    assert tab.model.rowCount() == 4 and tab.count.text() == "共 4 条"
    qtmodeltester.check(tab.model)
