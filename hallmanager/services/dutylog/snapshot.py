"""The duty log's snapshot step (see ``services.snapshot``)."""

from __future__ import annotations

import datetime as dt

from hallmanager.domain.dutylog import Absence
from hallmanager.domain.dutylog.checklist import (
    DEFAULT_CHECKLIST,
    Anchor,
    AppliesTo,
    ChecklistItemDef,
)
from hallmanager.services.snapshot import ADMIN_PASSWORD, DAY1, DAY2, USER_PASSWORD, Snap


def snapshot(x: Snap) -> None:
    """Settings, two template versions, two signed logs (a skipped item, a failed inspection,
    a fault reported and repaired, a hand-over item acknowledged, an amendment) and today's
    draft with an open fault and an item for the next shift."""
    sv, dl, u = x.sv, x.sv.dutylog, x.users
    x.at(DAY1, "07:30")
    x.login("admin")
    s = dl.settings()
    dl.save_settings(meeting_limit_minutes=20, due_soon_minutes=s.due_soon_minutes,
                     inspection_items=list(s.inspection_items))
    dl.save_checklist_template(list(DEFAULT_CHECKLIST), "初始版本")

    # day 1, 早班: zhang
    x.at(DAY1, "07:55")
    x.login("zhang")
    early = dl.create_log(DAY1, x.shifts["早班"])
    x.logs["early"] = early.id
    dl.update_draft(early.id, weather="晴", staff_on_duty=[u["t1"].id, u["t2"].id],
                    staff_absent=[Absence(u["t3"].id, "病假", "已补请假条")],
                    meeting_start="08:10", meeting_minutes=15,
                    meeting_attendees=[u["zhang"].id, u["t1"].id, u["t2"].id],
                    meeting_topics="宽带提速政策统一口径", business_notes="新装宽带 3 户")
    for i, e in enumerate(early.checklist):
        assert e.target_at is not None
        x.clock.set(max(x.clock.now(), e.target_at))
        if i == 2:
            dl.skip_item(e.id, "系统升级，由市公司 IT 远程开机")
        else:
            dl.check_item(e.id, at=e.target_at)
        if i == 5:
            fault = dl.report_fault(what="2号排队叫号机不出票", location="大厅入口",
                                    since=x.clock.now() - dt.timedelta(minutes=5),
                                    log_id=early.id)
            x.clock.advance(minutes=10)
            dl.mark_fault_reported(fault.id, "市公司运维 刘工")
    first = early.inspections[0]
    dl.set_inspection(early.id, first.category, first.item, False, "地面有水渍，已安排保洁")
    dl.mark_inspections_ok(early.id)
    dl.update_draft(early.id, customer_flow=180, served_count=150,
                    opinions="客户希望宽带报装后上门时间更准确，留电 13908901234 请安排回访")
    dl.add_handover_item(early.id, "2 张增值税发票待客户来取，放在值班台左侧抽屉")
    x.at(DAY1, "14:40")
    dl.sign(early.id, USER_PASSWORD, confirm_warnings=True)

    # day 1, 晚班: li acknowledges, the fault is repaired
    x.login("li")
    late = dl.create_log(DAY1, x.shifts["晚班"])
    x.logs["late"] = late.id
    for h in late.unacked_in:
        dl.acknowledge_handover(h.id, late.id)
    dl.update_draft(late.id, weather="多云", staff_on_duty=[u["t1"].id], customer_flow=120,
                    served_count=100, incidents="16:20 短暂停电约 3 分钟，启用应急灯")
    for e in late.checklist:
        assert e.target_at is not None
        x.clock.set(max(x.clock.now(), e.target_at))
        dl.check_item(e.id, at=e.target_at)
    dl.mark_fault_repaired(fault.id, x.clock.now(), "已修复，测试正常")
    dl.mark_inspections_ok(late.id)
    dl.add_handover_item(late.id, "宽带装维人员明早来取 3 台光猫，已装箱放在后台")
    x.at(DAY1, "20:40")
    dl.sign(late.id, USER_PASSWORD, confirm_warnings=True)

    # the next morning: the hall manager amends a figure and saves checklist version 2
    x.at(DAY2, "07:20")
    x.login("admin")
    dl.amend(early.id, "customer_flow", 192, "核对排队机取号记录，漏计 12 人", ADMIN_PASSWORD)
    dl.save_checklist_template(
        [*DEFAULT_CHECKLIST,
         ChecklistItemDef("自助终端凭条纸、宣传单页补充", Anchor.START, 90, AppliesTo.ALL)],
        "增加自助终端巡检（市公司通知）")

    # day 2, 早班: zhang's draft in progress
    x.at(DAY2, "07:55")
    x.login("zhang")
    draft = dl.create_log(DAY2, x.shifts["早班"])
    x.logs["draft"] = draft.id
    for h in draft.unacked_in:
        dl.acknowledge_handover(h.id, draft.id)
    for e in draft.checklist[:3]:
        assert e.target_at is not None
        x.clock.set(max(x.clock.now(), e.target_at))
        dl.check_item(e.id, at=e.target_at)
    dl.update_draft(draft.id, weather="雪", staff_on_duty=[u["t2"].id], customer_flow=40)
    dl.report_fault(what="自助终端触摸屏失灵", location="自助服务区", log_id=draft.id)
    dl.add_handover_item(draft.id, "排队机纸卷仅剩 1 卷，已报领用")
    sv.auth.logout()


