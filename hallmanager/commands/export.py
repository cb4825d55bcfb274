"""``hallmanager export daily`` and ``hallmanager print handover``: the same files as the desk app.

The command logs in as a real user (``commands.common``) and the services apply the desk's
rules: exporting and printing need a role that may do so, ``--unmasked`` only the hall
manager. Every output is audited under that user with ``via: "cli"`` and the operating-system
user. The database is opened without the instance lock, so this works beside the desk app.

Exit codes: 0 written, 1 refused or failed (login, permission, file exists without --force,
no log, database problem), 2 bad arguments (date, file type).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path

from hallmanager.commands.common import VIA_CLI, err, run_logged_in

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SUFFIX = {"export": ".xlsx", "print": ".pdf"}


def parse_date(text: str) -> dt.date:
    """The desk's date rule (YYYY-MM-DD, full-width digits accepted); ValueError says what is
    wrong ("2026-02-30 不存在：2 月只有 28 天", "日期格式应为 YYYY-MM-DD …")."""
    from hallmanager.domain.errors import ValidationError
    from hallmanager.domain.validation import parse_date_text

    try:
        return parse_date_text(text)
    except ValidationError as exc:
        raise ValueError(f"日期错误：{exc.message}") from exc


def parse_range(start_text: str | None, end_text: str | None) -> tuple[dt.date, dt.date]:
    """``--from`` and ``--to`` as dates; ValueError with the message the command prints
    (a bad date, or an end before the start)."""
    try:
        start, end = parse_date(start_text or ""), parse_date(end_text or "")
    except ValueError as exc:
        raise ValueError(f"{exc} / bad date") from exc
    if end < start:
        raise ValueError("结束日期不能早于开始日期 / --to is before --from")
    return start, end


def run(args: argparse.Namespace) -> int:
    try:
        day = parse_date(args.date)
    except ValueError as exc:
        err(f"{exc} / bad date")
        return 2
    out = Path(args.out).expanduser()
    want = _SUFFIX[args.command]
    if out.suffix.lower() != want:
        err(f"输出文件须为 {want} 文件：{out} / the output must be a {want} file")
        return 2
    unmasked = bool(getattr(args, "unmasked", False))

    def body(services) -> int:
        if args.command == "export":
            written = services.reports.export_daily(day, out, force=args.force, via=VIA_CLI,
                                                    unmasked=unmasked)
            print(f"已导出营业日报 / daily report written: {written}")
        else:
            written = services.reports.print_handover(day, args.shift, out, force=args.force,
                                                      via=VIA_CLI, unmasked=unmasked)
            print(f"已生成交接班表 / handover sheet written: {written}")
        return 0

    return run_logged_in(args, body)
