"""Duty log (值班日志) rules: its fields and their validation, inspections, equipment faults,
hand-over items, sign-off warnings and amendments.

Pure Python so the rules are tested without a database. The service stores ``LogFields`` and
applies ``apply_amendments`` to show the effective values next to the signed originals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from typing import Any

from hallmanager.domain.errors import Conflict, PermissionDenied, ValidationError
from hallmanager.domain.shifts import parse_hhmm
from hallmanager.domain.texts import QT_TRANSLATE_NOOP

MEETING_LIMIT_MINUTES = 15  # 晨会不超过 15 分钟 (DOMAIN.md); a setting, this is the default
MAX_TEXT = 2000
MAX_COUNT = 100_000

WEATHER_CHOICES: tuple[str, ...] = ("晴", "多云", "阴", "小雨", "大雨", "雪", "大风", "沙尘")
LEAVE_TYPES: tuple[str, ...] = ("事假", "病假", "年假", "调休", "婚丧假", "旷工", "其他")

# 营业环境 / 设施 / 宣传 inspection items; the hall manager edits the list (a setting).
INSPECTION_CATEGORIES: tuple[str, ...] = ("营业环境", "设施", "宣传")
DEFAULT_INSPECTION_ITEMS: tuple[tuple[str, str], ...] = (
    ("营业环境", "营业厅地面、台面整洁"),
    ("营业环境", "卫生间清洁"),
    ("营业环境", "灯光照明"),
    ("营业环境", "空调、温度适宜"),
    ("营业环境", "等候区座椅、便民设施（老花镜、饮水）"),
    ("设施", "BOSS 系统及业务终端"),
    ("设施", "排队叫号机"),
    ("设施", "POS 机"),
    ("设施", "打印机、复印机"),
    ("设施", "验钞机"),
    ("设施", "自助终端"),
    ("设施", "消防器材、应急灯、安全出口"),
    ("设施", "监控、报警器"),
    ("宣传", "宣传资料为最新版本"),
    ("宣传", "海报、价目表、资费公示"),
    ("宣传", "电子屏内容"),
)


class LogStatus(StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"

    @property
    def label(self) -> str:
        return {"draft": "草稿", "signed": "已签字"}[self.value]


class FaultStatus(StrEnum):
    OPEN = "open"
    REPORTED = "reported"
    REPAIRED = "repaired"

    @property
    def label(self) -> str:
        return {"open": QT_TRANSLATE_NOOP("AttentionText", "未报修"),
                "reported": QT_TRANSLATE_NOOP("AttentionText", "已报修"),
                "repaired": QT_TRANSLATE_NOOP("AttentionText", "已修复")}[self.value]


@dataclass(frozen=True)
class Absence:
    """A rostered person not on duty, with the kind of leave (请假类别) and a note."""

    user_id: int
    leave_type: str = "事假"
    note: str = ""


@dataclass(frozen=True)
class LogFields:
    """The editable content of a duty log (everything the duty manager types).

    Dates, shift, duty manager and sign-off live on the log itself; these are the fields
    ``update_draft`` and ``amend`` work on, by name.
    """

    weather: str = ""
    customer_flow: int | None = None  # 客流量
    served_count: int | None = None  # 办理业务人数
    business_notes: str = ""  # 业务量说明
    staff_on_duty: tuple[int, ...] = ()
    staff_absent: tuple[Absence, ...] = ()
    meeting_start: str | None = None  # HH:MM
    meeting_minutes: int | None = None
    meeting_attendees: tuple[int, ...] = ()
    meeting_topics: str = ""
    opinions: str = ""  # 客户意见、建议
    incidents: str = ""  # 突发事件
    next_shift_notes: str = ""  # 交下一班注意事项

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly dict (absences as dicts) for storage and the audit log."""
        return {f.name: to_jsonable(f.name, getattr(self, f.name)) for f in fields(self)}


FIELD_LABELS: dict[str, str] = {
    "weather": "天气",
    "customer_flow": "客流量",
    "served_count": "办理业务人数",
    "business_notes": "业务量情况",
    "staff_on_duty": "在岗人员",
    "staff_absent": "缺勤人员",
    "meeting_start": "晨会开始时间",
    "meeting_minutes": "晨会时长（分钟）",
    "meeting_attendees": "晨会参加人员",
    "meeting_topics": "晨会内容",
    "opinions": "客户意见和建议",
    "incidents": "突发事件",
    "next_shift_notes": "交下一班注意事项",
}
DRAFT_FIELDS: frozenset[str] = frozenset(FIELD_LABELS)
AMENDABLE_FIELDS: frozenset[str] = DRAFT_FIELDS
_TEXT_FIELDS = {"business_notes", "meeting_topics", "opinions", "incidents", "next_shift_notes"}
_COUNT_FIELDS = {"customer_flow", "served_count"}
_ID_LIST_FIELDS = {"staff_on_duty", "meeting_attendees"}


def _count(name: str, value: Any) -> int | None:
    label = FIELD_LABELS[name]
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValidationError(f"{label}须为整数", field=name)
    if isinstance(value, str):
        try:
            value = int(value.strip())
        except ValueError as exc:
            raise ValidationError(f"{label}须为整数：“{value}”", field=name) from exc
    if not isinstance(value, int):
        raise ValidationError(f"{label}须为整数", field=name)
    if value < 0:
        raise ValidationError(f"{label}不能为负数", field=name)
    if value > MAX_COUNT:
        raise ValidationError(f"{label}过大：{value}", field=name)
    return value


def _text(name: str, value: Any, limit: int = MAX_TEXT) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(f"{FIELD_LABELS[name]}须为文字", field=name)
    s = value.strip()
    if len(s) > limit:
        raise ValidationError(f"{FIELD_LABELS[name]}不能超过 {limit} 个字", field=name)
    return s


def _ids(name: str, value: Any) -> tuple[int, ...]:
    if value is None:
        return ()
    try:
        items = list(value)
    except TypeError as exc:
        raise ValidationError(f"{FIELD_LABELS[name]}格式不正确", field=name) from exc
    out: list[int] = []
    for v in items:
        if isinstance(v, bool) or not isinstance(v, int) or v <= 0:
            raise ValidationError(f"{FIELD_LABELS[name]}格式不正确", field=name)
        if v not in out:
            out.append(v)
    return tuple(out)


def _absences(value: Any) -> tuple[Absence, ...]:
    if value is None:
        return ()
    out: list[Absence] = []
    seen: set[int] = set()
    for n, v in enumerate(value, start=1):

        def bad(message: str, n: int = n) -> ValidationError:
            return ValidationError(f"缺勤人员第 {n} 行：{message}", field="staff_absent", row=n)

        if isinstance(v, Absence):
            a = v
        elif isinstance(v, Mapping):
            a = Absence(v.get("user_id"), v.get("leave_type", "事假") or "",  # type: ignore[arg-type]
                        v.get("note") or "")
        elif isinstance(v, int) and not isinstance(v, bool):
            a = Absence(v)
        else:
            raise bad("格式不正确")
        if isinstance(a.user_id, bool) or not isinstance(a.user_id, int) or a.user_id <= 0:
            raise bad("格式不正确")
        lt = (a.leave_type or "").strip()
        if not lt:
            raise bad("请填写缺勤类别（事假、病假……）")
        if len(lt) > 20:
            raise bad("缺勤类别不能超过 20 个字")
        note = (a.note or "").strip()
        if len(note) > 200:
            raise bad("缺勤说明不能超过 200 个字")
        if a.user_id in seen:
            raise bad("同一人员重复登记缺勤")
        seen.add(a.user_id)
        out.append(Absence(a.user_id, lt, note))
    return tuple(out)


def validate_field(name: str, value: Any) -> Any:
    """Validate and normalise one draft field; raise ValidationError (Chinese, with ``field``)."""
    if name not in DRAFT_FIELDS:
        raise ValidationError(f"值班日志没有字段“{name}”", field=name)
    if name == "weather":
        w = _text(name, value, 20)
        return w
    if name in _COUNT_FIELDS:
        return _count(name, value)
    if name in _TEXT_FIELDS:
        return _text(name, value)
    if name in _ID_LIST_FIELDS:
        return _ids(name, value)
    if name == "staff_absent":
        return _absences(value)
    if name == "meeting_start":
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, dt.time):
            return value.strftime("%H:%M")
        return parse_hhmm(str(value), field="晨会开始时间").strftime("%H:%M")
    if name == "meeting_minutes":
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool):
            raise ValidationError("晨会时长须为整数分钟", field=name)
        try:
            m = int(value)
        except (TypeError, ValueError) as exc:
            raise ValidationError(f"晨会时长须为整数分钟：“{value}”", field=name) from exc
        if m != value and not isinstance(value, str):
            raise ValidationError("晨会时长须为整数分钟", field=name)
        if not 0 < m <= 240:
            raise ValidationError("晨会时长须在 1–240 分钟之间", field=name)
        return m
    raise AssertionError(name)  # pragma: no cover


def validate_fields(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Validate every change before anything is written (all or nothing)."""
    return {k: validate_field(k, v) for k, v in changes.items()}


def cross_check(f: LogFields) -> list[str]:
    """Consistency problems between fields (warnings at sign-off, not errors while typing)."""
    out: list[str] = []
    if (f.customer_flow is not None and f.served_count is not None
            and f.served_count > f.customer_flow):
        out.append(f"办理业务人数（{f.served_count}）大于客流量（{f.customer_flow}）")
    both = set(f.staff_on_duty) & {a.user_id for a in f.staff_absent}
    if both:
        out.append("有人员同时登记为在岗和缺勤")
    return out


def to_jsonable(name: str, value: Any) -> Any:
    """A field value as JSON (tuples → lists, absences → dicts)."""
    if name == "staff_absent":
        return [{"user_id": a.user_id, "leave_type": a.leave_type, "note": a.note} for a in value]
    if isinstance(value, tuple):
        return list(value)
    return value


def from_jsonable(name: str, value: Any) -> Any:
    """Inverse of ``to_jsonable`` (reading stored values back)."""
    if name == "staff_absent":
        return _absences(value or [])
    if name in _ID_LIST_FIELDS:
        return tuple(value or [])
    return value


def fields_from_dict(data: Mapping[str, Any]) -> LogFields:
    known = {k: from_jsonable(k, v) for k, v in data.items() if k in DRAFT_FIELDS}
    return LogFields(**known)


def diff_fields(old: LogFields, changes: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Only the fields whose value really changes: name → (old, new). Empty = nothing to save."""
    return {k: (getattr(old, k), v) for k, v in changes.items() if getattr(old, k) != v}


# --- meeting -----------------------------------------------------------------------------------
def meeting_over_limit(minutes: int | None, limit: int = MEETING_LIMIT_MINUTES) -> bool:
    """晨会 should take 10–15 minutes and never more; exactly the limit is fine."""
    return minutes is not None and minutes > limit


# --- amendments ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Amendment:
    """A signed correction of one field; the original stays in the log."""

    field: str
    old_value: Any
    new_value: Any
    reason: str
    at: dt.datetime
    by_user_id: int


def check_amendment(name: str, new_value: Any, reason: str) -> tuple[Any, str]:
    """Validate an amendment: a known field, a valid value, and a reason (修改原因必填)."""
    if name not in AMENDABLE_FIELDS:
        raise ValidationError(f"字段“{name}”不能更正", field="field")
    r = (reason or "").strip()
    if not r:
        raise ValidationError("更正必须填写原因", field="reason")
    if len(r) > 500:
        raise ValidationError("更正原因不能超过 500 个字", field="reason")
    return validate_field(name, new_value), r


def apply_amendments(original: LogFields, amendments: Iterable[Amendment]) -> LogFields:
    """The effective content: the original with each amendment applied in order."""
    eff = original
    for a in sorted(amendments, key=lambda a: a.at):
        eff = replace(eff, **{a.field: a.new_value})
    return eff


# --- faults ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FaultSpan:
    """When a fault existed: since (发现时间) until repaired (None = still open)."""

    since: dt.datetime
    repaired_at: dt.datetime | None


def fault_open_during(f: FaultSpan, start: dt.datetime, end: dt.datetime) -> bool:
    """A fault belongs to every log whose shift overlaps the time it was not yet repaired:
    found before the shift ended and not repaired before it started."""
    return f.since < end and (f.repaired_at is None or f.repaired_at >= start)


def check_fault(what: str, location: str, since: dt.datetime | None, now: dt.datetime,
                reported_to: str = "", note: str = "") -> tuple[str, str, dt.datetime, str, str]:
    w = (what or "").strip()
    if not w:
        raise ValidationError("请填写故障设备或现象", field="what")
    if len(w) > 200:
        raise ValidationError("故障描述不能超过 200 个字", field="what")
    loc = (location or "").strip()
    if len(loc) > 100:
        raise ValidationError("故障位置不能超过 100 个字", field="location")
    if since is None:
        raise ValidationError("请填写故障发现时间", field="since")
    if since > now + dt.timedelta(minutes=1):
        raise ValidationError("故障发现时间不能晚于现在", field="since")
    rt = (reported_to or "").strip()
    if len(rt) > 100:
        raise ValidationError("报修对象不能超过 100 个字", field="reported_to")
    n = (note or "").strip()
    if len(n) > MAX_TEXT:
        raise ValidationError("备注过长", field="note")
    return w, loc, since.replace(microsecond=0), rt, n


def check_fault_transition(new: FaultStatus, reported_to: str,
                           reported_at: dt.datetime | None, since: dt.datetime,
                           repaired_at: dt.datetime | None, now: dt.datetime) -> None:
    """Reported needs whom and when; repaired needs when; no time before the fault was found
    or in the future."""
    slack = dt.timedelta(minutes=1)
    if new == FaultStatus.REPORTED:
        if not (reported_to or "").strip():
            raise ValidationError("已报修的故障须填写报修对象（报给谁）", field="reported_to")
        if reported_at is None:
            raise ValidationError("已报修的故障须填写报修时间", field="reported_at")
    if reported_at is not None and not since <= reported_at <= now + slack:
        raise ValidationError("报修时间须在发现时间之后、不晚于现在", field="reported_at")
    if new == FaultStatus.REPAIRED:
        if repaired_at is None:
            raise ValidationError("请填写修复时间", field="repaired_at")
        if not since <= repaired_at <= now + slack:
            raise ValidationError("修复时间须在发现时间之后、不晚于现在", field="repaired_at")


# --- hand-over items ---------------------------------------------------------------------------
def check_handover_text(text: str) -> str:
    t = (text or "").strip()
    if not t:
        raise ValidationError("交接事项内容不能为空", field="text")
    if len(t) > 500:
        raise ValidationError("交接事项不能超过 500 个字", field="text")
    return t


SlotKey = tuple[dt.date, dt.time, int]  # checklist.slot_key: (date, shift start, shift id)


def handover_shown_in(log_slot: SlotKey, target_slot: SlotKey, ack_slot: SlotKey | None
                      ) -> bool:
    """Does a hand-over item appear in the log of ``log_slot``? In its target shift's log, in
    the log where it was acknowledged, and — while unacknowledged — in every log in between,
    so nothing handed over is lost when a shift forgets to confirm it."""
    if log_slot in (target_slot, ack_slot):
        return True
    return target_slot < log_slot and (ack_slot is None or ack_slot > log_slot)


def check_skip_reason(reason: str) -> str:
    r = (reason or "").strip()
    if not r:
        raise ValidationError("跳过检查项必须填写原因", field="reason")
    if len(r) > 500:
        raise ValidationError("原因不能超过 500 个字", field="reason")
    return r


# --- sign-off ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class SignoffFacts:
    """What sign-off warnings are computed from (the service gathers it)."""

    pending_items: tuple[str, ...] = ()  # titles of unchecked checklist items
    unacked_incoming: tuple[str, ...] = ()  # texts of hand-over items not yet acknowledged
    meeting_minutes: int | None = None
    meeting_limit: int = MEETING_LIMIT_MINUTES
    weather: str = ""
    customer_flow: int | None = None
    other: tuple[str, ...] = field(default_factory=tuple)


def signoff_warnings(f: SignoffFacts) -> list[str]:
    """What the duty manager should see before signing; signing with them must be confirmed."""
    out: list[str] = []
    if f.pending_items:
        shown = "、".join(f.pending_items[:5]) + ("……" if len(f.pending_items) > 5 else "")
        out.append(f"有 {len(f.pending_items)} 个流程检查项未完成：{shown}")
    if f.unacked_incoming:
        out.append(f"有 {len(f.unacked_incoming)} 条上一班交接事项尚未确认接收")
    if meeting_over_limit(f.meeting_minutes, f.meeting_limit):
        out.append(f"晨会时长 {f.meeting_minutes} 分钟，超过 {f.meeting_limit} 分钟的规定")
    if not f.weather:
        out.append("未填写天气")
    if f.customer_flow is None:
        out.append("未填写客流量")
    out.extend(f.other)
    return out


class UnconfirmedWarnings(ValidationError):
    """Sign-off was asked without confirming the warnings; ``warnings`` lists them."""

    def __init__(self, warnings: list[str]) -> None:
        super().__init__("签字前请确认以下提示：\n" + "\n".join(warnings))
        self.warnings = warnings


def check_signer(log_duty_manager_id: int, signer_id: int, signer_is_hall_manager: bool) -> None:
    """The log's own duty manager signs it; the hall manager may sign in their place."""
    if signer_id != log_duty_manager_id and not signer_is_hall_manager:
        raise PermissionDenied("只有本班值班经理（或厅经理）可以签署此日志")


def check_amender(signed_by: int | None, signer_name: str, amender_id: int,
                  amender_is_hall_manager: bool) -> None:
    """A signed log is corrected by the person who signed it (with their own password) or by
    the hall manager (with theirs); another duty manager's password proves nothing about it."""
    if amender_id != signed_by and not amender_is_hall_manager:
        raise PermissionDenied(f"只有签字人（{signer_name}）或厅经理可以更正此日志")


@dataclass(frozen=True)
class FieldConflict:
    """One draft field another desk changed after the editor last saw it."""

    field: str
    value: Any  # what the other person saved (now stored)
    by: str  # their name
    at: dt.datetime

    @property
    def label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field)


class DraftConflict(Conflict):
    """A draft write based on an older version than stored, on a field someone else changed
    since: nothing was written. ``version`` is the stored version now: writing again with it
    overwrites the other person's value on purpose (覆盖)."""

    def __init__(self, conflicts: tuple[FieldConflict, ...], version: int) -> None:
        c = conflicts[0]
        super().__init__(f"“{c.label}”已被{c.by}于 {c.at:%H:%M} 修改，您的修改尚未保存")
        self.conflicts = conflicts
        self.version = version


def check_inspection_items(items: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The hall manager's inspection list: (category, item), non-empty, no duplicates."""
    out: list[tuple[str, str]] = []
    for cat, name in items:
        c, n = (cat or "").strip(), (name or "").strip()
        if not c or not n:
            raise ValidationError("检查类别和项目名称不能为空", field="inspection_items")
        if len(c) > 20 or len(n) > 100:
            raise ValidationError("检查类别或项目名称过长", field="inspection_items")
        if (c, n) in out:
            raise ValidationError(f"检查项目“{n}”重复", field="inspection_items")
        out.append((c, n))
    if not out:
        raise ValidationError("至少需要一个检查项目", field="inspection_items")
    return out
