"""Idle lock: any mouse or key input resets the timer; a poll decides when to lock.

The decision is the domain's ``IdleTracker`` on an injectable clock, so tests move a
``ManualClock`` and call ``poll()`` instead of sleeping.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

from hallmanager.domain.clock import Clock
from hallmanager.domain.login_policy import IdleTracker

_INPUT_EVENTS = frozenset({
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TabletPress,
})


class IdleWatcher(QObject):
    """Installs itself as an application event filter while started; emits ``lockRequested``
    once the tracker says so (the owner decides what locking means)."""

    lockRequested = Signal()

    def __init__(self, clock: Clock, minutes: int, parent: QObject | None = None, *,
                 interval_ms: int = 5000) -> None:
        super().__init__(parent)
        self.tracker = IdleTracker(clock, minutes)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self._installed = False

    def start(self) -> None:
        """Begin watching input (again) and reset the idle time."""
        app = QCoreApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self.tracker.touch()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        app = QCoreApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    def set_minutes(self, minutes: int) -> None:
        self.tracker.minutes = minutes

    def poll(self) -> bool:
        """Timer slot; returns True (and emits) when the window must lock now."""
        if self.tracker.should_lock():
            self.lockRequested.emit()
            return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self.tracker.touch()
        return False
