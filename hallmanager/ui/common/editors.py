"""Editors that validate as you type: a red border and the reason in the tooltip.

The rules are the domain's (``parse_yuan``, ``normalize_phone``, ``parse_datetime_text``), so the editor and the service
never disagree; the service still validates again on save.

Each editor has ``is_valid()``, ``error() -> str | None`` and the ``validityChanged(bool)``
signal, so a dialog can enable its OK button only when every field is valid.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import QDateEdit, QLineEdit, QTimeEdit, QWidget

from hallmanager.domain.errors import ValidationError
from hallmanager.domain.money import format_fen, parse_yuan
from hallmanager.domain.validation import normalize_phone, parse_datetime_text

INVALID_STYLE = "border: 1px solid #d93025; background: #fff6f5;"


class _ValidatedLineEdit(QLineEdit):
    """Shared machinery: re-validate on every change, mark invalid input in red."""

    validityChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None, *, required: bool = True) -> None:
        super().__init__(parent)
        self.required = required
        self._error: str | None = None
        self._valid = True
        self._hint = ""
        self.textChanged.connect(self._revalidate)

    def _check(self, text: str) -> str | None:
        """Return the reason the text is invalid (None if fine). Empty text is handled here."""
        raise NotImplementedError

    def _empty_message(self) -> str:
        raise NotImplementedError

    def set_hint(self, hint: str) -> None:
        """Tooltip shown while the input is valid (e.g. an example)."""
        self._hint = hint
        self._revalidate(self.text())

    def _revalidate(self, text: str) -> None:
        if not text.strip():
            err = self._empty_message() if self.required else None
            shown = False  # an empty field is not shouted at until validate() is called
        else:
            err = self._check(text)
            shown = err is not None
        self._error = err
        self._show(err if shown else None)
        valid = err is None
        if valid != self._valid:
            self._valid = valid
            self.validityChanged.emit(valid)

    def _show(self, err: str | None) -> None:
        self.setStyleSheet(INVALID_STYLE if err else "")
        self.setToolTip(err or self._hint)
        self.setProperty("invalid", bool(err))

    def validate(self) -> bool:
        """Check now and show the reason even for an empty required field (call on save)."""
        self._revalidate(self.text())
        self._show(self._error)
        return self._error is None

    def is_valid(self) -> bool:
        return self._error is None

    def error(self) -> str | None:
        return self._error


class MoneyEdit(_ValidatedLineEdit):
    """Amount in yuan as text ('1,234.50', '¥12'); ``fen()`` returns exact integer fen."""

    def __init__(self, parent: QWidget | None = None, *, required: bool = True,
                 allow_negative: bool = False) -> None:
        self.allow_negative = allow_negative
        super().__init__(parent, required=required)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText("0.00")
        self.set_hint(self.tr("金额（元），最多两位小数，例如 1234.50"))
        self._revalidate("")

    def _empty_message(self) -> str:
        return self.tr("金额不能为空")

    def _check(self, text: str) -> str | None:
        try:
            fen = parse_yuan(text)
        except ValidationError as exc:
            return exc.message
        if fen < 0 and not self.allow_negative:
            return self.tr("金额不能为负数")
        return None

    def fen(self) -> int:
        """The amount in fen; raises ValidationError (Chinese message) if the text is invalid.
        An empty optional field is 0."""
        if not self.text().strip() and not self.required:
            return 0
        if self._error:
            raise ValidationError(self._error)
        return parse_yuan(self.text())

    def set_fen(self, fen: int | None) -> None:
        self.setText("" if fen is None else format_fen(fen, symbol=False))


class PhoneEdit(_ValidatedLineEdit):
    """Mobile (11 digits) or landline (0891-1234567); ``phone()`` returns the normalised form."""

    def __init__(self, parent: QWidget | None = None, *, required: bool = True) -> None:
        super().__init__(parent, required=required)
        self.setPlaceholderText("13812345678")
        self.setMaxLength(20)
        self.set_hint(self.tr("手机号 11 位，或固话如 0891-1234567"))
        self._revalidate("")

    def _empty_message(self) -> str:
        return self.tr("电话号码不能为空")

    def _check(self, text: str) -> str | None:
        try:
            normalize_phone(text)
        except ValidationError as exc:
            return exc.message
        return None

    def phone(self) -> str:
        """Normalised number ('' for an empty optional field); raises ValidationError if invalid."""
        if not self.text().strip() and not self.required:
            return ""
        if self._error:
            raise ValidationError(self._error)
        return normalize_phone(self.text())


class DateTimeEdit(_ValidatedLineEdit):
    """A date and time typed as YYYY-MM-DD HH:MM. A QDateTimeEdit silently turns an impossible
    2026-02-30 12:00 into another moment; this one says what is wrong (the domain's
    ``parse_datetime_text``) and never yields a value it did not show. Full-width digits are
    accepted (they are read as ASCII)."""

    def __init__(self, parent: QWidget | None = None, *, value: dt.datetime | None = None,
                 required: bool = True) -> None:
        super().__init__(parent, required=required)
        self.setPlaceholderText("2026-11-22 09:30")
        self.setMaxLength(40)
        self.set_hint(self.tr("日期和时间，格式 YYYY-MM-DD HH:MM（24 小时制），全角数字也可以"))
        if value is not None:
            self.set_datetime_value(value)
        self._revalidate(self.text())

    def _empty_message(self) -> str:
        return self.tr("请填写日期和时间（YYYY-MM-DD HH:MM）")

    def _check(self, text: str) -> str | None:
        try:
            parse_datetime_text(text)
        except ValidationError as exc:
            return exc.message
        return None

    def datetime_value(self) -> dt.datetime | None:
        """The moment shown; None for an empty optional field; ValidationError (the Chinese
        reason) if the text is not a real date and time."""
        if not self.text().strip() and not self.required:
            return None
        if self._error:
            raise ValidationError(self._error)
        return parse_datetime_text(self.text())

    def set_datetime_value(self, value: dt.datetime) -> None:
        self.setText(value.strftime("%Y-%m-%d %H:%M"))


class DateEdit(QDateEdit):
    """A date as yyyy-MM-dd with a calendar popup; ``date_value()`` gives a ``datetime.date``.

    A QDateEdit can only hold real dates, so input is valid by construction; the optional
    range is enforced by Qt while typing and explained in the tooltip.
    """

    validityChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None, *, value: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setToolTip(self.tr("日期，格式 yyyy-MM-dd"))
        self.set_date_value(value or dt.date.today())

    def date_value(self) -> dt.date:
        d = self.date()
        return dt.date(d.year(), d.month(), d.day())

    def set_date_value(self, value: dt.date) -> None:
        self.setDate(QDate(value.year, value.month, value.day))

    def set_range(self, earliest: dt.date | None, latest: dt.date | None) -> None:
        if earliest:
            self.setMinimumDate(QDate(earliest.year, earliest.month, earliest.day))
        if latest:
            self.setMaximumDate(QDate(latest.year, latest.month, latest.day))

    def is_valid(self) -> bool:
        return True

    def error(self) -> str | None:
        return None


class TimeEdit(QTimeEdit):
    """A time as HH:mm (24 h); ``text_value()`` gives the 'HH:MM' string the services expect."""

    validityChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None, *, value: str | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("HH:mm")
        self.setToolTip(self.tr("时间，24 小时制 HH:mm，例如 08:30"))
        if value:
            self.set_text_value(value)

    def time_value(self) -> dt.time:
        t = self.time()
        return dt.time(t.hour(), t.minute())

    def set_time_value(self, value: dt.time) -> None:
        self.setTime(QTime(value.hour, value.minute))

    def text_value(self) -> str:
        return self.time().toString("HH:mm")

    def set_text_value(self, text: str) -> None:
        t = QTime.fromString(text.strip(), "HH:mm")
        if t.isValid():
            self.setTime(t)

    def is_valid(self) -> bool:
        return True

    def error(self) -> str | None:
        return None
