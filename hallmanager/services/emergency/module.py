"""The emergency module plugged into the framework (named once, in ``hallmanager.registry``)."""

from __future__ import annotations

from pathlib import Path

from hallmanager.domain.texts import QT_TRANSLATE_NOOP
from hallmanager.services.emergency import samples
from hallmanager.services.emergency.reports import EmergencyReports
from hallmanager.services.emergency.service import EmergencyService
from hallmanager.services.modules import CoreServices, ModuleParts

AUDIT_ENTITIES = {
    "emergency_run": QT_TRANSLATE_NOOP("audit", "应急预案执行"),
    "emergency_plan": QT_TRANSLATE_NOOP("audit", "应急预案"),
    "emergency_paper": QT_TRANSLATE_NOOP("audit", "停机纸质登记"),
    "emergency_settings": QT_TRANSLATE_NOOP("audit", "应急联系人"),
}
AUDIT_ACTIONS = {
    "run_start": QT_TRANSLATE_NOOP("audit", "启动应急预案"),
    "step_check": QT_TRANSLATE_NOOP("audit", "完成步骤"),
    "step_skip": QT_TRANSLATE_NOOP("audit", "跳过步骤"),
    "run_note": QT_TRANSLATE_NOOP("audit", "应急备注"),
    "paper_enter": QT_TRANSLATE_NOOP("audit", "补录进系统"),
    "run_finish": QT_TRANSLATE_NOOP("audit", "结束应急预案"),
    "plan_seed": QT_TRANSLATE_NOOP("audit", "写入默认预案"),
    "plan_version": QT_TRANSLATE_NOOP("audit", "修改（新版本）"),
    "plan_reorder": QT_TRANSLATE_NOOP("audit", "调整顺序"),
    "plan_retire": QT_TRANSLATE_NOOP("audit", "停用预案"),
    "plan_restore": QT_TRANSLATE_NOOP("audit", "恢复预案"),
}


def build(core: CoreServices) -> ModuleParts:
    service = EmergencyService(core.ctx)
    reports = EmergencyReports(service)

    def write_samples(folder: Path) -> list[Path]:
        """This module's own outputs for the self-test (looked up when called)."""
        return samples.write_samples(service, folder)

    return ModuleParts(service=service, today=service.attention, sheets=reports.sheets(),
                       sections=reports.sections(), audit_entities=AUDIT_ENTITIES,
                       audit_actions=AUDIT_ACTIONS, samples=write_samples)
