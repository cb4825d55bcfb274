"""Issue 7 §7: two desks (two service instances on one SQLite file) editing the same draft.
The second writer of a field is told who changed it, when and to what; nothing is overwritten."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from hallmanager.app import build_services
from hallmanager.domain.dutylog import DraftConflict
from hallmanager.domain.roles import Role
from hallmanager.storage.database import open_database, sqlite_url
from tests.conftest import USER_PASSWORD, add_user, login_as

D = dt.date(2026, 11, 22)


@pytest.fixture
def two_desks(hall, db_path, clock):
    """Desk A (the ``hall`` services, 张值班) and desk B (own Database on the same file, 李值班)."""
    add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班", "RK0011")
    add_user(hall, "li", Role.DUTY_MANAGER, "李值班", "RK0012")
    login_as(hall, "zhang")
    db_b = open_database(sqlite_url(db_path), lock=False)  # a second desk (as a PostgreSQL peer)
    desk_b = build_services(db_b, clock, fast_hash=True)
    desk_b.auth.login("li", USER_PASSWORD)
    yield hall, desk_b
    db_b.dispose()


def test_second_writer_of_a_field_gets_a_conflict_and_nothing_changes(two_desks, clock):
    a, b = two_desks
    shift = a.settings.shifts()[0]
    log = a.dutylog.create_log(D, shift.id)
    seen_a = log.version
    seen_b = b.dutylog.get_log(log.id).version
    clock.advance(minutes=5)
    saved = b.dutylog.update_draft(log.id, version=seen_b, opinions="客户反映空调太冷")
    assert saved.version == seen_b + 1
    with pytest.raises(DraftConflict) as e:
        a.dutylog.update_draft(log.id, version=seen_a, opinions="客户表扬营业员次仁卓玛")
    c = e.value.conflicts[0]
    assert (c.field, c.value, c.by, c.at) == ("opinions", "客户反映空调太冷", "李值班",
                                              dt.datetime(2026, 11, 22, 9, 5))
    assert "客户意见和建议" in e.value.message and "李值班" in e.value.message
    assert e.value.version == saved.version
    assert a.dutylog.get_log(log.id).effective.opinions == "客户反映空调太冷"
    # 覆盖: writing again with the version the conflict reported wins on purpose
    again = a.dutylog.update_draft(log.id, version=e.value.version, opinions="客户表扬营业员次仁卓玛")
    assert again.changed == ("opinions",)
    assert b.dutylog.get_log(log.id).effective.opinions == "客户表扬营业员次仁卓玛"


def test_changes_elsewhere_in_the_log_are_no_conflict(two_desks):
    a, b = two_desks
    log = a.dutylog.create_log(D, a.settings.shifts()[0].id)
    b.dutylog.update_draft(log.id, version=log.version, weather="阴")
    b.dutylog.check_item(log.checklist[0].id)
    saved = a.dutylog.update_draft(log.id, version=log.version, customer_flow=120)
    assert saved.changed == ("customer_flow",)
    # the same value typed at both desks is no conflict either
    assert a.dutylog.update_draft(log.id, version=log.version, weather="阴").changed == ()
    view = a.dutylog.get_log(log.id)
    assert (view.effective.weather, view.effective.customer_flow) == ("阴", 120)
    assert view.version == saved.version


def test_every_draft_write_raises_the_version(two_desks):
    a, _b = two_desks
    log = a.dutylog.create_log(D, a.settings.shifts()[0].id)
    versions = [log.version]
    a.dutylog.update_draft(log.id, weather="晴")
    versions.append(a.dutylog.get_log(log.id).version)
    a.dutylog.check_item(log.checklist[0].id)
    versions.append(a.dutylog.get_log(log.id).version)
    i = log.inspections[0]
    a.dutylog.set_inspection(log.id, i.category, i.item, True)
    versions.append(a.dutylog.get_log(log.id).version)
    a.dutylog.add_handover_item(log.id, "钥匙两把")
    versions.append(a.dutylog.get_log(log.id).version)
    assert versions == sorted(set(versions)) and len(versions) == 5


# --- the desk's page -------------------------------------------------------------------------
def _page_with_conflict(qtbot, two_desks):
    """Desk A's log page shows the draft; desk B saves 客户意见 while A is typing its own."""
    from hallmanager.ui.dutylog.log_page import LogPage

    a, b = two_desks
    log = a.dutylog.create_log(D, a.settings.shifts()[0].id)
    page = LogPage(a)
    qtbot.addWidget(page)
    page.show()
    page.show_log(a.dutylog.get_log(log.id))
    b.dutylog.update_draft(log.id, version=log.version, opinions="客户反映空调太冷")
    page.form.opinions.setPlainText("客户表扬营业员")
    assert not page.save_now()
    return page, log


def test_page_says_the_record_changed_and_keeps_the_typed_text(qtbot, two_desks):
    a, _b = two_desks
    page, log = _page_with_conflict(qtbot, two_desks)
    assert page.conflict_bar.isVisibleTo(page)
    text = page.conflict_label.text()
    assert "已在别处被修改" in text and "李值班" in text and "客户反映空调太冷" in text
    assert "09:00" in text and "客户意见和建议" in text
    assert page.form.opinions.toPlainText() == "客户表扬营业员"  # nothing typed is lost
    assert page.autosave.pending() == ("opinions",)  # still unsaved, not silently dropped
    assert a.dutylog.get_log(log.id).effective.opinions == "客户反映空调太冷"
    page.reload()  # e.g. a checklist tick: the typed text survives the reload
    assert page.form.opinions.toPlainText() == "客户表扬营业员" and page.conflict_bar.isVisibleTo(page)
    page.keep_mine()  # 覆盖
    assert not page.conflict_bar.isVisibleTo(page) and page.autosave.pending() == ()
    assert a.dutylog.get_log(log.id).effective.opinions == "客户表扬营业员"


def test_page_can_take_the_other_value(qtbot, two_desks):
    a, _b = two_desks
    page, log = _page_with_conflict(qtbot, two_desks)
    qtbot.mouseClick(page.take_theirs_button, Qt.MouseButton.LeftButton)
    assert page.form.opinions.toPlainText() == "客户反映空调太冷"
    assert not page.conflict_bar.isVisibleTo(page) and page.autosave.pending() == ()
    assert a.dutylog.get_log(log.id).effective.opinions == "客户反映空调太冷"
    page.form.opinions.setPlainText("客户反映空调太冷，已调高温度")  # later edits save normally
    assert page.save_now()
    assert a.dutylog.get_log(log.id).effective.opinions == "客户反映空调太冷，已调高温度"
