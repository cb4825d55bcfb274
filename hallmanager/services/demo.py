"""The demo hall framework (日喀则分公司上海中路营业厅): people, shifts, and a run over N days in
which every module's demo step adds its records.

Everything goes through the real services (built by the composition root, the same wiring
as the desk) as the demo users, logging in and out, so the data obeys every rule and the
audit chain is valid. For speed the services share one write transaction per demo day
(``storage.database.BatchDatabase``: the day's session keeps what it loaded, the build runs
without a disk flush per commit and ends with a checkpoint) instead of one commit per action;
passwords are hashed with the test-strength Argon2id, which the first real login upgrades,
and each (hash, password) pair is verified once (``RememberingHasher``). The framework names
no module: the steps come from the registry.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from hallmanager.domain.clock import ManualClock
from hallmanager.domain.errors import Conflict, ValidationError
from hallmanager.domain.roles import Role
from hallmanager.domain.shifts import DEFAULT_SHIFTS, ShiftDef
from hallmanager.services.context import UserInfo
from hallmanager.storage.database import BatchDatabase
from hallmanager.storage.repositories import audit as audit_repo

T = TypeVar("T")

HALL_NAME = "日喀则分公司上海中路营业厅"
HALL_CODE = "RKZ-0102"
ADMIN_USERNAME = "admin"
# Demo-only passwords (documented in the README); they satisfy domain.validation.check_password.
ADMIN_PASSWORD = "Demo2026admin"
DUTY_PASSWORD = "Demo2026duty"
TELLER_PASSWORD = "Demo2026teller"

HALL_MANAGER_NAME = "王建华"
DUTY_MANAGERS = (("cirendj", "次仁多吉", "RK0011"), ("lixy", "李晓燕", "RK0012"),
                 ("dawazm", "达瓦卓玛", "RK0013"))
TELLERS = ("格桑拉姆", "扎西平措", "陈静", "普布次仁", "德吉央宗", "刘洋", "索朗旺姆", "张丽",
           "边巴顿珠", "赵敏", "尼玛卓嘎", "杨帆")
# More tellers for a bigger hall (--staff N > 12): family + given names, deterministic.
_FAMILY = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何林罗高"
_GIVEN = ("静", "伟", "芳", "敏", "军", "洋", "磊", "婷", "强", "丽", "次仁", "卓玛", "平措",
          "央金", "拉姆", "旺堆", "晓燕", "建国", "海燕", "志强")
DEFAULT_DAYS = 90
DEFAULT_STAFF = len(TELLERS)
DEFAULT_SEED = 20261122
MAX_DAYS = 3660
MAX_STAFF = 500


def teller_names(n: int) -> list[str]:
    """``n`` distinct teller names: the 12 demo tellers first, then generated ones."""
    names = list(TELLERS[:n])
    for g in _GIVEN:
        for f in _FAMILY:
            if len(names) >= n:
                return names
            name = f + g
            if name not in names:
                names.append(name)
    return names[:n]


class RememberingHasher:
    """The demo's password hasher: the test-strength Argon2id of ``inner``, remembering the
    passwords it has verified against each stored hash.

    The demo people log in for every shift and re-enter their password to sign, thousands of
    times over five years; each check would redo the same Argon2 work for the same
    (hash, password) pair. Only successes are remembered, and only for this demo run (the
    object is thrown away with its services); what is stored in the database is unchanged.
    """

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self._ok: set[tuple[str, str]] = set()

    def verify(self, hash: str, password: str | bytes) -> bool:
        key = (hash, password if isinstance(password, str) else password.decode())
        if key in self._ok:
            return True
        ok = self._inner.verify(hash, password)
        if ok:
            self._ok.add(key)
        return ok

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


@dataclass
class DemoContext:
    """What a module's demo step works with: the wired services (``services.<module>``), the
    demo clock it moves forward, a seeded random generator and the demo people."""

    services: Any
    db: BatchDatabase
    clock: ManualClock
    rng: random.Random
    now: dt.datetime  # the real "now": nothing is recorded after it
    days: int
    passwords: dict[str, str] = field(default_factory=dict)
    duty_managers: list[UserInfo] = field(default_factory=list)
    tellers: list[UserInfo] = field(default_factory=list)
    shifts: list[ShiftDef] = field(default_factory=list)

    @property
    def first_day(self) -> dt.date:
        return self.now.date() - dt.timedelta(days=self.days)

    def login(self, user: UserInfo) -> None:
        self.services.auth.login(user.username, self.passwords[user.username])

    def logout(self) -> None:
        self.services.auth.logout()

    def as_admin(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` logged in as the hall manager (and log out again)."""
        self.services.auth.login(ADMIN_USERNAME, ADMIN_PASSWORD)
        try:
            return fn()
        finally:
            self.services.auth.logout()


class DemoStep(Protocol):
    """A module's demo: constructed with the context after the people exist."""

    def setup(self) -> None:
        """Once, before the first day (settings the hall manager confirms, templates)."""

    def day(self, index: int, day: dt.date) -> None:
        """Day ``index`` (0 = the first) in that day's transaction."""

    def counts(self) -> dict[str, int]:
        """What was created, by name (for the command's summary and the tests)."""
        ...

    def summary(self) -> str:
        """One line for the ``demo`` command, in Chinese."""
        ...


@dataclass(frozen=True)
class DemoResult:
    admin_username: str
    passwords: dict[str, str]  # username → password
    hall_name: str
    days: int
    staff: int
    counts: dict[str, int]  # "<module>.<what>" → number
    lines: tuple[str, ...]  # each module's summary line
    audit_entries: int
    seconds: float


def demo_clock(now: dt.datetime, days: int) -> ManualClock:
    """The clock the demo moves forward: 07:00 on the day before the first demo day."""
    start = now.date() - dt.timedelta(days=days + 1)
    return ManualClock(dt.datetime.combine(start, dt.time(7, 0)))


def check_size(days: int, staff: int) -> None:
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(f"演示天数须在 1 到 {MAX_DAYS} 之间（收到 {days}）")
    if not 2 <= staff <= MAX_STAFF:
        raise ValidationError(f"演示营业员人数须在 2 到 {MAX_STAFF} 之间（收到 {staff}）")


def run_demo(services: Any, db: BatchDatabase, clock: ManualClock, now: dt.datetime,
             steps: Sequence[Callable[[DemoContext], DemoStep]], *, days: int = DEFAULT_DAYS,
             staff: int = DEFAULT_STAFF, seed: int = DEFAULT_SEED) -> DemoResult:
    """Fill an empty database: the hall, its people and shifts, then ``days`` days ending
    today at ``now`` in which every step adds its records — one transaction for the people,
    one for the steps' setup, one per day and one for the summary."""
    check_size(days, staff)
    started = time.perf_counter()
    ctx = DemoContext(services, db, clock, random.Random(seed), now, days)
    with db.building():
        _people(ctx, staff)
        built = [make(ctx) for make in steps]
        with db.batch():
            for step in built:
                step.setup()
        for i in range(days + 1):
            day = ctx.first_day + dt.timedelta(days=i)
            with db.batch():
                for step in built:
                    step.day(i, day)
        clock.set(max(clock.now(), now))
        with db.read() as s:
            audits = audit_repo.count_entries(s)
        with db.batch():  # a step may log in to count (a login is audited)
            counts = {k: v for step in built for k, v in step.counts().items()}
            lines = tuple(s.summary() for s in built)
    return DemoResult(
        admin_username=ADMIN_USERNAME, passwords=dict(ctx.passwords), hall_name=HALL_NAME,
        days=days, staff=staff, counts=counts, lines=lines,
        audit_entries=audits, seconds=time.perf_counter() - started)


def _people(ctx: DemoContext, staff: int) -> None:
    auth = ctx.services.auth
    if not auth.needs_setup():
        raise Conflict("数据库中已有营业厅数据，不能创建演示数据")
    with ctx.db.batch():
        auth.setup(hall_name=HALL_NAME, hall_code=HALL_CODE, username=ADMIN_USERNAME,
                   full_name=HALL_MANAGER_NAME, password=ADMIN_PASSWORD,
                   shifts=list(DEFAULT_SHIFTS))
        ctx.passwords[ADMIN_USERNAME] = ADMIN_PASSWORD
        auth.login(ADMIN_USERNAME, ADMIN_PASSWORD)
        created: list[tuple[UserInfo, str]] = []
        for uname, name, no in DUTY_MANAGERS:
            u = auth.create_user(username=uname, full_name=name, role=Role.DUTY_MANAGER,
                                 password=DUTY_PASSWORD, staff_no=no)
            ctx.duty_managers.append(u)
            created.append((u, DUTY_PASSWORD))
        for n, name in enumerate(teller_names(staff), start=1):
            no = f"RK{100 + n:04d}"
            u = auth.create_user(username=no.lower(), full_name=name, role=Role.TELLER,
                                 password=TELLER_PASSWORD, staff_no=no)
            ctx.tellers.append(u)
            created.append((u, TELLER_PASSWORD))
        auth.logout()
        # each person sets their password once, so the demo logins are not forced to change
        for u, pw in created:
            ctx.clock.advance(minutes=1)
            auth.login(u.username, pw)
            auth.change_password(pw, pw)
            auth.logout()
            ctx.passwords[u.username] = pw
        ctx.shifts = [i.to_def() for i in ctx.as_admin(ctx.services.settings.shifts)]
