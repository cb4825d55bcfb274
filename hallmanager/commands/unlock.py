"""``hallmanager unlock [--user NAME]``: clear the instance lock a crashed program left behind.

Only a hall manager may (the same CLEAR_STALE_LOCK permission as the desk's start-up dialog);
the login is the command line's usual one (``commands.common``). A database whose set-up never
finished has no hall manager to ask: its lock is cleared without a login, as at the desk.
A missing, empty or never set-up file is refused and nothing is created.
"""

from __future__ import annotations

import argparse

from hallmanager.commands.common import CommandError, credentials, err, login, open_services
from hallmanager.domain.errors import DomainError


def run(args: argparse.Namespace) -> int:
    """Log in as a hall manager, clear a stale lock; 0 on success, 1 otherwise."""
    try:
        with open_services(args) as services:
            if services.auth.needs_setup():  # died in the setup wizard: no hall manager to ask
                result = services.maintenance.clear_stale_lock_before_setup()
            else:
                login(services, credentials(args))
                result = services.maintenance.clear_stale_lock_as_current_user()
    except CommandError as exc:
        err(exc.message)
        return exc.code
    except DomainError as exc:
        err(f"未清除程序锁 / lock not cleared: {exc.message}")
        return 1
    if result.old is None:
        print("没有残留的程序锁 / there was no stale lock")
    else:
        print(
            f"已清除程序锁 / stale lock cleared：{result.old.description}。"
            "现在可以启动营业厅工作台 / you can start the app now."
        )
    return 0
