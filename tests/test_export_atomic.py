"""Atomic output: temp file in the target folder, os.replace, no silent overwrite."""

from __future__ import annotations

import subprocess
import sys

import pytest

from hallmanager.domain.errors import DomainError
from hallmanager.exporters.atomic import ExportError, OutputExists, atomic_write


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_new_file_and_leaves_no_temp(tmp_path):
    seen = []

    def writer(tmp):
        seen.append(tmp)
        tmp.write_text("新内容", encoding="utf-8")

    out = atomic_write(tmp_path / "日报.xlsx", writer)
    assert out == tmp_path / "日报.xlsx"
    assert out.read_text(encoding="utf-8") == "新内容"
    # same folder (so the final link/rename is atomic), or an unnamed O_TMPFILE inode there
    assert seen[0].parent == tmp_path or str(seen[0]).startswith("/proc/self/fd/")
    assert seen[0] != out
    assert _leftovers(tmp_path) == []


def test_existing_file_is_not_overwritten_without_force(tmp_path):
    target = tmp_path / "a.pdf"
    target.write_text("旧文件", encoding="utf-8")
    called = []
    with pytest.raises(OutputExists) as err:
        atomic_write(target, lambda tmp: called.append(tmp))
    assert isinstance(err.value, DomainError)
    assert "已存在" in err.value.message and "--force" in err.value.message
    assert called == []  # refused before any work
    assert target.read_text(encoding="utf-8") == "旧文件"
    atomic_write(target, lambda tmp: tmp.write_text("新文件", encoding="utf-8"), force=True)
    assert target.read_text(encoding="utf-8") == "新文件"
    assert _leftovers(tmp_path) == []


def test_failure_removes_temp_and_keeps_old_file(tmp_path):
    target = tmp_path / "a.pdf"
    target.write_text("旧文件", encoding="utf-8")

    def broken(tmp):
        tmp.write_text("半截", encoding="utf-8")
        raise RuntimeError("writer crashed")

    with pytest.raises(RuntimeError):
        atomic_write(target, broken, force=True)
    assert target.read_text(encoding="utf-8") == "旧文件"
    assert _leftovers(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]


def test_file_appearing_during_write_is_not_clobbered(tmp_path):
    target = tmp_path / "a.pdf"

    def racing(tmp):
        tmp.write_text("mine", encoding="utf-8")
        target.write_text("someone else's", encoding="utf-8")

    with pytest.raises(OutputExists):
        atomic_write(target, racing)
    assert target.read_text(encoding="utf-8") == "someone else's"
    assert _leftovers(tmp_path) == []


def test_missing_folder_and_directory_target_are_clear_errors(tmp_path):
    with pytest.raises(ExportError, match="文件夹不存在"):
        atomic_write(tmp_path / "nope" / "a.pdf", lambda tmp: None)
    with pytest.raises(ExportError, match="文件夹"):
        atomic_write(tmp_path, lambda tmp: None, force=True)


def test_exporter_modules_import_without_heavy_libraries():
    """Start-up stays fast: openpyxl and reportlab load only when a file is written."""
    code = (
        "import sys\n"
        "import hallmanager.exporters, hallmanager.exporters.atomic, hallmanager.exporters.data\n"
        "import hallmanager.exporters.fonts, hallmanager.exporters.handover_pdf\n"
        "import hallmanager.exporters.daily_excel, hallmanager.services.reports\n"
        "import hallmanager.commands.export\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('openpyxl', 'reportlab', 'PySide6'))\n"
        "assert not bad, bad\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert res.returncode == 0, res.stderr
