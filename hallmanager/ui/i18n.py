"""Loading the English translation: compile the committed .ts on demand, then install it.

Source strings are Simplified Chinese, so zh_CN needs no catalogue of ours; Qt's own dialogs
(file, print, page setup, message boxes, standard buttons) get Qt's ``qtbase_zh_CN.qm`` plus
``resources/i18n/qtbase_extra_zh_CN.ts`` for the strings Qt's catalogue leaves in English. ``.qm`` files are build output and not committed: the installer ships them compiled in
``resources/i18n``; from a source checkout the .ts is compiled with ``lrelease`` into the
user's cache folder whenever the .qm is missing or older.
Any failure (tool missing, compile error) falls back silently to Chinese.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from hallmanager import paths
from hallmanager.domain.texts import Text, fill

SUPPORTED = ("zh_CN", "en")


def resources_dir() -> Path:
    """The ``resources/`` folder (the repository's, the bundle's or a wheel's data files)."""
    return paths.resources_dir()


def ts_file(lang: str) -> Path:
    return resources_dir() / "i18n" / f"hallmanager_{lang}.ts"


def find_tool(name: str) -> str | None:
    """``lrelease``/``lupdate`` next to the PySide6 package, else ``pyside6-<name>`` on PATH."""
    import PySide6

    exe = ".exe" if sys.platform == "win32" else ""
    base = Path(PySide6.__file__).parent
    for candidate in (base / f"{name}{exe}", base / "Qt" / "libexec" / f"{name}{exe}",
                      base / "Qt" / "bin" / f"{name}{exe}"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which(f"pyside6-{name}") or shutil.which(name)


def default_cache_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("hallmanager", appauthor=False) / "i18n"


def extra_qt_ts_file(lang: str) -> Path:
    """Our additions to Qt's own catalogue for ``lang`` (strings qtbase leaves untranslated)."""
    return resources_dir() / "i18n" / f"qtbase_extra_{lang}.ts"


def shipped_qm(stem: str) -> Path | None:
    """The .qm the installer compiled into ``resources/i18n`` (the bundle has no lrelease)."""
    qm = resources_dir() / "i18n" / f"{stem}.qm"
    return qm if qm.is_file() else None


def compiled_qm(lang: str, cache_dir: Path | None = None, *,
                ts: Path | None = None) -> Path | None:
    """Path of an up-to-date .qm for ``lang`` (compiling if needed), or None. ``ts``: another
    source than ours (the Qt supplement)."""
    ts = ts or ts_file(lang)
    shipped = shipped_qm(ts.stem)
    if shipped is not None and (not ts.is_file() or
                                shipped.stat().st_mtime >= ts.stat().st_mtime):
        return shipped
    if not ts.is_file():
        return None
    folder = cache_dir or default_cache_dir()
    qm = folder / f"{ts.stem}.qm"
    if qm.is_file() and qm.stat().st_mtime >= ts.stat().st_mtime:
        return qm
    tool = find_tool("lrelease")
    if tool is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True,
                       capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return qm if qm.is_file() else None


def install_translator(app: QCoreApplication, lang: str | None, *,
                       cache_dir: Path | None = None) -> list[QTranslator]:
    """Install Qt's own and our translations for ``lang``; returns the translators (keep them
    alive: the caller stores them on the app). Unknown or failed languages mean Chinese."""
    lang = lang if lang in SUPPORTED else "zh_CN"
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_tr = QTranslator(app)
    if qt_tr.load(QLocale(lang), "qtbase", "_", qt_dir) and app.installTranslator(qt_tr):
        installed.append(qt_tr)
        # installed later = asked first: fills only the gaps of Qt's catalogue
        extra_qm = compiled_qm(lang, cache_dir, ts=extra_qt_ts_file(lang))
        extra = QTranslator(app)
        if extra_qm is not None and extra.load(str(extra_qm)) and app.installTranslator(extra):
            installed.append(extra)
    if lang != "zh_CN":
        qm = compiled_qm(lang, cache_dir)
        ours = QTranslator(app)
        if qm is not None and ours.load(str(qm)) and app.installTranslator(ours):
            installed.append(ours)
    QLocale.setDefault(QLocale(lang))
    app.setProperty("hallmanager_translators", len(installed))
    return installed


def translate_text(text: Text) -> str:
    """A service-composed ``Text`` in the UI's language (see hallmanager/domain/texts.py)."""
    template = QCoreApplication.translate(text.context, text.template) if text.context \
        else text.template
    return fill(template, text.args)
