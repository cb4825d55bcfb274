"""Atomic file output: the whole file appears at its name, or nothing does.

A half-written report must never replace a good one (power cut, full disk, a crash in the
writer), an existing file is only replaced when the user asked for it (``force``), and a
process killed mid-write must not leave a hidden temporary full of report data behind:

- On Linux the file is written as an unnamed ``O_TMPFILE`` inode in the target folder and
  given its name with ``linkat`` only when complete: a kill leaves nothing at all.
- Elsewhere (Windows, macOS, file systems without ``O_TMPFILE``) it is a hidden temporary
  ``.NAME~hmPID-RANDOM.tmp`` beside the target, held open (and ``flock``-ed on POSIX) while
  it is written. Every output first removes such temporaries in its folder whose writer is
  gone (the lock is free, or on Windows the file can be deleted at all).

A new file is published with ``link`` (fails if the name exists), so a file that appears
during the write is never clobbered; ``force`` replaces with ``os.replace`` and keeps the old
file's permission bits. New files get the user's normal permissions (0666 minus umask).
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import os
import re
import secrets
import stat
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from hallmanager.domain.errors import DomainError

# Temporaries of ours: ".日报.xlsx~hm1234-0a1b2c3d.tmp"; the old scheme's (mkstemp,
# ".日报.k3j_x9ab.tmp") are removed once they are older than LEGACY_TMP_AGE_S.
_TMP_RE = re.compile(r"^\..+~hm\d+-[0-9a-f]{8}\.tmp$")
_LEGACY_TMP_RE = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
LEGACY_TMP_AGE_S = 3600
# Paths handed out by atomic_output in this thread/context: a writer that itself calls
# atomic_write on such a path writes it directly (the outer output is already atomic).
_PENDING: contextvars.ContextVar[frozenset[str]] = contextvars.ContextVar(
    "hallmanager_pending_outputs", default=frozenset())
# The file each pending temporary becomes (messages name the file the user chose, never
# the temporary, e.g. /proc/self/fd/7).
_TARGET_OF: contextvars.ContextVar[dict[str, Path]] = contextvars.ContextVar(
    "hallmanager_pending_targets", default={})  # noqa: B039 - replaced, never mutated
_FULL_ERRNOS = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


class ExportError(DomainError):
    """Writing an output file failed; the previous file, if any, is untouched."""


class OutputExists(ExportError):
    """The target file exists and the caller did not ask to overwrite it."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"文件已存在：{path}（如需覆盖，请选择覆盖或使用 --force）")
        self.path = path


def check_target(path: Path | str, *, force: bool = False) -> Path:
    """Validate the target before doing any work: folder exists, file absent unless ``force``.

    Returns the resolved path (symbolic links and ``..`` followed), the one the audit names.
    """
    target = Path(path).expanduser().resolve()
    if target.is_dir():
        raise ExportError(f"输出路径是一个文件夹，请指定文件名：{target}")
    if not target.parent.is_dir():
        raise ExportError(f"目标文件夹不存在：{target.parent}")
    if target.exists() and not force:
        raise OutputExists(target)
    return target


class PendingOutput:
    """A file being written for ``target``: write to ``path``, then ``publish()``."""

    def __init__(self, target: Path, force: bool) -> None:
        self.target = target
        self.force = force
        self.published = False
        self._created = False  # publish() gave the target its name (it did not exist)
        self._fd: int | None = None
        self._named: Path | None = None  # our named temporary, if any
        self.path = self._open()

    # --- creating ---------------------------------------------------------------------------
    def _open(self) -> Path:
        folder = self.target.parent
        try:
            fd = _open_unnamed(folder)
            if fd is not None:
                self._fd = fd
                _lock(fd)
                return Path(f"/proc/self/fd/{fd}")
            self._named, self._fd = _open_named(self.target)
            return self._named
        except OSError as exc:
            self.close()
            raise ExportError(
                f"无法在该文件夹写入文件：{folder}（{exc.strerror or exc}）") from exc

    # --- publishing -------------------------------------------------------------------------
    def publish(self) -> Path:
        """Give the written file its name; OutputExists if it appeared meanwhile (no force)."""
        if self.published:
            return self.target
        assert self._fd is not None
        try:
            if self.force and self.target.exists():
                with contextlib.suppress(OSError):  # --force keeps the file's permissions
                    _chmod(self._fd, stat.S_IMODE(self.target.stat().st_mode))
            if sys.platform == "win32":  # an open file can't be renamed there
                fd, self._fd = self._fd, None
                os.close(fd)
            if not self.force:
                self._link_new()
            else:
                if self._named is None:  # unnamed inode: name it first, then replace
                    self._named = _temp_name(self.target)
                    _link_fd(self._fd, self._named)
                os.replace(self._named, self.target)
                self._named = None
        except PermissionError as exc:
            raise ExportError(
                f"无法替换文件：{self.target}（文件可能正被其他程序打开，请关闭后重试）") from exc
        except FileExistsError as exc:
            raise OutputExists(self.target) from exc
        except OSError as exc:
            raise ExportError(f"无法写入文件：{self.target}（{exc.strerror or exc}）") from exc
        self.published = True
        return self.target

    def _link_new(self) -> None:
        """Create the target name without ever replacing an existing file."""
        try:
            if self._named is not None:
                os.link(self._named, self.target)
            else:
                assert self._fd is not None
                _link_fd(self._fd, self.target)
        except FileExistsError:
            raise
        except OSError as exc:
            if self._named is None or exc.errno not in _NO_LINK_ERRNOS:
                raise
            # No hard links here (FAT, some network shares): Windows' rename never replaces;
            # elsewhere check first (a small window, only on such file systems).
            if sys.platform != "win32" and self.target.exists():
                raise FileExistsError(errno.EEXIST, "exists", str(self.target)) from exc
            os.rename(self._named, self.target)
            self._named = None
        else:
            if self._named is not None:
                with contextlib.suppress(OSError):
                    self._named.unlink()
                self._named = None
        self._created = True

    def unpublish(self) -> None:
        """Remove a target this output created (its audit entry was not committed)."""
        if self.published and self._created:
            with contextlib.suppress(OSError):
                self.target.unlink()
            self.published = False

    def close(self) -> None:
        """Drop the temporary (an unnamed one simply vanishes with its descriptor)."""
        if self._named is not None:
            with contextlib.suppress(OSError):
                self._named.unlink()
            self._named = None
        if self._fd is not None:
            fd, self._fd = self._fd, None
            with contextlib.suppress(OSError):
                os.close(fd)


_NO_LINK_ERRNOS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK,
                   errno.ENOSYS, errno.EACCES}


def _open_unnamed(folder: Path) -> int | None:
    """An O_TMPFILE descriptor in ``folder`` (Linux), or None where that isn't supported."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not Path("/proc/self/fd").is_dir():
        return None
    try:
        return os.open(folder, flag | os.O_RDWR | getattr(os, "O_CLOEXEC", 0), 0o666)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
            return None
        raise


def _link_fd(fd: int, name: Path) -> None:
    """linkat(AT_FDCWD, "/proc/self/fd/N", dir, name, AT_SYMLINK_FOLLOW): give an O_TMPFILE
    inode a name. (A dir_fd makes os.link use linkat; plain link() would try to link the
    /proc symlink itself.)"""
    dfd = os.open(name.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.link(f"/proc/self/fd/{fd}", name.name, dst_dir_fd=dfd, follow_symlinks=True)
    finally:
        os.close(dfd)


def _temp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}~hm{os.getpid()}-{secrets.token_hex(4)}.tmp")


def _open_named(target: Path) -> tuple[Path, int]:
    """A new hidden temporary beside ``target``, open and locked for as long as we write."""
    while True:
        tmp = _temp_name(target)
        try:
            fd = os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
                         | getattr(os, "O_CLOEXEC", 0), 0o666)
        except FileExistsError:
            continue
        _lock(fd)
        return tmp, fd


def _lock(fd: int) -> None:
    """flock: tied to this open file, so a writer reopening and closing the path keeps it."""
    try:
        import fcntl
    except ImportError:  # Windows: the open handle itself keeps the file from being deleted
        return
    with contextlib.suppress(OSError):
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _chmod(fd: int, mode: int) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Delete our temporaries in ``folder`` whose writer is gone; return what was removed."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        path = Path(entry.path)
        if _TMP_RE.match(name):
            if _writer_gone(path):
                removed.append(path)
        elif _LEGACY_TMP_RE.match(name):
            with contextlib.suppress(OSError):
                if time.time() - entry.stat().st_mtime > LEGACY_TMP_AGE_S:
                    path.unlink()
                    removed.append(path)
    return removed


def _writer_gone(path: Path) -> bool:
    """Remove ``path`` if no live process holds it; True when it was removed."""
    try:
        import fcntl
    except ImportError:  # Windows: a file still open in its writer cannot be deleted
        try:
            path.unlink()
        except OSError:
            return False
        return True
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # its writer is still at work
        try:
            path.unlink()
        except OSError:
            return False
        return True
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_output(path: Path | str, *, force: bool = False) -> Iterator[PendingOutput]:
    """Yield a ``PendingOutput`` for ``path``; the caller writes ``out.path`` and calls
    ``out.publish()`` where it wants the file to appear (e.g. inside the transaction that
    audits it). If the block raises after publishing, a newly created file is removed again.
    On any exception nothing of ours is left and the old file stays as it was.
    """
    target = check_target(path, force=force)
    remove_stale_temporaries(target.parent)
    out = PendingOutput(target, force)
    token = _PENDING.set(_PENDING.get() | {str(out.path)})
    targets = _TARGET_OF.set({**_TARGET_OF.get(), str(out.path): target})
    try:
        yield out
    except BaseException:
        out.unpublish()
        raise
    finally:
        _TARGET_OF.reset(targets)
        _PENDING.reset(token)
        out.close()


@contextlib.contextmanager
def atomic_path(path: Path | str, *, force: bool = False) -> Iterator[Path]:
    """Yield a path to write; on success the file is published under ``path`` atomically."""
    with atomic_output(path, force=force) as out:
        yield out.path
        out.publish()


def atomic_write(path: Path | str, writer: Callable[[Path], None], *,
                 force: bool = False) -> Path:
    """Call ``writer(tmp_path)`` and move the result to ``path``; return the final path."""
    if str(path) in _PENDING.get():  # already inside an atomic output (see _PENDING)
        _call_writer(writer, Path(path), Path(path))
        return Path(path)
    target = check_target(path, force=force)
    with atomic_path(target, force=force) as tmp:
        _call_writer(writer, tmp, target)
    return target


def _call_writer(writer: Callable[[Path], None], tmp: Path, target: Path) -> None:
    try:
        writer(tmp)
    except DomainError:
        raise
    except OSError as exc:
        shown = _TARGET_OF.get().get(str(target), target)
        if exc.errno in _FULL_ERRNOS:
            raise ExportError(f"磁盘空间不足（或文件大小超出限制），文件未写入：{shown}。"
                              f"没有留下不完整的文件；请清理磁盘或换一个位置后重试。") from exc
        raise ExportError(f"写入文件失败：{shown}（{exc.strerror or exc}）") from exc
