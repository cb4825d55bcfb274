"""The attendance module's files: the month (or a date range) as the Excel workbook or the
signed 考勤表 PDF, written atomically and audited (``export`` entity ``attendance``), the same
for the desk and ``hallmanager export attendance``."""

from __future__ import annotations

import datetime as dt
import getpass
from pathlib import Path
from typing import Any

from hallmanager.domain.errors import ValidationError
from hallmanager.domain.roles import Action
from hallmanager.exporters.atomic import atomic_output, check_target
from hallmanager.exporters.attendance import AttendanceMonth, AttendanceRow, FineLine
from hallmanager.services.attendance.service import AttendanceService
from hallmanager.services.attendance.views import MonthReport
from hallmanager.storage.repositories import hall as hall_repo

FORMATS = {".xlsx": "xlsx", ".pdf": "pdf"}


def to_paper(report: MonthReport, *, hall_name: str, phones: dict[int, str], by: str,
             now: dt.datetime, unmasked: bool) -> AttendanceMonth:
    """The exporter's plain data from the service's month report."""
    rows = tuple(AttendanceRow(
        staff_no=p.staff.staff_no, name=p.staff.name, position=p.position, marks=p.marks,
        scheduled=p.scheduled_days, present=p.present_days, late_count=p.late_count,
        late_minutes=p.late_seconds // 60, early_count=p.early_count,
        early_minutes=p.early_seconds // 60, absences=p.absences, missing=p.missing_punches,
        leave_days=p.leave_days, violations=p.violations, fine_fen=p.fine_fen,
        waived_fen=p.waived_fen, phone=phones.get(p.staff.id, ""))
        for p in report.rows)
    fines = tuple(FineLine(f.staff.staff_no, f.staff.name, f.day, f.kind_label, f.explanation,
                           f.fen, f.waived, f.waive_reason)
                  for p in report.rows for f in p.fines)
    if report.start.day == 1 and (report.end + dt.timedelta(days=1)).day == 1 \
            and report.start.month == report.end.month:
        period = f"{report.start.year}年{report.start.month}月"
    else:
        period = f"{report.start.isoformat()} 至 {report.end.isoformat()}"
    return AttendanceMonth(hall_name, period, report.days, rows, fines, now, by,
                           closed=report.closed is not None, unmasked=unmasked)


class AttendancePaper:
    def __init__(self, service: AttendanceService) -> None:
        self.service = service
        self.ctx = service.ctx

    def _hall_name(self) -> str:
        with self.ctx.db.read() as s:
            hall = hall_repo.hall_settings(s)
            return hall.name if hall is not None else ""

    def export(self, out_path: Path | str, *, month: str | None = None,
               start: dt.date | None = None, end: dt.date | None = None,
               force: bool = False, via: str = "desk", unmasked: bool = False) -> Path:
        """Write the month (``month`` YYYY-MM) or ``start``…``end`` as .xlsx or .pdf."""
        me = self.ctx.auth.require(Action.VIEW_ATTENDANCE)
        if unmasked:
            self.ctx.auth.require(Action.UNMASK_PERSONAL)
        target = Path(out_path).expanduser()
        fmt = FORMATS.get(target.suffix.lower())
        if fmt is None:
            raise ValidationError(f"输出文件须为 .xlsx 或 .pdf：{target.name}")
        target = check_target(target, force=force)
        if month:
            report = self.service.month_report(month)
        elif start and end:
            report = self.service.range_report(start, end)
        else:
            raise ValidationError("请指定月份（YYYY-MM）或起止日期")
        phones = {s.id: s.phone for s in self.service.staff(include_inactive=True)}
        label = f"{me.full_name}" + ("（命令行）" if via == "cli" else "")
        paper = to_paper(report, hall_name=self._hall_name(), phones=phones, by=label,
                         now=self.ctx.clock.now(), unmasked=unmasked)
        after: dict[str, Any] = {"file": str(target.resolve()), "format": fmt, "via": via,
                                 "start": report.start, "end": report.end,
                                 "rows": len(paper.rows), "unmasked": unmasked}
        if via == "cli":
            try:
                after["os_user"] = getpass.getuser()
            except Exception:  # no user name in some service environments
                pass
        with atomic_output(target, force=force) as pending:
            if fmt == "xlsx":
                from hallmanager.exporters.attendance import build_xlsx

                build_xlsx(paper, pending.path)
            else:
                from hallmanager.exporters.attendance import build_pdf
                from hallmanager.exporters.fonts import cjk_font

                build_pdf(paper, pending.path, cjk_font())
            with self.ctx.db.write() as s:
                self.ctx.audit(s, "export", "attendance", report.start.isoformat(), after=after)
                if unmasked:
                    self.ctx.audit(s, "unmask", "attendance", report.start.isoformat(),
                                   after={"purpose": "export", "file": after["file"], "via": via})
                pending.publish()
        return target
