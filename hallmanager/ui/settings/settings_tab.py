"""The 设置 tab: a section list on the left, the chosen section on the right."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QStackedWidget, QWidget

from hallmanager.registry import load
from hallmanager.ui.common.tab_page import TabPage
from hallmanager.ui.settings.audit_section import AuditSection
from hallmanager.ui.settings.backup_section import BackupSection
from hallmanager.ui.settings.hall_section import HallSection
from hallmanager.ui.settings.section import Section
from hallmanager.ui.settings.shifts_section import ShiftsSection
from hallmanager.ui.settings.users_section import UsersSection

if TYPE_CHECKING:
    from hallmanager.app import Services


class SettingsTab(TabPage):
    """Everyone may look; only the hall manager may change (each section shows why not).

    ``hallChanged`` tells the main window to refresh its title and idle-lock minutes.
    """

    loads_when_built = True  # the first section, shown by the constructor

    hallChanged = Signal()
    restored = Signal()  # the database was replaced from a backup: log in again
    backedUp = Signal()  # a backup finished or failed: the status bar follows

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("settingsTab")
        self.hall = HallSection(services, self)
        self.shifts = ShiftsSection(services, self)
        self.users = UsersSection(services, self)
        self.audit = AuditSection(services, self)
        self.backup = BackupSection(services, self)
        # sections a module adds (its registry line's ``settings``), before 审计日志
        extra: list[tuple[str, Section]] = [
            x for m in services.modules if m.settings and m.available
            for x in load(m.settings)(services, self)]
        self.sections: list[Section] = [self.hall, self.shifts, self.users,
                                        *(sec for _t, sec in extra), self.audit, self.backup]

        self.nav = QListWidget(self)
        self.nav.setObjectName("settingsNav")
        self.nav.addItems([self.tr("营业厅"), self.tr("班次"), self.tr("用户"),
                           *(t for t, _s in extra), self.tr("审计日志"), self.tr("备份与恢复")])
        self.nav.setFixedWidth(150)
        self.nav.setStyleSheet("QListWidget { font-size: 11pt; } QListWidget::item { padding: 8px; }")
        self.stack = QStackedWidget(self)
        for s in self.sections:
            self.stack.addWidget(s)
        layout = QHBoxLayout(self)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)

        self.hall.hallChanged.connect(self.hallChanged)
        self.backup.restored.connect(self.restored)
        self.backup.backedUp.connect(self.backedUp)
        self.nav.currentRowChanged.connect(self._on_section)
        self.nav.setCurrentRow(0)

    def title(self) -> str:
        return self.tr("设置")

    def show_section(self, section: Section) -> None:
        self.nav.setCurrentRow(self.sections.index(section))

    def current_section(self) -> Section:
        return self.sections[max(0, self.nav.currentRow())]

    def _on_section(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        if not self.privacy_hidden:
            self.current_section().refresh()
        self._sync_actions()

    def _sync_actions(self) -> None:
        sec = self.current_section()
        self.search_box = self.audit.search if sec is self.audit else (
            self.users.search if sec is self.users else None)
        self.set_actions(can_new=sec.can_new(), can_save=sec is self.hall and sec.editable,
                         can_find=self.search_box is not None)

    def refresh(self) -> None:
        """Reload the section on screen only; the others reload when they are shown (the
        audit section alone may hold years of entries: never load it unseen)."""
        if not self.privacy_hidden:
            self.current_section().refresh()
        self._sync_actions()

    def new_record(self) -> None:
        self.current_section().new_record()

    def save(self) -> None:
        if self.current_section() is self.hall:
            self.hall.save()

    def set_privacy(self, hidden: bool) -> None:
        super().set_privacy(hidden)
        for s in self.sections:
            s.set_privacy(hidden)
