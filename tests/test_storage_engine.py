"""The SQLite pragmas and the BEGIN IMMEDIATE fix, read back from real pooled connections."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from hallmanager.storage.engine import BUSY_TIMEOUT_MS


@pytest.mark.parametrize("which", ["engine", "read_engine"])
def test_pragmas_on_pooled_connections(db, which):
    """GIVEN an open database THEN every pooled connection of both engines has the pragmas."""
    engine = getattr(db, which)
    assert engine is not None
    with engine.connect() as conn:
        got = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
    assert got["journal_mode"] == "wal"
    assert got["synchronous"] == 2  # FULL
    assert got["foreign_keys"] == 1
    assert got["busy_timeout"] >= 5000
    assert BUSY_TIMEOUT_MS >= 5000


def _other_writer_can_begin(db_path) -> bool:
    """Whether a second connection gets the write lock right now (no waiting)."""
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        assert "locked" in str(exc)
        return False
    else:
        other.execute("ROLLBACK")
        return True
    finally:
        other.close()


def test_write_session_takes_reserved_lock_at_begin(db, db_path):
    """GIVEN a write session that has only read WHEN another writer tries THEN it is refused:
    BEGIN IMMEDIATE took the write lock up front, so two writers can't deadlock mid-way."""
    with db.write() as s:
        s.execute(text("SELECT 1"))
        assert not _other_writer_can_begin(db_path)
    assert _other_writer_can_begin(db_path)


def test_read_session_does_not_block_writers(db, db_path):
    """The contrast: a read session (deferred BEGIN) leaves the write lock free."""
    with db.read() as s:
        s.execute(text("SELECT count(*) FROM user")).scalar()
        assert _other_writer_can_begin(db_path)


def test_failed_write_rolls_back(db):
    with pytest.raises(RuntimeError), db.write() as s:
        s.execute(text("INSERT INTO shift (name, start, \"end\", sort_order, active) "
                       "VALUES ('夜班', '20:00', '23:00', 0, 1)"))
        raise RuntimeError("boom")
    with db.read() as s:
        assert s.execute(text("SELECT count(*) FROM shift")).scalar() == 0


def test_foreign_keys_are_enforced(db):
    """foreign_keys=ON is real: an audit entry naming a missing user is refused (as a
    DatabaseError saying nothing was done, the driver's words in its detail)."""
    from hallmanager.domain.errors import DatabaseError

    with pytest.raises(DatabaseError) as err, db.write() as s:
        s.execute(text("INSERT INTO audit_entry (at, user_id, username, action, entity, prev_hash,"
                       " hash) VALUES ('2026-11-22 09:00:00', 999, 'x', 'a', 'e', 'p', 'h')"))
    assert "操作未完成" in err.value.message and "FOREIGN KEY" in err.value.detail


def test_sql_errors_do_not_carry_the_values(tmp_path):
    """A failing statement's message (which ends up in tracebacks and logs) names the SQL but
    not the bound values, so no customer text or phone number leaks into a log file."""
    from sqlalchemy.exc import IntegrityError

    from hallmanager.storage.database import sqlite_url
    from hallmanager.storage.engine import make_engine

    engine = make_engine(sqlite_url(tmp_path / "e.sqlite"))
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE t (phone TEXT UNIQUE)"))
            conn.execute(text("INSERT INTO t VALUES (:p)"), {"p": "13812345678"})
        with pytest.raises(IntegrityError) as info, engine.begin() as conn:
            conn.execute(text("INSERT INTO t VALUES (:p)"), {"p": "13812345678"})
        assert "INSERT INTO t" in str(info.value) and "13812345678" not in str(info.value)
    finally:
        engine.dispose()


def test_engines_share_compiled_statements_and_keep_their_own_rows(tmp_path):
    """GIVEN two database files THEN a statement compiled for the first is not compiled again
    for the second, nor for its read engine, and each engine still reads its own file."""
    from sqlalchemy import event, select

    from hallmanager.storage.engine import make_engine
    from hallmanager.storage.models import HallSettings

    hits: list[tuple[str, bool]] = []
    engines = []
    query = select(HallSettings.name).where(HallSettings.id == 1)
    for name in ("a", "b"):
        path = tmp_path / f"{name}.sqlite"
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE hall_settings (id INTEGER PRIMARY KEY, name TEXT)")
        con.execute("INSERT INTO hall_settings (id, name) VALUES (1, ?)", (f"厅{name}",))
        con.commit()
        con.close()
        for immediate in (True, False):
            engine = make_engine(f"sqlite:///{path}", immediate=immediate)
            event.listen(engine, "after_cursor_execute",
                         lambda *a, _n=name: a[2].startswith("SELECT") and hits.append(
                             (_n, a[4].cache_hit == a[4].dialect.CACHE_HIT)))
            engines.append((name, engine))
            with engine.connect() as conn:
                assert conn.execute(query).scalar_one() == f"厅{name}"
    for _name, engine in engines:
        engine.dispose()
    # the first engine may compile (an earlier test may already have); every other one hits
    assert [hit for _n, hit in hits[1:]] == [True, True, True]
    assert len({id(engine.dialect) for _n, engine in engines[1:]}) == 1
