"""Emergency plan use cases (应急预案): plans with versions, runs step by step, notes, paper
registrations during an outage, the summary, the incident report and the history.

One write transaction per user action, permission checked first, every change audited, plain
frozen dataclasses out. A run copies its plan version's steps when it starts, so an edited
plan never changes a past run; a finished run is read-only (also against raw SQL: migration
0008's triggers). Every tick is committed at once, so a run survives a crash of the program.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from hallmanager.domain.cash.rules import parse_amount
from hallmanager.domain.emergency import rules as er
from hallmanager.domain.emergency.rules import PaperRegistration, StepDef, StepState
from hallmanager.domain.errors import (
    AuthenticationError,
    NotFound,
    PermissionDenied,
    ReadOnlyRecord,
    ValidationError,
)
from hallmanager.domain.masking import mask_name, mask_personal_text, mask_phone
from hallmanager.domain.roles import Action
from hallmanager.services.context import ServiceContext, UserInfo
from hallmanager.services.emergency.views import (
    Contact,
    EmergencySettingsView,
    NoteView,
    PaperView,
    PlanStepView,
    PlanView,
    QuarterDrills,
    RunRow,
    RunStepView,
    RunView,
)
from hallmanager.storage.database import DbSession
from hallmanager.storage.emergency import repository as repo
from hallmanager.storage.emergency.models import (
    EmergencyPaper,
    EmergencyPlan,
    EmergencyPlanStep,
    EmergencyPlanVersion,
    EmergencyRun,
    EmergencyRunNote,
    EmergencyRunStep,
    EmergencySettings,
)
from hallmanager.storage.repositories import hall as hall_repo

RUN = "emergency_run"
PLAN = "emergency_plan"
PAPER = "emergency_paper"
MAX_NOTE = 1000
MAX_PAPER_FEN = 100_000_000  # ¥1,000,000.00: far above any counter transaction
DEFAULT_DRILL_TARGET = 1


def default_settings() -> EmergencySettingsView:
    return EmergencySettingsView(tuple(Contact(a, b) for a, b in er.DEFAULT_CONTACTS),
                                 DEFAULT_DRILL_TARGET)


class EmergencyService:
    """应急预案."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # ---------------------------------------------------------------- settings
    def settings(self) -> EmergencySettingsView:
        """The contacts panel and the drills-per-quarter target (defaults until saved)."""
        self._me()
        with self.ctx.db.read() as s:
            return _settings(s)

    def save_settings(self, *, contacts: Sequence[tuple[str, str]],
                      drill_target: int) -> EmergencySettingsView:
        """The hall manager keeps the contacts (110/119/120, power company, property, IT
        hotline, area manager …) and the drills-per-quarter target."""
        self.ctx.auth.require(Action.EDIT_EMERGENCY_PLANS)
        cleaned: list[list[str]] = []
        for i, (label, number) in enumerate(contacts, start=1):
            label, number = (label or "").strip(), (number or "").strip()
            if not label and not number:
                continue
            if not label:
                raise ValidationError(f"第 {i} 个联系人缺少名称", field="contacts", row=i)
            if len(label) > 30 or len(number) > 40:
                raise ValidationError(f"第 {i} 个联系人的名称或号码过长", field="contacts", row=i)
            cleaned.append([label, number])
        if isinstance(drill_target, bool) or not isinstance(drill_target, int) \
                or not 0 <= drill_target <= 30:
            raise ValidationError("每季度演练次数须在 0 到 30 之间", field="drill_target")
        with self.ctx.db.write() as s:
            before = _settings_dict(_settings(s))
            row = repo.settings(s)
            if row is None:
                row = EmergencySettings(id=repo.SETTINGS_ID)
                s.add(row)
            row.contacts_json = json.dumps(cleaned, ensure_ascii=False)
            row.drill_target = drill_target
            row.updated_at = self.ctx.clock.now()
            s.flush()
            after = _settings(s)
            self.ctx.audit(s, "update", "emergency_settings", 1, before=before,
                           after=_settings_dict(after))
            return after

    # ---------------------------------------------------------------- plans
    def plans(self, *, include_retired: bool = False) -> list[PlanView]:
        """The plans in picker order, each in its current version (the defaults are written
        on first use, audited)."""
        self._me()
        self._seed()
        with self.ctx.db.read() as s:
            return [self._plan_view(s, p) for p in repo.plans(
                s, include_retired=include_retired)]

    def plan(self, plan_id: int, version: int | None = None) -> PlanView:
        """A plan in its current version, or in ``version``."""
        self._me()
        with self.ctx.db.read() as s:
            return self._plan_view(s, _plan(s, plan_id), version)

    def add_plan(self, name: str, steps: Sequence[StepDef], *,
                 paper_registrations: bool = False) -> PlanView:
        """A new plan (网络中断, 漏水, 客户突发疾病 …), last in the picker."""
        me = self.ctx.auth.require(Action.EDIT_EMERGENCY_PLANS)
        checked = er.check_template(name, steps)
        self._seed()
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            self._unique_name(s, name.strip(), None)
            row = EmergencyPlan(key="", sort_order=repo.max_sort_order(s) + 1, retired=False,
                                current_version=1, created_at=now)
            s.add(row)
            s.flush()
            row.key = f"custom-{row.id}"
            self._add_version(s, row, 1, name.strip(), checked, paper_registrations, me.id)
            view = self._plan_view(s, row)
            self.ctx.audit(s, "create", PLAN, row.id, after=_plan_dict(view))
            return view

    def edit_plan(self, plan_id: int, name: str, steps: Sequence[StepDef], *,
                  paper_registrations: bool) -> PlanView:
        """Save an edited plan as its next version; runs keep the version they started
        with."""
        me = self.ctx.auth.require(Action.EDIT_EMERGENCY_PLANS)
        checked = er.check_template(name, steps)
        with self.ctx.db.write() as s:
            row = _plan(s, plan_id)
            before = self._plan_view(s, row)
            if (before.name, before.paper_registrations, tuple(
                    StepDef(x.title, x.role, x.note) for x in before.steps)) == (
                    name.strip(), bool(paper_registrations), checked):
                return before
            self._unique_name(s, name.strip(), plan_id)
            row.current_version += 1
            self._add_version(s, row, row.current_version, name.strip(), checked,
                              paper_registrations, me.id)
            after = self._plan_view(s, row)
            self.ctx.audit(s, "plan_version", PLAN, plan_id, before=_plan_dict(before),
                           after=_plan_dict(after))
            return after

    def move_plan(self, plan_id: int, delta: int) -> list[PlanView]:
        """Move a plan up (−1) or down (+1) in the picker; returns the new order."""
        self.ctx.auth.require(Action.EDIT_EMERGENCY_PLANS)
        with self.ctx.db.write() as s:
            rows = repo.plans(s, include_retired=True)
            i = next((k for k, p in enumerate(rows) if p.id == plan_id), None)
            if i is None:
                raise NotFound("找不到该预案")
            j = i + (1 if delta > 0 else -1)
            if 0 <= j < len(rows) and delta:
                before = [p.id for p in rows]
                rows[i], rows[j] = rows[j], rows[i]
                for k, p in enumerate(rows, start=1):
                    p.sort_order = k
                s.flush()
                self.ctx.audit(s, "plan_reorder", PLAN, plan_id, before={"order": before},
                               after={"order": [p.id for p in rows]})
            return [self._plan_view(s, p) for p in repo.plans(s, include_retired=True)]

    def retire_plan(self, plan_id: int, retired: bool = True) -> PlanView:
        """A retired plan leaves the picker; its runs and versions stay."""
        self.ctx.auth.require(Action.EDIT_EMERGENCY_PLANS)
        with self.ctx.db.write() as s:
            row = _plan(s, plan_id)
            if row.retired != retired:
                row.retired = retired
                s.flush()
                self.ctx.audit(s, "plan_retire" if retired else "plan_restore", PLAN, plan_id,
                               before={"retired": not retired}, after={"retired": retired})
            return self._plan_view(s, row)

    # ---------------------------------------------------------------- runs
    def start_run(self, plan_id: int, *, drill: bool) -> RunView:
        """Start a drill or a real run of the plan's current version in one action."""
        me = self.ctx.auth.require(Action.RUN_EMERGENCY)
        now = self.ctx.clock.now().replace(microsecond=0)
        self._seed()
        with self.ctx.db.write() as s:
            plan = _plan(s, plan_id)
            if plan.retired:
                raise ValidationError("该预案已停用，请选择其他预案")
            version = repo.version(s, plan.id, plan.current_version)
            assert version is not None
            row = EmergencyRun(plan_id=plan.id, version_id=version.id, drill=bool(drill),
                               started_at=now, started_by=me.id, cause="", losses="",
                               follow_up="", open_papers_note="")
            s.add(row)
            s.flush()
            for st in repo.plan_steps(s, version.id):
                s.add(EmergencyRunStep(run_id=row.id, position=st.position, title=st.title,
                                       role=st.role, note=st.note,
                                       state=StepState.PENDING.value, skip_reason=""))
            s.flush()
            self.ctx.audit(s, "run_start", RUN, row.id, after={
                "plan_id": plan.id, "plan": version.name, "version": version.version,
                "drill": bool(drill), "started_at": now})
            return self._run_view(s, row)

    def run(self, run_id: int) -> RunView:
        """One run with its steps, notes and paper registrations (masked)."""
        self._me()
        with self.ctx.db.read() as s:
            return self._run_view(s, _run(s, run_id))

    def open_runs(self) -> list[RunView]:
        """Runs not finished yet, oldest first (the tab reopens them after a restart)."""
        if not self.ctx.auth.may(Action.VIEW_EMERGENCY):
            return []
        with self.ctx.db.read() as s:
            return self._run_views(s, repo.open_runs(s))

    def check_step(self, run_id: int, position: int) -> RunView:
        """Tick step ``position`` (1-based) done, with the time and the person."""
        return self._set_step(run_id, position, StepState.DONE, "")

    def skip_step(self, run_id: int, position: int, reason: str) -> RunView:
        """Skip step ``position`` with a reason (time and person recorded)."""
        return self._set_step(run_id, position, StepState.SKIPPED, reason)

    def _set_step(self, run_id: int, position: int, target: StepState,
                  reason: str) -> RunView:
        me = self.ctx.auth.require(Action.RUN_EMERGENCY)
        reason = (reason or "").strip()
        if len(reason) > 300:
            raise ValidationError("跳过原因不能超过 300 个字", field="reason")
        now = self.ctx.clock.now().replace(microsecond=0)
        with self.ctx.db.write() as s:
            run = self._open(s, run_id)
            step = repo.run_step(s, run.id, position)
            if step is None:
                raise NotFound(f"该预案没有第 {position} 步")
            er.check_step(StepState(step.state), target, reason)
            step.state, step.at, step.by_id, step.skip_reason = target.value, now, me.id, reason
            s.flush()
            self.ctx.audit(s, "step_check" if target == StepState.DONE else "step_skip", RUN, run.id,
                           after={"step": position, "title": step.title, "state": target.value,
                                  "at": now, "reason": reason})
            return self._run_view(s, run)

    def add_note(self, run_id: int, text: str) -> RunView:
        """A note at any time of the run (what happened, who was called …)."""
        me = self.ctx.auth.require(Action.RUN_EMERGENCY)
        text = (text or "").strip()
        if not text:
            raise ValidationError("备注不能为空", field="text")
        if len(text) > MAX_NOTE:
            raise ValidationError(f"备注不能超过 {MAX_NOTE} 个字", field="text")
        now = self.ctx.clock.now().replace(microsecond=0)
        with self.ctx.db.write() as s:
            run = self._open(s, run_id)
            row = EmergencyRunNote(run_id=run.id, at=now, by_id=me.id, text=text)
            s.add(row)
            s.flush()
            self.ctx.audit(s, "run_note", RUN, run.id, after={"note_id": row.id, "text": text})
            return self._run_view(s, run)

    def add_paper(self, run_id: int, *, customer_name: str, number: str, business: str,
                  amount: str | int = "", contact: str = "") -> RunView:
        """A customer served on paper while the power or BOSS is down."""
        me = self.ctx.auth.require(Action.RUN_EMERGENCY)
        name = (customer_name or "").strip()
        number = (number or "").strip()
        business = (business or "").strip()
        contact = (contact or "").strip()
        if not name:
            raise ValidationError("请填写客户姓名", field="customer_name")
        if len(name) > 60:
            raise ValidationError("客户姓名不能超过 60 个字", field="customer_name")
        if not number:
            raise ValidationError("请填写办理的号码", field="number")
        if len(number) > 30 or len(contact) > 30:
            raise ValidationError("号码或联系方式过长（不超过 30 个字符）", field="number")
        if not business:
            raise ValidationError("请填写办理的业务", field="business")
        if len(business) > 200:
            raise ValidationError("业务说明不能超过 200 个字", field="business")
        if isinstance(amount, int) and not isinstance(amount, bool):
            if not 0 <= amount <= MAX_PAPER_FEN:
                raise ValidationError("金额须在 0 到 ¥1,000,000.00 之间", field="amount")
            fen = amount
        elif not str(amount or "").strip():
            fen = 0
        else:
            fen = parse_amount(str(amount), field="金额", max_fen=MAX_PAPER_FEN)
        now = self.ctx.clock.now().replace(microsecond=0)
        with self.ctx.db.write() as s:
            run = self._open(s, run_id)
            version = repo.version_by_id(s, run.version_id)
            if version is None or not version.paper_registrations:
                raise ValidationError("该预案不做纸质登记（停电、系统故障类预案才登记）")
            row = EmergencyPaper(run_id=run.id, customer_name=name, number=number,
                                 business=business, amount_fen=fen, contact=contact,
                                 created_at=now, created_by=me.id)
            s.add(row)
            s.flush()
            self.ctx.audit(s, "create", PAPER, row.id, after={
                "run_id": run.id, "customer_name": mask_name(name), "number": mask_phone(number),
                "business": business, "amount_fen": fen})
            return self._run_view(s, run)

    def mark_entered(self, paper_id: int) -> RunView:
        """The registration has been keyed into BOSS (time and person recorded)."""
        me = self.ctx.auth.require(Action.RUN_EMERGENCY)
        now = self.ctx.clock.now().replace(microsecond=0)
        with self.ctx.db.write() as s:
            row = repo.paper(s, paper_id)
            if row is None:
                raise NotFound("找不到该纸质登记")
            run = self._open(s, row.run_id)
            if row.entered_at is not None:
                raise ValidationError("该登记已补录进系统")
            row.entered_at, row.entered_by = now, me.id
            s.flush()
            self.ctx.audit(s, "paper_enter", PAPER, row.id, after={"run_id": run.id, "at": now})
            return self._run_view(s, run)

    def paper(self, paper_id: int) -> PaperView:
        """One registration in full, to key it into BOSS (UNMASK_EMERGENCY_PAPER, audited)."""
        self.ctx.auth.require(Action.UNMASK_EMERGENCY_PAPER)
        with self.ctx.db.write() as s:
            row = repo.paper(s, paper_id)
            if row is None:
                raise NotFound("找不到该纸质登记")
            self.ctx.audit(s, "unmask", PAPER, row.id, after={"run_id": row.run_id})
            return _paper_view(row, _names(s, [row.created_by, row.entered_by]), masked=False)

    def finish(self, run_id: int, *, cause: str, losses: str = "", follow_up: str = "",
               open_papers_note: str = "") -> RunView:
        """Finish with the summary (cause, losses, follow-up; the duration is measured).
        Refused while a step is open, or a paper registration is not entered without a
        note saying why."""
        me = self.ctx.auth.require(Action.RUN_EMERGENCY)
        cause, losses = (cause or "").strip(), (losses or "").strip()
        follow_up, note = (follow_up or "").strip(), (open_papers_note or "").strip()
        for label, value in (("原因", cause), ("损失", losses), ("后续措施", follow_up),
                             ("未补录说明", note)):
            if len(value) > 500:
                raise ValidationError(f"{label}不能超过 500 个字")
        now = self.ctx.clock.now().replace(microsecond=0)
        with self.ctx.db.write() as s:
            run = self._open(s, run_id)
            steps = repo.run_steps(s, [run.id])[run.id]
            papers = repo.papers(s, [run.id])[run.id]
            er.check_finish([StepState(x.state) for x in steps],
                            [PaperRegistration(p.id, p.entered_at is not None) for p in papers],
                            cause=cause, open_papers_note=note)
            run.cause, run.losses, run.follow_up = cause, losses, follow_up
            run.open_papers_note = note if any(p.entered_at is None for p in papers) else ""
            run.duration_s = max(0, int((now - run.started_at).total_seconds()))
            run.finished_by = me.id
            run.finished_at = now
            s.flush()
            view = self._run_view(s, run)
            self.ctx.audit(s, "run_finish", RUN, run.id, after={
                "finished_at": now, "cause": cause, "duration_s": run.duration_s,
                "losses": losses, "follow_up": follow_up,
                "open_papers_note": run.open_papers_note,
                "steps": {x.position: x.state.value for x in view.steps},
                "papers_open": view.open_papers})
            return view

    # ---------------------------------------------------------------- history
    def runs(self, start: dt.date, end: dt.date, *, drill: bool | None = None,
             plan_id: int | None = None) -> list[RunRow]:
        """Runs started ``start``..``end`` (inclusive), newest first, optionally only drills
        or only real events, or one plan."""
        self.ctx.auth.require(Action.VIEW_EMERGENCY)
        if end < start:
            raise ValidationError("结束日期不能早于开始日期")
        with self.ctx.db.read() as s:
            rows = repo.runs_between(s, _day_start(start), _day_start(end + dt.timedelta(1)),
                                     drill=drill, plan_id=plan_id)
            return list(reversed(self._rows(s, rows)))

    def drills_per_quarter(self, quarters: int = 4) -> list[QuarterDrills]:
        """Drills of the last ``quarters`` quarters (this one first) against the target."""
        self.ctx.auth.require(Action.VIEW_EMERGENCY)
        today = self.ctx.clock.now().date()
        with self.ctx.db.read() as s:
            target = _settings(s).drill_target
            y, q = today.year, (today.month - 1) // 3
            out = []
            for _ in range(quarters):
                start = dt.date(y, q * 3 + 1, 1)
                end = dt.date(y + (q == 3), (q * 3 + 3) % 12 + 1, 1)
                n = len(repo.runs_between(s, _day_start(start), _day_start(end), drill=True))
                out.append(QuarterDrills(er.quarter_of(start), n, target))
                y, q = (y, q - 1) if q else (y - 1, 3)
            return out

    # ---------------------------------------------------------------- 今日
    def attention(self, now: dt.datetime) -> list[Any]:
        """Open runs, and paper registrations not yet entered (今日)."""
        from hallmanager.services.emergency.attention import attention_items

        if not self.ctx.auth.may(Action.VIEW_EMERGENCY):
            return []
        with self.ctx.db.read() as s:
            return attention_items(self, s, now)

    # ---------------------------------------------------------------- outputs
    def write_report(self, run_id: int, path: Path | str, *, force: bool = False,
                     via: str = "desk") -> Path:
        """The incident report PDF (应急事件记录): plan and version, drill or real, every
        step with time and person or skip reason, notes, paper registrations (masked), the
        summary and signature lines. Phone and ID numbers typed into free text are masked
        (like the paper registrations). Written atomically; audited."""
        from hallmanager.exporters.atomic import check_target
        from hallmanager.exporters.incident_pdf import write_incident_pdf
        from hallmanager.services.emergency.outputs import incident_report

        me = self.ctx.auth.require(Action.VIEW_EMERGENCY)
        check_target(path, force=force)
        with self.ctx.db.read() as s:
            view = self._run_view(s, _run(s, run_id))
            hall = hall_repo.hall_settings(s)
        report = incident_report(mask_run(view), hall_name=hall.name if hall else "",
                                 printed_at=self.ctx.clock.now(), printed_by=me.full_name)
        out = write_incident_pdf(report, path, force=force)
        with self.ctx.db.write() as s:
            self.ctx.audit(s, "print", RUN, run_id, after={"file": out.name, "via": via})
        return out

    def export(self, start: dt.date, end: dt.date, path: Path | str, *, force: bool = False,
               via: str = "desk") -> Path:
        """应急事件 workbook of ``start``..``end``: one row per run with its id, and the
        paper registrations (masked; phone and ID numbers in free text too); audited."""
        from hallmanager.exporters.atomic import check_target
        from hallmanager.exporters.list_excel import write_list_xlsx
        from hallmanager.services.emergency.outputs import workbook

        me = self.ctx.auth.require(Action.EXPORT_REPORT)
        self.ctx.auth.require(Action.VIEW_EMERGENCY)
        if end < start:
            raise ValidationError("结束日期不能早于开始日期")
        if (end - start).days > 3660:
            raise ValidationError("导出范围不能超过 10 年")
        check_target(path, force=force)
        with self.ctx.db.read() as s:
            hall = hall_repo.hall_settings(s)
            runs = self._run_views(s, repo.runs_between(
                s, _day_start(start), _day_start(end + dt.timedelta(1))))
        book = workbook([mask_run(v) for v in runs], hall_name=hall.name if hall else "",
                        start=start, end=end,
                        generated_at=self.ctx.clock.now(), generated_by=me.full_name)
        out = write_list_xlsx(book, path, force=force)
        with self.ctx.db.write() as s:
            self.ctx.audit(s, "export", RUN, None, after={
                "from": start, "to": end, "file": out.name, "runs": len(runs), "via": via})
        return out

    # ---------------------------------------------------------------- internals
    def _me(self) -> UserInfo:
        me = self.ctx.auth.user
        if me is None:
            raise AuthenticationError("请先登录")
        if not self.ctx.auth.may(Action.VIEW_EMERGENCY):
            raise PermissionDenied(f"{me.role.label}无权查看应急预案")
        return me

    def _seed(self) -> None:
        """Write the default plans once (the first time anyone needs them), audited."""
        with self.ctx.db.read() as s:
            if repo.plan_count(s):
                return
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            if repo.plan_count(s):
                return
            for i, t in enumerate(er.DEFAULT_TEMPLATES, start=1):
                row = EmergencyPlan(key=t.key, sort_order=i, retired=False, current_version=1,
                                    created_at=now)
                s.add(row)
                s.flush()
                self._add_version(s, row, 1, t.name, t.steps, t.paper_registrations, None)
            self.ctx.audit(s, "plan_seed", PLAN, None,
                           after={"plans": [t.key for t in er.DEFAULT_TEMPLATES]})

    def _add_version(self, s: DbSession, plan: EmergencyPlan, number: int, name: str,
                     steps: Sequence[StepDef], paper: bool, by: int | None) -> None:
        v = EmergencyPlanVersion(plan_id=plan.id, version=number, name=name,
                                 paper_registrations=bool(paper),
                                 created_at=self.ctx.clock.now(), created_by=by)
        s.add(v)
        s.flush()
        for k, st in enumerate(steps, start=1):
            s.add(EmergencyPlanStep(version_id=v.id, position=k, title=st.title, role=st.role,
                                    note=st.note))
        s.flush()

    @staticmethod
    def _unique_name(s: DbSession, name: str, plan_id: int | None) -> None:
        for p in repo.plans(s, include_retired=True):
            if p.id == plan_id:
                continue
            v = repo.version(s, p.id, p.current_version)
            if v is not None and v.name == name:
                raise ValidationError(f"已有同名预案：{name}", field="name")

    def _open(self, s: DbSession, run_id: int) -> EmergencyRun:
        run = _run(s, run_id)
        if run.finished_at is not None:
            raise ReadOnlyRecord("该预案已结束，记录不能再修改")
        return run

    def _plan_view(self, s: DbSession, p: EmergencyPlan, number: int | None = None) -> PlanView:
        v = repo.version(s, p.id, number or p.current_version)
        if v is None:
            raise NotFound(f"该预案没有第 {number} 版")
        steps = tuple(PlanStepView(x.position, x.title, x.role, x.note)
                      for x in repo.plan_steps(s, v.id))
        return PlanView(p.id, p.key, v.name, v.version, v.paper_registrations, p.retired,
                        p.sort_order, steps)

    def _run_view(self, s: DbSession, run: EmergencyRun) -> RunView:
        return self._run_views(s, [run])[0]

    def _run_views(self, s: DbSession, runs: Sequence[EmergencyRun]) -> list[RunView]:
        ids = [r.id for r in runs]
        steps, notes, papers = repo.run_steps(s, ids), repo.notes(s, ids), repo.papers(s, ids)
        versions = repo.versions(s, [r.version_id for r in runs])
        plans = {r.plan_id: repo.plan(s, r.plan_id) for r in runs}
        people: list[int | None] = []
        for r in runs:
            people += [r.started_by, r.finished_by]
            people += [x.by_id for x in steps[r.id]] + [n.by_id for n in notes[r.id]]
            people += [p.created_by for p in papers[r.id]] + [p.entered_by for p in papers[r.id]]
        names = _names(s, people)
        out = []
        for r in runs:
            v = versions[r.version_id]
            plan = plans[r.plan_id]
            out.append(RunView(
                id=r.id, plan_id=r.plan_id, plan_key=plan.key if plan else "", plan_name=v.name,
                version=v.version, drill=r.drill, paper_registrations=v.paper_registrations,
                started_at=r.started_at, started_by=names.get(r.started_by, ""),
                finished_at=r.finished_at, finished_by=names.get(r.finished_by, ""),
                cause=r.cause, duration_s=r.duration_s, losses=r.losses,
                follow_up=r.follow_up, open_papers_note=r.open_papers_note,
                steps=tuple(RunStepView(x.position, x.title, x.role, x.note,
                                        StepState(x.state), x.at, names.get(x.by_id, ""),
                                        x.skip_reason) for x in steps[r.id]),
                notes=tuple(NoteView(n.id, n.at, names.get(n.by_id, ""), n.text)
                            for n in notes[r.id]),
                papers=tuple(_paper_view(p, names, masked=True) for p in papers[r.id])))
        return out

    def _rows(self, s: DbSession, runs: Sequence[EmergencyRun]) -> list[RunRow]:
        return [RunRow(v.id, v.plan_name, v.version, v.drill, v.started_at, v.started_by,
                       v.finished_at, v.done_steps, len(v.steps), v.open_papers, len(v.papers),
                       v.cause) for v in self._run_views(s, runs)]


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


def _plan(s: DbSession, plan_id: int) -> EmergencyPlan:
    row = repo.plan(s, plan_id)
    if row is None:
        raise NotFound("找不到该预案")
    return row


def _run(s: DbSession, run_id: int) -> EmergencyRun:
    row = repo.run(s, run_id)
    if row is None:
        raise NotFound(f"找不到第 {run_id} 号应急记录")
    return row


def _names(s: DbSession, ids: Iterable[int | None]) -> dict[int | None, str]:
    return dict(repo.user_names(s, sorted({i for i in ids if i is not None})))


def mask_run(v: RunView) -> RunView:
    """A run with the phone and ID numbers in the free text people typed during it (skip
    reasons, notes, paper business, the summary) masked, for prints and exports; the plan's
    own step text is left as written."""
    m = mask_personal_text
    return dataclasses.replace(
        v, cause=m(v.cause), losses=m(v.losses), follow_up=m(v.follow_up),
        open_papers_note=m(v.open_papers_note),
        steps=tuple(dataclasses.replace(x, skip_reason=m(x.skip_reason)) for x in v.steps),
        notes=tuple(dataclasses.replace(x, text=m(x.text)) for x in v.notes),
        papers=tuple(dataclasses.replace(x, business=m(x.business)) for x in v.papers))


def _paper_view(p: EmergencyPaper, names: dict[int | None, str], *, masked: bool) -> PaperView:
    return PaperView(
        id=p.id, run_id=p.run_id,
        customer_name=mask_name(p.customer_name) if masked else p.customer_name,
        number=mask_phone(p.number) if masked else p.number, business=p.business,
        amount_fen=p.amount_fen, contact=mask_phone(p.contact) if masked else p.contact,
        created_at=p.created_at, created_by=names.get(p.created_by, ""),
        entered_at=p.entered_at, entered_by=names.get(p.entered_by, ""), masked=masked)


def _settings(s: DbSession) -> EmergencySettingsView:
    row = repo.settings(s)
    if row is None:
        return default_settings()
    return EmergencySettingsView(tuple(Contact(a, b) for a, b in json.loads(row.contacts_json)),
                                 row.drill_target)


def _settings_dict(v: EmergencySettingsView) -> dict[str, Any]:
    return {"contacts": [[c.label, c.number] for c in v.contacts],
            "drill_target": v.drill_target}


def _plan_dict(v: PlanView) -> dict[str, Any]:
    return {"key": v.key, "name": v.name, "version": v.version,
            "paper_registrations": v.paper_registrations,
            "steps": [[x.title, x.role, x.note] for x in v.steps]}
