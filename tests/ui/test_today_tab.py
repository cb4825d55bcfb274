"""The 今日 tab: attention items by severity, header, empty state, minute refresh, and
activating an item opens the record in the 值班日志 tab."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from hallmanager.domain.roles import Role
from hallmanager.services.today import AttentionItem, Severity, Target
from hallmanager.ui.common.table_model import DUE_SOON_BACKGROUND, OVERDUE_BACKGROUND
from hallmanager.ui.main_window import MainWindow
from hallmanager.ui.today import TodayTab
from hallmanager.ui.today.models import AttentionTableModel
from tests.conftest import add_user, login_as

D = dt.date(2026, 11, 22)


@pytest.fixture
def duty(hall):
    add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班", "RK0011")
    login_as(hall, "zhang")
    early = {s.name: s for s in hall.settings.shifts()}["早班"]
    return hall.dutylog.open_log(D, early.id)


def test_attention_model(qtmodeltester, hall, duty, clock):
    m = AttentionTableModel()
    m.today = D
    items = hall.today.attention(clock.now())
    items.append(AttentionItem("x", Severity.INFO, "明日提醒", "", dt.datetime(2026, 11, 23, 9)))
    m.set_rows(items)
    qtmodeltester.check(m)
    assert m.data(m.index(0, 0)) == "已超时"
    assert m.data(m.index(0, 0 + 1)) == "08:00"
    assert m.data(m.index(0, 1), Qt.ItemDataRole.BackgroundRole).color() == OVERDUE_BACKGROUND
    assert m.data(m.index(len(items) - 1, 1)) == "11-23 09:00"


def test_today_tab_lists_overdue_checklist_item_and_jumps(qtbot, hall, duty, ini, clock):
    w = MainWindow(hall, settings=ini, clock=clock, idle_poll_ms=3_600_000)
    qtbot.addWidget(w)
    w.show()
    today: TodayTab = w.page("todayTab")
    w.tab_widget.setCurrentWidget(today)
    assert today.timer.isActive() and today.timer.interval() == 60_000
    header = today.header.text()
    assert header.startswith("2026-11-22 星期日") and "早班 08:30–14:30" in header
    assert "张值班" in header
    assert "已超时" in today.summary.text()
    items = today.items()
    overdue = [i for i in items if i.kind == "checklist_overdue"]
    assert overdue and items[0].severity == Severity.OVERDUE
    target = overdue[0].target
    assert target.record_kind == "checklist_entry"
    row = items.index(overdue[0])
    today.view.selectRow(row)
    assert today.activate_selected()
    log_tab = w.page("dutyLogTab")
    assert w.current_page() is log_tab
    assert log_tab.page.log.id == duty.id
    assert log_tab.page.checklist.current().id == target.record_id

    # a due-soon item turns up as time passes (minute refresh), colour orange
    clock.set(dt.datetime(2026, 11, 22, 9, 20))
    w.tab_widget.setCurrentWidget(today)
    today.timer.timeout.emit()
    soon = [i for i, it in enumerate(today.items()) if it.severity == Severity.DUE_SOON]
    assert soon
    idx = today.model.index(soon[0], 0)
    assert today.model.data(idx, Qt.ItemDataRole.BackgroundRole).color() == DUE_SOON_BACKGROUND


def test_fault_and_handover_targets_open_the_log(qtbot, hall, duty, ini, clock):
    f = hall.dutylog.report_fault(what="POS 机无法刷卡", log_id=duty.id)
    w = MainWindow(hall, settings=ini, clock=clock, idle_poll_ms=3_600_000)
    qtbot.addWidget(w)
    assert w.navigate_to(Target("dutylog", "fault", f.id))
    log_tab = w.page("dutyLogTab")
    assert w.current_page() is log_tab
    from hallmanager.ui.common.table_model import selected_row
    assert selected_row(log_tab.page.faults.view).id == f.id
    assert not w.navigate_to(Target("complaints", "complaint", 1))


def test_empty_state(qtbot, hall, clock):
    clock.set(dt.datetime(2026, 11, 22, 7, 0))  # before the 早班 log is due
    tab = TodayTab(hall)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.stack.currentWidget() is tab.empty
    assert tab.empty.text() == "目前没有需要处理的事项"
    assert "本班值班日志尚未创建" in tab.header.text()
    assert tab.summary.text() == "一切正常。"


def test_privacy_clears_the_list(qtbot, hall, duty):
    tab = TodayTab(hall)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.model.rowCount() > 0
    tab.set_privacy(True)
    assert tab.model.rowCount() == 0 and not tab.timer.isActive()
    tab.set_privacy(False)
    tab.refresh()
    assert tab.model.rowCount() > 0


def test_enter_on_the_first_row_navigates(qtbot, hall, duty):
    tab = TodayTab(hall)
    qtbot.addWidget(tab)
    tab.show()
    tab.view.setFocus()
    assert not tab.view.selectionModel().selectedRows()  # colours stay visible
    with qtbot.waitSignal(tab.navigate, timeout=2000) as blocker:
        qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    assert blocker.args[0] == tab.items()[0].target


def test_missing_past_log_target_opens_that_slot_after_asking(qtbot, hall, duty, ini, clock):
    # GIVEN yesterday's 晚班 has no log
    yesterday = D - dt.timedelta(days=1)
    late = {s.name: s for s in hall.settings.shifts()}["晚班"]
    w = MainWindow(hall, settings=ini, clock=clock, idle_poll_ms=3_600_000)
    qtbot.addWidget(w)
    log_tab = w.page("dutyLogTab")
    asked: list[dt.date] = []
    log_tab.confirm_create = lambda day, label: asked.append(day) or True
    # WHEN its 今日 item is activated
    assert w.navigate_to(Target("dutylog", "log", None, yesterday, late.id))
    # THEN the user was asked, and that very log is open (and now exists)
    assert asked == [yesterday]
    assert (log_tab.page.log.date, log_tab.page.log.shift_name) == (yesterday, "晚班")
    assert hall.dutylog.get_log_by(yesterday, "晚班") is not None


def test_items_speak_the_ui_language(qtbot, hall, duty, clock, english):
    """GIVEN the English UI WHEN the duty log's items are listed THEN their wording is English
    while the hall's own data (fault text, shift names) stays as entered."""
    hall.dutylog.report_fault(what="POS 机无法刷卡", location="2 号柜台", log_id=duty.id)
    m = AttentionTableModel()
    m.today = D
    items = hall.today.attention(clock.now())
    m.set_rows(items)
    rows = [(m.data(m.index(r, 2)), m.data(m.index(r, 3))) for r in range(m.rowCount())]
    fault = [row for row in rows if "无法刷卡" in row[0]]
    assert fault == [("Equipment fault: POS 机无法刷卡",
                      "2 号柜台 · Not reported · since 11-22 09:00")]
    checklist = [row for row in rows if "checklist" in row[1]]
    assert checklist and all(d.startswith("早班 checklist · target ") for _, d in checklist)
    # the service's own text stays Chinese for every non-UI use
    f = next(i for i in items if i.kind == "fault_open")
    assert (f.title, f.detail) == ("设备故障：POS 机无法刷卡", "2 号柜台 · 未报修 · 自 11-22 09:00")


def test_today_page_refreshes_once_when_first_shown(qtbot, hall, duty, ini, clock, monkeypatch):
    """The window makes the page current (one refresh); showing it must not refresh again."""
    calls = []
    real = TodayTab.refresh
    monkeypatch.setattr(TodayTab, "refresh", lambda self: calls.append(1) or real(self))
    w = MainWindow(hall, settings=ini, clock=clock, idle_poll_ms=3_600_000)
    qtbot.addWidget(w)
    w.tab_widget.setCurrentWidget(w.page("todayTab"))
    w.show()
    qtbot.wait(50)
    assert len(calls) == 1
