"""The emergency module's report providers: open runs on the shift handover sheet (the next
duty manager takes them over) and the day's runs in the daily report (应急事件 sheet)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from hallmanager.domain.emergency.rules import elapsed_text
from hallmanager.domain.roles import Action
from hallmanager.exporters.data import Column, ColumnKind, ReportSheet, Section, TableSection
from hallmanager.services.reports import Provider, ReportScope
from hallmanager.storage.emergency import repository as repo

if TYPE_CHECKING:
    from hallmanager.services.emergency.service import EmergencyService

SHEET_COLUMNS = (Column("编号", ColumnKind.INT), Column("预案"), Column("版本"),
                 Column("类别"), Column("开始", ColumnKind.DATETIME), Column("启动人"),
                 Column("结束"), Column("用时"), Column("步骤"),
                 Column("纸质登记"), Column("原因"), Column("损失"), Column("后续措施"))


class EmergencyReports:
    def __init__(self, service: EmergencyService) -> None:
        self.service = service

    def sheets(self) -> list[Provider]:
        return [Provider("emergency.runs", self.sheet, 80)]

    def sections(self) -> list[Provider]:
        return [Provider("emergency.open", self.section, 80)]

    def sheet(self, scope: ReportScope) -> Iterator[ReportSheet]:
        """Every run open at some moment of the day: one row each, with its id."""
        if not self.service.ctx.auth.may(Action.VIEW_EMERGENCY):
            return
        start = dt.datetime.combine(scope.date, dt.time())
        with self.service.ctx.db.read() as s:
            views = self.service._run_views(s, repo.runs_touching(
                s, start, start + dt.timedelta(days=1)))
        if not views:
            return
        rows = tuple((v.id, v.plan_name, f"第 {v.version} 版", v.kind_label, v.started_at,
                      v.started_by, f"{v.finished_at:%Y-%m-%d %H:%M}" if v.finished_at else "进行中",
                      v.duration_text or v.elapsed(scope.now),
                      f"{v.done_steps}/{len(v.steps)}",
                      f"{len(v.papers)} 条，未补录 {v.open_papers}" if v.papers else "",
                      v.cause, v.losses, v.follow_up) for v in views)
        yield ReportSheet("应急事件", "应急事件记录", SHEET_COLUMNS, rows)

    def section(self, scope: ReportScope) -> Iterator[Section]:
        """Runs still open when the sheet is printed (nothing when none)."""
        if not self.service.ctx.auth.may(Action.VIEW_EMERGENCY):
            return
        with self.service.ctx.db.read() as s:
            views = self.service._run_views(s, repo.open_runs(s))
        if not views:
            return
        rows = tuple((f"#{v.id} {v.plan_name}", v.kind_label,
                      f"{v.started_at:%m-%d %H:%M} {v.started_by}",
                      elapsed_text(v.started_at, scope.now), f"{v.done_steps}/{len(v.steps)}",
                      f"未补录 {v.open_papers} 条" if v.open_papers else "")
                     for v in views)
        yield TableSection("进行中的应急预案", ("预案", "类别", "开始", "已进行", "步骤",
                                               "纸质登记"), rows,
                           col_widths=(2.6, 0.9, 1.6, 1.3, 0.8, 1.6))
