"""The third-party licences of what the program ships, for the About dialog and the installer.

The list is derived from the installed distributions (the dependency closure of
``hallmanager``), so it follows ``pyproject.toml``. ``installer/build.py`` writes it into the
bundle (``resources/licenses/THIRD-PARTY.txt``: the bundle has no package metadata); from a
source checkout it is computed on the fly. Plain Python, no Qt.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

THIRD_PARTY_FILE = "THIRD-PARTY.txt"

# Shipped inside the wheels or by the build, without a Python distribution of their own.
EXTRA = (
    ("Python", f"{sys.version_info.major}.{sys.version_info.minor}", "PSF-2.0",
     "https://www.python.org/"),
    ("Qt 6 (in PySide6-Essentials)", "", "LGPL-3.0-only", "https://www.qt.io/"),
    ("ICU (in Qt)", "", "Unicode-3.0", "https://icu.unicode.org/"),
    ("PDFium (in pypdfium2)", "", "BSD-3-Clause AND Apache-2.0", "https://pdfium.googlesource.com/pdfium/"),
    ("WenQuanYi Micro Hei font (if bundled)", "", "Apache-2.0 OR GPL-3.0-or-later WITH Font-exception-2.0",
     "http://wenq.org/"),
    ("PyInstaller boot loader", "", "GPL-2.0-or-later WITH Bootloader-exception",
     "https://pyinstaller.org/"),
)

QT_NOTICE = """\
Qt for Python (PySide6, shiboken6) and the Qt 6 libraries are used under the GNU Lesser
General Public License version 3 (resources/licenses/LGPL-3.0.txt, with the GPL text it
refers to in GPL-3.0.txt). They are unmodified and dynamically linked: the Qt and PySide6
libraries are the separate files in the installation folder (_internal/PySide6/, e.g.
Qt6Core.dll / libQt6Core.so.6 and QtCore.pyd / QtCore.abi3.so). To use a modified Qt, build
Qt and PySide6 of the same version (sources: https://download.qt.io/official_releases/ and
https://code.qt.io/) and replace those files; the program needs no recompiling.
本程序以 LGPL-3.0 使用未经修改、动态链接的 Qt 与 PySide6 库（安装目录 _internal/PySide6/ 下的
独立文件），用户可用自行编译的同版本库替换之。"""


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str
    url: str


def _licence(md: metadata.PackageMetadata) -> str:
    expr = md.get("License-Expression")
    if expr:
        return expr
    classifiers = [c.rsplit("::", 1)[-1].strip() for c in md.get_all("Classifier") or []
                   if c.startswith("License ::")]
    text = (md.get("License") or "").strip()
    if text and len(text) <= 60 and "\n" not in text:
        return text
    return ", ".join(classifiers) or text.split("\n", 1)[0][:60] or "see the package"


def _url(md: metadata.PackageMetadata) -> str:
    home = md.get("Home-page")
    if home:
        return home
    for entry in md.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "repository", "documentation"):
            return url.strip()
    return ""


def _requirement_name(req: str) -> str | None:
    """``"SQLAlchemy>=2.0.25,<2.1"`` → ``"SQLAlchemy"``; None for extras-only requirements."""
    if "extra ==" in req.replace('"', "").replace("'", ""):
        return None
    m = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", req)
    return m.group(1) if m else None


def components(root: str = "hallmanager") -> list[Component]:
    """The installed distributions ``root`` needs (recursively), then the extras above."""
    seen: dict[str, Component] = {}
    todo = [root]
    while todo:
        name = todo.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            continue
        try:
            md = metadata.metadata(name)
            reqs = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        seen[key] = Component(md.get("Name") or name, md.get("Version") or "", _licence(md),
                              _url(md))
        todo += [n for n in map(_requirement_name, reqs) if n]
    seen.pop(re.sub(r"[-_.]+", "-", root).lower(), None)
    found = sorted(seen.values(), key=lambda c: c.name.lower())
    return found + [Component(*e) for e in EXTRA]


def third_party_text(found: list[Component] | None = None) -> str:
    """The licences list as plain text (what the About dialog shows and the bundle ships)."""
    rows = found if found is not None else components()
    lines = ["第三方组件及其许可证 / Third-party components and their licences", ""]
    for c in rows:
        version = f" {c.version}" if c.version else ""
        lines.append(f"{c.name}{version} — {c.licence}" + (f"  <{c.url}>" if c.url else ""))
    return "\n".join([*lines, "", QT_NOTICE, ""])


def shipped_text(resources: Path) -> str | None:
    """The list the installer wrote into ``resources/licenses``, if this is a bundle."""
    path = resources / "licenses" / THIRD_PARTY_FILE
    return path.read_text(encoding="utf-8") if path.is_file() else None
