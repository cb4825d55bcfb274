"""Plain rows for the checks (``hallmanager check``, the desk's 校验审计链, backup verification).

The checks read tables by name with plain SQL and compare plain values, so they need no ORM
and no SQLAlchemy: ``SqliteRows`` reads a SQLite file with Python's own ``sqlite3`` (the
command line's path: importing SQLAlchemy alone costs a third of a second on a desk PC), and
``storage.session_rows.session_rows`` gives the same interface over an open SQLAlchemy
session (the desk, PostgreSQL). Both hand out the driver's values; the few typed columns the
checks compare (times, days, flags) go through ``to_datetime``/``to_date``/``to_bool``, which
do exactly what SQLAlchemy's SQLite types do with a stored value (and leave the already typed
values of PostgreSQL's driver as they are), so both paths see the same values.

SQL is written with ``:name`` parameters (both ``sqlite3`` and SQLAlchemy's ``text`` take
them) and double-quoted identifiers (``"user"`` is reserved on PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from hallmanager.storage.sqlite_file import sqlite_readonly_uri

#: How long a read waits for a writer's lock (the read-only engine's busy timeout).
BUSY_TIMEOUT_S = 10.0
#: Rows per fetch: a row at a time costs a third of the time (per-call overhead), the whole
#: result at once costs memory that grows with the history.
BATCH = 2000


class Rows(Protocol):
    """Read-only access to one database for the checks."""

    #: "sqlite", "postgresql", …
    dialect: str

    def batches(self, sql: str, params: Mapping[str, Any] | None = None,
                batch: int = BATCH) -> Iterator[list[tuple[Any, ...]]]:
        """The result in lists of at most ``batch`` tuples (streamed)."""
        ...

    def one(self, sql: str, params: Mapping[str, Any] | None = None) -> tuple[Any, ...] | None:
        """The first row, or None."""
        ...

    def tables(self) -> set[str]:
        """The names of the database's own tables."""
        ...

    def snapshot(self) -> Any:
        """A context manager: everything read inside it comes from one read transaction."""
        ...


def each(rows: Rows, sql: str, params: Mapping[str, Any] | None = None) -> Iterator[tuple]:
    """Every row of a query, one by one (fetched in batches)."""
    for part in rows.batches(sql, params):
        yield from part


class SqliteRows:
    """``Rows`` over a ``sqlite3`` connection in autocommit mode (``isolation_level=None``);
    ``snapshot`` opens a deferred transaction unless one is open already (a connection that
    SQLAlchemy lent us is inside its session's transaction)."""

    dialect = "sqlite"

    def __init__(self, con: sqlite3.Connection, *, owned: bool = False) -> None:
        self.con = con
        self._owned = owned

    @classmethod
    def open_file(cls, path: Path | str, *, timeout: float = BUSY_TIMEOUT_S) -> SqliteRows:
        """A read-only connection to a SQLite file that creates and changes nothing
        (``sqlite_readonly_uri``), with the read-only engine's ``query_only``."""
        con = sqlite3.connect(sqlite_readonly_uri(path), uri=True, timeout=timeout,
                              isolation_level=None, check_same_thread=False)
        try:
            con.execute("PRAGMA query_only=ON")
        except sqlite3.Error:
            con.close()
            raise
        return cls(con, owned=True)

    def close(self) -> None:
        if self._owned:
            self.con.close()

    def batches(self, sql: str, params: Mapping[str, Any] | None = None,
                batch: int = BATCH) -> Iterator[list[tuple[Any, ...]]]:
        cur = self.con.cursor()
        try:
            cur.execute(sql, params or {})
            while part := cur.fetchmany(batch):
                yield part
        finally:
            cur.close()

    def one(self, sql: str, params: Mapping[str, Any] | None = None) -> tuple[Any, ...] | None:
        cur = self.con.execute(sql, params or {})
        try:
            return cur.fetchone()
        finally:
            cur.close()

    def tables(self) -> set[str]:
        # what SQLAlchemy's inspector lists for SQLite: the main schema, SQLite's own excluded
        return {r[0] for r in self.con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite~_%' ESCAPE '~'")}

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        if self.con.in_transaction:
            yield
            return
        self.con.execute("BEGIN")
        try:
            yield
        finally:
            if self.con.in_transaction:
                self.con.execute("ROLLBACK")  # read only: nothing to keep


# --- the typed columns, as SQLAlchemy's SQLite types convert them ------------------------------


def to_datetime(value: Any) -> dt.datetime | None:
    """A ``DateTime`` column's value: SQLite stores text, which SQLAlchemy reads with
    ``datetime.fromisoformat`` (raising on anything else, as it does); PostgreSQL's driver
    already gives a datetime."""
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(value)


def to_date(value: Any) -> dt.date | None:
    """A ``Date`` column's value (``date.fromisoformat`` of SQLite's text)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def to_bool(value: Any) -> bool | None:
    """A ``Boolean`` column's value (SQLite keeps 0/1; SQLAlchemy reads ``bool(value)``)."""
    return None if value is None else bool(value)


def at_text(value: Any) -> str:
    """The audit entry's ``at`` as the chain hashes it: ``datetime.isoformat(sep=" ")`` of
    the value the ORM reads."""
    if value is not None and not isinstance(value, dt.datetime):
        value = dt.datetime.fromisoformat(value)
    return value.isoformat(sep=" ")  # type: ignore[union-attr] (None fails as with the ORM)
