"""GIVEN a process autosaving a draft log WHEN it is killed (SIGKILL) mid-stream THEN the
database is intact, a signed log is unchanged and the draft holds the last committed value."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from hallmanager.app import build_services
from hallmanager.domain.clock import ManualClock
from hallmanager.domain.roles import Role
from hallmanager.storage.database import open_database, sqlite_url
from tests.conftest import ADMIN_PASSWORD, USER_PASSWORD, add_user, login_as

ROOT = Path(__file__).resolve().parents[1]

CHILD = textwrap.dedent("""
    import datetime as dt, sys
    from hallmanager.app import build_services
    from hallmanager.domain.clock import ManualClock
    from hallmanager.storage.database import open_database, sqlite_url

    path, log_id, password = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    db = open_database(sqlite_url(path), backup=False)
    sv = build_services(db, ManualClock(dt.datetime(2026, 11, 22, 9, 0)), fast_hash=True)
    sv.auth.login("zhang", password)
    i = 0
    while True:
        i += 1
        sv.dutylog.update_draft(log_id, customer_flow=i, business_notes=f"第 {i} 次自动保存",
                                staff_on_duty=[1, 2] if i % 2 else [2])
        print(i, flush=True)  # printed only after the transaction committed
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_kill_during_autosave_keeps_database_consistent(tmp_path):
    path = tmp_path / "hall.sqlite"
    db = open_database(sqlite_url(path))
    clock = ManualClock(dt.datetime(2026, 11, 21, 14, 0))
    sv = build_services(db, clock, fast_hash=True)
    sv.auth.setup(hall_name="测试厅", hall_code="T1", username="admin", full_name="王厅长",
                  password=ADMIN_PASSWORD)
    sv.auth.login("admin", ADMIN_PASSWORD)
    add_user(sv, "zhang", Role.DUTY_MANAGER, "张值班", "RK0011")
    login_as(sv, "zhang")
    shifts = {s.name: s.id for s in sv.settings.shifts()}
    signed = sv.dutylog.create_log(dt.date(2026, 11, 21), shifts["晚班"])
    sv.dutylog.update_draft(signed.id, weather="大风", customer_flow=321,
                            opinions="客户建议增加座椅")
    sv.dutylog.add_handover_item(signed.id, "备用金已入保险柜")
    clock.set(dt.datetime(2026, 11, 21, 20, 40))
    sv.dutylog.sign(signed.id, USER_PASSWORD, confirm_warnings=True)
    clock.set(dt.datetime(2026, 11, 22, 8, 0))
    draft = sv.dutylog.create_log(dt.date(2026, 11, 22), shifts["早班"])
    before = sv.dutylog.get_log(signed.id)
    sv.auth.logout()
    db.dispose()

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(draft.id), USER_PASSWORD],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    printed: list[int] = []
    deadline = time.monotonic() + 60
    try:
        while len(printed) < 25:
            line = child.stdout.readline()
            if not line:
                pytest.fail(f"child ended early: {child.stderr.read()}")
            printed.append(int(line))
            assert time.monotonic() < deadline, "child too slow"
    finally:
        child.send_signal(signal.SIGKILL)
        rest, _err = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL
    printed += [int(x) for x in rest.split()]
    last = printed[-1]

    # the killed program's lock file is left behind: inspect without taking the lock
    db2 = open_database(sqlite_url(path), lock=False, backup=False)
    try:
        sv2 = build_services(db2, ManualClock(dt.datetime(2026, 11, 22, 9, 30)), fast_hash=True)
        with db2.read() as s:
            assert [r[0] for r in s.connection().exec_driver_sql("PRAGMA integrity_check")] == ["ok"]
        assert sv2.maintenance.check() == []
        sv2.auth.login("admin", ADMIN_PASSWORD)
        after = sv2.dutylog.get_log(signed.id)
        assert after == before
        assert after.effective.customer_flow == 321 and after.signed
        value = sv2.dutylog.get_log(draft.id).original
        # printed after commit: the committed value is the last printed one, or at most the
        # one whose commit landed just before the kill, never a torn mixture
        assert value.customer_flow in (last, last + 1)
        assert value.business_notes == f"第 {value.customer_flow} 次自动保存"
        assert value.staff_on_duty == ((1, 2) if value.customer_flow % 2 else (2,))
    finally:
        db2.dispose()
