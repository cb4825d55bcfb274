"""``hallmanager check``: read-only, no migration, no lock; 0 when fine, 1 with the problems."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from hallmanager.cli import main
from hallmanager.storage.database import open_database, sqlite_url
from hallmanager.storage.instance_lock import lock_path_for


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _listing(path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


@pytest.fixture
def closed_hall(hall, db_path):
    """The set-up hall, closed again (as on disk between two working days)."""
    hall.settings.save_shift(shift_id=None, name="夜班", start="20:00", end="23:00")
    hall.close()
    assert _listing(db_path) == {db_path.name}
    return db_path


def test_ok_database(closed_hall, capsys):
    digest = _sha(closed_hall)
    assert main(["check", "--db", str(closed_hall)]) == 0
    out = capsys.readouterr().out
    assert "数据库检查通过" in out and "database OK" in out
    assert "1 个用户" in out and "条审计记录" in out
    assert _sha(closed_hall) == digest
    assert _listing(closed_hall) == {closed_hall.name}


def test_db_url_option(closed_hall, capsys):
    assert main(["check", "--db-url", sqlite_url(closed_hall)]) == 0
    assert "数据库检查通过" in capsys.readouterr().out


def test_env_variable_selects_database(closed_hall, capsys, monkeypatch):
    monkeypatch.setenv("HALLMANAGER_DB", str(closed_hall))
    assert main(["check"]) == 0


def test_works_while_the_app_runs(closed_hall, capsys):
    """GIVEN the desk app has the file open (instance lock held, a write just happened)
    THEN check still runs, doesn't touch the lock, and passes."""
    db = open_database(sqlite_url(closed_hall))
    try:
        lock = lock_path_for(closed_hall).read_bytes()
        assert main(["check", "--db", str(closed_hall)]) == 0
        assert lock_path_for(closed_hall).read_bytes() == lock
        assert db.lock_info is not None
    finally:
        db.dispose()
    assert "数据库检查通过" in capsys.readouterr().out


def test_tampered_audit_log_fails(closed_hall, capsys):
    con = sqlite3.connect(closed_hall, isolation_level=None)
    con.execute("DROP TRIGGER audit_entry_no_update")
    con.execute("UPDATE audit_entry SET username = 'mallory' WHERE id = 2")
    con.close()
    digest = _sha(closed_hall)
    assert main(["check", "--db", str(closed_hall)]) == 1
    out = capsys.readouterr().out
    assert "#2" in out and "被修改" in out
    assert _sha(closed_hall) == digest


def test_broken_foreign_key_fails(closed_hall, capsys):
    con = sqlite3.connect(closed_hall, isolation_level=None)  # foreign_keys off by default
    con.execute("DROP TRIGGER audit_entry_no_update")
    con.execute("UPDATE audit_entry SET user_id = 999 WHERE id = 1")
    con.close()
    assert main(["check", "--db", str(closed_hall)]) == 1
    out = capsys.readouterr().out
    assert "外键错误" in out and "audit_entry" in out


def test_corrupt_file_fails_untouched(tmp_path, capsys):
    path = tmp_path / "bad.sqlite"
    path.write_bytes(b"not a database at all" * 100)
    digest = _sha(path)
    assert main(["check", "--db", str(path)]) == 1
    assert "不是 SQLite 数据库" in capsys.readouterr().out
    assert _sha(path) == digest and _listing(path) == {path.name}


def test_missing_file_is_not_created(tmp_path, capsys):
    path = tmp_path / "nothing" / "hall.sqlite"
    assert main(["check", "--db", str(path)]) == 1
    assert "不存在" in capsys.readouterr().out
    assert not path.parent.exists()


def test_does_not_migrate_an_old_file(closed_hall, capsys):
    """An older revision is checked as it is; the upgrade is the app's business (with backup)."""
    con = sqlite3.connect(closed_hall, isolation_level=None)
    con.execute("UPDATE alembic_version SET version_num = '0001'")
    con.close()
    digest = _sha(closed_hall)
    main(["check", "--db", str(closed_hall)])
    assert _sha(closed_hall) == digest
    assert _listing(closed_hall) == {closed_hall.name}


def test_check_shows_a_percentage_on_a_terminal_only():
    """A terminal sees the audit chain's progress rewritten in place; a pipe sees nothing."""
    import io

    from hallmanager.commands.check import terminal_progress

    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert terminal_progress(io.StringIO()) is None
    out = Tty()
    show = terminal_progress(out)
    for done in (2000, 2000, 4000, 5000):
        show(done, 5000)
    text = out.getvalue()
    assert text.count("\r") == 3 and text.endswith("100%\n") and " 40%" in text
