"""班次: the shifts table, an add/edit dialog, (de)activation. Shifts are never deleted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QLineEdit,
    QWidget,
)

from hallmanager.ui.common.editors import TimeEdit
from hallmanager.ui.common.errors import run_action
from hallmanager.ui.common.forms import FormDialog
from hallmanager.ui.common.table_model import (
    ALIGN_CENTER,
    MUTED_FOREGROUND,
    BaseTableModel,
    Column,
)
from hallmanager.ui.settings.section import ListSection

if TYPE_CHECKING:
    from hallmanager.app import Services
    from hallmanager.services.settings import ShiftInfo


class ShiftTableModel(BaseTableModel["ShiftInfo"]):
    """Shifts in their sort order; inactive ones greyed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([
            Column(self.tr("班次"), lambda s: s.name),
            Column(self.tr("开始"), lambda s: s.start, align=ALIGN_CENTER),
            Column(self.tr("结束"), lambda s: s.end, align=ALIGN_CENTER),
            Column(self.tr("状态"), lambda s: s.active,
                   display=lambda a: self.tr("启用") if a else self.tr("已停用")),
        ], parent, row_foreground=lambda s: None if s.active else MUTED_FOREGROUND)


class ShiftDialog(FormDialog):
    """Add (``shift`` None) or edit a shift; saves through ``services.settings.save_shift``."""

    def __init__(self, services: Services, shift: ShiftInfo | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, self.tr("新增班次") if shift is None else self.tr("编辑班次"),
                         "shiftDialog", ok_text=self.tr("保存"), min_width=360,
                         message_name="shiftMessage")
        self.services = services
        self.shift = shift
        self.name = QLineEdit(shift.name if shift else "", self)
        self.name.setObjectName("shiftName")
        self.name.setMaxLength(20)
        self.name.setPlaceholderText(self.tr("例如：早班"))
        self.start = TimeEdit(self, value=shift.start if shift else "08:30")
        self.start.setObjectName("shiftStart")
        self.end = TimeEdit(self, value=shift.end if shift else "14:30")
        self.end.setObjectName("shiftEnd")
        self.active = QCheckBox(self.tr("启用"), self)
        self.active.setChecked(shift.active if shift else True)
        self.form.addRow(self.tr("名称："), self.name)
        self.form.addRow(self.tr("开始时间："), self.start)
        self.form.addRow(self.tr("结束时间："), self.end)
        self.form.addRow("", self.active)
        self.watch(self.start.timeChanged, self.end.timeChanged)

    @property
    def saved(self) -> ShiftInfo | None:
        return self.result_value

    def problem(self) -> str | None:
        """Shown while typing; the service checks the same rule (and more) on save."""
        if self.end.time() <= self.start.time():
            return self.tr("结束时间必须晚于开始时间")
        return None

    def call(self) -> ShiftInfo:
        return self.services.settings.save_shift(
            shift_id=self.shift.id if self.shift else None, name=self.name.text(),
            start=self.start.text_value(), end=self.end.text_value(),
            active=self.active.isChecked())


class ShiftsSection(ListSection):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent, object_name="shiftsSection", title=self.tr("班次"),
                         banner_text=self.tr("只有厅经理可以修改班次。您当前只能查看。"),
                         model=ShiftTableModel(), view_name="shiftsView")
        self.view.doubleClicked.connect(lambda _i: self.edit())
        self.add_button = self.add_action(self.tr("新增班次…"), self.new_record)
        self.edit_button = self.add_action(self.tr("编辑…"), self.edit, needs_selection=True)
        self.toggle_button = self.add_action(self.tr("停用"), self.toggle_active,
                                             "toggleShiftButton", needs_selection=True)

    def rows(self) -> list[ShiftInfo]:
        return self.services.settings.shifts(include_inactive=True)

    def _update_buttons(self) -> None:
        super()._update_buttons()
        current = self.selected()
        self.toggle_button.setText(self.tr("启用") if current is not None and not current.active
                                   else self.tr("停用"))

    def new_record(self) -> None:
        self.open_dialog(ShiftDialog(self.services, None, self))

    def edit(self) -> None:
        current = self.selected()
        if current is not None and self.editable:
            self.open_dialog(ShiftDialog(self.services, current, self))

    def toggle_active(self) -> None:
        s = self.selected()
        if s is None:
            return
        if run_action(self, self.services.settings.save_shift, shift_id=s.id, name=s.name,
                      start=s.start, end=s.end, active=not s.active):
            self.refresh()
