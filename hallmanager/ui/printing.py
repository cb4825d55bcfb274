"""Printing the reportlab PDFs: one layout for paper, preview and file.

The handover sheet (交接班表) is laid out once, by reportlab. To print it, each PDF page is
rasterised with pypdfium2 at the printer's resolution (capped, so a 1200 dpi printer does not
need half a gigabyte per page) and painted onto the QPrinter page. ``QPrintPreviewDialog``
calls the same routine, so what the duty manager previews is exactly what is printed.

Every job carries a document name (``QPrinter.setDocName``: 交接班表 2026-11-22 早班), which is
what the print queue shows. On Linux/macOS, a job for a CUPS printer is handed to ``lp`` as
the PDF itself (vector pages, sharp at any resolution, a fraction of the data; copies, page
range and duplex passed as ``lp`` options); the raster path remains for Windows, for the
preview and PDF-file printers, and whenever ``lp`` is missing or fails. (Windows printers
take no PDF: their drivers speak GDI/XPS, so a raster at the printer's resolution is the
portable way there.)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QAction, QImage, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QToolBar, QWidget

from hallmanager.domain.errors import DomainError

#: Raster resolution limit (dpi); 300 dpi is sharp for text on office printers.
MAX_RENDER_DPI = 300


def pdf_page_count(pdf_path: Path | str) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf_path))
    try:
        return len(doc)
    finally:
        doc.close()


def render_pdf_page(pdf_path: Path | str, index: int, dpi: float) -> QImage:
    """One page of the PDF as a QImage at ``dpi`` (white background)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf_path))
    try:
        page = doc[index]
        bitmap = page.render(scale=dpi / 72.0, prefer_bgrx=True, may_draw_forms=False)
        w, h, stride = bitmap.width, bitmap.height, bitmap.stride
        # BGRx in memory = QImage.Format_RGB32 on little-endian machines; copy() owns the bytes
        image = QImage(bytes(bitmap.buffer), w, h, stride, QImage.Format.Format_RGB32).copy()
        page.close()
        return image
    finally:
        doc.close()


Runner = Callable[[Sequence[str]], object]


def _run_lp(cmd: Sequence[str]) -> object:
    return subprocess.run(list(cmd), check=True, capture_output=True, timeout=60)


def pass_through_command(pdf_path: Path | str, printer: QPrinter, title: str) -> list[str] | None:
    """The ``lp`` command that prints the PDF itself on the CUPS printer chosen in the print
    dialog, or None when this job must be painted (Windows, the preview, a PDF-file printer,
    no ``lp``)."""
    if sys.platform == "win32" or printer.outputFormat() != QPrinter.OutputFormat.NativeFormat:
        return None
    name = printer.printerName()
    engine = printer.paintEngine()
    if not name or (engine is not None and engine.type() == QPaintEngine.Type.Picture):
        return None  # the preview paints pictures through the same printer object
    lp = shutil.which("lp")
    if lp is None:
        return None
    cmd = [lp, "-d", name, "-n", str(max(1, printer.copyCount()))]
    if title:
        cmd += ["-t", title]
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        cmd += ["-o", f"page-ranges={printer.fromPage()}-{max(printer.fromPage(), printer.toPage())}"]
    sides = {QPrinter.DuplexMode.DuplexLongSide: "two-sided-long-edge",
             QPrinter.DuplexMode.DuplexShortSide: "two-sided-short-edge",
             QPrinter.DuplexMode.DuplexNone: "one-sided"}.get(printer.duplex())
    if sides:
        cmd += ["-o", f"sides={sides}"]
    cmd.append(str(pdf_path))
    return cmd


def paint_pdf(pdf_path: Path | str, printer: QPrinter, *, title: str = "",
              run: Runner = _run_lp) -> int:
    """Print every page of the PDF on ``printer`` (a real printer, a PDF file or the preview's
    printer) as the job ``title``; returns the number of pages. A CUPS printer gets the PDF
    itself through ``lp`` (``run``), anything else — or a failed ``lp`` — the raster pages.
    Raises DomainError when the file cannot be read."""
    import pypdfium2 as pdfium

    if title:
        printer.setDocName(title)

    try:
        doc = pdfium.PdfDocument(str(pdf_path))
    except (pdfium.PdfiumError, OSError) as exc:
        raise DomainError(QCoreApplication.translate("printing", "无法读取打印文件：{0}")
                          .format(pdf_path)) from exc
    try:
        sizes = [doc.get_page_size(i) for i in range(len(doc))]  # points (1/72 inch)
    finally:
        doc.close()
    if not sizes:
        return 0
    cmd = pass_through_command(pdf_path, printer, title or printer.docName())
    if cmd is not None:
        try:
            run(cmd)
            return len(sizes)
        except (OSError, subprocess.SubprocessError):
            pass  # the raster path below still prints
    printer.setFullPage(True)
    _match_page(printer, *sizes[0])
    dpi = min(float(printer.resolution()), MAX_RENDER_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise DomainError(QCoreApplication.translate("printing", "打印机无法开始打印，请检查打印机设置"))
    try:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        for i in range(len(sizes)):
            if i > 0:
                printer.newPage()  # the layout cannot change while printing: all pages as page 1
            image = render_pdf_page(pdf_path, i, dpi)
            target = _fit(QRectF(painter.viewport()), image.width(), image.height())
            painter.drawImage(target, image)
    finally:
        painter.end()
    return len(sizes)


def _match_page(printer: QPrinter, width_pt: float, height_pt: float) -> None:
    """Use the PDF's paper size and orientation (A4 portrait for the handover sheet)."""
    portrait = height_pt >= width_pt
    size = QPageSize(QSizeF(min(width_pt, height_pt), max(width_pt, height_pt)),
                     QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    printer.setPageLayout(QPageLayout(
        size, QPageLayout.Orientation.Portrait if portrait else QPageLayout.Orientation.Landscape,
        QMarginsF(0, 0, 0, 0)))


def _fit(area: QRectF, w: int, h: int) -> QRectF:
    """The largest rectangle of aspect w:h centred in ``area``."""
    if w <= 0 or h <= 0:
        return area
    scale = min(area.width() / w, area.height() / h)
    tw, th = w * scale, h * scale
    return QRectF(area.x() + (area.width() - tw) / 2, area.y() + (area.height() - th) / 2, tw, th)


def print_pdf_to_file(pdf_path: Path | str, out_path: Path | str, *, title: str = "") -> int:
    """Render the PDF through a PdfFormat QPrinter into ``out_path`` (no dialog; for tests and
    for checking the print path without a printer)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out_path))
    return paint_pdf(pdf_path, printer, title=title)


def preview_dialog(pdf_path: Path | str, parent: QWidget | None = None, *,
                   title: str | None = None, doc_name: str = "",
                   save_as: Callable[[], None] | None = None) -> QPrintPreviewDialog:
    """A print preview of the PDF (not yet shown; call ``open()``). Its print button opens the
    system print dialog and prints as job ``doc_name``; ``save_as`` adds a “另存为 PDF…”
    button to the preview's toolbar."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if doc_name:
        printer.setDocName(doc_name)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setObjectName("printPreview")
    dialog.setWindowTitle(title or QCoreApplication.translate("printing", "打印预览"))
    dialog.printer_ref = printer  # type: ignore[attr-defined]  # keep the printer alive
    dialog.paintRequested.connect(lambda p: paint_pdf(pdf_path, p, title=doc_name))
    dialog.resize(900, 1000)
    if save_as is not None:
        bar = dialog.findChild(QToolBar)
        act = QAction(QCoreApplication.translate("printing", "另存为 PDF…"), dialog)
        act.setObjectName("actionSavePdf")
        act.triggered.connect(lambda _=False: save_as())
        if bar is not None:
            bar.addSeparator()
            bar.addAction(act)
            bar.widgetForAction(act).setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        else:  # pragma: no cover - Qt always builds the toolbar
            dialog.addAction(act)
    return dialog
