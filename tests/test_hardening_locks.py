"""A lock left by a program that provably no longer runs is cleared at the next start by
itself (audited as system); a live program's lock, or another computer's, is not."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from hallmanager.app import build_services
from hallmanager.cli import main
from hallmanager.domain.clock import ManualClock
from hallmanager.domain.errors import DatabaseInUse, StaleLock
from hallmanager.storage.database import open_database, sqlite_url
from hallmanager.storage.instance_lock import (
    InstanceLock,
    LockInfo,
    hostname,
    is_stale,
    lock_path_for,
    process_start_token,
)
from tests.conftest import ADMIN_PASSWORD

ROOT = Path(__file__).resolve().parents[1]

HOLD = textwrap.dedent("""
    import sys
    from hallmanager.storage.database import open_database, sqlite_url
    db = open_database(sqlite_url(sys.argv[1]), backup=False)
    print(db.lock_info.pid, flush=True)
    sys.stdin.readline()
""")


@pytest.fixture
def hall_file(hall, db_path):
    """A set-up hall (hall manager admin), closed again."""
    hall.close()
    return db_path


def audits(path: Path, action: str):
    db = open_database(sqlite_url(path), lock=False)
    try:
        services = build_services(db, ManualClock(), fast_hash=True)
        services.auth.login("admin", ADMIN_PASSWORD)
        return services.audit.entries(action=action)
    finally:
        db.dispose()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_lock_of_a_killed_desk_is_cleared_at_next_start_and_audited_as_system(hall_file):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(hall_file)], env=env,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    pid = int(child.stdout.readline())
    with pytest.raises(DatabaseInUse) as err:  # alive: refused, not taken over
        open_database(sqlite_url(hall_file))
    assert not isinstance(err.value, StaleLock)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert LockInfo.from_json(lock_path_for(hall_file).read_text()).pid == pid  # left behind

    db = open_database(sqlite_url(hall_file))  # nobody is asked
    try:
        services = build_services(db, ManualClock(dt.datetime(2026, 11, 22, 9, 0)),
                                  fast_hash=True)
        assert services.maintenance.record_stale_lock_taken_over().pid == pid
        assert services.maintenance.record_stale_lock_taken_over() is None  # audited once
        assert db.lock_info.pid == os.getpid()
    finally:
        db.dispose()
    (entry,) = audits(hall_file, "clear_stale_lock")
    assert entry.username == "system"
    assert entry.before["pid"] == pid and entry.after["automatic"] is True


def test_pid_reused_by_another_process_is_stale(tmp_path):
    """GIVEN a lock whose pid is alive but started at another time (pid reused after the
    crash) THEN stale; the same pid with its real start time is live."""
    token = process_start_token(os.getpid())
    if token is None:
        pytest.skip("this OS does not report process start times")
    me = LockInfo.for_this_process()
    assert me.proc_start == token and not is_stale(me)
    reused = LockInfo(host=hostname(), pid=os.getpid(), started="2026-11-22 08:00:00",
                      started_epoch=me.started_epoch, proc_start=str(int(token) + 1))
    assert is_stale(reused)
    assert not is_stale(LockInfo(host=hostname() + "-desk2", pid=1, started="x"))


def test_lock_written_by_the_previous_version_still_works(tmp_path):
    """Lock files without ``proc_start`` (older program): pid alive → live, else stale."""
    me = LockInfo.for_this_process()
    old = LockInfo.from_json(me.to_json().replace('"proc_start"', '"ignored"'))
    assert old.proc_start == "" and not is_stale(old)


def test_a_fresh_lock_taken_meanwhile_is_put_back_not_deleted(tmp_path):
    """Two programs started at once after a crash: the one that judged the old lock stale
    must not delete the lock the other one has just taken."""
    lock = InstanceLock(tmp_path / "hall.sqlite.lock")
    stale = LockInfo(host=hostname(), pid=0, started="x")
    fresh = LockInfo.for_this_process()
    lock.path.write_text(fresh.to_json(), encoding="utf-8")
    assert lock._remove_if_unchanged(stale) is False
    assert LockInfo.from_json(lock.path.read_text(encoding="utf-8")) == fresh
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hall.sqlite.lock"]


def test_unlock_clears_another_computers_lock(hall_file, monkeypatch, capsys):
    """Only the hall manager decides that a program on another computer is gone."""
    other = LockInfo(host=hostname() + "-desk2", pid=4242, started="2026-11-22 08:00:00",
                     started_epoch=dt.datetime.now().timestamp())
    lock_path_for(hall_file).write_text(other.to_json(), encoding="utf-8")
    with pytest.raises(DatabaseInUse) as err:
        open_database(sqlite_url(hall_file))
    assert "hallmanager unlock" in err.value.message and other.host in err.value.message
    monkeypatch.setenv("HALLMANAGER_USER", "admin")
    monkeypatch.setenv("HALLMANAGER_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": ADMIN_PASSWORD)
    assert main(["unlock", "--db", str(hall_file), "--user", "admin"]) == 0
    assert not lock_path_for(hall_file).exists()
    (entry,) = audits(hall_file, "clear_stale_lock")
    assert entry.username == "admin" and entry.before["host"] == other.host
