"""作息与节假日: the seasonal timetables (split days) and the holiday table, edited by the hall
manager. Sessions are typed "09:20-12:30, 15:20-18:30"; seasons as MM-DD ranges that may
wrap the new year; holidays beyond what ``chinesecalendar`` knows are entered by hand from
the State Council's notice, then the table's coverage is extended."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

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

from hallmanager.domain.attendance.timetable import DayKind, MonthDay, Session, Timetable
from hallmanager.domain.errors import ValidationError
from hallmanager.ui.common.editors import DateEdit
from hallmanager.ui.common.errors import run_action
from hallmanager.ui.common.forms import FormDialog
from hallmanager.ui.common.table_model import (
    BaseTableModel,
    Column,
    FilterProxyModel,
    make_table_view,
)

if TYPE_CHECKING:
    from hallmanager.app import Services

SEASON_ROWS = 3


def sessions_text(t: Timetable) -> str:
    return ", ".join(s.label.replace("–", "-") for s in t.sessions)


def parse_sessions(text: str, label: str) -> tuple[Session, ...]:
    parts = [p for p in text.replace("，", ",").split(",") if p.strip()]
    if not parts:
        raise ValidationError(f"{label}：请填写至少一个时段，例如 09:20-12:30, 15:20-18:30")
    try:
        return tuple(Session.parse(p) for p in parts)
    except ValidationError as exc:
        raise ValidationError(f"{label}：{exc.message}") from exc


class HolidayTableModel(BaseTableModel["HolidayView"]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([
            Column(self.tr("日期"), lambda h: h.date.isoformat()),
            Column(self.tr("星期"), lambda h: "一二三四五六日"[h.date.weekday()]),
            Column(self.tr("类别"), lambda h: h.kind.label),
            Column(self.tr("名称"), lambda h: h.name),
            Column(self.tr("来源"), lambda h: "手工录入" if h.source == "manual" else h.source),
        ], parent)


class CalendarDialog(FormDialog):
    """Seasons on top (saved with 保存作息时间); the holiday list below edits right away."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent, self.tr("作息与节假日"), "calendarDialog",
                         ok_text=self.tr("保存作息时间"), min_width=720)
        self.svc = services.attendance
        self.today = services.ctx.clock.now().date()
        box = QGroupBox(self.tr("作息时间（季节）"), self)
        grid = QGridLayout(box)
        for c, h in enumerate((self.tr("名称"), self.tr("从（MM-DD）"), self.tr("到（MM-DD）"),
                               self.tr("时段"))):
            grid.addWidget(QLabel(h, box), 0, c)
        current = list(self.svc.timetables().timetables)
        self.rows: list[tuple[QLineEdit, QLineEdit, QLineEdit, QLineEdit]] = []
        for r in range(SEASON_ROWS):
            t = current[r] if r < len(current) else None
            cells = (QLineEdit(t.name if t else "", box), QLineEdit(str(t.valid_from) if t else "", box),
                     QLineEdit(str(t.valid_to) if t else "", box),
                     QLineEdit(sessions_text(t) if t else "", box))
            for c, e in enumerate(cells):
                e.setObjectName(f"season{r}_{c}")
                grid.addWidget(e, r + 1, c)
            grid.setColumnStretch(3, 1)
            self.rows.append(cells)
        self.form.addRow(box)

        hbox = QGroupBox(self.tr("节假日表"), self)
        hl = QGridLayout(hbox)
        self.year = QComboBox(hbox)
        for y in range(self.today.year - 1, self.today.year + 2):
            self.year.addItem(str(y), y)
        self.year.setCurrentIndex(1)
        self.year.currentIndexChanged.connect(lambda _i: self.load_holidays())
        self.coverage = QLabel(hbox)
        self.coverage.setObjectName("holidayCoverage")
        self.model = HolidayTableModel(hbox)
        proxy = FilterProxyModel(hbox)
        proxy.setSourceModel(self.model)
        self.view = make_table_view(proxy, hbox, object_name="holidayView")
        self.view.setMinimumHeight(180)
        add = QHBoxLayout()
        self.day = DateEdit(hbox, value=self.today)
        self.kind = QComboBox(hbox)
        for k in (DayKind.HOLIDAY, DayKind.ADJUSTED_WORKDAY, DayKind.WORKDAY):
            self.kind.addItem(k.label if k != DayKind.WORKDAY else self.tr("恢复为普通日"), k.value)
        self.name = QLineEdit(hbox)
        self.name.setPlaceholderText(self.tr("名称，例如 春节"))
        self.name.setMaxLength(40)
        self.add_button = QPushButton(self.tr("设置该日"), hbox)
        self.add_button.setObjectName("setHolidayButton")
        self.add_button.clicked.connect(lambda _c=False: self.set_day())
        self.until = DateEdit(hbox, value=dt.date(self.today.year + 1, 12, 31))
        self.extend_button = QPushButton(self.tr("节假日已录入至此日"), hbox)
        self.extend_button.setObjectName("extendHolidaysButton")
        self.extend_button.clicked.connect(lambda _c=False: self.extend())
        for w in (QLabel(self.tr("日期"), hbox), self.day, self.kind, self.name, self.add_button):
            add.addWidget(w)
        add.addStretch(1)
        ext = QHBoxLayout()
        for w in (self.coverage, self.until, self.extend_button):
            ext.addWidget(w)
        ext.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("年份"), hbox))
        top.addWidget(self.year)
        top.addStretch(1)
        hl.addLayout(top, 0, 0)
        hl.addWidget(self.view, 1, 0)
        hl.addLayout(add, 2, 0)
        hl.addLayout(ext, 3, 0)
        self.form.addRow(hbox)
        self.load_holidays()

    def load_holidays(self) -> None:
        table = self.svc.holiday_table(self.year.currentData())
        self.model.set_rows(list(table.entries))
        until = table.covered_until.isoformat() if table.covered_until else self.tr("（无）")
        self.coverage.setText(self.tr("节假日表已知至 {0}").format(until))

    def set_day(self) -> bool:
        kind = DayKind(self.kind.currentData())
        ok = bool(run_action(self, self.svc.set_holiday, self.day.date_value(), kind,
                             self.name.text()))
        if ok:
            self.load_holidays()
        return ok

    def extend(self) -> bool:
        ok = bool(run_action(self, self.svc.set_holidays_covered_until, self.until.date_value()))
        if ok:
            self.load_holidays()
        return ok

    def timetables(self) -> list[Timetable]:
        out = []
        for r, (name, a, b, sess) in enumerate(self.rows, start=1):
            if not any(e.text().strip() for e in (name, a, b, sess)):
                continue
            label = name.text().strip() or self.tr("第 {0} 行").format(r)
            out.append(Timetable(name.text().strip(), parse_sessions(sess.text(), label),
                                 MonthDay.parse(a.text()), MonthDay.parse(b.text())))
        return out

    def call(self) -> Any:
        return self.svc.save_timetables(self.timetables())
