"""审计日志: browse the audit log with filters and verify its hash chain (hall manager)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hallmanager.domain.errors import DomainError
from hallmanager.domain.roles import Action
from hallmanager.ui.common.editors import DateEdit
from hallmanager.ui.common.errors import run_action, show_error
from hallmanager.ui.common.search import SearchBox
from hallmanager.ui.common.table_model import (
    ALIGN_RIGHT,
    Column,
    FilterProxyModel,
    PagedTableModel,
    make_table_view,
    selected_row,
)
from hallmanager.ui.settings.section import Section, banner, section_title

if TYPE_CHECKING:
    from hallmanager.app import Services
    from hallmanager.ui.workers import Worker

DEFAULT_DAYS = 30


def action_label(action: str, extra: Mapping[str, str] | None = None) -> str:
    """Readable name of an audit action (the framework's, or ``extra`` from the modules,
    translated in the "audit" context); unknown ones show as recorded."""
    labels = {
        "setup": QCoreApplication.translate("audit", "初始化"),
        "login": QCoreApplication.translate("audit", "登录"),
        "login_failed": QCoreApplication.translate("audit", "登录失败"),
        "login_refused": QCoreApplication.translate("audit", "拒绝登录"),
        "logout": QCoreApplication.translate("audit", "退出登录"),
        "create": QCoreApplication.translate("audit", "新建"),
        "update": QCoreApplication.translate("audit", "修改"),
        "enable": QCoreApplication.translate("audit", "启用"),
        "disable": QCoreApplication.translate("audit", "停用"),
        "change_password": QCoreApplication.translate("audit", "修改密码"),
        "reset_password": QCoreApplication.translate("audit", "重置密码"),
        "clear_stale_lock": QCoreApplication.translate("audit", "清除程序锁"),
        "delete": QCoreApplication.translate("audit", "删除"),
        "export": QCoreApplication.translate("audit", "导出"),
        "print": QCoreApplication.translate("audit", "打印"),
        "unmask": QCoreApplication.translate("audit", "显示完整个人信息"),
    }
    label = labels.get(action)
    if label is None and extra and action in extra:
        label = QCoreApplication.translate("audit", extra[action])
    return f"{label}（{action}）" if label else action


def entity_label(entity: str, extra: Mapping[str, str] | None = None) -> str:
    """Readable name of an audited entity (framework or ``extra`` from the modules)."""
    labels = {
        "user": QCoreApplication.translate("audit", "用户"),
        "hall_settings": QCoreApplication.translate("audit", "营业厅设置"),
        "shift": QCoreApplication.translate("audit", "班次"),
        "instance_lock": QCoreApplication.translate("audit", "程序锁"),
        "handover_sheet": QCoreApplication.translate("audit", "交接班表"),
        "daily_report": QCoreApplication.translate("audit", "营业日报"),
    }
    if entity in labels:
        return labels[entity]
    if extra and entity in extra:
        return QCoreApplication.translate("audit", extra[entity])
    return entity


def _json(value: Any) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


class AuditTableModel(PagedTableModel[Any]):
    """AuditRecord rows (newest first from the service)."""

    def __init__(self, parent: QWidget | None = None, *,
                 labels: tuple[Mapping[str, str], Mapping[str, str]] = ({}, {})) -> None:
        self._entities, self._actions = labels  # the modules' labels (Services.audit_labels)
        super().__init__([
            Column(self.tr("编号"), lambda r: r.id, align=ALIGN_RIGHT),
            Column(self.tr("时间"), lambda r: r.at,
                   display=lambda t: t.strftime("%Y-%m-%d %H:%M:%S") if t else ""),
            Column(self.tr("用户"), lambda r: r.username),
            Column(self.tr("操作"), lambda r: r.action,
                   display=lambda a: action_label(a, self._actions)),
            Column(self.tr("对象"), lambda r: r.entity,
                   display=lambda e: entity_label(e, self._entities)),
            Column(self.tr("对象编号"), lambda r: r.entity_id or ""),
            Column(self.tr("内容"), lambda r: _summary(r),
                   tooltip=lambda r: _json({"before": r.before, "after": r.after})),
        ], parent)


def _summary(r: Any) -> str:
    """One line of what changed: 'before ⇒ after' as compact JSON, cut to fit a cell."""
    parts = [json.dumps(v, ensure_ascii=False) for v in (r.before, r.after) if v]
    text = " ⇒ ".join(parts)
    return text if len(text) <= 120 else text[:117] + "…"


AUDIT_FIT_ROWS = 20


class AuditSection(Section):
    """Filters go to ``services.audit.entries`` (date range inclusive, user, action, text)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("auditSection")
        labels = services.audit_labels()
        self._entities, self._actions = labels
        layout = QVBoxLayout(self)
        layout.addWidget(section_title(self, self.tr("审计日志")))
        self.banner = banner(self, self.tr("只有厅经理可以查看审计日志。"))
        layout.addWidget(self.banner)

        filters = QHBoxLayout()
        today = services.ctx.clock.now().date()
        self.since = DateEdit(self, value=today - dt.timedelta(days=DEFAULT_DAYS))
        self.since.setObjectName("auditSince")
        self.until = DateEdit(self, value=today)
        self._auto_until = today  # follows "today" across midnight until the user changes it
        self.until.setObjectName("auditUntil")
        self.user = QComboBox(self)
        self.user.setObjectName("auditUser")
        self.user.setMinimumContentsLength(8)
        self.action = QComboBox(self)
        self.action.setObjectName("auditAction")
        self.action.setMinimumContentsLength(10)
        self.search = SearchBox(self, placeholder=self.tr("搜索内容（Ctrl+F）"))
        for label, w in ((self.tr("从"), self.since), (self.tr("到"), self.until),
                         (self.tr("用户"), self.user), (self.tr("操作"), self.action)):
            filters.addWidget(QLabel(label, self))
            filters.addWidget(w)
        filters.addStretch(1)
        layout.addLayout(filters)
        layout.addWidget(self.search)

        self.model = AuditTableModel(self, labels=labels)
        self.proxy = FilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.view = make_table_view(self.proxy, self, object_name="auditView")
        self.view.setSortingEnabled(False)  # newest first, a page at a time (see the model)
        # eight columns of short, even text: 20 rows measure them as well as 50, in 40 % of
        # the time (opening the section measured every reload)
        self.view.horizontalHeader().setResizeContentsPrecision(AUDIT_FIT_ROWS)
        self.detail = QPlainTextEdit(self)
        self.detail.setObjectName("auditDetail")
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText(self.tr("选择一条记录查看修改前后的内容"))
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.view)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)

        bottom = QHBoxLayout()
        self.count = QLabel(self)
        self.count.setObjectName("auditCount")
        self.verify_button = QPushButton(self.tr("校验审计链"), self)
        self.verify_button.setObjectName("verifyAuditButton")
        self.verify_button.setToolTip(self.tr("检查审计记录是否被删除或篡改"))
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.verify_button)
        layout.addLayout(bottom)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.reload)
        for w in (self.since, self.until):
            w.dateChanged.connect(lambda _d: self.reload())
        self.user.currentIndexChanged.connect(lambda _i: self.reload())
        self.action.currentIndexChanged.connect(lambda _i: self.reload())
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.verify_button.clicked.connect(self.verify)
        self.last_verify: list[str] | None = None  # the problems the last check found
        self.view.selectionModel().selectionChanged.connect(self._show_detail)
        self.model.rowsInserted.connect(lambda *_a: self._update_count())
        self._loading = False

    @property
    def allowed(self) -> bool:
        return self.services.ctx.auth.may(Action.VIEW_AUDIT)

    def refresh(self) -> None:
        allowed = self.allowed
        self.banner.setVisible(not allowed)
        for w in (self.since, self.until, self.user, self.action, self.search, self.verify_button,
                  self.view, self.detail):
            w.setEnabled(allowed)
        if not allowed:
            self.model.clear()
            self.detail.clear()
            self.count.clear()
            return
        today = self.services.ctx.clock.now().date()
        if self.until.date_value() == self._auto_until and today != self._auto_until:
            self._loading = True
            self.until.set_date_value(today)
            self._loading = False
        self._auto_until = today
        self._fill_combos()
        self.reload()

    def _fill_combos(self) -> None:
        self._loading = True
        try:
            keep_user, keep_action = self.user.currentData(), self.action.currentData()
            self.user.clear()
            self.user.addItem(self.tr("全部"), None)
            names = sorted({u.username for u in self.services.auth.list_users()} | {"system"})
            for n in names:
                self.user.addItem(n, n)
            self.action.clear()
            self.action.addItem(self.tr("全部"), None)
            for a in self.services.audit.actions():
                self.action.addItem(action_label(a, self._actions), a)
            self.user.setCurrentIndex(max(0, self.user.findData(keep_user)))
            self.action.setCurrentIndex(max(0, self.action.findData(keep_action)))
        except DomainError:
            pass
        finally:
            self._loading = False

    def reload(self) -> None:
        """Count what the filters match and load the first page; more pages load as the
        list is scrolled."""
        if self._loading or not self.allowed:
            return
        filters = {"since": self.since.date_value(), "until": self.until.date_value(),
                   "username": self.user.currentData(), "action": self.action.currentData(),
                   "text": self.search.text().strip() or None}
        result = run_action(self, self.services.audit.count, **filters)
        if not result:
            self.model.clear()
            return
        entries = self.services.audit.entries

        def fetch(offset: int, limit: int) -> list[Any]:
            try:
                return entries(**filters, offset=offset, limit=limit)
            except DomainError:  # e.g. logged out meanwhile: stop loading
                return []

        self.model.set_source(fetch, result.value)
        self.detail.clear()
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        self.count.setText(self.tr("共 {0} 条").format(total) if shown >= total
                           else self.tr("显示 {0} / 共 {1} 条（向下滚动加载更多）")
                           .format(shown, total))

    def _show_detail(self) -> None:
        r = selected_row(self.view)
        if r is None:
            self.detail.clear()
            return
        self.detail.setPlainText(self.tr("修改前：\n{0}\n\n修改后：\n{1}").format(
            _json(r.before) or "—", _json(r.after) or "—"))

    def set_privacy(self, hidden: bool) -> None:
        if hidden:
            self.model.clear()
            self.detail.clear()

    def verify(self) -> Worker:
        """Check the chain in the background (75k entries take about a second), with a
        progress dialog and a cancel button; the result shows in a box (``verified``)."""
        from hallmanager.ui.workers import run_with_progress

        self.verify_button.setEnabled(False)
        self.last_verify = None
        return run_with_progress(
            self, self.services.audit.verify, title=self.tr("校验审计链"),
            text=self.tr("正在校验审计链…"), on_done=self.verified,
            on_error=self._verify_failed, on_cancelled=self._verify_cancelled)

    def _verify_failed(self, error: DomainError) -> None:
        self.verify_button.setEnabled(True)
        show_error(self, error)

    def _verify_cancelled(self) -> None:
        self.verify_button.setEnabled(True)  # nothing to report: the user stopped it

    def verified(self, problems: list[str]) -> None:
        """Show the outcome of ``verify`` (in the GUI thread)."""
        self.verify_button.setEnabled(True)
        self.last_verify = list(problems)
        if problems:
            show_error(self, self.tr("审计链校验发现 {0} 个问题，请联系厅经理和技术支持。")
                       .format(len(problems)), "\n".join(problems))
        else:
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("校验审计链"),
                              self.tr("审计链完整：没有发现被删除或篡改的记录。"),
                              QMessageBox.StandardButton.Ok, self)
            box.setObjectName("verifyOkBox")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
