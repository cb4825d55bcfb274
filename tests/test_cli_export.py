"""``hallmanager export daily`` / ``print handover`` in-process on a real database file."""

from __future__ import annotations

import json

import openpyxl
import pypdf
import pytest
from sqlalchemy import select

from hallmanager.cli import main
from hallmanager.storage.models import AuditEntry
from tests.conftest import ADMIN_PASSWORD
from tests.test_export_service import day_built


@pytest.fixture(autouse=True)
def _fast_hash(fast_cli_hash):
    """Cheaper Argon2id for the many command-line logins (tests/conftest.py)."""


@pytest.fixture(autouse=True)
def cli_login(monkeypatch):
    """The command line logs in as the hall manager (commands.common; tests/test_cli_auth.py
    covers the other ways and the refusals)."""
    monkeypatch.setenv("HALLMANAGER_USER", "admin")
    monkeypatch.setenv("HALLMANAGER_PASSWORD", ADMIN_PASSWORD)


@pytest.fixture
def db(built_day_db):
    """Every hall here has ``build_day``'s day: a copy of the session's ``day_template``
    (tests/conftest.py) instead of building it again per test."""
    return built_day_db


@pytest.fixture
def day_db(hall, db_path, tmp_path):
    """The hall's database with a day of logs; the fixture's connection stays open (the desk
    app is "running") — the CLI must work alongside it."""
    day_built(hall)
    out = tmp_path / "out"
    out.mkdir()
    return db_path, out


def audits(services, action):
    with services.db.read() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action)
                              .order_by(AuditEntry.id)))


def test_export_daily(day_db, hall, capsys):
    db, out = day_db
    target = out / "营业日报.xlsx"
    rc = main(["export", "daily", "--db", str(db), "--date", "2026-11-22", "--out", str(target)])
    assert rc == 0, capsys.readouterr().err
    assert "已导出营业日报" in capsys.readouterr().out
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames[0] == "值班日志汇总"
    assert [c.value for c in wb["值班日志汇总"][2]] == ["班次", "早班", "晚班"]  # one column per shift
    entry = audits(hall, "export")[-1]
    after = json.loads(entry.after_json)
    assert entry.username == "admin" and after["via"] == "cli" and after["file"] == str(target)
    assert "os_user" in after
    assert entry.entity == "daily_report" and entry.entity_id == "2026-11-22"


def test_existing_file_needs_force(day_db, hall, capsys):
    db, out = day_db
    target = out / "r.xlsx"
    target.write_bytes(b"keep me")
    args = ["export", "daily", "--db", str(db), "--date", "2026-11-22", "--out", str(target)]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "已存在" in err and "--force" in err
    assert target.read_bytes() == b"keep me"
    assert audits(hall, "export") == []
    assert main([*args, "--force"]) == 0
    assert openpyxl.load_workbook(target).sheetnames[0] == "值班日志汇总"


@pytest.mark.parametrize("bad", ["2026-13-01", "22/11/2026", "2026-2-30", "tomorrow", "2026-02-30"])
def test_bad_date_exits_2(day_db, capsys, bad):
    db, out = day_db
    rc = main(["export", "daily", "--db", str(db), "--date", bad, "--out", str(out / "r.xlsx")])
    assert rc == 2
    assert "日期" in capsys.readouterr().err
    assert list(out.iterdir()) == []


def test_wrong_extension_and_missing_db(day_db, tmp_path, capsys):
    db, out = day_db
    assert main(["export", "daily", "--db", str(db), "--date", "2026-11-22",
                 "--out", str(out / "r.pdf")]) == 2
    assert ".xlsx" in capsys.readouterr().err
    assert main(["print", "handover", "--db", str(tmp_path / "nope.sqlite"), "--date",
                 "2026-11-22", "--shift", "早班", "--out", str(out / "a.pdf")]) == 1
    assert "数据库文件不存在" in capsys.readouterr().err
    assert not (tmp_path / "nope.sqlite").exists()  # not created by an export


def test_print_handover(day_db, hall, capsys):
    db, out = day_db
    target = out / "交接班表.pdf"
    rc = main(["print", "handover", "--db", str(db), "--date", "2026-11-22", "--shift", "早班",
               "--out", str(target)])
    assert rc == 0, capsys.readouterr().err
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(str(target)).pages)
    assert "交接班表" in text and "张值班" in text and "李值班" in text
    assert "王厅长（命令行）" in text  # printed by: the CLI actor, marked as such
    entry = audits(hall, "print")[-1]
    assert entry.entity == "handover_sheet" and json.loads(entry.after_json)["via"] == "cli"


def test_print_handover_unknown_shift_and_a_shift_without_log(day_db, capsys):
    db, out = day_db
    base = ["print", "handover", "--db", str(db), "--out", str(out / "a.pdf")]
    assert main([*base, "--date", "2026-11-22", "--shift", "夜班"]) == 1
    err = capsys.readouterr().err
    assert "夜班" in err and "早班" in err and "晚班" in err
    assert list(out.iterdir()) == []
    assert main([*base, "--date", "2026-11-23", "--shift", "早班"]) == 0  # no log: still a sheet
    assert [p.name for p in out.iterdir()] == ["a.pdf"]


def test_unmasked_option(hall, clock, db_path, tmp_path, capsys):
    """Masked unless --unmasked; that keeps the numbers and is audited as an unmask."""
    from tests.test_export_service import ID_NO, PHONE, _customer_day, _pdf_text

    _customer_day(hall, clock)
    base = ["print", "handover", "--db", str(db_path), "--date", "2026-11-22", "--shift", "晚班"]
    assert main([*base, "--out", str(tmp_path / "m.pdf")]) == 0
    masked = _pdf_text(tmp_path / "m.pdf")
    assert "138****5678" in masked and PHONE not in masked and ID_NO not in masked
    assert audits(hall, "unmask") == []
    assert main([*base, "--out", str(tmp_path / "u.pdf"), "--unmasked"]) == 0
    full = _pdf_text(tmp_path / "u.pdf")
    assert PHONE in full and ID_NO in full
    entry = audits(hall, "unmask")[-1]
    assert entry.username == "admin" and json.loads(entry.after_json)["via"] == "cli"
