"""Benchmark: attendance figures, printed (not asserted).

    python benchmarks/bench_attendance.py [--staff 60] [--runs 3]

On a fresh SQLite file with ``--staff`` people on the roster: importing a clock machine's
export of 10,000 punches (GBK CSV and XLSX; goal ≤ 1 s each), importing the same CSV again
(all duplicates), the monthly summary and 考勤表 grid of a month for everyone (goal for 60
staff: 50 ms) and closing that month. Each import runs on a fresh database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hallmanager.app import Services, build_services
from hallmanager.domain.clock import ManualClock
from hallmanager.storage.database import open_database, sqlite_url

PUNCHES = 10_000
NOW = dt.datetime(2026, 12, 3, 9, 0)
PASSWORD = "Bench2026admin"


def hall(folder: Path, staff: int) -> Services:
    db = open_database(sqlite_url(folder / "bench.sqlite"))
    sv = build_services(db, ManualClock(NOW), fast_hash=True)
    sv.auth.setup(hall_name="基准营业厅", hall_code="BENCH", username="admin",
                  full_name="王厅长", password=PASSWORD)
    sv.auth.login("admin", PASSWORD)
    for i in range(staff):
        sv.attendance.save_staff(None, staff_no=f"RK{1000 + i}", name=f"员工{i}",
                                 position="营业员")
    return sv


def punches(staff: int) -> list[tuple[str, dt.datetime]]:
    """Four punches per person per weekday from 2026-09-01 on, until there are 10,000."""
    out: list[tuple[str, dt.datetime]] = []
    day = dt.date(2026, 9, 1)
    while len(out) < PUNCHES:
        if day.weekday() < 5:
            for i in range(staff):
                for hh, mm in ((9, 40 + i % 15), (13, 2), (15, 12), (18, 31 + i % 7)):
                    out.append((f"RK{1000 + i}", dt.datetime.combine(day, dt.time(hh, mm, i % 60))))
        day += dt.timedelta(days=1)
    return out[:PUNCHES]


def write_csv(path: Path, rows: list[tuple[str, dt.datetime]]) -> Path:
    text = "工号,姓名,打卡时间\r\n" + "".join(
        f"{no},员工,{at:%Y-%m-%d %H:%M:%S}\r\n" for no, at in rows)
    path.write_bytes(text.encode("gbk"))
    return path


def write_xlsx(path: Path, rows: list[tuple[str, dt.datetime]]) -> Path:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(["工号", "打卡时间"])
    for no, at in rows:
        ws.append([no, at])
    wb.save(path)
    return path


def timed(fn) -> tuple[float, object]:
    t = time.perf_counter()
    r = fn()
    return time.perf_counter() - t, r


def cpu_timed(fn) -> tuple[float, float, object]:
    """Wall and CPU seconds of this process: on a shared machine the wall time includes the
    waits for a core, the CPU time does not."""
    t, c = time.perf_counter(), time.process_time()
    r = fn()
    return time.perf_counter() - t, time.process_time() - c, r


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("--staff", type=int, default=60)
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()
    rows = punches(args.staff)
    figures: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="hm-bench-") as tmp:
        folder = Path(tmp)
        csv_file = write_csv(folder / "clock.csv", rows)
        xlsx_file = write_xlsx(folder / "clock.xlsx", rows)
        for run in range(args.runs):
            for kind, f in (("csv", csv_file), ("xlsx", xlsx_file)):
                sub = folder / f"{kind}{run}"
                sub.mkdir()
                sv = hall(sub, args.staff)
                secs, r = timed(lambda sv=sv, f=f: sv.attendance.import_punches(f))
                assert r.imported == PUNCHES, r  # type: ignore[attr-defined]
                figures.setdefault(f"import 10k punches ({kind})", []).append(secs)
                if kind == "csv":
                    secs, r = timed(lambda sv=sv, f=f: sv.attendance.import_punches(f))
                    assert r.duplicates == PUNCHES  # type: ignore[attr-defined]
                    figures.setdefault("re-import same csv (all duplicates)", []).append(secs)
                    sv.attendance.month_report("2026-10")  # warm: holiday table, imports
                    for _ in range(3):
                        secs, cpu, _rep = cpu_timed(
                            lambda sv=sv: sv.attendance.month_report("2026-10"))
                        figures.setdefault(f"month report, {args.staff} staff", []).append(secs)
                        figures.setdefault(f"month report, {args.staff} staff (CPU)", []).append(
                            cpu)
                    secs, _ = timed(lambda sv=sv: sv.attendance.close_month("2026-10"))
                    figures.setdefault("close month", []).append(secs)
                    secs, _ = timed(lambda sv=sv: sv.attendance.month_report("2026-10"))
                    figures.setdefault("closed month report (frozen)", []).append(secs)
                sv.close()
    print(f"{PUNCHES} punches, {args.staff} staff, {args.runs} runs (median, min) in seconds:")
    for name, xs in figures.items():
        print(f"  {name:<40} {statistics.median(xs):7.3f} {min(xs):7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
