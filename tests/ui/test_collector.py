"""The cyclic garbage collector stays out of the GUI thread's way (issue 9, item 7): no
automatic collection while background work runs (start-up open, workers), and what exists
once the desk has started is frozen out of later collections."""

from __future__ import annotations

import gc
import threading

import pytest

from hallmanager.ui.collector import collector_is_paused, collector_paused
from hallmanager.ui.login.opening import Background
from hallmanager.ui.workers import Worker


@pytest.fixture
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_paused_inside_nested_blocks_and_on_again_after_the_last(collector_on):
    with collector_paused():
        assert not gc.isenabled() and collector_is_paused()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block still runs
    assert gc.isenabled() and not collector_is_paused()


def test_overlapping_blocks_in_two_threads(collector_on):
    """A worker ending while another still runs does not switch the collector back on."""
    first_in, second_done, seen = threading.Event(), threading.Event(), []

    def long_job() -> None:
        with collector_paused():
            first_in.set()
            second_done.wait(10)
            seen.append(gc.isenabled())

    t = threading.Thread(target=long_job)
    t.start()
    first_in.wait(10)
    with collector_paused():
        pass
    second_done.set()
    t.join(10)
    assert seen == [False] and gc.isenabled()


def test_a_collector_switched_off_elsewhere_stays_off():
    was = gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


def test_an_exception_still_ends_the_pause(collector_on):
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_workers_run_with_the_collector_paused(qtbot, collector_on):
    worker = Worker(gc.isenabled)
    with qtbot.waitSignal(worker.signals.finished, timeout=10_000) as blocker:
        worker.start()
    assert blocker.args[0] is False
    qtbot.waitUntil(lambda: worker.done, timeout=2000)
    assert gc.isenabled()


def test_a_failing_worker_ends_the_pause(qtbot, collector_on):
    def boom() -> None:
        raise RuntimeError("disk on fire")

    worker = Worker(boom)
    with qtbot.waitSignal(worker.signals.failed, timeout=10_000):
        worker.start()
    assert gc.isenabled()


def test_the_start_up_background_open_runs_with_the_collector_paused(qtbot, collector_on):
    gc.unfreeze()
    try:
        job = Background(gc.isenabled, name="test-background", long_lived=False)
        assert job.value() is False
        job.join()
        assert gc.isenabled() and gc.get_freeze_count() == 0
        kept = []
        job = Background(lambda: kept.append(object()) or gc.isenabled(), name="test-open")
        assert job.value() is False  # the start-up's open: what it leaves alive is frozen
        job.join()
        assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_a_freezing_block_freezes_when_the_last_block_ends(collector_on):
    gc.unfreeze()
    try:
        with collector_paused():
            with collector_paused(freeze=True):
                pass
            assert gc.get_freeze_count() == 0  # the outer block still runs
        assert gc.get_freeze_count() > 0 and gc.isenabled()
        gc.unfreeze()
        with collector_paused():
            pass
        assert gc.get_freeze_count() == 0  # asked once: not again
    finally:
        gc.unfreeze()


def test_the_desk_freezes_what_exists_at_its_start(qtbot, hall, ini, clock):
    from hallmanager.ui.main_window import MainWindow

    gc.unfreeze()
    try:
        MainWindow(hall, settings=ini, clock=clock, idle_poll_ms=3_600_000).deleteLater()
        assert gc.get_freeze_count() == 0  # tests' windows: nothing frozen
        w = MainWindow(hall, settings=ini, clock=clock, idle_poll_ms=3_600_000,
                       lazy_tabs=True)
        qtbot.addWidget(w)
        assert gc.get_freeze_count() > 0
        gc.unfreeze()
        w.show()
        qtbot.waitUntil(lambda: not w.warming, timeout=30_000)
        assert gc.get_freeze_count() > 0  # again once every tab is built
    finally:
        gc.unfreeze()
