"""Python's cyclic garbage collector and the GUI thread.

A collection runs in whichever thread happens to allocate, holds the GIL throughout and
walks every tracked object of its generations. In the desk that meant a GUI thread frozen
for as long as the walk took: a full collection of the start-up's 130,000 long-lived objects
(modules, classes, mapped tables, the window) took 80–100 ms, and while the 5-year 校验审计链
ran in a worker, each collection of the rows it held took 100–130 ms — whatever thread did
the work, the window waited (measured with ``gc.callbacks`` and a 5 ms QTimer probe).

Two remedies, both Qt-free:

- ``collector_paused()`` around background work (the start-up open and imports, workers:
  checks, exports, backups): no automatic collection meanwhile. Reference counting still
  frees almost everything the work drops; the few cycles wait until the work ends, when the
  collector runs again as usual.
- ``collector_paused(freeze=True)`` for the start-up's background open, and
  ``freeze_long_lived()`` once the desk has started: what is alive then (imported modules,
  the services, the main window) lives as long as the process, so later collections need
  not walk it again (``gc.freeze``).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_paused = 0  # how many background calls are running inside ``collector_paused``
_reenable = False  # the collector was on when the first of them started
_freeze = False  # one of them asked to freeze what is alive when the last one ends


@contextmanager
def collector_paused(*, freeze: bool = False) -> Iterator[None]:
    """No automatic cyclic collection while the block runs (nests, any thread); the
    collector's earlier state comes back when the last such block ends.

    ``freeze``: what the block leaves alive lives as long as the program (the start-up's
    imports, the opened services); it is frozen when the last block ends. Otherwise the
    first collections after the pause would walk it all — 100 ms in the GUI thread for the
    start-up's 100,000 new objects."""
    global _paused, _reenable, _freeze
    with _lock:
        if _paused == 0:
            _reenable = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _lock:
            _freeze = _freeze or freeze
            _paused -= 1
            if _paused == 0:
                if _freeze:
                    _freeze = False
                    gc.freeze()
                if _reenable:
                    gc.enable()


def collector_is_paused() -> bool:
    """True while some background call runs inside ``collector_paused``."""
    return _paused > 0


def freeze_long_lived() -> None:
    """Move every object alive now out of the collector's reach (``gc.freeze``): called at
    the desk's start, when what exists is the program itself (modules, services, window)."""
    gc.freeze()
