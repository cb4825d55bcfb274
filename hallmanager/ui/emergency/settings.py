"""The emergency module's pages in 设置 (hall manager only): the plans (add, edit as a new
version, reorder, retire) and the contacts panel with the drills-per-quarter target.

Steps are edited as text, one step a line: ``内容 | 负责角色 | 备注`` (role and note optional),
so a plan of ten steps is typed or pasted in one go, by keyboard."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from hallmanager.domain.emergency.rules import StepDef
from hallmanager.domain.errors import ValidationError
from hallmanager.domain.roles import Action
from hallmanager.services.emergency.views import PlanView
from hallmanager.ui.common.errors import run_action
from hallmanager.ui.common.forms import FormDialog
from hallmanager.ui.emergency.models import ContactsModel, PlansModel
from hallmanager.ui.settings.section import ListSection, Section

if TYPE_CHECKING:
    from hallmanager.app import Services


def steps_text(plan: PlanView | None) -> str:
    if plan is None:
        return ""
    lines = []
    for s in plan.steps:
        line = s.title
        if s.note or s.role != "值班经理":
            line += f" | {s.role}"
        if s.note:
            line += f" | {s.note}"
        lines.append(line)
    return "\n".join(lines)


def parse_steps(text: str) -> list[StepDef]:
    """One step a line: ``内容 | 负责角色 | 备注``; blank lines ignored."""
    out = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.replace("｜", "|").split("|")]
        if len(parts) > 3:
            raise ValidationError(f"第 {len(out) + 1} 步的“|”过多：内容 | 负责角色 | 备注")
        title = parts[0]
        role = parts[1] if len(parts) > 1 and parts[1] else "值班经理"
        note = parts[2] if len(parts) > 2 else ""
        out.append(StepDef(title, role, note))
    return out


class PlanDialog(FormDialog):
    def __init__(self, services: Services, plan: PlanView | None, parent: QWidget) -> None:
        super().__init__(parent, self.tr("新增预案") if plan is None else self.tr("编辑预案"),
                         "planDialog", min_width=620)
        self.services, self.plan = services, plan
        self.name = QLineEdit(plan.name if plan else "", self)
        self.name.setObjectName("planName")
        self.name.setMaxLength(60)
        self.paper = QCheckBox(self.tr("停机期间做纸质登记（停电、系统故障类）"), self)
        self.paper.setObjectName("planPaper")
        self.paper.setChecked(bool(plan and plan.paper_registrations))
        self.steps = QPlainTextEdit(steps_text(plan), self)
        self.steps.setObjectName("planSteps")
        self.steps.setTabChangesFocus(True)
        self.steps.setMinimumHeight(240)
        self.form.addRow(self.tr("名称"), self.name)
        self.form.addRow("", self.paper)
        self.form.addRow(self.tr("步骤"), self.steps)
        self.add_hint(self.tr("每行一个步骤：内容 | 负责角色 | 备注（角色默认值班经理）。"
                              "保存为新版本，已执行的记录保留原版本。"))
        if plan is not None:
            self.add_intro(self.tr("当前第 {0} 版").format(plan.version))

    def call(self) -> Any:
        svc = self.services.emergency
        steps = parse_steps(self.steps.toPlainText())
        if self.plan is None:
            return svc.add_plan(self.name.text(), steps,
                                paper_registrations=self.paper.isChecked())
        return svc.edit_plan(self.plan.id, self.name.text(), steps,
                             paper_registrations=self.paper.isChecked())


class PlansSection(ListSection):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent, object_name="emergencyPlansSection",
                         title=self.tr("应急预案"),
                         banner_text=self.tr("只有厅经理可以修改应急预案。您当前只能查看。"),
                         model=PlansModel(), view_name="emergencyPlansView")
        self.view.doubleClicked.connect(lambda _i: self.edit())
        self.add_action(self.tr("新增预案…"), self.new_record, "addPlanButton")
        self.add_action(self.tr("编辑…"), self.edit, "editPlanButton", needs_selection=True)
        self.add_action(self.tr("上移"), lambda: self.move(-1), "planUpButton",
                        needs_selection=True)
        self.add_action(self.tr("下移"), lambda: self.move(1), "planDownButton",
                        needs_selection=True)
        self.retire_button = self.add_action(self.tr("停用"), self.toggle_retired,
                                             "retirePlanButton", needs_selection=True)

    @property
    def editable(self) -> bool:
        return self.services.ctx.auth.may(Action.EDIT_EMERGENCY_PLANS)

    def rows(self) -> list[PlanView]:
        return self.services.emergency.plans(include_retired=True)

    def _update_buttons(self) -> None:
        super()._update_buttons()
        p = self.selected()
        self.retire_button.setText(self.tr("恢复使用") if p is not None and p.retired
                                   else self.tr("停用"))

    def new_record(self) -> None:
        self.open_dialog(PlanDialog(self.services, None, self))

    def edit(self) -> None:
        p = self.selected()
        if p is not None and self.editable:
            self.open_dialog(PlanDialog(self.services, p, self))

    def move(self, delta: int) -> None:
        p = self.selected()
        if p is not None and run_action(self, self.services.emergency.move_plan, p.id, delta):
            self.refresh()
            for r in range(self.proxy.rowCount()):
                if self.proxy.row_at(self.proxy.index(r, 0)).id == p.id:
                    self.view.selectRow(r)

    def toggle_retired(self) -> None:
        p = self.selected()
        if p is not None and run_action(self, self.services.emergency.retire_plan, p.id,
                                        not p.retired):
            self.refresh()


class ContactsDialog(FormDialog):
    def __init__(self, services: Services, parent: QWidget) -> None:
        super().__init__(parent, self.tr("应急联系电话"), "contactsDialog", min_width=520)
        self.services = services
        current = services.emergency.settings()
        self.text = QPlainTextEdit("\n".join(f"{c.label} | {c.number}" for c in current.contacts),
                                   self)
        self.text.setObjectName("contactsText")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(200)
        self.target = QSpinBox(self)
        self.target.setObjectName("drillTarget")
        self.target.setRange(0, 30)
        self.target.setValue(current.drill_target)
        self.form.addRow(self.tr("联系电话"), self.text)
        self.form.addRow(self.tr("每季度演练目标（次）"), self.target)
        self.add_hint(self.tr("每行一个：名称 | 号码，例如：物业 | 0892-8826600"))

    def call(self) -> Any:
        pairs = []
        for line in self.text.toPlainText().splitlines():
            if line.strip():
                label, _sep, number = line.replace("｜", "|").partition("|")
                pairs.append((label.strip(), number.strip()))
        return self.services.emergency.save_settings(contacts=pairs,
                                                     drill_target=self.target.value())


class ContactsSection(ListSection):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent, object_name="emergencyContactsSection",
                         title=self.tr("应急联系电话"),
                         banner_text=self.tr("只有厅经理可以修改应急联系电话。您当前只能查看。"),
                         model=ContactsModel(), view_name="emergencyContactsView")
        self.add_action(self.tr("编辑…"), self.new_record, "editContactsButton")

    @property
    def editable(self) -> bool:
        return self.services.ctx.auth.may(Action.EDIT_EMERGENCY_PLANS)

    def rows(self) -> list[Any]:
        if not self.services.ctx.auth.may(Action.VIEW_EMERGENCY):
            return []
        return list(self.services.emergency.settings().contacts)

    def new_record(self) -> None:
        self.open_dialog(ContactsDialog(self.services, self))


def sections(services: Services, parent: QWidget) -> list[tuple[str, Section]]:
    """The 设置 pages of this module, in nav order."""
    return [(QCoreApplication.translate("PlansSection", "应急预案"),
             PlansSection(services, parent)),
            (QCoreApplication.translate("ContactsSection", "应急联系电话"),
             ContactsSection(services, parent))]
