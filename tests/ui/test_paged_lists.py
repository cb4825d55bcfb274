"""Lists that grow for years load a page at a time with an honest "N of M", and every
filter/sort the UI offers on them uses an index (EXPLAIN QUERY PLAN, no full scan)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert

from hallmanager.storage.models import AuditEntry
from hallmanager.ui.common.table_model import Column, PagedTableModel
from hallmanager.ui.settings.settings_tab import SettingsTab


def test_paged_model_fetches_as_asked(qtmodeltester):
    data = list(range(1, 451))
    calls: list[tuple[int, int]] = []

    def fetch(offset, limit):
        calls.append((offset, limit))
        return data[offset:offset + limit]

    m = PagedTableModel([Column("n", lambda r: r)], page_size=200)
    m.set_source(fetch, len(data))
    assert (m.rowCount(), m.total, m.canFetchMore()) == (200, 450, True)
    m.fetchMore()
    m.fetchMore()
    assert (m.rowCount(), m.canFetchMore()) == (450, False) and m.rows() == data
    assert calls == [(0, 200), (200, 200), (400, 200)]
    qtmodeltester.check(m)
    m.clear()
    assert (m.rowCount(), m.total, m.canFetchMore()) == (0, 0, False)
    m.set_source(lambda o, n: data[:3][o:o + n], 10)  # fewer than counted: the total follows
    assert (m.rowCount(), m.total, m.canFetchMore()) == (3, 3, False)


def _bulk_audit(hall, n, now):
    """``n`` synthetic entries straight into the table (a big hall's years of history)."""
    with hall.db.write() as s:
        s.execute(insert(AuditEntry), [
            {"at": now - dt.timedelta(minutes=i), "username": "zhang", "action": "update_draft",
             "entity": "duty_log", "entity_id": str(i), "before_json": None,
             "after_json": f'{{"i": {i}}}', "prev_hash": "x", "hash": f"h{i}"}
            for i in range(n)])


def test_audit_section_loads_a_page_and_says_how_many(qtbot, hall, clock):
    _bulk_audit(hall, 1000, clock.now())
    tab = SettingsTab(hall)
    qtbot.addWidget(tab)
    tab.refresh()
    assert tab.audit.model.rowCount() == 0  # not shown yet: not loaded
    tab.show_section(tab.audit)
    audit = tab.audit
    total = hall.audit.count(since=clock.now().date() - dt.timedelta(days=30),
                             until=clock.now().date())
    assert total > 1000 - 1 and audit.model.rowCount() == 200
    assert audit.count.text() == f"显示 200 / 共 {total} 条（向下滚动加载更多）"
    audit.model.fetchMore()
    assert audit.count.text() == f"显示 400 / 共 {total} 条（向下滚动加载更多）"
    audit.search.setText("update_draft")
    audit.reload()
    assert audit.model.total == 1000


QUERIES = {  # what the audit page asks for: default range, + user, + action, + text
    "range": dict(since=dt.date(2026, 10, 23), until=dt.date(2026, 11, 22)),
    "range_user": dict(since=dt.date(2026, 10, 23), until=dt.date(2026, 11, 22),
                       username="zhang"),
    "range_action": dict(since=dt.date(2026, 10, 23), until=dt.date(2026, 11, 22),
                         action="sign"),
    "range_text": dict(since=dt.date(2026, 10, 23), until=dt.date(2026, 11, 22), text="x"),
}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_audit_queries_use_an_index(hall, name):
    from hallmanager.services.audit import _filters
    from hallmanager.storage.repositories import audit as repo

    f = _filters(**{"since": None, "until": None, "username": None, "action": None,
                    "entity": None, "text": None, **QUERIES[name]})
    with hall.db.read() as s:
        for stmt in (repo.search_statement(f, limit=200, offset=0), repo.count_statement(f)):
            sql = stmt.compile(s.get_bind(), compile_kwargs={"literal_binds": True})
            plan = [r[-1] for r in s.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")]
            assert not any(p.startswith("SCAN audit_entry") and "INDEX" not in p
                           for p in plan), (name, plan)
            assert not any("TEMP B-TREE FOR ORDER BY" in p for p in plan), (name, plan)
