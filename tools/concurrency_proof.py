"""Concurrency proof: several processes × several threads write at once through the services
(complaint registration, punches, cash movements, duty-log autosave, and backups
taken meanwhile) on one SQLite
file. Every reported write must be in the file afterwards (0 lost updates), no user may see
"database is locked", and the write latency's median and p99 are printed.

    python tools/concurrency_proof.py                       # 2 processes × 4 threads × 50
    python tools/concurrency_proof.py --processes 2 --threads 4 --writes 200

tests/stress/test_concurrency_proof.py runs it small.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run by hand as ``python tools/concurrency_proof.py``
    sys.path.insert(0, str(ROOT))
KINDS = ("complaint", "punch", "cash", "autosave", "backup")
BASE = dt.datetime(2025, 6, 1, 9, 0)


def _worker(db: object, proc: int, thread: int, writes: int, ids: dict[str, int],
            out: dict[str, object], threads: int = 4) -> None:
    """One thread of a desk-like process: its own services (its own login) over the
    process's one Database, as the desk's worker threads use it."""
    from hallmanager.app import build_services
    from hallmanager.domain.clock import ManualClock
    from hallmanager.domain.complaints.rules import Source
    from hallmanager.domain.errors import DatabaseLocked, DomainError
    from hallmanager.services.complaints.views import ComplaintInput
    from tools.crash_proof import ADMIN_PASSWORD

    kind = KINDS[(proc * threads + thread) % len(KINDS)]
    clock = ManualClock(BASE)
    sv = build_services(db, clock, fast_hash=True)
    latencies: list[float] = []
    done = locked = failed = 0
    errors: list[str] = []
    log_id = None
    try:
        sv.auth.login("admin", ADMIN_PASSWORD)
        if kind == "autosave":
            log_id = sv.dutylog.create_log(BASE.date() - dt.timedelta(days=proc * 100 + thread),
                                           ids["shift"]).id
        for i in range(writes):
            when = BASE + dt.timedelta(days=proc * 1000 + thread * 100 + i // 10,
                                       minutes=i % 10)
            clock.set(when.replace(hour=18))
            t0 = time.perf_counter()
            try:
                if kind == "complaint":
                    sv.complaints.register(ComplaintInput(
                        source=Source.ON_SITE, received_at=when, customer_name="李四",
                        phone="13812345678", category="资费计费",
                        description=f"p{proc} t{thread} #{i}"))
                elif kind == "punch":
                    sv.attendance.record_punch(ids["staff"], when)
                elif kind == "cash":
                    sv.cash.add_movement(when.date(), ids["shift"], "1.00", direction="in",
                                         reason=f"p{proc} t{thread} #{i}")
                elif kind == "backup":
                    sv.backup.backup()
                else:
                    sv.dutylog.update_draft(log_id, customer_flow=i + 1)
                done += 1
            except DatabaseLocked as exc:
                locked += 1
                errors.append(exc.message)
            except DomainError as exc:
                failed += 1
                errors.append(exc.message)
            latencies.append(time.perf_counter() - t0)
    except Exception as exc:  # reported as a failure, not a crash of the proof
        failed += 1
        errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        if sv.ctx.auth.user is not None:
            sv.auth.logout()
    out.update(kind=kind, done=done, locked=locked, failed=failed, errors=errors[:3],
               latencies=latencies, log_id=log_id)


def child(db_path: Path, proc: int, threads: int, writes: int, ids: dict[str, int]) -> None:
    """One process (like a command-line run beside others): one Database, many threads."""
    from hallmanager.storage.database import open_database, sqlite_url

    db = open_database(sqlite_url(db_path), backup=False, lock=False)
    results: list[dict[str, object]] = [{} for _ in range(threads)]
    ts = [threading.Thread(target=_worker, args=(db, proc, t, writes, ids, results[t], threads))
          for t in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    db.dispose()
    print(json.dumps(results))


def run(folder: Path, processes: int, threads: int, writes: int, *,
        fork: bool = False) -> dict[str, object]:
    """Run the proof in ``folder``; the figures as a dict (see ``main``). ``fork``: each
    process a fork of this one (POSIX, not from a process with Qt); otherwise a new
    interpreter each."""
    from tools.crash_proof import make_template
    from tools.forks import ForkedChild

    db = folder / "hall.sqlite"
    ids = make_template(db)
    con = sqlite3.connect(db)
    before = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("complaint", "attendance_punch", "cash_movement")}
    con.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t0 = time.monotonic()
    procs: list[subprocess.Popen[str] | ForkedChild]
    if fork:
        # what every child needs, imported once before the forks
        from hallmanager.app import build_services  # noqa: F401
        from hallmanager.domain.complaints.rules import Source  # noqa: F401
        from hallmanager.services.complaints.views import ComplaintInput  # noqa: F401
        from hallmanager.storage.database import open_database  # noqa: F401

        procs = [ForkedChild(lambda p=p: child(db, p, threads, writes, ids),
                             folder / f"child{p}-stderr.txt")
                 for p in range(processes)]
    else:
        procs = [subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--child",
                                   str(p), "--db", str(db), "--threads", str(threads),
                                   "--writes", str(writes), "--ids", json.dumps(ids)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env=env, cwd=ROOT) for p in range(processes)]
    results: list[dict] = []
    for p in procs:
        out, err = p.communicate(timeout=3600)
        if p.returncode != 0:
            raise RuntimeError(err[-2000:])
        results += json.loads(out)
    seconds = time.monotonic() - t0
    con = sqlite3.connect(db)
    after = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
             for t in ("complaint", "attendance_punch", "cash_movement")}
    table = {"complaint": "complaint", "punch": "attendance_punch", "cash": "cash_movement"}
    reported = {k: sum(r["done"] for r in results if r["kind"] == k) for k in KINDS}
    lost = {k: reported[k] - (after[t] - before[t]) for k, t in table.items()}
    backups = len(list((folder / "backups").glob("hall.*.manual.sqlite"))) - 1  # template's
    lost["backup"] = reported["backup"] - backups
    stale = 0
    for r in results:
        if r["kind"] == "autosave" and r["log_id"] is not None:
            flow = con.execute("SELECT customer_flow FROM duty_log WHERE id=?",
                               (r["log_id"],)).fetchone()[0]
            stale += int(flow != r["done"])
    con.close()
    lat = sorted(x for r in results for x in r["latencies"])
    p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))] if lat else 0.0
    return {"processes": processes, "threads": threads, "writes": sum(reported.values()),
            "lost_by_kind": {**{k: v for k, v in lost.items() if v}, "autosave": stale},
            "lost": sum(lost.values()) + stale, "locked": sum(r["locked"] for r in results),
            "failed": sum(r["failed"] for r in results),
            "errors": [e for r in results for e in r["errors"]][:5],
            "median_ms": statistics.median(lat) * 1000 if lat else 0.0, "p99_ms": p99 * 1000,
            "max_ms": (lat[-1] * 1000) if lat else 0.0, "seconds": seconds}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--processes", type=int, default=2)
    p.add_argument("--threads", type=int, default=4)
    p.add_argument("--writes", type=int, default=50, help="writes per thread")
    p.add_argument("--spawn", action="store_true",
                   help="start each process as a new interpreter instead of a fork")
    p.add_argument("--json", action="store_true", help="print the figures as one JSON line")
    p.add_argument("--work", type=Path, default=None, help="folder for the files (temp)")
    p.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    p.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--ids", default="{}", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child is not None:
        child(args.db, args.child, args.threads, args.writes, json.loads(args.ids))
        return 0
    fork = not args.spawn and hasattr(os, "fork")
    if args.work is not None:
        args.work.mkdir(parents=True, exist_ok=True)
        os.environ.setdefault("HALLMANAGER_ANCHOR_DIR", str(args.work / "anchors"))
        r = run(args.work, args.processes, args.threads, args.writes, fork=fork)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            os.environ.setdefault("HALLMANAGER_ANCHOR_DIR", str(Path(tmp) / "anchors"))
            r = run(Path(tmp), args.processes, args.threads, args.writes, fork=fork)
    if args.json:
        print(json.dumps(r))
        return 1 if r["lost"] or r["locked"] or r["failed"] else 0
    print(f"{r['processes']} processes × {r['threads']} threads: {r['writes']} writes in "
          f"{r['seconds']:.1f} s; lost {r['lost']}; 'database is locked' shown {r['locked']}; "
          f"other refusals {r['failed']}; latency median {r['median_ms']:.1f} ms, "
          f"p99 {r['p99_ms']:.1f} ms, max {r['max_ms']:.1f} ms")
    for e in r["errors"]:
        print(f"    {e}")
    return 1 if r["lost"] or r["locked"] or r["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
