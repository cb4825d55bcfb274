"""What the cash service returns: plain frozen dataclasses, never ORM rows. Money in fen."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from hallmanager.domain.cash.rules import Denomination, HandoverState, TillFigures


@dataclass(frozen=True)
class Person:
    id: int
    name: str


@dataclass(frozen=True)
class CashSettingsView:
    denominations: tuple[Denomination, ...]
    non_cash_methods: tuple[tuple[str, str], ...]  # (key, label)
    reason_codes: tuple[tuple[str, str], ...]  # (code, label)
    review_threshold_fen: int

    def reason_label(self, code: str | None) -> str:
        return dict(self.reason_codes).get(code or "", code or "")

    def method_label(self, key: str) -> str:
        return dict(self.non_cash_methods).get(key, key)


@dataclass(frozen=True)
class CountLineView:
    key: str  # Denomination.key
    label: str  # 100 元纸币
    value_fen: int
    pieces: int

    @property
    def amount_fen(self) -> int:
        return self.value_fen * self.pieces


@dataclass(frozen=True)
class ReviewView:
    by: Person
    at: dt.datetime
    note: str


@dataclass(frozen=True)
class TillCountView:
    id: int
    date: dt.date
    shift_id: int
    shift_name: str
    teller: Person  # hands over (交出人)
    receiver: Person  # receives (接收人)
    float_fen: int
    receivable_fen: int
    cash_fen: int
    non_cash: tuple[tuple[str, int], ...]  # (method, fen) in the settings' order
    lines: tuple[CountLineView, ...]
    reason_code: str | None
    reason_label: str
    note: str
    state: HandoverState
    giver_confirmed_at: dt.datetime | None
    receiver_confirmed_at: dt.datetime | None
    needs_review: bool  # a shortage above the threshold
    review: ReviewView | None
    reversal_of: int | None  # this is the reversing entry of that count
    reversed_by: int | None  # the reversing entry of this count
    reversal_reason: str
    created_at: dt.datetime
    created_by: int

    @property
    def figures(self) -> TillFigures:
        return TillFigures(self.float_fen, self.receivable_fen, self.cash_fen,
                           dict(self.non_cash))

    @property
    def non_cash_fen(self) -> int:
        return sum(v for _k, v in self.non_cash)

    @property
    def received_fen(self) -> int:
        return self.figures.received_fen

    @property
    def difference_fen(self) -> int:
        return self.figures.difference_fen

    @property
    def difference_text(self) -> str:
        return self.figures.describe()

    @property
    def final(self) -> bool:
        return self.state in (HandoverState.CONFIRMED, HandoverState.REVERSED)

    @property
    def review_pending(self) -> bool:
        return self.needs_review and self.review is None and self.reversal_of is None \
            and self.state == HandoverState.CONFIRMED


@dataclass(frozen=True)
class MovementView:
    id: int
    date: dt.date
    shift_id: int
    shift_name: str
    teller: Person | None
    amount_fen: int  # + in, − out
    reason: str
    created_at: dt.datetime
    created_by: Person


@dataclass(frozen=True)
class DayCloseView:
    id: int
    date: dt.date
    counted_fen: int
    deposit_fen: int
    safe_fen: int
    gap_fen: int
    gap_note: str
    bag_no: str
    seal_no: str
    deposited_at: dt.datetime | None
    escort: str
    closed_at: dt.datetime
    closed_by: Person


@dataclass(frozen=True)
class DayTotals:
    """The day's sum over every till (reversals cancel their originals exactly)."""

    date: dt.date
    figures: TillFigures
    counted_cash_fen: int  # cash in the tills (incl. floats)
    movements_fen: int
    counts: int
    unconfirmed: int
    unreviewed: int
    close: DayCloseView | None = None


@dataclass(frozen=True)
class InvoiceRangeView:
    id: int
    date: dt.date
    kind: str
    kind_label: str
    number_from: str
    number_to: str
    note: str
    handed_by: Person
    handed_to: Person
    confirmed_at: dt.datetime | None
    created_at: dt.datetime


@dataclass(frozen=True)
class MonthTotal:
    month: str  # "2026-11"
    counts: int
    over_fen: int
    short_fen: int  # ≤ 0
    shortages: int


@dataclass(frozen=True)
class TellerHistory:
    teller: Person
    counts: tuple[TillCountView, ...]
    months: tuple[MonthTotal, ...] = field(default_factory=tuple)
