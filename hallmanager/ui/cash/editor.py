"""The till count editor (款箱清点) and the two-person confirmation under it.

Keyboard only: type a figure, Enter moves to the next field (float → 系统应收 → one count per
denomination → non-cash by method → reason → note → the giver's password → the receiver's
password). Line amounts, 现金合计, 实收 and 长款/短款 update on every key, with the domain's
own parsers (``parse_amount``/``parse_pieces``), so the screen and the service never
disagree. A field that does not parse turns red and says why; saving then changes nothing.

Both parties confirm at the same desk, each with their own password; after the receiver
confirms every field is read-only (the service and the database refuse changes anyway).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hallmanager.domain.cash import rules as cr
from hallmanager.domain.cash.rules import Denomination, HandoverState
from hallmanager.domain.errors import DomainError, ValidationError
from hallmanager.domain.money import format_fen
from hallmanager.domain.roles import Action, Role
from hallmanager.services.cash.views import CashSettingsView, TillCountView
from hallmanager.ui.cash.models import difference_color
from hallmanager.ui.common.editors import INVALID_STYLE
from hallmanager.ui.common.widgets import message_label, password_edit, set_message

if TYPE_CHECKING:
    from hallmanager.app import Services

MONEY_WIDTH = 120
PIECES_WIDTH = 70


class _EnterMovesOn(QObject):
    """Return/Enter in a combo box moves to the next field (a line edit has returnPressed)."""

    def __init__(self, parent: QObject, on_enter: Any) -> None:
        super().__init__(parent)
        self._on_enter = on_enter

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and \
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._on_enter(obj)
            return True
        return False


def _right(edit: QLineEdit, width: int) -> QLineEdit:
    edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    edit.setFixedWidth(width)
    return edit


def _amount_label(parent: QWidget, name: str, bold: bool = False) -> QLabel:
    label = QLabel("", parent)
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    label.setFixedWidth(MONEY_WIDTH)
    if bold:
        f = label.font()
        f.setBold(True)
        label.setFont(f)
    return label


class TillEditor(QWidget):
    """One till count: figures, reason, confirmation. ``set_count(view, settings)`` shows it;
    ``countChanged(view)`` is emitted after every successful save or confirmation."""

    countChanged = Signal(object)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tillEditor")
        self.services = services
        self.view: TillCountView | None = None
        self.settings: CashSettingsView | None = None
        self._dirty = False
        self._loading = False
        self._parse_problem = ""
        self.status = ""
        self.day_closed = False  # set by the tab: no reversal after the day close
        self._chain: list[QWidget] = []
        self._enter = _EnterMovesOn(self, self._enter_pressed)
        self.piece_edits: dict[str, QLineEdit] = {}
        self.line_labels: dict[str, QLabel] = {}
        self.non_cash_edits: dict[str, QLineEdit] = {}
        self._denoms: dict[str, Denomination] = {}

        root = QVBoxLayout(self)
        self.header = QLabel(self)
        self.header.setObjectName("tillHeader")
        f = self.header.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.15)
        self.header.setFont(f)
        root.addWidget(self.header)

        cols = QHBoxLayout()
        root.addLayout(cols)
        # left: the denominations --------------------------------------------------------
        self.count_box = QGroupBox(self.tr("现金清点（输入张数/枚数，回车下一项）"), self)
        self.grid = QGridLayout(self.count_box)
        self.grid.setVerticalSpacing(2)
        cols.addWidget(self.count_box, 2)
        # right: float, receivable, non-cash, totals, reason -------------------------------
        right = QVBoxLayout()
        cols.addLayout(right, 3)
        self.figures_box = QGroupBox(self.tr("金额"), self)
        form = QFormLayout(self.figures_box)
        form.setVerticalSpacing(3)
        self.float_edit = _right(QLineEdit(self), MONEY_WIDTH)
        self.float_edit.setObjectName("floatEdit")
        self.receivable_edit = _right(QLineEdit(self), MONEY_WIDTH)
        self.receivable_edit.setObjectName("receivableEdit")
        hint = self.tr("如 1234.5、1,234.50、¥1234.50，全角数字亦可")
        for e in (self.float_edit, self.receivable_edit):
            e.setPlaceholderText("0.00")
            e.setToolTip(hint)
        form.addRow(self.tr("备用金"), self.float_edit)
        form.addRow(self.tr("系统应收（BOSS）"), self.receivable_edit)
        self.form = form  # the non-cash rows go in after 系统应收 (aligned with it)
        self._non_cash_rows = 0
        self.cash_total = _amount_label(self, "cashTotal")
        self.non_cash_total = _amount_label(self, "nonCashTotal")
        self.received = _amount_label(self, "receivedTotal", bold=True)
        self.difference = _amount_label(self, "differenceLabel", bold=True)
        form.addRow(self.tr("现金合计"), self.cash_total)
        form.addRow(self.tr("非现金合计"), self.non_cash_total)
        form.addRow(self.tr("实收（现金 − 备用金 + 非现金）"), self.received)
        form.addRow(self.tr("长短款"), self.difference)
        self.reason = QComboBox(self)
        self.reason.setObjectName("reasonCombo")
        self.note = QLineEdit(self)
        self.note.setObjectName("noteEdit")
        self.note.setMaxLength(500)
        self.note.setPlaceholderText(self.tr("长短款说明（有差额时必填）"))
        form.addRow(self.tr("原因"), self.reason)
        form.addRow(self.tr("说明"), self.note)
        right.addWidget(self.figures_box)

        # confirmation ---------------------------------------------------------------------
        self.confirm_box = QGroupBox(self.tr("双人确认（各自输入本人密码）"), self)
        cf = QGridLayout(self.confirm_box)
        self.giver_name = QLabel(self)
        self.giver_name.setObjectName("giverName")
        self.giver_password = password_edit(self, "giverPassword")
        self.giver_password.setPlaceholderText(self.tr("交出人密码"))
        self.give_button = QPushButton(self.tr("确认交出"), self)
        self.give_button.setObjectName("giveButton")
        self.giver_state = QLabel(self)
        self.giver_state.setObjectName("giverState")
        self.receiver = QComboBox(self)
        self.receiver.setObjectName("receiverCombo")
        self.receiver.setMinimumWidth(170)
        self.receiver_password = password_edit(self, "receiverPassword")
        self.receiver_password.setPlaceholderText(self.tr("接收人密码"))
        self.receive_button = QPushButton(self.tr("确认接收"), self)
        self.receive_button.setObjectName("receiveButton")
        self.receiver_state = QLabel(self)
        self.receiver_state.setObjectName("receiverState")
        cf.addWidget(QLabel(self.tr("交出人"), self), 0, 0)
        cf.addWidget(self.giver_name, 0, 1)
        cf.addWidget(self.giver_password, 0, 2)
        cf.addWidget(self.give_button, 0, 3)
        cf.addWidget(self.giver_state, 0, 4)
        cf.addWidget(QLabel(self.tr("接收人"), self), 1, 0)
        cf.addWidget(self.receiver, 1, 1)
        cf.addWidget(self.receiver_password, 1, 2)
        cf.addWidget(self.receive_button, 1, 3)
        cf.addWidget(self.receiver_state, 1, 4)
        cf.setColumnStretch(4, 1)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("保存清点"), self)
        self.save_button.setObjectName("saveTillButton")
        self.return_button = QPushButton(self.tr("退回重点…"), self)
        self.return_button.setObjectName("returnButton")
        # the hall manager's, on the till shown (the tab connects them)
        self.review_button = QPushButton(self.tr("复核…"), self)
        self.review_button.setObjectName("reviewCashButton")
        self.reverse_button = QPushButton(self.tr("冲正…"), self)
        self.reverse_button.setObjectName("reverseCashButton")
        for b in (self.save_button, self.return_button, self.review_button,
                  self.reverse_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        cf.addLayout(buttons, 2, 0, 1, 5)
        right.addWidget(self.confirm_box)
        self.message = message_label(self, "tillMessage")
        right.addWidget(self.message)
        right.addStretch(1)

        # behaviour ------------------------------------------------------------------------
        for e in (self.float_edit, self.receivable_edit, self.note):
            e.textChanged.connect(self._edited)
            e.returnPressed.connect(lambda w=e: self._enter_pressed(w))
        self.reason.currentIndexChanged.connect(lambda _i: self._edited())
        self.reason.installEventFilter(self._enter)
        self.receiver.currentIndexChanged.connect(lambda _i: self._edited())
        self.receiver.installEventFilter(self._enter)
        self.giver_password.returnPressed.connect(self.confirm_give)
        self.receiver_password.returnPressed.connect(self.confirm_receive)
        self.give_button.clicked.connect(self.confirm_give)
        self.receive_button.clicked.connect(self.confirm_receive)
        self.save_button.clicked.connect(self.save)
        self.set_count(None, None)

    # --- showing a count ------------------------------------------------------------------
    def set_count(self, view: TillCountView | None, settings: CashSettingsView | None) -> None:
        """Show ``view`` (None: nothing selected). Unsaved typing of another count is lost:
        the tab saves before switching."""
        self._loading = True
        self.view, self.settings = view, settings
        self._dirty = False
        set_message(self.message, None)
        self.giver_password.clear()
        self.receiver_password.clear()
        if view is None or settings is None:
            self.header.setText(self.tr("请选择或新建一个款箱清点（Ctrl+N）"))
            self._build_lines(())
            self._build_non_cash(())
            for e in (self.float_edit, self.receivable_edit, self.note):
                e.clear()
            self.reason.clear()
            self.receiver.clear()
            self.giver_name.clear()
            self.giver_state.clear()
            self.receiver_state.clear()
            self._loading = False
            self._apply_state()
            self.recompute()
            return
        title = self.tr("第 {0} 号 · {1} {2} · {3} → {4} · {5}").format(
            view.id, view.date.isoformat(), view.shift_name, view.teller.name,
            view.receiver.name, view.state.label)
        if view.reversal_of:
            title += self.tr("（冲正第 {0} 号：{1}）").format(view.reversal_of,
                                                          view.reversal_reason)
        if view.reversed_by:
            title += self.tr("（已由第 {0} 号冲正）").format(view.reversed_by)
        if view.review is not None:
            title += self.tr(" · 已复核：{0}").format(view.review.by.name)
        elif view.review_pending:
            title += self.tr(" · 大额短款待厅经理复核")
        self.header.setText(title)
        denoms = list(settings.denominations)
        known = {d.key for d in denoms}
        for ln in view.lines:  # a line of a denomination no longer in the settings
            if ln.key not in known:
                kind = ln.key.split("-", 1)[0]
                denoms.append(Denomination(abs(ln.value_fen), cr.DenominationKind(kind)
                                           if kind in ("note", "coin") else
                                           cr.DenominationKind.NOTE))
        self._build_lines(denoms)
        methods = list(settings.non_cash_methods)
        methods += [(k, k) for k, _v in view.non_cash if k not in dict(methods)]
        self._build_non_cash(methods)
        pieces = {ln.key: ln.pieces for ln in view.lines}
        for key, edit in self.piece_edits.items():
            n = pieces.get(key, 0)
            edit.setText(str(n) if n else "")
        nc = dict(view.non_cash)
        for key, edit in self.non_cash_edits.items():
            edit.setText(format_fen(nc[key], symbol=False) if nc.get(key) else "")
        self.float_edit.setText(format_fen(view.float_fen, symbol=False))
        self.receivable_edit.setText(format_fen(view.receivable_fen, symbol=False)
                                     if view.receivable_fen or view.final else "")
        self.reason.clear()
        self.reason.addItem(self.tr("（无差额不必选）"), "")
        for code, label in settings.reason_codes:
            self.reason.addItem(label, code)
        if view.reason_code and self.reason.findData(view.reason_code) < 0:
            self.reason.addItem(view.reason_label, view.reason_code)
        self.reason.setCurrentIndex(max(0, self.reason.findData(view.reason_code or "")))
        self.note.setText(view.note)
        self.giver_name.setText(view.teller.name)
        self._fill_receivers(view)
        self.giver_state.setText(self.tr("已确认 {0}").format(
            view.giver_confirmed_at.strftime("%H:%M")) if view.giver_confirmed_at else "")
        self.receiver_state.setText(self.tr("已确认 {0}").format(
            view.receiver_confirmed_at.strftime("%H:%M")) if view.receiver_confirmed_at else "")
        self._loading = False
        self._apply_state()
        self.recompute()

    def _fill_receivers(self, view: TillCountView) -> None:
        """Who may receive: the duty and hall managers (and, for a duty manager's own
        handover, the next one), never the giver."""
        self.receiver.clear()
        try:
            people = self.services.auth.list_users(include_inactive=False)
        except DomainError:
            people = []
        for u in people:
            if u.id != view.teller.id and u.role in (Role.DUTY_MANAGER, Role.HALL_MANAGER):
                self.receiver.addItem(f"{u.full_name}（{u.role.label}）", u.id)
        if self.receiver.findData(view.receiver.id) < 0:
            self.receiver.addItem(view.receiver.name, view.receiver.id)
        self.receiver.setCurrentIndex(self.receiver.findData(view.receiver.id))

    def _build_lines(self, denoms: list[Denomination] | tuple[()]) -> None:
        if self.piece_edits and [d.key for d in denoms] == list(self._denoms):
            return  # same denominations: keep the fields (and the keyboard focus)
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
        self.piece_edits.clear()
        self.line_labels.clear()
        self._denoms = {d.key: d for d in denoms}
        for c, text in enumerate((self.tr("面额"), self.tr("张/枚"), self.tr("金额"))):
            h = QLabel(text, self.count_box)
            h.setStyleSheet("color: #666;")
            if c:
                h.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.grid.addWidget(h, 0, c)
        for r, d in enumerate(denoms, start=1):
            self.grid.addWidget(QLabel(d.label, self.count_box), r, 0)
            edit = _right(QLineEdit(self.count_box), PIECES_WIDTH)
            edit.setObjectName(f"pieces-{d.key}")
            edit.setPlaceholderText("0")
            edit.setMaxLength(7)
            edit.textChanged.connect(self._edited)
            edit.returnPressed.connect(lambda w=edit: self._enter_pressed(w))
            self.grid.addWidget(edit, r, 1)
            amount = _amount_label(self.count_box, f"line-{d.key}")
            self.grid.addWidget(amount, r, 2)
            self.piece_edits[d.key] = edit
            self.line_labels[d.key] = amount
            edit.show()  # focusable at once (a layout shows new children only later)
        total = QLabel(self.tr("现金合计"), self.count_box)
        self.grid.addWidget(total, len(denoms) + 1, 0, 1, 2)
        self.lines_total = _amount_label(self.count_box, "linesTotal", bold=True)
        self.grid.addWidget(self.lines_total, len(denoms) + 1, 2)
        self.grid.setRowStretch(len(denoms) + 2, 1)
        self.grid.setColumnStretch(3, 1)
        self._rebuild_chain()

    def _build_non_cash(self, methods: list[tuple[str, str]] | tuple[()]) -> None:
        if self.non_cash_edits and [k for k, _l in methods] == list(self.non_cash_edits):
            return
        for _ in range(self._non_cash_rows):
            self.form.removeRow(2)
        self.non_cash_edits.clear()
        self._non_cash_rows = len(methods)
        for i, (key, label) in enumerate(methods):
            edit = _right(QLineEdit(self.figures_box), MONEY_WIDTH)
            edit.setObjectName(f"nonCash-{key}")
            edit.setPlaceholderText("0.00")
            edit.textChanged.connect(self._edited)
            edit.returnPressed.connect(lambda w=edit: self._enter_pressed(w))
            self.form.insertRow(2 + i, self.tr("非现金：{0}").format(label), edit)
            edit.show()
            self.non_cash_edits[key] = edit
        self._rebuild_chain()

    def _rebuild_chain(self) -> None:
        self._chain = [self.float_edit, self.receivable_edit, *self.piece_edits.values(),
                       *self.non_cash_edits.values(), self.reason, self.note,
                       self.receiver, self.giver_password]
        for a, b in zip(self._chain, self._chain[1:], strict=False):
            QWidget.setTabOrder(a, b)
        QWidget.setTabOrder(self.giver_password, self.receiver_password)

    # --- state ---------------------------------------------------------------------------
    def editable(self) -> bool:
        return self.view is not None and self.view.state == HandoverState.DRAFT and \
            self.services.ctx.auth.may(Action.COUNT_TILL)

    def edits(self) -> list[QLineEdit]:
        """Every figure and text field of the count (what becomes read-only)."""
        return [self.float_edit, self.receivable_edit, *self.piece_edits.values(),
                *self.non_cash_edits.values(), self.note]

    def _apply_state(self) -> None:
        v = self.view
        editable = self.editable()
        for e in self.edits():
            e.setReadOnly(not editable)
        self.reason.setEnabled(editable)
        self.receiver.setEnabled(editable)
        self.save_button.setEnabled(editable)
        may_confirm = v is not None and self.services.ctx.auth.may(Action.CONFIRM_HANDOVER)
        give = may_confirm and v is not None and v.state == HandoverState.DRAFT
        receive = may_confirm and v is not None and v.state == HandoverState.HANDED
        self.giver_password.setEnabled(give)
        self.give_button.setEnabled(give)
        self.receiver_password.setEnabled(receive)
        self.receive_button.setEnabled(receive)
        self.return_button.setEnabled(receive)
        self.confirm_box.setEnabled(v is not None)
        auth = self.services.ctx.auth
        self.review_button.setVisible(auth.may(Action.REVIEW_CASH))
        self.review_button.setEnabled(v is not None and v.review_pending)
        self.reverse_button.setVisible(auth.may(Action.REVERSE_CASH))
        self.reverse_button.setEnabled(v is not None and v.state == HandoverState.CONFIRMED
                                       and v.reversal_of is None and not self.day_closed)

    def has_unsaved_changes(self) -> bool:
        return self._dirty and self.editable()

    # --- live figures ------------------------------------------------------------------
    def _edited(self, *_args: Any) -> None:
        if not self._loading:
            self._dirty = True
            self.recompute()

    def _mark(self, edit: QLineEdit, error: str | None, hint: str = "") -> None:
        edit.setStyleSheet(INVALID_STYLE if error else "")
        edit.setToolTip(error or hint)
        edit.setProperty("invalid", bool(error))

    def figures(self) -> tuple[cr.TillFigures | None, list[str]]:
        """The figures as typed (None when a field does not parse) and the problems."""
        problems: list[str] = []

        def money(edit: QLineEdit, field: str) -> int:
            try:
                fen = cr.parse_amount(edit.text(), field=field) if edit.text().strip() else 0
            except ValidationError as exc:
                self._mark(edit, exc.message)
                problems.append(exc.message)
                return 0
            self._mark(edit, None, self.tr("如 1234.5、1,234.50、¥1234.50，全角数字亦可"))
            return fen

        float_fen = money(self.float_edit, "备用金")
        receivable = money(self.receivable_edit, "系统应收")
        cash = 0
        for key, edit in self.piece_edits.items():
            d = self._denoms[key]
            try:
                n = cr.parse_pieces(edit.text(), label=f"{d.label}张数")
            except ValidationError as exc:
                self._mark(edit, exc.message)
                problems.append(exc.message)
                self.line_labels[key].setText("")
                continue
            self._mark(edit, None)
            self.line_labels[key].setText(format_fen(n * d.value_fen) if n else "")
            cash += n * d.value_fen
        non: dict[str, int] = {}
        for key, edit in self.non_cash_edits.items():
            non[key] = money(edit, self.settings.method_label(key) if self.settings else key)
        if cash > cr.MAX_TILL_FEN:
            problems.append("现金合计过大，请检查张数")
        if problems:
            return None, problems
        return cr.TillFigures(float_fen, receivable, cash, non), problems

    def recompute(self) -> None:
        """Line amounts, totals and the coloured over/short, from what is typed now."""
        if self.view is None:
            for label in (self.cash_total, self.non_cash_total, self.received, self.difference):
                label.setText("")
            self.lines_total.setText("")
            return
        if not self.editable():  # what is stored, exactly (a reversal's pieces are < 0)
            fig: cr.TillFigures | None = self.view.figures
            for e in self.edits():
                self._mark(e, None)
            amounts = {ln.key: ln.amount_fen for ln in self.view.lines}
            for key, label in self.line_labels.items():
                label.setText(format_fen(amounts[key]) if amounts.get(key) else "")
        else:
            fig, problems = self.figures()
        if fig is None:
            for label in (self.cash_total, self.lines_total, self.non_cash_total,
                          self.received, self.difference):
                label.setText("—")
            self.difference.setStyleSheet("")
            self._parse_problem = problems[0]
            set_message(self.message, problems[0])
            return
        if self._parse_problem and self.message.text() == self._parse_problem:
            set_message(self.message, None)
        self._parse_problem = ""
        self.cash_total.setText(format_fen(fig.cash_fen))
        self.lines_total.setText(format_fen(fig.cash_fen))
        self.non_cash_total.setText(format_fen(fig.non_cash_fen))
        self.received.setText(format_fen(fig.received_fen))
        d = fig.difference_fen
        self.difference.setText(format_fen(d) if self.view.reversal_of else fig.describe())
        self.difference.setStyleSheet(f"color: {difference_color(d).name()};")
        needs = d != 0 and not self.view.reversal_of
        self.reason.setToolTip(self.tr("有长短款时必须选择原因并填写说明") if needs else "")

    # --- keyboard ----------------------------------------------------------------------
    def _enter_pressed(self, widget: QObject) -> None:
        """Enter: on to the next field (the note → the giver's password, saving first)."""
        if widget not in self._chain:
            return
        i = self._chain.index(widget)
        for nxt in self._chain[i + 1:]:
            if nxt.isEnabled() and not (isinstance(nxt, QLineEdit) and nxt.isReadOnly()):
                if nxt is self.giver_password and self.has_unsaved_changes():
                    self.save()
                nxt.setFocus(Qt.FocusReason.TabFocusReason)
                if isinstance(nxt, QLineEdit):
                    nxt.selectAll()
                return

    # --- actions -----------------------------------------------------------------------
    def save(self) -> bool:
        """Save the draft: every typed figure as text (the service parses it again). A bad
        figure shows its message and nothing is saved."""
        v = self.view
        if v is None or not self.editable():
            return False
        fig, problems = self.figures()
        if fig is None:
            set_message(self.message, problems[0])
            return False
        try:
            out = self.services.cash.save_count(
                v.id, float_amount=self.float_edit.text(),
                receivable=self.receivable_edit.text(),
                pieces={k: e.text() for k, e in self.piece_edits.items()},
                non_cash={k: e.text() for k, e in self.non_cash_edits.items()},
                reason_code=self.reason.currentData() or "", note=self.note.text(),
                receiver_id=self.receiver.currentData())
        except DomainError as exc:
            set_message(self.message, exc.message)
            return False
        self._after(out, self.tr("已保存第 {0} 号款箱清点").format(out.id))
        return True

    def confirm_give(self) -> bool:
        """The one who hands over confirms with their own password (the count saved first)."""
        return self._confirm("give", self.giver_password)

    def confirm_receive(self) -> bool:
        return self._confirm("receive", self.receiver_password)

    def _confirm(self, side: str, field: QLineEdit) -> bool:
        v = self.view
        if v is None:
            return False
        password = field.text()
        field.clear()
        if not password:
            set_message(self.message, self.tr("请输入{0}本人的密码").format(
                v.teller.name if side == "give" else v.receiver.name))
            field.setFocus()
            return False
        if side == "give" and self.has_unsaved_changes() and not self.save():
            return False
        try:
            out = self.services.cash.confirm(v.id, side, password)
        except DomainError as exc:
            set_message(self.message, exc.message)
            field.setFocus()
            return False
        done = self.tr("{0} 已确认交出，请接收人 {1} 输入密码确认接收") if side == "give" else \
            self.tr("交接完成：{0} → {1}，记录已锁定")
        self._after(out, done.format(out.teller.name, out.receiver.name))
        if side == "give":
            self.receiver_password.setFocus()
        return True

    def _after(self, out: TillCountView, text: str) -> None:
        self.set_count(out, self.settings)
        set_message(self.message, None)
        self.status = text
        self.countChanged.emit(out)
