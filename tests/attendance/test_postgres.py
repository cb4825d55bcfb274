"""The closed-month triggers on PostgreSQL: raw SQL cannot change a closed month there either.
Runs only with ``HALLMANAGER_TEST_PG_URL`` (see ``tests/test_postgres.py``)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from hallmanager.app import build_services
from hallmanager.domain.attendance.fines import Item
from hallmanager.domain.clock import ManualClock
from hallmanager.domain.errors import ReadOnlyRecord
from hallmanager.storage.database import open_database
from tests.test_postgres import ADMIN_URL, pg_url  # noqa: F401  (the fixture)

pytestmark = pytest.mark.skipif(
    not ADMIN_URL, reason="HALLMANAGER_TEST_PG_URL not set (no PostgreSQL server to test on)")
OCT = dt.date(2026, 10, 20)


def test_closed_month_triggers_on_postgresql(pg_url):  # noqa: F811
    db = open_database(pg_url)
    try:
        sv = build_services(db, ManualClock(dt.datetime(2026, 11, 22, 9, 0)), fast_hash=True)
        sv.auth.setup(hall_name="营业厅", hall_code="PG", username="admin", full_name="王厅长",
                      password="Admin2026pw")
        sv.auth.login("admin", "Admin2026pw")
        att = sv.attendance
        st = att.save_staff(None, staff_no="RK0101", name="张三")
        att.import_punch_records([("RK0101", dt.datetime.combine(OCT, dt.time(10, 5)))])
        att.record_leave(st.id, "年假", OCT + dt.timedelta(days=1))
        v = att.record_violation(st.id, Item.NO_UNIFORM, dt.datetime.combine(OCT, dt.time(11)))
        assert v.fine is not None
        att.waive_fine(v.fine.key, "工装送洗")
        before = att.month_report("2026-10")
        att.close_month("2026-10")
        with pytest.raises(ReadOnlyRecord):
            att.record_punch(st.id, dt.datetime.combine(OCT, dt.time(9)))
        for sql in ("UPDATE attendance_punch SET at = at + interval '1 minute'",
                    "DELETE FROM attendance_punch",
                    "INSERT INTO attendance_punch (staff_id, at, source, reason, created_at, "
                    "cancel_reason) VALUES (1, '2026-10-22 09:00', 'desk', '', now(), '')",
                    "DELETE FROM attendance_leave", "UPDATE attendance_violation SET note = 'x'",
                    "DELETE FROM attendance_waiver",
                    "UPDATE attendance_month_close SET total_fine_fen = 0",
                    "DELETE FROM attendance_month_close"):
            with pytest.raises(DBAPIError, match=r"closed|final"), db.engine.begin() as conn:
                conn.execute(text(sql))
        with db.engine.begin() as conn:  # an open month is writable
            conn.execute(text("INSERT INTO attendance_punch (staff_id, at, source, reason, "
                              "created_at, cancel_reason) VALUES (1, '2026-11-02 09:00', "
                              "'desk', '', now(), '')"))
        assert att.month_report("2026-10").rows == before.rows
    finally:
        db.dispose()
