"""Domain pieces added with the service: rule versions as JSON, the rule check, pinyin
initials for the picker, and reading timestamps from clock exports."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from hallmanager.domain.attendance import imports as imp
from hallmanager.domain.attendance.fines import (
    DEFAULT_RULES,
    Item,
    check_rules,
    rules_from_dict,
    rules_to_dict,
)
from hallmanager.domain.attendance.pinyin import initials
from hallmanager.domain.errors import ValidationError


def test_rule_version_round_trips_through_json_data():
    r = dataclasses.replace(DEFAULT_RULES, version=3, grace_seconds=60, fine_not_early=10_00,
                            items={**DEFAULT_RULES.items, Item.OTHER: 30_00})
    back = rules_from_dict(3, r.effective_from, rules_to_dict(r))
    assert back == r


@pytest.mark.parametrize(("change", "message"), [
    ({"grace_seconds": -1}, "宽限"), ({"monthly_leave_fine_fen": -5}, "请假超限"),
    ({"items": {Item.NO_UNIFORM: -1}}, "未穿工装"), ({"early_arrival_minutes": 500}, "提前到岗"),
])
def test_rules_the_hall_manager_cannot_save(change, message):
    with pytest.raises(ValidationError, match=message):
        check_rules(dataclasses.replace(DEFAULT_RULES, **change))


def test_pinyin_initials_of_names():
    assert [initials(n) for n in ("张三", "格桑拉姆", "次仁多吉", "Li 明")] == \
        ["zs", "gslm", "crdj", "lim"]


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-11-22 09:47:05", dt.datetime(2026, 11, 22, 9, 47, 5)),
    ("2026/11/22 9:47", dt.datetime(2026, 11, 22, 9, 47)),
    ("2026年11月22日 09:47", dt.datetime(2026, 11, 22, 9, 47)),
    ("２０２６-１１-２２ ０９：４７", dt.datetime(2026, 11, 22, 9, 47)),
    ("20261122 094705", dt.datetime(2026, 11, 22, 9, 47, 5)),
])
def test_timestamps_clock_machines_write(text, expected):
    assert imp.timestamp(text) == expected


@pytest.mark.parametrize(("text", "reason"), [
    ("2026-02-29 09:00", "2 月没有 29 日"), ("2026-13-01 09:00", "没有 13 月"),
    ("2026-11-22 25:00", "时间超出范围"), ("", "为空"), ("9:47", "无法识别"),
])
def test_bad_timestamps_say_why(text, reason):
    with pytest.raises(ValidationError, match=reason):
        imp.timestamp(text)
