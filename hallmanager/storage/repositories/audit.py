"""Searching the audit log (appending and verifying the chain: ``storage.audit``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from hallmanager.storage.models import AuditEntry


def _like_pattern(needle: str) -> str:
    """``%needle%`` with LIKE's own wildcards escaped, so ``50%`` finds the text ``50%``."""
    return "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search(
    s: Session,
    *,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    username: str | None = None,
    action: str | None = None,
    entity: str | None = None,
    text: str | None = None,
    limit: int,
) -> list[AuditEntry]:
    """Entries newest first, at most ``limit``; ``start`` inclusive, ``end`` exclusive.

    ``text`` is a case-insensitive substring of user, action, entity, entity id or the
    before/after JSON; filters left at None are not applied.
    """
    q = select(AuditEntry)
    if start is not None:
        q = q.where(AuditEntry.at >= start)
    if end is not None:
        q = q.where(AuditEntry.at < end)
    if username is not None:
        q = q.where(AuditEntry.username == username)
    if action is not None:
        q = q.where(AuditEntry.action == action)
    if entity is not None:
        q = q.where(AuditEntry.entity == entity)
    if text is not None:
        pattern = _like_pattern(text)
        q = q.where(or_(*(
            col.ilike(pattern, escape="\\")
            for col in (AuditEntry.username, AuditEntry.action, AuditEntry.entity,
                        AuditEntry.entity_id, AuditEntry.before_json, AuditEntry.after_json)
        )))
    q = q.order_by(AuditEntry.id.desc()).limit(limit)
    return list(s.scalars(q))


def actions(s: Session) -> list[str]:
    """The distinct action names in alphabetical order (the audit page's filter box)."""
    return list(s.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action)))


def count_entries(s: Session) -> int:
    """How many entries the log holds."""
    return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)
