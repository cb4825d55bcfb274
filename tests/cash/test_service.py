"""Cash service on real SQLite files: counting, over/short reasons, the two-person handover
that locks, review, reversal with exact totals, cash in/out, day close, invoice ranges."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from hallmanager.domain.cash.rules import HandoverState
from hallmanager.domain.errors import (
    AuthenticationError,
    Conflict,
    PermissionDenied,
    ReadOnlyRecord,
    ValidationError,
)
from hallmanager.storage.models import AuditEntry
from tests.cash.conftest import PW
from tests.conftest import ADMIN_PASSWORD, login_as

DAY = dt.date(2026, 11, 22)


def start(h, teller="t1", receiver="zhang", **kw):
    p = h.people
    return h.cash.start_count(DAY, h.shift_ids["早班"], p[teller].id, p[receiver].id,
                              float_amount=kw.pop("float_amount", "500"), **kw)


def counted(h, *, receivable="300.00", pieces=None, **kw):
    c = start(h)
    return h.cash.save_count(c.id, receivable=receivable,
                             pieces=pieces if pieces is not None else {"note-10000": 8}, **kw)


def confirmed(h, **kw):
    c = counted(h, **kw)
    h.cash.confirm(c.id, "give", PW)
    return h.cash.confirm(c.id, "receive", PW)


def audits(h, entity="till_count"):
    with h.db.read() as s:
        return list(s.scalars(select(AuditEntry.action).where(AuditEntry.entity == entity)
                              .order_by(AuditEntry.id)))


def test_count_by_denomination_over_short_and_typed_amounts(cash_hall):
    h = cash_hall
    c = start(h)
    assert c.state == HandoverState.DRAFT and c.float_fen == 500_00
    v = h.cash.save_count(c.id, receivable="￥1,234.50",
                          pieces={"note-10000": "17", "note-50": "１", "coin-10": 3},
                          non_cash={"wechat": "１２３４", "pos": "0"})
    assert v.cash_fen == 17 * 100_00 + 50 + 30
    assert v.non_cash == (("wechat", 1234_00),)
    assert v.received_fen == v.cash_fen - 500_00 + 1234_00
    assert v.difference_fen == v.received_fen - 1234_50
    # saved again (any number of times): a line set to 0 disappears
    v = h.cash.save_count(c.id, pieces={"coin-10": 0})
    assert [ln.key for ln in v.lines] == ["note-10000", "note-50"]
    assert audits(h) == ["create", "update_draft", "update_draft"]


@pytest.mark.parametrize("bad", ["-5", "1.234", "12,34", "abc", "99999999999"])
def test_bad_amounts_are_refused_and_nothing_changes(cash_hall, bad):
    h = cash_hall
    c = start(h)
    with pytest.raises(ValidationError):
        h.cash.save_count(c.id, receivable=bad, pieces={"note-10000": 1})
    assert h.cash.count(c.id).lines == ()
    with pytest.raises(ValidationError):
        h.cash.save_count(c.id, pieces={"note-10000": "-1"})


def test_non_zero_difference_needs_reason_and_note_before_handing_over(cash_hall):
    h = cash_hall
    c = counted(h, pieces={"note-10000": 8, "note-50": 1})  # 长款 ¥0.50
    assert c.difference_text == "长款 ¥0.50"
    with pytest.raises(ValidationError, match="请选择原因"):
        h.cash.confirm(c.id, "give", PW)
    h.cash.save_count(c.id, reason_code="change_error")
    with pytest.raises(ValidationError, match="请填写说明"):
        h.cash.confirm(c.id, "give", PW)
    h.cash.save_count(c.id, note="客户多付 5 角未找")
    assert h.cash.confirm(c.id, "give", PW).state == HandoverState.HANDED


def test_two_person_handover_each_with_own_password_then_final(cash_hall):
    h = cash_hall
    c = counted(h)
    with pytest.raises(ValidationError, match="请先由交出人确认"):
        h.cash.confirm(c.id, "receive", PW)
    with pytest.raises(AuthenticationError):
        h.cash.confirm(c.id, "give", "wrong-password")
    assert h.cash.count(c.id).state == HandoverState.DRAFT
    assert "confirm_failed" in audits(h)
    v = h.cash.confirm(c.id, "give", PW)
    assert v.giver_confirmed_at is not None
    with pytest.raises(ReadOnlyRecord):
        h.cash.save_count(c.id, receivable="1")
    v = h.cash.confirm(c.id, "receive", PW)
    assert v.state == HandoverState.CONFIRMED and v.final
    with pytest.raises(ReadOnlyRecord):
        h.cash.save_count(c.id, note="改")
    with pytest.raises(ValidationError, match="已确认"):
        h.cash.confirm(c.id, "receive", PW)
    assert audits(h)[-2:] == ["hand_over", "confirm"]


def test_handed_count_can_go_back_to_counting_before_the_receiver_confirms(cash_hall):
    h = cash_hall
    c = counted(h)
    with pytest.raises(ValidationError):
        h.cash.return_to_draft(c.id, "点错")
    h.cash.confirm(c.id, "give", PW)
    with pytest.raises(ValidationError):
        h.cash.return_to_draft(c.id, " ")
    v = h.cash.return_to_draft(c.id, "接收人复点少 100 元")
    assert v.state == HandoverState.DRAFT and v.giver_confirmed_at is None
    assert h.cash.save_count(c.id, pieces={"note-10000": 7}).cash_fen == 700_00
    assert audits(h)[-3:] == ["hand_over", "return", "update_draft"]


def test_teller_counts_only_their_own_till(cash_hall):
    h = cash_hall
    login_as(h, "t1")
    c = start(h)
    with pytest.raises(PermissionDenied):
        start(h, teller="t2")
    assert [v.id for v in h.cash.counts(DAY)] == [c.id]
    with pytest.raises(PermissionDenied):
        h.cash.review(c.id, "x")
    with pytest.raises(PermissionDenied):
        h.cash.close_day(DAY)


def test_large_shortage_needs_review_before_day_close(cash_hall):
    h = cash_hall
    c = confirmed(h, pieces={"note-10000": 7}, reason_code="change_error",
                  note="找零差错")  # 短款 ¥100 > ¥50
    assert c.needs_review and c.review_pending
    with pytest.raises(ValidationError, match="未经厅经理复核"):
        h.cash.close_day(DAY, safe="700")
    login_as(h, "admin", ADMIN_PASSWORD)
    v = h.cash.review(c.id, "已核实")
    assert v.review is not None and not v.review_pending
    login_as(h, "zhang")
    close = h.cash.close_day(DAY, deposit="200", safe="500", bag_no="KD01", escort="保安")
    assert close.gap_fen == 0 and close.counted_fen == 700_00


def test_day_close_gap_must_be_explained_and_unconfirmed_tills_block(cash_hall):
    h = cash_hall
    c = counted(h)
    with pytest.raises(ValidationError, match="未经双方确认"):
        h.cash.close_day(DAY, safe="800")
    h.cash.confirm(c.id, "give", PW)
    h.cash.confirm(c.id, "receive", PW)
    with pytest.raises(ValidationError, match="请说明"):
        h.cash.close_day(DAY, deposit="290", safe="500", bag_no="KD01", escort="保安")
    with pytest.raises(ValidationError, match="款袋号"):
        h.cash.close_day(DAY, deposit="300", safe="500", escort="保安")
    close = h.cash.close_day(DAY, deposit="290", safe="500", bag_no="KD01", escort="保安",
                             gap_note="10 元零钞留作次日备用")
    assert close.gap_fen == 10_00
    with pytest.raises(Conflict):
        h.cash.close_day(DAY, safe="800")
    with pytest.raises(ReadOnlyRecord):
        start(h, teller="t2")


def test_reversal_restores_totals_exactly(cash_hall):
    h = cash_hall
    other = h.cash.start_count(DAY, h.shift_ids["早班"], h.people["t2"].id,
                               h.people["zhang"].id, float_amount="500")
    h.cash.save_count(other.id, receivable="1000.10", pieces={"note-10000": 15, "note-10": 1},
                      non_cash={"alipay": "0.03"}, reason_code="other", note="差 3 分")
    h.cash.confirm(other.id, "give", PW)
    h.cash.confirm(other.id, "receive", PW)
    before = h.cash.day_totals(DAY)
    c = confirmed(h, receivable="333.33", pieces={"note-10000": 8, "coin-10": 3},
                  non_cash={"wechat": "33.33"}, reason_code="other", note="多 3 角")
    login_as(h, "zhang")
    with pytest.raises(PermissionDenied):
        h.cash.reverse(c.id, "错", PW)
    login_as(h, "admin", ADMIN_PASSWORD)
    with pytest.raises(ValidationError):
        h.cash.reverse(c.id, " ", ADMIN_PASSWORD)
    with pytest.raises(AuthenticationError):
        h.cash.reverse(c.id, "录错", "nope")
    rev = h.cash.reverse(c.id, "系统应收录错", ADMIN_PASSWORD)
    assert rev.reversal_of == c.id and rev.state == HandoverState.CONFIRMED
    assert (rev.float_fen, rev.receivable_fen, rev.cash_fen, rev.non_cash_fen) == (
        -c.float_fen, -c.receivable_fen, -c.cash_fen, -c.non_cash_fen)
    assert sum(ln.amount_fen for ln in rev.lines) == -c.cash_fen
    orig = h.cash.count(c.id)
    assert orig.state == HandoverState.REVERSED and orig.reversed_by == rev.id
    after = h.cash.day_totals(DAY)
    assert after.figures == before.figures and after.counted_cash_fen == before.counted_cash_fen
    with pytest.raises(Conflict):
        h.cash.reverse(c.id, "再冲", ADMIN_PASSWORD)
    with pytest.raises(ValidationError):
        h.cash.reverse(rev.id, "再冲", ADMIN_PASSWORD)
    # the teller's till is counted anew after the reversal
    again = start(h)
    assert again.state == HandoverState.DRAFT
    history = h.cash.teller_history(h.people["t1"].id, DAY, DAY)
    assert history.months[0].counts == 0  # original and reversal net out; the draft waits
    assert [v.id for v in history.counts] == [c.id, rev.id, again.id]


def test_cash_movements_and_invoice_ranges(cash_hall):
    h = cash_hall
    m = h.cash.add_movement(DAY, h.shift_ids["早班"], "200", direction="in",
                            reason="补充零钞", teller_id=h.people["t1"].id)
    out = h.cash.add_movement(DAY, h.shift_ids["早班"], "35.5", direction="out",
                              reason="购买打印纸")
    assert (m.amount_fen, out.amount_fen) == (200_00, -35_50)
    with pytest.raises(ValidationError):
        h.cash.add_movement(DAY, h.shift_ids["早班"], "10", direction="out", reason="")
    assert h.cash.day_totals(DAY).movements_fen == 164_50
    r = h.cash.hand_over_invoices(DAY, "invoice", "00012001", "00012050", h.people["li"].id)
    with pytest.raises(ValidationError):
        h.cash.hand_over_invoices(DAY, "invoice", "00012050", "00012001", h.people["li"].id)
    with pytest.raises(AuthenticationError):
        h.cash.confirm_invoices(r.id, "bad")
    assert h.cash.confirm_invoices(r.id, PW).confirmed_at is not None
    assert [x.number_from for x in h.cash.invoice_ranges(DAY)] == ["00012001"]


def test_settings_edited_by_hall_manager_only(cash_hall):
    h = cash_hall
    s = h.cash.settings()
    with pytest.raises(PermissionDenied):
        h.cash.save_settings(denominations=s.denominations, non_cash_methods=(),
                             reason_codes=s.reason_codes, review_threshold_fen=0)
    login_as(h, "admin", ADMIN_PASSWORD)
    new = h.cash.save_settings(denominations=s.denominations[:3],
                               non_cash_methods=(("pos", "POS"), ("unionpay", "云闪付")),
                               reason_codes=(("other", "其他"),), review_threshold_fen=10_00)
    assert new.review_threshold_fen == 10_00 and len(new.denominations) == 3
    c = counted(h, non_cash={"unionpay": "1"})
    assert c.non_cash == (("unionpay", 100),)
    with pytest.raises(ValidationError, match="未知的面额"):
        h.cash.save_count(c.id, pieces={"coin-10": 1})
    with pytest.raises(ValidationError):
        h.cash.save_count(c.id, reason_code="change_error")
