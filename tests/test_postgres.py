"""The same program on PostgreSQL (a chain of halls later): migrations, triggers, the demo,
the CLI, and two desks writing at once.

Runs only when ``HALLMANAGER_TEST_PG_URL`` names a server database the tests may use as an
administrator (e.g. ``postgresql+psycopg://postgres@/postgres?host=/tmp/pg&port=5433``);
each test creates and drops its own database there. ``.ci/run`` starts a throwaway server
when the machine has PostgreSQL installed.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import uuid

import openpyxl
import pypdf
import pytest
from alembic import command
from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.engine import make_url

from hallmanager.app import build_services, create_demo
from hallmanager.cli import main
from hallmanager.domain.clock import ManualClock
from hallmanager.domain.errors import DatabaseError
from hallmanager.domain.roles import Role
from hallmanager.storage.all_models import Base
from hallmanager.storage.database import open_database
from hallmanager.storage.engine import make_engine
from hallmanager.storage.migrate import (
    alembic_config,
    current_revision,
    downgrade_to,
    head_revision,
    upgrade_to_head,
)
from hallmanager.storage.models import AuditEntry

ADMIN_URL = os.environ.get("HALLMANAGER_TEST_PG_URL", "")
pytestmark = pytest.mark.skipif(
    not ADMIN_URL, reason="HALLMANAGER_TEST_PG_URL not set (no PostgreSQL server to test on)")

NOW = dt.datetime(2026, 11, 22, 10, 15)


@pytest.fixture
def pg_url():
    """A fresh, empty database on the test server; dropped afterwards."""
    name = f"hm_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def test_migrations_up_check_down_and_up(pg_url):
    engine = make_engine(pg_url)
    try:
        upgrade_to_head(engine)
        with engine.connect() as conn:
            assert current_revision(conn) == head_revision()
            assert set(Base.metadata.tables) <= set(inspect(conn).get_table_names())
        cfg = alembic_config(pg_url)
        with engine.connect() as conn:
            cfg.attributes["connection"] = conn
            command.check(cfg)  # models match the migrations on this dialect too
        downgrade_to(engine, "base")
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
            fn = conn.exec_driver_sql(
                "SELECT count(*) FROM pg_proc WHERE proname = 'audit_entry_append_only'").scalar()
            assert fn == 0
        upgrade_to_head(engine)
        with engine.connect() as conn:
            assert current_revision(conn) == head_revision()
    finally:
        engine.dispose()


@pytest.fixture
def pg_hall(pg_url):
    db = open_database(pg_url)
    sv = build_services(db, ManualClock(NOW), fast_hash=True)
    sv.auth.setup(hall_name="拉萨北京路营业厅", hall_code="LS001", username="admin",
                  full_name="王厅长", password="Admin2026pw")
    sv.auth.login("admin", "Admin2026pw")
    yield db, sv
    db.dispose()


def test_audit_log_refuses_update_and_delete(pg_hall):
    db, _sv = pg_hall
    for sql in ("UPDATE audit_entry SET username = 'x'", "DELETE FROM audit_entry"):
        with pytest.raises(DatabaseError) as err, db.write() as s:
            s.execute(text(sql))
        assert "append-only" in err.value.detail
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) >= 2  # setup + login


def test_two_desks_writing_at_once_keep_one_chain(pg_hall):
    """Two programs on one server database create users concurrently: every action lands and
    the audit chain stays a single line (the advisory write lock serialises writers)."""
    db, _sv = pg_hall
    desks = []
    for _ in range(2):
        other = open_database(db.url, backup=False)
        sv = build_services(other, ManualClock(NOW), fast_hash=True)
        sv.auth.login("admin", "Admin2026pw")
        desks.append((other, sv))
    errors: list[BaseException] = []
    start = threading.Barrier(len(desks))

    def work(k: int, sv) -> None:  # type: ignore[no-untyped-def]
        try:
            start.wait()
            for i in range(15):
                sv.auth.create_user(username=f"d{k}u{i:02d}", full_name="测试员",
                                    role=Role.TELLER, password="Passw0rd123")
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k, sv)) for k, (_, sv) in enumerate(desks)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == []
        checker = build_services(db, ManualClock(NOW), fast_hash=True)
        assert checker.maintenance.check() == []
        checker.auth.login("admin", "Admin2026pw")
        assert len([u for u in checker.auth.list_users() if u.role == Role.TELLER]) == 30
    finally:
        for other, _ in desks:
            other.dispose()


def test_demo_check_export_and_print(pg_url, tmp_path, capsys, monkeypatch, fast_cli_hash):
    """Three demo days (every module's step on each, signed logs among them) are as much
    PostgreSQL as ten; the commands log in with the tests' cheaper Argon2id."""
    db = open_database(pg_url)
    try:
        result = create_demo(db, ManualClock(NOW), days=3)
        assert result.counts["dutylog.signed_logs"] == 6
    finally:
        db.dispose()
    assert main(["--db-url", pg_url, "check"]) == 0
    out = capsys.readouterr().out
    assert "审计链完整" in out and "只追加保护在位" in out and "本机锚点" in out
    monkeypatch.setenv("HALLMANAGER_USER", result.admin_username)
    monkeypatch.setenv("HALLMANAGER_PASSWORD", result.passwords[result.admin_username])
    xlsx, pdf = tmp_path / "日报.xlsx", tmp_path / "交接.pdf"
    day = (NOW.date() - dt.timedelta(days=1)).isoformat()
    assert main(["--db-url", pg_url, "export", "daily", "--date", day, "--out", str(xlsx)]) == 0
    assert main(["--db-url", pg_url, "print", "handover", "--date", day, "--shift", "早班",
                 "--out", str(pdf)]) == 0
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames[0] == "值班日志汇总"
    text_ = "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    assert "交接班表" in text_ and "早班" in text_ and "审计链 #" in text_


def test_check_sees_disabled_triggers_and_edited_roles(pg_url, capsys):
    """The tamper checks on PostgreSQL: a disabled append-only trigger, a teller made hall
    manager with raw SQL."""
    db = open_database(pg_url)
    try:
        create_demo(db, ManualClock(NOW), days=2)
    finally:
        db.dispose()
    engine = create_engine(pg_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only"))
            conn.execute(text("UPDATE \"user\" SET role = 'hall_manager' WHERE id = "
                              "(SELECT min(id) FROM \"user\" WHERE role = 'teller')"))
    finally:
        engine.dispose()
    assert main(["--db-url", pg_url, "check"]) == 1
    out = capsys.readouterr().out
    assert "只追加保护已被移除" in out and "的角色" in out
