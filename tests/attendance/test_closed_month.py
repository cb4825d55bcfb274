"""A closed month (月结) is read-only for the service, the ORM and raw SQL alike, and its
totals never change — whatever is tried afterwards (Hypothesis)."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hallmanager.domain.attendance.fines import Item
from hallmanager.domain.attendance.timetable import DayKind
from hallmanager.domain.errors import DatabaseError, ReadOnlyRecord
from hallmanager.storage.attendance.models import Leave, MonthClose, Punch, Violation, Waiver
from tests.attendance.conftest import at, full_day

OCT = dt.date(2026, 10, 20)  # a Tuesday in a closed month


@pytest.fixture
def closed(hall, roster):
    """October with punches, a leave, a violation and a waiver, then closed."""
    att = hall.attendance
    att.import_punch_records([("RK0101", t) for t in full_day(OCT)]
                             + [("RK0102", at(OCT, "10:31")), ("RK0102", at(OCT, "18:31"))])
    att.record_leave(roster["ww"].id, "年假", OCT)
    v = att.record_violation(roster["zs"].id, Item.NO_UNIFORM, at(OCT, "11:00"))
    assert v.fine is not None
    att.waive_fine(v.fine.key, "工装送洗")
    before = att.month_report("2026-10")
    att.close_month("2026-10")
    return before


def test_the_service_refuses_every_change_in_a_closed_month(hall, roster, closed):
    att = hall.attendance
    punch = att.punches(OCT, OCT)[0]
    leave = att.leaves(OCT, OCT)[0]
    for call in (lambda: att.record_punch(roster["ww"].id, at(OCT, "09:00")),
                 lambda: att.record_correction(roster["ls"].id, at(OCT, "13:00"), "补卡原因"),
                 lambda: att.cancel_punch(punch.id, "录错"),
                 lambda: att.cancel_leave(leave.id, "撤销原因"),
                 lambda: att.record_violation(roster["ls"].id, Item.NO_UNIFORM, at(OCT, "10:00")),
                 lambda: att.set_holiday(OCT, DayKind.HOLIDAY, "厅庆")):
        with pytest.raises(ReadOnlyRecord, match="2026-10 已月结"):
            call()
    fines = [f for r in closed.rows for f in r.fines if not f.waived]
    with pytest.raises(ReadOnlyRecord):
        att.waive_fine(fines[0].key, "月结后免罚")
    assert att.month_report("2026-10").rows == closed.rows


def test_the_orm_cannot_write_into_a_closed_month(hall, roster, closed):
    now = dt.datetime(2026, 11, 22, 9, 0)
    for make in (
        lambda: Punch(staff_id=roster["ww"].id, at=at(OCT, "09:00"), source="desk",
                      created_at=now, reason="", cancel_reason=""),
        lambda: Leave(staff_id=roster["ww"].id, leave_type="事假", start_date=dt.date(2026, 9, 30),
                      end_date=dt.date(2026, 10, 2), sessions="", approved=True, note="",
                      created_at=now, created_by=1, cancel_reason=""),
        lambda: Violation(staff_id=roster["ww"].id, item="no_uniform", at=at(OCT, "10:00"),
                          note="", created_at=now, created_by=1),
        lambda: Waiver(fine_key="x", staff_id=roster["ww"].id, day=OCT, fine_fen=1,
                       reason="r", created_at=now, created_by=1),
    ):
        with pytest.raises(DatabaseError) as e, hall.db.write() as s:
            s.add(make())
        assert "attendance month is closed" in (e.value.detail or "")
    with pytest.raises(DatabaseError) as e, hall.db.write() as s:
        p = s.query(Punch).first()
        p.at = at(dt.date(2026, 11, 18), "09:00")  # moving it out is a change of October too
    assert "attendance month is closed" in (e.value.detail or "")
    with pytest.raises(DatabaseError) as e, hall.db.write() as s:
        s.query(MonthClose).one().total_fine_fen = 0
    assert "final" in (e.value.detail or "")


def test_raw_sql_cannot_write_into_a_closed_month(hall, roster, closed, db_path):
    con = sqlite3.connect(db_path)
    try:
        for sql in (
            "INSERT INTO attendance_punch (staff_id, at, source, reason, created_at, "
            "cancel_reason) VALUES (1, '2026-10-21 09:00:00.000000', 'desk', '', "
            "'2026-11-22 09:00:00.000000', '')",
            "UPDATE attendance_punch SET at = '2026-10-20 09:59:00.000000'",
            "DELETE FROM attendance_punch",
            "DELETE FROM attendance_leave",
            "UPDATE attendance_violation SET note = 'x'",
            "DELETE FROM attendance_waiver",
            "UPDATE attendance_month_close SET total_fine_fen = 0",
            "DELETE FROM attendance_month_close",
        ):
            with pytest.raises(sqlite3.DatabaseError, match=r"closed|final"):
                con.execute(sql)
        # November is open: the same statements work there
        con.execute("INSERT INTO attendance_punch (staff_id, at, source, reason, created_at, "
                    "cancel_reason) VALUES (1, '2026-11-02 09:00:00.000000', 'desk', '', "
                    "'2026-11-22 09:00:00.000000', '')")
        con.rollback()
    finally:
        con.close()
    assert hall.attendance.month_report("2026-10").rows == closed.rows


minute = st.integers(min_value=0, max_value=24 * 60 - 1)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(min_value=1, max_value=31), minute), min_size=1,
                max_size=6))
def test_a_closed_months_totals_never_change(hall, roster, closed, stamps):
    att = hall.attendance
    records = [("RK0102", dt.datetime(2026, 10, d, 0, 0) + dt.timedelta(minutes=m))
               for d, m in stamps]
    r = att.import_punch_records(records)
    assert r.imported == 0 and r.rejected + r.duplicates == len(records)
    d, m = stamps[0]
    with pytest.raises(ReadOnlyRecord):
        att.record_punch(roster["ls"].id, dt.datetime(2026, 10, d) + dt.timedelta(minutes=m))
    after = att.month_report("2026-10")
    assert after.rows == closed.rows
    assert after.total_fine_fen == closed.total_fine_fen
    assert att.month_closes()[0].total_fine_fen == closed.total_fine_fen
