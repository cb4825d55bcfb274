"""The main window: tabs by objectName in order, menu shortcuts, forwarding, QSettings."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from hallmanager.registry import MODULES
from hallmanager.ui.common.tab_page import NotAvailableTab, TabPage
from hallmanager.ui.main_window import MainWindow
from hallmanager.ui.tabs import tab_object_names

# 今日, then every registered module in registry order, then 设置
EXPECTED = [("todayTab", "今日"), *((m.tab_object_name, m.title) for m in MODULES),
            ("settingsTab", "设置")]


def test_seven_tabs_in_order_found_by_object_name(window):
    assert window.windowTitle() == "拉萨北京路营业厅 — 营业厅值班经理工作台"
    assert list(tab_object_names()) == [name for name, _ in EXPECTED]
    for i, (name, title) in enumerate(EXPECTED):
        page = window.findChild(QWidget, name)
        assert page is not None, name
        assert window.tab_widget.indexOf(page) == i
        assert window.tab_widget.tabText(i) == title


def test_unbuilt_modules_say_so_without_fake_data(window):
    for spec in MODULES:
        page = window.findChild(QWidget, spec.tab_object_name)
        built = spec.available and spec.tab is not None  # a backend may come before its tab
        assert isinstance(page, NotAvailableTab) == (not built), spec.name
        if not built:
            assert page.findChild(QWidget, "notAvailableTitle").text() == "该模块尚未开放"
        else:
            assert page.module == spec.name


def test_status_bar_shows_user_shift_and_database(window, db_path):
    assert window.user_label.text() == "用户：王厅长（厅经理）"
    assert window.shift_label.text() == "当前班次：早班 08:30–14:30"
    assert str(db_path) in window.db_label.text()


def test_menu_shortcuts(window):
    expected = {"actionNew": "Ctrl+N", "actionSave": "Ctrl+S", "actionPrint": "Ctrl+P",
                "actionFind": "Ctrl+F", "actionExport": "Ctrl+E", "actionLock": "Ctrl+L",
                "actionQuit": "Ctrl+Q", "actionRefresh": "F5"}
    for name, keys in expected.items():
        act = window.findChild(QAction, name)
        assert act is not None, name
        assert act.shortcut() == QKeySequence(keys), name
    for name in ("actionSwitchUser", "actionChangePassword"):
        assert window.findChild(QAction, name) is not None
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[:2] == ["文件(&F)", "编辑(&E)"] and "帮助(&H)" in menus


class RecordingTab(TabPage):
    def __init__(self, services, parent=None):
        super().__init__(services, parent)
        self.setObjectName("recordingTab")
        self.calls: list[str] = []
        self.can_new = self.can_save = self.can_print = self.can_export = True
        self.can_find = True

    def title(self):
        return "Rec"

    def new_record(self):
        self.calls.append("new")

    def save(self):
        self.calls.append("save")

    def print_(self):
        self.calls.append("print")

    def find(self):
        self.calls.append("find")

    def export(self):
        self.calls.append("export")


def test_actions_forward_to_current_tab_and_follow_flags(qtbot, hall, ini, clock):
    def factory(services, parent):
        return [RecordingTab(services, parent), NotAvailableTab(services, "X", "xTab", parent)]

    w = MainWindow(hall, settings=ini, clock=clock, tab_factory=factory)
    qtbot.addWidget(w)
    rec = w.page("recordingTab")
    for act in (w.action_new, w.action_save, w.action_print, w.action_find, w.action_export):
        assert act.isEnabled()
        act.trigger()
    assert rec.calls == ["new", "save", "print", "find", "export"]
    rec.set_actions(can_save=False)
    assert not w.action_save.isEnabled()
    w.tab_widget.setCurrentIndex(1)
    assert not w.action_new.isEnabled() and not w.action_export.isEnabled()


def test_last_tab_and_geometry_restored_from_qsettings(qtbot, hall, tmp_path, clock):
    path = str(tmp_path / "restore.ini")
    first = MainWindow(hall, settings=QSettings(path, QSettings.Format.IniFormat), clock=clock)
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 540)  # the offscreen screen is 800×600
    first.tab_widget.setCurrentWidget(first.page("complaintsTab"))
    first.close()
    second = MainWindow(hall, settings=QSettings(path, QSettings.Format.IniFormat), clock=clock)
    qtbot.addWidget(second)
    assert second.current_page().objectName() == "complaintsTab"
    assert second.size().width() == 760


def test_status_bar_never_shows_a_database_password():
    from hallmanager.ui.main_window import _hide_password

    assert _hide_password("postgresql+psycopg://hall:s3cr@t@db/hall") == \
        "postgresql+psycopg://hall:***@db/hall"
    assert _hide_password("sqlite:////tmp/a.sqlite") == "sqlite:////tmp/a.sqlite"
