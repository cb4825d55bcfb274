"""The search box above every list."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QWidget


class SearchBox(QLineEdit):
    """A line edit with a clear button that filters a proxy model as you type.

    Ctrl+F: inside the main window the menu's 查找 action calls ``TabPage.find()``, which
    focuses the page's ``search_box``. In a stand-alone dialog call ``attach_shortcut(dialog)``
    (not inside the main window: two Ctrl+F shortcuts would be ambiguous and neither fires).
    """

    def __init__(self, parent: QWidget | None = None, *, placeholder: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchBox")
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(placeholder or self.tr("搜索（Ctrl+F）"))
        self.setMinimumWidth(220)
        self.setMaximumWidth(420)

    def focus_search(self) -> None:
        """Put the cursor in the box with its text selected, ready to type over."""
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()

    def connect_proxy(self, proxy: QSortFilterProxyModel) -> None:
        """Filter ``proxy`` (a FilterProxyModel or any QSortFilterProxyModel) on every edit."""
        setter = getattr(proxy, "set_text", None) or proxy.setFilterFixedString
        self.textChanged.connect(setter)

    def attach_shortcut(self, scope: QWidget) -> QShortcut:
        """Make Ctrl+F anywhere in ``scope`` focus this box (for dialogs)."""
        sc = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), scope)
        sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        sc.activated.connect(self.focus_search)
        return sc
