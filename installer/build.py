"""Build the one-folder desk-PC bundle with PyInstaller (compiles translations first)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def compile_translations(out_dir: Path) -> list[Path]:
    """Compile every resources/i18n/*.ts with pyside6-lrelease into ``out_dir``."""
    lrelease = shutil.which("pyside6-lrelease")
    if lrelease is None:
        sys.exit("pyside6-lrelease not found: install PySide6-Essentials in this environment")
    out_dir.mkdir(parents=True, exist_ok=True)
    made = []
    for ts in sorted((ROOT / "resources" / "i18n").glob("*.ts")):
        qm = out_dir / (ts.stem + ".qm")
        subprocess.run([lrelease, str(ts), "-qm", str(qm)], check=True)
        made.append(qm)
    return made


def main() -> int:
    build = ROOT / "build" / "i18n"
    compile_translations(build)
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", str(ROOT / "installer" / "hallmanager.spec")],
        check=True,
        cwd=ROOT,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
