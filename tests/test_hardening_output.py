"""Output files: nothing left behind by a killed export, an audit entry only for a file that
exists, the user's normal permissions, and the resolved path in the audit."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from hallmanager.exporters import atomic, daily_excel
from hallmanager.exporters.atomic import OutputExists, atomic_output, atomic_write
from hallmanager.storage.models import AuditEntry
from tests.conftest import ADMIN_PASSWORD
from tests.test_export_service import day_built

ROOT = Path(__file__).resolve().parents[1]
D = dt.date(2026, 11, 22)


def exports(services) -> list[dict]:
    with services.db.read() as s:
        return [json.loads(e.after_json) for e in s.scalars(
            select(AuditEntry).where(AuditEntry.action == "export").order_by(AuditEntry.id))]


@pytest.fixture
def db(built_day_db):
    """Every hall here has ``build_day``'s day: a copy of the session's ``day_template``
    (tests/conftest.py) instead of building it again per test."""
    return built_day_db


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


# --- killed mid-write ------------------------------------------------------------------------

KILL_LOOP = textwrap.dedent("""
    # Forks one real export per round (imports and a warm-up export done once, so a round
    # is only the export) and SIGKILLs it at a random moment of its run.
    import contextlib, io, os, random, signal, sys, time
    import openpyxl  # the fork then only does the export itself
    import hallmanager.app, hallmanager.commands.export, hallmanager.exporters.daily_excel
    import hallmanager.storage.migrate  # alembic: slow to import
    import hallmanager.services.auth as auth
    from hallmanager.cli import main

    # The tests' Argon2id cost (as the fast_cli_hash fixture): at the real cost the login
    # took most of a round's time (and CPU), so most kills fell before the export began.
    real_hasher = auth.make_hasher
    auth.make_hasher = lambda *, fast=False: real_hasher(fast=True)

    args, rounds = sys.argv[1:-1], int(sys.argv[-1])

    def export():
        pid = os.fork()
        if pid == 0:
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
            os._exit(main(args))
        return pid

    with contextlib.redirect_stdout(io.StringIO()):  # caches warm for every fork
        assert main(args) == 0
    started = time.monotonic()
    _, status = os.waitpid(export(), 0)
    full = time.monotonic() - started
    assert os.waitstatus_to_exitcode(status) == 0
    rng, killed = random.Random(7), 0
    for _ in range(rounds):
        pid = export()
        time.sleep(rng.uniform(0.05, 0.95) * full)  # a random moment of the export
        if os.waitpid(pid, os.WNOHANG) == (0, 0):  # still at work: kill it
            os.kill(pid, signal.SIGKILL)
            killed += 1
            os.waitpid(pid, 0)
    # whatever happened, the target is a whole workbook (raises if not)
    openpyxl.load_workbook(args[args.index("--out") + 1])
    # then one whole export, as the next command-line run after the kills
    _, status = os.waitpid(export(), 0)
    print(f"{full:.3f} {killed} {os.waitstatus_to_exitcode(status)}")
""")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL (POSIX)")
def test_twenty_kills_mid_export_leave_no_temporary(hall, clock, db_path, tmp_path):
    day_built(hall)
    hall.close()
    out = tmp_path / "out"
    out.mkdir()
    target = out / "营业日报.xlsx"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HALLMANAGER_USER": "admin",
           "HALLMANAGER_PASSWORD": ADMIN_PASSWORD}
    args = ["--db", str(db_path), "export", "daily", "--date", D.isoformat(),
            "--out", str(target), "--force"]
    r = subprocess.run([sys.executable, "-c", KILL_LOOP, *args, "20"], env=env, cwd=ROOT,
                       capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300)
    assert r.returncode == 0, r.stderr
    full, killed, after = r.stdout.split()
    print(f"one export took {float(full):.2f}s; {killed} of 20 exports killed mid-way")
    assert int(killed) >= 10
    assert int(after) == 0, r.stderr  # the next export after the kills works
    openpyxl.load_workbook(target)
    assert sorted(p.name for p in out.iterdir()) == ["营业日报.xlsx"]


DIE_WRITING = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from hallmanager.exporters import atomic
    tmp, fd = atomic._open_named(Path(sys.argv[1]))
    os.write(fd, b"half a report")
    print(tmp, flush=True)
    if sys.argv[2] == "die":
        os._exit(9)  # like SIGKILL: no clean-up
    sys.stdin.readline()
""")


def test_stale_named_temporaries_of_dead_writers_are_removed_at_next_output(tmp_path):
    """Where O_TMPFILE is missing (Windows, macOS, FAT): the next output in the folder removes
    the temporaries whose writer died, and leaves a live writer's alone."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    target = tmp_path / "交接班表.pdf"
    dead = subprocess.run([sys.executable, "-c", DIE_WRITING, str(target), "die"], env=env,
                          capture_output=True, text=True)
    dead_tmp = Path(dead.stdout.strip())
    live = subprocess.Popen([sys.executable, "-c", DIE_WRITING, str(target), "live"], env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        live_tmp = Path(live.stdout.readline().strip())
        assert dead_tmp.exists() and live_tmp.exists()
        atomic_write(tmp_path / "other.pdf", lambda p: p.write_bytes(b"%PDF"))
        assert not dead_tmp.exists()
        assert live_tmp.exists()  # its writer is still at work
    finally:
        live.stdin.write("\n")
        live.stdin.close()
        live.wait()


def test_named_fallback_publishes_without_clobbering(tmp_path, monkeypatch, umask_022):
    """The same promises with the named temporary (no O_TMPFILE)."""
    monkeypatch.setattr(atomic, "_open_unnamed", lambda folder: None)
    target = tmp_path / "a.xlsx"
    atomic_write(target, lambda p: p.write_bytes(b"one"))
    assert target.read_bytes() == b"one"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644

    def racing(p):
        p.write_bytes(b"mine")
        target.write_bytes(b"theirs")

    target.unlink()
    with pytest.raises(OutputExists):
        atomic_write(target, racing)
    assert target.read_bytes() == b"theirs"
    target.chmod(0o600)
    atomic_write(target, lambda p: p.write_bytes(b"two"), force=True)
    assert target.read_bytes() == b"two"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx"]


def test_a_published_file_is_removed_when_the_block_fails_after(tmp_path):
    """publish() inside a transaction whose commit then fails: the new file goes again."""
    target = tmp_path / "r.xlsx"
    with pytest.raises(RuntimeError), atomic_output(target) as out:
        out.path.write_bytes(b"data")
        out.publish()
        assert target.exists()
        raise RuntimeError("commit failed")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


# --- audit only for an existing output --------------------------------------------------------

def test_target_appearing_during_the_write_is_not_audited(hall, clock, tmp_path, monkeypatch):
    day_built(hall)
    login_admin(hall)
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "日报.xlsx"
    real_build = daily_excel._build

    def build_while_someone_saves(report, out):
        real_build(report, out)
        target.write_bytes(b"someone else's file")

    monkeypatch.setattr(daily_excel, "_build", build_while_someone_saves)
    with pytest.raises(OutputExists):
        hall.reports.export_daily(D, target)
    assert target.read_bytes() == b"someone else's file"
    assert exports(hall) == []
    assert sorted(p.name for p in target.parent.iterdir()) == ["日报.xlsx"]


def login_admin(services):
    from tests.conftest import ADMIN_PASSWORD, login_as

    login_as(services, "admin", ADMIN_PASSWORD)


# --- permissions and the audited path ---------------------------------------------------------

def test_output_gets_normal_permissions_and_force_keeps_the_mode(hall, clock, tmp_path,
                                                                  umask_022):
    day_built(hall)
    login_admin(hall)
    new = hall.reports.export_daily(D, tmp_path / "new.xlsx")
    assert stat.S_IMODE(new.stat().st_mode) == 0o644  # like any file the user creates
    kept = tmp_path / "kept.pdf"
    kept.write_bytes(b"old")
    kept.chmod(0o640)
    hall.reports.print_handover(D, "早班", kept, force=True)
    assert kept.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640


def test_audit_names_the_resolved_path(hall, clock, tmp_path):
    day_built(hall)
    login_admin(hall)
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    written = hall.reports.export_daily(D, tmp_path / "link" / ".." / "real" / "r.xlsx")
    assert written == (real / "r.xlsx").resolve()
    assert exports(hall)[-1]["file"] == str((real / "r.xlsx").resolve())
    written = hall.reports.export_daily(D, tmp_path / "link" / "s.xlsx")
    assert exports(hall)[-1]["file"] == str((real / "s.xlsx").resolve())
