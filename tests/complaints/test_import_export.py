"""Import of transferred work orders (all or nothing, re-import adds nothing, other layouts by
mapping) and the outputs: the slip PDF and the workbook read back as a duty manager hold no
unmasked mobile or ID number in any typed form, and no cell is a formula."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import openpyxl
import pypdf
import pytest

from hallmanager.domain.complaints.filters import ComplaintFilter
from hallmanager.domain.complaints.rules import CallResult, Satisfaction, Source
from hallmanager.domain.errors import PermissionDenied, ValidationError
from hallmanager.services.complaints.service import ImportFailed
from tests.complaints.conftest import complaint_input
from tests.conftest import last_audit, login_as

HEADERS = ("工单号", "受理时间", "客户姓名", "联系电话", "投诉类别", "问题描述", "客户诉求")
HOSTILE = ("=HYPERLINK(\"http://x\",\"点我\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1+1",
           "\r=1", "\n=2", "=cmd|' /C calc'!A0")
PHONE_FORMS = ("+86 139 0013 8000", "139.0013.8000", "139 0013 8000", "１３９００１３８０００",
               "0086-13900138000")
ID_NUMBER = "11010119900307123X"


def _xlsx(path, rows, headers=HEADERS):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(headers))
    for i, r in enumerate(rows, start=2):
        for j, v in enumerate(r, start=1):
            cell = ws.cell(i, j, v)
            if isinstance(v, str):
                cell.data_type = "s"  # the call centre's text, even when it starts with =
    wb.save(path)
    return path


def _order(no, phone="13900138000", when="2026-11-21 10:30", **kw):
    row = {"工单号": no, "受理时间": when, "客户姓名": "李四", "联系电话": phone,
           "投诉类别": "宽带", "问题描述": "宽带晚上掉线", "客户诉求": "尽快修好"}
    row.update(kw)
    return tuple(row[h] for h in HEADERS)


def test_import_good_file_then_reimport_adds_nothing(cs, tmp_path, desk):
    f = _xlsx(tmp_path / "orders.xlsx", [_order("GD001"), _order("GD002", "13900138001"),
                                         (None,) * 7, _order("GD003", "139 0013 8000")])
    res = cs.import_orders(f)
    assert (res.rows, res.added, res.skipped) == (3, 3, 0)
    assert res.numbers == ("TS20261122-0001", "TS20261122-0002", "TS20261122-0003")
    rows = cs.page(ComplaintFilter(source="call_center"))
    assert {r.external_no for r in rows} == {"GD001", "GD002", "GD003"}
    gd3 = next(r for r in rows if r.external_no == "GD003")
    assert gd3.repeat and gd3.due_at == dt.datetime(2026, 11, 23, 10, 30)
    assert cs.get(gd3.id).timeline[0].action == "import"
    again = cs.import_orders(f)
    assert (again.added, again.skipped) == (0, 3) and cs.count() == 3
    assert last_audit(desk).action == "import"


def test_bad_rows_are_named_and_nothing_is_imported(cs, tmp_path):
    f = _xlsx(tmp_path / "bad.xlsx", [
        _order("GD001"), _order("GD002", phone="12345"), _order("GD003", when="昨天"),
        _order("GD001"), _order("", 投诉类别="宽带")])
    with pytest.raises(ImportFailed) as info:
        cs.import_orders(f)
    assert [p.row for p in info.value.problems] == [3, 4, 5, 6]
    assert "第 3 行：联系电话不正确" in info.value.message
    assert "第 5 行：工单号 GD001 与第 2 行重复" in info.value.message
    assert cs.count() == 0


def test_missing_columns_and_other_layouts_by_mapping(cs, desk, tmp_path):
    layout = ("编号", "时间", "姓名", "电话", "类别", "内容", "诉求")
    f = _xlsx(tmp_path / "other.xlsx", [_order("W1")], headers=layout)
    with pytest.raises(ValidationError, match="导入文件缺少列：工单号"):
        cs.import_orders(f)
    login_as(desk, "admin", "Admin2026pw")
    st = cs.settings()
    cs.save_settings(replace(st, import_mapping=dict(zip(st.import_mapping, layout,
                                                         strict=True))))
    login_as(desk, "zhang")
    assert cs.import_orders(f).added == 1


def _hostile_complaints(cs, clock, tmp_path):
    """Complaints whose every text field is hostile, and personal numbers typed every way."""
    ids = []
    for i, bad in enumerate(HOSTILE):
        c = cs.register(complaint_input(
            customer_name=bad[:10] or "x", phone=PHONE_FORMS[i % len(PHONE_FORMS)],
            id_number=ID_NUMBER, description=f"{bad} 客户电话 {PHONE_FORMS[i % 5]} 证件 {ID_NUMBER}",
            request=bad, department=bad))
        ids.append(c.id)
    f = _xlsx(tmp_path / "hostile.xlsx",
              [_order(f"H{i}", 客户姓名=b[:10] or "x", 问题描述=b, 客户诉求=b)
               for i, b in enumerate(HOSTILE)])
    cs.import_orders(f)
    c = cs.reply(ids[0], f"{HOSTILE[0]} 已回电 {PHONE_FORMS[1]}")
    cs.call_back(c.id, CallResult.ANSWERED, Satisfaction.DISSATISFIED, HOSTILE[1])
    return ids


def _no_personal(text: str) -> None:
    digits = re.sub(r"[\s.\-+]", "", text.translate(str.maketrans("０１２３４５６７８９",
                                                                  "0123456789")))
    assert "13900138000" not in digits
    assert ID_NUMBER not in text and "19900307" not in digits


def test_workbook_as_duty_manager_masked_and_formula_free(cs, clock, tmp_path):
    _hostile_complaints(cs, clock, tmp_path)
    out = cs.export_excel(tmp_path / "list.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["投诉清单", "投诉统计"]
    texts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    _no_personal("\n".join(texts))
    assert "139****8000" in texts
    assert len(wb["投诉统计"]._charts) == 3
    with pytest.raises(PermissionDenied):
        cs.export_excel(tmp_path / "full.xlsx", unmasked=True)


def test_full_workbook_for_the_hall_manager_is_audited(cs, desk, tmp_path):
    cs.register(complaint_input())
    login_as(desk, "admin", "Admin2026pw")
    out = cs.export_excel(tmp_path / "full.xlsx", unmasked=True)
    ws = openpyxl.load_workbook(out)["投诉清单"]
    assert ws.cell(3, 6).value == "13812345678"
    assert last_audit(desk).after_json.count("true") == 1  # "unmasked": true


def test_slip_pdf_masked_for_duty_manager(cs, clock, tmp_path):
    ids = _hostile_complaints(cs, clock, tmp_path)
    out = cs.slip_pdf(ids[0], tmp_path / "slip.pdf")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(out).pages)
    assert "投诉处理单" in text and "TS20261122-0001" in text
    _no_personal(text)
    full = cs.slip_pdf(ids[0], tmp_path / "full.pdf", unmasked=True)
    assert "13900138000" in "".join(p.extract_text() for p in pypdf.PdfReader(full).pages)


def test_report_providers_mask_and_list_open_complaints(cs, desk, clock, tmp_path):
    from hallmanager.exporters.data import TableSection, mask_personal_columns

    cs.register(complaint_input())
    sheet = desk.reports.handover_sheet(dt.date(2026, 11, 22), "早班")
    sec = next(s for s in sheet.sections if s.title.startswith("未结投诉"))
    assert isinstance(sec, TableSection) and sec.rows[0][0] == "TS20261122-0001"
    masked = mask_personal_columns(sheet)
    row = next(s for s in masked.sections if s.title.startswith("未结投诉")).rows[0]
    assert row[1:3] == ("张**", "138****5678")
    report = desk.reports.daily_report(dt.date(2026, 11, 22))
    day = next(s for s in report.sheets if s.name == "投诉")
    assert day.rows[0][0] == "受理" and "受理 1" in day.title
    assert Source.ON_SITE.label in day.rows[0]


def test_handover_sheet_without_open_complaints_has_no_complaint_section(cs, desk):
    c = cs.register(complaint_input())
    cs.reply(c.id, "已处理")
    cs.call_back(c.id, CallResult.ANSWERED, Satisfaction.SATISFIED)
    cs.close(c.id)
    sheet = desk.reports.handover_sheet(dt.date(2026, 11, 22), "早班")
    assert not any(s.title.startswith("未结投诉") for s in sheet.sections)


def test_an_optional_field_can_be_left_unmapped(cs, desk, tmp_path):
    """A layout without 客户诉求: the hall manager clears that header (optional field), the
    file imports; the saved mapping is trimmed and audited."""
    layout = ("工单号", "受理时间", "客户姓名", "手机号码", "投诉类别", "问题描述")
    f = _xlsx(tmp_path / "short.xlsx", [_order("W9")[:6]], headers=layout)
    login_as(desk, "admin", "Admin2026pw")
    st = cs.settings()
    saved = cs.save_settings(replace(st, import_mapping={**st.import_mapping,
                                                         "phone": " 手机号码 ", "request": ""}))
    assert saved.import_mapping["phone"] == "手机号码" and saved.import_mapping["request"] == ""
    assert last_audit(desk).entity == "complaint_settings"
    login_as(desk, "zhang")
    assert cs.import_orders(f).added == 1
    row = cs.page(ComplaintFilter(text="W9"))[0]
    assert row.external_no == "W9"
