"""What the complaint list can be filtered by (the list page, the exports, the CLI)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class ComplaintFilter:
    """Every criterion is optional; given ones are combined with AND. ``start``/``end`` are
    inclusive days of the received time; ``overdue`` keeps open complaints past their
    deadline and replied ones past their call-back time (at ``now``); ``phone`` matches the
    normalised digits however they are typed; ``text`` searches number, 工单号, description,
    request and reply."""

    status: str | None = None
    source: str | None = None
    category: str | None = None
    handler_id: int | None = None
    overdue: bool = False
    open_only: bool = False
    start: dt.date | None = None
    end: dt.date | None = None
    text: str | None = None
    phone: str | None = None
