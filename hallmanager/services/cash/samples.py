"""The cash module's own outputs for a sample of the demo data (``ModuleParts.samples``): the
till slip (款箱交接单) of the first count of the last month and the cash workbook of that
month, through the service's audited ``write_slip`` and ``export``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hallmanager.domain.errors import ValidationError
from hallmanager.services.cash.service import CashService

SAMPLE_DAYS = 31
VIA = "selftest"


def write_samples(service: CashService, folder: Path) -> list[Path]:
    """Till slip PDF and cash workbook in ``folder``; a hall without any count is an error
    (the demo always has some)."""
    end = service.ctx.clock.now().date()
    start = end - dt.timedelta(days=SAMPLE_DAYS)
    counts = service.counts(start, until=end)
    if not counts:
        raise ValidationError(f"{start} 至 {end} 没有款箱清点，无法打印交接单样张")
    first = counts[0]
    slip = service.write_slip(first.id, folder / f"till-slip-{first.id}.pdf")
    book = service.export(start, end, folder / "cash.xlsx", via=VIA)
    return [Path(slip), Path(book)]
