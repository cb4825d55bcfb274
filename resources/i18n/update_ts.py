"""Refresh the translation sources from the UI code: ``python3 resources/i18n/update_ts.py``.

Runs ``pyside6-lupdate`` over the hallmanager package (new strings are added as
unfinished, obsolete ones dropped, existing translations kept). Then translate the new
``<translation type="unfinished">`` entries in hallmanager_en.ts by hand or with Qt Linguist.
The .qm files are compiled at start-up (hallmanager/ui/i18n.py), never committed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LANGUAGES = ("en",)


def update(ts: Path, lang: str) -> None:
    """Run lupdate over the whole package into ``ts`` (a test runs it on a copy)."""
    from hallmanager.ui.i18n import find_tool

    tool = find_tool("lupdate")
    if tool is None:
        raise FileNotFoundError("pyside6-lupdate not found (pip install PySide6-Essentials)")
    # The whole package: the UI's tr() calls, the start-up flow's translate() calls and the
    # QT_TRANSLATE_NOOP marks in services/domain (hallmanager/domain/texts.py).
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "hallmanager").rglob("*.py"))
    cmd = [tool, *sources, "-no-obsolete", "-locations", "relative", "-silent",
           "-source-language", "zh_CN", "-target-language", lang, "-ts", str(ts)]
    subprocess.run(cmd, check=True, cwd=ROOT)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    try:
        for lang in LANGUAGES:
            update(HERE / f"hallmanager_{lang}.ts", lang)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0

if __name__ == "__main__":
    sys.exit(main())
