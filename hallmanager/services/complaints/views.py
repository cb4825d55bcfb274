"""Plain objects the complaints service returns (never live ORM rows).

Personal data: ``customer_name``, ``phone`` and ``id_number`` are masked (张*, 138****5678)
unless the view says ``masked=False`` — the caller asked for it, the role allowed it and the
service audited it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from hallmanager.domain.complaints.rules import (
    CALLBACK_HOURS,
    DEFAULT_CATEGORIES,
    DEFAULT_DEADLINES,
    DUE_SOON_HOURS,
    CallResult,
    DeadlineRule,
    Satisfaction,
    Source,
    Status,
    Urgency,
)

# Field → header of the call centre's Excel export (the hall edits it for other layouts).
DEFAULT_IMPORT_MAPPING: Mapping[str, str] = {
    "external_no": "工单号", "received_at": "受理时间", "customer_name": "客户姓名",
    "phone": "联系电话", "category": "投诉类别", "description": "问题描述",
    "request": "客户诉求",
}
IMPORT_FIELDS_REQUIRED = ("external_no", "received_at", "customer_name", "phone", "category",
                          "description")
# Our name of each imported field (the left column of the mapping editor, and the messages).
IMPORT_FIELD_LABELS: Mapping[str, str] = dict(DEFAULT_IMPORT_MAPPING)


@dataclass(frozen=True)
class ComplaintSettingsView:
    """The hall's complaint rules (defaults from DOMAIN.md until the hall manager saves)."""

    prefix: str = "TS"
    categories: tuple[str, ...] = DEFAULT_CATEGORIES
    deadlines: Mapping[Source, DeadlineRule] = field(
        default_factory=lambda: dict(DEFAULT_DEADLINES))
    open_at: dt.time = dt.time(9, 0)
    close_at: dt.time = dt.time(18, 30)
    closed_dates: tuple[dt.date, ...] = ()  # holidays the hall is closed
    callback_hours: int = CALLBACK_HOURS
    due_soon_hours: int = DUE_SOON_HOURS
    import_mapping: Mapping[str, str] = field(
        default_factory=lambda: dict(DEFAULT_IMPORT_MAPPING))


@dataclass(frozen=True)
class ComplaintInput:
    """What the registration form (or an imported row) gives."""

    source: Source
    received_at: dt.datetime
    customer_name: str
    phone: str
    category: str
    description: str
    request: str = ""
    id_number: str = ""
    urgent: bool = False
    handler_id: int | None = None  # default: whoever registers it
    department: str = ""
    external_no: str | None = None  # 工单号 of a transferred work order
    vip: bool = False  # VIP / group customer
    playbook_id: int | None = None  # the customer situation the handler picked


@dataclass(frozen=True)
class ComplaintRow:
    """One line of the complaint list."""

    id: int
    number: str
    source: Source
    external_no: str | None
    received_at: dt.datetime
    customer_name: str
    phone: str
    category: str
    urgent: bool
    status: Status
    handler_id: int | None
    handler_name: str
    due_at: dt.datetime | None  # None while waiting for the customer
    callback_due_at: dt.datetime | None
    urgency: Urgency  # of the deadline that applies now (handling, or call-back)
    vip: bool
    escalation_threat: bool
    escalated: bool
    repeat_of_id: int | None
    masked: bool = True
    # free text; numbers typed into it are masked by pattern in a masked row
    description: str = ""
    request: str = ""

    @property
    def source_label(self) -> str:
        return self.source.label

    @property
    def status_label(self) -> str:
        return self.status.label

    @property
    def repeat(self) -> bool:
        return self.repeat_of_id is not None

    @property
    def deadline(self) -> dt.datetime | None:
        """The deadline that applies now: call-back once replied, handling otherwise."""
        return self.callback_due_at if self.status == Status.REPLIED else self.due_at


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    user_name: str
    action: str
    from_status: Status | None
    to_status: Status | None
    note: str

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)


@dataclass(frozen=True)
class PauseView:
    id: int
    start: dt.datetime
    end: dt.datetime | None
    reason: str


@dataclass(frozen=True)
class CallbackView:
    id: int
    at: dt.datetime
    result: CallResult
    satisfaction: Satisfaction | None
    reason: str
    by_name: str


@dataclass(frozen=True)
class ComplaintView(ComplaintRow):
    """One complaint in full: the form, the slip, the timeline."""

    id_number: str = ""
    department: str = ""
    reply_text: str = ""
    replied_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    satisfaction: Satisfaction | None = None
    paused: bool = False
    playbook_id: int | None = None
    repeat_of_number: str | None = None
    timeline: tuple[TimelineEntry, ...] = ()
    pauses: tuple[PauseView, ...] = ()
    callbacks: tuple[CallbackView, ...] = ()

    @property
    def failed_callbacks(self) -> int:
        return sum(1 for c in self.callbacks if c.result != CallResult.ANSWERED)


@dataclass(frozen=True)
class PersonalData:
    """The unmasked personal data of one complaint (audited when given out)."""

    id: int
    customer_name: str
    phone: str
    id_number: str


@dataclass(frozen=True)
class ImportProblem:
    row: int  # the spreadsheet's row number (the header is row 1)
    message: str


@dataclass(frozen=True)
class ImportResult:
    rows: int  # data rows read
    added: int
    skipped: int  # already imported (工单号 known)
    numbers: tuple[str, ...] = ()  # complaint numbers given to the new ones


@dataclass(frozen=True)
class StatRow:
    """Figures of one month × category (category "合计": the month's total)."""

    month: str  # "2026-11"
    category: str
    received: int
    closed: int
    replied: int
    on_time: int  # replied by the deadline
    called_back: int  # answered call-backs
    satisfied: int  # 满意 + 基本满意 among the answered call-backs
    repeats: int
    handling_hours_total: Decimal  # received → reply, of the replied ones
    # not replied and past the deadline when the figures were made: late as well, so a
    # complaint left lying cannot improve the on-time rate by never being answered
    overdue_open: int = 0

    @staticmethod
    def _rate(a: int, b: int) -> Decimal | None:
        return (Decimal(a) / Decimal(b)).quantize(Decimal("0.0001")) if b else None

    @property
    def due(self) -> int:
        """Complaints whose handling deadline has been decided: replied, or overdue open."""
        return self.replied + self.overdue_open

    @property
    def on_time_rate(self) -> Decimal | None:
        """Replied by the deadline among the replied and the overdue unreplied ones."""
        return self._rate(self.on_time, self.due)

    @property
    def callback_rate(self) -> Decimal | None:
        return self._rate(self.called_back, self.replied)

    @property
    def satisfaction_rate(self) -> Decimal | None:
        return self._rate(self.satisfied, self.called_back)

    @property
    def repeat_rate(self) -> Decimal | None:
        return self._rate(self.repeats, self.received)

    @property
    def avg_handling_hours(self) -> Decimal | None:
        if not self.replied:
            return None
        return (self.handling_hours_total / self.replied).quantize(Decimal("0.1"))


def sum_stats(rows: Iterable[StatRow], month: str, category: str) -> StatRow:
    """Several rows added up (every figure is a count or a sum, so rates stay exact)."""
    items = list(rows)
    return StatRow(
        month=month, category=category,
        received=sum(x.received for x in items), closed=sum(x.closed for x in items),
        replied=sum(x.replied for x in items), on_time=sum(x.on_time for x in items),
        called_back=sum(x.called_back for x in items),
        satisfied=sum(x.satisfied for x in items), repeats=sum(x.repeats for x in items),
        handling_hours_total=sum((x.handling_hours_total for x in items), Decimal(0)),
        overdue_open=sum(x.overdue_open for x in items))


@dataclass(frozen=True)
class StatsReport:
    """The statistics of a period as the dialog, the workbook and the PDF show them.

    ``rows``: month × category and each month's 合计 (months without complaints left out);
    ``months``: one 合计 row for every month of the period, empty months included (a chart's
    x axis has no gaps); ``categories``: each category over the whole period (the hall's
    categories in order, then any older category still in the data); ``total``: the period.
    """

    start: dt.date
    end: dt.date
    rows: tuple[StatRow, ...]
    months: tuple[StatRow, ...]
    categories: tuple[StatRow, ...]
    total: StatRow

    @property
    def period(self) -> str:
        return f"{self.start:%Y-%m-%d} 至 {self.end:%Y-%m-%d}"


@dataclass(frozen=True)
class PlaybookView:
    id: int
    sort_order: int
    title: str
    advice: str


ACTION_LABELS: Mapping[str, str] = {
    "register": "登记", "import": "导入", "start": "开始处理", "reply": "答复客户",
    "escalate": "升级", "reopen": "重新处理", "pause": "等待客户", "resume": "恢复计时",
    "callback": "回访", "close": "归档", "note": "处理记录", "assign": "转交处理人",
}
