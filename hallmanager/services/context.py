"""What every service shares: the database, the clock and who is logged in at the desk."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hallmanager.domain.clock import Clock
from hallmanager.domain.errors import AuthenticationError, PermissionDenied
from hallmanager.domain.roles import Action, Role, allowed
from hallmanager.storage.audit import append_audit
from hallmanager.storage.database import Database, DbSession
from hallmanager.storage.models import User


@dataclass(frozen=True)
class UserInfo:
    """A user as the UI sees it (a plain object, never a live ORM row)."""

    id: int
    username: str
    full_name: str
    role: Role
    staff_no: str | None
    active: bool
    must_change_password: bool

    @property
    def role_label(self) -> str:
        return self.role.label

    @classmethod
    def from_row(cls, u: User) -> UserInfo:
        return cls(
            id=u.id,
            username=u.username,
            full_name=u.full_name,
            role=Role(u.role),
            staff_no=u.staff_no,
            active=u.active,
            must_change_password=u.must_change_password,
        )


class AuthState:
    """Who is logged in on this desk right now (changes at the lock screen on shift change)."""

    def __init__(self) -> None:
        self.user: UserInfo | None = None

    def require(self, action: Action) -> UserInfo:
        """Return the current user if their role may do ``action``; raise otherwise."""
        if self.user is None:
            raise AuthenticationError("请先登录")
        if not allowed(self.user.role, action):
            raise PermissionDenied(f"{self.user.role.label}无权执行此操作")
        return self.user

    def may(self, action: Action) -> bool:
        return self.user is not None and allowed(self.user.role, action)


class ServiceContext:
    """Passed to every service by the composition root (no globals)."""

    def __init__(self, db: Database, clock: Clock, auth: AuthState | None = None) -> None:
        self.db = db
        self.clock = clock
        self.auth = auth or AuthState()

    def audit(
        self,
        session: DbSession,
        action: str,
        entity: str,
        entity_id: object | None = None,
        *,
        before: Any = None,
        after: Any = None,
        user: UserInfo | None = None,
    ) -> None:
        """Append an audit entry in the caller's transaction, as the current user."""
        who = user or self.auth.user
        append_audit(
            session,
            at=self.clock.now(),
            user_id=who.id if who else None,
            username=who.username if who else "system",
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=before,
            after=after,
        )
