"""Fixtures of the complaints tests: a duty manager at the desk and a helper to register."""

from __future__ import annotations

import datetime as dt

import pytest

from hallmanager.domain.complaints.rules import Source
from hallmanager.services.complaints.views import ComplaintInput


def complaint_input(**kw) -> ComplaintInput:
    base = dict(source=Source.ON_SITE, received_at=dt.datetime(2026, 11, 22, 8, 50),
                customer_name="张三丰", phone="13812345678", category="资费计费",
                description="本月话费多扣 30 元", request="退还多扣费用")
    base.update(kw)
    return ComplaintInput(**base)


@pytest.fixture
def cs(desk):
    """The complaints service with 张值班 (duty manager) logged in at 2026-11-22 09:00."""
    return desk.complaints


def stats_scenario(cs, clock) -> None:
    """Four complaints over 2026-10 and 2026-11 whose figures the statistics tests know:

    - A 资费计费, 10-10 08:00, replied after 4 h (on time), called back 满意, closed;
    - B 网络质量, 10-12 09:00, replied after 72 h (late), called back 不满意, closed;
    - C 资费计费, 11-20 10:00, never replied: overdue at 11-22 09:00;
    - D 宽带, 11-22 08:50, same phone as C (a repeat), not yet due.
    The clock ends at 2026-11-22 09:00.
    """
    from hallmanager.domain.complaints.rules import CallResult, Satisfaction

    def at(y_m_d_h: tuple[int, int, int, int]) -> dt.datetime:
        return dt.datetime(*y_m_d_h)

    clock.set(at((2026, 10, 10, 8)))
    a = cs.register(complaint_input(received_at=clock.now(), phone="13800000001"))
    clock.set(at((2026, 10, 10, 12)))
    cs.reply(a.id, "已退费")
    cs.call_back(a.id, CallResult.ANSWERED, Satisfaction.SATISFIED)
    cs.close(a.id)
    clock.set(at((2026, 10, 12, 9)))
    b = cs.register(complaint_input(received_at=clock.now(), phone="13800000002",
                                    category="网络质量", description="室内没有信号"))
    clock.set(at((2026, 10, 15, 9)))
    cs.reply(b.id, "已加装室分")
    cs.call_back(b.id, CallResult.ANSWERED, Satisfaction.DISSATISFIED, "太慢")
    cs.close(b.id)
    clock.set(at((2026, 11, 20, 10)))
    cs.register(complaint_input(received_at=clock.now(), phone="13800000003"))
    clock.set(dt.datetime(2026, 11, 22, 9, 0))
    cs.register(complaint_input(received_at=dt.datetime(2026, 11, 22, 8, 50),
                                phone="138 0000 0003", category="宽带", description="掉线"))
