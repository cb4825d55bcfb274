"""Dialogs of the 现金交接 tab: a new count, review, reversal, cash in/out, day close,
invoice/receipt ranges, a teller's over/short history and the hall manager's settings.

Each has ``submit()`` (via ``FormDialog``) or plain methods tests can call; opened with
``open()``. Amounts are parsed by the domain (``parse_amount``) in the service.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hallmanager.domain.cash import rules as cr
from hallmanager.domain.cash.rules import Denomination, DenominationKind
from hallmanager.domain.errors import DomainError, ValidationError
from hallmanager.domain.money import format_fen
from hallmanager.domain.roles import Action, Role
from hallmanager.domain.validation import parse_datetime_text
from hallmanager.services.cash.views import CashSettingsView, TillCountView
from hallmanager.ui.cash.models import (
    InvoiceTableModel,
    MonthTotalTableModel,
    MovementTableModel,
    TillTableModel,
)
from hallmanager.ui.common.editors import DateEdit
from hallmanager.ui.common.forms import FormDialog
from hallmanager.ui.common.table_model import FilterProxyModel, make_table_view, selected_row
from hallmanager.ui.common.widgets import message_label, password_edit, set_message

if TYPE_CHECKING:
    from hallmanager.app import Services
    from hallmanager.services.context import UserInfo

MANAGERS = (Role.DUTY_MANAGER, Role.HALL_MANAGER)


def people(services: Services) -> list[UserInfo]:
    try:
        return services.auth.list_users(include_inactive=False)
    except DomainError:
        return []


def fill_people(combo: QComboBox, users: list[UserInfo], *, select: int | None = None,
                blank: str | None = None) -> None:
    combo.clear()
    if blank is not None:
        combo.addItem(blank, None)
    for u in users:
        combo.addItem(f"{u.full_name}（{u.role.label}）", u.id)
    if select is not None:
        combo.setCurrentIndex(max(0, combo.findData(select)))


def fill_shifts(combo: QComboBox, services: Services, select: int | None = None) -> None:
    combo.clear()
    try:
        for s in services.settings.shifts():
            combo.addItem(s.label, s.id)
        cur = services.settings.current_shift()
    except DomainError:
        cur = None
    want = select if select is not None else (cur.id if cur else None)
    if want is not None:
        combo.setCurrentIndex(max(0, combo.findData(want)))


def close_buttons(dialog: QDialog) -> QDialogButtonBox:
    """A 关闭 button (Qt's own Close text is not translated)."""
    box = QDialogButtonBox(dialog)
    box.addButton(QCoreApplication.translate("CashDialogs", "关闭"),
                  QDialogButtonBox.ButtonRole.RejectRole)
    box.rejected.connect(dialog.reject)
    return box


class NewCountDialog(FormDialog):
    """新建款箱清点: who hands over (a teller counts only their own), who receives, the
    shift and the opening float."""

    def __init__(self, parent: QWidget, services: Services, day: dt.date) -> None:
        super().__init__(parent, self.tr("新建款箱清点"), "newCountDialog",
                         ok_text=self.tr("开始清点"))
        self.services, self.day = services, day
        me = services.ctx.auth.user
        everyone = people(services)
        self.shift = QComboBox(self)
        self.shift.setObjectName("countShift")
        fill_shifts(self.shift, services)
        self.teller = QComboBox(self)
        self.teller.setObjectName("countTeller")
        givers = [u for u in everyone if me is None or me.role != Role.TELLER or u.id == me.id]
        givers = [u for u in givers if u.role in (Role.TELLER, *MANAGERS)]
        fill_people(self.teller, givers, select=me.id if me and me.role == Role.TELLER else None)
        self.receiver = QComboBox(self)
        self.receiver.setObjectName("countReceiver")
        fill_people(self.receiver, [u for u in everyone if u.role in MANAGERS],
                    select=me.id if me and me.role in MANAGERS else None)
        self.float_amount = QLineEdit(self)
        self.float_amount.setObjectName("countFloat")
        self.float_amount.setPlaceholderText("0.00")
        self.form.addRow(self.tr("日期"), QLabel(day.isoformat(), self))
        self.form.addRow(self.tr("班次"), self.shift)
        self.form.addRow(self.tr("交出人（营业员/值班经理）"), self.teller)
        self.form.addRow(self.tr("接收人"), self.receiver)
        self.form.addRow(self.tr("备用金"), self.float_amount)
        self.add_hint(self.tr("营业员交款：营业员 → 值班经理；交接班：值班经理 → 下一班值班经理。"))

    def problem(self) -> str | None:
        if self.shift.currentData() is None:
            return self.tr("尚未设置班次，请厅经理在“设置 → 班次”中添加")
        if self.teller.currentData() is None or self.receiver.currentData() is None:
            return self.tr("请选择交出人和接收人")
        if self.teller.currentData() == self.receiver.currentData():
            return self.tr("交出人和接收人不能是同一人")
        return None

    def call(self) -> TillCountView:
        return self.services.cash.start_count(
            self.day, self.shift.currentData(), self.teller.currentData(),
            self.receiver.currentData(), float_amount=self.float_amount.text())


class ReasonDialog(FormDialog):
    """One required text (退回重点的原因, 复核意见) → ``fn(count_id, text)``."""

    def __init__(self, parent: QWidget, title: str, object_name: str, label: str,
                 intro: str, fn: Any, count_id: int) -> None:
        super().__init__(parent, title, object_name)
        self.fn, self.count_id = fn, count_id
        self.add_intro(intro)
        self.text = QLineEdit(self)
        self.text.setObjectName("reasonText")
        self.text.setMaxLength(500)
        self.form.addRow(label, self.text)

    def call(self) -> Any:
        return self.fn(self.count_id, self.text.text())


class ReverseDialog(FormDialog):
    """冲正: the hall manager cancels a confirmed count with a reason and their password; a
    reversing entry (every amount negated) is linked to the original."""

    def __init__(self, parent: QWidget, services: Services, view: TillCountView) -> None:
        super().__init__(parent, self.tr("冲正款箱清点"), "reverseDialog",
                         ok_text=self.tr("冲正"))
        self.services, self.view = services, view
        self.add_intro(self.tr("冲正第 {0} 号（{1} {2}，{3} → {4}，实收 {5}，{6}）。冲正后生成一条"
                               "金额全部取负的冲正记录；如需更正，请再新建一次清点。").format(
            view.id, view.date.isoformat(), view.shift_name, view.teller.name,
            view.receiver.name, format_fen(view.received_fen), view.difference_text))
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reverseReason")
        self.reason.setMaxLength(500)
        self.password = password_edit(self, "reversePassword")
        self.form.addRow(self.tr("冲正原因"), self.reason)
        self.form.addRow(self.tr("厅经理密码"), self.password)

    def problem(self) -> str | None:
        if not self.reason.text().strip():
            return self.tr("请填写冲正原因")
        if not self.password.text():
            return self.tr("请输入您的密码")
        return None

    def call(self) -> TillCountView:
        password = self.password.text()
        self.password.clear()
        return self.services.cash.reverse(self.view.id, self.reason.text(), password)


class MovementDialog(QDialog):
    """现金存取: the day's cash in (change fund) and out (petty expenses), and a form to add
    one with its reason."""

    def __init__(self, parent: QWidget, services: Services, day: dt.date) -> None:
        super().__init__(parent)
        self.setObjectName("movementDialog")
        self.setWindowTitle(self.tr("现金存取 {0}").format(day.isoformat()))
        self.setMinimumWidth(700)
        self.services, self.day = services, day
        root = QVBoxLayout(self)
        self.model = MovementTableModel(self)
        proxy = FilterProxyModel(self)
        proxy.setSourceModel(self.model)
        self.view = make_table_view(proxy, self, object_name="movementView")
        root.addWidget(self.view, 1)
        row = QHBoxLayout()
        row2 = QHBoxLayout()
        self.direction = QComboBox(self)
        self.direction.setObjectName("movementDirection")
        self.direction.addItem(self.tr("存入（备用金/零钱）"), "in")
        self.direction.addItem(self.tr("取出（零星支出）"), "out")
        self.shift = QComboBox(self)
        fill_shifts(self.shift, services)
        self.teller = QComboBox(self)
        fill_people(self.teller, [u for u in people(services) if u.role == Role.TELLER],
                    blank=self.tr("（不限营业员）"))
        self.amount = QLineEdit(self)
        self.amount.setObjectName("movementAmount")
        self.amount.setPlaceholderText(self.tr("金额"))
        self.amount.setFixedWidth(110)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("movementReason")
        self.reason.setPlaceholderText(self.tr("事由（必填）"))
        self.reason.setMaxLength(200)
        self.add_button = QPushButton(self.tr("登记"), self)
        self.add_button.setObjectName("addMovementButton")
        for w in (self.direction, self.shift, self.teller):
            row.addWidget(w)
        row.addStretch(1)
        row2.addWidget(self.amount)
        row2.addWidget(self.reason, 1)
        row2.addWidget(self.add_button)
        root.addLayout(row)
        root.addLayout(row2)
        self.message = message_label(self)
        root.addWidget(self.message)
        root.addWidget(close_buttons(self))
        self.add_button.clicked.connect(self.add)
        self.reason.returnPressed.connect(self.add)
        self.amount.returnPressed.connect(self.reason.setFocus)
        self.add_button.setEnabled(services.ctx.auth.may(Action.CLOSE_DAY))
        self.load()

    def load(self) -> None:
        try:
            self.model.set_rows(self.services.cash.movements(self.day))
        except DomainError as exc:
            set_message(self.message, exc.message)

    def add(self) -> bool:
        try:
            self.services.cash.add_movement(
                self.day, self.shift.currentData(), self.amount.text(),
                direction=self.direction.currentData(), reason=self.reason.text(),
                teller_id=self.teller.currentData())
        except DomainError as exc:
            set_message(self.message, exc.message)
            return False
        set_message(self.message, None)
        self.amount.clear()
        self.reason.clear()
        self.load()
        return True


class DayCloseDialog(FormDialog):
    """日结解款: the day's counted cash goes to the bank (amount, bag/seal number, time,
    escort) and/or the safe; a gap must be explained."""

    def __init__(self, parent: QWidget, services: Services, day: dt.date) -> None:
        super().__init__(parent, self.tr("日结解款 {0}").format(day.isoformat()),
                         "dayCloseDialog", ok_text=self.tr("日结"))
        self.services, self.day = services, day
        t = services.cash.day_totals(day)
        self.totals = t
        self.intro = self.add_intro(self.tr(
            "共 {0} 个款箱，清点现金（含备用金）{1}，非现金 {2}，长短款 {3}；未双方确认 {4} 个，"
            "待复核 {5} 笔；现金存取 {6}。").format(
            t.counts, format_fen(t.counted_cash_fen), format_fen(t.figures.non_cash_fen),
            t.figures.describe(), t.unconfirmed, t.unreviewed, format_fen(t.movements_fen)))
        self.intro.setObjectName("dayCloseSummary")
        self.deposit = QLineEdit(format_fen(t.counted_cash_fen, symbol=False), self)
        self.deposit.setObjectName("depositAmount")
        self.safe = QLineEdit(self)
        self.safe.setObjectName("safeAmount")
        self.safe.setPlaceholderText("0.00")
        self.bag = QLineEdit(self)
        self.bag.setObjectName("bagNo")
        self.bag.setMaxLength(50)
        self.seal = QLineEdit(self)
        self.seal.setObjectName("sealNo")
        self.seal.setMaxLength(50)
        now = services.ctx.clock.now()
        self.when = QLineEdit(now.strftime("%Y-%m-%d %H:%M") if day == now.date()
                              else f"{day.isoformat()} 17:30", self)
        self.when.setObjectName("depositTime")
        self.escort = QLineEdit(self)
        self.escort.setObjectName("escort")
        self.escort.setMaxLength(100)
        self.gap_note = QLineEdit(self)
        self.gap_note.setObjectName("gapNote")
        self.gap_note.setMaxLength(500)
        self.form.addRow(self.tr("解款金额"), self.deposit)
        self.form.addRow(self.tr("存入保险柜"), self.safe)
        self.form.addRow(self.tr("款袋号"), self.bag)
        self.form.addRow(self.tr("封签号"), self.seal)
        self.form.addRow(self.tr("解款时间"), self.when)
        self.form.addRow(self.tr("押运/陪同"), self.escort)
        self.form.addRow(self.tr("差额说明"), self.gap_note)
        self.add_hint(self.tr("清点现金 − 解款 − 存入保险柜 须为 0，否则请填写差额说明。日结后当天的"
                              "款箱不能再清点或冲正。"))
        self.ok_button.setEnabled(t.close is None)
        if t.close is not None:
            set_message(self.message, self.tr("{0} 已日结：{1} 于 {2}").format(
                day.isoformat(), t.close.closed_by.name, t.close.closed_at.strftime("%H:%M")))

    def call(self) -> Any:
        when = parse_datetime_text(self.when.text(), field="解款时间") \
            if self.when.text().strip() else None
        return self.services.cash.close_day(
            self.day, deposit=self.deposit.text(), safe=self.safe.text(),
            bag_no=self.bag.text(), seal_no=self.seal.text(), deposited_at=when,
            escort=self.escort.text(), gap_note=self.gap_note.text())


class InvoiceDialog(QDialog):
    """发票/收据号段交接: register a range handed to someone; the receiver signs for it with
    their own password."""

    def __init__(self, parent: QWidget, services: Services, day: dt.date) -> None:
        super().__init__(parent)
        self.setObjectName("invoiceDialog")
        self.setWindowTitle(self.tr("发票收据交接 {0}").format(day.isoformat()))
        self.setMinimumWidth(680)
        self.services, self.day = services, day
        root = QVBoxLayout(self)
        self.model = InvoiceTableModel(self)
        proxy = FilterProxyModel(self)
        proxy.setSourceModel(self.model)
        self.view = make_table_view(proxy, self, object_name="invoiceView")
        root.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("发票"), "invoice")
        self.kind.addItem(self.tr("收据"), "receipt")
        self.number_from = QLineEdit(self)
        self.number_from.setObjectName("numberFrom")
        self.number_from.setPlaceholderText(self.tr("起始号码"))
        self.number_to = QLineEdit(self)
        self.number_to.setObjectName("numberTo")
        self.number_to.setPlaceholderText(self.tr("结束号码"))
        self.handed_to = QComboBox(self)
        self.handed_to.setObjectName("handedTo")
        me = services.ctx.auth.user
        fill_people(self.handed_to, [u for u in people(services) if not me or u.id != me.id])
        self.add_button = QPushButton(self.tr("登记交出"), self)
        self.add_button.setObjectName("addInvoiceButton")
        for w in (self.kind, self.number_from, self.number_to, self.handed_to, self.add_button):
            row.addWidget(w)
        root.addLayout(row)
        sign = QHBoxLayout()
        self.password = password_edit(self, "invoicePassword")
        self.password.setPlaceholderText(self.tr("接收人密码"))
        self.confirm_button = QPushButton(self.tr("接收人确认所选号段"), self)
        self.confirm_button.setObjectName("confirmInvoiceButton")
        sign.addWidget(self.password)
        sign.addWidget(self.confirm_button)
        sign.addStretch(1)
        root.addLayout(sign)
        self.message = message_label(self)
        root.addWidget(self.message)
        root.addWidget(close_buttons(self))
        self.add_button.clicked.connect(self.add)
        self.confirm_button.clicked.connect(self.confirm)
        self.password.returnPressed.connect(self.confirm)
        self.load()

    def load(self) -> None:
        try:
            self.model.set_rows(self.services.cash.invoice_ranges(self.day))
        except DomainError as exc:
            set_message(self.message, exc.message)

    def add(self) -> bool:
        try:
            self.services.cash.hand_over_invoices(
                self.day, self.kind.currentData(), self.number_from.text(),
                self.number_to.text(), self.handed_to.currentData())
        except DomainError as exc:
            set_message(self.message, exc.message)
            return False
        set_message(self.message, None)
        self.number_from.clear()
        self.number_to.clear()
        self.load()
        return True

    def confirm(self) -> bool:
        row = selected_row(self.view)
        password = self.password.text()
        self.password.clear()
        if row is None:
            set_message(self.message, self.tr("请先在列表中选择一个号段"))
            return False
        try:
            self.services.cash.confirm_invoices(row.id, password)
        except DomainError as exc:
            set_message(self.message, exc.message)
            return False
        set_message(self.message, None)
        self.load()
        return True


class HistoryDialog(QDialog):
    """长短款记录: one teller's counts and month totals (reversed counts net out)."""

    def __init__(self, parent: QWidget, services: Services, teller_id: int | None,
                 end: dt.date) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(self.tr("营业员长短款记录"))
        self.resize(900, 560)
        self.services = services
        root = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.teller = QComboBox(self)
        self.teller.setObjectName("historyTeller")
        me = services.ctx.auth.user
        tellers = [u for u in people(services) if u.role == Role.TELLER
                   and (services.ctx.auth.may(Action.VIEW_CASH) or (me and u.id == me.id))]
        fill_people(self.teller, tellers, select=teller_id)
        self.start = DateEdit(self, value=end.replace(day=1) - dt.timedelta(days=335))
        self.start.setObjectName("historyFrom")
        self.end = DateEdit(self, value=end)
        self.end.setObjectName("historyTo")
        bar.addWidget(QLabel(self.tr("营业员"), self))
        bar.addWidget(self.teller)
        bar.addWidget(QLabel(self.tr("从"), self))
        bar.addWidget(self.start)
        bar.addWidget(QLabel(self.tr("到"), self))
        bar.addWidget(self.end)
        bar.addStretch(1)
        root.addLayout(bar)
        self.month_model = MonthTotalTableModel(self)
        mp = FilterProxyModel(self)
        mp.setSourceModel(self.month_model)
        self.month_view = make_table_view(mp, self, object_name="historyMonthView")
        self.count_model = TillTableModel(self)
        cp = FilterProxyModel(self)
        cp.setSourceModel(self.count_model)
        cp.set_row_filter(lambda v: v.difference_fen != 0 or v.reversal_of is not None
                          or v.reversed_by is not None)
        self.count_view = make_table_view(cp, self, object_name="historyCountView")
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.month_view)
        split.addWidget(self.count_view)
        root.addWidget(split, 1)
        self.summary = QLabel(self)
        self.summary.setObjectName("historySummary")
        root.addWidget(self.summary)
        self.message = message_label(self)
        root.addWidget(self.message)
        root.addWidget(close_buttons(self))
        self.teller.currentIndexChanged.connect(lambda _i: self.load())
        self.start.dateChanged.connect(lambda _d: self.load())
        self.end.dateChanged.connect(lambda _d: self.load())
        self.load()

    def load(self) -> None:
        teller = self.teller.currentData()
        if teller is None:
            return
        try:
            h = self.services.cash.teller_history(teller, self.start.date_value(),
                                                  self.end.date_value())
        except DomainError as exc:
            self.month_model.clear()
            self.count_model.clear()
            set_message(self.message, exc.message)
            return
        set_message(self.message, None)
        self.month_model.set_rows(list(reversed(h.months)))
        self.count_model.set_rows(list(reversed(h.counts)))
        over = sum(m.over_fen for m in h.months)
        short = sum(m.short_fen for m in h.months)
        self.summary.setText(self.tr("{0}：交接 {1} 次，长款合计 {2}，短款合计 {3}（{4} 次）；"
                                     "下表只列有差额或冲正的记录").format(
            h.teller.name, sum(m.counts for m in h.months), format_fen(over), format_fen(short),
            sum(m.shortages for m in h.months)))


CANDIDATES: tuple[Denomination, ...] = (
    *(Denomination(v, DenominationKind.NOTE) for v in (100_00, 50_00, 20_00, 10_00, 5_00,
                                                         2_00, 1_00, 50, 20, 10)),
    *(Denomination(v, DenominationKind.COIN) for v in (1_00, 50, 10, 5, 2, 1)),
)


class CashSettingsDialog(FormDialog):
    """现金交接设置 (hall manager): which denominations are counted, the non-cash methods,
    the over/short reason codes and the review threshold. Existing counts keep their lines."""

    def __init__(self, parent: QWidget, services: Services, current: CashSettingsView) -> None:
        super().__init__(parent, self.tr("现金交接设置"), "cashSettingsDialog", min_width=620)
        self.services = services
        self.denoms = QListWidget(self)
        self.denoms.setObjectName("denominationList")
        self.denoms.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        chosen = {d.key for d in current.denominations}
        cands = list(CANDIDATES) + [d for d in current.denominations
                                    if d.key not in {c.key for c in CANDIDATES}]
        for d in cands:
            item = QListWidgetItem(d.label, self.denoms)
            item.setData(Qt.ItemDataRole.UserRole, d)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if d.key in chosen
                               else Qt.CheckState.Unchecked)
        self.denoms.setFixedHeight(150)
        self.methods = self._pairs_table("methodTable", current.non_cash_methods)
        self.reasons = self._pairs_table("reasonTable", current.reason_codes)
        self.threshold = QLineEdit(format_fen(current.review_threshold_fen, symbol=False), self)
        self.threshold.setObjectName("reviewThreshold")
        self.form.addRow(self.tr("清点面额"), self.denoms)
        self.form.addRow(self.tr("非现金方式"), self._with_buttons(self.methods))
        self.form.addRow(self.tr("长短款原因"), self._with_buttons(self.reasons))
        self.form.addRow(self.tr("短款复核金额（超过须厅经理复核）"), self.threshold)
        self.add_hint(self.tr("代码用于记录与统计，已用过的代码请勿更改；名称可随时修改。"))

    def _pairs_table(self, name: str, pairs: tuple[tuple[str, str], ...]) -> QTableWidget:
        t = QTableWidget(len(pairs), 2, self)
        t.setObjectName(name)
        t.setHorizontalHeaderLabels([self.tr("代码"), self.tr("名称")])
        t.horizontalHeader().setStretchLastSection(True)
        t.verticalHeader().setVisible(False)
        for r, (k, label) in enumerate(pairs):
            t.setItem(r, 0, QTableWidgetItem(k))
            t.setItem(r, 1, QTableWidgetItem(label))
        t.setFixedHeight(130)
        return t

    def _with_buttons(self, table: QTableWidget) -> QWidget:
        box = QWidget(self)
        lay = QHBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(table, 1)
        col = QVBoxLayout()
        add = QPushButton(self.tr("添加"), box)
        add.clicked.connect(lambda: table.insertRow(table.rowCount()))
        rm = QPushButton(self.tr("删除"), box)
        rm.clicked.connect(lambda: table.removeRow(table.currentRow())
                           if table.currentRow() >= 0 else None)
        col.addWidget(add)
        col.addWidget(rm)
        col.addStretch(1)
        lay.addLayout(col)
        return box

    @staticmethod
    def pairs(table: QTableWidget) -> list[tuple[str, str]]:
        out = []
        for r in range(table.rowCount()):
            k, v = table.item(r, 0), table.item(r, 1)
            kt, vt = (k.text().strip() if k else ""), (v.text().strip() if v else "")
            if kt or vt:
                out.append((kt, vt))
        return out

    def chosen(self) -> list[Denomination]:
        return [self.denoms.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.denoms.count())
                if self.denoms.item(i).checkState() == Qt.CheckState.Checked]

    def call(self) -> CashSettingsView:
        threshold = cr.parse_amount(self.threshold.text(), field="复核金额")
        if not self.chosen():
            raise ValidationError("至少需要一种面额")
        return self.services.cash.save_settings(
            denominations=self.chosen(), non_cash_methods=self.pairs(self.methods),
            reason_codes=self.pairs(self.reasons), review_threshold_fen=threshold)


class ExportDialog(FormDialog):
    """导出现金交接明细: a date range (the month so far by default)."""

    def __init__(self, parent: QWidget, day: dt.date) -> None:
        super().__init__(parent, self.tr("导出现金交接明细"), "cashExportDialog",
                         ok_text=self.tr("选择文件…"))
        self.start = DateEdit(self, value=day.replace(day=1))
        self.start.setObjectName("exportFrom")
        self.end = DateEdit(self, value=day)
        self.end.setObjectName("exportTo")
        self.form.addRow(self.tr("开始日期"), self.start)
        self.form.addRow(self.tr("结束日期"), self.end)

    def problem(self) -> str | None:
        if self.end.date_value() < self.start.date_value():
            return self.tr("结束日期不能早于开始日期")
        return None

    def call(self) -> tuple[dt.date, dt.date]:
        return self.start.date_value(), self.end.date_value()
