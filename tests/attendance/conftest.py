"""Attendance fixtures: a roster of three on a set-up hall (real SQLite file, manual clock).

The clock of ``tests/conftest.py`` stands at Sunday 2026-11-22 09:00; the weekdays used below
are in the winter timetable (09:50–13:00, 15:20–18:30).
"""

from __future__ import annotations

import datetime as dt

import pytest

from hallmanager.domain.roles import Role
from tests.conftest import add_user

WED = dt.date(2026, 11, 18)  # a Wednesday, winter timetable


def at(day: dt.date, hhmm: str, s: int = 0) -> dt.datetime:
    h, m = (int(x) for x in hhmm.split(":"))
    return dt.datetime.combine(day, dt.time(h, m, s))


def full_day(day: dt.date) -> list[dt.datetime]:
    """Four on-time punches of a winter working day."""
    return [at(day, "09:40"), at(day, "13:01"), at(day, "15:10"), at(day, "18:31")]


@pytest.fixture
def roster(hall):
    """Three people on the roster (the hall manager ``admin`` stays logged in); 张三 is linked
    to the teller login ``t1``."""
    t1 = add_user(hall, "t1", Role.TELLER, "张三", "RK0101")
    att = hall.attendance
    people = {
        "zs": att.save_staff(None, staff_no="RK0101", name="张三", position="营业员",
                             phone="13812345678", hire_date=dt.date(2024, 1, 1), user_id=t1.id),
        "ls": att.save_staff(None, staff_no="RK0102", name="李四", position="营业员",
                             phone="13987654321"),
        "ww": att.save_staff(None, staff_no="RK0103", name="王五", position="业务受理员"),
    }
    return people
