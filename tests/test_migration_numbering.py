"""Revisions form one numbered line, so parallel branches cannot both claim a number silently.

Two branches that each add ``0003_…`` merge in git without a conflict (different file names);
this test then fails on the shared number, the shared revision id and the fork, and the later
branch renumbers its migration (``python tools/new_migration.py`` picks the next number).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from hallmanager.storage.migrate import MIGRATIONS_DIR, alembic_config, head_revision
from tools.new_migration import (
    head_of,
    next_revision_id,
    read_versions,
    slugify,
    version_problems,
)

VERSIONS = MIGRATIONS_DIR / "versions"


def test_the_versions_folder_is_one_numbered_line():
    assert version_problems(VERSIONS) == []
    files = read_versions(VERSIONS)
    assert [f.revision for f in files] == [f"{n:04d}" for n in range(1, len(files) + 1)]
    assert head_of(files) == head_revision()
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert {f.revision for f in files} == {r.revision for r in script.walk_revisions()}


def _revision(folder: Path, name: str, rev: str, down: str | None) -> None:
    (folder / name).write_text(
        f'"""{name}"""\nrevision = {rev!r}\ndown_revision = {down!r}\n'
        "branch_labels = None\ndepends_on = None\n", encoding="utf-8")


@pytest.fixture
def versions(tmp_path) -> Path:
    """A copy of the real versions folder to spoil."""
    folder = tmp_path / "versions"
    shutil.copytree(VERSIONS, folder, ignore=shutil.ignore_patterns("__pycache__"))
    assert version_problems(folder) == []
    return folder


def test_two_branches_claiming_the_same_number_fail(versions):
    head = head_revision()
    nxt = next_revision_id(versions)
    _revision(versions, f"{nxt}_attendance.py", nxt, head)
    assert version_problems(versions) == []
    _revision(versions, f"{nxt}_cash.py", nxt, head)
    problems = version_problems(versions)
    assert f"number {nxt} is used by 2 files: {nxt}_attendance.py, {nxt}_cash.py" in problems
    assert f"revision id {nxt} is declared by 2 files: {nxt}_attendance.py, {nxt}_cash.py" \
        in problems
    assert any(p.startswith(f"fork: {nxt}_attendance.py, {nxt}_cash.py all follow {head}")
               for p in problems)


def test_a_fork_under_different_numbers_fails(versions):
    head = head_revision()
    nxt = int(next_revision_id(versions))
    _revision(versions, f"{nxt:04d}_attendance.py", f"{nxt:04d}", head)
    _revision(versions, f"{nxt + 1:04d}_cash.py", f"{nxt + 1:04d}", head)  # renumbered only
    problems = version_problems(versions)
    assert len(problems) == 1 and problems[0].startswith("fork:")
    (versions / f"{nxt + 1:04d}_cash.py").unlink()
    _revision(versions, f"{nxt + 1:04d}_cash.py", f"{nxt + 1:04d}", f"{nxt:04d}")
    assert version_problems(versions) == []


def test_file_number_must_equal_revision_id(versions):
    _revision(versions, "0099_cash.py", "0098", head_revision())
    assert version_problems(versions) == ["0099_cash.py: file number 0099 ≠ revision id 0098"]


@pytest.mark.parametrize(("name", "rev", "down", "expected"), [
    ("cash.py", "0099", "HEAD", "cash.py: file name is not NNNN_<slug>.py "
                                "(four digits, lower-case ASCII slug)"),
    ("0099_cash.py", "a1b2c3d4e5f6", "HEAD", "0099_cash.py: revision 'a1b2c3d4e5f6' is not a "
                                             "four-digit number"),
    ("0099_cash.py", "0099", "0042", "0099_cash.py: down_revision 0042 does not exist"),
    ("0099_cash.py", "0099", None, "fork: 0001_foundation.py, 0099_cash.py all follow the "
                                   "empty database; renumber one to follow the other"),
])
def test_other_breaks_of_the_line_are_named(versions, name, rev, down, expected):
    _revision(versions, name, rev, head_revision() if down == "HEAD" else down)
    assert expected in version_problems(versions)


def test_next_number_and_slug(versions):
    assert next_revision_id(versions) == f"{int(head_revision()) + 1:04d}"
    assert next_revision_id(versions.parent / "empty") == "0001"
    assert slugify("Attendance: clock-in records") == "attendance_clock_in_records"
    assert slugify("考勤 attendance") == "attendance"
    assert slugify("考勤") == ""
