"""Queries on the user roster (logins, pickers, user administration)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hallmanager.storage.models import User


def user(s: Session, user_id: int) -> User | None:
    """One user by id (None if there is none)."""
    return s.get(User, user_id)


def user_by_username(s: Session, username: str) -> User | None:
    """The account a login name belongs to (names are unique, compared exactly)."""
    return s.scalar(select(User).where(User.username == username))


def username_taken(s: Session, username: str) -> bool:
    """Whether a login name is already used (checked before creating an account)."""
    return s.scalar(select(User.id).where(User.username == username)) is not None


def staff_no_taken(s: Session, staff_no: str) -> bool:
    """Whether a staff number is already used (it is unique too)."""
    return s.scalar(select(User.id).where(User.staff_no == staff_no)) is not None


def count_users(s: Session, *, role: str | None = None) -> int:
    """How many accounts exist (with ``role``: of that role, active or not)."""
    q = select(func.count()).select_from(User)
    if role is not None:
        q = q.where(User.role == role)
    return int(s.scalar(q) or 0)


def users(s: Session, *, include_inactive: bool = True) -> list[User]:
    """The roster in the order the users page shows it: by role, staff number, login name."""
    q = select(User).order_by(User.role, User.staff_no, User.username)
    if not include_inactive:
        q = q.where(User.active.is_(True))
    return list(s.scalars(q))


def existing_ids(s: Session, ids: Iterable[int]) -> set[int]:
    """Which of ``ids`` are on the roster (staff pickers may only name real people)."""
    return set(s.scalars(select(User.id).where(User.id.in_(list(ids)))))
