"""Working days and their sessions (作息时间): split days, seasons, rotas, holidays.

A *session* is one stretch of work (09:20–12:30); a working day has one or more. A session may
cross midnight (22:00–06:00 ends the next morning). A *timetable* is the sessions of a normal
working day, valid for a season given as a month-day range that may wrap the new year
(winter 10-01 … 04-30). The hall's defaults are seed 004's (Shigatse branch).

Holidays come from a table the hall can edit (filled from ``chinesecalendar``): each date is a
holiday (法定节假日), a working weekend day (调休上班) or, if absent, a weekday/weekend by the
calendar. The table knows how far it is *covered*; a date beyond that is ``UNKNOWN`` so the
program can say so instead of guessing.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from hallmanager.domain.errors import ValidationError
from hallmanager.domain.shifts import parse_hhmm


@dataclass(frozen=True)
class Session:
    """One stretch of work. ``end`` ≤ ``start`` means it ends the next day."""

    start: dt.time
    end: dt.time

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start

    def start_on(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, self.start)

    def end_on(self, day: dt.date) -> dt.datetime:
        extra = dt.timedelta(days=1) if self.crosses_midnight else dt.timedelta()
        return dt.datetime.combine(day, self.end) + extra

    @cached_property  # asked for on every classified day: computed once
    def label(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"

    @classmethod
    def parse(cls, text: str) -> Session:
        """'09:20-12:30' (also – or ~) → Session."""
        s = (text or "").replace("–", "-").replace("~", "-").replace("～", "-").strip()
        parts = [p.strip() for p in s.split("-")]
        if len(parts) != 2:
            raise ValidationError(f"时段格式不正确：“{text}”（应为 HH:MM-HH:MM，例如 09:20-12:30）")
        start = parse_hhmm(parts[0], field="上班时间")
        end = parse_hhmm(parts[1], field="下班时间")
        if start == end:
            raise ValidationError(f"时段“{text}”的上下班时间不能相同")
        return cls(start, end)


def check_sessions(sessions: Sequence[Session]) -> tuple[Session, ...]:
    """Sessions in order, not overlapping, at most one crossing midnight (the last)."""
    if not sessions:
        raise ValidationError("作息时间至少要有一个时段")
    out = tuple(sessions)
    for a, b in itertools.pairwise(out):
        if a.crosses_midnight:
            raise ValidationError(f"跨零点的时段 {a.label} 只能是当天最后一个时段")
        if b.start < a.end:
            raise ValidationError(f"时段 {a.label} 与 {b.label} 重叠或顺序不对")
    return out


@dataclass(frozen=True)
class MonthDay:
    month: int
    day: int

    def __post_init__(self) -> None:
        try:
            dt.date(2024, self.month, self.day)  # a leap year accepts 02-29
        except ValueError as exc:
            raise ValidationError(f"日期不存在：{self.month} 月 {self.day} 日") from exc

    @classmethod
    def parse(cls, text: str) -> MonthDay:
        """'05-01' / '5/1' / '5月1日' → MonthDay."""
        s = (text or "").strip().replace("月", "-").replace("日", "").replace("/", "-")
        parts = s.split("-")
        if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
            raise ValidationError(f"日期格式不正确：“{text}”（应为 MM-DD，例如 05-01）")
        return cls(int(parts[0]), int(parts[1]))

    def key(self) -> tuple[int, int]:
        return (self.month, self.day)

    def __str__(self) -> str:
        return f"{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class Timetable:
    """The sessions of a working day in a season (``valid_from`` … ``valid_to`` inclusive,
    month-days; a range that wraps the year, e.g. 10-01 … 04-30, is allowed)."""

    name: str
    sessions: tuple[Session, ...]
    valid_from: MonthDay = MonthDay(1, 1)
    valid_to: MonthDay = MonthDay(12, 31)

    def covers(self, day: dt.date) -> bool:
        k = (day.month, day.day)
        a, b = self.valid_from.key(), self.valid_to.key()
        return a <= k <= b if a <= b else (k >= a or k <= b)


def timetable_for(day: dt.date, timetables: Sequence[Timetable]) -> Timetable | None:
    """The first timetable whose season covers ``day`` (None: the hall left a gap)."""
    return next((t for t in timetables if t.covers(day)), None)


def check_seasons(timetables: Sequence[Timetable]) -> None:
    """Every day of a (leap) year is covered by exactly one timetable."""
    if not timetables:
        raise ValidationError("至少要有一个作息时间表")
    day = dt.date(2024, 1, 1)
    while day.year == 2024:
        hits = [t.name for t in timetables if t.covers(day)]
        if not hits:
            raise ValidationError(f"{day:%m-%d} 没有对应的作息时间表，请补全季节的日期范围")
        if len(hits) > 1:
            raise ValidationError(f"{day:%m-%d} 同时属于“{hits[0]}”和“{hits[1]}”，日期范围重叠")
        day += dt.timedelta(days=1)


def _s(a: str, b: str) -> Session:
    return Session(parse_hhmm(a), parse_hhmm(b))


#: seed 004: summer 5/1–9/30 and winter 10/1–4/30, both split days
DEFAULT_TIMETABLES: tuple[Timetable, ...] = (
    Timetable("夏季作息", (_s("09:20", "12:30"), _s("15:20", "18:30")),
              MonthDay(5, 1), MonthDay(9, 30)),
    Timetable("冬季作息", (_s("09:50", "13:00"), _s("15:20", "18:30")),
              MonthDay(10, 1), MonthDay(4, 30)),
)
#: staff are to be at their post this many minutes before a session (提前10分钟到岗)
DEFAULT_EARLY_ARRIVAL_MINUTES = 10


class DayKind(StrEnum):
    WORKDAY = "workday"  # 工作日
    REST = "rest"  # 休息日 (weekend)
    HOLIDAY = "holiday"  # 法定节假日
    ADJUSTED_WORKDAY = "adjusted_workday"  # 调休上班 (a weekend day that is a working day)
    UNKNOWN = "unknown"  # beyond the holiday table's coverage

    @property
    def label(self) -> str:
        return {"workday": "工作日", "rest": "休息日", "holiday": "法定节假日",
                "adjusted_workday": "调休上班", "unknown": "节假日数据未覆盖"}[self.value]

    @property
    def working(self) -> bool:
        return self in (DayKind.WORKDAY, DayKind.ADJUSTED_WORKDAY)


@dataclass(frozen=True)
class HolidayTable:
    """Special days by date (HOLIDAY or ADJUSTED_WORKDAY) and the last date it covers."""

    special: Mapping[dt.date, DayKind]
    covered_until: dt.date | None

    def kind(self, day: dt.date) -> DayKind:
        if day in self.special:
            return self.special[day]
        if self.covered_until is None or day > self.covered_until:
            return DayKind.UNKNOWN
        return DayKind.REST if day.weekday() >= 5 else DayKind.WORKDAY

    def beyond_message(self, day: dt.date) -> str:
        until = self.covered_until.isoformat() if self.covered_until else "（无数据）"
        return (f"{day.isoformat()} 超出节假日表的范围（已知至 {until}）："
                "请在设置中录入国务院办公厅发布的下一年放假安排")


@dataclass(frozen=True)
class Rota:
    """A person's own pattern (排班): rest weekdays (0 = Monday) and/or explicit rest dates
    and extra working dates. ``None`` for a person without a rota: every working day."""

    rest_weekdays: frozenset[int] = frozenset()
    rest_dates: frozenset[dt.date] = frozenset()
    work_dates: frozenset[dt.date] = frozenset()


def scheduled(day: dt.date, kind: DayKind, rota: Rota | None) -> bool:
    """Whether a person works on ``day``: explicit rota dates first, then the calendar."""
    if rota is not None:
        if day in rota.work_dates:
            return True
        if day in rota.rest_dates:
            return False
        if kind.working and day.weekday() in rota.rest_weekdays:
            return False
    return kind.working


def month_days(year: int, month: int) -> list[dt.date]:
    first = dt.date(year, month, 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return [first + dt.timedelta(days=i) for i in range((nxt - first).days)]


def holidays_from_calendar(dates: Iterable[tuple[dt.date, DayKind]],
                           covered_until: dt.date | None) -> HolidayTable:
    return HolidayTable(dict(dates), covered_until)
