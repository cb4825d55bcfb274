"""A migration killed mid-way (SIGKILL before its k-th statement) leaves the old schema or
the new one, and the next start migrates with every row and money total intact. A few
points here; every statement by hand: ``python tools/migration_kill_proof.py``."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from tools.migration_kill_proof import SCHEMAS, prove

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def test_killed_migration_is_old_or_new_never_between(tmp_path: Path):
    source = SCHEMAS / "schema-0004.sqlite"  # migrates through 0005, 0006, 0007
    result = prove(source, tmp_path, points=[1, 40, -1])  # first, middle, after the commit
    assert result.statements > 60
    assert result.problems == []
    assert result.old + result.new == result.kills == 3
    assert result.old >= 1 and result.new == 1  # only the kill after the commit
