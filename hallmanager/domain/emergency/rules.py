"""Emergency plans and their runs.

A *template* is an ordered list of steps, each with the role responsible and a note; the
hall manager edits templates as new versions, and a run keeps the version it started with.
A *run* is a drill (演练) or real; each step is done or skipped (with a reason), with time and
person; notes any time; it finishes with a summary (cause, duration, losses, follow-up).
While a power-cut or system-failure run is open, customers served on paper are registered;
each is marked entered into BOSS after recovery, and the run cannot finish while any is still
open unless a note explains it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from hallmanager.domain.errors import ValidationError


@dataclass(frozen=True)
class StepDef:
    title: str
    role: str = "值班经理"
    note: str = ""


@dataclass(frozen=True)
class TemplateDef:
    key: str  # stable: "power_cut"
    name: str
    steps: tuple[StepDef, ...]
    paper_registrations: bool = False  # outage plans record customers served on paper


def check_template(name: str, steps: Sequence[StepDef]) -> tuple[StepDef, ...]:
    if not (name or "").strip():
        raise ValidationError("预案名称不能为空", field="name")
    if not steps:
        raise ValidationError("预案至少要有一个步骤", field="steps")
    out = []
    for i, s in enumerate(steps, start=1):
        title = (s.title or "").strip()
        if not title:
            raise ValidationError(f"第 {i} 步的内容不能为空", field="steps", row=i)
        if len(title) > 300:
            raise ValidationError(f"第 {i} 步的内容不能超过 300 个字", field="steps", row=i)
        out.append(StepDef(title, (s.role or "值班经理").strip(), (s.note or "").strip()))
    return tuple(out)


def _t(*titles: str) -> tuple[StepDef, ...]:
    return tuple(StepDef(x) for x in titles)


DEFAULT_TEMPLATES: tuple[TemplateDef, ...] = (
    TemplateDef("power_cut", "营业厅停电", _t(
        "安抚现场客户并广播说明情况", "开启应急照明", "锁好钱箱，现金与重要单据转入保险柜",
        "纸质登记正在办理的业务及客户信息", "联系物业/供电部门，报告厅经理",
        "张贴告示，引导客户到附近营业厅或自助渠道", "来电后按顺序重启系统",
        "补录纸质登记的业务", "清点现金", "填写事件记录"), paper_registrations=True),
    TemplateDef("system_failure", "系统故障死机", _t(
        "确认影响范围（单个柜台/全部，BOSS/网络）", "向 IT/支撑热线报告时间和现象",
        "向客户说明，提供等候或预约办理", "改为人工登记客户需求（客户、号码、业务、联系方式）",
        "暂停无法入账的收款", "系统恢复后优先处理积压业务并回电客户", "记录故障时长和原因"),
        paper_registrations=True),
    TemplateDef("fire", "火灾", _t(
        "报警并拨打 119", "按疏散标志引导客户撤离", "小火情时使用灭火器扑救", "切断电源",
        "在集合点清点人数", "确保人身安全的前提下保护现金")),
    TemplateDef("robbery", "抢劫/盗窃", _t(
        "人身安全第一，不与歹徒对抗", "按下报警按钮，拨打 110", "记住嫌疑人特征",
        "保护现场", "向上级报告", "清点损失")),
    TemplateDef("conflict", "客户冲突、现场吵闹", _t(
        "隔离双方", "引导到安静的接待室", "由一人负责沟通", "记录经过",
        "必要时联系保安或拨打 110")),
)

DEFAULT_CONTACTS: tuple[tuple[str, str], ...] = (
    ("报警", "110"), ("火警", "119"), ("急救", "120"), ("供电公司", "95598"),
    ("物业", ""), ("IT 支撑热线", ""), ("片区经理", ""))


class StepState(StrEnum):
    PENDING = "pending"
    DONE = "done"
    SKIPPED = "skipped"

    @property
    def label(self) -> str:
        return {"pending": "未完成", "done": "已完成", "skipped": "已跳过"}[self.value]


@dataclass(frozen=True)
class StepRecord:
    state: StepState
    at: dt.datetime | None = None
    by: str = ""
    skip_reason: str = ""


def check_step(current: StepState, target: StepState, reason: str = "") -> None:
    """A step is done or skipped once (skipping needs a reason); undoing is not a thing —
    a wrong tick gets a note, the record stays as it happened."""
    if current != StepState.PENDING:
        raise ValidationError(f"该步骤已{current.label}，不能再修改；如有误请添加备注")
    if target == StepState.SKIPPED and not reason.strip():
        raise ValidationError("跳过步骤须填写原因", field="reason")
    if target == StepState.PENDING:
        raise ValidationError("步骤不能改回未完成")


@dataclass(frozen=True)
class PaperRegistration:
    """A customer served on paper during the outage; ``entered`` once keyed into BOSS."""

    id: int
    entered: bool


def check_finish(steps: Sequence[StepState], papers: Sequence[PaperRegistration], *,
                 cause: str, open_papers_note: str = "") -> None:
    """A run finishes with a cause; every step done or skipped; paper registrations all
    entered into BOSS, or a note saying why some are not."""
    pending = [i for i, s in enumerate(steps, start=1) if s == StepState.PENDING]
    if pending:
        raise ValidationError("还有未完成的步骤：第 " + "、".join(map(str, pending)) + " 步"
                              "（完成或填写原因跳过后再结束）")
    open_ = [p.id for p in papers if not p.entered]
    if open_ and not open_papers_note.strip():
        raise ValidationError(f"还有 {len(open_)} 条纸质登记未补录进系统：请补录，或填写说明后再结束")
    if not (cause or "").strip():
        raise ValidationError("请填写事件原因", field="cause")


def elapsed_text(start: dt.datetime, now: dt.datetime) -> str:
    """'12 分 05 秒' / '1 小时 03 分' — shown large during a run."""
    s = max(0, int((now - start).total_seconds()))
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    return f"{h} 小时 {m:02d} 分" if h else f"{m} 分 {sec:02d} 秒"


def quarter_of(day: dt.date) -> str:
    return f"{day.year}年第{(day.month - 1) // 3 + 1}季度"
