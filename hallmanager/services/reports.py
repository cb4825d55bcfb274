"""Reports: the daily report workbook (营业日报) and the shift handover sheet (交接班表).

This service gathers data from the module services into the plain dataclasses of
``hallmanager.exporters.data``, checks permissions and audits every export and print. The
content is pluggable: a module contributes *providers*, functions of a ``ReportScope``.

- ``SHEET_PROVIDERS`` / ``HANDOVER_SECTION_PROVIDERS`` are the built-in registries (key →
  ``Provider``). Every ``ReportService`` starts with a copy of them.
- A module whose provider needs its own service instance registers on the instance in
  ``app.build_services``, e.g.::

      reports.register_handover_section("cash", cash.handover_sections, order=60)
      reports.register_sheet("cash", cash.daily_sheets, order=60)

A provider returns an iterable of sections/sheets; returning nothing leaves no trace on the
paper (no fake placeholders). A section that is informative even when empty ("本班无现金
交接记录") sets ``empty_text``. Suggested orders: duty log 10–59, attendance 50,
cash 60, complaints 70, emergency 80.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hallmanager.domain.checklist import Flag, ItemStatus
from hallmanager.domain.errors import NotFound
from hallmanager.domain.masking import mask_personal_text
from hallmanager.domain.roles import Action
from hallmanager.exporters.atomic import atomic_path, check_target
from hallmanager.exporters.data import (
    Column,
    ColumnKind,
    DailyReport,
    HandoverSheet,
    KeyValueSection,
    ReportSheet,
    Section,
    TableSection,
    TextSection,
    map_text,
)
from hallmanager.services.context import ServiceContext, UserInfo
from hallmanager.services.dutylog import (
    ChecklistEntryView,
    DutyLogService,
    DutyLogView,
    FaultView,
    HandoverView,
    PersonRef,
)
from hallmanager.services.settings import HallInfo, SettingsService, ShiftInfo
from hallmanager.storage.audit import audit_head

VIA_DESK = "desk"
VIA_CLI = "cli"
_VIA_LABEL = {VIA_DESK: "", VIA_CLI: "（命令行）"}


@dataclass(frozen=True)
class ReportScope:
    """What a provider is asked about.

    Daily report: ``logs`` are all duty logs of ``date``; ``log``/``shift`` are None.
    Handover sheet: ``log`` is the shift's duty log, ``shift`` its shift, ``logs`` = (log,).
    """

    date: dt.date
    hall: HallInfo
    now: dt.datetime
    logs: tuple[DutyLogView, ...] = ()
    log: DutyLogView | None = None
    shift: ShiftInfo | None = None


SheetProvider = Callable[[ReportScope], Iterable[ReportSheet]]
SectionProvider = Callable[[ReportScope], Iterable[Section]]


@dataclass(frozen=True)
class Provider:
    """A registered provider; lower ``order`` comes first."""

    key: str
    fn: Callable[[ReportScope], Iterable[Any]]
    order: int = 100


# --- the service ----------------------------------------------------------------------------


class ReportService:
    def __init__(self, ctx: ServiceContext, dutylog: DutyLogService,
                 settings: SettingsService, *,
                 sheet_providers: Iterable[Provider] | None = None,
                 section_providers: Iterable[Provider] | None = None) -> None:
        self.ctx = ctx
        self.dutylog = dutylog
        self.settings = settings
        self._sheets: dict[str, Provider] = dict(SHEET_PROVIDERS)
        self._sections: dict[str, Provider] = dict(HANDOVER_SECTION_PROVIDERS)
        for p in sheet_providers or ():
            self._sheets[p.key] = p
        for p in section_providers or ():
            self._sections[p.key] = p

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
        Phone and ID numbers in it are masked unless ``unmasked`` (UNMASK_PERSONAL)."""
        me = self.ctx.auth.require(Action.EXPORT_REPORT)
        self._check_unmask(unmasked)
        scope = ReportScope(date=day, hall=self.settings.hall(), now=self.ctx.clock.now(),
                            logs=tuple(self.dutylog.logs_for_date(day)))
        sheets: list[ReportSheet] = []
        for p in self.sheet_providers():
            sheets.extend(p.fn(scope))
        if not scope.logs and not any(s.rows for s in sheets):
            raise NotFound(f"{day.isoformat()} 没有值班日志或其他记录，未生成营业日报")
        report = DailyReport(hall_name=scope.hall.name, date=day, sheets=tuple(sheets),
                             generated_at=scope.now, generated_by=_actor_label(me, via))
        return report if unmasked else map_text(report, mask_personal_text)

    def handover_sheet(self, day: dt.date, shift_name: str, *, via: str = VIA_DESK,
                       unmasked: bool = False) -> HandoverSheet:
        """The handover sheet of ``day``/shift; NotFound for an unknown shift or missing log.
        Phone and ID numbers in it are masked unless ``unmasked`` (UNMASK_PERSONAL)."""
        return self._handover(day, shift_name, via, unmasked)[0]

    def _check_unmask(self, unmasked: bool) -> None:
        if unmasked:
            self.ctx.auth.require(Action.UNMASK_PERSONAL)

    def _handover(self, day: dt.date, shift_name: str, via: str,
                  unmasked: bool) -> tuple[HandoverSheet, DutyLogView]:
        me = self.ctx.auth.require(Action.PRINT_HANDOVER)
        self._check_unmask(unmasked)
        shift = self._shift(shift_name)
        log = self.dutylog.get_log_by(day, shift.name)
        if log is None:
            raise NotFound(f"{day.isoformat()} {shift.name}没有值班日志，无法打印交接班表")
        scope = ReportScope(date=day, hall=self.settings.hall(), now=self.ctx.clock.now(),
                            logs=(log,), log=log, shift=shift)
        sections: list[Section] = []
        for p in self.section_providers():
            sections.extend(p.fn(scope))
        if log.signed:
            who = " ".join(x for x in (log.signed_by.name if log.signed_by else "",
                                       _hm(log.signed_at, day)) if x)
            status = f"已签字（{who}）" if who else "已签字"
        else:
            status = "草稿（未签字）"
        sheet = HandoverSheet(
            hall_name=scope.hall.name, date=day, shift_name=log.shift_name,
            shift_time=f"{log.shift_start}–{log.shift_end}",
            outgoing=log.duty_manager.name,
            incoming=log.incoming_duty_manager.name if log.incoming_duty_manager else None,
            sections=tuple(sections), printed_at=scope.now,
            printed_by=_actor_label(me, via), status=status,
        )
        sheet = sheet if unmasked else map_text(sheet, mask_personal_text)
        with self.ctx.db.read() as s:  # the paper becomes an anchor of the audit chain
            head = audit_head(s)
        return dataclasses.replace(sheet, audit_anchor=head.text if head else None), log

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
        sheet, log = self._handover(day, shift_name, via, unmasked)
        after = {"date": day, "shift": sheet.shift_name, "log_id": log.id,
                 "file": str(target), "format": "pdf", "via": via,
                 "sections": [s.title for s in sheet.sections], "unmasked": unmasked,
                 **_os_user(via)}
        return self._write_audited(target, force, lambda tmp: write_handover_pdf(
            sheet, tmp, force=True), "print", "handover_sheet", log.id, after)

    def _write_audited(self, target: Path, force: bool, write: Callable[[Path], Any],
                       action: str, entity: str, entity_id: object,
                       after: dict[str, Any]) -> Path:
        """Write to a temporary file, audit, then move into place: no audit entry without a
        file, and no file without its audit entry (an audit failure discards the file).
        An unmasked file also gets its own ``unmask`` entry, so a filter on it finds them."""
        with atomic_path(target, force=force) as tmp:
            write(tmp)
            with self.ctx.db.write() as s:
                self.ctx.audit(s, action, entity, entity_id, after=after)
                if after.get("unmasked"):
                    self.ctx.audit(s, "unmask", entity, entity_id,
                                   after={"purpose": action, "file": after["file"],
                                          "via": after["via"]})
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


# --- formatting helpers ------------------------------------------------------------------------


def _hm(t: dt.datetime | None, day: dt.date | None = None) -> str:
    """'14:20' on the report date, '11-23 08:10' on another day, '' for None."""
    if t is None:
        return ""
    if day is not None and t.date() == day:
        return t.strftime("%H:%M")
    return t.strftime("%m-%d %H:%M")


def _names(people: Iterable[PersonRef]) -> str:
    return "、".join(p.name for p in people)


def _num(v: int | None, unit: str = "") -> str:
    return "" if v is None else f"{v}{unit}"


def entry_state(e: ChecklistEntryView) -> str:
    """done / late / skipped / pending as printed: 已完成, 延迟完成, 已跳过, 未完成（已超时）."""
    if e.status == ItemStatus.DONE:
        return "延迟完成" if e.late else "已完成"
    if e.status == ItemStatus.SKIPPED:
        return "已跳过"
    return "未完成（已超时）" if e.flag == Flag.OVERDUE else "未完成"


def checklist_counts(log: DutyLogView) -> tuple[int, int, int, int]:
    """(done on time, done late, skipped, pending)."""
    done = sum(1 for e in log.checklist if e.status == ItemStatus.DONE and not e.late)
    late = sum(1 for e in log.checklist if e.status == ItemStatus.DONE and e.late)
    skipped = sum(1 for e in log.checklist if e.status == ItemStatus.SKIPPED)
    pending = sum(1 for e in log.checklist if e.status == ItemStatus.PENDING)
    return done, late, skipped, pending


def _ack(h: HandoverView, day: dt.date) -> str:
    if h.ack_at is None:
        return "待确认"
    who = h.ack_by.name if h.ack_by else ""
    return f"已确认 {who} {_hm(h.ack_at, day)}".replace("  ", " ")


def _meeting(log: DutyLogView, *, topics: bool = True) -> str:
    m = log.meeting
    if not m.held:
        return ""
    parts = []
    if m.start:
        parts.append(m.start)
    if m.minutes is not None:
        parts.append(f"{m.minutes} 分钟" + ("（超时）" if m.over_limit else ""))
    if m.attendees:
        parts.append(f"{len(m.attendees)} 人参加")
    text = "，".join(parts)
    if m.topics and topics:
        text = f"{text}：{m.topics}" if text else m.topics
    return text


def _absent(log: DutyLogView) -> str:
    return "、".join(
        f"{a.person.name}（{a.leave_type}{'，' + a.note if a.note else ''}）"
        for a in log.staff_absent)


def _fault_reported(f: FaultView, day: dt.date) -> str:
    return " ".join(x for x in (f.reported_to, _hm(f.reported_at, day)) if x)


def _inspection_problems(log: DutyLogView) -> list[str]:
    return [f"{i.category}·{i.item}" + (f"：{i.note}" if i.note else "")
            for i in log.inspections if i.ok is False]


# --- built-in providers: duty log → handover sheet ------------------------------------------------


def _section_overview(scope: ReportScope) -> Iterable[Section]:
    log = scope.log
    assert log is not None
    f = log.effective
    items = [("天气", f.weather), ("客流量", _num(f.customer_flow, " 人")),
             ("办理业务人数", _num(f.served_count, " 人")), ("晨会", _meeting(log))]
    if f.business_notes:
        items.append(("业务量情况", f.business_notes))
    yield KeyValueSection("当班概况", tuple(items), columns=2)


def _section_staff(scope: ReportScope) -> Iterable[Section]:
    log = scope.log
    assert log is not None
    yield KeyValueSection("人员情况", (
        (f"在岗（{len(log.staff_on_duty)}人）", _names(log.staff_on_duty) or "未登记"),
        (f"缺勤（{len(log.staff_absent)}人）", _absent(log) or "无"),
    ), columns=1)


def _section_checklist(scope: ReportScope) -> Iterable[Section]:
    log = scope.log
    assert log is not None
    rows = tuple(
        (str(i), e.title, _hm(e.target_at, scope.date), entry_state(e),
         _hm(e.done_at, scope.date) if e.status != ItemStatus.PENDING else "",
         (e.done_by.name if e.done_by else "") + (f"（{e.skip_reason}）" if e.skip_reason else ""))
        for i, e in enumerate(log.checklist, start=1))
    done, late, skipped, pending = checklist_counts(log)
    note = f"共 {len(rows)} 项：已完成 {done}，延迟完成 {late}，已跳过 {skipped}，未完成 {pending}。"
    yield TableSection("值班工作流程检查", ("序号", "项目", "计划时间", "状态", "完成时间", "执行人/说明"),
                       rows, col_widths=(0.7, 4.0, 1.1, 1.9, 1.1, 1.8),
                       empty_text="本班无检查项", note=note if rows else None)


def _section_inspections(scope: ReportScope) -> Iterable[Section]:
    log = scope.log
    assert log is not None
    if not log.inspections:
        return
    bad = [i for i in log.inspections if i.ok is False]
    unchecked = sum(1 for i in log.inspections if i.ok is None)
    ok = sum(1 for i in log.inspections if i.ok)
    note = f"共 {len(log.inspections)} 项：正常 {ok}，有问题 {len(bad)}，未检查 {unchecked}。"
    yield TableSection("营业环境、设施、宣传检查（问题项）", ("类别", "项目", "情况说明"),
                       tuple((i.category, i.item, i.note) for i in bad),
                       col_widths=(1.2, 3.5, 4.5), empty_text=note, note=note)


def _section_faults(scope: ReportScope) -> Iterable[Section]:
    log = scope.log
    assert log is not None
    rows = tuple((f.what, f.location, _hm(f.since, scope.date), f.status_label,
                  _fault_reported(f, scope.date), f.note) for f in log.faults)
    yield TableSection("设备故障", ("设备/故障", "位置", "发生时间", "状态", "报修对象及时间", "说明"),
                       rows, col_widths=(2.4, 1.3, 1.2, 1.0, 2.0, 2.4),
                       empty_text="本班无设备故障")


def _section_handover(scope: ReportScope) -> Iterable[Section]:
    log = scope.log
    assert log is not None
    rows = tuple((str(i), h.text, _ack(h, scope.date))
                 for i, h in enumerate(log.handover_out, start=1))
    yield TableSection(f"交接事项（交 {log.next_shift_name}）", ("序号", "事项", "接班确认"), rows,
                       col_widths=(0.7, 6.4, 2.2), empty_text="本班无移交事项")
    if log.handover_in:
        rows_in = tuple((f"{h.from_date.isoformat()} {h.from_shift_name}", h.text,
                         _ack(h, scope.date)) for h in log.handover_in)
        yield TableSection("上一班交来事项", ("来自", "事项", "确认情况"), rows_in,
                           col_widths=(1.8, 5.3, 2.2))


def _section_texts(scope: ReportScope) -> Iterable[Section]:
    log = scope.log
    assert log is not None
    f = log.effective
    if f.incidents:
        yield TextSection("突发事件", (f.incidents,))
    if f.opinions:
        yield TextSection("客户意见和建议", (f.opinions,))
    yield TextSection("交下一班注意事项", (f.next_shift_notes,), empty_text="无")


def _section_amendments(scope: ReportScope) -> Iterable[Section]:
    log = scope.log
    assert log is not None
    if not log.amendments:
        return
    rows = tuple((a.field_label, _plain(a.old_value), _plain(a.new_value), a.reason,
                  f"{a.by.name if a.by else ''} {_hm(a.at, scope.date)}".strip())
                 for a in log.amendments)
    yield TableSection("签字后更正记录", ("字段", "原内容", "更正为", "原因", "更正人/时间"), rows,
                       col_widths=(1.3, 2.3, 2.3, 2.0, 1.6))


def _plain(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, list | tuple):
        return "、".join(str(x) for x in v)
    return str(v)


# --- built-in providers: duty log → daily report --------------------------------------------------


_NOTE_W = 24  # free-text columns wrap at this width so the sheet still prints legibly
_TEXT_W = 70


def _sheet_summary(scope: ReportScope) -> Iterable[ReportSheet]:
    """One row per shift: the figures of the day; long texts go to the 值班记录 sheet."""
    cols = (
        Column("日期", ColumnKind.DATE), Column("班次"), Column("值班经理"), Column("状态"),
        Column("天气"), Column("客流量", ColumnKind.INT), Column("办理业务人数", ColumnKind.INT),
        Column("在岗人数", ColumnKind.INT), Column("缺勤人数", ColumnKind.INT),
        Column("检查项已完成", ColumnKind.INT), Column("延迟完成", ColumnKind.INT),
        Column("已跳过", ColumnKind.INT), Column("未完成", ColumnKind.INT),
        Column("未修复故障", ColumnKind.INT), Column("交接事项", ColumnKind.INT),
        Column("晨会", max_width=_NOTE_W), Column("签字人"),
        Column("签字时间", ColumnKind.DATETIME), Column("更正次数", ColumnKind.INT),
        Column("交下一班注意事项", max_width=_NOTE_W),
    )
    rows = []
    for log in scope.logs:
        f = log.effective
        done, late, skipped, pending = checklist_counts(log)
        rows.append((
            log.date, log.shift_name, log.duty_manager.name, log.status.label, f.weather,
            f.customer_flow, f.served_count, len(log.staff_on_duty), len(log.staff_absent),
            done, late, skipped, pending, sum(1 for x in log.faults if x.is_open),
            len(log.handover_out), _meeting(log, topics=False),
            log.signed_by.name if log.signed_by else "", log.signed_at, len(log.amendments),
            f.next_shift_notes,
        ))
    yield ReportSheet("值班日志汇总", "值班日志汇总", cols, tuple(rows),
                      empty_text="当日无值班日志")


def _sheet_texts(scope: ReportScope) -> Iterable[ReportSheet]:
    """The written parts of each log, one row per item (prints well in portrait)."""
    cols = (Column("班次"), Column("值班经理"), Column("项目"),
            Column("内容", max_width=_TEXT_W))
    rows: list[tuple[str, str, str, str]] = []
    for log in scope.logs:
        f = log.effective
        items = (
            ("在岗人员", _names(log.staff_on_duty)), ("缺勤人员", _absent(log)),
            ("晨会", _meeting(log)), ("业务量情况", f.business_notes),
            ("环境设施问题", "；".join(_inspection_problems(log))),
            ("突发事件", f.incidents), ("客户意见和建议", f.opinions),
            ("交下一班注意事项", f.next_shift_notes),
        )
        rows += [(log.shift_name, log.duty_manager.name, k, v) for k, v in items if v]
    if scope.logs:
        yield ReportSheet("值班记录", "值班日志记录内容", cols, tuple(rows),
                          empty_text="当日值班日志无文字记录")


def _sheet_checklist(scope: ReportScope) -> Iterable[ReportSheet]:
    cols = (Column("班次"), Column("序号", ColumnKind.INT), Column("项目"),
            Column("计划时间", ColumnKind.DATETIME), Column("状态"),
            Column("完成时间", ColumnKind.DATETIME), Column("执行人"), Column("跳过原因"))
    rows = tuple(
        (log.shift_name, i, e.title, e.target_at, entry_state(e),
         e.done_at if e.status != ItemStatus.PENDING else None,
         e.done_by.name if e.done_by else "", e.skip_reason)
        for log in scope.logs for i, e in enumerate(log.checklist, start=1))
    if scope.logs:
        yield ReportSheet("工作流程检查", "值班工作流程检查明细", cols, rows,
                          empty_text="当日无检查项")


def _sheet_faults(scope: ReportScope) -> Iterable[ReportSheet]:
    cols = (Column("设备/故障"), Column("位置"), Column("发生时间", ColumnKind.DATETIME),
            Column("状态"), Column("报修对象"), Column("报修时间", ColumnKind.DATETIME),
            Column("修复时间", ColumnKind.DATETIME), Column("说明"), Column("所在班次"))
    seen: dict[int, tuple[FaultView, list[str]]] = {}
    for log in scope.logs:
        for f in log.faults:
            seen.setdefault(f.id, (f, []))[1].append(log.shift_name)
    rows = tuple((f.what, f.location, f.since, f.status_label, f.reported_to, f.reported_at,
                  f.repaired_at, f.note, "、".join(shifts)) for f, shifts in seen.values())
    if scope.logs:
        yield ReportSheet("设备故障", "设备故障", cols, rows, empty_text="当日无设备故障")


def _sheet_handover(scope: ReportScope) -> Iterable[ReportSheet]:
    cols = (Column("交出班次"), Column("交出人"), Column("事项"), Column("交给"),
            Column("确认人"), Column("确认时间", ColumnKind.DATETIME))
    rows = tuple(
        (log.shift_name, log.duty_manager.name, h.text,
         f"{h.target_date.isoformat()} {h.target_shift_name}",
         h.ack_by.name if h.ack_by else "", h.ack_at)
        for log in scope.logs for h in log.handover_out)
    if scope.logs:
        yield ReportSheet("交接事项", "交接事项", cols, rows, empty_text="当日无交接事项")


SHEET_PROVIDERS: dict[str, Provider] = {
    p.key: p for p in (
        Provider("dutylog.summary", _sheet_summary, 10),
        Provider("dutylog.texts", _sheet_texts, 15),
        Provider("dutylog.checklist", _sheet_checklist, 20),
        Provider("dutylog.faults", _sheet_faults, 30),
        Provider("dutylog.handover", _sheet_handover, 40),
    )
}

HANDOVER_SECTION_PROVIDERS: dict[str, Provider] = {
    p.key: p for p in (
        Provider("dutylog.overview", _section_overview, 10),
        Provider("dutylog.staff", _section_staff, 15),
        Provider("dutylog.checklist", _section_checklist, 20),
        Provider("dutylog.inspections", _section_inspections, 25),
        Provider("dutylog.faults", _section_faults, 30),
        Provider("dutylog.handover", _section_handover, 40),
        Provider("dutylog.texts", _section_texts, 90),
        Provider("dutylog.amendments", _section_amendments, 95),
    )
}
