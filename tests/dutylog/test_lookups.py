"""Lookups kept for a transaction (roster, shifts, settings) never outlive what they show:
in one long transaction (the demo's batch) a view built after a shift or the settings
changed shows the change, and a new transaction starts afresh."""

from __future__ import annotations

import datetime as dt

from hallmanager.app import build_services
from hallmanager.domain.roles import Role
from hallmanager.services.dutylog.rows import (
    Cache,
    load_log,
    log_view,
    log_warnings,
    warnings_for,
)
from hallmanager.storage.database import BatchDatabase
from hallmanager.storage.dutylog import repository as log_repo
from tests.conftest import ADMIN_PASSWORD, USER_PASSWORD, login_as

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


def _both(desk, log_id):
    """The sign-off warnings read row by row, and as the whole view gives them."""
    with desk.ctx.db.read() as s:
        log = load_log(s, log_id)
        return (log_warnings(s, log, Cache(s)),
                warnings_for(log_view(s, log, Cache(s), desk.ctx.clock)))


def test_sign_off_warnings_without_the_view_are_the_views(desk, sid, clock):
    clock.set(dt.datetime(2026, 11, 22, 14, 10))
    early = desk.dutylog.create_log(D, sid["早班"])
    desk.dutylog.add_handover_item(early.id, "保险柜钥匙已交李经理")
    desk.dutylog.add_handover_item(early.id, "打印机色带将用完")
    desk.dutylog.sign(early.id, USER_PASSWORD, confirm_warnings=True)
    login_as(desk, "li")
    clock.set(dt.datetime(2026, 11, 22, 14, 20))
    late = desk.dutylog.create_log(D, sid["晚班"])
    desk.dutylog.acknowledge_handover(late.handover_in[0].id, late.id)
    i = late.inspections
    desk.dutylog.set_inspection(late.id, i[0].category, i[0].item, False)
    desk.dutylog.set_inspection(late.id, i[1].category, i[1].item, False, "已报修")
    desk.dutylog.update_draft(late.id, meeting_minutes=25, served_count=50, customer_flow=10)
    desk.dutylog.check_item(late.checklist[0].id)
    rows, view = _both(desk, late.id)
    assert rows == view
    assert len(rows) >= 5 and any("交接事项" in w for w in rows)
    assert any("有问题但未写明" in w for w in rows)
    assert rows == desk.dutylog.signoff_warnings(late.id)
    clock.set(dt.datetime(2026, 11, 22, 22, 0))
    desk.dutylog.sign(late.id, USER_PASSWORD, confirm_warnings=True)
    login_as(desk, "admin", ADMIN_PASSWORD)
    desk.dutylog.amend(late.id, "weather", "晴", "补填天气", ADMIN_PASSWORD)
    rows, view = _both(desk, late.id)
    assert rows == view and not any("天气" in w for w in rows)
