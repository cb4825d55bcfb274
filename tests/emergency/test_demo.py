"""The emergency demo step: drills about monthly and real events, sized by --days; every run
finished, paper registrations entered, the audit chain valid."""

from __future__ import annotations

import datetime as dt

import pytest

from hallmanager.app import build_services, create_demo
from hallmanager.domain.clock import ManualClock
from hallmanager.registry import MODULES
from hallmanager.services.demo import ADMIN_PASSWORD
from hallmanager.storage.database import open_database, sqlite_url

NOW = dt.datetime(2026, 11, 22, 16, 30)
#: the emergency step alone (as tests/complaints/test_demo.py): the other modules' days cost
#: most of a demo's time and add nothing here; the whole demo is tests/test_demo.py's
EMERGENCY_ONLY = [m for m in MODULES if m.name == "emergency"]


@pytest.mark.parametrize(("days", "drills", "real"), [(25, 1, 2), (3, 1, 0)])
def test_demo_sized_by_days(tmp_path, days, drills, real):
    db = open_database(sqlite_url(tmp_path / "demo.sqlite"))
    try:
        clock = ManualClock(NOW)
        result = create_demo(db, clock, days=days, staff=4, modules=EMERGENCY_ONLY)
        assert result.counts["emergency.drills"] == drills
        assert result.counts["emergency.real"] == real
        sv = build_services(db, clock, fast_hash=True, modules=EMERGENCY_ONLY)
        sv.auth.login("admin", ADMIN_PASSWORD)
        rows = sv.emergency.runs(NOW.date() - dt.timedelta(days=days), NOW.date())
        assert len(rows) == drills + real
        assert all(r.finished_at is not None and r.started_at < NOW for r in rows)
        assert all(r.papers_open == 0 for r in rows)
        assert sum(r.papers_total for r in rows) == result.counts["emergency.papers"]
        assert sv.maintenance.check() == []
        if real:
            assert "片区经理 扎西" in [c.label for c in sv.emergency.settings().contacts]
    finally:
        db.dispose()
