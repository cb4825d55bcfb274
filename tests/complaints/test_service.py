"""The complaint register on a real SQLite file: registration, workflow, deadlines, pauses,
call-backs and closing, repeats, masking, permissions, audit, the append-only timeline."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import sqlalchemy as sa

from hallmanager.domain.complaints.filters import ComplaintFilter
from hallmanager.domain.complaints.rules import (
    CallResult,
    DeadlineRule,
    Satisfaction,
    Source,
    Status,
    Urgency,
)
from hallmanager.domain.errors import DatabaseError, PermissionDenied, ValidationError
from hallmanager.domain.roles import Role
from tests.complaints.conftest import complaint_input
from tests.conftest import add_user, last_audit, login_as


def test_register_numbers_per_day_deadline_and_timeline(cs, clock):
    a = cs.register(complaint_input())
    b = cs.register(complaint_input(phone="13900001111"))
    assert (a.number, b.number) == ("TS20261122-0001", "TS20261122-0002")
    assert a.status == Status.REGISTERED and a.due_at == dt.datetime(2026, 11, 23, 8, 50)
    assert a.handler_name == "张值班"
    assert [(e.action, e.to_status) for e in a.timeline] == [("register", Status.REGISTERED)]
    clock.set(dt.datetime(2026, 11, 23, 10, 0))
    assert cs.register(complaint_input(received_at=clock.now())).number == "TS20261123-0001"


def test_numbers_come_from_the_day_counter_never_from_the_rows(cs, desk):
    """The day's counter, not the rows present, decides the next number, so a number once
    given is not given again even if its row were gone."""
    cs.register(complaint_input())
    with desk.db.write() as s:  # numbers 2–5 given out before (their rows are not here)
        s.execute(sa.text("UPDATE complaint_counter SET last_seq = 5"))
    assert cs.register(complaint_input(phone="13900001111")).number == "TS20261122-0006"
    with desk.db.read() as s:
        assert s.execute(sa.text("SELECT last_seq FROM complaint_counter")).scalar() == 6


@pytest.mark.parametrize("change, message", [
    ({"phone": "12345"}, "联系电话不正确"),
    ({"customer_name": "  "}, "请填写客户姓名"),
    ({"description": ""}, "请填写问题描述"),
    ({"category": "天气"}, "投诉类别须为"),
    ({"received_at": dt.datetime(2026, 11, 23, 9, 0)}, "受理时间不能晚于现在"),
    ({"id_number": "1234"}, "证件号码须为 18 位"),
    ({"source": Source.CALL_CENTER}, "须填写工单号"),
])
def test_register_refuses_bad_input_and_changes_nothing(cs, change, message):
    with pytest.raises(ValidationError, match=message):
        cs.register(complaint_input(**change))
    assert cs.count() == 0


def test_transitions_refused_with_message(cs):
    c = cs.register(complaint_input())
    with pytest.raises(ValidationError, match="不能从“已登记”变为“重新处理”"):
        cs.reopen(c.id, "客户不满意")
    with pytest.raises(ValidationError, match="只有“已答复”的投诉可以回访"):
        cs.call_back(c.id, CallResult.ANSWERED, Satisfaction.SATISFIED)
    with pytest.raises(ValidationError, match="不能从“已登记”变为“已归档”"):
        cs.close(c.id, "x")
    with pytest.raises(ValidationError, match="升级须填写原因"):
        cs.escalate(c.id, "")
    assert cs.get(c.id).status == Status.REGISTERED


def test_full_flow_two_failed_callbacks_then_answered(cs, clock, desk):
    c = cs.register(complaint_input())
    clock.set(clock.now() + dt.timedelta(hours=2))
    c = cs.reply(c.id, "已退还 30 元")
    assert c.status == Status.REPLIED and c.callback_due_at == clock.now() + dt.timedelta(hours=48)
    assert [e.action for e in c.timeline] == ["register", "start", "reply"]
    clock.set(clock.now() + dt.timedelta(hours=20))
    cs.call_back(c.id, CallResult.NO_ANSWER)
    cs.call_back(c.id, CallResult.BUSY)
    with pytest.raises(ValidationError, match="目前 2 次未接通"):
        cs.close(c.id, "")
    with pytest.raises(ValidationError, match="请选择客户满意度"):
        cs.call_back(c.id, CallResult.ANSWERED)
    c = cs.call_back(c.id, CallResult.ANSWERED, Satisfaction.SATISFIED)
    assert c.status == Status.CALLED_BACK and c.satisfaction == Satisfaction.SATISFIED
    c = cs.close(c.id)
    assert c.status == Status.CLOSED and c.closed_at == clock.now()
    assert [e.to_status for e in c.timeline if e.to_status] == [
        Status.REGISTERED, Status.IN_PROGRESS, Status.REPLIED, Status.CALLED_BACK, Status.CLOSED]
    assert len(c.callbacks) == 3 and c.failed_callbacks == 2
    entry = last_audit(desk)
    assert (entry.action, entry.entity, entry.entity_id) == ("close", "complaint", str(c.id))


def test_three_failed_callbacks_close_only_with_a_note(cs, clock):
    c = cs.reply(cs.register(complaint_input()).id, "已处理")
    for r in (CallResult.NO_ANSWER, CallResult.BUSY, CallResult.NO_ANSWER):
        clock.set(clock.now() + dt.timedelta(hours=3))
        cs.call_back(c.id, r)
    with pytest.raises(ValidationError, match="请填写说明"):
        cs.close(c.id, " ")
    c = cs.close(c.id, "已发短信告知结果")
    assert c.status == Status.CLOSED
    assert "回访三次未接通" in [e for e in c.timeline if e.action == "callback"][-1].note


def test_escalate_and_reopen_restart_the_clock(cs, clock):
    c = cs.register(complaint_input())
    c = cs.escalate(c.id, "客户要求找经理")
    assert c.status == Status.ESCALATED and c.escalated
    c = cs.reply(c.id, "经理已当面解释")
    clock.set(clock.now() + dt.timedelta(hours=30))
    c = cs.reopen(c.id, "客户又来电")
    assert c.status == Status.REOPENED and c.due_at == clock.now() + dt.timedelta(hours=24)
    assert c.callback_due_at is None


def test_pause_stops_the_clock_and_resume_moves_the_deadline(cs, clock):
    c = cs.register(complaint_input())
    assert c.due_at == dt.datetime(2026, 11, 23, 8, 50)
    clock.set(dt.datetime(2026, 11, 22, 10, 0))
    c = cs.pause(c.id, "等客户提供缴费凭证")
    assert c.paused and c.due_at is None and c.urgency == Urgency.PAUSED
    with pytest.raises(ValidationError, match="请先恢复计时"):
        cs.reply(c.id, "x")
    clock.set(dt.datetime(2026, 11, 22, 16, 0))
    c = cs.resume(c.id, "凭证已收到")
    assert not c.paused and c.due_at == dt.datetime(2026, 11, 23, 14, 50)
    assert c.pauses[0].end == clock.now()
    assert [e.action for e in c.timeline][-2:] == ["pause", "resume"]


def test_deadline_in_opening_hours_skips_closed_days(cs, desk, clock):
    login_as(desk, "admin", "Admin2026pw")
    st = cs.settings()
    from dataclasses import replace

    cs.save_settings(replace(st, deadlines={**st.deadlines,
                                            Source.ON_SITE: DeadlineRule(12, True)},
                             closed_dates=(dt.date(2026, 11, 23),)))
    clock.set(dt.datetime(2026, 11, 22, 17, 0))
    c = cs.register(complaint_input(received_at=dt.datetime(2026, 11, 22, 16, 30)))
    # 2 h on the 22nd (to 18:30), the 23rd closed, 9.5 h on the 24th, 0.5 h on the 25th
    assert c.due_at == dt.datetime(2026, 11, 25, 9, 30)


def test_regulator_appeal_due_the_same_day(cs):
    c = cs.register(complaint_input(source=Source.REGULATOR, external_no="GXB-1"))
    assert c.due_at == dt.datetime(2026, 11, 22, 18, 30)


@pytest.mark.parametrize("typed", ["+86 138 1234 5678", "138.1234.5678", "0086-13812345678",
                                   "１３８１２３４５６７８", "138 1234 5678"])
def test_repeats_found_however_the_phone_is_typed(cs, clock, typed):
    first = cs.register(complaint_input())
    clock.set(clock.now() + dt.timedelta(days=10))
    again = cs.register(complaint_input(phone=typed, received_at=clock.now()))
    assert again.repeat and again.repeat_of_id == first.id
    assert again.repeat_of_number == first.number
    # and the list finds both by the number in any shape, though it shows them masked
    assert cs.count(ComplaintFilter(phone=typed)) == 2
    assert {r.phone for r in cs.page(ComplaintFilter(phone=typed))} == {"138****5678"}


def test_no_repeat_after_30_days(cs, clock):
    cs.register(complaint_input())
    clock.set(clock.now() + dt.timedelta(days=31))
    assert not cs.register(complaint_input(received_at=clock.now())).repeat


def test_escalation_threat_flagged(cs):
    c = cs.register(complaint_input(request="不解决就投诉到工信部"))
    assert c.escalation_threat
    assert not cs.register(complaint_input(phone="13900001111")).escalation_threat


def test_list_masks_personal_data_and_unmask_is_audited(cs, desk):
    c = cs.register(complaint_input(id_number="11010119900307123X"))
    row = cs.page()[0]
    assert (row.customer_name, row.phone, row.masked) == ("张**", "138****5678", True)
    v = cs.get(c.id)
    assert v.id_number == "110***********123X"
    full = cs.get(c.id, unmasked=True)
    assert (full.customer_name, full.phone, full.id_number) == (
        "张三丰", "13812345678", "11010119900307123X")
    entry = last_audit(desk)
    assert (entry.action, entry.entity_id) == ("unmask", str(c.id))
    assert "13812345678" not in (entry.after_json or "") and "张三丰" not in entry.after_json
    with pytest.raises(PermissionDenied):  # a whole list in full: hall manager only
        cs.page(unmasked=True)


def test_numbers_typed_into_notes_and_reasons_are_masked_in_the_view(cs, clock):
    """The masked view masks free text too: a reply, a timeline note, a pause or call-back
    reason, the department; the unmasked view (audited) has them in full."""

    c = cs.register(complaint_input(department="营业部 13911112222"))
    cs.start(c.id)
    cs.add_note(c.id, "客户留了备用号码 139 8765 4321")
    cs.pause(c.id, "等客户回电 13700001111")
    clock.advance(minutes=5)
    cs.resume(c.id)
    cs.reply(c.id, "已致电 13600002222 说明")
    cs.call_back(c.id, CallResult.ANSWERED, Satisfaction.SATISFIED, "改打 13500003333")
    v = cs.get(c.id)
    texts = [v.department, v.reply_text, *(e.note for e in v.timeline),
             *(p.reason for p in v.pauses), *(a.reason for a in v.callbacks)]
    digits = re.sub(r"\D", "", "".join(t or "" for t in texts))
    for number in ("13911112222", "98765432", "13700001111", "13600002222", "13500003333"):
        assert number not in digits, number
    full = cs.get(c.id, unmasked=True)
    everything = "".join(t or "" for t in (full.department, full.reply_text,
                                           *(e.note for e in full.timeline),
                                           *(p.reason for p in full.pauses),
                                           *(a.reason for a in full.callbacks)))
    assert all(n in everything for n in ("13911112222", "13700001111", "13500003333"))


def test_audit_holds_nothing_personal(cs, desk):
    c = cs.register(complaint_input(id_number="11010119900307123X"))
    cs.reply(c.id, "已处理")
    with desk.db.read() as s:
        text = " ".join(str(x) for row in s.execute(sa.text(
            "SELECT before_json, after_json FROM audit_entry")) for x in row)
    for secret in ("13812345678", "张三丰", "11010119900307123X"):
        assert secret not in text


def test_permissions(desk):
    login_as(desk, "admin", "Admin2026pw")
    add_user(desk, "teller", Role.TELLER, "营业员甲")
    login_as(desk, "teller")
    with pytest.raises(PermissionDenied):
        desk.complaints.register(complaint_input())
    with pytest.raises(PermissionDenied):
        desk.complaints.count()
    assert desk.complaints.attention(dt.datetime(2026, 11, 22, 9)) == []


def test_handler_role_registers_and_unmasks_one_record(desk):
    login_as(desk, "admin", "Admin2026pw")
    add_user(desk, "kf", Role.COMPLAINT_HANDLER, "投诉员")
    login_as(desk, "kf")
    c = desk.complaints.register(complaint_input())
    assert desk.complaints.personal(c.id).phone == "13812345678"


def test_timeline_is_append_only_against_raw_sql(cs, desk):
    cs.register(complaint_input())
    for stmt in ("UPDATE complaint_event SET note = 'x'", "DELETE FROM complaint_event"):
        with pytest.raises(DatabaseError) as info:
            with desk.db.write() as s:
                s.execute(sa.text(stmt))
        assert "append-only" in str(info.value.__cause__)
    with desk.db.read() as s:
        assert s.execute(sa.text("SELECT count(*) FROM complaint_event")).scalar() == 1


def test_filters(cs, clock):
    a = cs.register(complaint_input())
    cs.register(complaint_input(phone="13900001111", category="网络质量",
                                description="信号差 GD-7"))
    cs.register(complaint_input(phone="13900002222", source=Source.CALL_CENTER,
                                external_no="GD123"))
    cs.reply(a.id, "已处理")
    assert cs.count(ComplaintFilter(status="replied")) == 1
    assert cs.count(ComplaintFilter(source="call_center")) == 1
    assert cs.count(ComplaintFilter(category="网络质量")) == 1
    assert cs.count(ComplaintFilter(text="GD-7")) == 1
    assert cs.count(ComplaintFilter(text="GD123")) == 1
    assert cs.count(ComplaintFilter(start=dt.date(2026, 11, 22), end=dt.date(2026, 11, 22))) == 3
    assert cs.count(ComplaintFilter(start=dt.date(2026, 11, 23))) == 0
    assert cs.count(ComplaintFilter(phone="0000 1111")) == 1  # part of a number
    assert cs.count(ComplaintFilter(overdue=True)) == 0
    clock.set(dt.datetime(2026, 11, 24, 9, 1))
    assert cs.count(ComplaintFilter(overdue=True)) == 3  # two unhandled + one call-back
    assert [r.number for r in cs.page(offset=1, limit=1)] == ["TS20261122-0002"]
    with pytest.raises(ValidationError, match="开始日期晚于结束日期"):
        cs.count(ComplaintFilter(start=dt.date(2026, 11, 23), end=dt.date(2026, 11, 22)))


def test_today_items_overdue_and_due_soon(cs, desk, clock):
    a = cs.register(complaint_input())  # due 11-23 08:50
    b = cs.register(complaint_input(phone="13900001111"))
    cs.reply(b.id, "已处理")  # call-back due 11-24 09:00
    clock.set(dt.datetime(2026, 11, 23, 6, 0))
    items = [i for i in desk.today.attention() if i.kind.startswith("complaint")]
    assert [(i.kind, i.target.record_id) for i in items] == [("complaint_due_soon", a.id)]
    clock.set(dt.datetime(2026, 11, 24, 8, 0))
    items = [i for i in desk.today.attention() if i.kind.startswith("complaint")]
    assert [(i.kind, i.severity.value) for i in items] == [
        ("complaint_overdue", "overdue"), ("complaint_callback_due_soon", "due_soon")]
    assert any("投诉超时 1 条" in str(t) for t in desk.today.status())


def test_statistics_by_month_and_category(cs, clock):
    a = cs.register(complaint_input())
    cs.register(complaint_input(phone="13900001111", category="网络质量"))
    clock.set(clock.now() + dt.timedelta(hours=3))
    cs.reply(a.id, "已处理")
    cs.call_back(a.id, CallResult.ANSWERED, Satisfaction.BASICALLY)
    cs.close(a.id)
    clock.set(clock.now() + dt.timedelta(days=3))
    cs.register(complaint_input(received_at=clock.now()))  # a repeat of a
    stats = {(x.month, x.category): x for x in cs.statistics(dt.date(2026, 11, 1),
                                                              dt.date(2026, 11, 30))}
    bill, total = stats[("2026-11", "资费计费")], stats[("2026-11", "合计")]
    assert (bill.received, bill.closed, bill.replied, bill.on_time, bill.called_back,
            bill.satisfied, bill.repeats) == (2, 1, 1, 1, 1, 1, 1)
    assert str(bill.avg_handling_hours) == "3.2" and str(bill.repeat_rate) == "0.5000"
    assert total.received == 3 and str(total.callback_rate) == "1.0000"
    assert list(stats)[-1] == ("2026-11", "合计")


def test_playbook_seeded_and_editable(cs, desk):
    entries = cs.playbook()
    assert len(entries) == 21 and entries[16].title == "客户一开始就要求找经理"
    with pytest.raises(PermissionDenied):
        cs.save_playbook_entry(entries[0].id, "理性的客户", "新的建议")
    login_as(desk, "admin", "Admin2026pw")
    cs.save_playbook_entry(entries[0].id, "理性的客户", "讲事实，给时限。")
    assert cs.playbook()[0].advice == "讲事实，给时限。"
    assert json.loads(last_audit(desk).after_json)["advice"] == "讲事实，给时限。"


def test_settings_validated(desk):
    from dataclasses import replace

    login_as(desk, "admin", "Admin2026pw")
    cs = desk.complaints
    with pytest.raises(ValidationError, match="编号前缀"):
        cs.save_settings(replace(cs.settings(), prefix="ts1"))
    with pytest.raises(ValidationError, match="不能重复"):
        cs.save_settings(replace(cs.settings(), categories=("宽带", "宽带")))
    saved = cs.save_settings(replace(cs.settings(), prefix="LS"))
    assert saved.prefix == "LS" and cs.register(complaint_input()).number.startswith("LS2026")


def test_handlers_and_bad_filter(cs):
    assert sorted(u.username for u in cs.handlers()) == ["admin", "li", "zhang"]
    with pytest.raises(ValidationError, match="筛选条件不正确"):
        cs.count(ComplaintFilter(status="nonsense"))
