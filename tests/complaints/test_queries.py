"""Every filter of the complaint list is served by an index (no full scan of the table), and
the unfiltered newest-first page needs no sort."""

from __future__ import annotations

import datetime as dt

import pytest

from hallmanager.domain.complaints.filters import ComplaintFilter
from hallmanager.storage.complaints import repository as repo

FILTERS = {
    "none": ComplaintFilter(),
    "status": ComplaintFilter(status="replied"),
    "source": ComplaintFilter(source="call_center"),
    "category": ComplaintFilter(category="宽带"),
    "handler": ComplaintFilter(handler_id=2),
    "phone": ComplaintFilter(phone="+86 138 1234 5678"),
    "overdue": ComplaintFilter(overdue=True),
    "date_range": ComplaintFilter(start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30)),
    "status_and_range": ComplaintFilter(status="closed", start=dt.date(2026, 11, 1)),
    "open_only": ComplaintFilter(open_only=True, start=dt.date(2026, 11, 1)),
}
SORT_FREE = {"none", "status", "source", "category", "handler", "phone", "date_range",
             "status_and_range"}


def _plan(s, stmt) -> list[str]:
    sql = stmt.compile(s.get_bind(), compile_kwargs={"literal_binds": True})
    return [r[-1] for r in s.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")]


@pytest.mark.parametrize("name", sorted(FILTERS))
def test_list_queries_use_an_index(desk, name):
    f = desk.complaints._filters(FILTERS[name])
    with desk.db.read() as s:
        for kind, stmt in (("page", repo.page_statement(f, offset=0, limit=200)),
                           ("count", repo.count_statement(f))):
            plan = _plan(s, stmt)
            assert not any(p.startswith("SCAN complaint") and "INDEX" not in p
                           for p in plan), (name, kind, plan)
            if kind == "page" and name in SORT_FREE:
                assert not any("TEMP B-TREE FOR ORDER BY" in p for p in plan), (name, plan)


def test_due_and_repeat_lookups_use_an_index(desk):
    from sqlalchemy import select

    from hallmanager.storage.complaints.models import Complaint

    now = dt.datetime(2026, 11, 22, 9)
    with desk.db.read() as s:
        for stmt in (select(Complaint).where(Complaint.due_at < now,
                                             Complaint.status.in_(repo.HANDLING)),
                     select(Complaint).where(Complaint.callback_due_at < now,
                                             Complaint.status == repo.REPLIED),
                     select(Complaint.id).where(Complaint.phone == "13812345678",
                                                Complaint.received_at >= now)):
            plan = _plan(s, stmt)
            assert not any(p.startswith("SCAN complaint") and "INDEX" not in p
                           for p in plan), plan


def test_statistics_query_reads_the_period_by_index(desk):
    a, b = dt.datetime(2026, 6, 1), dt.datetime(2026, 12, 1)
    with desk.db.read() as s:
        plan = _plan(s, repo.stat_groups_statement("sqlite", a, b, b, ("satisfied",)))
    assert any("ix_complaint_received_at" in p for p in plan), plan
    assert not any(p.startswith("SCAN complaint") and "INDEX" not in p for p in plan), plan
    assert any("complaint_callback" in p and "INDEX" in p for p in plan), plan
