"""Build the one-folder desk-PC bundle with PyInstaller.

Before PyInstaller runs: the Qt translations are compiled (``resources/i18n/*.ts`` → ``.qm``,
build products, not committed) and a freely licensed Chinese font is copied, both into
``build/`` where ``installer/hallmanager.spec`` collects them. Tools are looked up beside
this Python (the build venv's ``bin``/``Scripts`` and the PySide6 package), never only on PATH.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hallmanager.exporters import fonts  # noqa: E402
from installer import collect  # noqa: E402

# Free fonts with Chinese glyphs that may be shipped (WenQuanYi: Apache 2.0 / GPLv3 with the
# font exception; Droid Sans Fallback: Apache 2.0). $HALLMANAGER_BUNDLE_FONT names another.
FREE_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/google-droid/DroidSansFallbackFull.ttf",
)


def find_tool(name: str) -> str | None:
    """``pyside6-<name>`` beside ``sys.executable`` (a venv's bin/Scripts), the tool inside the
    PySide6 package, then PATH."""
    exe = ".exe" if sys.platform == "win32" else ""
    here = Path(sys.executable).parent
    for candidate in (here / f"pyside6-{name}{exe}", here / "Scripts" / f"pyside6-{name}{exe}"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    from hallmanager.ui.i18n import find_tool as in_package

    return in_package(name)


def compile_translations(out_dir: Path) -> list[Path]:
    """Compile every resources/i18n/*.ts with lrelease into ``out_dir``."""
    lrelease = find_tool("lrelease")
    if lrelease is None:
        sys.exit("pyside6-lrelease not found beside this Python: install PySide6-Essentials "
                 "in the build environment")
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    made = []
    for ts in sorted((ROOT / "resources" / "i18n").glob("*.ts")):
        qm = out_dir / (ts.stem + ".qm")
        subprocess.run([lrelease, "-silent", str(ts), "-qm", str(qm)], check=True)
        made.append(qm)
    return made


def copy_font(out_dir: Path) -> Path | None:
    """Copy the first free CJK font found into ``out_dir`` (None on a machine without one:
    the bundle then uses the PC's own fonts, e.g. Microsoft YaHei on Windows)."""
    shutil.rmtree(out_dir, ignore_errors=True)
    wanted = os.environ.get("HALLMANAGER_BUNDLE_FONT", "").strip()
    for path in ([wanted] if wanted else []) + list(FREE_FONTS):
        src = Path(path)
        if src.is_file():
            out_dir.mkdir(parents=True, exist_ok=True)
            copied = Path(shutil.copy2(src, out_dir / src.name))
            # the self-test checks the shipped font is still there (system fonts would hide it)
            (out_dir / fonts.BUNDLED_MANIFEST).write_text(src.name + "\n", encoding="utf-8")
            return copied
    print("no free CJK font found to bundle; the PDFs use the PC's fonts", file=sys.stderr)
    return None


def write_licences(out_dir: Path) -> Path:
    """The third-party licence list of this build environment (the bundle has no package
    metadata to compute it from at run time)."""
    from hallmanager.licences import THIRD_PARTY_FILE, third_party_text

    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / THIRD_PARTY_FILE
    path.write_text(third_party_text(), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dist", default=str(ROOT / "dist"), help="output folder")
    parser.add_argument("--tarball", action="store_true",
                        help="also pack the bundle and the .desktop file as a .tar.gz (Linux)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    compile_translations(collect.BUILD_I18N)
    copy_font(collect.BUILD_FONTS)
    write_licences(collect.BUILD_LICENSES)
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", args.dist, "--workpath", str(ROOT / "build" / "pyinstaller"),
         str(ROOT / "installer" / "hallmanager.spec")],
        check=True, cwd=ROOT)
    bundle = Path(args.dist) / "hallmanager"
    size = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file() and not f.is_symlink())
    print(f"built {bundle} in {time.monotonic() - started:.0f} s: {size / 2**20:.1f} MiB")
    if args.tarball:
        print(f"packed {make_tarball(bundle)}")
    return 0


def make_tarball(bundle: Path) -> Path:
    """``hallmanager-<version>-linux-<machine>.tar.gz``: unpack into /opt (the bundle as
    /opt/hallmanager/) and copy hallmanager.desktop to ~/.local/share/applications/."""
    import platform
    import tarfile

    from hallmanager import __version__

    out = bundle.parent / f"hallmanager-{__version__}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname="hallmanager")
        tar.add(ROOT / "installer" / "hallmanager.desktop",
                arcname="hallmanager/hallmanager.desktop")
    return out


if __name__ == "__main__":
    sys.exit(main())
