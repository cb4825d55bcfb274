"""tools/concurrency_proof.py with a small N: 2 processes × 4 threads writing through the
services at once lose nothing and never show "database is locked"."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_two_processes_four_threads(tmp_path, anchor_dir):
    """The tool as run by hand: a fresh interpreter (no Qt: it may fork) whose two writing
    processes are forks of it, each with its own Database and four threads."""
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "concurrency_proof.py"), "--processes", "2",
         "--threads", "4", "--writes", "5", "--json", "--work", str(tmp_path)],
        env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT, capture_output=True, text=True,
        stdin=subprocess.DEVNULL, timeout=600, check=False)
    assert proc.stdout.strip(), proc.stderr[-3000:]
    r = json.loads(proc.stdout.strip().splitlines()[-1])
    assert r["writes"] == 2 * 4 * 5
    assert (r["lost"], r["locked"], r["failed"]) == (0, 0, 0), (r["lost_by_kind"], r["errors"])
    assert r["p99_ms"] > 0
