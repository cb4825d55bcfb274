"""Appending to and reading the hash-chained audit log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session, SessionTransaction

from hallmanager.domain.audit_chain import (
    GENESIS,
    ChainEntry,
    ChainRow,
    canonical_json,
    entry_hash,
)
from hallmanager.storage import chain
from hallmanager.storage.anchors import (
    Anchor,
    database_identity,
    read_local_anchor,
    write_local_anchor,
)
from hallmanager.storage.chain import Progress
from hallmanager.storage.models import AuditEntry
from hallmanager.storage.rows import BATCH
from hallmanager.storage.session_rows import session_rows


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
    head: tuple[int, str] | None = session.info.get(_HEAD_KEY)
    if head is not None:  # appended earlier in this same transaction
        next_id, prev_hash = head[0] + 1, head[1]
    else:
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
    _remember_head(session, entry)
    _track_head(session, entry)
    return entry


# The newest entry appended in the session's open transaction: the transaction holds the write
# lock (see append_audit), so nobody else can append until it ends, and the next entry of the
# same transaction (a demo day batches hundreds) chains to it without reading it back.
_HEAD_KEY = "hallmanager_audit_head"
_HEAD_LISTENING_KEY = "hallmanager_audit_head_listening"


def _remember_head(session: Session, entry: AuditEntry) -> None:
    if not session.info.get(_HEAD_LISTENING_KEY):
        session.info[_HEAD_LISTENING_KEY] = True
        event.listen(session, "after_transaction_end", _forget_head)
    session.info[_HEAD_KEY] = (entry.id, entry.hash)


def _forget_head(session: Session, transaction: SessionTransaction) -> None:
    # the transaction itself or a SAVEPOINT (which may have been rolled back), not a flush
    if transaction.parent is None or transaction.nested:
        session.info.pop(_HEAD_KEY, None)


# --- the local anchor: the head written outside the file after each commit -------------------

_ANCHOR_KEY = "hallmanager_audit_anchor"
_LISTENING_KEY = "hallmanager_audit_anchor_listening"


@dataclass
class _PendingAnchor:
    identity: str
    # The stored anchor still agrees with the file (or there is none): only then is it moved
    # on. An anchor the file contradicts stays, so ``check`` keeps reporting the tampering
    # even after the program has written to the file again.
    may_advance: bool
    stored: Anchor | None
    head: Anchor | None = None


def _track_head(session: Session, entry: AuditEntry) -> None:
    """Remember the newest entry of this transaction; write it out after the commit."""
    pending = session.info.get(_ANCHOR_KEY)
    if pending is None:
        identity = database_identity(session.get_bind().url)
        if identity is None:
            return
        stored = read_local_anchor(identity)
        agrees = stored is None or not anchor_problem(session, stored)
        pending = _PendingAnchor(identity, agrees, stored)
        session.info[_ANCHOR_KEY] = pending
        if not session.info.get(_LISTENING_KEY):
            session.info[_LISTENING_KEY] = True
            event.listen(session, "after_commit", _write_pending_anchor)
            event.listen(session, "after_rollback", _drop_pending_anchor)
    if entry.id == 1 and entry.action == "setup":
        pending.may_advance = True  # a new hall starts a new chain (e.g. a replaced demo file)
        pending.stored = None
    pending.head = Anchor(entry.id, entry.hash)


def _write_pending_anchor(session: Session) -> None:
    pending: _PendingAnchor | None = session.info.pop(_ANCHOR_KEY, None)
    if pending is None or pending.head is None or not pending.may_advance:
        return
    stored = read_local_anchor(pending.identity) if pending.stored is not None else None
    if stored is not None and stored.id >= pending.head.id:
        return  # another process of this PC already anchored a later head
    write_local_anchor(pending.identity, pending.head)


def _drop_pending_anchor(session: Session) -> None:
    session.info.pop(_ANCHOR_KEY, None)


def audit_head(session: Session) -> Anchor | None:
    """The newest entry (id and full hash), or None for an empty log."""
    return chain.audit_head(session_rows(session))


def anchor_problem(session: Session, anchor: Anchor) -> str | None:
    """Why the file contradicts ``anchor`` (Chinese), or None when it agrees."""
    return chain.anchor_problem(session_rows(session), anchor)


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


def iter_chain_rows(session: Session, *, progress: Progress | None = None,
                    batch: int = BATCH) -> Iterator[ChainRow]:
    """Every entry in id order as the chain rule sees it (``ChainRow`` tuples), streamed in
    batches of plain rows (``storage.chain.chain_rows``); ``progress`` sees every batch and
    may stop the reading (``Cancelled``)."""
    rows = session_rows(session)
    report = None
    if progress is not None:
        total = chain.count_entries(rows)

        def report(done: int) -> bool | None:
            return progress(done, max(total, done))

    return chain.chain_rows(rows, report=report, batch=batch)


def iter_chain_entries(session: Session, *, progress: Progress | None = None,
                       batch: int = BATCH) -> Iterator[ChainEntry]:
    """Every entry in id order as ``ChainEntry`` objects (``iter_chain_rows``)."""
    for r in iter_chain_rows(session, progress=progress, batch=batch):
        yield ChainEntry(*r)


def chain_entries(session: Session) -> list[ChainEntry]:
    """Every entry in id order, as the chain rule sees them."""
    return list(iter_chain_entries(session))


def verify_audit_chain(session: Session, progress: Progress | None = None) -> list[str]:
    """Problems with the audit log (Chinese), empty when intact (``storage.chain.verify_chain``
    in the session's transaction): the chain rule and ``sqlite_sequence``. Streams the log
    as plain rows; ``progress`` sees every batch and may cancel."""
    return chain.verify_chain(session_rows(session), progress)
