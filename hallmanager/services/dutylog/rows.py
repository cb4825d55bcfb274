"""Row → view conversion and the shared helpers of ``DutyLogService`` (internal: the API is
the service and the views in ``dutylog_views``).

``Cache`` holds the transaction's lookups of the roster, the shifts and the settings; ``log_view``
assembles a ``DutyLogView`` from a log row. Queries go through ``storage.repositories``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any

from hallmanager.domain import dutylog as dl
from hallmanager.domain.clock import Clock
from hallmanager.domain.dutylog import FaultStatus, LogFields, LogStatus
from hallmanager.domain.dutylog import checklist as cl
from hallmanager.domain.dutylog.checklist import Anchor, AppliesTo, ChecklistItemDef, ItemStatus
from hallmanager.domain.errors import NotFound, ReadOnlyRecord, ValidationError
from hallmanager.domain.shifts import ShiftDef, parse_hhmm
from hallmanager.services.dutylog.views import (
    AbsenceView,
    AmendmentView,
    ChecklistEntryView,
    ChecklistTemplateView,
    DutyLogSettingsView,
    DutyLogView,
    FaultView,
    HandoverView,
    InspectionView,
    MeetingView,
    PersonRef,
    TemplateItemView,
)
from hallmanager.storage.database import DbSession
from hallmanager.storage.dutylog import repository as log_repo
from hallmanager.storage.dutylog.models import (
    ChecklistTemplate,
    ChecklistTemplateItem,
    DutyLog,
    DutyLogAmendment,
    DutyLogChecklistEntry,
    DutyLogInspection,
    EquipmentFault,
    HandoverItem,
)
from hallmanager.storage.models import Shift
from hallmanager.storage.repositories import hall as hall_repo
from hallmanager.storage.repositories import users as users_repo

RO_SIGNED = "值班日志已签字，不能修改；如需更正请使用“更正”功能（须填写原因并签字）"


class Cache:
    """Lookups of the (small) roster, the shifts and the settings, shared by every ``Cache``
    of the same transaction (``log_repo.lookup_memo``: forgotten when one of those rows is
    written); the logs looked up stay with this instance."""

    def __init__(self, s: DbSession) -> None:
        self.s = s
        self._memo = log_repo.lookup_memo(s)
        self._logs: dict[int, DutyLog] = {}

    def person(self, user_id: int) -> PersonRef:
        people: dict[int, PersonRef] = self._memo.setdefault("people", {})
        p = people.get(user_id)
        if p is None:
            u = users_repo.user(self.s, user_id)
            p = PersonRef(u.id, u.full_name, u.staff_no) if u else PersonRef(user_id, f"#{user_id}")
            people[user_id] = p
        return p

    def load_people(self, ids: Iterable[int | None]) -> None:
        """Look up in one query the people a view is about to name (not one by one)."""
        people: dict[int, PersonRef] = self._memo.setdefault("people", {})
        missing = sorted({i for i in ids if i is not None and i not in people})
        if len(missing) > 1:
            for u in log_repo.users(self.s, missing):
                people[u.id] = PersonRef(u.id, u.full_name, u.staff_no)

    def person_or_none(self, user_id: int | None) -> PersonRef | None:
        return None if user_id is None else self.person(user_id)

    def _load_shifts(self) -> None:
        rows = hall_repo.all_shifts(self.s)
        self._memo["shifts"] = {r.id: shift_def(r) for r in rows}
        self._memo["active"] = sorted((shift_def(r) for r in rows if r.active),
                                      key=lambda d: (d.start, d.id))

    def shift(self, shift_id: int) -> ShiftDef:
        if "shifts" not in self._memo:
            self._load_shifts()
        shifts: dict[int, ShiftDef] = self._memo["shifts"]
        return shifts[shift_id]

    @property
    def active(self) -> list[ShiftDef]:
        if "active" not in self._memo:
            self._load_shifts()
        return list(self._memo["active"])

    @property
    def settings(self) -> DutyLogSettingsView:
        v: DutyLogSettingsView | None = self._memo.get("settings")
        if v is None:
            v = self._memo["settings"] = settings_view(self.s)
        return v

    def log(self, log_id: int) -> DutyLog:
        if log_id not in self._logs:
            row = log_repo.log(self.s, log_id)
            assert row is not None
            self._logs[log_id] = row
        return self._logs[log_id]


# --- small helpers -----------------------------------------------------------------------------
def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def shift_def(row: Shift) -> ShiftDef:
    return ShiftDef(row.id, row.name, parse_hhmm(row.start), parse_hhmm(row.end))


def slot_of(c: Cache, day: dt.date, shift_id: int) -> tuple[dt.date, dt.time, int]:
    return cl.slot_key(day, c.shift(shift_id))


def load_log(s: DbSession, log_id: int) -> DutyLog:
    """The log row, or NotFound (the id came from the UI and may be stale)."""
    log = log_repo.log(s, log_id)
    if log is None:
        raise NotFound("找不到该值班日志")
    return log


def load_handover(s: DbSession, item_id: int) -> HandoverItem:
    """The hand-over item row, or NotFound."""
    h = log_repo.handover_item(s, item_id)
    if h is None:
        raise NotFound("找不到该交接事项")
    return h


def touch(log: DutyLog, now: dt.datetime) -> None:
    """Every write of a log: its time and its version (the editors' conflict check)."""
    log.updated_at = now
    log.version = (log.version or 0) + 1


def require_draft(log: DutyLog) -> None:
    if log.status != LogStatus.DRAFT.value:
        raise ReadOnlyRecord(RO_SIGNED)


# --- log fields --------------------------------------------------------------------------------
_JSON_COLUMNS = {"staff_on_duty": "staff_on_duty_json", "staff_absent": "staff_absent_json",
                 "meeting_attendees": "meeting_attendees_json"}


def log_fields(log: DutyLog) -> LogFields:
    data: dict[str, Any] = {}
    for name in dl.DRAFT_FIELDS:
        col = _JSON_COLUMNS.get(name)
        data[name] = json.loads(getattr(log, col) or "[]") if col else getattr(log, name)
    return dl.fields_from_dict(data)


def set_field(log: DutyLog, name: str, value: Any) -> None:
    col = _JSON_COLUMNS.get(name)
    if col:
        setattr(log, col, dumps(dl.to_jsonable(name, value)))
    else:
        setattr(log, name, value)


def check_people(s: DbSession, values: Mapping[str, Any]) -> None:
    """Staff pickers may only name people on the roster."""
    ids: set[int] = set()
    for k in ("staff_on_duty", "meeting_attendees"):
        ids.update(values.get(k, ()))
    ids.update(a.user_id for a in values.get("staff_absent", ()))
    if not ids:
        return
    found = users_repo.existing_ids(s, ids)
    if ids - found:
        raise ValidationError("所选人员不在花名册中", field=next(
            k for k in ("staff_on_duty", "meeting_attendees", "staff_absent") if k in values))


# --- settings and checklist templates ----------------------------------------------------------
def settings_view(s: DbSession) -> DutyLogSettingsView:
    row = log_repo.settings(s)
    if row is None:
        return DutyLogSettingsView(dl.MEETING_LIMIT_MINUTES, cl.DUE_SOON_MINUTES,
                                   dl.DEFAULT_INSPECTION_ITEMS)
    items = tuple((c, i) for c, i in json.loads(row.inspection_items_json))
    return DutyLogSettingsView(row.meeting_limit_minutes, row.due_soon_minutes, items)


def settings_dict(v: DutyLogSettingsView) -> dict[str, Any]:
    return {"meeting_limit_minutes": v.meeting_limit_minutes,
            "due_soon_minutes": v.due_soon_minutes,
            "inspection_items": [list(x) for x in v.inspection_items]}


def insert_template(s: DbSession, items: list[ChecklistItemDef], version: int, note: str,
                    by: int | None, now: dt.datetime) -> ChecklistTemplate:
    t = ChecklistTemplate(version=version, note=note, created_at=now, created_by=by)
    s.add(t)
    s.flush()
    for order, i in enumerate(items):
        s.add(ChecklistTemplateItem(template_id=t.id, sort_order=order, title=i.title,
                                    anchor=Anchor(i.anchor).value,
                                    offset_minutes=i.offset_minutes,
                                    applies_to=AppliesTo(i.applies_to).value))
    s.flush()
    return t


def template_item_def(ti: ChecklistTemplateItem) -> ChecklistItemDef:
    return ChecklistItemDef(ti.title, Anchor(ti.anchor), ti.offset_minutes,
                            AppliesTo(ti.applies_to))


def item_dict(i: ChecklistItemDef) -> dict[str, Any]:
    return {"title": i.title, "anchor": Anchor(i.anchor).value,
            "offset_minutes": i.offset_minutes, "applies_to": AppliesTo(i.applies_to).value}


def template_view(s: DbSession, t: ChecklistTemplate) -> ChecklistTemplateView:
    items = log_repo.template_items(s, t.id)
    creator = users_repo.user(s, t.created_by) if t.created_by else None
    return ChecklistTemplateView(
        t.id, t.version, t.note, t.created_at,
        PersonRef(creator.id, creator.full_name, creator.staff_no) if creator else None,
        tuple(TemplateItemView(i.id, i.sort_order, i.title, Anchor(i.anchor), i.offset_minutes,
                               AppliesTo(i.applies_to)) for i in items))


def default_template_view() -> ChecklistTemplateView:
    return ChecklistTemplateView(None, 0, "默认流程（尚未保存）", None, None, tuple(
        TemplateItemView(0, n, i.title, i.anchor, i.offset_minutes, i.applies_to)
        for n, i in enumerate(cl.DEFAULT_CHECKLIST)))


# --- checklist lines and inspections -----------------------------------------------------------
def entry_dict(e: DutyLogChecklistEntry) -> dict[str, Any]:
    return {"title": e.title, "status": e.status, "done_at": e.done_at, "done_by": e.done_by,
            "skip_reason": e.skip_reason}


def entry_view(e: DutyLogChecklistEntry, c: Cache, ref: dt.datetime,
               due_soon: int) -> ChecklistEntryView:
    st = ItemStatus(e.status)
    return ChecklistEntryView(
        e.id, e.log_id, e.sort_order, e.title, e.target_at, st, e.done_at,
        c.person_or_none(e.done_by), e.skip_reason,
        cl.flag(st, e.target_at, ref, due_soon_minutes=due_soon),
        cl.done_late(st, e.target_at, e.done_at))


def inspection_view(i: DutyLogInspection) -> InspectionView:
    return InspectionView(i.id, i.category, i.item, i.ok, i.note)


# --- faults ------------------------------------------------------------------------------------
def fault_status(v: FaultStatus | str) -> FaultStatus:
    try:
        return FaultStatus(v)
    except ValueError as exc:
        raise ValidationError(f"故障状态不正确：{v}", field="status") from exc


def fault_dict(f: EquipmentFault) -> dict[str, Any]:
    return {"what": f.what, "location": f.location, "since": f.since, "status": f.status,
            "reported_to": f.reported_to, "reported_at": f.reported_at,
            "repaired_at": f.repaired_at, "note": f.note}


def fault_view(f: EquipmentFault, c: Cache) -> FaultView:
    return FaultView(f.id, f.what, f.location, f.since, FaultStatus(f.status), f.reported_to,
                     f.reported_at, f.repaired_at, f.note, f.log_id, f.created_at,
                     c.person_or_none(f.created_by))


def _iso(v: dt.datetime | None) -> str | None:
    return v.isoformat(sep=" ") if v else None


def fault_snapshot(f: FaultView) -> dict[str, Any]:
    return {"id": f.id, "what": f.what, "location": f.location, "since": _iso(f.since),
            "status": f.status.value, "reported_to": f.reported_to,
            "reported_at": _iso(f.reported_at), "repaired_at": _iso(f.repaired_at),
            "note": f.note, "log_id": f.log_id, "created_at": _iso(f.created_at),
            "created_by": f.created_by.id if f.created_by else None}


def _dt(v: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(v) if v else None


def fault_from_snapshot(d: dict[str, Any], c: Cache) -> FaultView:
    since = _dt(d["since"])
    created = _dt(d["created_at"])
    assert since is not None and created is not None
    return FaultView(d["id"], d["what"], d["location"], since, FaultStatus(d["status"]),
                     d["reported_to"], _dt(d["reported_at"]), _dt(d["repaired_at"]), d["note"],
                     d["log_id"], created, c.person_or_none(d["created_by"]))


def faults_between(s: DbSession, c: Cache, start: dt.datetime,
                   end: dt.datetime) -> list[FaultView]:
    rows = log_repo.fault_candidates(s, start, end)
    return [fault_view(f, c) for f in rows
            if dl.fault_open_during(dl.FaultSpan(f.since, f.repaired_at), start, end)]


# --- hand-over items ---------------------------------------------------------------------------
def handover_view(h: HandoverItem, c: Cache) -> HandoverView:
    src = c.log(h.from_log_id)
    return HandoverView(
        h.id, h.text, h.from_log_id, src.date, c.shift(src.shift_id).name,
        c.person(src.duty_manager_id), h.target_date, h.target_shift_id,
        c.shift(h.target_shift_id).name, h.created_at, c.person_or_none(h.created_by),
        h.ack_at, c.person_or_none(h.ack_by), h.ack_log_id)


def handover_in(s: DbSession, c: Cache, log: DutyLog) -> list[HandoverItem]:
    """Items for this log: addressed to its shift, acknowledged in it, or older ones that were
    still unacknowledged when this shift ran (acknowledged later or never)."""
    me = slot_of(c, log.date, log.shift_id)
    # The repository narrows to candidates (same date, acknowledged here/later, or never); the
    # exact shift-order comparison follows here.
    out: list[HandoverItem] = []
    for h in log_repo.handover_candidates_for(s, log.id, log.date):
        ack = c.log(h.ack_log_id) if h.ack_log_id is not None else None
        if dl.handover_shown_in(me, slot_of(c, h.target_date, h.target_shift_id),
                                slot_of(c, ack.date, ack.shift_id) if ack else None):
            out.append(h)
    return out


# --- amendments --------------------------------------------------------------------------------
def amendment_domain(a: DutyLogAmendment) -> dl.Amendment:
    return dl.Amendment(a.field, dl.from_jsonable(a.field, json.loads(a.old_value_json)),
                        dl.from_jsonable(a.field, json.loads(a.new_value_json)), a.reason,
                        a.created_at, a.created_by)


def log_amendments(s: DbSession, log_id: int) -> list[dl.Amendment]:
    return [amendment_domain(a) for a in log_repo.amendments(s, log_id)]


def amendment_view(a: DutyLogAmendment, c: Cache) -> AmendmentView:
    return AmendmentView(a.id, a.log_id, a.field, dl.FIELD_LABELS.get(a.field, a.field),
                         dl.from_jsonable(a.field, json.loads(a.old_value_json)),
                         dl.from_jsonable(a.field, json.loads(a.new_value_json)),
                         a.reason, a.created_at, c.person_or_none(a.created_by))


# --- the whole log -----------------------------------------------------------------------------
def log_view(s: DbSession, log: DutyLog, c: Cache, clock: Clock, *,
             new: tuple[list[DutyLogChecklistEntry], list[DutyLogInspection]] | None = None,
             ) -> DutyLogView:
    """Everything about one log; checklist flags are against the clock for a draft and the
    sign-off time for a signed log, whose faults come from the snapshot taken at signing.

    ``new``: the log was created in this transaction with these checklist lines and
    inspections (in their order), so nothing else can refer to it yet (no amendments, no
    hand-over items from it) and its lines need not be read back."""
    settings = c.settings
    shift = c.shift(log.shift_id)
    signed = log.status == LogStatus.SIGNED.value
    ref_time = log.signed_at if signed and log.signed_at else clock.now()
    original = log_fields(log)
    amend_rows = [] if new else log_repo.amendments(s, log.id)
    amends = [amendment_domain(a) for a in amend_rows]
    effective = dl.apply_amendments(original, amends)
    if new:
        entries, inspections = new
    else:
        entries = log_repo.checklist_entries(s, log.id)
        inspections = log_repo.inspections(s, log.id)
    if signed and log.faults_snapshot_json is not None:
        faults = [fault_from_snapshot(d, c) for d in json.loads(log.faults_snapshot_json)]
    else:
        faults = faults_between(s, c, shift.start_on(log.date), shift.end_on(log.date))
    c.load_people([log.duty_manager_id, log.created_by, log.signed_by,
                   *effective.staff_on_duty, *(a.user_id for a in effective.staff_absent),
                   *effective.meeting_attendees, *(e.done_by for e in entries)])
    nday, nshift = cl.next_shift(c.active, shift, log.date)
    incoming = log_repo.log_at(s, nday, nshift.id)
    version = None
    if log.checklist_template_id is not None:
        t = log_repo.template(s, log.checklist_template_id)
        version = t.version if t else None
    return DutyLogView(
        id=log.id, date=log.date, shift_id=log.shift_id, shift_name=shift.name,
        shift_start=shift.start.strftime("%H:%M"), shift_end=shift.end.strftime("%H:%M"),
        status=LogStatus(log.status), duty_manager=c.person(log.duty_manager_id),
        checklist_version=version, original=original, effective=effective,
        staff_on_duty=tuple(c.person(i) for i in effective.staff_on_duty),
        staff_absent=tuple(AbsenceView(c.person(a.user_id), a.leave_type, a.note)
                           for a in effective.staff_absent),
        meeting=MeetingView(effective.meeting_start, effective.meeting_minutes,
                            tuple(c.person(i) for i in effective.meeting_attendees),
                            effective.meeting_topics, settings.meeting_limit_minutes),
        inspections=tuple(inspection_view(i) for i in inspections),
        checklist=tuple(entry_view(e, c, ref_time, settings.due_soon_minutes)
                        for e in entries),
        faults=tuple(faults),
        handover_in=tuple(handover_view(h, c) for h in handover_in(s, c, log)),
        handover_out=() if new else tuple(handover_view(h, c)
                                           for h in log_repo.handover_items_from(s, log.id)),
        amendments=tuple(amendment_view(a, c) for a in amend_rows),
        created_at=log.created_at, created_by=c.person_or_none(log.created_by),
        updated_at=log.updated_at, signed_at=log.signed_at,
        signed_by=c.person_or_none(log.signed_by),
        next_shift_date=nday, next_shift_name=nshift.name,
        incoming_log_id=incoming.id if incoming else None,
        incoming_duty_manager=c.person(incoming.duty_manager_id) if incoming else None,
        version=log.version,
    )


def warnings_for(v: DutyLogView) -> list[str]:
    """What to confirm before signing (see ``DutyLogService.signoff_warnings``)."""
    return _warnings([i.ok is False and not i.note for i in v.inspections], v.effective,
                     tuple(e.title for e in v.pending_items),
                     tuple(h.text for h in v.unacked_in), v.meeting.limit_minutes)


def log_warnings(s: DbSession, log: DutyLog, c: Cache) -> list[str]:
    """``warnings_for(log_view(...))`` without assembling the whole view: only the rows the
    warnings look at (sign-off and its confirmation dialog ask for these on every click)."""
    effective = dl.apply_amendments(log_fields(log), log_amendments(s, log.id))
    problems = [i.ok is False and not i.note for i in log_repo.inspections(s, log.id)]
    pending = tuple(e.title for e in log_repo.checklist_entries(s, log.id, pending_only=True))
    unacked = tuple(h.text for h in handover_in(s, c, log) if h.ack_at is None)
    return _warnings(problems, effective, pending, unacked, c.settings.meeting_limit_minutes)


def _warnings(problems: list[bool], effective: LogFields, pending: tuple[str, ...],
              unacked: tuple[str, ...], meeting_limit: int) -> list[str]:
    other = list(dl.cross_check(effective))
    if n := sum(problems):
        other.append(f"有 {n} 个检查项目标记为有问题但未写明情况")
    return dl.signoff_warnings(dl.SignoffFacts(
        pending_items=pending, unacked_incoming=unacked,
        meeting_minutes=effective.meeting_minutes, meeting_limit=meeting_limit,
        weather=effective.weather, customer_flow=effective.customer_flow,
        other=tuple(other)))
