"""The attendance service on a real SQLite file: roster, desk punches with their fine and rule,
补卡, leave, violations, holidays and 调休, rule versions mid-month, waivers, the month's
summary and grid, 今日 and the reports."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from hallmanager.domain.attendance.fines import Item, Tier
from hallmanager.domain.attendance.timetable import DayKind
from hallmanager.domain.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    ReadOnlyRecord,
    ValidationError,
)
from hallmanager.services.today import Severity
from tests.attendance.conftest import WED, at, full_day
from tests.conftest import last_audit, login_as


def test_roster_unique_staff_no_picker_and_masked_phone(hall, roster):
    att = hall.attendance
    with pytest.raises(Conflict, match="RK0101"):
        att.save_staff(None, staff_no="rk0101", name="赵六")
    assert [p.name for p in att.find_staff("zs")] == ["张三"]
    assert [p.name for p in att.find_staff("rk0102")] == ["李四"]
    assert [p.name for p in att.find_staff("王")] == ["王五"]
    assert att.get_staff(roster["zs"].id).phone == "13812345678"  # the hall manager
    entry = last_audit(hall)
    assert "13987654321" not in (entry.after_json or "")  # nothing personal in full
    from hallmanager.domain.roles import Role
    from tests.conftest import add_user

    add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班", "RK0011")
    login_as(hall, "zhang")
    p = att.get_staff(roster["zs"].id)
    assert p.phone == "138****5678" and p.phone_masked
    with pytest.raises(PermissionDenied):
        att.save_staff(None, staff_no="RK0199", name="赵六")
    with pytest.raises(ValidationError, match="电话号码"):
        login_as(hall, "admin", "Admin2026pw")
        att.save_staff(roster["ls"].id, staff_no="RK0102", name="李四", phone="12345")


def test_late_arrival_at_the_desk_shows_the_fine_and_its_rule(hall, roster, clock):
    clock.set(at(WED, "10:30"))
    r = hall.attendance.record_punch(roster["zs"].id, at(WED, "10:21", 1))
    assert r.punch.source == "desk" and r.punch.created_by == "王厅长"
    late = r.day.sessions[0]
    assert late.late_s == 31 * 60 + 1 and late.status.startswith("迟到")
    fine = next(f for f in r.day.fines if f.kind == "late")
    assert fine.fen == 100_00 and fine.rule_version == 1
    assert "迟到 31:01（超过 30 分钟、不超过 60 分钟） → ¥100.00，规则第 1 版" in fine.explanation
    assert r.day.sessions[1].pending  # the afternoon is still to come: no absence yet
    e = last_audit(hall)
    assert (e.action, e.entity) == ("create", "attendance_punch")
    # a second punch at the same second, a future punch: refused, nothing stored
    with pytest.raises(Conflict, match="已有打卡"):
        hall.attendance.record_punch(roster["zs"].id, at(WED, "10:21", 1))
    with pytest.raises(ValidationError, match="晚于当前时间"):
        hall.attendance.record_punch(roster["zs"].id, at(WED, "11:00"))
    assert len(hall.attendance.punches(WED, WED)) == 1


def test_time_defaults_to_now_and_correction_needs_a_reason(hall, roster, clock):
    clock.set(at(WED, "09:47", 30))
    r = hall.attendance.record_punch(roster["ls"].id)
    assert r.punch.at == at(WED, "09:47", 30) and r.day.fines == ()
    with pytest.raises(ValidationError, match="原因"):
        hall.attendance.record_correction(roster["ls"].id, at(WED, "09:00"), " ")
    clock.set(at(WED, "19:00"))
    c = hall.attendance.record_correction(roster["ls"].id, at(WED, "18:35"), "考勤机故障，当面确认")
    assert c.punch.source == "correction" and c.punch.reason == "考勤机故障，当面确认"
    assert json.loads(last_audit(hall).after_json)["reason"] == "考勤机故障，当面确认"
    cancelled = hall.attendance.cancel_punch(c.punch.id, "录错时间")
    assert cancelled.cancelled
    d = hall.attendance.day(roster["ls"].id, WED)  # the afternoon has no punch left
    assert d.sessions[1].absent and d.mark == "旷"


def test_day_kinds_holidays_adjusted_workdays_rota_and_leave(hall, roster):
    att = hall.attendance
    zs = roster["zs"].id
    assert att.day(zs, dt.date(2026, 10, 1)).kind == DayKind.HOLIDAY  # 国庆节
    assert att.day(zs, dt.date(2026, 10, 1)).mark == "休"
    assert att.day(zs, dt.date(2026, 10, 1)).holiday_name == "国庆节"
    saturday = att.day(zs, dt.date(2026, 10, 10))  # 调休上班
    assert saturday.kind == DayKind.ADJUSTED_WORKDAY and saturday.scheduled
    assert saturday.mark == "旷"
    assert att.day(zs, dt.date(2026, 11, 21)).mark == "休"  # an ordinary Saturday
    att.set_rota(zs, rest_weekdays=[2])  # rests on Wednesdays
    assert att.day(zs, WED).mark == "休"
    att.record_leave(roster["ls"].id, "病假", WED, note="病假条")
    assert att.day(roster["ls"].id, WED).mark == "假"
    with pytest.raises(Conflict, match="病假"):
        att.record_leave(roster["ls"].id, "事假", WED)
    with pytest.raises(ValidationError, match="请假类型"):
        att.record_leave(roster["ls"].id, "旅游假", WED + dt.timedelta(days=1))
    # an afternoon off: the morning still counts
    att.import_punch_records([("RK0103", at(WED, "10:05")), ("RK0103", at(WED, "13:02"))])
    att.record_leave(roster["ww"].id, "事假", WED, sessions=[1])
    d = att.day(roster["ww"].id, WED)
    assert d.mark == "迟" and [f.kind for f in d.fines] == ["late"]


def test_beyond_the_holiday_table_says_so_and_the_hall_extends_it(hall, roster, clock):
    clock.set(dt.datetime(2027, 1, 6, 9, 0))
    d = hall.attendance.day(roster["zs"].id, dt.date(2027, 1, 4))
    assert d.mark == "?" and "超出节假日表的范围（已知至 2026-12-31）" in d.note
    items = [i for i in hall.today.attention() if i.kind == "attendance_holidays_ending"]
    assert items and items[0].severity == Severity.INFO
    hall.attendance.set_holiday(dt.date(2027, 1, 1), DayKind.HOLIDAY, "元旦")
    t = hall.attendance.set_holidays_covered_until(dt.date(2027, 12, 31))
    assert t.covered_until == dt.date(2027, 12, 31)
    assert hall.attendance.day(roster["zs"].id, dt.date(2027, 1, 1)).mark == "休"
    assert hall.attendance.day(roster["zs"].id, dt.date(2027, 1, 4)).mark == "旷"
    assert last_audit(hall).entity == "attendance_holiday"


def test_a_rule_changed_mid_month_applies_from_its_date(hall, roster):
    att = hall.attendance
    att.import_punch_records([("RK0101", t) for t in (
        at(dt.date(2026, 11, 10), "10:05"), at(dt.date(2026, 11, 10), "18:31"),
        at(dt.date(2026, 11, 17), "10:05"), at(dt.date(2026, 11, 17), "18:31"))])
    v1 = att.rules_on(dt.date(2026, 11, 1)).rules
    v2 = att.save_rules(dataclasses.replace(
        v1, effective_from=dt.date(2026, 11, 16),
        late_tiers=(Tier(0, 600, 20_00), Tier(600, None, 80_00))), note="市公司新规")
    assert v2.version == 2 and [v.version for v in att.rule_versions()] == [1, 2]
    month = att.person_month(roster["zs"].id, "2026-11").summary
    late = {f.day: f for f in month.fines if f.kind == "late"}
    assert late[dt.date(2026, 11, 10)].fen == 50_00
    assert "规则第 1 版" in late[dt.date(2026, 11, 10)].explanation
    assert late[dt.date(2026, 11, 17)].fen == 80_00
    assert "规则第 2 版" in late[dt.date(2026, 11, 17)].explanation
    with pytest.raises(ValidationError, match="档"):
        att.save_rules(dataclasses.replace(v1, late_tiers=(Tier(0, 600, 20_00),)))


def test_violation_monthly_leave_rule_and_waiver_audited(hall, roster, clock):
    att = hall.attendance
    v = att.record_violation(roster["zs"].id, Item.NO_UNIFORM, at(WED, "10:00"), note="未穿工装")
    assert v.fine is not None and v.fine.fen == 50_00 and v.seen_by == "王厅长"
    left = att.record_violation(roster["zs"].id, "left_post", at(WED, "11:00"))
    assert left.fine is not None and "并通报" in left.fine.explanation
    for d in (2, 3, 4, 5):
        att.record_leave(roster["ls"].id, "事假", dt.date(2026, 11, d))
    ls = att.person_month(roster["ls"].id, "2026-11").summary
    monthly = [f for f in ls.fines if f.kind == "monthly_leave"]
    assert len(monthly) == 1 and monthly[0].fen == 100_00 and "请假 4 次" in monthly[0].explanation
    assert ls.leave_requests == 4
    before = att.person_month(roster["zs"].id, "2026-11").summary
    w = att.waive_fine(v.fine.key, "工装送洗，已报备")
    assert w.fine_fen == 50_00 and w.by == "王厅长"
    e = last_audit(hall)
    assert (e.action, e.entity, e.entity_id) == ("waive", "attendance_fine", v.fine.key)
    assert json.loads(e.after_json)["reason"] == "工装送洗，已报备"
    after = att.person_month(roster["zs"].id, "2026-11").summary
    assert after.fine_fen == before.fine_fen - 50_00 and after.waived_fen == 50_00
    waived = next(f for f in after.fines if f.key == v.fine.key)
    assert waived.waived and "已免除：工装送洗，已报备" in waived.text  # still shown
    with pytest.raises(Conflict):
        att.waive_fine(v.fine.key, "再免一次")
    with pytest.raises(NotFound):
        att.waive_fine("1:2026-11-18:late:09:50–13:00", "不存在的扣款")


def test_month_report_grid_and_close(hall, roster, clock):
    att = hall.attendance
    att.import_punch_records([("RK0101", t) for t in full_day(WED)]
                             + [("RK0102", at(WED, "10:01")), ("RK0102", at(WED, "18:31"))])
    rep = att.month_report("2026-11")
    assert rep.title == "2026年11月考勤表" and len(rep.days) == 30 and rep.closed is None
    rows = {r.staff.staff_no: r for r in rep.rows}
    assert set(rows) == {"RK0101", "RK0102", "RK0103"}
    i = rep.days.index(WED)
    assert (rows["RK0101"].marks[i], rows["RK0102"].marks[i]) == ("√", "迟")
    assert rows["RK0101"].marks[rep.days.index(dt.date(2026, 11, 23))] == ""  # future
    assert rows["RK0102"].late_count == 1 and rows["RK0102"].late_seconds == 11 * 60
    assert rep.total_fine_fen == sum(r.fine_fen for r in rep.rows) > 0
    assert ("旷", "旷工") in rep.legend and "厅经理" in rep.signature_lines
    with pytest.raises(ValidationError, match="尚未结束"):
        att.close_month("2026-11")
    with pytest.raises(ValidationError, match="月份格式"):
        att.month_report("2026-13")
    clock.set(dt.datetime(2026, 12, 2, 9, 0))
    before = att.month_report("2026-11")
    closed = att.close_month("2026-11")
    assert closed.total_fine_fen == before.total_fine_fen and closed.staff_count == 3
    assert last_audit(hall).action == "close"
    frozen = att.month_report("2026-11")
    assert frozen.closed is not None and frozen.rows == before.rows
    with pytest.raises(Conflict, match="已经月结"):
        att.close_month("2026-11")
    # nothing dated in it may change any more; rules, timetables and rotas no longer move it
    with pytest.raises(ReadOnlyRecord, match="已月结"):
        att.record_punch(roster["ww"].id, at(WED, "09:30"))
    with pytest.raises(ReadOnlyRecord):
        att.record_leave(roster["ww"].id, "年假", WED)
    with pytest.raises(ReadOnlyRecord):
        att.record_violation(roster["ww"].id, Item.NO_UNIFORM, at(WED, "11:00"))
    with pytest.raises(ReadOnlyRecord, match="2026-12-01"):
        att.save_rules(dataclasses.replace(att.rules_on(WED).rules,
                                           effective_from=dt.date(2026, 11, 30)))
    att.set_rota(roster["zs"].id, rest_weekdays=[0, 1, 2, 3, 4])
    assert att.month_report("2026-11").rows == before.rows
    r = att.import_punch_records([("RK0103", at(WED, "09:30"))])
    assert (r.imported, r.rejected) == (0, 1) and "已月结" in r.rejected_rows[0].reason


def test_today_lists_who_has_not_punched_ten_minutes_after_start(hall, roster, clock):
    clock.set(at(WED, "09:59"))
    assert [i for i in hall.today.attention() if i.kind == "attendance_not_punched"] == []
    clock.set(at(WED, "10:00"))
    hall.attendance.record_punch(roster["zs"].id, at(WED, "09:40"))
    hall.attendance.record_leave(roster["ww"].id, "年假", WED)
    items = [i for i in hall.today.attention() if i.kind == "attendance_not_punched"]
    assert [i.title for i in items] == ["李四（RK0102） 尚未打卡"]
    assert items[0].severity == Severity.OVERDUE and items[0].target.module == "attendance"
    assert "上班时间 09:50" in items[0].detail
    assert any("今日出勤 1/2" in str(t) for t in hall.today.status())


def test_reports_attendance_sheet_and_handover_section(hall, roster, clock):
    clock.set(at(WED, "19:00"))
    hall.attendance.import_punch_records([("RK0101", t) for t in full_day(WED)]
                                         + [("RK0102", at(WED, "10:35")),
                                            ("RK0102", at(WED, "18:31"))])
    hall.attendance.record_leave(roster["ww"].id, "病假", WED)
    report = hall.reports.daily_report(WED)
    sheet = next(s for s in report.sheets if s.name == "考勤")
    rows = {(r[1], r[4]): r for r in sheet.rows}
    late = rows[("李四", "迟到")]
    assert late[7] == 100_00 and "规则第 1 版" in late[8]
    assert ("王五", "病假") in rows and ("张三", "迟到") not in rows
    assert [c.personal for c in sheet.columns if c.header == "手机"] != [None]
    from hallmanager.exporters.data import mask_personal_columns

    masked = mask_personal_columns(report)
    phones = [r[3] for s in masked.sheets if s.name == "考勤" for r in s.rows]
    assert "139****4321" in phones and "13987654321" not in phones
    sheet = hall.reports.handover_sheet(WED, "晚班")
    sec = next(s for s in sheet.sections if s.title == "考勤情况")
    assert any(r[0] == "李四" and r[2] == "迟到" for r in sec.rows)
    assert "应到 2 人" in (sec.note or "")  # 王五 is on leave
