"""Refresh the translation sources from the UI code: ``python3 resources/i18n/update_ts.py``.

Runs ``pyside6-lupdate`` over hallmanager/ui and the start-up flow (commands/gui.py) (new strings are added as
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


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from hallmanager.ui.i18n import find_tool

    tool = find_tool("lupdate")
    if tool is None:
        print("pyside6-lupdate not found (pip install PySide6-Essentials)", file=sys.stderr)
        return 1
    files = [*(ROOT / "hallmanager" / "ui").rglob("*.py"), ROOT / "hallmanager" / "commands" / "gui.py"]
    sources = sorted(str(p.relative_to(ROOT)) for p in files)
    for lang in LANGUAGES:
        ts = HERE / f"hallmanager_{lang}.ts"
        cmd = [tool, *sources, "-no-obsolete", "-locations", "relative",
               "-source-language", "zh_CN", "-target-language", lang, "-ts", str(ts)]
        subprocess.run(cmd, check=True, cwd=ROOT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
