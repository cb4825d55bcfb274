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

# One fresh interpreter per test process (no Qt: it may fork) builds the template once and,
# for each path asked on its stdin, kills that path's child as the tool's own run does: a fork
# of the already imported process, SIGKILLed in the middle of its writes. One interpreter
# start for the paths instead of one per kill; each test asks for its own path only (under
# xdist the paths may be spread over several workers without running twice).
DRIVER = textwrap.dedent("""
    import dataclasses, json, random, sys
    from pathlib import Path

    from tools.crash_proof import make_template, run_path
    # what every child needs, imported once before the first fork (as tools/crash_proof.py)
    from hallmanager.domain.attendance.fines import Item  # noqa: F401
    from hallmanager.domain.complaints.rules import CallResult  # noqa: F401
    from hallmanager.services.complaints.views import ComplaintInput  # noqa: F401

    folder = Path(sys.argv[1])
    path = folder / "template" / "hall.sqlite"
    path.parent.mkdir()
    ids = make_template(path)
    for line in sys.stdin:
        which = line.strip()
        r = run_path(folder, path, ids, which, 1, rng=random.Random(14), max_lines=4,
                     fork=True)
        print(json.dumps(dataclasses.asdict(r)), flush=True)
""")


@pytest.fixture(scope="module")
def crash(tmp_path_factory):
    """``crash(which)``: the result of killing path ``which`` once (see DRIVER)."""
    folder = tmp_path_factory.mktemp("crash")
    env = {**os.environ, "PYTHONPATH": str(ROOT),
           "HALLMANAGER_ANCHOR_DIR": str(folder / "anchors")}
    errors = folder / "driver-stderr.txt"
    with errors.open("w") as err:
        proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(folder)], env=env, cwd=ROOT,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err,
                                text=True)

    def run(which: str) -> dict:
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(which + "\n")
        proc.stdin.flush()
        line = proc.stdout.readline()
        assert line, errors.read_text()[-3000:]
        return json.loads(line)

    yield run
    assert proc.stdin is not None
    proc.stdin.close()
    proc.wait(timeout=120)


@pytest.mark.parametrize("which", PATHS)
def test_kill_anywhere_loses_nothing_reported(crash, which):
    result = crash(which)
    assert result["runs"] == 1 and result["reported"] >= 1
    assert result["lost"] == []
    assert result["problems"] == []
