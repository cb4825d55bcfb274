"""The stored past-schema databases (``tests/data/schemas``, made by
``tools/make_schema_snapshot.py``): what every module's *snapshot step* works with.

A module's step (``services/<m>/snapshot.py: snapshot(x)``, named in the registry line) puts
a few rows in every table of the module through its service, so that each later migration is
tried on real data of every module. The framework's own step (hall, shifts, users of every
role) runs first, and each step may rely on what the steps before it made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from hallmanager.domain.clock import ManualClock
from hallmanager.domain.roles import Role
from hallmanager.services.context import UserInfo

ADMIN_PASSWORD = "Snapshot2026admin"
USER_PASSWORD = "Snapshot2026user"
DAY1 = dt.date(2026, 11, 20)
DAY2 = DAY1 + dt.timedelta(days=1)


@dataclass
class Snap:
    """What the steps share: the services, the clock, the people and shifts by name."""

    sv: Any  # the wired Services
    clock: ManualClock
    users: dict[str, UserInfo] = field(default_factory=dict)
    shifts: dict[str, int] = field(default_factory=dict)
    logs: dict[str, int] = field(default_factory=dict)

    def at(self, day: dt.date, hhmm: str) -> None:
        """Move the clock forward to ``day hh:mm`` (never back)."""
        when = dt.datetime.combine(day, dt.time.fromisoformat(hhmm))
        if when > self.clock.now():
            self.clock.set(when)

    def login(self, username: str) -> None:
        self.sv.auth.logout()
        self.sv.auth.login(username, ADMIN_PASSWORD if username == "admin" else USER_PASSWORD)


def foundation(x: Snap) -> None:
    """Hall, shifts (one deactivated), one user of every role (one inactive), passwords."""
    sv = x.sv
    sv.auth.setup(hall_name="拉萨北京路营业厅", hall_code="LS001", username="admin",
                  full_name="王厅长", password=ADMIN_PASSWORD)
    x.login("admin")
    sv.settings.update_hall(name="拉萨北京路营业厅", code="LS001", language="zh_CN",
                            idle_lock_minutes=10)
    night = sv.settings.save_shift(shift_id=None, name="夜班", start="20:00", end="22:00")
    sv.settings.save_shift(shift_id=night.id, name="夜班", start="20:00", end="22:00",
                           active=False)
    people = (("zhang", "张值班", Role.DUTY_MANAGER, "RK0011"),
              ("li", "李值班", Role.DUTY_MANAGER, "RK0012"),
              ("t1", "次仁卓玛", Role.TELLER, "RK0101"),
              ("t2", "扎西", Role.TELLER, "RK0102"),
              ("t3", "陈静", Role.TELLER, "RK0103"),
              ("ts1", "刘投诉", Role.COMPLAINT_HANDLER, "RK0201"))
    for uname, name, role, no in people:
        x.users[uname] = sv.auth.create_user(username=uname, full_name=name, role=role,
                                             password=USER_PASSWORD, staff_no=no)
    sv.auth.set_active(x.users["t3"].id, False)
    for uname in ("zhang", "li"):  # the duty managers set their own password once
        x.clock.advance(minutes=1)
        x.login(uname)
        sv.auth.change_password(USER_PASSWORD, USER_PASSWORD)
    x.login("admin")
    x.users["admin"] = next(u for u in sv.auth.list_users() if u.username == "admin")
    x.shifts = {s.name: s.id for s in sv.settings.shifts()}
    sv.auth.logout()


