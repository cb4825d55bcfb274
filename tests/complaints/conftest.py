"""Fixtures of the complaints tests: a duty manager at the desk and a helper to register."""

from __future__ import annotations

import datetime as dt

import pytest

from hallmanager.domain.complaints.rules import Source
from hallmanager.services.complaints.views import ComplaintInput


def complaint_input(**kw) -> ComplaintInput:
    base = dict(source=Source.ON_SITE, received_at=dt.datetime(2026, 11, 22, 8, 50),
                customer_name="张三丰", phone="13812345678", category="资费计费",
                description="本月话费多扣 30 元", request="退还多扣费用")
    base.update(kw)
    return ComplaintInput(**base)


@pytest.fixture
def cs(desk):
    """The complaints service with 张值班 (duty manager) logged in at 2026-11-22 09:00."""
    return desk.complaints
