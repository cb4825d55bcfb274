"""Every schema this program ever shipped must upgrade to head without losing data.

``tests/data/schemas/schema-NNNN.sqlite`` are databases written by the program when NNNN was
the newest revision (TagStudio's approach). When a module adds a revision, it adds a file
here made just before its migration, with some of its own data in it.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from hallmanager.domain.audit_chain import verify_chain
from hallmanager.storage.audit import to_chain_entry
from hallmanager.storage.database import open_database, sqlite_url
from hallmanager.storage.migrate import head_revision
from hallmanager.storage.models import AuditEntry, User

SCHEMAS = sorted((Path(__file__).parent / "data" / "schemas").glob("schema-*.sqlite"))


def test_there_is_a_stored_database_for_the_first_schema():
    assert any(p.name == "schema-0001.sqlite" for p in SCHEMAS)


@pytest.mark.parametrize("stored", SCHEMAS, ids=lambda p: p.stem)
def test_stored_database_upgrades_to_head_keeping_its_data(stored, tmp_path):
    # GIVEN a copy of a database written by an older schema
    path = tmp_path / stored.name
    shutil.copy(stored, path)
    with sqlite3.connect(path) as raw:
        users_before = raw.execute("SELECT username, full_name, role FROM user ORDER BY id").fetchall()
        audit_before = raw.execute("SELECT count(*) FROM audit_entry").fetchone()[0]
    # WHEN the program opens it
    db = open_database(sqlite_url(path))
    try:
        # THEN it is at head, the users and the audit log are intact and the chain verifies
        with db.read() as s:
            rev = s.connection().exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            users_after = [(u.username, u.full_name, u.role) for u in s.query(User).order_by(User.id)]
            entries = [to_chain_entry(e) for e in s.query(AuditEntry).order_by(AuditEntry.id)]
        assert rev == head_revision()
        assert users_after == users_before
        assert len(entries) >= audit_before
        assert verify_chain(entries) == []
    finally:
        db.dispose()


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
    assert [r[:3] for r in after] == before and len(before) == 2
    assert {r[3] for r in after} == {1}
