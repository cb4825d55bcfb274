"""The composition root: builds the database, the services and (for the GUI) the window.

Nothing else constructs services; everything receives what it needs from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hallmanager.domain.clock import Clock, SystemClock
from hallmanager.paths import ENV_DB, default_db_path, resolve_db_url  # noqa: F401 (re-exported)
from hallmanager.registry import MODULES, ModuleSpec, load
from hallmanager.services.audit import AuditService
from hallmanager.services.auth import AuthService
from hallmanager.services.backup import BackupService
from hallmanager.services.context import ServiceContext
from hallmanager.services.maintenance import MaintenanceService
from hallmanager.services.modules import CoreServices, ModuleParts
from hallmanager.services.reports import ReportService
from hallmanager.services.settings import SettingsService
from hallmanager.services.today import TodayService
from hallmanager.storage.database import Database, open_database

if TYPE_CHECKING:
    from hallmanager.services.demo import DemoResult

@dataclass
class Services:
    """Every service of the program, sharing one context. A module's service is an attribute
    named after the module (``services.dutylog``), built from the registry."""

    ctx: ServiceContext
    auth: AuthService
    settings: SettingsService
    audit: AuditService
    maintenance: MaintenanceService
    today: TodayService
    reports: ReportService
    backup: BackupService
    modules: tuple[ModuleSpec, ...] = ()
    parts: dict[str, ModuleParts] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        parts = self.__dict__.get("parts") or {}
        if name in parts:
            return parts[name].service
        raise AttributeError(name)

    @property
    def db(self) -> Database:
        return self.ctx.db

    def audit_labels(self) -> tuple[dict[str, str], dict[str, str]]:
        """(entity → label, action → label) contributed by the modules (Chinese)."""
        entities: dict[str, str] = {}
        actions: dict[str, str] = {}
        for p in self.parts.values():
            entities.update(p.audit_entities)
            actions.update(p.audit_actions)
        return entities, actions

    def close(self) -> None:
        self.ctx.db.dispose()


def build_services(db: Database, clock: Clock | None = None, *, fast_hash: bool = False,
                   modules: Sequence[ModuleSpec] = MODULES) -> Services:
    """Wire the framework's services and every available module of ``modules`` over an
    already-open, migrated database."""
    from hallmanager.services.auth import make_hasher

    ctx = ServiceContext(db, clock or SystemClock())
    auth = AuthService(ctx, make_hasher(fast=fast_hash))
    settings = SettingsService(ctx)
    audit = AuditService(ctx)
    core = CoreServices(ctx=ctx, auth=auth, settings=settings, audit=audit)
    parts = {m.name: load(m.parts)(core) for m in modules if m.parts}
    today = TodayService(ctx, providers=[p.today for p in parts.values() if p.today],
                         status_providers=[p.today_status for p in parts.values()
                                           if p.today_status])
    reports = ReportService(
        ctx, settings,
        sheet_providers=[x for p in parts.values() for x in p.sheets],
        section_providers=[x for p in parts.values() for x in p.sections],
        header_providers=[p.header for p in parts.values() if p.header])
    backup = BackupService(ctx)
    today.register(backup.attention)
    return Services(ctx=ctx, auth=auth, settings=settings, audit=audit,
                    maintenance=MaintenanceService(ctx, auth), today=today, reports=reports,
                    backup=backup,
                    modules=tuple(modules), parts=parts)


def create_demo(db: Database, clock: Clock, *, days: int = 90, staff: int = 12,
                seed: int = 20261122, modules: Sequence[ModuleSpec] = MODULES) -> DemoResult:
    """Fill an empty database with the demo hall: every registered module's demo step over
    ``days`` days ending at ``clock.now()``, through services wired exactly as for the desk
    (over a database that batches each demo day into one transaction)."""
    from hallmanager.services.demo import (
        BatchDatabase,
        RememberingHasher,
        check_size,
        demo_clock,
        run_demo,
    )

    check_size(days, staff)
    now = clock.now().replace(microsecond=0)
    batch = BatchDatabase(db)
    dclock = demo_clock(now, days)
    services = build_services(batch, dclock, fast_hash=True,  # type: ignore[arg-type]
                              modules=modules)
    services.auth.hasher = RememberingHasher(services.auth.hasher)  # type: ignore[assignment]
    steps = [load(m.demo) for m in modules if m.available and m.demo]
    return run_demo(services, batch, dclock, now, steps, days=days, staff=staff, seed=seed)


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
