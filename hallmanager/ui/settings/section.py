"""What the settings tab expects of each section page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWidget

from hallmanager.domain.roles import Action

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
