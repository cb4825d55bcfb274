"""What every command shares: which database, opening it, the services, the login, closing.

The command line acts as a real user, exactly like the desk: the user comes from ``--user``
or ``$HALLMANAGER_USER``, the password from ``$HALLMANAGER_PASSWORD`` or, on a terminal, a
prompt without echo. The login goes through ``AuthService.login``, so wrong passwords count
for the same throttle as at the desk, and the services check the same role × action matrix.
Without a terminal and without the variables a command stops before it opens anything.

Commands that only read (export, print, check, unlock) never create a database: a missing,
empty (0 bytes) or never set-up file is refused and left as it is. The database is opened
without the instance lock, so the commands work beside a running desk app.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hallmanager.domain.errors import AuthenticationError, DomainError, PermissionDenied

if TYPE_CHECKING:
    import argparse

    from hallmanager.app import Services
    from hallmanager.registry import ModuleSpec
    from hallmanager.services.context import UserInfo

ENV_USER = "HALLMANAGER_USER"
ENV_PASSWORD = "HALLMANAGER_PASSWORD"
VIA_CLI = "cli"


class CommandError(Exception):
    """A command stops with this message (printed to stderr) and exit code."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def err(message: str) -> None:
    print(message, file=sys.stderr)


def database_url(args: argparse.Namespace | Any) -> str:
    """``--db-url``, ``--db``, ``$HALLMANAGER_DB`` or the default file (see
    paths.resolve_db_url)."""
    from hallmanager.paths import resolve_db_url

    return resolve_db_url(getattr(args, "db", None), getattr(args, "db_url", None))


def require_set_up_file(url: str) -> None:
    """Refuse a SQLite file that is missing, empty or not set up, without touching it (no
    folder, no schema, no -wal/-shm): only the desk's set-up wizard initialises a database."""
    from hallmanager.storage.database import sqlite_path

    path = sqlite_path(url)
    if path is not None:
        require_set_up_path(path)


def require_set_up_path(path: Path) -> None:
    """``require_set_up_file`` for a SQLite file's path (needs no SQLAlchemy: ``check``)."""
    from hallmanager.storage.sqlite_file import inspect_sqlite_file

    path = path.absolute()
    if not path.exists():
        raise CommandError(f"数据库文件不存在：{path} / no such database file")
    if path.is_file() and path.stat().st_size == 0:
        raise CommandError(f"数据库文件是空的（0 字节）：{path}。请在工作台中完成初始设置。"
                           f" / the database file is empty (0 bytes); set it up in the desk app")
    try:
        check = inspect_sqlite_file(path, integrity=False)  # open_database checks as it opens
    except DomainError as exc:
        raise CommandError(f"无法打开数据库 / cannot open the database: {exc.message}") from exc
    if check.empty:
        raise CommandError(f"数据库尚未初始化：{path}。请在工作台中完成初始设置。"
                           f" / the database is not set up yet")


def stdin_is_terminal() -> bool:
    """Whether a person can be asked (a prompt without a terminal would die with EOFError)."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):  # closed or detached stdin
        return False


def credentials(args: argparse.Namespace | Any) -> tuple[str, str]:
    """(user, password) from the options, the environment or the terminal; CommandError when
    they are missing and nobody can be asked."""
    user = (getattr(args, "user", None) or os.environ.get(ENV_USER) or "").strip()
    password = os.environ.get(ENV_PASSWORD)
    if user and password is not None:
        return user, password
    if not stdin_is_terminal():
        raise CommandError(
            "需要登录：请用 --user 或环境变量 HALLMANAGER_USER 指定登录名，用环境变量 "
            "HALLMANAGER_PASSWORD 提供密码（或在终端中运行以输入密码）。未做任何更改。\n"
            "Login required: give the user with --user or HALLMANAGER_USER and the password in "
            "HALLMANAGER_PASSWORD (or run on a terminal to be asked). Nothing was changed.")
    try:
        if not user:
            user = input("登录名 / user: ").strip()
        if password is None:
            password = getpass.getpass(f"{user} 的密码 / password: ")
    except (EOFError, KeyboardInterrupt) as exc:
        raise CommandError("未输入登录信息，已取消 / no login given, cancelled") from exc
    if not user:
        raise CommandError("未输入登录名，已取消 / no user given, cancelled")
    return user, password


def os_user() -> dict[str, str]:
    """The operating-system account running the command, for the audit log."""
    try:
        return {"os_user": getpass.getuser()}
    except Exception:  # no user name in some service environments
        return {}


def login(services: Services, creds: tuple[str, str]) -> UserInfo:
    """Log in through the desk's own login (throttle, audit with ``via: cli``). A temporary
    password set by the hall manager must first be changed at the desk."""
    user, password = creds
    try:
        info = services.auth.login(user, password, detail={"via": VIA_CLI, **os_user()})
    except DomainError as exc:
        raise CommandError(f"登录失败 / login failed: {exc.message}") from exc
    if info.must_change_password:
        services.auth.logout()
        raise CommandError("登录失败 / login failed: 该账号使用的是临时密码，请先在工作台登录并修改密码"
                           " / change the temporary password at the desk first")
    return info


@contextmanager
def open_services(args: argparse.Namespace | Any, *, existing: bool = True,
                  modules: Sequence[ModuleSpec] | None = None, **open_kwargs: Any
                  ) -> Iterator[Services]:
    """The database of ``args`` opened without the instance lock, services over it; closed
    (and logged out) on exit. ``existing`` refuses a missing, empty or not set-up file.
    ``modules`` (default: every registered module) limits which modules' services are built
    and imported: ``check`` needs none of them."""
    from hallmanager.app import build_services
    from hallmanager.registry import MODULES
    from hallmanager.storage.database import open_database

    url = database_url(args)
    if existing:
        require_set_up_file(url)
    open_kwargs.setdefault("lock", False)
    try:
        db = open_database(url, **open_kwargs)
    except DomainError as exc:
        raise CommandError(f"无法打开数据库 / cannot open the database: {exc.message}") from exc
    try:
        services = build_services(db, modules=MODULES if modules is None else modules)
    except BaseException:
        db.dispose()
        raise
    try:
        yield services
    finally:
        if services.ctx.auth.user is not None:
            with contextlib.suppress(DomainError):
                services.auth.logout()
        db.dispose()


def run_logged_in(args: argparse.Namespace | Any, body: Callable[[Services], int]) -> int:
    """The usual command: credentials first (so a missing password changes nothing), then
    open an existing database, log in, run ``body``, log out and close. Domain errors become
    messages and exit code 1."""
    try:
        creds = credentials(args)
        with open_services(args) as services:
            login(services, creds)
            return body(services)
    except CommandError as exc:
        err(exc.message)
        return exc.code
    except AuthenticationError as exc:
        err(f"登录失败 / login failed: {exc.message}")
        return 1
    except PermissionDenied as exc:
        err(f"权限不足 / permission denied: {exc.message}")
        return 1
    except DomainError as exc:
        err(exc.message)
        return 1
