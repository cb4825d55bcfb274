"""Complaint rules.

Workflow (enforced; every change is a timeline entry):

    已登记 → 处理中 → 已答复 → 已回访 → 已归档
    any open state → 已升级 (escalated; then 处理中 again)
    已答复 / 已回访 / 已归档 → 重新处理 (reopened; then 处理中)

Deadlines (defaults, a hall setting): on-site 24 h, transferred work orders 48 h, regulator
appeals the same day (by the end of opening hours), letters/online 48 h; call back within
48 h of the reply. A rule may count opening hours only, skipping holidays: then "24 h" means
24 hours during which the hall is open. Waiting for the customer pauses the clock.

Closing needs an answered call-back, or three failed attempts and a note.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from hallmanager.domain.errors import ValidationError


class Status(StrEnum):
    REGISTERED = "registered"
    IN_PROGRESS = "in_progress"
    REPLIED = "replied"
    CALLED_BACK = "called_back"
    CLOSED = "closed"
    ESCALATED = "escalated"
    REOPENED = "reopened"

    @property
    def label(self) -> str:
        return {"registered": "已登记", "in_progress": "处理中", "replied": "已答复",
                "called_back": "已回访", "closed": "已归档", "escalated": "已升级",
                "reopened": "重新处理"}[self.value]

    @property
    def open(self) -> bool:
        return self not in (Status.CLOSED,)


TRANSITIONS: Mapping[Status, frozenset[Status]] = {
    Status.REGISTERED: frozenset({Status.IN_PROGRESS, Status.ESCALATED}),
    Status.IN_PROGRESS: frozenset({Status.REPLIED, Status.ESCALATED}),
    Status.REPLIED: frozenset({Status.CALLED_BACK, Status.REOPENED, Status.ESCALATED}),
    Status.CALLED_BACK: frozenset({Status.CLOSED, Status.REOPENED, Status.ESCALATED}),
    Status.CLOSED: frozenset({Status.REOPENED}),
    Status.ESCALATED: frozenset({Status.IN_PROGRESS}),
    Status.REOPENED: frozenset({Status.IN_PROGRESS, Status.ESCALATED}),
}


def check_transition(current: Status, target: Status) -> None:
    if target not in TRANSITIONS[current]:
        allowed = "、".join(s.label for s in sorted(TRANSITIONS[current], key=list(Status).index))
        raise ValidationError(f"投诉状态不能从“{current.label}”变为“{target.label}”"
                              f"（可以变为：{allowed}）")


class Source(StrEnum):
    ON_SITE = "on_site"  # 现场
    CALL_CENTER = "call_center"  # 10086/10000 转派工单
    COMPANY = "company"  # 市公司/本部派发
    LETTER = "letter"  # 信函
    ONLINE = "online"  # 网络
    REGULATOR = "regulator"  # 工信部申诉

    @property
    def label(self) -> str:
        return {"on_site": "现场", "call_center": "10086转派", "company": "市公司/本部派发",
                "letter": "信函", "online": "网络", "regulator": "工信部申诉"}[self.value]


DEFAULT_CATEGORIES = ("网络质量", "资费计费", "服务态度", "业务办理", "终端", "宽带", "营销活动",
                      "其他")


class Satisfaction(StrEnum):
    SATISFIED = "satisfied"
    BASICALLY = "basically"
    DISSATISFIED = "dissatisfied"

    @property
    def label(self) -> str:
        return {"satisfied": "满意", "basically": "基本满意", "dissatisfied": "不满意"}[self.value]


class CallResult(StrEnum):
    NO_ANSWER = "no_answer"
    BUSY = "busy"
    ANSWERED = "answered"

    @property
    def label(self) -> str:
        return {"no_answer": "无人接听", "busy": "占线", "answered": "已接通"}[self.value]


# --- numbering ---------------------------------------------------------------------------
def complaint_number(prefix: str, day: dt.date, seq: int) -> str:
    """TS20261129-0001: the hall's prefix, the day, a sequence per day (never reused)."""
    if not re.fullmatch(r"[A-Z]{1,6}", prefix):
        raise ValidationError(f"编号前缀须为 1–6 个大写字母：“{prefix}”")
    if not 1 <= seq <= 9999:
        raise ValidationError("当日投诉编号已用完（每天最多 9999 条）")
    return f"{prefix}{day:%Y%m%d}-{seq:04d}"


# --- deadlines ---------------------------------------------------------------------------
@dataclass(frozen=True)
class DeadlineRule:
    """How long a complaint may take: ``hours`` (None: by the end of the same opening day),
    counted in opening hours only when ``opening_hours_only``."""

    hours: int | None
    opening_hours_only: bool = False

    @property
    def label(self) -> str:
        base = "当天办结" if self.hours is None else f"{self.hours} 小时"
        return base + ("（按营业时间计）" if self.opening_hours_only and self.hours else "")


DEFAULT_DEADLINES: Mapping[Source, DeadlineRule] = {
    Source.ON_SITE: DeadlineRule(24), Source.CALL_CENTER: DeadlineRule(48),
    Source.COMPANY: DeadlineRule(48), Source.LETTER: DeadlineRule(48),
    Source.ONLINE: DeadlineRule(48), Source.REGULATOR: DeadlineRule(None),
}
CALLBACK_HOURS = 48
DUE_SOON_HOURS = 4


@dataclass(frozen=True)
class OpeningHours:
    """When the hall is open each day (one span), and which dates it is closed."""

    open_at: dt.time = dt.time(9, 0)
    close_at: dt.time = dt.time(18, 30)
    is_closed_day: Callable[[dt.date], bool] = lambda _d: False

    def span(self, day: dt.date) -> tuple[dt.datetime, dt.datetime] | None:
        if self.is_closed_day(day):
            return None
        return dt.datetime.combine(day, self.open_at), dt.datetime.combine(day, self.close_at)


@dataclass(frozen=True)
class Pause:
    """Waiting for the customer (等待客户): the clock stops from ``start`` to ``end``
    (None: still waiting)."""

    start: dt.datetime
    end: dt.datetime | None


def _add_opening(start: dt.datetime, duration: dt.timedelta, hours: OpeningHours
                 ) -> dt.datetime:
    left = duration
    day = start.date()
    for _ in range(3660):
        span = hours.span(day)
        if span is not None:
            a, b = max(span[0], start), span[1]
            if a < b:
                if a + left <= b:
                    return a + left
                left -= b - a
        day += dt.timedelta(days=1)
    raise ValidationError("营业时间设置有误：十年内找不到营业日")


def _end_of_opening_day(start: dt.datetime, hours: OpeningHours) -> dt.datetime:
    day = start.date()
    for _ in range(3660):
        span = hours.span(day)
        if span is not None and start < span[1]:
            return span[1]
        day += dt.timedelta(days=1)
    raise ValidationError("营业时间设置有误：十年内找不到营业日")


def due_at(received: dt.datetime, rule: DeadlineRule, *, hours: OpeningHours | None = None,
           pauses: Sequence[Pause] = ()) -> dt.datetime | None:
    """The promised deadline. Pauses move it later by their length (in the same measure:
    opening hours when the rule counts them). None while a pause is still open."""
    oh = hours or OpeningHours()
    if rule.hours is None:
        due = _end_of_opening_day(received, oh)
    elif rule.opening_hours_only:
        due = _add_opening(received, dt.timedelta(hours=rule.hours), oh)
    else:
        due = received + dt.timedelta(hours=rule.hours)
    for p in sorted(pauses, key=lambda x: x.start):
        if p.end is None:
            return None
        if p.end <= p.start or p.start >= due:
            continue
        length = _opening_between(p.start, p.end, oh) if rule.opening_hours_only \
            else p.end - p.start
        due = _add_opening(due, length, oh) if rule.opening_hours_only else due + length
    return due


def _opening_between(a: dt.datetime, b: dt.datetime, hours: OpeningHours) -> dt.timedelta:
    total = dt.timedelta()
    day = a.date()
    while day <= b.date():
        span = hours.span(day)
        if span is not None:
            lo, hi = max(span[0], a), min(span[1], b)
            if lo < hi:
                total += hi - lo
        day += dt.timedelta(days=1)
    return total


class Urgency(StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    ON_TIME = "on_time"
    PAUSED = "paused"
    DONE = "done"

    @property
    def label(self) -> str:
        return {"overdue": "已超时", "due_soon": "即将到期", "on_time": "未到期",
                "paused": "等待客户", "done": "已完成"}[self.value]


def urgency(due: dt.datetime | None, now: dt.datetime, *, done: bool,
            due_soon_hours: int = DUE_SOON_HOURS) -> Urgency:
    if done:
        return Urgency.DONE
    if due is None:
        return Urgency.PAUSED
    if now > due:
        return Urgency.OVERDUE
    if due - now <= dt.timedelta(hours=due_soon_hours):
        return Urgency.DUE_SOON
    return Urgency.ON_TIME


# --- call-back and closing ---------------------------------------------------------------
@dataclass(frozen=True)
class CallAttempt:
    at: dt.datetime
    result: CallResult
    satisfaction: Satisfaction | None = None
    reason: str = ""  # why not satisfied


def check_attempt(a: CallAttempt) -> None:
    if a.result == CallResult.ANSWERED and a.satisfaction is None:
        raise ValidationError("回访已接通：请选择客户满意度")
    if a.satisfaction == Satisfaction.DISSATISFIED and not a.reason.strip():
        raise ValidationError("客户不满意：请填写原因")
    if a.result != CallResult.ANSWERED and a.satisfaction is not None:
        raise ValidationError("回访未接通，不能记录满意度")


def check_can_close(attempts: Sequence[CallAttempt], note: str = "") -> None:
    """No closing without an answered call-back, or three failed attempts and a note."""
    if any(a.result == CallResult.ANSWERED for a in attempts):
        return
    failed = sum(1 for a in attempts if a.result != CallResult.ANSWERED)
    if failed >= 3 and note.strip():
        return
    if failed >= 3:
        raise ValidationError("回访三次未接通：归档前请填写说明")
    raise ValidationError(f"归档前须回访接通客户，或回访三次未接通并说明（目前 {failed} 次未接通）")


# --- repeats -----------------------------------------------------------------------------
REPEAT_DAYS = 30


def normalize_phone(text: str) -> str:
    """The digits of a mainland number as typed (+86, 0086, spaces, dots, full-width)."""
    s = re.sub(r"\D", "", unicodedata.normalize("NFKC", text or ""))
    for prefix in ("0086", "86"):
        if s.startswith(prefix) and len(s) - len(prefix) == 11:
            s = s[len(prefix):]
    return s


def check_phone(text: str) -> str:
    """A customer's contact number: an 11-digit mobile (1[3-9]…) or a fixed line
    (0 + area code, 10–12 digits); returns the normalised digits."""
    s = normalize_phone(text)
    if re.fullmatch(r"1[3-9]\d{9}", s) or re.fullmatch(r"0\d{9,11}", s):
        return s
    raise ValidationError(f"联系电话不正确：“{text}”（手机 11 位，或固话含区号）",
                          field="phone")


@dataclass(frozen=True)
class Earlier:
    id: int
    phone: str
    received_at: dt.datetime


def repeats_of(phone: str, received: dt.datetime, earlier: Iterable[Earlier], *,
               days: int = REPEAT_DAYS) -> list[int]:
    """Ids of earlier complaints from the same number within ``days`` before ``received``."""
    p = normalize_phone(phone)
    since = received - dt.timedelta(days=days)
    return [e.id for e in earlier
            if normalize_phone(e.phone) == p and since <= e.received_at <= received]


ESCALATION_WORDS = ("工信部", "12300", "投诉到", "曝光", "媒体", "记者", "律师", "起诉", "消协",
                    "12315", "市长热线", "12345")


def escalation_threat(text: str) -> bool:
    """The customer says they will take it further (声称升级) — flagged for the handler."""
    t = unicodedata.normalize("NFKC", text or "")
    return any(w in t for w in ESCALATION_WORDS)
