"""应急预案: start a plan in one action (the tab, the 操作 menu or Ctrl+Shift+E), run it step
by step with large high-contrast steps (Space/Enter done, S skip with a reason), the elapsed
time, notes at any time, the contacts panel, paper registrations during an outage, the finish
dialog and the incident report. Every tick is saved at once: after a crash or a restart the
tab reopens the open run where it was.

When no run is open the tab shows the history (filters, drills per quarter).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hallmanager.domain.errors import DomainError
from hallmanager.domain.money import format_fen
from hallmanager.domain.roles import Action
from hallmanager.services.emergency.views import RunStepView, RunView
from hallmanager.services.today import Target
from hallmanager.ui.common.editors import DateEdit
from hallmanager.ui.common.errors import run_action, show_error
from hallmanager.ui.common.tab_page import TabPage
from hallmanager.ui.common.table_model import FilterProxyModel, make_table_view, selected_row
from hallmanager.ui.common.widgets import set_message
from hallmanager.ui.emergency.dialogs import FinishDialog, PaperDialog, SkipDialog
from hallmanager.ui.emergency.models import HistoryModel, NotesModel, PapersModel, StepsModel
from hallmanager.ui.workers import Worker, run_in_background

if TYPE_CHECKING:
    from hallmanager.app import Services
    from hallmanager.services.emergency import EmergencyService

START_SHORTCUT = "Ctrl+Shift+E"
STEPS_STYLE = ("QTableView { font-size: 17pt; color: #000000; background: #ffffff; "
               "gridline-color: #555555; selection-background-color: #0b3d91; "
               "selection-color: #ffffff; }")
REAL_STYLE = "background: #b00020; color: #ffffff; padding: 6px 10px; font-weight: bold;"
DRILL_STYLE = "background: #0b3d91; color: #ffffff; padding: 6px 10px; font-weight: bold;"
DONE_STYLE = "background: #3c4043; color: #ffffff; padding: 6px 10px; font-weight: bold;"


class EmergencyTab(TabPage):
    #: Ask the main window to show a target in this tab (the 操作 menu's start action).
    navigate = Signal(object)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("emergencyTab")
        self.svc: EmergencyService = services.emergency
        self.run_view: RunView | None = None
        self._worker: Worker | None = None
        root = QVBoxLayout(self)

        # start in one action ------------------------------------------------------------
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("预案"), self))
        self.plan_picker = QComboBox(self)
        self.plan_picker.setObjectName("planPicker")
        self.plan_picker.setMinimumWidth(220)
        self.plan_picker.setToolTip(self.tr("方向键选择预案，回车启动"))
        self.plan_picker.installEventFilter(self)
        bar.addWidget(self.plan_picker)
        self.drill_check = QCheckBox(self.tr("演练"), self)
        self.drill_check.setObjectName("drillCheck")
        self.drill_check.setChecked(True)
        self.drill_check.setToolTip(self.tr("不勾选即为真实事件"))
        bar.addWidget(self.drill_check)
        self.start_button = QPushButton(self.tr("启动预案"), self)
        self.start_button.setObjectName("startRunButton")
        self.start_button.setToolTip(self.tr("在任何页面按 {0} 直接到这里").format(START_SHORTCUT))
        self.start_button.clicked.connect(self.start_run)
        bar.addWidget(self.start_button)
        bar.addSpacing(20)
        self.open_runs = QComboBox(self)
        self.open_runs.setObjectName("openRunsPicker")
        self.open_runs.activated.connect(lambda _i: self._show_selected_open_run())
        bar.addWidget(self.open_runs)
        bar.addStretch(1)
        self.history_button = QPushButton(self.tr("历史记录"), self)
        self.history_button.setObjectName("historyButton")
        self.history_button.clicked.connect(self.show_history)
        bar.addWidget(self.history_button)
        root.addLayout(bar)
        self.message = QLabel(self)
        self.message.setObjectName("emergencyMessage")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        root.addWidget(self.message)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._build_history())
        self.stack.addWidget(self._build_run())
        root.addWidget(self.stack, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)

        self.start_action = QAction(self.tr("启动应急预案…"), self)
        self.start_action.setObjectName("actionStartEmergency")
        self.start_action.setShortcut(QKeySequence(START_SHORTCUT))
        self.start_action.triggered.connect(
            lambda _c=False: self.navigate.emit(Target("emergency", "start")))

    def title(self) -> str:
        return self.tr("应急预案")

    def window_actions(self) -> list[QAction]:
        return [self.start_action]

    # --- building --------------------------------------------------------------------------
    def _build_history(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("historyPage")
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        today = self.services.ctx.clock.now().date()
        bar.addWidget(QLabel(self.tr("从"), page))
        self.from_date = DateEdit(page, value=today - dt.timedelta(days=365))
        self.from_date.setObjectName("historyFrom")
        bar.addWidget(self.from_date)
        bar.addWidget(QLabel(self.tr("到"), page))
        self.to_date = DateEdit(page, value=today)
        self.to_date.setObjectName("historyTo")
        bar.addWidget(self.to_date)
        self.kind_filter = QComboBox(page)
        self.kind_filter.setObjectName("historyKind")
        self.kind_filter.addItem(self.tr("全部"), None)
        self.kind_filter.addItem(self.tr("演练"), True)
        self.kind_filter.addItem(self.tr("真实事件"), False)
        bar.addWidget(self.kind_filter)
        self.plan_filter = QComboBox(page)
        self.plan_filter.setObjectName("historyPlan")
        bar.addWidget(self.plan_filter)
        for w in (self.from_date, self.to_date):
            w.dateChanged.connect(lambda _d: self.load_history())
        for c in (self.kind_filter, self.plan_filter):
            c.currentIndexChanged.connect(lambda _i: self.load_history())
        bar.addStretch(1)
        self.view_button = QPushButton(self.tr("查看"), page)
        self.view_button.setObjectName("viewRunButton")
        self.view_button.clicked.connect(self.open_selected)
        bar.addWidget(self.view_button)
        self.print_selected_button = QPushButton(self.tr("打印事件记录…"), page)
        self.print_selected_button.setObjectName("printSelectedButton")
        self.print_selected_button.clicked.connect(lambda: self.print_run(self._selected_id()))
        bar.addWidget(self.print_selected_button)
        lay.addLayout(bar)
        self.drills_label = QLabel(page)
        self.drills_label.setObjectName("drillsLabel")
        lay.addWidget(self.drills_label)
        self.history_model = HistoryModel(self)
        self.history_proxy = FilterProxyModel(self)
        self.history_proxy.setSourceModel(self.history_model)
        self.history_view = make_table_view(self.history_proxy, page,
                                            object_name="emergencyHistoryView")
        self.history_view.doubleClicked.connect(lambda _i: self.open_selected())
        lay.addWidget(self.history_view, 1)
        return page

    def _build_run(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("runPage")
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.run_title = QLabel(page)
        self.run_title.setObjectName("runTitle")
        f = self.run_title.font()
        f.setPointSizeF(f.pointSizeF() * 1.6)
        self.run_title.setFont(f)
        head.addWidget(self.run_title, 1)
        self.elapsed = QLabel(page)
        self.elapsed.setObjectName("elapsedLabel")
        f = self.elapsed.font()
        f.setPointSizeF(f.pointSizeF() * 2.0)
        f.setBold(True)
        self.elapsed.setFont(f)
        head.addWidget(self.elapsed)
        lay.addLayout(head)

        split = QSplitter(Qt.Orientation.Horizontal, page)
        left = QWidget(split)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.steps_model = StepsModel(self)
        self.steps_view = QTableView(left)
        self.steps_view.setObjectName("stepsView")
        self.steps_view.setModel(self.steps_model)
        self.steps_view.setStyleSheet(STEPS_STYLE)
        self.steps_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.steps_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.steps_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.steps_view.setWordWrap(True)
        self.steps_view.verticalHeader().setVisible(False)
        self.steps_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        hh = self.steps_view.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        hh.resizeSection(3, 300)
        self.steps_view.installEventFilter(self)
        ll.addWidget(self.steps_view, 1)
        keys = QHBoxLayout()
        self.done_button = QPushButton(self.tr("完成（空格）"), left)
        self.done_button.setObjectName("stepDoneButton")
        self.done_button.clicked.connect(lambda: self.check_current())
        self.skip_button = QPushButton(self.tr("跳过…（S）"), left)
        self.skip_button.setObjectName("stepSkipButton")
        self.skip_button.clicked.connect(lambda: self.skip_current())
        keys.addWidget(self.done_button)
        keys.addWidget(self.skip_button)
        keys.addStretch(1)
        self.print_button = QPushButton(self.tr("打印事件记录…"), left)
        self.print_button.setObjectName("printRunButton")
        self.print_button.clicked.connect(lambda: self.print_run())
        keys.addWidget(self.print_button)
        self.finish_button = QPushButton(self.tr("结束预案…"), left)
        self.finish_button.setObjectName("finishRunButton")
        self.finish_button.clicked.connect(lambda: self.finish_run())
        keys.addWidget(self.finish_button)
        ll.addLayout(keys)

        # notes under the steps
        notes = QGroupBox(self.tr("过程记录（N 键添加）"), left)
        nl = QVBoxLayout(notes)
        row = QHBoxLayout()
        self.note_edit = QLineEdit(notes)
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setMaxLength(1000)
        self.note_edit.setPlaceholderText(self.tr("随时记录：联系了谁、现场情况……（回车保存）"))
        self.note_edit.returnPressed.connect(lambda: self.add_note())
        row.addWidget(self.note_edit, 1)
        self.note_button = QPushButton(self.tr("添加记录"), notes)
        self.note_button.setObjectName("addNoteButton")
        self.note_button.clicked.connect(lambda: self.add_note())
        row.addWidget(self.note_button)
        nl.addLayout(row)
        self.notes_model = NotesModel(self)
        self.notes_view = QTableView(notes)
        self.notes_view.setObjectName("notesView")
        self.notes_view.setModel(self.notes_model)
        self.notes_view.verticalHeader().setVisible(False)
        self.notes_view.horizontalHeader().setStretchLastSection(True)
        self.notes_view.setMaximumHeight(130)
        nl.addWidget(self.notes_view)
        ll.addWidget(notes)
        split.addWidget(left)

        right = QWidget(split)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        contacts = QGroupBox(self.tr("应急联系电话"), right)
        contacts.setObjectName("contactsPanel")
        cl = QVBoxLayout(contacts)
        self.contacts_label = QLabel(contacts)
        self.contacts_label.setObjectName("contactsLabel")
        self.contacts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.contacts_label.setStyleSheet("font-size: 13pt;")
        cl.addWidget(self.contacts_label)
        rl.addWidget(contacts)
        self.papers_box = QGroupBox(self.tr("纸质登记（停机期间办理的客户）"), right)
        self.papers_box.setObjectName("papersBox")
        pl = QVBoxLayout(self.papers_box)
        self.papers_model = PapersModel(self)
        self.papers_view = QTableView(self.papers_box)
        self.papers_view.setObjectName("papersView")
        self.papers_view.setModel(self.papers_model)
        self.papers_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.papers_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.papers_view.verticalHeader().setVisible(False)
        self.papers_view.horizontalHeader().setStretchLastSection(True)
        pl.addWidget(self.papers_view, 1)
        prow = QHBoxLayout()
        self.add_paper_button = QPushButton(self.tr("登记客户…"), self.papers_box)
        self.add_paper_button.setObjectName("addPaperButton")
        self.add_paper_button.clicked.connect(lambda: self.add_paper())
        self.enter_button = QPushButton(self.tr("标记已补录"), self.papers_box)
        self.enter_button.setObjectName("markEnteredButton")
        self.enter_button.clicked.connect(lambda: self.mark_entered())
        self.unmask_button = QPushButton(self.tr("查看完整信息"), self.papers_box)
        self.unmask_button.setObjectName("unmaskPaperButton")
        self.unmask_button.setToolTip(self.tr("补录时查看客户的完整号码（记入审计日志）"))
        self.unmask_button.clicked.connect(lambda: self.show_paper())
        for b in (self.add_paper_button, self.enter_button, self.unmask_button):
            prow.addWidget(b)
        prow.addStretch(1)
        self.papers_summary = QLabel(self.papers_box)
        self.papers_summary.setObjectName("papersSummary")
        prow.addWidget(self.papers_summary)
        pl.addLayout(prow)
        rl.addWidget(self.papers_box, 1)
        self.summary_label = QLabel(right)
        self.summary_label.setObjectName("runSummary")
        self.summary_label.setWordWrap(True)
        rl.addWidget(self.summary_label)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay.addWidget(split, 1)
        return page

    # --- loading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        auth = self.services.ctx.auth
        may_view = auth.may(Action.VIEW_EMERGENCY)
        may_run = auth.may(Action.RUN_EMERGENCY)
        for w in (self.plan_picker, self.drill_check, self.start_button):
            w.setEnabled(may_run)
        self.history_button.setEnabled(may_view)
        if not may_view or self.privacy_hidden:
            self._clear()
            return
        self._fill_plans()
        self._fill_contacts()
        opened = self.svc.open_runs()
        self._fill_open_runs(opened)
        if self.run_view is not None:
            still = next((r for r in opened if r.id == self.run_view.id), None)
            if still is None:
                self._load_run(self.run_view.id)
            else:
                self._show_run(still)
        elif opened:  # after a crash or restart: reopen the open run where it was
            self._show_run(opened[-1])
        else:
            self.show_history()

    def _clear(self) -> None:
        self.run_view = None
        self.timer.stop()
        for m in (self.steps_model, self.papers_model, self.notes_model, self.history_model):
            m.clear()
        self.contacts_label.clear()
        self.open_runs.clear()
        self.open_runs.setVisible(False)
        self.set_actions(can_print=False)

    def _fill_plans(self) -> None:
        keep = self.plan_picker.currentData()
        keep_filter = self.plan_filter.currentData()
        try:
            plans = self.svc.plans(include_retired=True)
        except DomainError as exc:
            self._say(exc.message, error=True)
            return
        self.plan_picker.clear()
        self.plan_filter.blockSignals(True)
        self.plan_filter.clear()
        self.plan_filter.addItem(self.tr("全部预案"), None)
        for p in plans:
            if not p.retired:
                self.plan_picker.addItem(p.name, p.id)
            self.plan_filter.addItem(p.name, p.id)
        self.plan_picker.setCurrentIndex(max(0, self.plan_picker.findData(keep)))
        self.plan_filter.setCurrentIndex(max(0, self.plan_filter.findData(keep_filter)))
        self.plan_filter.blockSignals(False)

    def _fill_contacts(self) -> None:
        try:
            contacts = self.svc.settings().contacts
        except DomainError:
            contacts = ()
        self.contacts_label.setText("\n".join(
            f"{c.label}：{c.number or self.tr('（未设置）')}" for c in contacts))

    def _fill_open_runs(self, opened: list[RunView]) -> None:
        self.open_runs.clear()
        for r in opened:
            self.open_runs.addItem(self.tr("进行中 #{0} {1}").format(r.id, r.title), r.id)
        self.open_runs.setVisible(len(opened) > 0)

    def load_history(self) -> None:
        if self.privacy_hidden or not self.services.ctx.auth.may(Action.VIEW_EMERGENCY):
            return
        try:
            rows = self.svc.runs(self.from_date.date_value(), self.to_date.date_value(),
                                 drill=self.kind_filter.currentData(),
                                 plan_id=self.plan_filter.currentData())
            quarters = self.svc.drills_per_quarter()
        except DomainError as exc:
            self.history_model.clear()
            self._say(exc.message, error=True)
            return
        self.history_model.set_rows(rows)
        self.drills_label.setText(self.tr("演练次数（每季度目标 {0} 次）：").format(
            quarters[0].target) + "　".join(
            f"{q.quarter} {q.drills} 次" + ("" if q.met else self.tr("（未达标）"))
            for q in quarters))

    def show_history(self) -> None:
        self.stack.setCurrentIndex(0)
        self.timer.stop()
        self.run_view = None
        self.set_actions(can_print=False)
        self.load_history()

    def _selected_id(self) -> int | None:
        row = selected_row(self.history_view)
        return row.id if row is not None else None

    def open_selected(self) -> None:
        run_id = self._selected_id()
        if run_id is None:
            show_error(self, self.tr("请先在列表中选择一条记录"))
            return
        self._load_run(run_id)

    def _show_selected_open_run(self) -> None:
        run_id = self.open_runs.currentData()
        if run_id is not None:
            self._load_run(run_id)

    def _load_run(self, run_id: int) -> None:
        if r := run_action(self, self.svc.run, run_id):
            assert r.value is not None
            self._show_run(r.value)

    def _show_run(self, run: RunView, *, keep_row: bool = False) -> None:
        """Put ``run`` on the run page; select the first open step (or keep the row)."""
        row = self.steps_view.currentIndex().row() if keep_row else -1
        self.run_view = run
        self.stack.setCurrentIndex(1)
        self.run_title.setText(self.tr("{0} · 第 {1} 版 · #{2} · {3} 启动，{4}").format(
            run.title, run.version, run.id, f"{run.started_at:%m-%d %H:%M}", run.started_by))
        self.run_title.setStyleSheet(DONE_STYLE if not run.open else (
            DRILL_STYLE if run.drill else REAL_STYLE))
        self.steps_model.set_rows(list(run.steps))
        self.notes_model.set_rows(list(run.notes))
        self.papers_model.set_rows(list(run.papers))
        self.papers_view.resizeColumnsToContents()
        self.papers_box.setVisible(run.paper_registrations or bool(run.papers))
        self.papers_summary.setText(self.tr("共 {0} 条，未补录 {1} 条").format(
            len(run.papers), run.open_papers))
        may_run = self.services.ctx.auth.may(Action.RUN_EMERGENCY) and run.open
        for w in (self.done_button, self.skip_button, self.finish_button, self.note_edit,
                  self.note_button, self.add_paper_button, self.enter_button):
            w.setEnabled(may_run)
        self.unmask_button.setEnabled(
            self.services.ctx.auth.may(Action.UNMASK_EMERGENCY_PAPER) and bool(run.papers))
        if run.open:
            self.summary_label.setText(self.tr("完成 {0}/{1} 步").format(run.done_steps,
                                                                       len(run.steps)))
            self.timer.start()
        else:
            self.timer.stop()
            parts = [self.tr("已结束：{0} {1}").format(f"{run.finished_at:%Y-%m-%d %H:%M}",
                                                    run.finished_by),
                     self.tr("原因：{0}").format(run.cause),
                     self.tr("损失：{0}").format(run.losses or "—"),
                     self.tr("后续措施：{0}").format(run.follow_up or "—")]
            if run.open_papers_note:
                parts.append(self.tr("未补录说明：{0}").format(run.open_papers_note))
            self.summary_label.setText("\n".join(parts))
        self._tick()
        pending = next((s.position - 1 for s in run.steps if not s.done), None)
        target = row if keep_row and row >= 0 and not run.steps[row].done else pending
        if target is None:
            target = max(0, min(row, len(run.steps) - 1))
        if run.steps:
            self.steps_view.selectRow(target)
        self.set_actions(can_print=True)
        k = self.open_runs.findData(run.id)
        if k >= 0:
            self.open_runs.setCurrentIndex(k)

    def _tick(self) -> None:
        if self.run_view is None:
            return
        now = self.services.ctx.clock.now()
        text = self.run_view.elapsed(now)
        self.elapsed.setText(self.tr("用时 {0}").format(text) if not self.run_view.open
                             else self.tr("已进行 {0}").format(text))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #c5221f;" if error else "color: #137333;")
        set_message(self.message, text)
        if not error:
            self.statusMessage.emit(text)

    # --- actions ---------------------------------------------------------------------------
    def start_run(self) -> RunView | None:
        """The one action: the chosen plan, drill or real, started now."""
        plan_id = self.plan_picker.currentData()
        if plan_id is None:
            show_error(self, self.tr("请先选择预案"))
            return None
        drill = self.drill_check.isChecked()
        r = run_action(self, self.svc.start_run, plan_id, drill=drill)
        if not r:
            return None
        run = r.value
        assert run is not None
        self._fill_open_runs(self.svc.open_runs())
        self._show_run(run)
        self.steps_view.setFocus()
        self._say(self.tr("已启动：{0}").format(run.title))
        return run

    def _current_step(self) -> RunStepView | None:
        if self.run_view is None:
            return None
        row = self.steps_view.currentIndex().row()
        if 0 <= row < len(self.run_view.steps):
            return self.run_view.steps[row]
        return next((s for s in self.run_view.steps if not s.done), None)

    def check_current(self) -> bool:
        step = self._current_step()
        if step is None or self.run_view is None or not self.run_view.open:
            return False
        r = run_action(self, self.svc.check_step, self.run_view.id, step.position)
        if r:
            assert r.value is not None
            self._after_step(r.value)
        return bool(r)

    def skip_current(self) -> SkipDialog | None:
        step = self._current_step()
        if step is None or self.run_view is None or not self.run_view.open:
            return None
        if step.done:
            show_error(self, self.tr("该步骤已{0}，不能再修改；如有误请添加备注").format(
                step.state.label))
            return None
        dlg = SkipDialog(self, self.svc, self.run_view.id, step)
        dlg.accepted.connect(lambda: self._after_step(dlg.result_value))
        dlg.open()
        return dlg

    def _after_step(self, run: RunView) -> None:
        self._show_run(run)
        self.steps_view.setFocus()

    def add_note(self) -> bool:
        text = self.note_edit.text().strip()
        if not text or self.run_view is None:
            return False
        r = run_action(self, self.svc.add_note, self.run_view.id, text)
        if r:
            assert r.value is not None
            self.note_edit.clear()
            self._show_run(r.value, keep_row=True)
        return bool(r)

    def add_paper(self) -> PaperDialog | None:
        if self.run_view is None or not self.run_view.open:
            return None
        dlg = PaperDialog(self, self.svc, self.run_view.id)
        dlg.accepted.connect(lambda: self._show_run(dlg.result_value, keep_row=True))
        dlg.open()
        return dlg

    def _selected_paper(self) -> Any:
        row = self.papers_view.currentIndex().row()
        return self.papers_model.row_at(row) if row >= 0 else None

    def mark_entered(self) -> bool:
        paper = self._selected_paper()
        if paper is None:
            show_error(self, self.tr("请先选择一条纸质登记"))
            return False
        r = run_action(self, self.svc.mark_entered, paper.id)
        if r:
            assert r.value is not None
            self._show_run(r.value, keep_row=True)
        return bool(r)

    def show_paper(self) -> QMessageBox | None:
        paper = self._selected_paper()
        if paper is None:
            show_error(self, self.tr("请先选择一条纸质登记"))
            return None
        r = run_action(self, self.svc.paper, paper.id)
        if not r:
            return None
        p = r.value
        assert p is not None
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("纸质登记"), self.tr(
            "客户：{0}\n号码：{1}\n业务：{2}\n金额：{3}\n联系方式：{4}").format(
            p.customer_name, p.number, p.business, format_fen(p.amount_fen), p.contact),
            QMessageBox.StandardButton.Ok, self)
        box.setObjectName("paperDetailBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def finish_run(self) -> FinishDialog | None:
        if self.run_view is None or not self.run_view.open:
            return None
        run = self.svc.run(self.run_view.id)
        dlg = FinishDialog(self, self.svc, run, run.elapsed(self.services.ctx.clock.now()))
        dlg.accepted.connect(lambda: self._finished(dlg.result_value))
        dlg.open()
        return dlg

    def _finished(self, run: RunView) -> None:
        self._fill_open_runs(self.svc.open_runs())
        self._show_run(run)
        self._say(self.tr("已结束：{0}，用时 {1}").format(run.title, run.duration_text))

    def print_(self) -> None:
        self.print_run()

    def print_run(self, run_id: int | None = None, path: str | None = None) -> Worker | None:
        """The incident report PDF, written off the GUI thread."""
        if run_id is None and self.run_view is not None:
            run_id = self.run_view.id
        if run_id is None:
            show_error(self, self.tr("请先选择一条记录"))
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("打印应急事件记录"), str(Path.home() / f"应急事件记录-{run_id}.pdf"),
                "PDF (*.pdf)")
            if not path:
                return None

        def done(written: Any) -> None:
            self._say(self.tr("已生成事件记录：{0}").format(written))

        self._worker = run_in_background(self, self.svc.write_report, run_id, path, force=True,
                                         busy_text=self.tr("正在生成事件记录…"), on_done=done)
        return self._worker

    # --- keyboard on the steps ---------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.plan_picker and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.start_run()
                return True
        if watched is self.steps_view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.check_current()
                return True
            if key == Qt.Key.Key_S:
                self.skip_current()
                return True
            if key == Qt.Key.Key_N:
                self.note_edit.setFocus()
                return True
        return super().eventFilter(watched, event)

    # --- framework hooks -----------------------------------------------------------------------
    def show_record(self, target: Target) -> bool:
        if target.record_kind == "start":
            self.refresh()
            self.plan_picker.setFocus()  # arrows choose, Enter starts
            return True
        if target.record_kind == "emergency_run" and target.record_id is not None:
            self._load_run(target.record_id)
            return self.run_view is not None
        return False

    def set_privacy(self, hidden: bool) -> None:
        super().set_privacy(hidden)
        if hidden:
            self.papers_model.clear()
            self.notes_model.clear()
            self.history_model.clear()
        else:
            self.refresh()
