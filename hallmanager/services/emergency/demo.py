"""The emergency module's demo step: about one drill a month (after closing, a different
plan each time, a step or two skipped with a reason), one real system failure and one real
power cut with customers registered on paper and keyed into BOSS after recovery, every run
finished with its summary. Sized by ``--days``: a short demo has fewer events, none today.

Through the emergency service the desk uses; the desk's user is set directly (a login is an
audited action of its own), like the cash step.
"""

from __future__ import annotations

import datetime as dt

from hallmanager.services.context import UserInfo
from hallmanager.services.demo import DemoContext
from hallmanager.services.emergency.service import EmergencyService

DRILL_EVERY = 30  # days
CUSTOMERS = (("次仁旺姆", "13908021234", "补换 SIM 卡", "0", "13908021234"),
             ("王磊", "18989011122", "预存话费", "100", "18989011122"),
             ("格桑", "13618905566", "宽带续费（年付）", "1200", "0892-8823456"),
             ("李娜", "15289023344", "套餐变更", "0", "15289023344"))
SKIPS = {"power_cut": (2, "演练中未实际断电，口头确认应急照明位置"),
         "system_failure": (2, "演练中未实际拨打支撑热线，模拟通话"),
         "fire": (3, "演练不实际使用灭火器，讲解使用方法"),
         "robbery": (2, "演练不触发真实报警，模拟按下报警按钮"),
         "conflict": (5, "现场已平息，无需联系保安")}
CAUSES = {"power_cut": "市政线路检修未提前通知，营业厅停电", "system_failure": "BOSS 系统省级平台故障"}


class EmergencyDemo:
    """Registered as the emergency module's ``demo`` in ``hallmanager.registry``."""

    def __init__(self, demo: DemoContext) -> None:
        self.d = demo
        self.clock = demo.clock
        self.svc: EmergencyService = demo.services.emergency
        self.n = {"drills": 0, "real": 0, "papers": 0}
        days = demo.days
        self.events: dict[int, str] = {}
        for i in range(min(15, days // 2), days, DRILL_EVERY):
            if i >= 1:
                self.events[i] = "drill"
        if days >= 20:
            self.events[max(1, days * 3 // 10)] = "system_failure"
            self.events[max(2, days * 6 // 10)] = "power_cut"
        elif days >= 4:
            self.events[days // 2 + 1] = "power_cut"

    def setup(self) -> None:
        self.admin: UserInfo = self.d.as_admin(lambda: self.d.services.ctx.auth.user)
        self.svc.ctx.auth.user = self.admin
        try:
            self.plans = {p.key: p for p in self.svc.plans()}
            self.svc.save_settings(contacts=[
                ("报警", "110"), ("火警", "119"), ("急救", "120"), ("供电公司", "95598"),
                ("物业（上海中路大厦）", "0892-8826600"), ("IT 支撑热线", "0892-8810000"),
                ("片区经理 扎西", "13908920001")], drill_target=1)
        finally:
            self.svc.ctx.auth.user = None

    def counts(self) -> dict[str, int]:
        return {f"emergency.{k}": v for k, v in self.n.items()}

    def summary(self) -> str:
        return (f"应急预案：{self.n['drills']} 次演练，{self.n['real']} 次真实事件"
                f"（{self.n['papers']} 条纸质登记）")

    def day(self, i: int, day: dt.date) -> None:
        what = self.events.get(i)
        if what is None or day >= self.d.now.date():
            return
        dm = self.d.duty_managers[i % len(self.d.duty_managers)]
        at = dt.datetime.combine(day, dt.time(19, 45) if what != "drill" else dt.time(20, 10))
        self.clock.set(max(self.clock.now(), at))
        self.svc.ctx.auth.user = dm
        try:
            if what == "drill":
                keys = list(self.plans)
                self._drill(self.plans[keys[self.n["drills"] % len(keys)]].id)
            else:
                self._real(what)
        finally:
            self.svc.ctx.auth.user = None

    def _drill(self, plan_id: int) -> None:
        r = self.svc.start_run(plan_id, drill=True)
        skip_at, reason = SKIPS.get(r.plan_key, (0, ""))
        for st in r.steps:
            self.clock.advance(seconds=40 + 20 * st.position)
            if st.position == skip_at:
                self.svc.skip_step(r.id, st.position, reason)
            else:
                self.svc.check_step(r.id, st.position)
        self.svc.add_note(r.id, "全体人员参加演练，用时符合要求")
        self.clock.advance(minutes=3)
        self.svc.finish(r.id, cause="季度例行演练", losses="无",
                        follow_up="演练中发现的问题已在晨会上讲评")
        self.n["drills"] += 1

    def _real(self, key: str) -> None:
        r = self.svc.start_run(self.plans[key].id, drill=False)
        papers_at = 4  # both outage plans: "record on paper" is step 4
        for st in r.steps:
            self.clock.advance(minutes=2 + st.position % 3)
            self.svc.check_step(r.id, st.position)
            if st.position == 2:
                self.svc.add_note(r.id, "已电话通知片区经理" if key == "power_cut"
                                  else "已报支撑热线，工单号 ZC20261")
            if st.position == papers_at:
                for c in CUSTOMERS[:3 if key == "power_cut" else 2]:
                    self.clock.advance(minutes=4)
                    self.svc.add_paper(r.id, customer_name=c[0], number=c[1], business=c[2],
                                       amount=c[3], contact=c[4])
                    self.n["papers"] += 1
            if st.position == len(r.steps) - 2:
                for p in self.svc.run(r.id).papers:
                    self.clock.advance(minutes=3)
                    self.svc.mark_entered(p.id)
        self.clock.advance(minutes=5)
        self.svc.finish(r.id, cause=CAUSES[key], losses="无资金损失；部分客户等候约 40 分钟",
                        follow_up="与物业约定停电提前通知；纸质登记已全部补录并回电客户")
        self.n["real"] += 1
