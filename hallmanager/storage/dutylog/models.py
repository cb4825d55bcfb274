"""ORM models of the duty log module (值班日志, 每日工作流程, 设备故障, 交接事项).

List-valued log fields (staff on duty, absences, meeting attendees) are JSON text: they are
edited and amended as a whole, and the attendance module keeps its own records.
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


class DutyLogSettings(Base):
    """Single row (id 1) of duty-log settings the hall manager edits."""

    __tablename__ = "dutylog_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_limit_minutes: Mapped[int] = mapped_column(Integer, default=15)
    due_soon_minutes: Mapped[int] = mapped_column(Integer, default=15)
    inspection_items_json: Mapped[str] = mapped_column(Text)  # [[category, item], ...]
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ChecklistTemplate(Base):
    """One saved version of the daily checklist; logs keep the version they ran with."""

    __tablename__ = "checklist_template"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, unique=True)
    note: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"))


class ChecklistTemplateItem(Base):
    __tablename__ = "checklist_template_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("checklist_template.id"), index=True)
    sort_order: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    anchor: Mapped[str] = mapped_column(String(10))  # start / end
    offset_minutes: Mapped[int] = mapped_column(Integer)
    applies_to: Mapped[str] = mapped_column(String(10))  # all / opening / closing


class DutyLog(Base):
    """One log per date and shift (值班日志)."""

    __tablename__ = "duty_log"
    __table_args__ = (UniqueConstraint("date", "shift_id", name="uq_duty_log_date_shift"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("shift.id"))
    duty_manager_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    status: Mapped[str] = mapped_column(String(10), default="draft")
    checklist_template_id: Mapped[int | None] = mapped_column(ForeignKey("checklist_template.id"))

    weather: Mapped[str] = mapped_column(String(20), default="")
    customer_flow: Mapped[int | None] = mapped_column(Integer)
    served_count: Mapped[int | None] = mapped_column(Integer)
    business_notes: Mapped[str] = mapped_column(Text, default="")
    staff_on_duty_json: Mapped[str] = mapped_column(Text, default="[]")
    staff_absent_json: Mapped[str] = mapped_column(Text, default="[]")
    meeting_start: Mapped[str | None] = mapped_column(String(5))
    meeting_minutes: Mapped[int | None] = mapped_column(Integer)
    meeting_attendees_json: Mapped[str] = mapped_column(Text, default="[]")
    meeting_topics: Mapped[str] = mapped_column(Text, default="")
    opinions: Mapped[str] = mapped_column(Text, default="")
    incidents: Mapped[str] = mapped_column(Text, default="")
    next_shift_notes: Mapped[str] = mapped_column(Text, default="")

    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[int] = mapped_column(ForeignKey("user.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    signed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    signed_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    # Faults open during the shift, frozen at sign-off so the signed log prints the same later.
    faults_snapshot_json: Mapped[str | None] = mapped_column(Text)
    # Raised by one on every write of the log (``services.dutylog.rows.touch``): an
    # editor sends the version it last saw, and a write of a field someone else changed since
    # is refused as a conflict instead of silently overwriting another desk's change.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class DutyLogInspection(Base):
    """营业环境 / 设施 / 宣传 inspection result of one item in one log."""

    __tablename__ = "duty_log_inspection"
    __table_args__ = (
        UniqueConstraint("log_id", "category", "item", name="uq_duty_log_inspection_item"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    log_id: Mapped[int] = mapped_column(ForeignKey("duty_log.id"), index=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    category: Mapped[str] = mapped_column(String(20))
    item: Mapped[str] = mapped_column(String(100))
    ok: Mapped[bool | None] = mapped_column(Boolean)  # None = not checked yet
    note: Mapped[str] = mapped_column(String(500), default="")


class DutyLogChecklistEntry(Base):
    """A checklist line of one log, copied from its template version when the log was opened."""

    __tablename__ = "duty_log_checklist_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    log_id: Mapped[int] = mapped_column(ForeignKey("duty_log.id"), index=True)
    template_item_id: Mapped[int | None] = mapped_column(ForeignKey("checklist_template_item.id"))
    sort_order: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    target_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    done_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    skip_reason: Mapped[str] = mapped_column(String(500), default="")


class EquipmentFault(Base):
    """设备故障: lives across logs until repaired."""

    __tablename__ = "equipment_fault"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    what: Mapped[str] = mapped_column(String(200))
    location: Mapped[str] = mapped_column(String(100), default="")
    since: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    reported_to: Mapped[str] = mapped_column(String(100), default="")
    reported_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    repaired_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(Text, default="")
    log_id: Mapped[int | None] = mapped_column(ForeignKey("duty_log.id"))  # log it was entered in
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[int] = mapped_column(ForeignKey("user.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class HandoverItem(Base):
    """交接事项 handed to the next shift; acknowledged by its incoming duty manager."""

    __tablename__ = "handover_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    from_log_id: Mapped[int] = mapped_column(ForeignKey("duty_log.id"), index=True)
    text: Mapped[str] = mapped_column(String(500))
    target_date: Mapped[dt.date] = mapped_column(Date, index=True)
    target_shift_id: Mapped[int] = mapped_column(ForeignKey("shift.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[int] = mapped_column(ForeignKey("user.id"))
    ack_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    ack_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    ack_log_id: Mapped[int | None] = mapped_column(ForeignKey("duty_log.id"), index=True)


class DutyLogAmendment(Base):
    """A correction of a signed log's field: reason, who, when; the original stays."""

    __tablename__ = "duty_log_amendment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    log_id: Mapped[int] = mapped_column(ForeignKey("duty_log.id"), index=True)
    field: Mapped[str] = mapped_column(String(40))
    old_value_json: Mapped[str] = mapped_column(Text)
    new_value_json: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[int] = mapped_column(ForeignKey("user.id"))
