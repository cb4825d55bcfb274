"""``storage.rows.Rows`` over an open SQLAlchemy session: the checks run inside the session's
own transaction (the desk's 校验审计链, the service's ``verify``, PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy import inspect, text
from sqlalchemy.orm import Session

from hallmanager.storage.rows import BATCH, Rows, SqliteRows


def session_rows(session: Session) -> Rows:
    """The checks' view of ``session``: on SQLite the driver's own connection (exactly the
    rows the command line's ``SqliteRows`` reads), elsewhere SQLAlchemy ``text`` queries.
    Pending ORM changes are flushed first, as an ORM query would (autoflush)."""
    if session.autoflush:
        session.flush()
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        return SqliteRows(conn.connection.driver_connection)
    return _ServerRows(session)


class _ServerRows:
    """A server database (PostgreSQL) through the session; streamed with ``yield_per``."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.dialect = session.connection().dialect.name

    def batches(self, sql: str, params: Mapping[str, Any] | None = None,
                batch: int = BATCH) -> Iterator[list[tuple[Any, ...]]]:
        result = self.session.connection().execute(
            text(sql).execution_options(yield_per=batch), dict(params or {}))
        try:
            for part in result.partitions(batch):
                yield [tuple(r) for r in part]
        finally:
            result.close()

    def one(self, sql: str, params: Mapping[str, Any] | None = None) -> tuple[Any, ...] | None:
        row = self.session.connection().execute(text(sql), dict(params or {})).first()
        return None if row is None else tuple(row)

    def tables(self) -> set[str]:
        return set(inspect(self.session.connection()).get_table_names())

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        yield  # the session's transaction
