"""The complaints' part of the paper: open complaints with their deadlines on the handover
sheet, and a 投诉 sheet in the daily report (received / closed / overdue that day).

Customer names and phones are in columns marked ``Personal``: the writers mask them unless
the output is unmasked (hall manager, audited by the report service).
"""

from __future__ import annotations

from collections.abc import Iterable

from hallmanager.domain.roles import Action
from hallmanager.exporters.data import (
    Column,
    ColumnKind,
    Personal,
    ReportSheet,
    Section,
    TableSection,
)
from hallmanager.services.complaints.service import ComplaintService
from hallmanager.services.complaints.views import ComplaintRow
from hallmanager.services.reports import Provider, ReportScope

HANDOVER_LIMIT = 2  # the sheet is one A4 page: the most urgent, and how many more


def _deadline(c: ComplaintRow) -> str:
    d = c.deadline
    if d is None:
        return "等待客户"
    return f"{d:%m-%d %H:%M}" + ("（回访）" if c.status.value == "replied" else "")


def _flags(c: ComplaintRow) -> str:
    parts = [c.urgency.label]
    if c.escalation_threat or c.escalated:
        parts.append("升级")
    if c.repeat:
        parts.append("重复")
    if c.vip:
        parts.append("VIP")
    return "、".join(parts)


class ComplaintReports:
    def __init__(self, service: ComplaintService) -> None:
        self.service = service

    def sections(self) -> list[Provider]:
        return [Provider("complaints.open", self.handover_section, 70)]

    def sheets(self) -> list[Provider]:
        return [Provider("complaints.day", self.daily_sheet, 70)]

    def handover_section(self, scope: ReportScope) -> Iterable[Section]:
        if not self.service.ctx.auth.may(Action.VIEW_COMPLAINTS):
            return
        rows, total = self.service.open_rows(scope.now, limit=HANDOVER_LIMIT)
        if not rows:  # no open complaint: nothing on the paper (the sheet stays one page)
            return
        note = f"另有 {total - len(rows)} 条未结投诉，见投诉登记" if total > len(rows) else None
        yield TableSection(
            "未结投诉（承诺时限）",
            ("编号", "客户", "电话", "类别", "状态", "时限"),
            tuple((c.number, c.customer_name, c.phone, c.category,
                   f"{c.status.label}·{_flags(c)}", _deadline(c)) for c in rows),
            col_widths=(2.2, 0.9, 1.5, 1.1, 2.4, 1.7), note=note,
            personal=(None, Personal.NAME, Personal.PHONE, None, None, None))

    def daily_sheet(self, scope: ReportScope) -> Iterable[ReportSheet]:
        if not self.service.ctx.auth.may(Action.VIEW_COMPLAINTS):
            return
        received, closed, overdue = self.service.day_rows(scope.date)
        if not (received or closed or overdue):
            return
        rows: list[tuple] = []
        for what, cs in (("受理", received), ("归档", closed), ("超时未结", overdue)):
            for c in cs:
                rows.append((what, c.number, c.received_at, c.source.label, c.category,
                             c.customer_name, c.phone, c.status.label, c.deadline,
                             c.handler_name))
        yield ReportSheet(
            "投诉", f"投诉情况（受理 {len(received)} · 归档 {len(closed)} · 超时 {len(overdue)}）",
            (Column("情况", width=9), Column("编号", width=16),
             Column("受理时间", ColumnKind.DATETIME), Column("来源"), Column("类别"),
             Column("客户", personal=Personal.NAME), Column("电话", personal=Personal.PHONE),
             Column("状态"), Column("时限", ColumnKind.DATETIME), Column("处理人")),
            tuple(rows), empty_text="当日无投诉")
