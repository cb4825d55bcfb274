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
    # attendance and fines (issue 10)
    VIEW_ATTENDANCE = "view_attendance"  # everyone's records, the monthly grid
    VIEW_OWN_ATTENDANCE = "view_own_attendance"  # a teller's own month, nothing else
    RECORD_ATTENDANCE = "record_attendance"  # punches, 补卡, leave, violations, clock import
    MANAGE_ROSTER = "manage_roster"  # 花名册: staff, rotas, import of staff
    MANAGE_ATTENDANCE_RULES = "manage_attendance_rules"  # timetables, holidays, fine rules
    WAIVE_FINE = "waive_fine"
    CLOSE_MONTH = "close_month"
    # complaints (issue 12)
    VIEW_COMPLAINTS = "view_complaints"
    REGISTER_COMPLAINT = "register_complaint"
    HANDLE_COMPLAINT = "handle_complaint"
    UNMASK_COMPLAINT = "unmask_complaint"  # one record at a time, audited
    EXPORT_COMPLAINTS_FULL = "export_complaints_full"  # unmasked lists and exports
    # cash handover (issue 11); a teller counts and confirms only their own till
    VIEW_CASH = "view_cash"
    COUNT_TILL = "count_till"
    CONFIRM_HANDOVER = "confirm_handover"
    REVIEW_CASH = "review_cash"
    REVERSE_CASH = "reverse_cash"
    CLOSE_DAY = "close_day"
    EDIT_CASH_SETTINGS = "edit_cash_settings"
    # emergency plans (issue 13)
    VIEW_EMERGENCY = "view_emergency"  # runs, history, contacts, incident reports
    RUN_EMERGENCY = "run_emergency"  # start, tick steps, notes, paper registrations, finish
    UNMASK_EMERGENCY_PAPER = "unmask_emergency_paper"  # one registration, to key it in; audited
    EDIT_EMERGENCY_PLANS = "edit_emergency_plans"  # plans and contacts
    # backups (issue 14): making one needs only a login; replacing the database does not
    RESTORE_BACKUP = "restore_backup"


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
        Action.VIEW_ATTENDANCE,
        Action.VIEW_OWN_ATTENDANCE,
        Action.RECORD_ATTENDANCE,
        Action.VIEW_CASH,
        Action.COUNT_TILL,
        Action.CONFIRM_HANDOVER,
        Action.CLOSE_DAY,
        Action.VIEW_EMERGENCY,
        Action.RUN_EMERGENCY,
        Action.UNMASK_EMERGENCY_PAPER,
    }
)
_COMPLAINTS = frozenset(
    {
        Action.VIEW_COMPLAINTS,
        Action.REGISTER_COMPLAINT,
        Action.HANDLE_COMPLAINT,
        Action.UNMASK_COMPLAINT,
    }
)

PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.HALL_MANAGER: _ALL,
    Role.DUTY_MANAGER: _DUTY | _COMPLAINTS,
    Role.TELLER: frozenset({Action.CHANGE_OWN_PASSWORD, Action.VIEW_OWN_ATTENDANCE,
                            Action.COUNT_TILL, Action.CONFIRM_HANDOVER}),
    Role.COMPLAINT_HANDLER: frozenset(
        {Action.VIEW_SETTINGS, Action.CHANGE_OWN_PASSWORD, Action.VIEW_DUTY_LOG}
    ) | _COMPLAINTS,
}


def allowed(role: Role, action: Action) -> bool:
    return action in PERMISSIONS.get(role, frozenset())
