"""The editable content of a duty log: duty manager, weather, customer flow, notes, staff,
morning meeting, opinions, incidents and notes for the next shift.

Each field is bound to ``Autosave`` by its service name (``DRAFT_FIELDS``); the form never
writes to the database itself. Amended fields of a signed log show their effective value in
the editor and the originally signed value underneath.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hallmanager.domain.dutylog import FIELD_LABELS, WEATHER_CHOICES, Absence
from hallmanager.services.dutylog import DutyLogView
from hallmanager.ui.common.editors import TimeEdit
from hallmanager.ui.common.widgets import message_label
from hallmanager.ui.dutylog.autosave import Autosave
from hallmanager.ui.dutylog.people import AbsenceEditor, PeopleChecklist, Person

NOTE_STYLE = "color: #9a5b00;"
READ_ONLY_STYLE = "background: #f4f4f4;"  # signed: looks like paper, not like an input
TEXT_FIELDS = ("business_notes", "meeting_topics", "opinions", "incidents", "next_shift_notes")


def describe_value(field: str, value: Any, names: Mapping[int, str]) -> str:
    """A field value as one line of text (people as names, empty as 未填)."""
    empty = QCoreApplication.translate("LogForm", "（未填）")
    if value is None or value == "" or value == ():
        return empty
    if field in ("staff_on_duty", "meeting_attendees"):
        return "、".join(names.get(i, f"#{i}") for i in value)
    if field == "staff_absent":
        return "；".join(f"{names.get(a.user_id, f'#{a.user_id}')}（{a.leave_type}"
                        f"{'：' + a.note if a.note else ''}）" for a in value)
    return str(value)


class CountSpin(QSpinBox):
    """A count that may be unknown: the minimum shows 未填 and means None."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(-1, 100_000)
        self.setSpecialValueText(QCoreApplication.translate("LogForm", "未填"))
        self.setValue(-1)
        self.setMinimumWidth(110)

    def count(self) -> int | None:
        return None if self.value() < 0 else self.value()

    def set_count(self, v: int | None) -> None:
        self.setValue(-1 if v is None else v)


def _text_edit(parent: QWidget, name: str, placeholder: str, height: int = 64) -> QPlainTextEdit:
    e = QPlainTextEdit(parent)
    e.setObjectName(name)
    e.setTabChangesFocus(True)
    e.setPlaceholderText(placeholder)
    e.setFixedHeight(height)
    return e


class LogForm(QWidget):
    """The log's own fields. ``dutyManagerChosen(user_id)`` asks the page to reassign."""

    dutyManagerChosen = Signal(int)

    def __init__(self, autosave: Autosave, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.autosave = autosave
        self._loading = False
        self._meeting_limit = 15
        self.errors: dict[str, QLabel] = {}
        self.originals: dict[str, QLabel] = {}

        # --- basics
        self.duty_manager = QComboBox(self)
        self.duty_manager.setObjectName("dutyManager")
        self.weather = QComboBox(self)
        self.weather.setObjectName("weather")
        self.weather.setEditable(True)
        self.weather.addItems(["", *WEATHER_CHOICES])
        self.weather.setMinimumWidth(120)
        self.customer_flow = CountSpin(self)
        self.customer_flow.setObjectName("customerFlow")
        self.served_count = CountSpin(self)
        self.served_count.setObjectName("servedCount")
        self.business_notes = _text_edit(self, "businessNotes",
                                         self.tr("业务量情况：新装、套餐变更、缴费高峰等"))
        basics = QGroupBox(self.tr("基本情况"), self)
        grid = QGridLayout(basics)
        grid.addWidget(QLabel(self.tr("值班经理"), basics), 0, 0)
        grid.addWidget(self.duty_manager, 0, 1)
        grid.addWidget(QLabel(self.tr("天气"), basics), 0, 2)
        grid.addLayout(self._with_notes("weather", self.weather), 0, 3)
        grid.addWidget(QLabel(self.tr("客流量（人）"), basics), 1, 0)
        grid.addLayout(self._with_notes("customer_flow", self.customer_flow), 1, 1)
        grid.addWidget(QLabel(self.tr("办理业务（人）"), basics), 1, 2)
        grid.addLayout(self._with_notes("served_count", self.served_count), 1, 3)
        grid.addWidget(QLabel(self.tr("业务量情况"), basics), 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(self._with_notes("business_notes", self.business_notes), 2, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        # --- staff
        self.staff_on_duty = PeopleChecklist(self, object_name="staffOnDuty")
        self.staff_absent = AbsenceEditor(self)
        staff = QGroupBox(self.tr("人员"), self)
        sf = QFormLayout(staff)
        sf.addRow(self.tr("在岗人员"), self._with_notes("staff_on_duty", self.staff_on_duty))
        sf.addRow(self.tr("缺勤人员"), self._with_notes("staff_absent", self.staff_absent))

        # --- morning meeting
        self.meeting_start = TimeEdit(self)
        self.meeting_start.setObjectName("meetingStart")
        self.meeting_start.setMinimumTime(QTime(0, 0))
        self.meeting_start.setSpecialValueText(self.tr("未填"))
        self.meeting_start.setTime(QTime(0, 0))
        self.meeting_minutes = QSpinBox(self)
        self.meeting_minutes.setObjectName("meetingMinutes")
        self.meeting_minutes.setRange(0, 240)
        self.meeting_minutes.setSpecialValueText(self.tr("未填"))
        self.meeting_minutes.setSuffix(self.tr(" 分钟"))
        self.meeting_warning = QLabel(self)
        self.meeting_warning.setObjectName("meetingWarning")
        self.meeting_warning.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.meeting_warning.setVisible(False)
        self.meeting_attendees = PeopleChecklist(self, object_name="meetingAttendees")
        self.meeting_topics = _text_edit(self, "meetingTopics", self.tr(
            "今日目标、政策变化及统一解释口径、昨日问题与投诉、表扬"), 72)
        meeting = QGroupBox(self.tr("晨会"), self)
        mf = QFormLayout(meeting)
        row = QHBoxLayout()
        row.addLayout(self._with_notes("meeting_start", self.meeting_start))
        row.addWidget(QLabel(self.tr("时长"), meeting))
        row.addLayout(self._with_notes("meeting_minutes", self.meeting_minutes))
        row.addWidget(self.meeting_warning)
        row.addStretch(1)
        mf.addRow(self.tr("开始时间"), row)
        mf.addRow(self.tr("参加人员"), self._with_notes("meeting_attendees",
                                                     self.meeting_attendees))
        mf.addRow(self.tr("晨会内容"), self._with_notes("meeting_topics", self.meeting_topics))

        # --- remarks
        self.opinions = _text_edit(self, "opinions", self.tr("客户意见和建议（需反馈的请注明）"))
        self.incidents = _text_edit(self, "incidents", self.tr("突发事件及处理情况"))
        self.next_shift_notes = _text_edit(self, "nextShiftNotes", self.tr("交下一班注意事项"))
        notes = QGroupBox(self.tr("意见、事件与交班"), self)
        nf = QFormLayout(notes)
        nf.addRow(self.tr("客户意见和建议"), self._with_notes("opinions", self.opinions))
        nf.addRow(self.tr("突发事件"), self._with_notes("incidents", self.incidents))
        nf.addRow(self.tr("交下一班注意事项"), self._with_notes("next_shift_notes",
                                                        self.next_shift_notes))

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        for box in (basics, staff, meeting, notes):
            lay.addWidget(box)
        self.groups = {"basics": basics, "staff": staff, "meeting": meeting, "notes": notes}
        self._bind()

    # --- wiring ---------------------------------------------------------------------------
    def _with_notes(self, field: str, editor: QWidget) -> QVBoxLayout:
        """The editor with its (hidden) error line and original-value line below it."""
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(editor)
        err = message_label(self, f"error_{field}")
        orig = QLabel(self)
        orig.setObjectName(f"original_{field}")
        orig.setStyleSheet(NOTE_STYLE)
        orig.setWordWrap(True)
        orig.setVisible(False)
        box.addWidget(err)
        box.addWidget(orig)
        self.errors[field] = err
        self.originals[field] = orig
        return box

    def _bind(self) -> None:
        a = self.autosave
        getters: dict[str, tuple[Callable[[], Any], tuple[QWidget, ...]]] = {
            "weather": (lambda: self.weather.currentText(), (self.weather,)),
            "customer_flow": (self.customer_flow.count, (self.customer_flow,)),
            "served_count": (self.served_count.count, (self.served_count,)),
            "staff_on_duty": (self.staff_on_duty.value, (self.staff_on_duty,)),
            "staff_absent": (self.staff_absent.value, (self.staff_absent,)),
            "meeting_start": (self._meeting_start, (self.meeting_start,)),
            "meeting_minutes": (lambda: self.meeting_minutes.value() or None,
                                (self.meeting_minutes,)),
            "meeting_attendees": (self.meeting_attendees.value, (self.meeting_attendees,)),
        }
        for name in TEXT_FIELDS:
            edit: QPlainTextEdit = getattr(self, name)
            getters[name] = (edit.toPlainText, (edit,))
            edit.textChanged.connect(lambda n=name: self._edited(n))
        for name, (get, widgets) in getters.items():
            a.bind(name, get, self.errors[name], *widgets)
        self.weather.currentTextChanged.connect(lambda _t: self._edited("weather"))
        self.customer_flow.valueChanged.connect(lambda _v: self._edited("customer_flow"))
        self.served_count.valueChanged.connect(lambda _v: self._edited("served_count"))
        self.staff_on_duty.changed.connect(lambda: self._edited("staff_on_duty"))
        self.staff_absent.changed.connect(self._absence_edited)
        self.meeting_start.timeChanged.connect(lambda _t: self._edited("meeting_start"))
        self.meeting_minutes.valueChanged.connect(self._minutes_edited)
        self.meeting_attendees.changed.connect(lambda: self._edited("meeting_attendees"))
        self.duty_manager.activated.connect(self._dm_chosen)

    def _edited(self, name: str) -> None:
        if not self._loading:
            self.autosave.edited(name)

    def _absence_edited(self) -> None:
        self.autosave.watch_children("staff_absent", self.staff_absent)
        self._edited("staff_absent")

    def _minutes_edited(self, _v: int) -> None:
        self._update_meeting_warning()
        self._edited("meeting_minutes")

    def _dm_chosen(self, _index: int) -> None:
        uid = self.duty_manager.currentData()
        if uid is not None and not self._loading:
            self.dutyManagerChosen.emit(int(uid))

    def _meeting_start(self) -> str | None:
        t = self.meeting_start.time()
        return None if t == self.meeting_start.minimumTime() else t.toString("HH:mm")

    def _update_meeting_warning(self) -> None:
        m = self.meeting_minutes.value()
        over = m > self._meeting_limit
        self.meeting_warning.setText(self.tr("⚠ 超过 {0} 分钟上限").format(self._meeting_limit)
                                     if over else "")
        self.meeting_warning.setVisible(over)

    # --- loading --------------------------------------------------------------------------
    def load(self, view: DutyLogView, people: Sequence[Person], managers: Sequence[Person],
             names: Mapping[int, str]) -> None:
        """Show the log's effective values (no autosave is triggered)."""
        self._loading = True
        try:
            eff = view.effective
            self._meeting_limit = view.meeting.limit_minutes
            choices = [(p.label, p.id) for p in managers
                       if p.active or p.id == view.duty_manager.id]
            if view.duty_manager.id not in {i for _l, i in choices}:
                choices.append((view.duty_manager.label, view.duty_manager.id))
            combo = self.duty_manager
            if choices != [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]:
                combo.clear()  # refilled only when the roster changed (not per date switch)
                for label, pid in choices:
                    combo.addItem(label, pid)
            self.duty_manager.setCurrentIndex(self.duty_manager.findData(view.duty_manager.id))
            self.weather.setCurrentText(eff.weather)
            self.customer_flow.set_count(eff.customer_flow)
            self.served_count.set_count(eff.served_count)
            for name in TEXT_FIELDS:
                edit: QPlainTextEdit = getattr(self, name)
                if edit.toPlainText() != getattr(eff, name):
                    edit.setPlainText(getattr(eff, name))
            self.staff_on_duty.set_people(people, eff.staff_on_duty)
            self.staff_absent.set_people(people)
            self.staff_absent.set_value(eff.staff_absent)
            self.autosave.watch_children("staff_absent", self.staff_absent)
            self.meeting_start.setTime(QTime.fromString(eff.meeting_start, "HH:mm")
                                       if eff.meeting_start else QTime(0, 0))
            self.meeting_minutes.setValue(eff.meeting_minutes or 0)
            self.meeting_attendees.set_people(people, eff.meeting_attendees)
            self._update_meeting_warning()
            amended = view.amended_fields
            for name, label in self.originals.items():
                show = name in amended
                label.setVisible(show)
                label.setText(self.tr("已更正 · 签字时原值：{0}").format(
                    describe_value(name, getattr(view.original, name), names)) if show else "")
            for label in self.errors.values():
                label.setVisible(False)
        finally:
            self._loading = False

    def set_value(self, name: str, value: Any, people: Sequence[Person]) -> None:
        """Put one field's value in its editor without saving it (a conflict resolved by
        采用对方内容, or typed text kept over a reload)."""
        self._loading = True
        try:
            if name == "weather":
                self.weather.setCurrentText(value or "")
            elif name in ("customer_flow", "served_count"):
                getattr(self, name).set_count(value)
            elif name in TEXT_FIELDS:
                getattr(self, name).setPlainText(value or "")
            elif name in ("staff_on_duty", "meeting_attendees"):
                getattr(self, name).set_people(people, tuple(value or ()))
            elif name == "staff_absent":
                self.staff_absent.set_value(tuple(value or ()))
                self.autosave.watch_children("staff_absent", self.staff_absent)
            elif name == "meeting_start":
                self.meeting_start.setTime(QTime.fromString(value, "HH:mm") if value
                                           else QTime(0, 0))
            elif name == "meeting_minutes":
                self.meeting_minutes.setValue(value or 0)
                self._update_meeting_warning()
        finally:
            self._loading = False

    def editor(self, name: str) -> QWidget:
        """The widget that edits field ``name`` (focus after a conflict message)."""
        return getattr(self, name)

    def set_read_only(self, ro: bool) -> None:
        """Signed logs: nothing can be typed or ticked (the service refuses as well)."""
        self.duty_manager.setEnabled(not ro)
        self.weather.setEnabled(not ro)
        for spin in (self.customer_flow, self.served_count, self.meeting_minutes,
                     self.meeting_start):
            spin.setReadOnly(ro)
            spin.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons if ro
                                  else QSpinBox.ButtonSymbols.UpDownArrows)
        style = READ_ONLY_STYLE if ro else ""
        for name in TEXT_FIELDS:
            getattr(self, name).setReadOnly(ro)
            getattr(self, name).setStyleSheet(style)
        for spin in (self.customer_flow, self.served_count, self.meeting_minutes,
                     self.meeting_start):
            spin.setStyleSheet(style)
        lists = f"QListWidget {{ {style} }}" if ro else ""
        self.staff_on_duty.setStyleSheet(lists)
        self.meeting_attendees.setStyleSheet(lists)
        self.staff_on_duty.set_read_only(ro)
        self.meeting_attendees.set_read_only(ro)
        self.staff_absent.set_read_only(ro)

    def absences(self) -> tuple[Absence, ...]:
        return self.staff_absent.value()

    def field_label(self, name: str) -> str:
        return FIELD_LABELS.get(name, name)
