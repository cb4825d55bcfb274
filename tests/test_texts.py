"""Service-composed text: templates with %1 … filled once, arguments taken literally."""

from __future__ import annotations

from hallmanager.domain.texts import Text, fill


def test_text_fill_takes_arguments_literally():
    assert fill("交给 %1 %2", ("11-25", "早%1班")) == "交给 11-25 早%1班"
    assert fill("%1%", ("50",)) == "50%" and fill("%3", ("a",)) == "%3"
    assert str(Text("设备故障：%1", ("打印机 %2 卡纸",))) == "设备故障：打印机 %2 卡纸"
    assert str(Text.plain("原样 %1")) == "原样 %1" and Text.plain("x").context == ""
