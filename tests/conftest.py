"""Shared fixtures: a fresh real SQLite file per test, a manual clock, wired services."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from hallmanager.app import Services, build_services
from hallmanager.domain.clock import ManualClock
from hallmanager.domain.roles import Role
from hallmanager.services.context import UserInfo
from hallmanager.storage.anchors import (
    Anchor,
    database_identity,
    read_local_anchor,
    write_local_anchor,
)
from hallmanager.storage.database import Database, open_database, sqlite_url

ADMIN_PASSWORD = "Admin2026pw"
START = dt.datetime(2026, 11, 22, 9, 0, 0)  # the clock fixture's time
USER_PASSWORD = "Passw0rd123"


@pytest.fixture(autouse=True)
def anchor_dir(tmp_path_factory, monkeypatch):
    """Audit anchors (storage.anchors) of each test in a folder of its own, never in the
    user's configuration folder."""
    folder = tmp_path_factory.mktemp("anchors")
    monkeypatch.setenv("HALLMANAGER_ANCHOR_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True, scope="session")
def font_cache(tmp_path_factory):
    """The font index (exporters.fonts) in a folder of the test session, never in the
    user's cache folder; shared by the session's tests, as one PC's cache is."""
    folder = tmp_path_factory.mktemp("font-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HALLMANAGER_FONT_CACHE", str(folder))
        yield folder


@pytest.fixture
def fast_cli_hash(monkeypatch):
    """Commands build their services with the real Argon2id cost (0.4 s a hash here, and a
    rehash of the fixtures' cheap hashes at the first login); CLI tests that log in many
    times use the tests' cheaper Argon2id parameters instead."""
    from hallmanager.services import auth

    real = auth.make_hasher
    monkeypatch.setattr(auth, "make_hasher", lambda *, fast=False: real(fast=True))


ROOT = Path(__file__).resolve().parents[1]


def run_cli(args: list[str], env: dict[str, str], *,
            process: bool = False) -> subprocess.CompletedProcess[str]:
    """``hallmanager ARGS`` with ``env`` as its environment. ``process``: a real ``python -m
    hallmanager`` subprocess (each CLI test file runs one per kind of run). Otherwise the
    same ``cli.main`` and parser in this process (``env`` replaces ``os.environ`` for the
    call), stdout and stderr captured, argparse's exit code kept: no interpreter start and,
    with ``fast_cli_hash``, no production password hash."""
    import contextlib
    import io

    from hallmanager.cli import main

    if process:
        return subprocess.run([sys.executable, "-m", "hallmanager", *args],
                              stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              env={**env, "PYTHONPATH": str(ROOT)}, cwd=ROOT, timeout=120,
                              check=False)

    out, err = io.StringIO(), io.StringIO()
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return subprocess.CompletedProcess(["hallmanager", *args], int(code or 0), out.getvalue(),
                                       err.getvalue())


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "hall.sqlite"


@pytest.fixture(scope="session")
def schema_template(tmp_path_factory) -> Path:
    """An empty database file at the newest schema, migrated once per test process.

    Every Alembic migration of a new file costs about 0.1 s of CPU (plus importing Alembic
    itself); hundreds of tests start from an empty hall, so ``db`` copies this file instead.
    ``open_database`` still runs on the copy (checks, lock, WAL), it only finds the schema
    at the head. Tests of migrating a new file open their own paths, never ``db``."""
    path = tmp_path_factory.mktemp("schema-template") / "empty.sqlite"
    open_database(sqlite_url(path)).dispose()
    assert not path.with_name(path.name + "-wal").exists()  # a whole, checkpointed file
    return path


@pytest.fixture(scope="session")
def hall_template(schema_template) -> tuple[Path, Anchor]:
    """The empty template with the hall set up exactly as ``hall`` sets it up (same clock),
    and the local anchor the program wrote for it, built once per test process."""
    folder = schema_template.parent
    path = folder / "hall.sqlite"
    shutil.copyfile(schema_template, path)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HALLMANAGER_ANCHOR_DIR", str(folder / "anchors"))
        database = open_database(sqlite_url(path))
        try:
            _set_up_hall(build_services(database, ManualClock(START), fast_hash=True))
        finally:
            database.dispose()
        anchor = read_local_anchor(database_identity(sqlite_url(path)))
    assert anchor is not None
    return path, anchor


def _grow_hall(hall_template: tuple[Path, Anchor], path: Path, clock: ManualClock,
               grow: Callable[[Services], object]) -> Anchor:
    """A copy of ``hall_template`` at ``path`` with ``grow(services)`` done in it as the hall
    manager (logged in at ``clock``'s time): the local anchor the program wrote for it."""
    source, anchor = hall_template
    shutil.copyfile(source, path)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HALLMANAGER_ANCHOR_DIR", str(path.parent / f"{path.stem}-anchors"))
        write_local_anchor(database_identity(sqlite_url(path)), anchor)
        database = open_database(sqlite_url(path))
        try:
            services = build_services(database, clock, fast_hash=True)
            services.auth.login("admin", ADMIN_PASSWORD)
            grow(services)
        finally:
            database.dispose()
        grown = read_local_anchor(database_identity(sqlite_url(path)))
    assert grown is not None
    return grown


@pytest.fixture(scope="session")
def desk_template(hall_template) -> tuple[Path, Anchor]:
    """The set-up hall with the ``desk`` fixture's two duty managers added by the hall
    manager, as ``desk`` adds them, built once per test process."""
    path = hall_template[0].with_name("desk.sqlite")
    return path, _grow_hall(hall_template, path, ManualClock(START), _add_desk_users)


@pytest.fixture
def db(request, db_path, schema_template, clock, anchor_dir) -> Database:
    """A fresh database file: a copy of the empty template, or, for a test that asks for
    ``hall`` or this file's ``desk`` (directly or through another fixture), of the set-up
    hall (with the desk's users), anchored on this PC as the program would have anchored it (the setup is
    then not repeated)."""
    names = request.fixturenames
    built = ("desk_template" if "desk_users" in names else "hall_template" if "hall" in names
             else None)
    if built is not None and clock.now() == START:
        template, anchor = request.getfixturevalue(built)
        shutil.copyfile(template, db_path)
        write_local_anchor(database_identity(sqlite_url(db_path)), anchor)
    else:
        shutil.copyfile(schema_template, db_path)
    database = open_database(sqlite_url(db_path))
    yield database
    database.dispose()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def services(db, clock) -> Services:
    """Services over a fresh database; nobody logged in, hall not set up."""
    return build_services(db, clock, fast_hash=True)


def _set_up_hall(services: Services) -> None:
    services.auth.setup(hall_name="拉萨北京路营业厅", hall_code="LS001", username="admin",
                        full_name="王厅长", password=ADMIN_PASSWORD)


@pytest.fixture
def hall(services) -> Services:
    """A set-up hall with the hall manager ``admin`` logged in (``db`` usually copied the
    hall already set up from ``hall_template``)."""
    if services.auth.needs_setup():
        _set_up_hall(services)
    services.auth.login("admin", ADMIN_PASSWORD)
    return services


def _add_desk_users(services: Services) -> None:
    add_user(services, "zhang", Role.DUTY_MANAGER, "张值班", "RK0011")
    add_user(services, "li", Role.DUTY_MANAGER, "李值班", "RK0012")


@pytest.fixture
def desk_users() -> None:
    """Asked for by ``desk`` (not by a test file's own ``desk``): ``db`` then copies
    ``desk_template``."""


@pytest.fixture
def desk(desk_users, hall) -> Services:
    """Two duty managers on the roster; 张值班 (``zhang``) logged in at the desk (``db``
    usually copied them from ``desk_template``)."""
    if "zhang" not in {u.username for u in hall.auth.list_users()}:
        _add_desk_users(hall)
    login_as(hall, "zhang")
    return hall


@pytest.fixture
def sid(desk) -> dict[str, int]:
    """Shift name → id (早班, 晚班)."""
    return {s.name: s.id for s in desk.settings.shifts()}


# --- the desk's widgets --------------------------------------------------------------------
@pytest.fixture
def ini(tmp_path):
    """A temp-ini QSettings (never the user's registry)."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, hall, ini, clock):
    """The main window with the hall manager logged in; the idle timer is polled by hand.
    Tabs are built as at the desk's start (``lazy_tabs``): ``window.page(name)`` builds one."""
    from hallmanager.ui.main_window import MainWindow

    w = MainWindow(hall, settings=ini, clock=clock, idle_poll_ms=3_600_000, lazy_tabs=True)
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.fixture
def english(qapp, tmp_path):
    """The English translation installed for one test (compiled into tmp_path)."""
    from PySide6.QtCore import QLocale

    from hallmanager.ui import i18n

    if i18n.find_tool("lrelease") is None:
        pytest.skip("lrelease not available")
    locale = QLocale()
    translators = i18n.install_translator(qapp, "en", cache_dir=tmp_path)
    yield translators
    for t in translators:
        qapp.removeTranslator(t)
    QLocale.setDefault(locale)


def last_audit(services: Services):
    """The newest audit entry (ORM row)."""
    from sqlalchemy import select

    from hallmanager.storage.models import AuditEntry

    with services.db.read() as s:
        return s.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1))


def fill_audit(services: Services, n: int,
               at: dt.datetime = dt.datetime(2026, 11, 22, 9, 0)) -> None:
    """``n`` filler entries (action ``test``, entity ``filler``, ids 0 … n-1) in one
    transaction, chained exactly as ``append_audit`` chains them: the first through
    ``append_audit`` itself, the rest hashed the same way and written in one flush (one
    ``append_audit`` per entry flushed each: 5,000 of them took 5 s of CPU). The local anchor
    moves to the last one, as after ``append_audit``."""
    from hallmanager.domain.audit_chain import entry_hash
    from hallmanager.storage.audit import _track_head, append_audit, to_chain_entry
    from hallmanager.storage.models import AuditEntry

    with services.ctx.db.write() as s:
        prev = append_audit(s, at=at, user_id=None, username="system", action="test",
                            entity="filler", entity_id=0)
        rows = []
        for i in range(1, n):
            e = AuditEntry(id=prev.id + 1, at=prev.at, user_id=None, username="system",
                           action="test", entity="filler", entity_id=str(i), before_json=None,
                           after_json=None, prev_hash=prev.hash, hash="")
            e.hash = entry_hash(e.prev_hash, to_chain_entry(e).payload())
            rows.append(e)
            prev = e
        s.add_all(rows)
        s.flush()
        _track_head(s, prev)


def add_user(services: Services, username: str, role: Role, full_name: str = "测试员",
             staff_no: str | None = None) -> UserInfo:
    """Create a user as the logged-in hall manager (keeps the current login)."""
    return services.auth.create_user(username=username, full_name=full_name, role=role,
                                     password=USER_PASSWORD, staff_no=staff_no)


def login_as(services: Services, username: str, password: str = USER_PASSWORD) -> UserInfo:
    services.auth.logout()
    return services.auth.login(username, password)


def dead_pid() -> int:
    """The pid of a process of this host that has already exited (for stale-lock tests)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


# --- suite speed (issue 8 §8): command-line processes without an interpreter start each -----
# Added by the suite-speed branch; the fixtures above are unchanged.

_CLI_FORK_SERVER = r"""
import os, sys
# the tests' Argon2id cost, as fast_cli_hash gives in-process commands
import hallmanager.services.auth as auth
real_hasher = auth.make_hasher
auth.make_hasher = lambda *, fast=False: real_hasher(fast=True)
from hallmanager.cli import main
# what the commands import lazily, imported once before the first fork
import openpyxl, hallmanager.commands.export, hallmanager.exporters.daily_excel  # noqa
import hallmanager.storage.migrate  # noqa  (alembic)
from tools.forks import serve


def command(req):
    os.environ.clear()
    os.environ.update(req["env"])
    if req["code"] is None:  # hallmanager ARGS
        return main(req["args"])
    sys.argv = ["-c", *req["args"]]  # python -c CODE ARGS
    exec(compile(req["code"], "<string>", "exec"), {"__name__": "__main__"})


serve(command)
"""


class CliForks:
    """``hallmanager ARGS`` (or a ``python -c`` script) as real, separate processes (the
    command line beside the desk), each forked from one helper interpreter that imported the
    program once: no interpreter start and no imports per command (about 1 s of CPU each when
    spawned). The helper never opens a database, so every command starts from what a fresh
    process has. Use a real ``python -m hallmanager`` (``run_cli(process=True)``) once per
    file for the entry point, and a real interpreter where what is imported is the point."""

    def __init__(self, folder: Path) -> None:
        from tools.forks import ForkServer

        self._server = ForkServer(_CLI_FORK_SERVER, folder)

    def run(self, *args: str, env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess[str]:
        """Like ``subprocess.run([python, -m, hallmanager, *args])`` with ``env`` (default:
        this process's environment) and stdin closed."""
        return self._request(None, args, env)

    def script(self, code: str, *args: str, env: dict[str, str] | None = None
               ) -> subprocess.CompletedProcess[str]:
        """Like ``subprocess.run([python, -c, code, *args])``, stdin closed."""
        return self._request(code, args, env)

    def _request(self, code: str | None, args: tuple[str, ...], env: dict[str, str] | None
                 ) -> subprocess.CompletedProcess[str]:
        env = {**(os.environ if env is None else env), "PYTHONPATH": str(ROOT)}
        rc, out, err = self._server.run({"code": code, "args": list(args), "env": env})
        return subprocess.CompletedProcess(["hallmanager", *args], rc, out, err)

    def close(self) -> None:
        self._server.close()


@pytest.fixture(scope="module")
def cli_forks(tmp_path_factory):
    """A ``CliForks`` shared by the module's tests (POSIX: needs fork)."""
    if not hasattr(os, "fork"):
        pytest.skip("needs fork (POSIX)")
    forks = CliForks(tmp_path_factory.mktemp("cli-forks"))
    yield forks
    forks.close()


@pytest.fixture(scope="session")
def day_template(hall_template) -> tuple[Path, Anchor, dt.datetime]:
    """The set-up hall after ``tests.test_export_service.build_day`` (a signed early shift, a
    late-shift draft, five users), built once per test process as ``hall`` and ``build_day``
    build it: the file, its local anchor and the clock's time at the end."""
    from tests.test_export_service import build_day

    folder = hall_template[0].parent / "day"
    folder.mkdir()
    path = folder / "hall.sqlite"
    clock = ManualClock(START)
    day_anchor = _grow_hall(hall_template, path, clock, lambda sv: build_day(sv, clock))
    return path, day_anchor, clock.now()


def copy_day(day_template, path: Path) -> dt.datetime:
    """Copy ``day_template``'s file to ``path``, anchored on this PC (the current
    ``HALLMANAGER_ANCHOR_DIR``) as the program anchored it; the clock time to go on from."""
    template, anchor, now = day_template
    shutil.copyfile(template, path)
    write_local_anchor(database_identity(sqlite_url(path)), anchor)
    return now


@pytest.fixture
def built_day_db(day_template, db_path, clock, anchor_dir) -> Database:
    """What ``db`` gives a test that asks for ``hall`` and then calls ``build_day(hall,
    clock)``, without building the day again: a copy of ``day_template``, the clock at the
    day's end. A test module opts in by overriding ``db`` with it; ``hall`` then logs the
    hall manager in and the test continues with ``day_built(hall)`` (test_export_service)."""
    clock.set(copy_day(day_template, db_path))
    database = open_database(sqlite_url(db_path))
    yield database
    database.dispose()
