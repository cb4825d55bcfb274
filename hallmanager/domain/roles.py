"""Roles and the permission matrix. Services check these; hiding a button is not enough."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    HALL_MANAGER = "hall_manager"
    DUTY_MANAGER = "duty_manager"
    TELLER = "teller"
    COMPLAINT_HANDLER = "complaint_handler"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.HALL_MANAGER: "厅经理",
    Role.DUTY_MANAGER: "值班经理",
    Role.TELLER: "营业员",
    Role.COMPLAINT_HANDLER: "投诉处理员",
}


class Action(StrEnum):
    """Everything a service may be asked to do; each is checked against ``PERMISSIONS``."""

    # foundation
    VIEW_SETTINGS = "view_settings"
    EDIT_SETTINGS = "edit_settings"
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT = "view_audit"
    CLEAR_STALE_LOCK = "clear_stale_lock"
    UNMASK_PERSONAL = "unmask_personal"
    CHANGE_OWN_PASSWORD = "change_own_password"
    # duty log (issue 3)
    VIEW_DUTY_LOG = "view_duty_log"
    EDIT_DUTY_LOG = "edit_duty_log"
    SIGN_DUTY_LOG = "sign_duty_log"
    AMEND_DUTY_LOG = "amend_duty_log"
    CHECK_CHECKLIST = "check_checklist"
    EDIT_CHECKLIST_TEMPLATE = "edit_checklist_template"
    MANAGE_FAULTS = "manage_faults"
    ACK_HANDOVER = "ack_handover"
    EXPORT_REPORT = "export_report"
    PRINT_HANDOVER = "print_handover"
    # cash handover (issue 11); a teller counts and confirms only their own till
    VIEW_CASH = "view_cash"
    COUNT_TILL = "count_till"
    CONFIRM_HANDOVER = "confirm_handover"
    REVIEW_CASH = "review_cash"
    REVERSE_CASH = "reverse_cash"
    CLOSE_DAY = "close_day"
    EDIT_CASH_SETTINGS = "edit_cash_settings"


_ALL = frozenset(Action)
_DUTY = frozenset(
    {
        Action.VIEW_SETTINGS,
        Action.CHANGE_OWN_PASSWORD,
        Action.VIEW_DUTY_LOG,
        Action.EDIT_DUTY_LOG,
        Action.SIGN_DUTY_LOG,
        Action.AMEND_DUTY_LOG,
        Action.CHECK_CHECKLIST,
        Action.MANAGE_FAULTS,
        Action.ACK_HANDOVER,
        Action.EXPORT_REPORT,
        Action.PRINT_HANDOVER,
        Action.VIEW_CASH,
        Action.COUNT_TILL,
        Action.CONFIRM_HANDOVER,
        Action.CLOSE_DAY,
    }
)

PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.HALL_MANAGER: _ALL,
    Role.DUTY_MANAGER: _DUTY,
    Role.TELLER: frozenset(
        {Action.CHANGE_OWN_PASSWORD, Action.COUNT_TILL, Action.CONFIRM_HANDOVER}
    ),
    Role.COMPLAINT_HANDLER: frozenset(
        {Action.VIEW_SETTINGS, Action.CHANGE_OWN_PASSWORD, Action.VIEW_DUTY_LOG}
    ),
}


def allowed(role: Role, action: Action) -> bool:
    return action in PERMISSIONS.get(role, frozenset())
