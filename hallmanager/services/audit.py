"""Reading and verifying the audit log (hall manager only).

Every change in the program is audited by the services that make it; this service lets the
hall manager search that log and check that nobody altered it behind the program's back.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select

from hallmanager.domain.roles import Action
from hallmanager.services.context import ServiceContext
from hallmanager.storage.audit import verify_audit_chain
from hallmanager.storage.models import AuditEntry

MAX_LIMIT = 10_000


@dataclass(frozen=True)
class AuditRecord:
    """One audit entry as the audit page shows it (before/after already parsed)."""

    id: int
    at: dt.datetime
    username: str
    action: str
    entity: str
    entity_id: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


class AuditService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def entries(
        self,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        username: str | None = None,
        action: str | None = None,
        entity: str | None = None,
        text: str | None = None,
        limit: int = 2000,
    ) -> list[AuditRecord]:
        """Newest first. ``since``/``until`` are inclusive days; ``text`` searches user,
        action, entity, id and the before/after content (case-insensitive substring)."""
        self.ctx.auth.require(Action.VIEW_AUDIT)
        q = select(AuditEntry)
        if since is not None:
            q = q.where(AuditEntry.at >= dt.datetime.combine(since, dt.time()))
        if until is not None:
            q = q.where(AuditEntry.at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time()))
        if username:
            q = q.where(AuditEntry.username == username.strip())
        if action:
            q = q.where(AuditEntry.action == action)
        if entity:
            q = q.where(AuditEntry.entity == entity)
        needle = (text or "").strip()
        if needle:
            pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            q = q.where(
                or_(
                    *(
                        col.ilike(pattern, escape="\\")
                        for col in (
                            AuditEntry.username,
                            AuditEntry.action,
                            AuditEntry.entity,
                            AuditEntry.entity_id,
                            AuditEntry.before_json,
                            AuditEntry.after_json,
                        )
                    )
                )
            )
        q = q.order_by(AuditEntry.id.desc()).limit(max(1, min(int(limit), MAX_LIMIT)))
        with self.ctx.db.read() as s:
            return [_record(e) for e in s.scalars(q)]

    def actions(self) -> list[str]:
        """Distinct action names, for the audit page's filter box."""
        self.ctx.auth.require(Action.VIEW_AUDIT)
        with self.ctx.db.read() as s:
            return list(s.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action)))

    def verify(self) -> list[str]:
        """Problems found in the hash chain (Chinese), empty when the log is intact."""
        self.ctx.auth.require(Action.VIEW_AUDIT)
        with self.ctx.db.read() as s:
            return verify_audit_chain(s)


def _parse(text: str | None) -> dict[str, Any] | None:
    if text is None:
        return None
    value = json.loads(text)
    return value if isinstance(value, dict) else {"value": value}


def _record(e: AuditEntry) -> AuditRecord:
    return AuditRecord(
        id=e.id,
        at=e.at,
        username=e.username,
        action=e.action,
        entity=e.entity,
        entity_id=e.entity_id,
        before=_parse(e.before_json),
        after=_parse(e.after_json),
    )
