"""Where the program's resources (translations, icon, licences, bundled font) are.

A source checkout and the PyInstaller bundle have ``resources/`` beside the ``hallmanager``
package; a wheel installs them as data files under ``<prefix>/share/hallmanager/resources``
(``[tool.setuptools.data-files]`` in pyproject.toml). Plain Python: every layer may ask.
"""

from __future__ import annotations

import sys
from pathlib import Path

_MARKER = Path("icons") / "hallmanager.png"


def resources_dir() -> Path:
    """The ``resources/`` folder of this installation."""
    beside = Path(__file__).resolve().parent.parent / "resources"
    if (beside / _MARKER).is_file():
        return beside
    for prefix in (sys.prefix, sys.base_prefix):
        installed = Path(prefix) / "share" / "hallmanager" / "resources"
        if (installed / _MARKER).is_file():
            return installed
    return beside
