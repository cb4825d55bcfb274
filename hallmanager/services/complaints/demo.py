"""The complaints' demo step: complaints across sources and categories over the demo days,
handled through the real service by the demo duty managers — most replied, called back and
closed on time, some late, some escalated, some repeats from the same number (typed
differently), some waiting for the customer, the newest still open."""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable
from typing import Any

from hallmanager.domain.complaints.filters import ComplaintFilter
from hallmanager.domain.complaints.rules import DEFAULT_CATEGORIES, CallResult, Satisfaction, Source
from hallmanager.domain.errors import ValidationError
from hallmanager.services.complaints.views import ComplaintInput
from hallmanager.services.demo import DemoContext

SOURCES = ((Source.ON_SITE, 50), (Source.CALL_CENTER, 30), (Source.COMPANY, 7),
           (Source.ONLINE, 7), (Source.LETTER, 4), (Source.REGULATOR, 2))
CATEGORY_WEIGHTS = (22, 24, 10, 16, 8, 10, 6, 4)
PROBLEMS = {
    "网络质量": ("家中信号时有时无，通话经常中断", "地下车库没有信号"),
    "资费计费": ("本月话费比平时多出 58 元，不清楚原因", "套餐外流量被扣费，未收到提醒短信"),
    "服务态度": ("营业员办理业务时态度冷淡", "排队时工作人员未及时引导"),
    "业务办理": ("携号转网办理多次未成功", "补卡要求的材料前后说法不一致"),
    "终端": ("合约机使用两个月后无法开机", "购机赠品未兑现"),
    "宽带": ("宽带晚上经常掉线", "宽带预约安装超过约定时间未上门"),
    "营销活动": ("参加的优惠活动未按承诺返还话费", "被办理了未同意的增值业务"),
    "其他": ("营业厅停车位不足", "发票开具错误"),
}
REQUESTS = ("尽快解决", "退还多收的费用", "给个说法", "赔礼道歉", "上门处理")
FAMILY = "张王李刘陈杨赵黄周吴次扎格达索"
GIVEN = ("伟", "芳", "敏", "静", "军", "卓玛", "平措", "拉姆", "旺堆", "海燕", "建国")


def _typed(phone: str, n: int) -> str:
    """The same number as people type it."""
    return (phone, f"+86 {phone[:3]} {phone[3:7]} {phone[7:]}",
            f"{phone[:3]}.{phone[3:7]}.{phone[7:]}",
            phone.translate(str.maketrans("0123456789", "０１２３４５６７８９")))[n % 4]


class ComplaintsDemo:
    def __init__(self, demo: DemoContext) -> None:
        self.d = demo
        self.svc = demo.services.complaints
        self.rng = demo.rng
        self.clock = demo.clock
        self.queue: list[tuple[dt.datetime, int, Callable[[], Any]]] = []
        self.seq = 0
        self.phones: list[str] = []
        self.registered = 0
        self.events = 0

    def setup(self) -> None:
        self.d.as_admin(self.svc.playbook)

    def counts(self) -> dict[str, int]:
        def figures() -> tuple[int, int, int]:
            return (self.svc.count(), self.svc.count(ComplaintFilter(open_only=True)),
                    self.svc.count(ComplaintFilter(overdue=True)))

        total, still_open, overdue = self.d.as_admin(figures)
        return {"complaints.registered": total, "complaints.open": still_open,
                "complaints.overdue": overdue}

    def summary(self) -> str:
        c = self.counts()
        return (f"投诉 {c['complaints.registered']} 条（未结 {c['complaints.open']} 条，"
                f"超时 {c['complaints.overdue']} 条）")

    # --- one day --------------------------------------------------------------------------
    def day(self, index: int, day: dt.date) -> None:
        dms = self.d.duty_managers
        if not dms:
            return
        end = min(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()), self.d.now)
        new = [dt.datetime.combine(day, dt.time(9)) + dt.timedelta(
            minutes=self.rng.randrange(0, 9 * 60)) for _ in range(self._how_many())]
        if not new and not (self.queue and self.queue[0][0] <= end):
            return  # nothing to do today: no login
        self.d.login(dms[index % len(dms)])
        try:
            for at in sorted(new):
                if at > self.d.now:
                    break
                self._run_until(at)
                self._register(at)
            self._run_until(end)
        finally:
            self.d.logout()

    def _how_many(self) -> int:
        return self.rng.choices((0, 1, 2, 3), (30, 45, 20, 5))[0]

    def _at(self, t: dt.datetime) -> None:
        self.clock.set(max(self.clock.now(), t))

    def _later(self, at: dt.datetime, fn: Callable[[], Any]) -> None:
        self.seq += 1
        heapq.heappush(self.queue, (at, self.seq, fn))

    def _run_until(self, t: dt.datetime) -> None:
        while self.queue and self.queue[0][0] <= t:
            at, _, fn = heapq.heappop(self.queue)
            self._at(at)
            try:
                fn()
                self.events += 1
            except ValidationError:  # a plan overtaken by another (e.g. still paused)
                pass

    def _register(self, at: dt.datetime) -> None:
        rng = self.rng
        source = rng.choices([s for s, _ in SOURCES], [w for _, w in SOURCES])[0]
        category = rng.choices(DEFAULT_CATEGORIES, CATEGORY_WEIGHTS)[0]
        repeat = self.phones and rng.random() < 0.12
        if repeat:
            phone = rng.choice(self.phones[-40:])
        else:
            phone = f"1{rng.choice('3456789')}{rng.randrange(10 ** 9):09d}"
            self.phones.append(phone)
        description = rng.choice(PROBLEMS[category])
        request = rng.choice(REQUESTS)
        threat = source == Source.REGULATOR or rng.random() < 0.06
        if threat:
            request += "，否则投诉到工信部"
        self._at(at + dt.timedelta(minutes=3))
        self.seq += 1
        c = self.svc.register(ComplaintInput(
            source=source, received_at=at,
            customer_name=rng.choice(FAMILY) + rng.choice(GIVEN),
            phone=_typed(phone, self.seq), category=category, description=description,
            request=request, urgent=threat, vip=rng.random() < 0.08,
            external_no=f"GD{at:%Y%m%d}{self.seq:05d}" if source != Source.ON_SITE else None))
        self.registered += 1
        self._plan(c.id, at, threat)

    def _plan(self, cid: int, at: dt.datetime, threat: bool) -> None:
        rng, svc = self.rng, self.svc
        t = at + dt.timedelta(minutes=10)
        if threat and rng.random() < 0.5:
            t += dt.timedelta(hours=1)
            self._later(t, lambda: svc.escalate(cid, "客户声称向工信部申诉，报市公司"))
        if rng.random() < 0.06:
            t += dt.timedelta(hours=1)
            self._later(t, lambda: svc.start(cid, "已联系客户核实"))
            t += dt.timedelta(minutes=10)
            self._later(t, lambda: svc.pause(cid, "等待客户提供缴费凭证"))
            t += dt.timedelta(hours=rng.randrange(6, 30))
            self._later(t, lambda: svc.resume(cid, "客户已提供凭证"))
        age = self.d.now - at
        if dt.timedelta(days=2) < age < dt.timedelta(days=9) and rng.random() < 0.5:
            # the last days' backlog: started but not answered (overdue on 今日, the sheet)
            self._later(t + dt.timedelta(hours=1), lambda: svc.start(cid, "已转相关部门核查"))
            return
        late = rng.random() < 0.1
        t += dt.timedelta(hours=rng.randrange(50, 120) if late else rng.randrange(1, 8))
        self._later(t, lambda: svc.reply(cid, "已核实处理，向客户说明了原因和结果"))
        t += dt.timedelta(hours=rng.randrange(4, 30))
        roll = rng.random()
        if roll < 0.08:  # three failed attempts, closed with a note
            for result in (CallResult.NO_ANSWER, CallResult.BUSY, CallResult.NO_ANSWER):
                self._later(t, lambda r=result: svc.call_back(cid, r))
                t += dt.timedelta(hours=3)
            self._later(t, lambda: svc.close(cid, "三次回访未接通，已发短信告知处理结果"))
            return
        if roll < 0.25:
            self._later(t, lambda: svc.call_back(cid, CallResult.NO_ANSWER))
            t += dt.timedelta(hours=2)
        sat = rng.choices(list(Satisfaction), (70, 20, 10))[0]
        self._later(t, lambda: svc.call_back(
            cid, CallResult.ANSWERED, sat,
            "认为处理太慢" if sat == Satisfaction.DISSATISFIED else ""))
        self._later(t + dt.timedelta(minutes=10), lambda: svc.close(cid))
