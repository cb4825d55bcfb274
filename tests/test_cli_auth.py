"""The command line acts as a real, logged-in user (issue 7 §2, §4).

Every command that reads personal data or writes logs in: ``--user`` / ``$HALLMANAGER_USER``,
``$HALLMANAGER_PASSWORD`` or a prompt on a terminal; without both it stops before touching
anything. The desk's role × action matrix applies, ``--unmasked`` is the hall manager's, and
wrong passwords count for the desk's login throttle. Commands that only read never create or
initialise a database.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import func, select

from hallmanager.app import build_services
from hallmanager.cli import main
from hallmanager.domain.errors import LoginThrottled
from hallmanager.storage.database import open_database, sqlite_url
from hallmanager.storage.instance_lock import lock_path_for
from hallmanager.storage.models import AuditEntry, User
from tests.conftest import ADMIN_PASSWORD, USER_PASSWORD, login_as
from tests.test_export_service import day_built
from tests.test_storage_instance_lock import _stale_info

ROOT = Path(__file__).resolve().parents[1]
OWN_PASSWORD = "Own2026pass"
DAY = "2026-11-22"


def _own_password(hall, username: str) -> None:
    """The user replaces the temporary password (as the desk forces at first login)."""
    login_as(hall, username)
    hall.auth.change_password(USER_PASSWORD, OWN_PASSWORD)


@pytest.fixture(autouse=True)
def _fast_hash(fast_cli_hash):
    """Cheaper Argon2id for the many command-line logins (tests/conftest.py)."""


@pytest.fixture
def db(built_day_db):
    """Every hall here has ``build_day``'s day: a copy of the session's ``day_template``
    (tests/conftest.py) instead of building it again per test."""
    return built_day_db


@pytest.fixture
def day(hall, db_path, tmp_path, monkeypatch):
    """A day of logs; zhang (duty manager) and teller (teller) have their own passwords;
    no credentials in the environment; the fixture's connection stays open (the desk)."""
    day_built(hall)
    for name in ("zhang", "teller"):
        _own_password(hall, name)
    login_as(hall, "admin", ADMIN_PASSWORD)
    monkeypatch.delenv("HALLMANAGER_USER", raising=False)
    monkeypatch.delenv("HALLMANAGER_PASSWORD", raising=False)
    return db_path


def entries(services, action=None):
    with services.db.read() as s:
        q = select(AuditEntry).order_by(AuditEntry.id)
        if action:
            q = q.where(AuditEntry.action == action)
        return list(s.scalars(q))


def n_entries(services) -> int:
    with services.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry)))


def _export(db, out, *extra):
    return main(["export", "daily", "--db", str(db), "--date", DAY, "--out", str(out), *extra])


def _print(db, out, *extra):
    return main(["print", "handover", "--db", str(db), "--date", DAY, "--shift", "早班",
                 "--out", str(out), *extra])


# --- who acts ---------------------------------------------------------------------------------


def test_without_credentials_nothing_happens(day, hall, tmp_path, capsys):
    """No terminal, no variables: a clear bilingual message, exit 1, no file, no audit entry."""
    before = n_entries(hall)
    out = tmp_path / "r.xlsx"
    assert _export(day, out, "--user", "admin") == 1
    err = capsys.readouterr().err
    assert "需要登录" in err and "HALLMANAGER_PASSWORD" in err and "Login required" in err
    assert not out.exists()
    assert n_entries(hall) == before


def test_unlock_without_a_terminal_is_a_message_not_a_traceback(day, hall):
    """Today's ``unlock`` died with EOFError: run it as a script with stdin closed."""
    lock_path_for(day).unlink(missing_ok=True)
    before = n_entries(hall)
    env = {k: v for k, v in os.environ.items() if not k.startswith("HALLMANAGER_")}
    env["HALLMANAGER_ANCHOR_DIR"] = os.environ["HALLMANAGER_ANCHOR_DIR"]
    res = subprocess.run([sys.executable, "-m", "hallmanager.cli", "unlock", "--db", str(day),
                          "--user", "admin"], stdin=subprocess.DEVNULL, capture_output=True,
                         text=True, env=env, cwd=ROOT, timeout=120, check=False)
    assert res.returncode == 1
    assert "Traceback" not in res.stderr and "EOFError" not in res.stderr
    assert "需要登录" in res.stderr and "Login required" in res.stderr
    assert n_entries(hall) == before


def test_duty_manager_prints_as_herself(day, hall, tmp_path, monkeypatch, capsys):
    """The audit entry and the sheet's footer name the real user, via cli, with the OS user."""
    monkeypatch.setenv("HALLMANAGER_USER", "zhang")
    monkeypatch.setenv("HALLMANAGER_PASSWORD", OWN_PASSWORD)
    out = tmp_path / "交接班表.pdf"
    assert _print(day, out) == 0, capsys.readouterr().err
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(str(out)).pages)
    assert "打印人：张值班（命令行）" in text and "王厅长" not in text
    entry = entries(hall, "print")[-1]
    after = json.loads(entry.after_json)
    assert entry.username == "zhang" and after["via"] == "cli" and after["os_user"]
    login = [e for e in entries(hall, "login") if e.username == "zhang"][-1]
    assert json.loads(login.after_json)["via"] == "cli"
    assert entries(hall, "logout")[-1].username == "zhang"  # the session is closed again


def test_user_option_beats_the_environment(day, hall, tmp_path, monkeypatch):
    monkeypatch.setenv("HALLMANAGER_USER", "admin")
    monkeypatch.setenv("HALLMANAGER_PASSWORD", OWN_PASSWORD)
    assert _export(day, tmp_path / "r.xlsx", "--user", "zhang") == 0
    assert entries(hall, "export")[-1].username == "zhang"


def test_prompt_on_a_terminal(day, hall, tmp_path, monkeypatch):
    """On a terminal the user name is read and the password asked without echo."""
    asked = []
    monkeypatch.setattr("hallmanager.commands.common.stdin_is_terminal", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt="": asked.append(prompt) or "zhang")
    monkeypatch.setattr("getpass.getpass", lambda prompt="": asked.append(prompt) or OWN_PASSWORD)
    assert _export(day, tmp_path / "r.xlsx") == 0
    assert len(asked) == 2 and "密码" in asked[1]
    assert entries(hall, "export")[-1].username == "zhang"


# --- the desk's rules -----------------------------------------------------------------------


def test_teller_may_not_export(day, hall, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HALLMANAGER_PASSWORD", OWN_PASSWORD)
    out = tmp_path / "r.xlsx"
    assert _export(day, out, "--user", "teller") == 1
    err = capsys.readouterr().err
    assert "无权" in err and "permission denied" in err
    assert not out.exists() and entries(hall, "export") == []


def test_unmasked_only_for_the_hall_manager(day, hall, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HALLMANAGER_PASSWORD", OWN_PASSWORD)
    out = tmp_path / "u.pdf"
    assert _print(day, out, "--user", "zhang", "--unmasked") == 1
    assert "无权" in capsys.readouterr().err
    assert not out.exists() and entries(hall, "unmask") == []
    monkeypatch.setenv("HALLMANAGER_PASSWORD", ADMIN_PASSWORD)
    assert _print(day, out, "--user", "admin", "--unmasked") == 0
    assert entries(hall, "unmask")[-1].username == "admin"


def test_temporary_password_must_be_changed_at_the_desk_first(day, hall, tmp_path,
                                                              monkeypatch, capsys):
    monkeypatch.setenv("HALLMANAGER_PASSWORD", USER_PASSWORD)
    assert _export(day, tmp_path / "r.xlsx", "--user", "li") == 1  # li never changed it
    assert "临时密码" in capsys.readouterr().err
    assert not (tmp_path / "r.xlsx").exists()


def test_wrong_cli_passwords_count_for_the_login_throttle(day, hall, tmp_path, monkeypatch,
                                                           capsys):
    """Five wrong passwords are refused as wrong; the sixth try — even the right password,
    even at the desk — must wait, exactly as after five wrong logins at the desk."""
    monkeypatch.setenv("HALLMANAGER_PASSWORD", "Wrong2026pw")
    out = tmp_path / "r.xlsx"
    for _ in range(5):
        assert _export(day, out, "--user", "zhang") == 1
        assert "用户名或密码错误" in capsys.readouterr().err
    assert _export(day, out, "--user", "zhang") == 1
    assert "登录失败次数过多" in capsys.readouterr().err
    monkeypatch.setenv("HALLMANAGER_PASSWORD", OWN_PASSWORD)
    assert _export(day, out, "--user", "zhang") == 1
    assert "登录失败次数过多" in capsys.readouterr().err
    assert not out.exists()
    with hall.db.read() as s:
        assert s.scalar(select(User.failed_logins).where(User.username == "zhang")) == 5
    failed = [json.loads(e.after_json) for e in entries(hall, "login_failed")]
    assert len(failed) == 5 and all(f["via"] == "cli" for f in failed)
    with pytest.raises(LoginThrottled):  # a desk on the real clock is throttled too
        build_services(hall.db).auth.login("zhang", OWN_PASSWORD)


def test_unlock_needs_a_hall_manager(day, hall, monkeypatch, capsys):
    """A duty manager's login is refused for unlock (the desk's CLEAR_STALE_LOCK rule)."""
    hall.db.instance_lock.release()  # the desk "crashed": its lock file stays behind
    stale = _stale_info()
    lock_path_for(day).write_text(stale.to_json(), encoding="utf-8")
    monkeypatch.setenv("HALLMANAGER_PASSWORD", OWN_PASSWORD)
    assert main(["unlock", "--db", str(day), "--user", "zhang"]) == 1
    assert "只有厅经理" in capsys.readouterr().err
    assert lock_path_for(day).read_text(encoding="utf-8") == stale.to_json()
    monkeypatch.setenv("HALLMANAGER_PASSWORD", ADMIN_PASSWORD)
    assert main(["unlock", "--db", str(day), "--user", "admin"]) == 0
    cleared = entries(hall, "clear_stale_lock")[-1]
    assert cleared.username == "admin"


# --- files a reading command must not create ----------------------------------------------------


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("argv", [
    ["export", "daily", "--date", DAY, "--out", "OUT/r.xlsx"],
    ["print", "handover", "--date", DAY, "--shift", "早班", "--out", "OUT/r.pdf"],
    ["check"],
    ["unlock"],
])
def test_zero_byte_file_is_refused_and_left_empty(argv, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HALLMANAGER_USER", "admin")
    monkeypatch.setenv("HALLMANAGER_PASSWORD", ADMIN_PASSWORD)
    (tmp_path / "OUT").mkdir()
    empty = tmp_path / "hall.sqlite"
    empty.touch()
    args = [a.replace("OUT", str(tmp_path / "OUT")) for a in argv]
    assert main([args[0], *args[1:2], "--db", str(empty), *args[2:]]
                if args[0] in ("export", "print") else [*args, "--db", str(empty)]) == 1
    captured = capsys.readouterr()
    assert "空的" in captured.out + captured.err and "0 bytes" in captured.out + captured.err
    assert empty.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["OUT", "hall.sqlite"]
    assert list((tmp_path / "OUT").iterdir()) == []


def test_unlock_on_a_missing_path_creates_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HALLMANAGER_USER", "admin")
    monkeypatch.setenv("HALLMANAGER_PASSWORD", ADMIN_PASSWORD)
    path = tmp_path / "nowhere" / "hall.sqlite"
    assert main(["unlock", "--db", str(path)]) == 1
    assert "不存在" in capsys.readouterr().err
    assert not path.parent.exists()


def test_a_file_never_set_up_is_refused_untouched(tmp_path, monkeypatch, capsys):
    """A SQLite file without tables (not 0 bytes) is not initialised by an export either."""
    import sqlite3

    monkeypatch.setenv("HALLMANAGER_USER", "admin")
    monkeypatch.setenv("HALLMANAGER_PASSWORD", ADMIN_PASSWORD)
    path = tmp_path / "blank.sqlite"
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 1")  # writes the header page, creates no table
    con.close()
    digest = _sha(path)
    assert _export(path, tmp_path / "r.xlsx") == 1
    assert "尚未初始化" in capsys.readouterr().err
    assert _sha(path) == digest
    db = open_database(sqlite_url(path), migrate=False, read_only=True)
    db.dispose()


def test_cli_dates_say_what_is_wrong(capsys):
    """The CLI shares the desk's date rule: an impossible or mistyped date is named."""
    from hallmanager.cli import main

    for text, says in (("2026-02-30", "2 月只有 28 天"), ("22.11.2026", "YYYY-MM-DD"),
                       ("２０２６－０２－３０", "2 月只有 28 天")):
        assert main(["export", "daily", "--date", text, "--out", "x.xlsx"]) == 2
        assert says in capsys.readouterr().err
