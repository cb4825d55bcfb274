"""Masking personal data: the fixed-field masks and phone/ID numbers inside free text."""

from __future__ import annotations

import datetime as dt

import pytest

from hallmanager.domain.masking import mask_id_number, mask_name, mask_personal_text, mask_phone
from hallmanager.exporters.data import (
    Column,
    ColumnKind,
    DailyReport,
    ReportSheet,
    TextSection,
    map_text,
)


def test_field_masks():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_name("张三丰") == "张**" and mask_name("欧阳娜娜") == "欧阳**"
    assert mask_id_number("110101199003071234") == "110***********1234"


@pytest.mark.parametrize(("text", "expected"), [
    ("客户王先生 13812345678 反映排队久", "客户王先生 138****5678 反映排队久"),
    ("回访电话：138-1234-5678。", "回访电话：138****5678。"),
    ("电话138 1234 5678", "电话138****5678"),
    ("身份证 110101199003071234 补卡", "身份证 110***********1234 补卡"),
    ("证件号11010119900307123X", "证件号110***********123X"),
    ("旧证 110101900307123", "旧证 110********7123"),
    # not personal numbers: left alone
    ("工单号 2026112212345678901", "工单号 2026112212345678901"),
    ("12345678901 不是手机号（1 后面是 2）", "12345678901 不是手机号（1 后面是 2）"),
    ("13812345678901 太长", "13812345678901 太长"),
    ("金额 ¥12,345.00，工号 RK0101，客流 312", "金额 ¥12,345.00，工号 RK0101，客流 312"),
    ("", ""),
])
def test_numbers_in_free_text(text, expected):
    assert mask_personal_text(text) == expected


def test_map_text_reaches_every_text_and_keeps_types():
    sheet = ReportSheet("记录", "值班记录", (Column("内容"), Column("客流", ColumnKind.INT)),
                        (("客户 13812345678 投诉", 312),))
    report = DailyReport("厅", dt.date(2026, 11, 22), (sheet,), dt.datetime(2026, 11, 22, 9),
                         "张值班")
    masked = map_text(report, mask_personal_text)
    assert masked.sheets[0].rows == (("客户 138****5678 投诉", 312),)
    assert masked.sheets[0].columns[1].kind is ColumnKind.INT
    assert masked.date == report.date and report.sheets[0].rows[0][0] == "客户 13812345678 投诉"
    section = map_text(TextSection("备注", ("call 13812345678",)), mask_personal_text)
    assert section.paragraphs == ("call 138****5678",)



# --- the forms people actually type (issue 7 §6) -------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("+8613812345678", "138****5678"),
    ("回访 +86 138 1234 5678 即可", "回访 138****5678 即可"),
    ("+86-138-1234-5678", "138****5678"),
    ("0086 138 1234 5678", "138****5678"),
    ("0086-13812345678", "138****5678"),
    ("8613812345678", "138****5678"),
    ("138.1234.5678", "138****5678"),
    ("１３８１２３４５６７８", "138****5678"),
    ("电话：＋８６　１３８－１２３４－５６７８。", "电话：138****5678。"),
    ("138 123 4567 8", "138****5678"),
    ("138 - 1234 - 5678", "138****5678"),
    ("110101 19900307 1234", "110***********1234"),
    ("110101-19900307-123X", "110***********123X"),
    ("ID110101199003071234", "ID110***********1234"),
    ("身份证号：１１０１０１１９９００３０７１２３４", "身份证号：110***********1234"),
    ("证件 11010119900307123x", "证件 110***********123X"),
    ("13812345678 2026-11-22 来厅", "138****5678 2026-11-22 来厅"),
    ("2026.11.22 13912345678", "2026.11.22 139****5678"),
    ("客户13812345678，另一位 13912345678。", "客户138****5678，另一位 139****5678。"),
])
def test_typed_forms_are_masked(text, expected):
    assert mask_personal_text(text) == expected


@pytest.mark.parametrize("text", [
    "收款 ¥1,234.50 找零 ¥65.50",
    "日期 2026-11-22，2026.11.22，2026/11/22",
    "09:30 晨会 15 分钟，14:00–20:00",
    "客流 312 人，办理 287 笔",
    "工号 rk0101、RK0102，ｒｋ０１０３",
    "金额 1380.12 元，1234.5678",
    "100.00 100.00 100.00 100.00 1.00",
    "12345678901",
    "110101 20261399 1234",  # separated, but no birth date: not an ID number
    "8612345678901",  # 86 + a number that is not a mobile
])
def test_other_numbers_stay_as_written(text):
    assert mask_personal_text(text) == text
