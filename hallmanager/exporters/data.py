"""The plain data the writers take: a handover sheet made of sections, a daily report made of sheets.

Modules never touch the layout code: they contribute ``Section`` objects to the handover
sheet and ``ReportSheet`` objects to the daily report (see ``hallmanager.services.reports``).

Empty states: a provider that has nothing to say returns no section/sheet at all; a
section that must appear even when empty (e.g. "no faults this shift" is information)
carries an ``empty_text`` that is printed instead of rows — never fake placeholder rows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Any, TypeVar


class Personal(StrEnum):
    """A column that holds personal data; the writers mask it unless the output is unmasked."""

    NAME = "name"  # 张*
    PHONE = "phone"  # 138****5678
    ID_NUMBER = "id_number"  # 110***********1234


# --- handover sheet (交接班表) -------------------------------------------------------------


@dataclass(frozen=True)
class KeyValueSection:
    """Label/value pairs laid out as a grid, ``columns`` pairs per row."""

    title: str
    items: tuple[tuple[str, str], ...]
    columns: int = 2
    empty_text: str | None = None


@dataclass(frozen=True)
class TableSection:
    """A table with a header row repeated on every page; ``col_widths`` are relative weights."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    col_widths: tuple[float, ...] | None = None
    empty_text: str | None = None
    note: str | None = None
    #: per column: None, or the kind of personal data it holds (masked unless unmasked)
    personal: tuple[Personal | None, ...] | None = None

    def __post_init__(self) -> None:
        n = len(self.headers)
        if self.col_widths is not None and len(self.col_widths) != n:
            raise ValueError(f"{self.title}: {len(self.col_widths)} widths for {n} columns")
        if self.personal is not None and len(self.personal) != n:
            raise ValueError(f"{self.title}: {len(self.personal)} personal marks for {n} columns")
        for r in self.rows:
            if len(r) != n:
                raise ValueError(f"{self.title}: row {r!r} has {len(r)} cells, expected {n}")


@dataclass(frozen=True)
class TextSection:
    """Free text (notes, meeting minutes); each paragraph wraps, line breaks are kept."""

    title: str
    paragraphs: tuple[str, ...]
    empty_text: str | None = None


Section = KeyValueSection | TableSection | TextSection


def section_is_empty(section: Section) -> bool:
    """True when the section has no content of its own (only its empty text would print)."""
    if isinstance(section, KeyValueSection):
        return not section.items
    if isinstance(section, TableSection):
        return not section.rows
    return not any(p.strip() for p in section.paragraphs)


@dataclass(frozen=True)
class HandoverSheet:
    """Everything printed on one shift's handover sheet."""

    hall_name: str
    date: dt.date
    shift_name: str
    shift_time: str  # "08:30–14:30"
    outgoing: str  # 交班值班经理
    incoming: str | None  # 接班值班经理 (None: not yet known, a blank line to fill in by hand)
    sections: tuple[Section, ...]
    printed_at: dt.datetime
    printed_by: str
    status: str | None = None  # e.g. "已签字 2026-11-22 14:20 张三"
    unmasked: bool = False  # personal columns printed in full (hall manager, audited)
    audit_anchor: str | None = None  # head of the audit chain when printed, "#1234:3f2a…"


# --- daily report (营业日报) ----------------------------------------------------------------


class ColumnKind(StrEnum):
    """How a column's values are written and formatted in the workbook."""

    TEXT = "text"
    INT = "int"
    MONEY = "money"  # int fen (converted to Decimal yuan) or Decimal yuan; never float
    DECIMAL = "decimal"
    PERCENT = "percent"  # Decimal fraction, 0.95 → 95.0%
    DATE = "date"
    TIME = "time"  # a time; a datetime shows as hh:mm on the report's date, in full otherwise
    DATETIME = "datetime"


CellValue = str | int | Decimal | dt.date | dt.time | dt.datetime | None


@dataclass(frozen=True)
class Column:
    header: str
    kind: ColumnKind = ColumnKind.TEXT
    width: float | None = None  # fixed width in characters; None = fitted to the content
    max_width: float | None = None  # cap for fitted free text (it wraps beyond); None = 60
    personal: Personal | None = None  # masked in the workbook unless the report is unmasked


@dataclass(frozen=True)
class ReportSheet:
    """One worksheet: a title, Chinese column headers and typed rows."""

    name: str  # sheet tab name, at most 31 characters
    title: str  # e.g. "值班日志汇总"
    columns: tuple[Column, ...]
    rows: tuple[tuple[CellValue, ...], ...]
    empty_text: str = "当日无记录"
    #: laid out as a form: one printed column per row (headed by the row's first value) and
    #: one printed row per column — a few records with many figures read well on A4 portrait
    transpose: bool = False

    def __post_init__(self) -> None:
        n = len(self.columns)
        for r in self.rows:
            if len(r) != n:
                raise ValueError(f"{self.name}: row has {len(r)} cells, expected {n}")


@dataclass(frozen=True)
class DailyReport:
    """The workbook of one date: one sheet per module contribution."""

    hall_name: str
    date: dt.date
    sheets: tuple[ReportSheet, ...]
    generated_at: dt.datetime
    generated_by: str
    unmasked: bool = False  # personal columns written in full (hall manager, audited)


T = TypeVar("T")
D = TypeVar("D", DailyReport, HandoverSheet)


def _masker(kind: Personal) -> Callable[[str], str]:
    from hallmanager.domain import masking

    return {Personal.NAME: masking.mask_name, Personal.PHONE: masking.mask_phone,
            Personal.ID_NUMBER: masking.mask_id_number}[kind]


def _mask_cell(value: Any, kind: Personal | None) -> Any:
    if kind is None or not isinstance(value, str) or not value:
        return value
    return _masker(kind)(value)


def mask_personal_columns(doc: D) -> D:
    """The document with every column marked ``personal`` masked, unless ``doc.unmasked``.
    The writers call this, so a provider that marks its columns cannot leak them."""
    if doc.unmasked:
        return doc
    if isinstance(doc, DailyReport):
        sheets = tuple(
            dataclasses.replace(sh, rows=tuple(
                tuple(_mask_cell(v, c.personal) for v, c in zip(r, sh.columns, strict=True))
                for r in sh.rows))
            if any(c.personal for c in sh.columns) else sh
            for sh in doc.sheets)
        return dataclasses.replace(doc, sheets=sheets)  # type: ignore[return-value]
    sections = tuple(
        dataclasses.replace(sec, rows=tuple(
            tuple(_mask_cell(v, k) for v, k in zip(r, sec.personal, strict=True))
            for r in sec.rows))
        if isinstance(sec, TableSection) and sec.personal and any(sec.personal) else sec
        for sec in doc.sections)
    return dataclasses.replace(doc, sections=sections)  # type: ignore[return-value]


def map_text(value: T, fn: Callable[[str], str]) -> T:
    """A copy of a sheet, section, report or handover sheet with ``fn`` applied to every text
    in it (how personal data is masked before anything is written); other values are kept."""
    return _map(value, fn)


def _map(value: Any, fn: Callable[[str], str]) -> Any:
    if isinstance(value, Enum):
        return value
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, tuple):
        return tuple(_map(v, fn) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: _map(getattr(value, f.name), fn)
                                             for f in dataclasses.fields(value)})
    return value

