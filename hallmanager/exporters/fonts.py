"""Finding a CJK font for PDFs: embed a TrueType font, else fall back to the CID font STSong-Light.

An embedded TrueType font renders in every viewer and keeps the text extractable; the
built-in ``STSong-Light`` needs no file but relies on the viewer's Asian font pack, so it
is only the last resort. ``HALLMANAGER_PDF_FONT`` (a .ttf/.ttc path) overrides the search.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

ENV_FONT = "HALLMANAGER_PDF_FONT"
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
    """Load ``path`` (every subfont of a .ttc until one covers Chinese); None if unusable."""
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

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
            return font, idx
    return None


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
    finds, so LibreOffice does not fall back to a Latin font for the title."""
    font = cjk_font(allow_embedded=allow_embedded)
    if font.path is None:
        return FALLBACK_FAMILY
    from reportlab.pdfbase import pdfmetrics

    name = getattr(pdfmetrics.getFont(font.name).face, "familyName", b"")
    if isinstance(name, bytes):
        name = name.decode("utf-8", "replace")
    return name.strip() or FALLBACK_FAMILY
