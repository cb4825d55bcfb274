"""Every schema this program ever shipped must upgrade to head without losing data.

``tests/data/schemas/schema-NNNN.sqlite`` are databases written by the program when NNNN was
the newest revision (TagStudio's approach), made by ``tools/make_schema_snapshot.py`` with
rows in every table of every module; ``schema-NNNN.json`` beside each says how many rows each
table had and what every integer ``*_fen`` (money) column summed to. Each file is upgraded
to head by simply opening it, then every one of those figures must still be there, the audit
chain must verify and ``hallmanager check`` must pass.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from hallmanager.cli import main
from hallmanager.domain.audit_chain import verify_chain
from hallmanager.storage import migrate
from hallmanager.storage.audit import to_chain_entry
from hallmanager.storage.database import open_database, sqlite_url
from hallmanager.storage.migrate import head_revision
from hallmanager.storage.models import AuditEntry, User
from tools.make_schema_snapshot import figures, manifest_path, revision_of

SCHEMAS_DIR = Path(__file__).parent / "data" / "schemas"
SCHEMAS = sorted(SCHEMAS_DIR.glob("schema-*.sqlite"))
FIXES = "python tools/make_schema_snapshot.py"


def lost(before: dict[str, dict], after: dict[str, dict]) -> list[str]:
    """What of ``before`` (manifest tables) is not the same in ``after`` (tables at head).

    Counts must be equal, not merely ≥: a migration that deliberately adds or removes rows
    (a seed, a split table) says so here with its own expectation."""
    problems = []
    for table, was in sorted(before.items()):
        now = after.get(table)
        if now is None:
            problems.append(f"table {table} is gone (it had {was['rows']} rows)")
            continue
        if now["rows"] != was["rows"]:
            problems.append(f"table {table}: {was['rows']} rows before, {now['rows']} after")
        for col, total in sorted(was["fen_sums"].items()):
            if col not in now["fen_sums"]:
                problems.append(f"money column {table}.{col} is gone (summed to {total})")
            elif now["fen_sums"][col] != total:
                problems.append(f"money column {table}.{col}: summed to {total} before, "
                                f"{now['fen_sums'][col]} after")
    return problems


def upgrade_problems(stored: Path, tmp_path: Path) -> list[str]:
    """Open a copy of ``stored`` with the program (which migrates it to head) and say what
    did not survive: revision, manifest figures, users, audit chain, ``hallmanager check``."""
    manifest = json.loads(manifest_path(stored).read_text(encoding="utf-8"))
    path = tmp_path / stored.name
    shutil.copy(stored, path)
    with sqlite3.connect(path) as raw:
        users_before = raw.execute(
            "SELECT username, full_name, role FROM user ORDER BY id").fetchall()
    db = open_database(sqlite_url(path))
    try:
        with db.read() as s:
            users_after = [(u.username, u.full_name, u.role)
                           for u in s.query(User).order_by(User.id)]
            entries = [to_chain_entry(e) for e in s.query(AuditEntry).order_by(AuditEntry.id)]
    finally:
        db.dispose()
    problems = lost(manifest["tables"], figures(path))
    if (rev := revision_of(path)) != head_revision():
        problems.append(f"revision {rev} after opening, head is {head_revision()}")
    if users_after != users_before:
        problems.append("the users changed")
    problems += [f"audit chain: {p}" for p in verify_chain(entries)]
    if main(["check", "--db", str(path)]) != 0:
        problems.append("hallmanager check fails")
    return problems


def test_there_is_a_stored_database_for_the_first_schema_and_for_head():
    names = {p.name for p in SCHEMAS}
    assert "schema-0001.sqlite" in names
    assert f"schema-{head_revision()}.sqlite" in names, (
        f"no stored database at head {head_revision()}: after adding a migration and the "
        f"module's snapshot step, run `{FIXES}` and commit its two files")


@pytest.mark.parametrize("stored", SCHEMAS, ids=lambda p: p.stem)
def test_manifest_describes_its_stored_database(stored):
    """The manifest is the file's own figures (not hand-edited, not stale), at the revision the
    file name says, and the file has rows in every table (a snapshot with an empty table
    would not notice a migration that loses that table's data)."""
    manifest = json.loads(manifest_path(stored).read_text(encoding="utf-8"))
    assert stored.stem == f"schema-{manifest['revision']}" == f"schema-{revision_of(stored)}"
    assert manifest["tables"] == figures(stored)
    assert [t for t, f in manifest["tables"].items() if f["rows"] == 0] == []


@pytest.mark.parametrize("stored", SCHEMAS, ids=lambda p: p.stem)
def test_stored_database_upgrades_to_head_keeping_its_data(stored, tmp_path, capsys):
    assert upgrade_problems(stored, tmp_path) == []
    assert "数据库检查通过" in capsys.readouterr().out


# --- the check above bites: a test-only migration that loses data is caught ---------------
BROKEN = {
    "drops": "op.drop_table('handover_item')",
    "empties": "op.execute('DELETE FROM duty_log_inspection')",
    "loses_a_row": "op.execute('DELETE FROM equipment_fault WHERE id = 1')",
}
LOST = {"drops": "table handover_item is gone (it had 3 rows)",
        "empties": "table duty_log_inspection: 48 rows before, 0 after",
        "loses_a_row": "table equipment_fault: 2 rows before, 1 after"}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_migration_that_loses_module_rows_fails_the_check(case, tmp_path, monkeypatch):
    # GIVEN the real migrations plus a next one that loses duty-log data (in a temp copy)
    migrations = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, migrations,
                    ignore=shutil.ignore_patterns("__pycache__"))
    head = head_revision()
    nxt = f"{int(head) + 1:04d}"
    (migrations / "versions" / f"{nxt}_broken.py").write_text(
        f"from alembic import op\n\nrevision = {nxt!r}\ndown_revision = {head!r}\n"
        f"branch_labels = None\ndepends_on = None\n\n\n"
        f"def upgrade() -> None:\n    {BROKEN[case]}\n\n\n"
        f"def downgrade() -> None:\n    pass\n", encoding="utf-8")
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", migrations)
    assert head_revision() == nxt
    # WHEN the stored database at the old head is opened (and so migrated)
    work = tmp_path / "work"
    work.mkdir()
    problems = upgrade_problems(SCHEMAS_DIR / f"schema-{head}.sqlite", work)
    # THEN the loss is named
    assert LOST[case] in problems


def test_money_sums_are_compared():
    """No table has money yet (cash will): a changed or vanished ``*_fen`` sum is named."""
    before = {"cash_count": {"rows": 2, "fen_sums": {"amount_fen": 150_00}}}
    assert lost(before, before) == []
    assert lost(before, {"cash_count": {"rows": 2, "fen_sums": {"amount_fen": 149_99}}}) == [
        "money column cash_count.amount_fen: summed to 15000 before, 14999 after"]
    assert lost(before, {"cash_count": {"rows": 2, "fen_sums": {}}}) == [
        "money column cash_count.amount_fen is gone (summed to 15000)"]


def test_figures_sum_integer_fen_columns(tmp_path):
    path = tmp_path / "money.sqlite"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE cash_count (id INTEGER PRIMARY KEY, amount_fen BIGINT, "
                    "note_fen TEXT, fen INTEGER)")
        con.executemany("INSERT INTO cash_count (amount_fen, note_fen, fen) VALUES (?, ?, ?)",
                        [(100, "x", 1), (250, "y", 2), (None, "z", 3)])
    con.close()
    assert figures(path) == {"cash_count": {"rows": 3, "fen_sums": {"amount_fen": 350}}}


def test_duty_logs_of_schema_0002_get_version_1(tmp_path):
    """0003 adds duty_log.version (the editors' conflict check); old logs start at 1."""
    path = tmp_path / "schema-0002.sqlite"
    shutil.copy(Path(__file__).parent / "data" / "schemas" / "schema-0002.sqlite", path)
    with sqlite3.connect(path) as raw:
        before = raw.execute("SELECT id, weather, status FROM duty_log ORDER BY id").fetchall()
    db = open_database(sqlite_url(path))
    db.dispose()
    with sqlite3.connect(path) as raw:
        after = raw.execute("SELECT id, weather, status, version FROM duty_log ORDER BY id").fetchall()
    assert [r[:3] for r in after] == before and len(before) >= 2
    assert {r[3] for r in after} == {1}
