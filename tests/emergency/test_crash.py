"""GIVEN a run being worked through in another process WHEN that process is killed with
SIGKILL mid-way THEN after a restart the run is still open with every checked step (time and
person), the tab reopens it where it was, and it can be continued and finished."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from hallmanager.app import build_services
from hallmanager.domain.clock import ManualClock
from hallmanager.domain.emergency.rules import StepState
from hallmanager.domain.roles import Role
from hallmanager.storage.database import open_database, sqlite_url
from tests.conftest import ADMIN_PASSWORD, USER_PASSWORD, add_user, login_as

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent("""
    import datetime as dt, sys
    from hallmanager.app import build_services
    from hallmanager.domain.clock import ManualClock
    from hallmanager.storage.database import open_database, sqlite_url

    path, password = sys.argv[1], sys.argv[2]
    db = open_database(sqlite_url(path), backup=False)
    clock = ManualClock(dt.datetime(2026, 11, 22, 10, 0))
    sv = build_services(db, clock, fast_hash=True)
    sv.auth.login("zhang", password)
    em = sv.emergency
    plan = next(p for p in em.plans() if p.key == "power_cut")
    run = em.start_run(plan.id, drill=False)
    print("run", run.id, flush=True)
    for step in run.steps:
        sys.stdin.readline()  # the parent says when to tick the next step
        clock.advance(seconds=30)
        if step.position == 2:
            em.skip_step(run.id, 2, "应急灯已自动亮起")
        else:
            em.check_step(run.id, step.position)
        if step.position == 3:
            em.add_paper(run.id, customer_name="王小明", number="13812345678", business="缴费")
        print("step", step.position, flush=True)  # printed only after the commit
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_run_killed_mid_way_continues_after_restart(tmp_path, qtbot):
    path = tmp_path / "hall.sqlite"
    db = open_database(sqlite_url(path))
    sv = build_services(db, ManualClock(dt.datetime(2026, 11, 22, 9, 0)), fast_hash=True)
    sv.auth.setup(hall_name="测试厅", hall_code="T1", username="admin", full_name="王厅长",
                  password=ADMIN_PASSWORD)
    sv.auth.login("admin", ADMIN_PASSWORD)
    add_user(sv, "zhang", Role.DUTY_MANAGER, "张值班", "RK0011")
    sv.auth.logout()
    db.dispose()

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), USER_PASSWORD],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        head = child.stdout.readline().split()
        assert head[:1] == ["run"], child.stderr.read()
        run_id = int(head[1])
        for n in range(1, 5):
            child.stdin.write("go\n")
            child.stdin.flush()
            assert child.stdout.readline().split() == ["step", str(n)]
    finally:
        child.send_signal(signal.SIGKILL)  # waiting for its 5th step: killed mid-run
        child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL

    # restart: the killed program's lock is left behind
    db2 = open_database(sqlite_url(path), lock=False, backup=False)
    clock = ManualClock(dt.datetime(2026, 11, 22, 10, 5))
    try:
        sv2 = build_services(db2, clock, fast_hash=True)
        login_as(sv2, "zhang")
        assert sv2.maintenance.check() == []
        run = sv2.emergency.run(run_id)
        assert run.open and not run.drill
        assert [s.state for s in run.steps] == [
            StepState.DONE, StepState.SKIPPED, StepState.DONE, StepState.DONE,
            *[StepState.PENDING] * 6]
        assert [s.at for s in run.steps[:4]] == [
            dt.datetime(2026, 11, 22, 10, 0) + dt.timedelta(seconds=30 * k) for k in (1, 2, 3, 4)]
        assert {s.by for s in run.steps[:4]} == {"张值班"}
        assert run.steps[1].skip_reason == "应急灯已自动亮起" and len(run.papers) == 1

        # the tab reopens the open run at its first open step and it goes on by keyboard
        from hallmanager.ui.emergency import EmergencyTab

        tab = EmergencyTab(sv2)
        qtbot.addWidget(tab)
        tab.show()
        tab.refresh()
        assert tab.run_view is not None and tab.run_view.id == run_id
        assert tab.steps_view.currentIndex().row() == 4
        assert tab.elapsed.text() == "已进行 5 分 00 秒"
        for _ in range(6):
            clock.advance(seconds=20)
            qtbot.keyClick(tab.steps_view, Qt.Key.Key_Space)
        tab.papers_view.selectRow(0)
        assert tab.mark_entered()
        done = sv2.emergency.finish(run_id, cause="市电检修")
        assert not done.open and all(s.done for s in done.steps)
    finally:
        db2.dispose()
