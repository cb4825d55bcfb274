"""``hallmanager export cash --from D --to D --out F.xlsx`` as the command line (once as a
real subprocess on the hall's file, else the same ``main`` in-process): money cells are
numbers, the export is audited with ``via: cli`` under the user who logged in, a teller is
refused, bad arguments exit 2."""

from __future__ import annotations

import datetime as dt
import json
import os
from decimal import Decimal

import openpyxl
import pytest

from tests.cash.conftest import PW
from tests.conftest import ADMIN_PASSWORD, USER_PASSWORD, login_as, run_cli

DAY = dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _fast_hash(fast_cli_hash):
    """Cheaper Argon2id for the in-process command lines (the real process keeps its cost)."""


def cli(db_path, *args: str, user: str = "admin", password: str = ADMIN_PASSWORD,
        process: bool = False):
    """``hallmanager export cash`` on the test's file; ``process``: a real subprocess, else
    the same ``main`` in this process."""
    env = {**os.environ, "HALLMANAGER_USER": user, "HALLMANAGER_PASSWORD": password}
    return run_cli(["export", "cash", "--db", str(db_path), *args], env, process=process)


def export_entry(h):
    from sqlalchemy import select

    from hallmanager.storage.models import AuditEntry

    with h.db.read() as s:
        return s.scalar(select(AuditEntry).where(AuditEntry.action == "export")
                        .order_by(AuditEntry.id.desc()).limit(1))


@pytest.fixture
def tills(cash_hall):
    h, p = cash_hall, cash_hall.people
    c = h.cash.start_count(DAY, h.shift_ids["早班"], p["t1"].id, p["zhang"].id,
                           float_amount="200")
    h.cash.save_count(c.id, receivable="100.10", pieces={"note-10000": 3, "coin-10": 2},
                      non_cash={"alipay": "0.2"}, reason_code="change_error", note="=SUM(A1)")
    h.cash.confirm(c.id, "give", PW)
    h.cash.confirm(c.id, "receive", PW)
    h.cash.start_count(DAY - dt.timedelta(days=1), h.shift_ids["晚班"], p["t2"].id,
                       p["li"].id, float_amount="100")
    h.auth.logout()
    return h


def test_export_cash_from_the_command_line(tills, db_path, tmp_path):
    out = tmp_path / "现金.xlsx"
    r = cli(db_path, "--from", "2026-11-21", "--to", "2026-11-22", "--out", str(out),
            process=True)
    assert r.returncode == 0, r.stderr
    assert "已导出现金交接明细" in r.stdout
    wb = openpyxl.load_workbook(out)
    ws = wb["款箱清点"]
    head = [c.value for c in ws[2]]
    body = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    assert [row[head.index("营业员")] for row in body] == ["扎西平措", "格桑拉姆", None]
    total = body[-1]
    assert total[0] == "合计"
    cash = total[head.index("现金")]
    assert isinstance(cash, (int, float)) and Decimal(str(cash)) == Decimal("300.20")
    assert Decimal(str(total[head.index("实收")])) == Decimal("0.40")  # 300.20 − 300 + 0.20
    assert Decimal(str(total[head.index("长短款")])) == Decimal("-99.70")
    note = ws.cell(4, head.index("说明") + 1)
    assert note.value == "=SUM(A1)" and note.data_type == "s"  # text, never a formula
    entry = export_entry(tills)
    after = json.loads(entry.after_json)
    assert (entry.username, entry.action, entry.entity) == ("admin", "export", "till_count")
    assert after["via"] == "cli" and after["counts"] == 2 and after["file"] == out.name
    # never overwritten without --force
    r = cli(db_path, "--from", "2026-11-22", "--to", "2026-11-22", "--out", str(out))
    assert r.returncode == 1
    r = cli(db_path, "--from", "2026-11-22", "--to", "2026-11-22", "--out", str(out),
            "--force")
    assert r.returncode == 0, r.stderr


def test_a_teller_may_not_export(tills, db_path, tmp_path):
    login_as(tills, "t1")
    tills.auth.change_password(USER_PASSWORD, USER_PASSWORD)  # no longer temporary
    tills.auth.logout()
    out = tmp_path / "x.xlsx"
    r = cli(db_path, "--from", "2026-11-22", "--to", "2026-11-22", "--out", str(out),
            user="t1", password=USER_PASSWORD)
    assert r.returncode == 1 and "权限" in r.stderr
    assert not out.exists()


@pytest.mark.parametrize(("args", "says"), [
    (["--from", "2026-11-22", "--to", "2026-11-01", "--out", "x.xlsx"], "早于"),
    (["--from", "2026-02-30", "--to", "2026-03-01", "--out", "x.xlsx"], "不存在"),
    (["--from", "2026-11-01", "--to", "2026-11-02", "--out", "x.pdf"], ".xlsx"),
])
def test_bad_arguments_exit_2_before_logging_in(tills, db_path, tmp_path, args, says):
    r = cli(db_path, *args, password="not-even-checked")
    assert r.returncode == 2 and says in r.stderr


def test_unmasked_export_only_for_the_hall_manager(tills, db_path, tmp_path):
    login_as(tills, "admin", ADMIN_PASSWORD)
    tills.cash.add_movement(DAY, tills.shift_ids["早班"], "8", direction="out",
                            reason="退客户 13812345678 押金")
    tills.auth.logout()

    def reasons(path):
        return [c.value for c in openpyxl.load_workbook(path)["现金存取"]["E"][2:]]

    masked, full = tmp_path / "masked.xlsx", tmp_path / "full.xlsx"
    assert cli(db_path, "--from", "2026-11-22", "--to", "2026-11-22", "--out",
               str(masked)).returncode == 0
    assert reasons(masked) == ["退客户 138****5678 押金"]
    r = cli(db_path, "--from", "2026-11-22", "--to", "2026-11-22", "--out", str(full),
            "--unmasked")
    assert r.returncode == 0, r.stderr
    assert reasons(full) == ["退客户 13812345678 押金"]
    assert json.loads(export_entry(tills).after_json)["unmasked"] is True
