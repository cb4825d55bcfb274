"""Small dialogs of the duty log: skip reason, fault report, fault reported, hand-over item,
open a log for a date.

Each has ``submit()``: validate, call the service, ``accept()``; a DomainError's message is
shown inline and the dialog stays open. Open them with ``open()`` (tests call ``submit()``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from hallmanager.domain.errors import DomainError, ValidationError
from hallmanager.ui.common.editors import DateEdit, DateTimeEdit
from hallmanager.ui.common.forms import FormDialog


def datetime_edit(parent: QWidget, value: dt.datetime, name: str) -> DateTimeEdit:
    """Typed date and time: an impossible one (2026-02-30) is refused with the reason."""
    e = DateTimeEdit(parent, value=value)
    e.setObjectName(name)
    e.setMinimumWidth(160)
    return e


def _when(edit: DateTimeEdit, label: str) -> dt.datetime:
    """The edit's moment, or ValidationError naming the field (shown in the dialog)."""
    try:
        value = edit.datetime_value()
    except ValidationError as exc:
        raise ValidationError(f"{label}：{exc.message}") from exc
    assert value is not None
    return value


class SkipReasonDialog(FormDialog):
    """跳过 needs a reason (e.g. 停电未开机)."""

    def __init__(self, title: str, skip: Callable[[str], Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, self.tr("跳过流程项目"), "skipDialog")
        self._skip = skip
        self.reason = QLineEdit(self)
        self.reason.setObjectName("skipReason")
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(self.tr("必填，例如：停电未开机"))
        self.form.addRow(self.tr("项目"), QLineEdit(title, self, readOnly=True))
        self.form.addRow(self.tr("跳过原因"), self.reason)

    def call(self) -> Any:
        return self._skip(self.reason.text())


class FaultDialog(FormDialog):
    """登记设备故障: what, where, since when, reported to whom and when."""

    def __init__(self, report: Callable[..., Any], now: dt.datetime,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, self.tr("登记设备故障"), "faultDialog")
        self._report = report
        self.what = QLineEdit(self)
        self.what.setObjectName("faultWhat")
        self.what.setPlaceholderText(self.tr("例如：2 号窗口 POS 机无法刷卡"))
        self.location = QLineEdit(self)
        self.location.setObjectName("faultLocation")
        self.since = datetime_edit(self, now, "faultSince")
        self.reported = QCheckBox(self.tr("已报修"), self)
        self.reported.setObjectName("faultReported")
        self.reported_to = QLineEdit(self)
        self.reported_to.setObjectName("faultReportedTo")
        self.reported_to.setPlaceholderText(self.tr("报修对象，例如：IT 支撑热线、物业"))
        self.reported_at = datetime_edit(self, now, "faultReportedAt")
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("faultNote")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(60)
        self.form.addRow(self.tr("故障情况"), self.what)
        self.form.addRow(self.tr("位置"), self.location)
        self.form.addRow(self.tr("发现时间"), self.since)
        self.form.addRow("", self.reported)
        self.form.addRow(self.tr("报修对象"), self.reported_to)
        self.form.addRow(self.tr("报修时间"), self.reported_at)
        self.form.addRow(self.tr("说明"), self.note)
        self.reported.toggled.connect(self._sync)
        self._sync(False)

    def _sync(self, on: bool) -> None:
        self.reported_to.setEnabled(on)
        self.reported_at.setEnabled(on)

    def call(self) -> Any:
        on = self.reported.isChecked()
        since = _when(self.since, self.tr("发现时间"))
        reported_at = _when(self.reported_at, self.tr("报修时间")) if on else None
        return self._report(what=self.what.text(), location=self.location.text(),
                            since=since, status="reported" if on else "open",
                            reported_to=self.reported_to.text() if on else "",
                            reported_at=reported_at, note=self.note.toPlainText())


class FaultReportedDialog(FormDialog):
    """标记已报修: to whom and when."""

    def __init__(self, what: str, mark: Callable[[str, dt.datetime], Any], now: dt.datetime,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, self.tr("标记已报修"), "faultReportedDialog")
        self._mark = mark
        self.reported_to = QLineEdit(self)
        self.reported_to.setObjectName("faultReportedTo")
        self.reported_at = datetime_edit(self, now, "faultReportedAt")
        self.form.addRow(self.tr("故障"), QLineEdit(what, self, readOnly=True))
        self.form.addRow(self.tr("报修对象"), self.reported_to)
        self.form.addRow(self.tr("报修时间"), self.reported_at)

    def call(self) -> Any:
        return self._mark(self.reported_to.text(), _when(self.reported_at, self.tr("报修时间")))


class HandoverItemDialog(FormDialog):
    """A hand-over item for the next shift (add or edit)."""

    def __init__(self, save: Callable[[str], Any], text: str = "",
                 parent: QWidget | None = None, *, target: str = "") -> None:
        super().__init__(parent, self.tr("交接事项"), "handoverDialog")
        self._save = save
        self.text = QPlainTextEdit(text, self)
        self.text.setObjectName("handoverText")
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(90)
        self.text.setPlaceholderText(self.tr("例如：3 号柜台打印机卡纸，已报修，请跟进"))
        if target:
            self.form.addRow(self.tr("交给"), QLineEdit(target, self, readOnly=True))
        self.form.addRow(self.tr("内容"), self.text)

    def call(self) -> Any:
        return self._save(self.text.toPlainText())


class OpenLogDialog(FormDialog):
    """Ctrl+N: open (or start) the log of a date and shift."""

    def __init__(self, shifts: Sequence[tuple[int, str]], day: dt.date, shift_id: int | None,
                 open_fn: Callable[[dt.date, int], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent, self.tr("打开值班日志"), "openLogDialog")
        self._open = open_fn
        self.date = DateEdit(self, value=day)
        self.date.setObjectName("openDate")
        self.shift = QComboBox(self)
        self.shift.setObjectName("openShift")
        for sid, label in shifts:
            self.shift.addItem(label, sid)
        if shift_id is not None:
            self.shift.setCurrentIndex(max(0, self.shift.findData(shift_id)))
        self.form.addRow(self.tr("日期"), self.date)
        self.form.addRow(self.tr("班次"), self.shift)

    def call(self) -> Any:
        sid = self.shift.currentData()
        if sid is None:
            raise DomainError(self.tr("尚未设置班次，请厅经理在“设置 → 班次”中添加"))
        if not self._open(self.date.date_value(), int(sid)):
            raise DomainError(self.tr("未打开值班日志"))
        return True
