"""``hallmanager check``: integrity, foreign keys and the audit chain, read-only.

Opens the file with ``mode=ro`` and neither migrates nor takes the instance lock, so it can be
run (e.g. by a scheduled task) while the desk app is open.
"""

from __future__ import annotations

import argparse

from hallmanager.domain.errors import DatabaseError


def run(args: argparse.Namespace) -> int:
    """Print the problems (or a one-line OK with counts); 0 when OK, 1 otherwise."""
    from hallmanager.app import build_services, resolve_db_url
    from hallmanager.storage.database import open_database

    url = resolve_db_url(getattr(args, "db", None), getattr(args, "db_url", None))
    try:
        db = open_database(url, migrate=False, backup=False, lock=False, read_only=True)
    except DatabaseError as exc:
        print(f"数据库无法检查 / cannot check the database: {exc.message}")
        return 1
    try:
        services = build_services(db)
        summary = services.maintenance.summary()
        if summary.revision is None:
            print("数据库尚未初始化 / the database is empty (not set up yet)")
            return 1
        problems = services.maintenance.check()
    except Exception as exc:  # a damaged file can fail in many ways; report, don't trace
        print(f"数据库检查失败 / check failed: {exc}")
        return 1
    finally:
        db.dispose()
    if problems:
        print(f"发现 {len(problems)} 个问题 / {len(problems)} problem(s) found:")
        for line in problems:
            print(f"  - {line}")
        return 1
    print(
        f"数据库检查通过 / database OK：结构版本 {summary.revision}，{summary.tables} 张表，"
        f"{summary.users} 个用户，{summary.audit_entries} 条审计记录（审计链完整）"
    )
    return 0
