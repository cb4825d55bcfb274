"""Backups on PostgreSQL: ``pg_dump``/``pg_restore`` when they are on the PATH, a clear
message when they are not. Needs ``HALLMANAGER_TEST_PG_URL`` (see tests/test_postgres.py)
except for the message."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid

import pytest

from hallmanager.app import build_services
from hallmanager.cli import main
from hallmanager.domain.clock import ManualClock
from hallmanager.domain.errors import DatabaseError
from hallmanager.storage import backup as store
from hallmanager.storage.database import open_database
from tests.conftest import ADMIN_PASSWORD

ADMIN_URL = os.environ.get("HALLMANAGER_TEST_PG_URL", "")
needs_pg = pytest.mark.skipif(
    not ADMIN_URL or shutil.which("pg_dump") is None,
    reason="HALLMANAGER_TEST_PG_URL not set or pg_dump not on the PATH")


def test_missing_client_tools_say_what_to_do(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing on it
    with pytest.raises(DatabaseError) as info:
        store.pg_dump("postgresql+psycopg://u:secret@db.example/hall", tmp_path / "x.pgdump")
    message = info.value.message
    assert "pg_dump" in message and "PATH" in message and "未做任何更改" in message
    assert "secret" not in message
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(DatabaseError, match="pg_restore"):
        store.pg_restore("postgresql+psycopg://u@db.example/hall", tmp_path / "x.pgdump")


@pytest.fixture
def pg_url(monkeypatch, tmp_path):
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    name = f"hm_bk_{uuid.uuid4().hex[:12]}"
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    monkeypatch.setenv("HALLMANAGER_ANCHOR_DIR", str(tmp_path / "anchors"))
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@needs_pg
def test_pg_backup_and_restore(pg_url, tmp_path, monkeypatch):
    db = open_database(pg_url)
    sv = build_services(db, ManualClock(dt.datetime(2026, 11, 22, 9, 0)), fast_hash=True)
    try:
        sv.auth.setup(hall_name="测试厅", hall_code="PG1", username="admin",
                      full_name="王厅长", password=ADMIN_PASSWORD)
        sv.auth.login("admin", ADMIN_PASSWORD)
        sv.backup.save_settings(type(sv.backup.settings())(folder=str(tmp_path / "bk")))
        rec = sv.backup.backup()
        assert rec.name.endswith(".manual.pgdump") and rec.ok
        sv.settings.save_shift(shift_id=None, name="夜班", start="20:00", end="23:00")
        assert "夜班" in [s.name for s in sv.settings.shifts()]
        result = sv.backup.restore(tmp_path / "bk" / rec.name)
        assert result.kept.exists()
        assert "夜班" not in [s.name for s in sv.settings.shifts()]
        assert sv.audit.entries(limit=1)[0].action == "restore"
        assert sv.maintenance.check() == []
    finally:
        sv.close()


@needs_pg
def test_pg_cli_backup(pg_url, tmp_path, monkeypatch, capsys, fast_cli_hash):
    db = open_database(pg_url)
    sv = build_services(db, ManualClock(dt.datetime(2026, 11, 22, 9, 0)), fast_hash=True)
    sv.auth.setup(hall_name="测试厅", hall_code="PG1", username="admin",
                  full_name="王厅长", password=ADMIN_PASSWORD)
    sv.close()
    monkeypatch.setenv("HALLMANAGER_USER", "admin")
    monkeypatch.setenv("HALLMANAGER_PASSWORD", ADMIN_PASSWORD)
    out = tmp_path / "hall.pgdump"
    assert main(["backup", "--db-url", pg_url, "--out", str(out)]) == 0, capsys.readouterr().err
    assert out.stat().st_size > 0
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["backup", "--db-url", pg_url, "--out", str(tmp_path / "2.pgdump")]) == 1
    assert "pg_dump" in capsys.readouterr().err
