"""Where the program's resources (translations, icon, licences, bundled font) are.

A source checkout and the PyInstaller bundle have ``resources/`` beside the ``hallmanager``
package; a wheel installs them as data files under ``<prefix>/share/hallmanager/resources``
(``[tool.setuptools.data-files]`` in pyproject.toml). Plain Python: every layer may ask.
"""

from __future__ import annotations

import os
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


ENV_DB = "HALLMANAGER_DB"


def default_db_path() -> Path:
    """The database in the user's data folder (platformdirs)."""
    from platformdirs import user_data_path

    return user_data_path("hallmanager", appauthor=False) / "hallmanager.sqlite"


def resolve_db_url(db: str | None = None, db_url: str | None = None) -> str:
    """--db-url beats --db beats $HALLMANAGER_DB beats the default file. Here, not in
    ``hallmanager.app``: the desk needs the URL before SQLAlchemy is imported."""
    if db_url:
        return db_url
    path = db or os.environ.get(ENV_DB) or str(default_db_path())
    return f"sqlite:///{Path(path).expanduser().absolute()}"
