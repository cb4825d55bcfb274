"""The database handle: engines, sessions and opening a file safely.

``Database.write()`` yields a session inside one BEGIN IMMEDIATE transaction (one per user
action; on PostgreSQL a transaction holding the hallmanager advisory write lock);
``Database.read()`` a session on the deferred read engine.

``open_database`` looks at a SQLite file with Python's ``sqlite3`` in read-only mode before
anything else touches it, so a file that is unusable (read-only, locked, corrupt, written by a
newer program, in use by another hallmanager) is refused with a clear Chinese message and left
byte-for-byte as it was: no journal-mode switch (that rewrites the header), no -wal/-shm files,
no backup.

A process that opens the file without the instance lock (the command line beside a running
desk) keeps a ``WalGuard`` for its lifetime so that it never checkpoints and deletes the
-wal/-shm files the desk is still using (see ``WalGuard``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeAlias

from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from hallmanager.domain.errors import (
    DatabaseCorrupt,
    DatabaseError,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseTooNew,
)
from hallmanager.storage.engine import is_sqlite, make_engine
from hallmanager.storage.instance_lock import InstanceLock, LockInfo, is_stale
from hallmanager.storage.sqlite_file import (
    DEFAULT_LOCK_WAIT_S,
    QUICK_CHECK_MAX_BYTES,
    FileCheck,
    _classify,
    _require_readable_sqlite,
    _ro_connect,
)
from hallmanager.storage.sqlite_file import inspect_sqlite_file as _inspect_sqlite_file

# What another thread of the process is told while a restore replaces the file.
_RESTORING = "正在从备份恢复数据库，操作未完成。请在恢复结束后重试。"

# The session type services annotate with: they get sessions from ``Database.read()`` /
# ``write()`` and hand them to ``storage.repositories``, so they never import SQLAlchemy.
DbSession: TypeAlias = Session



def sqlite_url(path: Path | str) -> str:
    return f"sqlite:///{Path(path)}"


def sqlite_path(url: str) -> Path | None:
    """The SQLite file of a URL, or None for a server or in-memory database."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:":
        return Path(u.database)
    return None


class Database:
    """Engines and session factories for one database URL.

    ``read_only`` opens SQLite connections with ``mode=ro`` (for ``hallmanager check``).
    ``instance_lock`` is the lock file guarding the database, held or not.
    """

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        self.url = url
        self.read_only = read_only and is_sqlite(url) and sqlite_path(url) is not None
        self.engine: Engine = make_engine(url, immediate=True, read_only=self.read_only)
        # A separate engine for reads (deferred BEGIN, no PostgreSQL write lock), except for an
        # in-memory SQLite database: it exists once per connection, so it must share the engine.
        in_memory = is_sqlite(url) and sqlite_path(url) is None
        self.read_engine: Engine = (
            self.engine if in_memory else make_engine(url, immediate=False, read_only=self.read_only)
        )
        self._write = sessionmaker(self.engine, expire_on_commit=False)
        self._read = sessionmaker(self.read_engine, expire_on_commit=False)
        path = self.path
        self.instance_lock: InstanceLock | None = (
            InstanceLock.for_database(path) if path is not None else None
        )
        self.backup_path: Path | None = None  # set when open_database backed the file up
        self.wal_guard: WalGuard | None = None  # set by open_database(lock=False)
        # While a restore replaces the file, only the restoring thread may use the database
        # (a desk's timer must not open a connection to the file being replaced), and the
        # restore waits for the sessions other threads have open (``_open``: thread → count).
        self._suspended_for: int | None = None
        self._sessions = threading.Condition()
        self._open: dict[int, int] = {}

    @contextmanager
    def suspended(self, timeout: float = 30.0) -> Iterator[None]:
        """Keep every other thread of this process out of the database for the block; they
        get a DatabaseLocked ("正在恢复") instead of a connection to a file being replaced.

        The block starts only once the transactions other threads already had open have
        ended (with their commit and its local anchor): one still running, such as the
        start-up backup's audit entry, would otherwise write to the file being replaced, or
        write its anchor after the restored file's. Raises DatabaseLocked, changing nothing,
        if they do not end within ``timeout`` seconds."""
        me = threading.get_ident()
        with self._sessions:
            if self._suspended_for not in (None, me):
                raise DatabaseLocked(_RESTORING)
            self._suspended_for = me
            if not self._sessions.wait_for(
                    lambda: all(thread == me for thread in self._open), timeout):
                self._suspended_for = None
                raise DatabaseLocked("本程序的另一项操作仍在使用数据库，恢复未开始（未做任何更改）。"
                                     "请稍后重试。")
        try:
            yield
        finally:
            with self._sessions:
                self._suspended_for = None

    @contextmanager
    def _session_open(self) -> Iterator[None]:
        """Count a session of this thread (see ``suspended``); refused while another thread
        restores."""
        me = threading.get_ident()
        with self._sessions:
            owner = self._suspended_for
            if owner is not None and owner != me:
                raise DatabaseLocked(_RESTORING)
            self._open[me] = self._open.get(me, 0) + 1
        try:
            yield
        finally:
            with self._sessions:
                left = self._open[me] - 1
                if left:
                    self._open[me] = left
                else:
                    del self._open[me]
                    self._sessions.notify_all()

    @property
    def stale_lock_cleared(self) -> LockInfo | None:
        """The lock of a dead program that opening this database removed, if any."""
        return self.instance_lock.taken_over if self.instance_lock is not None else None

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        return sqlite_path(self.url)

    @property
    def lock_info(self) -> LockInfo | None:
        """This process's instance lock, or None if it doesn't hold one."""
        return self.instance_lock.info if self.instance_lock is not None else None

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: commit on success, roll back on any error.

        A failure of the database itself (locked, read-only, disk full, damaged) comes out as
        a ``DatabaseError`` with a Chinese message, so every caller (and every GUI action)
        reports it like any refused action instead of losing it as a programming error.
        """
        try:
            with self._session_open(), self._write() as session, session.begin():
                yield session
        except SQLAlchemyError as exc:
            raise database_failure(exc) from exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        try:
            with self._session_open(), self._read() as session, session.begin():
                yield session
        except SQLAlchemyError as exc:
            raise database_failure(exc) from exc

    def dispose(self) -> None:
        """Close every connection and release the instance lock.

        Our connections close first; the WAL guard last, so none of them is the "last
        connection" that checkpoints and deletes the -wal file. Only then, and only when no
        live desk holds the program lock, is the WAL checkpointed and removed (tidy up after a
        command-line run with no desk open).
        """
        if self.instance_lock is not None and self.instance_lock.held:
            self.checkpoint()
        self.engine.dispose()
        if self.read_engine is not self.engine:
            self.read_engine.dispose()
        guard, self.wal_guard = self.wal_guard, None
        if guard is not None:
            guard.close()
            if not self.desk_running():
                guard.tidy()
        if self.instance_lock is not None:
            self.instance_lock.release()

    def checkpoint(self) -> bool:
        """Copy the WAL into the database file and truncate it (the desk, when it closes:
        the file is complete on its own even if another process keeps a connection open).
        True when the WAL was fully checkpointed; best effort, never raises."""
        if self.path is None or self.read_only:
            return False
        try:
            raw = self.engine.raw_connection()
        except Exception:
            return False
        try:
            row = raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            return row is not None and row[0] == 0
        except sqlite3.Error:
            return False
        finally:
            raw.close()

    def desk_running(self) -> bool:
        """Whether another live program (a desk app) holds this file's instance lock."""
        lock = self.instance_lock
        if lock is None:
            return False
        info = lock.read()
        return info is not None and info != lock.info and not is_stale(info)


class BatchAborted(RuntimeError):
    """A service action inside a demo batch failed after it had written something: the
    batch cannot undo that action alone, so the whole batch is rolled back. Deliberately not
    a DomainError, so that a demo step catching refused actions cannot swallow it."""


class BatchDatabase:
    """A Database whose service actions, inside ``batch()``, share one write transaction.

    For building demo halls only (``app.create_demo`` wraps the real database in one; the
    desk never gets one): the services run exactly as at the desk — their permission checks,
    rules and audit entries — but a demo day commits once instead of once per action.

    - An action refused before it wrote anything (a rule, a permission) leaves the batch as
      it was, exactly as its own transaction at the desk would; one that fails after
      writing cannot be undone alone, so it aborts the whole batch (``BatchAborted``, rolled
      back) rather than commit half an action. No SAVEPOINT per action: they cost more than
      the rest of the batching saves, and the demo never fails half-way.
    - The batch's session keeps every object it loaded (the ORM otherwise forgets objects
      nobody references and loads them again by primary key, thousands of times a day).
      Within one write transaction nobody else can change a row, so what it keeps is current.
    - ``building()`` runs the write connections with ``PRAGMA synchronous=OFF`` and ends with
      ``synchronous=FULL`` and a WAL checkpoint: a commit waits for no disk flush. A power cut
      during the build may damage the file, which is fine for a demo file — build it again.
    Outside a batch every call goes straight to the wrapped database.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self.url = db.url
        self._session: Session | None = None
        self._flushes = 0
        self._aborted = False

    def _count_flush(self, *_: object) -> None:
        self._flushes += 1

    @property
    def path(self) -> Path | None:
        return self.db.path

    @property
    def engine(self) -> Engine:
        return self.db.engine

    @contextmanager
    def building(self) -> Iterator[None]:
        """The whole build: no disk flush per commit; at the end full durability again and
        the WAL copied into the file (so the finished file is safe on disk)."""
        if not is_sqlite(self.url) or self.db.path is None:
            yield
            return
        engine = self.db.engine

        # Checked out and back in outside any transaction (the pragma is refused inside one).
        def fast(dbapi_conn: sqlite3.Connection | None, *_: object) -> None:
            if dbapi_conn is not None:
                dbapi_conn.execute("PRAGMA synchronous=OFF")

        def durable(dbapi_conn: sqlite3.Connection | None, *_: object) -> None:
            if dbapi_conn is not None:
                dbapi_conn.execute("PRAGMA synchronous=FULL")

        event.listen(engine, "checkout", fast)
        event.listen(engine, "checkin", durable)
        try:
            yield
        finally:
            event.remove(engine, "checkout", fast)
            event.remove(engine, "checkin", durable)
        self.db.checkpoint()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One transaction for every service action in the block (commit at the end, roll
        everything back on an error that escapes the block)."""
        if self._session is not None:
            yield
            return
        with self.db.write() as s:
            keep_loaded_objects(s)
            event.listen(s, "after_flush", self._count_flush)
            self._session = s
            self._aborted = False
            try:
                yield
                if self._aborted:  # swallowed by the caller: still never commit
                    raise BatchAborted("a demo action failed after writing; batch rolled back")
            finally:
                self._session = None

    @contextmanager
    def write(self) -> Iterator[Session]:
        s = self._session
        if s is None:
            with self.db.write() as s:
                yield s
            return
        flushes = self._flushes
        try:
            yield s
            s.flush()
        except BaseException as exc:
            if self._flushes != flushes or s.new or s.dirty or s.deleted:
                # The action had changed something before it failed; at the desk its own
                # transaction would roll back alone, here only the whole batch can.
                self._aborted = True
                raise BatchAborted("a demo action failed after writing; batch rolled back") \
                    from exc
            if isinstance(exc, SQLAlchemyError):
                raise database_failure(exc) from exc
            raise

    @contextmanager
    def read(self) -> Iterator[Session]:
        if self._session is None:
            with self.db.read() as s:
                yield s
            return
        yield self._session

    def dispose(self) -> None:
        """Nothing: the caller owns the wrapped database."""

    def checkpoint(self) -> bool:
        return self.db.checkpoint()


_KEPT = "hallmanager_kept_objects"


def keep_loaded_objects(session: Session) -> None:
    """Make ``session`` hold a strong reference to every object it has (SQLAlchemy's
    "strong reference session" recipe), so looking one up again costs no query."""
    kept: dict[int, object] = {}
    session.info[_KEPT] = kept

    def hold(_s: Session, obj: object) -> None:
        kept[id(obj)] = obj

    def drop(_s: Session, obj: object) -> None:
        kept.pop(id(obj), None)

    for name in ("pending_to_persistent", "deleted_to_persistent", "detached_to_persistent",
                 "loaded_as_persistent"):
        event.listen(session, name, hold)
    for name in ("persistent_to_detached", "persistent_to_deleted", "persistent_to_transient"):
        event.listen(session, name, drop)


class WalGuard:
    """A read-only connection held open by a process that doesn't own the database file.

    On POSIX, closing *any* descriptor of a file drops every fcntl lock the process holds on
    it (SQLite, "How To Corrupt An SQLite Database File" §2.2): when Qt's file dialog inside
    the desk app opens and closes the database file, the desk's shared lock is gone. A
    command-line process closing its last connection then wins SQLite's exclusive-lock test
    for "last connection", checkpoints and deletes the -wal/-shm files the desk still
    writes into, and the desk's later writes are lost or corrupt the file.

    This guard is opened before any read-write connection of the process and closed after
    all of them. While it is open, SQLite's in-process lock accounting keeps every other
    connection of ours from taking the exclusive lock on close; and the guard itself, opened
    ``mode=ro`` (O_RDONLY), can never take a write lock, so it never checkpoints or deletes
    anything either. Works with every Python (no SQLITE_FCNTL_PERSIST_WAL or
    SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE API is needed, which Python 3.11 lacks).
    """

    def __init__(self, path: Path, timeout: float = DEFAULT_LOCK_WAIT_S) -> None:
        self.path = path
        self._con: sqlite3.Connection | None = sqlite3.connect(
            f"{path.as_uri()}?mode=ro", uri=True, timeout=timeout, isolation_level=None,
            check_same_thread=False)
        try:
            # A read takes the shared lock WAL-mode connections keep until they close.
            self._con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error:
            self.close()
            raise

    def close(self) -> None:
        if self._con is not None:
            con, self._con = self._con, None
            with contextlib.suppress(sqlite3.Error):
                con.close()

    def tidy(self) -> None:
        """Checkpoint and remove the -wal/-shm files if no other connection is open anywhere
        (SQLite decides that itself when this short read-write connection closes)."""
        if not self.path.with_name(self.path.name + "-wal").exists():
            return
        with contextlib.suppress(sqlite3.Error):
            con = sqlite3.connect(str(self.path), timeout=DEFAULT_LOCK_WAIT_S,
                                  isolation_level=None)
            try:
                con.execute("SELECT count(*) FROM sqlite_master").fetchone()
            finally:
                con.close()


def open_database(
    url: str,
    *,
    migrate: bool = True,
    backup: bool = True,
    lock: bool = True,
    read_only: bool = False,
    lock_wait: float = DEFAULT_LOCK_WAIT_S,
    now: dt.datetime | None = None,
) -> Database:
    """Open a database safely and bring it to the newest schema.

    For a SQLite file: create a missing folder; refuse (leaving the file untouched) a file
    that is read-only, locked, corrupt, from a newer program or in use by another hallmanager
    (``lock``); back it up beside itself before a migration (``backup``), then migrate.
    Nothing done here grows with the history: the stored revision is read with plain SQL and
    Alembic runs only when it differs from the head; SQLite's ``quick_check`` runs only on a
    small file, after a crash (a dead program's lock) and before a migration's backup —
    ``hallmanager check`` runs the full ``integrity_check``.
    ``read_only`` is for inspection while the app runs: no folder is created, nothing is
    written, no lock taken, no migration. Server databases (PostgreSQL) only migrate.
    ``now`` names the backup file (defaults to the local time).
    """
    from hallmanager.storage.migrate import head_revision, upgrade_to_head

    path = sqlite_path(url)
    if path is None:
        server = Database(url)
        try:
            if not read_only:
                revision = _refuse_unknown_revision_server(server, url)
                if migrate and revision != head_revision():
                    upgrade_to_head(server.engine)
        except BaseException:
            server.dispose()
            raise
        return server

    path = path.absolute()
    if read_only:
        if not path.exists():
            raise DatabaseError(f"数据库文件不存在：{path}")
        # Read-only opens are for ``check``, which runs the full integrity_check itself.
        inspect_sqlite_file(path, lock_wait=lock_wait, integrity=False)
        return Database(url, read_only=True)

    _ensure_folder(path.parent)
    if path.exists():
        _require_readable_sqlite(path)
    _require_writable(path)

    instance_lock = InstanceLock.for_database(path)
    if lock:
        # A provably dead program's lock (crash, power cut, kill) is taken over at once;
        # ``Database.stale_lock_cleared`` tells the caller to audit it.
        instance_lock.acquire(take_over_stale=True)
    db: Database | None = None
    guard: WalGuard | None = None
    try:
        # A crash (a dead program's lock taken over) or a migration with its backup ahead:
        # check the whole file first; otherwise only if it is small (bounded cost).
        crashed = instance_lock.taken_over is not None
        check = inspect_sqlite_file(path, lock_wait=lock_wait,
                                    integrity=True if crashed else None)
        if not lock and check.exists and not check.empty:
            # Before any read-write connection, and after the last Python-level open() of
            # the file here (closing such a descriptor would drop the guard's lock).
            guard = WalGuard(path, lock_wait)
        if check.exists and not check.empty:
            _probe_write_lock(path, lock_wait)
        db = Database(url)
        db.instance_lock = instance_lock
        db.wal_guard, guard = guard, None
        if migrate and check.revision != head_revision():
            if backup and check.exists and not check.empty:
                db.backup_path = backup_sqlite_file(path, now=now)
            upgrade_to_head(db.engine)
    except BaseException:
        if db is not None:
            db.dispose()
        if guard is not None:
            guard.close()
        instance_lock.release()
        raise
    return db


# --- the checks ---------------------------------------------------------------------------


def _ensure_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except PermissionError as exc:
        raise DatabaseReadOnly(f"无法创建数据库文件夹（没有写入权限）：{folder}") from exc
    except OSError as exc:
        raise DatabaseError(f"无法创建数据库文件夹：{folder}（{exc.strerror or exc}）") from exc


def _require_writable(path: Path) -> None:
    """WAL needs the file and its folder writable (it creates -wal/-shm files beside it)."""
    if path.exists() and not os.access(path, os.W_OK):
        raise DatabaseReadOnly(
            f"数据库文件是只读的，无法保存记录：{path}。请检查文件属性或权限（文件未被改动）。"
        )
    if not os.access(path.parent, os.W_OK):
        raise DatabaseReadOnly(
            f"数据库所在文件夹是只读的：{path.parent}。程序需要在数据库旁边创建日志文件"
            f"（-wal/-shm）和锁文件，请换一个可写的文件夹或修改权限（文件未被改动）。"
        )


def inspect_sqlite_file(path: Path, *, lock_wait: float = DEFAULT_LOCK_WAIT_S,
                        integrity: bool | None = True) -> FileCheck:
    """``storage.sqlite_file.inspect_sqlite_file`` with this module's
    ``QUICK_CHECK_MAX_BYTES`` (a test lowers it)."""
    return _inspect_sqlite_file(path, lock_wait=lock_wait, integrity=integrity,
                                quick_check_max_bytes=QUICK_CHECK_MAX_BYTES)


def _probe_write_lock(path: Path, lock_wait: float) -> None:
    """Refuse a file another connection holds a write lock on (BEGIN IMMEDIATE fails)."""
    try:
        con = sqlite3.connect(str(path), timeout=lock_wait, isolation_level=None)
    except sqlite3.Error as exc:
        raise _classify(exc, path) from exc
    try:
        con.execute("BEGIN IMMEDIATE")
        con.execute("ROLLBACK")
    except sqlite3.Error as exc:
        raise _classify(exc, path) from exc
    finally:
        con.close()


def database_failure(exc: BaseException) -> DatabaseError:
    """A driver error during a transaction, as a DatabaseError saying that nothing was done.

    The detail names the driver's error (never bound values: engines hide parameters).
    """
    orig = getattr(exc, "orig", None) or exc
    text = str(orig)
    msg = text.lower()
    detail = f"{type(orig).__name__}: {text}"
    if "locked" in msg or "busy" in msg:
        return DatabaseLocked("数据库正被另一个程序占用，操作未完成。请稍后重试。", detail=detail)
    if "readonly" in msg or "read-only" in msg or "permission" in msg:
        return DatabaseReadOnly("数据库无法写入（只读或没有权限），操作未完成。", detail=detail)
    if "disk is full" in msg or "database or disk is full" in msg:
        return DatabaseError("磁盘已满，数据库无法写入，操作未完成。请清理磁盘后重试。",
                             detail=detail)
    if "malformed" in msg or "not a database" in msg or "corrupt" in msg:
        return DatabaseCorrupt("数据库文件已损坏，操作未完成。请关闭程序，运行 hallmanager check，"
                               "并从备份恢复。", detail=detail)
    return DatabaseError("数据库操作失败，操作未完成。", detail=detail)


def _refuse_unknown_revision_server(db: Database, url: str) -> str | None:
    """The server database's stored revision; refuses one this program doesn't know."""
    from hallmanager.storage.migrate import current_revision, known_revisions

    with db.read_engine.connect() as conn:
        revision = current_revision(conn)
    if revision is not None and revision not in known_revisions():
        u = make_url(url)
        raise DatabaseTooNew(
            f"数据库 {u.render_as_string(hide_password=True)} 由更新版本的营业厅工作台创建"
            f"（结构版本 {revision}），本程序无法识别。请升级程序后再打开。"
        )
    return revision


# --- backup -------------------------------------------------------------------------------


def backup_name(path: Path, when: dt.datetime) -> Path:
    """``hall.sqlite`` → ``hall.backup-20261122-083000.sqlite`` beside it."""
    return path.with_name(f"{path.stem}.backup-{when:%Y%m%d-%H%M%S}.sqlite")


def backup_sqlite_file(path: Path, *, now: dt.datetime | None = None) -> Path:
    """Consistent copy via SQLite's backup API (safe even if the file is in use).

    The copy is switched to rollback-journal mode so it is one self-contained file.
    """
    target = backup_name(path, now or dt.datetime.now())
    n = 1
    while target.exists():
        target = target.with_name(f"{target.stem}-{n}.sqlite")
        n += 1
    src = _ro_connect(path, DEFAULT_LOCK_WAIT_S)
    try:
        dst = sqlite3.connect(str(target), isolation_level=None)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    except sqlite3.Error as exc:
        with contextlib.suppress(OSError):
            target.unlink()
        raise DatabaseError(f"迁移前备份数据库失败：{path} → {target}（{exc}）") from exc
    finally:
        src.close()
    return target

