"""Children as forks of an interpreter that has already imported the program (POSIX).

The proofs and the test suite start hundreds of short-lived ``hallmanager`` processes; each
new interpreter pays ~0.7–1 s of imports. A fork is still a separate process (its own pid,
file descriptors and POSIX locks, killable with SIGKILL) without that cost. The parent must
hold no database connection when it forks, and a process with Qt or other threads must not
fork: such callers use ``ForkServer``, a fresh helper interpreter that forks for them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


class ForkedChild:
    """``target()`` in a fork of this process, with ``subprocess.Popen``'s ``stdout`` /
    ``send_signal`` / ``communicate`` / ``returncode``. The child's stdout is a pipe
    (line-buffered, so the parent reads each reported line as it happens), its stderr
    ``errfile``; it exits 0 when ``target`` returns, 1 when it raises."""

    def __init__(self, target: Callable[[], object], errfile: Path) -> None:
        read_fd, write_fd = os.pipe()
        self._errfile = errfile
        self.pid = os.fork()
        if self.pid == 0:  # the child: stdout is the pipe, stderr a file; never returns
            code = 1
            try:
                os.close(read_fd)
                os.dup2(write_fd, 1)
                err = os.open(errfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                os.dup2(err, 2)
                sys.stdout = os.fdopen(1, "w", buffering=1, closefd=False)
                sys.stderr = os.fdopen(2, "w", buffering=1, closefd=False)
                target()
                code = 0
            except BaseException:
                import traceback

                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        os.close(write_fd)
        self.stdout = os.fdopen(read_fd, "r")
        self.returncode: int | None = None

    def send_signal(self, sig: int) -> None:
        os.kill(self.pid, sig)

    def communicate(self, timeout: float | None = None) -> tuple[str, str]:
        """Read stdout to its end, wait for the child (``timeout`` is accepted for Popen's
        signature and not enforced), then its stderr file."""
        out = self.stdout.read()
        self.stdout.close()
        _pid, status = os.waitpid(self.pid, 0)
        self.returncode = os.waitstatus_to_exitcode(status)
        err = self._errfile.read_text(errors="replace") if self._errfile.exists() else ""
        return out, err


def run_in_fork(target: Callable[[], int | None], stdout: str, stderr: str) -> int:
    """``target()`` in a fork of this process, stdin closed, stdout and stderr written to the
    two files; its exit code (``target``'s return value or ``sys.exit`` code, 1 when it
    raised, minus the signal number when it was killed)."""
    pid = os.fork()
    if pid == 0:  # a new process: its own pid, file descriptors and POSIX locks
        code = 1
        try:
            os.dup2(os.open(stdout, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 1)
            os.dup2(os.open(stderr, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 2)
            os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
            try:
                code = target() or 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except BaseException:
            import traceback

            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def serve(handler: Callable[[dict[str, Any]], int | None]) -> None:
    """The helper's side of ``ForkServer``: for each request line on stdin, ``handler(req)``
    in a fork (``run_in_fork``), its exit code printed as one line."""
    for line in sys.stdin:
        req = json.loads(line)
        print(run_in_fork(lambda req=req: handler(req), req["stdout"], req["stderr"]),
              flush=True)


class ForkServer:
    """A fresh helper interpreter running ``source`` (which imports what its children need,
    then calls ``serve``); each ``run`` is one child forked from it."""

    def __init__(self, source: str, folder: Path, args: Sequence[str] = ()) -> None:
        self._folder = folder
        self._n = 0
        self._proc = subprocess.Popen(
            [sys.executable, "-c", source, *args], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True, cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)})

    def run(self, request: Mapping[str, Any]) -> tuple[int, str, str]:
        """One child for ``request`` (JSON-serialisable): (exit code, stdout, stderr)."""
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._n += 1
        out, err = (self._folder / f"child-{self._n}.{k}" for k in ("out", "err"))
        self._proc.stdin.write(json.dumps({**request, "stdout": str(out),
                                           "stderr": str(err)}) + "\n")
        self._proc.stdin.flush()
        line = self._proc.stdout.readline()
        if not line:
            raise RuntimeError("the fork helper died")
        return int(line), out.read_text(encoding="utf-8"), err.read_text(encoding="utf-8")

    def close(self) -> None:
        if self._proc.stdin is not None:
            self._proc.stdin.close()
        self._proc.wait(timeout=60)
