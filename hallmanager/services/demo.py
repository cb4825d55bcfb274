"""A realistic demo hall (日喀则分公司上海中路营业厅) with 90 days of duty logs.

Everything goes through the real services as the demo users (logging in and out), so the data
obeys every rule and the audit chain is valid. For speed the services share one write
transaction per demo day (``_BatchDatabase``) instead of one commit (and fsync) per action;
the passwords are hashed with the test-strength Argon2id, which the first real login upgrades.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from hallmanager.domain.clock import Clock, ManualClock
from hallmanager.domain.dutylog import Absence
from hallmanager.domain.dutylog.checklist import (
    DEFAULT_CHECKLIST,
    Anchor,
    AppliesTo,
    ChecklistItemDef,
)
from hallmanager.domain.errors import Conflict
from hallmanager.domain.roles import Role
from hallmanager.domain.shifts import DEFAULT_SHIFTS, ShiftDef, current_shift
from hallmanager.services.auth import AuthService, make_hasher
from hallmanager.services.context import ServiceContext, UserInfo
from hallmanager.services.dutylog import DutyLogService, DutyLogView
from hallmanager.services.settings import SettingsService
from hallmanager.storage.database import Database, DbSession
from hallmanager.storage.repositories import audit as audit_repo

T = TypeVar("T")

HALL_NAME = "日喀则分公司上海中路营业厅"
HALL_CODE = "RKZ-0102"
ADMIN_USERNAME = "admin"
# Demo-only passwords (documented in the README); they satisfy domain.validation.check_password.
ADMIN_PASSWORD = "Demo2026admin"
DUTY_PASSWORD = "Demo2026duty"
TELLER_PASSWORD = "Demo2026teller"

HALL_MANAGER_NAME = "王建华"
DUTY_MANAGERS = (("cirendj", "次仁多吉", "RK0011"), ("lixy", "李晓燕", "RK0012"),
                 ("dawazm", "达瓦卓玛", "RK0013"))
TELLERS = ("格桑拉姆", "扎西平措", "陈静", "普布次仁", "德吉央宗", "刘洋", "索朗旺姆", "张丽",
           "边巴顿珠", "赵敏", "尼玛卓嘎", "杨帆")

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


@dataclass(frozen=True)
class DemoResult:
    admin_username: str
    passwords: dict[str, str]  # username → password
    hall_name: str
    days: int
    logs: int
    signed_logs: int
    faults: int
    handover_items: int
    audit_entries: int
    seconds: float


class _BatchDatabase:
    """Wraps a Database so that, inside ``batch()``, every service action joins one shared
    transaction; outside a batch it behaves like the database itself."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._session: DbSession | None = None
        self.url = db.url

    @property
    def path(self) -> Path | None:
        return self._db.path

    @contextmanager
    def batch(self) -> Iterator[None]:
        with self._db.write() as s:
            self._session = s
            try:
                yield
            finally:
                self._session = None

    @contextmanager
    def write(self) -> Iterator[DbSession]:
        if self._session is None:
            with self._db.write() as s:
                yield s
            return
        yield self._session
        self._session.flush()

    @contextmanager
    def read(self) -> Iterator[DbSession]:
        if self._session is None:
            with self._db.read() as s:
                yield s
            return
        yield self._session

    def dispose(self) -> None:  # the caller owns the real database
        pass


class _Demo:
    def __init__(self, db: Database, now: dt.datetime, days: int, seed: int) -> None:
        self.bdb = _BatchDatabase(db)
        self.now = now
        self.days = days
        self.rng = random.Random(seed)
        self.clock = ManualClock(dt.datetime.combine(now.date() - dt.timedelta(days=days + 1),
                                                     dt.time(7, 0)))
        self.ctx = ServiceContext(self.bdb, self.clock)  # type: ignore[arg-type]
        self.auth = AuthService(self.ctx, make_hasher(fast=True))
        self.settings = SettingsService(self.ctx)
        self.dutylog = DutyLogService(self.ctx, self.auth.recheck_password)
        self.passwords: dict[str, str] = {}
        self.dms: list[UserInfo] = []
        self.tellers: list[UserInfo] = []
        self.shifts: list[ShiftDef] = []
        self.logs = self.signed = self.items = 0
        self.faults: dict[int, int] = {}  # index in FAULTS → fault id

    # --- people ------------------------------------------------------------------------
    def setup(self) -> None:
        if not self.auth.needs_setup():
            raise Conflict("数据库中已有营业厅数据，不能创建演示数据")
        with self.bdb.batch():
            self.auth.setup(hall_name=HALL_NAME, hall_code=HALL_CODE, username=ADMIN_USERNAME,
                            full_name=HALL_MANAGER_NAME, password=ADMIN_PASSWORD,
                            shifts=list(DEFAULT_SHIFTS))
            self.passwords[ADMIN_USERNAME] = ADMIN_PASSWORD
            self.auth.login(ADMIN_USERNAME, ADMIN_PASSWORD)
            created: list[tuple[UserInfo, str]] = []
            for uname, name, no in DUTY_MANAGERS:
                u = self.auth.create_user(username=uname, full_name=name,
                                          role=Role.DUTY_MANAGER, password=DUTY_PASSWORD,
                                          staff_no=no)
                self.dms.append(u)
                created.append((u, DUTY_PASSWORD))
            for n, name in enumerate(TELLERS, start=1):
                no = f"RK{100 + n:04d}"
                u = self.auth.create_user(username=no.lower(), full_name=name, role=Role.TELLER,
                                          password=TELLER_PASSWORD, staff_no=no)
                self.tellers.append(u)
                created.append((u, TELLER_PASSWORD))
            self.auth.logout()
            # each person sets their password once, so the demo logins are not forced to change
            for u, pw in created:
                self.clock.advance(minutes=1)
                self.auth.login(u.username, pw)
                self.auth.change_password(pw, pw)
                self.auth.logout()
                self.passwords[u.username] = pw
            self.shifts = [i.to_def() for i in self._as_admin(self.settings.shifts)]
            self._as_admin(self._settings)

    def _settings(self) -> None:
        """The hall manager confirms the default duty-log rules once (saved, not implied)."""
        s = self.dutylog.settings()
        self.dutylog.save_settings(meeting_limit_minutes=s.meeting_limit_minutes,
                                   due_soon_minutes=s.due_soon_minutes,
                                   inspection_items=list(s.inspection_items))

    def _as_admin(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` logged in as the hall manager (and log out again)."""
        self.auth.login(ADMIN_USERNAME, ADMIN_PASSWORD)
        try:
            return fn()
        finally:
            self.auth.logout()

    def _login(self, user: UserInfo) -> None:
        self.auth.login(user.username, self.passwords[user.username])

    # --- days --------------------------------------------------------------------------
    def run(self) -> None:
        today = self.now.date()
        start = today - dt.timedelta(days=self.days)
        ordered = sorted(self.shifts, key=lambda s: (s.start, s.id))
        cur = current_shift(ordered, self.now)
        for i in range(self.days + 1):
            day = start + dt.timedelta(days=i)
            with self.bdb.batch():
                if i == self.days // 2:
                    self._new_template_version(day)
                for k, shift in enumerate(ordered):
                    dm = self.dms[(2 * i + k) % len(self.dms)]  # late ≠ next early
                    if day < today:
                        self._shift(day, shift, dm, finish=True)
                    elif shift == cur:  # today's current shift stays a draft in progress
                        self._shift(day, shift, dm, finish=False)
                    elif shift.end_on(day) + dt.timedelta(minutes=40) <= self.now:
                        self._shift(day, shift, dm, finish=True)
                    elif shift.start_on(day) - dt.timedelta(minutes=35) <= self.now:
                        self._shift(day, shift, dm, finish=False)
                if i in (20, 55):
                    self._amend(day)
        self.clock.set(max(self.clock.now(), self.now))

    def _new_template_version(self, day: dt.date) -> None:
        self.clock.set(dt.datetime.combine(day, dt.time(7, 30)))
        items = [*DEFAULT_CHECKLIST,
                 ChecklistItemDef("自助终端凭条纸、宣传单页补充", Anchor.START, 90, AppliesTo.ALL)]
        self._as_admin(lambda: self.dutylog.save_checklist_template(
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
        on_duty = rng.sample(self.tellers, 6)
        absent: list[Absence] = []
        if rng.random() < 0.25:
            who = rng.choice([t for t in self.tellers if t not in on_duty])
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
            self.auth.logout()
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
        self.dutylog.sign(log.id, self.passwords[dm.username], confirm_warnings=True)
        self.signed += 1
        self.auth.logout()

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
        self._as_admin(fix)


def create_demo(db: Database, clock: Clock, *, days: int = 90, seed: int = 20261122
                ) -> DemoResult:
    """Fill an empty database with the demo hall: people, shifts, ``days`` days of signed
    logs ending yesterday and today's log(s) in progress at ``clock.now()``."""
    started = time.perf_counter()
    demo = _Demo(db, clock.now().replace(microsecond=0), days, seed)
    demo.setup()
    demo.run()
    with db.read() as s:
        audits = audit_repo.count_entries(s)
    return DemoResult(
        admin_username=ADMIN_USERNAME, passwords=dict(demo.passwords), hall_name=HALL_NAME,
        days=days, logs=demo.logs, signed_logs=demo.signed, faults=len(demo.faults),
        handover_items=demo.items, audit_entries=audits,
        seconds=round(time.perf_counter() - started, 2))
