"""``hallmanager export incidents --from D --to D --out F.xlsx`` and ``hallmanager print
incident --id N --out F.pdf``: the emergency workbook and one run's incident report.

Both log in like every command (``--user`` / $HALLMANAGER_USER, $HALLMANAGER_PASSWORD or a
prompt) and obey the desk's role matrix; every output is audited with ``via: cli``.
Exit codes: 0 written, 1 refused or failed, 2 bad arguments.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from hallmanager.commands.common import VIA_CLI, err, run_logged_in


def run(args: argparse.Namespace) -> int:
    from hallmanager.commands.export import parse_range

    out = Path(args.out).expanduser()
    want = ".xlsx" if args.what == "incidents" else ".pdf"
    if out.suffix.lower() != want:
        err(f"输出文件须为 {want} 文件：{out} / the output must be a {want} file")
        return 2
    if args.what == "incidents":
        try:
            start, end = parse_range(args.from_, args.to)
        except ValueError as exc:
            err(str(exc))
            return 2

        def export(services) -> int:  # type: ignore[no-untyped-def]
            written = services.emergency.export(start, end, out, force=bool(args.force),
                                                via=VIA_CLI)
            print(f"已导出应急事件 / emergency runs written: {written}")
            return 0

        return run_logged_in(args, export)
    if args.id <= 0:
        err("应急记录编号须为正整数 / --id must be a positive number")
        return 2

    def report(services) -> int:  # type: ignore[no-untyped-def]
        written = services.emergency.write_report(args.id, out, force=bool(args.force),
                                                  via=VIA_CLI)
        print(f"已生成应急事件记录 / incident report written: {written}")
        return 0

    return run_logged_in(args, report)
