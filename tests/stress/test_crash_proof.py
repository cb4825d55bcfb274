"""tools/crash_proof.py with a small N: every write path killed with SIGKILL; after each kill
the full check passes, no reported commit is lost, the next start needs nobody.
The full run (``python tools/crash_proof.py --runs 500``) is by hand; figures in
docs/reliability.md."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tools.crash_proof import PATHS

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
ROOT = Path(__file__).resolve().parents[2]

# One fresh interpreter (no Qt: it may fork) builds the template once and kills each path's
# child as the tool's own run does: a fork of the already imported process, SIGKILLed in the
# middle of its writes. One interpreter start for the ten paths instead of one per kill.
DRIVER = textwrap.dedent("""
    import dataclasses, json, random, sys
    from pathlib import Path

    from tools.crash_proof import PATHS, make_template, run_path
    # what every child needs, imported once before the first fork (as tools/crash_proof.py)
    from hallmanager.domain.attendance.fines import Item  # noqa: F401
    from hallmanager.domain.complaints.rules import CallResult  # noqa: F401
    from hallmanager.services.complaints.views import ComplaintInput  # noqa: F401

    folder = Path(sys.argv[1])
    path = folder / "template" / "hall.sqlite"
    path.parent.mkdir()
    ids = make_template(path)
    results = {}
    for which in PATHS:
        r = run_path(folder, path, ids, which, 1, rng=random.Random(14), max_lines=4,
                     fork=True)
        results[which] = dataclasses.asdict(r)
    print(json.dumps(results))
""")


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash")
    env = {**os.environ, "PYTHONPATH": str(ROOT),
           "HALLMANAGER_ANCHOR_DIR": str(folder / "anchors")}
    r = subprocess.run([sys.executable, "-c", DRIVER, str(folder)], env=env, cwd=ROOT,
                       capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=600,
                       check=False)
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout.splitlines()[-1])


@pytest.mark.parametrize("which", PATHS)
def test_kill_anywhere_loses_nothing_reported(results, which):
    result = results[which]
    assert result["runs"] == 1 and result["reported"] >= 1
    assert result["lost"] == []
    assert result["problems"] == []
