"""The duty log's plain views: frozen dataclasses the service hands out (never ORM rows).

``DutyLogView`` carries everything the log tab, the printed handover sheet (交接班表) and the
daily report (营业日报) need. Import them from ``hallmanager.services.dutylog``, which
re-exports every one of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from hallmanager.domain import dutylog as dl
from hallmanager.domain.dutylog import FaultStatus, LogFields, LogStatus
from hallmanager.domain.dutylog.checklist import (
    Anchor,
    AppliesTo,
    ChecklistItemDef,
    Flag,
    ItemStatus,
)

__all__ = [
    "AbsenceView",
    "AmendmentView",
    "ChecklistEntryView",
    "ChecklistTemplateView",
    "DraftSaved",
    "DutyLogSettingsView",
    "DutyLogSummary",
    "DutyLogView",
    "FaultView",
    "HandoverView",
    "InspectionView",
    "MeetingView",
    "PersonRef",
    "TemplateItemView",
]


@dataclass(frozen=True)
class PersonRef:
    """A roster person as shown on screens and prints."""

    id: int
    name: str
    staff_no: str | None = None

    @property
    def label(self) -> str:
        return f"{self.name}（{self.staff_no}）" if self.staff_no else self.name


@dataclass(frozen=True)
class AbsenceView:
    person: PersonRef
    leave_type: str
    note: str


@dataclass(frozen=True)
class MeetingView:
    """晨会 record (effective values); ``over_limit`` when it ran longer than the limit."""

    start: str | None
    minutes: int | None
    attendees: tuple[PersonRef, ...]
    topics: str
    limit_minutes: int

    @property
    def over_limit(self) -> bool:
        return dl.meeting_over_limit(self.minutes, self.limit_minutes)

    @property
    def held(self) -> bool:
        return self.start is not None or self.minutes is not None or bool(self.topics)


@dataclass(frozen=True)
class InspectionView:
    id: int
    category: str
    item: str
    ok: bool | None  # None = not checked yet
    note: str

    @property
    def result_label(self) -> str:
        return "未检查" if self.ok is None else ("正常" if self.ok else "有问题")


@dataclass(frozen=True)
class ChecklistEntryView:
    """One checklist line of a log.

    ``flag`` is overdue / due-soon against the view's reference time (now for drafts, the
    sign-off time for signed logs); ``late`` = done after the target; ``overdue`` = either.
    """

    id: int
    log_id: int
    sort_order: int
    title: str
    target_at: dt.datetime | None
    status: ItemStatus
    done_at: dt.datetime | None
    done_by: PersonRef | None
    skip_reason: str
    flag: Flag | None
    late: bool

    @property
    def overdue(self) -> bool:
        return self.late or self.flag == Flag.OVERDUE

    @property
    def status_label(self) -> str:
        return self.status.label


@dataclass(frozen=True)
class FaultView:
    id: int
    what: str
    location: str
    since: dt.datetime
    status: FaultStatus
    reported_to: str
    reported_at: dt.datetime | None
    repaired_at: dt.datetime | None
    note: str
    log_id: int | None  # the log it was entered in
    created_at: dt.datetime
    created_by: PersonRef | None

    @property
    def status_label(self) -> str:
        return self.status.label

    @property
    def is_open(self) -> bool:
        return self.status != FaultStatus.REPAIRED


@dataclass(frozen=True)
class HandoverView:
    """交接事项: from which log, for which shift, and who acknowledged it when."""

    id: int
    text: str
    from_log_id: int
    from_date: dt.date
    from_shift_name: str
    from_duty_manager: PersonRef | None
    target_date: dt.date
    target_shift_id: int
    target_shift_name: str
    created_at: dt.datetime
    created_by: PersonRef | None
    ack_at: dt.datetime | None
    ack_by: PersonRef | None
    ack_log_id: int | None

    @property
    def acknowledged(self) -> bool:
        return self.ack_at is not None


@dataclass(frozen=True)
class AmendmentView:
    id: int
    log_id: int
    field: str
    field_label: str
    old_value: Any
    new_value: Any
    reason: str
    at: dt.datetime
    by: PersonRef | None


@dataclass(frozen=True)
class DutyLogView:
    """Everything about one log, for the log tab, the handover sheet and the daily report.

    ``original`` is what was signed (or the draft); ``effective`` has the amendments applied.
    ``staff_on_duty``, ``staff_absent`` and ``meeting`` are resolved from ``effective``.
    """

    id: int
    date: dt.date
    shift_id: int
    shift_name: str
    shift_start: str
    shift_end: str
    status: LogStatus
    duty_manager: PersonRef
    checklist_version: int | None
    original: LogFields
    effective: LogFields
    staff_on_duty: tuple[PersonRef, ...]
    staff_absent: tuple[AbsenceView, ...]
    meeting: MeetingView
    inspections: tuple[InspectionView, ...]
    checklist: tuple[ChecklistEntryView, ...]
    faults: tuple[FaultView, ...]  # open during this shift (frozen at sign-off)
    handover_in: tuple[HandoverView, ...]  # for this shift, incl. older unacknowledged ones
    handover_out: tuple[HandoverView, ...]  # handed on to the next shift
    amendments: tuple[AmendmentView, ...]
    created_at: dt.datetime
    created_by: PersonRef | None
    updated_at: dt.datetime
    signed_at: dt.datetime | None
    signed_by: PersonRef | None
    next_shift_date: dt.date
    next_shift_name: str
    incoming_log_id: int | None
    incoming_duty_manager: PersonRef | None  # duty manager of the next shift's log, if any
    version: int = 0  # raised by every write; editors send it back (update_draft)

    @property
    def signed(self) -> bool:
        return self.status == LogStatus.SIGNED

    @property
    def title(self) -> str:
        return f"{self.date.isoformat()} {self.shift_name} 值班日志"

    @property
    def amended_fields(self) -> frozenset[str]:
        return frozenset(a.field for a in self.amendments)

    @property
    def pending_items(self) -> tuple[ChecklistEntryView, ...]:
        return tuple(e for e in self.checklist if e.status == ItemStatus.PENDING)

    @property
    def unacked_in(self) -> tuple[HandoverView, ...]:
        return tuple(h for h in self.handover_in if not h.acknowledged)


@dataclass(frozen=True)
class DutyLogSummary:
    """A row of the log list."""

    id: int
    date: dt.date
    shift_id: int
    shift_name: str
    status: LogStatus
    duty_manager: PersonRef
    signed_at: dt.datetime | None
    customer_flow: int | None
    pending_items: int
    amended: bool


@dataclass(frozen=True)
class DraftSaved:
    """Result of an autosave: which fields really changed (empty = nothing written)."""

    log_id: int
    changed: tuple[str, ...]
    updated_at: dt.datetime
    version: int = 0  # the log's version after this save (send it with the next one)


@dataclass(frozen=True)
class TemplateItemView:
    id: int
    sort_order: int
    title: str
    anchor: Anchor
    offset_minutes: int
    applies_to: AppliesTo

    def to_def(self) -> ChecklistItemDef:
        return ChecklistItemDef(self.title, self.anchor, self.offset_minutes, self.applies_to)

    @property
    def target_label(self) -> str:
        return self.to_def().target_label


@dataclass(frozen=True)
class ChecklistTemplateView:
    """A checklist version; version 0 / id None = the built-in defaults, not yet saved."""

    id: int | None
    version: int
    note: str
    created_at: dt.datetime | None
    created_by: PersonRef | None
    items: tuple[TemplateItemView, ...]

    def defs(self) -> list[ChecklistItemDef]:
        return [i.to_def() for i in self.items]


@dataclass(frozen=True)
class DutyLogSettingsView:
    meeting_limit_minutes: int
    due_soon_minutes: int
    inspection_items: tuple[tuple[str, str], ...]  # (category, item)
    weather_choices: tuple[str, ...] = dl.WEATHER_CHOICES
    leave_types: tuple[str, ...] = dl.LEAVE_TYPES
