"""Clocks: the system clock for the app, a settable one for tests (no sleeps in tests)."""

from __future__ import annotations

import datetime as dt
from typing import Protocol


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """Current local time, naive (the hall works in one time zone)."""
        ...

    def monotonic(self) -> float:
        """Seconds from an arbitrary origin, for timeouts and delays."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> dt.datetime:
        return dt.datetime.now().replace(microsecond=0)

    def monotonic(self) -> float:
        import time

        return time.monotonic()


class ManualClock:
    """A clock tests move by hand, so idle lock and login delays are tested without sleeping."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        self._now = start or dt.datetime(2026, 11, 22, 9, 0, 0)
        self._mono = 1000.0

    def now(self) -> dt.datetime:
        return self._now

    def monotonic(self) -> float:
        return self._mono

    def advance(self, seconds: float = 0, *, minutes: float = 0) -> None:
        delta = seconds + minutes * 60
        self._now += dt.timedelta(seconds=delta)
        self._mono += delta

    def set(self, when: dt.datetime) -> None:
        self._mono += (when - self._now).total_seconds()
        self._now = when
