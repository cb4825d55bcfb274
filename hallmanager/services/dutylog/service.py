"""Duty log use cases (值班日志): logs, daily checklist, inspections, faults, hand-over items,
sign-off and amendments.

One write transaction per user action, permission checked first, every change audited, plain
frozen dataclasses out (never ORM rows). Signed logs are read-only; corrections are
amendments that keep the original visible. ``DutyLogView`` carries everything the printed
handover sheet (交接班表) and the daily report (营业日报) need.

Beside it in this package: the views (``views``), the fault and hand-over use cases
(``records``, inherited by ``DutyLogService``), row → view conversion (``rows``), the 今日
items (``attention``), the report providers (``reports``), the demo step (``demo``); every
query is in ``storage.dutylog.repository``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Protocol

from hallmanager.domain import dutylog as dl
from hallmanager.domain.dutylog import LogStatus, UnconfirmedWarnings
from hallmanager.domain.dutylog import checklist as cl
from hallmanager.domain.dutylog.checklist import ChecklistItemDef, ItemStatus
from hallmanager.domain.errors import (
    AuthenticationError,
    Conflict,
    NotFound,
    ReadOnlyRecord,
    ValidationError,
)
from hallmanager.domain.roles import Action, Role
from hallmanager.domain.shifts import current_shift
from hallmanager.services.context import ServiceContext
from hallmanager.services.dutylog.attention import attention_items
from hallmanager.services.dutylog.records import FaultActions, HandoverActions
from hallmanager.services.dutylog.rows import (
    Cache,
    amendment_view,
    check_people,
    default_template_view,
    dumps,
    entry_dict,
    entry_view,
    fault_snapshot,
    faults_between,
    insert_template,
    inspection_view,
    item_dict,
    load_log,
    log_amendments,
    log_fields,
    log_view,
    log_warnings,
    require_draft,
    set_field,
    settings_dict,
    settings_view,
    shift_def,
    template_item_def,
    template_view,
    touch,
)
from hallmanager.services.dutylog.views import (
    AmendmentView,
    ChecklistEntryView,
    ChecklistTemplateView,
    DraftSaved,
    DutyLogSettingsView,
    DutyLogSummary,
    DutyLogView,
    InspectionView,
)
from hallmanager.services.today import AttentionItem
from hallmanager.storage.database import DbSession
from hallmanager.storage.dutylog import repository as log_repo
from hallmanager.storage.dutylog.models import (
    DutyLog,
    DutyLogAmendment,
    DutyLogSettings,
)
from hallmanager.storage.repositories import hall as hall_repo
from hallmanager.storage.repositories import users as users_repo


class PasswordCheck(Protocol):
    """``AuthService.recheck_password``: the user's own password, throttled like logins; a
    failure is counted and audited as ``failed_action``."""

    def __call__(self, user_id: int, password: str, *, failed_action: str, entity: str,
                 entity_id: object | None = None,
                 detail: dict[str, Any] | None = None) -> bool: ...


# --- the service ---------------------------------------------------------------------------------
class DutyLogService(FaultActions, HandoverActions):
    """值班日志. ``check_password`` re-checks the signer (``AuthService.recheck_password``)."""

    def __init__(self, ctx: ServiceContext, check_password: PasswordCheck) -> None:
        self.ctx = ctx
        self._check_password = check_password

    # ---------------------------------------------------------------- settings & template
    def settings(self) -> DutyLogSettingsView:
        """Meeting limit, due-soon window and the inspection item list (defaults until saved)."""
        self._require_login()
        with self.ctx.db.read() as s:
            return settings_view(s)

    def save_settings(self, *, meeting_limit_minutes: int, due_soon_minutes: int,
                      inspection_items: Sequence[tuple[str, str]]) -> DutyLogSettingsView:
        """Hall manager edits the rules; existing logs keep the inspection items they have."""
        self.ctx.auth.require(Action.EDIT_CHECKLIST_TEMPLATE)
        for name, v in (("晨会时长上限", meeting_limit_minutes), ("即将到期提醒", due_soon_minutes)):
            if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 240:
                raise ValidationError(f"{name}须在 1–240 分钟之间")
        items = dl.check_inspection_items(inspection_items)
        with self.ctx.db.write() as s:
            before = settings_view(s)
            row = log_repo.settings(s)
            if row is None:
                row = DutyLogSettings(id=log_repo.SETTINGS_ID)
                s.add(row)
            row.meeting_limit_minutes = meeting_limit_minutes
            row.due_soon_minutes = due_soon_minutes
            row.inspection_items_json = dumps(items)
            row.updated_at = self.ctx.clock.now()
            s.flush()
            after = settings_view(s)
            self.ctx.audit(s, "update", "dutylog_settings", 1, before=settings_dict(before),
                           after=settings_dict(after))
            return after

    def checklist_template(self) -> ChecklistTemplateView:
        """The current (newest) checklist version, or the built-in defaults as version 0."""
        self.ctx.auth.require(Action.VIEW_DUTY_LOG)
        with self.ctx.db.read() as s:
            t = log_repo.latest_template(s)
            return template_view(s, t) if t else default_template_view()

    def template_versions(self) -> list[ChecklistTemplateView]:
        """Every saved version, newest first (old logs refer to them)."""
        self.ctx.auth.require(Action.VIEW_DUTY_LOG)
        with self.ctx.db.read() as s:
            return [template_view(s, t) for t in log_repo.templates_newest_first(s)]

    def save_checklist_template(self, items: Sequence[ChecklistItemDef],
                                note: str = "") -> ChecklistTemplateView:
        """Save a new version; logs already opened keep the items of the version they ran with."""
        me = self.ctx.auth.require(Action.EDIT_CHECKLIST_TEMPLATE)
        checked = cl.validate_template(list(items))
        n = (note or "").strip()[:200]
        with self.ctx.db.write() as s:
            prev = log_repo.latest_template(s)
            t = insert_template(s, checked, (prev.version + 1) if prev else 1, n, me.id,
                                self.ctx.clock.now())
            self.ctx.audit(s, "create", "checklist_template", t.id,
                           before={"version": prev.version} if prev else None,
                           after={"version": t.version, "note": n,
                                  "items": [item_dict(i) for i in checked]})
            return template_view(s, t)

    # ---------------------------------------------------------------- logs
    def create_log(self, day: dt.date, shift_id: int, *,
                   duty_manager_id: int | None = None) -> DutyLogView:
        """Start the log of ``day``/shift (one per date and shift, else Conflict). The duty
        manager defaults to the logged-in user; the checklist comes from the newest template."""
        me = self.ctx.auth.require(Action.EDIT_DUTY_LOG)
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            shift = hall_repo.shift(s, shift_id)
            if shift is None:
                raise NotFound("找不到该班次")
            if log_repo.log_exists_at(s, day, shift_id):
                raise Conflict(f"{day.isoformat()} {shift.name}的值班日志已存在")
            if not shift.active:
                raise ValidationError(f"班次“{shift.name}”已停用")
            if day > now.date() + dt.timedelta(days=1):
                raise ValidationError("不能为明天以后的日期创建值班日志", field="date")
            dm_id = duty_manager_id or me.id
            dm = users_repo.user(s, dm_id)
            if dm is None or not dm.active:
                raise ValidationError("值班经理不存在或已停用", field="duty_manager_id")
            if dm.role not in (Role.DUTY_MANAGER.value, Role.HALL_MANAGER.value):
                raise ValidationError(f"{dm.full_name}不是值班经理", field="duty_manager_id")
            template = log_repo.latest_template(s)
            if template is None:
                template = insert_template(s, list(cl.DEFAULT_CHECKLIST), 1, "默认流程",
                                           None, now)
                self.ctx.audit(s, "create", "checklist_template", template.id,
                               after={"version": 1, "note": "默认流程",
                                      "items": [item_dict(i) for i in cl.DEFAULT_CHECKLIST]})
            log = DutyLog(date=day, shift_id=shift_id, duty_manager_id=dm_id,
                          status=LogStatus.DRAFT.value, checklist_template_id=template.id,
                          weather="", business_notes="", staff_on_duty_json="[]",
                          staff_absent_json="[]", meeting_attendees_json="[]",
                          meeting_topics="", opinions="", incidents="", next_shift_notes="",
                          created_at=now, created_by=me.id, updated_at=now)
            s.add(log)
            s.flush()
            sd = shift_def(shift)
            cache = Cache(s)
            titems = log_repo.template_items(s, template.id)
            defs = {ti.id: template_item_def(ti) for ti in titems}
            chosen = cl.items_for_shift(list(defs.values()), sd, cache.active, day)
            by_def = {id(d): tid for tid, d in defs.items()}
            entries, inspections = log_repo.add_lines(s, log.id, [
                {"template_item_id": by_def[id(d)], "sort_order": order, "title": d.title,
                 "target_at": target, "status": ItemStatus.PENDING.value, "done_at": None,
                 "done_by": None, "skip_reason": ""}
                for order, (d, target) in enumerate(chosen)], [
                {"sort_order": order, "category": cat, "item": item, "ok": None, "note": ""}
                for order, (cat, item) in enumerate(cache.settings.inspection_items)])
            self.ctx.audit(s, "create", "duty_log", log.id,
                           after={"date": day, "shift": shift.name, "duty_manager_id": dm_id,
                                  "checklist_version": template.version,
                                  "checklist_items": len(chosen)})
            return log_view(s, log, cache, self.ctx.clock, new=(entries, inspections))

    def open_log(self, day: dt.date, shift_id: int) -> DutyLogView:
        """The log of ``day``/shift, created as a draft if it does not exist yet."""
        self.ctx.auth.require(Action.VIEW_DUTY_LOG)
        with self.ctx.db.read() as s:
            row = log_repo.log_at(s, day, shift_id)
            if row is not None:
                return self._view(s, row)
        try:
            return self.create_log(day, shift_id)
        except Conflict:  # another desk created it a moment ago
            with self.ctx.db.read() as s:
                row = log_repo.log_at(s, day, shift_id)
                assert row is not None
                return self._view(s, row)

    def current_slot(self, now: dt.datetime | None = None) -> tuple[dt.date, int] | None:
        """(date, shift id) of the shift running at ``now`` (before opening: the first shift,
        after closing: the last one), None when no shift is configured."""
        self._require_login()
        at = now or self.ctx.clock.now()
        with self.ctx.db.read() as s:
            cur = current_shift(Cache(s).active, at)
        return (at.date(), cur.id) if cur else None

    def current_log(self, now: dt.datetime | None = None) -> DutyLogView | None:
        """The log of the running shift if it has been opened (the 今日 page's header)."""
        self.ctx.auth.require(Action.VIEW_DUTY_LOG)
        slot = self.current_slot(now)
        if slot is None:
            return None
        with self.ctx.db.read() as s:
            row = log_repo.log_at(s, slot[0], slot[1])
            return self._view(s, row) if row else None

    def get_log(self, log_id: int) -> DutyLogView:
        self.ctx.auth.require(Action.VIEW_DUTY_LOG)
        with self.ctx.db.read() as s:
            return self._view(s, load_log(s, log_id))

    def get_log_by(self, day: dt.date, shift_name: str) -> DutyLogView | None:
        """The log of a date and shift name (for ``print handover --shift 早班``), or None."""
        self.ctx.auth.require(Action.VIEW_DUTY_LOG)
        with self.ctx.db.read() as s:
            row = log_repo.log_by_shift_name(s, day, (shift_name or "").strip())
            return self._view(s, row) if row else None

    def logs_for_date(self, day: dt.date) -> list[DutyLogView]:
        """All logs of a date in shift order (the daily report's duty-log sheet)."""
        self.ctx.auth.require(Action.VIEW_DUTY_LOG)
        with self.ctx.db.read() as s:
            rows = log_repo.logs_on(s, day)
            cache = Cache(s)
            return [self._view(s, r, cache) for r in rows]

    def list_logs(self, start: dt.date, end: dt.date) -> list[DutyLogSummary]:
        """Logs from ``start`` to ``end`` inclusive, newest first."""
        self.ctx.auth.require(Action.VIEW_DUTY_LOG)
        with self.ctx.db.read() as s:
            cache = Cache(s)
            rows = log_repo.logs_between(s, start, end)
            ids = [r.id for r in rows]
            pending = log_repo.pending_entry_counts(s, ids)
            amended = log_repo.amended_log_ids(s, ids)
            out = [DutyLogSummary(r.id, r.date, r.shift_id, cache.shift(r.shift_id).name,
                                  LogStatus(r.status), cache.person(r.duty_manager_id),
                                  r.signed_at, r.customer_flow, pending.get(r.id, 0),
                                  r.id in amended) for r in rows]
            return sorted(out, key=lambda x: (x.date, cache.shift(x.shift_id).start),
                          reverse=True)

    def update_draft(self, log_id: int, *, version: int | None = None,
                     **fields: Any) -> DraftSaved:
        """Autosave: validate every given field (all or nothing), write only real changes and
        audit before/after of just those. Calling it again with the same values writes nothing.
        Field names: ``dutylog.DRAFT_FIELDS`` (weather, customer_flow, served_count, …).

        ``version``: the log version the editor last saw for these fields (``DutyLogView.version``,
        then ``DraftSaved.version``). When another desk has since saved a different value in
        one of them, ``DraftConflict`` (their value, who, when) is raised and nothing changes;
        changes elsewhere in the log (another field, the checklist) are no conflict."""
        self.ctx.auth.require(Action.EDIT_DUTY_LOG)
        changes = dl.validate_fields(fields)
        with self.ctx.db.write() as s:
            log = load_log(s, log_id)
            require_draft(log)
            old = log_fields(log)
            diff = dl.diff_fields(old, changes)
            if not diff:
                return DraftSaved(log.id, (), log.updated_at, log.version)
            if version is not None and version != log.version:
                self._check_conflicts(s, log, old, diff, version)
            check_people(s, {k: v for k, (_o, v) in diff.items()})
            for k, (_o, v) in diff.items():
                set_field(log, k, v)
            touch(log, self.ctx.clock.now())
            self.ctx.audit(s, "update_draft", "duty_log", log.id,
                           before={k: dl.to_jsonable(k, o) for k, (o, _n) in diff.items()},
                           after={**{k: dl.to_jsonable(k, n) for k, (_o, n) in diff.items()},
                                  "version": log.version})
            return DraftSaved(log.id, tuple(sorted(diff)), log.updated_at, log.version)

    def _check_conflicts(self, s: DbSession, log: DutyLog, stored: dl.LogFields,
                         diff: dict[str, Any], version: int) -> None:
        """Raise DraftConflict if a field of ``diff`` was written by someone after ``version``."""
        since = log_repo.draft_changes_since(s, log.id, version)
        clashes = []
        for name in sorted(diff):
            if name in since:
                user_id, at = since[name]
                who = users_repo.user(s, user_id) if user_id else None
                clashes.append(dl.FieldConflict(name, getattr(stored, name),
                                                who.full_name if who else "系统", at))
        if clashes:
            raise dl.DraftConflict(tuple(clashes), log.version)

    def set_duty_manager(self, log_id: int, user_id: int) -> DutyLogView:
        """Hand a draft to another duty manager (e.g. the log was opened by the wrong person)."""
        self.ctx.auth.require(Action.EDIT_DUTY_LOG)
        with self.ctx.db.write() as s:
            log = load_log(s, log_id)
            require_draft(log)
            u = users_repo.user(s, user_id)
            if u is None or not u.active or u.role not in (Role.DUTY_MANAGER.value,
                                                            Role.HALL_MANAGER.value):
                raise ValidationError("请选择在职的值班经理", field="duty_manager_id")
            if log.duty_manager_id != user_id:
                before = log.duty_manager_id
                log.duty_manager_id = user_id
                touch(log, self.ctx.clock.now())
                self.ctx.audit(s, "update_draft", "duty_log", log.id,
                               before={"duty_manager_id": before},
                               after={"duty_manager_id": user_id, "version": log.version})
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
            log = load_log(s, log_id)
            require_draft(log)
            row = log_repo.inspection(s, log_id, category, item)
            if row is None:
                raise NotFound(f"找不到检查项目“{item}”")
            if row.ok == ok and row.note == n:
                return inspection_view(row)
            before = {"category": row.category, "item": row.item, "ok": row.ok, "note": row.note}
            row.ok, row.note = ok, n
            touch(log, self.ctx.clock.now())
            self.ctx.audit(s, "update", "duty_log_inspection", row.id, before=before,
                           after={"category": row.category, "item": row.item, "ok": ok,
                                  "note": n})
            return inspection_view(row)

    def mark_inspections_ok(self, log_id: int) -> list[InspectionView]:
        """“全部正常”: every item not yet checked becomes OK (one action, one audit entry)."""
        self.ctx.auth.require(Action.EDIT_DUTY_LOG)
        with self.ctx.db.write() as s:
            log = load_log(s, log_id)
            require_draft(log)
            rows = log_repo.inspections(s, log_id)
            changed = [r for r in rows if r.ok is None]
            for r in changed:
                r.ok = True
            if changed:
                touch(log, self.ctx.clock.now())
                self.ctx.audit(s, "update", "duty_log_inspection", None,
                               before={"log_id": log_id, "ok": None},
                               after={"log_id": log_id, "ok": True,
                                      "items": [f"{r.category}/{r.item}" for r in changed]})
            return [inspection_view(r) for r in rows]

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
            e = log_repo.checklist_entry(s, entry_id)
            if e is None:
                raise NotFound("找不到该检查项")
            log = load_log(s, e.log_id)
            require_draft(log)
            before = entry_dict(e)
            e.status, e.done_at, e.done_by = status.value, at, by
            e.skip_reason = reason
            touch(log, self.ctx.clock.now())
            action = {ItemStatus.DONE: "check", ItemStatus.SKIPPED: "skip",
                      ItemStatus.PENDING: "reset"}[status]
            self.ctx.audit(s, action, "duty_log_checklist_entry", e.id, before=before,
                           after=entry_dict(e))
            cache = Cache(s)
            return entry_view(e, cache, self.ctx.clock.now(), cache.settings.due_soon_minutes)

    # ---------------------------------------------------------------- faults, hand-over items
    # report_fault … faults, add_handover_item … pending_handover: see dutylog_records.

    # ---------------------------------------------------------------- sign-off & amendments
    def signoff_warnings(self, log_id: int) -> list[str]:
        """What to show before signing: unchecked checklist items, unacknowledged incoming
        hand-over items, a meeting over the limit, missing weather/flow, inconsistencies."""
        self.ctx.auth.require(Action.VIEW_DUTY_LOG)
        with self.ctx.db.read() as s:
            return log_warnings(s, load_log(s, log_id), Cache(s))

    def sign(self, log_id: int, password: str, *, confirm_warnings: bool = False) -> DutyLogView:
        """Sign the log with the current user's password; afterwards it is read-only.
        With warnings, ``confirm_warnings=True`` is required (else UnconfirmedWarnings)."""
        me = self.ctx.auth.require(Action.SIGN_DUTY_LOG)
        now = self.ctx.clock.now()
        with self.ctx.db.read() as s:
            draft = load_log(s, log_id)
            if draft.status == LogStatus.SIGNED.value:
                raise ReadOnlyRecord("该值班日志已签字")
            dl.check_signer(draft.duty_manager_id, me.id, me.role == Role.HALL_MANAGER)
            warnings = log_warnings(s, draft, Cache(s))
        if warnings and not confirm_warnings:
            raise UnconfirmedWarnings(warnings)
        if not self._check_password(me.id, password, failed_action="sign_failed",
                                    entity="duty_log", entity_id=log_id):
            raise AuthenticationError("密码不正确，未签字")
        with self.ctx.db.write() as s:
            log = load_log(s, log_id)
            require_draft(log)
            cache = Cache(s)
            shift = cache.shift(log.shift_id)
            faults = faults_between(s, cache, shift.start_on(log.date), shift.end_on(log.date))
            log.faults_snapshot_json = dumps([fault_snapshot(f) for f in faults])
            log.status = LogStatus.SIGNED.value
            log.signed_at, log.signed_by = now, me.id
            touch(log, now)
            self.ctx.audit(s, "sign", "duty_log", log.id, before={"status": "draft"},
                           after={"status": "signed", "signed_at": now,
                                  "content": log_fields(log).as_dict(),
                                  "warnings_confirmed": warnings})
            return self._view(s, log)

    def amend(self, log_id: int, field: str, new_value: Any, reason: str,
              password: str) -> AmendmentView:
        """Correct a signed log's field: a reason and the password of the person who signed it
        (logged in) or of a hall manager; the original value stays, the view shows original
        and effective values."""
        me = self.ctx.auth.require(Action.AMEND_DUTY_LOG)
        value, r = dl.check_amendment(field, new_value, reason)
        now = self.ctx.clock.now()
        with self.ctx.db.read() as s:
            log = load_log(s, log_id)
            if log.status != LogStatus.SIGNED.value:
                raise ValidationError("草稿日志请直接修改，签字后才需要更正")
            signer = users_repo.user(s, log.signed_by) if log.signed_by else None
            dl.check_amender(log.signed_by, signer.full_name if signer else "签字人", me.id,
                             me.role == Role.HALL_MANAGER)
        if not self._check_password(me.id, password, failed_action="amend_failed",
                                    entity="duty_log", entity_id=log_id,
                                    detail={"field": field}):
            raise AuthenticationError("密码不正确，未保存更正")
        with self.ctx.db.write() as s:
            log = load_log(s, log_id)
            check_people(s, {field: value})
            amendments = log_amendments(s, log.id)
            current = getattr(dl.apply_amendments(log_fields(log), amendments), field)
            if current == value:
                raise ValidationError("更正后的值与当前值相同", field=field)
            a = DutyLogAmendment(log_id=log.id, field=field,
                                 old_value_json=dumps(dl.to_jsonable(field, current)),
                                 new_value_json=dumps(dl.to_jsonable(field, value)),
                                 reason=r, created_at=now, created_by=me.id)
            s.add(a)
            s.flush()
            self.ctx.audit(s, "amend", "duty_log", log.id,
                           before={field: dl.to_jsonable(field, current)},
                           after={field: dl.to_jsonable(field, value), "reason": r,
                                  "amendment_id": a.id})
            return amendment_view(a, Cache(s))

    # ---------------------------------------------------------------- 今日 provider
    def attention(self, now: dt.datetime) -> list[AttentionItem]:
        """The duty log's part of the 今日 page (a TodayService provider): checklist items due
        or overdue in the running shift(s), open faults, unacknowledged hand-over items and
        missing or unsigned logs of past shifts. Empty when the user may not see logs."""
        if not self.ctx.auth.may(Action.VIEW_DUTY_LOG):
            return []
        with self.ctx.db.read() as s:
            return attention_items(s, now)

    # ---------------------------------------------------------------- assembling views
    def _view(self, s: DbSession, log: DutyLog, cache: Cache | None = None) -> DutyLogView:
        return log_view(s, log, cache or Cache(s), self.ctx.clock)

    def _require_login(self) -> None:
        if self.ctx.auth.user is None:
            raise AuthenticationError("请先登录")


