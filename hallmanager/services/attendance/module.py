"""The attendance module plugged into the framework (named once, in ``hallmanager.registry``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from hallmanager.domain.errors import DomainError
from hallmanager.domain.texts import QT_TRANSLATE_NOOP, Text
from hallmanager.services.attendance import samples
from hallmanager.services.attendance.attention import attention_items, status_lines
from hallmanager.services.attendance.reports import AttendanceReports
from hallmanager.services.attendance.service import AttendanceService
from hallmanager.services.modules import CoreServices, ModuleParts
from hallmanager.services.today import AttentionItem

AUDIT_ENTITIES = {
    "attendance_staff": QT_TRANSLATE_NOOP("audit", "花名册"),
    "attendance_rota": QT_TRANSLATE_NOOP("audit", "排班"),
    "attendance_timetables": QT_TRANSLATE_NOOP("audit", "作息时间"),
    "attendance_holiday": QT_TRANSLATE_NOOP("audit", "节假日表"),
    "attendance_rules": QT_TRANSLATE_NOOP("audit", "扣款规则"),
    "attendance_punch": QT_TRANSLATE_NOOP("audit", "打卡记录"),
    "attendance_leave": QT_TRANSLATE_NOOP("audit", "请假"),
    "attendance_violation": QT_TRANSLATE_NOOP("audit", "违规登记"),
    "attendance_fine": QT_TRANSLATE_NOOP("audit", "扣款"),
    "attendance_month": QT_TRANSLATE_NOOP("audit", "考勤月结"),
}
AUDIT_ACTIONS = {
    "import": QT_TRANSLATE_NOOP("audit", "导入"),
    "seed": QT_TRANSLATE_NOOP("audit", "初始化"),
    "cancel": QT_TRANSLATE_NOOP("audit", "撤销"),
    "approve": QT_TRANSLATE_NOOP("audit", "批准"),
    "waive": QT_TRANSLATE_NOOP("audit", "免除"),
    "close": QT_TRANSLATE_NOOP("audit", "月结"),
}


def build(core: CoreServices) -> ModuleParts:
    service = AttendanceService(core.ctx)
    reports = AttendanceReports(service)

    def today(now: dt.datetime) -> list[AttentionItem]:
        return attention_items(service, now)

    def status(now: dt.datetime) -> Iterator[Text]:
        try:
            yield from status_lines(service, now)
        except DomainError:
            return

    def write_samples(folder: Path) -> list[Path]:
        """This module's own outputs for the self-test (looked up when called)."""
        return samples.write_samples(service, folder)

    return ModuleParts(service=service, today=today, today_status=status,
                       sheets=reports.sheets(), sections=reports.sections(),
                       audit_entities=AUDIT_ENTITIES, audit_actions=AUDIT_ACTIONS,
                       samples=write_samples)
