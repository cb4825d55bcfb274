"""ORM models of the complaints module (投诉登记).

The customer's phone is stored as normalised digits (``domain.complaints.rules.normalize_phone``)
so a repeat is found however the number was typed; names, phones and ID numbers are masked
by the services before anything leaves them. The timeline is append-only (database triggers,
migration 0006), like the audit log.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from hallmanager.storage.models import Base


class ComplaintSettings(Base):
    """Single row (id 1) of the hall's complaint rules; absent while the defaults apply."""

    __tablename__ = "complaint_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    prefix: Mapped[str] = mapped_column(String(6), default="TS")
    categories_json: Mapped[str] = mapped_column(Text)  # ["网络质量", ...]
    deadlines_json: Mapped[str] = mapped_column(Text)  # {source: [hours|null, opening_only]}
    open_at: Mapped[str] = mapped_column(String(5), default="09:00")
    close_at: Mapped[str] = mapped_column(String(5), default="18:30")
    closed_dates_json: Mapped[str] = mapped_column(Text, default="[]")  # holidays, ISO dates
    callback_hours: Mapped[int] = mapped_column(Integer, default=48)
    due_soon_hours: Mapped[int] = mapped_column(Integer, default=4)
    import_mapping_json: Mapped[str] = mapped_column(Text)  # {field: header}
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ComplaintCounter(Base):
    """The last number given out per day: numbers are never reused, even if a row goes."""

    __tablename__ = "complaint_counter"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer)


class Complaint(Base):
    __tablename__ = "complaint"
    __table_args__ = (
        UniqueConstraint("source", "external_no", name="uq_complaint_source_external_no"),
        Index("ix_complaint_received_at", "received_at"),
        Index("ix_complaint_status_received_at", "status", "received_at"),
        Index("ix_complaint_source_received_at", "source", "received_at"),
        Index("ix_complaint_category_received_at", "category", "received_at"),
        Index("ix_complaint_handler_received_at", "handler_id", "received_at"),
        Index("ix_complaint_due_at", "due_at"),
        Index("ix_complaint_callback_due_at", "callback_due_at"),
        # 只看超时: each branch of the overdue predicate (handling past due_at, replied past
        # callback_due_at) is a range of one index that also holds received_at, so the
        # count and the newest-first page read no table rows (0009).
        Index("ix_complaint_status_due_at", "status", "due_at", "received_at"),
        Index("ix_complaint_status_callback_due_at", "status", "callback_due_at", "received_at"),
        Index("ix_complaint_phone_received_at", "phone", "received_at"),
        Index("ix_complaint_closed_at", "closed_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    source: Mapped[str] = mapped_column(String(20))
    external_no: Mapped[str | None] = mapped_column(String(40))  # 工单号 of a transferred order
    received_at: Mapped[dt.datetime] = mapped_column(DateTime)
    customer_name: Mapped[str] = mapped_column(String(40))
    phone: Mapped[str] = mapped_column(String(20))  # normalised digits
    id_number: Mapped[str] = mapped_column(String(20), default="")
    category: Mapped[str] = mapped_column(String(20))
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    description: Mapped[str] = mapped_column(Text)
    request: Mapped[str] = mapped_column(Text, default="")
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    department: Mapped[str] = mapped_column(String(60), default="")
    status: Mapped[str] = mapped_column(String(20))
    # the deadline clock: starts at received_at, again when a complaint is reopened
    clock_start: Mapped[dt.datetime] = mapped_column(DateTime)
    due_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # None while paused
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    reply_text: Mapped[str] = mapped_column(Text, default="")
    replied_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    replied_on_time: Mapped[bool | None] = mapped_column(Boolean)
    callback_due_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # while 已答复
    satisfaction: Mapped[str | None] = mapped_column(String(20))  # of the answered call-back
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    vip: Mapped[bool] = mapped_column(Boolean, default=False)  # VIP / group customer
    escalation_threat: Mapped[bool] = mapped_column(Boolean, default=False)  # 声称升级
    escalated: Mapped[bool] = mapped_column(Boolean, default=False)
    repeat_of_id: Mapped[int | None] = mapped_column(ForeignKey("complaint.id"))
    playbook_id: Mapped[int | None] = mapped_column(ForeignKey("complaint_playbook.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[int] = mapped_column(ForeignKey("user.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ComplaintEvent(Base):
    """The timeline: every action on a complaint (append-only)."""

    __tablename__ = "complaint_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    action: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")


class ComplaintPause(Base):
    """Waiting for the customer: the deadline clock stops from ``start`` to ``end``."""

    __tablename__ = "complaint_pause"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), index=True)
    start: Mapped[dt.datetime] = mapped_column(DateTime)
    end: Mapped[dt.datetime | None] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(String(200))
    created_by: Mapped[int] = mapped_column(ForeignKey("user.id"))


class ComplaintCallback(Base):
    """One call-back attempt (回访)."""

    __tablename__ = "complaint_callback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    result: Mapped[str] = mapped_column(String(20))
    satisfaction: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(500), default="")
    created_by: Mapped[int] = mapped_column(ForeignKey("user.id"))


class PlaybookEntry(Base):
    """One customer situation of the handling playbook and the advice for it (editable)."""

    __tablename__ = "complaint_playbook"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sort_order: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(100))
    advice: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
