"""Opening a database file safely: every kind of unusable file is refused untouched.

For each bad file: the right DatabaseError subclass, a Chinese message naming the path, the
file's bytes unchanged (sha256) and no -wal/-shm/backup/lock file left beside it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import re
import shutil
import socket
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory

from hallmanager.domain.errors import (
    DatabaseCorrupt,
    DatabaseInUse,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseTooNew,
    StaleLock,
)
from hallmanager.storage.anchors import (
    Anchor,
    database_identity,
    read_local_anchor,
    write_local_anchor,
)
from hallmanager.storage.audit import append_audit
from hallmanager.storage.database import backup_name, open_database, sqlite_url
from hallmanager.storage.engine import make_engine
from hallmanager.storage.instance_lock import LockInfo, boot_time, hostname, lock_path_for
from hallmanager.storage.migrate import alembic_config, head_revision
from tests.conftest import dead_pid

FAST = 0.2  # seconds open_database waits on a lock in these tests


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_listing(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


#: audit_rows → (a closed hall database built by ``_build_hall_db``, its local anchor), per module
_HALL_DBS: dict[int, tuple[Path, Anchor | None]] = {}
_HALL_DB_DIR: list[Path] = []


@pytest.fixture(autouse=True, scope="module")
def _hall_db_templates(tmp_path_factory):
    _HALL_DB_DIR[:] = [tmp_path_factory.mktemp("hall-dbs")]
    yield
    _HALL_DBS.clear()


def _build_hall_db(path: Path, audit_rows: int) -> None:
    db = open_database(sqlite_url(path))
    with db.write() as s:
        for i in range(audit_rows):
            append_audit(s, at=dt.datetime(2026, 11, 22, 9, 0), user_id=None, username="system",
                         action="test", entity="filler", entity_id=i, after={"n": i, "pad": "x" * 200})
    db.dispose()


def make_hall_db(path: Path, *, audit_rows: int = 3) -> None:
    """A real, closed hallmanager database (WAL header, no -wal left) with some audit rows.

    Built (migrated from nothing) once per module and size, then copied with the local
    anchor the program wrote for it, as the program would have anchored the copy."""
    if audit_rows not in _HALL_DBS:
        template = _HALL_DB_DIR[0] / f"rows{audit_rows}" / "hall.sqlite"
        template.parent.mkdir()
        _build_hall_db(template, audit_rows)
        assert folder_listing(template) == {template.name}
        _HALL_DBS[audit_rows] = (template,
                                 read_local_anchor(database_identity(sqlite_url(template))))
    template, anchor = _HALL_DBS[audit_rows]
    shutil.copyfile(template, path)
    if anchor is not None:
        write_local_anchor(database_identity(sqlite_url(path)), anchor)
    assert folder_listing(path) == {path.name}


def assert_refused_untouched(path: Path, exc_type: type, **open_kwargs) -> Exception:
    """WHEN the file is opened THEN exc_type is raised and nothing changed on disk."""
    digest = sha256(path) if path.exists() else None
    before = folder_listing(path)
    with pytest.raises(exc_type) as info:
        open_database(sqlite_url(path), lock_wait=FAST, **open_kwargs)
    err = info.value
    assert has_chinese(err.message), err.message
    assert str(path) in err.message or str(path.parent) in err.message
    if digest is not None:
        assert sha256(path) == digest, "the refused file was modified"
    assert folder_listing(path) == before, "files were created or removed beside the database"
    return err


# --- new, ok and migrated files -----------------------------------------------------------------


def test_missing_folder_is_created(tmp_path):
    """GIVEN a path in folders that don't exist WHEN opened THEN they and the schema appear."""
    path = tmp_path / "a" / "b" / "hall.sqlite"
    db = open_database(sqlite_url(path))
    try:
        assert path.exists()
        with sqlite3.connect(path) as con:
            assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
        assert db.backup_path is None
    finally:
        db.dispose()


def test_lock_file_taken_and_released(tmp_path):
    path = tmp_path / "hall.sqlite"
    db = open_database(sqlite_url(path))
    lock_file = lock_path_for(path)
    try:
        assert lock_file.exists()
        info = LockInfo.from_json(lock_file.read_text(encoding="utf-8"))
        assert (info.host, info.pid) == (hostname(), os.getpid())
        assert db.lock_info == info
    finally:
        db.dispose()
    assert not lock_file.exists()
    assert db.lock_info is None


def test_second_open_in_same_process_is_refused(tmp_path):
    """GIVEN the file open (lock held) WHEN opened again THEN DatabaseInUse, not StaleLock."""
    path = tmp_path / "hall.sqlite"
    db = open_database(sqlite_url(path))
    try:
        err = assert_refused_untouched(path, DatabaseInUse)
        assert not isinstance(err, StaleLock)
        assert err.pid == os.getpid()
    finally:
        db.dispose()


def test_reopening_current_file_makes_no_backup(tmp_path):
    path = tmp_path / "hall.sqlite"
    make_hall_db(path)
    db = open_database(sqlite_url(path))
    db.dispose()
    assert db.backup_path is None
    assert folder_listing(path) == {path.name}


def _revisions_oldest_first() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def test_pending_migration_backs_up_first(tmp_path):
    """GIVEN a file at the first schema revision with data WHEN opened THEN a consistent backup
    at the old revision sits beside it and the file itself is at head."""
    revisions = _revisions_oldest_first()
    if len(revisions) < 2:
        pytest.skip("needs at least two schema revisions to have a pending migration")
    old = revisions[0]
    path = tmp_path / "hall.sqlite"
    engine = make_engine(sqlite_url(path))
    cfg = alembic_config(sqlite_url(path))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, old)
        conn.exec_driver_sql(
            "INSERT INTO hall_settings (id, name, code, language, idle_lock_minutes, created_at,"
            " updated_at) VALUES (1, '旧厅', 'OLD', 'zh_CN', 5, '2026-01-01 00:00:00',"
            " '2026-01-01 00:00:00')"
        )
    engine.dispose()

    when = dt.datetime(2026, 11, 22, 8, 30, 15)
    db = open_database(sqlite_url(path), now=when)
    db.dispose()

    expected = backup_name(path, when)
    assert expected.name == "hall.backup-20261122-083015.sqlite"
    assert db.backup_path == expected and expected.exists()
    with sqlite3.connect(f"file:{expected}?mode=ro", uri=True) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == old
        assert con.execute("SELECT name FROM hall_settings").fetchone()[0] == "旧厅"
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
        assert con.execute("SELECT name FROM hall_settings").fetchone()[0] == "旧厅"


def test_backup_false_skips_backup(tmp_path):
    revisions = _revisions_oldest_first()
    if len(revisions) < 2:
        pytest.skip("needs at least two schema revisions to have a pending migration")
    path = tmp_path / "hall.sqlite"
    engine = make_engine(sqlite_url(path))
    cfg = alembic_config(sqlite_url(path))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revisions[0])
    engine.dispose()
    db = open_database(sqlite_url(path), backup=False)
    db.dispose()
    assert db.backup_path is None
    assert not list(tmp_path.glob("*.backup-*"))


# --- read-only ----------------------------------------------------------------------------------


def _root_cannot_be_stopped(path: Path) -> bool:
    return os.access(path, os.W_OK)


def test_read_only_file(tmp_path):
    path = tmp_path / "hall.sqlite"
    make_hall_db(path)
    path.chmod(0o444)
    try:
        if _root_cannot_be_stopped(path):
            pytest.skip("running as root: chmod 0o444 does not stop writes (see simulated test)")
        assert_refused_untouched(path, DatabaseReadOnly)
    finally:
        path.chmod(0o644)


def test_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "hall.sqlite"
    make_hall_db(path)
    folder.chmod(0o555)
    try:
        if _root_cannot_be_stopped(folder):
            pytest.skip("running as root: chmod 0o555 does not stop writes (see simulated test)")
        err = assert_refused_untouched(path, DatabaseReadOnly)
        assert "-wal" in err.message
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_as_the_os_reports_it(tmp_path, monkeypatch, what):
    """Runs even as root: the OS's answer (os.access) is what open_database goes by."""
    path = tmp_path / "hall.sqlite"
    make_hall_db(path)
    denied = path if what == "file" else path.parent
    real_access = os.access

    def access(p, mode, *a, **kw):  # type: ignore[no-untyped-def]
        if mode & os.W_OK and Path(p) == denied:
            return False
        return real_access(p, mode, *a, **kw)

    monkeypatch.setattr(os, "access", access)
    err = assert_refused_untouched(path, DatabaseReadOnly)
    assert "只读" in err.message


# --- locked -------------------------------------------------------------------------------------


def test_locked_by_a_writer_in_wal_mode(tmp_path):
    """GIVEN another connection inside BEGIN IMMEDIATE WHEN opened THEN DatabaseLocked."""
    path = tmp_path / "hall.sqlite"
    make_hall_db(path)
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        err = assert_refused_untouched(path, DatabaseLocked)
        assert "锁定" in err.message
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_locked_exclusively_in_rollback_mode(tmp_path):
    """GIVEN a rollback-journal file held with BEGIN EXCLUSIVE (not even readable) THEN locked."""
    path = tmp_path / "hall.sqlite"
    make_hall_db(path)
    with sqlite3.connect(path) as con:
        con.execute("PRAGMA journal_mode=DELETE")
    con.close()
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        assert_refused_untouched(path, DatabaseLocked)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


# --- corrupt ------------------------------------------------------------------------------------


def test_random_bytes_are_corrupt(tmp_path):
    path = tmp_path / "hall.sqlite"
    path.write_bytes(random.Random(7).randbytes(64 * 1024))
    err = assert_refused_untouched(path, DatabaseCorrupt)
    assert "SQLite" in err.message


def test_text_file_is_corrupt(tmp_path):
    path = tmp_path / "hall.sqlite"
    path.write_text("这是一个记事本文件，不是数据库。\n", encoding="utf-8")
    assert_refused_untouched(path, DatabaseCorrupt)


def test_overwritten_pages_are_corrupt(tmp_path):
    """GIVEN a real database whose middle pages were overwritten THEN quick_check refuses it."""
    path = tmp_path / "hall.sqlite"
    make_hall_db(path, audit_rows=300)
    size = path.stat().st_size
    assert size > 16 * 4096
    with path.open("r+b") as f:
        f.seek((size // 2) // 4096 * 4096)
        f.write(random.Random(3).randbytes(3 * 4096))
    err = assert_refused_untouched(path, DatabaseCorrupt)
    assert "损坏" in err.message


def test_foreign_sqlite_file_is_refused(tmp_path):
    """A SQLite file of some other program is not migrated into ours."""
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE contacts (name TEXT)")
    con.close()
    err = assert_refused_untouched(path, DatabaseCorrupt)
    assert "不是营业厅工作台的数据库" in err.message


# --- newer than this program ------------------------------------------------------------------


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "hall.sqlite"
    make_hall_db(path)
    with sqlite3.connect(path) as con:
        con.execute("UPDATE alembic_version SET version_num = 'ffff9999'")
    con.close()
    assert folder_listing(path) == {path.name}
    err = assert_refused_untouched(path, DatabaseTooNew)
    assert "ffff9999" in err.message


# --- instance lock ------------------------------------------------------------------------------


def _write_lock(path: Path, info: LockInfo) -> Path:
    lock_file = lock_path_for(path)
    lock_file.write_text(info.to_json(), encoding="utf-8")
    return lock_file


def test_lock_of_a_live_process_on_this_host(tmp_path):
    path = tmp_path / "hall.sqlite"
    make_hall_db(path)
    lock_file = _write_lock(path, LockInfo.for_this_process())
    digest = sha256(lock_file)
    err = assert_refused_untouched(path, DatabaseInUse)
    assert not isinstance(err, StaleLock)
    assert (err.host, err.pid) == (hostname(), os.getpid())
    assert "正被本机" in err.message
    assert sha256(lock_file) == digest


def test_lock_of_another_host_is_in_use(tmp_path):
    """We can't see processes on another PC, so its lock always counts as live."""
    path = tmp_path / "hall.sqlite"
    make_hall_db(path)
    other = LockInfo(host=socket.gethostname() + "-desk2", pid=dead_pid(),
                     started="2026-11-22 08:00:00", started_epoch=1.0)
    _write_lock(path, other)
    err = assert_refused_untouched(path, DatabaseInUse)
    assert not isinstance(err, StaleLock)
    assert err.host == other.host and other.host in err.message


def assert_taken_over(path: Path, old: LockInfo | None = None) -> None:
    """WHEN opened THEN the dead program's lock is replaced by ours, nothing else changes."""
    db = open_database(sqlite_url(path), lock_wait=FAST)
    try:
        assert db.stale_lock_cleared is not None
        if old is not None:
            assert db.stale_lock_cleared == old
        assert db.lock_info is not None and db.lock_info.pid == os.getpid()
        assert LockInfo.from_json(lock_path_for(path).read_text(encoding="utf-8")) == db.lock_info
    finally:
        db.dispose()
    assert not lock_path_for(path).exists()


def test_lock_of_a_dead_process_is_taken_over(tmp_path):
    path = tmp_path / "hall.sqlite"
    make_hall_db(path)
    info = LockInfo(host=hostname(), pid=dead_pid(), started="2026-11-22 08:00:00",
                    started_epoch=dt.datetime.now().timestamp())
    _write_lock(path, info)
    assert_taken_over(path, info)


def test_lock_from_before_the_last_boot_is_stale_even_if_pid_is_reused(tmp_path):
    """GIVEN a lock naming a live pid but taken before this computer booted THEN stale."""
    if boot_time() is None:
        pytest.skip("this OS does not report its boot time")
    path = tmp_path / "hall.sqlite"
    make_hall_db(path)
    info = LockInfo(host=hostname(), pid=os.getpid(), started="2000-01-01 08:00:00",
                    started_epoch=dt.datetime(2000, 1, 1).timestamp())
    _write_lock(path, info)
    assert_taken_over(path, info)


def test_garbled_lock_file_counts_as_stale_once_it_is_not_brand_new(tmp_path):
    path = tmp_path / "hall.sqlite"
    make_hall_db(path)
    lock_path_for(path).write_bytes(b"")
    # brand new: a starting program is writing it right now
    err = assert_refused_untouched(path, DatabaseInUse)
    assert not isinstance(err, StaleLock)
    old = dt.datetime.now().timestamp() - 3600
    os.utime(lock_path_for(path), (old, old))
    assert_taken_over(path)


def test_lock_false_ignores_lock_file(tmp_path):
    """The GUI opens with lock=False to let the hall manager clear a stale lock."""
    path = tmp_path / "hall.sqlite"
    make_hall_db(path)
    lock_file = _write_lock(path, LockInfo(host=hostname(), pid=dead_pid(), started="x"))
    db = open_database(sqlite_url(path), lock=False)
    try:
        assert db.lock_info is None
    finally:
        db.dispose()
    assert lock_file.exists(), "dispose must not remove a lock it doesn't hold"


# --- read-only open (hallmanager check) -------------------------------------------------------


def test_read_only_open_changes_nothing_and_refuses_writes(tmp_path):
    path = tmp_path / "hall.sqlite"
    make_hall_db(path)
    with sqlite3.connect(path) as con:
        con.execute("UPDATE alembic_version SET version_num = '0001'")
    con.close()
    digest = sha256(path)
    db = open_database(sqlite_url(path), read_only=True)
    try:
        with db.read() as s:
            n = s.connection().exec_driver_sql("SELECT count(*) FROM audit_entry").scalar_one()
        assert n == 3
        with pytest.raises(DatabaseReadOnly) as err, db.write() as s:
            s.connection().exec_driver_sql("DELETE FROM hall_settings")
        assert re.search(r"readonly|read-only|query_only|attempt to write", err.value.detail)
        assert db.lock_info is None
    finally:
        db.dispose()
    assert sha256(path) == digest
    assert folder_listing(path) == {path.name}


def test_in_memory_database_shares_one_engine():
    """sqlite:// (demo, quick scripts): no file checks, and reads see what was written."""
    db = open_database("sqlite://")
    try:
        assert db.path is None and db.read_engine is db.engine and db.lock_info is None
        with db.write() as s:
            append_audit(s, at=dt.datetime(2026, 11, 22, 9, 0), user_id=None, username="system",
                         action="test", entity="x")
        with db.read() as s:
            assert s.connection().exec_driver_sql("SELECT count(*) FROM audit_entry").scalar() == 1
    finally:
        db.dispose()


# --- nothing at open grows with the history (issue 9) -------------------------------------------


def test_current_schema_opens_without_alembic(tmp_path):
    """GIVEN a database at the head revision WHEN a fresh process opens it THEN Alembic is not
    even imported (no upgrade run, no full foreign_key_check); a new file still migrates."""
    import subprocess
    import sys

    path = tmp_path / "hall.sqlite"
    make_hall_db(path)
    code = ("import sys\nfrom hallmanager.storage.database import open_database, sqlite_url\n"
            f"db = open_database(sqlite_url({str(path)!r}))\n"
            "print('alembic' in sys.modules); db.dispose()\n"
            f"db = open_database(sqlite_url({str(tmp_path / 'new.sqlite')!r}))\n"
            "print('alembic' in sys.modules); db.dispose()\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120).stdout.split()
    assert out == ["False", "True"]


def test_head_revision_is_read_without_alembic_and_agrees_with_it():
    from hallmanager.storage.migrate import known_revisions

    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert head_revision() == script.get_current_head()
    assert known_revisions() == {r.revision for r in script.walk_revisions()}


def _damaged_big_file(tmp_path, monkeypatch) -> Path:
    """A database with overwritten middle pages, treated as 'big' (over the quick_check cap)."""
    from hallmanager.storage import database

    path = tmp_path / "hall.sqlite"
    make_hall_db(path, audit_rows=300)
    size = path.stat().st_size
    with sqlite3.connect(path) as con:  # leaf pages of the audit log: not read by opening
        pages = [r[0] for r in con.execute(
            "SELECT pageno FROM dbstat WHERE name = 'audit_entry' AND pagetype = 'leaf' "
            "ORDER BY pageno")]
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    middle = pages[len(pages) // 2 - 1: len(pages) // 2 + 2]
    with path.open("r+b") as f:
        for n in middle:
            f.seek((n - 1) * page_size)
            f.write(random.Random(n).randbytes(page_size))
    monkeypatch.setattr(database, "QUICK_CHECK_MAX_BYTES", size - 1)
    return path


def test_big_clean_file_opens_without_quick_check(tmp_path, monkeypatch):
    """GIVEN a file over the cap, closed cleanly THEN opening does not scan it (bounded
    cost; the damage is found by ``check``), …"""
    path = _damaged_big_file(tmp_path, monkeypatch)
    open_database(sqlite_url(path)).dispose()


def test_big_file_after_a_crash_is_quick_checked(tmp_path, monkeypatch):
    """… but after a crash (a dead program's lock taken over) the whole file is checked."""
    path = _damaged_big_file(tmp_path, monkeypatch)
    lock_path_for(path).write_text(LockInfo(
        host=hostname(), pid=dead_pid(), started="x",
        started_epoch=dt.datetime.now().timestamp()).to_json())
    with pytest.raises(DatabaseCorrupt):
        open_database(sqlite_url(path), lock_wait=FAST)
