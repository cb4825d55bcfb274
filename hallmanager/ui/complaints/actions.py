"""The small dialogs of the complaint workflow: a text for reply / escalate / reopen / pause /
resume / note / close, the call-back attempt, the hand-over to another handler.

Each is a FormDialog around one service call: a refused action (wrong state, missing reason)
shows the service's Chinese message in the red line and the dialog stays open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from hallmanager.domain.complaints.rules import CallResult, Satisfaction
from hallmanager.ui.common.forms import FormDialog

if TYPE_CHECKING:
    from hallmanager.services.complaints.service import ComplaintService
    from hallmanager.services.complaints.views import ComplaintView


class TextActionDialog(FormDialog):
    """One text (a reply, a reason, a note) handed to ``fn(text)``."""

    def __init__(self, parent: QWidget | None, *, title: str, label: str, object_name: str,
                 fn: Callable[[str], Any], ok_text: str, intro: str = "", hint: str = "",
                 multiline: bool = True, text: str = "") -> None:
        super().__init__(parent, title, object_name, ok_text=ok_text, min_width=480)
        if multiline:
            self.ok_button.setText(self.tr("{0}（Ctrl+Enter）").format(ok_text))
        self.fn = fn
        if intro:
            self.add_intro(intro)
        if multiline:
            self.text = QPlainTextEdit(text, self)
            self.text.setTabChangesFocus(True)
            self.text.setFixedHeight(110)
        else:
            self.text = QLineEdit(text, self)  # type: ignore[assignment]
            self.text.setMaxLength(200)  # type: ignore[attr-defined]
        self.text.setObjectName("actionText")
        self.form.addRow(label, self.text)
        if hint:
            self.add_hint(hint)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):  # Enter in the text is a new line
            QShortcut(QKeySequence(seq), self).activated.connect(self.submit)
        self.text.setFocus()

    def value(self) -> str:
        t = self.text
        return t.toPlainText() if isinstance(t, QPlainTextEdit) else t.text()

    def set_value(self, text: str) -> None:
        t = self.text
        if isinstance(t, QPlainTextEdit):
            t.setPlainText(text)
        else:
            t.setText(text)

    def call(self) -> Any:
        return self.fn(self.value())


class CallbackDialog(FormDialog):
    """One call-back attempt: no answer, busy, or answered with the customer's satisfaction
    (and the reason when not satisfied)."""

    def __init__(self, parent: QWidget | None, svc: ComplaintService,
                 complaint: ComplaintView) -> None:
        super().__init__(parent, self.tr("回访 {0}").format(complaint.number), "callbackDialog",
                         ok_text=self.tr("记录回访"), min_width=440)
        self.svc = svc
        self.complaint_id = complaint.id
        failed = complaint.failed_callbacks
        self.add_intro(self.tr("客户 {0}，电话 {1}。此前未接通 {2} 次。").format(
            complaint.customer_name, complaint.phone, failed)
            + (self.tr("（完整号码：在投诉详情中按“显示完整信息”）") if complaint.masked else ""))
        self.result_box = QComboBox(self)
        self.result_box.setObjectName("callbackResult")
        for r in CallResult:
            self.result_box.addItem(r.label, r.value)
        self.satisfaction = QComboBox(self)
        self.satisfaction.setObjectName("callbackSatisfaction")
        self.satisfaction.addItem(self.tr("（请选择）"), None)
        for s in Satisfaction:
            self.satisfaction.addItem(s.label, s.value)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("callbackReason")
        self.reason.setMaxLength(500)
        self.reason.setPlaceholderText(self.tr("不满意时必填"))
        self.form.addRow(self.tr("回访结果"), self.result_box)
        self.form.addRow(self.tr("满意度"), self.satisfaction)
        self.form.addRow(self.tr("原因 / 说明"), self.reason)
        self.add_hint(self.tr("已接通须选择满意度；不满意须填写原因。归档前须回访接通，"
                              "或三次未接通并填写说明。"))
        self.result_box.currentIndexChanged.connect(self._result_changed)
        self._result_changed()

    def _result_changed(self, *_a: Any) -> None:
        answered = self.result_box.currentData() == CallResult.ANSWERED.value
        self.satisfaction.setEnabled(answered)
        if not answered:
            self.satisfaction.setCurrentIndex(0)

    def set_result(self, result: CallResult, satisfaction: Satisfaction | None = None,
                   reason: str = "") -> None:
        """Fill the form (tests and keyboard users alike end up here)."""
        self.result_box.setCurrentIndex(self.result_box.findData(CallResult(result).value))
        if satisfaction is not None:
            self.satisfaction.setCurrentIndex(
                self.satisfaction.findData(Satisfaction(satisfaction).value))
        self.reason.setText(reason)

    def call(self) -> Any:
        sat = self.satisfaction.currentData()
        return self.svc.call_back(self.complaint_id, CallResult(self.result_box.currentData()),
                                  Satisfaction(sat) if sat else None, self.reason.text())


class AssignDialog(FormDialog):
    """Hand the complaint to another handler (and responsible department)."""

    def __init__(self, parent: QWidget | None, svc: ComplaintService,
                 complaint: ComplaintView) -> None:
        super().__init__(parent, self.tr("转交 {0}").format(complaint.number), "assignDialog",
                         ok_text=self.tr("转交"), min_width=420)
        self.svc = svc
        self.complaint_id = complaint.id
        self.handler = QComboBox(self)
        self.handler.setObjectName("assignHandler")
        for u in svc.handlers():
            self.handler.addItem(u.full_name, u.id)
        self.handler.setCurrentIndex(max(0, self.handler.findData(complaint.handler_id)))
        self.department = QLineEdit(complaint.department, self)
        self.department.setObjectName("assignDepartment")
        self.department.setMaxLength(60)
        self.form.addRow(self.tr("处理人"), self.handler)
        self.form.addRow(self.tr("责任部门"), self.department)

    def call(self) -> Any:
        return self.svc.assign(self.complaint_id, self.handler.currentData(),
                               self.department.text())
