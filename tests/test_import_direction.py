"""Layering, checked on the source with ``ast``: who may import what.

domain → nothing of ours but domain; storage → domain; services → domain, storage;
exporters → domain (plain data in, files out); ui → anything but storage internals is fine;
only storage imports SQLAlchemy and Alembic (models, engine, migrations, repositories):
services, ui, app.py, cli.py and commands/ go through ``hallmanager.storage.repositories``
and annotate sessions with ``storage.database.DbSession``;
only ui imports PySide6; openpyxl and reportlab are only imported at module level inside
exporters (elsewhere inside functions), so starting the desk app stays fast.
app.py, cli.py and commands/ are the composition root (commands import PySide6 only in
functions, so the command-line tools start without Qt).
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "hallmanager"
HEAVY = ("openpyxl", "reportlab")
STORAGE = "hallmanager.storage"
DATABASE_LIBS = ("sqlalchemy", "alembic")  # only hallmanager.storage may import these


@dataclass(frozen=True)
class Import:
    module: str  # absolute dotted name
    top_level: bool  # executed at import time (not inside a function)
    line: int


def _resolve(node: ast.ImportFrom, modname: str, is_package: bool) -> list[str]:
    if node.level == 0:
        base = node.module or ""
    else:
        parts = modname.split(".")
        if not is_package:
            parts = parts[:-1]
        parts = parts[: len(parts) - (node.level - 1)]
        base = ".".join(parts + ([node.module] if node.module else []))
    if node.module is None:  # from . import x → each name may be a module
        return [f"{base}.{a.name}" for a in node.names]
    return [base]


@functools.cache
def imports_of(source: str, modname: str, is_package: bool = False) -> tuple[Import, ...]:
    """Every import in a module, with whether it runs at import time (each source parsed
    once: the per-module test and the whole-package scan read the same files)."""
    found: list[Import] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                found.extend(Import(a.name, not in_function, child.lineno) for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                found.extend(Import(m, not in_function, child.lineno)
                             for m in _resolve(child, modname, is_package))
            elif isinstance(child, ast.If) and _is_type_checking(child.test):
                visit(child, True)  # never executed at run time
            else:
                visit(child, in_function or isinstance(
                    child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda))

    visit(ast.parse(source), False)
    return tuple(found)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _modules() -> list[tuple[str, Path]]:
    out = []
    for file in sorted(PACKAGE.rglob("*.py")):
        rel = file.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out.append((".".join(parts), file))
    return out


def _hits(module: str, banned: tuple[str, ...]) -> bool:
    return any(module == b or module.startswith(b + ".") for b in banned)


# Per layer: what it must never import (anywhere, even inside functions).
BANNED: dict[str, tuple[str, ...]] = {
    "hallmanager.domain": ("PySide6", "hallmanager.storage",
                           "hallmanager.services", "hallmanager.ui", "hallmanager.exporters",
                           "hallmanager.app", "hallmanager.cli", "hallmanager.commands"),
    "hallmanager.storage": ("PySide6", "hallmanager.services", "hallmanager.ui",
                            "hallmanager.exporters", "hallmanager.app", "hallmanager.cli",
                            "hallmanager.commands"),
    "hallmanager.services": ("PySide6", "hallmanager.ui", "hallmanager.app", "hallmanager.cli",
                             "hallmanager.commands"),
    "hallmanager.exporters": ("PySide6", "hallmanager.storage",
                              "hallmanager.services", "hallmanager.ui"),
}


def violations(modname: str, source: str, is_package: bool = False) -> list[str]:
    """The layering rules broken by one module (empty when it is fine)."""
    problems: list[str] = []
    imps = imports_of(source, modname, is_package)
    in_ui = modname == "hallmanager.ui" or modname.startswith("hallmanager.ui.")
    in_commands = modname.startswith("hallmanager.commands")
    in_root = modname in ("hallmanager.app", "hallmanager.cli", "hallmanager.__main__")
    in_exporters = modname.startswith("hallmanager.exporters")
    in_storage = modname == STORAGE or modname.startswith(STORAGE + ".")
    for imp in imps:
        where = f"{modname}:{imp.line} imports {imp.module}"
        if _hits(imp.module, ("PySide6", "shiboken6")) and not in_ui:
            if in_commands:
                if imp.top_level:
                    problems.append(where + " at module level (commands: only inside functions)")
            elif not in_root:
                problems.append(where + " (only hallmanager.ui may use Qt)")
        if _hits(imp.module, DATABASE_LIBS) and not in_storage:
            problems.append(where + " (only hallmanager.storage may use SQLAlchemy/Alembic; "
                                    "add a function to hallmanager.storage.repositories)")
        if _hits(imp.module, HEAVY) and imp.top_level and not in_exporters:
            problems.append(where + " at module level (slow start-up; import inside a function)")
        for layer, banned in BANNED.items():
            if (modname == layer or modname.startswith(layer + ".")) and _hits(imp.module, banned):
                problems.append(where + f" (not allowed in {layer})")
    return problems


@pytest.mark.parametrize(("modname", "file"), _modules(), ids=[m for m, _ in _modules()])
def test_module_respects_layering(modname, file):
    source = file.read_text(encoding="utf-8")
    assert violations(modname, source, file.name == "__init__.py") == []


def test_only_storage_imports_sqlalchemy_or_alembic():
    """The whole package at once, naming every offender (the per-module test says the same)."""
    offenders, in_storage = [], 0
    for modname, file in _modules():
        source = file.read_text(encoding="utf-8")
        for imp in imports_of(source, modname, file.name == "__init__.py"):
            if _hits(imp.module, DATABASE_LIBS):
                if modname == STORAGE or modname.startswith(STORAGE + "."):
                    in_storage += 1
                else:
                    offenders.append(f"{modname}:{imp.line} imports {imp.module}")
    assert offenders == []
    assert in_storage > 0  # the scan does see SQLAlchemy imports where they belong


def test_the_scan_sees_every_layer():
    names = {m for m, _ in _modules()}
    for layer in ("hallmanager.domain", "hallmanager.storage", "hallmanager.services"):
        assert any(n.startswith(layer + ".") for n in names), layer


# --- the checker itself must catch what it is meant to catch -----------------------------------


@pytest.mark.parametrize(("modname", "source"), [
    ("hallmanager.domain.x", "import sqlalchemy"),
    ("hallmanager.domain.x", "from ..storage import models"),
    ("hallmanager.domain.x", "def f():\n    from hallmanager.services import auth"),
    ("hallmanager.domain.x", "from PySide6.QtCore import QObject"),
    ("hallmanager.storage.x", "from hallmanager.services.auth import AuthService"),
    ("hallmanager.storage.x", "from .. import ui"),
    ("hallmanager.services.x", "import PySide6"),
    ("hallmanager.services.x", "from hallmanager.ui import main_window"),
    ("hallmanager.exporters.x", "from sqlalchemy import select"),
    ("hallmanager.exporters.x", "from hallmanager.services import audit"),
    ("hallmanager.commands.gui", "from PySide6.QtWidgets import QApplication"),
    ("hallmanager.services.x", "import openpyxl"),
    ("hallmanager.ui.x", "from reportlab.pdfgen import canvas"),
    ("hallmanager.services.x", "try:\n    import openpyxl\nexcept ImportError:\n    pass"),
    # SQLAlchemy and Alembic belong to hallmanager.storage alone, even inside functions or
    # under TYPE_CHECKING (annotate with hallmanager.storage.database.DbSession instead)
    ("hallmanager.services.x", "from sqlalchemy import select"),
    ("hallmanager.services.x", "from sqlalchemy.orm import Session, aliased"),
    ("hallmanager.services.x", "def check(s):\n    from sqlalchemy import inspect"),
    ("hallmanager.services.x", "from typing import TYPE_CHECKING\n"
                               "if TYPE_CHECKING:\n    from sqlalchemy.orm import Session"),
    ("hallmanager.services", "import sqlalchemy"),
    ("hallmanager.ui.x", "from sqlalchemy import func"),
    ("hallmanager.app", "from sqlalchemy.orm import Session"),
    ("hallmanager.cli", "import alembic.command"),
    ("hallmanager.__main__", "import sqlalchemy"),
    ("hallmanager.commands.check", "def run(a):\n    from sqlalchemy import text"),
    ("hallmanager.commands.x", "from alembic.config import Config"),
    ("hallmanager.domain.x", "from alembic import op"),
    ("hallmanager.exporters.x", "import sqlalchemy.orm"),
])
def test_checker_flags_bad_imports(modname, source):
    assert violations(modname, source) != []


@pytest.mark.parametrize(("modname", "source"), [
    ("hallmanager.ui.x", "from PySide6.QtWidgets import QWidget"),
    ("hallmanager.commands.gui", "def run(a):\n    from PySide6.QtWidgets import QApplication"),
    ("hallmanager.services.x", "def export():\n    import openpyxl"),
    ("hallmanager.exporters.x", "import openpyxl\nfrom hallmanager.domain import money"),
    ("hallmanager.storage.x", "from hallmanager.domain.errors import DatabaseError"),
    ("hallmanager.app", "from hallmanager.storage.database import open_database"),
    ("hallmanager.services.x", "from typing import TYPE_CHECKING\n"
                               "if TYPE_CHECKING:\n    import openpyxl"),
    ("hallmanager.storage.repositories.users", "from sqlalchemy import func, select"),
    ("hallmanager.storage.database", "from sqlalchemy.orm import Session, sessionmaker"),
    ("hallmanager.storage.migrations.env", "from alembic import context"),
    ("hallmanager.storage", "import sqlalchemy"),
    ("hallmanager.services.x", "from hallmanager.storage.database import DbSession"),
    ("hallmanager.services.x", "from hallmanager.storage.repositories import users as repo"),
    ("hallmanager.commands.x", "from hallmanager.storage.repositories import maintenance"),
])
def test_checker_allows_good_imports(modname, source):
    assert violations(modname, source) == []
