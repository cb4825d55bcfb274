"""How much the start-up backup costs the desk: the main window is shown, the backup starts
off the GUI thread (as ``StartupFlow.run`` does), and a 10 ms timer measures the longest gap
of the event loop until the backup (copy + full check) is done.

    python tools/measure_backup_stall.py --days 90
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--days", type=int, default=90)
    args = p.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = Path(tempfile.mkdtemp(prefix="hm-stall-"))
    os.environ.setdefault("HALLMANAGER_ANCHOR_DIR", str(tmp / "anchors"))
    from PySide6.QtCore import QElapsedTimer, QSettings, QTimer

    from hallmanager.app import build_services, create_demo
    from hallmanager.commands.gui import make_app
    from hallmanager.domain.clock import ManualClock
    from hallmanager.services.demo import ADMIN_PASSWORD
    from hallmanager.storage.database import open_database, sqlite_url
    from hallmanager.ui.main_window import MainWindow

    app = make_app()
    now = dt.datetime.now().replace(microsecond=0)
    db = open_database(sqlite_url(tmp / "hall.sqlite"))
    create_demo(db, ManualClock(now), days=args.days)
    sv = build_services(db, ManualClock(now), fast_hash=True)
    sv.auth.login("admin", ADMIN_PASSWORD)
    w = MainWindow(sv, settings=QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat))
    w.show()
    app.processEvents()
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick() -> None:
        t = clock.elapsed()
        gaps.append(t - last[0])
        last[0] = t

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    t0 = time.perf_counter()
    worker = w.start_backup_if_due()
    returned = time.perf_counter() - t0
    while worker is not None and not worker.done:
        app.processEvents()
        time.sleep(0.002)
    total = time.perf_counter() - t0
    timer.stop()
    size = (tmp / "hall.sqlite").stat().st_size
    stall = max(gaps) if gaps else 0
    print(f"{args.days}-day demo ({size / 1024 / 1024:.1f} MB): start_backup_if_due returned "
          f"in {returned * 1000:.1f} ms; backup + check done after {total:.2f} s; longest "
          f"GUI event-loop gap meanwhile {stall:.0f} ms (timer 10 ms); "
          f"status bar: {w.backup_label.text()}")
    sv.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
