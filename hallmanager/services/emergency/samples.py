"""The emergency module's own outputs for a sample of the demo data
(``ModuleParts.samples``): the incident report PDF (应急事件记录) of the first finished run of
the last month and the incidents workbook of that month, through the service's audited
``write_report`` and ``export``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hallmanager.domain.errors import ValidationError
from hallmanager.services.emergency.service import EmergencyService

SAMPLE_DAYS = 31
VIA = "selftest"


def write_samples(service: EmergencyService, folder: Path) -> list[Path]:
    """Incident PDF and workbook in ``folder``; no run at all in the last month is an error
    (a demo of two days or more has a drill)."""
    end = service.ctx.clock.now().date()
    start = end - dt.timedelta(days=SAMPLE_DAYS)
    runs = sorted(service.runs(start, end), key=lambda r: (r.started_at, r.id))
    finished = [r for r in runs if r.finished_at is not None] or runs
    if not finished:
        raise ValidationError(f"{start} 至 {end} 没有应急预案执行记录，无法打印事件记录样张")
    first = finished[0]
    return [service.write_report(first.id, folder / f"incident-{first.id}.pdf", via=VIA),
            service.export(start, end, folder / "incidents.xlsx", via=VIA)]
