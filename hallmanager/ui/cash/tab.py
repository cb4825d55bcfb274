"""现金交接: the day's tills, the count editor with its two-person confirmation, the hall
manager's review and reversal, cash in/out, the day close with its bank deposit, invoice
ranges, the tellers' over/short history, the till slip and the workbook.

A teller sees and counts only their own till (the service filters and refuses the rest).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hallmanager.domain.errors import DomainError
from hallmanager.domain.money import format_fen
from hallmanager.domain.roles import Action
from hallmanager.services.cash.views import CashSettingsView, TillCountView
from hallmanager.ui.cash.dialogs import (
    CashSettingsDialog,
    DayCloseDialog,
    ExportDialog,
    HistoryDialog,
    InvoiceDialog,
    MovementDialog,
    NewCountDialog,
    ReasonDialog,
    ReverseDialog,
)
from hallmanager.ui.cash.editor import TillEditor
from hallmanager.ui.cash.models import TillTableModel
from hallmanager.ui.common.editors import DateEdit
from hallmanager.ui.common.errors import run_action, show_error
from hallmanager.ui.common.tab_page import TabPage
from hallmanager.ui.common.table_model import FilterProxyModel, make_table_view, selected_row
from hallmanager.ui.workers import Worker, run_in_background

if TYPE_CHECKING:
    from hallmanager.app import Services
    from hallmanager.services.cash import CashService
    from hallmanager.services.today import Target


class CashTab(TabPage):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("cashTab")
        self.svc: CashService = services.cash
        self._worker: Worker | None = None
        self.last_dialog: Any = None
        self._settings: CashSettingsView | None = None
        root = QVBoxLayout(self)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("日期"), self))
        self.date = DateEdit(self, value=services.ctx.clock.now().date())
        self.date.setObjectName("cashDate")
        self.date.dateChanged.connect(lambda _d: self.load())
        bar.addWidget(self.date)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
                ("new", self.tr("新建清点"), self.new_record),
                ("close", self.tr("日结解款…"), self.close_day),
                ("slip", self.tr("打印交接单"), self.print_),
                ("export", self.tr("导出 Excel…"), self.export)):
            b = QPushButton(text, self)
            b.setObjectName(f"{key}CashButton")
            b.clicked.connect(lambda _c=False, f=slot: f())
            self.buttons[key] = b
            bar.addWidget(b)
        bar.addStretch(1)
        self.more_button = QPushButton(self.tr("更多"), self)
        self.more_button.setObjectName("cashMoreButton")
        menu = QMenu(self.more_button)
        self.actions_: dict[str, QAction] = {}
        for key, text, slot in (("movements", self.tr("现金存取…"), self.open_movements),
                                ("invoices", self.tr("发票收据交接…"), self.open_invoices),
                                ("history", self.tr("营业员长短款记录…"), self.open_history),
                                ("settings", self.tr("现金交接设置…"), self.open_settings)):
            act = menu.addAction(text)
            act.setObjectName(f"{key}Action")
            act.triggered.connect(lambda _c=False, f=slot: f())
            self.actions_[key] = act
        self.more_button.setMenu(menu)
        bar.addWidget(self.more_button)
        root.addLayout(bar)

        self.model = TillTableModel(self)
        self.proxy = FilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.view = make_table_view(self.proxy, self, object_name="tillView")
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._selected())
        self.totals = QLabel(self)
        self.totals.setObjectName("dayTotals")
        self.totals.setWordWrap(True)
        top = QWidget(self)
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.view, 1)
        tl.addWidget(self.totals)
        self.editor = TillEditor(services, self)
        self.editor.countChanged.connect(self._count_changed)
        self.editor.return_button.clicked.connect(self.return_to_draft)
        self.editor.review_button.clicked.connect(self.review)
        self.editor.reverse_button.clicked.connect(self.reverse)
        self.buttons["review"] = self.editor.review_button
        self.buttons["reverse"] = self.editor.reverse_button
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.editor)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(top)
        split.addWidget(scroll)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([180, 560])
        root.addWidget(split, 1)
        self.set_actions(can_new=True, can_save=True, can_print=True, can_export=True)

    def title(self) -> str:
        return self.tr("现金交接")

    # --- loading ---------------------------------------------------------------------
    def refresh(self) -> None:
        auth = self.services.ctx.auth
        may_view = auth.may(Action.VIEW_CASH)
        self.buttons["new"].setEnabled(auth.may(Action.COUNT_TILL))
        self.buttons["close"].setEnabled(auth.may(Action.CLOSE_DAY))
        self.buttons["export"].setEnabled(auth.may(Action.EXPORT_REPORT))
        self.actions_["movements"].setEnabled(may_view)
        self.actions_["invoices"].setEnabled(may_view)
        self.actions_["settings"].setEnabled(auth.may(Action.EDIT_CASH_SETTINGS))
        self.set_actions(can_new=auth.may(Action.COUNT_TILL),
                         can_export=auth.may(Action.EXPORT_REPORT))
        self.load()

    def load(self, select: int | None = None) -> None:
        """The tills of the chosen date (a teller: their own), keeping the open one."""
        if self.privacy_hidden:
            return
        keep = select if select is not None else (self.editor.view.id
                                                  if self.editor.view else None)
        if self.editor.has_unsaved_changes() and keep == (self.editor.view.id
                                                          if self.editor.view else None):
            self.editor.save()
        day = self.date.date_value()
        try:
            rows = self.svc.counts(day)
            self._settings = self.svc.settings()
        except DomainError as exc:
            self.model.clear()
            self.editor.set_count(None, None)
            self.totals.setText(exc.message)
            return
        self.model.set_rows(rows)
        self._show_totals(day)
        if keep is not None and any(r.id == keep for r in rows):
            self.select(keep)
        else:
            self.editor.set_count(None, None)

    def _show_totals(self, day: dt.date) -> None:
        if not self.services.ctx.auth.may(Action.VIEW_CASH):
            self.totals.setText(self.tr("仅显示本人的款箱"))
            return
        try:
            t = self.svc.day_totals(day)
        except DomainError as exc:
            self.totals.setText(exc.message)
            return
        text = self.tr("当日 {0} 个款箱：现金 {1}，非现金 {2}，实收 {3}，系统应收 {4}，长短款 {5}；"
                       "现金存取 {6}").format(
            t.counts, format_fen(t.counted_cash_fen), format_fen(t.figures.non_cash_fen),
            format_fen(t.figures.received_fen), format_fen(t.figures.receivable_fen),
            t.figures.describe(), format_fen(t.movements_fen))
        if t.unconfirmed:
            text += self.tr("；{0} 个未双方确认").format(t.unconfirmed)
        if t.unreviewed:
            text += self.tr("；{0} 笔大额短款待复核").format(t.unreviewed)
        self.editor.day_closed = t.close is not None
        if t.close is not None:
            text += self.tr("；已日结，解款 {0}（款袋 {1}）").format(
                format_fen(t.close.deposit_fen), t.close.bag_no or t.close.seal_no or "—")
        self.totals.setText(text)

    def select(self, count_id: int) -> bool:
        """Select the till ``count_id`` in the list and open it in the editor."""
        for r, row in enumerate(self.model.rows()):
            if row.id == count_id:
                idx = self.proxy.mapFromSource(self.model.index(r, 0))
                self.view.setCurrentIndex(idx)
                self.view.selectRow(idx.row())
                self.view.scrollTo(idx)
                if self.editor.view != row:  # another till, or this one changed
                    self.editor.set_count(row, self._settings)
                return True
        return False

    def _selected(self) -> None:
        row: TillCountView | None = selected_row(self.view)
        if row is None:
            return
        if self.editor.view is not None and self.editor.view.id == row.id:
            return
        if self.editor.has_unsaved_changes():
            self.editor.save()
        self.editor.set_count(row, self._settings)

    def open_count(self, count_id: int) -> bool:
        """Open the till on its own date (今日 jumps, after creating one)."""
        r = run_action(self, self.svc.count, count_id)
        if not r:
            return False
        view: TillCountView = r.value
        if self.date.date_value() != view.date:
            self.date.blockSignals(True)
            self.date.set_date_value(view.date)
            self.date.blockSignals(False)
        self.load(select=view.id)
        ok = self.select(view.id)
        if ok and self.editor.editable():
            self.editor.receivable_edit.setFocus()
            self.editor.receivable_edit.selectAll()
        return ok

    def _count_changed(self, view: TillCountView) -> None:
        self.statusMessage.emit(self.editor.status)
        self.load(select=view.id)

    def set_privacy(self, hidden: bool) -> None:
        if hidden:
            if self.editor.has_unsaved_changes():
                self.editor.save()
            self.model.clear()
            self.editor.set_count(None, None)
            self.totals.clear()
        super().set_privacy(hidden)

    def has_unsaved_changes(self) -> bool:
        if self.editor.has_unsaved_changes():
            self.editor.save()
        return self.editor.has_unsaved_changes()

    def show_record(self, target: Target) -> bool:
        """今日: a till (record kind ``till_count``) opens in the editor; a teller with
        repeated shortages (``teller``) opens their history."""
        if target.record_kind == "till_count" and target.record_id is not None:
            return self.open_count(target.record_id)
        if target.record_kind == "teller" and target.record_id is not None:
            self.open_history(target.record_id)
            return True
        return False

    # --- actions -----------------------------------------------------------------------
    def _current(self, what: str) -> TillCountView | None:
        v = self.editor.view
        if v is None:
            show_error(self, self.tr("请先在列表中选择一个款箱清点再{0}").format(what))
        return v

    def new_record(self) -> NewCountDialog | None:
        """Ctrl+N: start a count (then the editor takes the figures)."""
        try:
            dlg = NewCountDialog(self, self.services, self.date.date_value())
        except DomainError as exc:
            show_error(self, exc)
            return None
        dlg.accepted.connect(lambda: self.open_count(dlg.result_value.id))
        self.last_dialog = dlg
        dlg.open()
        return dlg

    def save(self) -> None:
        """Ctrl+S: save the open draft."""
        if self.editor.save():
            self.statusMessage.emit(self.editor.status)

    def return_to_draft(self) -> ReasonDialog | None:
        v = self._current(self.tr("退回"))
        if v is None:
            return None
        dlg = ReasonDialog(self, self.tr("退回重点"), "returnDialog", self.tr("退回原因"),
                           self.tr("第 {0} 号已由 {1} 确认交出；退回后回到清点中，可修改后重新确认。")
                           .format(v.id, v.teller.name), self.svc.return_to_draft, v.id)
        dlg.accepted.connect(lambda: self.load(select=v.id))
        self.last_dialog = dlg
        dlg.open()
        return dlg

    def review(self) -> ReasonDialog | None:
        v = self._current(self.tr("复核"))
        if v is None:
            return None
        dlg = ReasonDialog(self, self.tr("厅经理复核"), "reviewDialog", self.tr("复核意见"),
                           self.tr("第 {0} 号 {1}：{2}，原因：{3} {4}").format(
                               v.id, v.teller.name, v.difference_text, v.reason_label, v.note),
                           self.svc.review, v.id)
        dlg.accepted.connect(lambda: self.load(select=v.id))
        self.last_dialog = dlg
        dlg.open()
        return dlg

    def reverse(self) -> ReverseDialog | None:
        v = self._current(self.tr("冲正"))
        if v is None:
            return None
        dlg = ReverseDialog(self, self.services, v)
        dlg.accepted.connect(lambda: self.load(select=dlg.result_value.id))
        self.last_dialog = dlg
        dlg.open()
        return dlg

    def close_day(self) -> DayCloseDialog | None:
        try:
            dlg = DayCloseDialog(self, self.services, self.date.date_value())
        except DomainError as exc:
            show_error(self, exc)
            return None
        dlg.accepted.connect(lambda: self.load())
        self.last_dialog = dlg
        dlg.open()
        return dlg

    def open_movements(self) -> MovementDialog:
        dlg = MovementDialog(self, self.services, self.date.date_value())
        dlg.finished.connect(lambda _r: self.load())
        self.last_dialog = dlg
        dlg.open()
        return dlg

    def open_invoices(self) -> InvoiceDialog:
        dlg = InvoiceDialog(self, self.services, self.date.date_value())
        self.last_dialog = dlg
        dlg.open()
        return dlg

    def open_history(self, teller_id: int | None = None) -> HistoryDialog:
        if teller_id is None and self.editor.view is not None:
            teller_id = self.editor.view.teller.id
        dlg = HistoryDialog(self, self.services, teller_id, self.date.date_value())
        self.last_dialog = dlg
        dlg.open()
        return dlg

    def open_settings(self) -> CashSettingsDialog | None:
        r = run_action(self, self.svc.settings)
        if not r:
            return None
        dlg = CashSettingsDialog(self, self.services, r.value)
        dlg.accepted.connect(lambda: self.load())
        self.last_dialog = dlg
        dlg.open()
        return dlg

    # --- files ---------------------------------------------------------------------------
    def print_(self, path: str | Path | None = None, *, preview: bool = True) -> Worker | None:
        """Ctrl+P: the till slip PDF of the open count, written off the GUI thread, then
        the print preview (or, given ``path``, just the file)."""
        v = self._current(self.tr("打印"))
        if v is None:
            return None
        if self.editor.has_unsaved_changes() and not self.editor.save():
            return None
        target = Path(path) if path else Path(tempfile.mkdtemp(prefix="hallmanager-")) / \
            f"款箱交接单-{v.id}.pdf"

        def done(written: Any) -> None:
            self.statusMessage.emit(self.tr("交接单已生成：{0}").format(written))
            if preview and path is None:
                from hallmanager.ui.printing import preview_dialog

                dlg = preview_dialog(written, self, doc_name=self.tr("款箱交接单 第 {0} 号")
                                     .format(v.id), save_as=lambda: self._save_slip(written))
                self.last_dialog = dlg
                dlg.open()

        self._worker = run_in_background(self, self.svc.write_slip, v.id, target, force=True,
                                         busy_text=self.tr("正在生成交接单…"), on_done=done)
        return self._worker

    def _save_slip(self, written: Path) -> None:
        import shutil

        path, _ = QFileDialog.getSaveFileName(self, self.tr("另存交接单"),
                                              str(Path.home() / Path(written).name),
                                              "PDF (*.pdf)")
        if path:
            shutil.copyfile(written, path)

    def export(self, path: str | Path | None = None, start: dt.date | None = None,
               end: dt.date | None = None) -> Worker | None:
        """Ctrl+E: the cash workbook of a date range (asked for when not given)."""
        if start is None or end is None:
            dlg = ExportDialog(self, self.date.date_value())
            dlg.accepted.connect(lambda: self.export(path, *dlg.result_value))
            self.last_dialog = dlg
            dlg.open()
            return None
        if path is None:
            name = f"现金交接-{start.isoformat()}至{end.isoformat()}.xlsx"
            path, _ = QFileDialog.getSaveFileName(self, self.tr("导出现金交接明细"),
                                                  str(Path.home() / name), "Excel (*.xlsx)")
            if not path:
                return None

        def done(written: Any) -> None:
            self.statusMessage.emit(self.tr("已导出：{0}").format(written))

        self._worker = run_in_background(self, self.svc.export, start, end, Path(path),
                                         force=True, busy_text=self.tr("正在导出…"),
                                         on_done=done)
        return self._worker
