"""``hallmanager import staff|clock --file F`` and ``hallmanager export attendance``.

Both log in like every command (``--user`` / $HALLMANAGER_USER, $HALLMANAGER_PASSWORD or a
prompt) and obey the desk's role matrix; every import and export is audited with ``via: cli``.
Exit codes: 0 done, 1 refused or failed (bad rows name their row numbers), 2 bad arguments.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from hallmanager.commands.common import err, run_logged_in

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def run_import(args: argparse.Namespace) -> int:
    path = Path(args.file).expanduser()
    if not path.is_file():
        err(f"文件不存在：{path} / no such file")
        return 1

    def body(services) -> int:  # type: ignore[no-untyped-def]
        att = services.attendance
        if args.what == "staff":
            r = att.import_staff(path)
            print(f"花名册已导入 / roster imported: 新增 {r.created}，更新 {r.updated}，"
                  f"未变 {r.unchanged}")
            return 0
        r = att.import_punches(path)
        print(f"新增 {r.imported} 条，重复 {r.duplicates} 条，拒绝 {r.rejected} 条 / "
              f"imported {r.imported}, duplicate {r.duplicates}, rejected {r.rejected}")
        for p in r.rejected_rows:
            print(f"  第 {p.row} 行 / row {p.row}: {p.reason}")
        return 0 if r.rejected == 0 else 1

    return run_logged_in(args, body)


def run_export(args: argparse.Namespace) -> int:
    from hallmanager.commands.export import parse_range

    month = getattr(args, "month", None)
    start_text, end_text = getattr(args, "from_", None), getattr(args, "to", None)
    if bool(month) == bool(start_text or end_text):
        err("请给出 --month YYYY-MM，或 --from 和 --to / give --month, or --from and --to")
        return 2
    start = end = None
    if month:
        if not _MONTH.match(month):
            err(f"月份格式应为 YYYY-MM：“{month}” / bad month")
            return 2
    else:
        try:
            start, end = parse_range(start_text, end_text)
        except ValueError as exc:
            err(str(exc))
            return 2
    out = Path(args.out).expanduser()
    if out.suffix.lower() not in (".xlsx", ".pdf"):
        err(f"输出文件须为 .xlsx 或 .pdf：{out} / the output must be .xlsx or .pdf")
        return 2

    def body(services) -> int:  # type: ignore[no-untyped-def]
        from hallmanager.services.attendance.paper import AttendancePaper

        written = AttendancePaper(services.attendance).export(
            out, month=month, start=start, end=end, force=bool(args.force), via="cli",
            unmasked=bool(getattr(args, "unmasked", False)))
        print(f"已导出考勤 / attendance written: {written}")
        return 0

    return run_logged_in(args, body)
