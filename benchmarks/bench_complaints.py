"""Figures for the complaint list at 50k complaints (printed, not asserted): inserting them,
then count + first page, a filtered count + page, a phone lookup, the overdue filter and the
statistics of a month, through the service as a duty manager.

    .venv/bin/python benchmarks/bench_complaints.py [N]
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from hallmanager.app import build_services
from hallmanager.domain.clock import ManualClock
from hallmanager.domain.complaints.filters import ComplaintFilter
from hallmanager.domain.complaints.rules import DEFAULT_CATEGORIES, Source
from hallmanager.domain.roles import Role
from hallmanager.storage.database import open_database, sqlite_url


def main(n: int = 50_000) -> None:
    folder = Path(tempfile.mkdtemp())
    db = open_database(sqlite_url(folder / "bench.sqlite"))
    now = dt.datetime(2026, 11, 29, 15, 0)
    services = build_services(db, ManualClock(now), fast_hash=True)
    services.auth.setup(hall_name="基准营业厅", hall_code="B1", username="admin",
                        full_name="厅经理", password="Bench2026pw")
    services.auth.login("admin", "Bench2026pw")
    dm = services.auth.create_user(username="dm", full_name="值班经理", role=Role.DUTY_MANAGER,
                                   password="Bench2026pw")
    rng = random.Random(7)
    t = time.perf_counter()
    statuses = ("registered", "in_progress", "replied", "called_back", "closed", "closed",
                "closed", "closed")
    rows = []
    for i in range(n):  # bulk rows straight into the table (the service is timed below)
        at = now - dt.timedelta(minutes=rng.randrange(0, 365 * 24 * 60))
        st = rng.choice(statuses)
        rows.append({
            "number": f"TS{at:%Y%m%d}-{i:06d}", "source": rng.choice(list(Source)).value,
            "external_no": None, "received_at": at, "customer_name": "张三",
            "phone": f"139{rng.randrange(10 ** 8):08d}", "id_number": "",
            "category": rng.choice(DEFAULT_CATEGORIES), "urgent": False,
            "description": f"问题 {i}", "request": "", "handler_id": dm.id, "department": "",
            "status": st, "clock_start": at, "due_at": at + dt.timedelta(hours=24),
            "paused": False, "reply_text": "", "replied_at": None, "replied_on_time": None,
            "callback_due_at": at + dt.timedelta(hours=72) if st == "replied" else None,
            "satisfaction": None, "closed_at": at + dt.timedelta(days=2) if st == "closed"
            else None, "vip": False, "escalation_threat": False, "escalated": False,
            "repeat_of_id": None, "playbook_id": None, "created_at": at, "created_by": dm.id,
            "updated_at": at})
    from hallmanager.storage.complaints.models import Complaint

    with db.write() as s:
        s.execute(sa.insert(Complaint), rows)
    print(f"insert {n} rows: {time.perf_counter() - t:.2f} s")
    services.auth.logout()
    services.auth.login("dm", "Bench2026pw")
    cs = services.complaints

    def timed(label: str, fn) -> None:  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        out = fn()
        size = out if isinstance(out, int) else len(out)
        print(f"{label:<34} {1000 * (time.perf_counter() - t0):8.1f} ms  ({size})")

    timed("count (no filter)", cs.count)
    timed("first page (200)", lambda: cs.page(limit=200))
    timed("page at offset 40000", lambda: cs.page(offset=40_000, limit=200))
    f = ComplaintFilter(status="replied", start=dt.date(2026, 6, 1))
    timed("count status+range", lambda: cs.count(f))
    timed("page status+range", lambda: cs.page(f, limit=200))
    timed("count category", lambda: cs.count(ComplaintFilter(category="宽带")))
    timed("page category", lambda: cs.page(ComplaintFilter(category="宽带"), limit=200))
    phone = rows[123]["phone"]
    typed = f"+86 {phone[:3]} {phone[3:7]} {phone[7:]}"
    timed("phone (typed +86 …)", lambda: cs.page(ComplaintFilter(phone=typed)))
    timed("count overdue", lambda: cs.count(ComplaintFilter(overdue=True)))
    timed("free text (scan)", lambda: cs.count(ComplaintFilter(text="问题 4999")))
    timed("statistics one month", lambda: cs.statistics(dt.date(2026, 10, 1),
                                                        dt.date(2026, 10, 31)))
    timed("statistics report 6 months", lambda: cs.statistics_report(
        dt.date(2026, 6, 1), dt.date(2026, 11, 30)).rows)
    timed("statistics report 12 months", lambda: cs.statistics_report(
        dt.date(2025, 12, 1), dt.date(2026, 11, 30)).rows)
    timed("今日 provider", lambda: cs.attention(now))
    db.dispose()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
