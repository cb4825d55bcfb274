"""Table models driven by column definitions, and a proxy that searches all columns.

Every list in the program is a ``BaseTableModel`` over plain row objects (frozen dataclasses
from the services), so a tab never writes ``data()``/``headerData()`` by hand and every model
behaves the same for sorting, highlighting and the search box.

Example::

    columns = [
        Column(self.tr("编号"), lambda c: c.number),
        Column(self.tr("承诺时限"), lambda c: c.deadline, display=fmt_datetime,
               background=lambda c: OVERDUE if c.overdue else None),
    ]
    model = BaseTableModel(columns, parent=self)
    model.set_rows(services.complaints.open_items())
    proxy = FilterProxyModel(self); proxy.setSourceModel(model)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

#: Role returning the value the proxy sorts by (``Column.sort_key`` or the raw value).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: Role returning the whole row object (handy in delegates and selection handlers).
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ALIGN_CENTER = Qt.AlignmentFlag.AlignCenter

#: Standard highlight colours so every tab marks "overdue" and "due soon" alike.
OVERDUE_BACKGROUND = QColor("#fde2e1")
DUE_SOON_BACKGROUND = QColor("#fff4cc")
MUTED_FOREGROUND = QColor("#8a8a8a")

ColorFn = Callable[[Any], QColor | None]


def default_display(value: Any) -> str:
    """How a raw value shows when a column has no formatter: dates ISO, bools ✓, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: header text (already translated), how to get the value from a row, and
    optional formatting, alignment, sort key, colours and tooltip (all functions of the row,
    except ``display`` which gets the value)."""

    header: str
    value: Callable[[R], Any]
    display: Callable[[Any], str] | None = None
    align: Qt.AlignmentFlag = ALIGN_LEFT
    sort_key: Callable[[R], Any] | None = None
    foreground: Callable[[R], QColor | None] | None = None
    background: Callable[[R], QColor | None] | None = None
    tooltip: Callable[[R], str | None] | None = None
    header_tooltip: str | None = None


class BaseTableModel(QAbstractTableModel, Generic[R]):
    """A read-only table over a list of plain row objects.

    ``row_foreground``/``row_background`` colour whole rows (e.g. overdue complaints);
    a column's own callback wins where it returns a colour.
    """

    def __init__(
        self,
        columns: Sequence[Column[R]],
        parent: QWidget | None = None,
        *,
        row_foreground: ColorFn | None = None,
        row_background: ColorFn | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns: list[Column[R]] = list(columns)
        self._rows: list[R] = []
        self._row_fg = row_foreground
        self._row_bg = row_background

    # --- public API -------------------------------------------------------------------
    def set_rows(self, rows: Sequence[R]) -> None:
        """Replace all rows (views keep their sort; selection is cleared)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[R]:
        """A copy of the rows in model order (not view order)."""
        return list(self._rows)

    def row_at(self, index: Index | int) -> R | None:
        """The row object at a source index or row number (None when out of range)."""
        r = index if isinstance(index, int) else (index.row() if index.isValid() else -1)
        return self._rows[r] if 0 <= r < len(self._rows) else None

    def columns(self) -> list[Column[R]]:
        return list(self._columns)

    def clear(self) -> None:
        """Drop all rows, e.g. when the lock screen hides personal data."""
        self.set_rows([])

    # --- Qt API -----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) \
                or index.column() >= len(self._columns):
            return None
        row = self._rows[index.row()]
        col = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = col.value(row)
            return col.display(value) if col.display else default_display(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(col.align.value)
        if role == Qt.ItemDataRole.ForegroundRole:
            return _brush((col.foreground and col.foreground(row)) or (self._row_fg and self._row_fg(row)))
        if role == Qt.ItemDataRole.BackgroundRole:
            return _brush((col.background and col.background(row)) or (self._row_bg and self._row_bg(row)))
        if role == Qt.ItemDataRole.ToolTipRole:
            return col.tooltip(row) if col.tooltip else None
        if role == SORT_ROLE:
            return col.sort_key(row) if col.sort_key else col.value(row)
        if role == ROW_ROLE:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            col = self._columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return col.header
            if role == Qt.ItemDataRole.ToolTipRole:
                return col.header_tooltip
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(col.align.value)
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None


class PagedTableModel(BaseTableModel[R]):
    """Rows fetched a page at a time as the view scrolls (Qt's ``canFetchMore``/``fetchMore``)
    with the total counted up front: a list that grows for years (audit entries, punches,
    complaints) opens as fast as a short one and says honestly "N of M". The order is the
    query's (sorting a partly loaded list in the view would mislead: keep sorting off)."""

    def __init__(self, columns: Sequence[Column[R]], parent: QWidget | None = None, *,
                 page_size: int = 200, **kw: Any) -> None:
        super().__init__(columns, parent, **kw)
        self.page_size = page_size
        self._fetch: Callable[[int, int], Sequence[R]] | None = None
        self._total = 0

    @property
    def total(self) -> int:
        return self._total

    def set_source(self, fetch: Callable[[int, int], Sequence[R]], total: int) -> None:
        """Replace the rows with the first page of ``fetch(offset, limit)``; ``total`` is how
        many the query holds in all."""
        self._fetch = fetch
        self._total = max(0, int(total))
        self.set_rows(list(fetch(0, self.page_size)) if self._total else [])
        if len(self._rows) < self.page_size:
            self._total = len(self._rows)

    def clear(self) -> None:
        self._fetch = None
        self._total = 0
        super().clear()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return (not parent.isValid() and self._fetch is not None
                and len(self._rows) < self._total)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        assert self._fetch is not None
        more = list(self._fetch(len(self._rows), self.page_size))
        if not more:  # the data shrank since it was counted: stop honestly
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()
        if len(more) < self.page_size:
            self._total = len(self._rows)


def _brush(color: QColor | None) -> QBrush | None:
    return QBrush(color) if color is not None else None


class FilterProxyModel(QSortFilterProxyModel):
    """Sorts by ``SORT_ROLE`` (None last, mixed types safe) and keeps rows where the search
    text appears in any column, case-insensitively. ``set_row_filter`` adds a structured
    condition on the row object (e.g. "only open items")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setDynamicSortFilter(True)
        self._row_filter: Callable[[Any], bool] | None = None

    def set_text(self, text: str) -> None:
        """The search box's text; empty shows everything."""
        self.setFilterFixedString(text.strip())

    def set_row_filter(self, predicate: Callable[[Any], bool] | None) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9; invalidateFilter is deprecated
            self.beginFilterChange()
            self._row_filter = predicate
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older PySide6
            self._row_filter = predicate
            self.invalidateFilter()

    def row_at(self, proxy_index: Index) -> Any:
        """The row object behind a view (proxy) index."""
        if not proxy_index.isValid():
            return None
        return self.sourceModel().data(self.mapToSource(proxy_index), ROW_ROLE)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._row_filter is not None:
            row = self.sourceModel().data(self.sourceModel().index(source_row, 0, source_parent),
                                          ROW_ROLE)
            if row is not None and not self._row_filter(row):
                return False
        return super().filterAcceptsRow(source_row, source_parent)

    def lessThan(self, left: Index, right: Index) -> bool:
        a = self.sourceModel().data(left, SORT_ROLE)
        b = self.sourceModel().data(right, SORT_ROLE)
        if a is None or b is None:
            return a is None and b is not None if self.sortOrder() == Qt.SortOrder.DescendingOrder \
                else a is not None and b is None
        try:
            if isinstance(a, str) and isinstance(b, str):
                return a.casefold() < b.casefold()
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)


def make_table_view(proxy: QSortFilterProxyModel, parent: QWidget | None = None, *,
                    object_name: str | None = None) -> QTableView:
    """A table view configured the same way everywhere: whole-row selection, sortable,
    alternating rows, last column stretched, no editing."""
    view = QTableView(parent)
    if object_name:
        view.setObjectName(object_name)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(26)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setHighlightSections(False)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    # column widths from a bounded sample of rows, not every row of a long list
    view.verticalHeader().setResizeContentsPrecision(FIT_SAMPLE_ROWS)
    view.horizontalHeader().setResizeContentsPrecision(FIT_SAMPLE_ROWS)
    proxy.modelReset.connect(lambda: fit_columns(view))
    return view


FIT_SAMPLE_ROWS = 50  # rows measured when fitting column widths


def fit_columns(view: QTableView, max_width: int = 360) -> None:
    """Size columns to their contents (headers included) without letting one column take
    the whole width; the last column still stretches.

    The widths come from the display text of the first ``FIT_SAMPLE_ROWS`` rows (fewer if the
    header's ``resizeContentsPrecision`` asks for fewer) measured with the view's font
    metrics: one ``data()`` call a cell. Qt's
    ``resizeColumnsToContents`` asks the delegate for a size hint, i.e. every role of every
    sampled cell through Python, 30–60 ms for a wide list on the GUI thread at start.
    """
    model = view.model()
    header = view.horizontalHeader()
    if model is None:
        return
    cell = view.fontMetrics()
    head = header.fontMetrics()
    style = view.style()
    margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    head_margin = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header) \
        + style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
    icon = view.iconSize().width() if view.iconSize().isValid() else 16
    precision = header.resizeContentsPrecision()
    sample = min(FIT_SAMPLE_ROWS, precision) if precision > 0 else FIT_SAMPLE_ROWS
    rows = min(model.rowCount(), sample)
    display = Qt.ItemDataRole.DisplayRole
    for c in range(model.columnCount()):
        if header.isSectionHidden(c):
            continue
        title = model.headerData(c, Qt.Orientation.Horizontal, display)
        width = max((head.horizontalAdvance(line) for line in str(title or "").split("\n")),
                    default=0) + head_margin
        extra = 0
        if rows:
            first = model.index(0, c)
            if model.data(first, Qt.ItemDataRole.CheckStateRole) is not None:
                extra += icon + 6
            if model.data(first, Qt.ItemDataRole.DecorationRole) is not None:
                extra += icon + 4
        for r in range(rows):
            text = model.data(model.index(r, c), display)
            if text:
                width = max(width, max(cell.horizontalAdvance(line)
                                       for line in str(text).split("\n")) + margin + extra)
        header.resizeSection(c, min(max_width, max(width, header.minimumSectionSize()) + 12))


def selected_row(view: QTableView) -> Any:
    """The row object selected in a view over a FilterProxyModel (None if nothing)."""
    proxy = view.model()
    sel = view.selectionModel().selectedRows() if view.selectionModel() else []
    if not sel or not isinstance(proxy, FilterProxyModel):
        return None
    return proxy.row_at(sel[0])
