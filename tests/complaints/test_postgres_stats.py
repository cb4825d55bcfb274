"""The statistics counted by PostgreSQL (its own month and seconds expressions) equal the
figures SQLite gives. Runs only with ``HALLMANAGER_TEST_PG_URL`` (see ``tests/test_postgres.py``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from hallmanager.app import build_services
from hallmanager.domain.clock import ManualClock
from hallmanager.domain.roles import Role
from hallmanager.storage.database import open_database
from tests.complaints.conftest import stats_scenario
from tests.conftest import USER_PASSWORD
from tests.test_postgres import ADMIN_URL, pg_url  # noqa: F401  (the fixture)

pytestmark = pytest.mark.skipif(
    not ADMIN_URL, reason="HALLMANAGER_TEST_PG_URL not set (no PostgreSQL server to test on)")


def test_statistics_on_postgresql(pg_url, tmp_path):  # noqa: F811
    db = open_database(pg_url)
    try:
        clock = ManualClock(dt.datetime(2026, 11, 22, 9, 0))
        sv = build_services(db, clock, fast_hash=True)
        sv.auth.setup(hall_name="营业厅", hall_code="PG", username="admin", full_name="王厅长",
                      password="Admin2026pw")
        sv.auth.login("admin", "Admin2026pw")
        sv.auth.create_user(username="zhang", full_name="张值班", role=Role.DUTY_MANAGER,
                            password=USER_PASSWORD)
        sv.auth.logout()
        sv.auth.login("zhang", USER_PASSWORD)
        stats_scenario(sv.complaints, clock)
        report = sv.complaints.statistics_report(dt.date(2026, 9, 1), dt.date(2026, 11, 30))
        oct_, nov = report.months[1], report.months[2]
        assert (oct_.received, oct_.closed, oct_.on_time, oct_.called_back, oct_.satisfied) == (
            2, 2, 1, 2, 1)
        assert oct_.avg_handling_hours == Decimal("38.0")
        assert (nov.received, nov.overdue_open, nov.repeats) == (2, 1, 1)
        assert report.total.on_time_rate == Decimal("0.3333")
        out = sv.complaints.statistics_pdf(dt.date(2026, 9, 1), dt.date(2026, 11, 30),
                                           tmp_path / "s.pdf")
        assert out.stat().st_size > 1000
    finally:
        db.dispose()
