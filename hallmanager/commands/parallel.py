"""Running ``services.check`` parts in forked worker processes (the command line only).

``hallmanager check`` is one short-lived process without Qt and without threads, so it may
fork: each worker opens its own read-only connection, takes the next part from a shared pipe
(biggest first), runs it in a read transaction of its own and sends the result back
pickled; the parent follows the progress, collects the results in the parts' order and
re-raises a part's exception as its own. The desk never comes here: it runs the same parts
in order in a worker thread (``services.check.run_in_order``), because a Qt process must not
fork. Where forking is not possible or not safe (Windows, a process with threads or Qt
loaded, one CPU) the parts run in order in this process.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any

from hallmanager.services.check import Counted, Part, Runner
from hallmanager.storage.rows import Rows

_HEADER = struct.Struct("<I")
MAX_WORKERS = 4


def usable_workers(limit: int = MAX_WORKERS) -> int:
    """How many worker processes to fork: the CPUs this process may use (at most ``limit``),
    or 1 (run in this process) where forking is unavailable or unsafe: no ``os.fork``, other
    threads running (a forked child gets only the calling thread, locks held by the others
    stay locked forever) or Qt loaded."""
    if not hasattr(os, "fork") or threading.active_count() > 1 or "PySide6" in sys.modules:
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(limit, cpus))


def fork_runner(connect: Callable[[], Rows], workers: int) -> Runner:
    """A ``services.check.Runner`` that runs the parts in ``workers`` forked processes, each
    with its own connection from ``connect()`` (the caller holds none while it forks)."""

    def run(parts: Sequence[Part], counted: Counted | None) -> list[Any]:
        return _run_forked(parts, counted, connect, max(1, min(workers, len(parts))))

    return run


def _run_forked(parts: Sequence[Part], counted: Counted | None,
                connect: Callable[[], Rows], workers: int) -> list[Any]:
    if len(parts) > 255:
        raise ValueError("at most 255 parts")
    # the queue: one byte per part index, biggest part first; written whole before any
    # worker starts (far below the pipe's buffer), then closed, so an empty read means done
    order = sorted(range(len(parts)), key=lambda i: -parts[i].weight)
    queue_r, queue_w = os.pipe()
    os.write(queue_w, bytes(order))
    os.close(queue_w)
    children: dict[int, int] = {}  # result pipe → pid
    try:
        for _ in range(workers):
            result_r, result_w = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker: never returns
                os.close(result_r)
                for fd in children:
                    os.close(fd)
                _worker(parts, connect, queue_r, result_w)
            os.close(result_w)
            children[result_r] = pid
        os.close(queue_r)
        queue_r = -1
        return _collect(parts, counted, children)
    except BaseException:
        for pid in children.values():
            try:
                os.kill(pid, signal.SIGTERM)
            except OSError:
                pass
        raise
    finally:
        if queue_r >= 0:
            os.close(queue_r)
        for fd, pid in children.items():
            try:
                os.close(fd)
            except OSError:
                pass
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass


def _worker(parts: Sequence[Part], connect: Callable[[], Rows], queue_r: int,
            result_w: int) -> None:
    """Take parts from the queue until it is empty; send ("p", i, n) progress, ("r", i,
    result) or ("e", i, exception) messages; exit without running the parent's clean-ups."""
    code = 0

    def send(message: tuple) -> None:
        data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
        view = memoryview(_HEADER.pack(len(data)) + data)
        while view:
            view = view[os.write(result_w, view):]

    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: the parent reports it
        rows = connect()
        while index := os.read(queue_r, 1):
            i = index[0]

            def report(n: int, i: int = i) -> None:
                send(("p", i, n))

            try:
                with rows.snapshot():
                    result = parts[i].run(rows, report)
            except Exception as exc:  # the parent raises it as the check's failure
                send(("e", i, _picklable(exc)))
                continue
            send(("r", i, result))
        close = getattr(rows, "close", None)
        if close is not None:
            close()
    except BaseException as exc:  # whatever happens, never return into the caller
        code = 1
        try:
            send(("e", -1, _picklable(exc)))
        except BaseException:  # the parent reports the missing result
            pass
    finally:
        os._exit(code)


def _picklable(exc: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")


def _collect(parts: Sequence[Part], counted: Counted | None,
             children: dict[int, int]) -> list[Any]:
    """Read every worker's messages until all have finished; the results in parts' order."""
    missing = object()
    results: list[Any] = [missing] * len(parts)
    done = [0] * len(parts)
    errors: dict[int, BaseException] = {}
    buffers = {fd: bytearray() for fd in children}
    open_fds = set(children)
    while open_fds:
        ready, _, _ = select.select(list(open_fds), [], [])
        for fd in ready:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                open_fds.discard(fd)
                continue
            buf = buffers[fd]
            buf += chunk
            while len(buf) >= _HEADER.size:
                (size,) = _HEADER.unpack_from(buf)
                if len(buf) < _HEADER.size + size:
                    break
                kind, i, value = pickle.loads(bytes(buf[_HEADER.size:_HEADER.size + size]))
                del buf[:_HEADER.size + size]
                if kind == "p":
                    done[i] = value
                    if counted is not None:
                        counted(sum(done))
                elif kind == "r":
                    results[i] = value
                else:
                    errors.setdefault(i, value)
    if errors:  # the one of the earliest part, as running them in order would have raised
        raise errors[min(errors)]
    if any(r is missing for r in results):
        raise RuntimeError("校验进程意外退出 / a check process ended unexpectedly")
    return results
