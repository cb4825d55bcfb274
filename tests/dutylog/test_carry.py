"""Hand-over items and equipment faults carried across shifts and dates."""

from __future__ import annotations

import datetime as dt

import pytest

from hallmanager.domain.dutylog import FaultStatus
from hallmanager.domain.errors import Conflict, ReadOnlyRecord, ValidationError
from tests.conftest import USER_PASSWORD, login_as

D = dt.date(2026, 11, 22)
D2 = D + dt.timedelta(days=1)
D3 = D + dt.timedelta(days=2)
D4 = D + dt.timedelta(days=3)






def test_handover_goes_to_next_shift_and_is_acknowledged(desk, sid, clock):
    clock.set(dt.datetime(2026, 11, 22, 14, 10))
    early = desk.dutylog.create_log(D, sid["早班"])
    item = desk.dutylog.add_handover_item(early.id, "保险柜钥匙已交李经理")
    assert (item.target_date, item.target_shift_name) == (D, "晚班")
    desk.dutylog.sign(early.id, USER_PASSWORD, confirm_warnings=True)

    login_as(desk, "li")
    clock.set(dt.datetime(2026, 11, 22, 14, 20))
    late = desk.dutylog.create_log(D, sid["晚班"])
    assert [h.text for h in late.handover_in] == ["保险柜钥匙已交李经理"]
    assert late.unacked_in and any("交接事项" in w for w in desk.dutylog.signoff_warnings(late.id))
    acked = desk.dutylog.acknowledge_handover(item.id, late.id)
    assert acked.acknowledged and acked.ack_by.name == "李值班" and acked.ack_at == clock.now()
    assert acked.ack_log_id == late.id
    with pytest.raises(Conflict):
        desk.dutylog.acknowledge_handover(item.id, late.id)
    view = desk.dutylog.get_log(late.id)
    assert view.handover_in[0].acknowledged and not view.unacked_in
    # the outgoing log shows the acknowledgement on its (signed) hand-over list
    out = desk.dutylog.get_log(early.id).handover_out[0]
    assert out.acknowledged and out.ack_by.name == "李值班"
    # an acknowledged item is final for its author
    with pytest.raises((ReadOnlyRecord, Conflict)):
        desk.dutylog.remove_handover_item(item.id)


def test_last_shift_hands_over_to_next_days_first(desk, sid, clock):
    clock.set(dt.datetime(2026, 11, 22, 19, 0))
    late = desk.dutylog.create_log(D, sid["晚班"])
    item = desk.dutylog.add_handover_item(late.id, "明早宽带装维人员来取光猫")
    assert (item.target_date, item.target_shift_name) == (D2, "早班")


def test_unacknowledged_items_stay_visible_until_acknowledged(desk, sid, clock):
    clock.set(dt.datetime(2026, 11, 22, 13, 0))
    early = desk.dutylog.create_log(D, sid["早班"])
    item = desk.dutylog.add_handover_item(early.id, "客户王先生 16:00 来取发票")
    clock.set(dt.datetime(2026, 11, 22, 14, 0))
    late = desk.dutylog.create_log(D, sid["晚班"])
    desk.dutylog.sign(late.id, USER_PASSWORD, confirm_warnings=True)  # forgot to acknowledge
    clock.set(dt.datetime(2026, 11, 23, 8, 0))
    next_day = desk.dutylog.create_log(D2, sid["早班"])
    assert [h.id for h in next_day.unacked_in] == [item.id]
    # cannot be acknowledged from a log before its target shift, nor from the sender's log
    with pytest.raises(ValidationError):
        desk.dutylog.acknowledge_handover(item.id, early.id)
    with pytest.raises(ReadOnlyRecord):
        desk.dutylog.acknowledge_handover(item.id, late.id)  # signed log
    desk.dutylog.acknowledge_handover(item.id, next_day.id)
    # the late shift's log still shows the item, acknowledged later by the next day
    late_view = desk.dutylog.get_log(late.id)
    assert [h.id for h in late_view.handover_in] == [item.id]
    assert late_view.handover_in[0].ack_log_id == next_day.id
    assert desk.dutylog.pending_handover() == []
    # a later log no longer carries it
    clock.set(dt.datetime(2026, 11, 23, 14, 0))
    assert desk.dutylog.create_log(D2, sid["晚班"]).handover_in == ()


def test_item_for_a_later_shift_cannot_be_acknowledged_early(desk, sid, clock):
    clock.set(dt.datetime(2026, 11, 22, 15, 0))
    early = desk.dutylog.create_log(D, sid["早班"])
    late = desk.dutylog.create_log(D, sid["晚班"])
    item = desk.dutylog.add_handover_item(late.id, "明早盘点充值卡")
    with pytest.raises(ValidationError):
        desk.dutylog.acknowledge_handover(item.id, early.id)
    with pytest.raises(ValidationError):
        desk.dutylog.acknowledge_handover(item.id, late.id)


def test_handover_text_required_and_editable_in_draft(desk, sid):
    log = desk.dutylog.create_log(D, sid["早班"])
    with pytest.raises(ValidationError):
        desk.dutylog.add_handover_item(log.id, "  ")
    item = desk.dutylog.add_handover_item(log.id, "a")
    assert desk.dutylog.update_handover_item(item.id, "b").text == "b"
    desk.dutylog.remove_handover_item(item.id)
    assert desk.dutylog.get_log(log.id).handover_out == ()


def test_fault_carries_forward_until_repaired(desk, sid, clock):
    clock.set(dt.datetime(2026, 11, 22, 10, 0))
    day1 = desk.dutylog.create_log(D, sid["早班"])
    fault = desk.dutylog.report_fault(what="2号排队叫号机不出票", location="大厅入口",
                                      since=dt.datetime(2026, 11, 22, 9, 40), log_id=day1.id)
    assert fault.status == FaultStatus.OPEN and fault.status_label == "未报修"
    assert [f.id for f in desk.dutylog.get_log(day1.id).faults] == [fault.id]
    desk.dutylog.sign(day1.id, USER_PASSWORD, confirm_warnings=True)

    clock.set(dt.datetime(2026, 11, 22, 15, 0))
    with pytest.raises(ValidationError):
        desk.dutylog.update_fault(fault.id, status=FaultStatus.REPORTED, reported_to="")
    reported = desk.dutylog.mark_fault_reported(fault.id, "市公司运维 刘工")
    assert reported.reported_at == clock.now() and reported.status_label == "已报修"
    for day, shift in ((D, "晚班"), (D2, "早班"), (D2, "晚班"), (D3, "早班")):
        clock.set(dt.datetime.combine(day, dt.time(13, 0)))
        view = desk.dutylog.open_log(day, sid[shift])
        assert [f.id for f in view.faults] == [fault.id], (day, shift)
    # repaired on day 3 at 15:00: the day-3 late shift still shows it, day 4 no longer
    clock.set(dt.datetime(2026, 11, 24, 15, 30))
    repaired = desk.dutylog.mark_fault_repaired(fault.id, dt.datetime(2026, 11, 24, 15, 0),
                                                "更换出票模块")
    assert repaired.status == FaultStatus.REPAIRED and not repaired.is_open
    assert [f.id for f in desk.dutylog.open_log(D3, sid["晚班"]).faults] == [fault.id]
    clock.set(dt.datetime(2026, 11, 25, 9, 0))
    assert desk.dutylog.open_log(D4, sid["早班"]).faults == ()
    assert desk.dutylog.open_faults() == []
    with pytest.raises(ReadOnlyRecord):
        desk.dutylog.update_fault(fault.id, note="再改")
    # the signed day-1 log still prints the fault as it was when signed
    signed = desk.dutylog.get_log(day1.id)
    assert signed.faults[0].status == FaultStatus.OPEN


def test_fault_validation(desk, clock):
    with pytest.raises(ValidationError):
        desk.dutylog.report_fault(what="", location="")
    with pytest.raises(ValidationError):
        desk.dutylog.report_fault(what="POS 机", since=clock.now() + dt.timedelta(hours=1))
    with pytest.raises(ValidationError):
        desk.dutylog.report_fault(what="POS 机", status="repaired")
    f = desk.dutylog.report_fault(what="POS 机", status="reported", reported_to="银联",
                                  reported_at=clock.now())
    assert [x.id for x in desk.dutylog.open_faults()] == [f.id]
    with pytest.raises(ValidationError):
        desk.dutylog.mark_fault_repaired(f.id, clock.now() - dt.timedelta(days=1))


def test_only_the_incoming_duty_manager_acknowledges(desk, sid, clock):
    clock.set(dt.datetime(2026, 11, 22, 14, 10))
    early = desk.dutylog.create_log(D, sid["早班"])
    item = desk.dutylog.add_handover_item(early.id, "钥匙交接")
    login_as(desk, "li")
    late = desk.dutylog.create_log(D, sid["晚班"])
    login_as(desk, "zhang")  # the outgoing manager cannot confirm on the incoming one's behalf
    from hallmanager.domain.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        desk.dutylog.acknowledge_handover(item.id, late.id)
    login_as(desk, "li")
    assert desk.dutylog.acknowledge_handover(item.id, late.id).ack_by.name == "李值班"


def test_incoming_items_query_uses_indexes_not_the_whole_history(desk, sid):
    """The incoming list is looked up through indexes (target date, acknowledgement, log
    date), so opening a log costs the same after five years as after five days."""
    from hallmanager.storage.dutylog.repository import handover_candidates_statement

    with desk.db.read() as s:
        stmt = handover_candidates_statement(1, D)
        sql = stmt.compile(s.get_bind(), compile_kwargs={"literal_binds": True})
        plan = [r[-1] for r in s.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")]
    scans = [p for p in plan if p.startswith("SCAN") and "INDEX" not in p
             and "SUBQUERY" not in p and "COMPOUND" not in p]
    assert scans == [], plan
    assert not any("target_date<" in p for p in plan), plan  # no walk over past items
