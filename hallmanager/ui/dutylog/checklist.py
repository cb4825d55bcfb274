"""The daily checklist (值班经理每日工作流程) of a log.

Keyboard first: Space = done now, S = skip (a reason is required), Del / Backspace = undo
(draft only). Overdue rows are red, due-soon rows orange (model colours).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hallmanager.domain.dutylog.checklist import ItemStatus
from hallmanager.services.dutylog import ChecklistEntryView
from hallmanager.ui.common.errors import run_action
from hallmanager.ui.common.table_model import FilterProxyModel, make_table_view, selected_row
from hallmanager.ui.dutylog.dialogs import SkipReasonDialog
from hallmanager.ui.dutylog.models import ChecklistTableModel, fit_height

if TYPE_CHECKING:
    from hallmanager.app import Services


class ChecklistPanel(QGroupBox):
    """Checklist table plus 完成 / 跳过 / 撤销. ``changed`` after any successful change."""

    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklistPanel")
        self.setTitle(self.tr("值班经理每日工作流程"))
        self.services = services
        self.read_only = True
        self.model = ChecklistTableModel(self)
        self.proxy = FilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.view = make_table_view(self.proxy, self, object_name="checklistView")
        self.view.installEventFilter(self)
        self.view.doubleClicked.connect(lambda _i: self.check_selected())
        self.summary = QLabel(self)
        self.hint = QLabel(self.tr("选中一项：空格 完成 · S 跳过 · Del 撤销"), self)
        self.hint.setStyleSheet("color: #5f6368;")
        self.done_button = QPushButton(self.tr("完成(空格)"), self)
        self.done_button.setObjectName("checkDone")
        self.skip_button = QPushButton(self.tr("跳过(S)…"), self)
        self.skip_button.setObjectName("checkSkip")
        self.reset_button = QPushButton(self.tr("撤销(Del)"), self)
        self.reset_button.setObjectName("checkReset")
        self.done_button.clicked.connect(self.check_selected)
        self.skip_button.clicked.connect(self.skip_selected)
        self.reset_button.clicked.connect(self.reset_selected)
        bar = QHBoxLayout()
        bar.addWidget(self.summary)
        bar.addSpacing(12)
        bar.addWidget(self.hint, 1)
        for b in (self.done_button, self.skip_button, self.reset_button):
            bar.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.view)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._sync_buttons())
        self.skip_dialog: SkipReasonDialog | None = None

    def load(self, entries: tuple[ChecklistEntryView, ...], read_only: bool) -> None:
        keep = selected_row(self.view)
        self.read_only = read_only
        self.model.set_rows(entries)
        fit_height(self.view, 3, 16)
        pending = sum(1 for e in entries if e.status == ItemStatus.PENDING)
        overdue = sum(1 for e in entries if e.status == ItemStatus.PENDING and e.overdue)
        text = self.tr("共 {0} 项 · 未完成 {1} 项").format(len(entries), pending)
        if overdue:
            text += self.tr(" · 已超时 {0} 项").format(overdue)
        self.summary.setText(text)
        self.summary.setStyleSheet("color: #b3261e; font-weight: bold;" if overdue else "")
        if keep is not None:
            self.select_entry(keep.id)
        self._sync_buttons()

    def select_entry(self, entry_id: int) -> bool:
        for r in range(self.proxy.rowCount()):
            idx = self.proxy.index(r, 0)
            row = self.proxy.row_at(idx)
            if row is not None and row.id == entry_id:
                self.view.setCurrentIndex(idx)
                self.view.selectRow(r)
                self.view.scrollTo(idx)
                return True
        return False

    def current(self) -> ChecklistEntryView | None:
        return selected_row(self.view)

    def _sync_buttons(self) -> None:
        e = self.current()
        editable = not self.read_only and e is not None
        self.done_button.setEnabled(editable and e.status != ItemStatus.DONE)
        self.skip_button.setEnabled(editable and e.status == ItemStatus.PENDING)
        self.reset_button.setEnabled(editable and e.status != ItemStatus.PENDING)
        for b in (self.done_button, self.skip_button, self.reset_button):
            b.setVisible(not self.read_only)
        self.hint.setVisible(not self.read_only)

    # --- actions --------------------------------------------------------------------------
    def check_selected(self) -> bool:
        e = self.current()
        if e is None or self.read_only or e.status == ItemStatus.DONE:
            return False
        return self._done(run_action(self, self.services.dutylog.check_item, e.id))

    def skip_selected(self) -> SkipReasonDialog | None:
        e = self.current()
        if e is None or self.read_only or e.status != ItemStatus.PENDING:
            return None
        dlg = SkipReasonDialog(e.title, lambda reason: self.services.dutylog.skip_item(
            e.id, reason), self)
        dlg.accepted.connect(self.changed)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.skip_dialog = dlg
        dlg.open()
        return dlg

    def reset_selected(self) -> bool:
        e = self.current()
        if e is None or self.read_only or e.status == ItemStatus.PENDING:
            return False
        return self._done(run_action(self, self.services.dutylog.reset_item, e.id))

    def _done(self, result: object) -> bool:
        if result:
            self.changed.emit()
            return True
        return False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.view and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent):
            key, mods = event.key(), event.modifiers()
            if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
                return False
            if key == Qt.Key.Key_Space:
                self.check_selected()
                return True
            if key == Qt.Key.Key_S:
                self.skip_selected()
                return True
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.reset_selected()
                return True
        return super().eventFilter(obj, event)
