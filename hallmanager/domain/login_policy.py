"""Login throttling and idle lock, as pure rules driven by a clock."""

from __future__ import annotations

import datetime as dt

FREE_ATTEMPTS = 5
BASE_DELAY_S = 30
MAX_DELAY_S = 15 * 60


def required_delay(failed_logins: int) -> int:
    """Seconds a user must wait after the last failure: 0 for the first 5, then 30 s doubling."""
    if failed_logins < FREE_ATTEMPTS:
        return 0
    return min(MAX_DELAY_S, BASE_DELAY_S * 2 ** (failed_logins - FREE_ATTEMPTS))


def remaining_wait(failed_logins: int, last_failed_at: dt.datetime | None, now: dt.datetime) -> int:
    """Seconds still to wait before another attempt is accepted (0 = may try now)."""
    if last_failed_at is None:
        return 0
    delay = required_delay(failed_logins)
    passed = (now - last_failed_at).total_seconds()
    return max(0, int(delay - passed + 0.999))


class IdleTracker:
    """Decides when the window must lock: no user input for ``minutes``.

    The UI feeds it input events (``touch``) and polls ``should_lock``; tests move a
    ManualClock instead of sleeping.
    """

    def __init__(self, clock: object, minutes: int) -> None:
        self._clock = clock
        self.minutes = minutes
        self._last = clock.monotonic()  # type: ignore[attr-defined]

    def touch(self) -> None:
        self._last = self._clock.monotonic()  # type: ignore[attr-defined]

    def idle_seconds(self) -> float:
        return self._clock.monotonic() - self._last  # type: ignore[attr-defined]

    def should_lock(self) -> bool:
        return self.minutes > 0 and self.idle_seconds() >= self.minutes * 60
