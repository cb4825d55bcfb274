"""Print and export from the 值班日志 tab: the handover sheet (preview → print, or PDF file)
and the day's report workbook. Files are written off the GUI thread by the report service.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from hallmanager.domain.errors import DomainError
from hallmanager.ui.workers import Worker, run_in_background

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    from hallmanager.ui.dutylog.tab import DutyLogTab


def _safe(name: str) -> str:
    return "".join("_" if c in '\\/:*?"<>|' else c for c in name).strip() or "hall"


class ReportOutput(QObject):
    """Owned by the tab; ``ask_save_path`` is the one place a file dialog opens (tests
    replace it)."""

    def __init__(self, tab: DutyLogTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self._tmp = tempfile.TemporaryDirectory(prefix="hallmanager-print-")
        self.preview: QPrintPreviewDialog | None = None
        self.worker: Worker | None = None
        self.last_saved: Path | None = None

    @property
    def services(self) -> Any:
        return self.tab.services

    def take_unmasked(self) -> bool:
        """Whether this one output keeps phone/ID numbers; the box is cleared after each use
        so a full-data print is always a deliberate choice."""
        box = self.tab.unmasked
        wanted = box.isChecked() and box.isVisibleTo(self.tab)
        box.setChecked(False)
        return wanted

    def _hall_code(self) -> str:
        try:
            return _safe(self.services.settings.hall().code)
        except DomainError:
            return "hall"

    def ask_save_path(self, title: str, default_name: str, file_filter: str) -> Path | None:
        """The system save dialog (it asks before overwriting an existing file)."""
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        path, _ = QFileDialog.getSaveFileName(self.tab, title, str(Path(folder) / default_name),
                                              file_filter)
        return Path(path) if path else None

    # --- handover sheet -------------------------------------------------------------------
    def print_handover(self) -> Worker | None:
        """Ctrl+P: build the PDF in the background, then show the print preview."""
        log = self.tab.log
        if log is None:
            return None
        self.tab.page.autosave.flush()
        target = Path(self._tmp.name) / f"handover_{log.id}.pdf"
        unmasked = self.take_unmasked()
        self.worker = run_in_background(
            self.tab, self.services.reports.print_handover, log.date, log.shift_name, target,
            force=True, unmasked=unmasked, busy_text=self.tr("正在生成交接班表…"),
            on_done=lambda path: self._show_preview(Path(path), unmasked))
        return self.worker

    def _show_preview(self, pdf: Path, unmasked: bool = False) -> None:
        log = self.tab.log
        title = self.tr("交接班表 — {0} {1}").format(log.date.isoformat(), log.shift_name) \
            if log else None
        # the print queue's job name (QPrinter.setDocName), e.g. 交接班表 2026-11-22 早班
        doc_name = self.tr("交接班表 {0} {1}").format(log.date.isoformat(), log.shift_name) \
            if log else ""
        # 另存为 PDF in the preview saves what is previewed, masked or not
        # Qt's print support loads on the first print, not with the tab (tens of ms)
        from hallmanager.ui.printing import preview_dialog

        dlg = preview_dialog(pdf, self.tab, title=title, doc_name=doc_name,
                             save_as=lambda: self.save_pdf(unmasked=unmasked))
        self.preview = dlg
        dlg.open()

    def save_pdf(self, *, unmasked: bool | None = None) -> Worker | None:
        """另存为 PDF…: the same sheet written to a file the user chooses (``unmasked`` None:
        as the tab's check box says)."""
        log = self.tab.log
        if log is None:
            return None
        self.tab.page.autosave.flush()
        name = f"交接班表_{self._hall_code()}_{log.date.isoformat()}_{_safe(log.shift_name)}.pdf"
        path = self.ask_save_path(self.tr("另存为 PDF"), name, self.tr("PDF 文件 (*.pdf)"))
        if path is None:
            return None
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        self.worker = run_in_background(
            self.tab, self.services.reports.print_handover, log.date, log.shift_name, path,
            force=path.exists(),
            unmasked=self.take_unmasked() if unmasked is None else unmasked,
            busy_text=self.tr("正在保存交接班表…"),
            on_done=lambda p: self._saved(Path(p), self.tr("交接班表已保存到：\n{0}")))
        return self.worker

    # --- daily report ---------------------------------------------------------------------
    def export_daily(self) -> Worker | None:
        """Ctrl+E: 营业日报_<code>_<date>.xlsx for the shown log's date."""
        log = self.tab.log
        day = log.date if log is not None else self.tab.date.date_value()
        self.tab.page.autosave.flush()
        name = f"营业日报_{self._hall_code()}_{day.isoformat()}.xlsx"
        path = self.ask_save_path(self.tr("导出营业日报"), name, self.tr("Excel 工作簿 (*.xlsx)"))
        if path is None:
            return None
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        self.worker = run_in_background(
            self.tab, self.services.reports.export_daily, day, path, force=path.exists(),
            unmasked=self.take_unmasked(), busy_text=self.tr("正在导出营业日报…"),
            on_done=lambda p: self._saved(Path(p), self.tr("营业日报已导出到：\n{0}")))
        return self.worker

    def _saved(self, path: Path, template: str) -> None:
        self.last_saved = path
        text = template.format(path)
        self.tab.statusMessage.emit(text.replace("\n", ""))
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("完成"), text,
                          QMessageBox.StandardButton.Ok, self.tab)
        box.setObjectName("savedBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
