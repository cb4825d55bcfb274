"""Views → the plain data the emergency writers take (the exporters know no service)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from hallmanager.domain.money import format_fen
from hallmanager.exporters.incident_pdf import IncidentReport
from hallmanager.exporters.list_excel import Fen, ListSheet, ListWorkbook
from hallmanager.services.emergency.views import RunStepView, RunView


def _when(t: dt.datetime | None) -> str:
    return f"{t:%Y-%m-%d %H:%M:%S}" if t else ""


def _outcome(x: RunStepView) -> str:
    """'已完成 2026-11-22 09:01:00 张三' / '已跳过：原因（2026-11-22 09:01:00 张三）'."""
    if x.state.value == "done":
        return f"已完成 {_when(x.at)} {x.by}"
    if x.state.value == "skipped":
        return f"已跳过：{x.skip_reason}（{_when(x.at)} {x.by}）"
    return "未完成"


def incident_report(v: RunView, *, hall_name: str, printed_at: dt.datetime,
                    printed_by: str) -> IncidentReport:
    head = (("预案", v.plan_name), ("版本", f"第 {v.version} 版"),
            ("类别", v.kind_label), ("状态", v.state_label),
            ("开始", f"{_when(v.started_at)} {v.started_by}"),
            ("结束", f"{_when(v.finished_at)} {v.finished_by}" if v.finished_at else "进行中"),
            ("用时", v.duration_text or f"{v.elapsed(printed_at)}（进行中）"),
            ("步骤", f"完成 {v.done_steps}/{len(v.steps)}"))
    steps = tuple((str(x.position), x.title + (f"（{x.note}）" if x.note else ""), x.role,
                   _outcome(x)) for x in v.steps)
    notes = tuple((_when(n.at), n.by, n.text) for n in v.notes)
    papers = tuple((str(i), p.customer_name, p.number, p.business, format_fen(p.amount_fen),
                    p.contact, f"{p.created_at:%m-%d %H:%M} {p.created_by}",
                    f"{p.entered_at:%m-%d %H:%M} {p.entered_by}" if p.entered_at else "未补录")
                   for i, p in enumerate(v.papers, start=1))
    summary = [("原因", v.cause), ("用时", v.duration_text), ("损失", v.losses or "无"),
               ("后续措施", v.follow_up or "无")]
    if v.open_papers_note:
        summary.append(("未补录说明", v.open_papers_note))
    if v.open:
        summary = [("说明", "本次应急处置尚未结束，小结待填写")]
    return IncidentReport(
        hall_name=hall_name, number=v.id, title=v.title, head=head, steps=steps, notes=notes,
        papers=papers, summary=tuple(summary), printed_at=printed_at, printed_by=printed_by,
        paper_registrations=v.paper_registrations)


RUN_HEADERS = ("编号", "预案", "版本", "类别", "开始", "启动人", "结束", "结束人", "用时（分钟）",
               "完成步骤", "跳过步骤", "纸质登记", "未补录", "原因", "损失", "后续措施",
               "未补录说明", "步骤明细")
PAPER_HEADERS = ("应急编号", "客户", "号码", "业务", "金额", "联系方式", "登记时间", "登记人",
                 "补录时间", "补录人")


def workbook(runs: Sequence[RunView], *, hall_name: str, start: dt.date, end: dt.date,
             generated_at: dt.datetime, generated_by: str) -> ListWorkbook:
    period = start.isoformat() if start == end else f"{start.isoformat()} 至 {end.isoformat()}"
    rows = []
    for v in runs:
        skipped = sum(1 for x in v.steps if x.state.value == "skipped")
        detail = "\n".join(f"{x.position}. {x.title}：{_outcome(x)}" for x in v.steps)
        rows.append((v.id, v.plan_name, v.version, v.kind_label, v.started_at, v.started_by,
                     v.finished_at or "进行中", v.finished_by,
                     round(v.duration_s / 60) if v.duration_s is not None else "",
                     v.done_steps - skipped, skipped, len(v.papers), v.open_papers, v.cause,
                     v.losses, v.follow_up, v.open_papers_note, detail))
    papers = tuple((v.id, p.customer_name, p.number, p.business, Fen(p.amount_fen), p.contact,
                    p.created_at, p.created_by, p.entered_at or "未补录", p.entered_by)
                   for v in runs for p in v.papers)
    return ListWorkbook(hall_name, "应急事件", period, (
        ListSheet("应急事件", RUN_HEADERS, tuple(rows)),
        ListSheet("纸质登记", PAPER_HEADERS, papers)), generated_at, generated_by, max_width=50)
