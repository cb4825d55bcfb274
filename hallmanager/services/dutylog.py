"""Duty log use cases (值班日志): logs, daily checklist, inspections, faults, hand-over items,
sign-off and amendments.

One write transaction per user action, permission checked first, every change audited, plain
frozen dataclasses out (never ORM rows). Signed logs are read-only; corrections are
amendments that keep the original visible. ``DutyLogView`` carries everything the printed
handover sheet (交接班表) and the daily report (营业日报) need.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from hallmanager.domain import checklist as cl
from hallmanager.domain import dutylog as dl
from hallmanager.domain.checklist import (
    Anchor,
    AppliesTo,
    ChecklistItemDef,
    Flag,
    ItemStatus,
)
from hallmanager.domain.dutylog import (
    FaultStatus,
    LogFields,
    LogStatus,
    UnconfirmedWarnings,
)
from hallmanager.domain.errors import (
    AuthenticationError,
    Conflict,
    NotFound,
    PermissionDenied,
    ReadOnlyRecord,
    ValidationError,
)
from hallmanager.domain.roles import Action, Role
from hallmanager.domain.shifts import ShiftDef, current_shift, parse_hhmm
from hallmanager.services.context import ServiceContext
from hallmanager.services.today import AttentionItem, Severity, Target
from hallmanager.storage.models import Shift, User
from hallmanager.storage.models_dutylog import (
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

__all__ = [
    "AbsenceView",
    "AmendmentView",
    "ChecklistEntryView",
    "ChecklistTemplateView",
    "DraftSaved",
    "DutyLogService",
    "DutyLogSettingsView",
    "DutyLogSummary",
    "DutyLogView",
    "FaultView",
    "HandoverView",
    "InspectionView",
    "MeetingView",
    "PersonRef",
    "UnconfirmedWarnings",
]

PasswordVerifier = Callable[[int, str], bool]
MODULE = "dutylog"
MISSING_LOG_LOOKBACK_DAYS = 7  # the 今日 page flags missing/unsigned logs this far back
RO_SIGNED = "值班日志已签字，不能修改；如需更正请使用“更正”功能（须填写原因并签字）"


# --- plain views ---------------------------------------------------------------------------------
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


# --- the service ---------------------------------------------------------------------------------
class DutyLogService:
    """值班日志. ``verify_password(user_id, password)`` re-checks the signer (AuthService)."""

    def __init__(self, ctx: ServiceContext, verify_password: PasswordVerifier) -> None:
        self.ctx = ctx
        self._verify = verify_password

    # ---------------------------------------------------------------- settings & template
    def settings(self) -> DutyLogSettingsView:
        """Meeting limit, due-soon window and the inspection item list (defaults until saved)."""
        self._require_login()
        with self.ctx.db.read() as s:
            return _settings_view(s)

    def save_settings(self, *, meeting_limit_minutes: int, due_soon_minutes: int,
                      inspection_items: Sequence[tuple[str, str]]) -> DutyLogSettingsView:
        """Hall manager edits the rules; existing logs keep the inspection items they have."""
        self.ctx.auth.require(Action.EDIT_CHECKLIST_TEMPLATE)
        for name, v in (("晨会时长上限", meeting_limit_minutes), ("即将到期提醒", due_soon_minutes)):
            if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 240:
                raise ValidationError(f"{name}须在 1–240 分钟之间")
        items = dl.check_inspection_items(inspection_items)
        with self.ctx.db.write() as s:
            before = _settings_view(s)
            row = s.get(DutyLogSettings, 1)
            if row is None:
                row = DutyLogSettings(id=1)
                s.add(row)
            row.meeting_limit_minutes = meeting_limit_minutes
            row.due_soon_minutes = due_soon_minutes
            row.inspection_items_json = _dumps(items)
            row.updated_at = self.ctx.clock.now()
            s.flush()
            after = _settings_view(s)
            self.ctx.audit(s, "update", "dutylog_settings", 1, before=_settings_dict(before),
                           after=_settings_dict(after))
            return after

    def checklist_template(self) -> ChecklistTemplateView:
        """The current (newest) checklist version, or the built-in defaults as version 0."""
        self.ctx.auth.require(Action.VIEW_DUTY_LOG)
        with self.ctx.db.read() as s:
            t = _latest_template(s)
            return _template_view(s, t) if t else _default_template_view()

    def template_versions(self) -> list[ChecklistTemplateView]:
        """Every saved version, newest first (old logs refer to them)."""
        self.ctx.auth.require(Action.VIEW_DUTY_LOG)
        with self.ctx.db.read() as s:
            rows = s.scalars(select(ChecklistTemplate).order_by(ChecklistTemplate.version.desc()))
            return [_template_view(s, t) for t in rows]

    def save_checklist_template(self, items: Sequence[ChecklistItemDef],
                                note: str = "") -> ChecklistTemplateView:
        """Save a new version; logs already opened keep the items of the version they ran with."""
        me = self.ctx.auth.require(Action.EDIT_CHECKLIST_TEMPLATE)
        checked = cl.validate_template(list(items))
        n = (note or "").strip()[:200]
        with self.ctx.db.write() as s:
            prev = _latest_template(s)
            t = _insert_template(s, checked, (prev.version + 1) if prev else 1, n, me.id,
                                 self.ctx.clock.now())
            self.ctx.audit(s, "create", "checklist_template", t.id,
                           before={"version": prev.version} if prev else None,
                           after={"version": t.version, "note": n,
                                  "items": [_item_dict(i) for i in checked]})
            return _template_view(s, t)

    # ---------------------------------------------------------------- logs
    def create_log(self, day: dt.date, shift_id: int, *,
                   duty_manager_id: int | None = None) -> DutyLogView:
        """Start the log of ``day``/shift (one per date and shift, else Conflict). The duty
        manager defaults to the logged-in user; the checklist comes from the newest template."""
        me = self.ctx.auth.require(Action.EDIT_DUTY_LOG)
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            shift = s.get(Shift, shift_id)
            if shift is None:
                raise NotFound("找不到该班次")
            if s.scalar(select(DutyLog.id).where(DutyLog.date == day,
                                                 DutyLog.shift_id == shift_id)) is not None:
                raise Conflict(f"{day.isoformat()} {shift.name}的值班日志已存在")
            if not shift.active:
                raise ValidationError(f"班次“{shift.name}”已停用")
            if day > now.date() + dt.timedelta(days=1):
                raise ValidationError("不能为明天以后的日期创建值班日志", field="date")
            dm_id = duty_manager_id or me.id
            dm = s.get(User, dm_id)
            if dm is None or not dm.active:
                raise ValidationError("值班经理不存在或已停用", field="duty_manager_id")
            if dm.role not in (Role.DUTY_MANAGER.value, Role.HALL_MANAGER.value):
                raise ValidationError(f"{dm.full_name}不是值班经理", field="duty_manager_id")
            template = _latest_template(s)
            if template is None:
                template = _insert_template(s, list(cl.DEFAULT_CHECKLIST), 1, "默认流程",
                                            None, now)
                self.ctx.audit(s, "create", "checklist_template", template.id,
                               after={"version": 1, "note": "默认流程",
                                      "items": [_item_dict(i) for i in cl.DEFAULT_CHECKLIST]})
            log = DutyLog(date=day, shift_id=shift_id, duty_manager_id=dm_id,
                          status=LogStatus.DRAFT.value, checklist_template_id=template.id,
                          weather="", business_notes="", staff_on_duty_json="[]",
                          staff_absent_json="[]", meeting_attendees_json="[]",
                          meeting_topics="", opinions="", incidents="", next_shift_notes="",
                          created_at=now, created_by=me.id, updated_at=now)
            s.add(log)
            s.flush()
            sd = _shift_def(shift)
            titems = s.scalars(select(ChecklistTemplateItem)
                               .where(ChecklistTemplateItem.template_id == template.id)
                               .order_by(ChecklistTemplateItem.sort_order)).all()
            defs = {ti.id: _ti_def(ti) for ti in titems}
            chosen = cl.items_for_shift(list(defs.values()), sd, _active_defs(s), day)
            by_def = {id(d): tid for tid, d in defs.items()}
            for order, (d, target) in enumerate(chosen):
                s.add(DutyLogChecklistEntry(log_id=log.id, template_item_id=by_def[id(d)],
                                            sort_order=order, title=d.title, target_at=target,
                                            status=ItemStatus.PENDING.value, skip_reason=""))
            for order, (cat, item) in enumerate(_settings_view(s).inspection_items):
                s.add(DutyLogInspection(log_id=log.id, sort_order=order, category=cat,
                                        item=item, ok=None, note=""))
            s.flush()
            self.ctx.audit(s, "create", "duty_log", log.id,
                           after={"date": day, "shift": shift.name, "duty_manager_id": dm_id,
                                  "checklist_version": template.version,
                                  "checklist_items": len(chosen)})
            return self._view(s, log)

    def open_log(self, day: dt.date, shift_id: int) -> DutyLogView:
        """The log of ``day``/shift, created as a draft if it does not exist yet."""
        self.ctx.auth.require(Action.VIEW_DUTY_LOG)
        with self.ctx.db.read() as s:
            row = s.scalar(select(DutyLog).where(DutyLog.date == day, DutyLog.shift_id == shift_id))
            if row is not None:
                return self._view(s, row)
        try:
            return self.create_log(day, shift_id)
        except Conflict:  # another desk created it a moment ago
            with self.ctx.db.read() as s:
                row = s.scalar(select(DutyLog).where(DutyLog.date == day,
                                                     DutyLog.shift_id == shift_id))
                assert row is not None
                return self._view(s, row)

    def current_slot(self, now: dt.datetime | None = None) -> tuple[dt.date, int] | None:
        """(date, shift id) of the shift running at ``now`` (before opening: the first shift,
        after closing: the last one), None when no shift is configured."""
        self._require_login()
        at = now or self.ctx.clock.now()
        with self.ctx.db.read() as s:
            cur = current_shift(_Cache(s).active, at)
        return (at.date(), cur.id) if cur else None

    def current_log(self, now: dt.datetime | None = None) -> DutyLogView | None:
        """The log of the running shift if it has been opened (the 今日 page's header)."""
        self.ctx.auth.require(Action.VIEW_DUTY_LOG)
        slot = self.current_slot(now)
        if slot is None:
            return None
        with self.ctx.db.read() as s:
            row = s.scalar(select(DutyLog).where(DutyLog.date == slot[0],
                                                 DutyLog.shift_id == slot[1]))
            return self._view(s, row) if row else None

    def get_log(self, log_id: int) -> DutyLogView:
        self.ctx.auth.require(Action.VIEW_DUTY_LOG)
        with self.ctx.db.read() as s:
            return self._view(s, _get_log(s, log_id))

    def get_log_by(self, day: dt.date, shift_name: str) -> DutyLogView | None:
        """The log of a date and shift name (for ``print handover --shift 早班``), or None."""
        self.ctx.auth.require(Action.VIEW_DUTY_LOG)
        with self.ctx.db.read() as s:
            row = s.scalar(select(DutyLog).join(Shift, Shift.id == DutyLog.shift_id)
                           .where(DutyLog.date == day, Shift.name == (shift_name or "").strip()))
            return self._view(s, row) if row else None

    def logs_for_date(self, day: dt.date) -> list[DutyLogView]:
        """All logs of a date in shift order (the daily report's duty-log sheet)."""
        self.ctx.auth.require(Action.VIEW_DUTY_LOG)
        with self.ctx.db.read() as s:
            rows = s.scalars(select(DutyLog).join(Shift, Shift.id == DutyLog.shift_id)
                             .where(DutyLog.date == day).order_by(Shift.start, Shift.id)).all()
            cache = _Cache(s)
            return [self._view(s, r, cache) for r in rows]

    def list_logs(self, start: dt.date, end: dt.date) -> list[DutyLogSummary]:
        """Logs from ``start`` to ``end`` inclusive, newest first."""
        self.ctx.auth.require(Action.VIEW_DUTY_LOG)
        with self.ctx.db.read() as s:
            cache = _Cache(s)
            rows = s.scalars(select(DutyLog).where(DutyLog.date >= start, DutyLog.date <= end)
                             .order_by(DutyLog.date.desc())).all()
            pending: dict[int, int] = {}
            amended: set[int] = set()
            ids = [r.id for r in rows]
            if ids:
                for (lid,) in s.execute(select(DutyLogChecklistEntry.log_id).where(
                        DutyLogChecklistEntry.log_id.in_(ids),
                        DutyLogChecklistEntry.status == ItemStatus.PENDING.value)):
                    pending[lid] = pending.get(lid, 0) + 1
                amended = set(s.scalars(select(DutyLogAmendment.log_id)
                                        .where(DutyLogAmendment.log_id.in_(ids))))
            out = [DutyLogSummary(r.id, r.date, r.shift_id, cache.shift(r.shift_id).name,
                                  LogStatus(r.status), cache.person(r.duty_manager_id),
                                  r.signed_at, r.customer_flow, pending.get(r.id, 0),
                                  r.id in amended) for r in rows]
            return sorted(out, key=lambda x: (x.date, cache.shift(x.shift_id).start),
                          reverse=True)

    def update_draft(self, log_id: int, **fields: Any) -> DraftSaved:
        """Autosave: validate every given field (all or nothing), write only real changes and
        audit before/after of just those. Calling it again with the same values writes nothing.
        Field names: ``dutylog.DRAFT_FIELDS`` (weather, customer_flow, served_count, …)."""
        self.ctx.auth.require(Action.EDIT_DUTY_LOG)
        changes = dl.validate_fields(fields)
        with self.ctx.db.write() as s:
            log = _get_log(s, log_id)
            _require_draft(log)
            old = _fields(log)
            diff = dl.diff_fields(old, changes)
            if not diff:
                return DraftSaved(log.id, (), log.updated_at)
            _check_people(s, {k: v for k, (_o, v) in diff.items()})
            for k, (_o, v) in diff.items():
                _set_field(log, k, v)
            log.updated_at = self.ctx.clock.now()
            self.ctx.audit(s, "update_draft", "duty_log", log.id,
                           before={k: dl.to_jsonable(k, o) for k, (o, _n) in diff.items()},
                           after={k: dl.to_jsonable(k, n) for k, (_o, n) in diff.items()})
            return DraftSaved(log.id, tuple(sorted(diff)), log.updated_at)

    def set_duty_manager(self, log_id: int, user_id: int) -> DutyLogView:
        """Hand a draft to another duty manager (e.g. the log was opened by the wrong person)."""
        self.ctx.auth.require(Action.EDIT_DUTY_LOG)
        with self.ctx.db.write() as s:
            log = _get_log(s, log_id)
            _require_draft(log)
            u = s.get(User, user_id)
            if u is None or not u.active or u.role not in (Role.DUTY_MANAGER.value,
                                                            Role.HALL_MANAGER.value):
                raise ValidationError("请选择在职的值班经理", field="duty_manager_id")
            if log.duty_manager_id != user_id:
                before = log.duty_manager_id
                log.duty_manager_id = user_id
                log.updated_at = self.ctx.clock.now()
                self.ctx.audit(s, "update_draft", "duty_log", log.id,
                               before={"duty_manager_id": before},
                               after={"duty_manager_id": user_id})
            return self._view(s, log)

    def set_inspection(self, log_id: int, category: str, item: str, ok: bool | None,
                       note: str = "") -> InspectionView:
        """Record one 营业环境/设施/宣传 result (ok, problem, or None = not checked)."""
        self.ctx.auth.require(Action.EDIT_DUTY_LOG)
        n = (note or "").strip()
        if len(n) > 500:
            raise ValidationError("检查说明不能超过 500 个字", field="note")
        if ok is not None and not isinstance(ok, bool):
            raise ValidationError("检查结果须为正常或有问题", field="ok")
        with self.ctx.db.write() as s:
            log = _get_log(s, log_id)
            _require_draft(log)
            row = s.scalar(select(DutyLogInspection).where(
                DutyLogInspection.log_id == log_id, DutyLogInspection.category == category,
                DutyLogInspection.item == item))
            if row is None:
                raise NotFound(f"找不到检查项目“{item}”")
            if row.ok == ok and row.note == n:
                return _inspection_view(row)
            before = {"category": row.category, "item": row.item, "ok": row.ok, "note": row.note}
            row.ok, row.note = ok, n
            log.updated_at = self.ctx.clock.now()
            self.ctx.audit(s, "update", "duty_log_inspection", row.id, before=before,
                           after={"category": row.category, "item": row.item, "ok": ok,
                                  "note": n})
            return _inspection_view(row)

    def mark_inspections_ok(self, log_id: int) -> list[InspectionView]:
        """“全部正常”: every item not yet checked becomes OK (one action, one audit entry)."""
        self.ctx.auth.require(Action.EDIT_DUTY_LOG)
        with self.ctx.db.write() as s:
            log = _get_log(s, log_id)
            _require_draft(log)
            rows = s.scalars(select(DutyLogInspection).where(DutyLogInspection.log_id == log_id)
                             .order_by(DutyLogInspection.sort_order)).all()
            changed = [r for r in rows if r.ok is None]
            for r in changed:
                r.ok = True
            if changed:
                log.updated_at = self.ctx.clock.now()
                self.ctx.audit(s, "update", "duty_log_inspection", None,
                               before={"log_id": log_id, "ok": None},
                               after={"log_id": log_id, "ok": True,
                                      "items": [f"{r.category}/{r.item}" for r in changed]})
            return [_inspection_view(r) for r in rows]

    # ---------------------------------------------------------------- checklist
    def check_item(self, entry_id: int, *, at: dt.datetime | None = None) -> ChecklistEntryView:
        """Mark a checklist line done by the current user at ``at`` (default now; not future)."""
        me = self.ctx.auth.require(Action.CHECK_CHECKLIST)
        now = self.ctx.clock.now()
        when = (at or now).replace(microsecond=0)
        if when > now:
            raise ValidationError("完成时间不能晚于现在", field="at")
        return self._change_entry(entry_id, ItemStatus.DONE, when, me.id, "")

    def skip_item(self, entry_id: int, reason: str) -> ChecklistEntryView:
        """Skip a line; the reason is required (e.g. 停电未开机)."""
        me = self.ctx.auth.require(Action.CHECK_CHECKLIST)
        r = dl.check_skip_reason(reason)
        return self._change_entry(entry_id, ItemStatus.SKIPPED, self.ctx.clock.now(), me.id, r)

    def reset_item(self, entry_id: int) -> ChecklistEntryView:
        """Undo a check or skip while the log is a draft."""
        self.ctx.auth.require(Action.CHECK_CHECKLIST)
        return self._change_entry(entry_id, ItemStatus.PENDING, None, None, "")

    def _change_entry(self, entry_id: int, status: ItemStatus, at: dt.datetime | None,
                      by: int | None, reason: str) -> ChecklistEntryView:
        with self.ctx.db.write() as s:
            e = s.get(DutyLogChecklistEntry, entry_id)
            if e is None:
                raise NotFound("找不到该检查项")
            log = _get_log(s, e.log_id)
            _require_draft(log)
            before = _entry_dict(e)
            e.status, e.done_at, e.done_by = status.value, at, by
            e.skip_reason = reason
            log.updated_at = self.ctx.clock.now()
            action = {ItemStatus.DONE: "check", ItemStatus.SKIPPED: "skip",
                      ItemStatus.PENDING: "reset"}[status]
            self.ctx.audit(s, action, "duty_log_checklist_entry", e.id, before=before,
                           after=_entry_dict(e))
            cache = _Cache(s)
            return _entry_view(e, cache, self.ctx.clock.now(), _settings_view(s).due_soon_minutes)

    # ---------------------------------------------------------------- faults
    def report_fault(self, *, what: str, location: str = "", since: dt.datetime | None = None,
                     status: FaultStatus | str = FaultStatus.OPEN, reported_to: str = "",
                     reported_at: dt.datetime | None = None, note: str = "",
                     log_id: int | None = None) -> FaultView:
        """Register an equipment fault (设备故障). It shows in every log until repaired."""
        me = self.ctx.auth.require(Action.MANAGE_FAULTS)
        now = self.ctx.clock.now()
        st = _fault_status(status)
        w, loc, sn, rt, n = dl.check_fault(what, location, since or now, now, reported_to, note)
        ra = reported_at.replace(microsecond=0) if reported_at else None
        if st == FaultStatus.REPAIRED:
            raise ValidationError("新登记的故障不能直接为已修复", field="status")
        dl.check_fault_transition(st, rt, ra, sn, None, now)
        with self.ctx.db.write() as s:
            if log_id is not None:
                _get_log(s, log_id)
            f = EquipmentFault(what=w, location=loc, since=sn, status=st.value, reported_to=rt,
                               reported_at=ra, repaired_at=None, note=n, log_id=log_id,
                               created_at=now, created_by=me.id, updated_at=now)
            s.add(f)
            s.flush()
            self.ctx.audit(s, "create", "equipment_fault", f.id, after=_fault_dict(f))
            return _fault_view(f, _Cache(s))

    def update_fault(self, fault_id: int, *, status: FaultStatus | str | None = None,
                     reported_to: str | None = None, reported_at: dt.datetime | None = None,
                     repaired_at: dt.datetime | None = None, note: str | None = None,
                     what: str | None = None, location: str | None = None) -> FaultView:
        """Change a fault: report it (whom, when), mark it repaired (when), fix its text.
        A repaired fault is closed and read-only."""
        self.ctx.auth.require(Action.MANAGE_FAULTS)
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            f = s.get(EquipmentFault, fault_id)
            if f is None:
                raise NotFound("找不到该故障记录")
            old = FaultStatus(f.status)
            if old == FaultStatus.REPAIRED:
                raise ReadOnlyRecord("该故障已修复并关闭，不能再修改")
            before = _fault_dict(f)
            new = _fault_status(status) if status is not None else old
            w, loc, sn, rt, n = dl.check_fault(
                f.what if what is None else what, f.location if location is None else location,
                f.since, now, f.reported_to if reported_to is None else reported_to,
                f.note if note is None else note)
            ra = reported_at.replace(microsecond=0) if reported_at else f.reported_at
            if new == FaultStatus.REPORTED and ra is None:
                ra = now
            rp = (repaired_at or now).replace(microsecond=0) if new == FaultStatus.REPAIRED else None
            dl.check_fault_transition(new, rt, ra, sn, rp, now)
            f.what, f.location, f.reported_to, f.note = w, loc, rt, n
            f.status, f.reported_at, f.repaired_at = new.value, ra, rp
            after = _fault_dict(f)
            if after == before:
                return _fault_view(f, _Cache(s))
            f.updated_at = now
            self.ctx.audit(s, "repair" if new == FaultStatus.REPAIRED else "update",
                           "equipment_fault", f.id, before=before, after=after)
            return _fault_view(f, _Cache(s))

    def mark_fault_reported(self, fault_id: int, reported_to: str,
                            reported_at: dt.datetime | None = None) -> FaultView:
        return self.update_fault(fault_id, status=FaultStatus.REPORTED, reported_to=reported_to,
                                 reported_at=reported_at or self.ctx.clock.now())

    def mark_fault_repaired(self, fault_id: int, repaired_at: dt.datetime | None = None,
                            note: str | None = None) -> FaultView:
        return self.update_fault(fault_id, status=FaultStatus.REPAIRED,
                                 repaired_at=repaired_at or self.ctx.clock.now(), note=note)

    def open_faults(self) -> list[FaultView]:
        """Faults not yet repaired, oldest first."""
        self.ctx.auth.require(Action.VIEW_DUTY_LOG)
        with self.ctx.db.read() as s:
            cache = _Cache(s)
            rows = s.scalars(select(EquipmentFault)
                             .where(EquipmentFault.status != FaultStatus.REPAIRED.value)
                             .order_by(EquipmentFault.since))
            return [_fault_view(f, cache) for f in rows]

    def faults(self, start: dt.datetime, end: dt.datetime) -> list[FaultView]:
        """Faults that were open at some time between ``start`` and ``end``."""
        self.ctx.auth.require(Action.VIEW_DUTY_LOG)
        with self.ctx.db.read() as s:
            return _faults_between(s, _Cache(s), start, end)

    # ---------------------------------------------------------------- hand-over items
    def add_handover_item(self, log_id: int, text: str) -> HandoverView:
        """Hand something to the next shift; it appears at the top of that shift's log."""
        me = self.ctx.auth.require(Action.EDIT_DUTY_LOG)
        t = dl.check_handover_text(text)
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            log = _get_log(s, log_id)
            _require_draft(log)
            shift = s.get(Shift, log.shift_id)
            assert shift is not None
            day, nxt = cl.next_shift(_active_defs(s), _shift_def(shift), log.date)
            h = HandoverItem(from_log_id=log.id, text=t, target_date=day,
                             target_shift_id=nxt.id, created_at=now, created_by=me.id)
            s.add(h)
            log.updated_at = now
            s.flush()
            self.ctx.audit(s, "create", "handover_item", h.id,
                           after={"from_log_id": log.id, "text": t, "target_date": day,
                                  "target_shift": nxt.name})
            return _handover_view(h, _Cache(s))

    def update_handover_item(self, item_id: int, text: str) -> HandoverView:
        self.ctx.auth.require(Action.EDIT_DUTY_LOG)
        t = dl.check_handover_text(text)
        with self.ctx.db.write() as s:
            h = _get_handover(s, item_id)
            _require_draft(_get_log(s, h.from_log_id))
            if h.ack_at is not None:
                raise ReadOnlyRecord("该交接事项已被接班人确认，不能修改")
            if h.text != t:
                before = h.text
                h.text = t
                self.ctx.audit(s, "update", "handover_item", h.id, before={"text": before},
                               after={"text": t})
            return _handover_view(h, _Cache(s))

    def remove_handover_item(self, item_id: int) -> None:
        """Withdraw an item while the log is a draft and nobody has acknowledged it."""
        self.ctx.auth.require(Action.EDIT_DUTY_LOG)
        with self.ctx.db.write() as s:
            h = _get_handover(s, item_id)
            _require_draft(_get_log(s, h.from_log_id))
            if h.ack_at is not None:
                raise ReadOnlyRecord("该交接事项已被接班人确认，不能删除")
            self.ctx.audit(s, "delete", "handover_item", h.id,
                           before={"from_log_id": h.from_log_id, "text": h.text})
            s.delete(h)

    def acknowledge_handover(self, item_id: int, log_id: int) -> HandoverView:
        """The incoming duty manager confirms an item in their log (who/when recorded).
        ``log_id`` is the receiving log: a draft at or after the item's target shift."""
        me = self.ctx.auth.require(Action.ACK_HANDOVER)
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            h = _get_handover(s, item_id)
            log = _get_log(s, log_id)
            if h.ack_at is not None:
                raise Conflict("该交接事项已确认接收")
            _require_draft(log)
            if me.id != log.duty_manager_id and me.role != Role.HALL_MANAGER:
                raise PermissionDenied("只有接班的值班经理可以确认交接事项")
            cache = _Cache(s)
            if _slot(cache, log.date, log.shift_id) < _slot(cache, h.target_date,
                                                             h.target_shift_id):
                raise ValidationError("该交接事项是交给之后班次的，本班不能确认")
            if h.from_log_id == log.id:
                raise ValidationError("不能确认本班自己移交的事项")
            h.ack_at, h.ack_by, h.ack_log_id = now, me.id, log.id
            self.ctx.audit(s, "acknowledge", "handover_item", h.id, before={"ack_at": None},
                           after={"ack_at": now, "ack_by": me.id, "ack_log_id": log.id})
            return _handover_view(h, cache)

    def pending_handover(self) -> list[HandoverView]:
        """All hand-over items nobody has acknowledged yet, oldest first."""
        self.ctx.auth.require(Action.VIEW_DUTY_LOG)
        with self.ctx.db.read() as s:
            cache = _Cache(s)
            rows = s.scalars(select(HandoverItem).where(HandoverItem.ack_at.is_(None))
                             .order_by(HandoverItem.target_date, HandoverItem.id))
            return [_handover_view(h, cache) for h in rows]

    # ---------------------------------------------------------------- sign-off & amendments
    def signoff_warnings(self, log_id: int) -> list[str]:
        """What to show before signing: unchecked checklist items, unacknowledged incoming
        hand-over items, a meeting over the limit, missing weather/flow, inconsistencies."""
        self.ctx.auth.require(Action.VIEW_DUTY_LOG)
        with self.ctx.db.read() as s:
            return _warnings(self._view(s, _get_log(s, log_id)))

    def sign(self, log_id: int, password: str, *, confirm_warnings: bool = False) -> DutyLogView:
        """Sign the log with the current user's password; afterwards it is read-only.
        With warnings, ``confirm_warnings=True`` is required (else UnconfirmedWarnings)."""
        me = self.ctx.auth.require(Action.SIGN_DUTY_LOG)
        now = self.ctx.clock.now()
        with self.ctx.db.read() as s:
            view = self._view(s, _get_log(s, log_id))
        if view.signed:
            raise ReadOnlyRecord("该值班日志已签字")
        dl.check_signer(view.duty_manager.id, me.id, me.role == Role.HALL_MANAGER)
        warnings = _warnings(view)
        if warnings and not confirm_warnings:
            raise UnconfirmedWarnings(warnings)
        if not self._verify(me.id, password):
            self._audit_failed("sign_failed", log_id)
            raise AuthenticationError("密码不正确，未签字")
        with self.ctx.db.write() as s:
            log = _get_log(s, log_id)
            _require_draft(log)
            cache = _Cache(s)
            shift = cache.shift(log.shift_id)
            faults = _faults_between(s, cache, shift.start_on(log.date), shift.end_on(log.date))
            log.faults_snapshot_json = _dumps([_fault_snapshot(f) for f in faults])
            log.status = LogStatus.SIGNED.value
            log.signed_at, log.signed_by = now, me.id
            log.updated_at = now
            self.ctx.audit(s, "sign", "duty_log", log.id, before={"status": "draft"},
                           after={"status": "signed", "signed_at": now,
                                  "content": _fields(log).as_dict(),
                                  "warnings_confirmed": warnings})
            return self._view(s, log)

    def amend(self, log_id: int, field: str, new_value: Any, reason: str,
              password: str) -> AmendmentView:
        """Correct a signed log's field: reason and the current user's password required; the
        original value stays, the view shows original and effective values."""
        me = self.ctx.auth.require(Action.AMEND_DUTY_LOG)
        value, r = dl.check_amendment(field, new_value, reason)
        now = self.ctx.clock.now()
        with self.ctx.db.read() as s:
            log = _get_log(s, log_id)
            if log.status != LogStatus.SIGNED.value:
                raise ValidationError("草稿日志请直接修改，签字后才需要更正")
        if not self._verify(me.id, password):
            self._audit_failed("amend_failed", log_id, field=field)
            raise AuthenticationError("密码不正确，未保存更正")
        with self.ctx.db.write() as s:
            log = _get_log(s, log_id)
            _check_people(s, {field: value})
            amendments = _amendments(s, log.id)
            current = getattr(dl.apply_amendments(_fields(log), amendments), field)
            if current == value:
                raise ValidationError("更正后的值与当前值相同", field=field)
            a = DutyLogAmendment(log_id=log.id, field=field,
                                 old_value_json=_dumps(dl.to_jsonable(field, current)),
                                 new_value_json=_dumps(dl.to_jsonable(field, value)),
                                 reason=r, created_at=now, created_by=me.id)
            s.add(a)
            s.flush()
            self.ctx.audit(s, "amend", "duty_log", log.id,
                           before={field: dl.to_jsonable(field, current)},
                           after={field: dl.to_jsonable(field, value), "reason": r,
                                  "amendment_id": a.id})
            return _amendment_view(a, _Cache(s))

    # ---------------------------------------------------------------- 今日 provider
    def attention(self, now: dt.datetime) -> list[AttentionItem]:
        """The duty log's part of the 今日 page (a TodayService provider): checklist items due
        or overdue in the running shift(s), open faults, unacknowledged hand-over items and
        missing or unsigned logs of past shifts. Empty when the user may not see logs."""
        if not self.ctx.auth.may(Action.VIEW_DUTY_LOG):
            return []
        out: list[AttentionItem] = []
        with self.ctx.db.read() as s:
            cache = _Cache(s)
            shifts = cache.active
            settings = _settings_view(s)
            today = now.date()
            running = {sh.id: sh for sh in shifts if sh.contains(now.time())}
            cur = current_shift(shifts, now)
            if cur is not None:
                running.setdefault(cur.id, cur)
            for sh in sorted(running.values(), key=lambda x: (x.start, x.id)):
                log = s.scalar(select(DutyLog).where(DutyLog.date == today,
                                                     DutyLog.shift_id == sh.id))
                if log is None:
                    if sh.start_on(today) - dt.timedelta(minutes=30) <= now:
                        out.append(AttentionItem(
                            "log_missing", Severity.DUE_SOON,
                            f"{sh.name}值班日志尚未创建", "请打开值班日志开始本班记录",
                            sh.start_on(today), Target(MODULE, "log", None)))
                    continue
                if log.status != LogStatus.DRAFT.value:
                    continue
                entries = s.scalars(select(DutyLogChecklistEntry).where(
                    DutyLogChecklistEntry.log_id == log.id,
                    DutyLogChecklistEntry.status == ItemStatus.PENDING.value)
                    .order_by(DutyLogChecklistEntry.sort_order))
                for e in entries:
                    f = cl.flag(e.status, e.target_at, now,
                                due_soon_minutes=settings.due_soon_minutes)
                    if f is None:
                        continue
                    sev = Severity.OVERDUE if f == Flag.OVERDUE else Severity.DUE_SOON
                    at = e.target_at.strftime("%H:%M") if e.target_at else ""
                    out.append(AttentionItem(
                        f"checklist_{f.value}", sev, e.title,
                        f"{sh.name}流程 · 目标时间 {at}", e.target_at,
                        Target(MODULE, "checklist_entry", e.id)))
            for fv in s.scalars(select(EquipmentFault).where(
                    EquipmentFault.status != FaultStatus.REPAIRED.value)
                    .order_by(EquipmentFault.since)):
                status = FaultStatus(fv.status)
                detail = f"{fv.location + ' · ' if fv.location else ''}{status.label} · 自 " \
                         f"{fv.since:%m-%d %H:%M}"
                if status == FaultStatus.REPORTED and fv.reported_to:
                    detail += f" · 已报 {fv.reported_to}"
                out.append(AttentionItem("fault_open", Severity.INFO, f"设备故障：{fv.what}",
                                         detail, None, Target(MODULE, "fault", fv.id)))
            cur_slot = cl.slot_key(today, cur) if cur else (today, dt.time.max, 0)
            for h in s.scalars(select(HandoverItem).where(HandoverItem.ack_at.is_(None))
                               .order_by(HandoverItem.target_date, HandoverItem.id)):
                tshift = cache.shift(h.target_shift_id)
                tslot = cl.slot_key(h.target_date, tshift)
                if tslot > cur_slot:
                    continue
                sev = Severity.OVERDUE if tslot < cur_slot else Severity.DUE_SOON
                out.append(AttentionItem(
                    "handover_unacked", sev, f"交接事项待确认：{h.text[:40]}",
                    f"交给 {h.target_date:%m-%d} {tshift.name}", tshift.start_on(h.target_date),
                    Target(MODULE, "handover_item", h.id)))
            out.extend(_missing_logs(s, cache, now))
        return out

    # ---------------------------------------------------------------- assembling views
    def _view(self, s: Session, log: DutyLog, cache: _Cache | None = None) -> DutyLogView:
        c = cache or _Cache(s)
        settings = c.settings
        shift = c.shift(log.shift_id)
        signed = log.status == LogStatus.SIGNED.value
        ref_time = log.signed_at if signed and log.signed_at else self.ctx.clock.now()
        original = _fields(log)
        amend_rows = s.scalars(select(DutyLogAmendment).where(DutyLogAmendment.log_id == log.id)
                               .order_by(DutyLogAmendment.created_at, DutyLogAmendment.id)).all()
        amends = [_amendment_domain(a) for a in amend_rows]
        effective = dl.apply_amendments(original, amends)
        entries = s.scalars(select(DutyLogChecklistEntry)
                            .where(DutyLogChecklistEntry.log_id == log.id)
                            .order_by(DutyLogChecklistEntry.sort_order)).all()
        inspections = s.scalars(select(DutyLogInspection)
                                .where(DutyLogInspection.log_id == log.id)
                                .order_by(DutyLogInspection.sort_order)).all()
        if signed and log.faults_snapshot_json is not None:
            faults = [_fault_from_snapshot(d, c) for d in json.loads(log.faults_snapshot_json)]
        else:
            faults = _faults_between(s, c, shift.start_on(log.date), shift.end_on(log.date))
        nday, nshift = cl.next_shift(c.active, shift, log.date)
        incoming = s.scalar(select(DutyLog).where(DutyLog.date == nday,
                                                  DutyLog.shift_id == nshift.id))
        version = None
        if log.checklist_template_id is not None:
            t = s.get(ChecklistTemplate, log.checklist_template_id)
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
            inspections=tuple(_inspection_view(i) for i in inspections),
            checklist=tuple(_entry_view(e, c, ref_time, settings.due_soon_minutes)
                            for e in entries),
            faults=tuple(faults),
            handover_in=tuple(_handover_view(h, c) for h in _handover_in(s, c, log)),
            handover_out=tuple(_handover_view(h, c) for h in s.scalars(
                select(HandoverItem).where(HandoverItem.from_log_id == log.id)
                .order_by(HandoverItem.id))),
            amendments=tuple(_amendment_view(a, c) for a in amend_rows),
            created_at=log.created_at, created_by=c.person_or_none(log.created_by),
            updated_at=log.updated_at, signed_at=log.signed_at,
            signed_by=c.person_or_none(log.signed_by),
            next_shift_date=nday, next_shift_name=nshift.name,
            incoming_log_id=incoming.id if incoming else None,
            incoming_duty_manager=c.person(incoming.duty_manager_id) if incoming else None,
        )

    def _audit_failed(self, action: str, log_id: int, **detail: Any) -> None:
        """A wrong signing password is kept in the audit log (someone may be guessing)."""
        with self.ctx.db.write() as s:
            self.ctx.audit(s, action, "duty_log", log_id, after=detail or None)

    def _require_login(self) -> None:
        if self.ctx.auth.user is None:
            raise AuthenticationError("请先登录")


# --- helpers ---------------------------------------------------------------------------------------
class _Cache:
    """Per-call lookups of the (small) roster, shifts and settings."""

    def __init__(self, s: Session) -> None:
        self.s = s
        self._people: dict[int, PersonRef] | None = None
        self._shifts: dict[int, ShiftDef] | None = None
        self._active: list[ShiftDef] | None = None
        self._settings: DutyLogSettingsView | None = None
        self._logs: dict[int, DutyLog] = {}

    def person(self, user_id: int) -> PersonRef:
        if self._people is None:
            self._people = {}
        p = self._people.get(user_id)
        if p is None:
            u = self.s.get(User, user_id)
            p = PersonRef(u.id, u.full_name, u.staff_no) if u else PersonRef(user_id, f"#{user_id}")
            self._people[user_id] = p
        return p

    def person_or_none(self, user_id: int | None) -> PersonRef | None:
        return None if user_id is None else self.person(user_id)

    def _load_shifts(self) -> None:
        rows = self.s.scalars(select(Shift)).all()
        self._shifts = {r.id: _shift_def(r) for r in rows}
        self._active = sorted((_shift_def(r) for r in rows if r.active),
                              key=lambda d: (d.start, d.id))

    def shift(self, shift_id: int) -> ShiftDef:
        if self._shifts is None:
            self._load_shifts()
        assert self._shifts is not None
        return self._shifts[shift_id]

    @property
    def active(self) -> list[ShiftDef]:
        if self._active is None:
            self._load_shifts()
        assert self._active is not None
        return self._active

    @property
    def settings(self) -> DutyLogSettingsView:
        if self._settings is None:
            self._settings = _settings_view(self.s)
        return self._settings

    def log(self, log_id: int) -> DutyLog:
        if log_id not in self._logs:
            row = self.s.get(DutyLog, log_id)
            assert row is not None
            self._logs[log_id] = row
        return self._logs[log_id]


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def _shift_def(row: Shift) -> ShiftDef:
    return ShiftDef(row.id, row.name, parse_hhmm(row.start), parse_hhmm(row.end))


def _active_defs(s: Session) -> list[ShiftDef]:
    return [_shift_def(r) for r in s.scalars(select(Shift).where(Shift.active.is_(True)))]


def _slot(c: _Cache, day: dt.date, shift_id: int) -> tuple[dt.date, dt.time, int]:
    return cl.slot_key(day, c.shift(shift_id))


def _get_log(s: Session, log_id: int) -> DutyLog:
    log = s.get(DutyLog, log_id)
    if log is None:
        raise NotFound("找不到该值班日志")
    return log


def _get_handover(s: Session, item_id: int) -> HandoverItem:
    h = s.get(HandoverItem, item_id)
    if h is None:
        raise NotFound("找不到该交接事项")
    return h


def _require_draft(log: DutyLog) -> None:
    if log.status != LogStatus.DRAFT.value:
        raise ReadOnlyRecord(RO_SIGNED)


_JSON_COLUMNS = {"staff_on_duty": "staff_on_duty_json", "staff_absent": "staff_absent_json",
                 "meeting_attendees": "meeting_attendees_json"}


def _fields(log: DutyLog) -> LogFields:
    data: dict[str, Any] = {}
    for name in dl.DRAFT_FIELDS:
        col = _JSON_COLUMNS.get(name)
        data[name] = json.loads(getattr(log, col) or "[]") if col else getattr(log, name)
    return dl.fields_from_dict(data)


def _set_field(log: DutyLog, name: str, value: Any) -> None:
    col = _JSON_COLUMNS.get(name)
    if col:
        setattr(log, col, _dumps(dl.to_jsonable(name, value)))
    else:
        setattr(log, name, value)


def _check_people(s: Session, values: Mapping[str, Any]) -> None:
    """Staff pickers may only name people on the roster."""
    ids: set[int] = set()
    for k in ("staff_on_duty", "meeting_attendees"):
        ids.update(values.get(k, ()))
    ids.update(a.user_id for a in values.get("staff_absent", ()))
    if not ids:
        return
    found = set(s.scalars(select(User.id).where(User.id.in_(ids))))
    if ids - found:
        raise ValidationError("所选人员不在花名册中", field=next(
            k for k in ("staff_on_duty", "meeting_attendees", "staff_absent") if k in values))


def _settings_view(s: Session) -> DutyLogSettingsView:
    row = s.get(DutyLogSettings, 1)
    if row is None:
        return DutyLogSettingsView(dl.MEETING_LIMIT_MINUTES, cl.DUE_SOON_MINUTES,
                                   dl.DEFAULT_INSPECTION_ITEMS)
    items = tuple((c, i) for c, i in json.loads(row.inspection_items_json))
    return DutyLogSettingsView(row.meeting_limit_minutes, row.due_soon_minutes, items)


def _settings_dict(v: DutyLogSettingsView) -> dict[str, Any]:
    return {"meeting_limit_minutes": v.meeting_limit_minutes,
            "due_soon_minutes": v.due_soon_minutes,
            "inspection_items": [list(x) for x in v.inspection_items]}


def _latest_template(s: Session) -> ChecklistTemplate | None:
    return s.scalar(select(ChecklistTemplate).order_by(ChecklistTemplate.version.desc()).limit(1))


def _insert_template(s: Session, items: list[ChecklistItemDef], version: int, note: str,
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


def _ti_def(ti: ChecklistTemplateItem) -> ChecklistItemDef:
    return ChecklistItemDef(ti.title, Anchor(ti.anchor), ti.offset_minutes,
                            AppliesTo(ti.applies_to))


def _item_dict(i: ChecklistItemDef) -> dict[str, Any]:
    return {"title": i.title, "anchor": Anchor(i.anchor).value,
            "offset_minutes": i.offset_minutes, "applies_to": AppliesTo(i.applies_to).value}


def _template_view(s: Session, t: ChecklistTemplate) -> ChecklistTemplateView:
    items = s.scalars(select(ChecklistTemplateItem)
                      .where(ChecklistTemplateItem.template_id == t.id)
                      .order_by(ChecklistTemplateItem.sort_order))
    creator = s.get(User, t.created_by) if t.created_by else None
    return ChecklistTemplateView(
        t.id, t.version, t.note, t.created_at,
        PersonRef(creator.id, creator.full_name, creator.staff_no) if creator else None,
        tuple(TemplateItemView(i.id, i.sort_order, i.title, Anchor(i.anchor), i.offset_minutes,
                               AppliesTo(i.applies_to)) for i in items))


def _default_template_view() -> ChecklistTemplateView:
    return ChecklistTemplateView(None, 0, "默认流程（尚未保存）", None, None, tuple(
        TemplateItemView(0, n, i.title, i.anchor, i.offset_minutes, i.applies_to)
        for n, i in enumerate(cl.DEFAULT_CHECKLIST)))


def _entry_dict(e: DutyLogChecklistEntry) -> dict[str, Any]:
    return {"title": e.title, "status": e.status, "done_at": e.done_at, "done_by": e.done_by,
            "skip_reason": e.skip_reason}


def _entry_view(e: DutyLogChecklistEntry, c: _Cache, ref: dt.datetime,
                due_soon: int) -> ChecklistEntryView:
    st = ItemStatus(e.status)
    return ChecklistEntryView(
        e.id, e.log_id, e.sort_order, e.title, e.target_at, st, e.done_at,
        c.person_or_none(e.done_by), e.skip_reason,
        cl.flag(st, e.target_at, ref, due_soon_minutes=due_soon),
        cl.done_late(st, e.target_at, e.done_at))


def _inspection_view(i: DutyLogInspection) -> InspectionView:
    return InspectionView(i.id, i.category, i.item, i.ok, i.note)


def _fault_status(v: FaultStatus | str) -> FaultStatus:
    try:
        return FaultStatus(v)
    except ValueError as exc:
        raise ValidationError(f"故障状态不正确：{v}", field="status") from exc


def _fault_dict(f: EquipmentFault) -> dict[str, Any]:
    return {"what": f.what, "location": f.location, "since": f.since, "status": f.status,
            "reported_to": f.reported_to, "reported_at": f.reported_at,
            "repaired_at": f.repaired_at, "note": f.note}


def _fault_view(f: EquipmentFault, c: _Cache) -> FaultView:
    return FaultView(f.id, f.what, f.location, f.since, FaultStatus(f.status), f.reported_to,
                     f.reported_at, f.repaired_at, f.note, f.log_id, f.created_at,
                     c.person_or_none(f.created_by))


def _iso(v: dt.datetime | None) -> str | None:
    return v.isoformat(sep=" ") if v else None


def _fault_snapshot(f: FaultView) -> dict[str, Any]:
    return {"id": f.id, "what": f.what, "location": f.location, "since": _iso(f.since),
            "status": f.status.value, "reported_to": f.reported_to,
            "reported_at": _iso(f.reported_at), "repaired_at": _iso(f.repaired_at),
            "note": f.note, "log_id": f.log_id, "created_at": _iso(f.created_at),
            "created_by": f.created_by.id if f.created_by else None}


def _dt(v: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(v) if v else None


def _fault_from_snapshot(d: dict[str, Any], c: _Cache) -> FaultView:
    since = _dt(d["since"])
    created = _dt(d["created_at"])
    assert since is not None and created is not None
    return FaultView(d["id"], d["what"], d["location"], since, FaultStatus(d["status"]),
                     d["reported_to"], _dt(d["reported_at"]), _dt(d["repaired_at"]), d["note"],
                     d["log_id"], created, c.person_or_none(d["created_by"]))


def _faults_between(s: Session, c: _Cache, start: dt.datetime,
                    end: dt.datetime) -> list[FaultView]:
    rows = s.scalars(select(EquipmentFault).where(
        EquipmentFault.since < end,
        or_(EquipmentFault.repaired_at.is_(None), EquipmentFault.repaired_at >= start))
        .order_by(EquipmentFault.since, EquipmentFault.id))
    return [_fault_view(f, c) for f in rows
            if dl.fault_open_during(dl.FaultSpan(f.since, f.repaired_at), start, end)]


def _handover_view(h: HandoverItem, c: _Cache) -> HandoverView:
    src = c.log(h.from_log_id)
    return HandoverView(
        h.id, h.text, h.from_log_id, src.date, c.shift(src.shift_id).name,
        c.person(src.duty_manager_id), h.target_date, h.target_shift_id,
        c.shift(h.target_shift_id).name, h.created_at, c.person_or_none(h.created_by),
        h.ack_at, c.person_or_none(h.ack_by), h.ack_log_id)


def _handover_in(s: Session, c: _Cache, log: DutyLog) -> list[HandoverItem]:
    """Items for this log: addressed to its shift, acknowledged in it, or older ones that were
    still unacknowledged when this shift ran (acknowledged later or never)."""
    me = _slot(c, log.date, log.shift_id)
    ack_log = aliased(DutyLog)
    # SQL narrows to candidates (same date, acknowledged here/later, or never); the exact
    # shift-order comparison follows in Python.
    rows = s.scalars(select(HandoverItem).outerjoin(ack_log, ack_log.id == HandoverItem.ack_log_id)
                     .where(HandoverItem.target_date <= log.date,
                            HandoverItem.from_log_id != log.id,
                            or_(HandoverItem.target_date == log.date,
                                HandoverItem.ack_log_id.is_(None),
                                ack_log.date >= log.date))
                     .order_by(HandoverItem.target_date, HandoverItem.id))
    out: list[HandoverItem] = []
    for h in rows:
        ack = c.log(h.ack_log_id) if h.ack_log_id is not None else None
        if dl.handover_shown_in(me, _slot(c, h.target_date, h.target_shift_id),
                                _slot(c, ack.date, ack.shift_id) if ack else None):
            out.append(h)
    return out


def _amendment_domain(a: DutyLogAmendment) -> dl.Amendment:
    return dl.Amendment(a.field, dl.from_jsonable(a.field, json.loads(a.old_value_json)),
                        dl.from_jsonable(a.field, json.loads(a.new_value_json)), a.reason,
                        a.created_at, a.created_by)


def _amendments(s: Session, log_id: int) -> list[dl.Amendment]:
    rows = s.scalars(select(DutyLogAmendment).where(DutyLogAmendment.log_id == log_id)
                     .order_by(DutyLogAmendment.created_at, DutyLogAmendment.id))
    return [_amendment_domain(a) for a in rows]


def _amendment_view(a: DutyLogAmendment, c: _Cache) -> AmendmentView:
    return AmendmentView(a.id, a.log_id, a.field, dl.FIELD_LABELS.get(a.field, a.field),
                         dl.from_jsonable(a.field, json.loads(a.old_value_json)),
                         dl.from_jsonable(a.field, json.loads(a.new_value_json)),
                         a.reason, a.created_at, c.person_or_none(a.created_by))


def _warnings(v: DutyLogView) -> list[str]:
    problems = [i for i in v.inspections if i.ok is False and not i.note]
    other = list(dl.cross_check(v.effective))
    if problems:
        other.append(f"有 {len(problems)} 个检查项目标记为有问题但未写明情况")
    return dl.signoff_warnings(dl.SignoffFacts(
        pending_items=tuple(e.title for e in v.pending_items),
        unacked_incoming=tuple(h.text for h in v.unacked_in),
        meeting_minutes=v.effective.meeting_minutes,
        meeting_limit=v.meeting.limit_minutes,
        weather=v.effective.weather, customer_flow=v.effective.customer_flow,
        other=tuple(other)))


def _missing_logs(s: Session, c: _Cache, now: dt.datetime) -> Iterable[AttentionItem]:
    """Past shifts (ended before ``now``) without a log or with an unsigned one, looking back a
    week but never before the first log ever written (a new install is not flooded)."""
    first = s.scalar(select(DutyLog.date).order_by(DutyLog.date).limit(1))
    if first is None:
        return []
    start = max(first, now.date() - dt.timedelta(days=MISSING_LOG_LOOKBACK_DAYS))
    logs = {(r.date, r.shift_id): r for r in s.scalars(
        select(DutyLog).where(DutyLog.date >= start, DutyLog.date <= now.date()))}
    out: list[AttentionItem] = []
    for day, sh in cl.slots_between(c.active, start, now.date()):
        if sh.end_on(day) > now:
            continue
        row = logs.get((day, sh.id))
        label = f"{day:%m-%d} {sh.name}"
        if row is None:
            out.append(AttentionItem("log_missing", Severity.OVERDUE, f"{label}缺少值班日志",
                                     "该班次已结束但没有值班日志", sh.end_on(day),
                                     Target(MODULE, "log", None)))
        elif row.status != LogStatus.SIGNED.value:
            out.append(AttentionItem("log_unsigned", Severity.OVERDUE, f"{label}值班日志未签字",
                                     f"值班经理：{c.person(row.duty_manager_id).name}",
                                     sh.end_on(day), Target(MODULE, "log", row.id)))
    return out

