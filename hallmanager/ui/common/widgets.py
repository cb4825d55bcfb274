"""Small pieces shared by dialogs and pages: the inline message line, headings, password fields."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

MESSAGE_STYLE = "color: #c5221f;"


def message_label(parent: QWidget, object_name: str = "message") -> QLabel:
    """A red, wrapping line for the service's message; empty (and hidden) when all is well."""
    label = QLabel(parent)
    label.setObjectName(object_name)
    label.setStyleSheet(MESSAGE_STYLE)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def set_message(label: QLabel, text: str | None) -> None:
    label.setText(text or "")
    label.setVisible(bool(text))


def heading(parent: QWidget, text: str, scale: float = 1.5, object_name: str = "") -> QLabel:
    label = QLabel(text, parent)
    if object_name:
        label.setObjectName(object_name)
    f = label.font()
    f.setPointSizeF(f.pointSizeF() * scale)
    f.setBold(True)
    label.setFont(f)
    label.setWordWrap(True)
    return label


def password_edit(parent: QWidget, object_name: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(object_name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(128)
    return edit
