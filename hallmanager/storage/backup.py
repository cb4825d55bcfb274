"""Backup files: online copies, their manifest, rotation, and replacing the database on restore.

A live SQLite database is never copied as a file (a copy taken mid-write, or without its
-wal file, is a damaged or an old database). The copy is made with SQLite's online backup
API from a read-only connection: it sees one committed state even while the desk writes
(WAL readers never block the writer). The copy is written under a hidden temporary name in
the target folder, switched to a self-contained rollback-journal file, fsynced, and only
then given its name (``os.replace``) and the folder fsynced: a crash, a kill or a full disk
leaves either no file or a complete one, never a partial file with a backup's name.

Every backup folder holds a small ``manifest.json`` beside the files: for each file its time,
size and the check it passed (integrity, audit chain) and the last failed attempt, so the
list, 今日 and the status bar need not re-check every file. No table is needed: the database
itself may be the thing that is lost.

PostgreSQL: ``pg_dump``/``pg_restore`` of the client tools, when they are on the PATH.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from hallmanager.domain.errors import DatabaseError

MANIFEST = "manifest.json"
SQLITE_SUFFIX = ".sqlite"
PG_SUFFIX = ".pgdump"
#: kinds of backup; only automatic and manual ones are rotated, a copy kept before a restore
#: stays until a person deletes it.
KIND_AUTO = "auto"
KIND_MANUAL = "manual"
KIND_BEFORE_RESTORE = "before-restore"
KINDS = (KIND_AUTO, KIND_MANUAL, KIND_BEFORE_RESTORE)
_NAME_RE = re.compile(r"^(?P<stem>.+)\.(?P<ts>\d{8}-\d{6})(?:-(?P<n>\d+))?\.(?P<kind>[a-z-]+)"
                      r"(?P<suffix>\.sqlite|\.pgdump)$")
_TMP_PREFIX = ".partial-"
#: the whole file in one step of the backup API: one read transaction sees one committed
#: state (a WAL reader never blocks the desk's writes). Copying in several steps would
#: restart from the beginning after every write of the desk in between.
_STEP_PAGES = -1

Progress = Callable[[int, int], "bool | None"]


@dataclass(frozen=True)
class BackupRecord:
    """One backup file as the manifest (or, for an unknown file, its name) describes it."""

    name: str
    at: str  # local time, ISO (seconds)
    size: int
    kind: str
    ok: bool | None  # None: never checked (a file the manifest doesn't know)
    problems: list[str] = field(default_factory=list)
    revision: str | None = None
    hall_code: str | None = None
    audit_head: str | None = None  # "#N:hash16"

    @property
    def when(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.at)


@dataclass
class Manifest:
    """``manifest.json`` of a backup folder."""

    backups: dict[str, BackupRecord] = field(default_factory=dict)
    last_failure: dict[str, str] | None = None  # {"at": ISO, "message": Chinese}

    def to_json(self) -> str:
        return json.dumps({"backups": {k: asdict(v) for k, v in sorted(self.backups.items())},
                           "last_failure": self.last_failure},
                          ensure_ascii=False, indent=1)


def read_manifest(folder: Path) -> Manifest:
    """The folder's manifest; an unreadable or missing one is empty (files are still listed
    by name, unchecked)."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        backups = {k: BackupRecord(**v) for k, v in (data.get("backups") or {}).items()}
        failure = data.get("last_failure")
        return Manifest(backups, failure if isinstance(failure, dict) else None)
    except (OSError, ValueError, TypeError, AttributeError):
        return Manifest()


def write_manifest(folder: Path, manifest: Manifest) -> None:
    """Replace the manifest atomically (temporary file, fsync, rename)."""
    target = folder / MANIFEST
    tmp = folder / f"{_TMP_PREFIX}{os.getpid()}-{MANIFEST}"
    try:
        with tmp.open("w", encoding="utf-8") as f:
            f.write(manifest.to_json())
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
        fsync_dir(folder)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise DatabaseError(f"无法写入备份清单：{target}（{exc.strerror or exc}）") from exc


def backup_file_name(stem: str, when: dt.datetime, kind: str, suffix: str = SQLITE_SUFFIX) -> str:
    """``hallmanager.20261122-083000.auto.sqlite``: sorts by time, says what made it."""
    return f"{stem}.{when:%Y%m%d-%H%M%S}.{kind}{suffix}"


def parse_backup_name(name: str) -> tuple[str, dt.datetime, str] | None:
    """(stem, time, kind) of a backup file name, None for any other file."""
    m = _NAME_RE.match(name)
    if not m or m.group("kind") not in KINDS:
        return None
    try:
        when = dt.datetime.strptime(m.group("ts"), "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    return m.group("stem"), when, m.group("kind")


def unique_target(folder: Path, stem: str, when: dt.datetime, kind: str,
                  suffix: str = SQLITE_SUFFIX) -> Path:
    target = folder / backup_file_name(stem, when, kind, suffix)
    n = 1
    while target.exists():
        target = folder / f"{stem}.{when:%Y%m%d-%H%M%S}-{n}.{kind}{suffix}"
        n += 1
    return target


def list_backup_files(folder: Path, stem: str) -> list[BackupRecord]:
    """Every backup of database ``stem`` in ``folder``, newest first: the manifest's record
    where it has one (and the file still exists), else an unchecked record from the name."""
    manifest = read_manifest(folder)
    out: list[BackupRecord] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for p in entries:
        parsed = parse_backup_name(p.name)
        if parsed is None or parsed[0] != stem or not p.is_file():
            continue
        rec = manifest.backups.get(p.name)
        if rec is None:
            rec = BackupRecord(p.name, parsed[1].isoformat(sep=" "), p.stat().st_size,
                               parsed[2], None)
        out.append(rec)
    return sorted(out, key=lambda r: (r.at, r.name), reverse=True)


def remove_partials(folder: Path) -> None:
    """Temporaries of copies that were killed or failed (ours only, by their prefix)."""
    with contextlib.suppress(OSError):
        for p in folder.iterdir():
            if p.name.startswith(_TMP_PREFIX):
                with contextlib.suppress(OSError):
                    p.unlink()


# --- making a copy ----------------------------------------------------------------------------


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); folders cannot be opened on Windows, nothing to do."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def full_disk_message(exc: BaseException) -> str | None:
    text = str(exc).lower()
    errno_ = getattr(exc, "errno", None)
    if "full" in text or "too large" in text or errno_ in (28, 27):  # ENOSPC, EFBIG
        return "磁盘空间不足（或文件大小超出限制）"
    if "disk i/o error" in text:  # SQLite's word for a failed write (EFBIG, a lost share…)
        return "写入磁盘失败（磁盘空间不足、文件大小超出限制，或驱动器/网络共享已断开）"
    return None


def copy_sqlite(source: Path, target: Path, *, progress: Progress | None = None,
                wal: bool = False) -> None:
    """Online copy of ``source`` to ``target`` (which must not exist) with the backup API:
    hidden temporary beside ``target``, fsync, rename, fsync of the folder. On any failure
    nothing is left at ``target`` and a DatabaseError says why in Chinese.

    ``wal``: leave the copy in WAL mode (a file that becomes the live database again).
    """
    from hallmanager.domain.errors import Cancelled

    folder = target.parent
    tmp = folder / f"{_TMP_PREFIX}{os.getpid()}-{target.name}"
    with contextlib.suppress(OSError):
        tmp.unlink()
    cancelled = False
    try:
        # A plain read-only URI: no Python-level open() of a live database file (closing
        # such a descriptor drops every fcntl lock this process holds on it; see WalGuard).
        src = sqlite3.connect(f"{source.absolute().as_uri()}?mode=ro", uri=True, timeout=10,
                              isolation_level=None, check_same_thread=False)
        try:
            dst = sqlite3.connect(str(tmp), isolation_level=None)
            try:
                def step(_status: int, remaining: int, total: int) -> None:
                    nonlocal cancelled
                    if progress is not None and progress(total - remaining, total) is False:
                        cancelled = True
                        raise Cancelled("已取消备份")

                if progress is not None and progress(0, 1) is False:
                    raise Cancelled("已取消备份")
                src.backup(dst, pages=_STEP_PAGES, progress=step)
                mode = "WAL" if wal else "DELETE"
                dst.execute(f"PRAGMA journal_mode={mode}")
                if wal:
                    dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                dst.close()
        finally:
            src.close()
        for extra in ("-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                Path(str(tmp) + extra).unlink()
        fsync_file(tmp)
        if target.exists():
            raise DatabaseError(f"备份文件已存在：{target}")
        os.replace(tmp, target)
        fsync_dir(folder)
    except BaseException as exc:
        for extra in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                Path(str(tmp) + extra).unlink()
        if cancelled or isinstance(exc, Cancelled):
            raise
        if isinstance(exc, DatabaseError):
            raise
        if isinstance(exc, (sqlite3.Error, OSError)):
            why = full_disk_message(exc) or str(exc)
            raise DatabaseError(f"备份失败：{why}。没有留下不完整的备份文件（{target.parent}）。",
                                detail=f"{type(exc).__name__}: {exc}") from exc
        raise


# --- rotation -----------------------------------------------------------------------------


def to_keep(times: Iterable[dt.datetime], *, daily: int, weekly: int, monthly: int
            ) -> set[dt.datetime]:
    """Grandfather-father-son: the newest backup of each of the last ``daily`` days that
    have one, of the last ``weekly`` ISO weeks and of the last ``monthly`` months."""
    ordered = sorted(set(times), reverse=True)
    keep: set[dt.datetime] = set()
    for count, key in ((daily, lambda t: t.date()),
                       (weekly, lambda t: tuple(t.isocalendar())[:2]),
                       (monthly, lambda t: (t.year, t.month))):
        seen: list[object] = []
        for t in ordered:
            k = key(t)
            if k in seen:
                continue
            if len(seen) >= count:
                break
            seen.append(k)
            keep.add(t)
    return keep


def rotate(folder: Path, stem: str, *, daily: int, weekly: int, monthly: int) -> list[str]:
    """Delete the automatic and manual backups the rotation no longer keeps (copies made
    before a restore stay); returns the names removed. Checked-good copies only count:
    a failed or unchecked file is never what the rotation keeps instead of a good one."""
    records = [r for r in list_backup_files(folder, stem) if r.kind in (KIND_AUTO, KIND_MANUAL)]
    good = [r for r in records if r.ok]
    keep_times = to_keep((r.when for r in good), daily=daily, weekly=weekly, monthly=monthly)
    kept_names = {r.name for r in good if r.when in keep_times}
    removed: list[str] = []
    for r in records:
        if r.name in kept_names or r.ok is None:  # never checked: not ours to judge
            continue
        with contextlib.suppress(OSError):
            (folder / r.name).unlink()
            removed.append(r.name)
    if removed:
        manifest = read_manifest(folder)
        for name in removed:
            manifest.backups.pop(name, None)
        write_manifest(folder, manifest)
    return removed


# --- replacing the live file (restore) ------------------------------------------------------


def replace_sqlite_file(path: Path, source: Path, *, progress: Progress | None = None) -> None:
    """Make ``path`` a copy of ``source``; the caller holds the instance lock and has closed
    every connection of its own to ``path``. The copy is complete and fsynced before it
    replaces the file; the old -wal/-shm files go first (they belong to the old file)."""
    folder = path.parent
    staged = folder / f"{path.name}.restoring"
    with contextlib.suppress(OSError):
        staged.unlink()
    copy_sqlite(source, staged, progress=progress, wal=False)
    try:
        _checkpoint_and_close(path)
        for extra in ("-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                Path(str(path) + extra).unlink()
        os.replace(staged, path)
        fsync_dir(folder)
    except OSError as exc:
        with contextlib.suppress(OSError):
            staged.unlink()
        raise DatabaseError(f"恢复失败，无法替换数据库文件：{path}（{exc.strerror or exc}）；"
                            f"原文件未被改动。") from exc


def _checkpoint_and_close(path: Path) -> None:
    """Fold the old WAL into the old file (it has been backed up already): then deleting
    the -wal file cannot lose anything even if the rename below fails."""
    if not Path(str(path) + "-wal").exists():
        return
    with contextlib.suppress(sqlite3.Error):
        con = sqlite3.connect(str(path), timeout=10, isolation_level=None)
        try:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            con.close()


# --- PostgreSQL ----------------------------------------------------------------------------

PG_TOOLS_MISSING = (
    "找不到 PostgreSQL 客户端工具 {tool}。请安装与服务器版本相同的 PostgreSQL 客户端"
    "（Windows：PostgreSQL 安装包中的 “Command Line Tools”；Debian/Ubuntu："
    "apt install postgresql-client），并把它的 bin 文件夹加入 PATH 后重试；"
    "或请数据库管理员在服务器上用 pg_dump / pg_restore 备份和恢复。未做任何更改。"
)


def server_stem(url: str) -> str:
    """The backup file stem of a server database: its name (``hall_lhasa``), so the dumps of
    several databases in one folder stay apart."""
    from sqlalchemy.engine import make_url

    name = make_url(url).database or "postgresql"
    return re.sub(r"[^0-9A-Za-z_-]+", "_", name) or "postgresql"


def pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise DatabaseError(PG_TOOLS_MISSING.format(tool=name))
    return found


def _pg_args(url: str) -> tuple[list[str], dict[str, str]]:
    """libpq connection options and environment (the password never on the command line)."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    args: list[str] = []
    env = dict(os.environ)
    query = dict(u.query)
    host = u.host or query.get("host")
    if host:
        args += ["-h", str(host)]
    port = u.port or query.get("port")
    if port:
        args += ["-p", str(port)]
    if u.username:
        args += ["-U", u.username]
    if u.password:
        env["PGPASSWORD"] = str(u.password)
    args += ["-d", u.database or "postgres"]
    return args, env


def pg_dump(url: str, target: Path) -> None:
    """``pg_dump -Fc`` into a temporary beside ``target``, renamed when complete."""
    tool = pg_tool("pg_dump")
    args, env = _pg_args(url)
    tmp = target.parent / f"{_TMP_PREFIX}{os.getpid()}-{target.name}"
    try:
        proc = subprocess.run([tool, "-Fc", "--no-owner", "-f", str(tmp), *args], env=env,
                              capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise DatabaseError(f"pg_dump 备份失败：{proc.stderr.strip()[:500]}")
        fsync_file(tmp)
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            why = full_disk_message(exc) or str(exc)
            raise DatabaseError(f"备份失败：{why}") from exc
        raise


def pg_restore(url: str, source: Path) -> None:
    """``pg_restore --clean --if-exists --single-transaction``: all or nothing."""
    tool = pg_tool("pg_restore")
    args, env = _pg_args(url)
    proc = subprocess.run([tool, "--clean", "--if-exists", "--no-owner", "--single-transaction",
                           *args, str(source)], env=env, capture_output=True, text=True,
                          check=False)
    if proc.returncode != 0:
        raise DatabaseError(f"pg_restore 恢复失败（数据库未改动）：{proc.stderr.strip()[:500]}")
