"""The status bar counts what 今日 lists as overdue or due soon, from every tab (issue 12 §3:
a complaint deadline cannot be missed), and its link opens 今日."""

from __future__ import annotations

import datetime as dt
import re

from hallmanager.ui.main_window import MainWindow
from tests.complaints.conftest import complaint_input


def overdue(w: MainWindow) -> int:
    m = re.search(r"已超时 (\d+) 项", w.attention_label.text())
    return int(m.group(1)) if m else 0


def test_status_bar_counts_overdue_from_every_tab_and_opens_today(qtbot, hall, ini, clock):
    w = MainWindow(hall, settings=ini, clock=clock, idle_poll_ms=3_600_000)
    qtbot.addWidget(w)
    w.show()
    w.tab_widget.setCurrentWidget(w.page("complaintsTab"))
    w.refresh_attention()
    before = overdue(w)
    # a complaint received two days ago and never answered: past its promised time
    hall.complaints.register(complaint_input(received_at=clock.now() - dt.timedelta(days=2)))
    w.attention_timer.timeout.emit()  # the minute tick
    assert overdue(w) == before + 1 and "#b3261e" in w.attention_label.text()
    w.attention_label.linkActivated.emit("today")
    assert w.current_page() is w.page("todayTab")
    today = w.page("todayTab")
    today.refresh()  # 今日's own count feeds the status bar too
    assert overdue(w) == before + 1
    hall.complaints.register(complaint_input(received_at=clock.now() - dt.timedelta(days=3)))
    w.lock()
    w.attention_timer.timeout.emit()  # nothing is queried behind the lock
    assert overdue(w) == before + 1
