"""Item models of the 应急预案 tab: the run's steps, its paper registrations, the history,
and in 设置 the plans and the contacts."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from hallmanager.domain.emergency.rules import StepState
from hallmanager.domain.money import format_fen
from hallmanager.services.emergency.views import (
    Contact,
    NoteView,
    PaperView,
    PlanView,
    RunRow,
    RunStepView,
)
from hallmanager.ui.common.table_model import ALIGN_CENTER, ALIGN_RIGHT, BaseTableModel, Column

DONE = QColor("#d7f5dd")
SKIPPED = QColor("#fff0c2")
PENDING_FG = QColor("#000000")
OPEN_PAPER = QColor("#fde2e1")


def _step_bg(s: RunStepView) -> QColor | None:
    return {StepState.DONE: DONE, StepState.SKIPPED: SKIPPED}.get(s.state)


class StepsModel(BaseTableModel[RunStepView]):
    """序号 · 步骤 · 负责 · 完成情况 (done rows green, skipped yellow)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([
            Column(self.tr("序号"), lambda s: s.position, align=ALIGN_CENTER),
            Column(self.tr("步骤"), lambda s: s.title, tooltip=lambda s: s.note or None),
            Column(self.tr("负责"), lambda s: s.role),
            Column(self.tr("完成情况"), lambda s: s.outcome),
        ], parent, row_background=_step_bg)


class PapersModel(BaseTableModel[PaperView]):
    """客户 · 号码 · 业务 · 金额 · 联系方式 · 补录 (masked; open ones tinted)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([
            Column(self.tr("客户"), lambda p: p.customer_name),
            Column(self.tr("号码"), lambda p: p.number),
            Column(self.tr("业务"), lambda p: p.business),
            Column(self.tr("金额"), lambda p: p.amount_fen, display=format_fen,
                   align=ALIGN_RIGHT),
            Column(self.tr("联系方式"), lambda p: p.contact),
            Column(self.tr("补录"), lambda p: p.state_label),
        ], parent, row_background=lambda p: None if p.entered else OPEN_PAPER)


class NotesModel(BaseTableModel[NoteView]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([
            Column(self.tr("时间"), lambda n: n.at, display=lambda t: f"{t:%H:%M:%S}"),
            Column(self.tr("记录人"), lambda n: n.by),
            Column(self.tr("内容"), lambda n: n.text),
        ], parent)


class HistoryModel(BaseTableModel[RunRow]):
    """One row per run, newest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([
            Column(self.tr("编号"), lambda r: r.id, align=ALIGN_RIGHT),
            Column(self.tr("预案"), lambda r: r.plan_name),
            Column(self.tr("版本"), lambda r: r.version, align=ALIGN_CENTER),
            Column(self.tr("类别"), lambda r: r.kind_label),
            Column(self.tr("开始"), lambda r: r.started_at),
            Column(self.tr("启动人"), lambda r: r.started_by),
            Column(self.tr("状态"), lambda r: r.state_label),
            Column(self.tr("步骤"), lambda r: f"{r.steps_done}/{r.steps_total}"),
            Column(self.tr("纸质登记"), lambda r: f"{r.papers_total}（未补录 {r.papers_open}）"
                   if r.papers_total else ""),
            Column(self.tr("原因"), lambda r: r.cause),
        ], parent)


class PlansModel(BaseTableModel[PlanView]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([
            Column(self.tr("顺序"), lambda p: p.sort_order, align=ALIGN_RIGHT),
            Column(self.tr("预案"), lambda p: p.name),
            Column(self.tr("版本"), lambda p: p.version, align=ALIGN_CENTER),
            Column(self.tr("步骤数"), lambda p: len(p.steps), align=ALIGN_RIGHT),
            Column(self.tr("纸质登记"), lambda p: p.paper_registrations),
            Column(self.tr("状态"), lambda p: self.tr("已停用") if p.retired else self.tr("使用中")),
        ], parent, row_foreground=lambda p: QColor("#8a8a8a") if p.retired else None)


class ContactsModel(BaseTableModel[Contact]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([
            Column(self.tr("名称"), lambda c: c.label),
            Column(self.tr("号码"), lambda c: c.number),
        ], parent)
