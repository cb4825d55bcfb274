"""The cash module's snapshot step (see ``services.snapshot``)."""

from __future__ import annotations

from hallmanager.services.snapshot import ADMIN_PASSWORD, DAY1, DAY2, USER_PASSWORD, Snap


def snapshot(x: Snap) -> None:
    """Settings; on DAY1 a large shortage reviewed, a till reversed, cash in/out, an invoice
    range signed for and the day closed with a deposit; on DAY2 a draft count."""
    sv, u = x.sv, x.users
    cs = sv.cash
    x.at(DAY2, "18:00")
    x.login("admin")
    s = cs.settings()
    cs.save_settings(denominations=s.denominations, non_cash_methods=s.non_cash_methods,
                     reason_codes=s.reason_codes, review_threshold_fen=30_00)
    x.login("zhang")
    late = x.shifts["晚班"]
    a = cs.start_count(DAY1, late, u["t1"].id, u["zhang"].id, float_amount="500")
    cs.save_count(a.id, receivable="1,334.50", pieces={"note-10000": 16, "note-1000": 3},
                  non_cash={"wechat": "88.80", "pos": "20"}, reason_code="change_error",
                  note="找零差错，已与营业员核实")
    b = cs.start_count(DAY1, late, u["t2"].id, u["zhang"].id, float_amount="300")
    cs.save_count(b.id, receivable="500", pieces={"note-10000": 8, "coin-50": 1},
                  non_cash={"alipay": "0.50"}, reason_code="other", note="多 1 元待查")
    for c in (a, b):
        cs.confirm(c.id, "give", USER_PASSWORD)
        cs.confirm(c.id, "receive", USER_PASSWORD)
    cs.add_movement(DAY1, late, "200", direction="in", reason="补充零钞", teller_id=u["t1"].id)
    cs.add_movement(DAY1, late, "35.50", direction="out", reason="购买打印纸")
    r = cs.hand_over_invoices(DAY1, "invoice", "00012001", "00012050", u["li"].id)
    cs.confirm_invoices(r.id, USER_PASSWORD)
    x.login("admin")
    cs.review(a.id, "已核实，营业员签字认可")
    cs.reverse(b.id, "接收人登记错误，重新交接", ADMIN_PASSWORD)
    x.login("zhang")
    totals = cs.day_totals(DAY1)
    cs.close_day(DAY1, deposit=totals.counted_cash_fen - 500_00, safe="500", bag_no="KD1120",
                 seal_no="FQ261120", escort="保安 旺堆")
    d = cs.start_count(DAY2, x.shifts["早班"], u["t2"].id, u["li"].id, float_amount="300")
    cs.save_count(d.id, receivable="10", pieces={"note-10000": 3})
    sv.auth.logout()
