"""The attendance demo step: the demo tellers on the roster (linked to their logins), a
punch pair per session on every working day with realistic lateness and early leave, a few
missing punches and absences, leave (one teller over the monthly limit), violations seen by
the duty managers, a rule change half-way, waivers by the hall manager and the last whole
month closed.

Runs inside the demo framework (``services.demo``) through the same service as the desk; the
day's punches go in as one batch (``import_punch_records``), as a clock machine's would.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from hallmanager.domain.attendance.fines import Item
from hallmanager.domain.attendance.timetable import (
    DayKind,
    HolidayTable,
    Rota,
    scheduled,
    timetable_for,
)
from hallmanager.domain.errors import DomainError
from hallmanager.services.attendance.calc import month_bounds, month_key
from hallmanager.services.attendance.service import AttendanceService
from hallmanager.services.attendance.views import StaffView
from hallmanager.services.demo import DemoContext

LEAVE_WEIGHTS = (("事假", 4), ("病假", 3), ("年假", 2), ("调休", 2), ("婚丧假", 1))
LATE_MINUTES = (1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 18, 25, 29, 31, 40, 55, 65)
WAIVE_REASONS = ("考勤机故障，当日打卡未上传", "经核实系替同事顶班后补登", "市公司会议延误，已报备")
PART_TIME = "RK0112"  # rests every Wednesday (a rota)


class AttendanceDemo:
    """Registered as the attendance module's ``demo`` in ``hallmanager.registry``."""

    def __init__(self, demo: DemoContext) -> None:
        self.d = demo
        self.svc: AttendanceService = demo.services.attendance
        self.rng = demo.rng
        self.now = demo.now
        self.people: list[StaffView] = []
        self.rotas: dict[int, Rota] = {}
        self.punches = self.leaves = self.violations = self.waivers = 0
        self.closed: list[str] = []
        self.pending: list[tuple[str, dt.datetime]] = []  # punches not imported yet
        self._logged_in = False
        self._dm = demo.duty_managers[0] if demo.duty_managers else None
        self.table: HolidayTable | None = None
        # the last month that is over and has demo days: closed three days after its end
        today = self.now.date()
        last = today.replace(day=1) - dt.timedelta(days=1)
        self.close_month = month_key(last) if last >= demo.first_day else None
        self.close_on = min(last + dt.timedelta(days=3), today)
        self.rule_change = demo.first_day + dt.timedelta(days=demo.days // 2)
        # a teller with more than three leave requests in one month (the monthly rule)
        second = (demo.first_day.replace(day=1) + dt.timedelta(days=40)).replace(day=1)
        self.busy_month = month_key(second)
        self.busy_left = 4  # leave requests of that teller that month (the rule allows 3)

    def counts(self) -> dict[str, int]:
        return {"attendance.staff": len(self.people), "attendance.punches": self.punches,
                "attendance.leaves": self.leaves, "attendance.violations": self.violations,
                "attendance.waivers": self.waivers, "attendance.closed_months": len(self.closed)}

    def summary(self) -> str:
        closed = f"，{'、'.join(self.closed)} 已月结" if self.closed else ""
        return (f"{len(self.people)} 人考勤：{self.punches} 条打卡，{self.leaves} 次请假，"
                f"{self.violations} 条违规，{self.waivers} 笔免罚{closed}")

    def setup(self) -> None:
        """The hall manager puts the tellers on the roster, linked to their logins."""
        def roster() -> None:
            for k, u in enumerate(self.d.tellers):
                hired = self.d.first_day - dt.timedelta(days=200 + 97 * k)
                phone = f"139{self.rng.randint(0, 99_999_999):08d}"
                st = self.svc.save_staff(None, staff_no=u.staff_no or f"RK{900 + k}",
                                         name=u.full_name, position="营业员", phone=phone,
                                         hire_date=hired, user_id=u.id)
                self.people.append(st)
                if st.staff_no == PART_TIME:
                    self.svc.set_rota(st.id, rest_weekdays=[2])
                    self.rotas[st.id] = Rota(rest_weekdays=frozenset({2}))
            t = self.svc.holiday_table()
            self.table = HolidayTable({h.date: h.kind for h in t.entries}, t.covered_until)
            self.timetables = self.svc.timetables().timetables
        self.d.as_admin(roster)

    def day(self, i: int, day: dt.date) -> None:
        today = self.now.date()
        clock = self.d.clock
        end_of_day = dt.datetime.combine(day, dt.time(21, 30)) if day < today else self.now
        clock.set(max(clock.now(), end_of_day))
        if day == self.rule_change:
            self._new_rules(day)
        if self.close_month and day == self.close_on:
            self._waive_and_close()
        assert self.table is not None
        kind = self.table.kind(day)
        tt = timetable_for(day, self.timetables)
        if tt is None or kind == DayKind.UNKNOWN:
            return
        rng = self.rng
        dm = self.d.duty_managers[i % len(self.d.duty_managers)]
        self._dm = dm
        try:
            for k, p in enumerate(self.people):
                if not scheduled(day, kind, self.rotas.get(p.id)):
                    continue
                busy = (k == 2 and month_key(day) == self.busy_month and day.day >= 12
                        and self.busy_left > 0)
                self.busy_left -= busy
                if busy or rng.random() < 0.025:
                    lt = "事假" if busy else rng.choices(
                        [t for t, _ in LEAVE_WEIGHTS], [w for _, w in LEAVE_WEIGHTS])[0]
                    self._desk()
                    try:
                        self.svc.record_leave(p.id, lt, day, note="已交请假条")
                        self.leaves += 1
                    except DomainError:
                        pass
                    continue
                if rng.random() < 0.004:  # absent without leave
                    continue
                for x in tt.sessions:
                    start, end = x.start_on(day), x.end_on(day)
                    arrive = start - dt.timedelta(seconds=rng.randint(3 * 60, 25 * 60))
                    if rng.random() < 0.07:
                        arrive = start + dt.timedelta(minutes=rng.choice(LATE_MINUTES),
                                                      seconds=rng.randint(0, 59))
                    leave = end + dt.timedelta(seconds=rng.randint(0, 15 * 60))
                    if rng.random() < 0.02:
                        leave = end - dt.timedelta(minutes=rng.randint(2, 40),
                                                   seconds=rng.randint(0, 59))
                    pair = [arrive, leave]
                    if rng.random() < 0.01:
                        pair.pop(rng.randrange(2))  # a forgotten punch (缺卡)
                    self.pending += [(p.staff_no, t) for t in pair if t <= self.now]
            if self.people and rng.random() < 0.1:
                self._violation(day, tt.sessions[0].start_on(day), dm.id)
            # the clock machine's export is imported weekly, at month end and on the last day
            if self.pending and (day.weekday() == 6 or day == today
                                 or (day + dt.timedelta(days=1)).day == 1):
                self._desk()
                self.punches += self.svc.import_punch_records(
                    self.pending, label=f"考勤机导出（至 {day.isoformat()}）").imported
                self.pending = []
        finally:
            if self._logged_in:
                self.d.logout()
                self._logged_in = False

    def _desk(self) -> None:
        """Log the day's duty manager in at the desk (once a day, only when needed)."""
        if not self._logged_in:
            assert self._dm is not None
            self.d.login(self._dm)
            self._logged_in = True

    def _violation(self, day: dt.date, start: dt.datetime, seen_by: int) -> None:
        """One violation seen by the day's duty manager (logged in for it)."""
        at = start + dt.timedelta(minutes=self.rng.randint(20, 150))
        if at > self.now:
            return
        p = self.rng.choice(self.people)
        self._desk()
        item = Item.LEFT_POST if self.rng.random() < 0.2 else Item.NO_UNIFORM
        note = "午间外出购物约 20 分钟" if item == Item.LEFT_POST else "未佩戴工牌、未穿工装"
        self.svc.record_violation(p.id, item, at, seen_by=seen_by, note=note)
        self.violations += 1

    def _new_rules(self, day: dt.date) -> None:
        """Half-way the hall manager allows one minute's grace (a new rule version)."""
        def save() -> None:
            cur = self.svc.rules_on(day).rules
            self.svc.save_rules(dataclasses.replace(cur, effective_from=day, grace_seconds=60),
                                note="考勤机与北京时间有误差，宽限 1 分钟（厅务会决定）")
        self.d.as_admin(save)

    def _waive_and_close(self) -> None:
        assert self.close_month is not None
        month = self.close_month
        last = month_bounds(month)[1]

        def run() -> None:
            report = self.svc.month_report(month)
            fines = [f for r in report.rows for f in r.fines if f.fen and not f.waived]
            for f in self.rng.sample(fines, min(2, len(fines))):
                self.svc.waive_fine(f.key, self.rng.choice(WAIVE_REASONS))
                self.waivers += 1
            self.svc.close_month(month)
            self.closed.append(month)
        if last < self.now.date():
            self.d.as_admin(run)
