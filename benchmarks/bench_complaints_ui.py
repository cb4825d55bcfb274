"""Figures for the 投诉登记 tab at 50k complaints (printed, not asserted): the real tab
(offscreen Qt) as a duty manager — open (refresh: combos, count, first page, summary),
each filter the tab offers, scrolling the lazy list (the view asks for more pages as it
reaches the bottom) and opening a complaint in the pane.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_complaints_ui.py [N]

Rows go straight into the table (as in bench_complaints.py); every timed step goes through
the tab and the service.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sqlalchemy as sa
from PySide6.QtWidgets import QApplication

from hallmanager.app import build_services
from hallmanager.domain.clock import ManualClock
from hallmanager.domain.complaints.rules import DEFAULT_CATEGORIES, Source
from hallmanager.domain.roles import Role
from hallmanager.storage.database import open_database, sqlite_url

RUNS = 5


def fill(services: Any, db: Any, n: int, now: dt.datetime, handler_id: int) -> list[str]:
    from hallmanager.storage.complaints.models import Complaint

    rng = random.Random(7)
    statuses = ("registered", "in_progress", "replied", "called_back", "closed", "closed",
                "closed", "closed")
    rows, phones = [], []
    for i in range(n):
        at = now - dt.timedelta(minutes=rng.randrange(0, 365 * 24 * 60))
        st = rng.choice(statuses)
        phone = f"139{rng.randrange(10 ** 8):08d}"
        phones.append(phone)
        rows.append({
            "number": f"TS{at:%Y%m%d}-{i:06d}", "source": rng.choice(list(Source)).value,
            "external_no": None, "received_at": at, "customer_name": "张三",
            "phone": phone, "id_number": "", "category": rng.choice(DEFAULT_CATEGORIES),
            "urgent": False, "description": f"问题 {i}", "request": "",
            "handler_id": handler_id, "department": "", "status": st, "clock_start": at,
            "due_at": at + dt.timedelta(hours=24), "paused": False, "reply_text": "",
            "replied_at": None, "replied_on_time": None,
            "callback_due_at": at + dt.timedelta(hours=72) if st == "replied" else None,
            "satisfaction": None,
            "closed_at": at + dt.timedelta(days=2) if st == "closed" else None, "vip": False,
            "escalation_threat": False, "escalated": False, "repeat_of_id": None,
            "playbook_id": None, "created_at": at, "created_by": handler_id, "updated_at": at})
    with db.write() as s:
        s.execute(sa.insert(Complaint), rows)
    return phones


def main(n: int = 50_000) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp())
    db = open_database(sqlite_url(folder / "bench.sqlite"))
    now = dt.datetime(2026, 11, 29, 15, 0)
    services = build_services(db, ManualClock(now), fast_hash=True)
    services.auth.setup(hall_name="基准营业厅", hall_code="B1", username="admin",
                        full_name="厅经理", password="Bench2026pw")
    services.auth.login("admin", "Bench2026pw")
    dm = services.auth.create_user(username="dm", full_name="值班经理", role=Role.DUTY_MANAGER,
                                   password="Bench2026pw")
    t = time.perf_counter()
    phones = fill(services, db, n, now, dm.id)
    print(f"insert {n} rows: {time.perf_counter() - t:.2f} s")
    services.auth.logout()
    services.auth.login("dm", "Bench2026pw")

    from hallmanager.ui.complaints import ComplaintsTab

    def timed(label: str, fn: Callable[[], Any]) -> None:
        t0 = time.perf_counter()
        fn()
        app.processEvents()
        ms = 1000 * (time.perf_counter() - t0)
        print(f"{label:<40} {ms:8.1f} ms   rows loaded {tab.model.rowCount():>6} / "
              f"{tab.model.total}")

    tab = None  # type: ignore[assignment]

    def open_tab() -> None:
        nonlocal tab
        tab = ComplaintsTab(services)
        tab.resize(1280, 760)
        tab.show()
        tab.refresh()

    timed("open tab (refresh: count + first page)", open_tab)
    assert tab is not None

    def scroll(pages: int) -> None:
        bar = tab.view.verticalScrollBar()
        for _ in range(pages):
            bar.setValue(bar.maximum())  # the view fetches the next page at the bottom
            app.processEvents()

    timed("scroll to the bottom 10 times", lambda: scroll(10))
    timed("scroll to the bottom 40 more times", lambda: scroll(40))

    def combo(box: Any, data: Any) -> Callable[[], None]:
        return lambda: box.setCurrentIndex(box.findData(data))

    def dates() -> None:
        tab.date_from.set_date_value(dt.date(2026, 6, 1))
        tab.date_to.set_date_value(dt.date(2026, 6, 30))
        tab.use_dates.setChecked(True)

    p = phones[123]

    def phone() -> None:
        tab.phone.setText(f"+86 {p[:3]} {p[3:7]} {p[7:]}")
        tab.reload()  # what the debounce timer does 300 ms after typing

    def text() -> None:
        tab.search.setText("问题 4999")
        tab.reload()

    def both(*fns: Callable[[], None]) -> Callable[[], None]:
        return lambda: [f() for f in fns] and None

    filters: list[tuple[str, Callable[[], None]]] = [
        ("status 已答复", combo(tab.status, "replied")),
        ("category 宽带", combo(tab.category, "宽带")),
        ("未归档", combo(tab.status, "open")),
        ("只看超时", lambda: tab.overdue.setChecked(True)),
        ("source 10086转派", combo(tab.source, Source.CALL_CENTER.value)),
        ("received in June", dates),
        ("phone typed +86 …", phone),
        ("free text (scan)", text),
    ]
    print(f"each filter from a cleared list, median (min–max) of {RUNS} runs:")
    for label, fn in filters:
        ms = []
        for _ in range(RUNS):
            tab.clear_filters()
            app.processEvents()
            t0 = time.perf_counter()
            fn()
            app.processEvents()
            ms.append(1000 * (time.perf_counter() - t0))
        print(f"  filter: {label:<32} {statistics.median(ms):8.1f} ms  "
              f"({min(ms):.0f}–{max(ms):.0f})   rows {tab.model.rowCount()} / {tab.model.total}")
    tab.clear_filters()
    ms = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        tab.clear_filters()
        app.processEvents()
        ms.append(1000 * (time.perf_counter() - t0))
    print(f"  clear filters (all 50k again)          {statistics.median(ms):8.1f} ms")
    ms = []
    for i in range(RUNS):
        t0 = time.perf_counter()
        tab.view.selectRow(i + 1)
        app.processEvents()
        ms.append(1000 * (time.perf_counter() - t0))
    print(f"  select a row (pane + timeline)         {statistics.median(ms):8.1f} ms")
    db.dispose()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
