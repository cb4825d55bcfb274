"""Setup wizard, login with throttling, passwords and user administration."""

from __future__ import annotations

import sqlite3

import pytest
from argon2 import PasswordHasher

from hallmanager.domain.errors import (
    AuthenticationError,
    Conflict,
    LoginThrottled,
    ValidationError,
)
from hallmanager.domain.roles import Role
from hallmanager.services.auth import AuthService, make_hasher
from tests.conftest import ADMIN_PASSWORD, USER_PASSWORD, add_user, login_as


def _user_row(db_path, username: str) -> dict:
    con = sqlite3.connect(db_path)
    con.row_factory = sqlite3.Row
    try:
        return dict(con.execute("SELECT * FROM user WHERE username = ?", (username,)).fetchone())
    finally:
        con.close()


# --- setup wizard -----------------------------------------------------------------------------


def test_setup_creates_hall_manager_with_argon2id(services, db_path):
    assert services.auth.needs_setup()
    info = services.auth.setup(hall_name="拉萨北京路营业厅", hall_code="LS001", username="admin",
                               full_name="王厅长", password=ADMIN_PASSWORD)
    assert info.role is Role.HALL_MANAGER and not info.must_change_password
    assert not services.auth.needs_setup()
    row = _user_row(db_path, "admin")
    assert row["password_hash"].startswith("$argon2id$")
    assert ADMIN_PASSWORD not in row["password_hash"]
    assert services.auth.ctx.auth.user is None, "setup does not log anyone in"


def test_setup_refused_a_second_time(hall):
    with pytest.raises(Conflict, match="不能重复初始化"):
        hall.auth.setup(hall_name="另一个厅", hall_code="X", username="boss", full_name="李四",
                        password="Other2026pw")
    assert [u.username for u in hall.auth.list_users()] == ["admin"]


@pytest.mark.parametrize("password", ["", "admin", "12345678", "password", " Admin2026pw"])
def test_setup_has_no_default_or_weak_password(services, password):
    with pytest.raises(ValidationError):
        services.auth.setup(hall_name="厅", hall_code="T1", username="admin", full_name="王厅长",
                            password=password)
    assert services.auth.needs_setup()


# --- login ------------------------------------------------------------------------------------


def test_login_success_and_failure(hall, db_path):
    hall.auth.logout()
    with pytest.raises(AuthenticationError, match="用户名或密码错误"):
        hall.auth.login("admin", "Wrong2026pw")
    with pytest.raises(AuthenticationError, match="用户名或密码错误"):
        hall.auth.login("nobody", ADMIN_PASSWORD)
    assert hall.ctx.auth.user is None
    assert _user_row(db_path, "admin")["failed_logins"] == 1
    user = hall.auth.login("admin", ADMIN_PASSWORD)
    assert hall.ctx.auth.user == user
    assert _user_row(db_path, "admin")["failed_logins"] == 0
    actions = [r.action for r in hall.audit.entries(entity="user")]
    assert actions[:3] == ["login", "login_failed", "login_failed"]


def test_throttle_after_five_failures_then_doubling(hall, clock):
    """GIVEN 5 failed logins WHEN a 6th comes THEN refused for 30 s; next failure → 60 s."""
    add_user(hall, "zhang", Role.DUTY_MANAGER)
    hall.auth.logout()
    for _ in range(5):
        with pytest.raises(AuthenticationError) as info:
            hall.auth.login("zhang", "Wrong2026pw")
        assert not isinstance(info.value, LoginThrottled)

    with pytest.raises(LoginThrottled) as info:
        hall.auth.login("zhang", USER_PASSWORD)  # even the right password waits
    assert info.value.wait_seconds == 30
    clock.advance(29)
    with pytest.raises(LoginThrottled) as info:
        hall.auth.login("zhang", USER_PASSWORD)
    assert info.value.wait_seconds == 1
    clock.advance(1)
    with pytest.raises(AuthenticationError) as info:  # 6th real attempt, wrong again
        hall.auth.login("zhang", "Wrong2026pw")
    assert not isinstance(info.value, LoginThrottled)

    with pytest.raises(LoginThrottled) as info:
        hall.auth.login("zhang", USER_PASSWORD)
    assert info.value.wait_seconds == 60
    clock.advance(60)
    assert hall.auth.login("zhang", USER_PASSWORD).username == "zhang"


def test_throttle_is_per_user(hall, clock):
    add_user(hall, "zhang", Role.DUTY_MANAGER)
    hall.auth.logout()
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            hall.auth.login("zhang", "Wrong2026pw")
    assert hall.auth.login("admin", ADMIN_PASSWORD).username == "admin"


def test_disabled_user_cannot_log_in(hall):
    user = add_user(hall, "zhang", Role.TELLER)
    hall.auth.set_active(user.id, False)
    hall.auth.logout()
    with pytest.raises(AuthenticationError, match="停用"):
        hall.auth.login("zhang", USER_PASSWORD)
    assert hall.ctx.auth.user is None
    login_as(hall, "admin", ADMIN_PASSWORD)
    assert hall.audit.entries(action="login_refused")[0].entity_id == str(user.id)


def test_cannot_disable_yourself(hall):
    with pytest.raises(ValidationError):
        hall.auth.set_active(hall.ctx.auth.user.id, False)


def test_reset_password_forces_change_and_clears_lockout(hall, db_path):
    user = add_user(hall, "zhang", Role.DUTY_MANAGER)
    hall.auth.logout()
    for _ in range(6):
        with pytest.raises(AuthenticationError):
            hall.auth.login("zhang", "Wrong2026pw")
    login_as(hall, "admin", ADMIN_PASSWORD)
    hall.auth.reset_password(user.id, "Temp2026pass")
    row = _user_row(db_path, "zhang")
    assert row["must_change_password"] == 1
    assert row["failed_logins"] == 0 and row["last_failed_at"] is None
    me = login_as(hall, "zhang", "Temp2026pass")  # no wait although it was throttled
    assert me.must_change_password


def test_change_password(hall, db_path):
    add_user(hall, "zhang", Role.TELLER)
    me = login_as(hall, "zhang")
    assert me.must_change_password  # created by the hall manager with a temporary password
    with pytest.raises(AuthenticationError, match="原密码不正确"):
        hall.auth.change_password("Wrong2026pw", "Brand2026new")
    with pytest.raises(ValidationError):
        hall.auth.change_password(USER_PASSWORD, "short1")
    old_hash = _user_row(db_path, "zhang")["password_hash"]
    hall.auth.change_password(USER_PASSWORD, "Brand2026new")
    assert not hall.ctx.auth.user.must_change_password
    row = _user_row(db_path, "zhang")
    assert row["password_hash"] != old_hash and row["password_hash"].startswith("$argon2id$")
    assert not row["must_change_password"]
    hall.auth.logout()
    with pytest.raises(AuthenticationError):
        hall.auth.login("zhang", USER_PASSWORD)
    assert hall.auth.login("zhang", "Brand2026new").username == "zhang"


def test_create_user_rejects_duplicates(hall):
    add_user(hall, "zhang", Role.TELLER, staff_no="T001")
    with pytest.raises(Conflict):
        add_user(hall, "zhang", Role.TELLER)
    with pytest.raises(Conflict):
        add_user(hall, "li", Role.TELLER, staff_no="T001")


def test_verify_password(hall):
    user = add_user(hall, "zhang", Role.TELLER)
    assert hall.auth.verify_password(user.id, USER_PASSWORD)
    assert not hall.auth.verify_password(user.id, "Wrong2026pw")
    hall.auth.set_active(user.id, False)
    assert not hall.auth.verify_password(user.id, USER_PASSWORD)


# --- issue 7 §7: no user enumeration by timing; re-checks throttled -----------------------------
class CountingHasher(PasswordHasher):
    """The real (fast) Argon2id hasher, counting verifications: the slow step must run exactly
    once per attempt whether or not the user exists."""

    def __init__(self) -> None:
        fast = make_hasher(fast=True)
        super().__init__(time_cost=fast.time_cost, memory_cost=fast.memory_cost,
                         parallelism=fast.parallelism, type=fast.type)
        self.verified = 0

    def verify(self, hash, password):
        self.verified += 1
        return super().verify(hash, password)


def test_unknown_user_costs_one_verification_like_a_real_one(hall):
    add_user(hall, "zhang", Role.TELLER)
    hall.auth.logout()
    hasher = CountingHasher()
    auth = AuthService(hall.ctx, hasher)
    for username, password in (("nobody", "Wrong2026pw"), ("zhang", "Wrong2026pw"),
                               ("nobody", "Wrong2026pw")):
        before = hasher.verified
        with pytest.raises(AuthenticationError) as info:
            auth.login(username, password)
        assert info.value.message == "用户名或密码错误"
        assert hasher.verified - before == 1, username
    before = hasher.verified
    assert not auth.verify_password(99_999, USER_PASSWORD)
    assert hasher.verified - before == 1


def test_unknown_user_verification_uses_the_same_cost(hall):
    """The dummy hash is made by the same hasher, so Argon2 does the same work for it."""
    hasher = CountingHasher()
    auth = AuthService(hall.ctx, hasher)
    dummy = auth._dummy_hash()
    assert dummy.startswith("$argon2id$") and not hasher.check_needs_rehash(dummy)


# --- issue 9: production cost at OWASP's setting or above; other hashes upgraded at login -------
def test_production_hasher_is_argon2id_at_or_above_owasp(monkeypatch):
    from argon2.low_level import Type

    from hallmanager.services import auth as auth_module

    monkeypatch.undo()  # conftest makes every hasher fast: look at the real one
    h = auth_module.make_hasher()
    assert h.type is Type.ID
    assert h.memory_cost >= 19 * 1024 and h.time_cost >= 2 and h.parallelism >= 1


@pytest.mark.parametrize("old", ["fast", "library default"])
def test_login_rewrites_a_hash_with_other_parameters(hall, old):
    """GIVEN a user whose stored hash was made with other Argon2 parameters (demo/test cost, or
    the library default an earlier version used) WHEN they log in THEN the hash is rewritten
    with the program's parameters, and the password still works."""
    from argon2.low_level import Type

    from hallmanager.storage.repositories import users as users_repo

    add_user(hall, "zhang", Role.TELLER)
    hall.auth.logout()
    current = PasswordHasher(time_cost=1, memory_cost=9 * 1024, parallelism=1, type=Type.ID)
    auth = AuthService(hall.ctx, current)
    earlier = make_hasher(fast=True) if old == "fast" else PasswordHasher(type=Type.ID)
    with hall.ctx.db.write() as s:
        users_repo.user_by_username(s, "zhang").password_hash = earlier.hash(USER_PASSWORD)
    assert auth.hasher.check_needs_rehash(_stored_hash(hall, "zhang"))
    auth.login("zhang", USER_PASSWORD)
    stored = _stored_hash(hall, "zhang")
    assert not current.check_needs_rehash(stored) and "m=9216,t=1,p=1" in stored
    auth.logout()
    auth.login("zhang", USER_PASSWORD)
    assert _stored_hash(hall, "zhang") == stored  # not rewritten again


def _stored_hash(hall, username: str) -> str:
    from hallmanager.storage.repositories import users as users_repo

    with hall.ctx.db.read() as s:
        return users_repo.user_by_username(s, username).password_hash
