"""The duty log plugged into the framework (named once, in ``hallmanager.registry``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from hallmanager.domain.errors import DomainError
from hallmanager.domain.roles import Action
from hallmanager.domain.texts import QT_TRANSLATE_NOOP, Text
from hallmanager.services.dutylog.reports import DutyLogReports
from hallmanager.services.dutylog.service import DutyLogService
from hallmanager.services.modules import CoreServices, ModuleParts, no_own_outputs

AUDIT_ENTITIES = {
    "duty_log": QT_TRANSLATE_NOOP("audit", "值班日志"),
    "duty_log_checklist_entry": QT_TRANSLATE_NOOP("audit", "工作流程项"),
    "duty_log_inspection": QT_TRANSLATE_NOOP("audit", "环境设施检查"),
    "dutylog_settings": QT_TRANSLATE_NOOP("audit", "值班日志设置"),
    "checklist_template": QT_TRANSLATE_NOOP("audit", "工作流程模板"),
    "handover_item": QT_TRANSLATE_NOOP("audit", "交接事项"),
    "equipment_fault": QT_TRANSLATE_NOOP("audit", "设备故障"),
}
AUDIT_ACTIONS = {
    "sign": QT_TRANSLATE_NOOP("audit", "签字"),
    "amend": QT_TRANSLATE_NOOP("audit", "更正"),
    "update_draft": QT_TRANSLATE_NOOP("audit", "修改草稿"),
    "check": QT_TRANSLATE_NOOP("audit", "勾选"),
    "reset": QT_TRANSLATE_NOOP("audit", "撤销勾选"),
    "skip": QT_TRANSLATE_NOOP("audit", "跳过"),
    "acknowledge": QT_TRANSLATE_NOOP("audit", "确认接收"),
    "repair": QT_TRANSLATE_NOOP("audit", "修复"),
}


def build(core: CoreServices) -> ModuleParts:
    service = DutyLogService(core.ctx, core.auth.recheck_password)
    reports = DutyLogReports(service)

    def status(now: dt.datetime) -> Iterator[Text]:
        """The 今日 header: this shift's duty manager and whether the log is signed."""
        if not core.ctx.auth.may(Action.VIEW_DUTY_LOG):
            return
        try:
            log = service.current_log(now)
        except DomainError:
            return
        if log is None:
            yield Text(QT_TRANSLATE_NOOP("AttentionText", "本班值班日志尚未创建"))
        elif log.signed:
            yield Text(QT_TRANSLATE_NOOP("AttentionText", "值班经理：%1（日志已签字）"),
                       (log.duty_manager.name,))
        else:
            yield Text(QT_TRANSLATE_NOOP("AttentionText", "值班经理：%1（日志草稿）"),
                       (log.duty_manager.name,))

    return ModuleParts(
        service=service, today=service.attention, today_status=status,
        sheets=reports.sheets(), sections=reports.sections(), header=reports.header,
        audit_entities=AUDIT_ENTITIES, audit_actions=AUDIT_ACTIONS,
        samples=no_own_outputs)  # its outputs are the daily workbook and handover sheet
