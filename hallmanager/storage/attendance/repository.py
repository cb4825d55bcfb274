"""Queries of the attendance module. Orders are part of the contract (the views list rows in
the order returned here). Ranges are inclusive of ``start`` and exclusive of ``end`` for
datetimes, inclusive of both ends for dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from hallmanager.storage.attendance.models import (
    AttendanceSettings,
    Holiday,
    Leave,
    MonthClose,
    Punch,
    Rota,
    RuleVersion,
    Staff,
    Timetable,
    TimetableSession,
    Violation,
    Waiver,
)

SETTINGS_ID = 1


def settings(s: Session) -> AttendanceSettings | None:
    """The settings row, None before the holiday table was first filled."""
    return s.get(AttendanceSettings, SETTINGS_ID)


# --- roster -----------------------------------------------------------------------------------
def staff(s: Session, staff_id: int) -> Staff | None:
    return s.get(Staff, staff_id)


def all_staff(s: Session, *, include_inactive: bool = True) -> list[Staff]:
    """The roster by staff number."""
    q = select(Staff).order_by(Staff.staff_no)
    if not include_inactive:
        q = q.where(Staff.active.is_(True))
    return list(s.scalars(q))


def staff_by_no(s: Session, staff_no: str) -> Staff | None:
    return s.scalar(select(Staff).where(Staff.staff_no == staff_no))


def staff_by_user(s: Session, user_id: int) -> Staff | None:
    return s.scalar(select(Staff).where(Staff.user_id == user_id))


def staff_ids_by_no(s: Session) -> dict[str, int]:
    """Staff number → id, every person (a clock export names people by number)."""
    return {no: i for i, no in s.execute(select(Staff.id, Staff.staff_no))}


# --- timetables, rotas, holidays ----------------------------------------------------------------
def timetables(s: Session) -> list[tuple[Timetable, list[TimetableSession]]]:
    """Saved timetables in their order, each with its sessions in order (empty: defaults)."""
    tts = list(s.scalars(select(Timetable).order_by(Timetable.sort_order, Timetable.id)))
    sessions: dict[int, list[TimetableSession]] = {t.id: [] for t in tts}
    for x in s.scalars(select(TimetableSession).order_by(TimetableSession.sort_order)):
        sessions.setdefault(x.timetable_id, []).append(x)
    return [(t, sessions[t.id]) for t in tts]


def delete_timetables(s: Session) -> None:
    """Timetables are replaced as a whole when the hall manager saves them."""
    for x in s.scalars(select(TimetableSession)):
        s.delete(x)
    for t in s.scalars(select(Timetable)):
        s.delete(t)
    s.flush()


def rota(s: Session, staff_id: int) -> Rota | None:
    return s.scalar(select(Rota).where(Rota.staff_id == staff_id))


def rotas(s: Session) -> list[Rota]:
    return list(s.scalars(select(Rota)))


def holidays(s: Session, start: dt.date | None = None,
             end: dt.date | None = None) -> list[Holiday]:
    """Special days by date (within ``start`` … ``end`` when given)."""
    q = select(Holiday).order_by(Holiday.date)
    if start is not None:
        q = q.where(Holiday.date >= start)
    if end is not None:
        q = q.where(Holiday.date <= end)
    return list(s.scalars(q))


def holiday(s: Session, day: dt.date) -> Holiday | None:
    return s.scalar(select(Holiday).where(Holiday.date == day))


def add_holidays(s: Session, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        s.execute(insert(Holiday), list(rows))


# --- punches ------------------------------------------------------------------------------------
def punch(s: Session, punch_id: int) -> Punch | None:
    return s.get(Punch, punch_id)


def punch_at(s: Session, staff_id: int, at: dt.datetime) -> Punch | None:
    return s.scalar(select(Punch).where(Punch.staff_id == staff_id, Punch.at == at))


def punches(s: Session, start: dt.datetime, end: dt.datetime,
            staff_ids: Iterable[int] | None = None, *,
            include_cancelled: bool = False) -> list[Punch]:
    """Punches with ``start`` ≤ at < ``end`` by time (cancelled ones only if asked)."""
    q = select(Punch).where(Punch.at >= start, Punch.at < end)
    if staff_ids is not None:
        q = q.where(Punch.staff_id.in_(list(staff_ids)))
    if not include_cancelled:
        q = q.where(Punch.cancelled_at.is_(None))
    return list(s.scalars(q.order_by(Punch.at, Punch.id)))


def punch_stamps(s: Session, start: dt.datetime, end: dt.datetime,
                 staff_ids: Iterable[int] | None = None) -> list[tuple[int, dt.datetime]]:
    """(staff id, time) of the live punches in the range, by time: what classification needs,
    without building ORM objects."""
    q = select(Punch.staff_id, Punch.at).where(Punch.at >= start, Punch.at < end,
                                               Punch.cancelled_at.is_(None))
    if staff_ids is not None:
        q = q.where(Punch.staff_id.in_(list(staff_ids)))
    s.flush()  # the connection below does not autoflush (pending punches must count)
    # Core execution on the session's connection: a month of a big hall is thousands of
    # rows, a third faster without the ORM's statement handling.
    return [(a, b) for a, b in s.connection().execute(q.order_by(Punch.at))]


def existing_punch_keys(s: Session, start: dt.datetime,
                        end: dt.datetime) -> set[tuple[int, dt.datetime]]:
    """Every (staff id, time) stored between ``start`` and ``end`` inclusive, cancelled ones
    too (the unique key covers them): an import skips these as duplicates."""
    q = select(Punch.staff_id, Punch.at).where(Punch.at >= start, Punch.at <= end)
    return {(a, b) for a, b in s.execute(q)}


def insert_punches(s: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Many punches in one statement (a clock import, the demo)."""
    if rows:
        s.execute(insert(Punch), list(rows))


# --- leave, violations --------------------------------------------------------------------------
def leave(s: Session, leave_id: int) -> Leave | None:
    return s.get(Leave, leave_id)


def leaves(s: Session, start: dt.date, end: dt.date, staff_ids: Iterable[int] | None = None, *,
           include_cancelled: bool = False) -> list[Leave]:
    """Leaves overlapping ``start`` … ``end``, by start date."""
    q = select(Leave).where(Leave.start_date <= end, Leave.end_date >= start)
    if staff_ids is not None:
        q = q.where(Leave.staff_id.in_(list(staff_ids)))
    if not include_cancelled:
        q = q.where(Leave.cancelled_at.is_(None))
    return list(s.scalars(q.order_by(Leave.start_date, Leave.id)))


def violation(s: Session, violation_id: int) -> Violation | None:
    return s.get(Violation, violation_id)


def violations(s: Session, start: dt.datetime, end: dt.datetime,
               staff_ids: Iterable[int] | None = None) -> list[Violation]:
    """Violations with ``start`` ≤ at < ``end``, by time."""
    q = select(Violation).where(Violation.at >= start, Violation.at < end)
    if staff_ids is not None:
        q = q.where(Violation.staff_id.in_(list(staff_ids)))
    return list(s.scalars(q.order_by(Violation.at, Violation.id)))


# --- rules, waivers, closes ---------------------------------------------------------------------
def rule_versions(s: Session) -> list[RuleVersion]:
    """Every saved version, oldest first."""
    return list(s.scalars(select(RuleVersion).order_by(RuleVersion.version)))


def waiver(s: Session, fine_key: str) -> Waiver | None:
    return s.scalar(select(Waiver).where(Waiver.fine_key == fine_key))


def waivers(s: Session, start: dt.date, end: dt.date,
            staff_ids: Iterable[int] | None = None) -> list[Waiver]:
    """Waivers of fines dated ``start`` … ``end``."""
    q = select(Waiver).where(Waiver.day >= start, Waiver.day <= end)
    if staff_ids is not None:
        q = q.where(Waiver.staff_id.in_(list(staff_ids)))
    return list(s.scalars(q.order_by(Waiver.day, Waiver.id)))


def month_close(s: Session, month: str) -> MonthClose | None:
    return s.scalar(select(MonthClose).where(MonthClose.month == month))


def month_closes(s: Session) -> list[MonthClose]:
    """Closed months, newest first."""
    return list(s.scalars(select(MonthClose).order_by(MonthClose.month.desc())))


def closed_months_between(s: Session, first: str, last: str) -> set[str]:
    """Closed 'YYYY-MM' months from ``first`` to ``last`` inclusive."""
    return set(s.scalars(select(MonthClose.month).where(MonthClose.month >= first,
                                                        MonthClose.month <= last)))


def any_between(s: Session, model: Any, column: str, start: Any, end: Any) -> bool:
    """Whether ``model`` has a row with ``start`` ≤ column ≤ ``end``."""
    col = getattr(model, column)
    return s.scalar(select(model.id).where(col >= start, col <= end).limit(1)) is not None

