"""The complaint pane under the list: the complaint, its deadline, the workflow actions the
domain's transition table allows from its status, the timeline (every action with time and
user), the call-back attempts and the playbook advice.

Personal data shows masked (张*, 138****5678); 显示完整信息 — for the roles that may — asks the
service for the unmasked record, which audits it, and the pane says so. Selecting another
complaint masks again.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hallmanager.domain.complaints.rules import TRANSITIONS, Status, Urgency
from hallmanager.domain.masking import mask_personal_text
from hallmanager.domain.roles import Action
from hallmanager.services.complaints.views import ComplaintView, PlaybookView
from hallmanager.ui.common.errors import run_action
from hallmanager.ui.common.forms import FormDialog
from hallmanager.ui.common.table_model import FilterProxyModel, make_table_view
from hallmanager.ui.complaints.actions import AssignDialog, CallbackDialog, TextActionDialog
from hallmanager.ui.complaints.models import CallbackModel, TimelineModel
from hallmanager.ui.complaints.register import PlaybookPanel

if TYPE_CHECKING:
    from hallmanager.app import Services

# Statuses from which work on the complaint (reply, pause) can go on.
WORKING = (Status.REGISTERED, Status.IN_PROGRESS, Status.ESCALATED, Status.REOPENED)


def allowed_actions(c: ComplaintView) -> set[str]:
    """Which workflow buttons make sense for ``c``: read off the domain's transition table
    (and the service's rules for pauses and closing), so a button is never offered for a
    move the service would refuse."""
    s = c.status
    nxt = TRANSITIONS[s]
    out: set[str] = set()
    if c.paused:
        out.add("resume")
    else:
        if Status.IN_PROGRESS in nxt:
            out.add("start")
        if s in WORKING:
            out.update({"reply", "pause"})
    if Status.ESCALATED in nxt:
        out.add("escalate")
    if Status.REOPENED in nxt:
        out.add("reopen")
    if s == Status.REPLIED:
        out.add("callback")
        if c.failed_callbacks >= 3:
            out.add("close")
    if Status.CLOSED in nxt:
        out.add("close")
    if s != Status.CLOSED:
        out.update({"note", "assign"})
    return out


class ComplaintDetail(QWidget):
    """Shows one complaint (``show_complaint``); emits ``changed(view)`` after an action."""

    changed = Signal(object)
    printRequested = Signal(int)

    ACTIONS = ("start", "reply", "pause", "resume", "callback", "close", "escalate", "reopen",
               "note", "assign")

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("complaintDetail")
        self.services = services
        self.svc = services.complaints
        self.view: ComplaintView | None = None
        self.unmasked = False
        self.playbook: list[PlaybookView] = []
        self.last_dialog: FormDialog | None = None

        root = QHBoxLayout(self)
        root.setContentsMargins(0, 4, 0, 0)
        left = QVBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("complaintTitle")
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.2)
        f.setBold(True)
        self.title.setFont(f)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.deadline = QLabel(self)
        self.deadline.setObjectName("complaintDeadline")
        self.deadline.setWordWrap(True)
        self.info = QLabel(self)
        self.info.setObjectName("complaintInfo")
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self.info.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        left.addWidget(self.title)
        left.addWidget(self.deadline)
        left.addWidget(self.info, 1)

        grid = QGridLayout()
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(4)
        texts = {"start": self.tr("开始处理"), "reply": self.tr("答复客户…"),
                 "pause": self.tr("等待客户…"), "resume": self.tr("恢复计时"),
                 "callback": self.tr("回访…"), "close": self.tr("归档…"),
                 "escalate": self.tr("升级…"), "reopen": self.tr("重新处理…"),
                 "note": self.tr("处理记录…"), "assign": self.tr("转交…"),
                 "unmask": self.tr("显示完整信息"), "print": self.tr("打印处理单…")}
        slots: dict[str, Callable[[], Any]] = {
            "start": self.start, "reply": self.reply, "pause": self.pause,
            "resume": self.resume, "callback": self.call_back, "close": self.close_complaint,
            "escalate": self.escalate, "reopen": self.reopen, "note": self.add_note,
            "assign": self.assign, "unmask": self.unmask,
            "print": lambda: self.printRequested.emit(self.view.id) if self.view else None}
        self.buttons: dict[str, QPushButton] = {}
        for i, key in enumerate((*self.ACTIONS, "unmask", "print")):
            b = QPushButton(texts[key], self)
            b.setObjectName(f"{key}ComplaintButton")
            b.clicked.connect(lambda _c=False, f=slots[key]: f())
            self.buttons[key] = b
            grid.addWidget(b, i // 4, i % 4)
        left.addLayout(grid)
        root.addLayout(left, 5)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("complaintDetailTabs")
        self.timeline_model = TimelineModel(self)
        self.timeline_proxy = FilterProxyModel(self)
        self.timeline_proxy.setSourceModel(self.timeline_model)
        self.timeline_view = make_table_view(self.timeline_proxy, self,
                                             object_name="complaintTimelineView")
        self.timeline_view.setSortingEnabled(False)
        self.callback_model = CallbackModel(self)
        self.callback_proxy = FilterProxyModel(self)
        self.callback_proxy.setSourceModel(self.callback_model)
        self.callback_view = make_table_view(self.callback_proxy, self,
                                             object_name="complaintCallbackView")
        self.callback_view.setSortingEnabled(False)
        self.panel = PlaybookPanel(self)
        self.tabs.addTab(self.timeline_view, self.tr("处理过程"))
        self.tabs.addTab(self.callback_view, self.tr("回访记录"))
        self.tabs.addTab(self.panel, self.tr("应对建议"))
        root.addWidget(self.tabs, 6)
        self.show_complaint(None)

    # --- showing ---------------------------------------------------------------------------
    def show_complaint(self, view: ComplaintView | None, *, unmasked: bool = False) -> None:
        self.view = view
        self.unmasked = unmasked and view is not None
        if view is None:
            self.title.setText(self.tr("未选择投诉"))
            self.deadline.clear()
            self.info.setText(self.tr("在上面的列表中选择一条投诉，或按 Ctrl+N 登记新投诉。"))
            self.timeline_model.clear()
            self.callback_model.clear()
            self.panel.show_entry(None)
            self._sync_buttons()
            return
        self.title.setText(f"{view.number} · {view.status.label}")
        self.deadline.setText(self._deadline_text(view))
        self.deadline.setStyleSheet(
            "color: #b3261e; font-weight: bold;" if view.urgency == Urgency.OVERDUE
            else "color: #8a5a00; font-weight: bold;" if view.urgency == Urgency.DUE_SOON
            else "")
        self.info.setText(self._info_html(view))
        timeline, callbacks = list(view.timeline), list(view.callbacks)
        if view.masked:  # numbers typed into notes and reasons, masked like the free text
            timeline = [dataclasses.replace(e, note=mask_personal_text(e.note))
                        for e in timeline]
            callbacks = [dataclasses.replace(a, reason=mask_personal_text(a.reason))
                         for a in callbacks]
        self.timeline_model.set_rows(timeline)
        self.callback_model.set_rows(callbacks)
        self.panel.show_entry(next((p for p in self.playbook if p.id == view.playbook_id),
                                   None))
        self._sync_buttons()

    def _deadline_text(self, c: ComplaintView) -> str:
        if c.status == Status.CLOSED:
            return self.tr("已归档 {0}").format(f"{c.closed_at:%Y-%m-%d %H:%M}"
                                              if c.closed_at else "")
        if c.paused:
            return self.tr("等待客户中：处理时限暂停计时")
        which = self.tr("回访时限") if c.status == Status.REPLIED else self.tr("处理时限")
        d = c.deadline
        return self.tr("{0} {1} · {2}").format(which, f"{d:%Y-%m-%d %H:%M}" if d else "—",
                                               c.urgency.label)

    def _info_html(self, c: ComplaintView) -> str:
        def row(label: str, value: str) -> str:
            return (f"<tr><td style='color:#5f6368; padding-right:8px'>{html.escape(label)}"
                    f"</td><td>{html.escape(value)}</td></tr>")

        flags = []
        if c.urgent:
            flags.append(self.tr("紧急"))
        if c.escalated:
            flags.append(self.tr("已升级"))
        elif c.escalation_threat:
            flags.append(self.tr("客户声称升级"))
        if c.repeat:
            flags.append(self.tr("重复投诉（前次 {0}）").format(c.repeat_of_number or ""))
        if c.vip:
            flags.append(self.tr("VIP / 集团客户"))
        source = c.source.label + (f"（{self.tr('工单号')} {c.external_no}）"
                                   if c.external_no else "")
        customer = f"{c.customer_name} · {c.phone}" + (f" · {c.id_number}" if c.id_number
                                                       else "")
        rows = [row(self.tr("来源"), source),
                row(self.tr("受理时间"), f"{c.received_at:%Y-%m-%d %H:%M}"),
                row(self.tr("客户"), customer),
                row(self.tr("类别"), c.category),
                row(self.tr("处理人"), c.handler_name + (f" · {c.department}"
                                                       if c.department else "")),
                row(self.tr("问题描述"), c.description),
                row(self.tr("客户诉求"), c.request)]
        if flags:
            rows.append(row(self.tr("标记"), "、".join(flags)))
        if c.reply_text:
            rows.append(row(self.tr("答复"), c.reply_text))
        if c.satisfaction:
            rows.append(row(self.tr("满意度"), c.satisfaction.label))
        note = (f"<p style='color:#8a5a00'>{html.escape(self.tr('已显示完整个人信息（已记入审计日志）'))}"
                "</p>" if self.unmasked else "")
        return "<table>" + "".join(rows) + "</table>" + note

    def _sync_buttons(self) -> None:
        auth = self.services.ctx.auth
        handle = auth.may(Action.HANDLE_COMPLAINT)
        allowed = allowed_actions(self.view) if self.view is not None else set()
        for key in self.ACTIONS:
            self.buttons[key].setEnabled(handle and key in allowed)
        may_unmask = auth.may(Action.UNMASK_COMPLAINT)
        self.buttons["unmask"].setVisible(may_unmask)
        self.buttons["unmask"].setEnabled(may_unmask and self.view is not None
                                          and not self.unmasked)
        self.buttons["print"].setEnabled(self.view is not None
                                         and auth.may(Action.VIEW_COMPLAINTS))

    def focus_actions(self) -> None:
        """Enter on a list row: the first action the complaint allows takes the focus."""
        for key in (*self.ACTIONS, "print"):
            b = self.buttons[key]
            if b.isEnabled() and b.isVisible():
                b.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    # --- actions ---------------------------------------------------------------------------
    def _done(self, view: ComplaintView) -> None:
        self.show_complaint(view)
        self.changed.emit(view)

    def _text_dialog(self, key: str, title: str, label: str, fn: Callable[[str], Any],
                     ok_text: str, *, hint: str = "", multiline: bool = True) -> FormDialog:
        assert self.view is not None
        dlg = TextActionDialog(self, title=f"{title} {self.view.number}", label=label,
                               object_name=f"{key}Dialog", fn=fn, ok_text=ok_text, hint=hint,
                               multiline=multiline)
        return self._open(dlg)

    def _open(self, dlg: FormDialog) -> FormDialog:
        dlg.accepted.connect(lambda: self._done(dlg.result_value))
        self.last_dialog = dlg
        dlg.open()
        return dlg

    def start(self) -> bool:
        if self.view is None:
            return False
        r = run_action(self, self.svc.start, self.view.id)
        if r:
            self._done(r.value)
        return bool(r)

    def resume(self) -> bool:
        if self.view is None:
            return False
        r = run_action(self, self.svc.resume, self.view.id)
        if r:
            self._done(r.value)
        return bool(r)

    def reply(self) -> FormDialog | None:
        if self.view is None:
            return None
        cid = self.view.id
        return self._text_dialog("reply", self.tr("答复客户"), self.tr("答复内容"),
                                 lambda t: self.svc.reply(cid, t), self.tr("记录答复"),
                                 hint=self.tr("写明给客户的处理结果；回访时限从现在起计算。"))

    def pause(self) -> FormDialog | None:
        if self.view is None:
            return None
        cid = self.view.id
        return self._text_dialog("pause", self.tr("等待客户"), self.tr("等待原因"),
                                 lambda t: self.svc.pause(cid, t), self.tr("暂停计时"),
                                 hint=self.tr("等待客户提供材料或答复期间，处理时限暂停；"
                                              "客户回复后按“恢复计时”。"), multiline=False)

    def escalate(self) -> FormDialog | None:
        if self.view is None:
            return None
        cid = self.view.id
        return self._text_dialog("escalate", self.tr("升级"), self.tr("升级原因"),
                                 lambda t: self.svc.escalate(cid, t), self.tr("升级"))

    def reopen(self) -> FormDialog | None:
        if self.view is None:
            return None
        cid = self.view.id
        return self._text_dialog("reopen", self.tr("重新处理"), self.tr("原因"),
                                 lambda t: self.svc.reopen(cid, t), self.tr("重新处理"),
                                 hint=self.tr("处理时限从现在起重新计算。"))

    def add_note(self) -> FormDialog | None:
        if self.view is None:
            return None
        cid = self.view.id
        return self._text_dialog("note", self.tr("处理记录"), self.tr("采取的措施"),
                                 lambda t: self.svc.add_note(cid, t), self.tr("记录"))

    def close_complaint(self) -> FormDialog | None:
        if self.view is None:
            return None
        cid = self.view.id
        return self._text_dialog("close", self.tr("归档"), self.tr("说明"),
                                 lambda t: self.svc.close(cid, t), self.tr("归档"),
                                 hint=self.tr("回访已接通可直接归档；三次回访未接通的须填写说明。"))

    def call_back(self) -> FormDialog | None:
        if self.view is None:
            return None
        return self._open(CallbackDialog(self, self.svc, self.view))

    def assign(self) -> FormDialog | None:
        if self.view is None:
            return None
        return self._open(AssignDialog(self, self.svc, self.view))

    def unmask(self) -> bool:
        """The full name, phone and ID number of this one complaint (audited)."""
        if self.view is None:
            return False
        r = run_action(self, self.svc.get, self.view.id, unmasked=True)
        if r:
            self.show_complaint(r.value, unmasked=True)
        return bool(r)
