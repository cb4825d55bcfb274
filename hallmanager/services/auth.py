"""First-run setup, login with throttling, passwords and user administration."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from argon2.low_level import Type

from hallmanager.domain.errors import (
    AuthenticationError,
    Conflict,
    LoginThrottled,
    NotFound,
    ValidationError,
)
from hallmanager.domain.login_policy import remaining_wait
from hallmanager.domain.roles import Action, Role
from hallmanager.domain.shifts import DEFAULT_SHIFTS, validate_shift
from hallmanager.domain.validation import check_full_name, check_password, check_username
from hallmanager.services.context import ServiceContext, UserInfo
from hallmanager.storage.database import DbSession
from hallmanager.storage.models import HallSettings, Shift, User
from hallmanager.storage.repositories import hall as hall_repo
from hallmanager.storage.repositories import users as users_repo

# Argon2id at OWASP's setting (m = 19 MiB, t = 2, p = 1): 19 MiB, two passes, one lane.
# One lane because the desk PC has two cores and the login must stay quick (issue 9: Enter →
# main window ≤ 0.35 s; peak memory with the window open ≤ 150 MiB, and the hash's memory is
# allocated when the window's modules are already loaded); a hash made with any other
# parameters (earlier versions' 32 MiB, demo/test hashes) is rewritten at the next login.
PASSWORD_TIME_COST = 2
PASSWORD_MEMORY_KIB = 19 * 1024
PASSWORD_PARALLELISM = 1


def make_hasher(*, fast: bool = False) -> PasswordHasher:
    """Argon2id. ``fast`` lowers the cost for tests and demo data only (still Argon2id; 1 MiB:
    about 0.5 ms a hash here, where 8 MiB took 4 ms and the test suite hashes thousands of
    times). A desk or command at the real cost rewrites such a hash at the next login."""
    if fast:
        return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1, type=Type.ID)
    return PasswordHasher(time_cost=PASSWORD_TIME_COST, memory_cost=PASSWORD_MEMORY_KIB,
                          parallelism=PASSWORD_PARALLELISM, type=Type.ID)


class AuthService:
    def __init__(self, ctx: ServiceContext, hasher: PasswordHasher | None = None) -> None:
        self.ctx = ctx
        self.hasher = hasher or make_hasher()
        self._dummy: str | None = None

    # --- first run ---------------------------------------------------------------------
    def needs_setup(self) -> bool:
        """True until the setup wizard has created the hall and its first hall manager."""
        with self.ctx.db.read() as s:
            has_hall = hall_repo.hall_settings(s) is not None
            n_admin = users_repo.count_users(s, role=Role.HALL_MANAGER.value)
        return not has_hall or not n_admin

    def setup(
        self,
        *,
        hall_name: str,
        hall_code: str,
        username: str,
        full_name: str,
        password: str,
        shifts: list[tuple[str, str, str]] | None = None,
    ) -> UserInfo:
        """Create the hall and the first hall-manager account; refused once done."""
        name = (hall_name or "").strip()
        code = (hall_code or "").strip()
        if not name:
            raise ValidationError("营业厅名称不能为空", field="hall_name")
        if not code:
            raise ValidationError("营业厅编码不能为空", field="hall_code")
        uname = check_username(username)
        fname = check_full_name(full_name)
        check_password(password)
        parsed = [validate_shift(*sh) for sh in (shifts or DEFAULT_SHIFTS)]
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            if hall_repo.hall_settings(s) is not None:
                raise Conflict("营业厅已经设置过，不能重复初始化")
            s.add(HallSettings(id=hall_repo.HALL_SETTINGS_ID, name=name, code=code, language="zh_CN",
                               idle_lock_minutes=5, created_at=now, updated_at=now))
            for i, (n, st, en) in enumerate(parsed):
                s.add(Shift(name=n, start=st.strftime("%H:%M"), end=en.strftime("%H:%M"),
                            sort_order=i, active=True))
            user = User(username=uname, full_name=fname, staff_no=None,
                        role=Role.HALL_MANAGER.value, password_hash=self.hasher.hash(password),
                        active=True, must_change_password=False, failed_logins=0, created_at=now)
            s.add(user)
            s.flush()
            info = UserInfo.from_row(user)
            self.ctx.audit(s, "setup", "hall_settings", 1, after={"name": name, "code": code},
                           user=info)
            self.ctx.audit(s, "create", "user", user.id, after=_public(user), user=info)
        return info

    # --- login -------------------------------------------------------------------------
    def login(self, username: str, password: str,
              detail: Mapping[str, object] | None = None) -> UserInfo:
        """Check the password; after 5 failures each further try must wait (30 s, doubling).

        ``detail`` is added to the audit entries (the command line passes ``via: cli`` and
        the operating-system user).

        A failure is recorded (counter, time, audit entry) in a transaction that commits
        before the error is raised: raising inside ``db.write()`` would roll it back and the
        throttle would never engage.
        """
        uname = (username or "").strip()
        now = self.ctx.clock.now()
        extra = dict(detail or {})
        error: AuthenticationError | None = None
        info: UserInfo | None = None
        with self.ctx.db.write() as s:
            user = users_repo.user_by_username(s, uname)
            if user is None:
                self._verify_hash(self._dummy_hash(), password)  # as slow as for a real user
                self.ctx.audit(s, "login_failed", "user", None,
                               after={"username": uname[:40], **extra}, user=None)
                error = AuthenticationError("用户名或密码错误")
            elif (wait := remaining_wait(user.failed_logins, user.last_failed_at, now)) > 0:
                raise LoginThrottled(f"登录失败次数过多，请 {wait} 秒后再试", wait)
            elif not self._verify(user, password):
                user.failed_logins += 1
                user.last_failed_at = now
                self.ctx.audit(s, "login_failed", "user", user.id,
                               after={"failed_logins": user.failed_logins, **extra}, user=None)
                error = AuthenticationError("用户名或密码错误")
            elif not user.active:
                self.ctx.audit(s, "login_refused", "user", user.id, after=extra or None,
                               user=None)
                error = AuthenticationError("该账号已停用，请联系厅经理")
            else:
                user.failed_logins = 0
                user.last_failed_at = None
                user.last_login_at = now
                if self.hasher.check_needs_rehash(user.password_hash):
                    user.password_hash = self.hasher.hash(password)
                info = UserInfo.from_row(user)
                self.ctx.audit(s, "login", "user", user.id, after=extra or None, user=info)
        if error is not None:
            raise error
        assert info is not None
        self.ctx.auth.user = info
        return info

    def logout(self) -> None:
        user = self.ctx.auth.user
        if user is None:
            return
        with self.ctx.db.write() as s:
            self.ctx.audit(s, "logout", "user", user.id)
        self.ctx.auth.user = None

    def verify_password(self, user_id: int, password: str) -> bool:
        """Check a user's password without counting failures (the caller throttles; see
        ``recheck_password`` for sign-off and amendments). Unknown and disabled users take
        as long as real ones."""
        with self.ctx.db.read() as s:
            user = users_repo.user(s, user_id)
            stored = user.password_hash if user is not None and user.active else None
        ok = self._verify_hash(stored or self._dummy_hash(), password)
        return ok and stored is not None

    def recheck_password(self, user_id: int, password: str, *, failed_action: str,
                         entity: str, entity_id: object | None = None,
                         detail: dict[str, Any] | None = None) -> bool:
        """Re-check the logged-in user's own password before signing or amending, throttled
        exactly like logins (the same counter: 5 free tries, then 30 s doubling, so guessing
        at an unlocked desk is as slow as at the login box). A failure is counted and audited
        as ``failed_action`` on ``entity`` in a committed transaction; a success clears the
        counter. Raises LoginThrottled while the user must wait."""
        now = self.ctx.clock.now()
        with self.ctx.db.read() as s:
            user = users_repo.user(s, user_id)
            wait = remaining_wait(user.failed_logins, user.last_failed_at, now) if user else 0
            stored = user.password_hash if user is not None and user.active else None
        if wait > 0:
            raise LoginThrottled(f"密码错误次数过多，请 {wait} 秒后再试", wait)
        ok = self._verify_hash(stored or self._dummy_hash(), password) and stored is not None
        with self.ctx.db.write() as s:
            user = users_repo.user(s, user_id)
            if user is None:
                return False
            if ok:
                if user.failed_logins or user.last_failed_at is not None:
                    user.failed_logins, user.last_failed_at = 0, None
                return True
            user.failed_logins += 1
            user.last_failed_at = now
            self.ctx.audit(s, failed_action, entity, entity_id,
                           after={**(detail or {}), "failed_logins": user.failed_logins})
        return False

    def _verify(self, user: User, password: str) -> bool:
        return self._verify_hash(user.password_hash, password)

    def _verify_hash(self, stored: str, password: str) -> bool:
        try:
            return self.hasher.verify(stored, password or "")
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def _dummy_hash(self) -> str:
        """A hash of a random password with this hasher's cost, verified for unknown users so
        that a wrong user name takes as long as a wrong password (no user enumeration)."""
        if self._dummy is None:
            self._dummy = self.hasher.hash(secrets.token_urlsafe(16))
        return self._dummy

    def change_password(self, old: str, new: str) -> None:
        me = self.ctx.auth.require(Action.CHANGE_OWN_PASSWORD)
        check_password(new)
        with self.ctx.db.write() as s:
            user = users_repo.user(s, me.id)
            if user is None or not self._verify(user, old):
                raise AuthenticationError("原密码不正确")
            user.password_hash = self.hasher.hash(new)
            user.must_change_password = False
            self.ctx.audit(s, "change_password", "user", user.id)
        self.ctx.auth.user = _replace(me, must_change_password=False)

    # --- user administration (hall manager) -----------------------------------------------
    def list_users(self, *, include_inactive: bool = True) -> list[UserInfo]:
        """Everyone on the roster, for pickers and the users page (no permission needed)."""
        if self.ctx.auth.user is None:
            raise AuthenticationError("请先登录")
        with self.ctx.db.read() as s:
            rows = users_repo.users(s, include_inactive=include_inactive)
            return [UserInfo.from_row(u) for u in rows]

    def create_user(self, *, username: str, full_name: str, role: Role, password: str,
                    staff_no: str | None = None) -> UserInfo:
        self.ctx.auth.require(Action.MANAGE_USERS)
        uname = check_username(username)
        fname = check_full_name(full_name)
        check_password(password)
        sno = (staff_no or "").strip() or None
        with self.ctx.db.write() as s:
            if users_repo.username_taken(s, uname):
                raise Conflict(f"登录名“{uname}”已存在")
            if sno and users_repo.staff_no_taken(s, sno):
                raise Conflict(f"工号“{sno}”已存在")
            user = User(username=uname, full_name=fname, staff_no=sno, role=Role(role).value,
                        password_hash=self.hasher.hash(password), active=True,
                        must_change_password=True, failed_logins=0,
                        created_at=self.ctx.clock.now())
            s.add(user)
            s.flush()
            self.ctx.audit(s, "create", "user", user.id, after=_public(user))
            return UserInfo.from_row(user)

    def set_active(self, user_id: int, active: bool) -> UserInfo:
        me = self.ctx.auth.require(Action.MANAGE_USERS)
        if user_id == me.id and not active:
            raise ValidationError("不能停用自己的账号")
        with self.ctx.db.write() as s:
            user = _get_user(s, user_id)
            before = _public(user)
            user.active = active
            self.ctx.audit(s, "enable" if active else "disable", "user", user.id,
                           before=before, after=_public(user))
            return UserInfo.from_row(user)

    def reset_password(self, user_id: int, new_password: str) -> None:
        """Set a temporary password the user must change at next login; clears the lockout."""
        self.ctx.auth.require(Action.MANAGE_USERS)
        check_password(new_password)
        with self.ctx.db.write() as s:
            user = _get_user(s, user_id)
            user.password_hash = self.hasher.hash(new_password)
            user.must_change_password = True
            user.failed_logins = 0
            user.last_failed_at = None
            self.ctx.audit(s, "reset_password", "user", user.id)


def _get_user(s: DbSession, user_id: int) -> User:
    user = users_repo.user(s, user_id)
    if user is None:
        raise NotFound("找不到该用户")
    return user


def _public(u: User) -> dict[str, object]:
    """What the audit log keeps of a user: never the password hash."""
    return {"username": u.username, "full_name": u.full_name, "staff_no": u.staff_no,
            "role": u.role, "active": u.active}


def _replace(info: UserInfo, **changes: object) -> UserInfo:
    from dataclasses import replace

    return replace(info, **changes)  # type: ignore[arg-type]
