"""Command line: launching the desk app and the automation commands.

Help text is bilingual (Chinese first) because the same binary runs at the desk and in scripts.
Commands that read personal data or write log in as a real user (``commands.common``).
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence

from hallmanager import __version__

UNMASKED_HELP = ("不遮盖文中的手机号和身份证号（记入审计日志）/ keep phone and ID numbers in "
                 "free text unmasked (audited)")


def _db_options(p: argparse.ArgumentParser, *, sub: bool) -> None:
    d = argparse.SUPPRESS if sub else None
    p.add_argument("--db", metavar="PATH", default=d,
                   help="数据库文件 / SQLite database file (默认/default: 用户数据目录, $HALLMANAGER_DB)")
    p.add_argument("--db-url", metavar="URL", default=d,
                   help="完整的 SQLAlchemy 数据库地址 / full SQLAlchemy URL (e.g. postgresql+psycopg://…)")


USER_HELP = ("登录名（默认 $HALLMANAGER_USER；密码取自 $HALLMANAGER_PASSWORD，或在终端中输入）/ "
             "user name (default $HALLMANAGER_USER; password from $HALLMANAGER_PASSWORD or asked "
             "on a terminal)")


def _user_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--user", metavar="NAME", default=None, help=USER_HELP)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hallmanager",
        description="营业厅值班经理工作台 — duty manager's desk for a telecom business hall.\n"
                    "不带子命令时启动图形界面 / without a command, the desk app starts.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"hallmanager {__version__}")
    _db_options(parser, sub=False)
    parser.add_argument("--lang", choices=["zh_CN", "en"], default=None,
                        help="界面语言 / UI language (默认按营业厅设置 / default: hall setting)")
    parser.add_argument("--self-test", action="store_true",
                        help="自检：临时数据库、演示数据、各页面、报表、打印、翻译，失败时返回非零 / "
                             "check this installation end to end in a temporary folder "
                             "(exit 0 = everything works)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("demo", help="创建演示营业厅 / create a demo hall with realistic data")
    _db_options(p, sub=True)
    p.add_argument("--force", action="store_true", help="覆盖已有文件 / replace an existing file")
    p.add_argument("--run", action="store_true", help="创建后启动界面 / launch the app afterwards")
    p.add_argument("--days", type=int, default=90, metavar="N",
                   help="演示天数 / days of history (默认/default 90)")
    p.add_argument("--staff", type=int, default=12, metavar="N",
                   help="营业员人数 / number of tellers (默认/default 12)")

    p = sub.add_parser("check", help="检查数据库完整性与审计链 / check integrity and the audit chain")
    _db_options(p, sub=True)
    p.add_argument("--anchor", metavar="N:HASH", action="append", default=[],
                   help="交接班表页脚的审计链锚点，可多次给出 / an audit anchor from a handover "
                        "sheet's footer (repeatable), e.g. 1234:3f2a9c1b0d4e5f60")
    p.add_argument("--full", action="store_true",
                   help="完整检查（含每个索引与表的比对，大数据库较慢）/ the full SQLite "
                        "integrity_check, every index against its table (slow on a big file)")

    p = sub.add_parser("unlock", help="清除残留的程序锁（厅经理）/ clear a stale lock (hall manager)")
    _db_options(p, sub=True)
    _user_option(p)

    p = sub.add_parser("export", help="导出报表 / export a report")
    esub = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    e = esub.add_parser("daily", help="营业日报 Excel / the daily report workbook")
    _db_options(e, sub=True)
    e.add_argument("--date", required=True, help="日期 / date, YYYY-MM-DD")
    e.add_argument("--out", required=True, help="输出文件 / output .xlsx")
    e.add_argument("--force", action="store_true", help="覆盖已有文件 / overwrite")
    e.add_argument("--unmasked", action="store_true", help=UNMASKED_HELP)
    _user_option(e)

    e = esub.add_parser("attendance", help="月度考勤（Excel 或考勤表 PDF）/ attendance month")
    _db_options(e, sub=True)
    e.add_argument("--month", help="月份 / month, YYYY-MM")
    e.add_argument("--from", dest="from_", metavar="DATE", help="开始日期 / from, YYYY-MM-DD")
    e.add_argument("--to", metavar="DATE", help="结束日期 / to, YYYY-MM-DD")
    e.add_argument("--out", required=True, help="输出文件 / output .xlsx or .pdf")
    e.add_argument("--force", action="store_true", help="覆盖已有文件 / overwrite")
    e.add_argument("--unmasked", action="store_true", help=UNMASKED_HELP)
    _user_option(e)

    for what, text in (("cash", "现金交接明细 Excel / the cash handover workbook"),
                       ("incidents", "应急事件 Excel（每次一行）/ emergency runs, one row each")):
        e = esub.add_parser(what, help=text)
        _db_options(e, sub=True)
        e.add_argument("--from", dest="from_", metavar="DATE", required=True,
                       help="开始日期 / from, YYYY-MM-DD")
        e.add_argument("--to", metavar="DATE", required=True, help="结束日期 / to, YYYY-MM-DD")
        e.add_argument("--out", required=True, help="输出文件 / output .xlsx")
        e.add_argument("--force", action="store_true", help="覆盖已有文件 / overwrite")
        if what == "cash":
            e.add_argument("--unmasked", action="store_true", help=UNMASKED_HELP)
        _user_option(e)

    e = esub.add_parser("complaints", help="投诉清单与统计（Excel）或投诉统计 PDF / complaints")
    _db_options(e, sub=True)
    e.add_argument("--from", dest="from_", metavar="DATE", required=True,
                   help="受理日期自 / received from, YYYY-MM-DD")
    e.add_argument("--to", metavar="DATE", required=True,
                   help="受理日期至 / received to, YYYY-MM-DD")
    e.add_argument("--out", required=True,
                   help="输出文件 / output .xlsx (清单与统计 list and statistics) or .pdf (统计)")
    e.add_argument("--force", action="store_true", help="覆盖已有文件 / overwrite")
    e.add_argument("--unmasked", action="store_true",
                   help="完整的客户姓名和电话（仅厅经理，记入审计日志）/ full names and phones "
                        "(hall manager only, audited)")
    _user_option(e)

    p = sub.add_parser("import", help="导入文件 / import a file")
    isub = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    for what, text in (("staff", "花名册（工号、姓名、岗位…）/ the staff roster"),
                       ("clock", "考勤机导出（工号 + 打卡时间）/ a clock machine's export")):
        i = isub.add_parser(what, help=text)
        _db_options(i, sub=True)
        i.add_argument("--file", required=True, help="CSV 或 XLSX 文件 / CSV or XLSX file")
        _user_option(i)
    i = isub.add_parser("complaints", help="转派工单（呼叫中心导出的 Excel）/ transferred "
                                           "complaint work orders (the call centre's Excel)")
    _db_options(i, sub=True)
    i.add_argument("--file", required=True, help="XLSX 文件 / XLSX file")
    i.add_argument("--source", choices=["call_center", "company", "online", "letter",
                                        "regulator"], default="call_center",
                   help="来源 / source (默认/default call_center: 10086转派)")
    _user_option(i)

    p = sub.add_parser("print", help="打印（输出 PDF）/ print to PDF")
    psub = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    h = psub.add_parser("handover", help="交接班表 / the shift handover sheet")
    _db_options(h, sub=True)
    h.add_argument("--date", required=True, help="日期 / date, YYYY-MM-DD")
    h.add_argument("--shift", required=True, help="班次名称 / shift name, e.g. 早班")
    h.add_argument("--out", required=True, help="输出文件 / output .pdf")
    h.add_argument("--force", action="store_true", help="覆盖已有文件 / overwrite")
    h.add_argument("--unmasked", action="store_true", help=UNMASKED_HELP)
    _user_option(h)

    h = psub.add_parser("incident", help="应急事件记录 / the incident report of one run")
    _db_options(h, sub=True)
    h.add_argument("--id", required=True, type=int, metavar="N", help="应急记录编号 / run id")
    h.add_argument("--out", required=True, help="输出文件 / output .pdf")
    h.add_argument("--force", action="store_true", help="覆盖已有文件 / overwrite")
    _user_option(h)
    p = sub.add_parser("backup", help="立即备份数据库并校验 / back up the database now (verified)")
    _db_options(p, sub=True)
    p.add_argument("--out", metavar="FILE", default=None,
                   help="备份文件（默认：备份文件夹）/ backup file (default: the backup folder)")
    _user_option(p)

    p = sub.add_parser("backups", help="列出备份（时间、大小、校验结果）/ list the backups")
    _db_options(p, sub=True)

    p = sub.add_parser("restore", help="从备份恢复（厅经理，须关闭工作台）/ restore a backup "
                                       "(hall manager, no desk running)")
    _db_options(p, sub=True)
    p.add_argument("file", metavar="FILE", help="备份文件 / the backup file")
    _user_option(p)

    p = sub.add_parser("screenshots", help="离屏渲染各页面为 PNG / render every tab to PNG offscreen")
    _db_options(p, sub=True)
    p.add_argument("--out", default="screenshots", help="输出目录 / output folder")
    _user_option(p)
    return parser


# One-shot commands that finish in about a second: Python's cyclic garbage collector stays
# off while they run. Importing SQLAlchemy, the modules and openpyxl/reportlab allocates
# hundreds of thousands of long-lived objects, and the collector kept traversing them for
# nothing (about 15 % of an export's CPU time); what these commands allocate per row is freed
# by reference counting, and whatever cycles they leave go with the process.
NO_GC_COMMANDS = frozenset({"export", "print", "check"})


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command in NO_GC_COMMANDS and not args.self_test and gc.isenabled():
        gc.disable()
        try:
            return _run(args)
        finally:
            gc.enable()
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    cmd = args.command
    if args.self_test:
        from hallmanager.commands.selftest import run
    elif cmd is None:
        from hallmanager.commands.gui import run
    elif cmd == "demo":
        from hallmanager.commands.demo import run
    elif cmd == "check":
        from hallmanager.commands.check import run
    elif cmd == "unlock":
        from hallmanager.commands.unlock import run
    elif cmd == "export" and args.what == "complaints":
        from hallmanager.commands.complaints import run_export as run
    elif cmd == "import" and args.what == "complaints":
        from hallmanager.commands.complaints import run_import as run
    elif cmd == "export" and args.what == "attendance":
        from hallmanager.commands.attendance import run_export as run
    elif cmd == "export" and args.what == "cash":
        from hallmanager.commands.cash import run_export as run
    elif cmd in ("export", "print") and args.what in ("incidents", "incident"):
        from hallmanager.commands.emergency import run
    elif cmd in ("export", "print"):
        from hallmanager.commands.export import run
    elif cmd == "import":
        from hallmanager.commands.attendance import run_import as run
    elif cmd == "backup":
        from hallmanager.commands.backup import run_backup as run
    elif cmd == "backups":
        from hallmanager.commands.backup import run_list as run
    elif cmd == "restore":
        from hallmanager.commands.backup import run_restore as run
    elif cmd == "screenshots":
        from hallmanager.commands.screenshots import run
    else:  # pragma: no cover - argparse rejects unknown commands
        return 2
    return int(run(args) or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
