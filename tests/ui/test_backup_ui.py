"""设置 › 备份与恢复, the status bar's backup age and the start-up backup off the GUI thread."""

from __future__ import annotations

import datetime as dt

import pytest

from hallmanager.domain.roles import Role
from hallmanager.services.backup import BackupSettings
from tests.conftest import add_user, login_as


@pytest.fixture
def section(window):
    tab = window.page("settingsTab")
    window.tab_widget.setCurrentWidget(tab)
    tab.show_section(tab.backup)
    return tab.backup


def test_status_bar_always_shows_the_backup_age(window, hall, clock):
    assert window.backup_label.text() == "备份：从未备份"
    assert "color: #b00020" in window.backup_label.styleSheet()
    hall.backup.backup(automatic=True)
    clock.set(clock.now() + dt.timedelta(hours=3))
    window.refresh_chrome()
    assert window.backup_label.text() == "备份：3 小时前"
    assert window.backup_label.styleSheet() == ""


def test_startup_backup_runs_off_the_gui_thread_once_a_day(window, hall, qtbot, clock):
    worker = window.start_backup_if_due()
    assert worker is not None
    assert window.backup_label.text() == "备份：正在备份…"  # returned at once
    qtbot.waitUntil(lambda: worker.done, timeout=20000)
    qtbot.waitUntil(lambda: window.backup_label.text() == "备份：0 分钟前", timeout=5000)
    assert [r.kind for r in hall.backup.backups()] == ["auto"]
    assert window.start_backup_if_due() is None  # not due again the same day


def test_failed_startup_backup_is_red_and_on_today(window, hall, qtbot, tmp_path):
    hall.backup.save_settings(BackupSettings(folder=str(tmp_path / "share")))
    (tmp_path / "share").rmdir()
    (tmp_path / "share").write_text("the share is gone, a file is in its place")
    worker = window.start_backup_if_due()
    qtbot.waitUntil(lambda: worker.done, timeout=20000)
    qtbot.waitUntil(lambda: "上次失败" in window.backup_label.text(), timeout=5000)
    assert "color: #b00020" in window.backup_label.styleSheet()
    kinds = [i.kind for i in hall.today.attention()]
    assert "backup_failed" in kinds


def test_backup_now_lists_and_models_pass(section, window, qtbot, qtmodeltester, hall):
    assert section.restore_button.isVisibleTo(section)
    section.backup_now()
    qtbot.waitUntil(lambda: section.last_result is not None, timeout=20000)
    assert section.model.rowCount() == 1
    assert section.model.data(section.model.index(0, 3)) == "通过"
    assert "最近一次成功备份" in section.status.text()
    qtmodeltester.check(section.model)
    qtbot.waitUntil(lambda: window.backup_label.text() == "备份：0 分钟前", timeout=5000)


def test_settings_saved_from_the_page(section, hall, tmp_path):
    section.folder.setText(str(tmp_path / "usb"))
    section.daily.setValue(5)
    section.monthly.setValue(6)
    assert section.save()
    s = hall.backup.settings()
    assert (s.folder, s.daily, s.weekly, s.monthly) == (str(tmp_path / "usb"), 5, 4, 6)
    assert (tmp_path / "usb").is_dir()


def test_restore_from_the_page_asks_for_a_new_login(section, window, hall, qtbot):
    rec = hall.backup.backup()
    hall.settings.save_shift(shift_id=None, name="夜班", start="20:00", end="23:00")
    section.refresh()
    section.choose_restore_file = lambda: hall.backup.folder() / rec.name
    section.confirm_restore = lambda path: True
    section.restore_chosen()
    qtbot.waitUntil(lambda: section.last_result is not None, timeout=30000)
    assert getattr(section.last_result, "kept", None) is not None, section.last_result
    assert "夜班" not in [s.name for s in hall.settings.shifts(include_inactive=True)]
    assert window.locked  # log in again: the tabs showed another state of the records
    assert hall.maintenance.check() == []


def test_duty_manager_backs_up_but_neither_restores_nor_edits(window, hall):
    add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班")
    login_as(hall, "zhang")
    tab = window.page("settingsTab")
    window.tab_widget.setCurrentWidget(tab)
    tab.show_section(tab.backup)
    sec = tab.backup
    sec.refresh()
    assert not sec.restore_button.isVisibleTo(sec)
    assert not sec.save_button.isVisibleTo(sec) and not sec.folder.isEnabled()
    assert sec.backup_button.isEnabled()
