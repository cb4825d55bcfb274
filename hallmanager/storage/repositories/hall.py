"""Queries on the hall settings (a single row) and the shifts."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hallmanager.storage.models import HallSettings, Shift

HALL_SETTINGS_ID = 1  # the hall is one row; the setup wizard creates it


def hall_settings(s: Session) -> HallSettings | None:
    """The hall's settings row, None until the setup wizard has run."""
    return s.get(HallSettings, HALL_SETTINGS_ID)


def shift(s: Session, shift_id: int) -> Shift | None:
    """One shift by id, active or not (old logs refer to deactivated shifts)."""
    return s.get(Shift, shift_id)


def shift_by_name(s: Session, name: str) -> Shift | None:
    """The shift called ``name`` (names are unique)."""
    return s.scalar(select(Shift).where(Shift.name == name))


def shifts(s: Session, *, include_inactive: bool = False) -> list[Shift]:
    """Shifts in display order (sort order, then start time); active ones unless asked."""
    q = select(Shift).order_by(Shift.sort_order, Shift.start)
    if not include_inactive:
        q = q.where(Shift.active.is_(True))
    return list(s.scalars(q))


def all_shifts(s: Session) -> list[Shift]:
    """Every shift, active or not, by id (for lookups by id; callers order them by time)."""
    return list(s.scalars(select(Shift).order_by(Shift.id)))


def active_shifts(s: Session) -> list[Shift]:
    """The active shifts by id (the day's shift plan; callers order them by time)."""
    return list(s.scalars(select(Shift).where(Shift.active.is_(True)).order_by(Shift.id)))


def count_shifts(s: Session) -> int:
    """How many shifts exist, active or not (a new shift is sorted after all of them)."""
    return int(s.scalar(select(func.count()).select_from(Shift)) or 0)
