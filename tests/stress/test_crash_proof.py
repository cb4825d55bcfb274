"""tools/crash_proof.py with a small N: every write path killed with SIGKILL; after each kill
the full check passes, no reported commit is lost, the next start needs nobody.
The full run (``python tools/crash_proof.py --runs 500``) is by hand; figures in
docs/reliability.md."""

from __future__ import annotations

import random
import signal

import pytest

from tools.crash_proof import PATHS, make_template, run_path

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash")
    path = folder / "template" / "hall.sqlite"
    path.parent.mkdir()
    return folder, path, make_template(path)


@pytest.mark.parametrize("which", PATHS)
def test_kill_anywhere_loses_nothing_reported(template, which, anchor_dir, monkeypatch):
    folder, path, ids = template
    monkeypatch.setenv("HALLMANAGER_ANCHOR_DIR", str(anchor_dir))
    result = run_path(folder, path, ids, which, 1, rng=random.Random(14), max_lines=4)
    assert result.runs == 1 and result.reported >= 1
    assert result.lost == []
    assert result.problems == []
