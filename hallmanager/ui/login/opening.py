"""Work that must not hold up the GUI thread at start: opening the database while the login
dialog is up, checking a password.

``Background(fn)`` runs ``fn`` in a plain Python thread (started on demand: the login dialog
starts it once it is painted); ``finished`` is queued to the GUI thread. ``wait()`` spins a
local event loop until the call has ended, so a caller that needs the result now (Enter
pressed while the database is still opening) waits without freezing the window. Nothing
here imports SQLAlchemy or the services: the login dialog must show before they load.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal

from hallmanager.ui.collector import collector_paused

if TYPE_CHECKING:
    from hallmanager.app import Services
    from hallmanager.domain.errors import DomainError


@dataclass
class Opened:
    """What opening the database found (made in the background thread, read in the GUI one)."""

    services: Services | None = None
    error: DomainError | None = None  # the database could not be used (nothing changed)
    needs_setup: bool = False  # no hall or no hall manager yet: the setup wizard runs
    hall_name: str = ""
    language: str | None = None

    @property
    def ready_for_login(self) -> bool:
        return self.services is not None and self.error is None and not self.needs_setup


class _Notifier(QObject):
    finished = Signal()


class Background:
    """``fn()`` in a thread of its own; ``result`` (or the exception it raised) when done."""

    def __init__(self, fn: Callable[[], Any], name: str = "hallmanager-background", *,
                 long_lived: bool = True) -> None:
        self._fn = fn
        self._long_lived = long_lived  # what ``fn`` leaves alive stays: frozen (collector)
        self._notifier = _Notifier()
        self.finished = self._notifier.finished
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._started = False
        self._start_lock = threading.Lock()  # start() may come from two threads
        self.done = False
        self.result: Any = None
        self.exception: BaseException | None = None

    @property
    def started(self) -> bool:
        return self._started

    def start(self) -> Background:
        """Start once (later calls do nothing)."""
        with self._start_lock:
            if not self._started:
                self._started = True
                self._thread.start()
        return self

    def _run(self) -> None:
        try:
            # the imports' collections would stall the dialog; what they leave lives on
            with collector_paused(freeze=self._long_lived):
                self.result = self._fn()
        except BaseException as exc:  # handed to the GUI thread, raised there by value()
            self.exception = exc
        self.done = True
        self._notifier.finished.emit()

    def wait(self) -> None:
        """Until the call has ended, keeping the GUI responsive (starts it if needed)."""
        self.start()
        if self.done:
            return
        loop = QEventLoop()
        self._notifier.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
        try:
            if not self.done:  # checked after connecting: the end cannot be missed
                loop.exec()
        finally:
            self._notifier.finished.disconnect(loop.quit)

    def join(self) -> None:
        """Block until the thread ends (at exit: nothing to paint any more)."""
        if self._started:
            self._thread.join()

    def value(self) -> Any:
        """The result after ``wait()``; re-raises what the call raised."""
        self.wait()
        if self.exception is not None:
            raise self.exception
        return self.result


def call_waiting(fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)`` off the GUI thread, waiting for it without freezing (Argon2 takes
    ~0.1–0.3 s; a blocked GUI thread would stall painting and input meanwhile)."""
    return Background(lambda: fn(*args), name="hallmanager-call", long_lived=False).value()
