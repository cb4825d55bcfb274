"""投诉登记: register (Ctrl+N, by keyboard, the playbook beside the form), the lazy complaint
list with its filters, and the complaint pane with the workflow, the timeline and the slip.

The list loads a page at a time (``PagedTableModel`` over ``ComplaintService.count/page``):
50,000 complaints open as fast as 50, and every filter is the service's query, not a scan of
loaded rows. Names and phones are masked in the list; overdue rows red, due-soon yellow.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAction, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hallmanager.domain.complaints.filters import ComplaintFilter
from hallmanager.domain.complaints.rules import Source, Status, Urgency
from hallmanager.domain.errors import DomainError
from hallmanager.domain.roles import Action
from hallmanager.services.complaints.views import ComplaintRow, ComplaintView
from hallmanager.ui.common.editors import DateEdit
from hallmanager.ui.common.errors import run_action, show_error
from hallmanager.ui.common.search import SearchBox
from hallmanager.ui.common.tab_page import TabPage
from hallmanager.ui.common.table_model import (
    FIT_SAMPLE_ROWS,
    FilterProxyModel,
    fit_columns,
    selected_row,
)
from hallmanager.ui.complaints.detail import ComplaintDetail
from hallmanager.ui.complaints.models import ComplaintListModel
from hallmanager.ui.workers import Worker, run_in_background

if TYPE_CHECKING:
    from hallmanager.app import Services
    from hallmanager.services.today import Target
    from hallmanager.ui.common.forms import FormDialog

DEBOUNCE_MS = 300
DEFAULT_RANGE_DAYS = 90
SUMMARY_MS = 60_000
SUMMARY_ROWS = 200


def _list_view(proxy: FilterProxyModel, parent: QWidget) -> QTableView:
    """The shared table look (``make_table_view``) without its refit on every model reset:
    a filter change must stay within the 100 ms goal at 50k complaints, and columns that
    keep their width are easier to read while filtering."""
    view = QTableView(parent)
    view.setObjectName("complaintListView")
    view.setModel(proxy)
    view.setSortingEnabled(False)  # the service's order, a page at a time
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(26)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setHighlightSections(False)
    header.setResizeContentsPrecision(FIT_SAMPLE_ROWS)
    return view


class ComplaintsTab(TabPage):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        # the refresh's second part (summary line, reselecting): (complaint to keep,)
        self._summary_due: tuple[int | None] | None = None
        self.setObjectName("complaintsTab")
        self.svc = services.complaints
        self._loading = False
        self._hidden_dialogs: tuple[int | None, list[QDialog]] = (None, [])
        self._worker: Worker | None = None
        self.last_dialog: QWidget | None = None
        root = QVBoxLayout(self)

        # actions ------------------------------------------------------------------------
        bar = QHBoxLayout()
        self.register_button = QPushButton(self.tr("登记投诉（Ctrl+N）"), self)
        self.register_button.setObjectName("registerComplaintButton")
        self.register_button.clicked.connect(self.new_record)
        self.import_button = QPushButton(self.tr("导入转派工单…"), self)
        self.import_button.setObjectName("importOrdersButton")
        self.import_button.clicked.connect(lambda: self.import_orders())
        self.export_button = QPushButton(self.tr("导出 Excel…"), self)
        self.export_button.setObjectName("exportComplaintsButton")
        self.export_button.setToolTip(self.tr("按当前筛选导出投诉清单和统计（Ctrl+E）"))
        self.export_button.clicked.connect(lambda: self.export())
        self.unmasked = QCheckBox(self.tr("含完整个人信息"), self)
        self.unmasked.setObjectName("exportUnmaskedBox")
        self.unmasked.setToolTip(self.tr("只有厅经理可以导出完整姓名、电话和证件号，每次导出都记入审计日志"))
        self.stats_button = QPushButton(self.tr("统计…"), self)
        self.stats_button.setObjectName("complaintStatsButton")
        self.stats_button.clicked.connect(self._open_statistics)
        self.setup_button = QPushButton(self.tr("投诉设置"), self)
        self.setup_button.setObjectName("complaintSetupButton")
        menu = QMenu(self.setup_button)
        self.setup_actions: dict[str, QAction] = {}
        for key, text, slot in (("settings", self.tr("类别与时限…"), self.open_settings),
                                ("playbook", self.tr("应对建议…"), self.open_playbook)):
            act = menu.addAction(text)
            act.setObjectName(f"{key}Action")
            act.triggered.connect(lambda _c=False, f=slot: f())
            self.setup_actions[key] = act
        self.setup_button.setMenu(menu)
        self.summary = QLabel(self)
        self.summary.setObjectName("complaintSummary")
        self.count = QLabel(self)
        self.count.setObjectName("complaintCount")
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for label in (self.summary, self.count):  # long texts never widen the tab
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bar.addWidget(self.register_button)
        bar.addWidget(self.import_button)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.count, 1)
        bar.addWidget(self.export_button)
        bar.addWidget(self.unmasked)
        bar.addWidget(self.stats_button)
        bar.addWidget(self.setup_button)
        root.addLayout(bar)

        # filters ------------------------------------------------------------------------
        f1 = QHBoxLayout()
        self.status = QComboBox(self)
        self.status.setObjectName("filterStatus")
        self.status.addItem(self.tr("全部状态"), None)
        self.status.addItem(self.tr("未归档"), "open")
        for s in Status:
            self.status.addItem(s.label, s.value)
        self.source = QComboBox(self)
        self.source.setObjectName("filterSource")
        self.source.addItem(self.tr("全部来源"), None)
        for src in Source:
            self.source.addItem(src.label, src.value)
        self.category = QComboBox(self)
        self.category.setObjectName("filterCategory")
        self.handler = QComboBox(self)
        self.handler.setObjectName("filterHandler")
        self.overdue = QCheckBox(self.tr("只看超时"), self)
        self.overdue.setObjectName("filterOverdue")
        today = services.ctx.clock.now().date()
        self.use_dates = QCheckBox(self.tr("受理日期"), self)
        self.use_dates.setObjectName("filterUseDates")
        self.date_from = DateEdit(self, value=today - dt.timedelta(days=DEFAULT_RANGE_DAYS))
        self.date_from.setObjectName("filterFrom")
        self.date_to = DateEdit(self, value=today)
        self.date_to.setObjectName("filterTo")
        for w in (self.status, self.source, self.category, self.handler):
            f1.addWidget(w)
        f1.addWidget(self.overdue)
        f1.addStretch(1)
        root.addLayout(f1)
        f2 = QHBoxLayout()
        self.phone = QLineEdit(self)
        self.phone.setObjectName("filterPhone")
        self.phone.setMaxLength(30)
        self.phone.setClearButtonEnabled(True)
        self.phone.setPlaceholderText(self.tr("电话（完整号码或部分数字）"))
        self.phone.setMaximumWidth(240)
        self.search = SearchBox(self, placeholder=self.tr("编号、工单号、问题、诉求、答复（Ctrl+F）"))
        self.search.setMaximumWidth(520)
        self.search.setMinimumWidth(160)
        self.search_box = self.search
        self.clear_button = QPushButton(self.tr("清除筛选"), self)
        self.clear_button.setObjectName("clearFiltersButton")
        self.clear_button.clicked.connect(self.clear_filters)
        f2.addWidget(self.use_dates)
        f2.addWidget(self.date_from)
        f2.addWidget(QLabel("–", self))
        f2.addWidget(self.date_to)
        f2.addWidget(self.search, 2)
        f2.addWidget(self.phone, 1)
        f2.addWidget(self.clear_button)
        f2.addStretch(1)
        root.addLayout(f2)

        # list and pane --------------------------------------------------------------------
        self.model = ComplaintListModel(self)
        self.proxy = FilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.view = _list_view(self.proxy, self)
        self._fitted = False
        self.detail = ComplaintDetail(services, self)
        self.detail.changed.connect(self._after_action)
        self.detail.printRequested.connect(lambda cid: self.print_slip(cid))
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.view)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 4)
        root.addWidget(split, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.reload)
        for combo in (self.status, self.source, self.category, self.handler):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        for box in (self.overdue, self.use_dates):
            box.toggled.connect(lambda _b: self.reload())
        self.use_dates.toggled.connect(self._dates_enabled)
        for d in (self.date_from, self.date_to):
            d.dateChanged.connect(lambda _d: self.reload() if self.use_dates.isChecked()
                                  else None)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.phone.textChanged.connect(lambda _t: self._debounce.start())
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._selected())
        self.view.activated.connect(lambda _i: self.detail.focus_actions())
        # deadlines pass while the tab stays open: the overdue count follows every minute
        # (the list itself reloads on F5, a filter or a change, keeping the reader's place)
        self._tick = QTimer(self)
        self._tick.setInterval(SUMMARY_MS)
        self._tick.timeout.connect(self._update_summary)
        self.model.rowsInserted.connect(lambda *_a: self._update_count())
        self.set_actions(can_new=True, can_print=True, can_export=True)

    def title(self) -> str:
        return self.tr("投诉登记")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._tick.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._tick.stop()

    # --- permissions and loading ------------------------------------------------------------
    @property
    def may_view(self) -> bool:
        return self.services.ctx.auth.may(Action.VIEW_COMPLAINTS)

    def refresh(self) -> None:
        for part in self.refresh_steps():
            part()

    def refresh_steps(self) -> list[Callable[[], None]]:
        """The list, then the summary line (its counts and deadlines): about half of the
        refresh each, so the desk runs them in two turns of the event loop."""
        return [self._refresh_list_part, self._refresh_summary_part]

    def _refresh_list_part(self) -> None:
        self._summary_due = None
        auth = self.services.ctx.auth
        view = self.may_view
        register = auth.may(Action.REGISTER_COMPLAINT)
        self.register_button.setEnabled(register)
        self.import_button.setEnabled(register)
        full = auth.may(Action.EXPORT_COMPLAINTS_FULL)
        self.unmasked.setVisible(full)
        if not full:
            self.unmasked.setChecked(False)
        for w in (self.export_button, self.stats_button, self.setup_button, self.status,
                  self.source,
                  self.category, self.handler, self.overdue, self.use_dates, self.date_from,
                  self.date_to, self.search, self.phone, self.clear_button):
            w.setEnabled(view)
        self._dates_enabled()
        self.set_actions(can_new=register, can_print=view, can_export=view)
        if not view or self.privacy_hidden:
            self.model.clear()
            self.detail.show_complaint(None)
            self.count.setText(self.tr("您的角色不能查看投诉") if not view else "")
            self.summary.clear()
            return
        self._fill_combos()
        if not self.detail.playbook:  # loaded once; again after the playbook is edited
            self.load_playbook()
        keep = self.detail.view.id if self.detail.view is not None else None
        self.reload()
        self._summary_due = (keep,)

    def _refresh_summary_part(self) -> None:
        if self._summary_due is None or self.privacy_hidden or not self.may_view:
            return
        (keep,), self._summary_due = self._summary_due, None
        self._update_summary()
        if keep is not None:
            self.show_complaint(keep)

    def load_playbook(self) -> None:
        try:
            self.detail.playbook = self.svc.playbook()
        except DomainError:
            self.detail.playbook = []

    def _fill_combos(self) -> None:
        self._loading = True
        try:
            cat, who = self.category.currentData(), self.handler.currentData()
            self.category.clear()
            self.category.addItem(self.tr("全部类别"), None)
            for c in self.svc.settings().categories:
                self.category.addItem(c, c)
            self.category.setCurrentIndex(max(0, self.category.findData(cat)))
            self.handler.clear()
            self.handler.addItem(self.tr("全部处理人"), None)
            for u in self.svc.handlers():
                self.handler.addItem(u.full_name, u.id)
            self.handler.setCurrentIndex(max(0, self.handler.findData(who)))
        except DomainError:
            pass
        finally:
            self._loading = False

    def _dates_enabled(self, *_a: Any) -> None:
        on = self.use_dates.isChecked() and self.use_dates.isEnabled()
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)

    def filters(self) -> ComplaintFilter:
        """What the filter row says, as the service's filter."""
        status = self.status.currentData()
        dates = self.use_dates.isChecked()
        return ComplaintFilter(
            status=status if status not in (None, "open") else None,
            open_only=status == "open", source=self.source.currentData(),
            category=self.category.currentData(), handler_id=self.handler.currentData(),
            overdue=self.overdue.isChecked(),
            start=self.date_from.date_value() if dates else None,
            end=self.date_to.date_value() if dates else None,
            text=self.search.text().strip() or None, phone=self.phone.text().strip() or None)

    def reload(self) -> bool:
        """Count what the filters match and show the first page; further pages load as the
        list scrolls."""
        self._debounce.stop()
        if self._loading or self.privacy_hidden or not self.may_view:
            return False
        f = self.filters()
        size = self.model.page_size
        try:  # the first page first: a short one is the whole list, no count needed
            first = self.svc.page(f, 0, size)
            total = len(first) if len(first) < size else self.svc.count(f)
        except DomainError as exc:
            self.model.clear()
            self.count.setText(exc.message)
            return False
        page = self.svc.page
        pending = [first]

        def fetch(offset: int, limit: int) -> list[ComplaintRow]:
            if offset == 0 and limit == size and pending:
                return pending.pop()  # the page read above, handed over once
            try:
                return page(f, offset, limit)
            except DomainError:  # logged out meanwhile: stop loading
                return []

        self.model.set_source(fetch, total)
        self.view.scrollToTop()  # a new list starts at its top (no second page fetched)
        if not self._fitted and self.model.rowCount():
            fit_columns(self.view)  # once: the columns keep their width across filters
            self._fitted = True
        self._update_count()
        return True

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        self.count.setText(self.tr("共 {0} 条").format(total) if shown >= total
                           else self.tr("显示 {0} / 共 {1} 条（向下滚动加载更多）")
                           .format(shown, total))

    def _update_summary(self) -> None:
        """Overdue and due-soon counts of all open complaints, whatever the filters say (on
        refresh, after a change and every minute; not on every filter change). The overdue
        count is an indexed count; the due-soon one needs the due rows, so it is skipped
        when a backlog of more than ``SUMMARY_ROWS`` overdue complaints makes that slow
        (the overdue figure is then what matters)."""
        if self.privacy_hidden or not self.may_view:
            self.summary.clear()
            return
        try:
            overdue = self.svc.count(ComplaintFilter(overdue=True))
            soon = 0
            if overdue <= SUMMARY_ROWS:
                items = self.svc.due_items(self.services.ctx.clock.now())
                soon = sum(1 for c in items if c.urgency == Urgency.DUE_SOON)
        except DomainError:
            self.summary.clear()
            return
        parts = []
        if overdue:
            parts.append(self.tr("超时 {0} 条").format(overdue))
        if soon:
            parts.append(self.tr("即将到期 {0} 条").format(soon))
        self.summary.setText("  ·  ".join(parts))
        self.summary.setStyleSheet("color: #b3261e; font-weight: bold;" if overdue
                                   else "color: #8a5a00; font-weight: bold;" if soon else "")

    def clear_filters(self) -> None:
        self._loading = True
        for combo in (self.status, self.source, self.category, self.handler):
            combo.setCurrentIndex(0)
        self.overdue.setChecked(False)
        self.use_dates.setChecked(False)
        self.search.clear()
        self.phone.clear()
        self._loading = False
        self.reload()

    def set_privacy(self, hidden: bool) -> None:
        """Locked: the list, the pane and every open dialog of the tab (a form being typed
        holds a customer's name and phone) are hidden. Unlocked by the same user: the
        dialogs come back as they were; by another user: they are cancelled."""
        super().set_privacy(hidden)
        if hidden:
            self.model.clear()
            self.detail.show_complaint(None)
            self.summary.clear()
            user = self.services.ctx.auth.user
            self._hidden_dialogs = (user.id if user else None,
                                    [d for d in self.findChildren(QDialog) if d.isVisible()])
            for d in self._hidden_dialogs[1]:
                d.hide()
            return
        owner, dialogs = self._hidden_dialogs
        self._hidden_dialogs = (None, [])
        user = self.services.ctx.auth.user
        same = user is not None and user.id == owner
        for d in dialogs:
            if same:
                d.show()
            else:
                d.reject()
        self.refresh()

    # --- the pane -------------------------------------------------------------------------
    def selected(self) -> ComplaintRow | None:
        return selected_row(self.view)

    def _selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        if self.detail.view is not None and self.detail.view.id == row.id \
                and not self.detail.unmasked:
            return
        self.show_complaint(row.id, select=False)

    def show_complaint(self, complaint_id: int, *, select: bool = True) -> bool:
        """Open one complaint in the pane (masked) and select it in the list if loaded."""
        r = run_action(self, self.svc.get, complaint_id)
        if not r:
            return False
        self.detail.show_complaint(r.value)
        if select:
            self._select_in_list(complaint_id)
        return True

    def _select_in_list(self, complaint_id: int) -> None:
        row = self.model.find_row(complaint_id)
        sm = self.view.selectionModel()
        if row < 0:
            sm.clearSelection()
            return
        idx = self.proxy.mapFromSource(self.model.index(row, 0))
        self.view.blockSignals(True)
        sm.blockSignals(True)
        sm.setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect
                           | QItemSelectionModel.SelectionFlag.Rows)
        sm.blockSignals(False)
        self.view.blockSignals(False)
        self.view.scrollTo(idx)
        self.view.viewport().update()

    def _after_action(self, view: ComplaintView) -> None:
        self.statusMessage.emit(self.tr("{0}：{1}").format(view.number, view.status.label))
        self.reload()
        self._update_summary()
        self._select_in_list(view.id)

    def show_record(self, target: Target) -> bool:
        """今日 jumps: open the complaint the item names."""
        if target.record_kind != "complaint" or target.record_id is None:
            return False
        if not self.model.rowCount():
            self.refresh()
        return self.show_complaint(target.record_id)

    # --- register ---------------------------------------------------------------------------
    def new_record(self) -> FormDialog | None:
        """Ctrl+N: the registration form."""
        from hallmanager.ui.complaints.register import RegisterDialog

        if not self.services.ctx.auth.may(Action.REGISTER_COMPLAINT):
            return None
        try:
            dlg = RegisterDialog(self.services, self)
        except DomainError as exc:
            show_error(self, exc)
            return None
        dlg.accepted.connect(lambda: self._registered(dlg.result_value))
        self.last_dialog = dlg
        dlg.open()
        return dlg

    def _registered(self, view: ComplaintView) -> None:
        notes = ([self.tr("30 天内重复投诉")] if view.repeat else []) + (
            [self.tr("客户声称升级")] if view.escalation_threat else [])
        self.statusMessage.emit(self.tr("已登记投诉 {0}，处理时限 {1}").format(
            view.number, f"{view.due_at:%m-%d %H:%M}" if view.due_at else "—")
            + "".join(f"（{n}）" for n in notes))
        self.reload()
        self._update_summary()
        self.show_complaint(view.id)

    # --- set-up -----------------------------------------------------------------------------
    def open_settings(self) -> FormDialog | None:
        from hallmanager.ui.complaints.setup import ComplaintSettingsDialog

        try:
            dlg = ComplaintSettingsDialog(self.services, self)
        except DomainError as exc:
            show_error(self, exc)
            return None
        dlg.accepted.connect(self.refresh)
        self.last_dialog = dlg
        dlg.open()
        return dlg

    def open_playbook(self) -> QWidget:
        from hallmanager.ui.complaints.setup import PlaybookDialog

        dlg = PlaybookDialog(self.services, self)
        dlg.finished.connect(lambda _r: (self.load_playbook(), self.refresh()))
        self.last_dialog = dlg
        dlg.open()
        return dlg

    def _open_statistics(self) -> QWidget:
        """统计… — the statistics window (imported when first opened: start-up stays fast)."""
        from hallmanager.ui.complaints.stats import ComplaintStatsDialog

        dlg = ComplaintStatsDialog(self.services, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        return dlg

    # --- files ------------------------------------------------------------------------------
    def print_(self) -> None:
        """Ctrl+P: the selected complaint's slip as a PDF."""
        if self.detail.view is not None:
            self.print_slip(self.detail.view.id)

    def print_slip(self, complaint_id: int, path: str | None = None, *,
                   preview: bool = True) -> Worker | None:
        """投诉处理单 (masked), written off the GUI thread, then the print preview with
        另存为 PDF… (or, given ``path``, just the file)."""
        view = self.detail.view
        number = view.number if view is not None and view.id == complaint_id \
            else str(complaint_id)
        target = Path(path) if path else \
            Path(tempfile.mkdtemp(prefix="hallmanager-")) / f"投诉处理单-{number}.pdf"

        def done(written: Any) -> None:
            self.statusMessage.emit(self.tr("已生成投诉处理单：{0}").format(written))
            if preview and path is None:
                from hallmanager.ui.printing import preview_dialog

                dlg = preview_dialog(written, self,
                                     doc_name=self.tr("投诉处理单 {0}").format(number),
                                     save_as=lambda: self._save_slip(written))
                self.last_dialog = dlg
                dlg.open()

        self._worker = run_in_background(self, self.svc.slip_pdf, complaint_id, target,
                                         force=True, busy_text=self.tr("正在生成投诉处理单…"),
                                         on_done=done)
        return self._worker

    def _save_slip(self, written: Path) -> None:
        """另存为 PDF… in the preview: a copy where the user wants it."""
        import shutil

        path, _ = QFileDialog.getSaveFileName(self, self.tr("另存投诉处理单"),
                                              str(Path.home() / Path(written).name),
                                              "PDF (*.pdf)")
        if not path:
            return
        try:
            shutil.copyfile(written, path)
        except OSError as exc:
            show_error(self, self.tr("无法保存到 {0}：{1}").format(path, exc.strerror or exc))
            return
        self.statusMessage.emit(self.tr("已保存：{0}").format(path))

    def export(self, path: str | None = None) -> Worker | None:
        """Ctrl+E: the complaints the filters select, with the statistics, as a workbook
        (masked; in full only for the hall manager who ticks the box — audited)."""
        if not self.may_view:
            return None
        try:
            f = self.filters()
        except DomainError as exc:
            show_error(self, exc)
            return None
        full = self.unmasked.isChecked() and self.unmasked.isVisibleTo(self)
        if path is None:
            today = self.services.ctx.clock.now().date()
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("导出投诉清单"), str(Path.home() / f"投诉清单-{today}.xlsx"),
                "Excel (*.xlsx)")
            if not path:
                return None

        def done(written: Any) -> None:
            self.statusMessage.emit(self.tr("已导出：{0}").format(written))

        self._worker = run_in_background(self, self.svc.export_excel, path, filters=f,
                                         unmasked=full, force=True,
                                         busy_text=self.tr("正在导出投诉清单…"), on_done=done)
        return self._worker

    def import_orders(self, path: str | None = None) -> Worker | None:
        """Transferred work orders from the call centre's Excel export (all or nothing; a
        re-import adds nothing), off the GUI thread."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("导入转派工单"), "", self.tr("Excel 工单 (*.xlsx)"))
            if not path:
                return None

        def done(result: Any) -> None:
            msg = self.tr("导入 {0} 行：新增 {1} 条，已登记过 {2} 条").format(
                result.rows, result.added, result.skipped)
            self.statusMessage.emit(msg)
            self.count.setText(msg)
            self.reload()

        self._worker = run_in_background(self, self.svc.import_orders, path,
                                         busy_text=self.tr("正在导入转派工单…"), on_done=done)
        return self._worker
