"""``hallmanager check [--anchor N:HASH …] [--full]``: integrity, the audit chain and what it anchors.

Read-only: opens the file with ``mode=ro``, neither migrates nor takes the instance lock, and
needs no login — it prints ids and counts, never personal data, and must be able to run from
a scheduled task (where a stored password would be the weaker choice) and beside the desk.

A SQLite file is read with Python's ``sqlite3`` alone (SQLAlchemy is never imported: a third
of a second), and the work — integrity, the chain in id ranges, each kind of record — is
spread over forked worker processes (``commands.parallel``); any other database goes through
the services and SQLAlchemy, in order. Both report the same lines (``services.check``).

What it verifies: SQLite's quick_check (every page and record, in time linear in the file;
``--full``: the whole ``integrity_check``, which also cross-checks every index against its
table and takes ten times as long on a big file) and foreign keys; the audit hash chain and
``sqlite_sequence``; that the audit log's append-only triggers still exist; that signed duty
logs, their amendments, hand-over items and the user table still equal what the audit log
says they last became; and the anchors held outside the file — this PC's local anchor
(``storage.anchors``) and every ``--anchor`` copied from a printed handover sheet.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from hallmanager.commands.common import CommandError, err, open_services

if TYPE_CHECKING:
    from hallmanager.services.check import CheckResult, DatabaseSummary
    from hallmanager.storage.anchors import Anchor

NOT_SET_UP = "数据库尚未初始化 / the database is empty (not set up yet)"


def terminal_progress(stream: TextIO | None = None) -> Callable[[int, int], None] | None:
    """On a terminal, a percentage of the audit chain checked, rewritten in place on stderr
    (at most once per whole percent); None when stderr is a file or pipe (scheduled task)."""
    out = stream or sys.stderr
    if not out.isatty():
        return None
    shown = [-1]

    def show(done: int, total: int) -> None:
        pct = 100 * done // total if total else 100
        if pct != shown[0]:
            shown[0] = pct
            end = "\n" if done >= total else ""
            print(f"\r校验审计链 / checking the audit chain: {pct:3d}%", end=end, file=out,
                  flush=True)

    return show


def run(args: argparse.Namespace) -> int:
    """Print the problems (or a one-line OK with counts); 0 when OK, 1 otherwise."""
    from hallmanager.storage.anchors import parse_anchor

    try:
        paper = [parse_anchor(a) for a in getattr(args, "anchor", None) or ()]
    except ValueError as exc:
        err(f"{exc} / bad anchor")
        return 2
    full = bool(getattr(args, "full", False))
    try:
        path = _sqlite_file(args)
        if path is not None:
            summary, result = _check_file(path, paper, full)
        else:
            summary, result = _check_with_services(args, paper, full)
    except CommandError as exc:
        print(exc.message)
        return exc.code
    except Exception as exc:  # a damaged file can fail in many ways; report, don't trace
        print(f"数据库检查失败 / check failed: {exc}")
        return 1
    for line in result.anchors:
        print(f"锚点 / anchor: {line}")
    if result.problems:
        print(f"发现 {len(result.problems)} 个问题 / {len(result.problems)} problem(s) found:")
        for line in result.problems:
            print(f"  - {line}")
        return 1
    head = f"，最新记录 {result.head.text}" if result.head else ""
    print(
        f"数据库检查通过 / database OK：结构版本 {summary.revision}，{summary.tables} 张表，"
        f"{summary.users} 个用户，{summary.audit_entries} 条审计记录（审计链完整{head}），"
        f"已签字记录、交接事项和用户表与审计日志一致，只追加保护在位"
    )
    return 0


def _sqlite_file(args: argparse.Namespace) -> Path | None:
    """The SQLite file to check, when the database is one given plainly (``--db``,
    ``$HALLMANAGER_DB``, the default file or a plain ``sqlite:///`` URL); None otherwise."""
    from hallmanager.paths import resolve_db_url
    from hallmanager.storage.sqlite_file import sqlite_file_of_url

    return sqlite_file_of_url(resolve_db_url(getattr(args, "db", None),
                                             getattr(args, "db_url", None)))


def _check_file(path: Path, paper: list[Anchor], full: bool
                ) -> tuple[DatabaseSummary, CheckResult]:
    """A SQLite file read with ``sqlite3`` alone (no SQLAlchemy, no services), the parts
    spread over this machine's CPUs (``commands.parallel``)."""
    from hallmanager.commands.common import require_set_up_path
    from hallmanager.commands.parallel import fork_runner, usable_workers
    from hallmanager.services import check
    from hallmanager.storage.anchors import file_identity
    from hallmanager.storage.rows import SqliteRows

    path = path.absolute()
    require_set_up_path(path)
    workers = usable_workers()
    rows = SqliteRows.open_file(path)
    try:
        summary = check.summary(rows)
        if summary.revision is None:
            raise CommandError(NOT_SET_UP)
        # a few ranges per worker: whoever is free takes the next one
        plan = check.Plan(rows, identity=file_identity(path), paper_anchors=paper,
                          integrity="full" if full else "quick",
                          chain_parts=1 if workers == 1 else 5 * workers,
                          total=summary.audit_entries)
        if workers == 1:
            return summary, plan.run(check.run_in_order(rows), terminal_progress())
    finally:
        rows.close()  # before forking: the workers open their own connections
    runner = fork_runner(lambda: SqliteRows.open_file(path), workers)
    return summary, plan.run(runner, terminal_progress())


def _check_with_services(args: argparse.Namespace, paper: list[Anchor], full: bool
                         ) -> tuple[DatabaseSummary, CheckResult]:
    """Any other database (PostgreSQL, a SQLite URL with options) through SQLAlchemy."""
    # no module's service is needed (the checks read tables by name): none is imported
    with open_services(args, migrate=False, backup=False, read_only=True,
                       modules=()) as services:
        summary = services.maintenance.summary()
        if summary.revision is None:
            raise CommandError(NOT_SET_UP)
        return summary, services.maintenance.verify(paper, progress=terminal_progress(),
                                                    full=full)
