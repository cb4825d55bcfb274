"""考勤与扣款: record a punch in at most three actions, the day's people, the month's summary,
clock-machine import, 补卡 / leave / violations / waivers, month close and the paper.

Quick entry: type a name, pinyin initials or staff number, optionally a time ("zs 09:47",
"rk0101 0947"), press Enter: the punch is recorded (time: now) and the line below says what it
means — "张三 09:47 · 09:20–12:30 迟到 27:00 → ¥50.00，规则第 1 版".
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hallmanager.domain.attendance.classify import LEAVE_TYPES
from hallmanager.domain.attendance.fines import Item
from hallmanager.domain.errors import DomainError, ValidationError
from hallmanager.domain.money import format_fen
from hallmanager.domain.roles import Action
from hallmanager.services.attendance.views import DayView, StaffView
from hallmanager.ui.attendance.models import DayTableModel, MonthTableModel
from hallmanager.ui.common.editors import DateEdit
from hallmanager.ui.common.errors import run_action, show_error
from hallmanager.ui.common.forms import FormDialog
from hallmanager.ui.common.tab_page import TabPage
from hallmanager.ui.common.table_model import FilterProxyModel, make_table_view, selected_row
from hallmanager.ui.common.widgets import set_message
from hallmanager.ui.workers import Worker, run_in_background

if TYPE_CHECKING:
    from hallmanager.app import Services
    from hallmanager.services.attendance import AttendanceService

_TIME = re.compile(r"^(?P<h>[01]?\d|2[0-3]):?(?P<m>[0-5]\d)$")


def split_entry(text: str) -> tuple[str, dt.time | None]:
    """'zs 09:47' → ('zs', 09:47); '张三' → ('张三', None). Full-width accepted."""
    s = unicodedata.normalize("NFKC", text or "").strip()
    parts = s.split()
    if len(parts) >= 2 and (m := _TIME.match(parts[-1])):
        return " ".join(parts[:-1]), dt.time(int(m["h"]), int(m["m"]))
    return s, None


def describe(day: DayView) -> str:
    """What a punch means for the day, in one line."""
    sessions = "；".join(f"{s.label} {s.status}" for s in day.sessions) or day.kind.label
    fines = "；".join(f"{f.explanation}" for f in day.fines if not f.waived)
    return sessions + (f"（{fines}）" if fines else "")


class AttendanceTab(TabPage):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self._month_due = False  # the refresh's second part (the month report) is to run
        self.setObjectName("attendanceTab")
        self.svc: AttendanceService = services.attendance
        root = QVBoxLayout(self)

        # quick entry ------------------------------------------------------------------
        entry = QHBoxLayout()
        entry.addWidget(QLabel(self.tr("打卡登记"), self))
        self.who = QLineEdit(self)
        self.who.setObjectName("punchWho")
        self.who.setMaxLength(60)
        self.who.setPlaceholderText(self.tr("姓名、拼音首字母或工号，可加时间：zs 09:47（回车登记，时间默认现在）"))
        self.who.setMinimumWidth(300)
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.who.setCompleter(completer)
        self.who.textEdited.connect(self._suggest)
        self.who.returnPressed.connect(self.record_from_entry)
        self.record_button = QPushButton(self.tr("登记打卡"), self)
        self.record_button.setObjectName("recordPunchButton")
        self.record_button.clicked.connect(self.record_from_entry)
        entry.addWidget(self.who, 1)
        entry.addWidget(self.record_button)
        root.addLayout(entry)
        self.result = QLabel(self)
        self.result.setObjectName("punchResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        root.addWidget(self.result)

        # the day ----------------------------------------------------------------------
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("日期"), self))
        self.date = DateEdit(self, value=services.ctx.clock.now().date())
        self.date.setObjectName("attendanceDate")
        self.date.dateChanged.connect(lambda _d: self.load_day())
        bar.addWidget(self.date)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
                ("import", self.tr("导入考勤机文件…"), self.import_clock),
                ("correction", self.tr("补卡…"), self.add_correction),
                ("leave", self.tr("请假…"), self.add_leave),
                ("violation", self.tr("违规…"), self.add_violation),
                ("waive", self.tr("免除扣款…"), self.waive)):
            b = QPushButton(text, self)
            b.setObjectName(f"{key}Button")
            b.clicked.connect(lambda _c=False, f=slot: f())
            self.buttons[key] = b
            bar.addWidget(b)
        bar.addStretch(1)
        # the hall manager's set-up, one menu (keeps the tab narrow enough for 1024 px)
        self.setup_button = QPushButton(self.tr("考勤设置"), self)
        self.setup_button.setObjectName("attendanceSetupButton")
        menu = QMenu(self.setup_button)
        self.actions_: dict[str, QAction] = {}
        for key, text, slot in (("roster", self.tr("花名册…"), self.open_roster),
                                ("rules", self.tr("扣款规则…"), self.open_rules),
                                ("calendar", self.tr("作息与节假日…"), self.open_calendar)):
            act = menu.addAction(text)
            act.setObjectName(f"{key}Action")
            act.triggered.connect(lambda _c=False, f=slot: f())
            self.actions_[key] = act
        self.setup_button.setMenu(menu)
        bar.addWidget(self.setup_button)
        root.addLayout(bar)
        self.day_model = DayTableModel(self)
        self.day_proxy = FilterProxyModel(self)
        self.day_proxy.setSourceModel(self.day_model)
        self.day_view = make_table_view(self.day_proxy, self, object_name="attendanceDayView")

        # the month --------------------------------------------------------------------
        month_box = QWidget(self)
        mlay = QVBoxLayout(month_box)
        mlay.setContentsMargins(0, 0, 0, 0)
        mbar = QHBoxLayout()
        mbar.addWidget(QLabel(self.tr("月份"), month_box))
        self.month = QComboBox(month_box)
        self.month.setObjectName("attendanceMonth")
        self.month.currentIndexChanged.connect(lambda _i: self.load_month())
        mbar.addWidget(self.month)
        self.month_state = QLabel(month_box)
        self.month_state.setObjectName("monthState")
        mbar.addWidget(self.month_state)
        mbar.addStretch(1)
        for key, text, slot in ((("export_xlsx"), self.tr("导出 Excel…"), lambda: self.export("xlsx")),
                                (("export_pdf"), self.tr("导出考勤表 PDF…"), lambda: self.export("pdf")),
                                ("close", self.tr("月结…"), self.close_month)):
            b = QPushButton(text, month_box)
            b.setObjectName(f"{key}Button")
            b.clicked.connect(lambda _c=False, f=slot: f())
            self.buttons[key] = b
            mbar.addWidget(b)
        mlay.addLayout(mbar)
        self.month_model = MonthTableModel(self)
        self.month_proxy = FilterProxyModel(self)
        self.month_proxy.setSourceModel(self.month_model)
        self.month_view = make_table_view(self.month_proxy, month_box,
                                          object_name="attendanceMonthView")
        mlay.addWidget(self.month_view)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.day_view)
        split.addWidget(month_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        root.addWidget(split, 1)
        self.set_actions(can_export=True)
        self._worker: Worker | None = None

    def title(self) -> str:
        return self.tr("考勤与扣款")

    # --- loading ---------------------------------------------------------------------
    def refresh(self) -> None:
        for part in self.refresh_steps():
            part()

    def refresh_steps(self) -> list[Callable[[], None]]:
        """The day, then the month report: about half of the refresh each, so the desk runs
        them in two turns of the event loop."""
        return [self._refresh_day_part, self._refresh_month_part]

    def _refresh_month_part(self) -> None:
        if self._month_due and self.services.ctx.auth.may(Action.VIEW_ATTENDANCE):
            self._month_due = False
            self.load_month()

    def _refresh_day_part(self) -> None:
        self._month_due = False
        may_view = self.services.ctx.auth.may(Action.VIEW_ATTENDANCE)
        may_record = self.services.ctx.auth.may(Action.RECORD_ATTENDANCE)
        for w in (self.who, self.record_button, self.buttons["import"],
                  self.buttons["correction"], self.buttons["leave"], self.buttons["violation"]):
            w.setEnabled(may_record)
        self.buttons["waive"].setEnabled(self.services.ctx.auth.may(Action.WAIVE_FINE))
        self.buttons["close"].setEnabled(self.services.ctx.auth.may(Action.CLOSE_MONTH))
        rules = self.services.ctx.auth.may(Action.MANAGE_ATTENDANCE_RULES)
        self.actions_["rules"].setEnabled(rules)
        self.actions_["calendar"].setEnabled(rules)
        self.actions_["roster"].setEnabled(may_view)
        self.setup_button.setEnabled(may_view)
        for k in ("export_xlsx", "export_pdf"):
            self.buttons[k].setEnabled(may_view)
        self._fill_months()
        if not may_view:
            self.day_model.clear()
            self.month_model.clear()
            if self.services.ctx.auth.may(Action.VIEW_OWN_ATTENDANCE):
                self.load_own()
            return
        self.load_day()
        self._month_due = True

    def load_own(self) -> None:
        """A teller sees their own month only: its figures and every day of it."""
        month = self.month.currentData()
        try:
            mine = self.svc.my_month(month)
        except DomainError as exc:
            set_message(self.result, exc.message)
            return
        self.month_model.set_rows([mine.summary])
        self.day_model.set_rows([d for d in mine.days if d.scheduled or d.sessions])
        self.month_state.setText(self.tr("本人 {0} 考勤").format(self.month.currentText()))

    def _fill_months(self) -> None:
        today = self.services.ctx.clock.now().date()
        keep = self.month.currentData()
        self.month.blockSignals(True)
        self.month.clear()
        y, m = today.year, today.month
        for _ in range(13):
            self.month.addItem(f"{y}年{m}月", f"{y:04d}-{m:02d}")
            y, m = (y, m - 1) if m > 1 else (y - 1, 12)
        self.month.setCurrentIndex(max(0, self.month.findData(keep)))
        self.month.blockSignals(False)

    def load_day(self) -> None:
        if self.privacy_hidden or not self.services.ctx.auth.may(Action.VIEW_ATTENDANCE):
            return
        try:
            self.day_model.set_rows(self.svc.day_overview(self.date.date_value()))
        except DomainError as exc:
            self.day_model.clear()
            set_message(self.result, exc.message)

    def load_month(self) -> None:
        month = self.month.currentData()
        if not month or self.privacy_hidden:
            return
        if not self.services.ctx.auth.may(Action.VIEW_ATTENDANCE):
            if self.services.ctx.auth.may(Action.VIEW_OWN_ATTENDANCE):
                self.load_own()
            return
        try:
            report = self.svc.month_report(month)
        except DomainError as exc:
            self.month_model.clear()
            self.month_state.setText(exc.message)
            return
        self.month_model.set_rows(list(report.rows))
        total = format_fen(report.total_fine_fen)
        state = self.tr("已月结") if report.closed else self.tr("未月结")
        self.month_state.setText(self.tr("{0} · {1} 人 · 扣款合计 {2}").format(
            state, len(report.rows), total))

    def set_privacy(self, hidden: bool) -> None:
        super().set_privacy(hidden)
        if hidden:
            self.day_model.clear()
            self.month_model.clear()
            self.result.clear()

    # --- quick entry ----------------------------------------------------------------------
    def _suggest(self, text: str) -> None:
        name, _t = split_entry(text)
        if not name:
            self._names.setStringList([])
            return
        try:
            people = self.svc.find_staff(name, limit=8)
        except DomainError:
            people = []
        self._names.setStringList([f"{p.name}（{p.staff_no}）" for p in people])

    def resolve(self, text: str) -> StaffView:
        """The one person ``text`` names, or a ValidationError listing the candidates."""
        m = re.match(r"^(?P<name>.+)（(?P<no>[^）]+)）$", text)
        key = m["no"] if m else text
        people = self.svc.find_staff(key, limit=20)
        exact = [p for p in people if key.lower() in (p.staff_no.lower(), p.name, p.initials)]
        if len(exact) == 1:
            return exact[0]
        if len(people) == 1:
            return people[0]
        if not people:
            raise ValidationError(f"没有找到“{text}”：请输入姓名、拼音首字母或工号")
        names = "、".join(f"{p.name}（{p.staff_no}）" for p in people[:6])
        raise ValidationError(f"“{text}”对应 {len(people)} 人：{names}……请输入更多字或工号")

    def record_from_entry(self) -> bool:
        """Enter in the entry line: record the punch (2–3 actions from the tab)."""
        name, at_time = split_entry(self.who.text())
        if not name:
            return False
        try:
            person = self.resolve(name)
        except DomainError as exc:
            set_message(self.result, exc.message)
            self.result.setStyleSheet("color: #c5221f;")
            return False
        now = self.services.ctx.clock.now().replace(microsecond=0)
        day = self.date.date_value()
        at = dt.datetime.combine(day, at_time) if at_time else (
            now if day == now.date() else None)
        if at is None:
            set_message(self.result, self.tr("补登其他日期的打卡请输入时间，例如：{0} 09:47")
                        .format(name))
            self.result.setStyleSheet("color: #c5221f;")
            return False
        result = run_action(self, self.svc.record_punch, person.id, at)
        if not result:
            return False
        rec = result.value
        self.result.setStyleSheet("")
        set_message(self.result, self.tr("已登记：{0}（{1}）{2} · {3}").format(
            rec.punch.staff.name, rec.punch.staff.staff_no, rec.punch.at.strftime("%H:%M"),
            describe(rec.day)))
        self.who.clear()
        self.statusMessage.emit(self.result.text())
        self.load_day()
        self.load_month()
        return True

    # --- dialogs ------------------------------------------------------------------------
    def _selected_day(self) -> DayView | None:
        return selected_row(self.day_view)

    def add_correction(self) -> None:
        d = self._selected_day()
        dlg = _PunchFixDialog(self, self.svc, d.staff.staff_no if d else "",
                              self.date.date_value())
        dlg.accepted.connect(self._reload)
        dlg.open()

    def add_leave(self) -> None:
        d = self._selected_day()
        dlg = _LeaveDialog(self, self.svc, d.staff.staff_no if d else "", self.date.date_value())
        dlg.accepted.connect(self._reload)
        dlg.open()

    def add_violation(self) -> None:
        d = self._selected_day()
        dlg = _ViolationDialog(self, self.svc, d.staff.staff_no if d else "")
        dlg.accepted.connect(self._reload)
        dlg.open()

    def waive(self) -> None:
        d = self._selected_day()
        fines = [f for f in (d.fines if d else ()) if not f.waived]
        if not fines:
            show_error(self, self.tr("请先在列表中选择一条有扣款的记录"))
            return
        dlg = _WaiveDialog(self, self.svc, fines)
        dlg.accepted.connect(self._reload)
        dlg.open()

    def open_roster(self) -> None:
        from hallmanager.ui.attendance.roster import RosterDialog

        dlg = RosterDialog(self.services, self)
        dlg.finished.connect(lambda _r: self._reload())
        dlg.open()

    def open_rules(self) -> None:
        from hallmanager.ui.attendance.rules import RulesDialog

        if not run_action(self, self.svc.rules_on, self.date.date_value()):
            return
        dlg = RulesDialog(self.services, self)
        dlg.accepted.connect(self._reload)
        dlg.open()

    def open_calendar(self) -> None:
        from hallmanager.ui.attendance.calendar import CalendarDialog

        dlg = CalendarDialog(self.services, self)
        dlg.finished.connect(lambda _r: self._reload())
        dlg.open()

    def close_month(self) -> None:
        month = self.month.currentData()
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("月结"),
                          self.tr("月结 {0} 后该月的考勤、请假、违规和扣款都不能再修改。确定月结？")
                          .format(self.month.currentText()),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("closeMonthBox")
        if box.exec() == QMessageBox.StandardButton.Yes and \
                run_action(self, self.svc.close_month, month):
            self.statusMessage.emit(self.tr("{0} 已月结").format(self.month.currentText()))
            self.load_month()

    def _reload(self) -> None:
        self.load_day()
        self.load_month()

    # --- files ----------------------------------------------------------------------------
    def import_clock(self, path: str | None = None) -> Worker | None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("导入考勤机文件"), "",
                self.tr("考勤机导出文件 (*.csv *.xlsx);;所有文件 (*)"))
            if not path:
                return None

        def done(result: Any) -> None:
            lines = [self.tr("新增 {0} 条，重复 {1} 条，拒绝 {2} 条。").format(
                result.imported, result.duplicates, result.rejected)]
            lines += [f"第 {p.row} 行：{p.reason}" for p in result.rejected_rows[:20]]
            set_message(self.result, "\n".join(lines))
            self._reload()

        self._worker = run_in_background(self, self.svc.import_punches, path,
                                         busy_text=self.tr("正在导入考勤机文件…"), on_done=done)
        return self._worker

    def export(self, fmt: str = "xlsx", path: str | None = None) -> Worker | None:
        from hallmanager.services.attendance.paper import AttendancePaper

        month = self.month.currentData()
        if path is None:
            suffix = ".xlsx" if fmt == "xlsx" else ".pdf"
            name = f"考勤表-{month}{suffix}"
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("导出考勤"), str(Path.home() / name),
                "Excel (*.xlsx)" if fmt == "xlsx" else "PDF (*.pdf)")
            if not path:
                return None
        paper = AttendancePaper(self.svc)

        def done(written: Any) -> None:
            self.statusMessage.emit(self.tr("已导出：{0}").format(written))
            set_message(self.result, self.tr("已导出：{0}").format(written))

        self._worker = run_in_background(self, paper.export, path, month=month, force=True,
                                         busy_text=self.tr("正在导出…"), on_done=done)
        return self._worker


class _StaffField(QLineEdit):
    def __init__(self, parent: QWidget, text: str) -> None:
        super().__init__(text, parent)
        self.setObjectName("staffField")
        self.setPlaceholderText(QLineEdit.tr("工号、姓名或拼音首字母"))


def _person(svc: AttendanceService, text: str) -> StaffView:
    people = svc.find_staff(text.strip(), limit=5)
    exact = [p for p in people if text.strip().lower() in (p.staff_no.lower(), p.name,
                                                           p.initials)]
    if len(exact) == 1 or len(people) == 1:
        return (exact or people)[0]
    raise ValidationError(f"请填写一位员工的工号：“{text}”" if text.strip() else "请填写员工",
                          field="staff")


class _PunchFixDialog(FormDialog):
    """补卡: a missing punch with its time and a reason (audited)."""

    def __init__(self, parent: QWidget, svc: AttendanceService, staff: str,
                 day: dt.date) -> None:
        super().__init__(parent, self.tr("补卡"), "punchFixDialog")
        self.svc = svc
        self.staff = _StaffField(self, staff)
        self.when = QLineEdit(f"{day.isoformat()} 09:00", self)
        self.when.setObjectName("fixWhen")
        self.reason = QLineEdit(self)
        self.reason.setObjectName("fixReason")
        self.reason.setMaxLength(200)
        self.form.addRow(self.tr("员工"), self.staff)
        self.form.addRow(self.tr("打卡时间"), self.when)
        self.form.addRow(self.tr("原因"), self.reason)

    def call(self) -> Any:
        from hallmanager.domain.validation import parse_datetime_text

        at = parse_datetime_text(self.when.text(), field="打卡时间")
        return self.svc.record_correction(_person(self.svc, self.staff.text()).id, at,
                                          self.reason.text())


class _LeaveDialog(FormDialog):
    def __init__(self, parent: QWidget, svc: AttendanceService, staff: str,
                 day: dt.date) -> None:
        super().__init__(parent, self.tr("登记请假"), "leaveDialog")
        self.svc = svc
        self.staff = _StaffField(self, staff)
        self.kind = QComboBox(self)
        self.kind.addItems(list(LEAVE_TYPES))
        self.start = DateEdit(self, value=day)
        self.end = DateEdit(self, value=day)
        self.note = QLineEdit(self)
        self.note.setMaxLength(200)
        self.form.addRow(self.tr("员工"), self.staff)
        self.form.addRow(self.tr("类别"), self.kind)
        self.form.addRow(self.tr("开始日期"), self.start)
        self.form.addRow(self.tr("结束日期"), self.end)
        self.form.addRow(self.tr("说明"), self.note)

    def call(self) -> Any:
        return self.svc.record_leave(_person(self.svc, self.staff.text()).id,
                                     self.kind.currentText(), self.start.date_value(),
                                     self.end.date_value(), note=self.note.text())


class _ViolationDialog(FormDialog):
    def __init__(self, parent: QWidget, svc: AttendanceService, staff: str) -> None:
        super().__init__(parent, self.tr("登记违规"), "violationDialog")
        self.svc = svc
        self.staff = _StaffField(self, staff)
        self.item = QComboBox(self)
        for it in Item:
            self.item.addItem(it.label, it.value)
        self.note = QPlainTextEdit(self)
        self.note.setFixedHeight(60)
        self.form.addRow(self.tr("员工"), self.staff)
        self.form.addRow(self.tr("违规事项"), self.item)
        self.form.addRow(self.tr("说明（谁看到、经过）"), self.note)

    def call(self) -> Any:
        return self.svc.record_violation(_person(self.svc, self.staff.text()).id,
                                         self.item.currentData(),
                                         note=self.note.toPlainText()[:500])


class _WaiveDialog(FormDialog):
    def __init__(self, parent: QWidget, svc: AttendanceService, fines: list[Any]) -> None:
        super().__init__(parent, self.tr("免除扣款"), "waiveDialog")
        self.svc = svc
        self.fine = QComboBox(self)
        for f in fines:
            self.fine.addItem(f"{f.explanation}（{format_fen(f.fen)}）", f.key)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("waiveReason")
        self.reason.setMaxLength(200)
        self.form.addRow(self.tr("扣款"), self.fine)
        self.form.addRow(self.tr("免除原因"), self.reason)

    def call(self) -> Any:
        return self.svc.waive_fine(self.fine.currentData(), self.reason.text())
