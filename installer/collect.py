"""What the desk-PC bundle collects, derived from the source tree (never a hand-kept list).

``installer/hallmanager.spec`` calls these functions, and ``tests/test_installer.py`` calls
the same ones (and runs the spec with stand-ins for PyInstaller) to check that every module
the registry names, every migration file and every import the migrations make is collected.
A module or migration added later is therefore covered without touching the spec.

Plain Python (no PyInstaller import), so the tests run without PyInstaller installed.
"""

from __future__ import annotations

import ast
import fnmatch
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "hallmanager"
MIGRATIONS = PACKAGE / "storage" / "migrations"
RESOURCES = ROOT / "resources"
BUILD = ROOT / "build"
# What build.py makes before PyInstaller runs: compiled translations and the bundled font.
BUILD_I18N = BUILD / "i18n"
BUILD_FONTS = BUILD / "fonts"
BUILD_LICENSES = BUILD / "licenses"

# Source files in resources/ that the program never reads at run time.
RESOURCE_SOURCES = ("*.ts", "*.py", "README.md", "*.pyc")

# Python packages the program never imports (test tools, other GUI toolkits, image codecs
# reportlab and openpyxl only use for pictures, which our reports do not contain).
EXCLUDED_MODULES = (
    "tkinter", "_tkinter", "pytest", "_pytest", "hypothesis", "pypdf", "IPython",
    "numpy", "PIL.ImageTk", "PIL.ImageQt", "PIL._avif", "PIL.AvifImagePlugin",
    "PIL._webp", "PIL.WebPImagePlugin", "PIL._imagingtk", "PIL.ImageShow",
    "sqlalchemy.testing", "alembic.testing", "setuptools", "pkg_resources",
    "psycopg", "psycopg_binary", "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick",
    "PySide6.QtOpenGL", "PySide6.QtSvg", "PySide6.QtDBus",
)

# Qt plugins the program loads, by folder (anything else under plugins/ is left out):
# the desk's window system (Windows, X11) and offscreen for the self-test, printing (CUPS on
# Linux), input methods (Chinese IMEs on Linux), icon/image formats of the widgets and file
# dialogs. Left out: the GTK platform theme (and its GTK/pango/cairo libraries: the Qt file
# dialog is used, with Qt's Chinese catalogue), Wayland, EGL/framebuffer/VNC platforms,
# network, TLS, SQL drivers, QML.
QT_PLUGINS_KEPT = {
    "platforms": ("*qxcb*", "*qoffscreen*", "*qminimal.*", "qwindows*", "qminimal.dll",
                  "qoffscreen.dll", "libqcocoa*"),
    "printsupport": ("*",),
    "platforminputcontexts": ("*",),
    "iconengines": ("*",),
    "imageformats": ("*qico*", "*qjpeg*", "*qgif*", "*qsvg*"),
    "xcbglintegrations": ("*",),
    "styles": ("*",),
    "platformthemes": ("*xdgdesktopportal*",),
}
# Qt's own catalogues: only Chinese (our English catalogue covers our strings; Qt's English
# is its source text).
QT_TRANSLATIONS_KEPT = ("qtbase_zh_CN.qm", "qt_zh_CN.qm")


def package_modules() -> list[str]:
    """Every module of the ``hallmanager`` package, by walking the source tree: the registry
    imports modules by name at run time, which PyInstaller's import scan cannot see.
    The Alembic scripts are data files (Alembic loads them from disk), not modules."""
    names: list[str] = []
    for file in sorted(PACKAGE.rglob("*.py")):
        if MIGRATIONS in file.parents:
            continue
        parts = list(file.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    return names


def migration_files() -> list[Path]:
    """The Alembic scripts (env.py, template, every revision) as files."""
    return sorted(p for p in MIGRATIONS.rglob("*")
                  if p.is_file() and p.suffix in (".py", ".mako") and "__pycache__" not in p.parts)


def migration_imports() -> list[str]:
    """Modules the Alembic scripts import (they are data files, so PyInstaller does not scan
    them): ``from alembic import op`` → ``alembic``, ``alembic.op``."""
    found: set[str] = set()
    for path in migration_files():
        if path.suffix != ".py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module)
                found.update(f"{node.module}.{a.name}" for a in node.names
                             if _is_module(f"{node.module}.{a.name}"))
    return sorted(found - {"__future__"})


def _is_module(name: str) -> bool:
    """``from alembic import op``: op is a module; ``from x.models import Base``: a name."""
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def hidden_imports() -> list[str]:
    """Everything imported by name or from data files, plus the libraries imported lazily."""
    lazy = ["openpyxl", "reportlab", "reportlab.pdfbase.ttfonts", "reportlab.pdfbase.cidfonts",
            "argon2", "chinese_calendar", "pypdfium2", "platformdirs",
            "PySide6.QtPrintSupport", "sqlalchemy.dialects.sqlite"]
    return sorted(set(package_modules()) | set(migration_imports()) | set(lazy))


def _files(folder: Path, skip: Iterable[str] = ()) -> list[Path]:
    skip = tuple(skip)
    return sorted(p for p in folder.rglob("*") if p.is_file()
                  and "__pycache__" not in p.parts
                  and not any(fnmatch.fnmatch(p.name, s) for s in skip)) \
        if folder.is_dir() else []


def datas() -> list[tuple[str, str]]:
    """(source file, destination folder in the bundle) pairs: migrations next to the package
    as in the source tree, resources/ (icons, licences), the compiled translations and the
    bundled font and the third-party licence list from build/."""
    out: list[tuple[str, str]] = []
    for f in migration_files():
        out.append((str(f), f.parent.relative_to(ROOT).as_posix()))
    for f in _files(RESOURCES, RESOURCE_SOURCES):
        out.append((str(f), f.parent.relative_to(ROOT).as_posix()))
    for f in _files(BUILD_I18N, ("*.ts",)):
        out.append((str(f), "resources/i18n"))
    for f in _files(BUILD_FONTS):
        out.append((str(f), "resources/fonts"))
    for f in _files(BUILD_LICENSES):
        out.append((str(f), "resources/licenses"))
    return out


def keep_qt_file(dest: str) -> bool:
    """Whether a bundle path (``PySide6/Qt/plugins/<folder>/<file>``,
    ``PySide6/Qt/translations/<file>``; Windows: ``PySide6/plugins/…``) is kept."""
    parts = dest.replace("\\", "/").split("/")
    for marker in ("plugins", "translations"):
        if marker in parts and parts[0] == "PySide6":
            i = parts.index(marker)
            rest = parts[i + 1:]
            if marker == "translations":
                return bool(rest) and rest[-1] in QT_TRANSLATIONS_KEPT
            if len(rest) < 2:
                return True
            patterns = QT_PLUGINS_KEPT.get(rest[0])
            return patterns is not None and any(fnmatch.fnmatch(rest[-1], p) for p in patterns)
    return True


def keep_entry(dest: str) -> bool:
    """Bundle paths left out besides Qt's: Qt libraries only the left-out plugins load."""
    name = dest.replace("\\", "/").rsplit("/", 1)[-1]
    dropped = ("libQt6Wayland*", "libQt6WlShell*", "libQt6EglFS*", "libQt6EglFs*",
               "Qt6Wayland*", "opengl32sw.dll", "Qt6Network*", "libQt6Network*",
               "Qt6Pdf*", "libQt6Pdf*", "Qt6Quick*", "Qt6Qml*", "libQt6Quick*", "libQt6Qml*")
    return keep_qt_file(dest) and not any(fnmatch.fnmatch(name, p) for p in dropped)


def prune_unlinked(binaries: list[tuple], imports_of: Callable[[str], Iterable[str]]) -> list[tuple]:
    """Drop shared libraries that PyInstaller collected only as dependencies of left-out
    plugins (GTK, pango, cairo, wayland …): a library at the bundle's top level or in
    PySide6/Qt/lib is kept only while some kept file links to it (Linux only; libpython is
    always kept: the boot loader opens it). ``imports_of(path)`` → linked library names."""
    def candidate(dest: str) -> bool:
        d = dest.replace("\\", "/")
        name = d.rsplit("/", 1)[-1]
        return (("/" not in d) or d.startswith("PySide6/Qt/lib/")) and ".so" in name \
            and not name.startswith("libpython") and "cpython" not in name
    kept = list(binaries)
    while True:
        needed: set[str] = set()
        for entry in kept:
            needed.update(Path(n).name for n in imports_of(entry[1]))
        drop = [e for e in kept if candidate(e[0]) and Path(e[0]).name not in needed]
        if not drop:
            return kept
        kept = [e for e in kept if e not in drop]


def is_linux() -> bool:
    return sys.platform.startswith("linux")
