"""Fixtures of the cash tests: a hall with two tellers and a duty manager."""

from __future__ import annotations

import pytest

from hallmanager.domain.roles import Role
from tests.conftest import USER_PASSWORD, add_user, login_as


@pytest.fixture
def cash_hall(hall):
    """Tellers 格桑 (``t1``), 扎西 (``t2``), duty managers 张值班 (``zhang``), 李值班 (``li``);
    张值班 logged in at the desk."""
    people = {
        "t1": add_user(hall, "t1", Role.TELLER, "格桑拉姆", "RK0101"),
        "t2": add_user(hall, "t2", Role.TELLER, "扎西平措", "RK0102"),
        "zhang": add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班", "RK0011"),
        "li": add_user(hall, "li", Role.DUTY_MANAGER, "李值班", "RK0012"),
    }
    hall.people = people
    hall.shift_ids = {s.name: s.id for s in hall.settings.shifts()}
    login_as(hall, "zhang")
    return hall


PW = USER_PASSWORD
