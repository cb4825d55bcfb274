"""Engine setup: SQLite pragmas for durability and the pysqlite BEGIN IMMEDIATE fix.

pysqlite by default emits its own deferred BEGIN lazily, which breaks SERIALIZABLE semantics
and lets two writers deadlock; SQLAlchemy's documented fix is to switch the driver's own
transaction handling off and emit BEGIN ourselves. Write engines use BEGIN IMMEDIATE so a
write transaction takes the write lock up front (and waits for the busy timeout) rather than
failing half-way; the read engine uses a plain deferred BEGIN so readers never block.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Dialect, make_url
from sqlalchemy.util import LRUCache

from hallmanager.storage.sqlite_file import sqlite_readonly_uri

BUSY_TIMEOUT_MS = 10_000

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
)
SQLITE_READONLY_PRAGMAS = (
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
    "PRAGMA query_only=ON",
)


def is_sqlite(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def make_engine(
    url: str | URL, *, immediate: bool = True, echo: bool = False, read_only: bool = False
) -> Engine:
    """Create an engine; for SQLite apply pragmas on every pooled connection.

    ``read_only`` (SQLite files only) opens every connection with ``mode=ro`` so checks can
    run beside a running desk app without changing anything.
    """
    u = make_url(url)
    # hide_parameters: SQL errors and echo never show bound values (customer text, phone
    # numbers) — such messages end up in tracebacks and log files.
    kwargs: dict[str, Any] = {"echo": echo, "future": True, "hide_parameters": True}
    sqlite = u.get_backend_name() == "sqlite"
    if sqlite:
        kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        if read_only:
            if not u.database or u.database == ":memory:":
                raise ValueError("read_only needs a SQLite file")
            ro_path = u.database

            def _connect() -> sqlite3.Connection:
                return sqlite3.connect(
                    sqlite_readonly_uri(ro_path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
                )

            kwargs = {**kwargs, "creator": _connect}
    engine = create_engine(u, **kwargs)
    if sqlite:
        _install_sqlite_hooks(engine, immediate=immediate and not read_only, read_only=read_only)
        _SQLITE_STATEMENTS.share_with(engine)
    elif u.get_backend_name() == "postgresql" and immediate:
        _install_postgres_write_lock(engine)
    return engine


class _SharedStatements:
    """One SQLite dialect and one cache of compiled statements for every SQLite engine of the
    process.

    SQLAlchemy caches a compiled statement per engine, keyed by the engine's dialect object,
    so each new engine (the read and the write engine of a database, a backup being verified,
    a restore, every database a test opens) compiled every statement again: compiling was the
    largest cost of a service call on a fresh engine. The SQLite dialect is the same for every
    file (one sqlite3 library per process), so engines share the first one that has connected
    (SQLAlchemy initialises a dialect at its engine's first connection): an engine made later
    takes it at once, one made before takes it at its own first connection (its connections
    opened until then keep its own dialect). Sharing the cache is safe either way: its keys
    name the dialect. It holds compiled SQL only, no application state, like SQLAlchemy's own
    module-level caches; PostgreSQL engines keep their own (one server per process anyway).
    """

    def __init__(self, size: int = 2000) -> None:
        self.cache: LRUCache[Any, Any] = LRUCache(size)
        self.dialect: Dialect | None = None

    def share_with(self, engine: Engine) -> None:
        engine.update_execution_options(compiled_cache=self.cache)
        shared = self.dialect
        if shared is not None and type(shared) is type(engine.dialect):
            engine.dialect = shared
            return
        own = engine.dialect

        # Registered after create_engine's own first-connect listener, so ``own`` is
        # initialised when this runs.
        @event.listens_for(engine, "connect")
        def _adopt(_dbapi_conn: Any, _record: Any) -> None:
            if self.dialect is None:
                self.dialect = own
            elif type(self.dialect) is type(own):
                engine.dialect = self.dialect


_SQLITE_STATEMENTS = _SharedStatements()


# pg_advisory_xact_lock key shared by every hallmanager writer of one PostgreSQL database.
PG_WRITE_LOCK_KEY = 0x68616C6C  # "hall"


def _install_postgres_write_lock(engine: Engine) -> None:
    """PostgreSQL's counterpart of BEGIN IMMEDIATE: writers queue on one advisory lock.

    Services read, decide and write in one transaction (a duty log per date and shift, the
    next audit entry chained to the newest one); under READ COMMITTED two desks could both
    decide on the same state. A transaction-scoped advisory lock taken at BEGIN serialises
    write transactions exactly as SQLite does, and is released at COMMIT or ROLLBACK.
    """

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK_KEY})")


def _install_sqlite_hooks(engine: Engine, *, immediate: bool, read_only: bool = False) -> None:
    begin_sql = "BEGIN IMMEDIATE" if immediate else "BEGIN"
    # A read-only connection must not try to switch the journal mode (that writes the header).
    pragmas = SQLITE_READONLY_PRAGMAS if read_only else SQLITE_PRAGMAS

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Disable pysqlite's own BEGIN handling (SQLAlchemy docs, "Serializable isolation /
        # Savepoints / Transactional DDL"); we emit BEGIN in the "begin" event below.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        try:
            for pragma in pragmas:
                cur.execute(pragma)
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql(begin_sql)
