"""The complaints' demo step through the composition root: complaints of every source, some
open and overdue, repeats, escalations, call-backs; the audit chain stays valid."""

from __future__ import annotations

import datetime as dt

from hallmanager.app import build_services, create_demo
from hallmanager.domain.clock import ManualClock
from hallmanager.domain.complaints.filters import ComplaintFilter
from hallmanager.registry import MODULES
from hallmanager.services.demo import ADMIN_PASSWORD, ADMIN_USERNAME
from hallmanager.storage.database import open_database, sqlite_url


def test_demo_step(tmp_path):
    only = [m for m in MODULES if m.name == "complaints"]
    db = open_database(sqlite_url(tmp_path / "demo.sqlite"))
    try:
        clock = ManualClock(dt.datetime(2026, 11, 29, 15, 0))
        result = create_demo(db, clock, days=60, modules=only)
        assert result.counts["complaints.registered"] >= 40
        services = build_services(db, clock, fast_hash=True, modules=only)
        services.auth.login(ADMIN_USERNAME, ADMIN_PASSWORD)
        cs = services.complaints
        rows = cs.page(limit=1000)
        assert len({r.source for r in rows}) >= 4 and len({r.category for r in rows}) >= 6
        assert any(r.repeat for r in rows) and any(r.escalated for r in rows)
        assert any(r.escalation_threat for r in rows)
        assert cs.count(ComplaintFilter(status="closed")) > len(rows) // 2
        assert result.counts["complaints.open"] >= 1 and result.counts["complaints.overdue"] >= 1
        stats = cs.statistics(clock.now().date() - dt.timedelta(days=60), clock.now().date())
        assert any(s.called_back for s in stats)
        assert services.audit.verify() == []
        assert len(cs.playbook()) == 21
    finally:
        db.dispose()
