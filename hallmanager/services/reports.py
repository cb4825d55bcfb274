"""Reports: the daily report workbook (营业日报) and the shift handover sheet (交接班表).

This is the framework; it names no module. Modules contribute *providers* through the
registry (``hallmanager.registry`` → ``services.modules.ModuleParts``): functions of a
``ReportScope`` that return sheets (daily report) or sections (handover sheet), each with an
``order`` (lower first; suggested: duty log 5–59, attendance 50, cash 60, complaints 70,
emergency 80), and optionally a *header* provider that says who hands over to whom.

A provider returns an iterable of sections/sheets; returning nothing leaves no trace on the
paper (no fake placeholders). A section that is informative even when empty ("本班无现金
交接记录") sets ``empty_text``. This service checks permissions, masks personal data (free
text by pattern; columns marked ``personal`` in the exporters) and audits every output.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hallmanager.domain.errors import NotFound
from hallmanager.domain.masking import mask_personal_text
from hallmanager.domain.roles import Action
from hallmanager.exporters.atomic import atomic_output, check_target
from hallmanager.exporters.data import (
    DailyReport,
    HandoverSheet,
    ReportSheet,
    Section,
    map_text,
)
from hallmanager.services.context import ServiceContext, UserInfo
from hallmanager.services.settings import HallInfo, SettingsService, ShiftInfo
from hallmanager.storage.audit import audit_head

VIA_DESK = "desk"
VIA_CLI = "cli"
_VIA_LABEL = {VIA_DESK: "", VIA_CLI: "（命令行）"}


@dataclass(frozen=True)
class ReportScope:
    """What a provider is asked about: the date, for a handover sheet the shift (None for the
    daily report), who produces the output, through which door, and whether personal data
    may be output in full (``unmasked``: the hall manager, audited)."""

    date: dt.date
    hall: HallInfo
    now: dt.datetime
    user: UserInfo
    via: str = "desk"
    unmasked: bool = False
    shift: ShiftInfo | None = None


@dataclass(frozen=True)
class HandoverHeader:
    """The head of a handover sheet as a module knows it (the duty log: its duty managers and
    signature state); ``audit`` goes into the print's audit entry (e.g. the log's id)."""

    outgoing: str
    incoming: str | None
    status: str
    shift_time: str | None = None
    audit: dict[str, Any] = field(default_factory=dict)


SheetProvider = Callable[[ReportScope], Iterable[ReportSheet]]
SectionProvider = Callable[[ReportScope], Iterable[Section]]
HeaderProvider = Callable[[ReportScope], HandoverHeader | None]


@dataclass(frozen=True)
class Provider:
    """A registered provider; lower ``order`` comes first."""

    key: str
    fn: Callable[[ReportScope], Iterable[Any]]
    order: int = 100


# --- the service ----------------------------------------------------------------------------


class ReportService:
    def __init__(self, ctx: ServiceContext, settings: SettingsService, *,
                 sheet_providers: Iterable[Provider] = (),
                 section_providers: Iterable[Provider] = (),
                 header_providers: Iterable[HeaderProvider] = ()) -> None:
        self.ctx = ctx
        self.settings = settings
        self._sheets: dict[str, Provider] = {p.key: p for p in sheet_providers}
        self._sections: dict[str, Provider] = {p.key: p for p in section_providers}
        self._headers: list[HeaderProvider] = list(header_providers)

    # --- registration ---------------------------------------------------------------------
    def register_sheet(self, key: str, fn: SheetProvider, *, order: int = 100) -> None:
        """Add (or replace, same key) a daily-report sheet provider."""
        self._sheets[key] = Provider(key, fn, order)

    def register_handover_section(self, key: str, fn: SectionProvider, *,
                                  order: int = 100) -> None:
        """Add (or replace, same key) a handover-sheet section provider."""
        self._sections[key] = Provider(key, fn, order)

    def sheet_providers(self) -> list[Provider]:
        return sorted(self._sheets.values(), key=lambda p: (p.order, p.key))

    def section_providers(self) -> list[Provider]:
        return sorted(self._sections.values(), key=lambda p: (p.order, p.key))

    # --- data -----------------------------------------------------------------------------
    def daily_report(self, day: dt.date, *, via: str = VIA_DESK,
                     unmasked: bool = False) -> DailyReport:
        """The workbook content of ``day``; NotFound when nothing at all was recorded.
        Personal data in it is masked unless ``unmasked`` (UNMASK_PERSONAL)."""
        me = self.ctx.auth.require(Action.EXPORT_REPORT)
        self._check_unmask(unmasked)
        scope = self._scope(day, me, via, unmasked)
        sheets: list[ReportSheet] = []
        for p in self.sheet_providers():
            sheets.extend(p.fn(scope))
        if not any(s.rows for s in sheets):
            raise NotFound(f"{day.isoformat()} 没有任何记录，未生成营业日报")
        report = DailyReport(hall_name=scope.hall.name, date=day, sheets=tuple(sheets),
                             generated_at=scope.now, generated_by=_actor_label(me, via),
                             unmasked=unmasked)
        return report if unmasked else map_text(report, mask_personal_text)

    def handover_sheet(self, day: dt.date, shift_name: str, *, via: str = VIA_DESK,
                       unmasked: bool = False) -> HandoverSheet:
        """The handover sheet of ``day``/shift, with or without a duty log (NotFound only for
        an unknown shift). Personal data in it is masked unless ``unmasked``."""
        return self._handover(day, shift_name, via, unmasked)[0]

    def _check_unmask(self, unmasked: bool) -> None:
        if unmasked:
            self.ctx.auth.require(Action.UNMASK_PERSONAL)

    def _scope(self, day: dt.date, me: UserInfo, via: str, unmasked: bool,
               shift: ShiftInfo | None = None) -> ReportScope:
        return ReportScope(date=day, hall=self.settings.hall(), now=self.ctx.clock.now(),
                           user=me, via=via, unmasked=unmasked, shift=shift)

    def _handover(self, day: dt.date, shift_name: str, via: str,
                  unmasked: bool) -> tuple[HandoverSheet, HandoverHeader | None]:
        me = self.ctx.auth.require(Action.PRINT_HANDOVER)
        self._check_unmask(unmasked)
        shift = self._shift(shift_name)
        scope = self._scope(day, me, via, unmasked, shift)
        header = next((h for h in (fn(scope) for fn in self._headers) if h is not None), None)
        sections: list[Section] = []
        for p in self.section_providers():
            sections.extend(p.fn(scope))
        sheet = HandoverSheet(
            hall_name=scope.hall.name, date=day, shift_name=shift.name,
            shift_time=(header.shift_time if header and header.shift_time
                        else f"{shift.start}–{shift.end}"),
            outgoing=header.outgoing if header else "",
            incoming=header.incoming if header else None,
            sections=tuple(sections), printed_at=scope.now,
            printed_by=_actor_label(me, via),
            status=header.status if header else None, unmasked=unmasked,
        )
        sheet = sheet if unmasked else map_text(sheet, mask_personal_text)
        with self.ctx.db.read() as s:  # the paper becomes an anchor of the audit chain
            head = audit_head(s)
        return dataclasses.replace(sheet, audit_anchor=head.text if head else None), header

    # --- files ----------------------------------------------------------------------------
    def export_daily(self, day: dt.date, out_path: Path | str, *, force: bool = False,
                     via: str = VIA_DESK, unmasked: bool = False) -> Path:
        """Write the daily report workbook; audited as ``export`` (and ``unmask`` when
        ``unmasked``). Returns the file written."""
        from hallmanager.exporters.daily_excel import write_daily_report

        self.ctx.auth.require(Action.EXPORT_REPORT)
        self._check_unmask(unmasked)
        target = check_target(out_path, force=force)  # refuse early, before gathering data
        report = self.daily_report(day, via=via, unmasked=unmasked)
        after = {"date": day, "file": str(target), "format": "xlsx", "via": via,
                 "sheets": [s.name for s in report.sheets],
                 "rows": sum(len(s.rows) for s in report.sheets), "unmasked": unmasked,
                 **_os_user(via)}
        return self._write_audited(target, force, lambda tmp: write_daily_report(
            report, tmp, force=True), "export", "daily_report", day.isoformat(), after)

    def print_handover(self, day: dt.date, shift_name: str, out_path: Path | str, *,
                       force: bool = False, via: str = VIA_DESK, unmasked: bool = False) -> Path:
        """Write the handover sheet PDF; audited as ``print`` (and ``unmask`` when
        ``unmasked``). Returns the file written."""
        from hallmanager.exporters.handover_pdf import write_handover_pdf

        self.ctx.auth.require(Action.PRINT_HANDOVER)
        self._check_unmask(unmasked)
        target = check_target(out_path, force=force)
        sheet, header = self._handover(day, shift_name, via, unmasked)
        record = dict(header.audit) if header else {}
        after = {"date": day, "shift": sheet.shift_name, **record,
                 "file": str(target), "format": "pdf", "via": via,
                 "sections": [s.title for s in sheet.sections], "unmasked": unmasked,
                 **_os_user(via)}
        entity_id = record.get("log_id", f"{day.isoformat()} {sheet.shift_name}")
        return self._write_audited(target, force, lambda tmp: write_handover_pdf(
            sheet, tmp, force=True), "print", "handover_sheet", entity_id, after)

    def _write_audited(self, target: Path, force: bool, write: Callable[[Path], Any],
                       action: str, entity: str, entity_id: object,
                       after: dict[str, Any]) -> Path:
        """Write to a temporary file, audit, and move it into place inside the audit's
        transaction: no audit entry without a file (a refused or failed move rolls the entry
        back) and no file without its entry (a failed commit removes the new file).
        An unmasked file also gets its own ``unmask`` entry, so a filter on it finds them."""
        with atomic_output(target, force=force) as out:
            write(out.path)
            with self.ctx.db.write() as s:
                self.ctx.audit(s, action, entity, entity_id, after=after)
                if after.get("unmasked"):
                    self.ctx.audit(s, "unmask", entity, entity_id,
                                   after={"purpose": action, "file": after["file"],
                                          "via": after["via"]})
                out.publish()
        return target

    def _shift(self, shift_name: str) -> ShiftInfo:
        name = (shift_name or "").strip()
        shifts = self.settings.shifts(include_inactive=True)
        for sh in shifts:
            if sh.name == name:
                return sh
        valid = "、".join(s.name for s in shifts if s.active) or "（尚未设置班次）"
        raise NotFound(f"没有名为“{name}”的班次；可用的班次：{valid}")


def _actor_label(me: UserInfo, via: str) -> str:
    return f"{me.full_name}{_VIA_LABEL.get(via, f'（{via}）')}"


def _os_user(via: str) -> dict[str, str]:
    if via != VIA_CLI:
        return {}
    try:
        return {"os_user": getpass.getuser()}
    except Exception:  # no user name in some service environments
        return {}

