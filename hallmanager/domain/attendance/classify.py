"""Classifying a person's day (考勤判定): punches → each session on time, late, early leave,
missing punch (缺卡), absent (旷工), on leave, rest or holiday — and the fines that follow,
each one saying which rule (and version) produced it.

Pairing punches with sessions: the time between two sessions is split at its midpoint, the
first session's window opens 4 h before it starts, the last closes 6 h after it ends. In a
session's window the first punch is the arrival and the last the departure; a single punch
counts as arrival if it is before the middle of the session, else as departure.

Counting (the hall's rules may differ; these are the defaults, stated):
- each late arrival and each early departure is one occurrence (a split day can have two);
- a scheduled day with a session that has no punch at all (and no leave) is one 旷工 for the
  day, fined once; a session with only one of its two punches is 缺卡 (counted, not fined);
- approved leave covers its sessions: no lateness, no absence;
- 未提前到岗 (arrived on time but less than N minutes early) is counted, not fined, unless
  the rules give it a fine.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from hallmanager.domain.attendance.fines import Item, RuleSet, Tier
from hallmanager.domain.attendance.timetable import DayKind, Session
from hallmanager.domain.money import format_fen

BEFORE_FIRST = dt.timedelta(hours=4)
AFTER_LAST = dt.timedelta(hours=6)
LEAVE_TYPES = ("事假", "病假", "年假", "调休", "婚丧假")


class Mark(StrEnum):
    """The symbol of a day in the monthly 考勤表 grid."""

    PRESENT = "√"
    LATE = "迟"
    EARLY = "早"
    ABSENT = "旷"
    LEAVE = "假"
    REST = "休"
    MISSING = "缺"
    PENDING = "…"  # today, not over yet
    UNKNOWN = "?"  # beyond the holiday table


@dataclass(frozen=True)
class SessionResult:
    session: Session
    start: dt.datetime
    end: dt.datetime
    arrived: dt.datetime | None = None
    left: dt.datetime | None = None
    late_s: int = 0
    early_s: int = 0
    leave_type: str | None = None
    not_early: bool = False  # on time but later than the early-arrival target
    pending: bool = False  # the session has not ended yet and there is no departure

    @property
    def absent(self) -> bool:
        return (self.leave_type is None and self.arrived is None and self.left is None
                and not self.pending)

    @property
    def missing_in(self) -> bool:
        return self.leave_type is None and self.arrived is None and self.left is not None

    @property
    def missing_out(self) -> bool:
        return (self.leave_type is None and self.arrived is not None and self.left is None
                and not self.pending)


@dataclass(frozen=True)
class Fine:
    """One fine and why: ``kind`` late/early/absent/item/monthly_leave/not_early."""

    kind: str
    fen: int
    rule_version: int
    explanation: str  # e.g. "迟到 31:05（超过 30 分钟、不超过 60 分钟）→ ¥100.00，规则第 1 版"
    seconds: int = 0
    session: str | None = None


@dataclass(frozen=True)
class DayResult:
    day: dt.date
    kind: DayKind
    scheduled: bool
    sessions: tuple[SessionResult, ...] = ()
    fines: tuple[Fine, ...] = ()

    def _facts(self) -> tuple[int, int, bool, int, bool, bool, Mark, int, int, int]:
        """(late count, early count, absent, missing, on leave, present, mark, late seconds,
        early seconds, not-early count) in one pass over the sessions, kept: a result is
        immutable and a month report asks often."""
        f = self.__dict__.get("_facts_")
        if f is not None:
            return f
        late = early = missing = late_s = early_s = not_early = 0
        absent = present = any_pending = any_leave = False
        all_leave = bool(self.sessions)
        for s in self.sessions:
            late += s.late_s > 0
            early += s.early_s > 0
            late_s += s.late_s
            early_s += s.early_s
            not_early += s.not_early
            absent = absent or s.absent
            missing += s.missing_in or s.missing_out
            present = present or bool(s.arrived or s.left)
            any_pending = any_pending or s.pending
            any_leave = any_leave or bool(s.leave_type)
            all_leave = all_leave and bool(s.leave_type)
        if self.kind == DayKind.UNKNOWN and not self.sessions:
            mark = Mark.UNKNOWN
        elif not self.scheduled:
            mark = Mark.REST
        elif absent:
            mark = Mark.ABSENT
        elif late:
            mark = Mark.LATE
        elif early:
            mark = Mark.EARLY
        elif missing:
            mark = Mark.MISSING
        elif any_pending and not present:
            mark = Mark.PENDING
        elif all_leave or (any_leave and not present):
            mark = Mark.LEAVE
        else:
            mark = Mark.PRESENT
        f = (late, early, absent, missing, all_leave, present, mark, late_s, early_s, not_early)
        self.__dict__["_facts_"] = f  # frozen dataclass: a private cache, not a field
        return f

    @property
    def late_count(self) -> int:
        return self._facts()[0]

    @property
    def early_count(self) -> int:
        return self._facts()[1]

    @property
    def absent(self) -> bool:
        return self._facts()[2]

    @property
    def missing(self) -> int:
        return self._facts()[3]

    @property
    def on_leave(self) -> bool:
        return self._facts()[4]

    @property
    def present(self) -> bool:
        return self._facts()[5]

    @property
    def fine_fen(self) -> int:
        return sum(f.fen for f in self.fines)

    @property
    def mark(self) -> Mark:
        return self._facts()[6]


def whole_seconds(delta: dt.timedelta) -> int:
    return int(delta.total_seconds())


def mmss(seconds: int) -> str:
    m, s = divmod(int(seconds), 60)
    return f"{m}:{s:02d}"


def windows(day: dt.date, sessions: Sequence[Session]) -> list[tuple[dt.datetime, dt.datetime]]:
    """The time window of each session's punches (see the module docstring)."""
    return [(lo, hi) for _s, _a, _b, lo, hi, _m in _plan(day, tuple(sessions))]


@functools.lru_cache(maxsize=4096)
def _plan(day: dt.date, sessions: tuple[Session, ...]
          ) -> tuple[tuple[Session, dt.datetime, dt.datetime, dt.datetime, dt.datetime,
                           dt.datetime], ...]:
    """Each session's start, end, punch window and middle on ``day``. Cached: every person
    of the hall shares the day's timetable."""
    bounds = [(s.start_on(day), s.end_on(day)) for s in sessions]
    out = []
    for i, (start, end) in enumerate(bounds):
        lo = start - BEFORE_FIRST if i == 0 else bounds[i - 1][1] + (start - bounds[i - 1][1]) / 2
        hi = end + AFTER_LAST if i == len(bounds) - 1 else end + (bounds[i + 1][0] - end) / 2
        out.append((sessions[i], start, end, lo, hi, start + (end - start) / 2))
    return tuple(out)


def classify_day(day: dt.date, *, kind: DayKind, scheduled: bool, sessions: Sequence[Session],
                 punches: Iterable[dt.datetime], rules: RuleSet,
                 leave: dict[int, str] | str | None = None,
                 now: dt.datetime | None = None) -> DayResult:
    """One person's day. ``leave`` is a leave type for the whole day, or session index →
    leave type. ``now`` (default: never) marks sessions not yet over as pending."""
    if not scheduled:
        return DayResult(day, kind, False)
    stamps = sorted(p.replace(microsecond=0) if p.microsecond else p for p in punches)
    results: list[SessionResult] = []
    early_target = dt.timedelta(minutes=rules.early_arrival_minutes)
    grace = rules.grace_seconds
    for i, (s, start, end, lo, hi, middle) in enumerate(_plan(day, tuple(sessions))):
        lt = leave if isinstance(leave, str) else (leave or {}).get(i)
        mine = [p for p in stamps if lo <= p < hi]
        arrived = left = None
        if len(mine) >= 2:
            arrived, left = mine[0], mine[-1]
        elif mine:
            if mine[0] < middle:
                arrived = mine[0]
            else:
                left = mine[0]
        pending = now is not None and now < end and left is None
        late = max(0, whole_seconds(arrived - start)) if arrived else 0
        early = max(0, whole_seconds(end - left)) if left else 0
        if lt:
            late = early = 0
        late = late if late > grace else 0
        early = early if early > grace else 0
        not_early = bool(arrived and not lt and late == 0 and arrived > start - early_target)
        results.append(SessionResult(s, start, end, arrived, left, late, early, lt, not_early,
                                     pending))
    res = DayResult(day, kind, True, tuple(results))
    fines = day_fines(res, rules)
    return DayResult(day, kind, True, res.sessions, tuple(fines)) if fines else res


def _tier_text(t: Tier | None) -> str:
    return f"（{t.label}）" if t else ""


def day_fines(res: DayResult, rules: RuleSet) -> list[Fine]:
    """The fines of a classified day under ``rules``, each with its explanation."""
    out: list[Fine] = []
    v = rules.version
    for r in res.sessions:
        label = r.session.label
        if r.late_s:
            fen, tier = rules.late_fine(r.late_s)
            out.append(Fine("late", fen, v, f"{label} 迟到 {mmss(r.late_s)}{_tier_text(tier)}"
                            f" → {format_fen(fen)}，规则第 {v} 版", r.late_s, label))
        if r.early_s:
            fen, tier = rules.early_fine(r.early_s)
            out.append(Fine("early", fen, v, f"{label} 早退 {mmss(r.early_s)}{_tier_text(tier)}"
                            f" → {format_fen(fen)}，规则第 {v} 版", r.early_s, label))
        if r.not_early and rules.fine_not_early:
            out.append(Fine("not_early", rules.fine_not_early, v,
                            f"{label} 未提前 {rules.early_arrival_minutes} 分钟到岗 → "
                            f"{format_fen(rules.fine_not_early)}，规则第 {v} 版", 0, label))
    if res.absent:
        fen = rules.item_fine(Item.ABSENT)
        out.append(Fine("absent", fen, v, f"旷工（无打卡、无请假）→ {format_fen(fen)}，"
                                          f"规则第 {v} 版"))
    return out


@dataclass
class MonthSummary:
    """One person's month (月度考勤汇总)."""

    scheduled_days: int = 0
    present_days: int = 0
    late_count: int = 0
    late_seconds: int = 0
    early_count: int = 0
    early_seconds: int = 0
    absences: int = 0
    missing_punches: int = 0
    leave_days: int = 0
    leave_requests: int = 0
    not_early: int = 0
    violations: int = 0
    fines: list[Fine] = field(default_factory=list)
    marks: dict[dt.date, Mark] = field(default_factory=dict)

    @property
    def fine_fen(self) -> int:
        return sum(f.fen for f in self.fines)


def summarize(days: Iterable[DayResult], *, leave_requests: int = 0,
              violations: Sequence[Fine] = (), rules: RuleSet | None = None) -> MonthSummary:
    """Fold classified days (and the month's violations) into the month's figures; with
    ``rules`` the monthly leave rule is applied."""
    m = MonthSummary(leave_requests=leave_requests)
    for d in days:
        late, early, absent, missing, on_leave, present, mark, late_s, early_s, not_early = \
            d._facts()
        m.marks[d.day] = mark
        if not d.scheduled:
            continue
        m.scheduled_days += 1
        m.present_days += 1 if present else 0
        m.late_count += late
        m.late_seconds += late_s
        m.early_count += early
        m.early_seconds += early_s
        m.absences += 1 if absent else 0
        m.missing_punches += missing
        m.leave_days += 1 if on_leave else 0
        m.not_early += not_early
        m.fines.extend(d.fines)
    m.violations = len(violations)
    m.fines.extend(violations)
    if rules is not None and leave_requests > rules.monthly_leave_limit:
        fen = rules.monthly_leave_fine_fen
        m.fines.append(Fine("monthly_leave", fen, rules.version,
                            f"本月请假 {leave_requests} 次，超过 {rules.monthly_leave_limit} 次 → "
                            f"{format_fen(fen)}，规则第 {rules.version} 版"))
    return m
