"""The duty manager's daily checklist (值班经理每日工作流程表) and shift ordering.

Pure rules: which template items apply to a shift, their target times, overdue / due-soon
flags against an explicit ``now``, and which shift follows which (for hand-over items).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from hallmanager.domain.errors import ValidationError
from hallmanager.domain.shifts import ShiftDef

DUE_SOON_MINUTES = 15
MAX_OFFSET_MINUTES = 12 * 60


class Anchor(StrEnum):
    """What a target time is relative to."""

    START = "start"
    END = "end"

    @property
    def label(self) -> str:
        return {"start": "班次开始", "end": "班次结束"}[self.value]


class AppliesTo(StrEnum):
    """Which shifts of the day run an item: every shift, only the first or only the last."""

    ALL = "all"
    OPENING = "opening"  # the shift with the earliest start (营业前准备, 开门营业)
    CLOSING = "closing"  # the shift with the latest end (营业结束)

    @property
    def label(self) -> str:
        return {"all": "所有班次", "opening": "开门班次", "closing": "关门班次"}[self.value]


class ItemStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"
    SKIPPED = "skipped"

    @property
    def label(self) -> str:
        return {"pending": "未完成", "done": "已完成", "skipped": "已跳过"}[self.value]


class Flag(StrEnum):
    """Urgency of a checklist item (also the severity names on the 今日 page)."""

    OVERDUE = "overdue"
    DUE_SOON = "due_soon"


@dataclass(frozen=True)
class ChecklistItemDef:
    """One line of a checklist template: title, target relative to the shift, where it applies."""

    title: str
    anchor: Anchor = Anchor.START
    offset_minutes: int = 0
    applies_to: AppliesTo = AppliesTo.ALL

    @property
    def target_label(self) -> str:
        """'班次开始 −30 分钟' as shown in the template editor."""
        if self.offset_minutes == 0:
            return self.anchor.label
        sign = "+" if self.offset_minutes > 0 else "−"
        return f"{self.anchor.label} {sign}{abs(self.offset_minutes)} 分钟"


# Defaults from DOMAIN.md "The duty manager's day"; the hall manager edits them (versioned).
DEFAULT_CHECKLIST: tuple[ChecklistItemDef, ...] = (
    ChecklistItemDef("员工签到，检查工装、工牌", Anchor.START, -30, AppliesTo.OPENING),
    ChecklistItemDef("系统设备开启：BOSS、排队机、POS、打印机、验钞机", Anchor.START, -30,
                     AppliesTo.OPENING),
    ChecklistItemDef("灯光、屏幕、宣传资料、柜台整洁、地面与卫生间卫生", Anchor.START, -25,
                     AppliesTo.OPENING),
    ChecklistItemDef("晨会（10–15 分钟）：考勤、今日目标、政策统一解释口径、昨日问题、表扬",
                     Anchor.START, -20, AppliesTo.OPENING),
    ChecklistItemDef("开门营业", Anchor.START, 0, AppliesTo.OPENING),
    ChecklistItemDef("巡场：排队长度、等候客户、服务规范", Anchor.START, 60, AppliesTo.ALL),
    ChecklistItemDef("消防设施、应急灯、安全出口检查", Anchor.START, 120, AppliesTo.ALL),
    ChecklistItemDef("巡场：高峰分流引导，关注老弱病残孕幼", Anchor.START, 180, AppliesTo.ALL),
    ChecklistItemDef("巡场：服务态度与现场秩序", Anchor.START, 300, AppliesTo.ALL),
    ChecklistItemDef("交接班：现金交接、未结事项移交下一班", Anchor.END, -15, AppliesTo.ALL),
    ChecklistItemDef("收缴营业员营业款（上交营业款）", Anchor.END, 0, AppliesTo.CLOSING),
    ChecklistItemDef("与系统对账", Anchor.END, 10, AppliesTo.CLOSING),
    ChecklistItemDef("解款或存入保险柜", Anchor.END, 20, AppliesTo.CLOSING),
    ChecklistItemDef("营业日报", Anchor.END, 25, AppliesTo.CLOSING),
    ChecklistItemDef("设备关闭，门窗检查，报警设防", Anchor.END, 30, AppliesTo.CLOSING),
    ChecklistItemDef("填写值班日志", Anchor.END, 30, AppliesTo.ALL),
)


def validate_item(item: ChecklistItemDef) -> ChecklistItemDef:
    """Check one template line the hall manager typed; return it with the title trimmed."""
    title = (item.title or "").strip()
    if not title:
        raise ValidationError("检查项名称不能为空", field="title")
    if len(title) > 200:
        raise ValidationError("检查项名称不能超过 200 个字", field="title")
    try:
        anchor = Anchor(item.anchor)
        applies = AppliesTo(item.applies_to)
    except ValueError as exc:
        raise ValidationError(f"检查项“{title}”的时间基准或适用班次不正确", field="anchor") from exc
    if not isinstance(item.offset_minutes, int) or isinstance(item.offset_minutes, bool):
        raise ValidationError(f"检查项“{title}”的偏移分钟须为整数", field="offset_minutes")
    if abs(item.offset_minutes) > MAX_OFFSET_MINUTES:
        raise ValidationError(f"检查项“{title}”的偏移不能超过 ±{MAX_OFFSET_MINUTES} 分钟",
                              field="offset_minutes")
    return ChecklistItemDef(title, anchor, item.offset_minutes, applies)


def validate_template(items: list[ChecklistItemDef] | tuple[ChecklistItemDef, ...]
                      ) -> list[ChecklistItemDef]:
    """A template needs at least one item and no duplicate titles (they'd be indistinguishable)."""
    checked = [validate_item(i) for i in items]
    if not checked:
        raise ValidationError("流程表至少需要一个检查项")
    seen: set[str] = set()
    for i in checked:
        if i.title in seen:
            raise ValidationError(f"检查项“{i.title}”重复", field="title")
        seen.add(i.title)
    return checked


def opening_shift(shifts: list[ShiftDef]) -> ShiftDef | None:
    """The shift that opens the hall: earliest start (ties: lowest id)."""
    return min(shifts, key=lambda s: (s.start, s.id)) if shifts else None


def closing_shift(shifts: list[ShiftDef]) -> ShiftDef | None:
    """The shift that closes the hall: latest end (ties: highest id)."""
    return max(shifts, key=lambda s: (s.end, s.id)) if shifts else None


def applies(item: ChecklistItemDef, shift: ShiftDef, shifts: list[ShiftDef]) -> bool:
    """Does ``item`` run in ``shift``, given the day's active ``shifts``?"""
    if item.applies_to == AppliesTo.ALL:
        return True
    pool = shifts if any(s.id == shift.id for s in shifts) else [*shifts, shift]
    ref = opening_shift(pool) if item.applies_to == AppliesTo.OPENING else closing_shift(pool)
    return ref is not None and ref.id == shift.id


def target_time(item: ChecklistItemDef, shift: ShiftDef, day: dt.date) -> dt.datetime:
    """The item's target: shift start or end on ``day`` plus the offset."""
    base = shift.start_on(day) if item.anchor == Anchor.START else shift.end_on(day)
    return base + dt.timedelta(minutes=item.offset_minutes)


def items_for_shift(items: list[ChecklistItemDef] | tuple[ChecklistItemDef, ...],
                    shift: ShiftDef, shifts: list[ShiftDef], day: dt.date
                    ) -> list[tuple[ChecklistItemDef, dt.datetime]]:
    """The template lines a shift's log runs, each with its target time, sorted by target
    (stable, so equal targets keep the template order). A shift that hands over to a later
    one finishes its items by its own end: a target after the end (填写值班日志 at end + 30)
    is due at the end; only the day's closing shift works past it (closing duties)."""
    pool = shifts if any(s.id == shift.id for s in shifts) else [*shifts, shift]
    closing = closing_shift(pool)
    last = closing is None or closing.id == shift.id
    end = shift.end_on(day)
    chosen = [(i, t if last else min(t, end))
              for i in items if applies(i, shift, shifts)
              for t in (target_time(i, shift, day),)]
    return sorted(chosen, key=lambda p: p[1])


def flag(status: ItemStatus | str, target_at: dt.datetime | None, now: dt.datetime,
         *, due_soon_minutes: int = DUE_SOON_MINUTES) -> Flag | None:
    """Overdue when still pending strictly after the target; due-soon when pending and the
    target is at most ``due_soon_minutes`` ahead (the target minute itself is due-soon)."""
    if ItemStatus(status) != ItemStatus.PENDING or target_at is None:
        return None
    if now > target_at:
        return Flag.OVERDUE
    if target_at - now <= dt.timedelta(minutes=due_soon_minutes):
        return Flag.DUE_SOON
    return None


def done_late(status: ItemStatus | str, target_at: dt.datetime | None,
              done_at: dt.datetime | None) -> bool:
    """Checked after its target time (shown on the printed log and the daily report)."""
    return (ItemStatus(status) == ItemStatus.DONE and target_at is not None
            and done_at is not None and done_at > target_at)


# --- shift order (hand-over items go to the next shift) ----------------------------------------
Slot = tuple[dt.date, ShiftDef]


def slot_key(day: dt.date, shift: ShiftDef) -> tuple[dt.date, dt.time, int]:
    """Sort key of a (date, shift) slot: the shift order of the hall's working days."""
    return (day, shift.start, shift.id)


def next_shift(shifts: list[ShiftDef], current: ShiftDef, day: dt.date) -> Slot:
    """The slot after ``current`` on ``day``: the next active shift by start time on the same
    date, else the first shift of the next date. ``shifts`` are the active shifts."""
    pool = shifts or [current]
    later = [s for s in pool if (s.start, s.id) > (current.start, current.id)]
    if later:
        return day, min(later, key=lambda s: (s.start, s.id))
    first = min(pool, key=lambda s: (s.start, s.id))
    return day + dt.timedelta(days=1), first


def slots_between(shifts: list[ShiftDef], start: dt.date, end: dt.date) -> list[Slot]:
    """Every (date, shift) slot from ``start`` to ``end`` inclusive, in shift order."""
    ordered = sorted(shifts, key=lambda s: (s.start, s.id))
    out: list[Slot] = []
    d = start
    while d <= end:
        out.extend((d, s) for s in ordered)
        d += dt.timedelta(days=1)
    return out
