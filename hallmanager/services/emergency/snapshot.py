"""The emergency module's snapshot step (see ``services.snapshot``)."""

from __future__ import annotations

from hallmanager.domain.emergency.rules import StepDef
from hallmanager.services.snapshot import DAY2, Snap


def snapshot(x: Snap) -> None:
    """Contacts; a plan added and edited (two versions); on DAY2 a real power cut with paper
    registrations (one entered, one explained) finished with its summary, and a fire
    drill left open with a step done, one skipped and a note."""
    em = x.sv.emergency
    x.at(DAY2, "18:10")
    x.login("admin")
    em.save_settings(contacts=[("报警", "110"), ("供电公司", "95598"), ("物业", "0891-6330000")],
                     drill_target=2)
    leak = em.add_plan("漏水", [StepDef("关闭总水阀"), StepDef("转移设备与单据", "营业员")])
    em.edit_plan(leak.id, "漏水/水浸", [StepDef("关闭总水阀"), StepDef("转移设备与单据", "营业员"),
                                      StepDef("联系物业维修")], paper_registrations=False)
    plans = {p.key: p for p in em.plans()}
    x.login("zhang")
    r = em.start_run(plans["power_cut"].id, drill=False)
    em.add_paper(r.id, customer_name="次仁", number="13908901234", business="缴费",
                 amount="88.50", contact="13908901234")
    em.add_paper(r.id, customer_name="扎西", number="13908905678", business="补卡", amount="0")
    for st in r.steps:
        em.check_step(r.id, st.position)
    em.add_note(r.id, "物业称 20 分钟恢复")
    em.mark_entered(em.run(r.id).papers[0].id)
    em.finish(r.id, cause="线路检修", losses="无", follow_up="提前通知",
              open_papers_note="扎西的补卡需本人到厅，已电话联系")
    d = em.start_run(plans["fire"].id, drill=True)
    em.check_step(d.id, 1)
    em.skip_step(d.id, 3, "演练不使用灭火器")
    em.add_note(d.id, "演练进行中")
    x.sv.auth.logout()
