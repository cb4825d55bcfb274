"""The 考勤与扣款 tab: a late arrival recorded in three actions shows its fine and rule; the
day and month lists; ambiguous names; export from the tab; item models pass qtmodeltester."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pypdf
from PySide6.QtCore import Qt

from hallmanager.ui.attendance import AttendanceTab
from hallmanager.ui.attendance.models import DayTableModel, MonthTableModel
from hallmanager.ui.attendance.tab import split_entry
from tests.attendance.conftest import WED, at

THU = WED + dt.timedelta(days=1)


def make_tab(qtbot, hall) -> AttendanceTab:
    tab = AttendanceTab(hall)
    qtbot.addWidget(tab)
    tab.resize(1280, 800)
    tab.show()
    tab.refresh()
    return tab


def test_late_arrival_in_three_actions_shows_the_fine_and_its_rule(qtbot, hall, roster, clock):
    clock.set(at(THU, "10:17"))  # winter timetable: 09:50 start → 27 minutes late
    tab = make_tab(qtbot, hall)
    tab.date.set_date_value(THU)
    # 1: click into the entry line, 2: type, 3: Enter
    qtbot.mouseClick(tab.who, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(tab.who, "zs")
    qtbot.keyClick(tab.who, Qt.Key.Key_Return)
    text = tab.result.text()
    assert text.startswith("已登记：张三（RK0101）10:17")
    assert "迟到" in text and "¥50.00" in text and "规则第 1 版" in text
    assert tab.who.text() == ""
    row = next(r for r in tab.day_model.rows() if r.staff.staff_no == "RK0101")
    assert row.mark == "迟" and row.fine_fen == 50_00
    # the month's summary follows
    month = next(p for p in tab.month_model.rows() if p.staff.staff_no == "RK0101")
    assert month.late_count == 1 and month.fine_fen >= 50_00


def test_typed_time_and_ambiguous_or_unknown_names(qtbot, hall, roster, clock):
    clock.set(at(THU, "17:00"))
    tab = make_tab(qtbot, hall)
    tab.date.set_date_value(THU)
    tab.who.setText("rk0102 ０９：４５")  # full-width time
    assert tab.record_from_entry()
    assert "李四（RK0102）09:45" in tab.result.text()
    tab.who.setText("RK010")  # three people
    assert not tab.record_from_entry()
    assert "对应 3 人" in tab.result.text() and tab.who.text() == "RK010"
    tab.who.setText("nobody")
    assert not tab.record_from_entry() and "没有找到" in tab.result.text()
    assert split_entry("张三 947") == ("张三", dt.time(9, 47))
    assert split_entry("张三") == ("张三", None)


def test_export_month_from_the_tab(qtbot, hall, roster, clock, tmp_path):
    clock.set(at(THU, "17:00"))
    for p in (at(WED, "10:01"), at(WED, "13:02"), at(WED, "15:10"), at(WED, "18:31")):
        hall.attendance.record_punch(roster["zs"].id, p)
    tab = make_tab(qtbot, hall)
    out = tmp_path / "考勤.xlsx"
    worker = tab.export("xlsx", str(out))
    qtbot.waitUntil(lambda: out.exists(), timeout=20_000)
    assert worker is not None
    ws = openpyxl.load_workbook(out)["月度汇总"]
    report = hall.attendance.month_report("2026-11")
    names = [ws.cell(r, 2).value for r in range(3, 3 + len(report.rows))]
    assert names == [p.staff.name for p in report.rows]
    total = sum(Decimal(str(ws.cell(r, 15).value)) for r in range(3, 3 + len(report.rows)))
    assert total * 100 == report.total_fine_fen
    pdf = tmp_path / "考勤表.pdf"
    tab.export("pdf", str(pdf))
    qtbot.waitUntil(lambda: pdf.exists(), timeout=20_000)
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) == 1 and "张三" in reader.pages[0].extract_text()


def test_models_pass_qtmodeltester(qtmodeltester, hall, roster, clock):
    clock.set(at(THU, "17:00"))
    hall.attendance.record_punch(roster["zs"].id, at(THU, "10:17"))
    day = DayTableModel()
    day.set_rows(hall.attendance.day_overview(THU))
    assert day.rowCount() == 3
    qtmodeltester.check(day)
    month = MonthTableModel()
    month.set_rows(list(hall.attendance.month_report("2026-11").rows))
    qtmodeltester.check(month)
    qtmodeltester.check(DayTableModel())


def test_roster_at_the_desk(qtbot, qtmodeltester, hall, roster, tmp_path):
    from hallmanager.ui.attendance.roster import RosterDialog, StaffDialog

    dlg = RosterDialog(hall)
    qtbot.addWidget(dlg)
    sec = dlg.section
    assert [p.staff_no for p in sec.model.rows()] == ["RK0101", "RK0102", "RK0103"]
    assert sec.add_button.isEnabled()
    qtmodeltester.check(sec.model)
    add = StaffDialog(hall, None, sec)
    add.staff_no.setText("RK0104")
    add.name.setText("赵六")
    add.hire.setText("2026-02-30")
    assert not add.submit() and "2 月只有 28 天" in add.message.text()
    add.hire.setText("2026-02-03")
    assert add.submit()
    sec.refresh()
    assert "RK0104" in [p.staff_no for p in sec.model.rows()]
    dup = StaffDialog(hall, None, sec)
    dup.staff_no.setText("RK0104")
    dup.name.setText("重复")
    assert not dup.submit() and "已被" in dup.message.text()
    f = tmp_path / "staff.csv"
    f.write_text("工号,姓名,岗位\nRK0105,钱七,营业员\n", encoding="utf-8")
    assert sec.import_file(str(f)) and "新增 1" in sec.banner.text()


def test_rules_edited_as_a_new_version(qtbot, hall, roster, clock):
    from hallmanager.ui.attendance.rules import RulesDialog

    clock.set(at(THU, "17:00"))
    dlg = RulesDialog(hall)
    qtbot.addWidget(dlg)
    assert dlg.late.toPlainText() == "30 50\n60 100\n- 200"
    dlg.late.setPlainText("10 20\nx 50\n- 100")
    assert not dlg.submit() and "迟到档次第 2 行" in dlg.message.text()
    dlg.late.setPlainText("10 20\n30 50\n- 100")
    dlg.effective.set_date_value(dt.date(2026, 12, 1))
    dlg.grace.setValue(2)
    dlg.note.setText("市公司新规")
    assert dlg.submit()
    r = hall.attendance.rules_on(dt.date(2026, 12, 1))
    assert r.version == 2 and r.rules.late_fine(11 * 60)[0] == 50_00
    assert r.rules.grace_seconds == 120
    assert hall.attendance.rules_on(dt.date(2026, 11, 30)).version == 1


def test_seasons_and_holidays_at_the_desk(qtbot, hall, roster, clock):
    from hallmanager.domain.attendance.timetable import DayKind
    from hallmanager.ui.attendance.calendar import CalendarDialog

    dlg = CalendarDialog(hall)
    qtbot.addWidget(dlg)
    assert dlg.rows[0][3].text() == "09:20-12:30, 15:20-18:30"  # the seed's summer
    dlg.rows[1][3].setText("09:50-13:00, 12:00-18:30")  # overlapping sessions
    assert not dlg.submit() and "重叠" in dlg.message.text()
    dlg.rows[1][3].setText("09:30-13:00, 15:20-18:30")
    dlg.rows[1][2].setText("04-29")  # 04-30 now in no season
    assert not dlg.submit() and "04-30" in dlg.message.text()
    dlg.rows[1][2].setText("04-30")
    assert dlg.submit()
    tts = hall.attendance.timetables().timetables
    assert tts[1].sessions[0].start == dt.time(9, 30)
    # the next year's notice by hand, then the coverage
    dlg2 = CalendarDialog(hall)
    qtbot.addWidget(dlg2)
    dlg2.year.setCurrentIndex(dlg2.year.findData(2027))
    dlg2.day.set_date_value(dt.date(2027, 2, 6))
    dlg2.kind.setCurrentIndex(dlg2.kind.findData(DayKind.HOLIDAY.value))
    dlg2.name.setText("春节")
    assert dlg2.set_day()
    assert [(h.date, h.name) for h in dlg2.model.rows()] == [(dt.date(2027, 2, 6), "春节")]
    dlg2.until.set_date_value(dt.date(2027, 12, 31))
    assert dlg2.extend() and "2027-12-31" in dlg2.coverage.text()


def test_teller_sees_only_their_own_month_and_rota_is_edited(qtbot, hall, roster, clock):
    from hallmanager.ui.attendance.roster import StaffDialog
    from tests.conftest import login_as

    clock.set(at(THU, "17:00"))
    hall.attendance.record_punch(roster["ls"].id, at(THU, "10:17"))
    hall.attendance.record_punch(roster["zs"].id, at(THU, "10:30"))
    edit = StaffDialog(hall, hall.attendance.get_staff(roster["ls"].id))
    qtbot.addWidget(edit)
    edit.rest_days[0].setChecked(True)  # Mondays off
    assert edit.submit()
    assert hall.attendance.rota(roster["ls"].id).rest_weekdays == (0,)
    login_as(hall, "t1")  # 张三's login: a teller
    tab = make_tab(qtbot, hall)
    assert [p.staff.name for p in tab.month_model.rows()] == ["张三"]
    assert {d.staff.name for d in tab.day_model.rows()} == {"张三"}
    assert not tab.who.isEnabled() and not tab.buttons["waive"].isEnabled()
