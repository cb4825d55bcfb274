"""The tab registry: which page fills each main-window tab, in order.

To ship a real module, replace its ``NotAvailableTab(...)`` line with the real tab, e.g.
``TodayTab(services, parent)``. Keep the objectNames: tests, QSettings and screenshots use them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from hallmanager.ui.common.tab_page import NotAvailableTab, TabPage
from hallmanager.ui.dutylog import DutyLogTab
from hallmanager.ui.settings import SettingsTab
from hallmanager.ui.today import TodayTab

if TYPE_CHECKING:
    from hallmanager.app import Services

#: objectNames in display order (今日, 值班日志, 考勤与扣款, 现金交接, 投诉登记, 应急预案, 设置).
TAB_OBJECT_NAMES = ("todayTab", "dutyLogTab", "attendanceTab", "cashTab", "complaintsTab",
                    "emergencyTab", "settingsTab")


def build_tabs(services: Services, parent: QWidget | None = None) -> list[TabPage]:
    """Create every tab page for the main window (called again never: tabs refresh instead)."""
    return [
        TodayTab(services, parent),
        DutyLogTab(services, parent),
        NotAvailableTab(services, QCoreApplication.translate("tabs", "考勤与扣款"), "attendanceTab", parent),
        NotAvailableTab(services, QCoreApplication.translate("tabs", "现金交接"), "cashTab", parent),
        NotAvailableTab(services, QCoreApplication.translate("tabs", "投诉登记"), "complaintsTab", parent),
        NotAvailableTab(services, QCoreApplication.translate("tabs", "应急预案"), "emergencyTab", parent),
        SettingsTab(services, parent),
    ]
