"""``hallmanager --self-test``: prove that this installation (the PyInstaller bundle or a pip
install) has everything the program loads, by using it.

In a temporary folder: import every module of the package and everything the registry names,
migrate a new database (and check the schema has every table and column the models define),
build a small demo through every registered module, render every tab offscreen, write every
report (the daily workbook with all modules' sheets, the handover PDF with all sections, and
each module's own outputs through its ``ModuleParts.samples`` hook: every workbook must open
with a filled sheet, every PDF must embed the CJK font and have text), check the PDF embeds
a CJK TrueType font, print a page through a PDF printer, open the file
and print dialogs, load the translations (ours and Qt's zh_CN) and look for the Qt plugins the desk needs. Each part
prints OK or FAILED with the reason; parts that need a failed one are skipped. Exit code 0
only when every part passed. Nothing here names a module: the registry and the package tree
say what there is, so modules added later are covered.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import pkgutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any, TextIO

DEFAULT_DAYS = 3  # enough for every module's sample outputs to find records (not 1 day)
DEMO_STAFF = 4
# Not imported by the module sweep: ``__main__`` runs the program; Alembic's scripts run
# only inside a migration (the "migrations" part uses them).
SKIPPED_MODULES = ("hallmanager.__main__", "hallmanager.storage.migrations.")


class PartFailed(Exception):
    """A part's own verdict (the message names what is missing)."""


@dataclass
class Outcome:
    name: str
    status: str  # "ok", "failed", "skipped"
    detail: str = ""
    seconds: float = 0.0


@dataclass
class SelfTest:
    """The parts, run in order, sharing what earlier parts made (database, services, files)."""

    work: Path
    days: int = DEFAULT_DAYS
    out: TextIO | None = None
    outcomes: list[Outcome] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)

    # name, needs, function
    def parts(self) -> list[tuple[str, tuple[str, ...], Callable[[], str]]]:
        return [
            ("modules", (), self.check_modules),
            ("migrations", (), self.check_migrations),
            ("demo", ("migrations",), self.check_demo),
            ("reports", ("demo",), self.check_reports),
            ("fonts", (), self.check_fonts),
            ("tabs", ("demo",), self.check_tabs),
            ("printing", ("reports",), self.check_printing),
            ("dialogs", (), self.check_dialogs),
            ("translations", (), self.check_translations),
            ("qt-plugins", (), self.check_qt_plugins),
        ]

    def run(self, only: Iterable[str] | None = None) -> bool:
        """Run every part (or ``only`` those and what they need); True when all passed."""
        plan = self.parts()
        wanted = set(only) if only is not None else {name for name, _, _ in plan}
        needs = {name: deps for name, deps, _ in plan}
        changed = True
        while changed:  # add what the wanted parts need
            extra = {d for w in wanted for d in needs.get(w, ())} - wanted
            changed = bool(extra)
            wanted |= extra
        unknown = wanted - set(needs)
        if unknown:
            raise ValueError(f"unknown self-test parts: {sorted(unknown)}")
        try:
            for name, deps, fn in plan:
                if name not in wanted:
                    continue
                missing = [d for d in deps if self.status(d) != "ok"]
                if missing:
                    self._report(Outcome(name, "skipped", f"needs {', '.join(missing)}"))
                    continue
                started = time.perf_counter()
                try:
                    detail = fn()
                    outcome = Outcome(name, "ok", detail)
                except PartFailed as exc:
                    outcome = Outcome(name, "failed", str(exc))
                except Exception as exc:  # the point is to name whatever breaks
                    outcome = Outcome(name, "failed", f"{type(exc).__name__}: {exc}\n"
                                      + "".join(traceback.format_exc(limit=-3)))
                outcome.seconds = time.perf_counter() - started
                self._report(outcome)
        finally:
            self.close()
        return all(o.status == "ok" for o in self.outcomes)

    def status(self, name: str) -> str | None:
        return next((o.status for o in self.outcomes if o.name == name), None)

    @property
    def failed(self) -> list[str]:
        return [o.name for o in self.outcomes if o.status != "ok"]

    def _report(self, o: Outcome) -> None:
        self.outcomes.append(o)
        if self.out is None:
            return
        label = {"ok": "OK     ", "failed": "FAILED ", "skipped": "SKIPPED"}[o.status]
        print(f"{label} {o.name:<13} {o.seconds:5.1f} s  {o.detail}".rstrip(), file=self.out)
        self.out.flush()

    def close(self) -> None:
        window = self.state.pop("window", None)
        if window is not None:
            window.close()
            window.deleteLater()
        services = self.state.pop("services", None)
        if services is not None:
            services.close()
        db = self.state.pop("db", None)
        if db is not None:
            db.dispose()

    # --- the parts ------------------------------------------------------------------------
    def check_modules(self) -> str:
        """Every module of the package and every registry reference imports."""
        import hallmanager
        from hallmanager.registry import MODULES, load

        names = sorted({m.name for m in pkgutil.walk_packages(hallmanager.__path__,
                                                              "hallmanager.")
                        if not m.name.startswith(SKIPPED_MODULES)})
        broken = []
        for name in names:
            try:
                import_module(name)
            except Exception as exc:
                broken.append(f"{name} ({type(exc).__name__}: {exc})")
        refs = [ref for m in MODULES for ref in (m.parts, m.tab, m.demo, m.snapshot) if ref]
        for ref in refs:
            try:
                load(ref)
            except Exception as exc:
                broken.append(f"{ref} ({type(exc).__name__}: {exc})")
        if broken:
            raise PartFailed("cannot import: " + "; ".join(broken))
        if len(names) < 20:  # the walk itself must see the package (a frozen importer might not)
            raise PartFailed(f"only {len(names)} modules found in the package")
        return f"{len(names)} modules, {len(refs)} registry references"

    def check_migrations(self) -> str:
        """A new database migrated to the head has every table and column of the models."""
        from hallmanager.storage.database import open_database, sqlite_url
        from hallmanager.storage.migrate import MIGRATIONS_DIR, head_revision, known_revisions
        from hallmanager.storage.repositories.maintenance import missing_schema, schema_revision

        files = sorted(p.name for p in (MIGRATIONS_DIR / "versions").glob("*.py"))
        if not files:
            raise PartFailed(f"no migration scripts in {MIGRATIONS_DIR / 'versions'}")
        try:
            head = head_revision()
        except RuntimeError as exc:
            raise PartFailed(f"{exc} (a migration file is missing?) in {MIGRATIONS_DIR}") from exc
        db = open_database(sqlite_url(self.work / "selftest.sqlite"), backup=False)
        self.state["db"] = db
        with db.read() as s:
            revision = schema_revision(s)
            missing = missing_schema(s)
        if revision != head:
            raise PartFailed(f"database at {revision}, expected {head}")
        if missing:
            raise PartFailed(f"schema lacks {', '.join(missing[:8])}"
                             f"{' …' if len(missing) > 8 else ''} (a migration file is missing?)")
        return f"{len(files)} scripts, {len(known_revisions())} revisions, head {head}"

    def check_demo(self) -> str:
        """The demo hall through every registered module's demo step."""
        from hallmanager.app import build_services, create_demo
        from hallmanager.domain.clock import ManualClock
        from hallmanager.registry import MODULES

        now = dt.datetime.now().replace(microsecond=0)
        clock = ManualClock(now)
        db = self.state["db"]
        result = create_demo(db, clock, days=self.days, staff=DEMO_STAFF)
        steps = [m.name for m in MODULES if m.available and m.demo]
        if len(result.lines) != len(steps):
            raise PartFailed(f"{len(result.lines)} demo steps ran, the registry has {steps}")
        services = build_services(db, clock, fast_hash=True)
        self.state["services"] = services
        services.auth.login(result.admin_username, result.passwords[result.admin_username])
        self.state["day"] = now.date()
        return (f"{self.days} days through {', '.join(steps)}; "
                f"{result.audit_entries} audit entries")

    def check_reports(self) -> str:
        """The daily workbook (every module's sheets) and the handover sheet (every section)."""
        from openpyxl import load_workbook

        services = self.state["services"]
        day: dt.date = self.state["day"] - dt.timedelta(days=1)
        xlsx = self.work / "daily.xlsx"
        services.reports.export_daily(day, xlsx)
        wb = load_workbook(xlsx, read_only=True)
        sheets = list(wb.sheetnames)
        wb.close()
        if not sheets:  # (a provider may leave its sheet out on a day without records)
            raise PartFailed("the daily workbook has no sheet")
        shifts = services.settings.shifts()
        if not shifts:
            raise PartFailed("the demo hall has no shifts")
        pdf = self.work / "handover.pdf"
        services.reports.print_handover(day, shifts[0].name, pdf)
        pages = _pdf_pages(pdf)
        if pages < 1:
            raise PartFailed("handover PDF has no page")
        self.state["pdf"] = pdf
        own = check_module_samples(services.parts, self.work / "samples")
        return (f"daily.xlsx {len(sheets)} sheets ({len(services.reports.sheet_providers())} "
                f"providers), handover.pdf {pages} page(s); {own}")

    def check_fonts(self) -> str:
        """The handover PDF embeds a TrueType font with Chinese glyphs (not the CID fallback
        that depends on the reader's Asian font pack)."""
        from hallmanager.exporters.fonts import bundled_fonts_dir, cjk_font, missing_bundled_fonts

        missing = missing_bundled_fonts()
        if missing:
            raise PartFailed(f"bundled font missing or unusable: {', '.join(missing)} "
                             f"(in {bundled_fonts_dir()})")
        font = cjk_font()
        if not font.embedded or font.path is None:
            raise PartFailed("no Chinese TrueType font found (bundled resources/fonts, "
                             "system fonts or $HALLMANAGER_PDF_FONT): PDFs would use "
                             f"{font.name} without an embedded font")
        from reportlab.pdfgen.canvas import Canvas

        face = _font_face(font.name)
        sample = self.work / "font-sample.pdf"
        canvas = Canvas(str(sample))
        canvas.setFont(font.name, 12)
        canvas.drawString(72, 720, "交接班表 值班经理签字")
        canvas.save()
        pdfs = [sample] + ([self.state["pdf"]] if self.status("reports") == "ok" else [])
        for pdf in pdfs:
            if not _embeds_font(Path(pdf).read_bytes(), face):
                raise PartFailed(f"{Path(pdf).name} does not embed {face.decode()} "
                                 f"({font.path})")
        return f"{face.decode()} embedded in {', '.join(Path(p).name for p in pdfs)}, " \
               f"from {font.path}"

    def check_tabs(self) -> str:
        """The main window with every tab, each rendered offscreen; every registered tab is
        there as its own class (not a placeholder)."""
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from hallmanager.registry import MODULES, load
        from hallmanager.ui.main_window import MainWindow

        app = _app()
        ini = QSettings(str(self.work / "selftest.ini"), QSettings.Format.IniFormat)
        window = MainWindow(self.state["services"], settings=ini)
        self.state["window"] = window
        window.idle.stop()
        window.resize(1280, 800)
        window.show()
        problems, shots = [], 0
        for i, page in enumerate(window.pages):
            window.tab_widget.setCurrentIndex(i)
            for _ in range(3):
                app.processEvents()
            image = window.grab().toImage()
            if image.isNull() or image.width() < 100:
                problems.append(f"{page.objectName()} did not render")
                continue
            image.save(str(self.work / f"{page.objectName()}.png"))
            shots += 1
        for m in MODULES:
            if not (m.tab and m.available):  # a module not built yet shows a placeholder
                continue
            page = window.page(m.tab_object_name)
            cls = load(m.tab)
            if page is None or not isinstance(page, cls):
                problems.append(f"{m.name}: tab {m.tab} missing")
        window.close()
        QApplication.processEvents()
        if problems:
            raise PartFailed("; ".join(problems))
        return f"{shots} tabs rendered"

    def check_printing(self) -> str:
        """The handover sheet printed on a PDF printer (the raster path of the print dialog)."""
        from PySide6.QtPrintSupport import QPrinter

        from hallmanager.ui.printing import paint_pdf

        _app()
        out = self.work / "printed.pdf"
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(96)
        pages = paint_pdf(self.state["pdf"], printer, title="自检 self-test")
        if pages < 1 or not out.is_file() or _pdf_pages(out) < 1:
            raise PartFailed("the PDF printer produced no page")
        return f"{pages} page(s) → printed.pdf ({out.stat().st_size // 1024} KiB)"

    def check_dialogs(self) -> str:
        """Qt's file and print dialogs open and draw (the ones the exports and printing use;
        no GTK theme in the bundle, so these are Qt's own)."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter
        from PySide6.QtWidgets import QFileDialog

        app = _app()
        printer = QPrinter()
        drawn = []
        for dialog in (QFileDialog(None, "自检", str(self.work), "Excel (*.xlsx)"),
                       QPrintDialog(printer)):
            dialog.show()
            app.processEvents()
            image = dialog.grab().toImage()
            dialog.close()
            dialog.deleteLater()
            if image.isNull() or image.width() < 100:
                raise PartFailed(f"{type(dialog).__name__} did not draw")
            drawn.append(type(dialog).__name__)
        app.processEvents()
        return ", ".join(drawn)

    def check_translations(self) -> str:
        """Our English catalogue and Qt's Chinese one load and translate."""
        from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

        from hallmanager.ui.i18n import compiled_qm, extra_qt_ts_file

        app = _app()
        problems = []
        ours = compiled_qm("en", self.work / "i18n")
        tr = QTranslator()
        if ours is None or not tr.load(str(ours)):
            problems.append("hallmanager_en.qm missing (not compiled into the bundle?)")
        elif not tr.translate("tabs", "值班日志"):
            problems.append("hallmanager_en.qm has no translation for 值班日志")
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt = QTranslator()
        if not qt.load(QLocale("zh_CN"), "qtbase", "_", qt_dir):
            problems.append(f"Qt's qtbase_zh_CN.qm not found in {qt_dir}")
        else:
            context, source = "QFileDialog", "Open"  # variables: not a string of ours (lupdate)
            app.installTranslator(qt)
            try:
                text = QCoreApplication.translate(context, source)
            finally:
                app.removeTranslator(qt)
            if text == source:
                problems.append("qtbase_zh_CN.qm loaded but does not translate")
        extra = compiled_qm("zh_CN", self.work / "i18n", ts=extra_qt_ts_file("zh_CN"))
        if extra is None:
            problems.append("qtbase_extra_zh_CN.qm missing")
        if problems:
            raise PartFailed("; ".join(problems))
        return f"{ours.name}, qtbase_zh_CN, {extra.name}"  # type: ignore[union-attr]

    def check_qt_plugins(self) -> str:
        """The plugins the desk needs beyond offscreen: its window system and printing."""
        from PySide6.QtCore import QLibraryInfo

        folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
        wanted: dict[str, tuple[str, ...]]
        if sys.platform == "win32":  # the Windows 11/10 style: renamed in Qt 6.7
            wanted = {"platforms": ("qwindows",),
                      "styles": ("qmodernwindowsstyle", "qwindowsvistastyle")}
        elif sys.platform == "darwin":
            wanted = {"platforms": ("qcocoa",)}
        else:
            wanted = {"platforms": ("qxcb",), "printsupport": ("cupsprintersupport",),
                      "platforminputcontexts": ("ibusplatforminputcontextplugin",)}
        found, missing = [], []
        for sub, stems in wanted.items():
            names = [p.name for p in (folder / sub).glob("*")]
            hit = next((s for s in stems if any(s in n for n in names)), None)
            (found if hit else missing).append(f"{sub}/{hit or ' or '.join(stems)}")
        if missing:
            raise PartFailed(f"missing in {folder}: {', '.join(missing)}")
        return ", ".join(found)


def check_module_samples(parts: Mapping[str, Any], folder: Path) -> str:
    """Each registered module's own outputs (``ModuleParts.samples``), written into
    ``folder/<module>`` and checked: a workbook opens and has a sheet with data, a PDF embeds
    the CJK font and has text. Raises PartFailed naming every module and file that failed."""
    from hallmanager.exporters.fonts import cjk_font
    from hallmanager.services.modules import no_own_outputs

    face = _font_face(cjk_font().name)
    problems: list[str] = []
    written: list[str] = []
    for name, p in parts.items():
        hook = getattr(p, "samples", None)
        if hook is None:
            problems.append(f"{name}: no samples hook (ModuleParts.samples, or no_own_outputs)")
            continue
        if hook is no_own_outputs:
            continue
        sub = folder / name
        sub.mkdir(parents=True, exist_ok=True)
        try:
            files = [Path(f) for f in hook(sub)]
        except Exception as exc:
            problems.append(f"{name}: samples failed ({type(exc).__name__}: {exc})")
            continue
        if not files:
            problems.append(f"{name}: samples wrote no file")
        for f in files:
            error = _output_problem(f, face)
            if error:
                problems.append(f"{name}: {f.name} {error}")
        written.append(f"{name} {len(files)} ({', '.join(f.name for f in files)})")
    if problems:
        raise PartFailed("module outputs: " + "; ".join(problems))
    return "module outputs: " + ", ".join(written)


def _output_problem(path: Path, face: bytes) -> str | None:
    """Why ``path`` is not a usable report, or None."""
    if not path.is_file():
        return "was not written"
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True)
        except Exception as exc:
            return f"does not open ({type(exc).__name__}: {exc})"
        try:
            filled = any(v not in (None, "") for ws in wb.worksheets
                         for row in ws.iter_rows(values_only=True) for v in row)
        finally:
            wb.close()
        return None if filled else "has no sheet with data"
    if suffix == ".pdf":
        if not _embeds_font(path.read_bytes(), face):
            return f"does not embed the CJK font {face.decode() or '(none)'}"
        try:
            text = _pdf_text(path)
        except Exception as exc:
            return f"does not open ({type(exc).__name__}: {exc})"
        return None if text.strip() else "has no text"
    return "is neither .xlsx nor .pdf"


def _font_face(font_name: str) -> bytes:
    """The embedded face name (subset prefix ``XXXXXX+`` follows in the PDF) of a registered
    reportlab font; empty when it is not a TrueType font."""
    from reportlab.pdfbase import pdfmetrics

    face = getattr(pdfmetrics.getFont(font_name).face, "name", b"")
    return face if isinstance(face, bytes) else str(face).encode()


def _embeds_font(data: bytes, face: bytes) -> bool:
    """The PDF carries an embedded TrueType font program, of ``face`` when known."""
    return b"/FontFile2" in data and (not face or b"+" + face in data)


def _pdf_text(path: Path) -> str:
    """Text of the PDF's pages up to the first that has some."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        for page in doc:
            textpage = page.get_textpage()
            try:
                text = textpage.get_text_range()
            finally:
                textpage.close()
                page.close()
            if text.strip():
                return text
        return ""
    finally:
        doc.close()


def _pdf_pages(path: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def _app() -> Any:
    """The running QApplication (left as it is: fonts, names), else the desk's own."""
    from PySide6.QtWidgets import QApplication

    from hallmanager.commands.gui import make_app

    return QApplication.instance() or make_app()


def run_selftest(*, days: int = DEFAULT_DAYS, out: TextIO | None = sys.stdout,
                 only: Iterable[str] | None = None, work: Path | None = None) -> SelfTest:
    """Run the self-test in ``work`` (a new temporary folder by default); returns it with the
    outcomes. Offscreen unless a platform was chosen."""
    from hallmanager.storage.anchors import ENV_ANCHOR_DIR

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    saved = os.environ.get(ENV_ANCHOR_DIR)
    with tempfile.TemporaryDirectory(prefix="hallmanager-selftest-") as tmp:
        folder = work or Path(tmp)
        # the demo's audit anchors stay in the temporary folder, not the user's profile
        os.environ[ENV_ANCHOR_DIR] = str(folder / "anchors")
        try:
            test = SelfTest(folder, days=days, out=out)
            _app()
            test.run(only)
        finally:
            if saved is None:
                os.environ.pop(ENV_ANCHOR_DIR, None)
            else:
                os.environ[ENV_ANCHOR_DIR] = saved
    return test


def run(args: argparse.Namespace | Any) -> int:
    from hallmanager import __version__

    out = sys.stdout if sys.stdout is not None else open(os.devnull, "w")
    from PySide6.QtCore import qInstallMessageHandler

    def quiet(mode: Any, context: Any, message: str) -> None:
        # the offscreen platform's note on every window shown says nothing about this PC
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    frozen = " (bundle)" if getattr(sys, "frozen", False) else ""
    print(f"hallmanager {__version__} self-test{frozen}: {sys.executable}", file=out)
    previous = qInstallMessageHandler(quiet)
    try:
        test = run_selftest(days=getattr(args, "days", None) or DEFAULT_DAYS, out=out)
    finally:
        qInstallMessageHandler(previous)
    if test.failed:
        print(f"self-test FAILED: {', '.join(test.failed)}", file=out)
        return 1
    print(f"self-test passed ({len(test.outcomes)} parts)", file=out)
    return 0
