"""The main window's tabs, in order: 今日, one per registered module, 设置.

Module tabs come from ``hallmanager.registry``: a module with a ``tab`` reference gets its
page; a module not built yet gets the honest ``NotAvailableTab``. Nothing here names a module.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from hallmanager.registry import MODULES, ModuleSpec, load
from hallmanager.ui.common.tab_page import NotAvailableTab, TabPage
from hallmanager.ui.settings import SettingsTab
from hallmanager.ui.today import TodayTab

if TYPE_CHECKING:
    from hallmanager.app import Services

TODAY_TAB = "todayTab"
SETTINGS_TAB = "settingsTab"


def tab_object_names(modules: Sequence[ModuleSpec] = MODULES) -> tuple[str, ...]:
    """objectNames in display order (today, the modules, settings)."""
    return (TODAY_TAB, *(m.tab_object_name for m in modules), SETTINGS_TAB)


def module_tab(services: Services, spec: ModuleSpec, parent: QWidget | None) -> TabPage:
    """The module's own page when it is built, else the not-available placeholder."""
    if spec.tab and spec.available:
        page: TabPage = load(spec.tab)(services, parent)
        page.setObjectName(spec.tab_object_name)
        page.module = spec.name
        return page
    return NotAvailableTab(services, QCoreApplication.translate("tabs", spec.title),
                           spec.tab_object_name, parent)


def build_tabs(services: Services, parent: QWidget | None = None) -> list[TabPage]:
    """Create every tab page for the main window (called once: tabs refresh instead)."""
    return [TodayTab(services, parent),
            *(module_tab(services, m, parent) for m in services.modules),
            SettingsTab(services, parent)]
