"""The complaint register's snapshot step (see ``services.snapshot``)."""

from __future__ import annotations

from dataclasses import replace

from hallmanager.domain.complaints.rules import CallResult, Satisfaction, Source
from hallmanager.services.complaints.views import ComplaintInput
from hallmanager.services.snapshot import Snap


def snapshot(x: Snap) -> None:
    """Settings, the playbook, a complaint replied, called back (one failed attempt) and
    closed, and one waiting for the customer."""
    cs = x.sv.complaints
    x.login("admin")
    cs.save_settings(replace(cs.settings(), prefix="LS"))
    cs.playbook()
    x.login("zhang")
    now = x.clock.now()
    a = cs.register(ComplaintInput(Source.ON_SITE, now, "张三", "13812345678", "资费计费",
                                   "话费多扣", "退费"))
    b = cs.register(ComplaintInput(Source.CALL_CENTER, now, "李四", "13900001111", "宽带",
                                   "宽带掉线", external_no="GD0001"))
    x.clock.advance(minutes=30)
    cs.reply(a.id, "已退费")
    cs.call_back(a.id, CallResult.NO_ANSWER)
    cs.call_back(a.id, CallResult.ANSWERED, Satisfaction.SATISFIED)
    cs.close(a.id)
    cs.pause(b.id, "等客户在家")
    x.sv.auth.logout()
