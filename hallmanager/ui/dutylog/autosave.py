"""Autosave of the duty log's draft fields.

Every edit marks its field dirty and restarts a short timer; when it fires (or the field loses
focus, or Ctrl+S) each dirty field is saved with its own ``update_draft`` call, so one invalid
field never blocks the others. A crash loses at most the field being typed. A validation error
is shown next to its field and that field is not saved until it is edited again; until then it
counts as pending (``rejected``), so quitting asks before its text is thrown away.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from hallmanager.domain.dutylog import DraftConflict
from hallmanager.domain.errors import DatabaseError, DomainError, ValidationError
from hallmanager.services.dutylog import DraftSaved

DEBOUNCE_MS = 700
SaveFn = Callable[[dict[str, Any]], DraftSaved]


@dataclass
class Binding:
    name: str
    get: Callable[[], Any]
    error_label: QLabel | None
    widgets: tuple[QWidget, ...]


class Autosave(QObject):
    """Debounced per-field saving. ``saved(DraftSaved)`` after a write that changed something;
    ``failed(DomainError)`` for errors that are not about one field (e.g. the log was signed
    at another desk: the edits are dropped; or a DatabaseError: they stay pending)."""

    saved = Signal(object)
    failed = Signal(object)
    #: (field, DraftConflict): another desk changed the field; it stays dirty (not saved) and
    #: keeps what was typed until the page resolves it (覆盖 / 采用对方内容).
    conflict = Signal(str, object)

    def __init__(self, save: SaveFn, parent: QObject | None = None,
                 delay_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self._save = save
        self._bindings: dict[str, Binding] = {}
        self._dirty: list[str] = []
        self._rejected: dict[str, str] = {}  # field → why its current value was refused
        # After a database failure: no automatic retry on focus-out (its error box takes the
        # focus, which would retry and fail again) until the next edit or an explicit save.
        self._held = False
        self._widget_field: dict[QObject, str] = {}
        self.enabled = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.flush)

    def bind(self, name: str, get: Callable[[], Any], error_label: QLabel | None,
             *widgets: QWidget) -> None:
        """Register a field: how to read its value, where its error goes and which widgets
        hold its focus (focus-out saves at once)."""
        self._bindings[name] = Binding(name, get, error_label, widgets)
        for w in widgets:
            self._watch(w, name)

    def _watch(self, w: QWidget, name: str) -> None:
        self._widget_field[w] = name
        w.installEventFilter(self)

    def watch_children(self, name: str, root: QWidget) -> None:
        """Also save on focus-out of widgets created later inside ``root`` (absence rows)."""
        for child in root.findChildren(QWidget):
            if child not in self._widget_field:
                self._watch(child, name)

    def edited(self, name: str) -> None:
        """A field changed by the user: clear its error, save after the debounce."""
        if not self.enabled:
            return
        self._set_error(name, None)
        self._rejected.pop(name, None)
        self._held = False
        if name not in self._dirty:
            self._dirty.append(name)
        self.timer.start()

    def value(self, name: str) -> Any:
        """The value field ``name`` holds in its editor now."""
        return self._bindings[name].get()

    def pending(self) -> tuple[str, ...]:
        """Fields not saved yet: edited, or refused and not edited since."""
        return tuple(self._dirty) + tuple(n for n in self._rejected if n not in self._dirty)

    def rejected(self) -> dict[str, str]:
        """Fields whose current value was refused, with the message shown next to them."""
        return dict(self._rejected)

    def discard(self) -> None:
        """Forget unsaved edits (another log is being loaded)."""
        self.timer.stop()
        self._dirty.clear()
        self._rejected.clear()
        for name in self._bindings:
            self._set_error(name, None)

    def flush(self) -> bool:
        """Save every dirty field now; True when nothing is left unsaved."""
        self.timer.stop()
        self._held = False
        ok = True
        kept: list[str] = []
        while self._dirty:
            name = self._dirty.pop(0)
            b = self._bindings[name]
            try:
                result = self._save({name: b.get()})
            except DraftConflict as exc:
                kept.append(name)
                self.conflict.emit(name, exc)
                ok = False
                continue
            except ValidationError as exc:
                self._set_error(exc.field if exc.field in self._bindings else name, exc.message,
                                row=exc.row)
                self._rejected[name] = exc.message
                ok = False
                continue
            except DatabaseError as exc:
                # The database failed (locked, read-only, disk full): nothing was saved and
                # the text stays where it is, still pending, to be saved by the next try.
                self._dirty[:0] = [*kept, name]
                self._held = True
                self.failed.emit(exc)
                return False
            except DomainError as exc:
                self._dirty.clear()
                self.failed.emit(exc)
                return False
            self._rejected.pop(name, None)
            if result.changed:
                self.saved.emit(result)
        self._dirty[:0] = kept
        return ok and not self._rejected

    def error(self, name: str) -> str | None:
        lbl = self._bindings[name].error_label
        return lbl.text() if lbl is not None and lbl.isVisibleTo(lbl.parentWidget()) else None

    def _set_error(self, name: str, text: str | None, *, row: int | None = None) -> None:
        """Show (or clear) a field's message; an editor with rows also marks the bad row."""
        b = self._bindings.get(name)
        if b is None:
            return
        for w in b.widgets:
            mark = getattr(w, "mark_error", None)
            if callable(mark):
                mark(row if text else None)
        if b.error_label is None:
            return
        b.error_label.setText(text or "")
        b.error_label.setVisible(bool(text))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self._dirty and not self._held:
            name = self._widget_field.get(obj)
            if name is not None and name in self._dirty:
                QTimer.singleShot(0, self.flush)  # after the focus change settles
        return False
