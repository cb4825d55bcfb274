"""What the emergency service returns: plain frozen dataclasses (never ORM rows)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hallmanager.domain.emergency.rules import StepState, elapsed_text


@dataclass(frozen=True)
class PlanStepView:
    position: int
    title: str
    role: str
    note: str


@dataclass(frozen=True)
class PlanView:
    """A plan in its current version (or the version asked for)."""

    id: int
    key: str
    name: str
    version: int
    paper_registrations: bool
    retired: bool
    sort_order: int
    steps: tuple[PlanStepView, ...]
    runs: int = 0  # runs started with any version of it

    @property
    def label(self) -> str:
        return f"{self.name}（第 {self.version} 版）"


@dataclass(frozen=True)
class RunStepView:
    position: int
    title: str
    role: str
    note: str
    state: StepState
    at: dt.datetime | None
    by: str
    skip_reason: str

    @property
    def done(self) -> bool:
        return self.state != StepState.PENDING

    @property
    def outcome(self) -> str:
        """'已完成 09:12 张三' / '已跳过：原因（09:13 张三）' / '未完成'."""
        if self.state == StepState.PENDING:
            return self.state.label
        when = f"{self.at:%H:%M:%S} {self.by}" if self.at else self.by
        if self.state == StepState.SKIPPED:
            return f"已跳过：{self.skip_reason}（{when}）"
        return f"已完成 {when}"


@dataclass(frozen=True)
class NoteView:
    id: int
    at: dt.datetime
    by: str
    text: str


@dataclass(frozen=True)
class PaperView:
    """A paper registration; name, number and contact masked unless asked (audited)."""

    id: int
    run_id: int
    customer_name: str
    number: str
    business: str
    amount_fen: int
    contact: str
    created_at: dt.datetime
    created_by: str
    entered_at: dt.datetime | None
    entered_by: str
    masked: bool = True

    @property
    def entered(self) -> bool:
        return self.entered_at is not None

    @property
    def state_label(self) -> str:
        if self.entered_at is None:
            return "未补录"
        return f"已补录 {self.entered_at:%m-%d %H:%M} {self.entered_by}"


@dataclass(frozen=True)
class RunView:
    id: int
    plan_id: int
    plan_key: str
    plan_name: str
    version: int
    drill: bool
    paper_registrations: bool
    started_at: dt.datetime
    started_by: str
    finished_at: dt.datetime | None
    finished_by: str
    cause: str
    duration_s: int | None
    losses: str
    follow_up: str
    open_papers_note: str
    steps: tuple[RunStepView, ...]
    notes: tuple[NoteView, ...]
    papers: tuple[PaperView, ...]

    @property
    def open(self) -> bool:
        return self.finished_at is None

    @property
    def kind_label(self) -> str:
        return "演练" if self.drill else "真实事件"

    @property
    def state_label(self) -> str:
        return "进行中" if self.open else "已结束"

    @property
    def done_steps(self) -> int:
        return sum(1 for s in self.steps if s.done)

    @property
    def open_papers(self) -> int:
        return sum(1 for p in self.papers if not p.entered)

    @property
    def title(self) -> str:
        return f"{self.plan_name}（{self.kind_label}）"

    def elapsed(self, now: dt.datetime) -> str:
        return elapsed_text(self.started_at, self.finished_at or now)

    @property
    def duration_text(self) -> str:
        if self.duration_s is None:
            return ""
        return elapsed_text(self.started_at, self.started_at + dt.timedelta(
            seconds=self.duration_s))


@dataclass(frozen=True)
class RunRow:
    """One line of the history list."""

    id: int
    plan_name: str
    version: int
    drill: bool
    started_at: dt.datetime
    started_by: str
    finished_at: dt.datetime | None
    steps_done: int
    steps_total: int
    papers_open: int
    papers_total: int
    cause: str

    @property
    def kind_label(self) -> str:
        return "演练" if self.drill else "真实事件"

    @property
    def state_label(self) -> str:
        return "进行中" if self.finished_at is None else "已结束"


@dataclass(frozen=True)
class Contact:
    label: str
    number: str


@dataclass(frozen=True)
class EmergencySettingsView:
    contacts: tuple[Contact, ...]
    drill_target: int  # drills per quarter


@dataclass(frozen=True)
class QuarterDrills:
    quarter: str  # 2026年第4季度
    drills: int
    target: int

    @property
    def met(self) -> bool:
        return self.drills >= self.target
