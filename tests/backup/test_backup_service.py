"""Backups: a verified online copy, the manifest, rotation, 今日 and the status."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3

import pytest

from hallmanager.domain.errors import AuthenticationError, DatabaseError, PermissionDenied
from hallmanager.domain.roles import Role
from hallmanager.services.backup import BackupSettings, age_text
from hallmanager.storage import backup as store
from tests.conftest import add_user, login_as


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_backup_is_an_online_verified_self_contained_copy(hall, db_path, clock):
    """GIVEN the desk has the database open with recent writes in its WAL
    WHEN it is backed up THEN the copy is one rollback-journal file, passes the check and
    holds the latest committed write."""
    hall.settings.save_shift(shift_id=None, name="夜班", start="20:00", end="23:00")
    rec = hall.backup.backup()
    folder = db_path.parent / "backups"
    copy = folder / rec.name
    assert rec.ok and rec.kind == "manual" and rec.hall_code == "LS001"
    assert rec.name == "hall.20261122-090000.manual.sqlite"
    assert sorted(p.name for p in folder.iterdir()) == [rec.name, "manifest.json"]
    with copy.open("rb") as f:
        head = f.read(20)
    assert head[18:20] == b"\x01\x01"  # rollback journal, not WAL: one file is the backup
    con = sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True)
    assert con.execute("SELECT name FROM shift WHERE name='夜班'").fetchone() == ("夜班",)
    con.close()
    # audited in the live database
    from tests.conftest import last_audit

    entry = last_audit(hall)
    assert entry.action == "backup" and rec.name in entry.after_json


def test_backup_needs_a_login_but_any_role(hall, clock):
    add_user(hall, "teller", Role.TELLER, "营业员甲")
    login_as(hall, "teller")
    assert hall.backup.backup().ok
    hall.auth.logout()
    with pytest.raises(AuthenticationError):
        hall.backup.backup()
    # the program's own automatic copy needs nobody
    clock.advance(5)
    assert hall.backup.backup(automatic=True).ok


def test_due_at_start_only_when_the_last_good_copy_is_a_day_old(hall, clock):
    assert hall.backup.due()
    hall.backup.backup(automatic=True)
    assert not hall.backup.due()
    clock.set(clock.now() + dt.timedelta(hours=23, minutes=59))
    assert not hall.backup.due()
    clock.set(clock.now() + dt.timedelta(minutes=1))
    assert hall.backup.due()


def test_failed_backup_is_on_today_and_cleared_by_the_next_good_one(hall, clock, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x")
    hall.backup.save_settings(BackupSettings(folder=str(tmp_path / "bk")))
    # the chosen drive disappears after it was set (a share went offline)
    (tmp_path / "bk").rmdir()
    (tmp_path / "bk").write_text("now a file")
    with pytest.raises(DatabaseError, match="无法使用备份文件夹"):
        hall.backup.backup(automatic=True)
    items = hall.today.attention()
    failed = [i for i in items if i.kind == "backup_failed"]
    assert failed and failed[0].severity.value == "overdue"
    assert "无法使用备份文件夹" in failed[0].detail
    (tmp_path / "bk").unlink()
    clock.set(clock.now() + dt.timedelta(minutes=1))
    assert hall.backup.backup(automatic=True).ok
    assert not [i for i in hall.today.attention() if i.kind.startswith("backup")]


def test_old_or_missing_backup_is_on_today(hall, clock):
    assert not [i for i in hall.today.attention() if i.kind.startswith("backup")]  # new hall
    clock.set(clock.now() + dt.timedelta(days=3))
    stale = [i for i in hall.today.attention() if i.kind == "backup_stale"]
    assert stale and "从未备份" in stale[0].title
    hall.backup.backup(automatic=True)
    assert not [i for i in hall.today.attention() if i.kind.startswith("backup")]
    clock.set(clock.now() + dt.timedelta(days=2, hours=1))
    stale = [i for i in hall.today.attention() if i.kind == "backup_stale"]
    assert stale and "2 天前" in stale[0].title


def test_settings_are_the_hall_managers_and_audited(hall, tmp_path):
    new = BackupSettings(folder=str(tmp_path / "share" / "hall"), daily=3, weekly=2, monthly=6)
    assert hall.backup.save_settings(new) == new
    assert hall.backup.settings() == new
    assert hall.backup.folder() == tmp_path / "share" / "hall"
    from tests.conftest import last_audit

    assert last_audit(hall).entity == "backup_settings"
    with pytest.raises(Exception, match="至少要保留一份"):
        hall.backup.save_settings(BackupSettings(daily=0, weekly=0, monthly=0))
    add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班")
    login_as(hall, "zhang")
    with pytest.raises(PermissionDenied):
        hall.backup.save_settings(BackupSettings())


def test_verification_failure_is_reported_not_hidden(hall, db_path):
    """A database whose audit log was tampered with still gets its copy, but the copy is
    marked as failed and 今日 says so."""
    hall.settings.save_shift(shift_id=None, name="夜班", start="20:00", end="23:00")
    con = sqlite3.connect(db_path, isolation_level=None)
    con.execute("DROP TRIGGER audit_entry_no_update")
    con.execute("UPDATE audit_entry SET username = 'mallory' WHERE id = 2")
    con.close()
    with pytest.raises(DatabaseError, match="校验未通过"):
        hall.backup.backup(automatic=True)
    rec = hall.backup.backups()[0]
    assert rec.ok is False and any("#2" in p for p in rec.problems)
    assert [i for i in hall.today.attention() if i.kind == "backup_failed"]


def test_rotation_keeps_7_daily_4_weekly_12_monthly():
    start = dt.datetime(2025, 1, 1, 8, 0)
    times = [start + dt.timedelta(days=d, hours=h) for d in range(700) for h in (0, 10)]
    keep = store.to_keep(times, daily=7, weekly=4, monthly=12)
    newest = max(times)
    days = sorted({t.date() for t in keep}, reverse=True)
    assert len(keep) <= 7 + 4 + 12
    assert [t for t in keep if t.date() == newest.date()] == [newest]  # newest of the day
    assert days[:7] == [newest.date() - dt.timedelta(days=i) for i in range(7)]
    months = {(t.year, t.month) for t in keep}
    assert len(months) == 12
    assert min(keep) > newest - dt.timedelta(days=366)


def test_rotate_deletes_files_and_manifest_entries(hall, clock, db_path):
    hall.backup.save_settings(BackupSettings(daily=2, weekly=1, monthly=1))
    names = []
    for day in range(5):
        clock.set(dt.datetime(2026, 11, 22 + day, 9, 0))
        names.append(hall.backup.backup(automatic=True).name)
    left = [r.name for r in hall.backup.backups()]
    assert left == [names[4], names[3]]  # two days; this week's and month's newest among them
    manifest = store.read_manifest(db_path.parent / "backups")
    assert sorted(manifest.backups) == sorted(left)


def test_unchecked_foreign_files_are_listed_and_left_alone(hall, db_path, clock):
    folder = db_path.parent / "backups"
    folder.mkdir()
    stray = folder / "hall.20200101-000000.auto.sqlite"
    stray.write_bytes(b"whatever")
    (folder / "notes.txt").write_text("keep me")
    hall.backup.backup(automatic=True)
    listed = {r.name: r.ok for r in hall.backup.backups()}
    assert listed[stray.name] is None
    assert stray.exists() and (folder / "notes.txt").exists()


def test_age_text():
    assert age_text(None) == "从未备份"
    assert age_text(dt.timedelta(minutes=5)) == "5 分钟前"
    assert age_text(dt.timedelta(hours=5)) == "5 小时前"
    assert age_text(dt.timedelta(days=3)) == "3 天前"


def test_partial_files_of_a_killed_copy_are_removed(hall, db_path):
    folder = db_path.parent / "backups"
    folder.mkdir()
    (folder / ".partial-99999-hall.20261122-080000.auto.sqlite").write_bytes(b"half")
    hall.backup.backup(automatic=True)
    assert not [p for p in folder.iterdir() if p.name.startswith(".partial")]


def test_other_threads_are_kept_out_while_the_file_is_replaced(hall):
    """A desk timer firing during a restore gets a clear refusal, not a connection to the
    file being replaced."""
    import threading

    from hallmanager.domain.errors import DatabaseLocked

    seen: list[object] = []

    def other() -> None:
        try:
            hall.settings.hall()
        except DatabaseLocked as exc:
            seen.append(exc.message)

    with hall.db.suspended():
        assert hall.settings.hall().code == "LS001"  # the restoring thread itself may
        t = threading.Thread(target=other)
        t.start()
        t.join()
    assert seen and "正在从备份恢复" in seen[0]
    assert hall.settings.hall().code == "LS001"


def test_suspension_waits_for_a_transaction_another_thread_has_open(hall):
    """GIVEN another thread inside a write transaction (the start-up backup writing its
    audit entry) WHEN a restore suspends the database THEN it waits for that transaction
    instead of starting under it: one that does not end in time makes the restore give up
    with a message, and the other thread's transaction then commits as if nothing happened."""
    import threading

    from hallmanager.domain.errors import DatabaseLocked
    from hallmanager.storage.audit import append_audit

    inside, release = threading.Event(), threading.Event()
    done: list[str] = []

    def writer() -> None:
        with hall.db.write() as s:
            append_audit(s, at=hall.ctx.clock.now(), user_id=None, username="system",
                         action="backup", entity="database")
            inside.set()
            release.wait(10)
        done.append("committed")

    t = threading.Thread(target=writer)
    t.start()
    assert inside.wait(10)
    entered = []
    with pytest.raises(DatabaseLocked) as refused:
        with hall.db.suspended(timeout=0.05):
            entered.append(True)
    assert not entered and "恢复未开始" in refused.value.message
    release.set()
    t.join()
    assert done == ["committed"]
    with hall.db.suspended():
        assert hall.audit.entries(limit=1)[0].action == "backup"
    assert hall.maintenance.check() == []
