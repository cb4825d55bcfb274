"""``hallmanager import complaints --file F.xlsx`` and ``hallmanager export complaints --from D
--to D --out F.xlsx|F.pdf``.

Both log in like every command (``--user`` / $HALLMANAGER_USER, $HALLMANAGER_PASSWORD or a
prompt) and obey the desk's role matrix (import: who may register complaints; export: who
may see them; ``--unmasked``: the hall manager only). Imports and exports are audited with
``via: cli`` and the operating-system user.

The import is all or nothing: any bad row is named with its row number on stderr and no
work order is imported; orders whose 工单号 is already registered are skipped, so importing
the same file again adds nothing.

Exit codes: 0 done, 1 refused or failed (bad rows, login, permission, file exists without
--force), 2 bad arguments.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from hallmanager.commands.common import VIA_CLI, err, run_logged_in

IMPORT_SOURCES = ("call_center", "company", "online", "letter", "regulator")


def run_import(args: argparse.Namespace) -> int:
    path = Path(args.file).expanduser()
    if path.suffix.lower() != ".xlsx":
        err(f"导入文件须为 .xlsx：{path} / the file must be an .xlsx workbook")
        return 2
    if not path.is_file():
        err(f"文件不存在：{path} / no such file")
        return 1

    def body(services) -> int:  # type: ignore[no-untyped-def]
        from hallmanager.domain.complaints.rules import Source
        from hallmanager.services.complaints.service import ImportFailed

        source = Source(getattr(args, "source", None) or "call_center")
        try:
            r = services.complaints.import_orders(path, source=source, via=VIA_CLI)
        except ImportFailed as exc:
            err(f"导入文件有 {len(exc.problems)} 行有误，未导入任何工单 / "
                f"{len(exc.problems)} bad row(s), nothing imported:")
            for p in exc.problems:
                err(f"  第 {p.row} 行 / row {p.row}: {p.message}")
            return 1
        print(f"读取 {r.rows} 行，新增 {r.added} 条，已导入过 {r.skipped} 条 / "
              f"read {r.rows}, added {r.added}, already imported {r.skipped}")
        for number in r.numbers:
            print(f"  {number}")
        return 0

    return run_logged_in(args, body)


def run_export(args: argparse.Namespace) -> int:
    from hallmanager.commands.export import parse_range

    try:
        start, end = parse_range(args.from_, args.to)
    except ValueError as exc:
        err(str(exc))
        return 2
    out = Path(args.out).expanduser()
    fmt = out.suffix.lower()
    if fmt not in (".xlsx", ".pdf"):
        err(f"输出文件须为 .xlsx（清单与统计）或 .pdf（统计）：{out} / the output must be .xlsx "
            f"(list and statistics) or .pdf (statistics)")
        return 2
    unmasked = bool(getattr(args, "unmasked", False))
    if unmasked and fmt == ".pdf":
        err("统计 PDF 不含个人信息，无需 --unmasked / the statistics PDF holds no personal data")
        return 2

    def body(services) -> int:  # type: ignore[no-untyped-def]
        from hallmanager.domain.complaints.filters import ComplaintFilter

        cs = services.complaints
        if fmt == ".xlsx":
            written = cs.export_excel(out, filters=ComplaintFilter(start=start, end=end),
                                      stats_from=start, stats_to=end, unmasked=unmasked,
                                      force=bool(args.force), via=VIA_CLI)
            print(f"已导出投诉清单与统计 / complaints written: {written}")
        else:
            written = cs.statistics_pdf(start, end, out, force=bool(args.force), via=VIA_CLI)
            print(f"已导出投诉统计 / complaint statistics written: {written}")
        return 0

    return run_logged_in(args, body)
