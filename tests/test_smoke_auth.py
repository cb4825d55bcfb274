"""GIVEN a fresh database WHEN the hall is set up THEN the hall manager can log in."""

from __future__ import annotations

import pytest

from hallmanager.domain.errors import AuthenticationError
from tests.conftest import ADMIN_PASSWORD


def test_setup_then_login(services):
    assert services.auth.needs_setup()
    services.auth.setup(hall_name="测试厅", hall_code="T1", username="admin", full_name="王厅长",
                        password=ADMIN_PASSWORD)
    assert not services.auth.needs_setup()
    with pytest.raises(AuthenticationError):
        services.auth.login("admin", "wrong-pass1")
    user = services.auth.login("admin", ADMIN_PASSWORD)
    assert user.role.label == "厅经理"
    assert [s.name for s in services.settings.shifts()] == ["早班", "晚班"]
