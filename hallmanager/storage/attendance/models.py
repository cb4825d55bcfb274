"""ORM models of the attendance module (考勤与扣款): roster, timetables, rotas, holidays,
punches, leave, violations, fine rule versions, waivers and month closes.

Money is integer fen. Nothing here is deleted by the program: a punch entered by mistake is
cancelled (with reason), a leave is cancelled, a fine is waived, a rule is superseded by a
newer version. Rows dated in a closed month are read-only, enforced by triggers
(migration 0005) as well as by the service.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from hallmanager.storage.models import Base


class AttendanceSettings(Base):
    """Single row (id 1): how far the holiday table is known, and where it came from."""

    __tablename__ = "attendance_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    holidays_covered_until: Mapped[dt.date | None] = mapped_column(Date)
    holidays_source: Mapped[str] = mapped_column(String(40), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Staff(Base):
    """A person on the roster (花名册); ``user_id`` links a login account if there is one."""

    __tablename__ = "attendance_staff"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    staff_no: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(40))
    position: Mapped[str] = mapped_column(String(40), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    hire_date: Mapped[dt.date | None] = mapped_column(Date)
    leave_date: Mapped[dt.date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Timetable(Base):
    """作息时间 of a season (month-day range, may wrap the year)."""

    __tablename__ = "attendance_timetable"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    valid_from: Mapped[str] = mapped_column(String(5))  # MM-DD
    valid_to: Mapped[str] = mapped_column(String(5))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class TimetableSession(Base):
    __tablename__ = "attendance_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    timetable_id: Mapped[int] = mapped_column(ForeignKey("attendance_timetable.id"), index=True)
    sort_order: Mapped[int] = mapped_column(Integer)
    start: Mapped[str] = mapped_column(String(5))  # HH:MM
    end: Mapped[str] = mapped_column(String(5))


class Rota(Base):
    """A person's own pattern (排班): rest weekdays and explicit rest / working dates."""

    __tablename__ = "attendance_rota"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("attendance_staff.id"), unique=True)
    rest_weekdays: Mapped[str] = mapped_column(String(20), default="")  # "5,6" (0 = Monday)
    rest_dates_json: Mapped[str] = mapped_column(Text, default="[]")
    work_dates_json: Mapped[str] = mapped_column(Text, default="[]")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Holiday(Base):
    """A special day: 法定节假日 (holiday) or 调休上班 (adjusted_workday)."""

    __tablename__ = "attendance_holiday"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date, unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(40), default="")
    source: Mapped[str] = mapped_column(String(20))  # chinesecalendar | manual


class Punch(Base):
    """One clock-in/out (打卡). ``(staff_id, at)`` is unique, so a re-import adds nothing."""

    __tablename__ = "attendance_punch"
    __table_args__ = (UniqueConstraint("staff_id", "at", name="uq_attendance_punch_staff_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("attendance_staff.id"))
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    source: Mapped[str] = mapped_column(String(12))  # desk | import | correction
    batch_id: Mapped[str | None] = mapped_column(String(40), index=True)
    reason: Mapped[str] = mapped_column(String(200), default="")  # 补卡 reason
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    cancelled_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    cancel_reason: Mapped[str] = mapped_column(String(200), default="")


class Leave(Base):
    """A leave (请假) from ``start_date`` to ``end_date``; ``sessions`` "0,1" or "" (whole
    days)."""

    __tablename__ = "attendance_leave"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("attendance_staff.id"), index=True)
    leave_type: Mapped[str] = mapped_column(String(10))
    start_date: Mapped[dt.date] = mapped_column(Date, index=True)
    end_date: Mapped[dt.date] = mapped_column(Date)
    sessions: Mapped[str] = mapped_column(String(20), default="")
    approved: Mapped[bool] = mapped_column(Boolean, default=True)
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    note: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[int] = mapped_column(ForeignKey("user.id"))
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    cancelled_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    cancel_reason: Mapped[str] = mapped_column(String(200), default="")


class Violation(Base):
    """违规登记: what, who, when, who saw it."""

    __tablename__ = "attendance_violation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("attendance_staff.id"), index=True)
    item: Mapped[str] = mapped_column(String(20))
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    seen_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    note: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[int] = mapped_column(ForeignKey("user.id"))


class RuleVersion(Base):
    """One version of the fine rules (``domain.attendance.fines.rules_to_dict`` as JSON)."""

    __tablename__ = "attendance_rule_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, unique=True)
    effective_from: Mapped[dt.date] = mapped_column(Date)
    rules_json: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"))


class Waiver(Base):
    """A fine waived by the hall manager (免罚), by the fine's key; the fine stays visible."""

    __tablename__ = "attendance_waiver"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fine_key: Mapped[str] = mapped_column(String(80), unique=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("attendance_staff.id"), index=True)
    day: Mapped[dt.date] = mapped_column(Date)  # the fine's date (its month must be open)
    fine_fen: Mapped[int] = mapped_column(Integer)  # the amount waived, as it was
    reason: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[int] = mapped_column(ForeignKey("user.id"))


class MonthClose(Base):
    """月结: a closed month with its frozen per-person figures (JSON) and fine total."""

    __tablename__ = "attendance_month_close"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[str] = mapped_column(String(7), unique=True)  # YYYY-MM
    closed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    closed_by: Mapped[int] = mapped_column(ForeignKey("user.id"))
    staff_count: Mapped[int] = mapped_column(Integer)
    total_fine_fen: Mapped[int] = mapped_column(Integer)
    totals_json: Mapped[str] = mapped_column(Text)
