"""ORM models of the cash module (现金交接).

Money is integer fen everywhere (``*_fen``); no REAL/FLOAT column exists (a test scans the
schema). A till count confirmed by both sides is final: database triggers (migration 0007)
refuse UPDATE and DELETE of it, its denomination lines and non-cash lines, except the single
change of ``state`` from confirmed to reversed that the reversal makes. The hall manager's
review of a large shortage is a row of its own (``cash_review``) so the confirmed count is
never touched by it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hallmanager.storage.models import Base


class CashSettings(Base):
    """Single row (id 1) of the cash settings the hall manager edits (defaults until saved)."""

    __tablename__ = "cash_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    denominations_json: Mapped[str] = mapped_column(Text)  # [[kind, value_fen], ...]
    non_cash_methods_json: Mapped[str] = mapped_column(Text)  # [[key, label], ...]
    reason_codes_json: Mapped[str] = mapped_column(Text)  # [[code, label], ...]
    review_threshold_fen: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class TillCount(Base):
    """One till count and its handover (款箱清点): the teller hands over, the receiver takes it.

    A reversal is a row of its own with every amount negated, ``reversal_of`` pointing at the
    original (which becomes ``reversed``)."""

    __tablename__ = "till_count"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("shift.id"))
    teller_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)  # hands over
    receiver_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    float_fen: Mapped[int] = mapped_column(Integer, default=0)
    receivable_fen: Mapped[int] = mapped_column(Integer, default=0)
    cash_fen: Mapped[int] = mapped_column(Integer, default=0)
    non_cash_fen: Mapped[int] = mapped_column(Integer, default=0)
    difference_fen: Mapped[int] = mapped_column(Integer, default=0)
    reason_code: Mapped[str | None] = mapped_column(String(30))
    note: Mapped[str] = mapped_column(String(500), default="")
    state: Mapped[str] = mapped_column(String(10), default="draft", index=True)
    giver_confirmed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    receiver_confirmed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    reversal_of: Mapped[int | None] = mapped_column(ForeignKey("till_count.id"), unique=True)
    reversal_reason: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[int] = mapped_column(ForeignKey("user.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class TillCountLine(Base):
    """Pieces of one denomination in a count (negative in a reversal)."""

    __tablename__ = "till_count_line"
    __table_args__ = (UniqueConstraint("count_id", "denomination", name="uq_till_count_line"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    count_id: Mapped[int] = mapped_column(ForeignKey("till_count.id"), index=True)
    denomination: Mapped[str] = mapped_column(String(20))  # Denomination.key, e.g. note-10000
    value_fen: Mapped[int] = mapped_column(Integer)
    pieces: Mapped[int] = mapped_column(Integer)


class TillNonCash(Base):
    """Non-cash takings of one method in a count (POS, WeChat Pay, Alipay, vouchers …)."""

    __tablename__ = "till_non_cash"
    __table_args__ = (UniqueConstraint("count_id", "method", name="uq_till_non_cash"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    count_id: Mapped[int] = mapped_column(ForeignKey("till_count.id"), index=True)
    method: Mapped[str] = mapped_column(String(30))
    amount_fen: Mapped[int] = mapped_column(Integer)


class CashReview(Base):
    """The hall manager's review of a large shortage (append-only)."""

    __tablename__ = "cash_review"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    count_id: Mapped[int] = mapped_column(ForeignKey("till_count.id"), unique=True)
    reviewed_by: Mapped[int] = mapped_column(ForeignKey("user.id"))
    reviewed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(String(500))


class CashMovement(Base):
    """Cash in (+, e.g. change fund) or out (−, petty expense) during a shift, with a reason."""

    __tablename__ = "cash_movement"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("shift.id"))
    teller_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))  # whose till, if any
    amount_fen: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[int] = mapped_column(ForeignKey("user.id"))


class DayClose(Base):
    """End of day (日结): all tills summed, deposited to the bank (解款) and/or kept in the safe."""

    __tablename__ = "cash_day_close"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date, unique=True)
    counted_fen: Mapped[int] = mapped_column(Integer)
    deposit_fen: Mapped[int] = mapped_column(Integer)
    safe_fen: Mapped[int] = mapped_column(Integer)
    gap_fen: Mapped[int] = mapped_column(Integer)
    gap_note: Mapped[str] = mapped_column(String(500), default="")
    bag_no: Mapped[str] = mapped_column(String(50), default="")
    seal_no: Mapped[str] = mapped_column(String(50), default="")
    deposited_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    escort: Mapped[str] = mapped_column(String(100), default="")
    closed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    closed_by: Mapped[int] = mapped_column(ForeignKey("user.id"))


class InvoiceRange(Base):
    """A range of invoice/receipt numbers handed over (发票/收据登记), confirmed by the receiver."""

    __tablename__ = "invoice_range"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(20))  # invoice / receipt
    number_from: Mapped[str] = mapped_column(String(40))
    number_to: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(String(200), default="")
    handed_by: Mapped[int] = mapped_column(ForeignKey("user.id"))
    handed_to: Mapped[int] = mapped_column(ForeignKey("user.id"))
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
