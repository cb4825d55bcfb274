"""The demo hall: expected counts, a valid audit chain, and the ``demo`` command's file rules."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from sqlalchemy import event, func, select

from hallmanager.app import build_services, create_demo
from hallmanager.domain.clock import ManualClock
from hallmanager.domain.dutylog import LogStatus
from hallmanager.domain.errors import ValidationError
from hallmanager.domain.roles import Role
from hallmanager.domain.validation import check_password
from hallmanager.storage.audit import append_audit, verify_audit_chain
from hallmanager.storage.database import BatchAborted, BatchDatabase, open_database, sqlite_url
from hallmanager.storage.dutylog.models import DutyLogAmendment
from hallmanager.storage.models import AuditEntry

NOW = dt.datetime(2026, 11, 22, 10, 15)


DAYS = 40
COMMITS: list[int] = []  # write transactions committed while the module's demo was built


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    db = open_database(sqlite_url(path))

    def committed(_conn: object) -> None:
        COMMITS.append(1)

    event.listen(db.engine, "commit", committed)
    try:
        result = create_demo(db, ManualClock(NOW), days=DAYS)
    finally:
        event.remove(db.engine, "commit", committed)
    yield db, result
    db.dispose()


def test_demo_writes_one_transaction_per_day(demo_db):
    """The people, the modules' setup, one commit per demo day (today included) and the
    summary; the write connections are durable again afterwards."""
    db, _ = demo_db
    assert len(COMMITS) == 2 + (DAYS + 1) + 1
    with db.write() as s:
        assert s.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_demo_counts_and_integrity(demo_db):
    db, result = demo_db
    clock = ManualClock(NOW)
    sv = build_services(db, clock, fast_hash=True)
    assert sv.maintenance.check() == []
    assert result.counts["dutylog.logs"] == 40 * 2 + 1
    assert result.counts["dutylog.signed_logs"] == 80  # + today's early draft
    assert result.admin_username == "admin"
    for pw in set(result.passwords.values()):
        check_password(pw)
    sv.auth.login("admin", result.passwords["admin"])
    users = sv.auth.list_users()
    roles = [u.role for u in users]
    assert roles.count(Role.HALL_MANAGER) == 1 and roles.count(Role.DUTY_MANAGER) == 3
    assert roles.count(Role.TELLER) == 12
    assert all(not u.must_change_password for u in users)
    assert all(u.staff_no for u in users if u.role != Role.HALL_MANAGER)
    assert sv.settings.hall().name == "日喀则分公司上海中路营业厅"
    assert sv.settings.hall().code == "RKZ-0102"
    today = sv.dutylog.logs_for_date(NOW.date())
    assert [(v.shift_name, v.status) for v in today] == [("早班", LogStatus.DRAFT)]
    assert all(e.done_at is None or e.done_at <= NOW for e in today[0].checklist)
    yesterday = sv.dutylog.logs_for_date(NOW.date() - dt.timedelta(days=1))
    assert [v.status for v in yesterday] == [LogStatus.SIGNED, LogStatus.SIGNED]
    first = sv.dutylog.logs_for_date(NOW.date() - dt.timedelta(days=40))
    assert len(first) == 2 and first[0].checklist_version == 1
    assert sv.dutylog.logs_for_date(NOW.date())[0].checklist_version == 2
    rows = sv.dutylog.list_logs(NOW.date() - dt.timedelta(days=40), NOW.date())
    assert len(rows) == 81
    assert [f.what for f in sv.dutylog.open_faults()] == ["自助终端触摸屏失灵"]
    assert len(sv.dutylog.faults(dt.datetime(2000, 1, 1), NOW)) == 3  # 33, 19, 6 days ago
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(DutyLogAmendment)) == 1
    logs = [sv.dutylog.get_log(r.id) for r in rows if r.status == LogStatus.SIGNED]
    assert any(v.meeting.over_limit for v in logs)
    assert any(e.status.value == "skipped" and e.skip_reason for v in logs for e in v.checklist)
    assert any(e.late for v in logs for e in v.checklist)
    handed = [h for v in logs for h in v.handover_out]
    assert handed and all(h.acknowledged for h in handed
                          if h.target_date < NOW.date())
    kinds = {i.kind for i in sv.today.attention(NOW)}
    assert "fault_open" in kinds and "log_missing" not in kinds


def test_demo_refuses_a_non_empty_database(demo_db):
    from hallmanager.domain.errors import Conflict

    db, _ = demo_db
    with pytest.raises(Conflict):
        create_demo(db, ManualClock(NOW), days=1)


# --- the command ------------------------------------------------------------------------------
@pytest.fixture
def quick_demo(monkeypatch):
    launched: list[object] = []
    import hallmanager.commands.gui as gui

    monkeypatch.setattr(gui, "run", lambda args: launched.append(args) or 0)
    return launched


def _args(path, **kw):
    return SimpleNamespace(db=str(path), db_url=None, lang=None,
                           **{"force": False, "run": False, "days": 2, "staff": 3, **kw})


def test_demo_command_creates_and_refuses_to_overwrite(tmp_path, quick_demo, capsys):
    from hallmanager.commands.demo import run

    path = tmp_path / "d.sqlite"
    assert run(_args(path)) == 0
    out = capsys.readouterr().out
    assert "Demo2026admin" in out and "Demo2026duty" in out and "Demo2026teller" in out
    size = path.stat().st_size
    assert run(_args(path)) == 1
    err = capsys.readouterr().err
    assert "已存在" in err and "--force" in err
    assert path.stat().st_size == size
    assert run(_args(path, force=True)) == 0
    assert quick_demo == []


def test_demo_command_run_launches_existing_file(tmp_path, quick_demo, capsys):
    from hallmanager.commands.demo import run

    path = tmp_path / "d.sqlite"
    path.write_bytes(b"")
    assert run(_args(path, run=True)) == 0
    assert len(quick_demo) == 1 and path.stat().st_size == 0  # untouched, just launched
    assert "Demo2026" not in capsys.readouterr().out
    path2 = tmp_path / "new.sqlite"
    assert run(_args(path2, run=True)) == 0
    assert len(quick_demo) == 2 and path2.exists()


# --- the batch the demo builds each day in ------------------------------------------------------
def _append(s, n: int) -> None:
    append_audit(s, at=NOW, user_id=None, username="system", action=f"step{n}", entity="test")


def _entries(db) -> list[str]:
    with db.read() as s:
        return list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_batch_keeps_refused_actions_out_and_never_commits_half_an_action(tmp_path):
    db = open_database(sqlite_url(tmp_path / "b.sqlite"))
    try:
        batch = BatchDatabase(db)
        with batch.batch():
            with batch.write() as s:
                _append(s, 1)
            with pytest.raises(ValidationError), batch.write():
                raise ValidationError("refused before it wrote anything")
            with batch.write() as s:
                _append(s, 2)  # chains to step1 without reading it back
            with batch.read() as s:  # reads see the batch's own writes
                assert s.scalar(select(func.count()).select_from(AuditEntry)) == 2
        assert _entries(db) == ["step1", "step2"]
        with pytest.raises(BatchAborted), batch.batch():
            with batch.write() as s:
                _append(s, 3)
            try:
                with batch.write() as s:
                    _append(s, 4)
                    raise ValidationError("refused after it wrote")
            except BatchAborted:
                pass  # a step that swallows it still gets no commit
        assert _entries(db) == ["step1", "step2"]
        with db.read() as s:
            assert verify_audit_chain(s) == []
        with batch.write() as s:  # outside a batch: the database's own transaction
            _append(s, 5)
        assert _entries(db) == ["step1", "step2", "step5"]
    finally:
        db.dispose()


def test_audit_entries_of_one_transaction_chain_without_reading_back(tmp_path):
    """A transaction remembers its newest entry (a demo day appends hundreds); a rolled-back
    SAVEPOINT forgets it, so the next entry chains to what is really there."""
    db = open_database(sqlite_url(tmp_path / "a.sqlite"))
    try:
        with db.write() as s:
            _append(s, 1)
            _append(s, 2)
            nested = s.begin_nested()
            _append(s, 3)
            nested.rollback()
            _append(s, 4)
        with db.write() as s:  # a new transaction reads the head again
            _append(s, 5)
        assert _entries(db) == ["step1", "step2", "step4", "step5"]
        with db.read() as s:
            assert verify_audit_chain(s) == []
    finally:
        db.dispose()
