"""``hallmanager backup [--out F]``, ``hallmanager backups`` and ``hallmanager restore F``.

- ``backup``: any user who may log in at the desk; works beside a running desk (an online
  copy); the copy is checked like ``hallmanager check`` and audited.
- ``backups``: the list (time, size, kind, check result); no login, like ``check``: it shows
  file names and counts, no personal data.
- ``restore``: a hall manager, and no desk may have the database open (the instance lock);
  the file is checked first and left untouched, the current database kept as a backup.
"""

from __future__ import annotations

import argparse

from hallmanager.commands.common import (
    CommandError,
    credentials,
    err,
    login,
    open_services,
    run_logged_in,
)
from hallmanager.domain.errors import AuthenticationError, DomainError, PermissionDenied


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(n, 0) // 1024} KB"


def run_backup(args: argparse.Namespace) -> int:
    """Make one verified backup; 0 when it was written and passed its check."""

    def body(services: object) -> int:
        rec = services.backup.backup(out=getattr(args, "out", None))  # type: ignore[attr-defined]
        where = getattr(args, "out", None) or services.backup.folder()  # type: ignore[attr-defined]
        print(f"备份完成并已校验 / backup written and verified：{rec.name}（{_size(rec.size)}，"
              f"审计链 {rec.audit_head or '—'}）→ {where}")
        return 0

    return run_logged_in(args, body)


def run_list(args: argparse.Namespace) -> int:
    """Print the backups of the database, newest first."""
    try:
        with open_services(args, migrate=False, backup=False, read_only=True) as services:
            folder = services.backup.folder()
            records = services.backup.backups()
            status = services.backup.status()
    except CommandError as exc:
        err(exc.message)
        return exc.code
    except DomainError as exc:
        err(exc.message)
        return 1
    print(f"备份文件夹 / backup folder: {folder}")
    if not records:
        print("还没有备份 / no backups yet")
    for r in records:
        if r.ok is None:
            result = "未校验 / not checked"
        elif r.ok:
            result = f"校验通过 / OK（审计链 {r.audit_head or '—'}）"
        else:
            result = "校验未通过 / FAILED：" + "；".join(r.problems[:3])
        print(f"{r.at}  {_size(r.size):>9}  {r.kind:<14}  {r.name}  {result}")
    if status.failure:
        print(f"最近一次备份失败 / last backup failed（{status.failure_at}）：{status.failure}")
        return 1
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """Replace the database with a checked backup (hall manager, no desk running)."""
    try:
        creds = credentials(args)
        with open_services(args, lock=True) as services:
            services.maintenance.record_stale_lock_taken_over()
            login(services, creds)
            result = services.backup.restore(args.file, progress=None)
            migrated = "，已升级到当前结构版本" if result.migrated else ""
            print(f"已恢复 / restored：{result.source}{migrated}。"
                  f"恢复前的数据库已保存为 / the previous database was kept as：{result.kept}")
            return 0
    except CommandError as exc:
        err(f"未恢复 / not restored: {exc.message}")
        return exc.code
    except AuthenticationError as exc:
        err(f"登录失败 / login failed: {exc.message}")
        return 1
    except PermissionDenied as exc:
        err(f"权限不足 / permission denied: {exc.message}（只有厅经理可以恢复备份）")
        return 1
    except DomainError as exc:
        err(f"未恢复 / not restored: {exc.message}")
        return 1
