"""登记投诉: the registration form, entirely by keyboard, with the playbook beside it.

Tab moves from field to field in reading order (the description too: Tab never types a tab
character), Enter in a line or Ctrl+Enter anywhere saves. The phone is checked as it is
typed by the domain's own rule (``check_phone``: +86, spaces, dots, full-width digits all
accepted), so the form and the service never disagree; the service checks everything again
and its Chinese message shows in the red line, the offending field focused, nothing saved.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from hallmanager.domain.complaints.filters import ComplaintFilter
from hallmanager.domain.complaints.rules import (
    REPEAT_DAYS,
    Source,
    check_phone,
    escalation_threat,
)
from hallmanager.domain.errors import DomainError, ValidationError
from hallmanager.services.complaints.views import ComplaintInput, PlaybookView
from hallmanager.ui.common.editors import DateTimeEdit, _ValidatedLineEdit
from hallmanager.ui.common.forms import HINT_STYLE, FormDialog
from hallmanager.ui.common.widgets import set_message

if TYPE_CHECKING:
    from hallmanager.app import Services


class ComplaintPhoneEdit(_ValidatedLineEdit):
    """The customer's number, checked with the complaint rule (mobile or fixed line with area
    code; +86 / 0086, spaces, dots and full-width digits as people type them)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, required=True)
        self.setPlaceholderText("13812345678")
        self.setMaxLength(30)
        self.set_hint(self.tr("手机 11 位，或固话含区号；+86、空格、点号都可以"))
        self._revalidate("")

    def _empty_message(self) -> str:
        return self.tr("请填写联系电话")

    def _check(self, text: str) -> str | None:
        try:
            check_phone(text)
        except ValidationError as exc:
            return exc.message
        return None


class PlaybookPanel(QGroupBox):
    """The advice for the customer situation the handler picked (应对建议)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("playbookPanel")
        self.setTitle(self.tr("应对建议"))
        lay = QVBoxLayout(self)
        self.situation = QLabel(self)
        self.situation.setObjectName("playbookSituation")
        self.situation.setWordWrap(True)
        f = self.situation.font()
        f.setBold(True)
        self.situation.setFont(f)
        self.advice = QLabel(self)
        self.advice.setObjectName("playbookAdvice")
        self.advice.setWordWrap(True)
        self.advice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.advice.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.situation)
        lay.addWidget(self.advice, 1)
        self.show_entry(None)

    def show_entry(self, entry: PlaybookView | None) -> None:
        if entry is None:
            self.situation.setText(self.tr("选择客户情形"))
            self.advice.setText(self.tr("选择最接近的客户情形，这里显示接待要点。"))
            self.advice.setStyleSheet(HINT_STYLE)
            return
        self.situation.setText(entry.title)
        self.advice.setText(entry.advice)
        self.advice.setStyleSheet("")


def fill_playbook_combo(combo: QComboBox, entries: list[PlaybookView],
                        current: int | None = None) -> None:
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(QCoreApplication.translate("PlaybookPanel", "（不选）"), None)
    for p in entries:
        combo.addItem(f"{p.sort_order}. {p.title}", p.id)
    combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
    combo.blockSignals(False)


class RegisterDialog(FormDialog):
    """A new complaint; on success ``result_value`` is the (masked) ComplaintView."""

    FIELD_ORDER = ("source", "external_no", "received_at", "customer_name", "phone",
                   "id_number", "category", "urgent", "description", "request", "handler_id",
                   "department", "playbook_id")

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent, self.tr("登记投诉"), "registerComplaintDialog",
                         ok_text=self.tr("登记（Ctrl+Enter）"), min_width=820)
        self.services = services
        self.svc = services.complaints
        settings = self.svc.settings()
        me = services.ctx.auth.user
        now = services.ctx.clock.now().replace(second=0, microsecond=0)

        self.source = QComboBox(self)
        self.source.setObjectName("complaintSource")
        for s in Source:
            self.source.addItem(s.label, s.value)
        self.external_no = QLineEdit(self)
        self.external_no.setObjectName("complaintExternalNo")
        self.external_no.setMaxLength(40)
        self.received_at = DateTimeEdit(self, value=now)
        self.received_at.setObjectName("complaintReceivedAt")
        self.customer_name = QLineEdit(self)
        self.customer_name.setObjectName("complaintCustomer")
        self.customer_name.setMaxLength(40)
        self.phone = ComplaintPhoneEdit(self)
        self.phone.setObjectName("complaintPhone")
        self.id_number = QLineEdit(self)
        self.id_number.setObjectName("complaintIdNumber")
        self.id_number.setMaxLength(20)
        self.id_number.setPlaceholderText(self.tr("可不填；18 位身份证号"))
        self.category = QComboBox(self)
        self.category.setObjectName("complaintCategory")
        self.category.addItems(list(settings.categories))
        flags = QWidget(self)
        fl = QHBoxLayout(flags)
        fl.setContentsMargins(0, 0, 0, 0)
        self.urgent = QCheckBox(self.tr("紧急"), flags)
        self.urgent.setObjectName("complaintUrgent")
        self.vip = QCheckBox(self.tr("VIP / 集团客户"), flags)
        self.vip.setObjectName("complaintVip")
        fl.addWidget(self.urgent)
        fl.addWidget(self.vip)
        fl.addStretch(1)
        self.description = QPlainTextEdit(self)
        self.description.setObjectName("complaintDescription")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(72)
        self.description.setPlaceholderText(self.tr("客户反映的问题（Tab 到下一项）"))
        self.request = QLineEdit(self)
        self.request.setObjectName("complaintRequest")
        self.request.setMaxLength(500)
        self.handler = QComboBox(self)
        self.handler.setObjectName("complaintHandler")
        for u in self.svc.handlers():
            self.handler.addItem(u.full_name, u.id)
        if me is not None:
            if self.handler.findData(me.id) < 0:
                self.handler.addItem(me.full_name, me.id)
            self.handler.setCurrentIndex(self.handler.findData(me.id))
        self.department = QLineEdit(self)
        self.department.setObjectName("complaintDepartment")
        self.department.setMaxLength(60)
        self.situation = QComboBox(self)
        self.situation.setObjectName("complaintSituation")
        self.playbook = self.svc.playbook()
        fill_playbook_combo(self.situation, self.playbook)

        rows: list[tuple[str, QWidget]] = [
            (self.tr("来源"), self.source), (self.tr("工单号"), self.external_no),
            (self.tr("受理时间"), self.received_at), (self.tr("客户姓名"), self.customer_name),
            (self.tr("联系电话"), self.phone), (self.tr("证件号码"), self.id_number),
            (self.tr("投诉类别"), self.category), (self.tr("标记"), flags),
            (self.tr("问题描述"), self.description), (self.tr("客户诉求"), self.request),
            (self.tr("处理人"), self.handler), (self.tr("责任部门"), self.department)]
        for label, w in rows:
            self.form.addRow(label, w)
        # the playbook beside the form
        self.body.removeItem(self.form)
        side = QHBoxLayout()
        side.addLayout(self.form, 3)
        self.panel = PlaybookPanel(self)
        self.panel.setMinimumWidth(280)
        self.panel.setTitle(self.tr("客户情形与应对建议"))
        self.panel.layout().insertWidget(0, self.situation)
        side.addWidget(self.panel, 2)
        self.body.insertLayout(0, side)
        self.notice = QLabel(self)
        self.notice.setObjectName("registerNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #8a5a00; font-weight: bold;")
        self.notice.setVisible(False)
        self.body.insertWidget(self.body.indexOf(self.message), self.notice)
        self.add_hint(self.tr("Tab 切换项目，Enter 或 Ctrl+Enter 登记。10086转派工单须填写工单号；"
                              "处理时限按来源自动计算。"))

        self.widgets: dict[str, QWidget] = {
            "source": self.source, "external_no": self.external_no,
            "received_at": self.received_at, "customer_name": self.customer_name,
            "phone": self.phone, "id_number": self.id_number, "category": self.category,
            "description": self.description, "request": self.request,
            "handler_id": self.handler, "department": self.department}
        self.source.currentIndexChanged.connect(self._source_changed)
        self.situation.currentIndexChanged.connect(self._situation_changed)
        self.watch(self.phone.textChanged, self.received_at.textChanged)
        self.phone.textChanged.connect(self._update_notice)
        self.description.textChanged.connect(self._update_notice)
        self.request.textChanged.connect(self._update_notice)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            sc = QShortcut(QKeySequence(seq), self)
            sc.activated.connect(self.submit)
        self._source_changed()
        self.source.setFocus()

    # --- live help -------------------------------------------------------------------------
    def _source_changed(self, *_a: Any) -> None:
        call_center = self.source.currentData() == Source.CALL_CENTER.value
        self.external_no.setPlaceholderText(self.tr("10086转派工单必填") if call_center
                                            else self.tr("转派工单的工单号（可不填）"))

    def _situation_changed(self, *_a: Any) -> None:
        pid = self.situation.currentData()
        self.panel.show_entry(next((p for p in self.playbook if p.id == pid), None))

    def _update_notice(self, *_a: Any) -> None:
        """Before saving: the same number complained within 30 days (found by the normalised
        digits, however typed), and the customer threatening to take it further."""
        notes = []
        if self.phone.text().strip() and self.phone.is_valid():
            try:
                received = self.received_at.datetime_value() or self.services.ctx.clock.now()
                n = self.svc.count(ComplaintFilter(
                    phone=self.phone.text(), end=received.date(),
                    start=received.date() - dt.timedelta(days=REPEAT_DAYS)))
            except DomainError:
                n = 0
            if n:
                notes.append(self.tr("此号码 {0} 天内已投诉 {1} 次：将记为重复投诉").format(
                    REPEAT_DAYS, n))
        if escalation_threat(self.description.toPlainText() + "\n" + self.request.text()):
            notes.append(self.tr("客户声称升级（工信部、媒体等）：请优先处理，必要时请值班经理接待"))
        set_message(self.notice, "；".join(notes))

    def ready_for_live_check(self) -> bool:
        return bool(self.phone.text().strip())

    def problem(self) -> str | None:
        if self.phone.text().strip() and not self.phone.is_valid():
            return self.phone.error()
        if not self.received_at.is_valid():
            return self.received_at.error()
        return None

    # --- saving -------------------------------------------------------------------------
    def data(self) -> ComplaintInput:
        return ComplaintInput(
            source=Source(self.source.currentData()),
            received_at=self.received_at.datetime_value(),  # type: ignore[arg-type]
            customer_name=self.customer_name.text(), phone=self.phone.text(),
            category=self.category.currentText(),
            description=self.description.toPlainText(), request=self.request.text(),
            id_number=self.id_number.text(), urgent=self.urgent.isChecked(),
            handler_id=self.handler.currentData(), department=self.department.text(),
            external_no=self.external_no.text().strip() or None, vip=self.vip.isChecked(),
            playbook_id=self.situation.currentData())

    def submit(self) -> bool:
        problem = self.problem()
        if problem:
            set_message(self.message, problem)
            return False
        try:
            self.result_value = self.svc.register(self.data())
        except DomainError as exc:
            set_message(self.message, exc.message)
            w = self.widgets.get(getattr(exc, "field", None) or "")
            if w is not None:
                w.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        self.accept()
        return True
