"""Backups and restore: automatic copies, the list, the check of a copy, and a restore a hall
manager can trust.

- ``backup``: an online copy (``storage.backup.copy_sqlite``, or ``pg_dump``) verified after
  writing (SQLite integrity check, the audit chain and the audited records, the same checks
  as ``hallmanager check``); the result goes into the folder's manifest. Automatic copies
  (at the desk's start when the newest good one is older than a day, and at a clean exit)
  are rotated: 7 daily, 4 weekly, 12 monthly by default.
- A failed copy is never silent: it is written to the manifest (and kept in memory when the
  folder itself is unreachable) and shown on 今日; a newest good copy older than two days
  is shown too.
- ``restore``: hall manager only, with the instance lock (no desk elsewhere). The file is
  checked first (integrity, audit chain, a schema this program knows, the same hall); the
  current file is kept as a verified ``before-restore`` copy; the file is replaced whole,
  migrated when older, and the restore audited in the restored database (the local audit
  anchor of the old file is dropped: the chain now legitimately ends elsewhere).

Settings live in a small JSON file, not in a table: beside a SQLite file
(``<db>.backup.json``), in the user's configuration folder for a server database.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from hallmanager.domain.clock import SystemClock
from hallmanager.domain.errors import (
    AuthenticationError,
    DatabaseError,
    DatabaseInUse,
    DomainError,
    ValidationError,
)
from hallmanager.domain.roles import Action
from hallmanager.domain.texts import QT_TRANSLATE_NOOP, Text
from hallmanager.services.context import ServiceContext, UserInfo
from hallmanager.services.today import AttentionItem, Severity
from hallmanager.storage import backup as store
from hallmanager.storage.audit import append_audit
from hallmanager.storage.backup import BackupRecord, Progress

__all__ = ["BackupRecord", "BackupService", "BackupSettings", "BackupStatus", "Progress",
           "RestoreResult", "Verdict", "age_text"]
from hallmanager.storage.database import Database, sqlite_url

AUTO_INTERVAL = dt.timedelta(days=1)
#: the newest good copy older than this is an attention item on 今日
STALE_AFTER = dt.timedelta(days=2)
DEFAULT_DAILY, DEFAULT_WEEKLY, DEFAULT_MONTHLY = 7, 4, 12


@dataclass(frozen=True)
class BackupSettings:
    """Where and how many: ``folder`` "" = ``backups`` beside the database."""

    folder: str = ""
    daily: int = DEFAULT_DAILY
    weekly: int = DEFAULT_WEEKLY
    monthly: int = DEFAULT_MONTHLY
    automatic: bool = True


@dataclass(frozen=True)
class Verdict:
    """What checking a backup file found; ``problems`` empty = usable."""

    path: Path
    problems: list[str]
    revision: str | None = None
    hall_code: str | None = None
    audit_head: str | None = None
    size: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class BackupStatus:
    """For the status bar and 今日: the newest good copy and the last failure, if newer."""

    folder: Path
    last_good: BackupRecord | None
    failure_at: dt.datetime | None = None
    failure: str | None = None

    def age(self, now: dt.datetime) -> dt.timedelta | None:
        return None if self.last_good is None else now - self.last_good.when


@dataclass(frozen=True)
class RestoreResult:
    source: Path
    kept: Path  # the file as it was before, kept as a verified backup
    revision: str | None
    migrated: bool
    problems_before: list[str] = field(default_factory=list)


def age_text(age: dt.timedelta | None) -> str:
    """"3 小时前", "2 天前" (Chinese, the status bar translates the pattern)."""
    if age is None:
        return "从未备份"
    minutes = int(age.total_seconds() // 60)
    if minutes < 60:
        return f"{max(minutes, 0)} 分钟前"
    if minutes < 48 * 60:
        return f"{minutes // 60} 小时前"
    return f"{minutes // 1440} 天前"


class BackupService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        # A failure whose folder could not even take the manifest (share offline, disk full).
        self._failure: tuple[dt.datetime, str] | None = None

    # --- settings ---------------------------------------------------------------------------
    @property
    def db(self) -> Database:
        return self.ctx.db

    def settings_file(self) -> Path:
        path = self.db.path
        if path is not None:
            path = path.absolute()
            return path.with_name(path.name + ".backup.json")
        import hashlib

        from hallmanager.storage.anchors import anchor_dir, database_identity

        ident = database_identity(self.db.url) or self.db.url
        digest = hashlib.sha256(ident.encode("utf-8")).hexdigest()[:32]
        return anchor_dir().parent / "backup-settings" / f"{digest}.json"

    def settings(self) -> BackupSettings:
        try:
            data = json.loads(self.settings_file().read_text(encoding="utf-8"))
            known = {k: data[k] for k in BackupSettings.__dataclass_fields__ if k in data}
            return BackupSettings(**known)
        except (OSError, ValueError, TypeError):
            return BackupSettings()

    def save_settings(self, new: BackupSettings) -> BackupSettings:
        """Hall manager only (EDIT_SETTINGS); audited; the folder must be creatable."""
        self.ctx.auth.require(Action.EDIT_SETTINGS)
        for name, value, top in (("daily", new.daily, 366), ("weekly", new.weekly, 520),
                                 ("monthly", new.monthly, 240)):
            if not isinstance(value, int) or not 0 <= value <= top:
                raise ValidationError(f"保留份数须在 0–{top} 之间", field=name)
        if new.daily + new.weekly + new.monthly < 1:
            raise ValidationError("至少要保留一份备份", field="daily")
        folder = new.folder.strip()
        clean = replace(new, folder=folder)
        if folder:
            self._require_folder(Path(folder).expanduser())
        before = asdict(self.settings())
        target = self.settings_file()
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(asdict(clean), ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, target)
        except OSError as exc:
            raise DatabaseError(f"无法保存备份设置：{target}（{exc.strerror or exc}）") from exc
        with self.db.write() as s:
            self.ctx.audit(s, "update", "backup_settings", None, before=before,
                           after=asdict(clean))
        return clean

    def folder(self) -> Path:
        chosen = self.settings().folder
        if chosen:
            return Path(chosen).expanduser().absolute()
        path = self.db.path
        if path is not None:
            return path.absolute().parent / "backups"
        from platformdirs import user_data_path

        return user_data_path("hallmanager", appauthor=False) / "backups"

    def _stem(self) -> str:
        path = self.db.path
        if path is not None:
            return path.stem
        return store.server_stem(self.db.url)

    @staticmethod
    def _require_folder(folder: Path) -> Path:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"无法使用备份文件夹：{folder}（{exc.strerror or exc}）。"
                                f"请检查驱动器或网络共享是否可用，或在 设置 › 备份与恢复 中换一个文件夹。"
                                ) from exc
        if not os.access(folder, os.W_OK):
            raise DatabaseError(f"备份文件夹不可写：{folder}。请换一个文件夹或修改权限。")
        return folder

    # --- making backups -----------------------------------------------------------------------
    def due(self, now: dt.datetime | None = None) -> bool:
        """Whether the start-up backup should run: automatic on, and no good copy from the
        last day (the newest good one is older than a day, or there is none)."""
        if not self.settings().automatic:
            return False
        at = now or self.ctx.clock.now()
        last = self.status().last_good
        return last is None or at - last.when >= AUTO_INTERVAL

    def backup(self, *, out: Path | str | None = None, automatic: bool = False,
               progress: Progress | None = None) -> BackupRecord:
        """Copy, check and record one backup; automatic ones are rotated afterwards.

        A manual backup needs a logged-in user (any role that may open the desk) and is
        audited; an automatic one is the program's own. Raises DatabaseError (the message
        says why, nothing partial is left) after recording the failure for 今日.
        """
        if not automatic:
            if self.ctx.auth.user is None:
                raise AuthenticationError("请先登录")
        now = self.ctx.clock.now()
        in_folder = out is None
        folder = self.folder()
        kind = store.KIND_AUTO if automatic else store.KIND_MANUAL
        suffix = store.SQLITE_SUFFIX if self.db.path is not None else store.PG_SUFFIX
        try:
            if out is not None:
                target = Path(out).expanduser().absolute()
                if target.exists():
                    raise DatabaseError(f"文件已存在：{target}（请另选文件名）")
                if not target.parent.is_dir():
                    raise DatabaseError(f"目标文件夹不存在：{target.parent}")
                in_folder = target.parent == folder
            else:
                self._require_folder(folder)
                store.remove_partials(folder)
                target = store.unique_target(folder, self._stem(), now, kind, suffix)
            record = self._make(target, kind, now, progress)
        except DomainError as exc:
            if in_folder or automatic:
                self._record_failure(folder, now, exc.message)
            raise
        if in_folder:
            self._record(folder, record, failure=None if record.ok else (
                now, "备份已写入，但校验未通过：" + "；".join(record.problems[:3])))
            if automatic and record.ok:
                s = self.settings()
                store.rotate(folder, self._stem(), daily=s.daily, weekly=s.weekly,
                             monthly=s.monthly)
        if not automatic:
            with self.db.write() as s:
                self.ctx.audit(s, "backup", "database", None,
                               after={"file": str(target), "size": record.size,
                                      "ok": record.ok, "audit_head": record.audit_head})
        if not record.ok:
            raise DatabaseError("备份已写入，但校验未通过：" + "；".join(record.problems[:5]),
                                detail=str(target))
        return record

    def _make(self, target: Path, kind: str, now: dt.datetime,
              progress: Progress | None) -> BackupRecord:
        path = self.db.path
        if path is None:
            store.pg_dump(self.db.url, target)
            return BackupRecord(target.name, now.isoformat(sep=" "), target.stat().st_size,
                                kind, True)
        store.copy_sqlite(path.absolute(), target, progress=progress)
        verdict = self.verify_file(target)
        return BackupRecord(target.name, now.isoformat(sep=" "), verdict.size, kind,
                            verdict.ok, verdict.problems[:20], verdict.revision,
                            verdict.hall_code, verdict.audit_head)

    def _record(self, folder: Path, record: BackupRecord,
                failure: tuple[dt.datetime, str] | None) -> None:
        manifest = store.read_manifest(folder)
        manifest.backups[record.name] = record
        if failure is not None:
            manifest.last_failure = {"at": failure[0].isoformat(sep=" "), "message": failure[1]}
        elif manifest.last_failure is not None:
            manifest.last_failure = None
        try:
            store.write_manifest(folder, manifest)
        except DomainError as exc:
            self._failure = (record.when, exc.message)
            return
        self._failure = failure

    def _record_failure(self, folder: Path, now: dt.datetime, message: str) -> None:
        self._failure = (now, message)
        try:
            manifest = store.read_manifest(folder)
            manifest.last_failure = {"at": now.isoformat(sep=" "), "message": message}
            store.write_manifest(folder, manifest)
        except (DomainError, OSError):
            pass  # the folder is what failed: the in-memory failure is shown instead

    # --- checking a file -----------------------------------------------------------------------
    def verify_file(self, path: Path | str, progress: Progress | None = None) -> Verdict:
        """Integrity, the audit chain and the audited records of a SQLite backup, read-only
        (the file is never written); the problems in Chinese."""
        from hallmanager.services.maintenance import MaintenanceService
        from hallmanager.storage.database import inspect_sqlite_file
        from hallmanager.storage.repositories import hall as hall_repo
        from hallmanager.storage.repositories import maintenance as maint_repo

        p = Path(path).expanduser().absolute()
        if not p.is_file():
            return Verdict(p, [f"文件不存在：{p}"])
        size = p.stat().st_size
        try:
            check = inspect_sqlite_file(p, integrity=False)
        except DomainError as exc:
            return Verdict(p, [exc.message], size=size)
        if check.empty or check.revision is None:
            return Verdict(p, ["文件中没有营业厅工作台的数据（空数据库）"], size=size)
        copy = Database(sqlite_url(p), read_only=True)
        try:
            ctx = ServiceContext(copy, self.ctx.clock or SystemClock())
            result = MaintenanceService(ctx).verify(progress=progress)
            problems = [x for x in result.problems if not x.startswith("本机锚点")]
            with copy.read() as s:
                hall = hall_repo.hall_settings(s)
                revision = maint_repo.schema_revision(s)
            return Verdict(p, problems, revision, hall.code if hall else None,
                           result.head.text if result.head else None, size)
        except DomainError as exc:
            return Verdict(p, [exc.message], size=size)
        except Exception as exc:  # a damaged file fails in many ways: report, don't crash
            return Verdict(p, [f"无法读取备份文件：{type(exc).__name__}: {exc}"], size=size)
        finally:
            copy.dispose()

    # --- listing and status --------------------------------------------------------------------
    def backups(self) -> list[BackupRecord]:
        """The backups of this database in the folder, newest first."""
        return store.list_backup_files(self.folder(), self._stem())

    def status(self) -> BackupStatus:
        folder = self.folder()
        records = store.list_backup_files(folder, self._stem())
        good = next((r for r in records if r.ok), None)
        failure_at: dt.datetime | None = None
        message: str | None = None
        manifest = store.read_manifest(folder)
        if manifest.last_failure:
            try:
                failure_at = dt.datetime.fromisoformat(manifest.last_failure["at"])
                message = manifest.last_failure.get("message", "")
            except (KeyError, ValueError, TypeError):
                failure_at = None
        if self._failure is not None and (failure_at is None or self._failure[0] >= failure_at):
            failure_at, message = self._failure
        if failure_at is not None and good is not None and good.when > failure_at:
            failure_at, message = None, None  # a later copy succeeded
        return BackupStatus(folder, good, failure_at, message)

    def attention(self, now: dt.datetime) -> list[AttentionItem]:
        """今日: the last backup failed, or the newest good copy is old (or missing)."""
        if self.ctx.auth.user is None:
            return []
        st = self.status()
        items: list[AttentionItem] = []
        if st.failure is not None:
            items.append(AttentionItem.of(
                "backup_failed", Severity.OVERDUE,
                Text(QT_TRANSLATE_NOOP("AttentionText", "数据备份失败")),
                [Text.plain(st.failure),
                 Text(QT_TRANSLATE_NOOP("AttentionText", "备份文件夹：%1")
                      , (str(st.folder),))],
                due_at=st.failure_at))
        age = st.age(now)
        if age is None and not self._older_than(now - STALE_AFTER):
            return items  # a hall set up today: its first copy is made at the next start
        if age is None or age > STALE_AFTER:
            items.append(AttentionItem.of(
                "backup_stale", Severity.OVERDUE if age is not None else Severity.DUE_SOON,
                Text(QT_TRANSLATE_NOOP("AttentionText", "最近一次成功备份：%1"),
                     (age_text(age),)),
                [Text(QT_TRANSLATE_NOOP("AttentionText", "请在 设置 › 备份与恢复 中立即备份"))]))
        return items

    def _older_than(self, when: dt.datetime) -> bool:
        from hallmanager.storage.repositories import hall as hall_repo

        with self.db.read() as s:
            hall = hall_repo.hall_settings(s)
            return hall is not None and hall.created_at < when

    # --- restore -----------------------------------------------------------------------------
    def check_restorable(self, source: Path | str, progress: Progress | None = None) -> Verdict:
        """The checks before a restore: the file's own (integrity, audit chain, a schema this
        program knows) and that it is this hall's."""
        from hallmanager.storage.repositories import hall as hall_repo

        src = Path(source).expanduser().absolute()
        here = self.db.path
        if here is not None and src == here.absolute():
            return Verdict(src, ["不能用数据库文件本身恢复"])
        verdict = self.verify_file(src, progress)
        if verdict.problems:
            return verdict
        with self.db.read() as s:
            hall = hall_repo.hall_settings(s)
        if hall is not None and verdict.hall_code != hall.code:
            return replace(verdict, problems=[
                f"备份属于另一个营业厅（编码 {verdict.hall_code}，本营业厅 {hall.code}），不能恢复到这里"])
        return verdict

    def restore(self, source: Path | str, progress: Progress | None = None) -> RestoreResult:
        """Replace the database with a checked backup (hall manager only); see the module
        docstring. The source file is only read. Nothing is changed when a check fails."""
        from hallmanager.storage.anchors import database_identity, forget_local_anchor
        from hallmanager.storage.migrate import head_revision, upgrade_to_head

        user = self.ctx.auth.require(Action.RESTORE_BACKUP)
        src = Path(source).expanduser().absolute()
        path = self.db.path
        if path is None:
            return self._restore_server(src)
        lock = self.db.instance_lock
        if lock is None or not lock.held:
            raise DatabaseInUse(
                "恢复需要独占数据库：请先关闭所有营业厅工作台，再运行 hallmanager restore。"
                "未做任何更改。", host="", pid=0)
        if self.db.desk_running():
            raise DatabaseInUse("数据库正被营业厅工作台使用，不能恢复。请先关闭工作台。未做任何更改。",
                                host="", pid=0)
        verdict = self.check_restorable(src)
        if verdict.problems:
            raise DatabaseError("备份文件未通过校验，未恢复（数据库和备份文件都未被改动）：\n"
                                + "\n".join(f"- {p}" for p in verdict.problems[:10]))
        path = path.absolute()
        now = self.ctx.clock.now()
        folder = self._require_folder(self.folder())
        kept = store.unique_target(folder, self._stem(), now, store.KIND_BEFORE_RESTORE)
        store.copy_sqlite(path, kept)
        before = self.verify_file(kept)
        self._record(folder, BackupRecord(kept.name, now.isoformat(sep=" "), before.size,
                                          store.KIND_BEFORE_RESTORE, before.ok,
                                          before.problems[:20], before.revision,
                                          before.hall_code, before.audit_head), failure=None)
        with self.db.suspended():
            # Close our connections (the lock stays held), replace the file, reopen lazily.
            self.db.engine.dispose()
            if self.db.read_engine is not self.db.engine:
                self.db.read_engine.dispose()
            # The anchor goes first: a kill between the two then leaves a file without an
            # anchor (weaker), never an anchor the restored file contradicts (a false alarm).
            forget_local_anchor(database_identity(self.db.url))
            store.replace_sqlite_file(path, src, progress=progress)
            migrated = verdict.revision != head_revision()
            if migrated:
                upgrade_to_head(self.db.engine)
            self._audit_restore(src, kept, verdict, before, migrated, user)
        return RestoreResult(src, kept, verdict.revision, migrated, before.problems)

    def _audit_restore(self, src: Path, kept: Path, verdict: Verdict, before: Verdict,
                       migrated: bool, user: UserInfo) -> None:
        from hallmanager.storage.repositories import users as users_repo

        with self.db.write() as s:
            # The restored file may not know this account (created after the backup) or
            # give its id to someone else: then the entry names the login only.
            row = users_repo.user_by_username(s, user.username)
            after: dict[str, object] = {
                "source": str(src), "source_audit_head": verdict.audit_head,
                "source_revision": verdict.revision, "migrated": migrated,
                "kept_before_restore": str(kept)}
            append_audit(s, at=self.ctx.clock.now(),
                         user_id=user.id if row is not None and row.id == user.id else None,
                         username=user.username, action="restore", entity="database",
                         before={"audit_head": before.audit_head}, after=after)

    def _restore_server(self, src: Path) -> RestoreResult:
        """PostgreSQL: a dump written by ``pg_dump -Fc``; the current database is dumped
        first. The server has no instance lock: the operator must stop the desks."""
        now = self.ctx.clock.now()
        folder = self._require_folder(self.folder())
        kept = store.unique_target(folder, self._stem(), now, store.KIND_BEFORE_RESTORE,
                                   store.PG_SUFFIX)
        store.pg_tool("pg_restore")
        store.pg_dump(self.db.url, kept)
        self.db.engine.dispose()
        if self.db.read_engine is not self.db.engine:
            self.db.read_engine.dispose()
        store.pg_restore(self.db.url, src)
        from hallmanager.storage.anchors import database_identity, forget_local_anchor
        from hallmanager.storage.migrate import upgrade_to_head

        forget_local_anchor(database_identity(self.db.url))
        upgrade_to_head(self.db.engine)
        user = self.ctx.auth.user
        with self.db.write() as s:
            self.ctx.audit(s, "restore", "database", None,
                           after={"source": str(src), "kept_before_restore": str(kept)},
                           user=user)
        return RestoreResult(src, kept, None, False)
