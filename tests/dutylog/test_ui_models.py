"""The duty-log tab's item models under qtmodeltester, fed by a real service on SQLite."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from hallmanager.domain.roles import Role
from hallmanager.ui.common.table_model import OVERDUE_BACKGROUND
from hallmanager.ui.dutylog.form import describe_value
from hallmanager.ui.dutylog.models import (
    AmendmentTableModel,
    ChecklistTableModel,
    DutyLogListTableModel,
    FaultTableModel,
    HandoverTableModel,
)
from tests.conftest import USER_PASSWORD, add_user, login_as

D = dt.date(2026, 11, 22)


@pytest.fixture
def log(hall):
    """A signed, amended 早班 log with a fault and a hand-over item, as duty manager zhang."""
    add_user(hall, "t1", Role.TELLER, "次仁卓玛", "RK0101")
    add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班", "RK0011")
    login_as(hall, "zhang")
    early = {s.name: s for s in hall.settings.shifts()}["早班"]
    v = hall.dutylog.open_log(D, early.id)
    hall.dutylog.check_item(v.checklist[0].id, at=dt.datetime(2026, 11, 22, 7, 55))
    hall.dutylog.skip_item(v.checklist[1].id, "停电未开机")
    hall.dutylog.report_fault(what="POS 机无法刷卡", location="2 号窗口", log_id=v.id)
    hall.dutylog.add_handover_item(v.id, "保险柜钥匙已交接")
    hall.dutylog.update_draft(v.id, weather="晴", customer_flow=120, served_count=90)
    hall.dutylog.sign(v.id, USER_PASSWORD, confirm_warnings=True)
    hall.dutylog.amend(v.id, "customer_flow", 130, "录入错误", USER_PASSWORD)
    return hall.dutylog.get_log(v.id)


def test_log_list_model(qtmodeltester, hall, log):
    m = DutyLogListTableModel()
    m.set_rows(hall.dutylog.list_logs(D - dt.timedelta(days=7), D))
    qtmodeltester.check(m)
    assert m.rowCount() == 1
    assert m.data(m.index(0, 3)) == "已签字·已更正"
    assert m.data(m.index(0, 2)) == "张值班"


def test_checklist_model_colours_overdue(qtmodeltester, hall, log, clock):
    m = ChecklistTableModel()
    draft = hall.dutylog.open_log(D, {s.name: s for s in hall.settings.shifts()}["晚班"].id)
    clock.set(dt.datetime(2026, 11, 22, 18, 0))
    m.set_rows(hall.dutylog.get_log(draft.id).checklist)
    qtmodeltester.check(m)
    rows = m.rows()
    overdue = [i for i, e in enumerate(rows) if e.overdue]
    assert overdue, "18:00 is after the 晚班 patrols"
    assert m.data(m.index(overdue[0], 0), Qt.ItemDataRole.BackgroundRole).color() == \
        OVERDUE_BACKGROUND
    m.set_rows(log.checklist)
    assert m.data(m.index(0, 2)) == "已完成" and m.data(m.index(0, 3)) == "07:55"
    assert m.data(m.index(1, 2)) == "已跳过" and m.data(m.index(1, 5)) == "停电未开机"


def test_fault_handover_and_amendment_models(qtmodeltester, hall, log):
    faults = FaultTableModel()
    faults.set_rows(log.faults)
    qtmodeltester.check(faults)
    assert faults.data(faults.index(0, 0)) == "POS 机无法刷卡"
    assert faults.data(faults.index(0, 3)) == "未报修"
    hand = HandoverTableModel()
    hand.set_rows(log.handover_out)
    qtmodeltester.check(hand)
    assert hand.data(hand.index(0, 0)) == "保险柜钥匙已交接"
    assert hand.data(hand.index(0, 3)) == "待确认"
    names = {u.id: u.full_name for u in hall.auth.list_users()}
    am = AmendmentTableModel(lambda f, v: describe_value(f, v, names))
    am.set_rows(log.amendments)
    qtmodeltester.check(am)
    assert [am.data(am.index(0, c)) for c in (1, 2, 3, 4, 5)] == [
        "张值班", "客流量", "录入错误", "120", "130"]
