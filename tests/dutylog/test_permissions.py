"""Every role × every duty-log action: PermissionDenied exactly when the matrix says no."""

from __future__ import annotations

import datetime as dt

import pytest

from hallmanager.domain.dutylog.checklist import DEFAULT_CHECKLIST
from hallmanager.domain.errors import PermissionDenied
from hallmanager.domain.roles import Action, Role, allowed
from tests.conftest import ADMIN_PASSWORD, USER_PASSWORD, add_user, login_as

D = dt.date(2026, 11, 22)
DUTY_ACTIONS = [
    Action.VIEW_DUTY_LOG,
    Action.EDIT_DUTY_LOG,
    Action.SIGN_DUTY_LOG,
    Action.AMEND_DUTY_LOG,
    Action.CHECK_CHECKLIST,
    Action.EDIT_CHECKLIST_TEMPLATE,
    Action.MANAGE_FAULTS,
    Action.ACK_HANDOVER,
]


def _call(hall, action: Action, fx: dict) -> None:
    svc = hall.dutylog
    if action == Action.VIEW_DUTY_LOG:
        svc.get_log(fx["draft"])
    elif action == Action.EDIT_DUTY_LOG:
        svc.update_draft(fx["draft"], customer_flow=5)
    elif action == Action.SIGN_DUTY_LOG:
        svc.sign(fx["draft"], USER_PASSWORD, confirm_warnings=True)
    elif action == Action.AMEND_DUTY_LOG:
        svc.amend(fx["signed"], "customer_flow", 7, "更正录入错误", USER_PASSWORD)
    elif action == Action.CHECK_CHECKLIST:
        svc.check_item(fx["entry"])
    elif action == Action.EDIT_CHECKLIST_TEMPLATE:
        svc.save_checklist_template(list(DEFAULT_CHECKLIST), "test")
    elif action == Action.MANAGE_FAULTS:
        svc.report_fault(what="POS 机无法刷卡")
    elif action == Action.ACK_HANDOVER:
        svc.acknowledge_handover(fx["item"], fx["draft"])
    else:  # pragma: no cover
        raise AssertionError(action)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", DUTY_ACTIONS)
def test_role_action_matrix(hall, clock, role, action):
    actor = add_user(hall, "actor", role, "测试人员", "RK0900")
    other_dm = add_user(hall, "dm2", Role.DUTY_MANAGER, "另一值班经理", "RK0901")
    shifts = {s.name: s.id for s in hall.settings.shifts()}
    may_run_log = role in (Role.DUTY_MANAGER, Role.HALL_MANAGER)
    dm_id = actor.id if may_run_log else other_dm.id
    # as the hall manager: yesterday's signed log, today's early log with a hand-over item
    # for the late shift, and the late shift's draft run by the actor
    # (a duty manager corrects only a log they signed themselves: the actor signs it below)
    signs_own = role == Role.DUTY_MANAGER
    signed = hall.dutylog.create_log(D - dt.timedelta(days=1), shifts["早班"],
                                     duty_manager_id=actor.id if signs_own
                                     else hall.ctx.auth.user.id)
    if not signs_own:
        hall.dutylog.sign(signed.id, ADMIN_PASSWORD, confirm_warnings=True)
    early = hall.dutylog.create_log(D, shifts["早班"], duty_manager_id=other_dm.id)
    item = hall.dutylog.add_handover_item(early.id, "钥匙在保险柜")
    draft = hall.dutylog.create_log(D, shifts["晚班"], duty_manager_id=dm_id)
    fx = {"signed": signed.id, "draft": draft.id, "entry": draft.checklist[0].id,
          "item": item.id}
    login_as(hall, "actor")
    clock.set(dt.datetime(2026, 11, 22, 15, 0))
    if signs_own:
        hall.dutylog.sign(signed.id, USER_PASSWORD, confirm_warnings=True)
    if allowed(role, action):
        _call(hall, action, fx)  # must succeed for a permitted role
    else:
        with pytest.raises(PermissionDenied):
            _call(hall, action, fx)


def test_today_is_empty_not_an_error_for_roles_without_log_access(hall, clock):
    add_user(hall, "teller", Role.TELLER, "营业员甲", "RK0101")
    login_as(hall, "teller")
    assert hall.today.attention() == []
