"""Reading and verifying the audit log (hall manager only).

Every change in the program is audited by the services that make it; this service lets the
hall manager search that log and check that nobody altered it behind the program's back.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from hallmanager.domain.roles import Action
from hallmanager.services import check
from hallmanager.services.context import ServiceContext
from hallmanager.storage.anchors import (
    database_identity,
)
from hallmanager.storage.audit import Progress
from hallmanager.storage.models import AuditEntry
from hallmanager.storage.repositories import audit as audit_repo
from hallmanager.storage.session_rows import session_rows

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
        offset: int = 0,
    ) -> list[AuditRecord]:
        """Newest first, ``limit`` entries from ``offset`` (the audit page loads them a page
        at a time). ``since``/``until`` are inclusive days; ``text`` searches user, action,
        entity, id and the before/after content (case-insensitive substring)."""
        self.ctx.auth.require(Action.VIEW_AUDIT)
        n = max(1, min(int(limit), MAX_LIMIT))
        with self.ctx.db.read() as s:
            rows = audit_repo.search(s, **_filters(since, until, username, action, entity, text),
                                     limit=n, offset=max(0, int(offset)))
            return [_record(e) for e in rows]

    def count(
        self,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        username: str | None = None,
        action: str | None = None,
        entity: str | None = None,
        text: str | None = None,
    ) -> int:
        """How many entries match the filters (shown as "N of M" by the audit page)."""
        self.ctx.auth.require(Action.VIEW_AUDIT)
        with self.ctx.db.read() as s:
            return audit_repo.count(s, **_filters(since, until, username, action, entity, text))

    def actions(self) -> list[str]:
        """Distinct action names, for the audit page's filter box."""
        self.ctx.auth.require(Action.VIEW_AUDIT)
        with self.ctx.db.read() as s:
            return audit_repo.actions(s)

    def verify(self, progress: Progress | None = None) -> list[str]:
        """Problems with the audit log (Chinese), empty when intact: the chain, its triggers,
        the records it describes and this PC's anchor (``services.check``, without the
        file-level SQLite checks).

        Read-only and thread-safe (its own session), so the desk runs it off the GUI thread;
        ``progress(done, total)`` follows the chain and may return False to stop
        (``Cancelled``)."""
        self.ctx.auth.require(Action.VIEW_AUDIT)
        with self.ctx.db.read() as s:
            return check.verify(session_rows(s), identity=database_identity(self.ctx.db.url),
                                integrity=None, progress=progress).problems


def _filters(since: dt.date | None, until: dt.date | None, username: str | None,
             action: str | None, entity: str | None, text: str | None) -> dict[str, Any]:
    needle = (text or "").strip()
    return {
        "start": dt.datetime.combine(since, dt.time()) if since is not None else None,
        "end": (dt.datetime.combine(until + dt.timedelta(days=1), dt.time())
                if until is not None else None),
        "username": username.strip() if username else None,
        "action": action or None, "entity": entity or None, "text": needle or None,
    }


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
