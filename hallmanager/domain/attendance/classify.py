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

    @property
    def late_count(self) -> int:
        return sum(1 for s in self.sessions if s.late_s > 0)

    @property
    def early_count(self) -> int:
        return sum(1 for s in self.sessions if s.early_s > 0)

    @property
    def absent(self) -> bool:
        return any(s.absent for s in self.sessions)

    @property
    def missing(self) -> int:
        return sum(1 for s in self.sessions if s.missing_in or s.missing_out)

    @property
    def on_leave(self) -> bool:
        return bool(self.sessions) and all(s.leave_type for s in self.sessions)

    @property
    def present(self) -> bool:
        return any(s.arrived or s.left for s in self.sessions)

    @property
    def fine_fen(self) -> int:
        return sum(f.fen for f in self.fines)

    @property
    def mark(self) -> Mark:
        if self.kind == DayKind.UNKNOWN and not self.sessions:
            return Mark.UNKNOWN
        if not self.scheduled:
            return Mark.REST
        if self.absent:
            return Mark.ABSENT
        if self.late_count:
            return Mark.LATE
        if self.early_count:
            return Mark.EARLY
        if self.missing:
            return Mark.MISSING
        if any(s.pending for s in self.sessions) and not self.present:
            return Mark.PENDING
        if self.on_leave or (any(s.leave_type for s in self.sessions) and not self.present):
            return Mark.LEAVE
        return Mark.PRESENT


def whole_seconds(delta: dt.timedelta) -> int:
    return int(delta.total_seconds())


def mmss(seconds: int) -> str:
    m, s = divmod(int(seconds), 60)
    return f"{m}:{s:02d}"


def windows(day: dt.date, sessions: Sequence[Session]) -> list[tuple[dt.datetime, dt.datetime]]:
    """The time window of each session's punches (see the module docstring)."""
    return list(_windows(day, tuple(sessions)))


@functools.lru_cache(maxsize=4096)
def _windows(day: dt.date, sessions: tuple[Session, ...]
             ) -> tuple[tuple[dt.datetime, dt.datetime], ...]:
    """Cached: every person of the hall shares the day's timetable."""
    bounds = [(s.start_on(day), s.end_on(day)) for s in sessions]
    out = []
    for i, (start, end) in enumerate(bounds):
        lo = start - BEFORE_FIRST if i == 0 else bounds[i - 1][1] + (start - bounds[i - 1][1]) / 2
        hi = end + AFTER_LAST if i == len(bounds) - 1 else end + (bounds[i + 1][0] - end) / 2
        out.append((lo, hi))
    return tuple(out)


def classify_day(day: dt.date, *, kind: DayKind, scheduled: bool, sessions: Sequence[Session],
                 punches: Iterable[dt.datetime], rules: RuleSet,
                 leave: dict[int, str] | str | None = None,
                 now: dt.datetime | None = None) -> DayResult:
    """One person's day. ``leave`` is a leave type for the whole day, or session index →
    leave type. ``now`` (default: never) marks sessions not yet over as pending."""
    if not scheduled:
        return DayResult(day, kind, False)
    stamps = sorted(p.replace(microsecond=0) for p in punches)
    results: list[SessionResult] = []
    early_target = dt.timedelta(minutes=rules.early_arrival_minutes)
    for i, (s, (lo, hi)) in enumerate(zip(sessions, windows(day, sessions), strict=True)):
        start, end = s.start_on(day), s.end_on(day)
        lt = leave if isinstance(leave, str) else (leave or {}).get(i)
        mine = [p for p in stamps if lo <= p < hi]
        arrived = left = None
        if len(mine) >= 2:
            arrived, left = mine[0], mine[-1]
        elif mine:
            if mine[0] < start + (end - start) / 2:
                arrived = mine[0]
            else:
                left = mine[0]
        pending = now is not None and now < end and left is None
        late = max(0, whole_seconds(arrived - start)) if arrived else 0
        early = max(0, whole_seconds(end - left)) if left else 0
        if lt:
            late = early = 0
        late = late if late > rules.grace_seconds else 0
        early = early if early > rules.grace_seconds else 0
        not_early = bool(arrived and not lt and late == 0 and arrived > start - early_target)
        results.append(SessionResult(s, start, end, arrived, left, late, early, lt, not_early,
                                     pending))
    res = DayResult(day, kind, True, tuple(results))
    return DayResult(day, kind, True, tuple(results), tuple(day_fines(res, rules)))


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
        m.marks[d.day] = d.mark
        if not d.scheduled:
            continue
        m.scheduled_days += 1
        m.present_days += 1 if d.present else 0
        m.late_count += d.late_count
        m.late_seconds += sum(s.late_s for s in d.sessions)
        m.early_count += d.early_count
        m.early_seconds += sum(s.early_s for s in d.sessions)
        m.absences += 1 if d.absent else 0
        m.missing_punches += d.missing
        m.leave_days += 1 if d.on_leave else 0
        m.not_early += sum(1 for s in d.sessions if s.not_early)
        m.fines.extend(d.fines)
    m.violations = len(violations)
    m.fines.extend(violations)
    if rules is not None and leave_requests > rules.monthly_leave_limit:
        fen = rules.monthly_leave_fine_fen
        m.fines.append(Fine("monthly_leave", fen, rules.version,
                            f"本月请假 {leave_requests} 次，超过 {rules.monthly_leave_limit} 次 → "
                            f"{format_fen(fen)}，规则第 {rules.version} 版"))
    return m
