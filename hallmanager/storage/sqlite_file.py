"""Looking at a SQLite file with Python's own ``sqlite3``, before (or instead of) SQLAlchemy.

``open_database`` refuses an unusable file here before anything else touches it, and
``hallmanager check`` reads a SQLite file through these functions and ``storage.check_rows``
alone, so the check never imports SQLAlchemy (a third of a second on a desk PC). Nothing here
writes to the file.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from hallmanager.domain.errors import (
    DatabaseCorrupt,
    DatabaseError,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseTooNew,
)

SQLITE_MAGIC = b"SQLite format 3\x00"
# How long open_database waits for another connection's write transaction before it says
# "locked": the desk app's own transactions last milliseconds.
DEFAULT_LOCK_WAIT_S = 2.0
# Opening runs SQLite's quick_check on files up to this size (a few milliseconds); bigger
# ones are checked by ``hallmanager check``, after a crash and before a migration's backup.
QUICK_CHECK_MAX_BYTES = 4 * 1024 * 1024


def sqlite_readonly_uri(path: Path | str) -> str:
    """``file:`` URI opening the file read-only so that nothing at all is written.

    A WAL-mode file with no -wal file beside it is opened ``immutable``: nobody has it open
    (an open WAL connection keeps its -wal file), and a plain read-only open would create
    -wal/-shm files that a read-only connection cannot remove again.
    """
    p = Path(path).absolute()
    uri = p.as_uri() + "?mode=ro"
    if _is_wal_header(p) and not p.with_name(p.name + "-wal").exists():
        uri += "&immutable=1"
    return uri


def _is_wal_header(path: Path) -> bool:
    """Bytes 18/19 of the SQLite header are 2 when the file is in WAL mode."""
    try:
        with path.open("rb") as f:
            head = f.read(20)
    except OSError:
        return False
    return len(head) == 20 and head[18] == 2 and head[19] == 2


@dataclass(frozen=True)
class FileCheck:
    """What the read-only look at a SQLite file found."""

    exists: bool
    empty: bool  # no file, a 0-byte file or a SQLite file without tables
    revision: str | None


def _require_readable_sqlite(path: Path) -> None:
    """Refuse a file we can't read or that is not SQLite at all (by its 16-byte magic)."""
    if path.is_dir():
        raise DatabaseError(f"数据库路径是一个文件夹，不是文件：{path}")
    try:
        with path.open("rb") as f:
            head = f.read(100)
    except PermissionError as exc:
        raise DatabaseReadOnly(f"没有读取数据库文件的权限：{path}") from exc
    if head and not head.startswith(SQLITE_MAGIC):
        raise DatabaseCorrupt(
            f"文件不是 SQLite 数据库，或已经损坏：{path}。文件未被改动；请从备份恢复或另选文件。"
        )
    if head and len(head) < 100:
        raise DatabaseCorrupt(f"数据库文件已损坏（文件头不完整）：{path}。文件未被改动。")


def _ro_connect(path: Path, timeout: float) -> sqlite3.Connection:
    """Read-only connection that creates nothing beside the file (see sqlite_readonly_uri)."""
    return sqlite3.connect(sqlite_readonly_uri(path), uri=True, timeout=timeout,
                           isolation_level=None)


def inspect_sqlite_file(path: Path, *, lock_wait: float = DEFAULT_LOCK_WAIT_S,
                        integrity: bool | None = True,
                        quick_check_max_bytes: int = QUICK_CHECK_MAX_BYTES) -> FileCheck:
    """Read-only look at a SQLite file: corrupt? locked exclusively? schema revision known?

    ``integrity``: run ``PRAGMA quick_check`` (its cost grows with the file); None = only
    when the file is at most ``quick_check_max_bytes`` or its revision is not the head (a
    migration and its backup follow). The header, the schema and the revision are always
    read, so a file that is not a database, or a damaged schema, is refused regardless.
    Raises DatabaseCorrupt, DatabaseLocked or DatabaseTooNew; never writes.
    """
    from hallmanager.storage.migrate import head_revision, known_revisions

    if not path.exists() or path.stat().st_size == 0:
        return FileCheck(exists=path.exists(), empty=True, revision=None)
    _require_readable_sqlite(path)
    try:
        con = _ro_connect(path, lock_wait)
    except sqlite3.Error as exc:
        raise _classify(exc, path) from exc
    try:
        try:
            tables = {
                r[0]
                for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            revision = None
            if "alembic_version" in tables:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
            if integrity is None:
                integrity = (path.stat().st_size <= quick_check_max_bytes
                             or revision != head_revision())
            rows = ([r[0] for r in con.execute("PRAGMA quick_check").fetchall()]
                    if integrity else ["ok"])
        except sqlite3.Error as exc:
            raise _classify(exc, path) from exc
    finally:
        con.close()
    if rows != ["ok"]:
        detail = "；".join(str(r) for r in rows[:5])
        raise DatabaseCorrupt(
            f"数据库文件已损坏（完整性检查未通过）：{path}。文件未被改动；请从备份恢复。",
            detail=detail,
        )
    user_tables = {t for t in tables if not t.startswith("sqlite_")}
    if revision is not None and revision not in known_revisions():
        raise DatabaseTooNew(
            f"数据库 {path} 由更新版本的营业厅工作台创建（结构版本 {revision}），"
            f"本程序无法识别。请升级程序后再打开；文件未被改动。"
        )
    if revision is None and user_tables - {"alembic_version"}:
        raise DatabaseCorrupt(
            f"文件 {path} 是 SQLite 数据库，但不是营业厅工作台的数据库"
            f"（含有表：{', '.join(sorted(user_tables)[:5])}）。文件未被改动；请另选文件。"
        )
    return FileCheck(exists=True, empty=not user_tables, revision=revision)


def _classify(exc: sqlite3.Error, path: Path) -> DatabaseError:
    msg = str(exc).lower()
    if "locked" in msg or "busy" in msg:
        return DatabaseLocked(
            f"数据库 {path} 正被另一个程序锁定（正在写入）。请稍后再试，"
            f"或关闭正在使用该文件的其他程序。",
            detail=str(exc),
        )
    if "readonly" in msg or "read-only" in msg or "permission" in msg:
        return DatabaseReadOnly(f"数据库文件无法写入：{path}（{exc}）", detail=str(exc))
    if "not a database" in msg or "malformed" in msg or "corrupt" in msg:
        return DatabaseCorrupt(
            f"数据库文件已损坏：{path}。文件未被改动；请从备份恢复。", detail=str(exc)
        )
    return DatabaseError(f"无法打开数据库 {path}：{exc}", detail=str(exc))


_SQLITE_URL_PREFIXES = ("sqlite:///", "sqlite+pysqlite:///")


def sqlite_file_of_url(url: str) -> Path | None:
    """The file of a plain SQLite URL (``sqlite:///path``, as ``paths.resolve_db_url`` writes
    it) read without SQLAlchemy: what ``make_url(url).database`` gives. None for anything
    else — a server, an in-memory database, a URL with options (``?``) or a ``file:`` URI —
    which callers then leave to SQLAlchemy's own parser."""
    for prefix in _SQLITE_URL_PREFIXES:
        if url.startswith(prefix):
            rest = url[len(prefix):]
            if rest and rest != ":memory:" and "?" not in rest and not rest.startswith("file:"):
                return Path(rest)
    return None
