"""The composition root: builds the database, the services and (for the GUI) the window.

Nothing else constructs services; everything receives what it needs from here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from hallmanager.domain.clock import Clock, SystemClock
from hallmanager.services.audit import AuditService
from hallmanager.services.auth import AuthService
from hallmanager.services.context import ServiceContext
from hallmanager.services.dutylog import DutyLogService
from hallmanager.services.maintenance import MaintenanceService
from hallmanager.services.reports import ReportService
from hallmanager.services.settings import SettingsService
from hallmanager.services.today import TodayService
from hallmanager.storage.database import Database, open_database, sqlite_url

ENV_DB = "HALLMANAGER_DB"


def default_db_path() -> Path:
    """The database in the user's data folder (platformdirs)."""
    from platformdirs import user_data_path

    return user_data_path("hallmanager", appauthor=False) / "hallmanager.sqlite"


def resolve_db_url(db: str | None = None, db_url: str | None = None) -> str:
    """--db-url beats --db beats $HALLMANAGER_DB beats the default file."""
    if db_url:
        return db_url
    path = db or os.environ.get(ENV_DB) or str(default_db_path())
    return sqlite_url(Path(path).expanduser().absolute())


@dataclass
class Services:
    """Every service of the program, sharing one context."""

    ctx: ServiceContext
    auth: AuthService
    settings: SettingsService
    audit: AuditService
    maintenance: MaintenanceService
    dutylog: DutyLogService
    today: TodayService
    reports: ReportService

    @property
    def db(self) -> Database:
        return self.ctx.db

    def close(self) -> None:
        self.ctx.db.dispose()


def build_services(db: Database, clock: Clock | None = None, *, fast_hash: bool = False) -> Services:
    """Wire services over an already-open, migrated database."""
    from hallmanager.services.auth import make_hasher

    ctx = ServiceContext(db, clock or SystemClock())
    auth = AuthService(ctx, make_hasher(fast=fast_hash))
    dutylog = DutyLogService(ctx, auth.recheck_password)
    settings = SettingsService(ctx)
    return Services(
        ctx=ctx,
        auth=auth,
        settings=settings,
        audit=AuditService(ctx),
        maintenance=MaintenanceService(ctx, auth),
        dutylog=dutylog,
        today=TodayService(ctx, providers=[dutylog.attention]),
        reports=ReportService(ctx, dutylog, settings),
    )


def open_services(url: str, clock: Clock | None = None) -> Services:
    """Open (checks, lock, backup, migration) the database and wire the services over it.

    Raises the DatabaseError subclasses of ``open_database``; the caller shows their message.
    """
    db = open_database(url)
    try:
        return build_services(db, clock)
    except BaseException:
        db.dispose()
        raise
