"""The cash demo step through ``create_demo``: tills every day, a few over/shorts with reasons,
one reversal, the review, deposits; today's tills open on 今日; ``check`` passes."""

from __future__ import annotations

import datetime as dt

from hallmanager.app import build_services, create_demo
from hallmanager.domain.cash.rules import HandoverState
from hallmanager.domain.clock import ManualClock
from hallmanager.registry import MODULES
from hallmanager.storage.database import open_database, sqlite_url

NOW = dt.datetime(2026, 11, 22, 16, 15)
#: the cash step alone: the other modules' days cost most of a demo and add nothing here
CASH_ONLY = [m for m in MODULES if m.name == "cash"]


def test_cash_demo(tmp_path):
    db = open_database(sqlite_url(tmp_path / "demo.sqlite"))
    try:
        result = create_demo(db, ManualClock(NOW), days=12, staff=4, modules=CASH_ONLY)
        n = result.counts
        assert n["cash.tills"] >= 12 * 2 and n["cash.reversals"] == 1
        assert n["cash.deposits"] == 12 and n["cash.over_short"] >= 1
        sv = build_services(db, ManualClock(NOW), fast_hash=True, modules=CASH_ONLY)
        assert sv.maintenance.check() == []
        sv.auth.login("admin", result.passwords["admin"])
        past = sv.cash.counts(NOW.date() - dt.timedelta(days=12), until=NOW.date())
        assert sum(1 for v in past if v.reversal_of) == 1
        assert any(v.review is not None for v in past)
        assert all(v.reason_code and v.note for v in past if v.difference_fen)
        yesterday = sv.cash.day_totals(NOW.date() - dt.timedelta(days=1))
        assert yesterday.close is not None and yesterday.close.gap_fen == 0
        assert yesterday.close.deposit_fen + yesterday.close.safe_fen == \
            yesterday.counted_cash_fen
        today = sv.cash.counts(NOW.date())
        assert today and all(v.state != HandoverState.CONFIRMED for v in today)
        assert "till_unconfirmed" in {i.kind for i in sv.today.attention(NOW)}
        assert any("现金交接" in line for line in result.lines)
    finally:
        db.dispose()
