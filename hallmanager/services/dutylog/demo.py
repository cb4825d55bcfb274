"""The duty log's demo step: two shifts a day with checklists, faults, hand-over items,
sign-offs, a template change half-way and two amendments by the hall manager.

Runs inside the demo framework (``services.demo``) through the same services as the desk.
"""

from __future__ import annotations

import datetime as dt

from hallmanager.domain.dutylog import Absence
from hallmanager.domain.dutylog.checklist import (
    DEFAULT_CHECKLIST,
    Anchor,
    AppliesTo,
    ChecklistItemDef,
)
from hallmanager.domain.shifts import ShiftDef, current_shift
from hallmanager.services.context import UserInfo
from hallmanager.services.demo import ADMIN_PASSWORD, DemoContext
from hallmanager.services.dutylog.service import DutyLogService
from hallmanager.services.dutylog.views import DutyLogView

WEATHER_WEIGHTS = (("晴", 50), ("多云", 20), ("阴", 8), ("小雨", 5), ("大雨", 1), ("雪", 6),
                   ("大风", 8), ("沙尘", 2))
FLOW_FACTOR = {"晴": 1.0, "多云": 1.0, "阴": 0.95, "小雨": 0.85, "大雨": 0.6, "雪": 0.7,
               "大风": 0.8, "沙尘": 0.7}
MEETING_TOPICS = (
    "今日目标：宽带新装 5 户、5G 套餐升档 10 户；重点推广融合套餐",
    "统一解释口径：流量包到期自动续订规则调整；提醒客户关注短信通知",
    "昨日 1 起服务态度投诉复盘，强调首问负责制",
    "表扬格桑拉姆主动引导老年客户使用自助终端",
    "携号转网办理流程与客户挽留话术",
    "藏历新年前营业高峰分流安排，自助区增设引导员",
    "实名制核验要求：一证五号，严禁代办",
    "国庆期间资费活动口径统一，宣传单页已更新",
)
OPINIONS = (
    "客户反映等候区座椅不够，高峰时老人需站立",
    "有客户建议增加藏语服务指引",
    "客户希望宽带报装后上门时间更准确，留电 13908901234 请安排回访",
    "客户对自助终端打印发票功能表示满意",
    "建议延长周末营业时间",
    "客户反映停车不便",
)
INCIDENTS = (
    "14:20 一名客户因套餐扣费问题情绪激动，已引导至贵宾室由值班经理处理，客户离开时表示理解",
    "10:05 短暂停电约 3 分钟，启用应急灯，未影响业务",
    "一位老年客户身体不适，已让其休息并联系家属接回",
)
HANDOVER_TEXTS = (
    "客户次仁先生的补卡资料已收，待系统恢复后办理，联系电话在登记本上",
    "2 张增值税发票待客户来取，放在值班台左侧抽屉",
    "宽带装维人员明早来取 3 台光猫，已装箱放在后台",
    "保险柜钥匙已按规定交接，备用金已核对无误",
    "宣传架缺少新版资费单页，已向市公司申领",
    "投诉工单 TS 编号客户约定明天下午回访",
    "排队机纸卷仅剩 1 卷，已报领用",
    "自助终端凭条纸需补充",
)
SKIP_REASONS = ("系统升级，由市公司 IT 远程开机", "暂停营业半小时（停电），顺延执行",
                "值班经理参加市公司视频会议，由厅经理代为巡场")
FAULTS = (  # (days before today, hour, what, location, reported_to, days to repair or None)
    (80, 9, "2号排队叫号机不出票", "大厅入口", "市公司运维 刘工", 2),
    (61, 15, "POS 机无法连接银行", "3号柜台", "银联客服 95516", 1),
    (47, 10, "空调外机漏水", "营业厅后侧", "物业 张师傅", 4),
    (33, 11, "4号柜台打印机频繁卡纸", "4号柜台", "市公司运维 刘工", 0),
    (19, 16, "LED 电子屏部分不亮", "门头", "广告公司 白经理", 6),
    (6, 10, "自助终端触摸屏失灵", "自助服务区", "厂家客服 400 热线", None),
)


class DutyLogDemo:
    """Registered as the duty log's ``demo`` in ``hallmanager.registry``."""

    def __init__(self, demo: DemoContext) -> None:
        self.d = demo
        self.dutylog: DutyLogService = demo.services.dutylog
        self.rng = demo.rng
        self.clock = demo.clock
        self.now = demo.now
        self.days = demo.days
        self.shifts: list[ShiftDef] = sorted(demo.shifts, key=lambda s: (s.start, s.id))
        self.cur = current_shift(self.shifts, self.now)
        self.logs = self.signed = self.items = 0
        self.faults: dict[int, int] = {}  # index in FAULTS → fault id

    def counts(self) -> dict[str, int]:
        return {"dutylog.logs": self.logs, "dutylog.signed_logs": self.signed,
                "dutylog.faults": len(self.faults), "dutylog.handover_items": self.items}

    def summary(self) -> str:
        return (f"{self.days} 天值班日志（{self.signed} 份已签字），{len(self.faults)} 条设备故障，"
                f"{self.items} 条交接事项")

    def setup(self) -> None:
        """The hall manager confirms the default duty-log rules once (saved, not implied)."""
        def confirm() -> None:
            s = self.dutylog.settings()
            self.dutylog.save_settings(meeting_limit_minutes=s.meeting_limit_minutes,
                                       due_soon_minutes=s.due_soon_minutes,
                                       inspection_items=list(s.inspection_items))
        self.d.as_admin(confirm)

    def _login(self, user: UserInfo) -> None:
        self.d.login(user)

    def day(self, i: int, day: dt.date) -> None:
        today = self.now.date()
        if i == self.days // 2:
            self._new_template_version(day)
        dms = self.d.duty_managers
        for k, shift in enumerate(self.shifts):
            dm = dms[(2 * i + k) % len(dms)]  # late ≠ next early
            if day < today:
                self._shift(day, shift, dm, finish=True)
            elif shift == self.cur:  # today's current shift stays a draft in progress
                self._shift(day, shift, dm, finish=False)
            elif shift.end_on(day) + dt.timedelta(minutes=40) <= self.now:
                self._shift(day, shift, dm, finish=True)
            elif shift.start_on(day) - dt.timedelta(minutes=35) <= self.now:
                self._shift(day, shift, dm, finish=False)
        if i in (20, 55):
            self._amend(day)

    def _new_template_version(self, day: dt.date) -> None:
        self.clock.set(dt.datetime.combine(day, dt.time(7, 30)))
        items = [*DEFAULT_CHECKLIST,
                 ChecklistItemDef("自助终端凭条纸、宣传单页补充", Anchor.START, 90, AppliesTo.ALL)]
        self.d.as_admin(lambda: self.dutylog.save_checklist_template(
            items, "增加自助终端巡检（市公司通知）"))

    def _shift(self, day: dt.date, shift: ShiftDef, dm: UserInfo, *, finish: bool) -> None:
        rng = self.rng
        limit = self.now if not finish else dt.datetime.max
        opened = shift.start_on(day) - dt.timedelta(minutes=35)
        if not finish:  # today's log in progress: never act after the real "now"
            opened = min(opened, self.now - dt.timedelta(minutes=10))
        self.clock.set(max(self.clock.now(), opened))
        self._login(dm)
        log = self.dutylog.create_log(day, shift.id)
        self.logs += 1
        opening = shift.start == min(s.start for s in self.shifts)
        # incoming hand-over items are acknowledged at the start (today's: maybe not yet)
        if finish or rng.random() < 0.3:
            self.clock.advance(minutes=5)
            for h in log.unacked_in:
                self.dutylog.acknowledge_handover(h.id, log.id)
        weather = rng.choices([w for w, _ in WEATHER_WEIGHTS],
                              [n for _, n in WEATHER_WEIGHTS])[0]
        weekend = day.weekday() >= 5
        base = rng.randint(150, 230) * (1.25 if weekend else 1.0) * FLOW_FACTOR[weather]
        flow = int(base * (0.9 if opening else 0.75))
        tellers = self.d.tellers
        on_duty = rng.sample(tellers, max(1, min(len(tellers) - 1, len(tellers) // 2)))
        absent: list[Absence] = []
        if rng.random() < 0.25 and len(tellers) > len(on_duty):
            who = rng.choice([t for t in tellers if t not in on_duty])
            absent.append(Absence(who.id, rng.choice(("事假", "病假", "年假", "调休")),
                                  rng.choice(("", "提前一天申请", "已补请假条"))))
        fields: dict[str, object] = {
            "weather": weather, "staff_on_duty": [t.id for t in on_duty],
            "staff_absent": absent,
            "business_notes": f"新装宽带 {rng.randint(0, 8)} 户，5G 升档 {rng.randint(2, 15)} 户，"
                              f"缴费 {rng.randint(40, 120)} 笔",
        }
        if opening:
            minutes = rng.choice((10, 12, 12, 13, 14, 15, 15, 15, 18, 22)) \
                if rng.random() < 0.95 else 25
            fields.update(meeting_start=(shift.start_on(day) - dt.timedelta(minutes=20))
                          .strftime("%H:%M"), meeting_minutes=minutes,
                          meeting_attendees=[dm.id, *[t.id for t in on_duty]],
                          meeting_topics=rng.choice(MEETING_TOPICS))
        self.dutylog.update_draft(log.id, **fields)
        self._faults(day, shift, log, limit)
        # the checklist, in target order, with the clock moving along
        for e in log.checklist:
            assert e.target_at is not None
            r = rng.random()
            if r < 0.04:
                when = e.target_at + dt.timedelta(minutes=rng.randint(0, 20))
                if when > limit:
                    break
                self.clock.set(max(self.clock.now(), when))
                self.dutylog.skip_item(e.id, rng.choice(SKIP_REASONS))
                continue
            delay = rng.randint(5, 45) if r < 0.14 else -rng.randint(0, 10)
            when = e.target_at + dt.timedelta(minutes=delay)
            if when > limit:
                break
            self.clock.set(max(self.clock.now(), when))
            self.dutylog.check_item(e.id, at=when)
        if not finish:
            self.dutylog.update_draft(log.id, customer_flow=int(flow * 0.4))
            self.d.logout()
            return
        for ins in log.inspections:
            if rng.random() < 0.02:
                self.dutylog.set_inspection(log.id, ins.category, ins.item, False,
                                            rng.choice(("地面有水渍，已安排保洁", "已报修",
                                                        "部分单页过期，已更换")))
        self.dutylog.mark_inspections_ok(log.id)
        extra: dict[str, object] = {"customer_flow": flow,
                                    "served_count": int(flow * rng.uniform(0.7, 0.9))}
        if rng.random() < 0.3:
            extra["opinions"] = rng.choice(OPINIONS)
        if rng.random() < 0.05:
            extra["incidents"] = rng.choice(INCIDENTS)
        if rng.random() < 0.2:
            extra["next_shift_notes"] = "注意：" + rng.choice(("下午有集团客户批量开卡",
                                                             "明日市公司检查服务规范",
                                                             "发票打印机色带将用完"))
        self.dutylog.update_draft(log.id, **extra)
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            self.dutylog.add_handover_item(log.id, rng.choice(HANDOVER_TEXTS))
            self.items += 1
        self.clock.set(max(self.clock.now(), shift.end_on(day) + dt.timedelta(minutes=35)))
        self.dutylog.sign(log.id, self.d.passwords[dm.username], confirm_warnings=True)
        self.signed += 1
        self.d.logout()

    def _faults(self, day: dt.date, shift: ShiftDef, log: DutyLogView,
                limit: dt.datetime) -> None:
        today = self.now.date()
        for idx, (ago, hour, what, where, to, repair_days) in enumerate(FAULTS):
            found = dt.datetime.combine(today - dt.timedelta(days=ago), dt.time(hour, 10))
            if idx not in self.faults and shift.start_on(day) <= found < shift.end_on(day) \
                    and found + dt.timedelta(minutes=30) <= limit:
                self.clock.set(max(self.clock.now(), found + dt.timedelta(minutes=5)))
                f = self.dutylog.report_fault(what=what, location=where, since=found,
                                              log_id=log.id)
                self.clock.advance(minutes=20)
                self.dutylog.mark_fault_reported(f.id, to, self.clock.now())
                self.faults[idx] = f.id
            if idx in self.faults and repair_days is not None:
                fixed = found + dt.timedelta(days=repair_days, hours=2)
                if shift.start_on(day) <= fixed < shift.end_on(day) and fixed <= limit:
                    self.clock.set(max(self.clock.now(), fixed))
                    self.dutylog.mark_fault_repaired(self.faults[idx], fixed, "已修复，测试正常")

    def _amend(self, day: dt.date) -> None:
        """The hall manager corrects a flow figure the next morning (amendment, not edit)."""
        self.clock.set(max(self.clock.now(),
                           dt.datetime.combine(day, dt.time(21, 0))))

        def fix() -> None:
            logs = self.dutylog.logs_for_date(day)
            if logs and logs[-1].signed and logs[-1].effective.customer_flow is not None:
                log = logs[-1]
                self.dutylog.amend(log.id, "customer_flow", log.effective.customer_flow + 12,
                                   "核对排队机取号记录，漏计 12 人", ADMIN_PASSWORD)
        self.d.as_admin(fix)
