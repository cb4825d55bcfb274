"""Alembic wiring without an alembic.ini: the script folder ships inside the package.

Alembic itself (about 140 ms to import) is imported only to migrate: the head and the known
revisions are read from the migration files' ``revision``/``down_revision`` lines, so opening
a database whose stored revision already is the head costs neither the import nor a run.
SQLAlchemy too is imported only inside the functions that take a connection: ``check`` reads
the known revisions without it (``storage.sqlite_file``).
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection, Engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def _revision_graph() -> dict[str, str | None]:
    return _read_revisions(MIGRATIONS_DIR)


@functools.cache
def _read_revisions(folder: Path) -> dict[str, str | None]:
    """revision → down_revision of every migration file (module-level assignments only;
    tests/test_storage_migrations.py checks this agrees with Alembic's own reading)."""
    graph: dict[str, str | None] = {}
    for path in sorted((folder / "versions").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        # the assignments stand above the functions: parse only that head (a tenth of the
        # file; the whole file when the head lacks them or is not complete statements)
        head, _sep, _rest = source.partition("\ndef ")
        try:
            found = _assignments(head)
        except SyntaxError:
            found = {}
        if "revision" not in found or "down_revision" not in found:
            found = _assignments(source)
        rev = found.get("revision")
        if isinstance(rev, str):
            down = found.get("down_revision")
            graph[rev] = down if isinstance(down, str) else None
    return graph


def _assignments(source: str) -> dict[str, object]:
    """The module-level ``revision``/``down_revision`` values of a migration's source."""
    found: dict[str, object] = {}
    for node in ast.parse(source).body:
        target = node.target if isinstance(node, ast.AnnAssign) else (
            node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1
            else None)
        if isinstance(target, ast.Name) and target.id in ("revision", "down_revision") \
                and node.value is not None:
            found[target.id] = ast.literal_eval(node.value)
    return found


def head_revision() -> str:
    """The newest revision: the one no other migration builds on."""
    graph = _revision_graph()
    heads = set(graph) - {d for d in graph.values() if d is not None}
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have exactly one head, found {sorted(heads)}")
    return heads.pop()


def known_revisions() -> set[str]:
    return set(_revision_graph())


def current_revision(conn: Connection) -> str | None:
    """The revision stamped in the database, or None for an empty/new database."""
    from sqlalchemy import inspect

    if not inspect(conn).has_table("alembic_version"):
        return None
    row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return row[0] if row else None


def upgrade_to_head(engine: Engine) -> None:
    """Bring the schema to the newest revision in one transaction."""
    _run_alembic(engine, "upgrade", "head")


def downgrade_to(engine: Engine, revision: str) -> None:
    """Go back to ``revision`` ("base" = empty); for tests and support, never the app."""
    _run_alembic(engine, "downgrade", revision)


def _run_alembic(engine: Engine, verb: str, revision: str) -> None:
    """Run an Alembic command on one connection of our engine.

    On SQLite, foreign keys are switched off for the migration (batch mode recreates tables,
    and with foreign_keys=ON dropping a referenced table would fail or cascade) and checked
    with ``PRAGMA foreign_key_check`` before commit, as the Alembic batch docs advise. The
    pragma has no effect inside a transaction, so it is sent on the raw connection first.
    """
    from alembic import command

    cfg = alembic_config(str(engine.url))
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        if sqlite:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                getattr(command, verb)(cfg, revision)
                if sqlite:
                    bad = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if bad:
                        raise RuntimeError(f"migration left broken foreign keys: {bad[:5]}")
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys=ON")
