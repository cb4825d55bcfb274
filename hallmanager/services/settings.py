"""Hall settings and shifts. Everyone logged in may read them; only the hall manager edits."""

from __future__ import annotations

from dataclasses import dataclass

from hallmanager.domain.errors import Conflict, NotFound, ValidationError
from hallmanager.domain.roles import Action
from hallmanager.domain.shifts import ShiftDef, parse_hhmm, validate_shift
from hallmanager.services.context import ServiceContext
from hallmanager.storage.models import HallSettings, Shift
from hallmanager.storage.repositories import hall as hall_repo

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}


@dataclass(frozen=True)
class HallInfo:
    name: str
    code: str
    language: str
    idle_lock_minutes: int


@dataclass(frozen=True)
class ShiftInfo:
    id: int
    name: str
    start: str
    end: str
    sort_order: int
    active: bool

    def to_def(self) -> ShiftDef:
        return ShiftDef(self.id, self.name, parse_hhmm(self.start), parse_hhmm(self.end))

    @property
    def label(self) -> str:
        return f"{self.name} {self.start}–{self.end}"


class SettingsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def hall(self) -> HallInfo:
        """Readable without login: the login dialog and window title show the hall name."""
        with self.ctx.db.read() as s:
            h = hall_repo.hall_settings(s)
            if h is None:
                raise NotFound("营业厅尚未设置")
            return HallInfo(h.name, h.code, h.language, h.idle_lock_minutes)

    def update_hall(self, *, name: str, code: str, language: str, idle_lock_minutes: int) -> HallInfo:
        self.ctx.auth.require(Action.EDIT_SETTINGS)
        n, c = (name or "").strip(), (code or "").strip()
        if not n:
            raise ValidationError("营业厅名称不能为空", field="name")
        if not c:
            raise ValidationError("营业厅编码不能为空", field="code")
        if language not in LANGUAGES:
            raise ValidationError(f"不支持的语言：{language}", field="language")
        if not isinstance(idle_lock_minutes, int) or not 1 <= idle_lock_minutes <= 240:
            raise ValidationError("自动锁屏时间须在 1–240 分钟之间", field="idle_lock_minutes")
        with self.ctx.db.write() as s:
            h = hall_repo.hall_settings(s)
            if h is None:
                raise NotFound("营业厅尚未设置")
            before = _hall_dict(h)
            h.name, h.code, h.language, h.idle_lock_minutes = n, c, language, idle_lock_minutes
            h.updated_at = self.ctx.clock.now()
            self.ctx.audit(s, "update", "hall_settings", 1, before=before, after=_hall_dict(h))
            return HallInfo(h.name, h.code, h.language, h.idle_lock_minutes)

    def shifts(self, *, include_inactive: bool = False) -> list[ShiftInfo]:
        with self.ctx.db.read() as s:
            return [_shift_info(x) for x in hall_repo.shifts(s, include_inactive=include_inactive)]

    def save_shift(self, *, shift_id: int | None, name: str, start: str, end: str,
                   active: bool = True) -> ShiftInfo:
        """Create (shift_id None) or change a shift. Shifts are never deleted, only deactivated,
        because old logs refer to them."""
        self.ctx.auth.require(Action.EDIT_SETTINGS)
        n, st, en = validate_shift(name, start, end)
        with self.ctx.db.write() as s:
            clash = hall_repo.shift_by_name(s, n)
            if clash is not None and clash.id != shift_id:
                raise Conflict(f"班次“{n}”已存在")
            if shift_id is None:
                order = hall_repo.count_shifts(s)
                row = Shift(name=n, start=st.strftime("%H:%M"), end=en.strftime("%H:%M"),
                            sort_order=order, active=active)
                s.add(row)
                s.flush()
                self.ctx.audit(s, "create", "shift", row.id, after=_shift_dict(row))
            else:
                row = hall_repo.shift(s, shift_id)
                if row is None:
                    raise NotFound("找不到该班次")
                before = _shift_dict(row)
                row.name, row.start, row.end, row.active = (
                    n, st.strftime("%H:%M"), en.strftime("%H:%M"), active)
                self.ctx.audit(s, "update", "shift", row.id, before=before, after=_shift_dict(row))
            return _shift_info(row)

    def current_shift(self) -> ShiftInfo | None:
        from hallmanager.domain.shifts import current_shift

        infos = self.shifts()
        found = current_shift([i.to_def() for i in infos], self.ctx.clock.now())
        return next((i for i in infos if found and i.id == found.id), None)


def _hall_dict(h: HallSettings) -> dict[str, object]:
    return {"name": h.name, "code": h.code, "language": h.language,
            "idle_lock_minutes": h.idle_lock_minutes}


def _shift_dict(x: Shift) -> dict[str, object]:
    return {"name": x.name, "start": x.start, "end": x.end, "active": x.active}


def _shift_info(x: Shift) -> ShiftInfo:
    return ShiftInfo(x.id, x.name, x.start, x.end, x.sort_order, x.active)
