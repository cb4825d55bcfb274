"""The instance lock and clearing a stale one (service and ``hallmanager unlock``)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from hallmanager.app import build_services
from hallmanager.cli import main
from hallmanager.domain.clock import ManualClock
from hallmanager.domain.errors import (
    AuthenticationError,
    DatabaseInUse,
    LoginThrottled,
    PermissionDenied,
    StaleLock,
)
from hallmanager.domain.roles import Role
from hallmanager.storage.anchors import (
    Anchor,
    database_identity,
    read_local_anchor,
    write_local_anchor,
)
from hallmanager.storage.database import open_database, sqlite_url
from hallmanager.storage.instance_lock import (
    InstanceLock,
    LockInfo,
    hostname,
    lock_path_for,
    pid_alive,
)
from tests.conftest import ADMIN_PASSWORD, USER_PASSWORD, dead_pid


def _stale_info() -> LockInfo:
    return LockInfo(host=hostname(), pid=dead_pid(), started="2026-11-21 18:00:00",
                    started_epoch=dt.datetime.now().timestamp())


@pytest.fixture(scope="module")
def set_up_hall(tmp_path_factory) -> tuple[Path, Anchor]:
    """A set-up hall (hall manager and a duty manager), closed cleanly, and the local anchor
    the program wrote for it: built once per module, copied by ``crashed``."""
    folder = tmp_path_factory.mktemp("lock-hall")
    path = folder / "hall.sqlite"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HALLMANAGER_ANCHOR_DIR", str(folder / "anchors"))
        db = open_database(sqlite_url(path))
        s = build_services(db, ManualClock(), fast_hash=True)
        s.auth.setup(hall_name="测试厅", hall_code="T1", username="admin", full_name="王厅长",
                     password=ADMIN_PASSWORD)
        s.auth.login("admin", ADMIN_PASSWORD)
        s.auth.create_user(username="duty", full_name="值班员", role=Role.DUTY_MANAGER,
                           password=USER_PASSWORD)
        s.close()
        anchor = read_local_anchor(database_identity(sqlite_url(path)))
    assert anchor is not None and sorted(p.name for p in folder.iterdir()) == [
        "anchors", "hall.sqlite"]
    return path, anchor


@pytest.fixture
def crashed(set_up_hall, tmp_path):
    """A set-up hall whose program crashed: the lock file of a dead process is left behind
    (a copy of ``set_up_hall``, anchored on this PC as the program anchored it)."""
    template, anchor = set_up_hall
    path = tmp_path / "hall.sqlite"
    shutil.copyfile(template, path)
    write_local_anchor(database_identity(sqlite_url(path)), anchor)
    info = _stale_info()
    lock_path_for(path).write_text(info.to_json(), encoding="utf-8")
    return path, info


def test_pid_alive():
    assert pid_alive(os.getpid())
    assert not pid_alive(dead_pid())
    assert not pid_alive(0)


def test_lock_roundtrip_and_release_only_own(tmp_path):
    lock = InstanceLock(tmp_path / "x.sqlite.lock")
    info = lock.acquire()
    assert lock.held and lock.read() == info
    assert lock.acquire() == info  # idempotent for the holder
    other = InstanceLock(tmp_path / "x.sqlite.lock")
    with pytest.raises(DatabaseInUse):
        other.acquire()
    other.release()  # not held: must not remove the holder's file
    assert lock.path.exists()
    lock.release()
    lock.release()
    assert not lock.path.exists()


def test_gui_sequence_clears_another_computers_lock(crashed):
    """GIVEN another computer's lock (we can't see whether its program runs) WHEN the GUI
    opens with lock=False, builds the services and the hall manager enters the password THEN
    the lock is ours, and the clearing is audited."""
    path, _dead = crashed
    old = LockInfo(host=hostname() + "-desk2", pid=4242, started="2026-11-21 18:00:00",
                   started_epoch=dt.datetime.now().timestamp())
    lock_path_for(path).write_text(old.to_json(), encoding="utf-8")
    with pytest.raises(DatabaseInUse):
        open_database(sqlite_url(path))
    db = open_database(sqlite_url(path), lock=False)
    try:
        services = build_services(db, ManualClock(), fast_hash=True)
        result = services.maintenance.clear_stale_lock("admin", ADMIN_PASSWORD)
        assert result.old == old
        assert result.new == db.lock_info
        assert db.lock_info.pid == os.getpid()
        assert LockInfo.from_json(lock_path_for(path).read_text(encoding="utf-8")) == result.new
        with pytest.raises(DatabaseInUse):  # now it is really ours
            open_database(sqlite_url(path))
        services.auth.login("admin", ADMIN_PASSWORD)
        entry = services.audit.entries(action="clear_stale_lock")[0]
        assert entry.username == "admin" and entry.entity == "instance_lock"
        assert entry.before == {"host": old.host, "pid": old.pid, "started": old.started}
        assert entry.after["pid"] == os.getpid()
        assert services.audit.verify() == []
    finally:
        db.dispose()
    assert not lock_path_for(path).exists()


def test_wrong_password_or_role_clears_nothing(crashed):
    path, _old = crashed
    content = lock_path_for(path).read_bytes()
    db = open_database(sqlite_url(path), lock=False)
    try:
        services = build_services(db, ManualClock(), fast_hash=True)
        with pytest.raises(AuthenticationError):
            services.maintenance.clear_stale_lock("admin", "Wrong2026pw")
        with pytest.raises(AuthenticationError):
            services.maintenance.clear_stale_lock("nobody", ADMIN_PASSWORD)
        with pytest.raises(PermissionDenied, match="厅经理"):
            services.maintenance.clear_stale_lock("duty", USER_PASSWORD)
        assert lock_path_for(path).read_bytes() == content
        assert db.lock_info is None
    finally:
        db.dispose()


def test_clearing_is_throttled_like_login(crashed):
    path, _old = crashed
    clock = ManualClock()
    db = open_database(sqlite_url(path), lock=False)
    try:
        services = build_services(db, clock, fast_hash=True)
        for _ in range(5):
            with pytest.raises(AuthenticationError):
                services.maintenance.clear_stale_lock("admin", "Wrong2026pw")
        with pytest.raises(LoginThrottled):
            services.maintenance.clear_stale_lock("admin", ADMIN_PASSWORD)
        clock.advance(30)
        assert services.maintenance.clear_stale_lock("admin", ADMIN_PASSWORD).old is not None
    finally:
        db.dispose()


def test_a_live_lock_is_not_cleared(crashed):
    path, _old = crashed
    live = LockInfo.for_this_process()  # a live program on this computer
    lock_path_for(path).write_text(live.to_json(), encoding="utf-8")
    content = lock_path_for(path).read_bytes()
    db = open_database(sqlite_url(path), lock=False)
    try:
        services = build_services(db, ManualClock(), fast_hash=True)
        with pytest.raises(DatabaseInUse) as info:
            services.maintenance.clear_stale_lock("admin", ADMIN_PASSWORD)
        assert not isinstance(info.value, StaleLock)
        assert lock_path_for(path).read_bytes() == content
        services.auth.login("admin", ADMIN_PASSWORD)
        assert services.audit.entries(action="clear_stale_lock") == []
    finally:
        db.dispose()


def test_unlock_command(crashed, monkeypatch, capsys):
    """On a terminal the password is asked without echo (getpass)."""
    path, old = crashed
    monkeypatch.delenv("HALLMANAGER_PASSWORD", raising=False)
    monkeypatch.setattr("hallmanager.commands.common.stdin_is_terminal", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": ADMIN_PASSWORD)
    assert main(["unlock", "--db", str(path), "--user", "admin"]) == 0
    out = capsys.readouterr().out
    assert "已清除程序锁" in out and str(old.pid) in out
    assert not lock_path_for(path).exists()  # released again when the command exits
    db = open_database(sqlite_url(path))  # the app can start now
    db.dispose()


def test_unlock_command_wrong_password(crashed, monkeypatch, capsys):
    path, _old = crashed
    monkeypatch.setenv("HALLMANAGER_PASSWORD", "Wrong2026pw")
    assert main(["unlock", "--db", str(path), "--user", "admin"]) == 1
    assert "用户名或密码错误" in capsys.readouterr().err
    assert lock_path_for(path).exists()


def test_unlock_command_before_setup_needs_no_password(tmp_path, monkeypatch, capsys):
    """A database whose setup never finished has no hall manager to ask: unlock clears it."""
    path = tmp_path / "hall.sqlite"
    open_database(sqlite_url(path)).dispose()
    lock_path_for(path).write_text(_stale_info().to_json())

    def no_prompt(prompt=""):
        raise AssertionError("no password should be asked")

    monkeypatch.setattr("getpass.getpass", no_prompt)
    assert main(["unlock", "--db", str(path), "--user", "admin"]) == 0
    assert "已清除程序锁" in capsys.readouterr().out
    assert not lock_path_for(path).exists()
