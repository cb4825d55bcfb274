"""The main window: tabs, menus forwarding to the current tab, status bar, idle lock."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from hallmanager.domain.clock import Clock
from hallmanager.domain.errors import DatabaseError, DomainError
from hallmanager.ui.collector import collector_is_paused, freeze_long_lived
from hallmanager.ui.common.labels import role_label
from hallmanager.ui.common.tab_page import TabPage
from hallmanager.ui.idle import IdleWatcher
from hallmanager.ui.login.change_password import ChangePasswordDialog
from hallmanager.ui.login.lock_page import LockPage
from hallmanager.ui.tabs import PendingTab, build_lazy_tabs, build_tabs
from hallmanager.ui.workers import Worker

if TYPE_CHECKING:
    from hallmanager.app import Services
    from hallmanager.services.context import UserInfo

TabFactory = Callable[["Services", QWidget], list[TabPage]]
DEFAULT_SIZE = (1280, 800)
# Warming the tabs after the first paint: start, and the gap between steps (the event loop
# runs in between: input and painting are never held up by more than one page's step).
WARM_START_MS = 40
WARM_STEP_MS = 20
# A step found due late (the loop was busy: the user's action, its paint) waits for a quiet
# turn, at most this many times in a row; a tab switch holds warming back for a while.
WARM_LATE_MS = 8
WARM_MAX_DEFERRALS = 5
WARM_AFTER_SWITCH_MS = 150
WARM_BUSY_MS = 100  # while background work runs (``collector_is_paused``)


def _hide_password(url: str) -> str:
    """postgresql://user:secret@host/db → postgresql://user:***@host/db (status bar)."""
    return re.sub(r"(://[^:/@]+):[^/]*@", r"\1:***@", url)


def _mnemonic_safe(text: str) -> str:
    """Tab and menu texts treat '&' as a shortcut marker; "Attendance & fines" needs '&&'."""
    return text.replace("&", "&&")


class MainWindow(QMainWindow):
    """The desk app. Expects a logged-in user in ``services``.

    ``settings`` (QSettings) and ``clock`` (for the idle lock) are injectable for tests;
    by default the app's QSettings and the services' clock are used. ``lazy_tabs`` (the
    desk's start) builds each page when it is first shown or asked for (``page()``).
    """

    def __init__(self, services: Services, *, settings: QSettings | None = None,
                 clock: Clock | None = None, tab_factory: TabFactory = build_tabs,
                 idle_poll_ms: int = 5000, parent: QWidget | None = None,
                 lazy_tabs: bool = False) -> None:
        super().__init__(parent)
        if lazy_tabs:  # the desk's start: what exists now lives as long as the program
            freeze_long_lived()
        self.setObjectName("mainWindow")
        self.services = services
        self.qsettings = settings if settings is not None else QSettings()
        self.locked = False
        self._warm_steps: list[tuple[str, int]] = []
        self._warm_parts: list[tuple[int, Callable[[], None]]] = []  # of the page loading
        self._warm_pending = False
        self._warm_timer = QTimer(self)
        self._warm_timer.setSingleShot(True)
        self._warm_timer.timeout.connect(self._warm_next)
        self._warm_due = 0.0  # time.monotonic() when the next step is due
        self._warm_deferred = 0

        self.tab_widget = QTabWidget(self)
        self.tab_widget.setObjectName("mainTabs")
        self.tab_widget.setDocumentMode(True)
        if lazy_tabs and tab_factory is build_tabs:
            tab_factory = build_lazy_tabs
        self.pages: list[TabPage] = tab_factory(services, self.tab_widget)
        for page in self.pages:
            self.tab_widget.addTab(page, _mnemonic_safe(page.title()))
            if not isinstance(page, PendingTab):
                self._wire(page)

        self.lock_page = LockPage(services, self)
        self.lock_page.unlocked.connect(self._on_unlocked)
        self.lock_page.userSwitched.connect(self._on_user_switched)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.tab_widget)
        self.stack.addWidget(self.lock_page)
        self.setCentralWidget(self.stack)

        self._build_menus()
        self._build_status_bar()

        # the hall's minutes come with the rest of the chrome just below (one read)
        self.idle = IdleWatcher(clock or services.ctx.clock, 5, self, interval_ms=idle_poll_ms)
        self.idle.lockRequested.connect(self.lock)

        self.refresh_chrome()
        self._restore_state()
        self.tab_widget.currentChanged.connect(self._on_tab_changed)
        if lazy_tabs:  # the shown page is built now and filled once the window shows
            first = self.current_page()
            self._update_actions()
            later = getattr(first, "refresh_soon", None)
            if later is not None:
                later()  # marks the page fresh now (no refresh when shown), reads after
            else:
                QTimer.singleShot(0, self._first_refresh)
            # then, after the first paint, the other tabs are built and loaded in small
            # steps (one page per step), so a tab the user opens later only refreshes
            self._warm_steps = [(step, i) for i, p in enumerate(self.pages)
                                if isinstance(p, PendingTab) for step in ("build", "load")]
            self._warm_pending = True  # started by the first showEvent (after the paint)
        else:
            self._on_tab_changed(self.tab_widget.currentIndex())
        page = self.current_page()
        if page is None or page.objectName() != "todayTab":  # 今日 counts when it refreshes
            QTimer.singleShot(0, self.refresh_attention)
        self.idle.start()

    # --- building ----------------------------------------------------------------------
    def _wire(self, page: TabPage) -> None:
        """Connect a (newly built) page's signals to the window."""
        page.actionsChanged.connect(self._update_actions)
        page.statusMessage.connect(lambda msg: self.statusBar().showMessage(msg, 5000))
        for signal, slot in (("hallChanged", self.refresh_chrome),
                             ("navigate", self.navigate_to),
                             ("restored", self._after_restore),
                             ("backedUp", self.refresh_backup_status),
                             ("counted", self.show_attention)):
            emitter = getattr(page, signal, None)
            if emitter is not None:
                emitter.connect(slot)

    def _built(self, index: int) -> TabPage:
        """The page at ``index``, built now if it was still a ``PendingTab``."""
        page = self.pages[index]
        if not isinstance(page, PendingTab):
            return page
        built = page.build(self.tab_widget)
        self.pages[index] = built
        self._wire(built)
        if self.locked:
            built.set_privacy(True)
        tabs = self.tab_widget
        was_current = tabs.currentIndex() == index
        blocked = tabs.blockSignals(True)  # the same tab stays current: no change to report
        try:  # insert before removing: no other page is shown (and refreshed) in between
            tabs.insertTab(index, built, _mnemonic_safe(built.title()))
            if was_current:
                tabs.setCurrentIndex(index)
            tabs.removeTab(index + 1)
        finally:
            tabs.blockSignals(blocked)
        page.setParent(None)  # findChild(name) finds the built page, not the stand-in
        page.deleteLater()
        self._update_actions()
        return built

    def _action(self, text: str, name: str, slot: Callable[[], object],
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None) -> QAction:
        act = QAction(text, self)
        act.setObjectName(name)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(lambda _checked=False: slot())
        self.addAction(act)  # shortcuts work even with the menu bar hidden
        return act

    def _build_menus(self) -> None:
        fwd = self._forward
        self.action_new = self._action(self.tr("新建(&N)"), "actionNew", fwd("new_record"), "Ctrl+N")
        self.action_save = self._action(self.tr("保存(&S)"), "actionSave", fwd("save"), "Ctrl+S")
        self.action_print = self._action(self.tr("打印(&P)…"), "actionPrint", fwd("print_"), "Ctrl+P")
        self.action_export = self._action(self.tr("导出(&E)…"), "actionExport", fwd("export"), "Ctrl+E")
        self.action_quit = self._action(self.tr("退出(&X)"), "actionQuit", self.close, "Ctrl+Q")
        self.action_find = self._action(self.tr("查找(&F)"), "actionFind", fwd("find"), "Ctrl+F")
        self.action_refresh = self._action(self.tr("刷新(&R)"), "actionRefresh", self.refresh_all, "F5")
        self.action_lock = self._action(self.tr("锁定(&L)"), "actionLock", self.lock, "Ctrl+L")
        self.action_switch_user = self._action(self.tr("切换用户(&U)…"), "actionSwitchUser",
                                               self.switch_user)
        self.action_change_password = self._action(self.tr("修改密码(&W)…"),
                                                   "actionChangePassword", self.change_password)
        self.action_about = self._action(self.tr("关于(&A)"), "actionAbout", self.about)

        bar = self.menuBar()
        m = bar.addMenu(self.tr("文件(&F)"))
        for a in (self.action_new, self.action_save, None, self.action_print, self.action_export,
                  None, self.action_quit):
            m.addSeparator() if a is None else m.addAction(a)
        m = bar.addMenu(self.tr("编辑(&E)"))
        m.addAction(self.action_find)
        extra = [a for page in self.pages for a in page.window_actions()]
        if extra:  # actions the tabs offer everywhere (e.g. 启动应急预案 Ctrl+Shift+E)
            m = bar.addMenu(self.tr("操作(&O)"))
            for a in extra:
                self.addAction(a)
                m.addAction(a)
        m = bar.addMenu(self.tr("视图(&V)"))
        m.addAction(self.action_refresh)
        m.addSeparator()
        for i, page in enumerate(self.pages):
            act = self._action(_mnemonic_safe(page.title()), f"actionShow_{page.objectName()}",
                               lambda i=i: self.tab_widget.setCurrentIndex(i), f"Ctrl+{i + 1}")
            m.addAction(act)
        m = bar.addMenu(self.tr("账户(&A)"))
        for a in (self.action_lock, self.action_switch_user, self.action_change_password):
            m.addAction(a)
        m = bar.addMenu(self.tr("帮助(&H)"))
        m.addAction(self.action_about)
        self._tab_actions = {"new_record": self.action_new, "save": self.action_save,
                             "print_": self.action_print, "export": self.action_export,
                             "find": self.action_find}

    def _build_status_bar(self) -> None:
        self.user_label = QLabel(self)
        self.user_label.setObjectName("statusUser")
        self.shift_label = QLabel(self)
        self.shift_label.setObjectName("statusShift")
        self.db_label = QLabel(self)
        self.db_label.setObjectName("statusDatabase")
        self.db_label.setStyleSheet("color: #666;")
        # a long path must not stop the window from shrinking: it is cut, the tooltip has it all
        self.db_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.db_label.setMinimumWidth(120)
        self.backup_label = QLabel(self)
        self.backup_label.setObjectName("statusBackup")
        # What is overdue or due soon (complaint deadlines, tills, hand-over items…): seen
        # from every tab, refreshed every minute; the link opens 今日.
        self.attention_label = QLabel(self)
        self.attention_label.setObjectName("statusAttention")
        self.attention_label.linkActivated.connect(lambda _link: self.show_today())
        self.attention_timer = QTimer(self)
        self.attention_timer.setObjectName("attentionTimer")
        self.attention_timer.setInterval(60_000)
        self.attention_timer.timeout.connect(self.refresh_attention)
        self.attention_timer.start()
        sb = self.statusBar()
        sb.addWidget(self.db_label, 1)  # left, gives way to temporary messages
        sb.addPermanentWidget(self.attention_label)
        sb.addPermanentWidget(self.backup_label)
        sb.addPermanentWidget(self.user_label)
        sb.addPermanentWidget(self.shift_label)

    # --- tabs and actions --------------------------------------------------------------
    def current_page(self) -> TabPage | None:
        index = self.tab_widget.currentIndex()
        if 0 <= index < len(self.pages) and isinstance(self.pages[index], PendingTab):
            return self._built(index)
        w = self.tab_widget.currentWidget()
        return w if isinstance(w, TabPage) else None

    def page(self, object_name: str) -> TabPage | None:
        """The page with this objectName (built now if it was not yet)."""
        index = next((i for i, p in enumerate(self.pages) if p.objectName() == object_name),
                     None)
        return None if index is None else self._built(index)

    def _forward(self, hook: str) -> Callable[[], None]:
        def call() -> None:
            page = self.current_page()
            if page is None or self.locked or not self._enabled_for(page, hook):
                return
            try:
                getattr(page, hook)()
            except DomainError as exc:  # a tab forgot run_action: still show the message
                from hallmanager.ui.common.errors import show_error

                show_error(self, exc)
        return call

    @staticmethod
    def _enabled_for(page: TabPage, hook: str) -> bool:
        if hook == "find":
            return page.can_find or page.search_box is not None
        flag = {"new_record": "can_new", "save": "can_save", "print_": "can_print",
                "export": "can_export"}[hook]
        return bool(getattr(page, flag))

    def _update_actions(self) -> None:
        page = self.current_page()
        for hook, act in self._tab_actions.items():
            act.setEnabled(not self.locked and page is not None and self._enabled_for(page, hook))
        for act in self.actions():
            if act not in self._tab_actions.values() and act is not self.action_quit:
                act.setEnabled(not self.locked)

    def navigate_to(self, target: object) -> bool:
        """Open a record from the 今日 page: the tab whose ``module`` matches the target's
        module becomes current and shows the record (``show_record(target)``)."""
        module = getattr(target, "module", None)
        index = next((i for i, p in enumerate(self.pages)
                      if module is not None and p.module == module), None)
        if index is None or self.locked:
            return False
        page = self._built(index)
        self.tab_widget.setCurrentWidget(page)
        return bool(page.show_record(target))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._warm_pending:  # timed from the first paint, not from the constructor: a
            self._warm_pending = False  # slow show would run the first step right after it
            self._schedule_warm(WARM_START_MS)

    def _schedule_warm(self, ms: int) -> None:
        self._warm_due = time.monotonic() + ms / 1000
        self._warm_timer.start(ms)

    @property
    def warming(self) -> bool:
        """Pages are still being built or loaded in the background of the start."""
        return bool(self._warm_steps or self._warm_parts)

    def _warm_next(self) -> None:
        """One step of warming the tabs at start: build a page, or one part of loading it
        while hidden (``TabPage.refresh_steps``).

        Never right behind other work: a step that comes late (the loop was busy with the
        user's action and its paint) waits for a quiet turn, so the two never add up to one
        long stall; nor while background work runs (a check, an export: a step would share
        the GIL with it and take twice as long or more)."""
        if self.locked or not self.warming:
            return
        late = time.monotonic() - self._warm_due
        if collector_is_paused() or (late * 1000 > WARM_LATE_MS
                                     and self._warm_deferred < WARM_MAX_DEFERRALS):
            self._warm_deferred += 1  # bounded: a machine busy all along still warms
            self._schedule_warm(WARM_BUSY_MS if collector_is_paused() else WARM_STEP_MS)
            return
        self._warm_deferred = 0
        try:
            if self._warm_parts:
                index, part = self._warm_parts.pop(0)
                if index != self.tab_widget.currentIndex():  # a shown page refreshed itself
                    part()
            else:
                step, index = self._warm_steps.pop(0)
                if step == "build":
                    self._built(index)
                elif (index != self.tab_widget.currentIndex()
                      and not self.pages[index].loads_when_built):
                    parts = self.pages[index].refresh_steps()
                    if parts:
                        parts[0]()
                        self._warm_parts = [(index, part) for part in parts[1:]]
        except DatabaseError:  # e.g. a restore has the file: the page builds or reads when
            # shown, so its remaining parts are dropped and warming goes on with the others
            self._warm_parts = [(i, p) for i, p in self._warm_parts if i != index]
        if self.warming:
            self._schedule_warm(WARM_STEP_MS)
        else:  # every page built: they live as long as the window
            freeze_long_lived()

    def _first_refresh(self) -> None:
        """After the window's first paint: the shown page reads its data."""
        page = self.current_page()
        if page is None or self.locked:
            return
        page.refresh()

    def _on_tab_changed(self, index: int) -> None:
        pending = 0 <= index < len(self.pages) and isinstance(self.pages[index], PendingTab)
        if self.warming and not self._warm_pending:  # the user's tab comes first
            self._schedule_warm(WARM_AFTER_SWITCH_MS)
        # the shown page refreshes whole now: the rest of its warming load must not come
        # later over what the user does there
        self._warm_parts = [(i, part) for i, part in self._warm_parts if i != index]
        page = self.current_page()
        if page is not None and not self.locked:
            if pending:  # built just now: it reads its data after a paint and a turn of the
                # event loop (a timer, not a queued call: those run before input and timers)
                if not page.loads_when_built:
                    QTimer.singleShot(1, page, lambda: self._refresh_shown(page))
            else:
                page.refresh()
        self._update_actions()

    def _refresh_shown(self, page: TabPage, parts: list[Callable[[], None]] | None = None
                       ) -> None:
        """The page built just now for being shown reads its data, one part of its refresh
        (``TabPage.refresh_steps``) per turn of the event loop. Nothing was shown there yet
        (a built page shows no record before its data), so no key can go to a record half
        loaded; a page left or locked meanwhile stops (it refreshes whole when shown)."""
        if self.locked or self.current_page() is not page:
            return
        if parts is None:
            parts = page.refresh_steps()
        if not parts:
            return
        parts[0]()
        self._update_actions()
        if len(parts) > 1:
            rest = parts[1:]
            QTimer.singleShot(1, page, lambda: self._refresh_shown(page, rest))

    def refresh_all(self) -> None:
        """F5 and after a user switch: window chrome and the visible tab."""
        self.refresh_chrome()
        page = self.current_page()
        if page is not None:
            page.refresh()

    def refresh_chrome(self) -> None:
        """Title, status bar and idle minutes from the services (after settings change)."""
        try:
            hall = self.services.settings.hall()
            name, minutes = hall.name, hall.idle_lock_minutes
        except DomainError:
            name, minutes = "", 5
        product = self.tr("营业厅值班经理工作台")
        self.setWindowTitle(f"{name} — {product}" if name else product)
        user = self.services.ctx.auth.user
        self.user_label.setText(self.tr("用户：{0}（{1}）").format(user.full_name, role_label(user.role))
                                if user else self.tr("未登录"))
        shift = self.services.settings.current_shift()
        self.shift_label.setText(self.tr("当前班次：{0}").format(shift.label) if shift
                                 else self.tr("当前班次：无"))
        path = self.services.db.path
        where = str(path) if path else _hide_password(self.services.db.url)
        self.db_label.setText(self.tr("数据库：{0}").format(where))
        self.db_label.setToolTip(where)
        if hasattr(self, "idle"):
            self.idle.set_minutes(minutes)
        self.refresh_backup_status()

    # --- what needs attention --------------------------------------------------------------
    def refresh_attention(self) -> None:
        """Count what 今日 lists as overdue and due soon (every module's provider)."""
        if self.locked or self.services.ctx.auth.user is None:
            return
        from hallmanager.services.today import Severity

        try:
            items = self.services.today.attention(self.services.ctx.clock.now())
        except DomainError:
            return
        self.show_attention(sum(1 for i in items if i.severity == Severity.OVERDUE),
                            sum(1 for i in items if i.severity == Severity.DUE_SOON))

    def show_attention(self, overdue: int, due_soon: int) -> None:
        if not overdue and not due_soon:
            self.attention_label.setText(self.tr("今日：无超时事项"))
            self.attention_label.setStyleSheet("color: #1e7e34;")
            return
        text = self.tr("今日：已超时 {0} 项 · 即将到期 {1} 项").format(overdue, due_soon)
        color = "#b3261e" if overdue else "#8a5a00"
        self.attention_label.setText(
            f'<a href="today" style="color: {color}; text-decoration: none;">{text}</a>')
        self.attention_label.setStyleSheet("font-weight: bold;")

    def show_today(self) -> None:
        """The status bar's count opens 今日."""
        page = self.page("todayTab")
        if page is not None and not self.locked:
            self.tab_widget.setCurrentWidget(page)

    # --- backups ---------------------------------------------------------------------------
    def refresh_backup_status(self) -> None:
        """The last good backup's age, always visible; red after a failure or when old."""
        from hallmanager.services.backup import STALE_AFTER
        from hallmanager.ui.settings.backup_section import age_label

        try:
            st = self.services.backup.status()
        except DomainError as exc:
            self.backup_label.setText(self.tr("备份：状态未知"))
            self.backup_label.setToolTip(exc.message)
            return
        age = st.age(self.services.ctx.clock.now())
        text = self.tr("备份：{0}").format(age_label(age))
        bad = st.failure is not None or age is None or age > STALE_AFTER
        if st.failure is not None:
            text += self.tr("（上次失败）")
        self.backup_label.setText(text)
        self.backup_label.setStyleSheet("color: #b00020; font-weight: bold;" if bad else "")
        tip = self.tr("备份文件夹：{0}").format(str(st.folder))
        if st.failure:
            tip += "\n" + st.failure
        self.backup_label.setToolTip(tip)

    def start_backup_if_due(self) -> Worker | None:
        """The start-up backup, off the GUI thread once the window shows (the login and
        the first paint never wait for it); a failure is recorded for 今日 and the status
        bar turns red."""
        try:
            if not self.services.backup.due():
                return None
        except DomainError:
            return None
        self.backup_label.setText(self.tr("备份：正在备份…"))
        worker = Worker(self.services.backup.backup, automatic=True)
        worker.signals.finished.connect(self._backup_finished,
                                        Qt.ConnectionType.QueuedConnection)
        worker.signals.failed.connect(self._backup_failed, Qt.ConnectionType.QueuedConnection)
        self.backup_worker = worker
        return worker.start()

    def _backup_finished(self, _record: object) -> None:
        self.refresh_backup_status()

    def _backup_failed(self, error: object) -> None:
        self.refresh_backup_status()
        message = getattr(error, "message", str(error))
        self.statusBar().showMessage(self.tr("自动备份失败：{0}").format(message), 15000)
        page = self.current_page()
        if page is not None and not self.locked:
            page.refresh()  # 今日 shows the failure

    def _after_restore(self) -> None:
        """The file was replaced: every tab shows another state; log in again."""
        self.refresh_backup_status()
        self.switch_user()
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("从备份恢复"),
                          self.tr("数据库已从备份恢复。请重新登录。"),
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("restoredBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # --- lock and users ----------------------------------------------------------------
    def lock(self, *, switching: bool = False) -> None:
        """Hide all personal data behind the lock page (idle, Ctrl+L, 切换用户)."""
        user = self.services.ctx.auth.user
        if user is None:
            return
        if not self.locked:
            self.locked = True
            for page in self.pages:
                page.set_privacy(True)
            self.idle.stop()
        self.lock_page.lock_for(user, self._hall_name(), switching=switching)
        self.stack.setCurrentWidget(self.lock_page)
        self.user_label.setText(self.tr("已锁定"))
        self._update_actions()

    def switch_user(self) -> None:
        self.lock(switching=True)

    def _hall_name(self) -> str:
        try:
            return self.services.settings.hall().name
        except DomainError:
            return ""

    def _unlock(self) -> None:
        self.locked = False
        if self.warming and not self._warm_pending:  # warming stopped at the lock
            self._schedule_warm(WARM_AFTER_SWITCH_MS)
        self.stack.setCurrentWidget(self.tab_widget)
        for page in self.pages:
            page.set_privacy(False)
        self.idle.start()
        self.refresh_chrome()
        self._update_actions()

    def _on_unlocked(self, user: UserInfo) -> None:
        self._unlock()
        page = self.current_page()
        if page is not None:
            page.refresh()
        self._check_must_change(user)

    def _on_user_switched(self, user: UserInfo) -> None:
        self._warm_parts = []  # the pages reload whole for the new user just below
        self._unlock()
        for page in self.pages:
            page.on_user_changed()
        self.statusBar().showMessage(self.tr("已切换到 {0}").format(user.full_name), 5000)
        self._check_must_change(user)

    def _check_must_change(self, user: UserInfo) -> None:
        if user.must_change_password:
            dlg = ChangePasswordDialog(self.services, self, forced=True)
            dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dlg.rejected.connect(self.lock)
            dlg.open()

    def change_password(self) -> None:
        dlg = ChangePasswordDialog(self.services, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self.statusBar().showMessage(self.tr("密码已修改"), 5000))
        dlg.open()

    def about(self) -> None:
        from hallmanager.ui.about import AboutDialog

        dlg = AboutDialog(self.services, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()

    # --- persistence -------------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self.qsettings.value("mainWindow/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(*DEFAULT_SIZE)
        last = self.qsettings.value("mainWindow/lastTab")
        if isinstance(last, str):
            for i, page in enumerate(self.pages):
                if page.objectName() == last:
                    self.tab_widget.setCurrentIndex(i)

    def save_state(self) -> None:
        self.qsettings.setValue("mainWindow/geometry", self.saveGeometry())
        page = self.current_page()
        if page is not None:
            self.qsettings.setValue("mainWindow/lastTab", page.objectName())
        self.qsettings.sync()

    def save_everything(self) -> list[TabPage]:
        """Save what can be saved without asking (pending autosaves, window state); the pages
        still holding something unsaved (e.g. a refused field) are returned."""
        dirty = [p for p in self.pages if p.has_unsaved_changes()]  # flushes autosaves
        self.save_state()
        return dirty

    def confirm_discard(self, page: TabPage) -> bool:
        """Ask before throwing away what could not be saved; default is not to quit."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("尚未保存"),
                          self.tr("“{0}”有尚未保存的修改，仍要退出吗？").format(page.title()),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("unsavedBox")
        rejected = getattr(page, "unsaved_reasons", None)
        reasons = rejected() if callable(rejected) else []
        if reasons:
            box.setInformativeText(self.tr("以下内容无法保存，退出后将丢失：\n{0}").format(
                "\n".join(reasons)))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def closeEvent(self, event: QCloseEvent) -> None:
        dirty = [p for p in self.pages if p.has_unsaved_changes()]
        if dirty and not self.locked and not self.confirm_discard(dirty[0]):
            event.ignore()
            return
        self.save_state()
        self.idle.stop()
        super().closeEvent(event)
