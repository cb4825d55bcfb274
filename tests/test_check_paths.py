"""``hallmanager check``'s two ways of reading and its parallel run (issue 9) report exactly
what the services' way reports: the command line reads a SQLite file with ``sqlite3`` alone
(``storage.rows.SqliteRows``, no SQLAlchemy) and spreads the parts over forked workers
(``commands.parallel``); the desk, PostgreSQL and any other URL go through the SQLAlchemy
session, in order. Every tampering below must come out as the same lines in the same order.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from hallmanager.app import build_services, create_demo
from hallmanager.cli import main
from hallmanager.commands.parallel import fork_runner, usable_workers
from hallmanager.domain.audit_chain import GENESIS, verify_rows
from hallmanager.domain.clock import ManualClock
from hallmanager.services import check
from hallmanager.storage.anchors import database_identity, file_identity
from hallmanager.storage.database import Database, open_database, sqlite_path, sqlite_url
from hallmanager.storage.rows import SqliteRows
from hallmanager.storage.sqlite_file import sqlite_file_of_url

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    """An 8-day demo hall (users, signed logs, hand-over items, till counts, finished
    emergency runs: about 600 audit entries), built once per module."""
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "hall.sqlite"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HALLMANAGER_ANCHOR_DIR", str(folder / "anchors"))
        db = open_database(sqlite_url(path))
        try:
            create_demo(db, ManualClock(dt.datetime(2026, 11, 22, 10, 15)), days=8)
        finally:
            db.dispose()
    return path


@pytest.fixture
def hall_file(demo_file, tmp_path) -> Path:
    path = tmp_path / "hall.sqlite"
    shutil.copyfile(demo_file, path)
    return path


def _raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def _tamper_everything(path: Path) -> None:
    """One change of each kind the check must see, behind the program's back."""
    con = _raw(path)
    try:
        for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                   "AND tbl_name IN ('till_count', 'till_count_line', "
                                   "'emergency_run')").fetchall():
            con.execute(f"DROP TRIGGER {name}")  # a forger removes what stands in the way
        con.execute("DROP TRIGGER audit_entry_no_update")
        con.execute("DROP TRIGGER audit_entry_no_delete")
        last = con.execute("SELECT max(id) FROM audit_entry").fetchone()[0]
        # audit entries: one changed early, one late, one deleted in the middle, the newest
        # two deleted (sqlite_sequence still remembers them)
        con.execute("UPDATE audit_entry SET entity_id = 'x' WHERE id = 7")
        con.execute("UPDATE audit_entry SET username = 'mallory' WHERE id = ?", (last - 20,))
        con.execute("DELETE FROM audit_entry WHERE id = ?", (last // 2,))
        con.execute("DELETE FROM audit_entry WHERE id > ?", (last - 2,))
        # records
        con.execute("UPDATE user SET role = 'hall_manager' WHERE id = "
                    "(SELECT max(id) FROM user WHERE role = 'teller')")
        con.execute("UPDATE duty_log SET customer_flow = 1 WHERE id = "
                    "(SELECT min(id) FROM duty_log WHERE status = 'signed')")
        con.execute("UPDATE handover_item SET text = '钥匙一把' WHERE id = "
                    "(SELECT min(id) FROM handover_item)")
        con.execute("UPDATE till_count SET cash_fen = cash_fen + 100 WHERE id = "
                    "(SELECT min(id) FROM till_count WHERE state = 'confirmed')")
        con.execute("UPDATE till_count_line SET pieces = pieces + 1 WHERE count_id = "
                    "(SELECT max(id) FROM till_count WHERE state = 'confirmed')")
        con.execute("UPDATE emergency_run SET cause = '无' WHERE id = "
                    "(SELECT min(id) FROM emergency_run WHERE finished_at IS NOT NULL)")
    finally:
        con.close()


def _via_services(path: Path, full: bool = False) -> check.CheckResult:
    """The SQLAlchemy way: a read-only Database and the maintenance service."""
    db = Database(sqlite_url(path), read_only=True)
    try:
        return build_services(db, modules=()).maintenance.verify(full=full)
    finally:
        db.dispose()


def _via_rows(path: Path, parts: int, workers: int, full: bool = False) -> check.CheckResult:
    """The command line's way: sqlite3 alone, ``parts`` chain ranges, ``workers`` forks."""
    rows = SqliteRows.open_file(path)
    try:
        plan = check.Plan(rows, identity=file_identity(path), chain_parts=parts,
                          integrity="full" if full else "quick")
        if workers == 1:
            return plan.run(check.run_in_order(rows))
    finally:
        rows.close()
    return plan.run(fork_runner(lambda: SqliteRows.open_file(path), workers))


def test_untouched_hall_reads_alike_every_way(hall_file):
    expected = _via_services(hall_file)
    assert expected.problems == [] and expected.head is not None
    for parts, workers in ((1, 1), (4, 1), (5, 2), (7, 3)):
        assert _via_rows(hall_file, parts, workers) == expected, (parts, workers)


def test_every_tampering_reads_alike_every_way(hall_file):
    _tamper_everything(hall_file)
    expected = _via_services(hall_file)
    text = "\n".join(expected.problems)
    for needle in ("#7 的内容与哈希不符", "缺失（编号不连续）", "已被删除", "的角色",
                   "已签字的值班日志", "交接事项", "款箱清点", "lines", "应急记录"):
        assert needle in text, (needle, text)
    for parts, workers in ((1, 1), (6, 1), (6, 2), (9, 3)):
        assert _via_rows(hall_file, parts, workers) == expected, (parts, workers)
    assert _via_rows(hall_file, 6, 2, full=True) == _via_services(hall_file, full=True)


@pytest.mark.parametrize("where", ["first", "second"])
def test_a_changed_entry_is_found_in_either_half_of_a_parallel_run(hall_file, where):
    con = _raw(hall_file)
    last = con.execute("SELECT max(id) FROM audit_entry").fetchone()[0]
    victim = 3 if where == "first" else last - 3
    con.execute("DROP TRIGGER audit_entry_no_update")
    con.execute("UPDATE audit_entry SET after_json = '{}' WHERE id = ?", (victim,))
    con.close()
    result = _via_rows(hall_file, 2, 2)
    assert result.problems[0] == f"审计记录 #{victim} 的内容与哈希不符（记录被修改）"
    assert "只追加保护已被移除" in result.problems[1] and len(result.problems) == 2
    assert result == _via_services(hall_file)


def test_entries_deleted_at_a_range_boundary_read_as_in_one_pass(hall_file):
    """Ranges are checked from the stored entry before them: a hole exactly where one range
    starts is reported once, as the one pass over the whole log reports it."""
    rows = SqliteRows.open_file(hall_file)
    try:
        from hallmanager.storage.chain import id_ranges

        starts = [lo for lo, _hi in id_ranges(rows, 4) if lo is not None]
    finally:
        rows.close()
    con = _raw(hall_file)
    con.execute("DROP TRIGGER audit_entry_no_delete")
    con.execute("DELETE FROM audit_entry WHERE id IN (?, ?, ?)",
                (starts[0], starts[1] - 1, starts[2]))
    con.execute("DELETE FROM audit_entry WHERE id BETWEEN ? AND ?", (starts[2] + 1,
                                                                    starts[2] + 4))
    con.close()
    expected = _via_services(hall_file)
    assert sum("缺失（编号不连续）" in p for p in expected.problems) == 3
    assert _via_rows(hall_file, 4, 1) == expected
    assert _via_rows(hall_file, 4, 2) == expected


def test_ranges_checked_from_their_predecessor_join_up_to_one_pass():
    """The domain rule: a log cut anywhere, each piece started from the stored entry before
    it, gives the one pass's problems."""
    from hallmanager.domain.audit_chain import ChainEntry, entry_hash

    rows, prev = [], GENESIS
    for i in range(1, 40):
        e = ChainEntry(i, "2026-11-22 09:00:00", None, "u", "a", "e", str(i), None, None,
                       prev, "")
        h = entry_hash(prev, e.payload())
        rows.append((i, e.at, None, "u", "a", "e", str(i), None, None, prev, h))
        prev = h
    rows[10] = (*rows[10][:6], "changed", *rows[10][7:])
    del rows[20]
    whole = verify_rows(rows)
    assert len(whole) == 3
    for cut in range(1, len(rows)):
        before = rows[cut - 1]
        assert (verify_rows(rows[:cut]) + verify_rows(rows[cut:], prev_id=before[0],
                                                      prev_hash=before[10])) == whole


def test_a_failing_part_fails_the_parallel_run_with_its_own_message(hall_file):
    def boom(_rows, _report):
        raise ValueError("坏了 / broken")

    parts = [check.Part("fine", lambda rows, _r: rows.one("SELECT 1")[0]),
             check.Part("boom", boom)]
    with pytest.raises(ValueError, match="坏了"):
        fork_runner(lambda: SqliteRows.open_file(hall_file), 2)(parts, None)
    assert fork_runner(lambda: SqliteRows.open_file(hall_file), 2)(parts[:1], None) == [1]


def test_progress_of_a_parallel_run_adds_up_to_the_whole_log(hall_file):
    rows = SqliteRows.open_file(hall_file)
    try:
        plan = check.Plan(rows, chain_parts=4, integrity="quick")
    finally:
        rows.close()
    seen: list[tuple[int, int]] = []
    result = plan.run(fork_runner(lambda: SqliteRows.open_file(hall_file), 2),
                      lambda done, total: seen.append((done, total)))
    assert result.problems == []
    assert seen and max(d for d, _t in seen) == plan.total
    assert {t for _d, t in seen} == {plan.total}


def test_no_fork_beside_threads():
    """A process with another thread (or Qt) runs the parts in order instead of forking."""
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        assert usable_workers() == 1
    finally:
        stop.set()
        t.join()


@pytest.mark.parametrize("url", [
    "sqlite:///hall.sqlite", "sqlite:////abs/x@y:z/d.db", "sqlite:///a%20b.sqlite",
    "sqlite:///a b.sqlite", "sqlite+pysqlite:///rel/a.db", "sqlite:///中文/库.sqlite",
    "sqlite:///C:\\x\\y.db", "sqlite:///x#y.db",
])
def test_plain_sqlite_urls_name_the_file_sqlalchemy_names(url):
    assert sqlite_file_of_url(url) == sqlite_path(url)


@pytest.mark.parametrize("url", [
    "sqlite://", "sqlite:///:memory:", "sqlite:///hall.sqlite?timeout=5",
    "postgresql+psycopg://u@h/db", "sqlite:///file:x?mode=ro&uri=true",
])
def test_other_urls_are_left_to_sqlalchemy(url):
    assert sqlite_file_of_url(url) is None


def test_file_identity_is_the_database_identity(hall_file):
    assert file_identity(hall_file) == database_identity(sqlite_url(hall_file))


def test_the_command_prints_the_same_report_both_ways(hall_file, capsys):
    """``--db`` (sqlite3, forked workers) against a URL with an option (SQLAlchemy and the
    services): the same lines, tampered or not."""
    def both() -> tuple[str, str]:
        rc1 = main(["check", "--db", str(hall_file)])
        fast = capsys.readouterr().out
        rc2 = main(["check", "--db-url", f"{sqlite_url(hall_file)}?timeout=10"])
        slow = capsys.readouterr().out
        assert rc1 == rc2
        return fast, slow

    fast, slow = both()
    assert fast == slow and "数据库检查通过" in fast
    _tamper_everything(hall_file)
    fast, slow = both()
    assert fast == slow and "个问题" in fast


PROBE = r"""
import json, sys
from hallmanager.cli import main
rc = main(sys.argv[1:])
print(json.dumps({"rc": rc, "modules": sorted(sys.modules)}))
"""


def test_check_of_a_file_imports_no_sqlalchemy(hall_file):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", PROBE, "check", "--db", str(hall_file)],
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    data = json.loads(out.stdout.strip().splitlines()[-1])
    assert data["rc"] == 0, out.stdout
    assert not [m for m in data["modules"] if m.split(".")[0] in ("sqlalchemy", "alembic")]


def test_reading_only_the_replayed_actions_gives_those_entries_of_a_whole_read(hall_file):
    """Each record check reads only the actions it replays, through the (action, at) index:
    exactly the entries, in the same order, that filtering everything would keep."""
    from hallmanager.storage import integrity

    _tamper_everything(hall_file)
    rows = SqliteRows.open_file(hall_file)
    try:
        for entity, actions in (("duty_log", integrity._DUTY_LOG_ACTIONS),
                                ("handover_item", integrity._HANDOVER_ACTIONS),
                                ("till_count", integrity._TILL_ACTIONS),
                                ("emergency_run", integrity._RUN_ACTIONS)):
            every = list(integrity._entries(rows, entity))
            chosen = list(integrity._entries(rows, entity, actions))
            assert chosen and chosen == [e for e in every if e[2] in actions], entity
            assert len(chosen) < len(every) or entity in ("handover_item", "emergency_run")
        assert len(integrity.record_problems(rows)) >= 5
    finally:
        rows.close()
