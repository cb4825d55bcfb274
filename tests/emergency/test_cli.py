"""``hallmanager export incidents`` and ``hallmanager print incident`` (one real subprocess each):
one row per run with its id, the report's text, the role rules, bad arguments (exit 2)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import openpyxl
import pypdf
import pytest

from tests.conftest import USER_PASSWORD, login_as, run_cli
from tests.emergency.conftest import plan_id


@pytest.fixture(autouse=True)
def _fast_hash(fast_cli_hash):
    """Cheaper Argon2id for the in-process command lines (the real process keeps its cost)."""


def cli(db_path: Path, user: str, *args: str,
        process: bool = False) -> subprocess.CompletedProcess[str]:
    """The command line on the test's file; ``process``: a real ``python -m hallmanager``
    subprocess, else the same ``main`` in this process."""
    env = {**os.environ, "HALLMANAGER_USER": user, "HALLMANAGER_PASSWORD": USER_PASSWORD}
    return run_cli([*args, "--db", str(db_path)], env, process=process)


@pytest.fixture
def cli_hall(em_hall):
    """张值班 and the teller have set their own passwords (a temporary one cannot log in from
    the command line); 张值班 at the desk."""
    for user in ("t1", "zhang"):
        login_as(em_hall, user)
        em_hall.auth.change_password(USER_PASSWORD, USER_PASSWORD)
    return em_hall


@pytest.fixture
def runs(cli_hall, clock):
    em_hall = cli_hall
    em = em_hall.emergency
    out = []
    for key, drill in (("fire", True), ("power_cut", False)):
        r = em.start_run(plan_id(em_hall, key), drill=drill)
        if key == "power_cut":
            em.add_paper(r.id, customer_name="王小明", number="13812345678", business="缴费",
                         amount="88.50")
        for s in r.steps:
            clock.advance(seconds=30)
            em.check_step(r.id, s.position)
        if key == "fire":
            em.finish(r.id, cause="季度演练")
        out.append(em.run(r.id))
    em_hall.auth.logout()
    return out


def test_export_incidents_one_row_per_run(runs, db_path, tmp_path):
    out = tmp_path / "应急.xlsx"
    p = cli(db_path, "zhang", "export", "incidents", "--from", "2026-11-01", "--to",
            "2026-11-30", "--out", str(out), process=True)
    assert p.returncode == 0, p.stderr
    wb = openpyxl.load_workbook(out)
    ws = wb["应急事件"]
    assert ws.cell(2, 1).value == "编号"
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3)]
    assert [(r[0], r[1], r[3]) for r in rows] == [(runs[0].id, "火灾", "演练"),
                                                  (runs[1].id, "营业厅停电", "真实事件")]
    assert rows[1][6] == "进行中" and rows[0][13] == "季度演练"
    papers = [[c.value for c in r] for r in wb["纸质登记"].iter_rows(min_row=3)]
    assert papers[0][:3] == [runs[1].id, "王**", "138****5678"]
    assert str(papers[0][4]) == "88.5"
    # again without --force: refused, file untouched
    p = cli(db_path, "zhang", "export", "incidents", "--from", "2026-11-01", "--to",
            "2026-11-30", "--out", str(out))
    assert p.returncode == 1 and "已存在" in p.stderr


def test_print_incident(runs, db_path, tmp_path):
    out = tmp_path / "事件.pdf"
    p = cli(db_path, "zhang", "print", "incident", "--id", str(runs[0].id), "--out", str(out),
            process=True)
    assert p.returncode == 0, p.stderr
    text = "".join(pg.extract_text() for pg in pypdf.PdfReader(out).pages).replace(" ", "")
    for s in runs[0].steps:
        assert f"{s.at:%Y-%m-%d%H:%M:%S}" in text.replace("\n", "")
    assert "火灾" in text and "季度演练" in text
    p = cli(db_path, "t1", "print", "incident", "--id", str(runs[0].id), "--out",
            str(tmp_path / "t.pdf"))
    assert p.returncode == 1 and "无权" in p.stderr and not (tmp_path / "t.pdf").exists()
    p = cli(db_path, "zhang", "print", "incident", "--id", "999", "--out",
            str(tmp_path / "x.pdf"))
    assert p.returncode == 1 and "找不到第 999 号" in p.stderr


@pytest.mark.parametrize("args", [
    ("export", "incidents", "--from", "2026-11-31", "--to", "2026-11-30", "--out", "a.xlsx"),
    ("export", "incidents", "--from", "2026-11-30", "--to", "2026-11-01", "--out", "a.xlsx"),
    ("export", "incidents", "--from", "2026-11-01", "--to", "2026-11-30", "--out", "a.pdf"),
    ("print", "incident", "--id", "1", "--out", "a.xlsx"),
])
def test_bad_arguments_exit_2(cli_hall, db_path, tmp_path, args):
    args = tuple(str(tmp_path / a) if a.startswith("a.") else a for a in args)
    p = cli(db_path, "zhang", *args)
    assert p.returncode == 2, (p.stdout, p.stderr)
