"""The About dialog: version, where the data and its backups are, and the third-party licences
(Qt for Python is LGPL: its notice and how to replace the library are shown here and ship
with the installer in ``resources/licenses``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hallmanager import __version__
from hallmanager.licences import shipped_text, third_party_text
from hallmanager.ui.i18n import resources_dir

if TYPE_CHECKING:
    from hallmanager.app import Services


def app_icon() -> QIcon:
    """The application icon (window, taskbar); empty when the file is missing."""
    path = resources_dir() / "icons" / "hallmanager.png"
    return QIcon(str(path)) if path.is_file() else QIcon()


def licence_text() -> str:
    """The list the installer shipped, else computed from the installed packages."""
    return shipped_text(resources_dir()) or third_party_text()


class AboutDialog(QDialog):
    def __init__(self, services: Services | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("关于"))
        self.setWindowIcon(app_icon())
        self.resize(640, 520)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("营业厅值班经理工作台 {0}").format(__version__), self)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        layout.addWidget(QLabel(self.tr("供营业厅值班经理在前台使用。"), self))

        form = QFormLayout()
        db = services.db if services is not None else None
        path: Path | None = getattr(db, "path", None)
        where = str(path) if path is not None else str(getattr(db, "url", "") or "—")
        self.database_label = QLabel(where, self)
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("数据库："), self.database_label)
        self.backups_folder = path.parent if path is not None else None
        self.backups_label = QLabel(str(self.backups_folder or "—"), self)
        self.backups_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("备份文件夹："), self.backups_label)
        layout.addLayout(form)

        layout.addWidget(QLabel(self.tr("第三方组件及许可证："), self))
        self.licences = QPlainTextEdit(self)
        self.licences.setObjectName("licencesText")
        self.licences.setReadOnly(True)
        self.licences.setPlainText(licence_text())
        layout.addWidget(self.licences, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.open_licences = QPushButton(self.tr("打开许可证文件夹(&L)"), self)
        buttons.addButton(self.open_licences, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_licences.clicked.connect(self._open_licences)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _open_licences(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(resources_dir() / "licenses")))
