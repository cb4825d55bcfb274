"""``hallmanager import complaints`` and ``export complaints`` run as real commands (a
subprocess on the test's database file), logged in as a duty manager: bad rows named with
their row numbers and nothing imported, re-import adds nothing, the workbook masked and
charted, the statistics PDF, the role rules, every run audited ``via: cli``."""

from __future__ import annotations

import datetime as dt
import json
import os

import openpyxl
import pypdf
import pytest
from sqlalchemy import func, select

from hallmanager.domain.roles import Role
from hallmanager.storage.complaints.models import Complaint
from hallmanager.storage.models import AuditEntry
from tests.conftest import ADMIN_PASSWORD, USER_PASSWORD, add_user, login_as, run_cli

HEADERS = ("工单号", "受理时间", "客户姓名", "联系电话", "投诉类别", "问题描述", "客户诉求")


@pytest.fixture(autouse=True)
def _fast_hash(fast_cli_hash):
    """Cheaper Argon2id for the in-process command lines (the real process keeps its cost)."""


def _cli(db_path, *args, user="zhang", password=USER_PASSWORD, process=False):
    """The command line on the test's file; ``process``: a real ``python -m hallmanager``
    subprocess (one per kind of run), else the same ``main`` in this process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HALLMANAGER_")}
    env.update(HALLMANAGER_ANCHOR_DIR=os.environ["HALLMANAGER_ANCHOR_DIR"],
               HALLMANAGER_USER=user, HALLMANAGER_PASSWORD=password)
    return run_cli([*args, "--db", str(db_path)], env, process=process)


@pytest.fixture
def cli_desk(desk):
    """zhang (duty manager) with a password of her own; nobody logged in at the desk."""
    desk.auth.change_password(USER_PASSWORD, USER_PASSWORD)
    desk.auth.logout()
    return desk


def _orders(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(HEADERS))
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


def _order(no, phone="13900138000", days_ago=1, **kw):
    when = (dt.datetime.now() - dt.timedelta(days=days_ago)).strftime("%Y-%m-%d %H:%M")
    row = {"工单号": no, "受理时间": when, "客户姓名": "李四", "联系电话": phone,
           "投诉类别": "宽带", "问题描述": "宽带晚上掉线", "客户诉求": "尽快修好"}
    row.update(kw)
    return tuple(row[h] for h in HEADERS)


def _count(services) -> int:
    with services.db.read() as s:
        return s.scalar(select(func.count()).select_from(Complaint))


def _audits(services, action):
    with services.db.read() as s:
        return [json.loads(a.after_json) for a in s.scalars(
            select(AuditEntry).where(AuditEntry.action == action,
                                     AuditEntry.entity.like("complaint%"),
                                     AuditEntry.entity_id.is_(None))  # the file's entry
            .order_by(AuditEntry.id))]


def test_import_bad_rows_named_nothing_imported_then_good_file_and_again(cli_desk, db_path,
                                                                        tmp_path):
    bad = _orders(tmp_path / "bad.xlsx", [
        _order("GD1"), _order("GD2", phone="12345"), _order("GD3"),
        _order("GD4", 投诉类别="天气"), _order("GD1", phone="13900138001")])
    res = _cli(db_path, "import", "complaints", "--file", str(bad), process=True)
    assert res.returncode == 1, res.stderr
    assert "3 行有误，未导入任何工单" in res.stderr
    assert "第 3 行 / row 3: 联系电话不正确" in res.stderr
    assert "第 5 行 / row 5: 投诉类别须为" in res.stderr
    assert "第 6 行 / row 6: 工单号 GD1 与第 2 行重复" in res.stderr
    assert "Traceback" not in res.stderr and _count(cli_desk) == 0

    good = _orders(tmp_path / "good.xlsx", [_order("GD1"), _order("GD2", "13900138001"),
                                            _order("GD3", "139 0013 8000", days_ago=0)])
    res = _cli(db_path, "import", "complaints", "--file", str(good))
    assert res.returncode == 0, res.stderr
    assert "读取 3 行，新增 3 条，已导入过 0 条" in res.stdout
    assert _count(cli_desk) == 3
    res = _cli(db_path, "import", "complaints", "--file", str(good))
    assert res.returncode == 0 and "新增 0 条，已导入过 3 条" in res.stdout
    assert _count(cli_desk) == 3
    audits = _audits(cli_desk, "import")
    assert [(a["added"], a["skipped"], a["via"]) for a in audits] == [(3, 0, "cli"),
                                                                      (0, 3, "cli")]
    assert "os_user" in audits[0]


def test_export_workbook_and_statistics_pdf(cli_desk, db_path, tmp_path):
    _cli(db_path, "import", "complaints", "--file",
         str(_orders(tmp_path / "o.xlsx", [_order("GD1"), _order("GD2", "13900138001")])))
    today = dt.date.today()
    since = (today - dt.timedelta(days=40)).isoformat()
    out = tmp_path / "投诉.xlsx"
    res = _cli(db_path, "export", "complaints", "--from", since, "--to", today.isoformat(),
               "--out", str(out))
    assert res.returncode == 0, res.stderr
    wb = openpyxl.load_workbook(out)
    rows = list(wb["投诉清单"].iter_rows(min_row=3, values_only=True))
    assert sorted(r[2] for r in rows) == ["GD1", "GD2"]
    assert {r[5] for r in rows} == {"139****8000", "139****8001"}
    assert len(wb["投诉统计"]._charts) == 3
    assert "命令行" in wb["投诉清单"].oddFooter.left.text
    # an existing file is kept unless --force
    res = _cli(db_path, "export", "complaints", "--from", since, "--to", today.isoformat(),
               "--out", str(out))
    assert res.returncode == 1 and "文件已存在" in res.stderr
    pdf = tmp_path / "统计.pdf"
    res = _cli(db_path, "export", "complaints", "--from", since, "--to", today.isoformat(),
               "--out", str(pdf), process=True)
    assert res.returncode == 0, res.stderr
    text = "".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages)
    assert "投诉统计" in text and "按月汇总" in text
    assert [a["via"] for a in _audits(cli_desk, "export")] == ["cli"]
    assert [a["via"] for a in _audits(cli_desk, "print")] == ["cli"]


def test_roles_on_the_command_line(cli_desk, db_path, tmp_path):
    today = dt.date.today().isoformat()
    res = _cli(db_path, "export", "complaints", "--from", today, "--to", today, "--out",
               str(tmp_path / "full.xlsx"), "--unmasked")
    assert res.returncode == 1 and "权限" in res.stderr  # a duty manager: masked only
    assert not (tmp_path / "full.xlsx").exists()
    login_as(cli_desk, "admin", ADMIN_PASSWORD)
    add_user(cli_desk, "t9", Role.TELLER, "营业员九", "RK0909")
    login_as(cli_desk, "t9")
    cli_desk.auth.change_password(USER_PASSWORD, USER_PASSWORD)
    cli_desk.auth.logout()
    f = _orders(tmp_path / "o.xlsx", [_order("GD1")])
    res = _cli(db_path, "import", "complaints", "--file", str(f), user="t9")
    assert res.returncode == 1 and "权限" in res.stderr and _count(cli_desk) == 0
    res = _cli(db_path, "export", "complaints", "--from", today, "--to", today, "--out",
               str(tmp_path / "t.xlsx"), user="t9")
    assert res.returncode == 1 and "权限" in res.stderr
    res = _cli(db_path, "export", "complaints", "--from", today, "--to", today, "--out",
               str(tmp_path / "full.xlsx"), "--unmasked", user="admin", password=ADMIN_PASSWORD)
    assert res.returncode == 0, res.stderr
    assert _audits(cli_desk, "export")[-1]["unmasked"] is True


@pytest.mark.parametrize(("args", "says"), [
    (["--from", "2026-11-10", "--to", "2026-11-01", "--out", "x.xlsx"], "早于"),
    (["--from", "2026-02-30", "--to", "2026-03-01", "--out", "x.xlsx"], "日期错误"),
    (["--from", "2026-11-01", "--to", "2026-11-10", "--out", "x.txt"], ".xlsx"),
    (["--from", "2026-11-01", "--to", "2026-11-10", "--out", "x.pdf", "--unmasked"], "PDF"),
])
def test_bad_export_arguments_exit_2(cli_desk, db_path, tmp_path, args, says):
    res = _cli(db_path, "export", "complaints", *args)
    assert res.returncode == 2 and says in res.stderr


def test_import_needs_an_existing_xlsx(cli_desk, db_path, tmp_path):
    res = _cli(db_path, "import", "complaints", "--file", str(tmp_path / "none.xlsx"))
    assert res.returncode == 1 and "文件不存在" in res.stderr
    csv = tmp_path / "o.csv"
    csv.write_text("工单号\n", encoding="utf-8")
    res = _cli(db_path, "import", "complaints", "--file", str(csv))
    assert res.returncode == 2 and ".xlsx" in res.stderr
