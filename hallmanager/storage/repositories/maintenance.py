"""Schema facts for the self-test and backup verification (read-only, any dialect); the checks
of ``hallmanager check`` read plain rows (``storage.integrity``, ``storage.chain``)."""

from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.orm import Session


def schema_revision(s: Session) -> str | None:
    """The Alembic revision the database is at (None before the first migration)."""
    from hallmanager.storage.migrate import current_revision

    return current_revision(s.connection())


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
