"""Benchmark: how long start-up takes, printed as figures (not asserted).

    python benchmarks/bench_startup.py [--db DEMO.sqlite] [--runs 5]

Measures, each in a fresh interpreter: importing the CLI, and opening a database, wiring
the services, logging in and showing the main window (all tabs constructed) offscreen.
Without --db a 90-day demo hall is created first (its time is printed too).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WINDOW = """
import time, tempfile, pathlib
t0 = time.perf_counter()
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from hallmanager.app import build_services
from hallmanager.storage.database import open_database, sqlite_url
from hallmanager.ui.main_window import MainWindow
t1 = time.perf_counter()
app = QApplication([])
services = build_services(open_database(sqlite_url({db!r})))
services.auth.login("admin", "Demo2026admin")
t2 = time.perf_counter()
w = MainWindow(services, settings=QSettings(str(pathlib.Path(tempfile.mkdtemp()) / "b.ini"),
               QSettings.Format.IniFormat))
w.show(); app.processEvents()
t3 = time.perf_counter()
print(f"{{t1 - t0:.3f}} {{t2 - t1:.3f}} {{t3 - t2:.3f}}")
services.close()
"""


def run(code: str) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                          text=True, env=env).stdout.strip().splitlines()[-1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    db = args.db
    if db is None:
        db = str(Path(tempfile.mkdtemp()) / "demo.sqlite")
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "hallmanager", "demo", "--db", db], check=True,
                       capture_output=True)
        print(f"demo hall (90 days) created in {time.perf_counter() - t:.1f} s")
    imports, opens, windows, cli = [], [], [], []
    for _ in range(args.runs):
        t = time.perf_counter()
        run("import hallmanager.cli; print('ok')")
        cli.append(time.perf_counter() - t)
        a, b, c = (float(x) for x in run(WINDOW.format(db=db)).split())
        imports.append(a)
        opens.append(b)
        windows.append(c)
    med = statistics.median
    print(f"runs: {args.runs} (median, seconds)")
    print(f"  python -c 'import hallmanager.cli' (whole process): {med(cli):.3f}")
    print(f"  import Qt + app modules:                          {med(imports):.3f}")
    print(f"  open database + services + login (Argon2id):      {med(opens):.3f}")
    print(f"  build and show main window (all tabs):            {med(windows):.3f}")
    print(f"  total to a usable window:                         {med(imports) + med(opens) + med(windows):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
