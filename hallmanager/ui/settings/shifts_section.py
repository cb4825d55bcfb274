"""班次: the shifts table, an add/edit dialog, (de)activation. Shifts are never deleted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hallmanager.domain.errors import DomainError
from hallmanager.ui.common.editors import TimeEdit
from hallmanager.ui.common.errors import run_action
from hallmanager.ui.common.table_model import (
    ALIGN_CENTER,
    MUTED_FOREGROUND,
    BaseTableModel,
    Column,
    FilterProxyModel,
    make_table_view,
    selected_row,
)
from hallmanager.ui.login.widgets import message_label, set_message
from hallmanager.ui.settings.section import Section, banner, section_title

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


class ShiftDialog(QDialog):
    """Add (``shift`` None) or edit a shift; saves through ``services.settings.save_shift``."""

    def __init__(self, services: Services, shift: ShiftInfo | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shiftDialog")
        self.services = services
        self.shift = shift
        self.saved: ShiftInfo | None = None
        self.setWindowTitle(self.tr("新增班次") if shift is None else self.tr("编辑班次"))
        self.setMinimumWidth(360)
        layout = QVBoxLayout(self)
        form = QFormLayout()
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
        form.addRow(self.tr("名称："), self.name)
        form.addRow(self.tr("开始时间："), self.start)
        form.addRow(self.tr("结束时间："), self.end)
        form.addRow("", self.active)
        layout.addLayout(form)
        self.message = message_label(self, "shiftMessage")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(self)
        ok = buttons.addButton(self.tr("保存"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.start.timeChanged.connect(self._inline)
        self.end.timeChanged.connect(self._inline)

    def _inline(self) -> None:
        bad = self.end.time() <= self.start.time()
        set_message(self.message, self.tr("结束时间必须晚于开始时间") if bad else None)

    def submit(self) -> bool:
        try:
            self.saved = self.services.settings.save_shift(
                shift_id=self.shift.id if self.shift else None, name=self.name.text(),
                start=self.start.text_value(), end=self.end.text_value(),
                active=self.active.isChecked())
        except DomainError as exc:
            set_message(self.message, exc.message)
            return False
        self.accept()
        return True


class ShiftsSection(Section):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("shiftsSection")
        layout = QVBoxLayout(self)
        layout.addWidget(section_title(self, self.tr("班次")))
        self.banner = banner(self, self.tr("只有厅经理可以修改班次。您当前只能查看。"))
        layout.addWidget(self.banner)
        self.model = ShiftTableModel(self)
        self.proxy = FilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.view = make_table_view(self.proxy, self, object_name="shiftsView")
        self.view.doubleClicked.connect(lambda _i: self.edit())
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("新增班次…"), self)
        self.edit_button = QPushButton(self.tr("编辑…"), self)
        self.toggle_button = QPushButton(self.tr("停用"), self)
        self.toggle_button.setObjectName("toggleShiftButton")
        for b in (self.add_button, self.edit_button, self.toggle_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.new_record)
        self.edit_button.clicked.connect(self.edit)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

    def refresh(self) -> None:
        self.model.set_rows(self.services.settings.shifts(include_inactive=True))
        self.banner.setVisible(not self.editable)
        self._update_buttons()

    def _update_buttons(self) -> None:
        editable = self.editable
        current = self.selected()
        self.add_button.setEnabled(editable)
        self.edit_button.setEnabled(editable and current is not None)
        self.toggle_button.setEnabled(editable and current is not None)
        self.toggle_button.setText(self.tr("启用") if current is not None and not current.active
                                   else self.tr("停用"))

    def selected(self) -> ShiftInfo | None:
        return selected_row(self.view)

    def can_new(self) -> bool:
        return self.editable

    def new_record(self) -> None:
        self._open(ShiftDialog(self.services, None, self))

    def edit(self) -> None:
        current = self.selected()
        if current is not None and self.editable:
            self._open(ShiftDialog(self.services, current, self))

    def _open(self, dlg: ShiftDialog) -> None:
        dlg.accepted.connect(self.refresh)
        dlg.open()

    def toggle_active(self) -> None:
        s = self.selected()
        if s is None:
            return
        if run_action(self, self.services.settings.save_shift, shift_id=s.id, name=s.name,
                      start=s.start, end=s.end, active=not s.active):
            self.refresh()
