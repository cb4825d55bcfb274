"""The emergency read-only triggers on PostgreSQL (runs when ``HALLMANAGER_TEST_PG_URL`` is
set, like ``tests/test_postgres.py``): a finished run, its steps, notes and paper
registrations refuse UPDATE, DELETE and new rows; plan versions never change; an open run
is still written."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from hallmanager.app import build_services
from hallmanager.domain.clock import ManualClock
from hallmanager.domain.errors import DatabaseError
from tests.test_postgres import ADMIN_URL, NOW, pg_url  # noqa: F401 (fixture)

pytestmark = pytest.mark.skipif(
    not ADMIN_URL, reason="HALLMANAGER_TEST_PG_URL not set (no PostgreSQL server to test on)")


def test_finished_run_is_read_only_on_postgresql(pg_url):  # noqa: F811
    from hallmanager.storage.database import open_database

    db = open_database(pg_url)
    try:
        sv = build_services(db, ManualClock(NOW), fast_hash=True)
        sv.auth.setup(hall_name="拉萨北京路营业厅", hall_code="LS001", username="admin",
                      full_name="王厅长", password="Admin2026pw")
        sv.auth.login("admin", "Admin2026pw")
        em = sv.emergency
        pid = next(p.id for p in em.plans() if p.key == "power_cut")
        r = em.start_run(pid, drill=True)
        em.add_paper(r.id, customer_name="王小明", number="13812345678", business="缴费")
        with db.write() as s:  # an open run is still written
            s.execute(text(f"UPDATE emergency_run SET cause = 'x' WHERE id = {r.id}"))
        for st in r.steps:
            em.check_step(r.id, st.position)
        em.add_note(r.id, "演练")
        em.mark_entered(em.run(r.id).papers[0].id)
        em.finish(r.id, cause="演练")
        for sql in (f"UPDATE emergency_run SET cause = 'y' WHERE id = {r.id}",
                    f"DELETE FROM emergency_run WHERE id = {r.id}",
                    f"UPDATE emergency_run_step SET state = 'pending' WHERE run_id = {r.id}",
                    f"DELETE FROM emergency_run_note WHERE run_id = {r.id}",
                    f"UPDATE emergency_paper SET entered_at = NULL WHERE run_id = {r.id}",
                    "INSERT INTO emergency_run_note (run_id, at, by_id, text) VALUES "
                    f"({r.id}, now(), 1, 'x')"):
            with pytest.raises(DatabaseError) as err, db.write() as s:
                s.execute(text(sql))
            assert "read-only" in err.value.detail, sql
        for sql in ("UPDATE emergency_plan_step SET title = 'x'",
                    "DELETE FROM emergency_plan_version"):
            with pytest.raises(DatabaseError) as err, db.write() as s:
                s.execute(text(sql))
            assert "never changed" in err.value.detail, sql
        assert sv.maintenance.check() == []
    finally:
        db.dispose()
