"""Roster pickers: who was on duty, who attended the meeting, who was absent and why.

People are always picked from the roster (never typed), so the log names real staff and the
service's ``_check_people`` never has to refuse a typo.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hallmanager.domain.dutylog import LEAVE_TYPES, Absence
from hallmanager.ui.common.editors import INVALID_STYLE


@dataclass(frozen=True)
class Person:
    """A roster entry for pickers (id, display label, still active)."""

    id: int
    label: str
    active: bool = True


class PeopleChecklist(QListWidget):
    """A checkable roster list; ``changed`` fires on every tick."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, object_name: str = "") -> None:
        super().__init__(parent)
        if object_name:
            self.setObjectName(object_name)
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setSpacing(2)
        self.setUniformItemSizes(False)
        self.setFixedHeight(106)  # four rows of names; more scroll
        self._read_only = False
        self._loading = False
        self.itemChanged.connect(self._on_item_changed)

    def set_people(self, people: Sequence[Person], selected: Sequence[int] = ()) -> None:
        """Fill with the active roster plus anyone already selected (even if left since)."""
        self._loading = True
        chosen = set(selected)
        shown = [(p.label, p.id) for p in people if p.active or p.id in chosen]
        if shown == [(self.item(i).text(), self.item(i).data(Qt.ItemDataRole.UserRole))
                     for i in range(self.count())]:  # same roster: only the ticks change
            for i in range(self.count()):
                item = self.item(i)
                state = Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in chosen \
                    else Qt.CheckState.Unchecked
                if item.checkState() != state:
                    item.setCheckState(state)
                self._apply_flags(item)
            self._loading = False
            return
        self.clear()
        for p in people:
            if not p.active and p.id not in chosen:
                continue
            item = QListWidgetItem(p.label, self)
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            item.setCheckState(Qt.CheckState.Checked if p.id in chosen
                               else Qt.CheckState.Unchecked)
            self._apply_flags(item)
        self._loading = False

    def value(self) -> tuple[int, ...]:
        return tuple(int(self.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.count())
                     if self.item(i).checkState() == Qt.CheckState.Checked)

    def set_value(self, ids: Sequence[int]) -> None:
        self._loading = True
        chosen = set(ids)
        for i in range(self.count()):
            it = self.item(i)
            it.setCheckState(Qt.CheckState.Checked if it.data(Qt.ItemDataRole.UserRole) in chosen
                             else Qt.CheckState.Unchecked)
        self._loading = False

    def set_checked(self, person_id: int, checked: bool) -> None:
        """Tick or untick one person (keyboard users and tests)."""
        for i in range(self.count()):
            it = self.item(i)
            if it.data(Qt.ItemDataRole.UserRole) == person_id:
                it.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def set_read_only(self, ro: bool) -> None:
        self._read_only = ro
        self._loading = True
        for i in range(self.count()):
            self._apply_flags(self.item(i))
        self._loading = False

    def is_read_only(self) -> bool:
        return self._read_only

    def _apply_flags(self, item: QListWidgetItem) -> None:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self._read_only:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        item.setFlags(flags)

    def _on_item_changed(self, _item: QListWidgetItem) -> None:
        if not self._loading:
            self.changed.emit()


# The row's editors look like any invalid editor (ui/common/editors.py).
_ERROR_ROW_STYLE = f"QComboBox, QLineEdit {{ {INVALID_STYLE} }}"


class _AbsenceRow(QWidget):
    def __init__(self, editor: AbsenceEditor, people: Sequence[Person], a: Absence | None) -> None:
        super().__init__(editor)
        self.person = QComboBox(self)
        self.person.setObjectName("absencePerson")
        for p in people:
            if p.active or (a is not None and a.user_id == p.id):
                self.person.addItem(p.label, p.id)
        self.kind = QComboBox(self)
        self.kind.setObjectName("absenceType")
        self.kind.setEditable(True)
        self.kind.addItems(list(LEAVE_TYPES))
        self.note = QLineEdit(self)
        self.note.setObjectName("absenceNote")
        self.note.setMaxLength(200)
        self.note.setPlaceholderText(QCoreApplication.translate("AbsenceEditor", "说明（可选）"))
        self.remove = QPushButton(QCoreApplication.translate("AbsenceEditor", "移除"), self)
        self.remove.setObjectName("absenceRemove")
        if a is not None:
            self.person.setCurrentIndex(max(0, self.person.findData(a.user_id)))
            self.kind.setCurrentText(a.leave_type)
            self.note.setText(a.note)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.person, 2)
        lay.addWidget(self.kind, 1)
        lay.addWidget(self.note, 3)
        lay.addWidget(self.remove)
        self.person.currentIndexChanged.connect(editor.changed)
        self.kind.currentTextChanged.connect(editor.changed)
        self.note.textEdited.connect(editor.changed)
        self.remove.clicked.connect(lambda: editor.remove_row(self))

    def value(self) -> Absence | None:
        pid = self.person.currentData()
        return None if pid is None else Absence(int(pid), self.kind.currentText().strip(),
                                                 self.note.text().strip())

    def set_read_only(self, ro: bool) -> None:
        self.person.setEnabled(not ro)
        self.kind.setEnabled(not ro)
        self.note.setReadOnly(ro)
        self.remove.setVisible(not ro)


class AbsenceEditor(QWidget):
    """缺勤人员: one row per absent person — who (roster), leave type, note."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staffAbsent")
        self._people: list[Person] = []
        self._rows: list[_AbsenceRow] = []
        self._read_only = False
        self._box = QVBoxLayout()
        self._box.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(self.tr("＋ 登记缺勤人员"), self)
        self.add_button.setObjectName("absenceAdd")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.none_label = QLabel(self.tr("无"), self)
        self.none_label.setStyleSheet("color: #5f6368;")
        self.none_label.hide()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(self._box)
        lay.addWidget(self.none_label)
        lay.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def set_people(self, people: Sequence[Person]) -> None:
        self._people = list(people)

    def set_value(self, absences: Sequence[Absence]) -> None:
        for r in self._rows:
            r.setParent(None)
            r.deleteLater()
        self._rows = []
        for a in absences:
            self._append(a)
        self.none_label.setVisible(self._read_only and not self._rows)

    def value(self) -> tuple[Absence, ...]:
        return tuple(v for v in (r.value() for r in self._rows) if v is not None)

    def add_row(self, absence: Absence | None = None) -> None:
        row = self._append(absence)
        row.person.setFocus()
        self.changed.emit()

    def remove_row(self, row: _AbsenceRow) -> None:
        if row in self._rows:
            self._rows.remove(row)
            row.setParent(None)
            row.deleteLater()
            self.changed.emit()

    def rows(self) -> list[_AbsenceRow]:
        return list(self._rows)

    def set_read_only(self, ro: bool) -> None:
        self._read_only = ro
        self.add_button.setVisible(not ro)
        self.none_label.setVisible(ro and not self._rows)
        for r in self._rows:
            r.set_read_only(ro)

    def is_read_only(self) -> bool:
        return self._read_only

    def _append(self, absence: Absence | None) -> _AbsenceRow:
        # A new widget lands after this editor's existing children in the focus chain (after
        # the add button); put the row's fields just before the add button instead, so Tab
        # goes previous row → this row → add button. setTabOrder ignores NoFocus widgets, so
        # anchor on the nearest focusable one before the button.
        prev = self.add_button.previousInFocusChain()
        while prev is not self.add_button and prev.focusPolicy() == Qt.FocusPolicy.NoFocus:
            prev = prev.previousInFocusChain()
        row = _AbsenceRow(self, self._people, absence)
        row.set_read_only(self._read_only)
        for w in (row.person, row.kind, row.note, row.remove):
            QWidget.setTabOrder(prev, w)
            prev = w
        self._rows.append(row)
        self._box.addWidget(row)
        return row

    def mark_error(self, row: int | None) -> None:
        """Outline the ``row``-th (1-based) filled-in row that a validation error names."""
        filled = [r for r in self._rows if r.value() is not None]
        for i, r in enumerate(filled, start=1):
            r.setStyleSheet(_ERROR_ROW_STYLE if i == row else "")
