"""``hallmanager export daily`` and ``hallmanager print handover``: the same files as the desk app.

The command line has no login. It acts as the first active hall manager (see
``services.reports.command_line_actor``) and every export is audited with ``via: "cli"`` and
the operating-system user. It opens the database without the instance lock, so it works
while the desk app is running.

Exit codes: 0 written, 1 refused or failed (file exists without --force, no log, database
problem), 2 bad arguments (date, file type).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from hallmanager.domain.errors import DomainError

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SUFFIX = {"export": ".xlsx", "print": ".pdf"}


def parse_date(text: str) -> dt.date:
    """Strict YYYY-MM-DD (no '2026-1-5', no '20261105')."""
    s = (text or "").strip()
    if not _DATE.match(s):
        raise ValueError(f"日期格式不正确：“{text}”（应为 YYYY-MM-DD，例如 2026-11-22）")
    try:
        return dt.date.fromisoformat(s)
    except ValueError as exc:
        raise ValueError(f"日期不存在：“{text}”") from exc


def _err(msg: str) -> None:
    print(msg, file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from hallmanager.app import build_services, resolve_db_url
    from hallmanager.services.reports import VIA_CLI, command_line_actor
    from hallmanager.storage.database import open_database, sqlite_path

    try:
        day = parse_date(args.date)
    except ValueError as exc:
        _err(f"{exc} / bad date")
        return 2
    out = Path(args.out).expanduser()
    want = _SUFFIX[args.command]
    if out.suffix.lower() != want:
        _err(f"输出文件须为 {want} 文件：{out} / the output must be a {want} file")
        return 2

    url = resolve_db_url(getattr(args, "db", None), getattr(args, "db_url", None))
    path = sqlite_path(url)
    if path is not None and not path.exists():
        _err(f"数据库文件不存在：{path} / no such database")
        return 1
    try:
        db = open_database(url, lock=False)
    except DomainError as exc:
        _err(f"无法打开数据库 / cannot open the database: {exc.message}")
        return 1
    try:
        services = build_services(db)
        services.ctx.auth.user = command_line_actor(services.ctx)
        if args.command == "export":
            written = services.reports.export_daily(day, out, force=args.force, via=VIA_CLI,
                                                    unmasked=bool(args.unmasked))
            print(f"已导出营业日报 / daily report written: {written}")
        else:
            written = services.reports.print_handover(day, args.shift, out, force=args.force,
                                                      via=VIA_CLI, unmasked=bool(args.unmasked))
            print(f"已生成交接班表 / handover sheet written: {written}")
    except DomainError as exc:
        _err(exc.message)
        return 1
    finally:
        db.dispose()
    return 0
