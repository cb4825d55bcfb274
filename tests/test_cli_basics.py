"""The command line's global options: version, bilingual help, and which database is used."""

from __future__ import annotations

from pathlib import Path

import pytest

from hallmanager import __version__
from hallmanager.app import ENV_DB, default_db_path, resolve_db_url
from hallmanager.cli import main


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"hallmanager {__version__}"


@pytest.mark.parametrize("argv", [["--help"], ["demo", "--help"], ["export", "daily", "--help"],
                                  ["print", "handover", "--help"], ["check", "--help"]])
def test_help_is_chinese_and_english(argv, capsys):
    with pytest.raises(SystemExit):
        main(argv)
    out = capsys.readouterr().out
    assert "--db" in out
    assert any("\u4e00" <= ch <= "\u9fff" for ch in out), "help has no Chinese"
    assert any(word in out for word in ("database", "file", "date", "demo")), "help has no English"


def test_db_url_beats_db_beats_env_beats_default(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_DB, str(tmp_path / "env.sqlite"))
    assert resolve_db_url(db_url="postgresql://h/db", db=str(tmp_path / "x.sqlite")) == "postgresql://h/db"
    assert resolve_db_url(db=str(tmp_path / "x.sqlite")).endswith("x.sqlite")
    assert resolve_db_url().endswith("env.sqlite")
    monkeypatch.delenv(ENV_DB)
    assert resolve_db_url() == f"sqlite:///{default_db_path()}"
    assert "hallmanager" in str(default_db_path())


def test_relative_db_path_is_made_absolute(monkeypatch, tmp_path):
    monkeypatch.delenv(ENV_DB, raising=False)
    monkeypatch.chdir(tmp_path)
    url = resolve_db_url(db="hall.sqlite")
    assert Path(url.removeprefix("sqlite:///")) == tmp_path / "hall.sqlite"
