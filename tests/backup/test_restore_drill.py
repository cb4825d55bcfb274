"""The restore drill (issue 14, "done means"): back up a hall with data in every module,
change data in every module (the emergency module too: a run started, a step ticked, a paper
registration with money in fen), restore, and compare row counts and money totals with the
backup; a restore is refused while a desk runs, and a refused file is left untouched."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from hallmanager.app import build_services, create_demo
from hallmanager.cli import main
from hallmanager.domain.clock import ManualClock
from hallmanager.domain.complaints.rules import Source
from hallmanager.domain.errors import DatabaseError, PermissionDenied
from hallmanager.services.complaints.views import ComplaintInput
from hallmanager.services.demo import ADMIN_PASSWORD, DUTY_PASSWORD
from hallmanager.services.snapshot import ADMIN_PASSWORD as SNAPSHOT_ADMIN_PASSWORD
from hallmanager.storage.database import open_database, sqlite_url
from hallmanager.storage.migrate import head_revision
from tools.make_schema_snapshot import figures, revision_of

NOW = dt.datetime(2026, 11, 22, 10, 15)
ROOT = Path(__file__).resolve().parents[2]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    """A demo hall (3 days, 4 tellers): rows in every module's tables."""
    path = tmp_path_factory.mktemp("demo") / "hall.sqlite"
    db = open_database(sqlite_url(path))
    create_demo(db, ManualClock(NOW), days=3, staff=4)
    db.dispose()
    return path


@pytest.fixture
def hall_file(demo_file, tmp_path) -> Path:
    path = tmp_path / "hall.sqlite"
    shutil.copy(demo_file, path)
    return path


@pytest.fixture
def desk(hall_file):
    """The desk: the database opened with the instance lock, the hall manager logged in."""
    clock = ManualClock(NOW + dt.timedelta(minutes=5))
    db = open_database(sqlite_url(hall_file))
    sv = build_services(db, clock, fast_hash=True)
    sv.auth.login("admin", ADMIN_PASSWORD)
    yield sv
    sv.close()


def _change_every_module(sv) -> None:
    """One audited change through each module's service."""
    shifts = sv.settings.shifts()
    sv.settings.save_shift(shift_id=None, name="夜班", start="20:00", end="23:00")
    sv.dutylog.create_log(NOW.date() + dt.timedelta(days=1), shifts[0].id)
    staff = sv.attendance.staff()[0]
    sv.attendance.record_punch(staff.id, NOW)
    sv.cash.add_movement(NOW.date() + dt.timedelta(days=1), shifts[0].id, "123.45",
                         direction="in", reason="备用金补充")
    sv.complaints.register(ComplaintInput(
        source=Source.ON_SITE, received_at=NOW, customer_name="赵六", phone="13912345678",
        category="资费计费", description="多扣费用 30 元"))
    plan = next(p for p in sv.emergency.plans() if p.paper_registrations)
    run = sv.emergency.start_run(plan.id, drill=True)
    sv.emergency.check_step(run.id, 1)
    sv.emergency.add_paper(run.id, customer_name="钱七", number="13812345678",
                           business="停电期间办理充值", amount="88.80")


def test_restore_drill_every_module(desk, hall_file):
    rec = desk.backup.backup()
    copy = desk.backup.folder() / rec.name
    saved = figures(copy)
    assert all(saved[t]["rows"] for t in ("duty_log", "attendance_punch", "till_count",
                                          "complaint", "user", "emergency_run",
                                          "emergency_run_step"))
    copy_sha = _sha(copy)

    _change_every_module(desk)
    changed = figures(hall_file)
    differs = {t for t in saved if saved[t] != changed[t]}
    assert {"shift", "duty_log", "attendance_punch", "cash_movement", "complaint",
            "emergency_run", "emergency_run_step", "emergency_paper"} <= differs
    assert changed["cash_movement"]["fen_sums"]["amount_fen"] == (
        saved["cash_movement"]["fen_sums"]["amount_fen"] + 12345)
    assert changed["emergency_paper"]["fen_sums"]["amount_fen"] == (
        saved["emergency_paper"]["fen_sums"]["amount_fen"] + 8880)
    assert changed["emergency_run"]["rows"] == saved["emergency_run"]["rows"] + 1

    result = desk.backup.restore(copy)
    assert not result.migrated and result.kept.exists()
    restored = figures(hall_file)
    assert restored["audit_entry"]["rows"] == saved["audit_entry"]["rows"] + 1  # the restore
    restored["audit_entry"] = saved["audit_entry"]
    assert restored == saved  # every table's rows and every money column's total
    assert _sha(copy) == copy_sha  # the backup is only read
    # the kept copy is the database as it was just before the restore
    assert figures(result.kept)["cash_movement"] == changed["cash_movement"]
    assert figures(result.kept)["complaint"] == changed["complaint"]
    assert figures(result.kept)["emergency_paper"] == changed["emergency_paper"]
    # the step ticked after the backup: in the kept copy, gone from the restored file
    for path, ticked in ((result.kept, 1), (hall_file, 0)):
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            assert con.execute("SELECT count(*) FROM emergency_run_step WHERE state = 'done' "
                               "AND at >= ?", (NOW.isoformat(" "),)).fetchone() == (ticked,)
        finally:
            con.close()
    # the restore is audited in the restored database, and it checks (with the local anchor)
    assert desk.audit.entries(limit=1)[0].action == "restore"
    assert desk.maintenance.check() == []
    assert main(["check", "--db", str(hall_file)]) == 0
    # the desk goes on writing into the restored file
    desk.settings.save_shift(shift_id=None, name="夜班", start="20:00", end="23:00")
    assert desk.maintenance.check() == []


def test_only_the_hall_manager_restores(desk):
    rec = desk.backup.backup()
    desk.auth.logout()
    desk.auth.login(_duty_manager_of(desk.db.path), DUTY_PASSWORD)
    with pytest.raises(PermissionDenied):
        desk.backup.restore(desk.backup.folder() / rec.name)


def test_tampered_backup_is_refused_and_both_files_untouched(desk, hall_file):
    rec = desk.backup.backup()
    copy = desk.backup.folder() / rec.name
    con = sqlite3.connect(copy, isolation_level=None)
    con.execute("DROP TRIGGER audit_entry_no_update")
    con.execute("UPDATE audit_entry SET username = 'mallory' WHERE id = 5")
    con.close()
    copy_sha = _sha(copy)
    live = figures(hall_file)
    with pytest.raises(DatabaseError, match="未通过校验"):
        desk.backup.restore(copy)
    assert _sha(copy) == copy_sha
    assert figures(hall_file) == live
    assert sorted(p.name for p in copy.parent.iterdir() if "before-restore" in p.name) == []


def test_newer_schema_and_other_hall_are_refused(desk, hall_file, tmp_path):
    rec = desk.backup.backup()
    copy = desk.backup.folder() / rec.name
    newer = tmp_path / "newer.sqlite"
    shutil.copy(copy, newer)
    con = sqlite3.connect(newer, isolation_level=None)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.close()
    with pytest.raises(DatabaseError, match="更新版本"):
        desk.backup.restore(newer)
    other = tmp_path / "other.sqlite"
    shutil.copy(copy, other)
    con = sqlite3.connect(other, isolation_level=None)
    con.execute("UPDATE hall_settings SET code = 'XX9'")
    con.close()
    digest = _sha(other)
    with pytest.raises(DatabaseError, match="另一个营业厅"):
        desk.backup.restore(other)
    assert _sha(other) == digest


def test_an_older_schema_backup_is_migrated_after_restore(tmp_path):
    """A backup from schema 0005 restored into the same hall at the newest schema."""
    old = ROOT / "tests" / "data" / "schemas" / "schema-0005.sqlite"
    live = tmp_path / "hall.sqlite"
    shutil.copy(old, live)
    source = tmp_path / "old-backup.sqlite"
    shutil.copy(old, source)
    db = open_database(sqlite_url(live), now=NOW)  # the live hall has moved on to the head
    sv = build_services(db, ManualClock(NOW), fast_hash=True)
    try:
        sv.auth.login("admin", SNAPSHOT_ADMIN_PASSWORD)
        result = sv.backup.restore(source)
        assert result.migrated and result.revision == "0005"
        assert revision_of(live) == head_revision()
        assert sv.maintenance.check() == []
    finally:
        sv.close()
    assert revision_of(source) == "0005"


# --- the command line -------------------------------------------------------------------------


def _cli_env(monkeypatch, user: str, password: str) -> None:
    monkeypatch.setenv("HALLMANAGER_USER", user)
    monkeypatch.setenv("HALLMANAGER_PASSWORD", password)


def test_cli_restore_refused_while_a_desk_runs(desk, hall_file, monkeypatch, capsys,
                                               fast_cli_hash):
    rec = desk.backup.backup()
    copy = desk.backup.folder() / rec.name
    copy_sha = _sha(copy)
    before = figures(hall_file)
    _cli_env(monkeypatch, "admin", ADMIN_PASSWORD)
    assert main(["restore", "--db", str(hall_file), str(copy)]) == 1
    err = capsys.readouterr().err
    assert "未恢复" in err and "正被" in err
    assert _sha(copy) == copy_sha
    assert figures(hall_file) == before


def test_cli_backup_list_restore(hall_file, monkeypatch, capsys, fast_cli_hash, tmp_path):
    _cli_env(monkeypatch, _duty_manager_of(hall_file), DUTY_PASSWORD)
    assert main(["backup", "--db", str(hall_file)]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "备份完成并已校验" in out
    out_file = tmp_path / "elsewhere" / "copy.sqlite"
    out_file.parent.mkdir()
    assert main(["backup", "--db", str(hall_file), "--out", str(out_file)]) == 0
    assert out_file.exists()
    assert main(["backup", "--db", str(hall_file), "--out", str(out_file)]) == 1
    assert "已存在" in capsys.readouterr().err

    monkeypatch.delenv("HALLMANAGER_USER")
    monkeypatch.delenv("HALLMANAGER_PASSWORD")
    assert main(["backups", "--db", str(hall_file)]) == 0
    out = capsys.readouterr().out
    assert "校验通过" in out and ".manual.sqlite" in out and "KB" in out

    _cli_env(monkeypatch, _duty_manager_of(hall_file), DUTY_PASSWORD)
    assert main(["restore", "--db", str(hall_file), str(out_file)]) == 1
    assert "权限不足" in capsys.readouterr().err
    _cli_env(monkeypatch, "admin", ADMIN_PASSWORD)
    assert main(["restore", "--db", str(hall_file), str(out_file)]) == 0, \
        capsys.readouterr().err
    assert "已恢复" in capsys.readouterr().out
    assert main(["check", "--db", str(hall_file)]) == 0


def _duty_manager_of(path: Path) -> str:
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return con.execute("SELECT username FROM user WHERE role='duty_manager' "
                           "ORDER BY id LIMIT 1").fetchone()[0]
    finally:
        con.close()


def test_cli_backup_beside_a_running_desk(desk, hall_file, monkeypatch, capsys, fast_cli_hash):
    """The desk has the file open (and just wrote): the command line's copy has that write."""
    desk.settings.save_shift(shift_id=None, name="夜班", start="20:00", end="23:00")
    _cli_env(monkeypatch, "admin", ADMIN_PASSWORD)
    assert main(["backup", "--db", str(hall_file)]) == 0, capsys.readouterr().err
    rec = desk.backup.backups()[0]
    assert rec.ok
    con = sqlite3.connect(f"{(desk.backup.folder() / rec.name).as_uri()}?mode=ro", uri=True)
    assert con.execute("SELECT count(*) FROM shift WHERE name='夜班'").fetchone() == (1,)
    con.close()
    desk.settings.save_shift(shift_id=None, name="中班", start="12:00", end="16:00")
    assert desk.maintenance.check() == []
