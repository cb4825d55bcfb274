"""Fixtures of the emergency tests: a hall with two duty managers, 张值班 at the desk."""

from __future__ import annotations

import pytest

from hallmanager.domain.roles import Role
from tests.conftest import add_user, login_as


@pytest.fixture
def em_hall(hall):
    """Duty managers 张值班 (``zhang``), 李值班 (``li``), a teller ``t1``; 张值班 logged in."""
    hall.people = {
        "zhang": add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班", "RK0011"),
        "li": add_user(hall, "li", Role.DUTY_MANAGER, "李值班", "RK0012"),
        "t1": add_user(hall, "t1", Role.TELLER, "格桑拉姆", "RK0101"),
    }
    login_as(hall, "zhang")
    return hall


def plan_id(services, key: str) -> int:
    return next(p.id for p in services.emergency.plans() if p.key == key)
