"""Role × action matrix for the foundation: the services enforce the permission table.

For every role and every foundation action reachable through a service, a user of that role
logs in and calls the service: it raises PermissionDenied exactly when
``domain.roles.allowed(role, action)`` is False, and a refused call changes nothing (every
table and the lock file are compared before and after).

Module issues add sibling files (e.g. ``test_permissions_dutylog.py``) with their own
``ACTION_CALLS`` table built the same way.
"""

from __future__ import annotations

import ast
import datetime as dt
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from hallmanager.app import Services, build_services
from hallmanager.domain.clock import ManualClock
from hallmanager.domain.errors import NotFound, PermissionDenied
from hallmanager.domain.roles import Action, Role, allowed
from hallmanager.storage.database import open_database, sqlite_url
from hallmanager.storage.instance_lock import LockInfo, hostname, lock_path_for
from tests.conftest import ADMIN_PASSWORD, USER_PASSWORD, dead_pid

FOUNDATION: frozenset[Action] = frozenset({
    Action.VIEW_SETTINGS,
    Action.EDIT_SETTINGS,
    Action.MANAGE_USERS,
    Action.VIEW_AUDIT,
    Action.CLEAR_STALE_LOCK,
    Action.UNMASK_PERSONAL,
    Action.CHANGE_OWN_PASSWORD,
})
# Foundation actions no foundation service checks yet: hall settings and shifts are readable by
# everyone logged in (the login dialog shows the hall name).
# test_unenforced_actions_really_are_unenforced fails once a service starts checking one of
# them, so a row must then be added below.
NOT_ENFORCED_YET: frozenset[Action] = frozenset({Action.VIEW_SETTINGS})

USERNAMES: dict[Role, str] = {
    Role.HALL_MANAGER: "hm2",
    Role.DUTY_MANAGER: "duty",
    Role.TELLER: "teller",
    Role.COMPLAINT_HANDLER: "handler",
}


def _victim_id(s: Services) -> int:
    return next(u.id for u in s.auth.list_users() if u.username == "victim")


def _unmasked_report(s: Services) -> object:
    """A daily report with phone/ID numbers left in (permissions are checked before the
    data is read; the template hall has no records, which is NotFound, not a refusal)."""
    try:
        return s.reports.daily_report(dt.date(2026, 11, 22), unmasked=True)
    except NotFound:
        return None


ACTION_CALLS: dict[Action, Callable[[Services], object]] = {
    Action.EDIT_SETTINGS: lambda s: s.settings.update_hall(
        name="新名称营业厅", code="NEW1", language="zh_CN", idle_lock_minutes=10),
    Action.MANAGE_USERS: lambda s: s.auth.create_user(
        username="newbie", full_name="新人", role=Role.TELLER, password="Newbie2026pw"),
    Action.VIEW_AUDIT: lambda s: s.audit.entries(),
    Action.CLEAR_STALE_LOCK: lambda s: s.maintenance.clear_stale_lock(
        s.ctx.auth.user.username, USER_PASSWORD),
    Action.CHANGE_OWN_PASSWORD: lambda s: s.auth.change_password(USER_PASSWORD, "Changed2026pw"),
    Action.UNMASK_PERSONAL: _unmasked_report,
}
# Further service calls guarded by an action already in ACTION_CALLS.
MORE_CALLS: list[tuple[str, Action, Callable[[Services], object]]] = [
    ("save_shift", Action.EDIT_SETTINGS, lambda s: s.settings.save_shift(
        shift_id=None, name="夜班", start="20:00", end="23:00")),
    ("set_active", Action.MANAGE_USERS, lambda s: s.auth.set_active(_victim_id(s), False)),
    ("reset_password", Action.MANAGE_USERS,
     lambda s: s.auth.reset_password(_victim_id(s), "Reset2026pw")),
    ("audit_verify", Action.VIEW_AUDIT, lambda s: s.audit.verify()),
    ("audit_actions", Action.VIEW_AUDIT, lambda s: s.audit.actions()),
]
CASES = [(a.value, a, f) for a, f in ACTION_CALLS.items()] + MORE_CALLS


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A set-up hall with one user per role (built once; each test gets a copy)."""
    path = tmp_path_factory.mktemp("template") / "hall.sqlite"
    db = open_database(sqlite_url(path))
    s = build_services(db, ManualClock(dt.datetime(2026, 11, 22, 9, 0)), fast_hash=True)
    s.auth.setup(hall_name="测试厅", hall_code="T1", username="admin", full_name="王厅长",
                 password=ADMIN_PASSWORD)
    s.auth.login("admin", ADMIN_PASSWORD)
    for role, name in [*USERNAMES.items(), (Role.TELLER, "victim")]:
        s.auth.create_user(username=name, full_name="测试员", role=role, password=USER_PASSWORD)
    s.auth.logout()
    db.dispose()
    return path


@pytest.fixture
def desk(template, tmp_path) -> Services:
    """The template hall with a stale lock left by a crashed program, opened with lock=False
    as the GUI does after it was told about the stale lock."""
    path = tmp_path / "hall.sqlite"
    shutil.copyfile(template, path)
    lock_path_for(path).write_text(
        LockInfo(host=hostname(), pid=_dead_pid(), started="2026-11-21 08:00:00",
                 started_epoch=dt.datetime.now().timestamp()).to_json(), encoding="utf-8")
    db = open_database(sqlite_url(path), lock=False)
    services = build_services(db, ManualClock(dt.datetime(2026, 11, 22, 10, 0)), fast_hash=True)
    yield services
    db.dispose()


_DEAD: list[int] = []


def _dead_pid() -> int:
    """The pid of a process that has exited (started once per module)."""
    if not _DEAD:
        _DEAD.append(dead_pid())
    return _DEAD[0]


def snapshot(services: Services) -> dict[str, object]:
    """Every row of every table, and the lock file."""
    path = services.db.path
    assert path is not None
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        data: dict[str, object] = {t: con.execute(f'SELECT * FROM "{t}"').fetchall()
                                   for t in tables}
    finally:
        con.close()
    lock = lock_path_for(path)
    data["<lock file>"] = lock.read_bytes() if lock.exists() else None
    return data


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
@pytest.mark.parametrize(("name", "action", "call"), CASES, ids=[c[0] for c in CASES])
def test_role_action_matrix(desk, role, name, action, call):
    desk.auth.login(USERNAMES[role], USER_PASSWORD)
    before = snapshot(desk)
    if allowed(role, action):
        call(desk)  # must not raise
    else:
        with pytest.raises(PermissionDenied) as info:
            call(desk)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in info.value.message)
        assert snapshot(desk) == before, f"refused {name} for {role} changed the database"


def test_allowed_stale_lock_clearing_is_audited(desk):
    path = desk.db.path
    old = LockInfo.from_json(lock_path_for(path).read_text(encoding="utf-8"))
    desk.auth.login("hm2", USER_PASSWORD)
    result = ACTION_CALLS[Action.CLEAR_STALE_LOCK](desk)
    assert result.old == old
    assert desk.db.lock_info is not None and desk.db.lock_info.pid == os.getpid()
    entry = desk.audit.entries(action="clear_stale_lock")[0]
    assert entry.username == "hm2"
    assert (entry.before["host"], entry.before["pid"]) == (old.host, old.pid)


def test_every_foundation_action_is_covered():
    assert set(ACTION_CALLS) | NOT_ENFORCED_YET == set(FOUNDATION)
    assert not set(ACTION_CALLS) & NOT_ENFORCED_YET
    assert {a for _, a, _ in MORE_CALLS} <= set(ACTION_CALLS)


def _actions_checked_in_services() -> set[Action]:
    """Every ``Action.X`` a service passes to ``require(...)`` or ``allowed(..., ...)``."""
    found: set[Action] = set()
    root = Path(__file__).resolve().parents[1] / "hallmanager" / "services"
    for file in root.rglob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr",
                                                      getattr(node.func, "id", "")) in (
                    "require", "allowed", "may"):
                for arg in node.args:
                    if (isinstance(arg, ast.Attribute) and isinstance(arg.value, ast.Name)
                            and arg.value.id == "Action"):
                        found.add(Action[arg.attr])
    return found


def test_every_checked_foundation_action_has_a_row():
    checked = _actions_checked_in_services() & FOUNDATION
    assert checked, "the scan found no permission checks at all"
    assert checked <= set(ACTION_CALLS)


def test_unenforced_actions_really_are_unenforced():
    assert not _actions_checked_in_services() & NOT_ENFORCED_YET
