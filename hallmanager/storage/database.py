"""The database handle: engines, sessions and opening a file safely.

``Database.write()`` yields a session inside one BEGIN IMMEDIATE transaction (one per user
action); ``Database.read()`` a session on the deferred read engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from hallmanager.storage.engine import is_sqlite, make_engine


def sqlite_url(path: Path | str) -> str:
    return f"sqlite:///{Path(path)}"


class Database:
    """Engines and session factories for one database URL."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = make_engine(url, immediate=True)
        self.read_engine: Engine = (
            make_engine(url, immediate=False) if is_sqlite(url) else self.engine
        )
        self._write = sessionmaker(self.engine, expire_on_commit=False)
        self._read = sessionmaker(self.read_engine, expire_on_commit=False)

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        u = make_url(self.url)
        if u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:":
            return Path(u.database)
        return None

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: commit on success, roll back on any error."""
        with self._write() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
        if self.read_engine is not self.engine:
            self.read_engine.dispose()


def open_database(url: str, *, migrate: bool = True) -> Database:
    """Open (creating the folder if needed) and migrate to the newest schema.

    TODO(foundation): refuse read-only, locked, corrupt and newer-than-program files with a
    clear message, back the file up before migrating, and take the instance lock.
    """
    from hallmanager.storage.migrate import upgrade_to_head

    db = Database(url)
    if db.path is not None:
        db.path.parent.mkdir(parents=True, exist_ok=True)
    if migrate:
        upgrade_to_head(db.engine)
    return db
