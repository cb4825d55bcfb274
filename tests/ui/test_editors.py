"""Editors validate as you type with the domain's rules and never hand out floats."""

from __future__ import annotations

import datetime as dt

import pytest

from hallmanager.domain.errors import ValidationError
from hallmanager.ui.common.editors import INVALID_STYLE, DateEdit, MoneyEdit, PhoneEdit, TimeEdit


def test_money_edit_rejects_three_decimals_and_explains(qtbot):
    edit = MoneyEdit()
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, "12.345")
    assert not edit.is_valid()
    assert "金额格式不正确" in edit.toolTip()
    assert edit.styleSheet() == INVALID_STYLE
    with pytest.raises(ValidationError):
        edit.fen()


def test_money_edit_returns_int_fen(qtbot):
    edit = MoneyEdit()
    qtbot.addWidget(edit)
    with qtbot.waitSignal(edit.validityChanged):
        qtbot.keyClicks(edit, "1,234.5")
    assert edit.is_valid() and edit.styleSheet() == ""
    fen = edit.fen()
    assert fen == 123_450 and isinstance(fen, int)
    edit.set_fen(5)
    assert edit.text() == "0.05" and edit.fen() == 5


def test_money_edit_negative_and_empty(qtbot):
    edit = MoneyEdit()
    qtbot.addWidget(edit)
    edit.setText("-3")
    assert edit.error() == "金额不能为负数"
    edit.setText("")
    assert not edit.is_valid() and edit.styleSheet() == ""  # not shouted at while empty...
    assert not edit.validate() and edit.styleSheet() == INVALID_STYLE  # ...until saving
    optional = MoneyEdit(required=False, allow_negative=True)
    qtbot.addWidget(optional)
    assert optional.is_valid() and optional.fen() == 0
    optional.setText("-3.05")
    assert optional.fen() == -305


def test_phone_edit_rejects_short_number_and_normalises(qtbot):
    edit = PhoneEdit()
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, "123")
    assert not edit.is_valid() and "电话号码格式不正确" in edit.toolTip()
    with pytest.raises(ValidationError):
        edit.phone()
    edit.setText("138 1234 5678")
    assert edit.is_valid() and edit.phone() == "13812345678"
    edit.setText("0891-1234567")
    assert edit.phone() == "0891-1234567"


def test_date_and_time_edits(qtbot):
    d = DateEdit(value=dt.date(2026, 11, 22))
    t = TimeEdit(value="08:30")
    qtbot.addWidget(d)
    qtbot.addWidget(t)
    assert d.displayFormat() == "yyyy-MM-dd" and d.calendarPopup()
    assert d.date_value() == dt.date(2026, 11, 22) and d.text() == "2026-11-22"
    assert t.text_value() == "08:30" and t.time_value() == dt.time(8, 30)
    t.set_text_value("25:00")  # impossible: ignored
    assert t.text_value() == "08:30"
