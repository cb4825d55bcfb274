"""The main window's tabs, in order: 今日, one per registered module, 设置.

Module tabs come from ``hallmanager.registry``: a module with a ``tab`` reference gets its
page; a module not built yet gets the honest ``NotAvailableTab``. Nothing here names a module.

``build_lazy_tabs`` gives the same tabs as ``PendingTab`` stand-ins that build their page when
the main window first shows it (or a caller asks ``MainWindow.page``): the window appears
after the login without constructing, querying and laying out six pages nobody looks at.
A page class offering window-wide actions (``window_actions``, e.g. a global shortcut) is
built at once, since its actions must work from every tab.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from hallmanager.registry import MODULES, ModuleSpec, load
from hallmanager.ui.common.tab_page import NotAvailableTab, TabPage

if TYPE_CHECKING:
    from hallmanager.app import Services

TODAY_TAB = "todayTab"
SETTINGS_TAB = "settingsTab"

PageFactory = Callable[["Services", "QWidget | None"], TabPage]


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


def _today(services: Services, parent: QWidget | None) -> TabPage:
    from hallmanager.ui.today import TodayTab

    return TodayTab(services, parent)


def _settings(services: Services, parent: QWidget | None) -> TabPage:
    from hallmanager.ui.settings import SettingsTab

    return SettingsTab(services, parent)


def build_tabs(services: Services, parent: QWidget | None = None) -> list[TabPage]:
    """Create every tab page for the main window (called once: tabs refresh instead)."""
    return [_today(services, parent),
            *(module_tab(services, m, parent) for m in services.modules),
            _settings(services, parent)]


class PendingTab(TabPage):
    """Stands in the tab bar for a page not built yet; ``build()`` makes the real one.

    It has the page's objectName, title and ``module`` (the window finds, names and navigates
    to it as to the page) and nothing else: no data, no actions.
    """

    def __init__(self, services: Services, factory: PageFactory, object_name: str,
                 title: str, module: str | None, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName(object_name)
        self._factory = factory
        self._title = title
        self.module = module

    def title(self) -> str:
        return self._title

    def build(self, parent: QWidget | None) -> TabPage:
        return self._factory(self.services, parent)


def _offers_window_actions(spec: ModuleSpec) -> bool:
    cls = load(spec.tab) if spec.tab else None
    return cls is not None and cls.window_actions is not TabPage.window_actions


def build_lazy_tabs(services: Services, parent: QWidget | None = None) -> list[TabPage]:
    """The tabs of ``build_tabs`` as ``PendingTab`` stand-ins (see the module docstring)."""
    def module_factory(spec: ModuleSpec) -> PageFactory:
        return lambda services, parent: module_tab(services, spec, parent)

    pages: list[TabPage] = [PendingTab(services, _today, TODAY_TAB,
                                       QCoreApplication.translate("TodayTab", "今日"), None,
                                       parent)]
    for spec in services.modules:
        if not (spec.tab and spec.available) or _offers_window_actions(spec):
            pages.append(module_tab(services, spec, parent))
        else:
            pages.append(PendingTab(services, module_factory(spec), spec.tab_object_name,
                                    QCoreApplication.translate("tabs", spec.title), spec.name,
                                    parent))
    pages.append(PendingTab(services, _settings, SETTINGS_TAB,
                            QCoreApplication.translate("SettingsTab", "设置"), None, parent))
    return pages
