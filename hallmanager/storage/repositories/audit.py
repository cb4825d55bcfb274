"""Searching the audit log (appending and verifying the chain: ``storage.audit``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from hallmanager.storage.models import AuditEntry


def _like_pattern(needle: str) -> str:
    """``%needle%`` with LIKE's own wildcards escaped, so ``50%`` finds the text ``50%``."""
    return "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _filtered(q, *, start: dt.datetime | None, end: dt.datetime | None,  # type: ignore[no-untyped-def]
              username: str | None, action: str | None, entity: str | None,
              text: str | None):
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
    return q


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
    offset: int = 0,
) -> list[AuditEntry]:
    """Entries newest first (by time, then id), ``limit`` of them from ``offset``; ``start``
    inclusive, ``end`` exclusive. Ordering by ``at`` lets SQLite walk the ``at`` index for
    the date range instead of scanning the table in id order.

    ``text`` is a case-insensitive substring of user, action, entity, entity id or the
    before/after JSON; filters left at None are not applied.
    """
    f = {"start": start, "end": end, "username": username, "action": action, "entity": entity,
         "text": text}
    return list(s.scalars(search_statement(f, limit=limit, offset=offset)))


def search_statement(filters: dict[str, Any], *, limit: int, offset: int) -> Select[Any]:
    """The query behind ``search`` (a test checks its plan uses an index)."""
    q = _filtered(select(AuditEntry), **filters)
    return q.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit).offset(offset)


def count_statement(filters: dict[str, Any]) -> Select[Any]:
    """The query behind ``count``."""
    return _filtered(select(func.count()).select_from(AuditEntry), **filters)


def count(
    s: Session,
    *,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    username: str | None = None,
    action: str | None = None,
    entity: str | None = None,
    text: str | None = None,
) -> int:
    """How many entries ``search`` would page through (the list's honest "of M")."""
    f = {"start": start, "end": end, "username": username, "action": action, "entity": entity,
         "text": text}
    return int(s.scalar(count_statement(f)) or 0)


def actions(s: Session) -> list[str]:
    """The distinct action names in alphabetical order (the audit page's filter box)."""
    return list(s.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action)))


def count_entries(s: Session) -> int:
    """How many entries the log holds."""
    return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)
