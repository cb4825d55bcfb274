"""Attendance rules: tier boundaries, grace, split sessions, midnight, holidays and 调休,
leave vs absence, missing punches, the monthly leave rule and rule versions."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hallmanager.domain.attendance.classify import Mark, classify_day, summarize
from hallmanager.domain.attendance.fines import (
    DEFAULT_RULES,
    Item,
    RuleSet,
    Tier,
    check_tiers,
    monthly_leave_fine,
    rules_for,
)
from hallmanager.domain.attendance.timetable import (
    DEFAULT_TIMETABLES,
    DayKind,
    HolidayTable,
    MonthDay,
    Rota,
    Session,
    Timetable,
    check_seasons,
    check_sessions,
    scheduled,
    timetable_for,
)
from hallmanager.domain.errors import ValidationError

D = dt.date(2026, 6, 10)  # a Wednesday in summer
SUMMER = DEFAULT_TIMETABLES[0].sessions  # 09:20–12:30, 15:20–18:30


def at(h: int, m: int = 0, s: int = 0, day: dt.date = D) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(h, m, s))


def day(punches, sessions=SUMMER, rules=DEFAULT_RULES, **kw):
    kw.setdefault("kind", DayKind.WORKDAY)
    kw.setdefault("scheduled", True)
    return classify_day(D, sessions=sessions, punches=punches, rules=rules, **kw)


# --- tiers --------------------------------------------------------------------------------
@pytest.mark.parametrize(("late", "fen"), [
    ((0, 1), 50_00), ((29, 59), 50_00), ((30, 0), 50_00), ((30, 1), 100_00),
    ((60, 0), 100_00), ((60, 1), 200_00), ((180, 0), 200_00)])
def test_late_tier_boundaries(late, fen):
    m, s = late
    arrive = at(9, 20) + dt.timedelta(minutes=m, seconds=s)
    r = day([arrive, at(12, 31), at(15, 10), at(18, 31)])
    assert r.sessions[0].late_s == m * 60 + s
    assert [f.fen for f in r.fines] == [fen]
    assert "规则第 1 版" in r.fines[0].explanation and r.fines[0].kind == "late"


@pytest.mark.parametrize(("early", "fen"), [
    ((29, 59), 50_00), ((30, 0), 50_00), ((30, 1), 100_00), ((60, 0), 100_00),
    ((60, 1), 200_00)])
def test_early_leave_tier_boundaries(early, fen):
    m, s = early
    leave = at(18, 30) - dt.timedelta(minutes=m, seconds=s)
    r = day([at(9, 5), at(12, 31), at(15, 10), leave])
    assert r.sessions[1].early_s == m * 60 + s
    assert [(f.kind, f.fen) for f in r.fines] == [("early", fen)]
    assert r.mark == Mark.EARLY


def test_on_time_exactly_and_fractions_of_a_second_are_dropped():
    r = day([at(9, 20) + dt.timedelta(microseconds=999_999), at(12, 30), at(15, 20), at(18, 30)])
    assert r.fines == () and r.mark == Mark.PRESENT
    assert r.sessions[0].not_early  # arrived, but not 10 minutes early: counted, not fined


def test_grace_decides_whether_late_then_whole_lateness_counts():
    rules = RuleSet(2, dt.date(2026, 1, 1), DEFAULT_RULES.late_tiers, DEFAULT_RULES.early_tiers,
                    DEFAULT_RULES.items, grace_seconds=300)
    assert day([at(9, 25), at(12, 31), at(15, 10), at(18, 31)], rules=rules).fines == ()
    r = day([at(9, 25, 1), at(12, 31), at(15, 10), at(18, 31)], rules=rules)
    assert r.sessions[0].late_s == 301 and r.fines[0].fen == 50_00
    assert "规则第 2 版" in r.fines[0].explanation


def test_split_day_two_late_arrivals_are_two_occurrences():
    r = day([at(9, 31), at(12, 31), at(15, 51), at(18, 31)])
    assert [(f.session, f.fen) for f in r.fines] == [("09:20–12:30", 50_00),
                                                     ("15:20–18:30", 100_00)]
    assert r.late_count == 2 and r.fine_fen == 150_00


def test_single_midday_punches_pair_with_the_right_session():
    # 12:35 (after the morning's end) is the morning departure; 15:15 the afternoon arrival
    r = day([at(9, 0), at(12, 35), at(15, 15), at(18, 40)])
    assert r.sessions[0].left == at(12, 35) and r.sessions[1].arrived == at(15, 15)
    assert r.fines == ()


def test_missing_punch_is_counted_not_fined_and_absence_is_fined_once_a_day():
    r = day([at(9, 0), at(15, 10), at(18, 31)])  # no morning departure
    assert r.sessions[0].missing_out and r.missing == 1 and r.fines == ()
    assert r.mark == Mark.MISSING
    r = day([])
    assert r.absent and [f.kind for f in r.fines] == ["absent"] and r.fine_fen == 100_00
    assert r.mark == Mark.ABSENT
    r = day([at(9, 0), at(12, 31)])  # the afternoon not worked at all
    assert r.absent and r.fine_fen == 100_00


def test_leave_is_not_absence():
    r = day([], leave="病假")
    assert not r.absent and r.fines == () and r.mark == Mark.LEAVE and r.on_leave
    r = day([at(9, 40), at(12, 31)], leave={1: "事假"})  # afternoon leave, late morning
    assert not r.absent and [f.kind for f in r.fines] == ["late"]


def test_session_crossing_midnight():
    night = (Session.parse("22:00-06:00"),)
    r = day([at(22, 10), at(6, 0, day=D + dt.timedelta(days=1))], sessions=night)
    assert r.sessions[0].late_s == 600 and r.sessions[0].early_s == 0
    assert r.sessions[0].end == at(6, 0, day=D + dt.timedelta(days=1))
    r = day([at(21, 50), at(5, 0, day=D + dt.timedelta(days=1))], sessions=night)
    assert r.sessions[0].early_s == 3600 and r.fines[0].fen == 100_00


def test_pending_today_is_not_absence():
    r = day([at(9, 0)], now=at(11, 0))
    assert r.sessions[0].pending and not r.absent and r.sessions[1].pending
    assert r.fines == ()


def test_rest_holiday_and_adjusted_working_days():
    table = HolidayTable({dt.date(2026, 10, 1): DayKind.HOLIDAY,
                          dt.date(2026, 9, 27): DayKind.ADJUSTED_WORKDAY},
                         covered_until=dt.date(2026, 12, 31))
    assert table.kind(dt.date(2026, 10, 1)) == DayKind.HOLIDAY
    assert table.kind(dt.date(2026, 9, 27)) == DayKind.ADJUSTED_WORKDAY  # a Sunday
    assert table.kind(dt.date(2026, 9, 26)) == DayKind.REST
    assert table.kind(dt.date(2026, 9, 28)) == DayKind.WORKDAY
    assert table.kind(dt.date(2027, 1, 4)) == DayKind.UNKNOWN
    assert "2026-12-31" in table.beyond_message(dt.date(2027, 1, 4))
    assert scheduled(dt.date(2026, 9, 27), DayKind.ADJUSTED_WORKDAY, None)
    assert not scheduled(dt.date(2026, 10, 1), DayKind.HOLIDAY, None)
    rota = Rota(rest_weekdays=frozenset({0}), work_dates=frozenset({dt.date(2026, 10, 1)}))
    assert not scheduled(dt.date(2026, 9, 28), DayKind.WORKDAY, rota)  # Monday off
    assert scheduled(dt.date(2026, 10, 1), DayKind.HOLIDAY, rota)  # on duty on the holiday
    r = classify_day(dt.date(2026, 10, 1), kind=DayKind.HOLIDAY, scheduled=False,
                     sessions=SUMMER, punches=[], rules=DEFAULT_RULES)
    assert r.mark == Mark.REST and r.fines == ()


def test_seasons_wrap_the_year_and_gaps_are_refused():
    assert timetable_for(dt.date(2026, 5, 1), DEFAULT_TIMETABLES).name == "夏季作息"
    assert timetable_for(dt.date(2026, 9, 30), DEFAULT_TIMETABLES).name == "夏季作息"
    assert timetable_for(dt.date(2026, 10, 1), DEFAULT_TIMETABLES).name == "冬季作息"
    assert timetable_for(dt.date(2027, 2, 28), DEFAULT_TIMETABLES).name == "冬季作息"
    check_seasons(DEFAULT_TIMETABLES)
    gap = (DEFAULT_TIMETABLES[0], Timetable("冬", SUMMER, MonthDay(10, 2), MonthDay(4, 30)))
    with pytest.raises(ValidationError, match="10-01"):
        check_seasons(gap)
    with pytest.raises(ValidationError, match="重叠"):
        check_sessions((Session.parse("09:00-12:00"), Session.parse("11:00-14:00")))
    with pytest.raises(ValidationError, match="格式"):
        Session.parse("9点")
    with pytest.raises(ValidationError, match="不存在"):
        MonthDay.parse("02-30")


def test_rules_versioned_by_date_and_a_change_mid_month():
    v2 = RuleSet(2, dt.date(2026, 6, 15), (Tier(0, 600, 20_00), Tier(600, None, 80_00)),
                 DEFAULT_RULES.early_tiers, DEFAULT_RULES.items)
    rules = [DEFAULT_RULES, v2]
    assert rules_for(dt.date(2026, 6, 14), rules).version == 1
    assert rules_for(dt.date(2026, 6, 15), rules).version == 2
    late = [at(9, 35), at(12, 31), at(15, 10), at(18, 31)]
    before = day(late, rules=rules_for(dt.date(2026, 6, 14), rules))
    after = day(late, rules=rules_for(dt.date(2026, 6, 15), rules))
    assert (before.fine_fen, after.fine_fen) == (50_00, 80_00)


def test_tier_editing_rules():
    check_tiers(DEFAULT_RULES.late_tiers)
    with pytest.raises(ValidationError, match="空缺或重叠"):
        check_tiers((Tier(0, 1800, 5000), Tier(1900, None, 10000)))
    with pytest.raises(ValidationError, match="不能少于"):
        check_tiers((Tier(0, 1800, 5000), Tier(1800, None, 1000)))
    with pytest.raises(ValidationError, match="没有上限"):
        check_tiers((Tier(0, 1800, 5000),))
    assert DEFAULT_RULES.late_tiers[1].label == "超过 30 分钟、不超过 60 分钟"


def test_month_summary_and_the_monthly_leave_rule():
    days = [day([at(9, 35), at(12, 31), at(15, 10), at(18, 31)]), day([], leave="年假"), day([])]
    violation = [f for f in day([]).fines]  # any Fine works as a registered violation
    m = summarize(days, leave_requests=4, violations=violation, rules=DEFAULT_RULES)
    assert (m.scheduled_days, m.present_days, m.late_count, m.absences, m.leave_days) == \
        (3, 1, 1, 1, 1)
    assert m.fine_fen == 50_00 + 100_00 + 100_00 + 100_00  # late, absent, violation, leave rule
    assert m.fines[-1].kind == "monthly_leave" and "4 次" in m.fines[-1].explanation
    assert monthly_leave_fine(3, DEFAULT_RULES) == 0 and monthly_leave_fine(4, DEFAULT_RULES)
    assert DEFAULT_RULES.item_fine(Item.LEFT_POST) == 200_00
    assert Item.LEFT_POST in DEFAULT_RULES.notice_items


# --- properties ---------------------------------------------------------------------------
seconds = st.integers(min_value=0, max_value=6 * 3600)


@given(seconds, seconds)
def test_fines_never_negative_and_monotone_in_minutes(a, b):
    lo, hi = sorted((a, b))
    f_lo, _ = DEFAULT_RULES.late_fine(lo)
    f_hi, _ = DEFAULT_RULES.late_fine(hi)
    assert 0 <= f_lo <= f_hi
    e_lo, _ = DEFAULT_RULES.early_fine(lo)
    e_hi, _ = DEFAULT_RULES.early_fine(hi)
    assert 0 <= e_lo <= e_hi


@given(st.lists(st.integers(min_value=-240, max_value=720), max_size=6))
def test_classification_is_total_and_fines_explained(offsets):
    punches = [at(9, 20) + dt.timedelta(minutes=m) for m in offsets]
    r = day(punches)
    assert len(r.sessions) == 2 and r.mark in Mark
    assert all(f.fen >= 0 and f.explanation for f in r.fines)
