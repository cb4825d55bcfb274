"""The About dialog: version, the database and backups folder, the third-party licences
(Qt's LGPL notice with how to replace the library), the window icon."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from hallmanager import __version__
from hallmanager.licences import components, third_party_text
from hallmanager.ui.about import AboutDialog, app_icon


def test_about_shows_version_paths_and_licences(qtbot, window, db_path):
    window.action_about.trigger()
    dlg = next(w for w in QApplication.topLevelWidgets()
               if isinstance(w, AboutDialog) and w.isVisible())
    qtbot.addWidget(dlg)
    texts = " ".join(label.text() for label in dlg.findChildren(QLabel))
    assert __version__ in texts
    assert str(db_path) in dlg.database_label.text()
    assert dlg.backups_label.text() == str(db_path.parent)
    licences = dlg.licences.toPlainText()
    for name in ("PySide6", "SQLAlchemy", "reportlab", "openpyxl", "LGPL-3.0", "replace"):
        assert name in licences, name
    assert dlg.licences.isReadOnly()
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert not dlg.isVisible()


def test_about_in_english(qtbot, english, hall):
    dlg = AboutDialog(hall)
    qtbot.addWidget(dlg)
    assert dlg.windowTitle() == "About"


def test_licence_list_follows_the_installed_dependencies():
    names = {c.name.lower().replace("_", "-") for c in components()}
    # the project's direct dependencies (pyproject.toml) and what they pull in
    assert {"pyside6-essentials", "shiboken6", "sqlalchemy", "alembic", "argon2-cffi",
            "platformdirs", "openpyxl", "reportlab", "pypdfium2", "chinesecalendar",
            "pillow", "et-xmlfile", "mako"} <= names
    assert "pytest" not in names and "hallmanager" not in names  # no test tools, not us
    assert "Qt for Python" in third_party_text()


def test_the_app_has_an_icon():
    assert not app_icon().isNull()
