"""A migration killed mid-way leaves the old schema or the new one, never a mixture.

The child opens a stored past-schema database (``tests/data/schemas``), which migrates it to
the head, and kills itself with SIGKILL just before its k-th SQL statement; k walks over
every statement of the migration, and one more kill lands just after the commit (k = -1). After each kill the file must hold exactly the old schema
(revision, tables, columns) or exactly the new one, pass the check, and migrate at the next
start with every row and money total of the stored file intact.

    python tools/migration_kill_proof.py                 # every statement of every stored schema
    python tools/migration_kill_proof.py --from 0005 --step 5
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run by hand as ``python tools/migration_kill_proof.py``
    sys.path.insert(0, str(ROOT))
SCHEMAS = ROOT / "tests" / "data" / "schemas"

CHILD = """
import os, signal, sys
from sqlalchemy import event
from sqlalchemy.engine import Engine
from hallmanager.storage.database import open_database, sqlite_url


def child(path, k):
    n = [0]

    @event.listens_for(Engine, "before_cursor_execute")
    def count(conn, cursor, statement, parameters, context, executemany):
        n[0] += 1
        if n[0] == k:
            os.kill(os.getpid(), signal.SIGKILL)

    db = open_database(sqlite_url(path), backup=False, lock=False)
    if k == -1:  # committed, WAL not yet checkpointed: the new schema must survive
        os.kill(os.getpid(), signal.SIGKILL)
    db.dispose()
    print(n[0])


if sys.argv[1] != "--serve":
    child(sys.argv[1], int(sys.argv[2]))
    sys.exit(0)
# --serve: each child a fork of this process (what a migration imports, imported once; no
# database opened before the fork)
import hallmanager.storage.migrate, alembic.command, alembic.runtime.migration  # noqa
from tools.forks import serve
serve(lambda req: child(req["path"], req["k"]))
"""


def schema_of(path: Path) -> tuple[str | None, tuple[tuple[str, tuple[str, ...]], ...]]:
    """(revision, every table with its columns) as the file holds them."""
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name")]
        cols = tuple((t, tuple(r[1] for r in con.execute(f'PRAGMA table_info("{t}")')))
                     for t in tables)
        rev = (con.execute("SELECT version_num FROM alembic_version").fetchone() or [None])[0] \
            if "alembic_version" in tables else None
        return rev, cols
    finally:
        con.close()


def _child(path: Path, k: int) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", CHILD, str(path), str(k)], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=300)


class _Forks:
    """The children as forks of one helper interpreter (``CHILD --serve``): the same SIGKILL
    in the middle of the same migration, without an interpreter start and the imports of
    SQLAlchemy and Alembic per child."""

    def __init__(self, work: Path) -> None:
        from tools.forks import ForkServer

        self._server = ForkServer(CHILD, work, ["--serve"])

    def __call__(self, path: Path, k: int) -> subprocess.CompletedProcess:
        code, out, err = self._server.run({"path": str(path), "k": k})
        return subprocess.CompletedProcess([str(path), str(k)], code, out, err)

    def close(self) -> None:
        self._server.close()


@dataclass
class KillResult:
    source: str
    statements: int
    kills: int = 0
    old: int = 0
    new: int = 0
    problems: list[str] = field(default_factory=list)


def prove(source: Path, work: Path, points: list[int] | None = None, step: int = 1, *,
          fork: bool = True) -> KillResult:
    """Kill the migration of ``source`` before each statement in ``points`` (default every
    ``step``-th); see the module docstring for what must hold. ``fork``: each child a fork of
    one helper interpreter (POSIX); otherwise a new interpreter each (``--spawn``)."""
    work.mkdir(parents=True, exist_ok=True)
    if not fork:
        return _prove(source, work, points, step, _child)
    forks = _Forks(work)
    try:
        return _prove(source, work, points, step, forks)
    finally:
        forks.close()


def _prove(source: Path, work: Path, points: list[int] | None, step: int,
           run_child: Callable[[Path, int], subprocess.CompletedProcess]) -> KillResult:
    from tools.make_schema_snapshot import figures

    old = schema_of(source)
    full = work / "full.sqlite"
    shutil.copy(source, full)
    proc = run_child(full, 0)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    total = int(proc.stdout.split()[-1])
    new = schema_of(full)
    manifest = json.loads(source.with_suffix(".json").read_text(encoding="utf-8"))["tables"]
    result = KillResult(source.name, total)
    for k in points if points is not None else [*range(1, total + 1, step), -1]:
        f = work / f"k{k}.sqlite"
        shutil.copy(source, f)
        proc = run_child(f, k)
        result.kills += 1
        if proc.returncode != -9:
            result.problems.append(f"k={k}: child was not killed ({proc.returncode})")
        now = schema_of(f)
        if now == old:
            result.old += 1
        elif now == new:
            result.new += 1
        else:
            result.problems.append(f"k={k}: schema between old and new (revision {now[0]})")
        proc = run_child(f, 0)  # the next start migrates
        if proc.returncode != 0:
            result.problems.append(f"k={k}: next start failed: {proc.stderr[-300:]}")
        elif schema_of(f) != new:
            result.problems.append(f"k={k}: next start did not reach the head")
        got = figures(f)
        for table, fig in manifest.items():
            if got.get(table, {}).get("rows") != fig["rows"] or any(
                    got[table]["fen_sums"].get(c) != v for c, v in fig["fen_sums"].items()):
                result.problems.append(f"k={k}: {table} changed: {fig} → {got.get(table)}")
        for p in f.parent.glob(f"{f.name}*"):
            p.unlink()
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--from", dest="revs", action="append", help="only these stored revisions")
    p.add_argument("--step", type=int, default=1, help="kill before every n-th statement")
    p.add_argument("--spawn", action="store_true",
                   help="start each child as a new interpreter instead of a fork (slower)")
    args = p.parse_args(argv)
    from hallmanager.storage.migrate import head_revision

    bad = 0
    for src in sorted(SCHEMAS.glob("schema-*.sqlite")):
        rev = src.stem.split("-")[1]
        if rev == head_revision() or (args.revs and rev not in args.revs):
            continue
        with tempfile.TemporaryDirectory() as tmp:
            r = prove(src, Path(tmp), step=args.step, fork=not args.spawn)
        bad += len(r.problems)
        print(f"{r.source}: {r.statements} statements, {r.kills} kills: old schema {r.old}, "
              f"new schema {r.new}, problems {len(r.problems)}", flush=True)
        for line in r.problems[:10]:
            print(f"    {line}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
