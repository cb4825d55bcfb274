"""营业环境 / 设施 / 宣传 inspection: each item OK or a problem with a note, plus 全部正常.

A result is saved the moment it is chosen; a note when its line loses focus or Enter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from hallmanager.services.dutylog import InspectionView

SetFn = Callable[[InspectionView, bool | None, str], bool]

# Colours by palette and font, not per-widget style sheets: a style sheet on each of a
# log's 20–30 rows made the first showing of a log (on the GUI thread) tens of ms slower.
_PROBLEM_COLOR = QColor("#b3261e")
_OK_COLOR = QColor("#1e7e34")


class InspectionPanel(QGroupBox):
    """One row per inspection item. ``set_fn(item, ok, note)`` saves (returns success);
    ``all_ok_fn()`` marks every unchecked item OK."""

    def __init__(self, set_fn: SetFn, all_ok_fn: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspections")
        self.setTitle(self.tr("营业环境、设施、宣传检查"))
        self._set = set_fn
        self._items: list[InspectionView] = []
        self._rows: list[tuple[QComboBox, QLineEdit]] = []
        self._loading = False
        self.all_ok = QPushButton(self.tr("未检查的全部正常"), self)
        self.all_ok.setObjectName("inspectionsAllOk")
        self.all_ok.setToolTip(self.tr("把尚未检查的项目全部标记为正常"))
        self.all_ok.clicked.connect(all_ok_fn)
        self.summary = QLabel(self)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(10)
        self.grid.setColumnStretch(3, 1)
        outer = QGridLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.all_ok)
        outer.addLayout(top, 0, 0)
        outer.addLayout(self.grid, 1, 0)

    def load(self, items: Sequence[InspectionView]) -> None:
        """Show ``items``; the same list of items as before (another date of the same
        template) only updates the values, without rebuilding the rows."""
        if [(i.category, i.item) for i in items] == [(i.category, i.item) for i in self._items]:
            self._loading = True
            self._items = list(items)
            for (result, note), it in zip(self._rows, self._items, strict=True):
                result.setCurrentIndex({None: 0, True: 1, False: 2}[it.ok])
                note.setText(it.note)
                self._style(result, note)
            self._update_summary()
            self._loading = False
            return
        self._loading = True
        while self.grid.count():
            w = self.grid.takeAt(0).widget()
            if w is not None:
                w.setParent(None)
                w.deleteLater()
        self._items = list(items)
        self._rows = []
        last_cat = None
        for r, it in enumerate(self._items):
            cat = QLabel(it.category if it.category != last_cat else "", self)
            bold = cat.font()
            bold.setBold(True)
            cat.setFont(bold)
            last_cat = it.category
            name = QLabel(it.item, self)
            result = QComboBox(self)
            result.setObjectName(f"inspectionResult_{r}")
            result.addItem(self.tr("未检查"), None)
            result.addItem(self.tr("正常"), True)
            result.addItem(self.tr("有问题"), False)
            result.setCurrentIndex({None: 0, True: 1, False: 2}[it.ok])
            note = QLineEdit(it.note, self)
            note.setObjectName(f"inspectionNote_{r}")
            note.setMaxLength(500)
            note.setPlaceholderText(self.tr("有问题时写明情况"))
            self._style(result, note)
            result.activated.connect(lambda _i, row=r: self._save(row))
            note.editingFinished.connect(lambda row=r: self._save_note(row))
            self.grid.addWidget(cat, r, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(name, r, 1)
            self.grid.addWidget(result, r, 2)
            self.grid.addWidget(note, r, 3)
            self._rows.append((result, note))
        # Rows are created after the rest of the page, so Qt put them at the end of the
        # window's focus chain: chain them right after 全部正常 (Tab walks the rows in order).
        prev: QWidget = self.all_ok
        for result, note in self._rows:
            QWidget.setTabOrder(prev, result)
            QWidget.setTabOrder(result, note)
            prev = note
        self._update_summary()
        self._loading = False

    def rows(self) -> list[tuple[QComboBox, QLineEdit]]:
        return list(self._rows)

    def set_read_only(self, ro: bool) -> None:
        self.all_ok.setVisible(not ro)
        for result, note in self._rows:
            result.setEnabled(not ro)
            note.setReadOnly(ro)

    def _style(self, result: QComboBox, note: QLineEdit) -> None:
        ok = result.currentData()
        color = _PROBLEM_COLOR if ok is False else (_OK_COLOR if ok else None)
        if result.property("shownAs") != str(ok):  # only on change
            result.setProperty("shownAs", str(ok))
            palette = self.palette()
            if color is not None:
                for role in (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Text,
                             QPalette.ColorRole.WindowText):
                    palette.setColor(role, color)
            result.setPalette(palette)
            font = result.font()
            font.setBold(ok is False)
            result.setFont(font)
        note.setPlaceholderText(self.tr("请写明问题情况") if ok is False else "")

    def _save(self, row: int) -> None:
        result, note = self._rows[row]
        self._style(result, note)
        if not self._loading:
            item = self._items[row]
            if self._set(item, result.currentData(), note.text()):
                self._items[row] = InspectionView(item.id, item.category, item.item,
                                                  result.currentData(), note.text().strip())
            if result.currentData() is False and not note.text().strip():
                note.setFocus()
        self._update_summary()

    def _save_note(self, row: int) -> None:
        _result, note = self._rows[row]
        if note.isReadOnly() or note.text().strip() == self._items[row].note:
            return
        self._save(row)

    def _update_summary(self) -> None:
        items = [(r.currentData()) for r, _n in self._rows]
        problems = sum(1 for v in items if v is False)
        unchecked = sum(1 for v in items if v is None)
        self.summary.setText(self.tr("共 {0} 项 · 有问题 {1} 项 · 未检查 {2} 项")
                             .format(len(items), problems, unchecked))
        style = "color: #b3261e;" if problems else ""
        if self.summary.styleSheet() != style:
            self.summary.setStyleSheet(style)
