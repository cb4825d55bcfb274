"""扣款规则: the hall manager edits the fine rules as a new version from a date (a closed
month never changes). Tiers are edited as lines "上限分钟 金额" ('-' = no upper bound)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from hallmanager.domain.attendance.fines import Item, format_tier_lines, parse_tier_lines
from hallmanager.domain.money import format_fen, parse_yuan
from hallmanager.ui.common.editors import DateEdit
from hallmanager.ui.common.forms import FormDialog

if TYPE_CHECKING:
    from hallmanager.app import Services


def _yuan(fen: int) -> str:
    return format_fen(fen, symbol=False).replace(",", "")


class RulesDialog(FormDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent, self.tr("扣款规则"), "rulesDialog",
                         ok_text=self.tr("保存为新版本"), min_width=520)
        self.svc = services.attendance
        today = services.ctx.clock.now().date()
        current = self.svc.rules_on(today)
        r = current.rules
        self.add_intro(self.tr("当前生效：第 {0} 版（自 {1} 起）。保存后成为新版本，从所选日期起生效；"
                               "已月结的月份不受影响。").format(current.version,
                                                      current.effective_from.isoformat()))
        self.effective = DateEdit(self, value=today.replace(day=1) + dt.timedelta(days=32))
        self.effective.set_date_value((today.replace(day=1) + dt.timedelta(days=32)).replace(day=1))
        self.effective.setObjectName("rulesFrom")
        self.late = QPlainTextEdit(format_tier_lines(r.late_tiers), self)
        self.late.setObjectName("lateTiers")
        self.early = QPlainTextEdit(format_tier_lines(r.early_tiers), self)
        self.early.setObjectName("earlyTiers")
        for e in (self.late, self.early):
            e.setFixedHeight(76)
        self.grace = QSpinBox(self)
        self.grace.setObjectName("graceMinutes")
        self.grace.setRange(0, 30)
        self.grace.setSuffix(self.tr(" 分钟"))
        self.grace.setValue(r.grace_seconds // 60)
        self.items: dict[Item, QLineEdit] = {}
        for item in (Item.ABSENT, Item.LEFT_POST, Item.NO_UNIFORM):
            e = QLineEdit(_yuan(r.item_fine(item)), self)
            e.setObjectName(f"item_{item.value}")
            self.items[item] = e
        self.leave_limit = QSpinBox(self)
        self.leave_limit.setRange(0, 31)
        self.leave_limit.setValue(r.monthly_leave_limit)
        self.leave_fine = QLineEdit(_yuan(r.monthly_leave_fine_fen), self)
        self.note = QLineEdit(self)
        self.note.setMaxLength(200)
        self.form.addRow(self.tr("生效日期"), self.effective)
        self.form.addRow(self.tr("迟到档次（上限分钟 金额元）"), self.late)
        self.form.addRow(self.tr("早退档次（上限分钟 金额元）"), self.early)
        self.form.addRow(self.tr("宽限"), self.grace)
        for item, e in self.items.items():
            self.form.addRow(self.tr("{0}（元/次）").format(item.label), e)
        self.form.addRow(self.tr("每月请假超过（次）"), self.leave_limit)
        self.form.addRow(self.tr("请假超次扣款（元）"), self.leave_fine)
        self.form.addRow(self.tr("修改说明"), self.note)
        self.add_hint(self.tr("档次示例：“30 50”表示 30 分钟以内（含）扣 50 元；最后一行写“- 200”表示"
                              "超过上一档即扣 200 元。迟到 30:00 属第一档，30:01 属第二档。"))
        self._current = r

    def built(self) -> Any:
        """The rule set the form describes (raises ValidationError naming the field)."""
        items = dict(self._current.items)
        for item, e in self.items.items():
            items[item] = parse_yuan(e.text())
        return dataclasses.replace(
            self._current, effective_from=self.effective.date_value(),
            late_tiers=parse_tier_lines(self.late.toPlainText(), label="迟到档次"),
            early_tiers=parse_tier_lines(self.early.toPlainText(), label="早退档次"),
            grace_seconds=self.grace.value() * 60, items=items,
            monthly_leave_limit=self.leave_limit.value(),
            monthly_leave_fine_fen=parse_yuan(self.leave_fine.text()))

    def call(self) -> Any:
        return self.svc.save_rules(self.built(), note=self.note.text())
