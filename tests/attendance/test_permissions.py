"""Every role × every attendance action: PermissionDenied exactly when the matrix says no, and
a teller sees only their own record."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from hallmanager.domain.attendance.fines import Item
from hallmanager.domain.attendance.timetable import DEFAULT_TIMETABLES
from hallmanager.domain.errors import PermissionDenied
from hallmanager.domain.roles import Action, Role, allowed
from tests.attendance.conftest import WED, at
from tests.conftest import add_user, login_as

ACTIONS = {
    Action.VIEW_ATTENDANCE: lambda a, fx: a.month_report("2026-11"),
    Action.VIEW_OWN_ATTENDANCE: lambda a, fx: a.my_month("2026-11"),
    Action.RECORD_ATTENDANCE: lambda a, fx: a.record_punch(fx["ls"], at(WED, "09:40")),
    Action.MANAGE_ROSTER: lambda a, fx: a.save_staff(None, staff_no="RK0777", name="赵六"),
    Action.MANAGE_ATTENDANCE_RULES: lambda a, fx: a.save_timetables(list(DEFAULT_TIMETABLES)),
    Action.WAIVE_FINE: lambda a, fx: a.waive_fine(fx["fine"], "核实后免除"),
    Action.CLOSE_MONTH: lambda a, fx: a.close_month("2026-10"),
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_role_action_matrix(hall, roster, role, action):
    att = hall.attendance
    v = att.record_violation(roster["ls"].id, Item.NO_UNIFORM, at(WED, "10:00"))
    assert v.fine is not None
    actor = add_user(hall, "actor", role, "测试人员", "RK0900")
    att.save_staff(None, staff_no="RK0900", name="测试人员", user_id=actor.id)
    fx = {"ls": roster["ls"].id, "fine": v.fine.key}
    login_as(hall, "actor")
    if allowed(role, action):
        ACTIONS[action](att, fx)
    else:
        with pytest.raises(PermissionDenied):
            ACTIONS[action](att, fx)


def test_every_attendance_action_is_in_the_table():
    names = {a for a in Action if "attendance" in a.value or a in (
        Action.MANAGE_ROSTER, Action.WAIVE_FINE, Action.CLOSE_MONTH)}
    assert names == set(ACTIONS)


def test_a_teller_sees_only_their_own_record(hall, roster):
    hall.attendance.import_punch_records([("RK0101", at(WED, "10:05"))])
    login_as(hall, "t1")
    mine = hall.attendance.my_month("2026-11")
    assert mine.summary.staff.staff_no == "RK0101" and mine.summary.late_count == 1
    assert hall.attendance.day(roster["zs"].id, WED).sessions[0].late_s == 15 * 60
    with pytest.raises(PermissionDenied, match="只能查看本人"):
        hall.attendance.day(roster["ls"].id, WED)
    with pytest.raises(PermissionDenied):
        hall.attendance.person_month(roster["ls"].id, "2026-11")
    with pytest.raises(PermissionDenied):
        hall.attendance.staff()
    assert [i for i in hall.today.attention(at(WED, "10:30"))
            if i.kind.startswith("attendance")] == []


def test_duty_manager_records_but_may_not_change_rules_waive_or_close(hall, roster):
    add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班", "RK0011")
    login_as(hall, "zhang")
    att = hall.attendance
    assert att.record_punch(roster["ls"].id, at(WED, "09:45")).punch.created_by == "张值班"
    rules = att.rules_on(WED).rules
    with pytest.raises(PermissionDenied):
        att.save_rules(dataclasses.replace(rules, effective_from=dt.date(2026, 11, 20)))
    with pytest.raises(PermissionDenied):
        att.close_month("2026-10")
