"""The attendance module's own outputs for a sample of the demo data (``ModuleParts.samples``):
the month workbook and the 考勤表 PDF of the current month, written through
``AttendancePaper.export`` exactly as the desk and ``hallmanager export attendance`` do
(permission-checked and audited)."""

from __future__ import annotations

from pathlib import Path

from hallmanager.services.attendance.paper import AttendancePaper
from hallmanager.services.attendance.service import AttendanceService

VIA = "selftest"


def write_samples(service: AttendanceService, folder: Path) -> list[Path]:
    """The month of the service clock's today as .xlsx and .pdf in ``folder``."""
    month = service.ctx.clock.now().strftime("%Y-%m")
    paper = AttendancePaper(service)
    return [paper.export(folder / f"attendance-{month}{suffix}", month=month, via=VIA)
            for suffix in (".xlsx", ".pdf")]
