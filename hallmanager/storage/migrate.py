"""Alembic wiring without an alembic.ini: the script folder ships inside the package."""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def head_revision() -> str:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    head = script.get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(conn: Connection) -> str | None:
    """The revision stamped in the database, or None for an empty/new database."""
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
