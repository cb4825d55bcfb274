"""Warming the tabs at start in short steps (issue 9, item 7): a page's refresh in parts that
together do what ``refresh`` does, steps that give way to the user's actions and to
background work, and never a part of a hidden page's load over the page the user opened."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from hallmanager.domain.roles import Role
from hallmanager.ui.collector import collector_paused
from hallmanager.ui.main_window import WARM_MAX_DEFERRALS, MainWindow
from tests.conftest import add_user, login_as


def _rows(model) -> list:
    return [tuple(model.data(model.index(r, c)) for c in range(model.columnCount()))
            for r in range(model.rowCount())]


def _duty(page) -> object:
    return (_rows(page.list_model), page.log.id if page.log is not None else None,
            page.date.date_value(), page.shift.currentData())


def _attendance(page) -> object:
    return _rows(page.day_model), _rows(page.month_model), page.month_state.text()


def _complaints(page) -> object:
    return _rows(page.model), page.summary.text(), page.count.text()


@pytest.fixture
def staffed(hall, clock):
    add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班", "RK0011")
    login_as(hall, "zhang")
    early = {s.name: s for s in hall.settings.shifts()}["早班"]
    hall.dutylog.open_log(clock.now().date() - dt.timedelta(days=1), early.id)
    return hall


@pytest.mark.parametrize("name, snapshot", [("dutyLogTab", _duty),
                                            ("attendanceTab", _attendance),
                                            ("complaintsTab", _complaints)])
def test_the_parts_of_a_refresh_do_what_the_refresh_does(qtbot, staffed, ini, clock, name,
                                                         snapshot):
    from hallmanager.registry import MODULES
    from hallmanager.ui.tabs import module_tab

    spec = next(m for m in MODULES if m.tab_object_name == name)
    whole, parted = module_tab(staffed, spec, None), module_tab(staffed, spec, None)
    qtbot.addWidget(whole)
    qtbot.addWidget(parted)
    whole.refresh()
    parts = parted.refresh_steps()
    assert len(parts) == 2  # the long refreshes come in two turns
    for part in parts:
        part()
    assert snapshot(parted) == snapshot(whole)


def _window(qtbot, hall, ini, clock) -> MainWindow:
    w = MainWindow(hall, settings=ini, clock=clock, idle_poll_ms=3_600_000, lazy_tabs=True)
    qtbot.addWidget(w)
    w._warm_pending = False  # driven by hand below, not by the first paint's timer
    w._warm_timer.stop()
    return w


def _on_time(w: MainWindow) -> None:
    w._warm_due = time.monotonic()


def test_warming_waits_while_background_work_runs(qtbot, staffed, ini, clock):
    w = _window(qtbot, staffed, ini, clock)
    steps = list(w._warm_steps)
    with collector_paused():  # a worker (check, export) is running
        for _ in range(WARM_MAX_DEFERRALS + 3):
            _on_time(w)
            w._warm_next()
            assert w._warm_steps == steps  # not even after many turns
    _on_time(w)
    w._warm_next()
    assert w._warm_steps == steps[1:]


def test_a_late_step_gives_way_a_few_times_then_runs(qtbot, staffed, ini, clock):
    w = _window(qtbot, staffed, ini, clock)
    steps = list(w._warm_steps)
    for _ in range(WARM_MAX_DEFERRALS):
        w._warm_due = time.monotonic() - 1.0  # the loop was busy when the step was due
        w._warm_next()
        assert w._warm_steps == steps
    w._warm_due = time.monotonic() - 1.0
    w._warm_next()  # a machine busy all along still warms
    assert w._warm_steps == steps[1:]


def test_a_hidden_page_loads_in_parts_and_a_shown_one_drops_the_rest(qtbot, staffed, ini,
                                                                     clock):
    w = _window(qtbot, staffed, ini, clock)
    duty = next(i for i, p in enumerate(w.pages) if p.objectName() == "dutyLogTab")
    assert w._warm_steps[:2] == [("build", duty), ("load", duty)]
    for _ in range(2):
        _on_time(w)
        w._warm_next()
    page = w.pages[duty]
    assert len(w._warm_parts) == 1 and page.log is None  # the list read, the log not yet
    assert page.list_model.rowCount() == 1
    w.tab_widget.setCurrentIndex(duty)  # the user opens it: it refreshes whole, now
    assert w._warm_parts == [] and page.log is not None
    while w.warming:
        _on_time(w)
        w._warm_next()
    complaints, attendance = w.page("complaintsTab"), w.page("attendanceTab")
    assert complaints.count.text() and complaints._summary_due is None  # both parts ran
    assert not attendance._month_due
