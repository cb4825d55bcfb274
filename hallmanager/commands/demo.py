"""``hallmanager demo --db PATH [--days N] [--staff N] [--force] [--run]``: create the demo
hall (every registered module's demo step), optionally launch.

An existing file is never replaced without ``--force`` (and never while another hallmanager
has it open); with ``--run`` and an existing file, the app simply starts on it.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from hallmanager.domain.errors import DatabaseError, DatabaseInUse, DomainError, StaleLock


def run(args: argparse.Namespace) -> int:
    """Creates a new file, so no login: the demo accounts are made here."""
    from hallmanager import app
    from hallmanager.commands.common import database_url
    from hallmanager.domain.clock import SystemClock
    from hallmanager.storage.database import open_database, sqlite_path

    url = database_url(args)
    path = sqlite_path(url)
    force = bool(getattr(args, "force", False))
    launch = bool(getattr(args, "run", False))
    if path is not None and path.exists():
        if not force:
            if launch:
                return _launch(args)
            print(f"文件已存在：{path}\n为避免覆盖已有数据，未创建演示数据。如确需替换，请加 --force。\n"
                  f"File exists: {path} — not overwritten; add --force to replace it.",
                  file=sys.stderr)
            return 1
        problem = _remove_database(path)
        if problem:
            print(problem, file=sys.stderr)
            return 1
    try:
        db = open_database(url, backup=False)
    except DatabaseError as exc:
        print(f"无法创建演示数据库 / cannot create the demo database: {exc.message}",
              file=sys.stderr)
        return 1
    try:
        result = app.create_demo(db, SystemClock(), days=getattr(args, "days", None) or 90,
                                 staff=getattr(args, "staff", None) or 12)
    except DomainError as exc:
        print(f"创建演示数据失败 / demo creation failed: {exc.message}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
    print(f"已创建演示营业厅 / demo hall created: {result.hall_name}")
    print(f"数据库 / database: {path or url}")
    for line in result.lines:
        print(line)
    print(f"{result.days} 天，{result.staff} 名营业员，{result.audit_entries} 条审计记录，"
          f"用时 {result.seconds:.1f} 秒")
    print("演示账号（仅用于演示）/ demo accounts (demo only):")
    by_pw: dict[str, list[str]] = {}
    for user, pw in result.passwords.items():
        by_pw.setdefault(pw, []).append(user)
    for pw, users in by_pw.items():
        print(f"  {', '.join(users)}  密码 / password: {pw}")
    if launch:
        return _launch(args)
    return 0


def _remove_database(path: Path) -> str | None:
    """Delete the file and its WAL/SHM/lock companions, unless a live program holds it."""
    from hallmanager.storage.instance_lock import InstanceLock

    lock = InstanceLock.for_database(path)
    try:
        lock.check()
    except StaleLock:
        pass
    except DatabaseInUse as exc:
        return exc.message
    for f in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"),
              lock.path):
        with contextlib.suppress(FileNotFoundError):
            f.unlink()
    return None


def _launch(args: argparse.Namespace) -> int:
    from hallmanager.commands.gui import run as gui_run

    return gui_run(args)
