"""Faults (设备故障) and hand-over items (交接事项) of a log.

Incoming items sit at the top of the page, each with its own 确认接收 button; outgoing items
(for the next shift) are a list with add / edit / remove while the log is a draft.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hallmanager.domain.roles import Action
from hallmanager.services.dutylog import DutyLogView, FaultView, HandoverView
from hallmanager.ui.common.errors import run_action
from hallmanager.ui.common.table_model import FilterProxyModel, make_table_view, selected_row
from hallmanager.ui.dutylog.dialogs import FaultDialog, FaultReportedDialog, HandoverItemDialog
from hallmanager.ui.dutylog.models import FaultTableModel, HandoverTableModel, fit_height, mdhm

if TYPE_CHECKING:
    from hallmanager.app import Services

CARD_STYLE = ("QFrame#handoverCard { background: #fff8e1; border: 1px solid #f0c36d;"
              " border-radius: 4px; }")
ACKED_STYLE = ("QFrame#handoverCard { background: #f1f8f1; border: 1px solid #b7dbb7;"
               " border-radius: 4px; }")


def _open(dlg: QWidget, on_ok: Callable[[], None]) -> None:
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.accepted.connect(on_ok)  # type: ignore[attr-defined]
    dlg.open()  # type: ignore[attr-defined]


class IncomingPanel(QGroupBox):
    """接班事项: one card per item with 确认接收 (acknowledge as the current user)."""

    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incomingPanel")
        self.services = services
        self.log_id: int | None = None
        self.buttons: dict[int, QPushButton] = {}
        self.cards: dict[int, QFrame] = {}
        self._box = QVBoxLayout(self)

    def load(self, view: DutyLogView) -> None:
        self.log_id = view.id
        while self._box.count():
            w = self._box.takeAt(0).widget()
            if w is not None:
                w.setParent(None)
                w.deleteLater()
        self.buttons, self.cards = {}, {}
        items = view.handover_in
        waiting = sum(1 for h in items if not h.acknowledged)
        self.setTitle(self.tr("上一班交接事项（{0} 项待确认）").format(waiting) if waiting
                      else self.tr("上一班交接事项"))
        if not items:
            empty = QLabel(self.tr("上一班没有移交事项。"), self)
            empty.setStyleSheet("color: #666;")
            self._box.addWidget(empty)
        for h in items:
            self._box.addWidget(self._card(h, view.signed))

    def _card(self, h: HandoverView, signed: bool) -> QFrame:
        card = QFrame(self)
        card.setObjectName("handoverCard")
        card.setStyleSheet(ACKED_STYLE if h.acknowledged else CARD_STYLE)
        text = QLabel(h.text, card)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setStyleSheet("font-weight: bold;" if not h.acknowledged else "")
        src = self.tr("来自 {0} {1}（{2}）").format(
            h.from_date.strftime("%m-%d"), h.from_shift_name,
            h.from_duty_manager.name if h.from_duty_manager else "")
        meta = QLabel(src, card)
        meta.setStyleSheet("color: #666;")
        lay = QHBoxLayout(card)
        col = QVBoxLayout()
        col.addWidget(text)
        col.addWidget(meta)
        lay.addLayout(col, 1)
        if h.acknowledged:
            done = QLabel(self.tr("✓ {0} 于 {1} 确认接收").format(
                h.ack_by.name if h.ack_by else "", mdhm(h.ack_at)), card)
            done.setStyleSheet("color: #1e7e34;")
            lay.addWidget(done)
        elif not signed and self.services.ctx.auth.may(Action.ACK_HANDOVER):
            btn = QPushButton(self.tr("确认接收"), card)
            btn.setObjectName(f"ack_{h.id}")
            btn.clicked.connect(lambda _=False, i=h.id: self.acknowledge(i))
            lay.addWidget(btn)
            self.buttons[h.id] = btn
        self.cards[h.id] = card
        return card

    def acknowledge(self, item_id: int) -> bool:
        if self.log_id is None:
            return False
        if run_action(self, self.services.dutylog.acknowledge_handover, item_id, self.log_id):
            self.changed.emit()
            return True
        return False


class OutgoingPanel(QGroupBox):
    """移交下一班: the items this shift hands on (add / edit / remove while draft)."""

    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outgoingPanel")
        self.setTitle(self.tr("移交下一班的事项"))
        self.services = services
        self.view_data: DutyLogView | None = None
        self.model = HandoverTableModel(self)
        self.proxy = FilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.view = make_table_view(self.proxy, self, object_name="outgoingView")
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.add_button = QPushButton(self.tr("添加交接事项…"), self)
        self.add_button.setObjectName("handoverAdd")
        self.edit_button = QPushButton(self.tr("修改…"), self)
        self.remove_button = QPushButton(self.tr("删除"), self)
        self.add_button.clicked.connect(self.add_item)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.target = QLabel(self)
        self.target.setStyleSheet("color: #666;")
        bar = QHBoxLayout()
        bar.addWidget(self.target, 1)
        for b in (self.add_button, self.edit_button, self.remove_button):
            bar.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.view)

    def load(self, view: DutyLogView) -> None:
        self.view_data = view
        self.model.set_rows(view.handover_out)
        fit_height(self.view, 2, 8)
        who = view.incoming_duty_manager.name if view.incoming_duty_manager else self.tr("未定")
        self.target.setText(self.tr("交给 {0} {1}（接班：{2}）").format(
            view.next_shift_date.strftime("%m-%d"), view.next_shift_name, who))
        may = self.services.ctx.auth.may(Action.EDIT_DUTY_LOG)
        for b in (self.add_button, self.edit_button, self.remove_button):
            b.setVisible(not view.signed and may)

    def _target_label(self) -> str:
        v = self.view_data
        return f"{v.next_shift_date:%m-%d} {v.next_shift_name}" if v else ""

    def add_item(self) -> HandoverItemDialog | None:
        if self.view_data is None or self.view_data.signed:
            return None
        log_id = self.view_data.id
        dlg = HandoverItemDialog(lambda t: self.services.dutylog.add_handover_item(log_id, t),
                                 parent=self, target=self._target_label())
        _open(dlg, self.changed.emit)
        return dlg

    def edit_selected(self) -> HandoverItemDialog | None:
        h: HandoverView | None = selected_row(self.view)
        if h is None or self.view_data is None or self.view_data.signed or h.acknowledged:
            return None
        dlg = HandoverItemDialog(lambda t: self.services.dutylog.update_handover_item(h.id, t),
                                 h.text, self, target=self._target_label())
        _open(dlg, self.changed.emit)
        return dlg

    def remove_selected(self) -> bool:
        h: HandoverView | None = selected_row(self.view)
        if h is None:
            return False
        if run_action(self, self.services.dutylog.remove_handover_item, h.id):
            self.changed.emit()
            return True
        return False


class FaultPanel(QGroupBox):
    """设备故障 open during this shift (carried over until repaired) and new ones."""

    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("faultPanel")
        self.setTitle(self.tr("设备故障"))
        self.services = services
        self.log_id: int | None = None
        self.model = FaultTableModel(self)
        self.proxy = FilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.view = make_table_view(self.proxy, self, object_name="faultView")
        self.report_button = QPushButton(self.tr("登记故障…"), self)
        self.report_button.setObjectName("faultReport")
        self.reported_button = QPushButton(self.tr("已报修…"), self)
        self.repaired_button = QPushButton(self.tr("已修复"), self)
        self.report_button.clicked.connect(self.report_fault)
        self.reported_button.clicked.connect(self.mark_reported)
        self.repaired_button.clicked.connect(self.mark_repaired)
        hint = QLabel(self.tr("未修复的故障会一直带入后续班次的日志"), self)
        hint.setStyleSheet("color: #666;")
        bar = QHBoxLayout()
        bar.addWidget(hint, 1)
        for b in (self.report_button, self.reported_button, self.repaired_button):
            bar.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.view)

    def load(self, view: DutyLogView) -> None:
        self.log_id = view.id
        self.model.set_rows(view.faults)
        fit_height(self.view, 2, 8)
        may = self.services.ctx.auth.may(Action.MANAGE_FAULTS)
        for b in (self.report_button, self.reported_button, self.repaired_button):
            b.setVisible(not view.signed and may)

    def select_fault(self, fault_id: int) -> bool:
        for r in range(self.proxy.rowCount()):
            idx = self.proxy.index(r, 0)
            if getattr(self.proxy.row_at(idx), "id", None) == fault_id:
                self.view.selectRow(r)
                self.view.scrollTo(idx)
                return True
        return False

    def report_fault(self) -> FaultDialog:
        log_id = self.log_id
        dlg = FaultDialog(lambda **kw: self.services.dutylog.report_fault(log_id=log_id, **kw),
                          self.services.ctx.clock.now(), self)
        _open(dlg, self.changed.emit)
        return dlg

    def mark_reported(self) -> FaultReportedDialog | None:
        f: FaultView | None = selected_row(self.view)
        if f is None or not f.is_open:
            return None
        dlg = FaultReportedDialog(f.what, lambda to, at: self.services.dutylog.mark_fault_reported(
            f.id, to, at), self.services.ctx.clock.now(), self)
        dlg.reported_to.setText(f.reported_to)
        _open(dlg, self.changed.emit)
        return dlg

    def mark_repaired(self) -> bool:
        f: FaultView | None = selected_row(self.view)
        if f is None or not f.is_open:
            return False
        if run_action(self, self.services.dutylog.mark_fault_repaired, f.id):
            self.changed.emit()
            return True
        return False
