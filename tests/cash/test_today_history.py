"""Over/short over time: a teller's month totals across two months, repeated shortages and
large shortages awaiting review flagged on 今日 (and gone once reviewed)."""

from __future__ import annotations

import datetime as dt

from hallmanager.services.today import Severity
from tests.cash.conftest import PW
from tests.conftest import ADMIN_PASSWORD, login_as


def till(h, day, teller, *, cash_pieces, receivable="300", reason=True):
    c = h.cash.start_count(day, h.shift_ids["早班"], h.people[teller].id,
                           h.people["zhang"].id)
    h.cash.save_count(c.id, receivable=receivable, pieces={"note-1000": cash_pieces},
                      reason_code="change_error" if reason else None,
                      note="找零差错" if reason else None)
    h.cash.confirm(c.id, "give", PW)
    return h.cash.confirm(c.id, "receive", PW)


def test_month_totals_repeated_shortages_and_review_on_today(cash_hall, clock):
    h = cash_hall
    d = dt.date(2026, 11, 22)
    clock.set(dt.datetime.combine(d, dt.time(9, 0)))
    till(h, dt.date(2026, 10, 30), "t1", cash_pieces=31)  # 长款 ¥10
    till(h, dt.date(2026, 11, 3), "t1", cash_pieces=29)  # 短款 ¥10
    till(h, dt.date(2026, 11, 10), "t1", cash_pieces=28)  # 短款 ¥20
    big = till(h, dt.date(2026, 11, 20), "t1", cash_pieces=20)  # 短款 ¥100 > ¥50 threshold
    till(h, dt.date(2026, 11, 21), "t2", cash_pieces=30, reason=False)  # 平
    hist = h.cash.teller_history(h.people["t1"].id, dt.date(2026, 10, 1), d)
    assert [(m.month, m.counts, m.over_fen, m.short_fen, m.shortages) for m in hist.months] == [
        ("2026-10", 1, 10_00, 0, 0), ("2026-11", 3, 0, -130_00, 3)]
    items = [i for i in h.today.attention() if i.target and i.target.module == "cash"]
    kinds = {(i.kind, i.target.record_kind, i.target.record_id, i.severity) for i in items}
    assert ("cash_review", "till_count", big.id, Severity.OVERDUE) in kinds
    assert ("cash_repeated_shortage", "teller", h.people["t1"].id, Severity.INFO) in kinds
    assert not any(i.target.record_id == h.people["t2"].id for i in items
                   if i.kind == "cash_repeated_shortage")
    login_as(h, "admin", ADMIN_PASSWORD)
    h.cash.review(big.id, "已核实，营业员赔付")
    kinds = {i.kind for i in h.today.attention() if i.target and i.target.module == "cash"}
    assert "cash_review" not in kinds and "cash_repeated_shortage" in kinds
