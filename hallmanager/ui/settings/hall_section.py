"""营业厅: name, code, language and the idle-lock minutes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hallmanager.domain.errors import DomainError
from hallmanager.ui.common.errors import run_action
from hallmanager.ui.common.labels import language_label
from hallmanager.ui.settings.section import Section, banner, section_title

if TYPE_CHECKING:
    from hallmanager.app import Services

LANGUAGES = ("zh_CN", "en")


class HallSection(Section):
    """Saved through ``services.settings.update_hall``; emits ``hallChanged`` after saving so
    the window title and idle lock follow at once."""

    hallChanged = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("hallSection")
        layout = QVBoxLayout(self)
        layout.addWidget(section_title(self, self.tr("营业厅")))
        self.banner = banner(self, self.tr("只有厅经理可以修改设置。您当前只能查看。"))
        layout.addWidget(self.banner)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setObjectName("hallNameEdit")
        self.name.setMaxLength(100)
        self.code = QLineEdit(self)
        self.code.setObjectName("hallCodeEdit")
        self.code.setMaxLength(30)
        self.language = QComboBox(self)
        self.language.setObjectName("languageCombo")
        for code in LANGUAGES:
            self.language.addItem(language_label(code), code)
        self.idle = QSpinBox(self)
        self.idle.setObjectName("idleMinutes")
        self.idle.setRange(1, 240)
        self.idle.setSuffix(self.tr(" 分钟"))
        form.addRow(self.tr("营业厅名称："), self.name)
        form.addRow(self.tr("营业厅编码："), self.code)
        form.addRow(self.tr("界面语言："), self.language)
        form.addRow(self.tr("无操作自动锁屏："), self.idle)
        form_box = QWidget(self)
        form_box.setLayout(form)
        form_box.setMaximumWidth(640)
        layout.addWidget(form_box)
        note = QLabel(self.tr("界面语言在下次启动程序时生效。自动锁屏保护客户信息：离开前台时也可按 Ctrl+L 立即锁定。"), self)
        note.setWordWrap(True)
        note.setMaximumWidth(640)
        note.setStyleSheet("color: #666;")
        layout.addWidget(note)
        self.save_button = QPushButton(self.tr("保存"), self)
        self.save_button.setObjectName("saveHallButton")
        self.save_button.clicked.connect(self.save)
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def refresh(self) -> None:
        try:
            hall = self.services.settings.hall()
        except DomainError:
            return
        self.name.setText(hall.name)
        self.code.setText(hall.code)
        i = self.language.findData(hall.language)
        self.language.setCurrentIndex(max(i, 0))
        self.idle.setValue(hall.idle_lock_minutes)
        editable = self.editable
        self.banner.setVisible(not editable)
        for w in (self.name, self.code, self.language, self.idle):
            w.setEnabled(editable)
        self.name.setReadOnly(not editable)
        self.code.setReadOnly(not editable)
        self.save_button.setVisible(editable)

    def save(self) -> bool:
        result = run_action(self, self.services.settings.update_hall,
                            name=self.name.text(), code=self.code.text(),
                            language=self.language.currentData(),
                            idle_lock_minutes=self.idle.value())
        if result:
            self.hallChanged.emit()
        return bool(result)
