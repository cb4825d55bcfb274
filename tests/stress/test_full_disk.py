"""A full disk during an export and during a backup: the child process may write at most a
few KB more (``RLIMIT_FSIZE``, SIGXFSZ ignored so writes fail with EFBIG as on a full disk).
No partial file is left under the output's name, the message is clear, the database
passes its check afterwards, and the failed backup is shown on 今日."""

from __future__ import annotations

import datetime as dt
import subprocess
import textwrap
from pathlib import Path

import pytest

from hallmanager.app import build_services
from hallmanager.domain.clock import ManualClock
from hallmanager.storage.database import open_database, sqlite_url
from tests.conftest import ADMIN_PASSWORD, copy_day

resource = pytest.importorskip("resource")
NOW = dt.datetime(2026, 11, 22, 19, 0)

CHILD = textwrap.dedent("""
    import datetime as dt, resource, signal, sys
    from pathlib import Path
    from hallmanager.app import build_services
    from hallmanager.domain.clock import ManualClock
    from hallmanager.domain.errors import DomainError
    from hallmanager.storage.database import open_database, sqlite_url

    db_path, what, out, limit = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    db = open_database(sqlite_url(db_path), backup=False, lock=False)
    sv = build_services(db, ManualClock(dt.datetime(2026, 11, 22, 19, 0)), fast_hash=True)
    sv.auth.login("admin", sys.argv[5])
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))  # the disk is (almost) full
    try:
        if what == "export":
            sv.reports.export_daily(dt.date(2026, 11, 22), out)
        else:
            sv.backup.backup(automatic=True)
    except DomainError as exc:
        print("ERROR", exc.message)
        sys.exit(3)
    print("OK")
""")


@pytest.fixture
def day_file(day_template, tmp_path):
    """A hall with a day's records (a copy of ``build_day``'s day, tests/conftest.py
    ``day_template``): the daily report is tens of KB."""
    path = tmp_path / "hall.sqlite"
    copy_day(day_template, path)
    return path


@pytest.fixture
def child(cli_forks):
    """CHILD as its own process: a fork of the module's helper interpreter (tests/conftest.py
    ``CliForks``), so the file size limit is that process's alone."""
    def run(path: Path, what: str, out: Path, limit: int) -> subprocess.CompletedProcess:
        return cli_forks.script(CHILD, str(path), what, str(out), str(limit), ADMIN_PASSWORD)

    return run


def _check(path: Path) -> list[str]:
    db = open_database(sqlite_url(path), lock=False)
    sv = build_services(db, ManualClock(NOW), fast_hash=True)
    try:
        return sv.maintenance.check()
    finally:
        sv.close()


def test_full_disk_during_export_leaves_no_file(day_file, tmp_path, child):
    out = tmp_path / "out" / "日报.xlsx"
    out.parent.mkdir()
    proc = child(day_file, "export", out, 2048)
    assert proc.returncode == 3, proc.stderr[-2000:]
    assert "磁盘空间不足" in proc.stdout and "日报.xlsx" in proc.stdout, proc.stdout
    assert list(out.parent.iterdir()) == []  # neither the report nor a temporary
    assert _check(day_file) == []


def test_full_disk_during_backup_leaves_no_partial_copy(day_file, tmp_path, child):
    size = day_file.stat().st_size
    proc = child(day_file, "backup", tmp_path / "unused", size // 2)
    assert proc.returncode == 3, proc.stderr[-2000:]
    assert "备份失败" in proc.stdout and "磁盘空间不足" in proc.stdout, proc.stdout
    assert "没有留下不完整的备份文件" in proc.stdout
    folder = day_file.parent / "backups"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["manifest.json"]  # the failure is recorded, no copy, no temporary
    assert _check(day_file) == []
    db = open_database(sqlite_url(day_file), lock=False)
    sv = build_services(db, ManualClock(NOW), fast_hash=True)
    try:
        sv.auth.login("admin", ADMIN_PASSWORD)
        failed = [i for i in sv.today.attention() if i.kind == "backup_failed"]
        assert failed and "备份失败" in failed[0].detail
    finally:
        sv.close()
