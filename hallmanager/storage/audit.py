"""Appending to and reading the hash-chained audit log."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, SessionTransaction

from hallmanager.domain.audit_chain import (
    GENESIS,
    ChainEntry,
    ChainRow,
    canonical_json,
    entry_hash,
    verify_rows,
)
from hallmanager.domain.errors import Cancelled
from hallmanager.storage.anchors import (
    Anchor,
    database_identity,
    read_local_anchor,
    write_local_anchor,
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
    row = session.execute(
        select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
    ).first()
    return Anchor(row.id, row.hash) if row else None


def anchor_problem(session: Session, anchor: Anchor) -> str | None:
    """Why the file contradicts ``anchor`` (Chinese), or None when it agrees."""
    h = session.scalar(select(AuditEntry.hash).where(AuditEntry.id == anchor.id))
    if h is None:
        last = session.scalar(select(func.max(AuditEntry.id)))
        newest = f"最新的记录是 #{last}" if last else "审计日志是空的"
        return (f"审计记录 #{anchor.id} 已不存在（{newest}）：其后的记录被删除，"
                f"或数据库被换成了较早的备份")
    if not anchor.matches(h):
        return (f"审计记录 #{anchor.id} 的哈希与锚点不符：审计日志被改写后重新计算了哈希，"
                f"或这是另一个数据库")
    return None


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


#: Called as ``progress(done, total)`` while the chain is read; returning False stops the
#: check (``Cancelled``).
Progress = Callable[[int, int], "bool | None"]

_CHAIN_BATCH = 2000
# ``at`` as SQLite stores it for the program's entries (whole seconds): its chain text is the
# first 19 characters, what ``datetime.isoformat(sep=" ")`` of the stored value gives.
_AT_WHOLE_SECOND = re.compile(r"(\d{4}-\d\d-\d\d) (?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.000000")


def iter_chain_rows(session: Session, *, progress: Progress | None = None,
                    batch: int = _CHAIN_BATCH) -> Iterator[ChainRow]:
    """Every entry in id order as the chain rule sees it (``ChainRow`` tuples), streamed in
    batches: constant memory at any size of the log, no ORM objects. On SQLite the rows come
    straight from the driver's cursor (the stored text of ``at`` is turned into the chain's
    text without building a datetime when it has the program's own form); ``progress`` sees
    every batch and may stop the reading (``Cancelled``)."""
    return _chain_rows(session, progress, batch, [0])


def _chain_rows(session: Session, progress: Progress | None, batch: int,
                last: list[int]) -> Iterator[ChainRow]:
    """``iter_chain_rows``; ``last[0]`` follows the id of the last entry read."""
    t = AuditEntry.__table__
    total = (session.scalar(select(func.count()).select_from(t)) or 0) if progress else 0
    cols = (t.c.id, t.c.at, t.c.user_id, t.c.username, t.c.action, t.c.entity, t.c.entity_id,
            t.c.before_json, t.c.after_json, t.c.prev_hash, t.c.hash)
    conn = session.connection()
    slow_at = _at_text_function(conn.dialect)
    if conn.dialect.name == "sqlite":
        cursor = conn.connection.driver_connection.cursor()
        cursor.execute(f"SELECT {', '.join(c.name for c in cols)} FROM audit_entry "
                       f"ORDER BY id")
        fetch = cursor.fetchmany
        close = cursor.close
    else:
        result = conn.execute(select(*cols).order_by(t.c.id)
                              .execution_options(yield_per=batch))
        fetch = result.fetchmany
        close = result.close
    whole_second = _AT_WHOLE_SECOND.fullmatch
    valid_days: dict[str, bool] = {}
    done = 0
    try:
        while rows := fetch(batch):
            for r in rows:
                at = r[1]
                # the program's own form, "YYYY-MM-DD HH:MM:SS.000000" of a real day → its
                # first 19 characters (what datetime.isoformat gives); anything else: slow_at
                if (type(at) is str and len(at) == 26 and (m := whole_second(at)) is not None
                        and (valid_days.get(m.group(1)) or _valid_day(m.group(1),
                                                                      valid_days))):
                    at = at[:19]
                else:
                    at = slow_at(at)
                yield (r[0], at, r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10])
            last[0] = rows[-1][0]
            done += len(rows)
            if progress is not None and progress(done, max(total, done)) is False:
                raise Cancelled("已取消校验")
    finally:
        close()


def _valid_day(day: str, known: dict[str, bool]) -> bool:
    try:
        dt.date.fromisoformat(day)
        known[day] = True
    except ValueError:
        known[day] = False
    return known[day]


def _at_text_function(dialect: Any) -> Callable[[Any], str]:
    """Stored ``at`` → ``ChainEntry.at``: ``datetime.isoformat(sep=" ")`` of the value the
    ORM reads (the column type's own conversion)."""
    at_type = AuditEntry.__table__.c.at.type
    convert = at_type.dialect_impl(dialect).result_processor(dialect, None)

    def at_text(value: Any) -> str:
        if convert is not None and not isinstance(value, dt.datetime):
            value = convert(value)
        return value.isoformat(sep=" ")

    return at_text


def iter_chain_entries(session: Session, *, progress: Progress | None = None,
                       batch: int = _CHAIN_BATCH) -> Iterator[ChainEntry]:
    """Every entry in id order as ``ChainEntry`` objects (``iter_chain_rows``)."""
    for r in iter_chain_rows(session, progress=progress, batch=batch):
        yield ChainEntry(*r)


def chain_entries(session: Session) -> list[ChainEntry]:
    """Every entry in id order, as the chain rule sees them."""
    return list(iter_chain_entries(session))


def verify_audit_chain(session: Session, progress: Progress | None = None) -> list[str]:
    """Problems with the audit log (Chinese), empty when intact.

    Besides the chain rule (changed, inserted or deleted entries in the middle), compares
    with ``sqlite_sequence``: AUTOINCREMENT remembers the highest id ever handed out, so
    deleting the newest entries — invisible to the chain — shows up as seq > max(id).
    Streams the log as plain rows (``iter_chain_rows``); ``progress`` sees every batch and
    may cancel.
    """
    last: list[int] = [0]
    problems = verify_rows(_chain_rows(session, progress, _CHAIN_BATCH, last))
    seq = _sqlite_sequence(session)
    last_id = last[0]
    if seq is not None and seq > last_id:
        if seq == last_id + 1:
            problems.append(f"最新的审计记录 #{seq} 已被删除")
        else:
            problems.append(f"最新的审计记录 #{last_id + 1}–#{seq} 已被删除")
    return problems
