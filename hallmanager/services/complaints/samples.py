"""The complaint register's own outputs for a sample of the demo data
(``ModuleParts.samples``): the slip (投诉处理单) of the first complaint of the last month, the
complaints workbook and the statistics PDF of that month, through the service's audited
``slip_pdf``, ``export_excel`` and ``statistics_pdf`` (masked, as for any role)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hallmanager.domain.complaints.filters import ComplaintFilter
from hallmanager.domain.errors import ValidationError
from hallmanager.services.complaints.service import ComplaintService

SAMPLE_DAYS = 31
VIA = "selftest"


def write_samples(service: ComplaintService, folder: Path) -> list[Path]:
    """Slip PDF, workbook and statistics PDF in ``folder``; a register without any complaint
    in the last month is an error (the demo always has some)."""
    end = service.ctx.clock.now().date()
    start = end - dt.timedelta(days=SAMPLE_DAYS)
    filters = ComplaintFilter(start=start, end=end)
    rows = service.page(filters, limit=1)
    if not rows:
        raise ValidationError(f"{start} 至 {end} 没有投诉，无法打印投诉处理单样张")
    first = rows[0]
    return [service.slip_pdf(first.id, folder / f"complaint-slip-{first.id}.pdf"),
            service.export_excel(folder / "complaints.xlsx", filters=filters,
                                 stats_from=start, stats_to=end, via=VIA),
            service.statistics_pdf(start, end, folder / "complaint-statistics.pdf", via=VIA)]
