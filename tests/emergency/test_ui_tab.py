"""The 应急预案 tab: a power-cut drill started in one action, steps checked by keyboard, a
paper registration added and marked entered, finished and printed; the tab reopens an open
run; the global shortcut; the 设置 pages; every item model passes qtmodeltester."""

from __future__ import annotations

import datetime as dt

import pypdf
from PySide6.QtCore import Qt

from hallmanager.domain.emergency.rules import StepState
from hallmanager.ui.emergency import EmergencyTab
from hallmanager.ui.emergency.dialogs import SkipDialog
from hallmanager.ui.emergency.models import (
    ContactsModel,
    HistoryModel,
    NotesModel,
    PapersModel,
    PlansModel,
    StepsModel,
)
from tests.conftest import login_as
from tests.emergency.conftest import plan_id


def make_tab(qtbot, services) -> EmergencyTab:
    tab = EmergencyTab(services)
    qtbot.addWidget(tab)
    tab.resize(1280, 800)
    tab.show()
    tab.refresh()
    return tab


def test_power_cut_drill_by_keyboard_with_paper_finish_and_print(qtbot, em_hall, clock,
                                                                 tmp_path):
    tab = make_tab(qtbot, em_hall)
    assert tab.stack.currentIndex() == 0  # no open run: the history
    # one action: the picker (power cut is first), 演练 ticked by default, Enter starts
    assert tab.plan_picker.currentText() == "营业厅停电" and tab.drill_check.isChecked()
    tab.plan_picker.setFocus()
    qtbot.keyClick(tab.plan_picker, Qt.Key.Key_Return)
    run = tab.run_view
    assert run is not None and run.drill and run.open and tab.stack.currentIndex() == 1
    assert "营业厅停电（演练）" in tab.run_title.text()
    assert "110" in tab.contacts_label.text() and "95598" in tab.contacts_label.text()
    assert tab.papers_box.isVisibleTo(tab)

    # steps by keyboard: Space done, S + reason skip, Enter done
    for _ in range(3):
        clock.advance(seconds=30)
        qtbot.keyClick(tab.steps_view, Qt.Key.Key_Space)
    assert [s.state for s in tab.run_view.steps[:4]] == [StepState.DONE] * 3 + [
        StepState.PENDING]
    assert tab.steps_view.currentIndex().row() == 3  # the cursor moves to the next open step
    # step 4: record on paper — a customer is registered while the power is down
    dlg = tab.add_paper()
    dlg.name.setText("王小明")
    dlg.number.setText("13908901234")
    dlg.business.setText("缴话费")
    dlg.amount.setText("100")
    dlg.contact.setText("13908901234")
    assert dlg.submit()
    paper = tab.papers_model.rows()[0]
    assert paper.customer_name == "王**" and paper.number == "139****1234"
    assert not paper.entered and "未补录 1 条" in tab.papers_summary.text()
    qtbot.keyClick(tab.steps_view, Qt.Key.Key_S)
    skip = tab.findChild(SkipDialog, "skipStepDialog")
    skip.reason.setText("演练中口头说明，不实际登记")
    assert skip.submit()
    assert tab.run_view.steps[3].state == StepState.SKIPPED
    # a note at any time
    tab.note_edit.setText("物业称 20 分钟后恢复供电")
    qtbot.keyClick(tab.note_edit, Qt.Key.Key_Return)
    assert [n.text for n in tab.run_view.notes] == ["物业称 20 分钟后恢复供电"]
    tab.steps_view.setFocus()
    for _ in range(6):
        clock.advance(minutes=1)
        qtbot.keyClick(tab.steps_view, Qt.Key.Key_Return)
    assert all(s.done for s in tab.run_view.steps)
    clock.advance(seconds=5)
    tab._tick()
    assert tab.elapsed.text() == "已进行 7 分 35 秒"

    # finishing is refused while the paper registration is open (no note) ...
    fin = tab.finish_run()
    fin.cause.setText("演练：模拟市电中断")
    assert not fin.submit()
    assert "纸质登记未补录" in fin.message.text()
    fin.reject()
    # ... so it is marked entered, then the run finishes
    tab.papers_view.selectRow(0)
    assert tab.mark_entered()
    assert tab.papers_model.rows()[0].entered
    fin = tab.finish_run()
    fin.cause.setText("演练：模拟市电中断")
    fin.losses.setText("无")
    fin.follow_up.setPlainText("应急灯电池更换")
    assert fin.submit()
    done = tab.run_view
    assert not done.open and done.duration_s == 455 and "原因：演练：模拟市电中断" in \
        tab.summary_label.text()
    assert not tab.done_button.isEnabled() and not tab.finish_button.isEnabled()

    out = tmp_path / "事件记录.pdf"
    assert tab.print_run(path=str(out)) is not None
    qtbot.waitUntil(out.exists, timeout=20_000)
    text = "".join(p.extract_text() for p in pypdf.PdfReader(out).pages)
    assert "营业厅停电" in text and "演练" in text and "王**" in text
    assert "王小明" not in text and "13908901234" not in text


def test_the_tab_reopens_an_open_run_and_the_shortcut_starts_one(qtbot, window, clock):
    hall = window.services
    run = hall.emergency.start_run(plan_id(hall, "system_failure"), drill=False)
    hall.emergency.check_step(run.id, 1)
    tab = window.page("emergencyTab")
    window.tab_widget.setCurrentWidget(tab)
    assert tab.run_view is not None and tab.run_view.id == run.id
    assert tab.steps_view.currentIndex().row() == 1  # where it was
    assert "系统故障死机（真实事件）" in tab.run_title.text()
    # the global shortcut, from another tab, brings the picker forward
    window.tab_widget.setCurrentIndex(0)
    act = next(a for a in window.actions() if a.objectName() == "actionStartEmergency")
    assert act.shortcut().toString() == "Ctrl+Shift+E"
    act.trigger()
    assert window.current_page() is tab
    assert any(a.objectName() == "actionStartEmergency"
               for m in window.menuBar().actions() if m.menu() for a in m.menu().actions())


def test_history_filters_and_drills_per_quarter(qtbot, em_hall, clock):
    em = em_hall.emergency
    for key, drill in (("fire", True), ("robbery", False)):
        r = em.start_run(plan_id(em_hall, key), drill=drill)
        for s in r.steps:
            em.check_step(r.id, s.position)
        em.finish(r.id, cause="测试")
        clock.advance(minutes=30)
    tab = make_tab(qtbot, em_hall)
    assert [r.plan_name for r in tab.history_model.rows()] == ["抢劫/盗窃", "火灾"]
    tab.kind_filter.setCurrentIndex(1)  # 演练
    assert [r.plan_name for r in tab.history_model.rows()] == ["火灾"]
    assert "2026年第4季度 1 次" in tab.drills_label.text()
    tab.history_view.selectRow(0)
    tab.open_selected()
    assert tab.run_view is not None and not tab.run_view.open


def test_settings_pages_edit_plans_and_contacts(qtbot, hall, clock):
    from hallmanager.ui.emergency.settings import ContactsDialog, PlanDialog, sections

    pages = dict(sections(hall, None))
    plans = pages["应急预案"]
    qtbot.addWidget(plans)
    plans.refresh()
    assert [p.name for p in plans.model.rows()][:2] == ["营业厅停电", "系统故障死机"]
    dlg = PlanDialog(hall, None, plans)
    dlg.name.setText("漏水")
    dlg.steps.setPlainText("关闭总水阀\n转移设备 | 营业员 | 先断电")
    assert dlg.submit()
    leak = dlg.result_value
    assert [(s.title, s.role, s.note) for s in leak.steps] == [
        ("关闭总水阀", "值班经理", ""), ("转移设备", "营业员", "先断电")]
    contacts = pages["应急联系电话"]
    qtbot.addWidget(contacts)
    cd = ContactsDialog(hall, contacts)
    cd.text.setPlainText("报警 | 110\n物业 | 0892-8826600")
    cd.target.setValue(2)
    assert cd.submit()
    contacts.refresh()
    assert [(c.label, c.number) for c in contacts.model.rows()] == [
        ("报警", "110"), ("物业", "0892-8826600")]


def test_models_pass_qtmodeltester(qtmodeltester, em_hall, clock):
    em = em_hall.emergency
    r = em.start_run(plan_id(em_hall, "power_cut"), drill=True)
    em.check_step(r.id, 1)
    em.skip_step(r.id, 2, "白天")
    em.add_note(r.id, "备注")
    r = em.add_paper(r.id, customer_name="张三", number="13800001111", business="补卡")
    for model, rows in ((StepsModel(), r.steps), (PapersModel(), r.papers),
                        (NotesModel(), r.notes), (PlansModel(), em.plans()),
                        (ContactsModel(), em.settings().contacts),
                        (HistoryModel(), em.runs(dt.date(2026, 1, 1), dt.date(2026, 12, 31)))):
        model.set_rows(list(rows))
        assert model.rowCount() > 0
        qtmodeltester.check(model)
        model.clear()
        qtmodeltester.check(model)


def test_roles_on_the_tab_and_in_settings(qtbot, em_hall, clock):
    from hallmanager.ui.emergency.settings import sections

    r = em_hall.emergency.start_run(plan_id(em_hall, "power_cut"), drill=True)
    em_hall.emergency.add_paper(r.id, customer_name="王小明", number="13812345678",
                                business="缴费")
    tab = make_tab(qtbot, em_hall)
    assert tab.run_view.id == r.id and tab.start_button.isEnabled()
    assert tab.unmask_button.isEnabled()  # a duty manager keys registrations in
    pages = dict(sections(em_hall, None))
    plans = pages["应急预案"]
    qtbot.addWidget(plans)
    plans.refresh()
    assert not plans.banner.isHidden() and not any(b.isEnabled() for b in plans._buttons)
    assert len(plans.model.rows()) == 5  # a duty manager sees the plans, may not edit them
    # locked screen: personal data leaves the models
    tab.set_privacy(True)
    assert tab.papers_model.rowCount() == 0
    tab.set_privacy(False)
    assert tab.papers_model.rowCount() == 1
    # a teller: nothing to see or start
    login_as(em_hall, "t1")
    tab.on_user_changed()
    assert not tab.start_button.isEnabled() and tab.run_view is None
    assert tab.papers_model.rowCount() == 0 and tab.steps_model.rowCount() == 0
