"""`hallmanager screenshots` renders every tab by objectName at 1280×800."""

from __future__ import annotations

from PySide6.QtGui import QImage

from hallmanager.commands.screenshots import render_all
from hallmanager.ui.tabs import tab_object_names
from tests.conftest import ADMIN_PASSWORD


def test_render_all_tabs(qapp, hall, tmp_path):
    hall.auth.logout()
    saved = render_all(hall, "admin", ADMIN_PASSWORD, tmp_path, extras=True)
    for name in tab_object_names():
        image = QImage(str(tmp_path / f"{name}.png"))
        assert not image.isNull(), name
        assert (image.width(), image.height()) == (1280, 800)
    assert (tmp_path / "lockPage.png") in saved and (tmp_path / "loginDialog.png").is_file()
    assert not (tmp_path / ".screenshots.ini").exists()


def test_command_on_a_database_in_use_and_with_bad_input(qapp, hall, db_path, tmp_path,
                                                         monkeypatch, capsys):
    """GIVEN the desk app has the database open (``hall`` holds it) WHEN screenshots runs on it
    THEN it renders beside it; a wrong password or a corrupt file is a message, not a crash."""
    from hallmanager.cli import main

    hall.auth.logout()
    monkeypatch.setenv("HALLMANAGER_USER", "admin")
    monkeypatch.setenv("HALLMANAGER_PASSWORD", ADMIN_PASSWORD)
    out = tmp_path / "shots"
    assert main(["screenshots", "--db", str(db_path), "--out", str(out)]) == 0
    assert (out / "todayTab.png").is_file()

    monkeypatch.setenv("HALLMANAGER_PASSWORD", "Wrong2026pw")
    assert main(["screenshots", "--db", str(db_path), "--out", str(out)]) == 1
    assert "用户名或密码错误" in capsys.readouterr().err

    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database" * 200)
    assert main(["screenshots", "--db", str(bad), "--out", str(out)]) == 1
    assert "无法打开数据库" in capsys.readouterr().err
