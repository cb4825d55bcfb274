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


def _fill(desk, n: int = 700) -> dt.datetime:
    """``n`` complaints straight into the table (statuses, deadlines, texts and ties in
    received_at mixed by a seeded generator); returns the ``now`` to test overdue at."""
    import random

    from sqlalchemy import insert

    from hallmanager.storage.complaints.models import Complaint

    rng = random.Random(12)
    now = dt.datetime(2026, 11, 22, 9, 0)
    statuses = ("registered", "in_progress", "escalated", "reopened", "replied",
                "called_back", "closed")
    rows = []
    for i in range(n):
        at = now - dt.timedelta(hours=rng.randrange(0, 24 * 40))  # many equal times: ties
        st = rng.choice(statuses)
        rows.append({
            "number": f"TS{at:%Y%m%d}-{i:04d}", "source": rng.choice(["on_site", "call_center"]),
            "external_no": f"GD{i}" if i % 3 else None, "received_at": at,
            "customer_name": "张三", "phone": f"139{rng.randrange(10 ** 8):08d}", "id_number": "",
            "category": rng.choice(["宽带", "资费计费"]), "urgent": False,
            "description": rng.choice(["宽带掉线", "话费多扣", "Wi-Fi 慢", "100%_退费"]),
            "request": rng.choice(["", "退费", "上门"]), "handler_id": 1, "department": "",
            "status": st, "clock_start": at,
            "due_at": None if rng.random() < 0.1 else at + dt.timedelta(hours=rng.choice([4, 48])),
            "paused": False, "reply_text": rng.choice(["", "已退费 wifi"]), "replied_at": None,
            "replied_on_time": None,
            "callback_due_at": at + dt.timedelta(hours=rng.choice([24, 24 * 30]))
            if st == "replied" else None,
            "satisfaction": None, "closed_at": None, "vip": False, "escalation_threat": False,
            "escalated": False, "repeat_of_id": None, "playbook_id": None, "created_at": at,
            "created_by": 1, "updated_at": at})
    with desk.db.write() as s:
        s.execute(insert(Complaint), rows)
    return now


ID_FIRST = {  # the filters whose page picks its ids first (repo.page_statement)
    "overdue": ComplaintFilter(overdue=True),
    "overdue_open_category": ComplaintFilter(overdue=True, open_only=True, category="宽带"),
    "overdue_replied": ComplaintFilter(overdue=True, status="replied"),
    "overdue_text": ComplaintFilter(overdue=True, text="退费"),
    "text": ComplaintFilter(text="宽带"),
    "text_case": ComplaintFilter(text="WIFI"),
    "text_wildcards": ComplaintFilter(text="100%_"),
    "text_number": ComplaintFilter(text="ts2026"),
    "text_status": ComplaintFilter(text="退费", status="in_progress"),
}


@pytest.mark.parametrize("name", sorted(ID_FIRST))
def test_id_first_pages_hold_the_same_rows_as_the_plain_query(desk, name):
    """The overdue and free-text pages (ids first, then the rows) give exactly the rows, in
    exactly the order, of the straightforward filtered, sorted, paged query — every page."""
    from sqlalchemy import select

    from hallmanager.storage.complaints.models import Complaint

    _fill(desk)
    f = desk.complaints._filters(ID_FIRST[name])
    with desk.db.read() as s:
        total = repo.count(s, f)
        plain = list(s.scalars(repo._where(select(Complaint.id), **f)
                               .order_by(Complaint.received_at.desc(), Complaint.id.desc())))
        assert total == len(plain) and total > 0, name
        got = []
        for offset in range(0, total + 60, 60):
            got += [c.id for c in repo.page(s, f, offset=offset, limit=60)]
    assert got == plain


def test_overdue_page_and_count_read_the_overdue_indexes(desk):
    """只看超时: each branch of the predicate is a range of its (status, due, received_at)
    index; the page sorts those index entries, not table rows."""
    _fill(desk, 300)
    f = desk.complaints._filters(ComplaintFilter(overdue=True))
    with desk.db.read() as s:
        for stmt in (repo.count_statement(f), repo.page_statement(f, offset=0, limit=200)):
            plan = " | ".join(_plan(s, stmt))
            assert "ix_complaint_status_due_at" in plan, plan
            assert "ix_complaint_status_callback_due_at" in plan, plan
        plan = " | ".join(_plan(s, repo.page_statement(f, offset=0, limit=200)))
        assert "COVERING INDEX ix_complaint_status_due_at" in plan, plan
