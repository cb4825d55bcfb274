"""Printing the reportlab handover sheet through QPrinter: pypdfium2 rasterises each page and
the same routine feeds the print preview. Output goes to a PdfFormat QPrinter (no dialog)."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

from hallmanager.domain.errors import DomainError
from hallmanager.domain.roles import Role
from hallmanager.ui.dutylog import DutyLogTab
from hallmanager.ui.printing import paint_pdf, pdf_page_count, preview_dialog, print_pdf_to_file
from tests.conftest import add_user, login_as

D = dt.date(2026, 11, 22)


@pytest.fixture
def sheet(hall, tmp_path):
    add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班", "RK0011")
    login_as(hall, "zhang")
    early = {s.name: s for s in hall.settings.shifts()}["早班"]
    v = hall.dutylog.open_log(D, early.id)
    hall.dutylog.add_handover_item(v.id, "保险柜钥匙已交接")
    return hall.reports.print_handover(D, "早班", tmp_path / "handover.pdf")


def test_paint_routine_prints_every_page_to_a_pdf_printer(qapp, sheet, tmp_path):
    out = tmp_path / "printed.pdf"
    pages = print_pdf_to_file(sheet, out)
    assert pages == pdf_page_count(sheet) >= 1
    reader = PdfReader(str(out))
    assert len(reader.pages) == pages
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595) < 3 and abs(float(box.height) - 842) < 3  # A4
    assert out.stat().st_size > 20_000  # a real raster, not an empty page


def test_preview_dialog_paints_with_the_same_routine(qapp, sheet, tmp_path):
    saved = []
    dlg = preview_dialog(sheet, title="交接班表", save_as=lambda: saved.append(True))
    assert isinstance(dlg, QPrintPreviewDialog) and dlg.windowTitle() == "交接班表"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "preview.pdf"))
    dlg.paintRequested.emit(printer)
    assert len(PdfReader(str(tmp_path / "preview.pdf")).pages) >= 1
    from PySide6.QtGui import QAction

    act = dlg.findChild(QAction, "actionSavePdf")
    act.trigger()
    assert saved == [True]
    dlg.close()


def test_unreadable_pdf_is_a_domain_error(qapp, tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_text("not a pdf")
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "x.pdf"))
    with pytest.raises(DomainError):
        paint_pdf(bad, printer)


def test_ctrl_p_generates_in_background_then_previews(qtbot, hall, sheet, monkeypatch, tmp_path):
    tab = DutyLogTab(hall)
    qtbot.addWidget(tab)
    tab.refresh()
    shown = []
    monkeypatch.setattr(QPrintPreviewDialog, "open", lambda self: shown.append(self))
    worker = tab.output.print_handover()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert worker.done or qtbot.waitUntil(lambda: worker.done, timeout=2000) is None
    assert shown[0].windowTitle() == "交接班表 — 2026-11-22 早班"
    assert shown[0].printer_ref.docName() == "交接班表 2026-11-22 早班"  # the print job's name
    # 另存为 PDF from the preview: the user picks a file, the sheet is written there
    target = tmp_path / "out" / "交接班表.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(tab.output, "ask_save_path", lambda *a: target)
    tab.output.save_pdf()
    qtbot.waitUntil(lambda: tab.output.last_saved == target, timeout=10_000)
    assert len(PdfReader(str(target)).pages) >= 1


def test_full_numbers_only_for_the_hall_manager_and_one_output_at_a_time(
        qtbot, hall, sheet, monkeypatch, tmp_path):
    """GIVEN a customer's phone number in the log WHEN the duty manager prints THEN it is masked
    and no option is offered; the hall manager may tick the full-numbers box, which applies to
    that one print (the box clears) and to 另存为 PDF from its preview."""
    phone = "13812345678"
    log = hall.dutylog.get_log_by(D, "早班")
    hall.dutylog.update_draft(log.id, opinions=f"客户回访电话 {phone}")
    tab = DutyLogTab(hall)
    qtbot.addWidget(tab)
    tab.show()
    tab.refresh()
    assert not tab.unmasked.isVisible()
    shown = []
    monkeypatch.setattr(QPrintPreviewDialog, "open", lambda self: shown.append(self))

    def text_of(pdf):
        return "".join(p.extract_text() for p in PdfReader(str(pdf)).pages)

    def print_and_read():
        shown.clear()
        tab.output.print_handover()
        qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
        return text_of(f"{tab.output._tmp.name}/handover_{log.id}.pdf")

    text = print_and_read()
    assert phone not in text and "138****5678" in text

    login_as(hall, "admin", "Admin2026pw")
    tab.refresh()
    assert tab.unmasked.isVisible() and not tab.unmasked.isChecked()
    tab.unmasked.setChecked(True)
    assert phone in print_and_read() and not tab.unmasked.isChecked()
    target = tmp_path / "saved.pdf"
    monkeypatch.setattr(tab.output, "ask_save_path", lambda *a: target)
    from PySide6.QtGui import QAction

    shown[0].findChild(QAction, "actionSavePdf").trigger()  # 另存为 PDF in that preview
    qtbot.waitUntil(lambda: tab.output.last_saved == target, timeout=10_000)
    assert phone in text_of(target)
    assert phone not in print_and_read()  # the next print is masked again


# --- issue 7 §7: a job title, and vector pages for CUPS printers ---------------------------------
DOC_NAME = "交接班表 2026-11-22 早班"


def test_print_job_carries_the_document_name(qapp, sheet, tmp_path):
    out = tmp_path / "printed.pdf"
    print_pdf_to_file(sheet, out, title=DOC_NAME)
    assert PdfReader(str(out)).metadata.title == DOC_NAME  # Qt writes the job name as /Title
    dlg = preview_dialog(sheet, title="交接班表 — 2026-11-22 早班", doc_name=DOC_NAME)
    assert dlg.printer_ref.docName() == DOC_NAME
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "from_preview.pdf"))
    dlg.paintRequested.emit(printer)  # what the preview's print button does with its printer
    assert printer.docName() == DOC_NAME
    dlg.close()


class CupsPrinter(QPrinter):
    """A QPrinter that says it is the CUPS printer “Office” (none exists on a test machine);
    what it paints still goes to a PDF file, so the raster fallback can be checked."""

    def __init__(self, out):
        super().__init__(QPrinter.PrinterMode.HighResolution)
        self.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.setOutputFileName(str(out))

    def outputFormat(self):
        return QPrinter.OutputFormat.NativeFormat

    def printerName(self):
        return "Office"

    def duplex(self):  # a PDF printer keeps no duplex setting; the CUPS one would
        return QPrinter.DuplexMode.DuplexLongSide


def test_cups_printer_gets_the_pdf_itself(qapp, sheet, tmp_path, monkeypatch):
    import hallmanager.ui.printing as printing

    monkeypatch.setattr(printing.sys, "platform", "linux")
    monkeypatch.setattr(printing.shutil, "which", lambda name: f"/usr/bin/{name}")
    sent = []
    printer = CupsPrinter(tmp_path / "unused.pdf")
    printer.setCopyCount(2)
    assert paint_pdf(sheet, printer, title=DOC_NAME, run=sent.append) == pdf_page_count(sheet)
    assert sent == [["/usr/bin/lp", "-d", "Office", "-n", "2", "-t", DOC_NAME,
                     "-o", "sides=two-sided-long-edge", str(sheet)]]
    assert not (tmp_path / "unused.pdf").exists()  # nothing rasterised


def test_raster_path_when_lp_fails_or_on_windows(qapp, sheet, tmp_path, monkeypatch):
    import subprocess

    import hallmanager.ui.printing as printing

    monkeypatch.setattr(printing.shutil, "which", lambda name: f"/usr/bin/{name}")

    def broken(cmd):
        raise subprocess.CalledProcessError(1, cmd)

    out = tmp_path / "raster.pdf"
    assert paint_pdf(sheet, CupsPrinter(out), title=DOC_NAME, run=broken) >= 1
    assert out.stat().st_size > 20_000  # painted as images instead
    monkeypatch.setattr(printing.sys, "platform", "win32")
    assert printing.pass_through_command(sheet, CupsPrinter(tmp_path / "w.pdf"), DOC_NAME) is None
