"""Finding a CJK font for PDFs: embed a TrueType font, else fall back to the CID font STSong-Light.

An embedded TrueType font renders in every viewer and keeps the text extractable; the
built-in ``STSong-Light`` needs no file but relies on the viewer's Asian font pack, so it
is only the last resort. ``HALLMANAGER_PDF_FONT`` (a .ttf/.ttc path) overrides the search.

Parsing a CJK TrueType file with reportlab takes 0.1–0.3 s (tens of thousands of glyphs).
A workbook only needs the family name of the font the PDFs would use, so what each font file
turned out to be (usable subfont, family name) is remembered in a small JSON file in the
user's cache folder, keyed by the file's path, size and modification time and by the
reportlab version that judged it: ``export daily`` then names the font without importing
reportlab at all. ``HALLMANAGER_FONT_CACHE`` names another folder (tests).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import marshal
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

ENV_FONT = "HALLMANAGER_PDF_FONT"
ENV_FONT_CACHE = "HALLMANAGER_FONT_CACHE"
FONT_INDEX = "cjk-fonts.json"
FALLBACK_CID_FONT = "STSong-Light"
# The family a spreadsheet names when no TrueType font was found: Windows' own Chinese UI font.
FALLBACK_FAMILY = "Microsoft YaHei"
# Characters every candidate must contain: a Latin-only font (fc-match may answer DejaVu
# for ':lang=zh') would print empty boxes.
_PROBE = "交接班表值班经理签字营业厅第页共"

_WINDOWS_FONTS = ("msyh.ttc", "msyh.ttf", "simhei.ttf", "simsun.ttc", "simkai.ttf",
                  "Deng.ttf", "simfang.ttf")
_KNOWN_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/google-droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",  # CFF: usually refused, tried last
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Songti.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
)


@dataclass(frozen=True)
class PdfFont:
    """The font registered with reportlab for the handover sheet."""

    name: str  # reportlab font name to use in styles
    path: Path | None  # the embedded TrueType file; None for the CID fallback
    subfont_index: int = 0

    @property
    def embedded(self) -> bool:
        return self.path is not None


def bundled_fonts_dir() -> Path:
    """``resources/fonts``: where the installer puts the font it ships (the same place as
    every other resource, next to the ``hallmanager`` package)."""
    from hallmanager.paths import resources_dir

    return resources_dir() / "fonts"


def bundled_fonts() -> list[Path]:
    """The fonts the installer ships, so a PC without Chinese fonts still prints."""
    folder = bundled_fonts_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".ttc"))


BUNDLED_MANIFEST = "bundled-fonts.txt"


def missing_bundled_fonts() -> list[str]:
    """Fonts the installer says it shipped (``resources/fonts/bundled-fonts.txt``, one file
    name a line) that are missing or have no Chinese glyphs: a damaged installation, which
    would silently fall back to the PC's fonts. Empty outside a bundle (no manifest)."""
    folder = bundled_fonts_dir()
    manifest = folder / BUNDLED_MANIFEST
    if not manifest.is_file():
        return []
    names = [n.strip() for n in manifest.read_text(encoding="utf-8").splitlines() if n.strip()]
    return [n for n in names if not (folder / n).is_file() or _load_ttf(folder / n) is None]


def candidate_paths() -> list[Path]:
    """Font files to try, best first: the env override, the font the installer ships, Windows
    fonts, known Linux/macOS paths, then whatever fontconfig lists for Chinese."""
    out: list[Path] = []
    env = os.environ.get(ENV_FONT, "").strip()
    if env:
        out.append(Path(env).expanduser())
    out += bundled_fonts()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        out += [windir / n for n in _WINDOWS_FONTS]
        local = os.environ.get("LOCALAPPDATA")
        if local:
            out += [Path(local) / "Microsoft" / "Windows" / "Fonts" / n for n in _WINDOWS_FONTS]
    out += [Path(p) for p in _KNOWN_PATHS]
    out += _fontconfig_paths()
    seen: set[Path] = set()
    unique = []
    for p in out:
        if p not in seen:
            seen.add(p)
            unique.append(p)
    return unique


@functools.lru_cache(maxsize=1)
def _fontconfig_paths() -> tuple[Path, ...]:
    """Files fontconfig knows for Chinese (TrueType first); empty where fontconfig is absent."""
    exe = shutil.which("fc-list")
    if not exe:
        return ()
    try:
        res = subprocess.run([exe, ":lang=zh", "-f", "%{file}\n"], capture_output=True,
                             text=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return ()
    files = sorted({line.strip() for line in res.stdout.splitlines() if line.strip()})
    files.sort(key=lambda f: (not f.lower().endswith((".ttf", ".ttc")), f))
    return tuple(Path(f) for f in files)


def _font_name(path: Path, idx: int) -> str:
    """A reportlab font name unique per file and subfont (registrations are process-global)."""
    stem = "".join(ch for ch in path.stem if ch.isascii() and ch.isalnum())[:24] or "font"
    return f"CJK-{stem}-{idx}"


def _load_ttf(path: Path):  # type: ignore[no-untyped-def]
    """Load ``path`` (every subfont of a .ttc until one covers Chinese); None if unusable.
    A file the index knows is loaded from its saved glyph tables (``_saved_font``)."""
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    key = _index_key(path)
    entry = _read_index().get(key) if key is not None else None
    if isinstance(entry, dict) and isinstance(entry.get("index"), int):
        saved = _saved_font(path, key, entry["index"])  # type: ignore[arg-type]
        if saved is not None:
            return saved, entry["index"]
    indices = range(8) if path.suffix.lower() == ".ttc" else range(1)
    for idx in indices:
        try:
            font = TTFont(_font_name(path, idx), str(path), subfontIndex=idx)
        except (TTFError, OSError, ValueError, KeyError, IndexError) as exc:
            log.debug("font %s#%d unusable: %s", path, idx, exc)
            if idx == 0:
                return None
            break
        cmap = font.face.charToGlyph
        if all(ord(ch) in cmap for ch in _PROBE):
            if key is not None:
                _save_font(key, idx, font)
            return font, idx
    return None


# --- the glyph tables of a parsed font, saved beside the index --------------------------------
# What reportlab computes from the whole cmap, hmtx and loca tables (most of the parse time);
# the small tables (names, metrics) are read from the file again, which is quick.
_FACE_TABLES = ("charToGlyph", "glyphToChar", "charWidths", "hmetrics", "glyphPos",
                "defaultWidth")
_face_lock = threading.Lock()


def _face_file(key: str) -> Path:
    return font_cache_dir() / f"face-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:24]}.bin"


def _save_font(key: str, idx: int, font) -> None:  # type: ignore[no-untyped-def]
    data = {"key": key, "index": idx, "reportlab": _reportlab_version(),
            "tables": {name: getattr(font.face, name) for name in _FACE_TABLES}}
    target = _face_file(key)
    try:
        blob = marshal.dumps(data)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_bytes(blob)
        os.replace(tmp, target)
    except (OSError, ValueError) as exc:  # ValueError: a table marshal cannot write
        log.debug("font tables not saved: %s", exc)


def _saved_font(path: Path, key: str, idx: int):  # type: ignore[no-untyped-def]
    """The TTFont of ``path``'s subfont ``idx`` with its glyph tables from the saved file;
    None when there is none (or it is not for this file, subfont and reportlab)."""
    try:
        data = marshal.loads(_face_file(key).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if (not isinstance(data, dict) or data.get("key") != key or data.get("index") != idx
            or data.get("reportlab") != _reportlab_version()
            or not isinstance(data.get("tables"), dict)
            or set(data["tables"]) != set(_FACE_TABLES)):
        return None
    from reportlab.pdfbase import ttfonts

    class _SavedFace(ttfonts.TTFontFace):
        """Parses only the small tables (charInfo=0), then takes the saved glyph tables."""

        def __init__(self, filename: str, validate: int = 0, subfontIndex: int = 0) -> None:
            ttfonts.pdfmetrics.TypeFace.__init__(self, None)
            ttfonts.TTFontFile.__init__(self, filename, charInfo=0, validate=validate,
                                        subfontIndex=subfontIndex)
            for name, value in data["tables"].items():
                setattr(self, name, value)

    # TTFont builds its face by the module's name for the class: for this one call (under a
    # lock: the desk may print from a worker thread) that name is the saved-tables face.
    with _face_lock:
        real = ttfonts.TTFontFace
        ttfonts.TTFontFace = _SavedFace  # type: ignore[misc]
        try:
            return ttfonts.TTFont(_font_name(path, idx), str(path), subfontIndex=idx)
        except (ttfonts.TTFError, OSError, ValueError, KeyError, IndexError) as exc:
            log.debug("saved font tables of %s unusable: %s", path, exc)
            return None
        finally:
            ttfonts.TTFontFace = real  # type: ignore[misc]


@functools.lru_cache(maxsize=8)
def _register(paths: tuple[Path, ...], allow_embedded: bool) -> PdfFont:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics

    override = os.environ.get(ENV_FONT, "").strip()
    if allow_embedded:
        for n, path in enumerate(paths):
            loaded = _load_ttf(path) if path.is_file() else None
            if loaded is None:
                if override and n == 0:
                    log.warning("%s=%s is not a usable Chinese TrueType font; searching on",
                                ENV_FONT, path)
                continue
            font, idx = loaded
            _remember(path, idx, _face_family(font))
            pdfmetrics.registerFont(font)
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(font.fontName, bold, italic, font.fontName)
            return PdfFont(font.fontName, path, idx)
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_CID_FONT))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(FALLBACK_CID_FONT, bold, italic, FALLBACK_CID_FONT)
    return PdfFont(FALLBACK_CID_FONT, None)


def cjk_font(*, allow_embedded: bool = True) -> PdfFont:
    """Register and return the best available CJK font (cached per candidate list).

    ``allow_embedded=False`` forces the STSong-Light fallback (tests, or tiny files).
    """
    return _register(tuple(candidate_paths()) if allow_embedded else (), allow_embedded)


def cjk_family(*, allow_embedded: bool = True) -> str:
    """The family name of the CJK font the PDFs embed (e.g. "WenQuanYi Micro Hei",
    "Microsoft YaHei"), for a workbook's cells: a name the spreadsheet program on this machine
    finds, so LibreOffice does not fall back to a Latin font for the title.

    The same choice as ``cjk_font`` (the first candidate reportlab accepts with Chinese
    glyphs), answered from the font index when every file on the way is known there."""
    if not allow_embedded:
        return FALLBACK_FAMILY
    return _family(tuple(candidate_paths()))


@functools.lru_cache(maxsize=8)
def _family(paths: tuple[Path, ...]) -> str:
    index = _read_index()
    for path in paths:
        key = _index_key(path)
        if key is None:
            continue  # no such file
        entry = index.get(key)
        if not isinstance(entry, dict):
            loaded = _load_ttf(path)
            entry = {"index": None, "family": None} if loaded is None else {
                "index": loaded[1], "family": _face_family(loaded[0])}
            _remember(path, entry["index"], entry["family"])
        if entry.get("index") is not None:
            return str(entry.get("family") or FALLBACK_FAMILY)
    return FALLBACK_FAMILY


def _face_family(font) -> str:  # type: ignore[no-untyped-def]
    name = getattr(font.face, "familyName", b"")
    if isinstance(name, bytes):
        name = name.decode("utf-8", "replace")
    return name.strip() or FALLBACK_FAMILY


# --- the font index: what each font file turned out to be ---------------------------------


def font_cache_dir() -> Path:
    """Where the font index lives (``$HALLMANAGER_FONT_CACHE``, else the user cache)."""
    env = os.environ.get(ENV_FONT_CACHE, "").strip()
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path("hallmanager", appauthor=False) / "fonts"


def _reportlab_version() -> str:
    """Part of the index's key: another reportlab may accept or name fonts differently.
    (Only reportlab's small top package is imported, not its font machinery.)"""
    import reportlab

    return str(getattr(reportlab, "Version", "?"))


def _index_key(path: Path) -> str | None:
    try:
        st = path.stat()
    except OSError:
        return None
    if not path.is_file():
        return None
    return f"{path.absolute()}|{st.st_size}|{st.st_mtime_ns}"


def _read_index() -> dict[str, object]:
    try:
        data = json.loads((font_cache_dir() / FONT_INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("reportlab") != _reportlab_version():
        return {}
    fonts = data.get("fonts")
    return fonts if isinstance(fonts, dict) else {}


def _remember(path: Path, index: int | None, family: str | None) -> None:
    """Add one font file to the index (best effort: a read-only cache folder only costs the
    next run the parse again)."""
    key = _index_key(path)
    if key is None:
        return
    folder = font_cache_dir()
    fonts = _read_index()
    prefix = f"{path.absolute()}|"
    fonts = {k: v for k, v in fonts.items() if not k.startswith(prefix)}  # older versions
    fonts[key] = {"index": index, "family": family}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{FONT_INDEX}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps({"reportlab": _reportlab_version(), "fonts": fonts},
                                  ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, folder / FONT_INDEX)
    except OSError as exc:
        log.debug("font index not written: %s", exc)
