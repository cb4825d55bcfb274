"""The attendance demo step through ``create_demo`` (the registry's line): roster linked to the
demo tellers, punches with lateness, leave, violations, waivers and one closed month."""

from __future__ import annotations

import datetime as dt

import pytest

from hallmanager.app import build_services, create_demo
from hallmanager.domain.clock import ManualClock
from hallmanager.registry import MODULES
from hallmanager.storage.database import open_database, sqlite_url

NOW = dt.datetime(2026, 11, 22, 10, 15)
ATTENDANCE_ONLY = tuple(m for m in MODULES if m.name == "attendance")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    db = open_database(sqlite_url(path))
    result = create_demo(db, ManualClock(NOW), days=75, staff=8, modules=ATTENDANCE_ONLY)
    yield db, result
    db.dispose()


def test_demo_counts_roster_and_closed_month(demo):
    db, result = demo
    c = result.counts
    assert c["attendance.staff"] == 8 and c["attendance.closed_months"] == 1
    assert c["attendance.punches"] > 8 * 40 * 3 and c["attendance.leaves"] >= 4
    assert c["attendance.violations"] >= 1 and c["attendance.waivers"] == 2
    assert "2026-10 已月结" in result.lines[0]
    sv = build_services(db, ManualClock(NOW), fast_hash=True)
    assert sv.maintenance.check() == []
    sv.auth.login("admin", result.passwords["admin"])
    att = sv.attendance
    people = att.staff()
    users = {u.id: u for u in sv.auth.list_users()}
    assert all(p.user_id in users and users[p.user_id].full_name == p.name for p in people)
    closes = att.month_closes()
    assert [x.month for x in closes] == ["2026-10"]
    oct_ = att.month_report("2026-10")
    assert oct_.closed is not None and oct_.total_fine_fen == closes[0].total_fine_fen > 0
    fines = [f for r in oct_.rows for f in r.fines]
    assert sum(1 for f in fines if f.waived) == 2
    assert {f.kind for f in fines} >= {"late", "item"}
    assert [r.leave_requests > 3 for r in oct_.rows].count(True) >= 1
    assert any(f.kind == "monthly_leave" and "请假 4 次" in f.explanation for f in fines)
    assert [v.version for v in att.rule_versions()] == [1, 2]
    nov = att.month_report("2026-11")
    marks = {m for r in nov.rows for m in r.marks}
    assert {"√", "休"} <= marks and nov.closed is None
    # nothing after "now": today's afternoon is still to come
    assert all(p.at <= NOW for p in att.punches(NOW.date(), NOW.date()))
