"""Store a database at the current head: ``python tools/make_schema_snapshot.py``.

Writes ``tests/data/schemas/schema-NNNN.sqlite`` (NNNN = head revision) and its manifest
``schema-NNNN.json`` (rows per table, sums of every integer ``*_fen`` column).
``tests/test_migrations_stored.py`` upgrades each stored file to head and checks that the
manifest's figures survived, so every later migration is tried on real data of every module.

The data is made through the real services (``build_services`` over a fresh file, a
``ManualClock``), so it obeys every rule and the audit chain is valid: users of every role,
hall settings, shifts (``services.snapshot.foundation``), then a few rows in every module
table: each registered module's ``snapshot`` step (``services/<m>/snapshot.py``, named in its
registry line; ``tests/test_migration_snapshot.py`` fails when a table is left empty).
The file is VACUUMed and kept small (it is committed).

``--manifest-only FILE`` writes the manifest of an already stored file (for files stored
before manifests existed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from hallmanager.app import build_services
from hallmanager.domain.clock import ManualClock
from hallmanager.services.snapshot import DAY1, Snap, foundation
from hallmanager.storage.database import open_database, sqlite_url
from hallmanager.storage.migrate import head_revision

SCHEMAS_DIR = Path(__file__).resolve().parents[1] / "tests" / "data" / "schemas"
MONEY_SUFFIX = "_fen"


# --- figures: what the manifest records and the past-schema test compares ----------------
def figures(path: Path) -> dict[str, dict[str, object]]:
    """Per table (SQLite's own and ``alembic_version`` aside): its row count and the sum of
    every integer column whose name ends in ``_fen`` (money in fen)."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'alembic_version' ORDER BY name")]
        out: dict[str, dict[str, object]] = {}
        for t in tables:
            cols = [r[1] for r in con.execute(f'PRAGMA table_info("{t}")')
                    if r[1].endswith(MONEY_SUFFIX) and "INT" in (r[2] or "").upper()]
            rows = con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
            sums = {c: con.execute(f'SELECT coalesce(sum("{c}"), 0) FROM "{t}"').fetchone()[0]
                    for c in cols}
            out[t] = {"rows": rows, "fen_sums": sums}
        return out
    finally:
        con.close()


def revision_of(path: Path) -> str:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()


def manifest_path(snapshot: Path) -> Path:
    return snapshot.with_suffix(".json")


def write_manifest(snapshot: Path, made_by: str = "tools/make_schema_snapshot.py") -> Path:
    """``schema-NNNN.json`` beside the file: its revision and ``figures``."""
    data = {"revision": revision_of(snapshot), "made_by": made_by,
            "tables": figures(snapshot)}
    out = manifest_path(snapshot)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                   encoding="utf-8")
    return out


# --- the data ------------------------------------------------------------------------------
# One step for the framework, then each registered module's (hallmanager.registry).
def steps() -> list[Callable[[Snap], None]]:
    from hallmanager.registry import MODULES, load

    return [foundation, *(load(m.snapshot) for m in MODULES if m.available and m.snapshot)]


def build(path: Path) -> None:
    """A fresh database at ``path`` filled by the steps, closed and compacted."""
    db = open_database(sqlite_url(path), backup=False)
    try:
        clock = ManualClock(dt.datetime.combine(DAY1, dt.time(7, 0)))
        snap = Snap(build_services(db, clock, fast_hash=True), clock)
        for step in steps():
            step(snap)
    finally:
        db.dispose()
    con = sqlite3.connect(path, isolation_level=None)
    try:  # one self-contained file: rollback journal (the program switches back to WAL);
        # 1 KB pages keep a file of ~20 near-empty tables small (page size is no schema matter)
        con.execute("PRAGMA journal_mode=DELETE")
        con.execute("PRAGMA page_size=1024")
        con.execute("VACUUM")
    finally:
        con.close()


def make_snapshot(out_dir: Path = SCHEMAS_DIR, *, force: bool = False) -> Path:
    """Build ``schema-<head>.sqlite`` and its manifest in ``out_dir``; return the file."""
    target = out_dir / f"schema-{head_revision()}.sqlite"
    if target.exists() and not force:
        raise FileExistsError(f"{target} exists (stored files are history: --force to replace)")
    with tempfile.TemporaryDirectory(prefix="hm-snapshot-") as tmp:
        built = Path(tmp) / target.name
        build(built)
        out_dir.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".part")
        shutil.copyfile(built, partial)
        partial.replace(target)
    write_manifest(target)
    return target


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("--out", type=Path, default=SCHEMAS_DIR, help="folder (default: %(default)s)")
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.add_argument("--manifest-only", type=Path, metavar="FILE",
                   help="only write the manifest of an existing stored file")
    args = p.parse_args(argv)
    if args.manifest_only:
        made_by = "tools/make_schema_snapshot.py --manifest-only (file made earlier)"
        print(f"wrote {write_manifest(args.manifest_only, made_by)}")
        return 0
    try:
        target = make_snapshot(args.out, force=args.force)
    except FileExistsError as exc:
        print(f"make_schema_snapshot: {exc}", file=sys.stderr)
        return 1
    size = target.stat().st_size
    print(f"wrote {target} ({size // 1024} KB) and {manifest_path(target).name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
