"""Queries of the cash module. Orders are part of the contract: views and prints list rows in
the order returned here (date, shift order, teller, id)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from hallmanager.storage.cash.models import (
    CashMovement,
    CashReview,
    CashSettings,
    DayClose,
    InvoiceRange,
    TillCount,
    TillCountLine,
    TillNonCash,
)
from hallmanager.storage.models import Shift

SETTINGS_ID = 1


def settings(s: Session) -> CashSettings | None:
    """The saved cash settings, None while the defaults apply."""
    return s.get(CashSettings, SETTINGS_ID)


def count(s: Session, count_id: int) -> TillCount | None:
    return s.get(TillCount, count_id)


def counts_between(s: Session, start: dt.date, end: dt.date, *, shift_id: int | None = None,
                   teller_id: int | None = None) -> list[TillCount]:
    """Counts dated ``start``..``end`` (inclusive), by date, shift order, id."""
    q = (select(TillCount).join(Shift, Shift.id == TillCount.shift_id)
         .where(TillCount.date >= start, TillCount.date <= end))
    if shift_id is not None:
        q = q.where(TillCount.shift_id == shift_id)
    if teller_id is not None:
        q = q.where(TillCount.teller_id == teller_id)
    return list(s.scalars(q.order_by(TillCount.date, Shift.sort_order, TillCount.id)))


def open_count_for(s: Session, day: dt.date, shift_id: int, teller_id: int) -> TillCount | None:
    """The teller's count of that shift that still stands (not reversed, not a reversal)."""
    return s.scalar(select(TillCount).where(
        TillCount.date == day, TillCount.shift_id == shift_id, TillCount.teller_id == teller_id,
        TillCount.state != "reversed", TillCount.reversal_of.is_(None)).limit(1))


def reversal_of(s: Session, count_id: int) -> TillCount | None:
    return s.scalar(select(TillCount).where(TillCount.reversal_of == count_id))


def lines(s: Session, count_ids: Sequence[int]) -> dict[int, list[TillCountLine]]:
    out: dict[int, list[TillCountLine]] = {i: [] for i in count_ids}
    for chunk in _chunks(count_ids):
        for line in s.scalars(select(TillCountLine).where(TillCountLine.count_id.in_(chunk))
                              .order_by(TillCountLine.id)):
            out[line.count_id].append(line)
    return out


def non_cash(s: Session, count_ids: Sequence[int]) -> dict[int, list[TillNonCash]]:
    out: dict[int, list[TillNonCash]] = {i: [] for i in count_ids}
    for chunk in _chunks(count_ids):
        for row in s.scalars(select(TillNonCash).where(TillNonCash.count_id.in_(chunk))
                             .order_by(TillNonCash.id)):
            out[row.count_id].append(row)
    return out


def reviews(s: Session, count_ids: Sequence[int]) -> dict[int, CashReview]:
    out: dict[int, CashReview] = {}
    for chunk in _chunks(count_ids):
        for r in s.scalars(select(CashReview).where(CashReview.count_id.in_(chunk))):
            out[r.count_id] = r
    return out


def review(s: Session, count_id: int) -> CashReview | None:
    return s.scalar(select(CashReview).where(CashReview.count_id == count_id))


def shortages_since(s: Session, since: dt.date, below_fen: int = 0) -> list[TillCount]:
    """Confirmed shortages (difference < ``below_fen``) dated ``since`` or later, originals only."""
    return list(s.scalars(select(TillCount).where(
        TillCount.date >= since, TillCount.difference_fen < below_fen,
        TillCount.state == "confirmed", TillCount.reversal_of.is_(None))
        .order_by(TillCount.date, TillCount.id)))


def movements(s: Session, start: dt.date, end: dt.date) -> list[CashMovement]:
    return list(s.scalars(select(CashMovement).where(CashMovement.date >= start,
                                                     CashMovement.date <= end)
                          .order_by(CashMovement.date, CashMovement.id)))


def movement_total(s: Session, day: dt.date) -> int:
    return int(s.scalar(select(func.coalesce(func.sum(CashMovement.amount_fen), 0))
                        .where(CashMovement.date == day)) or 0)


def day_close(s: Session, day: dt.date) -> DayClose | None:
    return s.scalar(select(DayClose).where(DayClose.date == day))


def day_closes(s: Session, start: dt.date, end: dt.date) -> list[DayClose]:
    return list(s.scalars(select(DayClose).where(DayClose.date >= start, DayClose.date <= end)
                          .order_by(DayClose.date)))


def invoice_range(s: Session, range_id: int) -> InvoiceRange | None:
    return s.get(InvoiceRange, range_id)


def invoice_ranges(s: Session, start: dt.date, end: dt.date) -> list[InvoiceRange]:
    return list(s.scalars(select(InvoiceRange).where(InvoiceRange.date >= start,
                                                     InvoiceRange.date <= end)
                          .order_by(InvoiceRange.date, InvoiceRange.id)))


def _chunks(ids: Iterable[int], size: int = 500) -> Iterable[list[int]]:
    ids = list(ids)
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def add_confirmed(s: Session, counts: Sequence[dict[str, Any]],
                  lines: Sequence[Sequence[dict[str, Any]]],
                  non_cash: Sequence[Sequence[dict[str, Any]]], at: dt.datetime) -> list[int]:
    """Insert many counts (column dicts) with their lines as drafts, then confirm them in one
    statement (the triggers refuse lines of a confirmed count); returns the new ids in order.
    For the demo's ordinary past tills; the caller audits the confirmations."""
    ids = list(s.scalars(insert(TillCount).returning(TillCount.id, sort_by_parameter_order=True),
                         [{**c, "state": "draft"} for c in counts]))
    line_rows = [{**x, "count_id": i} for i, ls in zip(ids, lines, strict=True) for x in ls]
    cash_rows = [{**x, "count_id": i} for i, ns in zip(ids, non_cash, strict=True) for x in ns]
    if line_rows:
        s.execute(insert(TillCountLine), line_rows)
    if cash_rows:
        s.execute(insert(TillNonCash), cash_rows)
    s.execute(update(TillCount).where(TillCount.id.in_(ids))
              .values(state="confirmed", giver_confirmed_at=at, receiver_confirmed_at=at,
                      updated_at=at).execution_options(synchronize_session=False))
    return ids
