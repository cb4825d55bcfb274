"""``tools/make_schema_snapshot.py`` makes a small stored database with rows in every table.

When a module adds tables but no step to the snapshot script, this test fails: the next
migration would otherwise be tried on a database where that module's tables are empty.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from hallmanager.cli import main
from hallmanager.domain.roles import Role
from hallmanager.storage.all_models import Base
from hallmanager.storage.migrate import head_revision
from tools.make_schema_snapshot import figures, make_snapshot, manifest_path, revision_of

MAX_BYTES = 512 * 1024  # every module adds tables (and the holiday table ~400 rows)


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory):
    return make_snapshot(tmp_path_factory.mktemp("schemas"))


def test_snapshot_has_rows_in_every_model_table(snapshot):
    assert snapshot.name == f"schema-{head_revision()}.sqlite"
    assert revision_of(snapshot) == head_revision()
    tables = figures(snapshot)
    assert set(Base.metadata.tables) <= set(tables)
    assert {t: f["rows"] for t, f in tables.items() if f["rows"] == 0} == {}


def test_snapshot_is_small_self_contained_and_checks(snapshot, capsys):
    assert snapshot.stat().st_size < MAX_BYTES
    assert sorted(p.name for p in snapshot.parent.iterdir()) == sorted(
        [snapshot.name, manifest_path(snapshot).name])  # no -wal, lock or backup files
    assert main(["check", "--db", str(snapshot)]) == 0
    assert "审计链完整" in capsys.readouterr().out


def test_manifest_is_written_beside_it(snapshot):
    manifest = json.loads(manifest_path(snapshot).read_text(encoding="utf-8"))
    assert manifest["revision"] == head_revision()
    assert manifest["tables"] == figures(snapshot)
    assert manifest["tables"]["user"]["rows"] >= 4  # one user of every role at least


def test_every_role_has_a_user_and_logs_are_signed_and_draft(snapshot):
    with sqlite3.connect(snapshot) as con:
        roles = {r for (r,) in con.execute("SELECT role FROM user WHERE active")}
        signed = con.execute("SELECT status, count(*) FROM duty_log GROUP BY status").fetchall()
    con.close()
    assert roles == {r.value for r in Role}
    assert dict(signed) == {"draft": 1, "signed": 2}


def test_a_stored_file_is_not_replaced_without_force(snapshot):
    before = snapshot.read_bytes()
    with pytest.raises(FileExistsError):
        make_snapshot(snapshot.parent)
    assert snapshot.read_bytes() == before
