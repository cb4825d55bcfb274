"""Complaint rules: the transition table, deadline arithmetic (opening hours, pauses,
midnight, holidays), call-back/close rules, numbering, phones and repeats."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hallmanager.domain.complaints.rules import (
    DEFAULT_DEADLINES,
    TRANSITIONS,
    CallAttempt,
    CallResult,
    DeadlineRule,
    Earlier,
    OpeningHours,
    Pause,
    Satisfaction,
    Source,
    Status,
    Urgency,
    check_attempt,
    check_can_close,
    check_phone,
    check_transition,
    complaint_number,
    due_at,
    escalation_threat,
    repeats_of,
    urgency,
)
from hallmanager.domain.errors import ValidationError


def t(d: int, h: int, m: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, d, h, m)


def test_every_allowed_transition_and_every_refused_one():
    allowed = {(a, b) for a, bs in TRANSITIONS.items() for b in bs}
    assert (Status.REGISTERED, Status.IN_PROGRESS) in allowed
    assert (Status.CALLED_BACK, Status.CLOSED) in allowed
    assert (Status.CLOSED, Status.REOPENED) in allowed
    for a, b in itertools.product(Status, Status):
        if (a, b) in allowed:
            check_transition(a, b)
        else:
            with pytest.raises(ValidationError, match=f"不能从“{a.label}”变为“{b.label}”"):
                check_transition(a, b)
    # the happy path is reachable and closing is only from 已回访
    assert [s for s in Status if Status.CLOSED in TRANSITIONS[s]] == [Status.CALLED_BACK]


def test_calendar_hours_deadline_crosses_midnight_and_pauses_move_it():
    rule = DEFAULT_DEADLINES[Source.ON_SITE]
    assert due_at(t(22, 23, 30), rule) == t(23, 23, 30)
    pauses = [Pause(t(23, 10), t(23, 13))]
    assert due_at(t(22, 23, 30), rule, pauses=pauses) == t(24, 2, 30)
    assert due_at(t(22, 23, 30), rule, pauses=[Pause(t(23, 10), None)]) is None
    assert due_at(t(22, 9), rule, pauses=[Pause(t(24, 10), t(24, 12))]) == t(23, 9)  # after due


def test_opening_hours_only_skips_nights_and_holidays():
    hours = OpeningHours(dt.time(9), dt.time(18), is_closed_day=lambda d: d == dt.date(2026, 11, 23))
    rule = DeadlineRule(24, opening_hours_only=True)
    # 22nd 17:00 → 1 h that day, 23rd closed, 9 h each on 24th, 25th, 5 h on 26th
    assert due_at(t(22, 17), rule, hours=hours) == t(26, 14)
    # received at night: the clock starts at opening
    assert due_at(t(21, 23), DeadlineRule(2, True), hours=hours) == t(22, 11)
    # a pause of 2 opening hours (24th 16:00–next 11:00 = 2 + 2 opening hours)
    assert due_at(t(22, 17), rule, hours=hours, pauses=[Pause(t(24, 16), t(25, 11))]) == \
        t(26, 18)


def test_regulator_appeal_is_due_the_same_opening_day():
    rule = DEFAULT_DEADLINES[Source.REGULATOR]
    hours = OpeningHours(dt.time(9), dt.time(18, 30))
    assert due_at(t(22, 10), rule, hours=hours) == t(22, 18, 30)
    assert due_at(t(22, 19), rule, hours=hours) == t(23, 18, 30)  # after closing: next day


def test_urgency_labels():
    assert urgency(t(22, 12), t(22, 12, 1), done=False) == Urgency.OVERDUE
    assert urgency(t(22, 12), t(22, 9), done=False) == Urgency.DUE_SOON
    assert urgency(t(22, 12), t(22, 7), done=False) == Urgency.ON_TIME
    assert urgency(None, t(22, 7), done=False) == Urgency.PAUSED
    assert urgency(t(22, 12), t(23, 7), done=True) == Urgency.DONE


def test_close_rules():
    no = CallAttempt(t(22, 10), CallResult.NO_ANSWER)
    busy = CallAttempt(t(22, 11), CallResult.BUSY)
    with pytest.raises(ValidationError, match="2 次未接通"):
        check_can_close([no, busy])
    with pytest.raises(ValidationError, match="填写说明"):
        check_can_close([no, busy, no])
    check_can_close([no, busy, no], "客户电话停机，已短信告知处理结果")
    ok = CallAttempt(t(22, 12), CallResult.ANSWERED, Satisfaction.SATISFIED)
    check_can_close([no, ok])
    with pytest.raises(ValidationError, match="满意度"):
        check_attempt(CallAttempt(t(22, 12), CallResult.ANSWERED))
    with pytest.raises(ValidationError, match="原因"):
        check_attempt(CallAttempt(t(22, 12), CallResult.ANSWERED, Satisfaction.DISSATISFIED))
    with pytest.raises(ValidationError, match="未接通"):
        check_attempt(CallAttempt(t(22, 12), CallResult.BUSY, Satisfaction.SATISFIED))


def test_numbers_phones_repeats_and_escalation():
    assert complaint_number("TS", dt.date(2026, 11, 29), 1) == "TS20261129-0001"
    with pytest.raises(ValidationError, match="用完"):
        complaint_number("TS", dt.date(2026, 11, 29), 10_000)
    for typed in ("+86 138 1234 5678", "0086-138.1234.5678", "１３８１２３４５６７８"):
        assert check_phone(typed) == "13812345678"
    assert check_phone("0892-8821234") == "08928821234"
    with pytest.raises(ValidationError, match="联系电话不正确"):
        check_phone("12345")
    earlier = [Earlier(1, "13812345678", t(1, 9)), Earlier(2, "+86 138 1234 5678", t(20, 9)),
               Earlier(3, "13912345678", t(21, 9))]
    assert repeats_of("138-1234-5678", t(22, 9), earlier) == [1, 2]
    assert repeats_of("13812345678", dt.datetime(2026, 12, 5, 9), earlier) == [2]
    assert escalation_threat("客户称不解决就去工信部投诉") and not escalation_threat("客户表示理解")


@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=1, max_value=96))
def test_opening_hours_deadline_is_monotone_and_inside_opening_hours(minutes, hours_):
    oh = OpeningHours(dt.time(9), dt.time(18))
    start = t(2, 0) + dt.timedelta(minutes=minutes)
    a = due_at(start, DeadlineRule(hours_, True), hours=oh)
    b = due_at(start + dt.timedelta(minutes=1), DeadlineRule(hours_, True), hours=oh)
    assert a is not None and b is not None and a <= b
    assert dt.time(9) <= a.time() <= dt.time(18)
