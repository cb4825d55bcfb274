"""Printing the reportlab PDFs: one layout for paper, preview and file.

The handover sheet (交接班表) is laid out once, by reportlab. To print it, each PDF page is
rasterised with pypdfium2 at the printer's resolution (capped, so a 1200 dpi printer does not
need half a gigabyte per page) and painted onto the QPrinter page. ``QPrintPreviewDialog``
calls the same routine, so what the duty manager previews is exactly what is printed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QAction, QImage, QPageLayout, QPageSize, QPainter
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


def paint_pdf(pdf_path: Path | str, printer: QPrinter) -> int:
    """Paint every page of the PDF onto ``printer`` (a real printer, a PDF file or the
    preview's printer); returns the number of pages painted. Raises DomainError when the
    file cannot be read."""
    import pypdfium2 as pdfium

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


def print_pdf_to_file(pdf_path: Path | str, out_path: Path | str) -> int:
    """Render the PDF through a PdfFormat QPrinter into ``out_path`` (no dialog; for tests and
    for checking the print path without a printer)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out_path))
    return paint_pdf(pdf_path, printer)


def preview_dialog(pdf_path: Path | str, parent: QWidget | None = None, *,
                   title: str | None = None,
                   save_as: Callable[[], None] | None = None) -> QPrintPreviewDialog:
    """A print preview of the PDF (not yet shown; call ``open()``). Its print button opens the
    system print dialog; ``save_as`` adds a “另存为 PDF…” button to the preview's toolbar."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setObjectName("printPreview")
    dialog.setWindowTitle(title or QCoreApplication.translate("printing", "打印预览"))
    dialog.printer_ref = printer  # type: ignore[attr-defined]  # keep the printer alive
    dialog.paintRequested.connect(lambda p: paint_pdf(pdf_path, p))
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
