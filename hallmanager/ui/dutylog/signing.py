"""签字确认 and 更正: both re-ask the password; the sign dialog lists the warnings first.

Amending edits one field of a signed log: the new value is entered with the same kind of
editor as on the page (text, count, people), the reason is required.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hallmanager.domain.dutylog import AMENDABLE_FIELDS, FIELD_LABELS, LogFields
from hallmanager.domain.errors import DomainError
from hallmanager.ui.common.forms import FormDialog
from hallmanager.ui.common.widgets import password_edit
from hallmanager.ui.dutylog.form import describe_value
from hallmanager.ui.dutylog.people import AbsenceEditor, PeopleChecklist, Person

FIELD_ORDER = ("weather", "customer_flow", "served_count", "business_notes", "staff_on_duty",
               "staff_absent", "meeting_start", "meeting_minutes", "meeting_attendees",
               "meeting_topics", "opinions", "incidents", "next_shift_notes")


class SignDialog(FormDialog):
    """Shows ``signoff_warnings``; with warnings the user must tick “仍然签字”."""

    def __init__(self, warnings: Sequence[str], sign: Callable[[str, bool], Any],
                 who: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, self.tr("签字确认"), "signDialog")
        self._sign = sign
        self.warnings = list(warnings)
        intro = QLabel(self.tr("签字后本日志不能再修改，只能通过“更正”补充（须填写原因）。"), self)
        intro.setWordWrap(True)
        self.setMinimumWidth(560)
        self.warning_list = QLabel("\n".join(f"⚠ {w}" for w in self.warnings), self)
        self.warning_list.setObjectName("signWarnings")
        self.warning_list.setWordWrap(True)
        self.warning_list.setStyleSheet("color: #9a5b00; background: #fff8e1; padding: 6px;"
                                        " border: 1px solid #f0c36d;")
        fm = self.warning_list.fontMetrics()
        text_h = fm.boundingRect(QRect(0, 0, 500, 10_000), Qt.TextFlag.TextWordWrap,
                                 self.warning_list.text()).height()
        self.warning_list.setMinimumHeight(text_h + 16)
        self.confirm = QCheckBox(self.tr("我已了解以上提示，仍然签字"), self)
        self.confirm.setObjectName("signConfirm")
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        top = [intro]
        if self.warnings:
            top += [QLabel(self.tr("签字前请注意："), self), self.warning_list, self.confirm]
        else:
            self.warning_list.hide()
            self.confirm.hide()
        for i, w in enumerate(top):
            outer.insertWidget(i, w)
        self.password = password_edit(self, "signPassword")
        self.form.addRow(self.tr("签字人"), QLabel(who, self))
        self.form.addRow(self.tr("登录密码"), self.password)
        self.password.setFocus()

    def call(self) -> Any:
        if self.warnings and not self.confirm.isChecked():
            raise DomainError(self.tr("请先确认签字前的提示"))
        if not self.password.text():
            raise DomainError(self.tr("请输入密码"))
        return self._sign(self.password.text(), bool(self.warnings))


class AmendDialog(FormDialog):
    """更正 a signed field: field, new value, required reason, password."""

    def __init__(self, effective: LogFields, people: Sequence[Person],
                 names: Mapping[int, str], amend: Callable[[str, Any, str, str], Any],
                 parent: QWidget | None = None, *, field: str | None = None) -> None:
        super().__init__(parent, self.tr("更正已签字的值班日志"), "amendDialog")
        self.setMinimumWidth(560)
        self._amend = amend
        self._eff = effective
        self._names = names
        self.field = QComboBox(self)
        self.field.setObjectName("amendField")
        for name in FIELD_ORDER:
            if name in AMENDABLE_FIELDS:
                self.field.addItem(FIELD_LABELS[name], name)
        self.current = QLabel(self)
        self.current.setObjectName("amendCurrent")
        self.current.setWordWrap(True)
        self.current.setStyleSheet("color: #555;")
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("amendValue")
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(80)
        self.people = PeopleChecklist(self, object_name="amendPeople")
        self.people.setMaximumHeight(200)
        self.absent = AbsenceEditor(self)
        self.absent.setObjectName("amendAbsent")
        self.absent.set_people(people)
        self._people = list(people)
        self.value_stack = QStackedWidget(self)
        for w in (self.text, self.people, self.absent):
            self.value_stack.addWidget(w)
        self.reason = QComboBox(self)
        self.reason.setObjectName("amendReason")
        self.reason.setEditable(True)
        self.reason.addItems(["", self.tr("录入错误"), self.tr("补充遗漏"), self.tr("数据核对后更正")])
        self.password = password_edit(self, "amendPassword")
        self.form.addRow(self.tr("更正字段"), self.field)
        self.form.addRow(self.tr("当前值"), self.current)
        self.form.addRow(self.tr("更正为"), self.value_stack)
        self.form.addRow(self.tr("更正原因"), self.reason)
        self.form.addRow(self.tr("登录密码"), self.password)
        self.field.currentIndexChanged.connect(self._field_changed)
        if field is not None:
            self.field.setCurrentIndex(max(0, self.field.findData(field)))
        self._field_changed()

    def field_name(self) -> str:
        return str(self.field.currentData())

    def set_field(self, name: str) -> None:
        self.field.setCurrentIndex(self.field.findData(name))

    def _field_changed(self, _i: int = 0) -> None:
        name = self.field_name()
        value = getattr(self._eff, name)
        self.current.setText(describe_value(name, value, self._names))
        if name in ("staff_on_duty", "meeting_attendees"):
            self.people.set_people(self._people, value)
            self.value_stack.setCurrentWidget(self.people)
        elif name == "staff_absent":
            self.absent.set_value(value)
            self.value_stack.setCurrentWidget(self.absent)
        else:
            self.text.setPlainText("" if value is None else str(value))
            self.value_stack.setCurrentWidget(self.text)

    def new_value(self) -> Any:
        w = self.value_stack.currentWidget()
        if w is self.people:
            return self.people.value()
        if w is self.absent:
            return self.absent.value()
        return self.text.toPlainText()

    def call(self) -> Any:
        if not self.password.text():
            raise DomainError(self.tr("请输入密码"))
        return self._amend(self.field_name(), self.new_value(), self.reason.currentText(),
                           self.password.text())
