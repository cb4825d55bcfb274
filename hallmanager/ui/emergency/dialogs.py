"""Small dialogs of the 应急预案 tab: skip a step, register a customer on paper, finish."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

from hallmanager.ui.common.forms import FormDialog

if TYPE_CHECKING:
    from hallmanager.services.emergency import EmergencyService
    from hallmanager.services.emergency.views import RunStepView, RunView


def _line(parent: QWidget, name: str, max_len: int, placeholder: str = "") -> QLineEdit:
    e = QLineEdit(parent)
    e.setObjectName(name)
    e.setMaxLength(max_len)
    if placeholder:
        e.setPlaceholderText(placeholder)
    return e


class SkipDialog(FormDialog):
    """Skipping a step needs a reason (recorded with time and person)."""

    def __init__(self, parent: QWidget, svc: EmergencyService, run_id: int,
                 step: RunStepView) -> None:
        super().__init__(parent, self.tr("跳过步骤"), "skipStepDialog",
                         ok_text=self.tr("跳过"))
        self.svc, self.run_id, self.step = svc, run_id, step
        self.add_intro(self.tr("第 {0} 步：{1}").format(step.position, step.title))
        self.reason = _line(self, "skipReason", 300, self.tr("为什么跳过（必填）"))
        self.form.addRow(self.tr("原因"), self.reason)

    def problem(self) -> str | None:
        return None if self.reason.text().strip() else self.tr("请填写跳过的原因")

    def call(self) -> Any:
        return self.svc.skip_step(self.run_id, self.step.position, self.reason.text())


class PaperDialog(FormDialog):
    """A customer served on paper: name, number, business, amount, contact."""

    def __init__(self, parent: QWidget, svc: EmergencyService, run_id: int) -> None:
        super().__init__(parent, self.tr("纸质登记"), "paperDialog", ok_text=self.tr("登记"))
        self.svc, self.run_id = svc, run_id
        self.name = _line(self, "paperName", 60)
        self.number = _line(self, "paperNumber", 30, self.tr("办理业务的号码"))
        self.business = _line(self, "paperBusiness", 200, self.tr("例：补卡、缴费、套餐变更"))
        self.amount = _line(self, "paperAmount", 20, self.tr("收款金额，没有可不填"))
        self.contact = _line(self, "paperContact", 30, self.tr("回电号码"))
        self.form.addRow(self.tr("客户姓名"), self.name)
        self.form.addRow(self.tr("号码"), self.number)
        self.form.addRow(self.tr("业务"), self.business)
        self.form.addRow(self.tr("金额（元）"), self.amount)
        self.form.addRow(self.tr("联系方式"), self.contact)
        self.add_hint(self.tr("客户信息在列表、打印和导出中遮盖显示；系统恢复后逐条补录并标记。"))

    def call(self) -> Any:
        return self.svc.add_paper(self.run_id, customer_name=self.name.text(),
                                  number=self.number.text(), business=self.business.text(),
                                  amount=self.amount.text(), contact=self.contact.text())


class FinishDialog(FormDialog):
    """The summary: cause, losses, follow-up (the duration is measured); a note when some
    paper registrations are still not entered into BOSS."""

    def __init__(self, parent: QWidget, svc: EmergencyService, run: RunView,
                 elapsed: str) -> None:
        super().__init__(parent, self.tr("结束预案"), "finishRunDialog",
                         ok_text=self.tr("结束"), min_width=520)
        self.svc, self.run = svc, run
        self.add_intro(self.tr("{0}，已进行 {1}。结束后记录不能再修改。").format(run.title, elapsed))
        self.cause = _line(self, "finishCause", 500, self.tr("必填"))
        self.losses = _line(self, "finishLosses", 500, self.tr("无损失可填“无”"))
        self.follow_up = QPlainTextEdit(self)
        self.follow_up.setObjectName("finishFollowUp")
        self.follow_up.setTabChangesFocus(True)
        self.follow_up.setFixedHeight(60)
        self.form.addRow(self.tr("原因"), self.cause)
        self.form.addRow(self.tr("损失"), self.losses)
        self.form.addRow(self.tr("后续措施"), self.follow_up)
        self.papers_note = _line(self, "finishPapersNote", 500)
        if run.open_papers:
            label = QLabel(self.tr("未补录说明（{0} 条）").format(run.open_papers), self)
            self.form.addRow(label, self.papers_note)
        else:
            self.papers_note.hide()

    def call(self) -> Any:
        return self.svc.finish(self.run.id, cause=self.cause.text(),
                               losses=self.losses.text(),
                               follow_up=self.follow_up.toPlainText()[:500],
                               open_papers_note=self.papers_note.text())
