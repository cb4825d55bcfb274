"""Idle lock: any mouse or key input resets the timer; a poll decides when to lock.

Input is watched on the windows (``QWindow``), not with an application-wide event filter:
the platform delivers every key and mouse event to a window first, and a window sees a
handful of events where the application sees every event of every widget (a Python call
each: building the 值班日志 page went 30–40 % slower with it, far more while a background
thread held the GIL). Every window that gets the focus is watched (dialogs included), and
the owner widget itself (events sent to it directly); each poll also picks up the windows
that never got the focus (a combo box's popup list).

The decision is the domain's ``IdleTracker`` on an injectable clock, so tests move a
``ManualClock`` and call ``poll()`` instead of sleeping.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow

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
        self._watched: list[QObject] = []

    def start(self) -> None:
        """Begin watching input (again) and reset the idle time."""
        app = QGuiApplication.instance()
        if app is not None and not self._installed:
            self._installed = True
            app.focusWindowChanged.connect(self._watch)  # type: ignore[attr-defined]
            for window in QGuiApplication.topLevelWindows():
                self._watch(window)
            if self.parent() is not None:
                self._watch(self.parent())
        self.tracker.touch()
        self.timer.start()

    def _watch(self, target: QWindow | QObject | None) -> None:
        if target is None or not self._installed:
            return
        target.installEventFilter(self)  # installing twice keeps one filter
        if any(w is target for w in self._watched):
            return
        self._watched.append(target)
        target.destroyed.connect(self._forget)

    def _forget(self, gone: QObject) -> None:
        self._watched = [w for w in self._watched if w is not gone]

    def stop(self) -> None:
        self.timer.stop()
        app = QGuiApplication.instance()
        if app is not None and self._installed:
            self._installed = False
            app.focusWindowChanged.disconnect(self._watch)  # type: ignore[attr-defined]
            for target in self._watched:
                try:
                    target.removeEventFilter(self)
                except RuntimeError:  # deleted meanwhile
                    pass
            self._watched = []

    def set_minutes(self, minutes: int) -> None:
        self.tracker.minutes = minutes

    def poll(self) -> bool:
        """Timer slot; returns True (and emits) when the window must lock now."""
        for window in QGuiApplication.topLevelWindows():  # popups never get the focus
            self._watch(window)
        if self.tracker.should_lock():
            self.lockRequested.emit()
            return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self.tracker.touch()
        return False
