"""``hallmanager --self-test`` on the pip/source installation: it passes here, and it fails,
naming the part, when a migration script or the Chinese font is missing (temporary copies
of the resources; the bundle itself is checked by installer/smoke.sh)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hallmanager.commands import selftest
from hallmanager.exporters import fonts
from hallmanager.storage import migrate

ROOT = Path(__file__).resolve().parents[1]


def test_self_test_passes_from_the_source_install(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "XDG_CACHE_HOME": str(tmp_path / "cache"), "HOME": str(tmp_path)}
    res = subprocess.run([sys.executable, "-m", "hallmanager", "--self-test"], cwd=tmp_path,
                         env=env, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stdout + res.stderr
    for part, _, _ in selftest.SelfTest(tmp_path).parts():
        assert any(line.startswith("OK") and f" {part} " in line
                   for line in res.stdout.splitlines()), (part, res.stdout)
    assert "self-test passed" in res.stdout
    assert not (tmp_path / "anchors").exists()


def _copy_migrations(tmp_path: Path) -> Path:
    copy = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, copy,
                    ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_self_test_fails_and_names_migrations_when_the_newest_migration_is_missing(
        tmp_path, monkeypatch, qapp, capsys):
    copy = _copy_migrations(tmp_path)
    newest = sorted((copy / "versions").glob("*.py"))[-1]
    newest.unlink()
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", copy)
    rc = selftest.run(type("Args", (), {"days": 1})())
    out = capsys.readouterr().out
    assert rc == 1
    failed = [line for line in out.splitlines() if line.startswith("FAILED")]
    assert len(failed) == 1 and " migrations " in failed[0], out
    assert "schema lacks " in failed[0]  # the tables, columns or indexes it would add
    assert "self-test FAILED: migrations" in out  # and the parts after it are skipped
    assert any(line.startswith("SKIPPED") and " demo " in line for line in out.splitlines())


def test_self_test_names_a_missing_middle_migration(tmp_path, monkeypatch, qapp):
    copy = _copy_migrations(tmp_path)
    middle = sorted((copy / "versions").glob("*.py"))[2]
    middle.unlink()
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", copy)
    test = selftest.run_selftest(only=["migrations"], out=io.StringIO(), days=1)
    assert test.failed == ["migrations"]
    assert "exactly one head" in test.outcomes[0].detail


def test_self_test_fails_and_names_fonts_when_the_font_is_missing(tmp_path, monkeypatch, qapp):
    """Only the bundled folder is searched (as on a PC without Chinese fonts); the folder is a
    copy with the font removed, so the PDF falls back to the non-embedded CID font."""
    folder = tmp_path / "fonts"
    folder.mkdir()
    monkeypatch.setattr(fonts, "bundled_fonts_dir", lambda: folder)
    monkeypatch.setattr(fonts, "candidate_paths", fonts.bundled_fonts)
    out = io.StringIO()
    test = selftest.run_selftest(only=["fonts"], out=out, days=1)
    assert test.failed == ["fonts"], out.getvalue()
    assert "no Chinese TrueType font" in test.outcomes[-1].detail


def test_self_test_names_a_bundled_font_removed_even_with_system_fonts(tmp_path, monkeypatch,
                                                                       qapp):
    """A bundle whose shipped font was deleted fails, although this PC has Chinese fonts:
    the build's manifest (bundled-fonts.txt) names what must be there."""
    folder = tmp_path / "fonts"
    folder.mkdir()
    (folder / fonts.BUNDLED_MANIFEST).write_text("wqy-microhei.ttc\n", encoding="utf-8")
    monkeypatch.setattr(fonts, "bundled_fonts_dir", lambda: folder)
    test = selftest.run_selftest(only=["fonts"], out=io.StringIO(), days=1)
    assert test.failed == ["fonts"]
    assert "bundled font missing or unusable: wqy-microhei.ttc" in test.outcomes[-1].detail


def test_self_test_uses_the_bundled_font_folder(tmp_path, monkeypatch, qapp):
    """The same set-up with the font present in the folder passes: the bundled font is used."""
    found = [p for p in fonts.candidate_paths() if p.is_file() and fonts._load_ttf(p)]
    if not found:
        pytest.skip("no Chinese TrueType font on this machine")
    folder = tmp_path / "fonts"
    folder.mkdir()
    shutil.copy(found[0], folder / found[0].name)
    (folder / fonts.BUNDLED_MANIFEST).write_text(found[0].name + "\n", encoding="utf-8")
    monkeypatch.setattr(fonts, "bundled_fonts_dir", lambda: folder)
    monkeypatch.setattr(fonts, "candidate_paths", fonts.bundled_fonts)
    out = io.StringIO()
    test = selftest.run_selftest(only=["fonts"], out=out, days=1)
    assert test.failed == [], out.getvalue()
    assert str(folder) in test.outcomes[-1].detail


def test_unknown_part_is_refused(tmp_path):
    with pytest.raises(ValueError):
        selftest.SelfTest(tmp_path).run(only=["nope"])
