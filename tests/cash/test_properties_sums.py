"""Till arithmetic properties over 10k cases each (Hypothesis): denomination lines sum
exactly, over/short = received − receivable, a reversal cancels exactly, text → fen → text
round-trips in every form people type. Two files so the two run on different workers.

Each Hypothesis example is a batch of ``BATCH`` cases (``EXAMPLES`` × ``BATCH`` = 10,000): the
properties are checked on as many cases, at a third of Hypothesis's per-example cost."""

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
MAX_PIECES = 5000
#: the piece counts of every denomination as the digits of one integer in base 5,001: one draw
#: instead of fifteen (Hypothesis's cost is per draw), every combination still reachable
pieces = st.integers(min_value=0, max_value=(MAX_PIECES + 1) ** len(DEFAULT_DENOMINATIONS) - 1)
fen = st.integers(min_value=0, max_value=10_000_000_00)
non_cash = st.tuples(fen, fen, fen)
EXAMPLES, BATCH = 200, 50
cases = st.lists(st.tuples(pieces, fen, fen, non_cash), min_size=BATCH, max_size=BATCH)


@settings(max_examples=EXAMPLES, deadline=None, database=None, phases=[Phase.generate])
@given(cases)
def test_lines_sum_exactly_and_difference_is_received_minus_receivable(batch):
    for packed, flt, rec, nc in batch:
        _check_till(packed, flt, rec, nc)


def _digits(number: int) -> list[int]:
    out = []
    for _ in DEFAULT_DENOMINATIONS:
        number, n = divmod(number, MAX_PIECES + 1)
        out.append(n)
    return out


def _check_till(packed, flt, rec, nc) -> None:
    ns = _digits(packed)
    non = dict(zip(("pos", "wechat", "alipay"), nc, strict=True))
    lines = [CountLine(d, n) for d, n in zip(DEFAULT_DENOMINATIONS, ns, strict=True)]
    total = cash_total(lines)
    assert total == sum(d.value_fen * n for d, n in zip(DEFAULT_DENOMINATIONS, ns, strict=True))
    fig = TillFigures(flt, rec, total, non)
    assert fig.difference_fen == fig.received_fen - fig.receivable_fen
    both = sum_figures([fig, reversed_figures(fig)])
    assert (both.cash_fen, both.receivable_fen, both.float_fen, both.difference_fen) == (0, 0, 0, 0)
