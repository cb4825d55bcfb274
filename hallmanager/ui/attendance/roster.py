"""花名册: the roster at the desk (hall manager): list, add, edit, enable/disable, import."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hallmanager.domain.roles import Action
from hallmanager.domain.validation import parse_date_text
from hallmanager.ui.common.errors import run_action
from hallmanager.ui.common.forms import FormDialog
from hallmanager.ui.common.table_model import MUTED_FOREGROUND, BaseTableModel, Column
from hallmanager.ui.common.widgets import set_message
from hallmanager.ui.settings.section import ListSection

if TYPE_CHECKING:
    from hallmanager.app import Services
    from hallmanager.services.attendance.views import StaffView


class StaffTableModel(BaseTableModel["StaffView"]):
    """Roster lines; people who left greyed. Phones as the service gives them (masked unless
    the user may see them in full)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([
            Column(self.tr("工号"), lambda p: p.staff_no),
            Column(self.tr("姓名"), lambda p: p.name),
            Column(self.tr("拼音"), lambda p: p.initials),
            Column(self.tr("岗位"), lambda p: p.position),
            Column(self.tr("手机"), lambda p: p.phone),
            Column(self.tr("入职日期"), lambda p: p.hire_date.isoformat() if p.hire_date else ""),
            Column(self.tr("离职日期"), lambda p: p.leave_date.isoformat() if p.leave_date else ""),
            Column(self.tr("状态"), lambda p: p.active,
                   display=lambda a: self.tr("在职") if a else self.tr("已停用")),
        ], parent, row_foreground=lambda p: None if p.active else MUTED_FOREGROUND)


def _date_or_none(text: str, field: str) -> Any:
    return parse_date_text(text, field=field) if text.strip() else None


class StaffDialog(FormDialog):
    """Add or edit one roster line (工号 unique; dates as YYYY-MM-DD, blank = none)."""

    def __init__(self, services: Services, person: StaffView | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, self.tr("新增员工") if person is None else self.tr("编辑员工"),
                         "staffDialog", ok_text=self.tr("保存"), min_width=420)
        self.svc = services.attendance
        self.person = person
        p = person

        def edit(name: str, text: str, length: int) -> QLineEdit:
            e = QLineEdit(text, self)
            e.setObjectName(name)
            e.setMaxLength(length)
            return e

        self.staff_no = edit("staffNo", p.staff_no if p else "", 20)
        self.name = edit("staffName", p.name if p else "", 40)
        self.position = edit("staffPosition", p.position if p else "营业员", 40)
        self.phone = edit("staffPhone", p.phone if p and not p.phone_masked else "", 20)
        self.hire = edit("staffHire", p.hire_date.isoformat() if p and p.hire_date else "", 10)
        self.leave = edit("staffLeave", p.leave_date.isoformat() if p and p.leave_date else "", 10)
        self.active = QCheckBox(self.tr("在职"), self)
        self.active.setChecked(p.active if p else True)
        rota = self.svc.rota(p.id) if p else None
        rest = set(rota.rest_weekdays) if rota else set()
        self.rest_box = QWidget(self)
        rest_row = QHBoxLayout(self.rest_box)
        rest_row.setContentsMargins(0, 0, 0, 0)
        self.rest_days: list[QCheckBox] = []
        for i, name in enumerate("一二三四五六日"):
            cb = QCheckBox(self.tr("周{0}").format(name), self.rest_box)
            cb.setObjectName(f"rest{i}")
            cb.setChecked(i in rest)
            rest_row.addWidget(cb)
            self.rest_days.append(cb)
        for label, w in ((self.tr("工号"), self.staff_no), (self.tr("姓名"), self.name),
                         (self.tr("岗位"), self.position), (self.tr("手机（可选）"), self.phone),
                         (self.tr("入职日期"), self.hire), (self.tr("离职日期"), self.leave),
                         ("", self.active), (self.tr("固定休息日（排班）"), self.rest_box)):
            self.form.addRow(label, w)
        self.add_hint(self.tr("日期格式 YYYY-MM-DD，可留空；工号在营业厅内唯一。不勾选休息日即按营业厅"
                              "作息每个工作日上班。"))

    def call(self) -> Any:
        p = self.person
        saved = self.svc.save_staff(
            p.id if p else None, staff_no=self.staff_no.text(), name=self.name.text(),
            position=self.position.text(), phone=self.phone.text(),
            hire_date=_date_or_none(self.hire.text(), "入职日期"),
            leave_date=_date_or_none(self.leave.text(), "离职日期"),
            active=self.active.isChecked(), user_id=p.user_id if p else None)
        rest = [i for i, cb in enumerate(self.rest_days) if cb.isChecked()]
        old = self.svc.rota(saved.id)
        if rest or (old is not None and old.rest_weekdays):
            self.svc.set_rota(saved.id, rest_weekdays=rest,
                              rest_dates=old.rest_dates if old else (),
                              work_dates=old.work_dates if old else ())
        return saved


class RosterSection(ListSection):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent, object_name="rosterSection", title=self.tr("花名册"),
                         banner_text=self.tr("只有厅经理可以修改花名册。您当前只能查看。"),
                         model=StaffTableModel(), view_name="rosterView", search=True,
                         personal=True)
        self.view.doubleClicked.connect(lambda _i: self.edit())
        self.add_button = self.add_action(self.tr("新增员工…"), self.new_record, "addStaffButton")
        self.edit_button = self.add_action(self.tr("编辑…"), self.edit, "editStaffButton",
                                           needs_selection=True)
        self.import_button = self.add_action(self.tr("导入花名册…"), self.import_file,
                                             "importStaffButton")

    @property
    def editable(self) -> bool:
        return self.services.ctx.auth.may(Action.MANAGE_ROSTER)

    def rows(self) -> list[StaffView]:
        return self.services.attendance.staff(include_inactive=True)

    def new_record(self) -> None:
        self.open_dialog(StaffDialog(self.services, None, self))

    def edit(self) -> None:
        p = self.selected()
        if p is not None and self.editable:
            self.open_dialog(StaffDialog(self.services, p, self))

    def import_file(self, path: str | None = None) -> bool:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("导入花名册"), "", self.tr("花名册 (*.csv *.xlsx);;所有文件 (*)"))
            if not path:
                return False
        result = run_action(self, self.services.attendance.import_staff, path)
        if result:
            r = result.value
            set_message(self.banner, self.tr("已导入：新增 {0}，更新 {1}，未变 {2}").format(
                r.created, r.updated, r.unchanged))
            self.refresh()
            self.banner.setVisible(True)
        return bool(result)


class RosterDialog(QDialog):
    """The roster in a window of its own, opened from the 考勤与扣款 tab."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rosterDialog")
        self.setWindowTitle(self.tr("花名册"))
        self.resize(900, 560)
        lay = QVBoxLayout(self)
        self.section = RosterSection(services, self)
        lay.addWidget(self.section)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        lay.addWidget(close)
        self.section.refresh()
