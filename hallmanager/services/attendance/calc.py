"""Everything classification needs for a date range, loaded once (a handful of queries), then
classified in memory with the domain rules: timetables, the holiday table, rotas, rule
versions, leave, punches, violations and waivers. A month of 60 people is one ``Book``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from hallmanager.domain.attendance.classify import (
    DayResult,
    Fine,
    Mark,
    MonthSummary,
    classify_day,
    summarize,
)
from hallmanager.domain.attendance.fines import (
    DEFAULT_RULES,
    Item,
    RuleSet,
    rules_for,
    rules_from_dict,
)
from hallmanager.domain.attendance.timetable import (
    DEFAULT_TIMETABLES,
    DayKind,
    HolidayTable,
    MonthDay,
    Rota,
    Session,
    Timetable,
    scheduled,
    timetable_for,
)
from hallmanager.domain.money import format_fen
from hallmanager.domain.shifts import parse_hhmm
from hallmanager.services.attendance.views import (
    DayView,
    FineView,
    PersonMonth,
    SessionView,
    StaffRef,
)
from hallmanager.storage.attendance import repository as repo
from hallmanager.storage.attendance.models import Staff, Violation, Waiver
from hallmanager.storage.database import DbSession

DAY = dt.timedelta(days=1)


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    """'2026-11' → (2026-11-01, 2026-11-30)."""
    y, m = (int(x) for x in month.split("-"))
    first = dt.date(y, m, 1)
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return first, nxt - DAY


def months_between(start: dt.date, end: dt.date) -> list[str]:
    out, d = [], start.replace(day=1)
    while d <= end:
        out.append(month_key(d))
        d = (d + dt.timedelta(days=32)).replace(day=1)
    return out


def day_fine_key(staff_id: int, day: dt.date, f: Fine) -> str:
    return f"{staff_id}:{day.isoformat()}:{f.kind}:{f.session or ''}"


def monthly_fine_key(staff_id: int, month: str) -> str:
    return f"{staff_id}:{month}:monthly_leave"


def violation_fine_key(violation_id: int) -> str:
    return f"v{violation_id}"


# --- configuration ---------------------------------------------------------------------------
def load_timetables(s: DbSession) -> tuple[tuple[Timetable, ...], bool]:
    """The saved timetables (or the defaults, ``saved`` False)."""
    rows = repo.timetables(s)
    if not rows:
        return DEFAULT_TIMETABLES, False
    return tuple(
        Timetable(t.name, tuple(Session(parse_hhmm(x.start), parse_hhmm(x.end)) for x in ss),
                  MonthDay.parse(t.valid_from), MonthDay.parse(t.valid_to))
        for t, ss in rows), True


def load_rules(s: DbSession) -> list[RuleSet]:
    """Every rule version (the defaults as version 1 until one is saved)."""
    rows = repo.rule_versions(s)
    if not rows:
        return [DEFAULT_RULES]
    return [rules_from_dict(r.version, r.effective_from, json.loads(r.rules_json)) for r in rows]


def load_holidays(s: DbSession, start: dt.date | None = None,
                  end: dt.date | None = None) -> tuple[HolidayTable, dict[dt.date, str]]:
    """The holiday table (of ``start`` … ``end`` when given) and the days' names."""
    st = repo.settings(s)
    rows = repo.holidays(s, start, end)
    table = HolidayTable({h.date: DayKind(h.kind) for h in rows},
                         st.holidays_covered_until if st else None)
    return table, {h.date: h.name for h in rows}


def rota_of(row: object) -> Rota:
    r = row  # an ORM Rota
    wd = frozenset(int(x) for x in r.rest_weekdays.split(",") if x.strip())  # type: ignore[attr-defined]
    rest = frozenset(dt.date.fromisoformat(x) for x in json.loads(r.rest_dates_json))  # type: ignore[attr-defined]
    work = frozenset(dt.date.fromisoformat(x) for x in json.loads(r.work_dates_json))  # type: ignore[attr-defined]
    return Rota(wd, rest, work)


def ref(st: Staff) -> StaffRef:
    return StaffRef(st.id, st.staff_no, st.name)


@dataclass(frozen=True)
class _Person:
    """A roster row's fields the day loop reads, taken once (ORM attribute access is slow),
    with the person's own records of the book."""

    id: int
    ref: StaffRef
    hired: dt.date | None
    left: dt.date | None
    rota: Rota | None
    punches: list[dt.datetime]
    has_leave: bool

    @classmethod
    def of(cls, st: Staff, book: Book) -> _Person:
        sid = st.id
        return cls(sid, StaffRef(sid, st.staff_no, st.name), st.hire_date, st.leave_date,
                   book.rotas.get(sid), book.punches.get(sid, []), sid in book.leaves)


@dataclass
class Book:
    """One range's data for some people, ready to classify."""

    start: dt.date
    end: dt.date
    now: dt.datetime
    staff: list[Staff]
    timetables: tuple[Timetable, ...]
    holidays: HolidayTable
    holiday_names: dict[dt.date, str]
    rules: list[RuleSet]
    rotas: dict[int, Rota] = field(default_factory=dict)
    punches: dict[int, list[dt.datetime]] = field(default_factory=dict)
    leaves: dict[int, list[tuple[dt.date, dt.date, str, tuple[int, ...]]]] = field(
        default_factory=dict)
    leave_starts: dict[int, list[dt.date]] = field(default_factory=dict)
    violations: dict[int, list[Violation]] = field(default_factory=dict)
    waivers: dict[str, Waiver] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)  # user id → name (waived by, seen by)
    today: dt.date = field(init=False)  # days after it are not classified

    def __post_init__(self) -> None:
        self.today = self.now.date()

    @classmethod
    def load(cls, s: DbSession, start: dt.date, end: dt.date, now: dt.datetime,
             staff: Sequence[Staff], user_names: dict[int, str]) -> Book:
        ids = [x.id for x in staff]
        tts, _ = load_timetables(s)
        table, names = load_holidays(s, start - DAY, end + DAY)
        b = cls(start, end, now, list(staff), tts, table, names, load_rules(s),
                names=user_names)
        b.rotas = {r.staff_id: rota_of(r) for r in repo.rotas(s) if r.staff_id in set(ids)}
        # punches of a day may fall on the next (a session crossing midnight) or the day before
        lo = dt.datetime.combine(start - DAY, dt.time())
        hi = dt.datetime.combine(end + 2 * DAY, dt.time())
        p: dict[int, list[dt.datetime]] = defaultdict(list)
        for sid, at in repo.punch_stamps(s, lo, hi, ids if len(ids) < 500 else None):
            p[sid].append(at)
        b.punches = p
        # the monthly leave rule counts requests that start in a month: load whole months
        m_first = start.replace(day=1)
        m_last = month_bounds(month_key(end))[1]
        for lv in repo.leaves(s, min(m_first, start), max(m_last, end), ids):
            if not lv.approved:
                continue
            sess = tuple(int(x) for x in lv.sessions.split(",") if x.strip())
            b.leaves.setdefault(lv.staff_id, []).append(
                (lv.start_date, lv.end_date, lv.leave_type, sess))
            b.leave_starts.setdefault(lv.staff_id, []).append(lv.start_date)
        for v in repo.violations(s, dt.datetime.combine(start, dt.time()),
                                 dt.datetime.combine(end + DAY, dt.time()), ids):
            b.violations.setdefault(v.staff_id, []).append(v)
        b.waivers = {w.fine_key: w for w in repo.waivers(s, m_first, m_last, ids)}
        return b

    # --- one person ---------------------------------------------------------------------
    def rules_on(self, day: dt.date) -> RuleSet:
        return rules_for(day, self.rules)

    def _day(self, day: dt.date) -> tuple[DayKind, Timetable | None, RuleSet,
                                          dt.datetime, dt.datetime, dt.datetime | None]:
        """What every person shares on ``day`` (kind, timetable, rules, the span of punches
        that may belong to it, the ``now`` that marks pending sessions), worked out once."""
        cache: dict[dt.date, tuple[DayKind, Timetable | None, RuleSet, dt.datetime,
                                   dt.datetime, dt.datetime | None]] = \
            self.__dict__.setdefault("_day_cache", {})
        hit = cache.get(day)
        if hit is None:
            hit = cache[day] = (self.holidays.kind(day), timetable_for(day, self.timetables),
                                self.rules_on(day),
                                dt.datetime.combine(day - DAY, dt.time(12)),
                                dt.datetime.combine(day + 2 * DAY, dt.time()),
                                self.now if day >= self.now.date() - DAY else None)
        return hit

    def _leave_on(self, staff_id: int, day: dt.date) -> dict[int, str] | str | None:
        whole: str | None = None
        parts: dict[int, str] = {}
        for a, b, t, sess in self.leaves.get(staff_id, ()):
            if a <= day <= b:
                if sess:
                    parts.update({i: t for i in sess})
                else:
                    whole = t
        return whole or parts or None

    def _punches_near(self, staff_id: int, day: dt.date) -> list[dt.datetime]:
        _k, _t, _r, lo, hi, _n = self._day(day)
        ps = self.punches.get(staff_id, [])
        return ps[bisect.bisect_left(ps, lo):bisect.bisect_left(ps, hi)]

    def employed(self, st: Staff, day: dt.date) -> bool:
        return ((st.hire_date is None or st.hire_date <= day)
                and (st.leave_date is None or day <= st.leave_date))

    def classify(self, st: Staff, day: dt.date) -> tuple[DayResult | None, str]:
        """The domain's day result (None: not employed, or a future day) and a note."""
        return self._classify(_Person.of(st, self), day)

    def _classify(self, p: _Person, day: dt.date) -> tuple[DayResult | None, str]:
        if ((p.hired is not None and day < p.hired) or (p.left is not None and day > p.left)
                or day > self.today):
            return None, ""
        kind, tt, rules, lo, hi, now = self._day(day)
        if kind == DayKind.UNKNOWN:
            return DayResult(day, kind, False), self.holidays.beyond_message(day)
        works = tt is not None and scheduled(day, kind, p.rota)
        if not works:  # nothing of the person's records is looked at
            return DayResult(day, kind, False), "" if tt else "该日期没有对应的作息时间表"
        ps = p.punches
        res = classify_day(day, kind=kind, scheduled=True, sessions=tt.sessions,  # type: ignore[union-attr]
                           punches=ps[bisect.bisect_left(ps, lo):bisect.bisect_left(ps, hi)],
                           rules=rules,
                           leave=self._leave_on(p.id, day) if p.has_leave else None, now=now)
        return res, ""

    def fine_view(self, st: Staff | StaffRef, day: dt.date, f: Fine, key: str) -> FineView:
        w = self.waivers.get(key)
        who = st if isinstance(st, StaffRef) else ref(st)
        return FineView(key, who, day, f.kind, f.fen, f.rule_version, f.explanation,
                        f.session, w is not None, w.reason if w else "",
                        self.names.get(w.created_by, "") if w else "",
                        w.created_at if w else None)

    def violation_fines(self, st: Staff | StaffRef, day: dt.date | None = None
                        ) -> list[FineView]:
        out = []
        for v in self.violations.get(st.id, ()):
            if day is not None and v.at.date() != day:
                continue
            out.append(self.fine_view(st, v.at.date(), violation_fine(v, self.rules_on(
                v.at.date()), self.names.get(v.seen_by or 0, "")), violation_fine_key(v.id)))
        return out

    def day_view(self, st: Staff, day: dt.date) -> DayView:
        res, note = self.classify(st, day)
        return self._view(ref(st), day, res, note)

    def _view(self, who: StaffRef, day: dt.date, res: DayResult | None, note: str) -> DayView:
        kind = self.holidays.kind(day)
        if res is None:
            return DayView(who, day, kind, self.holiday_names.get(day, ""), False, "",
                           note=note)
        fines = [self.fine_view(who, day, f, day_fine_key(who.id, day, f)) for f in res.fines]
        fines += self.violation_fines(who, day)
        return DayView(who, day, res.kind, self.holiday_names.get(day, ""), res.scheduled,
                       res.mark.value, tuple(session_view(x) for x in res.sessions),
                       tuple(fines), note)

    def person(self, st: Staff, position: str = "", *,
               with_days: bool = True) -> tuple[PersonMonth, list[DayView]]:
        """The person's figures, marks and fines over the book's range (the monthly leave
        rule for every calendar month in it), and the days (``with_days``)."""
        p = _Person.of(st, self)
        who = p.ref
        days: list[DayResult] = []
        marks: list[str] = []
        views: list[DayView] = []
        fines: list[FineView] = []
        d = self.start
        while d <= self.end:
            res, note = self._classify(p, d)
            if res is None:
                marks.append("")
            else:
                days.append(res)
                marks.append(res.mark.value)
                if res.fines:
                    fines += [self.fine_view(who, d, f, day_fine_key(p.id, d, f))
                              for f in res.fines]
            if with_days:
                views.append(self._view(who, d, res, note))
            d += DAY
        vfines = self.violation_fines(who)
        summary: MonthSummary = summarize(days)
        fines += vfines
        requests = 0
        for m in months_between(self.start, self.end):
            first, last = month_bounds(m)
            n = sum(1 for x in self.leave_starts.get(p.id, ()) if first <= x <= last)
            requests += n
            rules = self.rules_on(min(last, self.end))
            if n > rules.monthly_leave_limit and rules.monthly_leave_fine_fen:
                fen = rules.monthly_leave_fine_fen
                f = Fine("monthly_leave", fen, rules.version,
                         f"{m} 请假 {n} 次，超过 {rules.monthly_leave_limit} 次 → "
                         f"{format_fen(fen)}，规则第 {rules.version} 版")
                fines.append(self.fine_view(who, min(last, self.end), f,
                                            monthly_fine_key(p.id, m)))
        fines.sort(key=lambda f: (f.day, f.key))
        pm = PersonMonth(
            who, position, summary.scheduled_days, summary.present_days,
            summary.late_count, summary.late_seconds, summary.early_count,
            summary.early_seconds, summary.absences, summary.missing_punches,
            summary.leave_days, requests, summary.not_early, len(vfines),
            sum(f.due_fen for f in fines), sum(f.fen for f in fines if f.waived),
            tuple(marks), tuple(fines))
        return pm, views


def violation_fine(v: Violation, rules: RuleSet, seen_by: str) -> Fine:
    item = Item(v.item)
    fen = rules.item_fine(item)
    notice = "，并通报" if item in rules.notice_items else ""
    who = f"，{seen_by}发现" if seen_by else ""
    return Fine("item", fen, rules.version,
                f"{item.label}（{v.at:%m-%d %H:%M}{who}）→ {format_fen(fen)}{notice}，"
                f"规则第 {rules.version} 版")


def session_view(r: object) -> SessionView:
    from hallmanager.domain.attendance.classify import SessionResult

    assert isinstance(r, SessionResult)
    return SessionView(r.session.label, r.start, r.end, r.arrived, r.left, r.late_s, r.early_s,
                       r.leave_type, r.absent, r.missing_in, r.missing_out, r.not_early,
                       r.pending)


def marks_of(views: Iterable[DayView]) -> tuple[str, ...]:
    return tuple(v.mark for v in views)


__all__ = ["Book", "Mark", "month_bounds", "month_key", "months_between"]
