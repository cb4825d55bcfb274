"""Shifts (班次): name with a start and end time; which one is current."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from hallmanager.domain.errors import ValidationError

_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def parse_hhmm(text: str, *, field: str = "时间") -> dt.time:
    """'08:30' → time(8, 30); a clear message for anything else."""
    s = (text or "").strip()
    m = _HHMM.match(s)
    if not m:
        raise ValidationError(f"{field}格式不正确：“{text}”（应为 HH:MM，例如 08:30）", field=field)
    return dt.time(int(m.group(1)), int(m.group(2)))


@dataclass(frozen=True)
class ShiftDef:
    """A shift as the rules see it."""

    id: int
    name: str
    start: dt.time
    end: dt.time

    def contains(self, t: dt.time) -> bool:
        return self.start <= t < self.end

    def start_on(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, self.start)

    def end_on(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, self.end)


DEFAULT_SHIFTS: list[tuple[str, str, str]] = [
    ("早班", "08:30", "14:30"),
    ("晚班", "14:00", "20:00"),
]


def validate_shift(name: str, start: str, end: str) -> tuple[str, dt.time, dt.time]:
    """Check a shift the hall manager typed; return its parsed parts."""
    n = (name or "").strip()
    if not n:
        raise ValidationError("班次名称不能为空", field="name")
    if len(n) > 20:
        raise ValidationError("班次名称不能超过 20 个字", field="name")
    s = parse_hhmm(start, field="开始时间")
    e = parse_hhmm(end, field="结束时间")
    if e <= s:
        raise ValidationError(f"班次“{n}”的结束时间必须晚于开始时间", field="end")
    return n, s, e


def current_shift(shifts: list[ShiftDef], now: dt.datetime) -> ShiftDef | None:
    """The shift covering ``now``; where two overlap (handover) the later-starting one wins."""
    t = now.time()
    covering = [s for s in shifts if s.contains(t)]
    if covering:
        return max(covering, key=lambda s: s.start)
    upcoming = [s for s in shifts if s.start > t]
    if upcoming:
        return min(upcoming, key=lambda s: s.start)
    return max(shifts, key=lambda s: s.end) if shifts else None
