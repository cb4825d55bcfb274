"""What the settings tab expects of each section page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hallmanager.domain.errors import DomainError
from hallmanager.domain.roles import Action
from hallmanager.ui.common.search import SearchBox
from hallmanager.ui.common.table_model import (
    BaseTableModel,
    FilterProxyModel,
    make_table_view,
    selected_row,
)

if TYPE_CHECKING:
    from hallmanager.app import Services


class Section(QWidget):
    """One page of the settings tab. ``editable`` says whether the user may change settings
    (the services enforce it anyway); ``read_only_banner`` is the explanation shown otherwise."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services

    @property
    def editable(self) -> bool:
        return self.services.ctx.auth.may(Action.EDIT_SETTINGS)

    def refresh(self) -> None:
        """Reload from the services and apply ``editable``."""

    def set_privacy(self, hidden: bool) -> None:
        """Drop personal data while the screen is locked."""

    def new_record(self) -> None:
        """Ctrl+N on this section (if it has records)."""

    def can_new(self) -> bool:
        return False


def banner(parent: QWidget, text: str) -> QLabel:
    """The yellow note that tells a non-manager why the fields are read-only."""
    label = QLabel(text, parent)
    label.setObjectName("readOnlyBanner")
    label.setWordWrap(True)
    label.setStyleSheet("background: #fff4cc; border: 1px solid #e6c84f; border-radius: 4px;"
                        " padding: 6px 10px; color: #5c4a00;")
    return label


def section_title(parent: QWidget, text: str) -> QLabel:
    label = QLabel(text, parent)
    f = label.font()
    f.setPointSizeF(f.pointSizeF() * 1.3)
    f.setBold(True)
    label.setFont(f)
    return label


class ListSection(Section):
    """A list page: title, read-only banner, optional search box, a sortable table of
    ``rows()`` and a row of action buttons that follow ``editable`` and the selection.

    Subclasses pass their table model, implement ``rows()`` and add buttons with
    ``add_action``; dialogs opened with ``open_dialog`` refresh the list when accepted."""

    def __init__(self, services: Services, parent: QWidget | None = None, *,
                 object_name: str, title: str, banner_text: str,
                 model: BaseTableModel[Any], view_name: str, search: bool = False,
                 personal: bool = False) -> None:
        super().__init__(services, parent)
        self.setObjectName(object_name)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(section_title(self, title))
        self.banner = banner(self, banner_text)
        self.layout_.addWidget(self.banner)
        self.search: SearchBox | None = SearchBox(self) if search else None
        if self.search is not None:
            self.layout_.addWidget(self.search)
        self.model = model
        model.setParent(self)
        self.proxy = FilterProxyModel(self)
        self.proxy.setSourceModel(model)
        if self.search is not None:
            self.search.connect_proxy(self.proxy)
        self.view = make_table_view(self.proxy, self, object_name=view_name)
        self.layout_.addWidget(self.view, 1)
        self.button_row = QHBoxLayout()
        self.button_row.addStretch(1)
        self.layout_.addLayout(self.button_row)
        self.personal = personal  # rows hold personal data: dropped while the screen is locked
        self._needs_selection: list[QPushButton] = []
        self._buttons: list[QPushButton] = []
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

    def rows(self) -> Sequence[Any]:  # override
        """The rows to show (may raise DomainError: then the list is emptied)."""
        return []

    def add_action(self, text: str, slot: Callable[[], Any], object_name: str = "", *,
                   needs_selection: bool = False) -> QPushButton:
        """A button left of the stretch, enabled when ``editable`` (and a row is selected)."""
        button = QPushButton(text, self)
        if object_name:
            button.setObjectName(object_name)
        button.clicked.connect(lambda _checked=False: slot())
        self.button_row.insertWidget(len(self._buttons), button)
        self._buttons.append(button)
        if needs_selection:
            self._needs_selection.append(button)
        return button

    def refresh(self) -> None:
        try:
            self.model.set_rows(list(self.rows()))
        except DomainError:
            self.model.clear()
        self.banner.setVisible(not self.editable)
        self._update_buttons()

    def set_privacy(self, hidden: bool) -> None:
        if hidden and self.personal:
            self.model.clear()

    def selected(self) -> Any:
        return selected_row(self.view)

    def _update_buttons(self) -> None:
        editable = self.editable
        has_row = self.selected() is not None
        for b in self._buttons:
            b.setEnabled(editable and (has_row or b not in self._needs_selection))

    def can_new(self) -> bool:
        return self.editable

    def open_dialog(self, dlg: QDialog) -> None:
        dlg.accepted.connect(self.refresh)
        dlg.open()
