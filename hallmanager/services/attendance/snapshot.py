"""The attendance module's snapshot step (see ``services.snapshot``)."""

from __future__ import annotations

import datetime as dt

from hallmanager.services.snapshot import DAY1, DAY2, Snap


def snapshot(x: Snap) -> None:
    """Roster (linked to the tellers), a rota, saved timetables, the holiday table, punches
    from the clock machine, the desk and a 补卡 (one cancelled), a leave, a violation, a rule
    version, a waiver and October closed."""
    import dataclasses

    from hallmanager.domain.attendance.fines import Item
    from hallmanager.domain.attendance.timetable import DEFAULT_TIMETABLES, DayKind

    sv, u = x.sv, x.users
    att = sv.attendance
    x.at(DAY2, "09:00")
    x.login("admin")
    people = {}
    for uname, phone in (("t1", "13908901234"), ("t2", "13989012345")):
        people[uname] = att.save_staff(None, staff_no=u[uname].staff_no or "", name=u[uname].full_name,
                                       position="营业员", phone=phone,
                                       hire_date=dt.date(2024, 3, 1), user_id=u[uname].id)
    att.set_rota(people["t2"].id, rest_weekdays=[2])
    att.save_timetables(list(DEFAULT_TIMETABLES))
    att.set_holiday(dt.date(2026, 11, 30), DayKind.HOLIDAY, "厅庆（演示）")
    t1, t2 = people["t1"], people["t2"]
    oct_day = dt.date(2026, 10, 20)
    att.import_punch_records(
        [(t1.staff_no, dt.datetime.combine(oct_day, dt.time(h, m))) for h, m in
         ((9, 40), (13, 5), (15, 35), (18, 40))]
        + [(t2.staff_no, dt.datetime.combine(oct_day, dt.time(h, m))) for h, m in
           ((9, 45), (13, 2), (15, 10), (18, 31))], label="考勤机 2026-10")
    att.record_leave(t2.id, "病假", dt.date(2026, 10, 21), note="已交病假条")
    v = att.record_violation(t1.id, Item.NO_UNIFORM, dt.datetime.combine(oct_day, dt.time(10, 30)),
                             seen_by=u["zhang"].id, note="未穿工装")
    assert v.fine is not None
    att.waive_fine(v.fine.key, "工装送洗，已报备")
    rules = att.rules_on(DAY2).rules
    att.save_rules(dataclasses.replace(rules, effective_from=dt.date(2026, 11, 1),
                                       grace_seconds=60), note="宽限 1 分钟")
    att.close_month("2026-10")
    x.login("zhang")
    att.record_punch(t1.id, dt.datetime.combine(DAY1, dt.time(10, 1, 30)))
    wrong = att.record_punch(t2.id, dt.datetime.combine(DAY1, dt.time(9, 41)))
    att.cancel_punch(wrong.punch.id, "录错人员")
    att.record_correction(t2.id, dt.datetime.combine(DAY1, dt.time(9, 42)), "考勤机故障，当面确认")
    sv.auth.logout()


