"""Run slow service calls (exports, PDF generation) off the GUI thread.

Writing a workbook or a PDF with an embedded CJK font takes a second or two; the desk must
not freeze meanwhile. ``Worker`` is a QRunnable with ``finished(result)`` / ``failed(error)``
signals (queued back to the GUI thread); ``run_in_background`` adds a busy progress dialog.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from hallmanager.domain.errors import Cancelled, DomainError
from hallmanager.ui.collector import collector_paused

log = logging.getLogger(__name__)

#: Workers still running; keeps their Python objects (and signal emitters) alive.
_ACTIVE: set[Worker] = set()


class WorkerSignals(QObject):
    """Signals live on a QObject (QRunnable is not one); emitted from the pool thread."""

    finished = Signal(object)
    failed = Signal(object)  # a DomainError (its .message is shown to the user)
    progress = Signal(int, int)  # (done, total), from ``run_with_progress`` tasks


class Worker(QRunnable):
    """Call ``fn(*args, **kwargs)`` in the thread pool and report the outcome by signal.

    A DomainError is passed on as is; any other exception is logged and wrapped in a
    DomainError so the user sees a message instead of a silent failure.
    """

    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = WorkerSignals()
        self.done = False

    def run(self) -> None:
        try:
            with collector_paused():  # its collections would freeze the GUI thread too
                result = self.fn(*self.args, **self.kwargs)
        except DomainError as exc:
            self.signals.failed.emit(exc)
        except Exception as exc:
            log.exception("background task failed")
            self.signals.failed.emit(DomainError(str(exc) or type(exc).__name__))
        else:
            self.signals.finished.emit(result)

    def start(self, pool: QThreadPool | None = None) -> Worker:
        """Queue the worker on ``pool`` (default: the global pool) and keep it alive."""
        _ACTIVE.add(self)
        self.signals.finished.connect(self._release, Qt.ConnectionType.QueuedConnection)
        self.signals.failed.connect(self._release, Qt.ConnectionType.QueuedConnection)
        (pool or QThreadPool.globalInstance()).start(self)
        return self

    def _release(self, _payload: object = None) -> None:
        self.done = True
        _ACTIVE.discard(self)


def run_in_background(parent: QWidget | None, fn: Callable[..., Any], *args: Any,
                      busy_text: str, on_done: Callable[[Any], None],
                      on_error: Callable[[DomainError], None] | None = None,
                      **kwargs: Any) -> Worker:
    """Start ``fn`` in the pool with a busy (indeterminate) progress dialog over ``parent``.

    ``on_done(result)`` / ``on_error(error)`` run in the GUI thread after the dialog closes;
    without ``on_error`` the standard error dialog shows the message.
    """
    from hallmanager.ui.common.errors import show_error

    busy = QProgressDialog(busy_text, "", 0, 0, parent)
    busy.setObjectName("busyDialog")
    busy.setCancelButton(None)  # a half-written file is never left behind, but no cancel
    busy.setWindowTitle(QCoreApplication.translate("workers", "请稍候"))
    busy.setWindowModality(Qt.WindowModality.WindowModal)
    busy.setMinimumDuration(300)
    busy.setAutoClose(False)
    worker = Worker(fn, *args, **kwargs)

    def finished(result: object) -> None:
        busy.close()
        busy.deleteLater()
        on_done(result)

    def failed(error: object) -> None:
        busy.close()
        busy.deleteLater()
        err = error if isinstance(error, DomainError) else DomainError(str(error))
        if on_error is not None:
            on_error(err)
        else:
            show_error(parent, err)

    worker.signals.finished.connect(finished, Qt.ConnectionType.QueuedConnection)
    worker.signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
    return worker.start()


PROGRESS_EVERY_S = 0.05  # the progress dialog moves 20 times a second at most


def run_with_progress(parent: QWidget | None, fn: Callable[..., Any], *args: Any,
                      title: str, text: str, on_done: Callable[[Any], None],
                      on_error: Callable[[DomainError], None] | None = None,
                      on_cancelled: Callable[[], None] | None = None,
                      **kwargs: Any) -> Worker:
    """Start ``fn(*args, progress=…, **kwargs)`` in the pool with a progress dialog that
    has a cancel button.

    ``fn`` calls ``progress(done, total)`` from its thread now and then; the dialog follows
    (queued to the GUI thread) and the call returns False once the user cancelled, so ``fn``
    stops by raising ``Cancelled`` — then ``on_cancelled`` runs instead of ``on_done``.
    The GUI thread only draws the dialog: it is never blocked by the work.
    """
    from hallmanager.ui.common.errors import show_error

    dialog = QProgressDialog(text, QCoreApplication.translate("workers", "取消"), 0, 1000,
                             parent)
    dialog.setObjectName("progressDialog")
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    stop = threading.Event()
    dialog.canceled.connect(stop.set)

    last = [0.0]

    def progress(done: int, total: int) -> bool:
        # at most one queued update per PROGRESS_EVERY_S: each is a Python call on the GUI
        # thread, which must win the GIL from this very thread to make it
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY_S or done >= total:
            last[0] = now
            worker.signals.progress.emit(done, total)
        return not stop.is_set()

    worker = Worker(fn, *args, progress=progress, **kwargs)

    def moved(done: int, total: int) -> None:
        if not stop.is_set():
            dialog.setValue(min(1000, 1000 * done // total) if total else 0)

    def end() -> None:
        dialog.canceled.disconnect(stop.set)
        dialog.close()
        dialog.deleteLater()

    def finished(result: object) -> None:
        end()
        on_done(result)

    def failed(error: object) -> None:
        end()
        err = error if isinstance(error, DomainError) else DomainError(str(error))
        if isinstance(err, Cancelled):
            if on_cancelled is not None:
                on_cancelled()
        elif on_error is not None:
            on_error(err)
        else:
            show_error(parent, err)

    worker.signals.progress.connect(moved, Qt.ConnectionType.QueuedConnection)
    worker.signals.finished.connect(finished, Qt.ConnectionType.QueuedConnection)
    worker.signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
    worker.dialog = dialog  # type: ignore[attr-defined]  # tests press its cancel button
    worker.stop = stop  # type: ignore[attr-defined]
    return worker.start()
