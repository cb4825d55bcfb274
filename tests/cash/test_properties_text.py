"""Till arithmetic properties over 10k cases each (Hypothesis): denomination lines sum
exactly, over/short = received − receivable, a reversal cancels exactly, text → fen → text
round-trips in every form people type. Two files so the two run on different workers.

Each Hypothesis example is a batch of 100 amounts (100 × 100 = 10,000 cases)."""

from __future__ import annotations

from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from hallmanager.domain.cash.rules import (
    parse_amount,
)
from hallmanager.domain.money import format_fen

FULL_WIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")

fen = st.integers(min_value=0, max_value=10_000_000_00)


@settings(max_examples=100, deadline=None, database=None, phases=[Phase.generate])
@given(st.lists(fen, min_size=100, max_size=100))
def test_text_fen_text_round_trips_in_every_form(amounts):
    for amount in amounts:
        _round_trip(amount)


def _round_trip(amount: int) -> None:
    text = format_fen(amount)  # ¥1,234.50
    assert parse_amount(text) == amount
    plain = text.replace("¥", "").replace(",", "")
    assert parse_amount(plain) == amount
    assert parse_amount(text.translate(FULL_WIDTH)) == amount
