"""The 值班日志 tab: pick a date and shift (default: today, current shift), a list of recent
logs, and the log page. Ctrl+N opens a log for a date, Ctrl+S saves now, Ctrl+P prints the
handover sheet (交接班表), Ctrl+E exports the day's report (营业日报), Ctrl+F searches the list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hallmanager.domain.errors import DomainError
from hallmanager.domain.roles import Action, Role
from hallmanager.services.dutylog import DutyLogView
from hallmanager.services.today import Target
from hallmanager.ui.common.editors import DateEdit
from hallmanager.ui.common.errors import run_action, show_error
from hallmanager.ui.common.search import SearchBox
from hallmanager.ui.common.tab_page import TabPage
from hallmanager.ui.common.table_model import FilterProxyModel, make_table_view, selected_row
from hallmanager.ui.dutylog.dialogs import OpenLogDialog
from hallmanager.ui.dutylog.log_page import LogPage
from hallmanager.ui.dutylog.models import DutyLogListTableModel
from hallmanager.ui.dutylog.output import ReportOutput

if TYPE_CHECKING:
    from hallmanager.app import Services

LIST_DAYS = 92  # the list shows about three months; older logs via Ctrl+N / the date picker


class DutyLogTab(TabPage):
    module = "dutylog"

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("dutyLogTab")
        self.can_new = True
        self.output = ReportOutput(self)

        self.date = DateEdit(self)
        self.date.setObjectName("logDate")
        self.shift = QComboBox(self)
        self.shift.setObjectName("logShift")
        self.shift.setMinimumWidth(170)
        self.open_button = QPushButton(self.tr("打开"), self)
        self.open_button.setObjectName("openLog")
        self.open_button.clicked.connect(self.open_selected)
        self.print_button = QPushButton(self.tr("打印交接班表…"), self)
        self.print_button.setObjectName("printHandover")
        self.print_button.setToolTip(self.tr("Ctrl+P：预览并打印本班交接班表"))
        self.pdf_button = QPushButton(self.tr("另存为 PDF…"), self)
        self.pdf_button.setObjectName("saveHandoverPdf")
        self.export_button = QPushButton(self.tr("导出营业日报…"), self)
        self.export_button.setObjectName("exportDaily")
        self.export_button.setToolTip(self.tr("Ctrl+E：导出所选日期的营业日报（Excel）"))
        self.unmasked = QCheckBox(self.tr("打印/导出含完整手机号和证件号"), self)
        self.unmasked.setObjectName("unmaskedOutput")
        self.unmasked.setToolTip(self.tr(
            "打印和导出默认遮盖文中的手机号和身份证号；勾选后本次输出保留完整号码，并记入审计日志"))
        self.print_button.clicked.connect(self.print_)
        self.pdf_button.clicked.connect(lambda: self.output.save_pdf())
        self.export_button.clicked.connect(self.export)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("日期"), self))
        top.addWidget(self.date)
        top.addWidget(QLabel(self.tr("班次"), self))
        top.addWidget(self.shift)
        top.addWidget(self.open_button)
        top.addStretch(1)
        for b in (self.print_button, self.pdf_button, self.export_button):
            top.addWidget(b)

        self.search_box = SearchBox(self, placeholder=self.tr("搜索日志（Ctrl+F）"))
        self.search_box.setMaximumWidth(16777215)
        self.list_model = DutyLogListTableModel(self)
        self.list_proxy = FilterProxyModel(self)
        self.list_proxy.setSourceModel(self.list_model)
        self.search_box.connect_proxy(self.list_proxy)
        self.list_view = make_table_view(self.list_proxy, self, object_name="logList")
        self.list_view.activated.connect(lambda _i: self.open_list_selection())
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fit_list()
        self.list_view.doubleClicked.connect(lambda _i: self.open_list_selection())
        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(QLabel(self.tr("最近的值班日志"), left))
        lv.addWidget(self.search_box)
        lv.addWidget(self.list_view, 1)

        self.page = LogPage(services, self)
        self.page.statusMessage.connect(self.statusMessage)
        self.page.logChanged.connect(self.refresh_list)
        self.page.loaded.connect(self._sync_actions)
        self.empty = QWidget(self)
        self.empty_label = QLabel(self.empty)
        self.empty_label.setObjectName("logEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.create_button = QPushButton(self.tr("创建本班值班日志"), self.empty)
        self.create_button.setObjectName("createLog")
        self.create_button.clicked.connect(self.open_selected)
        ev = QVBoxLayout(self.empty)
        ev.addStretch(1)
        ev.addWidget(self.empty_label)
        ev.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignCenter)
        ev.addStretch(2)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.page)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(self.stack)
        split.setStretchFactor(1, 1)
        split.setSizes([330, 950])
        split.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        # Under the print/export buttons, on its own line (only the hall manager sees it), so
        # the window's minimum width stays what the buttons need.
        lay.addWidget(self.unmasked, 0, Qt.AlignmentFlag.AlignRight)
        lay.addWidget(split, 1)
        self._locked_log_id: int | None = None

    def title(self) -> str:
        return self.tr("值班日志")

    def _fit_list(self) -> None:
        """Date, shift and status as wide as their text; the manager's name takes the rest
        (no sideways scrolling in the narrow list, in Chinese or English). The widths are
        measured once per reload on a bounded sample (``make_table_view``), not with
        ResizeToContents, which measures every row again on every layout pass."""
        header = self.list_view.horizontalHeader()
        header.setStretchLastSection(False)
        for c in range(header.count()):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch if c == 2
                                        else QHeaderView.ResizeMode.Interactive)

    @property
    def log(self) -> DutyLogView | None:
        return self.page.log

    # --- hooks ----------------------------------------------------------------------------
    def refresh(self) -> None:
        for part in self.refresh_steps():
            part()

    def refresh_steps(self) -> list[Callable[[], None]]:
        """The list of logs, then the log shown: about half of the refresh each, so the desk
        runs them in two turns of the event loop."""
        return [self._refresh_list_part, self._refresh_log_part]

    def _refresh_list_part(self) -> None:
        if self.privacy_hidden:
            return
        self._load_shifts()
        self.refresh_list()

    def _refresh_log_part(self) -> None:
        if self.privacy_hidden:
            return
        if self.page.log is not None:
            self.page.reload()
            self._sync_actions()
        elif self._locked_log_id is not None:  # back from the lock screen: same log again
            log_id, self._locked_log_id = self._locked_log_id, None
            try:
                self.show_view(self.services.dutylog.get_log(log_id))
            except DomainError:
                self.open_current()
        else:
            self.open_current()

    def refresh_list(self) -> None:
        if not self.services.ctx.auth.may(Action.VIEW_DUTY_LOG):
            self.list_model.clear()
            return
        today = self.services.ctx.clock.now().date()
        try:
            rows = self.services.dutylog.list_logs(today - dt.timedelta(days=LIST_DAYS),
                                                   today + dt.timedelta(days=1))
        except DomainError:
            rows = []
        if rows != self.list_model.rows():  # unchanged: no reset, no re-measuring columns
            self.list_model.set_rows(rows)

    def new_record(self) -> OpenLogDialog:
        """Ctrl+N: open (or start) the log of a chosen date and shift."""
        shifts = [(self.shift.itemData(i), self.shift.itemText(i))
                  for i in range(self.shift.count())]
        dlg = OpenLogDialog(shifts, self.date.date_value(), self.shift.currentData(),
                            lambda d, s: self.open_slot(d, s), self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        return dlg

    def save(self) -> None:
        self.page.save_now()

    def print_(self) -> None:
        self.output.print_handover()

    def export(self) -> None:
        self.output.export_daily()

    def set_privacy(self, hidden: bool) -> None:
        if hidden:
            self.page.autosave.flush()  # still as the user who typed it
            if self.page.log is not None:
                self._locked_log_id = self.page.log.id
            self.list_model.clear()
            self.page.log = None
            self.stack.setCurrentWidget(self.empty)
            self.empty_label.setText("")
            self.create_button.hide()
        super().set_privacy(hidden)

    def on_user_changed(self) -> None:
        self.page.log = None
        self._locked_log_id = None  # another person: start from their current shift
        self.refresh()

    def has_unsaved_changes(self) -> bool:
        if self.page.autosave.pending():
            self.page.autosave.flush()
        return bool(self.page.autosave.pending())

    def unsaved_reasons(self) -> list[str]:
        """Why fields could not be saved (shown when quitting would discard them)."""
        return list(self.page.autosave.rejected().values())

    # --- opening logs ---------------------------------------------------------------------
    def _load_shifts(self) -> None:
        current = self.shift.currentData()
        self.shift.clear()
        try:
            for s in self.services.settings.shifts():
                self.shift.addItem(s.label, s.id)
        except DomainError:
            pass
        if current is not None:
            self.shift.setCurrentIndex(max(0, self.shift.findData(current)))

    def open_current(self) -> None:
        """Today's running shift: open its log (a duty manager starts it if missing)."""
        try:
            slot = self.services.dutylog.current_slot()
        except DomainError as exc:
            self._show_empty(exc.message, can_create=False)
            return
        if slot is None:
            self._show_empty(self.tr("尚未设置班次，请厅经理在“设置 → 班次”中添加。"), False)
            return
        if not self.services.ctx.auth.may(Action.VIEW_DUTY_LOG):
            self._show_empty(self.tr("您的角色无权查看值班日志。"), False)
            return
        day, shift_id = slot
        self.date.set_date_value(day)
        self.shift.setCurrentIndex(max(0, self.shift.findData(shift_id)))
        existing = self._find(day, shift_id)
        user = self.services.ctx.auth.user
        if existing is not None:
            self.show_view(existing)
        elif user is not None and user.role == Role.DUTY_MANAGER:
            self.open_slot(day, shift_id)
        else:
            self._show_empty(self.tr("{0} {1} 尚未创建值班日志。").format(
                day.isoformat(), self.shift.currentText()),
                self.services.ctx.auth.may(Action.EDIT_DUTY_LOG))

    def _find(self, day: dt.date, shift_id: int) -> DutyLogView | None:
        if not self.services.ctx.auth.may(Action.VIEW_DUTY_LOG):
            return None
        rows = [r for r in self.services.dutylog.list_logs(day, day) if r.shift_id == shift_id]
        return self.services.dutylog.get_log(rows[0].id) if rows else None

    def open_selected(self) -> bool:
        sid = self.shift.currentData()
        return sid is not None and self.open_slot(self.date.date_value(), int(sid))

    def open_slot(self, day: dt.date, shift_id: int) -> bool:
        """Open the log of ``day``/shift; creating one for another day than today asks first."""
        try:
            existing = self._find(day, shift_id)
        except DomainError as exc:
            show_error(self, exc)
            return False
        if existing is None:
            today = self.services.ctx.clock.now().date()
            if day != today and not self.confirm_create(day, self._shift_label(shift_id)):
                return False
            r = run_action(self, self.services.dutylog.open_log, day, shift_id)
            if not r:
                return False
            existing = r.value
            self.refresh_list()
        self.show_view(existing)
        return True

    def confirm_create(self, day: dt.date, shift_label: str) -> bool:
        """Ask before starting a log for another date (tests replace this)."""
        today = self.services.ctx.clock.now().date()
        text = (self.tr("{0} {1} 没有值班日志。要为这一过去的日期补建日志吗？")
                if day < today else self.tr("{0} {1} 还没有到。要提前创建值班日志吗？"))
        answer = QMessageBox.question(self, self.tr("创建值班日志"),
                                      text.format(day.isoformat(), shift_label))
        return answer == QMessageBox.StandardButton.Yes

    def _shift_label(self, shift_id: int) -> str:
        i = self.shift.findData(shift_id)
        return self.shift.itemText(i) if i >= 0 else ""

    def open_list_selection(self) -> bool:
        row = selected_row(self.list_view)
        if row is None:
            return False
        r = run_action(self, self.services.dutylog.get_log, row.id)
        if r:
            self.show_view(r.value)
        return bool(r)

    def show_view(self, view: DutyLogView) -> None:
        self.date.set_date_value(view.date)
        i = self.shift.findData(view.shift_id)
        if i < 0:
            self.shift.addItem(view.shift_name, view.shift_id)
            i = self.shift.count() - 1
        self.shift.setCurrentIndex(i)
        self.page.show_log(view)
        self.stack.setCurrentWidget(self.page)
        self._sync_actions()

    def _show_empty(self, text: str, can_create: bool) -> None:
        self.page.log = None
        self.empty_label.setText(text)
        self.create_button.setVisible(can_create)
        self.stack.setCurrentWidget(self.empty)
        self._sync_actions()

    def _sync_actions(self) -> None:
        has = self.page.log is not None
        auth = self.services.ctx.auth
        self.print_button.setEnabled(has and auth.may(Action.PRINT_HANDOVER))
        self.pdf_button.setEnabled(has and auth.may(Action.PRINT_HANDOVER))
        self.export_button.setEnabled(has and auth.may(Action.EXPORT_REPORT))
        self.unmasked.setVisible(auth.may(Action.UNMASK_PERSONAL))
        if not self.unmasked.isVisibleTo(self):
            self.unmasked.setChecked(False)
        self.set_actions(can_save=has and not self.page.is_read_only(),
                         can_print=self.print_button.isEnabled(),
                         can_export=self.export_button.isEnabled())

    # --- navigation from the 今日 page ----------------------------------------------------
    def show_record(self, target: Target) -> bool:
        """Open the log holding ``target`` and focus the checklist item / fault / item."""
        kind, rid = target.record_kind, target.record_id
        if kind == "log" and rid is not None:
            r = run_action(self, self.services.dutylog.get_log, rid)
            if r:
                self.show_view(r.value)
            return bool(r)
        if kind == "log" and target.date is not None and target.shift_id is not None:
            return self.open_slot(target.date, target.shift_id)
        if kind == "handover_item" and rid is not None:
            return self._show_handover(rid)
        self.page.log = None
        self.open_current()
        if self.page.log is None:
            return False
        if kind == "checklist_entry" and rid is not None:
            if self.page.focus_checklist_entry(rid):
                return True
            return self._show_entry_elsewhere(rid)
        if kind == "fault" and rid is not None:
            return self.page.focus_fault(rid)
        return True

    def _show_entry_elsewhere(self, entry_id: int) -> bool:
        """The item is not in the current shift's log: look through today's logs."""
        day = self.services.ctx.clock.now().date()
        for v in self.services.dutylog.logs_for_date(day):
            if any(e.id == entry_id for e in v.checklist):
                self.show_view(v)
                return self.page.focus_checklist_entry(entry_id)
        return False

    def _show_handover(self, item_id: int) -> bool:
        self.page.log = None
        self.open_current()
        if self.page.log is not None and self.page.focus_handover(item_id):
            return True
        for h in self.services.dutylog.pending_handover():
            if h.id == item_id and self.open_slot(h.target_date, h.target_shift_id):
                return self.page.focus_handover(item_id)
        return False
