"""The duty log's part of the paper: sections of the shift handover sheet (交接班表) and sheets
of the daily report (营业日报).

The report framework (``services.reports``) knows no module; it asks the providers returned by
``DutyLogReports`` with a ``ReportScope`` (date, shift, who prints). Each provider here works on
a ``LogScope``: the scope plus the duty log(s) it concerns, loaded once per output.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from hallmanager.domain.dutylog.checklist import Flag, ItemStatus
from hallmanager.exporters.data import (
    Column,
    ColumnKind,
    KeyValueSection,
    ReportSheet,
    Section,
    TableSection,
    TextSection,
)
from hallmanager.services.dutylog.service import DutyLogService
from hallmanager.services.dutylog.views import (
    ChecklistEntryView,
    DutyLogView,
    FaultView,
    HandoverView,
    PersonRef,
)
from hallmanager.services.reports import HandoverHeader, Provider, ReportScope


@dataclass(frozen=True)
class LogScope:
    """What a duty-log provider works on. Daily report: ``logs`` are all logs of ``date`` and
    ``log`` is None. Handover sheet: ``log`` is the shift's log (None when there is none)."""

    date: dt.date
    logs: tuple[DutyLogView, ...] = ()
    log: DutyLogView | None = None


class DutyLogReports:
    """The duty log's providers, bound to its service (registered through the module)."""

    def __init__(self, service: DutyLogService) -> None:
        self.service = service
        self._key: ReportScope | None = None
        self._scope: LogScope | None = None

    def _log_scope(self, scope: ReportScope) -> LogScope:
        """Load the log(s) once per output (every provider of one output gets the same)."""
        if self._key is not scope or self._scope is None:
            if scope.shift is None:
                self._scope = LogScope(scope.date, tuple(self.service.logs_for_date(scope.date)))
            else:
                log = self.service.get_log_by(scope.date, scope.shift.name)
                self._scope = LogScope(scope.date, (log,) if log else (), log)
            self._key = scope
        return self._scope

    def _bind(self, key: str, fn: Callable[[LogScope], Iterable[Any]], order: int, *,
              needs_log: bool = False) -> Provider:
        def provider(scope: ReportScope) -> Iterable[Any]:
            ls = self._log_scope(scope)
            if needs_log and ls.log is None:
                return ()
            return fn(ls)
        return Provider(key, provider, order)

    def sheets(self) -> list[Provider]:
        return [self._bind("dutylog.summary", _sheet_summary, 10),
                self._bind("dutylog.texts", _sheet_texts, 15),
                self._bind("dutylog.checklist", _sheet_checklist, 20),
                self._bind("dutylog.faults", _sheet_faults, 30),
                self._bind("dutylog.handover", _sheet_handover, 40)]

    def sections(self) -> list[Provider]:
        return [self._bind("dutylog.missing", _section_missing, 5),
                self._bind("dutylog.overview", _section_overview, 10, needs_log=True),
                self._bind("dutylog.checklist", _section_checklist, 20, needs_log=True),
                self._bind("dutylog.inspections", _section_inspections, 25, needs_log=True),
                self._bind("dutylog.faults", _section_faults, 30, needs_log=True),
                self._bind("dutylog.handover", _section_handover, 40, needs_log=True),
                self._bind("dutylog.texts", _section_texts, 90, needs_log=True),
                self._bind("dutylog.amendments", _section_amendments, 95, needs_log=True)]

    def header(self, scope: ReportScope) -> HandoverHeader | None:
        """Who hands over to whom, and whether the log is signed (the sheet's head)."""
        log = self._log_scope(scope).log
        if log is None:
            return None
        if log.signed:
            who = " ".join(x for x in (log.signed_by.name if log.signed_by else "",
                                       _hm(log.signed_at, scope.date)) if x)
            status = f"已签字（{who}）" if who else "已签字"
        else:
            status = "草稿（未签字）"
        return HandoverHeader(
            outgoing=log.duty_manager.name,
            incoming=log.incoming_duty_manager.name if log.incoming_duty_manager else None,
            status=status, shift_time=f"{log.shift_start}–{log.shift_end}",
            audit={"log_id": log.id})


def _section_missing(scope: LogScope) -> Iterable[Section]:
    if scope.log is None and not scope.logs:
        yield TextSection("值班日志", ("本班没有值班日志。",))


# --- formatting helpers ------------------------------------------------------------------------


def _hm(t: dt.datetime | None, day: dt.date | None = None) -> str:
    """'14:20' on the report date, '11-23 08:10' on another day, '' for None."""
    if t is None:
        return ""
    if day is not None and t.date() == day:
        return t.strftime("%H:%M")
    return t.strftime("%m-%d %H:%M")


def _md(d: dt.date, day: dt.date) -> str:
    """'11-21' in the report's year (a narrow column on paper), else '2025-12-31'."""
    return d.strftime("%m-%d") if d.year == day.year else d.isoformat()


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


def _section_overview(scope: LogScope) -> Iterable[Section]:
    log = scope.log
    assert log is not None
    f = log.effective
    items = [("天气", f.weather), ("客流量", _num(f.customer_flow, " 人")),
             ("办理业务人数", _num(f.served_count, " 人"))]
    if log.meeting.held:
        items.append(("晨会", _meeting(log)))
    if f.business_notes:
        items.append(("业务量情况", f.business_notes))
    # the people on duty and absent belong to the same block (one heading less on the page)
    items += [(f"在岗（{len(log.staff_on_duty)}人）", _names(log.staff_on_duty) or "未登记"),
              (f"缺勤（{len(log.staff_absent)}人）", _absent(log) or "无")]
    # Three short figures to a row; the writer gives long values (晨会) a row of their own.
    yield KeyValueSection("当班概况", tuple(items), columns=3)


def _section_checklist(scope: LogScope) -> Iterable[Section]:
    """Counts plus only the items not done on time (late, skipped, not done and due): what the
    two signing managers must see; an unsigned log's items not yet due are only counted.
    The full list is the daily report's 工作流程检查 sheet."""
    log = scope.log
    assert log is not None

    def listed(e: ChecklistEntryView) -> bool:
        if e.status == ItemStatus.PENDING:
            return log.signed or e.flag == Flag.OVERDUE
        return e.late or e.status == ItemStatus.SKIPPED

    rows = tuple(
        (str(i), e.title, _hm(e.target_at, scope.date), entry_state(e),
         _hm(e.done_at, scope.date) if e.status != ItemStatus.PENDING else "",
         (e.done_by.name if e.done_by else "") + (f"（{e.skip_reason}）" if e.skip_reason else ""))
        for i, e in enumerate(log.checklist, start=1) if listed(e))
    done, late, skipped, pending = checklist_counts(log)
    total = len(log.checklist)
    not_due = sum(1 for e in log.checklist if e.status == ItemStatus.PENDING and not listed(e))
    counts = (f"共 {total} 项：按时完成 {done}，延迟完成 {late}，已跳过 {skipped}，未完成 {pending}"
              + (f"（其中 {not_due} 项未到计划时间）" if not_due else ""))
    if not total:
        empty = "本班无检查项"
    elif done == total:
        empty = f"共 {total} 项，全部按时完成。"
    else:
        empty = f"{counts}。"
    yield TableSection("值班工作流程检查", ("序号", "项目", "计划时间", "状态", "完成时间", "执行人/说明"),
                       rows, col_widths=(0.6, 3.8, 1.0, 1.7, 1.0, 3.1), empty_text=empty,
                       note=f"{counts}；表中只列出未按时完成的项目。" if rows else None)


def _section_inspections(scope: LogScope) -> Iterable[Section]:
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


def _section_faults(scope: LogScope) -> Iterable[Section]:
    log = scope.log
    assert log is not None
    rows = tuple((f.what, f.location, _hm(f.since, scope.date), f.status_label,
                  _fault_reported(f, scope.date), f.note) for f in log.faults)
    yield TableSection("设备故障", ("设备/故障", "位置", "发生时间", "状态", "报修对象及时间", "说明"),
                       rows, col_widths=(2.4, 1.3, 1.2, 1.0, 2.0, 2.4),
                       empty_text="本班无设备故障")


def _section_handover(scope: LogScope) -> Iterable[Section]:
    log = scope.log
    assert log is not None
    rows = tuple((str(i), h.text, _ack(h, scope.date))
                 for i, h in enumerate(log.handover_out, start=1))
    yield TableSection(f"交接事项（交 {log.next_shift_name}）", ("序号", "事项", "接班确认"), rows,
                       col_widths=(0.6, 5.5, 3.2), empty_text="本班无移交事项")
    if log.handover_in:
        rows_in = tuple((f"{_md(h.from_date, scope.date)} {h.from_shift_name}", h.text,
                         _ack(h, scope.date)) for h in log.handover_in)
        yield TableSection("上一班交来事项", ("来自", "事项", "确认情况"), rows_in,
                           col_widths=(1.3, 5.8, 2.2))


def _section_texts(scope: LogScope) -> Iterable[Section]:
    log = scope.log
    assert log is not None
    f = log.effective
    if f.incidents:
        yield TextSection("突发事件", (f.incidents,))
    if f.opinions:
        yield TextSection("客户意见和建议", (f.opinions,))
    yield TextSection("交下一班注意事项", (f.next_shift_notes,), empty_text="无")


def _section_amendments(scope: LogScope) -> Iterable[Section]:
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
_TEXT_W = 50


def _sheet_summary(scope: LogScope) -> Iterable[ReportSheet]:
    """The figures of the day, one record per shift, printed as a form (one column per shift,
    one row per figure: portrait A4 in legible type); long texts go to the 值班记录 sheet."""
    cols = (
        Column("班次"), Column("值班经理"), Column("状态"),
        Column("天气"), Column("客流量", ColumnKind.INT), Column("办理业务人数", ColumnKind.INT),
        Column("在岗人数", ColumnKind.INT), Column("缺勤人数", ColumnKind.INT),
        Column("检查项已完成", ColumnKind.INT), Column("延迟完成", ColumnKind.INT),
        Column("已跳过", ColumnKind.INT), Column("未完成", ColumnKind.INT),
        Column("未修复故障", ColumnKind.INT), Column("交接事项", ColumnKind.INT),
        Column("晨会", max_width=_NOTE_W), Column("签字人"),
        Column("签字时间", ColumnKind.TIME), Column("更正次数", ColumnKind.INT),
        Column("交下一班注意事项", max_width=_NOTE_W),
    )
    rows = []
    for log in scope.logs:
        f = log.effective
        done, late, skipped, pending = checklist_counts(log)
        rows.append((
            log.shift_name, log.duty_manager.name, log.status.label, f.weather,
            f.customer_flow, f.served_count, len(log.staff_on_duty), len(log.staff_absent),
            done, late, skipped, pending, sum(1 for x in log.faults if x.is_open),
            len(log.handover_out), _meeting(log, topics=False),
            log.signed_by.name if log.signed_by else "", log.signed_at, len(log.amendments),
            f.next_shift_notes,
        ))
    yield ReportSheet("值班日志汇总", "值班日志汇总", cols, tuple(rows),
                      empty_text="当日无值班日志", transpose=True)


def _sheet_texts(scope: LogScope) -> Iterable[ReportSheet]:
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


def _sheet_checklist(scope: LogScope) -> Iterable[ReportSheet]:
    cols = (Column("班次"), Column("序号", ColumnKind.INT), Column("项目", max_width=36),
            Column("计划时间", ColumnKind.TIME), Column("状态"),
            Column("完成时间", ColumnKind.TIME), Column("执行人"),
            Column("跳过原因", max_width=_NOTE_W))
    rows = tuple(
        (log.shift_name, i, e.title, e.target_at, entry_state(e),
         e.done_at if e.status != ItemStatus.PENDING else None,
         e.done_by.name if e.done_by else "", e.skip_reason)
        for log in scope.logs for i, e in enumerate(log.checklist, start=1))
    if scope.logs:
        yield ReportSheet("工作流程检查", "值班工作流程检查明细", cols, rows,
                          empty_text="当日无检查项")


def _sheet_faults(scope: LogScope) -> Iterable[ReportSheet]:
    cols = (Column("设备/故障", max_width=_NOTE_W), Column("位置"),
            Column("发生时间", ColumnKind.TIME), Column("状态"), Column("报修对象"),
            Column("报修时间", ColumnKind.TIME), Column("修复时间", ColumnKind.TIME),
            Column("说明", max_width=_NOTE_W), Column("所在班次"))
    seen: dict[int, tuple[FaultView, list[str]]] = {}
    for log in scope.logs:
        for f in log.faults:
            seen.setdefault(f.id, (f, []))[1].append(log.shift_name)
    rows = tuple((f.what, f.location, f.since, f.status_label, f.reported_to, f.reported_at,
                  f.repaired_at, f.note, "、".join(shifts)) for f, shifts in seen.values())
    if scope.logs:
        yield ReportSheet("设备故障", "设备故障", cols, rows, empty_text="当日无设备故障")


def _sheet_handover(scope: LogScope) -> Iterable[ReportSheet]:
    cols = (Column("交出班次"), Column("交出人"), Column("事项", max_width=40),
            Column("交给"), Column("确认人"), Column("确认时间", ColumnKind.TIME))
    rows = tuple(
        (log.shift_name, log.duty_manager.name, h.text,
         f"{h.target_date.isoformat()} {h.target_shift_name}",
         h.ack_by.name if h.ack_by else "", h.ack_at)
        for log in scope.logs for h in log.handover_out)
    if scope.logs:
        yield ReportSheet("交接事项", "交接事项", cols, rows, empty_text="当日无交接事项")



