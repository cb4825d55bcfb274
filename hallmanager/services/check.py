"""What ``hallmanager check``, the desk's 校验审计链 and backup verification check, as parts.

The work is cut into independent parts, each reading in one read transaction of its own:
SQLite's integrity and foreign-key checks, the audit hash chain in id ranges (each range is
checked from the stored entry before it, ``storage.chain``), the append-only triggers, each
kind of audited record, and the anchors held outside the file. ``run_in_order`` runs them one
after the other on one connection (the desk: in its worker thread, with progress and cancel;
PostgreSQL); the command line hands them to processes of its own (``commands.parallel``).
Either way the problems come out as the same lines in the same order.

Needs no login (it prints ids and counts, never personal data) and imports no SQLAlchemy:
the command line opens a SQLite file with ``storage.rows.SqliteRows``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from hallmanager.storage import chain
from hallmanager.storage.anchors import Anchor, anchor_file, read_local_anchor
from hallmanager.storage.integrity import (
    RECORD_CHECKS,
    Check,
    audit_trigger_problems,
    foreign_key_problems,
    sqlite_integrity_problems,
)
from hallmanager.storage.rows import Rows

# each record check's cost relative to the whole chain's, as measured on a 5-year hall
_RECORD_WEIGHTS = {"duty_log": 0.27, "till_count": 0.43, "handover_item": 0.09, "user": 0.05,
                   "emergency_run": 0.01}

#: ``progress(done, total)`` over the audit entries checked; False stops (``Cancelled``).
Progress = chain.Progress
#: Called with how many audit entries all parts together have checked so far.
Counted = Callable[[int], "bool | None"]


@dataclass(frozen=True)
class DatabaseSummary:
    """Counts for the 'database OK' line of ``hallmanager check``."""

    revision: str | None
    tables: int
    users: int
    audit_entries: int


@dataclass(frozen=True)
class CheckResult:
    """What ``hallmanager check`` found: problem lines (empty = OK) and, for the report, which
    anchors outside the file were held against it."""

    problems: list[str]
    anchors: list[str] = field(default_factory=list)
    head: Anchor | None = None


@dataclass(frozen=True)
class Part:
    """One independent piece of the check: ``run(rows, report)`` reads in one transaction
    and returns something picklable; a chain range calls ``report(entries checked)``.
    ``weight`` is a rough relative cost, so the biggest parts can be started first."""

    name: str
    run: Callable[[Rows, chain.Report], Any]
    weight: float = 1.0


#: Runs the parts and returns their results in the parts' order; ``counted`` (may be None)
#: is to be called with the number of audit entries checked so far by all parts together.
Runner = Callable[[Sequence[Part], Counted | None], list[Any]]


def summary(rows: Rows) -> DatabaseSummary:
    """How much is in the database (no personal data)."""
    tables = rows.tables()
    revision = None
    if "alembic_version" in tables:
        row = rows.one("SELECT version_num FROM alembic_version")
        revision = row[0] if row else None
    if rows.dialect == "sqlite":
        n_tables = rows.one("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                            "AND name NOT LIKE 'sqlite_%'")[0]
    else:
        n_tables = len(tables)
    users = rows.one('SELECT count(*) FROM "user"')[0] if "user" in tables else 0
    return DatabaseSummary(revision, int(n_tables), int(users or 0), chain.count_entries(rows))


class Plan:
    """The parts of one check and how their results become one ``CheckResult``.

    ``integrity``: "quick" (SQLite's quick_check), "full" (integrity_check) or None (the
    desk's audit check: no file-level checks); ``chain_parts``: how many id ranges the
    audit chain is cut into; ``identity``: the database's name for this PC's local anchor
    (``storage.anchors``; None: no local anchor)."""

    def __init__(self, rows: Rows, *, identity: str | None = None,
                 paper_anchors: Sequence[Anchor] = (), integrity: str | None = None,
                 chain_parts: int = 1, total: int | None = None) -> None:
        self.total = chain.count_entries(rows) if total is None else total
        self.parts: list[Part] = []
        self._kinds: list[str] = []
        entries = max(self.total, 1)
        if integrity is not None and rows.dialect == "sqlite":
            quick = integrity != "full"
            # weights: the cost relative to checking the whole chain, as measured on a
            # 5-year hall (chain 0.55 s of CPU, quick_check 0.13 s, foreign keys 0.045 s;
            # the full integrity_check about ten times the quick one)
            self._add("file", "integrity", lambda r, _rep: sqlite_integrity_problems(
                r, quick=quick), entries * (0.24 if quick else 2.4))
            self._add("file", "foreign_keys", lambda r, _rep: foreign_key_problems(r),
                      entries * 0.08)
        ranges = chain.id_ranges(rows, chain_parts)
        for i, (lo, hi) in enumerate(ranges):
            last = i == len(ranges) - 1
            self._add("chain", f"chain {lo}–{hi}", _chain_range(lo, hi, last),
                      entries / len(ranges))
        self._add("problems", "triggers", lambda r, _rep: audit_trigger_problems(r), 1)
        tables = rows.tables()
        for entity, needs, check in RECORD_CHECKS:
            if needs <= tables:
                self._add("problems", entity, _records(check),
                          entries * _RECORD_WEIGHTS.get(entity, 0.05))
        self._add("anchors", "anchors", _anchors(identity, tuple(paper_anchors)), 1)

    def _add(self, kind: str, name: str, run: Callable[[Rows, chain.Report], Any],
             weight: float) -> None:
        self.parts.append(Part(name, run, weight))
        self._kinds.append(kind)

    def result(self, results: Sequence[Any]) -> CheckResult:
        """The parts' results, in the parts' order, as one report."""
        problems: list[str] = []
        anchors: list[str] = []
        head: Anchor | None = None
        for kind, res in zip(self._kinds, results, strict=True):
            if kind == "anchors":
                found, anchors, head = res
                problems += found
            elif kind == "chain":
                problems += res.problems
            else:
                problems += res
        return CheckResult(problems, anchors, head)

    def run(self, runner: Runner, progress: Progress | None = None) -> CheckResult:
        """Run the parts with ``runner``; ``progress(done, total)`` follows the chain."""
        counted: Counted | None = None
        if progress is not None:
            total = self.total

            def counted(done: int) -> bool | None:
                return progress(done, max(total, done))

        return self.result(runner(self.parts, counted))


def _chain_range(lo: int | None, hi: int | None,
                 last: bool) -> Callable[[Rows, chain.Report], Any]:
    def run(rows: Rows, report: chain.Report) -> chain.ChainPart:
        part = chain.verify_chain_part(rows, lo, hi, report=report)
        if last:  # sqlite_sequence in the same transaction as the newest entries
            seq = chain.sequence_problems(rows, part.last_id)
            return chain.ChainPart(part.problems + seq, part.count, part.last_id)
        return part

    return run


def _records(check: Check) -> Callable[[Rows, chain.Report], Any]:
    return lambda rows, _report: check(rows)


def _anchors(identity: str | None, paper: tuple[Anchor, ...]
             ) -> Callable[[Rows, chain.Report], Any]:
    """This PC's local anchor and the paper anchors against the file, and its newest entry."""

    def run(rows: Rows, _report: chain.Report) -> tuple[list[str], list[str], Anchor | None]:
        problems: list[str] = []
        anchors: list[str] = []
        local = read_local_anchor(identity)
        for label, anchor in ([("本机锚点", local)] if local else []) + [
                ("纸面锚点", a) for a in paper]:
            problem = chain.anchor_problem(rows, anchor)
            if problem and anchor is local and identity is not None:
                problem += (f"（锚点文件 {anchor_file(identity)}；只有确认数据库是有意从备份"
                            f"恢复的，才可删除该文件）")
            if problem:
                problems.append(f"{label} {anchor.text}：{problem}")
            else:
                anchors.append(f"{label} {anchor.text} 一致")
        if local is None:
            anchors.append("本机没有这个数据库的锚点（未在本机写入过，或锚点文件被删除）")
        return problems, anchors, chain.audit_head(rows)

    return run


def run_in_order(rows: Rows) -> Runner:
    """A runner that runs every part on ``rows``, one after the other, in one read
    transaction (the desk's worker thread; PostgreSQL; a machine without ``fork``)."""

    def run(parts: Sequence[Part], counted: Counted | None) -> list[Any]:
        done = [0] * len(parts)
        results: list[Any] = []
        with rows.snapshot():
            for i, part in enumerate(parts):
                def report(n: int, i: int = i) -> bool | None:
                    done[i] = n
                    return counted(sum(done)) if counted is not None else None

                results.append(part.run(rows, report))
        return results

    return run


def verify(rows: Rows, *, identity: str | None = None, paper_anchors: Sequence[Anchor] = (),
           integrity: str | None = "quick", progress: Progress | None = None) -> CheckResult:
    """Every check, in order, on ``rows`` (see ``Plan``)."""
    plan = Plan(rows, identity=identity, paper_anchors=paper_anchors, integrity=integrity)
    return plan.run(run_in_order(rows), progress)
