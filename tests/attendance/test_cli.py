"""``hallmanager import staff|clock`` and ``export attendance`` as a logged-in user."""

from __future__ import annotations

import openpyxl
import pytest

from hallmanager.cli import main
from tests.conftest import ADMIN_PASSWORD, USER_PASSWORD, add_user

STAFF_CSV = "工号,姓名,岗位,手机\nRK0201,次仁,营业员,13812345678\nRK0202,卓玛,营业员,\n"
CLOCK_CSV = ("工号,打卡时间\nRK0201,2026-11-18 09:58:12\nRK0201,2026-11-18 13:01:00\n"
             "RK0999,2026-11-18 09:40:00\nRK0202,2026-13-01 09:00\n")


@pytest.fixture
def cli_hall(hall, clock, monkeypatch, fast_cli_hash):
    monkeypatch.setenv("HALLMANAGER_USER", "admin")
    monkeypatch.setenv("HALLMANAGER_PASSWORD", ADMIN_PASSWORD)
    hall.auth.logout()
    return hall


def test_import_staff_and_clock_then_export(cli_hall, db_path, tmp_path, capsys):
    staff = tmp_path / "staff.csv"
    staff.write_bytes(STAFF_CSV.encode("gbk"))
    assert main(["import", "staff", "--db", str(db_path), "--file", str(staff)]) == 0
    assert "新增 2" in capsys.readouterr().out
    clock_file = tmp_path / "clock.csv"
    clock_file.write_bytes(CLOCK_CSV.encode("gbk"))
    assert main(["import", "clock", "--db", str(db_path), "--file", str(clock_file)]) == 1
    out = capsys.readouterr().out
    assert "新增 2 条，重复 0 条，拒绝 2 条" in out and "第 4 行" in out and "第 5 行" in out
    assert main(["import", "clock", "--db", str(db_path), "--file", str(clock_file)]) == 1
    assert "新增 0 条，重复 2 条" in capsys.readouterr().out  # re-import adds nothing
    target = tmp_path / "att.xlsx"
    assert main(["export", "attendance", "--db", str(db_path), "--month", "2026-11",
                 "--out", str(target)]) == 0
    ws = openpyxl.load_workbook(target)["月度汇总"]
    assert [ws.cell(r, 1).value for r in (3, 4)] == ["RK0201", "RK0202"]
    assert ws.cell(3, 4).value == "138****5678"  # masked without --unmasked
    pdf = tmp_path / "att.pdf"
    assert main(["export", "attendance", "--db", str(db_path), "--from", "2026-11-01",
                 "--to", "2026-11-15", "--out", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(("args", "says"), [
    (["--out", "x.xlsx"], "--month"),
    (["--month", "2026-13", "--out", "x.xlsx"], "YYYY-MM"),
    (["--month", "2026-11", "--out", "x.txt"], ".xlsx 或 .pdf"),
    (["--from", "2026-11-10", "--to", "2026-11-01", "--out", "x.xlsx"], "早于"),
])
def test_bad_export_arguments_exit_2(cli_hall, db_path, capsys, args, says):
    assert main(["export", "attendance", "--db", str(db_path), *args]) == 2
    assert says in capsys.readouterr().err


def test_teller_may_not_import(cli_hall, db_path, tmp_path, monkeypatch, capsys):
    from hallmanager.domain.roles import Role
    from tests.conftest import login_as

    login_as(cli_hall, "admin", ADMIN_PASSWORD)
    add_user(cli_hall, "t9", Role.TELLER, "营业员九", "RK0909")
    login_as(cli_hall, "t9")
    cli_hall.auth.change_password(USER_PASSWORD, USER_PASSWORD)
    cli_hall.auth.logout()
    monkeypatch.setenv("HALLMANAGER_USER", "t9")
    monkeypatch.setenv("HALLMANAGER_PASSWORD", USER_PASSWORD)
    staff = tmp_path / "staff.csv"
    staff.write_text(STAFF_CSV, encoding="utf-8")
    assert main(["import", "staff", "--db", str(db_path), "--file", str(staff)]) == 1
    assert "权限" in capsys.readouterr().err
