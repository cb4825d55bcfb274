"""What the local audit anchor costs: 400 audited write transactions with it and without.

    python benchmarks/bench_anchor.py

Prints milliseconds per transaction (a real SQLite file in a temporary folder, WAL,
synchronous=FULL); the anchor is "off" when the database has no identity to anchor.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from pathlib import Path

import hallmanager.storage.audit as audit_mod
from hallmanager.storage.audit import append_audit
from hallmanager.storage.database import open_database, sqlite_url

N = 400


def run(anchor: bool) -> float:
    real = audit_mod.database_identity
    if not anchor:
        audit_mod.database_identity = lambda url: None
    try:
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["HALLMANAGER_ANCHOR_DIR"] = str(Path(tmp) / "anchors")
            db = open_database(sqlite_url(Path(tmp) / "bench.sqlite"))
            at = dt.datetime(2026, 11, 22, 9)
            started = time.perf_counter()
            for i in range(N):
                with db.write() as s:
                    append_audit(s, at=at, user_id=None, username="system", action="bench",
                                 entity="bench", entity_id=i, after={"i": i})
            elapsed = time.perf_counter() - started
            db.dispose()
    finally:
        audit_mod.database_identity = real
    return elapsed / N * 1000


if __name__ == "__main__":
    for _ in range(3):
        off, on = run(False), run(True)
        print(f"anchor off {off:5.2f} ms   anchor on {on:5.2f} ms   per audited write")
