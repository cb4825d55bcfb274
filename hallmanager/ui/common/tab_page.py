"""The base of every main-window tab, and the page shown for modules not yet built.

The main window knows tabs only through this interface: its menu actions (新建 Ctrl+N,
保存 Ctrl+S, 打印 Ctrl+P, 查找 Ctrl+F, 导出 Ctrl+E, 刷新 F5) call the current tab's hook
and are enabled from its ``can_*`` flags; the lock screen calls ``set_privacy``; a user
switch calls ``on_user_changed``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from hallmanager.app import Services
    from hallmanager.services.today import Target
    from hallmanager.ui.common.search import SearchBox


class TabPage(QWidget):
    """Subclass per tab. Set ``objectName`` (e.g. ``todayTab``), return a translated
    ``title()``, set the ``can_*`` flags and override the matching hooks.

    Note on translation: PySide's ``self.tr`` uses the *runtime* class as context, so a base
    class that is subclassed must use ``QCoreApplication.translate("<BaseName>", ...)``.
    """

    #: The registry name of the module this tab shows (``"dutylog"``): the 今日 page's
    #: targets name a module, and the window opens them in the tab with that name.
    module: str | None = None

    #: True for a page whose constructor already shows its data (the window then does not
    #: refresh it again right after building it, e.g. 设置 loads its first section).
    loads_when_built: bool = False

    #: Emit after changing ``can_*`` flags so the window re-enables its actions.
    actionsChanged = Signal()
    #: A short message for the status bar ("已保存", "已导出到 …").
    statusMessage = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.can_new = False
        self.can_save = False
        self.can_print = False
        self.can_find = False
        self.can_export = False
        #: Set to the page's SearchBox: the default ``find()`` focuses it and the window
        #: enables 查找 (Ctrl+F) whenever it is set, even with ``can_find`` False.
        self.search_box: SearchBox | None = None
        self.privacy_hidden = False

    # --- identity --------------------------------------------------------------------
    def title(self) -> str:
        """Tab text, translated (override)."""
        return self.objectName()

    # --- hooks the main window calls ---------------------------------------------------
    def refresh(self) -> None:
        """Reload from the services (tab shown, F5, after a user switch)."""

    def refresh_steps(self) -> list[Callable[[], None]]:
        """``refresh`` cut into parts that, run in order, do what it does. The desk warms a
        hidden tab at start with one part per turn of the event loop, so no single step holds
        the GUI thread long (a shown tab refreshes whole); override for a long refresh."""
        return [self.refresh]

    def new_record(self) -> None:
        """Ctrl+N."""

    def save(self) -> None:
        """Ctrl+S."""

    def print_(self) -> None:
        """Ctrl+P."""

    def find(self) -> None:
        """Ctrl+F: by default focus the page's search box."""
        if self.search_box is not None:
            self.search_box.focus_search()

    def export(self) -> None:
        """Ctrl+E."""

    def show_record(self, target: Target) -> bool:
        """Show the record a 今日 item points at (``target.record_kind``/``record_id``, or a
        date and shift for a record not created yet); False when it cannot be shown."""
        return False

    def set_privacy(self, hidden: bool) -> None:
        """The lock screen is up (hidden=True) or gone. Override to drop personal data from
        models while locked (``model.clear()``) and reload on unlock; call super()."""
        self.privacy_hidden = hidden

    def on_user_changed(self) -> None:
        """Another user logged in at the lock screen: permissions may differ; reload."""
        self.refresh()

    def window_actions(self) -> list[QAction]:
        """Actions the tab offers everywhere (the window's 操作 menu, shortcuts that work on
        every tab, e.g. starting an emergency plan); they are disabled while locked."""
        return []

    def has_unsaved_changes(self) -> bool:
        """True asks the user before a user switch or quit (override for editable pages)."""
        return False

    # --- helpers -----------------------------------------------------------------------
    def set_actions(self, **flags: bool) -> None:
        """``set_actions(can_save=True)`` — update flags and tell the window."""
        for name, value in flags.items():
            if not name.startswith("can_") or not hasattr(self, name):
                raise AttributeError(name)
            setattr(self, name, bool(value))
        self.actionsChanged.emit()


class NotAvailableTab(TabPage):
    """The honest placeholder for a module whose issue has not landed: no fake data."""

    def __init__(self, services: Services, title: str, object_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName(object_name)
        self._title = title
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        head = QLabel(QCoreApplication.translate("NotAvailableTab", "该模块尚未开放"), self)
        head.setObjectName("notAvailableTitle")
        head.setAlignment(Qt.AlignmentFlag.AlignCenter)
        f = head.font()
        f.setPointSizeF(f.pointSizeF() * 1.6)
        f.setBold(True)
        head.setFont(f)
        body = QLabel(QCoreApplication.translate(
            "NotAvailableTab", "“{0}”将在后续版本中提供。目前没有数据，也不会显示示例数据。"
        ).format(title), self)
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.setWordWrap(True)
        body.setStyleSheet("color: #666;")
        layout.addWidget(head)
        layout.addSpacing(8)
        layout.addWidget(body)
        layout.addStretch(3)

    def title(self) -> str:
        return self._title
