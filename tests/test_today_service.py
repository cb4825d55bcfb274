"""今日 page: what needs attention now, driven by a ManualClock; providers are pluggable."""

from __future__ import annotations

import datetime as dt

import pytest

from hallmanager.domain.errors import AuthenticationError
from hallmanager.services.today import AttentionItem, Severity, Target, TodayService
from tests.conftest import USER_PASSWORD

D = dt.date(2026, 11, 22)


def t(h: int, m: int = 0, day: dt.date = D) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(h, m))






def kinds(items):
    return [(i.kind, i.severity) for i in items]


def test_requires_login(services):
    with pytest.raises(AuthenticationError):
        services.today.attention()


def test_missing_current_log_is_flagged_from_half_an_hour_before(desk, sid, clock):
    clock.set(t(7, 55))
    assert desk.today.attention() == []
    clock.set(t(8, 0))
    items = desk.today.attention()
    assert kinds(items) == [("log_missing", Severity.DUE_SOON)]
    assert items[0].target == Target("dutylog", "log", None, D, sid["早班"])


def test_checklist_due_soon_and_overdue_follow_the_clock(desk, sid, clock):
    clock.set(t(7, 50))
    log = desk.dutylog.create_log(D, sid["早班"])
    items = desk.today.attention()
    assert [i.title for i in items][:2] == [log.checklist[0].title, log.checklist[1].title]
    assert {i.severity for i in items} == {Severity.DUE_SOON}  # 08:00/08:05 within 15 min
    assert all(i.due_at <= t(8, 5) for i in items)
    clock.set(t(8, 20))
    items = desk.today.attention()
    overdue = [i for i in items if i.severity == Severity.OVERDUE]
    soon = [i for i in items if i.severity == Severity.DUE_SOON]
    assert len(overdue) == 4 and [i.title for i in soon] == ["开门营业"]
    assert overdue[0].target == Target("dutylog", "checklist_entry", log.checklist[0].id)
    assert items == overdue + soon  # most urgent first
    desk.dutylog.check_item(log.checklist[0].id)
    desk.dutylog.skip_item(log.checklist[1].id, "系统升级，由IT开机")
    assert len([i for i in desk.today.attention() if i.severity == Severity.OVERDUE]) == 2


def test_faults_and_handover_items_need_attention(desk, sid, clock):
    clock.set(t(13, 0))
    early = desk.dutylog.create_log(D, sid["早班"])
    fault = desk.dutylog.report_fault(what="验钞机报错", location="1号柜台")
    item = desk.dutylog.add_handover_item(early.id, "交接 2 张待取发票")
    items = desk.today.attention()
    f = [i for i in items if i.kind == "fault_open"]
    assert len(f) == 1 and f[0].severity == Severity.INFO and "验钞机报错" in f[0].title
    assert f[0].target == Target("dutylog", "fault", fault.id)
    assert not [i for i in items if i.kind == "handover_unacked"]  # not due before 晚班
    clock.set(t(14, 5))
    late = desk.dutylog.create_log(D, sid["晚班"])
    h = [i for i in desk.today.attention() if i.kind == "handover_unacked"]
    assert [(x.severity, x.target.record_id) for x in h] == [(Severity.DUE_SOON, item.id)]
    desk.dutylog.sign(early.id, USER_PASSWORD, confirm_warnings=True)
    clock.set(t(8, 0, D + dt.timedelta(days=1)))  # forgotten overnight: now overdue
    h = [i for i in desk.today.attention() if i.kind == "handover_unacked"]
    assert [x.severity for x in h] == [Severity.OVERDUE]
    desk.dutylog.mark_fault_repaired(fault.id)
    assert not [i for i in desk.today.attention() if i.kind == "fault_open"]
    del late


def test_past_shifts_without_signed_log(desk, sid, clock):
    yesterday = D - dt.timedelta(days=1)
    clock.set(t(9, 0, yesterday))
    y_early = desk.dutylog.create_log(yesterday, sid["早班"])
    desk.dutylog.sign(y_early.id, USER_PASSWORD, confirm_warnings=True)
    clock.set(t(10, 0))
    today_early = desk.dutylog.create_log(D, sid["早班"])
    items = desk.today.attention()
    missing = [i for i in items if i.kind == "log_missing"]
    assert [i.title for i in missing] == ["11-21 晚班缺少值班日志"]
    assert missing[0].severity == Severity.OVERDUE
    # the jump target names the missing slot, so the UI can open (and create) exactly that log
    assert missing[0].target == Target("dutylog", "log", None, yesterday, sid["晚班"])
    assert not [i for i in items if i.kind == "log_unsigned"]
    clock.set(t(15, 0))  # 早班 ended, still unsigned
    unsigned = [i for i in desk.today.attention() if i.kind == "log_unsigned"]
    assert [i.target for i in unsigned] == [Target("dutylog", "log", today_early.id)]


def test_providers_are_pluggable_and_isolated(desk, clock):
    clock.set(t(3, 0))  # nothing from the duty log at night with no logs

    def complaints(now):
        return [AttentionItem("complaint_due", Severity.DUE_SOON, "投诉 TS20261122-0001 即将超时",
                              due_at=now + dt.timedelta(hours=1),
                              target=Target("complaints", "complaint", 1))]

    def broken(now):
        raise RuntimeError("boom")

    def info(now):
        return [AttentionItem("cash_unconfirmed", Severity.INFO, "现金交接未确认")]

    svc = TodayService(desk.ctx, providers=[info, desk.dutylog.attention])
    svc.register(complaints)
    svc.register(broken)
    items = svc.attention()
    assert [i.kind for i in items] == ["complaint_due", "cash_unconfirmed", "provider_error"]
    assert len(svc.providers) == 4


def test_nothing_past_its_time_is_called_due_soon(desk, sid, clock):
    """Issue 7 §7: an item due 08:30 is 已超时 at 12:40, not 即将到期."""
    yesterday = D - dt.timedelta(days=1)
    clock.set(t(15, 0, yesterday))
    late = desk.dutylog.create_log(yesterday, sid["晚班"])
    item = desk.dutylog.add_handover_item(late.id, "保险柜钥匙两把，请核对")  # for today's 早班

    def severities():
        items = desk.today.attention()
        return ({i.kind: i.severity for i in items if i.kind in ("handover_unacked", "log_missing")
                 and (i.target.record_id == item.id or i.target.date == D)})

    clock.set(t(8, 10))
    assert severities() == {"handover_unacked": Severity.DUE_SOON, "log_missing": Severity.DUE_SOON}
    clock.set(t(8, 40))  # hand-over time: the first 15 minutes of the shift
    assert severities() == {"handover_unacked": Severity.DUE_SOON,
                            "log_missing": Severity.OVERDUE}
    clock.set(t(12, 40))
    assert severities() == {"handover_unacked": Severity.OVERDUE, "log_missing": Severity.OVERDUE}
    overdue = [i for i in desk.today.attention() if i.kind == "handover_unacked"]
    assert overdue[0].severity.label == "已超时"
