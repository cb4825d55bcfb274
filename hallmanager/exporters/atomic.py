"""Atomic file output: write to a temporary file in the target folder, then ``os.replace``.

A half-written report must never replace a good one (power cut, full disk, a crash in the
writer), and an existing file is only replaced when the user asked for it (``force``).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from hallmanager.domain.errors import DomainError


class ExportError(DomainError):
    """Writing an output file failed; the previous file, if any, is untouched."""


class OutputExists(ExportError):
    """The target file exists and the caller did not ask to overwrite it."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"文件已存在：{path}（如需覆盖，请选择覆盖或使用 --force）")
        self.path = path


def check_target(path: Path | str, *, force: bool = False) -> Path:
    """Validate the target before doing any work: folder exists, file absent unless ``force``."""
    target = Path(path).expanduser().absolute()
    if target.is_dir():
        raise ExportError(f"输出路径是一个文件夹，请指定文件名：{target}")
    if not target.parent.is_dir():
        raise ExportError(f"目标文件夹不存在：{target.parent}")
    if target.exists() and not force:
        raise OutputExists(target)
    return target


@contextlib.contextmanager
def atomic_path(path: Path | str, *, force: bool = False) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; on success move it into place atomically.

    On any exception the temporary file is removed and the old file stays as it was.
    """
    target = check_target(path, force=force)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp",
                                        dir=target.parent)
    except OSError as exc:
        raise ExportError(f"无法在该文件夹写入文件：{target.parent}（{exc.strerror or exc}）") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        # Checked again: the file may have appeared while we were writing.
        if target.exists() and not force:
            raise OutputExists(target)
        try:
            os.replace(tmp, target)
        except PermissionError as exc:
            raise ExportError(
                f"无法替换文件：{target}（文件可能正被其他程序打开，请关闭后重试）") from exc
        except OSError as exc:
            raise ExportError(f"无法写入文件：{target}（{exc.strerror or exc}）") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def atomic_write(path: Path | str, writer: Callable[[Path], None], *,
                 force: bool = False) -> Path:
    """Call ``writer(tmp_path)`` and move the result to ``path``; return the final path."""
    target = check_target(path, force=force)
    with atomic_path(target, force=force) as tmp:
        try:
            writer(tmp)
        except DomainError:
            raise
        except OSError as exc:
            raise ExportError(f"写入文件失败：{target}（{exc.strerror or exc}）") from exc
    return target
