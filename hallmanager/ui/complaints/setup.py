"""The hall manager's complaint set-up: categories and deadlines (类别与时限), and the playbook
(应对建议) the hall edits. Others may look, not change (the service checks EDIT_SETTINGS)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hallmanager.domain.complaints.rules import DeadlineRule, Source
from hallmanager.domain.errors import DomainError
from hallmanager.domain.roles import Action
from hallmanager.domain.validation import parse_date_text
from hallmanager.services.complaints.views import (
    DEFAULT_IMPORT_MAPPING,
    IMPORT_FIELD_LABELS,
    IMPORT_FIELDS_REQUIRED,
    ComplaintSettingsView,
    PlaybookView,
)
from hallmanager.ui.common.editors import TimeEdit
from hallmanager.ui.common.forms import HINT_STYLE, FormDialog
from hallmanager.ui.common.table_model import FilterProxyModel, make_table_view, selected_row
from hallmanager.ui.common.widgets import message_label, set_message
from hallmanager.ui.complaints.models import PlaybookModel

if TYPE_CHECKING:
    from hallmanager.app import Services


class ComplaintSettingsDialog(FormDialog):
    """Categories (one a line), the deadline of each source (hours; 0 = the same opening
    day; optionally counted in opening hours), opening hours, call-back and due-soon hours,
    the number prefix, the days the hall is closed, and the import mapping (our field → the
    header in the call centre's file) for halls whose export has another layout."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent, self.tr("投诉类别与时限"), "complaintSettingsDialog",
                         ok_text=self.tr("保存"), min_width=560)
        self.svc = services.complaints
        self.current = s = self.svc.settings()
        editable = services.ctx.auth.may(Action.EDIT_SETTINGS)
        if not editable:
            self.add_intro(self.tr("只有厅经理可以修改投诉设置。您当前只能查看。"))
        # two pages (Ctrl+Tab switches): the rules, and the import mapping
        self.pages = QTabWidget(self)
        self.pages.setObjectName("complaintSettingsPages")
        rules = QWidget(self.pages)
        self.form = QFormLayout(rules)  # the rows below go on the first page
        self.pages.addTab(rules, self.tr("类别与时限"))
        self.body.insertWidget(self.body.indexOf(self.message), self.pages)
        self.prefix = QLineEdit(s.prefix, self)
        self.prefix.setObjectName("complaintPrefix")
        self.prefix.setMaxLength(6)
        self.categories = QPlainTextEdit("\n".join(s.categories), self)
        self.categories.setObjectName("complaintCategories")
        self.categories.setTabChangesFocus(True)
        self.categories.setFixedHeight(130)
        self.form.addRow(self.tr("编号前缀"), self.prefix)
        self.form.addRow(self.tr("投诉类别（每行一个）"), self.categories)
        self.hours: dict[Source, QSpinBox] = {}
        self.opening_only: dict[Source, QCheckBox] = {}
        for src in Source:
            rule = s.deadlines.get(src) or DeadlineRule(None)
            box = QWidget(self)
            lay = QHBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            spin = QSpinBox(box)
            spin.setObjectName(f"deadline_{src.value}")
            spin.setRange(0, 24 * 60)
            spin.setSuffix(self.tr(" 小时"))
            spin.setSpecialValueText(self.tr("当天办结"))
            spin.setValue(rule.hours or 0)
            only = QCheckBox(self.tr("按营业时间计"), box)
            only.setObjectName(f"opening_{src.value}")
            only.setChecked(rule.opening_hours_only)
            lay.addWidget(spin)
            lay.addWidget(only)
            lay.addStretch(1)
            self.hours[src] = spin
            self.opening_only[src] = only
            self.form.addRow(self.tr("{0}时限").format(src.label), box)
        hours = QWidget(self)
        hl = QHBoxLayout(hours)
        hl.setContentsMargins(0, 0, 0, 0)
        self.open_at = TimeEdit(hours)
        self.open_at.set_time_value(s.open_at)
        self.close_at = TimeEdit(hours)
        self.close_at.set_time_value(s.close_at)
        hl.addWidget(self.open_at)
        hl.addWidget(QLabel("–", hours))
        hl.addWidget(self.close_at)
        hl.addStretch(1)
        self.form.addRow(self.tr("营业时间"), hours)
        self.closed = QPlainTextEdit("\n".join(d.isoformat() for d in s.closed_dates), self)
        self.closed.setObjectName("closedDates")
        self.closed.setTabChangesFocus(True)
        self.closed.setFixedHeight(64)
        self.closed.setPlaceholderText(self.tr("每行一个日期，例如 2027-01-01"))
        self.form.addRow(self.tr("闭厅日期（按营业时间计时跳过）"), self.closed)
        self.callback_hours = QSpinBox(self)
        self.callback_hours.setObjectName("callbackHours")
        self.callback_hours.setRange(1, 24 * 30)
        self.callback_hours.setSuffix(self.tr(" 小时"))
        self.callback_hours.setValue(s.callback_hours)
        self.due_soon = QSpinBox(self)
        self.due_soon.setObjectName("dueSoonHours")
        self.due_soon.setRange(1, 72)
        self.due_soon.setSuffix(self.tr(" 小时"))
        self.due_soon.setValue(s.due_soon_hours)
        self.form.addRow(self.tr("答复后回访时限"), self.callback_hours)
        self.form.addRow(self.tr("到期前提醒"), self.due_soon)
        self.form.addRow(_hint(self.tr("“当天办结”：当天营业结束前。按营业时间计时，夜间和休息日"
                                       "不计入。修改只影响之后登记的投诉。"), rules))
        self.mapping_page = QWidget(self.pages)
        ml = QVBoxLayout(self.mapping_page)
        ml.addWidget(_hint(self.tr("导入转派工单时，按下表在 Excel 第一行找各字段的列：右列填写"
                                   "对方文件中的表头文字。标 * 的字段必须填写，同一表头不能对应"
                                   "两个字段。"), self.mapping_page))
        self.mapping = self._mapping_table(s, editable)
        ml.addWidget(self.mapping, 1)
        self.reset_mapping = QPushButton(self.tr("恢复默认表头"), self.mapping_page)
        self.reset_mapping.setObjectName("resetImportMapping")
        self.reset_mapping.setEnabled(editable)
        self.reset_mapping.clicked.connect(self.restore_default_mapping)
        ml.addWidget(self.reset_mapping, 0, Qt.AlignmentFlag.AlignLeft)
        self.pages.addTab(self.mapping_page, self.tr("导入列对应"))
        # the taller page sets the height (a tab widget squeezes its rows otherwise)
        self.pages.setMinimumHeight(rules.sizeHint().height()
                                    + self.pages.tabBar().sizeHint().height() + 12)
        self.ok_button.setEnabled(editable)

    def _mapping_table(self, s: ComplaintSettingsView, editable: bool) -> QTableWidget:
        """Two columns: our field (fixed) → the header text in their file (editable)."""
        table = QTableWidget(len(IMPORT_FIELD_LABELS), 2, self.mapping_page)
        table.setObjectName("importMapping")
        table.setHorizontalHeaderLabels([self.tr("本系统字段"), self.tr("对方文件中的表头")])
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.mapping_fields = list(IMPORT_FIELD_LABELS)
        for row, fld in enumerate(self.mapping_fields):
            star = " *" if fld in IMPORT_FIELDS_REQUIRED else ""
            ours = QTableWidgetItem(IMPORT_FIELD_LABELS[fld] + star)
            ours.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            table.setItem(row, 0, ours)
            theirs = QTableWidgetItem(s.import_mapping.get(fld, ""))
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if editable:
                flags |= Qt.ItemFlag.ItemIsEditable
            theirs.setFlags(flags)
            table.setItem(row, 1, theirs)
        return table

    def set_header(self, field_name: str, text: str) -> None:
        """The header their file uses for one of our fields (what typing in the table does)."""
        self.mapping.item(self.mapping_fields.index(field_name), 1).setText(text)

    def restore_default_mapping(self) -> None:
        for fld, head in DEFAULT_IMPORT_MAPPING.items():
            self.set_header(fld, head)

    def mapping_value(self) -> dict[str, str]:
        return {fld: self.mapping.item(row, 1).text().strip()
                for row, fld in enumerate(self.mapping_fields)}

    def submit(self) -> bool:
        if self.problem():  # the only checks made here are the mapping's: show that page
            self.pages.setCurrentWidget(self.mapping_page)
        return super().submit()

    def problem(self) -> str | None:
        """The mapping checks the hall manager can fix before saving (the service checks
        the same again)."""
        mapping = self.mapping_value()
        missing = [IMPORT_FIELD_LABELS[f] for f in IMPORT_FIELDS_REQUIRED if not mapping[f]]
        if missing:
            return self.tr("导入列对应缺少：{0}（这些字段必须填写表头）").format("、".join(missing))
        seen: dict[str, str] = {}
        for fld, head in mapping.items():
            if head and head in seen:
                return self.tr("表头“{0}”同时对应了{1}和{2}，每个表头只能对应一个字段").format(
                    head, seen[head], IMPORT_FIELD_LABELS[fld])
            seen[head] = IMPORT_FIELD_LABELS[fld]
        return None

    def built(self) -> ComplaintSettingsView:
        deadlines = {src: DeadlineRule(self.hours[src].value() or None,
                                       self.opening_only[src].isChecked())
                     for src in Source}
        cats = tuple(c.strip() for c in self.categories.toPlainText().splitlines()
                     if c.strip())
        closed = tuple(sorted({parse_date_text(x, field="闭厅日期")
                               for x in self.closed.toPlainText().replace("，", "\n")
                               .replace(",", "\n").split() if x.strip()}))
        return dataclasses.replace(
            self.current, prefix=self.prefix.text().strip().upper(), categories=cats,
            closed_dates=closed,
            deadlines=deadlines, open_at=self.open_at.time_value(),
            close_at=self.close_at.time_value(), callback_hours=self.callback_hours.value(),
            due_soon_hours=self.due_soon.value(), import_mapping=self.mapping_value())

    def call(self) -> Any:
        return self.svc.save_settings(self.built())


def _hint(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


class PlaybookDialog(QDialog):
    """The 21 situations and their advice: pick one, edit its title and advice, save; or add
    a situation of the hall's own. View only without EDIT_SETTINGS."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("playbookDialog")
        self.setWindowTitle(self.tr("应对建议"))
        self.resize(860, 560)
        self.svc = services.complaints
        self.editable = services.ctx.auth.may(Action.EDIT_SETTINGS)
        self.model = PlaybookModel(self)
        self.proxy = FilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.view = make_table_view(self.proxy, self, object_name="playbookView")
        self.view.setSortingEnabled(False)
        editor = QWidget(self)
        form = QFormLayout(editor)
        self.title = QLineEdit(editor)
        self.title.setObjectName("playbookTitle")
        self.title.setMaxLength(100)
        self.advice = QPlainTextEdit(editor)
        self.advice.setObjectName("playbookAdviceEdit")
        self.advice.setTabChangesFocus(True)
        form.addRow(self.tr("情形"), self.title)
        form.addRow(self.tr("应对建议"), self.advice)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.view)
        split.addWidget(editor)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        if not self.editable:
            ro = QLabel(self.tr("只有厅经理可以修改应对建议。您当前只能查看。"), self)
            ro.setStyleSheet(HINT_STYLE)
            lay.addWidget(ro)
        lay.addWidget(split, 1)
        self.message = message_label(self)
        lay.addWidget(self.message)
        bar = QHBoxLayout()
        self.save_button = QPushButton(self.tr("保存修改"), self)
        self.save_button.setObjectName("savePlaybookButton")
        self.add_button = QPushButton(self.tr("另存为新情形"), self)
        self.add_button.setObjectName("addPlaybookButton")
        self.save_button.clicked.connect(lambda: self.save(new=False))
        self.add_button.clicked.connect(lambda: self.save(new=True))
        bar.addWidget(self.save_button)
        bar.addWidget(self.add_button)
        bar.addStretch(1)
        close = QDialogButtonBox(self)
        close.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        close.rejected.connect(self.reject)
        bar.addWidget(close)
        lay.addLayout(bar)
        for w in (self.title, self.advice, self.save_button, self.add_button):
            w.setEnabled(self.editable)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.load()

    def load(self, select_id: int | None = None) -> None:
        try:
            rows = self.svc.playbook()
        except DomainError as exc:
            set_message(self.message, exc.message)
            return
        self.model.set_rows(rows)
        row = next((i for i, p in enumerate(rows) if p.id == select_id), 0 if rows else -1)
        if row >= 0:
            self.view.selectRow(row)

    def selected(self) -> PlaybookView | None:
        return selected_row(self.view)

    def _selected(self, *_a: Any) -> None:
        p = self.selected()
        self.title.setText(p.title if p else "")
        self.advice.setPlainText(p.advice if p else "")
        set_message(self.message, None)

    def save(self, *, new: bool = False) -> bool:
        p = self.selected()
        if not new and p is None:
            set_message(self.message, self.tr("请先在左侧选择一种情形"))
            return False
        try:
            saved = self.svc.save_playbook_entry(None if new else p.id,  # type: ignore[union-attr]
                                                 self.title.text(), self.advice.toPlainText())
        except DomainError as exc:
            set_message(self.message, exc.message)
            return False
        self.load(saved.id)
        set_message(self.message, None)
        return True
