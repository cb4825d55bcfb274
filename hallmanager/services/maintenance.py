"""Database upkeep: the integrity check (with the audit anchors) and clearing a stale lock.

Both run before anyone is logged in (from the command line, or from the start-up dialog that
reports a stale lock), so clearing the lock takes the hall manager's credentials directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hallmanager.domain.errors import (
    AuthenticationError,
    DatabaseError,
    LoginThrottled,
    PermissionDenied,
)
from hallmanager.domain.login_policy import remaining_wait
from hallmanager.domain.roles import Action, Role, allowed
from hallmanager.services import check
from hallmanager.services.auth import AuthService
from hallmanager.services.check import CheckResult, DatabaseSummary
from hallmanager.services.context import ServiceContext, UserInfo
from hallmanager.storage.anchors import Anchor, database_identity
from hallmanager.storage.chain import Progress
from hallmanager.storage.instance_lock import LockInfo
from hallmanager.storage.repositories import users as users_repo
from hallmanager.storage.session_rows import session_rows


@dataclass(frozen=True)
class ClearedLock:
    """Result of clearing a stale lock: whose lock was removed, and our new one."""

    old: LockInfo | None
    new: LockInfo


class MaintenanceService:
    def __init__(self, ctx: ServiceContext, auth: AuthService | None = None) -> None:
        """``auth`` checks passwords with the program's hasher (wired by app.build_services)."""
        self.ctx = ctx
        self._auth = auth or AuthService(ctx)

    # --- check --------------------------------------------------------------------------
    def check(self, paper_anchors: Sequence[Anchor] = ()) -> list[str]:
        """Problem lines of ``verify`` (Chinese), empty = OK."""
        return self.verify(paper_anchors).problems

    def verify(self, paper_anchors: Sequence[Anchor] = (),
               progress: Progress | None = None, *, full: bool = True) -> CheckResult:
        """Integrity, foreign keys, the audit chain, its append-only triggers, the records it
        describes (signed logs, amendments, hand-over items, users) and the anchors outside
        the file: this PC's local anchor and any ``paper_anchors`` (from handover sheets).
        ``full=False`` runs SQLite's quick_check instead of the full integrity_check (no
        index cross-check; linear in the file's size).

        Reads only, so it can run while the desk app has the database open.
        """
        with self.ctx.db.read() as s:
            return check.verify(session_rows(s), identity=database_identity(self.ctx.db.url),
                                paper_anchors=paper_anchors,
                                integrity="full" if full else "quick", progress=progress)

    def summary(self) -> DatabaseSummary:
        """How much is in the database (no personal data)."""
        with self.ctx.db.read() as s:
            return check.summary(session_rows(s))

    # --- stale lock -----------------------------------------------------------------------
    def clear_stale_lock(self, username: str, password: str) -> ClearedLock:
        """Remove the lock a crashed program left, after checking a hall manager's password.

        Refuses a lock whose program still runs (DatabaseInUse). Takes the lock for this
        process and audits the old holder, so an unjustified clearing can be traced.
        """
        return self._clear_lock(self._check_manager(username, password))

    def clear_stale_lock_as_current_user(self) -> ClearedLock:
        """The same for a user who already logged in (the command line's login)."""
        user = self.ctx.auth.user
        if user is not None and not allowed(user.role, Action.CLEAR_STALE_LOCK):
            raise PermissionDenied(
                f"只有{Role.HALL_MANAGER.label}可以清除程序锁（{user.full_name}是{user.role.label}）"
            )
        return self._clear_lock(self.ctx.auth.require(Action.CLEAR_STALE_LOCK))

    def clear_stale_lock_before_setup(self) -> ClearedLock:
        """Clear a stale lock on a database whose hall was never set up (the program died in
        the setup wizard): there is no hall manager to ask and nothing to protect yet.

        Refused (PermissionDenied) once a hall manager exists; audited like the normal case.
        """
        return self._clear_lock(None)

    def record_stale_lock_taken_over(self) -> LockInfo | None:
        """Audit, as ``system``, that opening the database took over the lock of a program
        that provably no longer ran (crash, power cut, kill); returns that lock, if any."""
        lock = self.ctx.db.instance_lock
        old, new = self.ctx.db.stale_lock_cleared, self.ctx.db.lock_info
        if lock is None or old is None or new is None:
            return None
        with self.ctx.db.write() as s:
            self.ctx.audit(s, "clear_stale_lock", "instance_lock", None,
                           before={"host": old.host, "pid": old.pid, "started": old.started},
                           after={"host": new.host, "pid": new.pid, "started": new.started,
                                  "automatic": True})
        lock.taken_over = None  # audited once
        return old

    def _clear_lock(self, manager: UserInfo | None) -> ClearedLock:
        """Break a stale lock and take it, in one audited write; ``manager`` None = no hall
        manager exists yet (checked inside the transaction)."""
        lock = self.ctx.db.instance_lock
        if lock is None:
            raise DatabaseError("该数据库不是本地文件，没有程序锁需要清除")
        with self.ctx.db.write() as s:
            if manager is None and users_repo.count_users(s, role=Role.HALL_MANAGER.value):
                raise PermissionDenied("营业厅已经设置，清除程序锁需要厅经理输入密码")
            old = lock.break_stale()
            new = lock.acquire()
            if old is not None:
                after: dict[str, object] = {"host": new.host, "pid": new.pid,
                                            "started": new.started}
                if manager is None:
                    after["before_setup"] = True
                self.ctx.audit(
                    s, "clear_stale_lock", "instance_lock", None,
                    before={"host": old.host, "pid": old.pid, "started": old.started},
                    after=after, user=manager,
                )
        return ClearedLock(old=old, new=new)

    def _check_manager(self, username: str, password: str) -> UserInfo:
        """The user's password, the login throttle and the CLEAR_STALE_LOCK permission."""
        uname = (username or "").strip()
        now = self.ctx.clock.now()
        with self.ctx.db.read() as s:
            row = users_repo.user_by_username(s, uname)
            info = UserInfo.from_row(row) if row is not None else None
            wait = remaining_wait(row.failed_logins, row.last_failed_at, now) if row else 0
        if info is None:
            raise AuthenticationError("用户名或密码错误")
        if wait > 0:
            raise LoginThrottled(f"登录失败次数过多，请 {wait} 秒后再试", wait)
        if not self._verify(info.id, password):
            with self.ctx.db.write() as s:
                row = users_repo.user(s, info.id)
                if row is not None:
                    row.failed_logins += 1
                    row.last_failed_at = now
                    self.ctx.audit(s, "login_failed", "user", row.id,
                                   after={"failed_logins": row.failed_logins,
                                          "purpose": "clear_stale_lock"}, user=None)
            raise AuthenticationError("用户名或密码错误")
        if not allowed(info.role, Action.CLEAR_STALE_LOCK):
            raise PermissionDenied(
                f"只有{Role.HALL_MANAGER.label}可以清除程序锁（{info.full_name}是{info.role.label}）"
            )
        return info

    def _verify(self, user_id: int, password: str) -> bool:
        return self._auth.verify_password(user_id, password)
