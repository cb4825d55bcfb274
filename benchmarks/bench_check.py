"""How long ``hallmanager check`` takes as the audit log grows (issue 9: ≤ 1.0 s for a 5-year
hall, ≤ 10 s for 1,000,000 audit entries).

    python benchmarks/bench_check.py [--sizes 75000,1000000] [--runs 3]
                                     [--hall demo.sqlite] [--cache /tmp/hallmanager-bench]

Starts from a demo hall (``--hall``, or a 90-day ``hallmanager demo`` built once into the
cache) and appends filler audit entries until the log has each size: entries shaped like the
hall's own (their user names, actions and JSON payloads, cycled), entity ``filler`` so the
record checks still agree, chained exactly as the program chains them (the domain's
``entry_hash``), written once into a cache file. Then each run copies that file and times the
whole command (spawn → exit) with ``--db`` on the copy, and its peak memory. A hall that
already has more entries than a size is used as it is (its own figure). Nothing asserts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hallmanager.domain.audit_chain import ChainEntry, entry_hash  # noqa: E402

COLUMNS = ("id, at, user_id, username, action, entity, entity_id, before_json, after_json, "
           "prev_hash, hash")


def env(folder: Path) -> dict[str, str]:
    """A clean anchor folder (no local anchor of another copy at the same path) and byte code
    kept between runs (an installed program has its .pyc files)."""
    e = dict(os.environ, HALLMANAGER_ANCHOR_DIR=str(folder / "anchors"),
             PYTHONPYCACHEPREFIX=str(folder / "pycache"), PYTHONPATH=str(ROOT))
    e.pop("PYTHONDONTWRITEBYTECODE", None)
    return e


def count(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("SELECT count(*) FROM audit_entry").fetchone()[0])
    finally:
        con.close()


def grow(src: Path, dst: Path, size: int) -> None:
    """Copy ``src`` to ``dst`` and append chained filler entries until ``size``."""
    tmp = dst.with_name(dst.name + ".building")
    shutil.copyfile(src, tmp)
    con = sqlite3.connect(tmp, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode=WAL")
        models = con.execute("SELECT user_id, username, action, before_json, after_json "
                             "FROM audit_entry ORDER BY id").fetchall()
        last_id, prev, last_at = con.execute(
            "SELECT id, hash, at FROM audit_entry ORDER BY id DESC LIMIT 1").fetchone()
        n = size - count(tmp)
        # the chain hashes the time as the program reads it back (datetime.isoformat)
        at_text = dt.datetime.fromisoformat(last_at).isoformat(sep=" ")
        con.execute("BEGIN")
        rows = []
        for i in range(n):
            user_id, username, action, before, after = models[i % len(models)]
            eid = last_id + 1 + i
            e = ChainEntry(id=eid, at=at_text, user_id=user_id, username=username,
                           action=action, entity="filler", entity_id=str(i),
                           before_json=before, after_json=after, prev_hash=prev, hash="")
            h = entry_hash(prev, e.payload())
            rows.append((eid, last_at, user_id, username, action, "filler", str(i), before,
                         after, prev, h))
            prev = h
            if len(rows) == 20000:
                con.executemany(f"INSERT INTO audit_entry ({COLUMNS}) VALUES "
                                f"(?,?,?,?,?,?,?,?,?,?,?)", rows)
                rows.clear()
        if rows:
            con.executemany(f"INSERT INTO audit_entry ({COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                            rows)
        con.execute("COMMIT")
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute("PRAGMA journal_mode=DELETE")
    finally:
        con.close()
    os.replace(tmp, dst)


def timed_check(db: Path, folder: Path) -> tuple[float, float, float, str]:
    """(wall seconds, CPU seconds, peak RSS MiB, last output line) of one ``hallmanager
    check``; the CPU time (user + system) is what a busy machine inflates least."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    before = r0.ru_maxrss
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "hallmanager", "check", "--db", str(db)],
                         capture_output=True, text=True, env=env(folder), cwd=ROOT)
    wall = time.perf_counter() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    rss = r1.ru_maxrss
    if out.returncode != 0:
        raise RuntimeError(f"check failed ({out.returncode}):\n{out.stdout[-2000:]}"
                           f"\n{out.stderr[-2000:]}")
    # ru_maxrss of children is the largest of any child so far: an upper bound per run
    return wall, cpu, max(rss, before) / 1024, out.stdout.strip().splitlines()[-1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="75000,1000000",
                    help="audit log sizes, comma-separated (default 75000,1000000)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--hall", help="start from this hall (default: a 90-day demo, cached)")
    ap.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "hallmanager-bench"))
    args = ap.parse_args()
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="hm-check-"))
    if args.hall:
        hall = Path(args.hall)
    else:
        hall = cache / "demo-90d.sqlite"
        if not hall.exists():
            building = cache / "demo-90d.building.sqlite"
            for p in cache.glob(building.name + "*"):
                p.unlink()
            subprocess.run([sys.executable, "-m", "hallmanager", "demo", "--db", str(building)],
                           check=True, env=env(work), cwd=ROOT, capture_output=True)
            os.replace(building, hall)
    own = count(hall)
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; hall {hall} "
          f"({own} audit entries)", flush=True)
    print("| audit entries | `check`, whole command: wall (median) | CPU (median) | runs "
          "| peak RSS |")
    print("|---|---|---|---|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        if size <= own:
            src = hall
        else:
            src = cache / f"check-{hall.stem}-{size}.sqlite"
            if not src.exists():
                t = time.perf_counter()
                grow(hall, src, size)
                print(f"  built {src} in {time.perf_counter() - t:.1f} s", file=sys.stderr,
                      flush=True)
        walls, cpus, peak, line = [], [], 0.0, ""
        for _ in range(args.runs):
            db = work / "hall.sqlite"
            for p in work.glob("hall.sqlite*"):
                p.unlink()
            shutil.copyfile(src, db)
            shutil.rmtree(work / "anchors", ignore_errors=True)
            wall, cpu, rss, line = timed_check(db, work)
            walls.append(wall)
            cpus.append(cpu)
            peak = max(peak, rss)
        print(f"| {count(src):,} | {statistics.median(walls):.2f} s "
              f"({', '.join(f'{w:.2f}' for w in walls)}) | {statistics.median(cpus):.2f} s "
              f"| {args.runs} | ≤ {peak:.0f} MiB |",
              flush=True)
        print(f"  {line[:160]}", file=sys.stderr)
    print(f"load average after {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
