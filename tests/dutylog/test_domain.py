"""Pure rules of the duty log and the daily checklist (no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from hallmanager.domain import dutylog as dl
from hallmanager.domain.dutylog import checklist as cl
from hallmanager.domain.dutylog.checklist import (
    Anchor,
    AppliesTo,
    ChecklistItemDef,
    Flag,
    ItemStatus,
)
from hallmanager.domain.errors import PermissionDenied, ValidationError
from hallmanager.domain.shifts import ShiftDef

D = dt.date(2026, 11, 22)
EARLY = ShiftDef(1, "早班", dt.time(8, 30), dt.time(14, 30))
LATE = ShiftDef(2, "晚班", dt.time(14, 0), dt.time(20, 0))
SHIFTS = [LATE, EARLY]  # deliberately unsorted


def at(h: int, m: int = 0, s: int = 0, day: dt.date = D) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(h, m, s))


# --- target times and applies_to -------------------------------------------------------------
def test_target_time_relative_to_start_and_end():
    before = ChecklistItemDef("营业前准备", Anchor.START, -30)
    after = ChecklistItemDef("日报", Anchor.END, 25)
    assert cl.target_time(before, EARLY, D) == at(8, 0)
    assert cl.target_time(after, LATE, D) == at(20, 25)
    assert before.target_label == "班次开始 −30 分钟"
    assert ChecklistItemDef("x").target_label == "班次开始"


def test_opening_and_closing_shift_decide_applies_to():
    opening = ChecklistItemDef("开门营业", applies_to=AppliesTo.OPENING)
    closing = ChecklistItemDef("报警设防", Anchor.END, applies_to=AppliesTo.CLOSING)
    every = ChecklistItemDef("巡场", applies_to=AppliesTo.ALL)
    assert cl.applies(opening, EARLY, SHIFTS) and not cl.applies(opening, LATE, SHIFTS)
    assert cl.applies(closing, LATE, SHIFTS) and not cl.applies(closing, EARLY, SHIFTS)
    assert cl.applies(every, EARLY, SHIFTS) and cl.applies(every, LATE, SHIFTS)
    # a single full-day shift both opens and closes
    full = ShiftDef(3, "全天", dt.time(9), dt.time(18))
    assert cl.applies(opening, full, [full]) and cl.applies(closing, full, [full])


def test_default_checklist_splits_between_shifts_in_target_order():
    early = cl.items_for_shift(cl.DEFAULT_CHECKLIST, EARLY, SHIFTS, D)
    late = cl.items_for_shift(cl.DEFAULT_CHECKLIST, LATE, SHIFTS, D)
    early_titles = [i.title for i, _ in early]
    late_titles = [i.title for i, _ in late]
    assert "开门营业" in early_titles and "开门营业" not in late_titles
    assert any("报警设防" in t for t in late_titles)
    assert not any("报警设防" in t for t in early_titles)
    assert any("填写值班日志" in t for t in early_titles)
    targets = [t for _, t in early]
    assert targets == sorted(targets)
    assert early[0][1] == at(8, 0)  # 营业前 −30 min


def test_template_validation():
    with pytest.raises(ValidationError):
        cl.validate_template([])
    with pytest.raises(ValidationError):
        cl.validate_template([ChecklistItemDef("  ")])
    with pytest.raises(ValidationError):
        cl.validate_template([ChecklistItemDef("a"), ChecklistItemDef(" a ")])
    with pytest.raises(ValidationError):
        cl.validate_item(ChecklistItemDef("a", offset_minutes=13 * 60))
    assert cl.validate_template([ChecklistItemDef(" 巡场 ", "start", 60, "all")])[0].title == "巡场"


# --- overdue / due-soon boundaries -------------------------------------------------------------
@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(9, 44, 59), None),  # 15 min 1 s ahead: not yet
        (at(9, 45), Flag.DUE_SOON),  # exactly 15 min ahead
        (at(9, 59, 59), Flag.DUE_SOON),
        (at(10, 0), Flag.DUE_SOON),  # at the target minute: due, not overdue
        (at(10, 0, 1), Flag.OVERDUE),  # one second after
        (at(13, 0), Flag.OVERDUE),
    ],
)
def test_flag_boundaries(now, expected):
    assert cl.flag(ItemStatus.PENDING, at(10), now) == expected


def test_done_or_skipped_items_are_never_flagged_but_late_is_recorded():
    assert cl.flag(ItemStatus.DONE, at(10), at(12)) is None
    assert cl.flag(ItemStatus.SKIPPED, at(10), at(12)) is None
    assert cl.flag("pending", None, at(12)) is None
    assert cl.done_late(ItemStatus.DONE, at(10), at(10, 0, 1))
    assert not cl.done_late(ItemStatus.DONE, at(10), at(10))
    assert cl.flag(ItemStatus.PENDING, at(10), at(9, 50), due_soon_minutes=5) is None


# --- next shift ---------------------------------------------------------------------------------
def test_next_shift_same_day_then_next_days_first():
    assert cl.next_shift(SHIFTS, EARLY, D) == (D, LATE)
    assert cl.next_shift(SHIFTS, LATE, D) == (D + dt.timedelta(days=1), EARLY)
    only = ShiftDef(3, "全天", dt.time(9), dt.time(18))
    assert cl.next_shift([only], only, D) == (D + dt.timedelta(days=1), only)
    # a deactivated current shift still has a successor
    assert cl.next_shift([LATE], EARLY, D) == (D, LATE)


def test_slots_are_in_shift_order_across_dates():
    slots = cl.slots_between(SHIFTS, D, D + dt.timedelta(days=1))
    assert [(d.day, s.name) for d, s in slots] == [(22, "早班"), (22, "晚班"), (23, "早班"),
                                                   (23, "晚班")]
    keys = [cl.slot_key(d, s) for d, s in slots]
    assert keys == sorted(keys)


# --- fields -----------------------------------------------------------------------------------
def test_field_validation_rejects_negative_and_bad_values():
    with pytest.raises(ValidationError) as e:
        dl.validate_field("customer_flow", -1)
    assert e.value.field == "customer_flow" and "负数" in e.value.message
    with pytest.raises(ValidationError):
        dl.validate_field("served_count", "12a")
    with pytest.raises(ValidationError):
        dl.validate_field("served_count", True)
    with pytest.raises(ValidationError):
        dl.validate_field("no_such_field", 1)
    with pytest.raises(ValidationError):
        dl.validate_field("meeting_start", "25:00")
    with pytest.raises(ValidationError):
        dl.validate_field("meeting_minutes", 0)
    with pytest.raises(ValidationError):
        dl.validate_field("staff_absent", [{"user_id": 3, "leave_type": ""}])
    with pytest.raises(ValidationError):
        dl.validate_field("staff_on_duty", ["x"])
    assert dl.validate_field("customer_flow", " 120 ") == 120
    assert dl.validate_field("customer_flow", "") is None
    assert dl.validate_field("weather", " 沙尘 ") == "沙尘"
    assert dl.validate_field("weather", "晴转多云") == "晴转多云"  # free text allowed
    assert dl.validate_field("staff_on_duty", [3, 4, 3]) == (3, 4)
    assert dl.validate_field("meeting_start", "08:05") == "08:05"
    assert dl.validate_field("staff_absent", [5]) == (dl.Absence(5, "事假", ""),)



@pytest.mark.parametrize(("rows", "bad_row", "text"), [
    ([{"user_id": 3, "leave_type": "病假"}, {"user_id": 4, "leave_type": " "}], 2, "缺勤类别"),
    ([3, 4, 3], 3, "重复登记"),
    ([{"user_id": 3, "note": "长" * 201}], 1, "200"),
    ([3, "x"], 2, "格式不正确"),
])
def test_absence_errors_name_their_row(rows, bad_row, text):
    with pytest.raises(ValidationError) as info:
        dl.validate_field("staff_absent", rows)
    assert info.value.row == bad_row and info.value.field == "staff_absent"
    assert info.value.message.startswith(f"缺勤人员第 {bad_row} 行：") and text in info.value.message


def test_diff_only_reports_real_changes():
    old = dl.LogFields(weather="晴", customer_flow=10)
    changes = dl.validate_fields({"weather": "晴", "customer_flow": 11})
    assert dl.diff_fields(old, changes) == {"customer_flow": (10, 11)}
    assert dl.diff_fields(old, {"weather": "晴"}) == {}


def test_fields_roundtrip_through_json():
    f = dl.LogFields(staff_on_duty=(1, 2), staff_absent=(dl.Absence(3, "病假", "发烧"),),
                     meeting_attendees=(1,), customer_flow=5)
    assert dl.fields_from_dict(f.as_dict()) == f


def test_meeting_limit_boundary():
    assert not dl.meeting_over_limit(15)
    assert dl.meeting_over_limit(16)
    assert not dl.meeting_over_limit(None)
    assert dl.meeting_over_limit(11, limit=10)


# --- amendments -------------------------------------------------------------------------------
def test_amendment_needs_reason_and_keeps_original():
    with pytest.raises(ValidationError):
        dl.check_amendment("customer_flow", 10, "  ")
    with pytest.raises(ValidationError):
        dl.check_amendment("customer_flow", -10, "录入错误")
    with pytest.raises(ValidationError):
        dl.check_amendment("signed_at", 1, "x")
    original = dl.LogFields(customer_flow=100, weather="晴")
    a1 = dl.Amendment("customer_flow", 100, 120, "漏计", at(21), 1)
    a2 = dl.Amendment("customer_flow", 120, 125, "再核", at(22), 1)
    eff = dl.apply_amendments(original, [a2, a1])
    assert eff.customer_flow == 125 and eff.weather == "晴"
    assert original.customer_flow == 100


# --- faults -------------------------------------------------------------------------------------
def test_fault_is_open_in_every_shift_until_repaired():
    f = dl.FaultSpan(since=at(10), repaired_at=None)
    assert dl.fault_open_during(f, at(8, 30), at(14, 30))  # the shift it was found in
    assert not dl.fault_open_during(f, at(8, 30), at(10))  # ended as it was found
    nxt = D + dt.timedelta(days=3)
    assert dl.fault_open_during(f, at(14, day=nxt), at(20, day=nxt))
    repaired = dl.FaultSpan(since=at(10), repaired_at=at(15, day=D + dt.timedelta(days=1)))
    assert dl.fault_open_during(repaired, at(14, day=D + dt.timedelta(days=1)),
                                at(20, day=D + dt.timedelta(days=1)))
    assert not dl.fault_open_during(repaired, at(8, 30, day=D + dt.timedelta(days=2)),
                                    at(14, 30, day=D + dt.timedelta(days=2)))


def test_fault_validation_and_transitions():
    now = at(12)
    with pytest.raises(ValidationError):
        dl.check_fault("", "", at(10), now)
    with pytest.raises(ValidationError):
        dl.check_fault("排队机", "", at(13), now)  # in the future
    with pytest.raises(ValidationError):
        dl.check_fault_transition(dl.FaultStatus.REPORTED, "", at(11), at(10), None, now)
    with pytest.raises(ValidationError):
        dl.check_fault_transition(dl.FaultStatus.REPAIRED, "", None, at(10), at(9), now)
    dl.check_fault_transition(dl.FaultStatus.REPORTED, "市公司IT", at(11), at(10), None, now)
    dl.check_fault_transition(dl.FaultStatus.REPAIRED, "", None, at(10), at(11), now)
    assert dl.FaultStatus.OPEN.label == "未报修"


# --- sign-off ---------------------------------------------------------------------------------
def test_signoff_warnings_list_what_is_open():
    facts = dl.SignoffFacts(pending_items=("巡场",), unacked_incoming=("钥匙在保险柜",),
                            meeting_minutes=20, weather="晴", customer_flow=10)
    w = dl.signoff_warnings(facts)
    assert len(w) == 3
    assert "1 个流程检查项未完成" in w[0] and "巡场" in w[0]
    assert "交接事项" in w[1]
    assert "20 分钟" in w[2]
    assert dl.signoff_warnings(dl.SignoffFacts(weather="晴", customer_flow=1,
                                               meeting_minutes=15)) == []
    assert "未填写天气" in dl.signoff_warnings(dl.SignoffFacts(customer_flow=1))


def test_only_the_duty_manager_or_hall_manager_signs():
    dl.check_signer(5, 5, False)
    dl.check_signer(5, 1, True)
    with pytest.raises(PermissionDenied):
        dl.check_signer(5, 6, False)


def test_cross_check_and_inspection_items():
    f = dl.LogFields(customer_flow=10, served_count=12, staff_on_duty=(1,),
                     staff_absent=(dl.Absence(1),))
    assert len(dl.cross_check(f)) == 2
    with pytest.raises(ValidationError):
        dl.check_inspection_items([])
    with pytest.raises(ValidationError):
        dl.check_inspection_items([("设施", "POS"), ("设施", "POS")])
    assert dl.check_inspection_items([(" 设施 ", " POS ")]) == [("设施", "POS")]
    assert len(dl.DEFAULT_INSPECTION_ITEMS) >= 10
    assert {c for c, _ in dl.DEFAULT_INSPECTION_ITEMS} == set(dl.INSPECTION_CATEGORIES)


def test_skip_reason_required():
    with pytest.raises(ValidationError):
        dl.check_skip_reason("   ")
    assert dl.check_skip_reason(" 停电 ") == "停电"


def test_handover_item_visibility_across_shifts_and_dates():
    d1, d2 = cl.slot_key(D, EARLY), cl.slot_key(D, LATE)
    d3 = cl.slot_key(D + dt.timedelta(days=1), EARLY)
    d4 = cl.slot_key(D + dt.timedelta(days=1), LATE)
    # handed from 早班 to 晚班, never acknowledged: 晚班 and every later log show it
    assert not dl.handover_shown_in(d1, d2, None)
    assert dl.handover_shown_in(d2, d2, None)
    assert dl.handover_shown_in(d3, d2, None) and dl.handover_shown_in(d4, d2, None)
    # acknowledged next morning: shown up to and including that log, not after
    assert dl.handover_shown_in(d2, d2, d3) and dl.handover_shown_in(d3, d2, d3)
    assert not dl.handover_shown_in(d4, d2, d3)
    # acknowledged on time: only in the target log
    assert dl.handover_shown_in(d2, d2, d2) and not dl.handover_shown_in(d3, d2, d2)


def test_a_shift_that_hands_over_finishes_its_items_by_its_end():
    """填写值班日志 is at end + 30 in the template: 20:30 for the closing 晚班, but the 早班
    duty manager hands over at 14:30 and is due by then."""
    early = ShiftDef(1, "早班", dt.time(8, 30), dt.time(14, 30))
    late = ShiftDef(2, "晚班", dt.time(14, 0), dt.time(20, 0))
    day = dt.date(2026, 11, 22)

    def due(shift):
        return {i.title: t for i, t in cl.items_for_shift(cl.DEFAULT_CHECKLIST, shift,
                                                           [early, late], day)}

    assert due(early)["填写值班日志"] == dt.datetime(2026, 11, 22, 14, 30)
    assert due(late)["填写值班日志"] == dt.datetime(2026, 11, 22, 20, 30)
    assert max(due(early).values()) <= dt.datetime(2026, 11, 22, 14, 30)
