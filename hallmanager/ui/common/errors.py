"""The standard way to report a failed action: the service's Chinese message, verbatim."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from hallmanager.domain.errors import DomainError

T = TypeVar("T")


def error_box(parent: QWidget | None, error: DomainError | str,
              detail: str | None = None) -> QMessageBox:
    """Build (not show) the standard error dialog; tests inspect it without blocking."""
    message = error.message if isinstance(error, DomainError) else str(error)
    extra = detail or (error.detail if isinstance(error, DomainError) else None)
    box = QMessageBox(parent)
    box.setObjectName("errorBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("errors", "操作未完成"))
    box.setText(message)
    if extra:
        box.setDetailedText(extra)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.button(QMessageBox.StandardButton.Ok).setText(QCoreApplication.translate("errors", "确定"))
    return box


def show_error(parent: QWidget | None, error: DomainError | str,
               detail: str | None = None) -> QMessageBox:
    """Show the error window-modally without blocking the caller (``open()``, not ``exec()``),
    so the app stays responsive and tests can find the box with ``findChild(QMessageBox)``."""
    box = error_box(parent, error, detail)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


@dataclass(frozen=True)
class ActionResult(Generic[T]):
    """What ``run_action`` returns: truthy when the service call succeeded."""

    ok: bool
    value: T | None = None
    error: DomainError | None = None

    def __bool__(self) -> bool:
        return self.ok


def run_action(parent: QWidget | None, fn: Callable[..., T], *args: Any,
               **kwargs: Any) -> ActionResult[T]:
    """Call a service; on DomainError show its message and return a falsy result.

    Other exceptions are programming errors and propagate (they reach the crash handler).
    Usage: ``if r := run_action(self, services.settings.save_shift, shift_id=None, ...): ...``
    """
    try:
        return ActionResult(True, fn(*args, **kwargs))
    except DomainError as exc:
        show_error(parent, exc)
        return ActionResult(False, None, exc)
