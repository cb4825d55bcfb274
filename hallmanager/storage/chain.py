"""Checking the audit log's hash chain over plain rows (``storage.rows``), whole or in id ranges.

Every entry's hash covers its own content and its *stored* predecessor's hash, so a range of
ids can be checked on its own, starting from the stored entry just before it
(``domain.audit_chain.verify_rows``): the command line checks the ranges in parallel
processes, the desk checks the whole log in one pass; the problems are the same lines in the
same order either way. Reads plain rows in batches: constant memory at any size of the log.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from hallmanager.domain.audit_chain import GENESIS, ChainRow, verify_rows
from hallmanager.domain.errors import Cancelled
from hallmanager.storage.anchors import Anchor
from hallmanager.storage.rows import BATCH, Rows, at_text

#: Called as ``progress(done, total)`` while the chain is read; returning False stops the
#: check (``Cancelled``).
Progress = Callable[[int, int], "bool | None"]
#: Called with the number of entries a part has read so far (after each batch); returning
#: False stops the check (``Cancelled``).
Report = Callable[[int], "bool | None"]

_COLUMNS = ("id, at, user_id, username, action, entity, entity_id, before_json, after_json, "
            "prev_hash, hash")
# ``at`` as SQLite stores it for the program's entries (whole seconds): its chain text is the
# first 19 characters, what ``datetime.isoformat(sep=" ")`` of the stored value gives.
_AT_WHOLE_SECOND = re.compile(r"(\d{4}-\d\d-\d\d) (?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.000000")


@dataclass(frozen=True)
class ChainPart:
    """What checking one id range found."""

    problems: list[str]
    count: int  # entries read
    last_id: int  # the last entry read, or the one before the range (0: none)


def chain_rows(rows: Rows, lo: int | None = None, hi: int | None = None, *,
               report: Report | None = None, batch: int = BATCH,
               last: list[int] | None = None) -> Iterator[ChainRow]:
    """The entries with ``lo`` ≤ id ≤ ``hi`` (None: unbounded) in id order, as the chain rule
    sees them (``ChainRow`` tuples). The stored text of ``at`` becomes the chain's text
    without building a datetime when it has the program's own form. ``report`` sees the
    count after every batch and may stop the reading; ``last[0]`` follows the last id read."""
    where, params = _range(lo, hi)
    whole_second = _AT_WHOLE_SECOND.fullmatch
    valid_days: dict[str, bool] = {}
    done = 0
    for part in rows.batches(f"SELECT {_COLUMNS} FROM audit_entry{where} ORDER BY id",
                             params, batch):
        for r in part:
            at = r[1]
            # the program's own form, "YYYY-MM-DD HH:MM:SS.000000" of a real day → its
            # first 19 characters (what datetime.isoformat gives); anything else: at_text
            if (type(at) is str and len(at) == 26 and (m := whole_second(at)) is not None
                    and (valid_days.get(m.group(1)) or _valid_day(m.group(1), valid_days))):
                at = at[:19]
            else:
                at = at_text(at)
            yield (r[0], at, r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10])
        if last is not None:
            last[0] = part[-1][0]
        done += len(part)
        if report is not None and report(done) is False:
            raise Cancelled("已取消校验")


def _range(lo: int | None, hi: int | None) -> tuple[str, dict[str, int]]:
    conds, params = [], {}
    if lo is not None:
        conds.append("id >= :lo")
        params["lo"] = lo
    if hi is not None:
        conds.append("id <= :hi")
        params["hi"] = hi
    return (" WHERE " + " AND ".join(conds) if conds else ""), params


def _valid_day(day: str, known: dict[str, bool]) -> bool:
    try:
        dt.date.fromisoformat(day)
        known[day] = True
    except ValueError:
        known[day] = False
    return known[day]


def verify_chain_part(rows: Rows, lo: int | None = None, hi: int | None = None, *,
                      report: Report | None = None, batch: int = BATCH) -> ChainPart:
    """The chain rule over the entries with ``lo`` ≤ id ≤ ``hi``, each linked to its stored
    predecessor (the entry before ``lo`` for the first one)."""
    prev_id, prev_hash = 0, GENESIS
    if lo is not None:
        before = rows.one("SELECT id, hash FROM audit_entry WHERE id < :lo "
                          "ORDER BY id DESC LIMIT 1", {"lo": lo})
        if before is not None:
            prev_id, prev_hash = before
    last = [prev_id]
    counted = [0]

    def counting(done: int) -> bool | None:
        counted[0] = done
        return report(done) if report is not None else None

    problems = verify_rows(chain_rows(rows, lo, hi, report=counting, batch=batch, last=last),
                           prev_id=prev_id, prev_hash=prev_hash)
    return ChainPart(problems, counted[0], last[0])


def sequence_problems(rows: Rows, last_id: int) -> list[str]:
    """AUTOINCREMENT remembers the highest id ever handed out (``sqlite_sequence``), so
    deleting the newest entries — invisible to the chain — shows up as seq > the last id."""
    if rows.dialect != "sqlite":
        return []
    row = rows.one("SELECT seq FROM sqlite_sequence WHERE name = 'audit_entry'")
    seq = int(row[0]) if row else None
    if seq is None or seq <= last_id:
        return []
    if seq == last_id + 1:
        return [f"最新的审计记录 #{seq} 已被删除"]
    return [f"最新的审计记录 #{last_id + 1}–#{seq} 已被删除"]


def verify_chain(rows: Rows, progress: Progress | None = None, *,
                 batch: int = BATCH) -> list[str]:
    """Problems with the audit log (Chinese), empty when intact: the chain rule over the
    whole log in one pass (changed, inserted or deleted entries in the middle) and
    ``sqlite_sequence`` (deleted newest entries). ``progress(done, total)`` sees every
    batch and may cancel."""
    report: Report | None = None
    if progress is not None:
        total = count_entries(rows)

        def report(done: int) -> bool | None:
            return progress(done, max(total, done))

    part = verify_chain_part(rows, report=report, batch=batch)
    return part.problems + sequence_problems(rows, part.last_id)


def count_entries(rows: Rows) -> int:
    """How many entries the log holds."""
    row = rows.one("SELECT count(*) FROM audit_entry")
    return int(row[0]) if row and row[0] is not None else 0


def id_ranges(rows: Rows, parts: int) -> list[tuple[int | None, int | None]]:
    """``parts`` consecutive id ranges of about equal size covering every id (the first
    open below, the last open above, so entries appended meanwhile are not missed)."""
    row = rows.one("SELECT min(id), max(id) FROM audit_entry")
    if parts <= 1 or row is None or row[0] is None or row[1] - row[0] + 1 < parts:
        return [(None, None)]
    lo, hi = int(row[0]), int(row[1])
    cuts = [lo + (hi - lo + 1) * k // parts for k in range(1, parts)]
    starts: list[int | None] = [None, *cuts]
    ends: list[int | None] = [c - 1 for c in cuts] + [None]
    return list(zip(starts, ends, strict=True))


def audit_head(rows: Rows) -> Anchor | None:
    """The newest entry (id and full hash), or None for an empty log."""
    row = rows.one("SELECT id, hash FROM audit_entry ORDER BY id DESC LIMIT 1")
    return Anchor(row[0], row[1]) if row else None


def anchor_problem(rows: Rows, anchor: Anchor) -> str | None:
    """Why the file contradicts ``anchor`` (Chinese), or None when it agrees."""
    row = rows.one("SELECT hash FROM audit_entry WHERE id = :id", {"id": anchor.id})
    h = row[0] if row else None
    if h is None:
        last_row = rows.one("SELECT max(id) FROM audit_entry")
        last = last_row[0] if last_row else None
        newest = f"最新的记录是 #{last}" if last else "审计日志是空的"
        return (f"审计记录 #{anchor.id} 已不存在（{newest}）：其后的记录被删除，"
                f"或数据库被换成了较早的备份")
    if not anchor.matches(h):
        return (f"审计记录 #{anchor.id} 的哈希与锚点不符：审计日志被改写后重新计算了哈希，"
                f"或这是另一个数据库")
    return None
