"""Duty log service on a real SQLite file: drafts, checklist, sign-off, amendments, templates."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from hallmanager.domain.dutylog import Absence, LogStatus, UnconfirmedWarnings
from hallmanager.domain.dutylog.checklist import (
    Anchor,
    AppliesTo,
    ChecklistItemDef,
    Flag,
    ItemStatus,
)
from hallmanager.domain.errors import (
    AuthenticationError,
    Conflict,
    LoginThrottled,
    NotFound,
    PermissionDenied,
    ReadOnlyRecord,
    ValidationError,
)
from hallmanager.domain.roles import Role
from hallmanager.storage.models import AuditEntry, User
from tests.conftest import ADMIN_PASSWORD, USER_PASSWORD, add_user, last_audit, login_as

D = dt.date(2026, 11, 22)


def audit_count(services) -> int:
    with services.db.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry))



@pytest.fixture
def shifts(hall):
    return {s.name: s for s in hall.settings.shifts()}


@pytest.fixture
def duty(hall):
    """A duty manager 'zhang' logged in (the admin created the roster first)."""
    add_user(hall, "li", Role.DUTY_MANAGER, "李值班", "RK0012")
    add_user(hall, "t1", Role.TELLER, "次仁卓玛", "RK0101")
    add_user(hall, "t2", Role.TELLER, "扎西", "RK0102")
    user = add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班", "RK0011")
    login_as(hall, "zhang")
    return user


def users(hall):
    return {u.username: u for u in hall.auth.list_users()}


def fill_and_check_all(hall, log_id):
    view = hall.dutylog.get_log(log_id)
    for e in view.checklist:
        hall.dutylog.check_item(e.id, at=min(hall.ctx.clock.now(), e.target_at))
    hall.dutylog.update_draft(log_id, weather="晴", customer_flow=100, served_count=80)


def test_create_log_copies_checklist_and_inspections(hall, duty, shifts, clock):
    view = hall.dutylog.create_log(D, shifts["早班"].id)
    assert view.status == LogStatus.DRAFT and view.duty_manager.name == "张值班"
    assert view.checklist_version == 1
    titles = [e.title for e in view.checklist]
    assert "开门营业" in titles and not any("报警设防" in t for t in titles)
    assert view.checklist[0].target_at == dt.datetime(2026, 11, 22, 8, 0)
    # clock at 09:00: 营业前 items (08:00) are overdue, 09:30 patrol not yet due
    assert view.checklist[0].flag == Flag.OVERDUE
    assert len(view.inspections) >= 10 and all(i.ok is None for i in view.inspections)
    assert view.next_shift_name == "晚班" and view.incoming_duty_manager is None
    with pytest.raises(Conflict):
        hall.dutylog.create_log(D, shifts["早班"].id)
    assert hall.dutylog.open_log(D, shifts["早班"].id).id == view.id
    late = hall.dutylog.open_log(D, shifts["晚班"].id)
    assert any("报警设防" in e.title for e in late.checklist)
    assert hall.dutylog.get_log(view.id).incoming_duty_manager.name == "张值班"


def test_update_draft_validates_and_changes_nothing_on_error(hall, duty, shifts):
    log = hall.dutylog.create_log(D, shifts["早班"].id)
    hall.dutylog.update_draft(log.id, weather="多云", customer_flow=50)
    n = audit_count(hall)
    with pytest.raises(ValidationError) as e:
        hall.dutylog.update_draft(log.id, weather="阴", customer_flow=-3)
    assert e.value.field == "customer_flow"
    view = hall.dutylog.get_log(log.id)
    assert view.original.weather == "多云" and view.original.customer_flow == 50
    assert audit_count(hall) == n


def test_update_draft_audits_only_changed_fields_and_is_idempotent(hall, duty, shifts, clock):
    log = hall.dutylog.create_log(D, shifts["早班"].id)
    u = users(hall)
    clock.advance(minutes=1)
    saved = hall.dutylog.update_draft(
        log.id, weather="晴", customer_flow=120, staff_on_duty=[u["t1"].id],
        staff_absent=[Absence(u["t2"].id, "病假", "发烧")], meeting_start="08:10",
        meeting_minutes=12, meeting_attendees=[u["t1"].id, u["zhang"].id],
        meeting_topics="宽带提速政策统一口径")
    assert set(saved.changed) >= {"weather", "customer_flow", "staff_absent"}
    n = audit_count(hall)
    again = hall.dutylog.update_draft(log.id, weather="晴", customer_flow=120)
    assert again.changed == () and audit_count(hall) == n
    hall.dutylog.update_draft(log.id, weather="晴", customer_flow=130)
    entry = last_audit(hall)
    assert entry.action == "update_draft"
    assert entry.before_json == '{"customer_flow":120}'
    assert entry.after_json == '{"customer_flow":130,"version":3}'  # the version it produced
    view = hall.dutylog.get_log(log.id)
    assert [p.name for p in view.staff_on_duty] == ["次仁卓玛"]
    assert view.staff_absent[0].person.name == "扎西" and view.staff_absent[0].leave_type == "病假"
    assert [p.name for p in view.meeting.attendees] == ["次仁卓玛", "张值班"]
    assert not view.meeting.over_limit


def test_staff_must_be_on_the_roster(hall, duty, shifts):
    log = hall.dutylog.create_log(D, shifts["早班"].id)
    with pytest.raises(ValidationError):
        hall.dutylog.update_draft(log.id, staff_on_duty=[9999])
    assert hall.dutylog.get_log(log.id).original.staff_on_duty == ()


def test_check_and_skip_items(hall, duty, shifts, clock):
    log = hall.dutylog.create_log(D, shifts["早班"].id)
    first, second = log.checklist[0], log.checklist[1]
    done = hall.dutylog.check_item(first.id, at=dt.datetime(2026, 11, 22, 8, 5))
    assert done.status == ItemStatus.DONE and done.done_by.name == "张值班"
    assert done.late and done.overdue and done.flag is None
    with pytest.raises(ValidationError):
        hall.dutylog.check_item(second.id, at=clock.now() + dt.timedelta(minutes=5))
    with pytest.raises(ValidationError):
        hall.dutylog.skip_item(second.id, "  ")
    assert hall.dutylog.get_log(log.id).checklist[1].status == ItemStatus.PENDING
    skipped = hall.dutylog.skip_item(second.id, "排队机厂家维护中")
    assert skipped.status == ItemStatus.SKIPPED and skipped.skip_reason == "排队机厂家维护中"
    reset = hall.dutylog.reset_item(second.id)
    assert reset.status == ItemStatus.PENDING and reset.done_at is None
    with pytest.raises(NotFound):
        hall.dutylog.check_item(99999)


def test_inspection_result(hall, duty, shifts):
    log = hall.dutylog.create_log(D, shifts["早班"].id)
    i = log.inspections[0]
    v = hall.dutylog.set_inspection(log.id, i.category, i.item, False, "地面有水渍")
    assert v.result_label == "有问题"
    with pytest.raises(NotFound):
        hall.dutylog.set_inspection(log.id, "设施", "不存在的项目", True)


def test_sign_requires_password_and_confirmation(hall, duty, shifts, clock):
    log = hall.dutylog.create_log(D, shifts["早班"].id)
    warnings = hall.dutylog.signoff_warnings(log.id)
    assert any("流程检查项未完成" in w for w in warnings)
    with pytest.raises(UnconfirmedWarnings) as e:
        hall.dutylog.sign(log.id, USER_PASSWORD)
    assert e.value.warnings == warnings
    with pytest.raises(AuthenticationError):
        hall.dutylog.sign(log.id, "wrong-pass1", confirm_warnings=True)
    assert hall.dutylog.get_log(log.id).status == LogStatus.DRAFT
    assert last_audit(hall).action == "sign_failed"
    clock.advance(minutes=6 * 60)
    fill_and_check_all(hall, log.id)
    assert hall.dutylog.signoff_warnings(log.id) == []
    signed = hall.dutylog.sign(log.id, USER_PASSWORD)
    assert signed.signed and signed.signed_by.name == "张值班"
    assert signed.signed_at == clock.now()
    with pytest.raises(ReadOnlyRecord):
        hall.dutylog.sign(log.id, USER_PASSWORD)


def test_meeting_over_limit_warns(hall, duty, shifts):
    log = hall.dutylog.create_log(D, shifts["早班"].id)
    hall.dutylog.update_draft(log.id, meeting_minutes=20)
    assert hall.dutylog.get_log(log.id).meeting.over_limit
    assert any("晨会时长 20 分钟" in w for w in hall.dutylog.signoff_warnings(log.id))


def test_another_duty_manager_cannot_sign(hall, duty, shifts):
    log = hall.dutylog.create_log(D, shifts["早班"].id)
    login_as(hall, "li")
    with pytest.raises(PermissionDenied):
        hall.dutylog.sign(log.id, USER_PASSWORD, confirm_warnings=True)
    login_as(hall, "admin", ADMIN_PASSWORD)  # the hall manager may sign in their place
    assert hall.dutylog.sign(log.id, ADMIN_PASSWORD, confirm_warnings=True).signed


def test_signed_log_is_read_only_and_unchanged(hall, duty, shifts, clock):
    log = hall.dutylog.create_log(D, shifts["早班"].id)
    hall.dutylog.update_draft(log.id, weather="晴", customer_flow=88)
    out = hall.dutylog.add_handover_item(log.id, "3号柜台打印机卡纸")
    hall.dutylog.sign(log.id, USER_PASSWORD, confirm_warnings=True)
    before = hall.dutylog.get_log(log.id)
    n = audit_count(hall)
    entry, insp = before.checklist[0], before.inspections[0]
    attempts = [
        lambda: hall.dutylog.update_draft(log.id, customer_flow=1),
        lambda: hall.dutylog.check_item(entry.id),
        lambda: hall.dutylog.skip_item(entry.id, "原因"),
        lambda: hall.dutylog.reset_item(entry.id),
        lambda: hall.dutylog.set_inspection(log.id, insp.category, insp.item, True),
        lambda: hall.dutylog.add_handover_item(log.id, "新事项"),
        lambda: hall.dutylog.update_handover_item(out.id, "改"),
        lambda: hall.dutylog.remove_handover_item(out.id),
    ]
    for attempt in attempts:
        with pytest.raises(ReadOnlyRecord) as e:
            attempt()
        assert "已签字" in e.value.message
    assert hall.dutylog.get_log(log.id) == before
    assert audit_count(hall) == n


def test_amendment_keeps_original(hall, duty, shifts, clock):
    log = hall.dutylog.create_log(D, shifts["早班"].id)
    with pytest.raises(ValidationError):  # drafts are simply edited
        hall.dutylog.amend(log.id, "customer_flow", 1, "x", USER_PASSWORD)
    hall.dutylog.update_draft(log.id, customer_flow=100, weather="晴")
    hall.dutylog.sign(log.id, USER_PASSWORD, confirm_warnings=True)
    with pytest.raises(ValidationError):
        hall.dutylog.amend(log.id, "customer_flow", 120, "", USER_PASSWORD)
    with pytest.raises(AuthenticationError):
        hall.dutylog.amend(log.id, "customer_flow", 120, "漏计团购客户", "wrong-pass1")
    with pytest.raises(ValidationError):
        hall.dutylog.amend(log.id, "customer_flow", 100, "相同", USER_PASSWORD)
    clock.advance(minutes=30)
    a = hall.dutylog.amend(log.id, "customer_flow", 120, "漏计团购客户", USER_PASSWORD)
    assert (a.old_value, a.new_value, a.by.name, a.at) == (100, 120, "张值班", clock.now())
    assert a.field_label == "客流量"
    view = hall.dutylog.get_log(log.id)
    assert view.original.customer_flow == 100 and view.effective.customer_flow == 120
    assert view.amended_fields == {"customer_flow"} and view.status == LogStatus.SIGNED
    clock.advance(minutes=1)
    hall.dutylog.amend(log.id, "customer_flow", 125, "再次核对", USER_PASSWORD)
    view = hall.dutylog.get_log(log.id)
    assert [x.old_value for x in view.amendments] == [100, 120]
    assert view.effective.customer_flow == 125 and view.original.customer_flow == 100
    assert last_audit(hall).action == "amend"


def test_template_versioning_old_logs_keep_their_items(hall, duty, shifts, clock):
    old = hall.dutylog.create_log(D, shifts["早班"].id)
    old_titles = [e.title for e in old.checklist]
    login_as(hall, "admin", ADMIN_PASSWORD)
    tpl = hall.dutylog.checklist_template()
    assert tpl.version == 1
    items = [*tpl.defs(), ChecklistItemDef("检查自助终端纸卷", Anchor.START, 30, AppliesTo.ALL)]
    items = [i for i in items if i.title != "开门营业"]
    v2 = hall.dutylog.save_checklist_template(items, "增加自助终端检查")
    assert v2.version == 2 and len(v2.items) == len(items)
    assert [t.version for t in hall.dutylog.template_versions()] == [2, 1]
    new = hall.dutylog.create_log(D + dt.timedelta(days=1), shifts["早班"].id)
    assert new.checklist_version == 2
    new_titles = [e.title for e in new.checklist]
    assert "检查自助终端纸卷" in new_titles and "开门营业" not in new_titles
    again = hall.dutylog.get_log(old.id)
    assert again.checklist_version == 1 and [e.title for e in again.checklist] == old_titles
    with pytest.raises(ValidationError):
        hall.dutylog.save_checklist_template([])


def test_settings_change_inspection_items_for_new_logs(hall, shifts):
    s = hall.dutylog.settings()
    assert s.meeting_limit_minutes == 15 and "沙尘" in s.weather_choices
    hall.dutylog.save_settings(meeting_limit_minutes=10, due_soon_minutes=20,
                               inspection_items=[("设施", "POS 机"), ("宣传", "海报")])
    log = hall.dutylog.create_log(D, shifts["早班"].id)
    assert [i.item for i in log.inspections] == ["POS 机", "海报"]
    hall.dutylog.update_draft(log.id, meeting_minutes=12)
    assert hall.dutylog.get_log(log.id).meeting.over_limit
    with pytest.raises(ValidationError):
        hall.dutylog.save_settings(meeting_limit_minutes=0, due_soon_minutes=20,
                                   inspection_items=[("设施", "POS 机")])


def test_reading_api_for_reports(hall, duty, shifts, clock):
    early = hall.dutylog.create_log(D, shifts["早班"].id)
    hall.dutylog.update_draft(early.id, next_shift_notes="下午有集团客户来办卡")
    login_as(hall, "li")
    late = hall.dutylog.create_log(D, shifts["晚班"].id)
    views = hall.dutylog.logs_for_date(D)
    assert [v.shift_name for v in views] == ["早班", "晚班"]
    assert views[0].incoming_duty_manager.name == "李值班"
    assert views[0].effective.next_shift_notes == "下午有集团客户来办卡"
    assert hall.dutylog.get_log_by(D, "晚班").id == late.id
    assert hall.dutylog.get_log_by(D, "全天") is None
    assert hall.dutylog.get_log_by(D + dt.timedelta(days=1), "早班") is None
    rows = hall.dutylog.list_logs(D, D)
    assert [r.shift_name for r in rows] == ["晚班", "早班"] and rows[0].pending_items > 0


def test_no_logs_for_far_future_dates(hall, duty, shifts):
    with pytest.raises(ValidationError):
        hall.dutylog.create_log(D + dt.timedelta(days=2), shifts["早班"].id)
    assert hall.dutylog.create_log(D + dt.timedelta(days=1), shifts["早班"].id).id


def test_current_log_follows_the_clock(hall, duty, shifts, clock):
    assert hall.dutylog.current_slot() == (D, shifts["早班"].id)
    assert hall.dutylog.current_log() is None
    log = hall.dutylog.open_log(D, shifts["早班"].id)
    assert hall.dutylog.current_log().id == log.id
    clock.set(dt.datetime(2026, 11, 22, 14, 5))  # overlap: the later shift is current
    assert hall.dutylog.current_slot() == (D, shifts["晚班"].id)
    assert hall.dutylog.current_log() is None


# --- issue 7 §7: who may amend; password re-checks are throttled like logins -------------------
def test_only_the_signer_or_the_hall_manager_may_amend(hall, duty, shifts, clock):
    log = hall.dutylog.create_log(D, shifts["早班"].id)
    hall.dutylog.sign(log.id, USER_PASSWORD, confirm_warnings=True)  # signed by 张值班
    login_as(hall, "li")  # another duty manager, with their own (correct) password
    n = audit_count(hall)
    with pytest.raises(PermissionDenied) as e:
        hall.dutylog.amend(log.id, "customer_flow", 120, "漏计团购客户", USER_PASSWORD)
    assert "张值班" in e.value.message and audit_count(hall) == n
    assert hall.dutylog.get_log(log.id).amendments == ()
    login_as(hall, "admin", ADMIN_PASSWORD)  # the hall manager, with the hall manager's password
    with pytest.raises(AuthenticationError):
        hall.dutylog.amend(log.id, "customer_flow", 120, "漏计团购客户", USER_PASSWORD)
    assert hall.dutylog.amend(log.id, "customer_flow", 120, "漏计团购客户", ADMIN_PASSWORD)
    login_as(hall, "zhang")  # the signer, with their own password
    assert hall.dutylog.amend(log.id, "customer_flow", 125, "再次核对", USER_PASSWORD)


@pytest.mark.parametrize("what", ["sign", "amend"])
def test_password_rechecks_are_throttled_like_logins(hall, duty, shifts, clock, what):
    log = hall.dutylog.create_log(D, shifts["早班"].id)
    if what == "amend":
        hall.dutylog.sign(log.id, USER_PASSWORD, confirm_warnings=True)

    def attempt(password):
        if what == "sign":
            return hall.dutylog.sign(log.id, password, confirm_warnings=True)
        return hall.dutylog.amend(log.id, "customer_flow", 120, "漏计团购客户", password)

    for i in range(1, 6):
        with pytest.raises(AuthenticationError) as e:
            attempt(f"wrong-pass{i}")
        assert not isinstance(e.value, LoginThrottled)
        entry = last_audit(hall)
        assert entry.action == f"{what}_failed" and entry.entity_id == str(log.id)
        assert json.loads(entry.after_json)["failed_logins"] == i
    n = audit_count(hall)
    with pytest.raises(LoginThrottled) as e:  # the 6th try waits, even with the right password
        attempt(USER_PASSWORD)
    assert e.value.wait_seconds == 30 and audit_count(hall) == n
    # the same counter as the login box: logging in elsewhere waits too
    with pytest.raises(LoginThrottled):
        hall.auth.login("zhang", USER_PASSWORD)
    clock.advance(seconds=30)
    assert attempt(USER_PASSWORD)
    assert users(hall)["zhang"].username == "zhang"
    with hall.db.read() as s:  # a success clears the counter
        row = s.scalar(select(User).where(User.username == "zhang"))
        assert (row.failed_logins, row.last_failed_at) == (0, None)
