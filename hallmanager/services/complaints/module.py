"""The complaint register plugged into the framework (named once, in ``hallmanager.registry``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from hallmanager.domain.complaints.rules import Urgency
from hallmanager.domain.roles import Action
from hallmanager.domain.texts import QT_TRANSLATE_NOOP, Text
from hallmanager.services.complaints import samples
from hallmanager.services.complaints.reports import ComplaintReports
from hallmanager.services.complaints.service import ComplaintService
from hallmanager.services.modules import CoreServices, ModuleParts

AUDIT_ENTITIES = {
    "complaint": QT_TRANSLATE_NOOP("audit", "投诉"),
    "complaint_settings": QT_TRANSLATE_NOOP("audit", "投诉设置"),
    "complaint_playbook": QT_TRANSLATE_NOOP("audit", "投诉应对建议"),
}
AUDIT_ACTIONS = {
    "register": QT_TRANSLATE_NOOP("audit", "登记"),
    "import": QT_TRANSLATE_NOOP("audit", "导入"),
    "start": QT_TRANSLATE_NOOP("audit", "开始处理"),
    "reply": QT_TRANSLATE_NOOP("audit", "答复客户"),
    "escalate": QT_TRANSLATE_NOOP("audit", "升级"),
    "reopen": QT_TRANSLATE_NOOP("audit", "重新处理"),
    "pause": QT_TRANSLATE_NOOP("audit", "等待客户"),
    "resume": QT_TRANSLATE_NOOP("audit", "恢复计时"),
    "callback": QT_TRANSLATE_NOOP("audit", "回访"),
    "close": QT_TRANSLATE_NOOP("audit", "归档"),
    "note": QT_TRANSLATE_NOOP("audit", "处理记录"),
    "assign": QT_TRANSLATE_NOOP("audit", "转交处理人"),
    "unmask": QT_TRANSLATE_NOOP("audit", "查看完整个人信息"),
    "unmask_list": QT_TRANSLATE_NOOP("audit", "查看完整列表"),
    "seed": QT_TRANSLATE_NOOP("audit", "初始化"),
}


def build(core: CoreServices) -> ModuleParts:
    service = ComplaintService(core.ctx)
    reports = ComplaintReports(service)

    def status(now: dt.datetime) -> Iterator[Text]:
        """The 今日 header: how many complaints are overdue (never hidden)."""
        if not core.ctx.auth.may(Action.VIEW_COMPLAINTS):
            return
        rows = service.due_items(now)
        overdue = sum(1 for r in rows if r.urgency == Urgency.OVERDUE)
        if overdue:
            yield Text(QT_TRANSLATE_NOOP("AttentionText", "投诉超时 %1 条"), (str(overdue),))

    def write_samples(folder: Path) -> list[Path]:
        """This module's own outputs for the self-test (looked up when called)."""
        return samples.write_samples(service, folder)

    return ModuleParts(
        service=service, today=service.attention, today_status=status,
        sheets=reports.sheets(), sections=reports.sections(),
        audit_entities=AUDIT_ENTITIES, audit_actions=AUDIT_ACTIONS, samples=write_samples)
