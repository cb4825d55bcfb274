"""Appending to and reading the hash-chained audit log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallmanager.domain.audit_chain import (
    GENESIS,
    ChainEntry,
    canonical_json,
    entry_hash,
    verify_chain,
)
from hallmanager.storage.models import AuditEntry


def _to_json(value: Any) -> str | None:
    return None if value is None else canonical_json(value)


def append_audit(
    session: Session,
    *,
    at: dt.datetime,
    user_id: int | None,
    username: str,
    action: str,
    entity: str,
    entity_id: object | None = None,
    before: Any = None,
    after: Any = None,
) -> AuditEntry:
    """Append one entry, chained to the newest one.

    Must run inside the caller's write transaction (BEGIN IMMEDIATE on SQLite, the advisory
    write lock on PostgreSQL), which serialises appenders so two programs cannot chain to the
    same predecessor.
    """
    last = session.execute(
        select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
    ).first()
    prev_hash = last.hash if last else GENESIS
    next_id = (last.id + 1) if last else 1
    seq = _sqlite_sequence(session)
    if seq is not None and seq >= next_id:
        next_id = seq + 1
    entry = AuditEntry(
        id=next_id,
        at=at.replace(microsecond=0),
        user_id=user_id,
        username=username,
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        before_json=_to_json(before),
        after_json=_to_json(after),
        prev_hash=prev_hash,
        hash="",
    )
    entry.hash = entry_hash(prev_hash, to_chain_entry(entry).payload())
    session.add(entry)
    session.flush()
    return entry


def _sqlite_sequence(session: Session) -> int | None:
    if session.get_bind().dialect.name != "sqlite":
        return None
    row = (
        session.connection()
        .exec_driver_sql("SELECT seq FROM sqlite_sequence WHERE name = 'audit_entry'")
        .first()
    )
    return int(row[0]) if row else None


def to_chain_entry(e: AuditEntry) -> ChainEntry:
    return ChainEntry(
        id=e.id,
        at=e.at.isoformat(sep=" "),
        user_id=e.user_id,
        username=e.username,
        action=e.action,
        entity=e.entity,
        entity_id=e.entity_id,
        before_json=e.before_json,
        after_json=e.after_json,
        prev_hash=e.prev_hash,
        hash=e.hash,
    )


def chain_entries(session: Session) -> list[ChainEntry]:
    """Every entry in id order, as the chain rule sees them."""
    rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id))
    return [to_chain_entry(e) for e in rows]


def verify_audit_chain(session: Session) -> list[str]:
    """Problems with the audit log (Chinese), empty when intact.

    Besides the chain rule (changed, inserted or deleted entries in the middle), compares
    with ``sqlite_sequence``: AUTOINCREMENT remembers the highest id ever handed out, so
    deleting the newest entries — invisible to the chain — shows up as seq > max(id).
    """
    entries = chain_entries(session)
    problems = verify_chain(entries)
    seq = _sqlite_sequence(session)
    last_id = entries[-1].id if entries else 0
    if seq is not None and seq > last_id:
        if seq == last_id + 1:
            problems.append(f"最新的审计记录 #{seq} 已被删除")
        else:
            problems.append(f"最新的审计记录 #{last_id + 1}–#{seq} 已被删除")
    return problems
