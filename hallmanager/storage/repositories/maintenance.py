"""Database-level checks and counts for ``hallmanager check`` (read-only, any dialect)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import inspect, text
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class ForeignKeyViolation:
    """A row of ``PRAGMA foreign_key_check``: ``table`` row ``rowid`` points at a missing
    ``parent`` row."""

    table: str
    rowid: int | None
    parent: str


def is_sqlite(s: Session) -> bool:
    """The PRAGMA checks exist only on SQLite."""
    return s.connection().dialect.name == "sqlite"


def integrity_check(s: Session, *, quick: bool = False) -> list[str]:
    """SQLite's ``PRAGMA integrity_check`` lines: ``["ok"]`` when the file is sound.
    ``quick``: ``PRAGMA quick_check`` — every page, record and NOT NULL/CHECK constraint, in
    time linear in the file, but without cross-checking each index against its table (the
    part that grows faster than the file: 10 s of a 1,000,000-entry audit log's 11 s)."""
    pragma = "quick_check" if quick else "integrity_check"
    return [r[0] for r in s.connection().exec_driver_sql(f"PRAGMA {pragma}")]


def foreign_key_violations(s: Session, *, limit: int) -> list[ForeignKeyViolation]:
    """The first ``limit`` rows SQLite's ``PRAGMA foreign_key_check`` reports."""
    rows = s.connection().exec_driver_sql("PRAGMA foreign_key_check").fetchall()[:limit]
    return [ForeignKeyViolation(table, rowid, parent) for table, rowid, parent, _fkid in rows]


def schema_revision(s: Session) -> str | None:
    """The Alembic revision the database is at (None before the first migration)."""
    from hallmanager.storage.migrate import current_revision

    return current_revision(s.connection())


def count_tables(s: Session) -> int:
    """How many tables the database has, SQLite's own excluded."""
    conn = s.connection()
    if conn.dialect.name == "sqlite":
        return int(conn.execute(
            text("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                 "AND name NOT LIKE 'sqlite_%'")
        ).scalar_one())
    return len(inspect(conn).get_table_names())


def missing_schema(s: Session) -> list[str]:
    """Tables, columns and indexes the models define that the database lacks ("table x",
    "column x.y", "index ix_…"): what a missing migration script leaves behind
    (``--self-test``; a migration may add only indexes, e.g. 0009)."""
    from hallmanager.storage.all_models import Base

    insp = inspect(s.connection())
    tables = set(insp.get_table_names())
    missing: list[str] = []
    for name, table in sorted(Base.metadata.tables.items()):
        if name not in tables:
            missing.append(f"table {name}")
            continue
        columns = {c["name"] for c in insp.get_columns(name)}
        missing += [f"column {name}.{c.name}" for c in table.columns if c.name not in columns]
        indexes = {i["name"] for i in insp.get_indexes(name)}
        missing += [f"index {i.name}" for i in sorted(table.indexes, key=lambda i: str(i.name))
                    if i.name not in indexes]
    return missing
