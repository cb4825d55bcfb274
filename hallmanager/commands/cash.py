"""``hallmanager export cash --from D --to D --out F.xlsx``: the cash handover workbook.

Logs in like every command (``--user`` / $HALLMANAGER_USER, $HALLMANAGER_PASSWORD or a
prompt) and obeys the desk's role matrix (a teller may not export); the export is audited
with ``via: cli`` and the operating-system user; ``--unmasked`` (the hall manager only,
audited) keeps phone and ID numbers in free text. Exit codes: 0 written, 1 refused or failed,
2 bad arguments.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from hallmanager.commands.common import VIA_CLI, err, os_user, run_logged_in


def run_export(args: argparse.Namespace) -> int:
    from hallmanager.commands.export import parse_range

    try:
        start, end = parse_range(args.from_, args.to)
    except ValueError as exc:
        err(str(exc))
        return 2
    out = Path(args.out).expanduser()
    if out.suffix.lower() != ".xlsx":
        err(f"输出文件须为 .xlsx：{out} / the output must be .xlsx")
        return 2

    def body(services) -> int:  # type: ignore[no-untyped-def]
        written = services.cash.export(start, end, out, force=bool(args.force), via=VIA_CLI,
                                       detail=os_user(),
                                       unmasked=bool(getattr(args, "unmasked", False)))
        print(f"已导出现金交接明细 / cash workbook written: {written}")
        return 0

    return run_logged_in(args, body)
