"""Engine setup: SQLite pragmas for durability and the pysqlite BEGIN IMMEDIATE fix.

pysqlite by default emits its own deferred BEGIN lazily, which breaks SERIALIZABLE semantics
and lets two writers deadlock; SQLAlchemy's documented fix is to switch the driver's own
transaction handling off and emit BEGIN ourselves. Write engines use BEGIN IMMEDIATE so a
write transaction takes the write lock up front (and waits for the busy timeout) rather than
failing half-way; the read engine uses a plain deferred BEGIN so readers never block.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

BUSY_TIMEOUT_MS = 10_000

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
)


def is_sqlite(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def make_engine(url: str | URL, *, immediate: bool = True, echo: bool = False) -> Engine:
    """Create an engine; for SQLite apply pragmas on every pooled connection."""
    u = make_url(url)
    kwargs: dict[str, Any] = {"echo": echo, "future": True}
    if u.get_backend_name() == "sqlite":
        kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
    engine = create_engine(u, **kwargs)
    if u.get_backend_name() == "sqlite":
        _install_sqlite_hooks(engine, immediate=immediate)
    return engine


def _install_sqlite_hooks(engine: Engine, *, immediate: bool) -> None:
    begin_sql = "BEGIN IMMEDIATE" if immediate else "BEGIN"

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Disable pysqlite's own BEGIN handling (SQLAlchemy docs, "Serializable isolation /
        # Savepoints / Transactional DDL"); we emit BEGIN in the "begin" event below.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        try:
            for pragma in SQLITE_PRAGMAS:
                cur.execute(pragma)
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql(begin_sql)
