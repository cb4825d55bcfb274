"""GIVEN a desk that lost its POSIX locks (something in its process opened and closed the
database file, as Qt's file dialog does) WHEN the command line exports beside it THEN the
command line never checkpoints and deletes the desk's -wal/-shm files: the desk goes on
writing, and afterwards the file passes ``hallmanager check`` with every write in it.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import select

from hallmanager.domain.roles import Role
from hallmanager.storage.database import open_database, sqlite_url
from hallmanager.storage.models import AuditEntry, User
from tests.conftest import ADMIN_PASSWORD, add_user

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(sys.platform == "win32",
                                reason="POSIX fcntl lock semantics (Windows locks don't drop)")


# ``python -m hallmanager`` (hallmanager/__main__.py) with the tests' Argon2id cost, as the
# fast_cli_hash fixture gives in-process commands: at the real cost each login of a spawned
# command took 0.4 s of CPU (0.8 s with the rehash of the fixtures' cheap hash).
FAST_HASH_MAIN = textwrap.dedent("""
    import sys
    import hallmanager.services.auth as auth
    real = auth.make_hasher
    auth.make_hasher = lambda *, fast=False: real(fast=True)
    from hallmanager.cli import main
    sys.exit(main())
""")


def admin_env() -> dict[str, str]:
    """This process's environment with the hall manager's credentials for the command line."""
    return {**os.environ, "HALLMANAGER_USER": "admin", "HALLMANAGER_PASSWORD": ADMIN_PASSWORD}


def cli(*args: str, real_cost: bool = False) -> subprocess.CompletedProcess[str]:
    """``hallmanager ARGS`` as a real process (the command line beside the desk); with
    ``real_cost`` exactly ``python -m hallmanager`` with the real Argon2id cost."""
    env = {**admin_env(), "PYTHONPATH": str(ROOT)}
    entry = ["-m", "hallmanager"] if real_cost else ["-c", FAST_HASH_MAIN]
    return subprocess.run([sys.executable, *entry, *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=120, stdin=subprocess.DEVNULL)


def drop_posix_locks(path: Path) -> None:
    """What Qt's file dialog did inside the desk: open the database file and close it."""
    with open(path, "rb") as f:
        f.read(16)


def with_a_log(services):
    """A duty log on 2026-11-22, so there is a daily report to export."""
    shift = services.settings.shifts()[0]
    services.dutylog.create_log(dt.date(2026, 11, 22), shift.id)


def test_cli_beside_a_desk_that_lost_its_locks_loses_nothing(hall, db_path, tmp_path,
                                                              cli_forks):
    """The exports are separate processes forked from one helper (tests/conftest.py
    ``CliForks``); the final check is a real ``python -m hallmanager``."""
    with_a_log(hall)
    desk = hall  # this process is the desk: it holds the instance lock and an open engine
    wal = db_path.with_name(db_path.name + "-wal")
    made: list[str] = []
    for round_no in range(3):
        drop_posix_locks(db_path)
        for i in range(5):
            made.append(add_user(desk, f"r{round_no}u{i}", Role.TELLER).username)
        assert wal.exists()
        wal_inode = wal.stat().st_ino
        out = tmp_path / f"日报{round_no}.xlsx"
        r = cli_forks.run("--db", str(db_path), "export", "daily", "--date", "2026-11-22",
                          "--out", str(out), env=admin_env())
        assert r.returncode == 0, r.stdout + r.stderr
        assert out.exists()
        # the desk's WAL is the same file, not deleted (and maybe recreated) by the CLI
        assert wal.exists() and wal.stat().st_ino == wal_inode
    for i in range(5):
        made.append(add_user(desk, f"last{i}", Role.TELLER).username)
    desk.close()
    assert not wal.exists()  # the desk, last to close, checkpointed and removed it

    r = cli("--db", str(db_path), "check", real_cost=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "数据库检查通过" in r.stdout
    db = open_database(sqlite_url(db_path))
    try:
        with db.read() as s:
            names = set(s.scalars(select(User.username)))
            exports = list(s.scalars(select(AuditEntry).where(AuditEntry.action == "export")))
    finally:
        db.dispose()
    assert set(made) <= names
    assert len(exports) == 3


def test_cli_alone_leaves_no_wal_behind(hall, db_path, tmp_path, cli_forks):
    """Without a desk running the command line tidies up: checkpoint, no -wal/-shm left."""
    with_a_log(hall)
    hall.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hall.sqlite"]
    out = tmp_path / "r.xlsx"
    r = cli_forks.run("--db", str(db_path), "export", "daily", "--date", "2026-11-22",
                      "--out", str(out), env=admin_env())
    assert r.returncode == 0, r.stdout + r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hall.sqlite", "r.xlsx"]
