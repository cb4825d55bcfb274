"""The attendance module's plain views: frozen dataclasses the service hands out (never ORM
rows). ``MonthReport`` is what an exporter of the monthly 考勤表 takes as it is: the days,
one ``PersonMonth`` per person with a mark per day and the month's figures, the legend,
the signature lines, and whether the month is closed (its figures frozen)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from hallmanager.domain.attendance.classify import Mark
from hallmanager.domain.attendance.fines import Item, RuleSet
from hallmanager.domain.attendance.imports import RowProblem
from hallmanager.domain.attendance.timetable import DayKind, Timetable
from hallmanager.domain.money import format_fen

PUNCH_SOURCES = {"desk": "值班台录入", "import": "考勤机导入", "correction": "补卡"}
FINE_KINDS = {"late": "迟到", "early": "早退", "absent": "旷工", "not_early": "未提前到岗",
              "monthly_leave": "请假超次", "item": "违规"}
MARK_LABELS: dict[str, str] = {
    Mark.PRESENT: "出勤", Mark.LATE: "迟到", Mark.EARLY: "早退", Mark.ABSENT: "旷工",
    Mark.LEAVE: "请假", Mark.REST: "休息", Mark.MISSING: "缺卡", Mark.PENDING: "进行中",
    Mark.UNKNOWN: "节假日数据未覆盖"}
SIGNATURE_LINES = ("制表人", "值班经理", "厅经理")


@dataclass(frozen=True)
class StaffRef:
    """A roster person as shown on screens and prints."""

    id: int
    staff_no: str
    name: str

    @property
    def label(self) -> str:
        return f"{self.name}（{self.staff_no}）"


@dataclass(frozen=True)
class StaffView:
    """A roster line. ``phone`` is masked (138****5678) unless the user may see it in full."""

    id: int
    staff_no: str
    name: str
    position: str
    phone: str
    hire_date: dt.date | None
    leave_date: dt.date | None
    active: bool
    user_id: int | None
    initials: str  # pinyin initials of the name (zs for 张三), for the desk's picker
    phone_masked: bool = True

    @property
    def ref(self) -> StaffRef:
        return StaffRef(self.id, self.staff_no, self.name)


@dataclass(frozen=True)
class StaffImportResult:
    created: int
    updated: int
    unchanged: int

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass(frozen=True)
class RotaView:
    staff_id: int
    rest_weekdays: tuple[int, ...] = ()
    rest_dates: tuple[dt.date, ...] = ()
    work_dates: tuple[dt.date, ...] = ()


@dataclass(frozen=True)
class HolidayView:
    date: dt.date
    kind: DayKind
    name: str
    source: str  # chinesecalendar | manual

    @property
    def kind_label(self) -> str:
        return self.kind.label


@dataclass(frozen=True)
class HolidayTableView:
    entries: tuple[HolidayView, ...]
    covered_until: dt.date | None
    source: str


@dataclass(frozen=True)
class TimetablesView:
    timetables: tuple[Timetable, ...]
    saved: bool  # False: the built-in defaults (seed 004) apply


@dataclass(frozen=True)
class RuleSetView:
    rules: RuleSet
    note: str = ""
    created_at: dt.datetime | None = None
    created_by: str = ""
    saved: bool = True  # False: the built-in defaults, never saved

    @property
    def version(self) -> int:
        return self.rules.version

    @property
    def effective_from(self) -> dt.date:
        return self.rules.effective_from


@dataclass(frozen=True)
class PunchView:
    id: int
    staff: StaffRef
    at: dt.datetime
    source: str
    batch_id: str | None
    reason: str
    created_at: dt.datetime
    created_by: str
    cancelled: bool = False
    cancel_reason: str = ""

    @property
    def source_label(self) -> str:
        return PUNCH_SOURCES.get(self.source, self.source)


@dataclass(frozen=True)
class PunchImportResult:
    """A clock import: how many rows were new, already there, or rejected (with why)."""

    batch_id: str
    imported: int
    duplicates: int
    rejected: int
    rejected_rows: tuple[RowProblem, ...] = ()


@dataclass(frozen=True)
class FineView:
    """One fine with the rule that produced it; ``key`` names it for a waiver."""

    key: str
    staff: StaffRef
    day: dt.date
    kind: str
    fen: int
    rule_version: int
    explanation: str
    session: str | None = None
    waived: bool = False
    waive_reason: str = ""
    waived_by: str = ""
    waived_at: dt.datetime | None = None

    @property
    def kind_label(self) -> str:
        return FINE_KINDS.get(self.kind, self.kind)

    @property
    def due_fen(self) -> int:
        """What is deducted: nothing once waived."""
        return 0 if self.waived else self.fen

    @property
    def text(self) -> str:
        """The explanation, with the waiver when there is one."""
        if not self.waived:
            return self.explanation
        return f"{self.explanation}（已免除：{self.waive_reason}，{self.waived_by}）"


@dataclass(frozen=True)
class SessionView:
    label: str
    start: dt.datetime
    end: dt.datetime
    arrived: dt.datetime | None
    left: dt.datetime | None
    late_s: int
    early_s: int
    leave_type: str | None
    absent: bool
    missing_in: bool
    missing_out: bool
    not_early: bool
    pending: bool

    @property
    def status(self) -> str:
        """准时 / 迟到 / 早退 / 缺卡 / 旷工 / 请假 / 进行中, as the desk shows it."""
        if self.leave_type:
            return self.leave_type
        if self.absent:
            return "旷工"
        parts = []
        if self.late_s:
            parts.append("迟到")
        if self.early_s:
            parts.append("早退")
        if self.missing_in or self.missing_out:
            parts.append("缺卡")
        if not parts and self.pending:
            return "进行中" if self.arrived else "未到"
        return "、".join(parts) or "正常"


@dataclass(frozen=True)
class DayView:
    """A person's day: what kind of day, whether scheduled, each session, the fines."""

    staff: StaffRef
    day: dt.date
    kind: DayKind
    holiday_name: str
    scheduled: bool
    mark: str  # a Mark symbol, or "" (not employed that day, or still in the future)
    sessions: tuple[SessionView, ...] = ()
    fines: tuple[FineView, ...] = ()
    note: str = ""  # e.g. beyond the holiday table: what to do

    @property
    def fine_fen(self) -> int:
        return sum(f.due_fen for f in self.fines)


@dataclass(frozen=True)
class PunchRecorded:
    """A punch just recorded and the day as it now stands (with any fine and its rule)."""

    punch: PunchView
    day: DayView


@dataclass(frozen=True)
class LeaveView:
    id: int
    staff: StaffRef
    leave_type: str
    start_date: dt.date
    end_date: dt.date
    sessions: tuple[int, ...]  # empty: whole days
    approved: bool
    note: str
    created_by: str
    cancelled: bool = False


@dataclass(frozen=True)
class ViolationView:
    id: int
    staff: StaffRef
    item: Item
    at: dt.datetime
    seen_by: str
    note: str
    fine: FineView | None = None

    @property
    def item_label(self) -> str:
        return self.item.label


@dataclass(frozen=True)
class WaiverView:
    fine_key: str
    staff: StaffRef
    day: dt.date
    fine_fen: int
    reason: str
    by: str
    at: dt.datetime


@dataclass(frozen=True)
class PersonMonth:
    """One person's line of the monthly summary and the 考勤表 grid. ``marks`` has one
    symbol per day of ``MonthReport.days``. ``fine_fen`` is what is deducted (waived fines
    excluded; ``waived_fen`` says how much was waived)."""

    staff: StaffRef
    position: str
    scheduled_days: int = 0
    present_days: int = 0
    late_count: int = 0
    late_seconds: int = 0
    early_count: int = 0
    early_seconds: int = 0
    absences: int = 0
    missing_punches: int = 0
    leave_days: int = 0
    leave_requests: int = 0
    not_early: int = 0
    violations: int = 0
    fine_fen: int = 0
    waived_fen: int = 0
    marks: tuple[str, ...] = ()
    fines: tuple[FineView, ...] = ()

    @property
    def late_minutes(self) -> int:
        return (self.late_seconds + 59) // 60

    @property
    def early_minutes(self) -> int:
        return (self.early_seconds + 59) // 60

    @property
    def fine_text(self) -> str:
        return format_fen(self.fine_fen)


@dataclass(frozen=True)
class MonthCloseView:
    month: str
    closed_at: dt.datetime
    closed_by: str
    staff_count: int
    total_fine_fen: int


@dataclass(frozen=True)
class MonthReport:
    """The monthly summary and 考勤表 grid of ``start`` … ``end`` (a calendar month for
    ``month_report``): what an Excel or PDF exporter writes, as it is."""

    title: str  # "2026年11月考勤表"
    start: dt.date
    end: dt.date
    days: tuple[dt.date, ...]
    rows: tuple[PersonMonth, ...]
    closed: MonthCloseView | None = None
    generated_at: dt.datetime | None = None
    legend: tuple[tuple[str, str], ...] = tuple(
        (m.value, MARK_LABELS[m]) for m in (Mark.PRESENT, Mark.LATE, Mark.EARLY, Mark.ABSENT,
                                            Mark.LEAVE, Mark.REST, Mark.MISSING))
    signature_lines: tuple[str, ...] = SIGNATURE_LINES
    notes: tuple[str, ...] = field(default=())

    @property
    def total_fine_fen(self) -> int:
        return sum(r.fine_fen for r in self.rows)


@dataclass(frozen=True)
class PersonMonthDetail:
    """One person's month with every day (the tab's person view, a teller's own record)."""

    summary: PersonMonth
    days: tuple[DayView, ...]
