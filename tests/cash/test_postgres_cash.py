"""The cash lock triggers on PostgreSQL (runs when ``HALLMANAGER_TEST_PG_URL`` is set, like
``tests/test_postgres.py``): a confirmed count, its lines and non-cash lines refuse UPDATE,
DELETE and new lines; only the reversal's state change goes through."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from hallmanager.app import build_services
from hallmanager.domain.clock import ManualClock
from hallmanager.domain.errors import DatabaseError
from hallmanager.domain.roles import Role
from hallmanager.storage.database import open_database
from tests.test_postgres import ADMIN_URL, NOW, pg_url  # noqa: F401 (fixture)

pytestmark = pytest.mark.skipif(
    not ADMIN_URL, reason="HALLMANAGER_TEST_PG_URL not set (no PostgreSQL server to test on)")
PW = "Passw0rd123"


def test_confirmed_till_is_final_on_postgresql(pg_url):  # noqa: F811
    db = open_database(pg_url)
    try:
        sv = build_services(db, ManualClock(NOW), fast_hash=True)
        sv.auth.setup(hall_name="拉萨北京路营业厅", hall_code="LS001", username="admin",
                      full_name="王厅长", password="Admin2026pw")
        sv.auth.login("admin", "Admin2026pw")
        t = sv.auth.create_user(username="t1", full_name="格桑", role=Role.TELLER, password=PW)
        d = sv.auth.create_user(username="d1", full_name="张值班", role=Role.DUTY_MANAGER,
                                password=PW)
        shift = sv.settings.shifts()[0].id
        c = sv.cash.start_count(NOW.date(), shift, t.id, d.id, float_amount="100")
        sv.cash.save_count(c.id, receivable="50", pieces={"note-5000": 3},
                           non_cash={"wechat": "10"}, reason_code="other", note="多 10 元")
        draft_sql = f"UPDATE till_count_line SET pieces = 3 WHERE count_id = {c.id}"
        with db.write() as s:  # a draft is still editable
            s.execute(text(draft_sql))
        sv.cash.confirm(c.id, "give", PW)
        sv.cash.confirm(c.id, "receive", PW)
        for sql in (f"UPDATE till_count SET cash_fen = 1 WHERE id = {c.id}",
                    f"UPDATE till_count SET state = 'draft' WHERE id = {c.id}",
                    f"UPDATE till_count SET state = 'reversed', note = 'x' WHERE id = {c.id}",
                    f"DELETE FROM till_count WHERE id = {c.id}",
                    draft_sql,
                    f"DELETE FROM till_non_cash WHERE count_id = {c.id}",
                    "INSERT INTO till_count_line (count_id, denomination, value_fen, pieces) "
                    f"VALUES ({c.id}, 'coin-10', 10, 1)"):
            with pytest.raises(DatabaseError) as err, db.write() as s:
                s.execute(text(sql))
            assert "is final" in err.value.detail, sql
        rev = sv.cash.reverse(c.id, "录错", "Admin2026pw")
        assert sv.cash.day_totals(NOW.date()).figures.cash_fen == 0
        assert sv.cash.count(rev.reversal_of).state.value == "reversed"
        assert sv.maintenance.check() == []
    finally:
        db.dispose()
