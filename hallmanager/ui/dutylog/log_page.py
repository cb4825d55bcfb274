"""One duty log on screen: status banner, incoming hand-over items, checklist, the log's
fields, inspections, faults, outgoing items and the amendment history.

The page owns the autosave of the draft and the sign / amend flows; after sign-off every
editor is read-only (and the service refuses writes anyway).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProxyStyle,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyleOptionComplex,
    QStyleOptionGroupBox,
    QVBoxLayout,
    QWidget,
)

from hallmanager.domain.dutylog import DRAFT_FIELDS, DraftConflict, FieldConflict
from hallmanager.domain.errors import DatabaseError, DomainError
from hallmanager.domain.roles import Action, Role
from hallmanager.services.dutylog import DraftSaved, DutyLogView, InspectionView
from hallmanager.ui.common.errors import run_action, show_error
from hallmanager.ui.common.table_model import FilterProxyModel, fit_columns, make_table_view
from hallmanager.ui.dutylog.autosave import Autosave
from hallmanager.ui.dutylog.checklist import ChecklistPanel
from hallmanager.ui.dutylog.form import LogForm, describe_value
from hallmanager.ui.dutylog.inspections import InspectionPanel
from hallmanager.ui.dutylog.models import AmendmentTableModel, fit_height
from hallmanager.ui.dutylog.people import Person
from hallmanager.ui.dutylog.records import FaultPanel, IncomingPanel, OutgoingPanel
from hallmanager.ui.dutylog.signing import AmendDialog, SignDialog

if TYPE_CHECKING:
    from hallmanager.app import Services

CONFLICT_BAR = "QFrame#conflictBar { background: #fef7e0; border: 1px solid #f9ab00; }"
DRAFT_BANNER = "QFrame#logBanner { background: #e8f0fe; border: 1px solid #aecbfa; }"
SIGNED_BANNER = "QFrame#logBanner { background: #e6f4ea; border: 1px solid #a8dab5; }"


TITLE_COLOR = "#1a3d6e"
WEIGHT_RESOLVED = 0x10  # QFont::WeightResolved (PySide6 has no enum for the mask bits)


class _TitleColour(QProxyStyle):
    """Draws group box titles in the title colour; set on the boxes only (a widget's style
    is not passed on to its children, unlike its palette)."""

    def drawComplexControl(self, control: QStyle.ComplexControl, option: QStyleOptionComplex,
                           painter: QPainter, widget: QWidget | None = None) -> None:
        if control == QStyle.ComplexControl.CC_GroupBox and isinstance(option,
                                                                     QStyleOptionGroupBox):
            option = QStyleOptionGroupBox(option)
            palette = QPalette(option.palette)
            palette.setColor(QPalette.ColorRole.WindowText, QColor(TITLE_COLOR))
            option.palette = palette
            option.textColor = QColor(TITLE_COLOR)
        super().drawComplexControl(control, option, painter, widget)


class GroupTitles(QObject):
    """Bold, dark-blue group box titles over plain contents, without a style sheet: a sheet
    on the page (``QGroupBox { font-weight: bold } QGroupBox * { … }``) makes Qt style every
    widget below it through QStyleSheetStyle, which cost ~40 % of building the tab and of
    every date switch. The box gets the bold font and a style drawing its title in colour;
    each child, when Qt polishes it (also rows added later), gets the plain weight back."""

    def __init__(self, page: QWidget) -> None:
        super().__init__(page)
        self._weight = page.font().weight()
        self._style = _TitleColour()
        self._style.setParent(self)

    def add(self, box: QGroupBox) -> None:
        for child in box.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            self._plain(child)
        font = box.font()
        font.setBold(True)
        box.setFont(font)
        box.setStyle(self._style)
        box.installEventFilter(self)

    def _plain(self, child: QWidget) -> None:
        # A weight of its own stays; a style sheet without font rules resolves the weight
        # from the parent (bold here), so it counts as not its own.
        sheet = child.styleSheet()
        if not child.font().resolveMask() & WEIGHT_RESOLVED or (sheet and "font" not in sheet):
            font = child.font()
            font.setWeight(self._weight)
            child.setFont(font)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ChildPolished:
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QWidget):
                self._plain(child)
        return False


class LogPage(QWidget):
    """The log shown in the 值班日志 tab. ``statusMessage`` for the status bar,
    ``logChanged`` when the list of logs should refresh (signed, amended, reassigned)."""

    statusMessage = Signal(str)
    logChanged = Signal()
    #: A log was (re)loaded: the tab re-enables 保存 / 打印 / 导出.
    loaded = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logPage")
        self.services = services
        self.log: DutyLogView | None = None
        self.people: list[Person] = []
        self.names: dict[int, str] = {}
        self._roster: list[tuple[Person, Role]] = []
        self.autosave = Autosave(self._save_fields, self)
        self.autosave.saved.connect(self._on_saved)
        self.autosave.failed.connect(self._on_save_failed)
        self.autosave.conflict.connect(self._on_conflict)
        # The log version each field was last seen at (sent with its next save), and fields
        # another desk changed meanwhile: (their change, version then, what was typed here).
        self._seen: dict[str, int] = {}
        self.conflicts: dict[str, tuple[FieldConflict, int, Any]] = {}
        self.sign_dialog: SignDialog | None = None
        self.amend_dialog: AmendDialog | None = None

        # --- banner
        self.banner = QFrame(self)
        self.banner.setObjectName("logBanner")
        self.title_label = QLabel(self.banner)
        self.title_label.setObjectName("logTitle")
        f = self.title_label.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        self.title_label.setFont(f)
        self.status_label = QLabel(self.banner)
        self.status_label.setObjectName("logStatus")
        self.status_label.setWordWrap(True)
        self.saved_label = QLabel(self.banner)
        self.saved_label.setObjectName("autosaveStatus")
        self.saved_label.setStyleSheet("color: #5f6368;")
        self.sign_button = QPushButton(self.tr("签字确认…"), self.banner)
        self.sign_button.setObjectName("signButton")
        self.amend_button = QPushButton(self.tr("更正…"), self.banner)
        self.amend_button.setObjectName("amendButton")
        self.sign_button.clicked.connect(self.sign)
        self.amend_button.clicked.connect(lambda: self.amend())
        bl = QHBoxLayout(self.banner)
        col = QVBoxLayout()
        col.addWidget(self.title_label)
        col.addWidget(self.status_label)
        bl.addLayout(col, 1)
        bl.addWidget(self.saved_label)
        bl.addWidget(self.sign_button)
        bl.addWidget(self.amend_button)

        # --- another desk changed a field being edited here
        self.conflict_bar = QFrame(self)
        self.conflict_bar.setObjectName("conflictBar")
        self.conflict_bar.setStyleSheet(CONFLICT_BAR)
        self.conflict_label = QLabel(self.conflict_bar)
        self.conflict_label.setObjectName("conflictMessage")
        self.conflict_label.setWordWrap(True)
        self.overwrite_button = QPushButton(self.tr("覆盖（保存我的内容）"), self.conflict_bar)
        self.overwrite_button.setObjectName("conflictOverwrite")
        self.take_theirs_button = QPushButton(self.tr("采用对方内容"), self.conflict_bar)
        self.take_theirs_button.setObjectName("conflictTakeTheirs")
        self.overwrite_button.clicked.connect(self.keep_mine)
        self.take_theirs_button.clicked.connect(self.take_theirs)
        cl = QHBoxLayout(self.conflict_bar)
        cl.addWidget(self.conflict_label, 1)
        cl.addWidget(self.overwrite_button)
        cl.addWidget(self.take_theirs_button)
        self.conflict_bar.setVisible(False)

        # --- sections
        self.incoming = IncomingPanel(services, self)
        self.checklist = ChecklistPanel(services, self)
        self.form = LogForm(self.autosave, self)
        self.inspections = InspectionPanel(self._set_inspection, self._all_ok, self)
        self.faults = FaultPanel(services, self)
        self.outgoing = OutgoingPanel(services, self)
        self.amendments_box = QGroupBox(self.tr("更正记录"), self)
        self.amendments_box.setObjectName("amendmentsBox")
        self.amendment_model = AmendmentTableModel(
            lambda field, v: describe_value(field, v, self.names), self)
        proxy = FilterProxyModel(self)
        proxy.setSourceModel(self.amendment_model)
        self.amendment_view = make_table_view(proxy, self, object_name="amendmentView")
        QVBoxLayout(self.amendments_box).addWidget(self.amendment_view)
        for panel in (self.incoming, self.checklist, self.faults, self.outgoing):
            panel.changed.connect(self.reload)
        self.form.dutyManagerChosen.connect(self._set_duty_manager)

        body = QWidget(self)
        body.setObjectName("logBody")
        bv = QVBoxLayout(body)
        bv.setContentsMargins(4, 4, 12, 4)
        bv.setSpacing(10)
        for w in (self.incoming, self.checklist, self.form, self.inspections, self.faults,
                  self.outgoing, self.amendments_box):
            bv.addWidget(w)
        self._titles = GroupTitles(body)
        for box in body.findChildren(QGroupBox):
            self._titles.add(box)
        bv.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("logScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(body)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.banner)
        lay.addWidget(self.conflict_bar)
        lay.addWidget(self.scroll, 1)
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        f = self.form
        chain: list[QWidget] = [self.checklist.view, f.duty_manager, f.weather,
                                f.customer_flow, f.served_count, f.business_notes,
                                f.staff_on_duty, f.meeting_start, f.meeting_minutes,
                                f.meeting_attendees, f.meeting_topics, f.opinions, f.incidents,
                                f.next_shift_notes]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

    # --- loading --------------------------------------------------------------------------
    def show_log(self, view: DutyLogView) -> None:
        """Show ``view``; unsaved edits of the previous log are saved first."""
        if self.log is not None and self.log.id != view.id:
            self.autosave.flush()
            self.autosave.discard()
            self.conflicts.clear()
        self.log = view
        self._load_people()
        managers = [p for p, role in self._roster if role in (Role.DUTY_MANAGER, Role.HALL_MANAGER)]
        self.autosave.enabled = False
        self.form.load(view, self.people, managers, self.names)
        self._seen = dict.fromkeys(DRAFT_FIELDS, view.version)
        for name, (_c, seen, typed) in self.conflicts.items():  # typed text survives a reload
            self.form.set_value(name, typed, self.people)
            self._seen[name] = seen
        self._show_conflict()
        self.inspections.load(view.inspections)
        auth = self.services.ctx.auth
        self.checklist.load(view.checklist, view.signed or not auth.may(Action.CHECK_CHECKLIST))
        self.incoming.load(view)
        self.faults.load(view)
        self.outgoing.load(view)
        self.amendment_model.set_rows(view.amendments)
        fit_height(self.amendment_view, 2, 10)
        fit_columns(self.amendment_view, 240)
        self.amendments_box.setVisible(bool(view.amendments) or view.signed)
        self._update_banner()
        editable = not view.signed and auth.may(Action.EDIT_DUTY_LOG)
        self.set_read_only(not editable)
        self.sign_button.setVisible(not view.signed and auth.may(Action.SIGN_DUTY_LOG))
        self.amend_button.setVisible(view.signed and self.may_amend(view))
        self.autosave.enabled = editable
        self.loaded.emit()

    def may_amend(self, view: DutyLogView) -> bool:
        """The signer corrects their own log; the hall manager any (the service checks too)."""
        me = self.services.ctx.auth.user
        return (me is not None and self.services.ctx.auth.may(Action.AMEND_DUTY_LOG)
                and (me.role == Role.HALL_MANAGER
                     or (view.signed_by is not None and view.signed_by.id == me.id)))

    def _load_people(self) -> None:
        try:
            users = self.services.auth.list_users()
        except DomainError:
            users = []
        self._roster = [(Person(u.id, f"{u.full_name}（{u.staff_no}）" if u.staff_no
                                else u.full_name, u.active), u.role) for u in users]
        self.people = [p for p, _r in self._roster]
        self.names = {u.id: u.full_name for u in users}

    def reload(self) -> None:
        """Fetch the shown log again (after a checklist, fault or hand-over change)."""
        if self.log is None:
            return
        self.autosave.flush()
        if r := run_action(self, self.services.dutylog.get_log, self.log.id):
            self.show_log(r.value)

    def set_read_only(self, ro: bool) -> None:
        self.form.set_read_only(ro)
        self.inspections.set_read_only(ro)
        self.sign_button.setVisible(not ro)
        self.amend_button.setVisible(ro)

    def is_read_only(self) -> bool:
        return self.log is not None and (
            self.log.signed or not self.services.ctx.auth.may(Action.EDIT_DUTY_LOG))

    def _update_banner(self) -> None:
        v = self.log
        if v is None:
            return
        self.title_label.setText(self.tr("{0} {1}（{2}–{3}）值班日志").format(
            v.date.isoformat(), v.shift_name, v.shift_start, v.shift_end))
        if v.signed:
            text = self.tr("已签字：{0}，{1}").format(
                v.signed_by.name if v.signed_by else "", v.signed_at.strftime("%Y-%m-%d %H:%M")
                if v.signed_at else "")
            if v.amendments:
                text += self.tr(" · 已更正 {0} 次").format(len(v.amendments))
            self.banner.setStyleSheet(SIGNED_BANNER)
            self.saved_label.setText("")
        else:
            text = self.tr("草稿（未签字）· 值班经理：{0} · 修改会自动保存").format(v.duty_manager.name)
            self.banner.setStyleSheet(DRAFT_BANNER)
        self.status_label.setText(text)

    # --- autosave -------------------------------------------------------------------------
    def _save_fields(self, fields: dict[str, Any]) -> DraftSaved:
        assert self.log is not None
        seen = min(self._seen.get(k, self.log.version) for k in fields)
        result = self.services.dutylog.update_draft(self.log.id, version=seen, **fields)
        for k in fields:
            self._seen[k] = result.version
        return result

    # --- conflicts with another desk ------------------------------------------------------
    def _on_conflict(self, name: str, error: DraftConflict) -> None:
        """Keep what was typed (in the field, unsaved) and say who changed it to what."""
        theirs = next((c for c in error.conflicts if c.field == name), error.conflicts[0])
        typed = self.autosave.value(name)
        self.conflicts[name] = (theirs, error.version, typed)
        self._show_conflict()

    def _show_conflict(self) -> None:
        if not self.conflicts:
            self.conflict_bar.setVisible(False)
            return
        c, _v, _typed = next(iter(self.conflicts.values()))
        self.conflict_label.setText(self.tr(
            "此记录已在别处被修改：“{0}”已被{1}于 {2} 改为：{3}。您输入的内容仍保留在输入框中，"
            "尚未保存。请选择覆盖（保存您的内容）或采用对方内容。").format(
            self.form.field_label(c.field), c.by, c.at.strftime("%H:%M"),
            describe_value(c.field, c.value, self.names)))
        self.conflict_bar.setVisible(True)

    def keep_mine(self) -> None:
        """覆盖: save what was typed over the other desk's value (a deliberate choice)."""
        if not self.conflicts:
            return
        name, (_c, version, _typed) = next(iter(self.conflicts.items()))
        del self.conflicts[name]
        self._seen[name] = version
        if self.autosave.flush():
            self._stamp(self.tr("已保存 {0}"))
        self._show_conflict()

    def take_theirs(self) -> None:
        """采用对方内容: show the other desk's value; nothing typed here is saved."""
        if not self.conflicts:
            return
        name, (c, version, _typed) = next(iter(self.conflicts.items()))
        del self.conflicts[name]
        self.form.set_value(name, c.value, self.people)
        self._seen[name] = version
        self.autosave.flush()  # the field now equals the stored value: nothing is written
        self._show_conflict()

    def save_now(self) -> bool:
        ok = self.autosave.flush()
        if ok:
            self._stamp(self.tr("已保存 {0}"))
        return ok

    def _on_saved(self, result: DraftSaved) -> None:
        self._stamp(self.tr("已自动保存 {0}"))

    def _stamp(self, template: str) -> None:
        text = template.format(self.services.ctx.clock.now().strftime("%H:%M:%S"))
        self.saved_label.setText(text)
        self.statusMessage.emit(text)

    def _on_save_failed(self, error: DomainError) -> None:
        show_error(self, error)
        if not isinstance(error, DatabaseError):  # keep the typed text: it is still pending
            self.reload()

    # --- actions --------------------------------------------------------------------------
    def _set_inspection(self, item: InspectionView, ok: bool | None, note: str) -> bool:
        assert self.log is not None
        return bool(run_action(self, self.services.dutylog.set_inspection, self.log.id,
                               item.category, item.item, ok, note))

    def _all_ok(self) -> None:
        if self.log is not None and run_action(self, self.services.dutylog.mark_inspections_ok,
                                               self.log.id):
            self.reload()

    def _set_duty_manager(self, user_id: int) -> None:
        if self.log is not None and run_action(self, self.services.dutylog.set_duty_manager,
                                               self.log.id, user_id):
            self.logChanged.emit()
        self.reload()

    def sign(self) -> SignDialog | None:
        """签字确认: save pending edits, show warnings, ask the password."""
        if self.log is None or self.log.signed or not self.autosave.flush():
            return None
        log_id = self.log.id
        r = run_action(self, self.services.dutylog.signoff_warnings, log_id)
        if not r:
            return None
        me = self.services.ctx.auth.user
        dlg = SignDialog(r.value or [], lambda pw, confirm: self.services.dutylog.sign(
            log_id, pw, confirm_warnings=confirm), me.full_name if me else "", self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(self._signed)
        self.sign_dialog = dlg
        dlg.open()
        return dlg

    def _signed(self) -> None:
        self.reload()
        self.statusMessage.emit(self.tr("值班日志已签字"))
        self.logChanged.emit()

    def amend(self, field: str | None = None) -> AmendDialog | None:
        """更正 a signed log (reason and password required)."""
        if self.log is None or not self.log.signed:
            return None
        log_id = self.log.id
        dlg = AmendDialog(self.log.effective, self.people, self.names,
                          lambda f, v, reason, pw: self.services.dutylog.amend(
                              log_id, f, v, reason, pw), self, field=field)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(self._amended)
        self.amend_dialog = dlg
        dlg.open()
        return dlg

    def _amended(self) -> None:
        self.reload()
        self.statusMessage.emit(self.tr("更正已保存"))
        self.logChanged.emit()

    # --- navigation -----------------------------------------------------------------------
    def focus_checklist_entry(self, entry_id: int) -> bool:
        if self.checklist.select_entry(entry_id):
            self.scroll.ensureWidgetVisible(self.checklist)
            self.checklist.view.setFocus()
            return True
        return False

    def focus_fault(self, fault_id: int) -> bool:
        if self.faults.select_fault(fault_id):
            self.scroll.ensureWidgetVisible(self.faults)
            self.faults.view.setFocus()
            return True
        return False

    def focus_handover(self, item_id: int) -> bool:
        btn = self.incoming.buttons.get(item_id)
        card = self.incoming.cards.get(item_id)
        if card is None:
            return False
        self.scroll.ensureWidgetVisible(card)
        if btn is not None:
            btn.setFocus()
        return True
