"""The 今日 tab: what needs the duty manager's attention right now.

Items come from ``services.today.attention()`` (every module's provider), most urgent first.
The page refreshes every minute while visible and whenever it is shown; Enter or a
double-click emits ``navigate(target)`` and the main window opens the record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from hallmanager.domain.errors import DomainError
from hallmanager.domain.texts import Text
from hallmanager.services.today import AttentionItem, Severity
from hallmanager.ui.common.tab_page import TabPage
from hallmanager.ui.common.table_model import FilterProxyModel, make_table_view, selected_row
from hallmanager.ui.i18n import translate_text
from hallmanager.ui.today.models import AttentionTableModel
from hallmanager.ui.workers import Worker

if TYPE_CHECKING:
    from hallmanager.app import Services

REFRESH_MS = 60_000


@dataclass(frozen=True)
class _Loaded:
    """What one refresh read (in the GUI thread or in the background)."""

    now: dt.datetime
    items: list[AttentionItem]
    error: str
    shift: Any
    status: list[Text]


class TodayTab(TabPage):
    """今日: a header (date, shift, duty manager, counts) and the attention list."""

    #: ``services.today.Target`` of the activated item; the main window jumps to it.
    navigate = Signal(object)
    #: (overdue, due soon) after each refresh: the main window's status bar shows them.
    counted = Signal(int, int)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("todayTab")
        self.header = QLabel(self)
        self.header.setObjectName("todayHeader")
        f = self.header.font()
        f.setPointSizeF(f.pointSizeF() * 1.35)
        f.setBold(True)
        self.header.setFont(f)
        self.header.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("todaySummary")
        self.summary.setWordWrap(True)
        self.hint = QLabel(self.tr("双击或按 Enter 打开对应记录 · 每分钟自动刷新（F5 立即刷新）"), self)
        self.hint.setStyleSheet("color: #5f6368;")
        self.model = AttentionTableModel(self)
        self.proxy = FilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.view = make_table_view(self.proxy, self, object_name="attentionView")
        self.view.setSortingEnabled(False)  # the service's order: overdue, due soon, info
        self.view.verticalHeader().setDefaultSectionSize(30)
        self.view.activated.connect(lambda _i: self.activate_selected())
        self.view.doubleClicked.connect(lambda _i: self.activate_selected())
        self.empty = QLabel(self.tr("目前没有需要处理的事项"), self)
        self.empty.setObjectName("todayEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        ef = self.empty.font()
        ef.setPointSizeF(ef.pointSizeF() * 1.4)
        self.empty.setFont(ef)
        self.empty.setStyleSheet("color: #1e7e34;")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 8)
        lay.addWidget(self.header)
        lay.addWidget(self.summary)
        lay.addSpacing(6)
        lay.addWidget(self.stack, 1)
        lay.addWidget(self.hint)
        self.timer = QTimer(self)
        self.timer.setObjectName("todayTimer")
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self._stale = True  # not refreshed since it was last hidden (or ever)
        self._generation = 0  # bumped by every refresh: a late background answer is dropped
        self._worker: Worker | None = None
        self._worker_generation = -1

    def title(self) -> str:
        return self.tr("今日")

    # --- hooks ----------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.privacy_hidden:
            return
        self._stale = False
        self._generation += 1
        self._apply(self._load(self.services.ctx.clock.now()))

    def refresh_soon(self) -> None:
        """Refresh off the GUI thread, starting after the events queued now (the main
        window's first paint): the page shows "正在加载…" meanwhile, never a frozen window."""
        if self.privacy_hidden:
            return
        self._stale = False
        self._generation += 1
        generation = self._generation
        self.summary.setText(self.tr("正在加载…"))
        now = self.services.ctx.clock.now()

        def start() -> None:
            if generation != self._generation:
                return  # refreshed (or hidden by the lock) meanwhile
            worker = Worker(self._load, now)
            # bound methods: Qt drops the delivery if the page is gone meanwhile
            worker.signals.finished.connect(self._loaded, Qt.ConnectionType.QueuedConnection)
            worker.signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
            self._worker_generation = generation
            self._worker = worker.start()

        QTimer.singleShot(0, self, start)  # dropped if the page is gone

    def _loaded(self, data: _Loaded) -> None:
        if self._worker_generation == self._generation and not self.privacy_hidden:
            self._apply(data)  # else an older answer than what is shown

    def _failed(self, error: DomainError) -> None:
        if self._worker_generation == self._generation and not self.privacy_hidden:
            self.summary.setText(error.message)

    def _load(self, now: dt.datetime) -> _Loaded:
        """Everything the page shows, read from the services (any thread)."""
        error = ""
        try:
            items = self.services.today.attention(now)
        except DomainError as exc:
            items, error = [], exc.message
        try:
            shift = self.services.settings.current_shift()
        except DomainError:
            shift = None
        return _Loaded(now, items, error, shift, self.services.today.status(now))

    def _apply(self, data: _Loaded) -> None:
        now, items = data.now, data.items
        self.model.today = now.date()
        if data.error:
            self.summary.setText(data.error)
        self.header.setText(self._header_text(data))
        keep = selected_row(self.view)
        self.model.set_rows(items)
        self.stack.setCurrentWidget(self.view if items else self.empty)
        self._summarise(items)
        header = self.view.horizontalHeader()
        if header.count() > 3:
            header.resizeSection(2, max(header.sectionSize(2), min(560, self.width() // 2)))
        if keep is not None:
            self._reselect(keep)
        elif items:  # keyboard ready (Enter opens it) without hiding the first row's colour
            self.view.selectionModel().setCurrentIndex(
                self.proxy.index(0, 0), QItemSelectionModel.SelectionFlag.NoUpdate)

    def set_privacy(self, hidden: bool) -> None:
        if hidden:
            self._generation += 1
            self.model.clear()
            self.header.setText("")
            self.summary.setText("")
            self.timer.stop()
        super().set_privacy(hidden)
        if not hidden and self.isVisible():
            self.timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The main window refreshes the page it makes current before showing it; refresh
        # here only when nobody did since the page was last hidden (once on the first show).
        if self._stale:
            self.refresh()
        self.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._stale = True
        self.timer.stop()
        super().hideEvent(event)

    # --- content --------------------------------------------------------------------------
    def _header_text(self, data: _Loaded) -> str:
        now = data.now
        weekdays = (self.tr("星期一"), self.tr("星期二"), self.tr("星期三"), self.tr("星期四"),
                    self.tr("星期五"), self.tr("星期六"), self.tr("星期日"))
        parts = [f"{now.date().isoformat()} {weekdays[now.weekday()]}"]
        shift = data.shift
        parts.append(self.tr("当前班次：{0}").format(shift.label) if shift
                     else self.tr("当前班次：无"))
        parts.extend(translate_text(t) for t in data.status)
        return " · ".join(parts)

    def _summarise(self, items: list[AttentionItem]) -> None:
        counts = {s: sum(1 for i in items if i.severity == s) for s in Severity}
        self.counted.emit(counts[Severity.OVERDUE], counts[Severity.DUE_SOON])
        if not items:
            self.summary.setText(self.tr("一切正常。"))
            self.summary.setStyleSheet("color: #1e7e34;")
            return
        self.summary.setText(self.tr("已超时 {0} 项 · 即将到期 {1} 项 · 提示 {2} 项").format(
            counts[Severity.OVERDUE], counts[Severity.DUE_SOON], counts[Severity.INFO]))
        self.summary.setStyleSheet("color: #b3261e; font-weight: bold;"
                                   if counts[Severity.OVERDUE] else "")

    def _reselect(self, item: AttentionItem) -> None:
        for r in range(self.proxy.rowCount()):
            row = self.proxy.row_at(self.proxy.index(r, 0))
            if row == item:
                self.view.selectRow(r)
                return

    def items(self) -> list[AttentionItem]:
        return self.model.rows()

    def activate_selected(self) -> bool:
        """Enter / double-click: ask the window to open the record."""
        item = selected_row(self.view) or self.proxy.row_at(self.view.currentIndex())
        if item is None or item.target is None:
            return False
        self.navigate.emit(item.target)
        return True
