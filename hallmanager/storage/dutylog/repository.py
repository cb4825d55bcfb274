"""Queries of the duty-log module: settings, checklist templates, logs and their lines,
faults, hand-over items and amendments.

Orders are part of the contract: the views and prints list rows in the order returned here.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, bindparam, event, insert, or_, select, union
from sqlalchemy.orm import Session

from hallmanager.domain.dutylog import FaultStatus
from hallmanager.domain.dutylog.checklist import ItemStatus
from hallmanager.storage.dutylog.models import (
    ChecklistTemplate,
    ChecklistTemplateItem,
    DutyLog,
    DutyLogAmendment,
    DutyLogChecklistEntry,
    DutyLogInspection,
    DutyLogSettings,
    EquipmentFault,
    HandoverItem,
)
from hallmanager.storage.models import AuditEntry, Shift, User

SETTINGS_ID = 1  # the duty-log settings are one row, created on the first save


# --- lookups kept for one transaction -------------------------------------------------------
_MEMO = "hallmanager_dutylog_lookups"
_LOOKUP_ROWS = (User, Shift, DutyLogSettings)


def lookup_memo(s: Session) -> dict[str, Any]:
    """A dict the duty-log views keep their roster, shift and settings lookups in for the
    rest of the session's current transaction (a demo day runs many actions in one).

    It starts empty in every new transaction and is emptied whenever a flush writes (or a
    rollback undoes) a user, shift or settings row, so what it holds is what a query would
    return. Callers only read those rows through it; writes go through the session."""
    txn = s.get_transaction()
    if txn is None:
        return {}
    held = s.info.get(_MEMO)
    if held is None:
        event.listen(s, "before_flush", _forget_changed)
        event.listen(s, "after_soft_rollback", _forget_all)
    elif held[0] is txn:
        memo: dict[str, Any] = held[1]
        return memo
    memo = {}
    s.info[_MEMO] = (txn, memo)
    return memo


def _forget_changed(s: Session, *_: object) -> None:
    held = s.info.get(_MEMO)
    if held and held[1] and any(isinstance(o, _LOOKUP_ROWS)
                                for rows in (s.new, s.dirty, s.deleted) for o in rows):
        held[1].clear()


def _forget_all(s: Session, *_: object) -> None:
    held = s.info.get(_MEMO)
    if held:
        held[1].clear()


def users(s: Session, ids: Sequence[int]) -> list[User]:
    """The roster rows of ``ids`` in one query (a log names a dozen people)."""
    return list(s.scalars(select(User).where(User.id.in_(ids)))) if ids else []


# --- settings and checklist templates ---------------------------------------------------------
def settings(s: Session) -> DutyLogSettings | None:
    """The saved duty-log settings, None while the defaults apply."""
    return s.get(DutyLogSettings, SETTINGS_ID)


def template(s: Session, template_id: int) -> ChecklistTemplate | None:
    """One checklist version by id (a log records the version it ran with)."""
    return s.get(ChecklistTemplate, template_id)


# The statements run on every log view and checklist tick are built once (with bound
# parameters): building a statement costs about as much as running it on these small tables.
_LATEST_TEMPLATE = select(ChecklistTemplate).order_by(ChecklistTemplate.version.desc()).limit(1)
_TEMPLATE_ITEMS = (select(ChecklistTemplateItem)
                   .where(ChecklistTemplateItem.template_id == bindparam("template_id"))
                   .order_by(ChecklistTemplateItem.sort_order))
_LOG_AT = select(DutyLog).where(DutyLog.date == bindparam("day"),
                                DutyLog.shift_id == bindparam("shift_id"))
_LOG_ID_AT = select(DutyLog.id).where(DutyLog.date == bindparam("day"),
                                      DutyLog.shift_id == bindparam("shift_id"))
_ENTRIES = (select(DutyLogChecklistEntry)
            .where(DutyLogChecklistEntry.log_id == bindparam("log_id"))
            .order_by(DutyLogChecklistEntry.sort_order))
_PENDING_ENTRIES = (select(DutyLogChecklistEntry)
                    .where(DutyLogChecklistEntry.log_id == bindparam("log_id"),
                           DutyLogChecklistEntry.status == ItemStatus.PENDING.value)
                    .order_by(DutyLogChecklistEntry.sort_order))
_INSPECTIONS = (select(DutyLogInspection).where(DutyLogInspection.log_id == bindparam("log_id"))
                .order_by(DutyLogInspection.sort_order))
_FAULT_CANDIDATES = (select(EquipmentFault).where(
    EquipmentFault.since < bindparam("end"),
    or_(EquipmentFault.repaired_at.is_(None), EquipmentFault.repaired_at >= bindparam("start")))
    .order_by(EquipmentFault.since, EquipmentFault.id))
_ITEMS_FROM = (select(HandoverItem).where(HandoverItem.from_log_id == bindparam("log_id"))
               .order_by(HandoverItem.id))
_AMENDMENTS = (select(DutyLogAmendment).where(DutyLogAmendment.log_id == bindparam("log_id"))
               .order_by(DutyLogAmendment.created_at, DutyLogAmendment.id))


def latest_template(s: Session) -> ChecklistTemplate | None:
    """The newest checklist version (new logs use it), None before the first is saved."""
    return s.scalar(_LATEST_TEMPLATE)


def templates_newest_first(s: Session) -> list[ChecklistTemplate]:
    """Every saved checklist version, newest first."""
    return list(s.scalars(select(ChecklistTemplate).order_by(ChecklistTemplate.version.desc())))


def template_items(s: Session, template_id: int) -> list[ChecklistTemplateItem]:
    """A version's lines in their template order."""
    return list(s.scalars(_TEMPLATE_ITEMS, {"template_id": template_id}))


# --- logs ------------------------------------------------------------------------------------
def log(s: Session, log_id: int) -> DutyLog | None:
    """One log by id."""
    return s.get(DutyLog, log_id)


def draft_changes_since(s: Session, log_id: int,
                        version: int) -> dict[str, tuple[int | None, dt.datetime]]:
    """Draft fields written after ``version`` of the log, each with its newest writer (user id,
    time). Read from the audit log, where every ``update_draft`` entry records the version it
    produced; newest first, stopping at the first entry at or below ``version``."""
    q = (select(AuditEntry)
         .where(AuditEntry.entity == "duty_log", AuditEntry.entity_id == str(log_id),
                AuditEntry.action == "update_draft")
         .order_by(AuditEntry.id.desc())
         .execution_options(yield_per=50))
    out: dict[str, tuple[int | None, dt.datetime]] = {}
    for e in s.scalars(q):
        after = json.loads(e.after_json or "{}")
        v = after.pop("version", None)
        if not isinstance(v, int) or v <= version:
            break
        for name in after:
            out.setdefault(name, (e.user_id, e.at))
    return out


def log_at(s: Session, day: dt.date, shift_id: int) -> DutyLog | None:
    """The log of a date and shift (there is at most one)."""
    return s.scalar(_LOG_AT, {"day": day, "shift_id": shift_id})


def log_exists_at(s: Session, day: dt.date, shift_id: int) -> bool:
    """Whether the date/shift already has a log (checked before creating one)."""
    return s.scalar(_LOG_ID_AT, {"day": day, "shift_id": shift_id}) is not None


def log_by_shift_name(s: Session, day: dt.date, shift_name: str) -> DutyLog | None:
    """The log of a date and a shift given by name (the command line names shifts)."""
    return s.scalar(select(DutyLog).join(Shift, Shift.id == DutyLog.shift_id)
                    .where(DutyLog.date == day, Shift.name == shift_name))


def logs_on(s: Session, day: dt.date) -> list[DutyLog]:
    """A date's logs in shift order (start time, then shift id)."""
    return list(s.scalars(select(DutyLog).join(Shift, Shift.id == DutyLog.shift_id)
                          .where(DutyLog.date == day).order_by(Shift.start, Shift.id)))


def logs_between(s: Session, start: dt.date, end: dt.date) -> list[DutyLog]:
    """Logs dated ``start`` to ``end`` inclusive, newest date first (shift order is the
    caller's: it knows the shift times)."""
    return list(s.scalars(select(DutyLog).where(DutyLog.date >= start, DutyLog.date <= end)
                          .order_by(DutyLog.date.desc())))


def first_log_date(s: Session) -> dt.date | None:
    """The date of the oldest log (a new install has none)."""
    return s.scalar(select(DutyLog.date).order_by(DutyLog.date).limit(1))


def pending_entry_counts(s: Session, log_ids: Sequence[int]) -> dict[int, int]:
    """Per log, how many checklist lines are still pending (logs without any are absent)."""
    counts: dict[int, int] = {}
    if not log_ids:
        return counts
    for (lid,) in s.execute(select(DutyLogChecklistEntry.log_id).where(
            DutyLogChecklistEntry.log_id.in_(log_ids),
            DutyLogChecklistEntry.status == ItemStatus.PENDING.value)):
        counts[lid] = counts.get(lid, 0) + 1
    return counts


def amended_log_ids(s: Session, log_ids: Sequence[int]) -> set[int]:
    """Which of ``log_ids`` have at least one amendment."""
    if not log_ids:
        return set()
    return set(s.scalars(select(DutyLogAmendment.log_id)
                         .where(DutyLogAmendment.log_id.in_(log_ids))))


# --- checklist lines and inspections --------------------------------------------------------
def checklist_entry(s: Session, entry_id: int) -> DutyLogChecklistEntry | None:
    """One checklist line by id."""
    return s.get(DutyLogChecklistEntry, entry_id)


def checklist_entries(s: Session, log_id: int, *,
                      pending_only: bool = False) -> list[DutyLogChecklistEntry]:
    """A log's checklist lines in their order (``pending_only``: not yet done or skipped)."""
    return list(s.scalars(_PENDING_ENTRIES if pending_only else _ENTRIES, {"log_id": log_id}))


def add_lines(s: Session, log_id: int, entries: Sequence[dict[str, Any]],
              items: Sequence[dict[str, Any]]
              ) -> tuple[list[DutyLogChecklistEntry], list[DutyLogInspection]]:
    """Write a new log's checklist lines and inspection items (column values, in their
    order), each kind in one statement instead of one per row, and return the rows as
    ``checklist_entries`` and ``inspections`` do."""
    if entries:
        s.execute(insert(DutyLogChecklistEntry), [{**e, "log_id": log_id} for e in entries])
    if items:
        s.execute(insert(DutyLogInspection), [{**i, "log_id": log_id} for i in items])
    return checklist_entries(s, log_id), inspections(s, log_id)


def inspections(s: Session, log_id: int) -> list[DutyLogInspection]:
    """A log's inspection items in their order."""
    return list(s.scalars(_INSPECTIONS, {"log_id": log_id}))


def inspection(s: Session, log_id: int, category: str, item: str) -> DutyLogInspection | None:
    """One inspection item of a log, by category and item name (unique per log)."""
    return s.scalar(select(DutyLogInspection).where(
        DutyLogInspection.log_id == log_id, DutyLogInspection.category == category,
        DutyLogInspection.item == item))


# --- faults ----------------------------------------------------------------------------------
def fault(s: Session, fault_id: int) -> EquipmentFault | None:
    """One equipment fault by id."""
    return s.get(EquipmentFault, fault_id)


def open_faults(s: Session) -> list[EquipmentFault]:
    """Faults not repaired yet, oldest first."""
    return list(s.scalars(select(EquipmentFault)
                          .where(EquipmentFault.status != FaultStatus.REPAIRED.value)
                          .order_by(EquipmentFault.since)))


def fault_candidates(s: Session, start: dt.datetime, end: dt.datetime) -> list[EquipmentFault]:
    """Faults that began before ``end`` and were not repaired before ``start``, by start time.

    A superset of "open during [start, end)": the exact rule is the domain's
    (``dutylog.fault_open_during``), which the caller applies.
    """
    return list(s.scalars(_FAULT_CANDIDATES, {"start": start, "end": end}))


# --- hand-over items -------------------------------------------------------------------------
def handover_item(s: Session, item_id: int) -> HandoverItem | None:
    """One hand-over item by id."""
    return s.get(HandoverItem, item_id)


def unacked_handover_items(s: Session) -> list[HandoverItem]:
    """Items nobody has acknowledged yet, by target date then id (oldest first)."""
    return list(s.scalars(select(HandoverItem).where(HandoverItem.ack_at.is_(None))
                          .order_by(HandoverItem.target_date, HandoverItem.id)))


def handover_items_from(s: Session, log_id: int) -> list[HandoverItem]:
    """Items a log handed on to the next shift, in the order they were written."""
    return list(s.scalars(_ITEMS_FROM, {"log_id": log_id}))


def _handover_candidates() -> Select[Any]:
    day, log_id = bindparam("day"), bindparam("log_id")
    ids = union(
        select(HandoverItem.id).where(HandoverItem.target_date == day),
        select(HandoverItem.id).where(HandoverItem.ack_log_id.is_(None)),
        select(HandoverItem.id).where(HandoverItem.ack_log_id.in_(
            select(DutyLog.id).where(DutyLog.date >= day))),
    )
    return (select(HandoverItem)
            .where(HandoverItem.id.in_(ids), HandoverItem.target_date <= day,
                   HandoverItem.from_log_id != log_id)
            .order_by(HandoverItem.target_date, HandoverItem.id))


# Built once: every log view runs it, and building the statement cost more than running it.
_HANDOVER_CANDIDATES = _handover_candidates()


def handover_candidates_statement(log_id: int, day: dt.date) -> Select[Any]:
    """The query behind ``handover_candidates_for``: three indexed lookups (items due that
    day; unacknowledged ones; ones acknowledged in a log dated that day or later), never a
    walk over every item of the hall's history."""
    return _HANDOVER_CANDIDATES.params(log_id=log_id, day=day)


def handover_candidates_for(s: Session, log_id: int, day: dt.date) -> list[HandoverItem]:
    """Items that may belong in the incoming list of log ``log_id`` (dated ``day``): from
    other logs, targeted at ``day`` or earlier, and targeted at ``day`` itself,
    unacknowledged, or acknowledged in a log dated ``day`` or later. By target date, then id.

    SQL only narrows by date; the exact shift-order comparison is the caller's
    (``dutylog.handover_shown_in``).
    """
    return list(s.scalars(_HANDOVER_CANDIDATES, {"log_id": log_id, "day": day}))


# --- amendments ------------------------------------------------------------------------------
def amendments(s: Session, log_id: int) -> list[DutyLogAmendment]:
    """A signed log's corrections in the order they were made (they apply in that order)."""
    return list(s.scalars(_AMENDMENTS, {"log_id": log_id}))
