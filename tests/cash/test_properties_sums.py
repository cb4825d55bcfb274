"""Till arithmetic properties over 10k cases each (Hypothesis): denomination lines sum
exactly, over/short = received − receivable, a reversal cancels exactly, text → fen → text
round-trips in every form people type. Two files so the two run on different workers."""

from __future__ import annotations

from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from hallmanager.domain.cash.rules import (
    DEFAULT_DENOMINATIONS,
    CountLine,
    TillFigures,
    cash_total,
    reversed_figures,
    sum_figures,
)

FULL_WIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


# --- properties ---------------------------------------------------------------------------
pieces = st.tuples(*[st.integers(min_value=0, max_value=5000)] * len(DEFAULT_DENOMINATIONS))
fen = st.integers(min_value=0, max_value=10_000_000_00)
non_cash = st.tuples(fen, fen, fen)


@settings(max_examples=10_000, deadline=None, database=None, phases=[Phase.generate])
@given(pieces, fen, fen, non_cash)
def test_lines_sum_exactly_and_difference_is_received_minus_receivable(ns, flt, rec, nc):
    non = dict(zip(("pos", "wechat", "alipay"), nc, strict=True))
    lines = [CountLine(d, n) for d, n in zip(DEFAULT_DENOMINATIONS, ns, strict=True)]
    total = cash_total(lines)
    assert total == sum(d.value_fen * n for d, n in zip(DEFAULT_DENOMINATIONS, ns, strict=True))
    fig = TillFigures(flt, rec, total, non)
    assert fig.difference_fen == fig.received_fen - fig.receivable_fen
    both = sum_figures([fig, reversed_figures(fig)])
    assert (both.cash_fen, both.receivable_fen, both.float_fen, both.difference_fen) == (0, 0, 0, 0)
