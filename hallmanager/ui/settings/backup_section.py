"""备份与恢复: the backup folder and rotation, the list of backups, back up now, restore.

Backing up, checking and restoring run off the GUI thread (``ui.workers``) with a progress
dialog. Everyone logged in may back up; the settings are the hall manager's, and so is a
restore, which afterwards asks for a new login (the restored file is another state of
every record the tabs show).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hallmanager.domain.errors import DomainError
from hallmanager.domain.roles import Action
from hallmanager.services.backup import BackupRecord, BackupSettings
from hallmanager.ui.common.errors import run_action, show_error
from hallmanager.ui.common.table_model import (
    ALIGN_RIGHT,
    OVERDUE_BACKGROUND,
    BaseTableModel,
    Column,
    make_table_view,
    selected_row,
)
from hallmanager.ui.settings.section import Section, section_title
from hallmanager.ui.workers import run_with_progress

if TYPE_CHECKING:
    from hallmanager.app import Services


def age_label(age: dt.timedelta | None) -> str:
    """"3 小时前" in the UI's language (the status bar and this page)."""
    if age is None:
        return QCoreApplication.translate("BackupAge", "从未备份")
    minutes = int(age.total_seconds() // 60)
    if minutes < 60:
        text, n = QCoreApplication.translate("BackupAge", "%1 分钟前"), max(minutes, 0)
    elif minutes < 48 * 60:
        text, n = QCoreApplication.translate("BackupAge", "%1 小时前"), minutes // 60
    else:
        text, n = QCoreApplication.translate("BackupAge", "%1 天前"), minutes // 1440
    return text.replace("%1", str(n))


def size_text(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(n, 0) // 1024} KB"


class BackupSection(Section):
    """``restored`` is emitted after a restore (the window asks for a new login)."""

    restored = Signal()
    backedUp = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("backupSection")
        layout = QVBoxLayout(self)
        layout.addWidget(section_title(self, self.tr("备份与恢复")))
        self.status = QLabel(self)
        self.status.setObjectName("backupStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        form = QFormLayout()
        self.folder = QLineEdit(self)
        self.folder.setObjectName("backupFolderEdit")
        self.folder.setPlaceholderText(self.tr("默认：数据库旁边的 backups 文件夹"))
        self.browse = QPushButton(self.tr("浏览…"), self)
        self.browse.setObjectName("backupBrowseButton")
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.browse)
        self.daily = self._spin("backupDaily", 366)
        self.weekly = self._spin("backupWeekly", 520)
        self.monthly = self._spin("backupMonthly", 240)
        self.automatic = QCheckBox(self.tr("启动时（距上次备份超过一天）和正常退出时自动备份"), self)
        self.automatic.setObjectName("backupAutomatic")
        form.addRow(self.tr("备份文件夹："), row)
        form.addRow(self.tr("保留每日备份："), self.daily)
        form.addRow(self.tr("保留每周备份："), self.weekly)
        form.addRow(self.tr("保留每月备份："), self.monthly)
        form.addRow("", self.automatic)
        box = QWidget(self)
        box.setLayout(form)
        box.setMaximumWidth(720)
        layout.addWidget(box)
        self.save_button = QPushButton(self.tr("保存备份设置"), self)
        self.save_button.setObjectName("saveBackupSettingsButton")
        self.save_button.clicked.connect(self.save)
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.model: BaseTableModel[BackupRecord] = BaseTableModel([
            Column(self.tr("时间"), lambda r: r.at),
            Column(self.tr("大小"), lambda r: r.size, display=size_text, align=ALIGN_RIGHT),
            Column(self.tr("类型"), lambda r: self._kind(r.kind)),
            Column(self.tr("校验"), lambda r: self._result(r),
                   background=lambda r: OVERDUE_BACKGROUND if r.ok is False else None,
                   tooltip=lambda r: "\n".join(r.problems) or None),
            Column(self.tr("文件"), lambda r: r.name),
        ], self)
        self.table = make_table_view(self.model, self)
        self.table.setObjectName("backupTable")
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("立即备份(&B)"), self)
        self.backup_button.setObjectName("backupNowButton")
        self.backup_button.clicked.connect(self.backup_now)
        self.verify_button = QPushButton(self.tr("校验所选备份"), self)
        self.verify_button.setObjectName("verifyBackupButton")
        self.verify_button.clicked.connect(self.verify_selected)
        self.restore_button = QPushButton(self.tr("从备份恢复…"), self)
        self.restore_button.setObjectName("restoreBackupButton")
        self.restore_button.clicked.connect(self.restore_chosen)
        for b in (self.backup_button, self.verify_button, self.restore_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.last_result: object = None  # tests look at what the last background task gave

    def _spin(self, name: str, top: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(name)
        spin.setRange(0, top)
        spin.setSuffix(self.tr(" 份"))
        spin.setMaximumWidth(120)
        return spin

    def _kind(self, kind: str) -> str:
        return {"auto": self.tr("自动"), "manual": self.tr("手动"),
                "before-restore": self.tr("恢复前")}.get(kind, kind)

    def _result(self, r: BackupRecord) -> str:
        if r.ok is None:
            return self.tr("未校验")
        return self.tr("通过") if r.ok else self.tr("未通过")

    # --- loading ------------------------------------------------------------------------------
    def refresh(self) -> None:
        sv = self.services.backup
        s = sv.settings()
        self.folder.setText(s.folder)
        self.daily.setValue(s.daily)
        self.weekly.setValue(s.weekly)
        self.monthly.setValue(s.monthly)
        self.automatic.setChecked(s.automatic)
        editable = self.editable
        for w in (self.folder, self.browse, self.daily, self.weekly, self.monthly,
                  self.automatic):
            w.setEnabled(editable)
        self.save_button.setVisible(editable)
        self.restore_button.setVisible(self.services.ctx.auth.may(Action.RESTORE_BACKUP))
        try:
            self.model.set_rows(sv.backups())
            st = sv.status()
        except DomainError as exc:
            self.status.setText(exc.message)
            return
        now = self.services.ctx.clock.now()
        age = age_label(st.age(now))
        lines = [self.tr("备份文件夹：{0}").format(str(st.folder)),
                 self.tr("最近一次成功备份：{0}").format(
                     age if st.last_good is None else f"{st.last_good.at}（{age}）")]
        if st.failure:
            lines.append(self.tr("最近一次备份失败（{0}）：{1}").format(str(st.failure_at),
                                                                st.failure))
        self.status.setText("\n".join(lines))
        self.status.setStyleSheet("color: #b00020;" if st.failure else "")

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择备份文件夹"),
                                                  self.folder.text() or str(Path.home()))
        if folder:
            self.folder.setText(folder)

    def save(self) -> bool:
        new = BackupSettings(folder=self.folder.text(), daily=self.daily.value(),
                             weekly=self.weekly.value(), monthly=self.monthly.value(),
                             automatic=self.automatic.isChecked())
        ok = bool(run_action(self, self.services.backup.save_settings, new))
        if ok:
            self.refresh()
        return ok

    # --- background tasks ------------------------------------------------------------------
    def backup_now(self) -> None:
        def done(rec: object) -> None:
            self.last_result = rec
            self.refresh()
            self.backedUp.emit()

        def failed(err: DomainError) -> None:
            self.last_result = err
            self.refresh()
            self.backedUp.emit()
            show_error(self, err)

        run_with_progress(self, self.services.backup.backup, title=self.tr("备份"),
                          text=self.tr("正在备份并校验数据库…"), on_done=done, on_error=failed)

    def verify_selected(self) -> None:
        rec = selected_row(self.table)
        if rec is None:
            return
        path = self.services.backup.folder() / rec.name

        def done(verdict: object) -> None:
            self.last_result = verdict
            problems = getattr(verdict, "problems", [])
            text = (self.tr("备份文件校验通过：{0}").format(rec.name) if not problems else
                    self.tr("备份文件校验未通过：\n{0}").format("\n".join(problems[:10])))
            box = QMessageBox(QMessageBox.Icon.Information if not problems
                              else QMessageBox.Icon.Warning, self.tr("校验备份"), text,
                              QMessageBox.StandardButton.Ok, self)
            box.setObjectName("verifyResultBox")
            box.open()

        run_with_progress(self, self.services.backup.verify_file, path, title=self.tr("校验备份"),
                          text=self.tr("正在校验备份文件…"), on_done=done)

    def choose_restore_file(self) -> Path | None:
        """The selected backup, else a file chosen in a dialog (tests override)."""
        rec = selected_row(self.table)
        if rec is not None:
            return self.services.backup.folder() / rec.name
        name, _ = QFileDialog.getOpenFileName(self, self.tr("选择备份文件"),
                                              str(self.services.backup.folder()),
                                              self.tr("数据库备份 (*.sqlite *.pgdump)"))
        return Path(name) if name else None

    def confirm_restore(self, path: Path) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("从备份恢复"),
                          self.tr("用备份 {0} 替换当前数据库？").format(path.name),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setInformativeText(self.tr(
            "备份之后的所有记录都将不在当前数据库中（当前数据库会先另存为“恢复前”备份）。"
            "恢复后需要重新登录。"))
        box.setObjectName("confirmRestoreBox")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def restore_chosen(self) -> None:
        path = self.choose_restore_file()
        if path is None or not self.confirm_restore(path):
            return
        save = getattr(self.window(), "save_everything", None)
        if callable(save):
            save()  # pending autosaves go into the file kept before the restore

        def done(result: object) -> None:
            self.last_result = result
            self.refresh()
            self.restored.emit()

        def failed(err: DomainError) -> None:
            self.last_result = err
            show_error(self, err)

        run_with_progress(self, self.services.backup.restore, path, title=self.tr("从备份恢复"),
                          text=self.tr("正在校验备份并恢复数据库…"), on_done=done, on_error=failed)
