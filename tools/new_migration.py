"""Autogenerate the next numbered migration: ``python tools/new_migration.py "attendance"``.

Revisions are numbered 0001, 0002, …: the revision id *is* the number, the file is
``NNNN_<slug>.py`` and ``down_revision`` is the current head, so the history stays one line.
The tool upgrades a fresh temporary SQLite database to head and lets Alembic compare it with
the models (``render_as_batch`` comes from ``env.py``), so what it writes is exactly the
difference the new models make. Review the file before committing it (Alembic does not see
renames, server defaults or data moves), then refresh the stored database:
``python tools/make_schema_snapshot.py``.

``version_problems`` is also what ``tests/test_migration_numbering.py`` runs: two branches that
both added ``0003`` fail that test after merging instead of forking the history silently.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hallmanager.storage.migrate import MIGRATIONS_DIR

FILE_RE = re.compile(r"^(\d{4})_[a-z0-9_]+\.py$")
REV_RE = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class VersionFile:
    """What a revision file declares, read with ``ast`` (nothing of it is executed)."""

    path: Path
    revision: str | None
    down_revisions: tuple[str | None, ...]

    @property
    def number(self) -> str | None:
        m = FILE_RE.match(self.path.name)
        return m.group(1) if m else None


def read_versions(versions_dir: Path) -> list[VersionFile]:
    """Every ``*.py`` revision file of ``versions_dir`` (``__init__.py`` aside), by name."""
    found = []
    for path in sorted(versions_dir.glob("*.py")):
        if path.name == "__init__.py":
            continue
        values: dict[str, object] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                    and isinstance(node.targets[0], ast.Name) \
                    and node.targets[0].id in ("revision", "down_revision"):
                try:
                    values[node.targets[0].id] = ast.literal_eval(node.value)
                except ValueError:
                    values[node.targets[0].id] = "?"
        rev = values.get("revision")
        down = values.get("down_revision")
        downs = tuple(down) if isinstance(down, tuple | list) else (down,)
        found.append(VersionFile(path, rev if isinstance(rev, str) else None,
                                 tuple(d if isinstance(d, str) else None for d in downs)))
    return found


def version_problems(versions_dir: Path) -> list[str]:
    """Why this folder is not one numbered line of revisions (empty list = fine)."""
    files = read_versions(versions_dir)
    problems: list[str] = []
    for f in files:
        if f.number is None:
            problems.append(f"{f.path.name}: file name is not NNNN_<slug>.py "
                            "(four digits, lower-case ASCII slug)")
        if f.revision is None or not REV_RE.match(f.revision):
            problems.append(f"{f.path.name}: revision {f.revision!r} is not a four-digit number")
        elif f.number is not None and f.revision != f.number:
            problems.append(f"{f.path.name}: file number {f.number} ≠ revision id {f.revision}")
        if len(f.down_revisions) != 1:
            problems.append(f"{f.path.name}: merge revision (down_revision {f.down_revisions}); "
                            "renumber the newer branch's migration instead of merging")
    for number, n in sorted(Counter(f.number for f in files if f.number).items()):
        if n > 1:
            names = ", ".join(f.path.name for f in files if f.number == number)
            problems.append(f"number {number} is used by {n} files: {names}")
    for rev, n in sorted(Counter(f.revision for f in files if f.revision).items()):
        if n > 1:
            names = ", ".join(f.path.name for f in files if f.revision == rev)
            problems.append(f"revision id {rev} is declared by {n} files: {names}")
    children: dict[str | None, list[str]] = defaultdict(list)
    for f in files:
        for down in f.down_revisions:
            children[down].append(f.path.name)
    for down, names in sorted(children.items(), key=lambda kv: kv[0] or ""):
        if len(names) > 1:
            problems.append(f"fork: {', '.join(names)} all follow "
                            f"{down or 'the empty database'}; renumber one to follow the other")
    known = {f.revision for f in files}
    for f in files:
        for down in f.down_revisions:
            if down is not None and down not in known:
                problems.append(f"{f.path.name}: down_revision {down} does not exist")
    return problems


def head_of(files: Sequence[VersionFile]) -> str | None:
    """The revision nothing follows (None for an empty folder); assumes no problems."""
    followed = {d for f in files for d in f.down_revisions}
    heads = [f.revision for f in files if f.revision not in followed]
    return heads[0] if heads else None


def next_revision_id(versions_dir: Path) -> str:
    numbers = [int(f.number) for f in read_versions(versions_dir) if f.number]
    return f"{max(numbers, default=0) + 1:04d}"


def slugify(message: str) -> str:
    """``"Attendance: clock-in records"`` → ``attendance_clock_in_records`` (ASCII only)."""
    return "_".join(re.findall(r"[a-z0-9]+", message.lower()))[:40].strip("_")


class MigrationError(Exception):
    """A reason not to write a revision (shown to the developer as is)."""


def generate(message: str, migrations_dir: Path = MIGRATIONS_DIR, *,
             allow_empty: bool = False) -> Path:
    """Write ``NNNN_<slug>.py`` for what the models add over head; return its path."""
    from alembic import command

    from hallmanager.storage.database import sqlite_url
    from hallmanager.storage.engine import make_engine
    from hallmanager.storage.migrate import alembic_config

    slug = slugify(message)
    if not slug:
        raise MigrationError("the message needs some ASCII letters or digits for the file name")
    versions = migrations_dir / "versions"
    problems = version_problems(versions)
    if problems:
        raise MigrationError("fix the versions folder first:\n  " + "\n  ".join(problems))
    head = head_of(read_versions(versions))
    rev = next_revision_id(versions)
    empty = False

    def refuse_empty(context, revision, directives) -> None:  # type: ignore[no-untyped-def]
        nonlocal empty
        if directives and directives[0].upgrade_ops.is_empty() and not allow_empty:
            empty = True
            directives[:] = []

    with tempfile.TemporaryDirectory(prefix="hm-newmig-") as tmp:
        url = sqlite_url(Path(tmp) / "head.sqlite")
        cfg = alembic_config(url)
        cfg.set_main_option("script_location", str(migrations_dir))
        cfg.set_main_option("file_template", "%%(rev)s_" + slug)
        engine = make_engine(url)
        try:
            with engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                command.revision(cfg, message, autogenerate=True, rev_id=rev,
                                 process_revision_directives=refuse_empty)
        finally:
            engine.dispose()
    if empty:
        raise MigrationError("the models add nothing over head; for a hand-written data "
                             "migration run again with --empty")
    path = versions / f"{rev}_{slug}.py"
    written = next((f for f in read_versions(versions) if f.path == path), None)
    if written is None or written.revision != rev or written.down_revisions != (head,):
        raise MigrationError(f"Alembic did not write {path.name} as expected: {written}")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("message", help='what the revision does, e.g. "attendance"')
    p.add_argument("--empty", action="store_true",
                   help="write the revision even if the models add nothing (data migration)")
    p.add_argument("--migrations", type=Path, default=MIGRATIONS_DIR, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    try:
        path = generate(args.message, args.migrations, allow_empty=args.empty)
    except MigrationError as exc:
        print(f"new_migration: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {path}\nreview it, run the tests, then: python tools/make_schema_snapshot.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
