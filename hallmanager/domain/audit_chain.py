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


def verify_chain(entries: Iterable[ChainEntry]) -> list[str]:
    """Return a list of problems (Chinese), empty when the chain is intact.

    Entries must be in id order. A deleted entry shows as a broken link (and a gap in ids),
    a changed one as a hash mismatch.
    """
    problems: list[str] = []
    prev = GENESIS
    prev_id = 0
    for e in entries:
        if e.id != prev_id + 1:
            problems.append(f"审计记录 #{prev_id + 1}–#{e.id - 1} 缺失（编号不连续）")
        if e.prev_hash != prev:
            problems.append(f"审计记录 #{e.id} 的前序哈希与上一条不一致（记录被删除或篡改）")
        expected = entry_hash(e.prev_hash, e.payload())
        if expected != e.hash:
            problems.append(f"审计记录 #{e.id} 的内容与哈希不符（记录被修改）")
        prev = e.hash
        prev_id = e.id
    return problems
