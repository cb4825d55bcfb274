"""The audit log: append-only in the database, hash-chained, searchable by the hall manager.

Tampering is done the way an attacker with the file would: raw SQL after dropping the
triggers, and the chain must notice.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from hallmanager.domain.errors import PermissionDenied
from hallmanager.domain.roles import Role
from tests.conftest import add_user, fill_audit, login_as


def _raw(db_path) -> sqlite3.Connection:
    return sqlite3.connect(db_path, isolation_level=None)


def _make_entries(hall, n: int = 4, prefix: str = "班") -> None:
    """n audited changes (new shifts) as the hall manager."""
    for i in range(n):
        hall.settings.save_shift(shift_id=None, name=f"{prefix}{i}", start="09:00", end="10:00")


def _drop_triggers(con: sqlite3.Connection) -> None:
    con.execute("DROP TRIGGER audit_entry_no_update")
    con.execute("DROP TRIGGER audit_entry_no_delete")


# --- append-only ---------------------------------------------------------------------------------


@pytest.mark.parametrize("sql", [
    "UPDATE audit_entry SET username = 'someone' WHERE id = 1",
    "DELETE FROM audit_entry WHERE id = 1",
    "DELETE FROM audit_entry",
])
def test_triggers_refuse_update_and_delete(hall, db_path, sql):
    con = _raw(db_path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            con.execute(sql)
    finally:
        con.close()
    assert hall.audit.verify() == []


def test_intact_log_verifies(hall):
    _make_entries(hall)
    assert hall.audit.verify() == []
    assert hall.maintenance.check() == []


def test_changed_entry_is_detected(hall, db_path):
    _make_entries(hall)
    con = _raw(db_path)
    _drop_triggers(con)
    con.execute("UPDATE audit_entry SET after_json = replace(after_json, '09:00', '08:00') "
                "WHERE id = 4")
    con.close()
    problems = hall.audit.verify()
    assert any("#4" in p and "被修改" in p for p in problems), problems


def test_deleted_middle_entry_is_detected(hall, db_path):
    _make_entries(hall)
    con = _raw(db_path)
    _drop_triggers(con)
    con.execute("DELETE FROM audit_entry WHERE id = 3")
    con.close()
    problems = hall.audit.verify()
    assert any("#3" in p and "缺失" in p for p in problems), problems
    assert any("#4" in p for p in problems)


def test_deleted_newest_entries_are_detected(hall, db_path):
    """The chain alone can't see a cut-off tail; sqlite_sequence (AUTOINCREMENT) can."""
    _make_entries(hall)
    con = _raw(db_path)
    last = con.execute("SELECT max(id) FROM audit_entry").fetchone()[0]
    _drop_triggers(con)
    con.execute("DELETE FROM audit_entry WHERE id >= ?", (last - 1,))
    con.close()
    problems = hall.audit.verify()
    assert problems[0] == f"最新的审计记录 #{last - 1}–#{last} 已被删除"
    # the desk's verify also sees the dropped triggers and the contradicted local anchor
    assert [p for p in problems[1:] if "触发器" in p or f"本机锚点 #{last}:" in p] == problems[1:]
    assert len(problems) == 3
    assert hall.maintenance.check() == problems


def test_deleted_last_entry_stays_detected_after_new_entries(hall, db_path):
    """GIVEN the newest entry deleted WHEN the program appends more THEN the gap remains."""
    _make_entries(hall)
    con = _raw(db_path)
    last = con.execute("SELECT max(id) FROM audit_entry").fetchone()[0]
    _drop_triggers(con)
    con.execute("DELETE FROM audit_entry WHERE id = ?", (last,))
    con.close()
    assert hall.audit.verify()[0] == f"最新的审计记录 #{last} 已被删除"
    _make_entries(hall, 1, prefix="新班")
    problems = hall.audit.verify()
    assert any(f"#{last}" in p and "缺失" in p for p in problems), problems


def test_inserted_forged_entry_is_detected(hall, db_path):
    _make_entries(hall, 2)
    con = _raw(db_path)
    con.execute("INSERT INTO audit_entry (at, user_id, username, action, entity, prev_hash, hash)"
                " VALUES ('2026-11-22 09:00:00', NULL, 'admin', 'update', 'shift', 'x', 'y')")
    con.close()
    assert hall.audit.verify() != []


# --- reading -----------------------------------------------------------------------------------


def test_entries_newest_first_with_parsed_before_after(hall):
    sh = hall.settings.save_shift(shift_id=None, name="夜班", start="20:00", end="23:00")
    hall.settings.save_shift(shift_id=sh.id, name="夜班", start="19:30", end="23:00")
    records = hall.audit.entries()
    assert [r.id for r in records] == sorted((r.id for r in records), reverse=True)
    newest = records[0]
    assert (newest.action, newest.entity, newest.entity_id) == ("update", "shift", str(sh.id))
    assert newest.before["start"] == "20:00" and newest.after["start"] == "19:30"
    assert newest.username == "admin"
    assert isinstance(newest.at, dt.datetime)


def test_entry_filters(hall, clock):
    add_user(hall, "zhang", Role.DUTY_MANAGER, full_name="张三")
    clock.advance(minutes=60 * 24)  # the next day
    hall.settings.save_shift(shift_id=None, name="夜班", start="20:00", end="23:00")
    today = clock.now().date()
    yesterday = today - dt.timedelta(days=1)

    assert {r.at.date() for r in hall.audit.entries(until=yesterday)} == {yesterday}
    assert {r.at.date() for r in hall.audit.entries(since=today)} == {today}
    assert hall.audit.entries(since=today, until=today)[0].entity == "shift"
    assert {r.action for r in hall.audit.entries(action="create")} == {"create"}
    assert {r.entity for r in hall.audit.entries(entity="user")} == {"user"}
    found = hall.audit.entries(text="张三")
    assert [(r.action, r.entity) for r in found] == [("create", "user")]
    assert hall.audit.entries(text="100%_不存在") == []
    assert len(hall.audit.entries(limit=2)) == 2
    assert hall.audit.entries(username="nobody") == []
    assert {r.username for r in hall.audit.entries(username="admin")} == {"admin"}


def test_actions_are_distinct_and_sorted(hall):
    _make_entries(hall, 2)
    actions = hall.audit.actions()
    assert actions == sorted(set(actions))
    assert {"setup", "create", "login"} <= set(actions)


def test_only_hall_manager_reads_the_log(hall):
    add_user(hall, "zhang", Role.DUTY_MANAGER)
    login_as(hall, "zhang")
    for call in (hall.audit.entries, hall.audit.actions, hall.audit.verify):
        with pytest.raises(PermissionDenied):
            call()


def test_no_password_hash_ever_in_the_log(hall, db_path):
    user = add_user(hall, "zhang", Role.TELLER)
    hall.auth.reset_password(user.id, "Temp0rary99")
    login_as(hall, "zhang", "Temp0rary99")
    hall.auth.change_password("Temp0rary99", "Mine2026pass")
    con = _raw(db_path)
    try:
        hashes = [r[0] for r in con.execute("SELECT password_hash FROM user")]
        dump = "\n".join(str(r) for r in con.execute("SELECT * FROM audit_entry"))
    finally:
        con.close()
    assert "$argon2" not in dump
    assert all(h not in dump for h in hashes)
    assert "Temp0rary99" not in dump and "Mine2026pass" not in dump


def test_chain_check_streams_with_progress_and_stops_when_told(hall):
    """verify_audit_chain reads the log in batches of plain rows, reporting each batch; a
    progress callback that returns False stops it with Cancelled."""
    from hallmanager.domain.errors import Cancelled
    from hallmanager.storage.audit import iter_chain_entries, verify_audit_chain

    fill_audit(hall, 4500)
    seen: list[tuple[int, int]] = []
    with hall.ctx.db.read() as s:
        total = sum(1 for _ in iter_chain_entries(s))
        assert verify_audit_chain(s, lambda d, t: seen.append((d, t))) == []
        assert [d for d, _t in seen] == [2000, 4000, total] and seen[-1][1] == total
        with pytest.raises(Cancelled):
            verify_audit_chain(s, lambda d, t: d < 4000)
