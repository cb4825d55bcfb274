"""``hallmanager unlock --user NAME``: clear the instance lock a crashed program left behind."""

from __future__ import annotations

import argparse
import getpass

from hallmanager.domain.errors import DomainError


def run(args: argparse.Namespace) -> int:
    """Ask for the hall manager's password, clear a stale lock; 0 on success, 1 otherwise."""
    from hallmanager.app import build_services, resolve_db_url
    from hallmanager.storage.database import open_database

    url = resolve_db_url(getattr(args, "db", None), getattr(args, "db_url", None))
    try:
        db = open_database(url, lock=False)
    except DomainError as exc:
        print(f"无法打开数据库 / cannot open the database: {exc.message}")
        return 1
    try:
        services = build_services(db)
        if services.auth.needs_setup():  # died in the setup wizard: no hall manager to ask
            result = services.maintenance.clear_stale_lock_before_setup()
        else:
            password = getpass.getpass(f"{args.user} 的密码 / password: ")
            result = services.maintenance.clear_stale_lock(args.user, password)
    except DomainError as exc:
        print(f"未清除程序锁 / lock not cleared: {exc.message}")
        return 1
    finally:
        db.dispose()
    if result.old is None:
        print("没有残留的程序锁 / there was no stale lock")
    else:
        print(
            f"已清除程序锁 / stale lock cleared：{result.old.description}。"
            "现在可以启动营业厅工作台 / you can start the app now."
        )
    return 0
