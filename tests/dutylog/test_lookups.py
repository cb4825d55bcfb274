"""Lookups kept for a transaction (roster, shifts, settings) never outlive what they show:
in one long transaction (the demo's batch) a view built after a shift or the settings
changed shows the change, and a new transaction starts afresh."""

from __future__ import annotations

import datetime as dt

from hallmanager.app import build_services
from hallmanager.domain.roles import Role
from hallmanager.storage.database import BatchDatabase
from hallmanager.storage.dutylog import repository as log_repo
from tests.conftest import ADMIN_PASSWORD

D = dt.date(2026, 11, 22)


def test_changes_inside_one_transaction_reach_the_next_view(hall, sid, clock):
    batch = BatchDatabase(hall.ctx.db)
    svc = build_services(batch, clock, fast_hash=True)
    svc.auth.login("admin", ADMIN_PASSWORD)
    with batch.batch():
        log = svc.dutylog.create_log(D, sid["早班"])
        assert log.shift_name == "早班" and log.meeting.limit_minutes == 15
        assert svc.dutylog.signoff_warnings(log.id)
        svc.settings.save_shift(shift_id=sid["早班"], name="白班", start=log.shift_start,
                                end=log.shift_end)
        cur = svc.dutylog.save_settings(meeting_limit_minutes=20, due_soon_minutes=30,
                                        inspection_items=[("营业环境", "地面整洁")])
        again = svc.dutylog.get_log(log.id)
        assert again.shift_name == "白班"
        assert again.meeting.limit_minutes == cur.meeting_limit_minutes == 20
        entry = again.checklist[0]
        assert svc.dutylog.check_item(entry.id).status.value == "done"
        manager = svc.auth.create_user(username="wang", full_name="王值班",
                                       role=Role.DUTY_MANAGER, password="Wang2026pass")
        svc.dutylog.set_duty_manager(log.id, manager.id)
        assert svc.dutylog.get_log(log.id).duty_manager.name == "王值班"
    # committed; the desk's own transactions see the same
    assert hall.dutylog.get_log(log.id).shift_name == "白班"


def test_the_memo_belongs_to_one_transaction(hall):
    db = hall.ctx.db
    with db.read() as s:
        memo = log_repo.lookup_memo(s)
        memo["x"] = 1
        assert log_repo.lookup_memo(s) is memo
    with db.read() as s:
        assert "x" not in log_repo.lookup_memo(s)
