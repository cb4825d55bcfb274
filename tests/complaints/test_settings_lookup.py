"""The complaints' settings row, when missing, is looked up once per transaction: saving it
in the same transaction (the demo's batch) is seen at once, and names come from the roster."""

from __future__ import annotations

from dataclasses import replace

from hallmanager.app import build_services
from hallmanager.storage.complaints import repository as repo
from hallmanager.storage.database import BatchDatabase
from hallmanager.storage.models import User
from tests.conftest import ADMIN_PASSWORD


def test_settings_saved_in_the_same_transaction_are_seen(hall, clock):
    batch = BatchDatabase(hall.ctx.db)
    svc = build_services(batch, clock, fast_hash=True)
    svc.auth.login("admin", ADMIN_PASSWORD)
    with batch.batch():
        before = svc.complaints.settings()
        assert svc.complaints.settings() == before  # remembered as missing
        svc.complaints.save_settings(replace(before, prefix="KS", due_soon_hours=6))
        after = svc.complaints.settings()
        assert (after.prefix, after.due_soon_hours) == ("KS", 6)
    assert hall.complaints.settings().prefix == "KS"


def test_user_names_from_the_session_and_the_database(hall):
    me = hall.ctx.auth.user
    with hall.ctx.db.read() as s:
        assert repo.user_names(s, [me.id, None, 999_999]) == {me.id: me.full_name}
        held = s.get(User, me.id)
        held.full_name = "改名未存"  # what the session holds is what it would write
        assert repo.user_names(s, [me.id]) == {me.id: "改名未存"}
        s.rollback()
    with hall.ctx.db.read() as s:
        assert repo.user_names(s, [me.id]) == {me.id: me.full_name}
        assert repo.user_names(s, []) == {}
