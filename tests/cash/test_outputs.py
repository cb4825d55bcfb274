"""Cash prints and exports read back: the till slip PDF, the daily report's cash sheet (its
totals equal the database), the handover sheet's cash section, the cash workbook; 今日 items."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pypdf
import pytest
from sqlalchemy import func, select

from hallmanager.storage.cash.models import TillCount
from tests.cash.test_service import DAY, PW, audits, confirmed, start
from tests.conftest import ADMIN_PASSWORD, login_as


def pdf_text(path) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(str(path)).pages)


@pytest.fixture
def day_of_tills(cash_hall):
    """格桑: 长款 ¥0.50 (reason), reversed by the hall manager and counted anew; 扎西: 平;
    one more draft."""
    h = cash_hall
    a = confirmed(h, pieces={"note-10000": 8, "note-50": 1}, non_cash={"wechat": "12.34"},
                  receivable="312.34", reason_code="change_error", note="客户多付 5 角")
    b = h.cash.start_count(DAY, h.shift_ids["早班"], h.people["t2"].id, h.people["zhang"].id,
                           float_amount="500")
    h.cash.save_count(b.id, receivable="1000.10", pieces={"note-10000": 15, "note-10": 1},
                      non_cash={"alipay": "0.20"}, reason_code="other", note="差 0.20？")
    h.cash.save_count(b.id, non_cash={"alipay": "0"}, reason_code="", note="")
    h.cash.confirm(b.id, "give", PW)
    h.cash.confirm(b.id, "receive", PW)
    login_as(h, "admin", ADMIN_PASSWORD)
    rev = h.cash.reverse(a.id, "接收人登记错误", ADMIN_PASSWORD)
    login_as(h, "zhang")
    again = start(h)
    return h, a, b, rev, again


def test_till_slip_pdf_shows_teller_amounts_and_signatures(day_of_tills, tmp_path):
    h, a, *_ = day_of_tills
    out = h.cash.write_slip(a.id, tmp_path / "slip.pdf")
    text = pdf_text(out)
    for s in ("款箱交接单", "格桑拉姆", "张值班", "¥500.00", "¥312.34", "¥800.50", "¥12.34",
              "长款 ¥0.50", "找零差错", "交出人签字", "接收人签字", "以本人密码确认", "已冲正"):
        assert s in text, s
    rev_text = pdf_text(h.cash.write_slip(day_of_tills[3].id, tmp_path / "rev.pdf"))
    assert "款箱交接单（冲正）" in rev_text and "-¥800.50" in rev_text


def test_daily_report_cash_sheet_totals_equal_the_database(day_of_tills, tmp_path):
    h = day_of_tills[0]
    path = h.reports.export_daily(DAY, tmp_path / "daily.xlsx")
    ws = openpyxl.load_workbook(path)["现金交接"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    head = next(r for r in rows if "实收" in r)
    total = next(r for r in rows if r[0] == "合计")
    body = rows[rows.index(head) + 1:rows.index(total)]
    assert len(body) == 4  # original, its reversal, 扎西's, the new draft
    with h.db.read() as s:
        db_cash, db_recv, db_diff = s.execute(select(
            func.sum(TillCount.cash_fen), func.sum(TillCount.receivable_fen),
            func.sum(TillCount.difference_fen))).one()
    for name, fen in (("现金", db_cash), ("系统应收", db_recv), ("长短款", db_diff)):
        cell = total[head.index(name)]
        assert Decimal(str(cell)) == Decimal(fen) / 100, name
        assert sum(Decimal(str(r[head.index(name)])) for r in body) == Decimal(fen) / 100
    i = head.index("长短款")
    assert ws.cell(rows.index(total) + 1, i + 1).number_format.endswith("0.00")


def test_handover_sheet_cash_section(day_of_tills):
    h = day_of_tills[0]
    sheet = h.reports.handover_sheet(DAY, "早班")
    sec = next(s for s in sheet.sections if s.title == "现金交接")
    names = [r[0] for r in sec.rows]
    assert names == ["格桑拉姆", "扎西平措", "格桑拉姆（冲正）", "格桑拉姆", "合计"]
    assert sec.rows[0][6] == "长款 ¥0.50" and sec.rows[2][6] == "-¥0.50"
    assert sec.rows[-1][3] == "1,500.10" and sec.rows[-1][6] == "短款 ¥500.00"  # the draft
    assert sec.note == "1 个款箱尚未双方确认"


def test_handover_sheet_pdf_shows_tellers_amounts_and_signatures(day_of_tills, tmp_path):
    """The printed 交接班表 (not only its data): the cash section's tellers and amounts, and
    the signature labels, in the PDF's extracted text."""
    h = day_of_tills[0]
    out = h.reports.print_handover(DAY, "早班", tmp_path / "交接班表.pdf")
    text = pdf_text(out)
    compact = text.replace(" ", "").replace("\n", "")
    for s in ("现金交接", "格桑拉姆", "扎西平措", "格桑拉姆（冲正）", "长款¥0.50", "短款¥500.00",
              "1,500.10", "1个款箱尚未双方确认"):
        assert s in compact, s
    assert "交班人" in compact and "接班人" in compact and "签字" in compact


def test_cash_workbook_for_a_range(day_of_tills, tmp_path):
    h = day_of_tills[0]
    h.cash.add_movement(DAY, h.shift_ids["早班"], "35.5", direction="out", reason="=1+1 打印纸")
    out = h.cash.export(DAY - dt.timedelta(days=1), DAY, tmp_path / "cash.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["款箱清点", "日结解款", "现金存取", "发票收据"]
    ws = wb["款箱清点"]
    head = [c.value for c in ws[2]]
    total = [c.value for c in ws[ws.max_row]]
    assert total[0] == "合计"
    assert Decimal(str(total[head.index("现金")])) == Decimal("1500.10")
    assert ws.cell(ws.max_row, head.index("现金") + 1).number_format == '"¥"#,##0.00;-"¥"#,##0.00'
    m = wb["现金存取"]
    assert m.cell(3, 5).value == "=1+1 打印纸" and m.cell(3, 5).data_type == "s"


def test_today_items(day_of_tills, clock):
    h, *_rest, again = day_of_tills
    clock.set(dt.datetime.combine(DAY, dt.time(10, 0)))
    items = h.today.attention()
    kinds = [(i.kind, i.target.record_id) for i in items if i.target and i.target.module == "cash"]
    assert ("till_unconfirmed", again.id) in kinds


def test_free_text_is_masked_unless_the_hall_manager_unmasks(cash_hall, tmp_path):
    """A phone or ID number typed into a note or a reason is masked in the workbook and the
    slip for a duty manager; only UNMASK_PERSONAL gets it in full, with an ``unmask`` entry."""
    from hallmanager.domain.errors import PermissionDenied

    h = cash_hall
    c = confirmed(h, receivable="799.50", reason_code="change_error",
                  note="客户 +86 138 1234 5678 多付，身份证 11010119900307123X")
    h.cash.add_movement(DAY, h.shift_ids["早班"], "5", direction="out",
                        reason="退 138.1234.5678 的找零")
    book = h.cash.export(DAY, DAY, tmp_path / "masked.xlsx")
    texts = [str(x.value) for ws in openpyxl.load_workbook(book).worksheets
             for row in ws.iter_rows() for x in row if x.value is not None]
    joined = "\n".join(texts)
    assert "138****5678" in joined and "110***********123X" in joined
    assert "1234 5678" not in joined and "138.1234" not in joined and "19900307" not in joined
    slip = pdf_text(h.cash.write_slip(c.id, tmp_path / "slip.pdf"))
    assert "138****5678" in slip and "1234 5678" not in slip
    with pytest.raises(PermissionDenied):
        h.cash.export(DAY, DAY, tmp_path / "full.xlsx", unmasked=True)
    with pytest.raises(PermissionDenied):
        h.cash.write_slip(c.id, tmp_path / "full.pdf", unmasked=True)
    assert not (tmp_path / "full.xlsx").exists() and not (tmp_path / "full.pdf").exists()
    login_as(h, "admin", ADMIN_PASSWORD)
    full = h.cash.export(DAY, DAY, tmp_path / "full.xlsx", unmasked=True)
    joined = "\n".join(str(x.value) for ws in openpyxl.load_workbook(full).worksheets
                       for row in ws.iter_rows() for x in row if x.value is not None)
    assert "+86 138 1234 5678" in joined and "138.1234.5678" in joined
    assert audits(h)[-2:] == ["export", "unmask"]
    assert "1234 5678" in pdf_text(h.cash.write_slip(c.id, tmp_path / "full.pdf", unmasked=True))
    assert audits(h)[-2:] == ["print", "unmask"]


def test_money_columns_are_wide_enough_for_the_yuan_text(tmp_path):
    """A column is sized by what the cell shows (¥21,787.70), not by the fen digits
    (2178770): otherwise LibreOffice and Excel print ### for the totals."""
    import datetime as dt

    from openpyxl import load_workbook

    from hallmanager.exporters.list_excel import Fen, ListSheet, ListWorkbook, write_list_xlsx

    book = ListWorkbook("厅", "现金交接明细", "2026-11", (
        ListSheet("款箱清点", ("现金",), ((Fen(-212345678),),)),),
        dt.datetime(2026, 11, 29, 18, 0), "张三")
    ws = load_workbook(write_list_xlsx(book, tmp_path / "w.xlsx"))["款箱清点"]
    assert ws.column_dimensions["A"].width >= len("-¥2,123,456.78")
