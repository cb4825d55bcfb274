"""The audit log's hash chain: each entry's hash covers the previous hash and its own content.

Pure functions so the chain rule is tested without a database; storage computes hashes with
``entry_hash`` when appending and ``verify_chain`` finds changed, inserted or deleted entries.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from json.encoder import encode_basestring as _json_str  # what dumps(ensure_ascii=False) uses
from typing import Any

GENESIS = "0" * 64


def canonical_json(value: Any) -> str:
    """Deterministic JSON: sorted keys, no spaces, dates as ISO strings, non-ASCII kept."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default)


def _default(obj: Any) -> Any:
    if isinstance(obj, dt.datetime | dt.date | dt.time):
        return obj.isoformat()
    if isinstance(obj, set | frozenset):
        return sorted(obj)
    return str(obj)


@dataclass(frozen=True)
class ChainEntry:
    """The hashed content of one audit entry."""

    id: int
    at: str
    user_id: int | None
    username: str
    action: str
    entity: str
    entity_id: str | None
    before_json: str | None
    after_json: str | None
    prev_hash: str
    hash: str

    def payload(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at,
            "user_id": self.user_id,
            "username": self.username,
            "action": self.action,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "before": self.before_json,
            "after": self.after_json,
        }


def entry_hash(prev_hash: str, payload: dict[str, Any]) -> str:
    """sha256 over the previous hash and the entry's canonical JSON."""
    return hashlib.sha256((prev_hash + canonical_json(payload)).encode("utf-8")).hexdigest()


#: One audit entry as the chain check reads it: (id, at, user_id, username, action, entity,
#: entity_id, before_json, after_json, prev_hash, hash) — ``at`` as ``ChainEntry.at``.
ChainRow = tuple[Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any]


def payload_json(row: ChainRow) -> str:
    """``canonical_json`` of the entry's payload, written out directly for the column types
    (int id, text, optional int user id, optional texts): the chain check hashes every entry
    of the log, and this is several times faster than ``json.dumps`` with sorted keys. Any
    other type (a hand-edited row) goes through ``canonical_json`` itself, so the text is
    always exactly the same."""
    eid, at, uid, uname, action, entity, entity_id, before, after = row[:9]
    # ``type(x) is int``, not isinstance: a bool is an int, but dumps writes it as true/false
    if (type(eid) is int and type(at) is str and type(uname) is str
            and type(action) is str and type(entity) is str
            and (uid is None or type(uid) is int)
            and (entity_id is None or type(entity_id) is str)
            and (before is None or type(before) is str)
            and (after is None or type(after) is str)):
        return (f'{{"action":{_json_str(action)},'
                f'"after":{"null" if after is None else _json_str(after)},'
                f'"at":{_json_str(at)},'
                f'"before":{"null" if before is None else _json_str(before)},'
                f'"entity":{_json_str(entity)},'
                f'"entity_id":{"null" if entity_id is None else _json_str(entity_id)},'
                f'"id":{eid},"user_id":{"null" if uid is None else uid},'
                f'"username":{_json_str(uname)}}}')
    return canonical_json({"id": eid, "at": at, "user_id": uid, "username": uname,
                           "action": action, "entity": entity, "entity_id": entity_id,
                           "before": before, "after": after})


def verify_chain(entries: Iterable[ChainEntry]) -> list[str]:
    """Return a list of problems (Chinese), empty when the chain is intact.

    Entries must be in id order. A deleted entry shows as a broken link (and a gap in ids),
    a changed one as a hash mismatch.
    """
    return verify_rows((e.id, e.at, e.user_id, e.username, e.action, e.entity, e.entity_id,
                        e.before_json, e.after_json, e.prev_hash, e.hash) for e in entries)


def verify_rows(rows: Iterable[ChainRow], *, prev_id: int = 0,
                prev_hash: str = GENESIS) -> list[str]:
    """``verify_chain`` over plain rows (``ChainRow``), in id order: the check streams the
    log as tuples, without building an object per entry.

    ``prev_id``/``prev_hash``: the stored entry just before the first row (none: 0 and
    GENESIS). Each entry's hash depends only on its own content and its stored predecessor's
    hash, so the log can be checked in id ranges, each from the entry before it; the ranges'
    problems, joined in id order, are exactly those of one pass over the whole log."""
    problems: list[str] = []
    prev = prev_hash
    sha256 = hashlib.sha256
    for row in rows:
        eid, stored_prev, h = row[0], row[9], row[10]
        if eid != prev_id + 1:
            problems.append(f"审计记录 #{prev_id + 1}–#{eid - 1} 缺失（编号不连续）")
        if stored_prev != prev:
            problems.append(f"审计记录 #{eid} 的前序哈希与上一条不一致（记录被删除或篡改）")
        if sha256((stored_prev + payload_json(row)).encode("utf-8")).hexdigest() != h:
            problems.append(f"审计记录 #{eid} 的内容与哈希不符（记录被修改）")
        prev = h
        prev_id = eid
    return problems
