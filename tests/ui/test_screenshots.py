"""`hallmanager screenshots` renders every tab by objectName at 1280×800."""

from __future__ import annotations

from PySide6.QtGui import QImage

from hallmanager.commands.screenshots import render_all
from hallmanager.ui.tabs import TAB_OBJECT_NAMES
from tests.conftest import ADMIN_PASSWORD


def test_render_all_tabs(qapp, hall, tmp_path):
    hall.auth.logout()
    saved = render_all(hall, "admin", ADMIN_PASSWORD, tmp_path, extras=True)
    for name in TAB_OBJECT_NAMES:
        image = QImage(str(tmp_path / f"{name}.png"))
        assert not image.isNull(), name
        assert (image.width(), image.height()) == (1280, 800)
    assert (tmp_path / "lockPage.png") in saved and (tmp_path / "loginDialog.png").is_file()
    assert not (tmp_path / ".screenshots.ini").exists()
