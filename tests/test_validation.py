"""Typed dates and date-times (issue 7 §7): real dates only, and the message says what is wrong."""

from __future__ import annotations

import datetime as dt

import pytest

from hallmanager.domain.errors import ValidationError
from hallmanager.domain.validation import parse_date_text, parse_datetime_text


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-02-28 12:00", dt.datetime(2026, 2, 28, 12, 0)),
    ("2026-2-3 9:05", dt.datetime(2026, 2, 3, 9, 5)),
    ("  2026-11-22T09:30 ", dt.datetime(2026, 11, 22, 9, 30)),
    ("２０２６－１１－２２　０９：３０", dt.datetime(2026, 11, 22, 9, 30)),  # full-width: accepted
    ("2024-02-29 23:59", dt.datetime(2024, 2, 29, 23, 59)),
])
def test_datetime_accepted(text, expected):
    assert parse_datetime_text(text) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("2026-02-30 12:00", "2026-02-30 不存在：2 月只有 28 天"),
    ("２０２６－０２－３０ １２：００", "2026-02-30 不存在：2 月只有 28 天"),
    ("2024-02-30 12:00", "2024-02-30 不存在：2 月只有 29 天"),
    ("2026-04-31 08:00", "2026-04-31 不存在：4 月只有 30 天"),
    ("2026-13-01 08:00", "2026-13-01 不存在：月份应为 1–12"),
    ("2026-11-00 08:00", "2026-11-00 不存在：日应为 1–30"),
    ("2026-11-22 24:00", "24:00 不存在：小时应为 0–23"),
    ("2026-11-22 09:60", "09:60 不存在：分钟应为 0–59"),
    ("2026/11/22 09:30", "时间格式应为 YYYY-MM-DD HH:MM"),
    ("2026-11-22", "时间格式应为 YYYY-MM-DD HH:MM"),
    ("", "时间格式应为 YYYY-MM-DD HH:MM"),
])
def test_datetime_refused_with_the_reason(text, message):
    with pytest.raises(ValidationError) as e:
        parse_datetime_text(text)
    assert message in e.value.message


def test_date():
    assert parse_date_text("２０２６－１１－２２") == dt.date(2026, 11, 22)
    assert parse_date_text("2026-1-5") == dt.date(2026, 1, 5)
    with pytest.raises(ValidationError, match="2026-02-30 不存在：2 月只有 28 天"):
        parse_date_text("2026-02-30")
    with pytest.raises(ValidationError, match="日期格式应为 YYYY-MM-DD"):
        parse_date_text("22.11.2026")
