"""The shared shape of every small dialog and every list page in 设置 and the modules.

``FormDialog``: a title, optional intro/hints, a form, a red message line and OK/取消 around
one service call. ``submit()`` runs ``problem()`` (checks before the call), then ``call()``;
a DomainError's message is shown inline and the dialog stays open, so nothing typed is lost.
Open dialogs with ``open()``; tests call ``submit()``.

``ListSection`` (in ``ui.settings.section``) builds on the same idea for list pages.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hallmanager.domain.errors import DomainError
from hallmanager.ui.common.widgets import message_label, set_message

HINT_STYLE = "color: #666;"


class FormDialog(QDialog):
    """Override ``call()`` (the service call; its result lands in ``result_value``) and, for
    checks the UI can make before calling, ``problem()``. ``watch(*signals)`` shows
    ``problem()`` live while typing, once ``ready_for_live_check()`` says the user has
    typed enough to be told."""

    def __init__(self, parent: QWidget | None, title: str, object_name: str, *,
                 ok_text: str | None = None, min_width: int = 460,
                 message_name: str = "message", cancel: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWindowTitle(title)
        self.setMinimumWidth(min_width)
        self.result_value: Any = None
        self.body = QVBoxLayout(self)
        self.form = QFormLayout()
        self.body.addLayout(self.form)
        self.message = message_label(self, message_name)
        self.body.addWidget(self.message)
        self.buttons = QDialogButtonBox(self)
        self.ok_button: QPushButton = self.buttons.addButton(
            ok_text or QCoreApplication.translate("FormDialog", "确定"),
            QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        self.cancel_button: QPushButton = self.buttons.addButton(
            QCoreApplication.translate("FormDialog", "取消"),
            QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setVisible(cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.body.addWidget(self.buttons)

    # --- layout helpers -----------------------------------------------------------------
    def add_intro(self, text: str) -> QLabel:
        """A wrapped sentence above the form (who/what the dialog is about)."""
        label = QLabel(text, self)
        label.setWordWrap(True)
        self.body.insertWidget(0, label)
        return label

    def add_hint(self, text: str) -> QLabel:
        """A grey note under the form (rules the input must follow)."""
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setStyleSheet(HINT_STYLE)
        self.body.insertWidget(self.body.indexOf(self.message), label)
        return label

    # --- behaviour ----------------------------------------------------------------------
    def problem(self) -> str | None:
        """What is wrong with the input before calling the service (None: nothing)."""
        return None

    def ready_for_live_check(self) -> bool:
        """Whether to show ``problem()`` while typing (override: e.g. once both passwords
        are typed)."""
        return True

    def watch(self, *signals: Any) -> None:
        for sig in signals:
            sig.connect(self._live_check)

    def _live_check(self, *_args: Any) -> None:
        set_message(self.message, self.problem() if self.ready_for_live_check() else None)

    def call(self) -> Any:  # override
        raise NotImplementedError

    def submit(self) -> bool:
        problem = self.problem()
        if problem:
            set_message(self.message, problem)
            return False
        try:
            self.result_value = self.call()
        except DomainError as exc:
            set_message(self.message, exc.message)
            return False
        self.accept()
        return True
