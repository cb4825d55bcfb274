"""The monthly attendance paper: the workbook read back (one row per person, totals equal the
data, money as numbers, no formula from user text) and the 考勤表 PDF (one A4 landscape page
for 30 staff, text extractable)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import openpyxl
import pypdf
import pytest

from hallmanager.exporters.attendance import (
    AttendanceMonth,
    AttendanceRow,
    FineLine,
    write_attendance_pdf,
    write_attendance_xlsx,
)

DAYS = tuple(dt.date(2026, 11, d) for d in range(1, 31))
NAMES = ["格桑拉姆", "扎西平措", "陈静", "普布次仁", "德吉央宗", "刘洋", "索朗旺姆", "张丽",
         "边巴顿珠", "赵敏", "尼玛卓嘎", "杨帆"]


def month(n: int = 30, *, hostile: bool = False) -> AttendanceMonth:
    rng = random.Random(7)
    rows = []
    for i in range(n):
        marks = tuple("休" if d.weekday() >= 5 else rng.choice("√√√√√√√迟早旷假缺") for d in DAYS)
        name = NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else str(i))
        if hostile and i == 0:
            name = '=HYPERLINK("http://x","点我")'
        rows.append(AttendanceRow(
            staff_no=f"RK{101 + i:04d}", name=name, position="营业员", marks=marks,
            scheduled=sum(m != "休" for m in marks), present=sum(m in "√迟早缺" for m in marks),
            late_count=marks.count("迟"), late_minutes=12 * marks.count("迟"),
            early_count=marks.count("早"), early_minutes=5 * marks.count("早"),
            absences=marks.count("旷"), missing=marks.count("缺"), leave_days=marks.count("假"),
            violations=0, fine_fen=50_00 * marks.count("迟") + 100_00 * marks.count("旷") + 30,
            phone="13812345678"))
    fines = (FineLine("RK0101", rows[0].name, DAYS[2], "迟到",
                      "09:20–12:30 迟到 12:00（30 分钟以内（含））→ ¥50.00，规则第 1 版", 50_00),
             FineLine("RK0102", rows[1].name, DAYS[3], "旷工", "旷工 → ¥100.00，规则第 1 版",
                      100_00, waived=True, waive_reason="系统故障未能打卡"))
    return AttendanceMonth("日喀则分公司上海中路营业厅", "2026年11月", DAYS, tuple(rows), fines,
                           dt.datetime(2026, 12, 1, 9, 0), "王建华", closed=True)


def test_workbook_one_row_per_person_and_totals(tmp_path):
    m = month(30, hostile=True)
    out = write_attendance_xlsx(m, tmp_path / "考勤.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["月度汇总", "考勤表", "扣款明细"]
    ws = wb["月度汇总"]
    names = [ws.cell(r, 2).value for r in range(3, 33)]
    assert names == [r.name for r in m.rows] and ws.cell(33, 1).value == "合计"
    fines = [ws.cell(r, 15).value for r in range(3, 33)]
    assert all(isinstance(v, (int, float, Decimal)) for v in fines)
    assert ws.cell(3, 15).number_format == "#,##0.00"
    assert round(sum(Decimal(str(v)) for v in fines) * 100) == m.fine_total_fen
    assert Decimal(str(ws.cell(33, 15).value)) * 100 == m.fine_total_fen
    assert ws.cell(3, 4).value == "138****5678"  # phone masked
    assert ws.cell(3, 2).data_type == "s" and ws.cell(3, 2).value.startswith("=HYPERLINK")
    assert all(c.data_type != "f" for row in wb["月度汇总"].iter_rows() for c in row)
    assert ws.print_title_rows == "$1:$2" and ws.page_setup.orientation == "landscape"
    grid = wb["考勤表"]
    assert [grid.cell(3, c).value for c in range(3, 33)] == list(m.rows[0].marks)
    detail = wb["扣款明细"]
    assert detail.cell(4, 7).value == "已免除" and "规则第 1 版" in detail.cell(3, 5).value


def test_grid_pdf_is_one_landscape_page_for_30_staff(tmp_path):
    pytest.importorskip("reportlab")
    m = month(30)
    out = write_attendance_pdf(m, tmp_path / "考勤表.pdf")
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    text = reader.pages[0].extract_text()
    for needle in ("月度考勤表", "2026年11月", "格桑拉姆", "制表人", "审核人", "（已月结）", "图例"):
        assert needle in text, needle
