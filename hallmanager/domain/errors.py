"""Domain errors. Messages are Chinese first because they reach the duty manager verbatim."""

from __future__ import annotations


class DomainError(Exception):
    """Base for every error a user action can cause; ``message`` is shown as is."""

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class ValidationError(DomainError):
    """Input was wrong; nothing was changed."""

    def __init__(self, message: str, *, field: str | None = None, row: int | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.row = row


class PermissionDenied(DomainError):
    """The logged-in user's role may not do this (checked in services, not just in the UI)."""


class NotFound(DomainError):
    """A record that should exist does not."""


class ReadOnlyRecord(DomainError):
    """A signed or confirmed record cannot be changed; make an amendment instead."""


class AuthenticationError(DomainError):
    """Wrong user name or password, or the account is disabled."""


class LoginThrottled(AuthenticationError):
    """Too many failed logins; the user must wait ``wait_seconds``."""

    def __init__(self, message: str, wait_seconds: float) -> None:
        super().__init__(message)
        self.wait_seconds = wait_seconds


class Cancelled(DomainError):
    """The user stopped a long read-only task (the audit-chain check) before it finished."""


class Conflict(DomainError):
    """The action clashes with existing data (e.g. a second log for the same shift)."""


class DatabaseError(DomainError):
    """The database file cannot be used; the file is left untouched."""


class DatabaseReadOnly(DatabaseError):
    pass


class DatabaseLocked(DatabaseError):
    """Another program holds a write lock on the file right now."""


class DatabaseCorrupt(DatabaseError):
    pass


class DatabaseTooNew(DatabaseError):
    """The file was written by a newer hallmanager (unknown schema revision)."""


class DatabaseInUse(DatabaseError):
    """Another running hallmanager has the file open (instance lock with host and pid)."""

    def __init__(self, message: str, *, host: str, pid: int, started: str | None = None) -> None:
        super().__init__(message)
        self.host, self.pid, self.started = host, pid, started


class StaleLock(DatabaseInUse):
    """The instance lock belongs to a process that no longer runs; the hall manager may clear it."""
