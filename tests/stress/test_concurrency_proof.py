"""tools/concurrency_proof.py with a small N: 2 processes × 4 threads writing through the
services at once lose nothing and never show "database is locked"."""

from __future__ import annotations

from tools.concurrency_proof import run


def test_two_processes_four_threads(tmp_path, anchor_dir):
    r = run(tmp_path, processes=2, threads=4, writes=5)
    assert r["writes"] == 2 * 4 * 5
    assert (r["lost"], r["locked"], r["failed"]) == (0, 0, 0), (r["lost_by_kind"], r["errors"])
    assert r["p99_ms"] > 0
