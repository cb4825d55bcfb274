"""The cash module plugged into the framework (named once, in ``hallmanager.registry``)."""

from __future__ import annotations

from pathlib import Path

from hallmanager.domain.texts import QT_TRANSLATE_NOOP
from hallmanager.services.cash import samples
from hallmanager.services.cash.reports import CashReports
from hallmanager.services.cash.service import CashService
from hallmanager.services.modules import CoreServices, ModuleParts

AUDIT_ENTITIES = {
    "till_count": QT_TRANSLATE_NOOP("audit", "款箱清点"),
    "cash_movement": QT_TRANSLATE_NOOP("audit", "现金存取"),
    "cash_day_close": QT_TRANSLATE_NOOP("audit", "日结解款"),
    "invoice_range": QT_TRANSLATE_NOOP("audit", "发票收据交接"),
    "cash_settings": QT_TRANSLATE_NOOP("audit", "现金交接设置"),
}
AUDIT_ACTIONS = {
    "hand_over": QT_TRANSLATE_NOOP("audit", "交出确认"),
    "confirm": QT_TRANSLATE_NOOP("audit", "接收确认"),
    "confirm_many": QT_TRANSLATE_NOOP("audit", "批量确认（演示数据）"),
    "confirm_failed": QT_TRANSLATE_NOOP("audit", "确认失败"),
    "return": QT_TRANSLATE_NOOP("audit", "退回重点"),
    "review": QT_TRANSLATE_NOOP("audit", "复核"),
    "reverse": QT_TRANSLATE_NOOP("audit", "冲正"),
    "reverse_failed": QT_TRANSLATE_NOOP("audit", "冲正失败"),
    "close": QT_TRANSLATE_NOOP("audit", "日结"),
}


def build(core: CoreServices) -> ModuleParts:
    service = CashService(core.ctx, core.auth.recheck_password)
    reports = CashReports(service)

    def write_samples(folder: Path) -> list[Path]:
        """This module's own outputs for the self-test (looked up when called)."""
        return samples.write_samples(service, folder)

    return ModuleParts(service=service, today=service.attention, sheets=reports.sheets(),
                       sections=reports.sections(), audit_entities=AUDIT_ENTITIES,
                       audit_actions=AUDIT_ACTIONS, samples=write_samples)
