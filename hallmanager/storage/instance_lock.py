"""The instance lock: a ``<dbfile>.lock`` JSON file naming the program that has the file open.

SQLite's own locks only last for one transaction, so two hallmanager windows on the same file
(two desks sharing a folder, or a double click) would both think they own the day's records.
The lock file says which host and process opened the file, since when, and when that process
started, so the second program can refuse with a clear message.

A lock left behind by a crash, a power cut or a kill is recognised as provably dead (same
host and: the process is gone, or its pid now belongs to a process that started at another
time, or the lock is older than the last boot) and taken over at the next start by itself
(``acquire``; the caller audits it as ``system``). Only a lock held by a live program on this
computer (refused) or one from another computer (the hall manager decides: ``hallmanager
unlock`` or the start-up dialog) needs a person.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import json
import os
import socket
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from hallmanager.domain.errors import DatabaseInUse, DatabaseReadOnly, StaleLock

PROGRAM = "hallmanager"
# A lock taken up to this many seconds before the computed boot time still counts as this
# boot: boot times derived from uptime jitter by a second or two.
_BOOT_SLACK_S = 120
# An unreadable lock file younger than this is being written by a starting program, not
# left by a crash.
_FRESH_LOCK_S = 10


@dataclass(frozen=True)
class LockInfo:
    """What a lock file records about the program holding the database."""

    host: str
    pid: int
    started: str  # local time, ISO, for people
    started_epoch: float = 0.0  # for comparing with the boot time
    program: str = PROGRAM
    # When the process started (process_start_token): tells a reused pid from the holder.
    proc_start: str = ""

    @classmethod
    def for_this_process(cls) -> LockInfo:
        now = time.time()
        started = dt.datetime.fromtimestamp(now).replace(microsecond=0).isoformat(sep=" ")
        return cls(host=hostname(), pid=os.getpid(), started=started, started_epoch=now,
                   proc_start=process_start_token(os.getpid()) or "")

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: str) -> LockInfo:
        data = json.loads(text)
        return cls(
            host=str(data["host"]),
            pid=int(data["pid"]),
            started=str(data.get("started", "")),
            started_epoch=float(data.get("started_epoch", 0.0)),
            program=str(data.get("program", PROGRAM)),
            proc_start=str(data.get("proc_start", "")),
        )

    @property
    def description(self) -> str:
        """计算机 DESK-1 上的进程 1234（自 2026-11-22 08:30:00 起）"""
        return f"计算机 {self.host} 上的进程 {self.pid}（自 {self.started or '未知时间'} 起）"


def hostname() -> str:
    return socket.gethostname() or "unknown"


def lock_path_for(db_file: Path) -> Path:
    """``hall.sqlite`` → ``hall.sqlite.lock`` beside it."""
    return db_file.with_name(db_file.name + ".lock")


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer (never signals it)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on the Windows desk PCs
        return _pid_alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except OSError:
        return False
    return True


def _pid_alive_windows(pid: int) -> bool:  # pragma: no cover - Windows only
    # os.kill on Windows would terminate the process, so ask the kernel instead.
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def process_start_token(pid: int) -> str | None:
    """When process ``pid`` started, as an opaque token; None if unknown or no such process.

    Linux: field 22 of /proc/PID/stat (clock ticks since boot). Windows: the creation time
    from GetProcessTimes. Elsewhere None (then only "pid alive" and the boot time count).
    """
    if pid <= 0:
        return None
    try:
        if sys.platform.startswith("linux"):
            text = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
            # "pid (comm) state ..." — comm may hold spaces and parentheses: split after it.
            fields = text[text.rindex(")") + 2:].split()
            return fields[22 - 3]
        if sys.platform == "win32":  # pragma: no cover - Windows only
            return _process_start_windows(pid)
    except (OSError, ValueError, IndexError):
        return None
    return None


def _process_start_windows(pid: int) -> str | None:  # pragma: no cover - Windows only
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return None
    try:
        times = [wintypes.FILETIME() for _ in range(4)]
        if not kernel32.GetProcessTimes(handle, *(ctypes.byref(t) for t in times)):
            return None
        created = times[0]
        return str((created.dwHighDateTime << 32) | created.dwLowDateTime)
    finally:
        kernel32.CloseHandle(handle)


def boot_time() -> float | None:
    """When this computer last booted (epoch seconds), or None if the OS doesn't say.

    A lock taken before the last boot is stale even if its pid now belongs to some other
    process: desk PCs are switched off every night and pids are reused.
    """
    try:
        if sys.platform.startswith("linux"):
            for line in Path("/proc/stat").read_text().splitlines():
                if line.startswith("btime "):
                    return float(line.split()[1])
        elif sys.platform == "win32":  # pragma: no cover - Windows only
            import ctypes

            uptime_ms = ctypes.windll.kernel32.GetTickCount64()  # type: ignore[attr-defined]
            return time.time() - uptime_ms / 1000
    except (OSError, ValueError, AttributeError):
        return None
    return None


def is_stale(info: LockInfo) -> bool:
    """True when the lock provably belongs to a program that no longer runs.

    Only decidable on the same host: a lock from another computer is assumed live. On this
    host: taken before the last boot, its process gone, or its pid reused by a process that
    started at another time than the one recorded.
    """
    if info.host != hostname():
        return False
    booted = boot_time()
    if booted is not None and info.started_epoch and info.started_epoch < booted - _BOOT_SLACK_S:
        return True
    if not pid_alive(info.pid):
        return True
    if info.proc_start:
        live = process_start_token(info.pid)
        if live is not None and live != info.proc_start:
            return True
    return False


class InstanceLock:
    """The lock file of one database file. ``acquire`` raises when someone else holds it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.info: LockInfo | None = None  # set while this process holds the lock
        self.taken_over: LockInfo | None = None  # a dead program's lock acquire() removed

    @classmethod
    def for_database(cls, db_file: Path) -> InstanceLock:
        return cls(lock_path_for(db_file))

    @property
    def held(self) -> bool:
        return self.info is not None

    def read(self) -> LockInfo | None:
        """The lock file's content, None when there is no lock file.

        A file that cannot be parsed (crash while writing it) is reported as a lock of pid 0
        on this host, so it counts as stale and the hall manager can clear it.
        """
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        try:
            return LockInfo.from_json(text)
        except (ValueError, KeyError, TypeError):
            return LockInfo(host=hostname(), pid=0, started="未知（锁文件内容损坏）")

    def check(self) -> LockInfo | None:
        """Raise DatabaseInUse / StaleLock if another program's lock is there; else the info."""
        info = self.read()
        if info is None:
            return None
        if self.info is not None and info == self.info:
            return info
        if info.pid == 0 and self._age() < _FRESH_LOCK_S:
            # Empty or half-written and brand new: another program is writing it right now.
            raise DatabaseInUse(
                f"数据库 {self._db_name()} 正在被另一个营业厅工作台打开。同一个数据库同时只能由"
                f"一个程序打开。", host=info.host, pid=0, started=None)
        if is_stale(info):
            raise StaleLock(
                f"数据库 {self._db_name()} 上次未正常关闭：{info.description} 已不在运行，"
                f"但留下了程序锁。请厅经理确认后清除该锁（hallmanager unlock --user 厅经理登录名）。",
                host=info.host, pid=info.pid, started=info.started,
            )
        here = info.host == hostname()
        where = "本机" if here else f"另一台计算机（{info.host}）"
        hint = "" if here else (
            "如确认那台计算机上的程序已经关闭（例如断电），可由厅经理清除该锁"
            "（hallmanager unlock --user 厅经理登录名）。")
        raise DatabaseInUse(
            f"数据库 {self._db_name()} 正被{where}上运行的营业厅工作台使用：{info.description}。"
            f"同一个数据库同时只能由一个程序打开，请先关闭那边的程序。{hint}",
            host=info.host, pid=info.pid, started=info.started,
        )

    def _age(self) -> float:
        """Seconds since the lock file was last written (infinite if it is gone)."""
        try:
            return time.time() - self.path.stat().st_mtime
        except OSError:
            return float("inf")

    def acquire(self, *, take_over_stale: bool = False) -> LockInfo:
        """Create the lock file for this process, atomically (O_EXCL) so two starters can't
        both win; raise DatabaseInUse if a live program holds it. A provably dead program's
        lock raises StaleLock, or with ``take_over_stale`` is removed and taken over (what
        it said is then in ``taken_over``)."""
        if self.info is not None:
            return self.info
        info = LockInfo.for_this_process()
        data = info.to_json().encode("utf-8")
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            try:
                self.check()
            except StaleLock:
                if not take_over_stale:
                    raise
                old = self.read()
                if old is not None and self._remove_if_unchanged(old):
                    self.taken_over = old
            # The holder vanished (or its stale lock is gone now): try once more.
            return self.acquire(take_over_stale=take_over_stale)
        except PermissionError as exc:
            raise DatabaseReadOnly(
                f"无法在 {self.path.parent} 中创建程序锁文件（没有写入权限）：{self.path}"
            ) from exc
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        self.info = info
        atexit.register(self.release)
        return info

    def release(self) -> None:
        """Remove the lock file if it is still ours; safe to call twice."""
        if self.info is None:
            return
        mine, self.info = self.info, None
        with contextlib.suppress(Exception):
            atexit.unregister(self.release)
        if self.read() == mine:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()

    def break_stale(self) -> LockInfo | None:
        """Remove a stale lock, or another computer's (a person decided that program is gone:
        the hall manager, or nobody exists yet to protect); returns what it said.

        Raises DatabaseInUse if the holder is a live program on this computer.
        """
        info = self.read()
        if info is None or (self.info is not None and info == self.info):
            return None
        if info.host == hostname():
            try:
                self.check()
            except StaleLock:
                pass
        self._remove_if_unchanged(info)
        return info

    def _remove_if_unchanged(self, info: LockInfo) -> bool:
        """Remove the lock file if it still says ``info``. It is renamed aside first and
        checked there, so a fresh lock another starter created meanwhile is put back, not
        deleted (two programs started at once after a crash)."""
        aside = self.path.with_name(f"{self.path.name}.{os.getpid()}-{time.monotonic_ns()}")
        try:
            os.rename(self.path, aside)
        except FileNotFoundError:
            return False
        try:
            text = aside.read_text(encoding="utf-8")
            try:
                mine = LockInfo.from_json(text) == info
            except (ValueError, KeyError, TypeError):
                mine = info.pid == 0  # the garbled file we judged stale
            if not mine:
                with contextlib.suppress(OSError):
                    os.link(aside, self.path)  # never over a newer lock
                return False
            return True
        finally:
            with contextlib.suppress(OSError):
                aside.unlink()

    def _db_name(self) -> str:
        name = self.path.name
        return str(self.path.with_name(name[: -len(".lock")] if name.endswith(".lock") else name))
