"""ORM models of the emergency module (应急预案).

A *plan* (``emergency_plan``) has numbered *versions* (``emergency_plan_version`` with its
``emergency_plan_step`` rows); editing a plan adds a version, and versions are never changed
(triggers, migration 0008). A *run* copies the steps of the version it started with into
``emergency_run_step``, so later edits of the plan never touch a past run. A finished run, its
steps, notes and paper registrations are read-only (triggers refuse UPDATE, DELETE and new
children once ``finished_at`` is set). Money is integer fen (``amount_fen``).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from hallmanager.storage.models import Base


class EmergencySettings(Base):
    """Single row (id 1): the contacts panel and the drills-per-quarter target."""

    __tablename__ = "emergency_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contacts_json: Mapped[str] = mapped_column(Text)  # [[label, number], ...]
    drill_target: Mapped[int] = mapped_column(Integer, default=1)  # drills per quarter
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class EmergencyPlan(Base):
    """A plan the hall keeps (停电, 火灾 …): its order in the picker and whether retired."""

    __tablename__ = "emergency_plan"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)  # power_cut, custom-3
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    current_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class EmergencyPlanVersion(Base):
    """One version of a plan (never changed once written)."""

    __tablename__ = "emergency_plan_version"
    __table_args__ = (UniqueConstraint("plan_id", "version", name="uq_emergency_plan_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("emergency_plan.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(60))
    paper_registrations: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"))


class EmergencyPlanStep(Base):
    __tablename__ = "emergency_plan_step"
    __table_args__ = (UniqueConstraint("version_id", "position", name="uq_emergency_plan_step"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("emergency_plan_version.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # 1, 2, …
    title: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(30))
    note: Mapped[str] = mapped_column(String(500), default="")


class EmergencyRun(Base):
    """A drill (演练) or a real event, from start to the summary."""

    __tablename__ = "emergency_run"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("emergency_plan.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("emergency_plan_version.id"))
    drill: Mapped[bool] = mapped_column(Boolean)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    started_by: Mapped[int] = mapped_column(ForeignKey("user.id"))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime, index=True)
    finished_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    cause: Mapped[str] = mapped_column(String(500), default="")
    duration_s: Mapped[int | None] = mapped_column(Integer)
    losses: Mapped[str] = mapped_column(String(500), default="")
    follow_up: Mapped[str] = mapped_column(String(500), default="")
    open_papers_note: Mapped[str] = mapped_column(String(500), default="")


class EmergencyRunStep(Base):
    """A step of a run, copied from the plan version at the start; done or skipped once."""

    __tablename__ = "emergency_run_step"
    __table_args__ = (UniqueConstraint("run_id", "position", name="uq_emergency_run_step"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("emergency_run.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(30))
    note: Mapped[str] = mapped_column(String(500), default="")
    state: Mapped[str] = mapped_column(String(10), default="pending")
    at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    skip_reason: Mapped[str] = mapped_column(String(300), default="")


class EmergencyRunNote(Base):
    __tablename__ = "emergency_run_note"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("emergency_run.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    text: Mapped[str] = mapped_column(String(1000))


class EmergencyPaper(Base):
    """A customer served on paper during an outage; ``entered_at`` once keyed into BOSS."""

    __tablename__ = "emergency_paper"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("emergency_run.id"), index=True)
    customer_name: Mapped[str] = mapped_column(String(60))
    number: Mapped[str] = mapped_column(String(30))  # the service number served
    business: Mapped[str] = mapped_column(String(200))
    amount_fen: Mapped[int] = mapped_column(Integer, default=0)
    contact: Mapped[str] = mapped_column(String(30), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[int] = mapped_column(ForeignKey("user.id"))
    entered_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    entered_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
