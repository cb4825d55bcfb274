"""Every complaints output rendered as a duty manager — the workbook (list and statistics),
the slip PDF, the statistics PDF, the handover sheet and the daily report — holds no
unmasked mobile or ID number in any form people type them (+86, 0086, spaces, dots,
dashes, full-width digits, lower-case x), and hostile text (leading = + - @, tab, CR, LF)
typed into every text field or imported from a file never becomes a formula cell.

(The list models of the complaints tab get the same scan once the tab lands.)
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import replace

import openpyxl
import pypdf
import pytest

from hallmanager.domain.complaints.rules import CallResult, Satisfaction, Source
from hallmanager.domain.roles import Role
from tests.complaints.conftest import complaint_input
from tests.conftest import add_user, login_as

MOBILE = "13900138000"
ID_NUMBER = "11010119900307123X"
PHONE_FORMS = ("+86 139 0013 8000", "+86-139-0013-8000", "0086 13900138000", "139.0013.8000",
               "139 0013 8000", "139-0013-8000", "１３９００１３８０００", "＋８６ １３９ ００１３ ８０００",
               "8613900138000", MOBILE)
ID_FORMS = (ID_NUMBER, "110101 19900307 123X", "110101-19900307-123x",
            "１１０１０１１９９００３０７１２３Ｘ", ID_NUMBER.lower())
HOSTILE = ("=HYPERLINK(\"http://x\",\"点我\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1+1",
           "\r=1", "\n=2", "=cmd|' /C calc'!A0", "-=1", "＝1+1")
BAD_CATEGORIES = ("=1+1类", "@宽带", "-资费")
DAY = dt.date(2026, 11, 22)


def personal_text(i: int) -> str:
    """A sentence with the customer's mobile and ID number in the i-th typed form."""
    return (f"{HOSTILE[i % len(HOSTILE)]} 客户电话 {PHONE_FORMS[i % len(PHONE_FORMS)]}，"
            f"证件 {ID_FORMS[i % len(ID_FORMS)]}")


def assert_no_personal(text: str, where: str) -> None:
    folded = unicodedata.normalize("NFKC", text)
    digits = re.sub(r"[^0-9Xx]", "", folded)
    assert MOBILE not in digits, where
    assert "19900307" not in digits and ID_NUMBER not in digits.upper(), where


def _xlsx(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["工单号", "受理时间", "客户姓名", "联系电话", "投诉类别", "问题描述", "客户诉求"])
    for i, r in enumerate(rows, start=2):
        for j, v in enumerate(r, start=1):
            c = ws.cell(i, j, v)
            c.data_type = "s"  # the call centre's text, even when it starts with =
    wb.save(path)
    return path


@pytest.fixture
def hostile_hall(desk, cs, clock, tmp_path):
    """Hostile categories (a setting), hostile and personal text in every field of complaints
    registered at the desk and imported from a file, through every workflow step."""
    login_as(desk, "admin", "Admin2026pw")
    st = cs.settings()
    cs.save_settings(replace(st, categories=(*st.categories, *BAD_CATEGORIES)))
    evil = add_user(desk, "evil", Role.DUTY_MANAGER, "=HYPERLINK(\"x\")王")  # a handler's name
    login_as(desk, "zhang")
    ids = []
    for i, bad in enumerate(HOSTILE):
        c = cs.register(complaint_input(
            customer_name=(bad.strip() or "x")[:10], phone=PHONE_FORMS[i % len(PHONE_FORMS)],
            id_number=ID_NUMBER, category=BAD_CATEGORIES[i % len(BAD_CATEGORIES)],
            description=personal_text(i), request=personal_text(i + 1),
            department=f"{bad[:20]} {PHONE_FORMS[(i + 2) % len(PHONE_FORMS)]}"[:60],
            received_at=dt.datetime(2026, 11, 22, 8, 0) - dt.timedelta(hours=30 * (i % 3))))
        ids.append(c.id)
    # every workflow text: note, pause reason, reply, call-back reason, escalation, reopen
    cs.add_note(ids[0], personal_text(2))
    cs.pause(ids[1], personal_text(3)[:200])
    cs.resume(ids[1], personal_text(4))
    cs.escalate(ids[2], personal_text(5))
    cs.reply(ids[3], personal_text(6))
    cs.call_back(ids[3], CallResult.NO_ANSWER, None, personal_text(7))
    cs.call_back(ids[3], CallResult.ANSWERED, Satisfaction.DISSATISFIED, personal_text(8))
    cs.close(ids[3], personal_text(9))
    cs.reopen(ids[3], personal_text(0))
    cs.reply(ids[4], personal_text(1))
    cs.assign(ids[5], evil.id, f"@部门 {PHONE_FORMS[3]}")
    f = _xlsx(tmp_path / "hostile.xlsx", [
        (f"{bad[:8]}GD{i}", "2026-11-21 10:30", (bad.strip() or "x")[:10],
         PHONE_FORMS[i % len(PHONE_FORMS)], BAD_CATEGORIES[i % 3], personal_text(i + 3),
         personal_text(i + 4)) for i, bad in enumerate(HOSTILE)])
    assert cs.import_orders(f).added == len(HOSTILE)
    return ids


def _scan_workbook(path) -> None:
    wb = openpyxl.load_workbook(path)
    texts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (path.name, ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                    assert not (cell.value[:1] and cell.value[0] in "=+-@"
                                and cell.data_type != "s"), cell
    assert_no_personal("\n".join(texts), path.name)


def _pdf_text(path) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(path).pages)


def test_every_output_is_masked_and_formula_free(desk, cs, clock, hostile_hall, tmp_path):
    assert desk.ctx.auth.user.username == "zhang"  # a duty manager
    start, end = dt.date(2026, 11, 1), dt.date(2026, 11, 30)
    book = cs.export_excel(tmp_path / "list.xlsx", stats_from=start, stats_to=end)
    _scan_workbook(book)
    wb = openpyxl.load_workbook(book)
    assert wb["投诉清单"].max_row - 2 == 2 * len(HOSTILE)
    stat_cats = {c.value for c in wb["投诉统计"]["B"]}
    assert set(BAD_CATEGORIES) <= stat_cats  # hostile categories kept as literal text
    assert any(str(c.value).startswith("=HYPERLINK") for c in wb["投诉清单"]["Q"])
    assert "=HYPERLINK(\"x\")王" in {c.value for c in wb["投诉清单"]["I"]}  # 处理人, literal

    for cid in hostile_hall:
        slip = cs.slip_pdf(cid, tmp_path / f"slip-{cid}.pdf")
        assert_no_personal(_pdf_text(slip), slip.name)
    stats = cs.statistics_pdf(start, end, tmp_path / "stats.pdf")
    text = _pdf_text(stats)
    assert_no_personal(text, "stats.pdf")
    assert "@宽带" in text

    daily = desk.reports.export_daily(DAY, tmp_path / "daily.xlsx")
    _scan_workbook(daily)
    assert "投诉" in openpyxl.load_workbook(daily).sheetnames
    handover = desk.reports.print_handover(DAY, "早班", tmp_path / "handover.pdf")
    text = _pdf_text(handover)
    assert "未结投诉" in text
    assert_no_personal(text, "handover.pdf")


def test_the_scan_itself_finds_every_form(cs, desk, hostile_hall, tmp_path):
    """The check is not vacuous: unmasked outputs (hall manager) show the numbers and the
    scan catches every typed form."""
    for form in (*PHONE_FORMS, *ID_FORMS):
        with pytest.raises(AssertionError):
            assert_no_personal(f"电话 {form}", form)
    login_as(desk, "admin", "Admin2026pw")
    full = cs.export_excel(tmp_path / "full.xlsx", unmasked=True)
    with pytest.raises(AssertionError):
        _scan_workbook(full)
    slip = cs.slip_pdf(hostile_hall[0], tmp_path / "full-slip.pdf", unmasked=True)
    with pytest.raises(AssertionError):
        assert_no_personal(_pdf_text(slip), "full slip")


def test_import_source_other_than_the_call_centre(cs, tmp_path):
    f = _xlsx(tmp_path / "o.xlsx", [("W1", "2026-11-21 10:30", "王五", "13900138000", "宽带",
                                     "=1+1", "@x")])
    cs.import_orders(f, source=Source.COMPANY)
    row = cs.page()[0]
    assert row.source == Source.COMPANY and row.description == "=1+1"
