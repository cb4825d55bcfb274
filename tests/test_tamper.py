"""Tampering the hash chain alone cannot see, and ``hallmanager check`` now does (issue 7 §5).

Each test edits a real database file with raw ``sqlite3`` — as someone with the file and a
SQLite tool would — then runs ``hallmanager check``, which must exit 1 and name the problem.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sqlite3
from pathlib import Path

import pypdf
import pytest

from hallmanager.app import build_services
from hallmanager.cli import main
from hallmanager.domain.audit_chain import ChainEntry, entry_hash
from hallmanager.domain.clock import ManualClock
from hallmanager.storage.anchors import Anchor, database_identity, write_local_anchor
from hallmanager.storage.audit import audit_head
from hallmanager.storage.database import open_database, sqlite_url
from tests.conftest import ADMIN_PASSWORD, login_as
from tests.test_export_service import build_day


@pytest.fixture(autouse=True)
def _fast_hash(fast_cli_hash):
    """Cheaper Argon2id for the many command-line logins (tests/conftest.py)."""


@pytest.fixture(scope="module")
def built_day(tmp_path_factory) -> Path:
    """A day with a signed log, an amendment, an acknowledged hand-over item and a teller,
    written through the program once per module (each test gets a copy)."""
    folder = tmp_path_factory.mktemp("built")
    path = folder / "hall.sqlite"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HALLMANAGER_ANCHOR_DIR", str(folder / "anchors"))
        clock = ManualClock(dt.datetime(2026, 11, 22, 9, 0, 0))
        hall = build_services(open_database(sqlite_url(path)), clock, fast_hash=True)
        try:
            hall.auth.setup(hall_name="拉萨北京路营业厅", hall_code="LS001", username="admin",
                            full_name="王厅长", password=ADMIN_PASSWORD)
            hall.auth.login("admin", ADMIN_PASSWORD)
            log = build_day(hall, clock)
            login_as(hall, "admin", ADMIN_PASSWORD)
            hall.dutylog.amend(log.id, "weather", "多云", "记错了", ADMIN_PASSWORD)
        finally:
            hall.close()
    return path


@pytest.fixture
def closed_day(built_day, tmp_path) -> Path:
    """A copy of the built day, anchored on this PC as the program would have (its local
    anchor names the newest entry), closed."""
    path = tmp_path / "hall.sqlite"
    shutil.copyfile(built_day, path)
    con = sqlite3.connect(path)
    head = Anchor(*con.execute("SELECT id, hash FROM audit_entry ORDER BY id DESC LIMIT 1")
                  .fetchone())
    con.close()
    write_local_anchor(database_identity(sqlite_url(path)), head)
    return path


def _raw(path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def _drop_triggers(con) -> None:
    con.execute("DROP TRIGGER audit_entry_no_update")
    con.execute("DROP TRIGGER audit_entry_no_delete")


def _restore_triggers(con) -> None:
    """A careful forger puts the triggers back afterwards."""
    for verb in ("UPDATE", "DELETE"):
        con.execute(f"CREATE TRIGGER audit_entry_no_{verb.lower()} BEFORE {verb} ON audit_entry "
                    f"BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END")


def _rechain(con, start: int = 1) -> None:
    """Recompute prev_hash/hash of every entry from ``start`` on: the keyless chain is whole
    again, so the chain rule alone sees nothing."""
    rows = con.execute("SELECT id, at, user_id, username, action, entity, entity_id, "
                       "before_json, after_json, prev_hash FROM audit_entry ORDER BY id").fetchall()
    prev = None
    for r in rows:
        if r[0] < start:
            prev = con.execute("SELECT hash FROM audit_entry WHERE id = ?", (r[0],)).fetchone()[0]
            continue
        prev_hash = prev if prev is not None else "0" * 64
        e = ChainEntry(id=r[0], at=dt.datetime.fromisoformat(r[1]).isoformat(sep=" "),
                       user_id=r[2], username=r[3], action=r[4], entity=r[5], entity_id=r[6],
                       before_json=r[7], after_json=r[8], prev_hash=prev_hash, hash="")
        h = entry_hash(prev_hash, e.payload())
        con.execute("UPDATE audit_entry SET prev_hash = ?, hash = ? WHERE id = ?",
                    (prev_hash, h, r[0]))
        prev = h


def _check(path, capsys, *extra) -> tuple[int, str]:
    rc = main(["check", "--db", str(path), *extra])
    return rc, capsys.readouterr().out


def test_untouched_file_passes_and_names_its_anchor(closed_day, capsys):
    rc, out = _check(closed_day, capsys)
    assert rc == 0, out
    assert re.search(r"本机锚点 #\d+:[0-9a-f]{16} 一致", out)
    assert "数据库检查通过" in out and "只追加保护在位" in out


def test_deleting_the_newest_entries_and_fixing_sqlite_sequence(closed_day, capsys):
    con = _raw(closed_day)
    last = con.execute("SELECT max(id) FROM audit_entry").fetchone()[0]
    _drop_triggers(con)
    con.execute("DELETE FROM audit_entry WHERE id > ?", (last - 3,))
    con.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = 'audit_entry'", (last - 3,))
    _restore_triggers(con)
    con.close()
    rc, out = _check(closed_day, capsys)
    assert rc == 1
    assert f"本机锚点 #{last}:" in out and f"审计记录 #{last} 已不存在" in out
    assert "锚点文件" in out and "备份" in out  # where it is, for a deliberate restore


def test_deleting_every_entry(closed_day, capsys):
    con = _raw(closed_day)
    _drop_triggers(con)
    con.execute("DELETE FROM audit_entry")
    con.execute("DELETE FROM sqlite_sequence WHERE name = 'audit_entry'")
    _restore_triggers(con)
    con.close()
    rc, out = _check(closed_day, capsys)
    assert rc == 1
    assert "已不存在" in out and "审计日志是空的" in out


def test_dropping_the_triggers(closed_day, capsys):
    con = _raw(closed_day)
    con.execute("DROP TRIGGER audit_entry_no_delete")
    con.close()
    rc, out = _check(closed_day, capsys)
    assert rc == 1 and "只追加保护已被移除" in out and "DELETE" in out


def test_replacing_a_trigger_with_one_that_does_nothing(closed_day, capsys):
    con = _raw(closed_day)
    con.execute("DROP TRIGGER audit_entry_no_update")
    con.execute("CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
                "BEGIN SELECT 1; END")
    con.close()
    rc, out = _check(closed_day, capsys)
    assert rc == 1 and "只追加保护已被移除" in out and "UPDATE" in out


def test_editing_an_entry_and_recomputing_the_chain(closed_day, capsys):
    con = _raw(closed_day)
    _drop_triggers(con)
    con.execute("UPDATE audit_entry SET username = 'mallory' WHERE id = 5")
    _rechain(con, start=5)
    _restore_triggers(con)
    con.close()
    rc, out = _check(closed_day, capsys)
    assert rc == 1
    assert "本机锚点" in out and "哈希与锚点不符" in out
    assert "内容与哈希不符" not in out  # the chain itself is consistent again


def test_the_anchor_stays_after_the_program_writes_again(closed_day, capsys):
    """Tampering, then normal use: the contradicted local anchor is not moved on."""
    con = _raw(closed_day)
    last = con.execute("SELECT max(id) FROM audit_entry").fetchone()[0]
    _drop_triggers(con)
    con.execute("DELETE FROM audit_entry WHERE id > ?", (last - 2,))
    con.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = 'audit_entry'", (last - 2,))
    _restore_triggers(con)
    con.close()
    db = open_database(sqlite_url(closed_day))
    try:
        sv = build_services(db, fast_hash=True)
        for _ in range(3):
            sv.auth.login("admin", ADMIN_PASSWORD)
            sv.auth.logout()
    finally:
        db.dispose()
    rc, out = _check(closed_day, capsys)
    assert rc == 1 and f"本机锚点 #{last}:" in out and "哈希与锚点不符" in out


def test_paper_anchor_from_a_printed_sheet(closed_day, tmp_path, capsys, monkeypatch):
    """The footer of a printed handover sheet is an anchor: on another PC (no local anchor)
    ``check --anchor`` holds it against the file and finds a recomputed chain."""
    monkeypatch.setenv("HALLMANAGER_USER", "admin")
    monkeypatch.setenv("HALLMANAGER_PASSWORD", ADMIN_PASSWORD)
    pdf = tmp_path / "交接班表.pdf"
    assert main(["print", "handover", "--db", str(closed_day), "--date", "2026-11-22",
                 "--shift", "早班", "--out", str(pdf)]) == 0
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(str(pdf)).pages)
    m = re.search(r"审计链 #(\d+):([0-9a-f]{16})", text)
    assert m, text
    paper = f"{m.group(1)}:{m.group(2)}"
    capsys.readouterr()
    other_pc = tmp_path / "other-pc-anchors"
    monkeypatch.setenv("HALLMANAGER_ANCHOR_DIR", str(other_pc))
    rc, out = _check(closed_day, capsys, "--anchor", paper)
    assert rc == 0 and f"纸面锚点 #{paper} 一致" in out and "本机没有这个数据库的锚点" in out

    con = _raw(closed_day)
    _drop_triggers(con)
    con.execute("UPDATE audit_entry SET entity_id = '999' WHERE id = 3")
    _rechain(con, start=3)
    _restore_triggers(con)
    con.close()
    assert _check(closed_day, capsys)[0] == 0  # without the paper nothing is left to see it
    rc, out = _check(closed_day, capsys, "--anchor", paper)
    assert rc == 1 and f"纸面锚点 #{paper}" in out and "哈希与锚点不符" in out, (paper, out)


def test_bad_anchor_text_exits_2(closed_day, capsys):
    assert main(["check", "--db", str(closed_day), "--anchor", "12-abc"]) == 2
    assert "锚点格式不正确" in capsys.readouterr().err


def _signed_log_id(con) -> int:
    return con.execute("SELECT id FROM duty_log WHERE status = 'signed'").fetchone()[0]


def test_editing_a_signed_log(closed_day, capsys):
    con = _raw(closed_day)
    log_id = _signed_log_id(con)
    con.execute("UPDATE duty_log SET opinions = '一切正常', customer_flow = 10 WHERE id = ?",
                (log_id,))
    con.close()
    rc, out = _check(closed_day, capsys)
    assert rc == 1
    assert f"已签字的值班日志 #{log_id}" in out and "客户意见和建议" in out and "客流量" in out


def test_unsigning_a_log_to_edit_it(closed_day, capsys):
    con = _raw(closed_day)
    log_id = _signed_log_id(con)
    con.execute("UPDATE duty_log SET status = 'draft', signed_at = NULL, signed_by = NULL "
                "WHERE id = ?", (log_id,))
    con.close()
    rc, out = _check(closed_day, capsys)
    assert rc == 1 and f"值班日志 #{log_id}" in out and "不是已签字状态" in out


def test_changing_the_signer(closed_day, capsys):
    con = _raw(closed_day)
    log_id = _signed_log_id(con)
    con.execute("UPDATE duty_log SET signed_by = 1 WHERE id = ?", (log_id,))
    con.close()
    rc, out = _check(closed_day, capsys)
    assert rc == 1 and "签字人或签字时间" in out


def test_editing_or_deleting_an_amendment(closed_day, capsys):
    con = _raw(closed_day)
    aid = con.execute("SELECT id FROM duty_log_amendment").fetchone()[0]
    con.execute("UPDATE duty_log_amendment SET new_value_json = '\"晴\"' WHERE id = ?", (aid,))
    con.close()
    rc, out = _check(closed_day, capsys)
    assert rc == 1 and f"更正记录 #{aid} 与审计记录" in out
    con = _raw(closed_day)
    con.execute("DELETE FROM duty_log_amendment WHERE id = ?", (aid,))
    con.close()
    rc, out = _check(closed_day, capsys)
    assert rc == 1 and f"更正记录 #{aid}" in out and "已被删除" in out


def test_editing_a_handover_item(closed_day, capsys):
    con = _raw(closed_day)
    item = con.execute("SELECT id FROM handover_item WHERE ack_at IS NOT NULL").fetchone()[0]
    con.execute("UPDATE handover_item SET text = '钥匙一把' WHERE id = ?", (item,))
    con.close()
    rc, out = _check(closed_day, capsys)
    assert rc == 1 and f"交接事项 #{item} 的内容" in out


def test_undoing_a_handover_acknowledgement(closed_day, capsys):
    con = _raw(closed_day)
    item = con.execute("SELECT id FROM handover_item WHERE ack_at IS NOT NULL").fetchone()[0]
    con.execute("UPDATE handover_item SET ack_at = NULL, ack_by = NULL, ack_log_id = NULL "
                "WHERE id = ?", (item,))
    con.close()
    rc, out = _check(closed_day, capsys)
    assert rc == 1 and f"交接事项 #{item} 的确认接收" in out


def test_deleting_a_handover_item(closed_day, capsys):
    con = _raw(closed_day)
    item = con.execute("SELECT id FROM handover_item").fetchone()[0]
    con.execute("DELETE FROM handover_item WHERE id = ?", (item,))
    con.close()
    rc, out = _check(closed_day, capsys)
    assert rc == 1 and f"交接事项 #{item} 已被删除" in out


def test_teller_made_hall_manager(closed_day, capsys):
    con = _raw(closed_day)
    uid = con.execute("SELECT id FROM user WHERE username = 'teller'").fetchone()[0]
    con.execute("UPDATE user SET role = 'hall_manager' WHERE id = ?", (uid,))
    con.close()
    rc, out = _check(closed_day, capsys)
    assert rc == 1 and f"用户 #{uid} 的角色" in out


def test_a_user_added_behind_the_programs_back(closed_day, capsys):
    con = _raw(closed_day)
    con.execute("INSERT INTO user (username, full_name, role, password_hash, active, "
                "must_change_password, failed_logins, created_at) VALUES ('eve', '某人', "
                "'hall_manager', 'x', 1, 0, 0, '2026-11-22 09:00:00.000000')")
    con.close()
    rc, out = _check(closed_day, capsys)
    assert rc == 1 and "没有创建记录" in out


def test_no_personal_data_in_the_problem_lines(closed_day, capsys):
    """check needs no login, so what it prints must not reveal what the records say."""
    con = _raw(closed_day)
    log_id = _signed_log_id(con)
    con.execute("UPDATE duty_log SET opinions = '13812345678 王某' WHERE id = ?", (log_id,))
    con.execute("UPDATE user SET full_name = '张三丰' WHERE username = 'teller'")
    con.close()
    rc, out = _check(closed_day, capsys)
    assert rc == 1
    assert "13812345678" not in out and "王某" not in out and "张三丰" not in out
    assert "王营业" not in out  # nor the old value


def test_a_new_hall_at_the_same_path_starts_a_new_anchor(tmp_path, capsys, monkeypatch):
    """``demo --force`` (or a new set-up) replaces the file on purpose: no false alarm."""
    from hallmanager.app import create_demo

    path = tmp_path / "demo.sqlite"
    for days in (2, 1):
        path.unlink(missing_ok=True)
        db = open_database(sqlite_url(path))
        try:
            create_demo(db, _clock(), days=days)
        finally:
            db.dispose()
        rc, out = _check(path, capsys)
        assert rc == 0, out
        assert "本机锚点" in out and "一致" in out


def _clock():
    return ManualClock(dt.datetime(2026, 11, 22, 10, 15))


def test_the_program_writes_the_anchor_after_each_commit_outside_the_folder(hall, db_path,
                                                                             anchor_dir):
    """Every commit that appends audit entries moves this PC's anchor to the new head; the
    anchor lives in the anchor folder, not beside the database."""
    def stored():
        files = list(anchor_dir.iterdir())
        assert len(files) == 1
        return json.loads(files[0].read_text(encoding="utf-8"))

    def head():
        with hall.db.read() as s:
            return audit_head(s)

    assert stored()["id"] == head().id and stored()["hash"] == head().hash
    hall.auth.logout()
    assert stored()["id"] == head().id
    assert stored()["database"] == str(db_path.resolve())
    assert sorted(p.name for p in db_path.parent.iterdir() if p.suffix == ".json") == []
