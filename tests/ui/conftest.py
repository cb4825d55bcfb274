"""UI fixtures: a temp-ini QSettings (never the user's registry) and a ready main window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, QSettings

from hallmanager.ui import i18n
from hallmanager.ui.main_window import MainWindow


@pytest.fixture
def ini(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, hall, ini, clock) -> MainWindow:
    """The main window with the hall manager logged in; the idle timer is polled by hand."""
    w = MainWindow(hall, settings=ini, clock=clock, idle_poll_ms=3_600_000)
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.fixture
def english(qapp, tmp_path):
    """The English translation installed for one test (compiled into tmp_path)."""
    if i18n.find_tool("lrelease") is None:
        pytest.skip("lrelease not available")
    locale = QLocale()
    translators = i18n.install_translator(qapp, "en", cache_dir=tmp_path)
    yield translators
    for t in translators:
        qapp.removeTranslator(t)
    QLocale.setDefault(locale)
