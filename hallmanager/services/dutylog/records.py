"""The duty log's cross-shift records: equipment faults (设备故障) and hand-over items (交接事项).

Both live beyond the log they were entered in (a fault until it is repaired, an item until the
incoming duty manager acknowledges it), so their use cases are grouped here. ``DutyLogService``
inherits them: call them on the service, e.g. ``services.dutylog.report_fault(...)``.
"""

from __future__ import annotations

import datetime as dt

from hallmanager.domain import dutylog as dl
from hallmanager.domain.dutylog import FaultStatus
from hallmanager.domain.dutylog import checklist as cl
from hallmanager.domain.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    ReadOnlyRecord,
    ValidationError,
)
from hallmanager.domain.roles import Action, Role
from hallmanager.services.context import ServiceContext
from hallmanager.services.dutylog.rows import (
    Cache,
    fault_dict,
    fault_status,
    fault_view,
    faults_between,
    handover_view,
    load_handover,
    load_log,
    require_draft,
    shift_def,
    slot_of,
    touch,
)
from hallmanager.services.dutylog.views import FaultView, HandoverView
from hallmanager.storage.dutylog import repository as log_repo
from hallmanager.storage.dutylog.models import EquipmentFault, HandoverItem
from hallmanager.storage.repositories import hall as hall_repo


class FaultActions:
    """设备故障: registered in a log, shown in every log until repaired."""

    ctx: ServiceContext

    def report_fault(self, *, what: str, location: str = "", since: dt.datetime | None = None,
                     status: FaultStatus | str = FaultStatus.OPEN, reported_to: str = "",
                     reported_at: dt.datetime | None = None, note: str = "",
                     log_id: int | None = None) -> FaultView:
        """Register an equipment fault (设备故障). It shows in every log until repaired."""
        me = self.ctx.auth.require(Action.MANAGE_FAULTS)
        now = self.ctx.clock.now()
        st = fault_status(status)
        w, loc, sn, rt, n = dl.check_fault(what, location, since or now, now, reported_to, note)
        ra = reported_at.replace(microsecond=0) if reported_at else None
        if st == FaultStatus.REPAIRED:
            raise ValidationError("新登记的故障不能直接为已修复", field="status")
        dl.check_fault_transition(st, rt, ra, sn, None, now)
        with self.ctx.db.write() as s:
            if log_id is not None:
                load_log(s, log_id)
            f = EquipmentFault(what=w, location=loc, since=sn, status=st.value, reported_to=rt,
                               reported_at=ra, repaired_at=None, note=n, log_id=log_id,
                               created_at=now, created_by=me.id, updated_at=now)
            s.add(f)
            s.flush()
            self.ctx.audit(s, "create", "equipment_fault", f.id, after=fault_dict(f))
            return fault_view(f, Cache(s))

    def update_fault(self, fault_id: int, *, status: FaultStatus | str | None = None,
                     reported_to: str | None = None, reported_at: dt.datetime | None = None,
                     repaired_at: dt.datetime | None = None, note: str | None = None,
                     what: str | None = None, location: str | None = None) -> FaultView:
        """Change a fault: report it (whom, when), mark it repaired (when), fix its text.
        A repaired fault is closed and read-only."""
        self.ctx.auth.require(Action.MANAGE_FAULTS)
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            f = log_repo.fault(s, fault_id)
            if f is None:
                raise NotFound("找不到该故障记录")
            old = FaultStatus(f.status)
            if old == FaultStatus.REPAIRED:
                raise ReadOnlyRecord("该故障已修复并关闭，不能再修改")
            before = fault_dict(f)
            new = fault_status(status) if status is not None else old
            w, loc, sn, rt, n = dl.check_fault(
                f.what if what is None else what, f.location if location is None else location,
                f.since, now, f.reported_to if reported_to is None else reported_to,
                f.note if note is None else note)
            ra = reported_at.replace(microsecond=0) if reported_at else f.reported_at
            if new == FaultStatus.REPORTED and ra is None:
                ra = now
            rp = (repaired_at or now).replace(microsecond=0) if new == FaultStatus.REPAIRED else None
            dl.check_fault_transition(new, rt, ra, sn, rp, now)
            f.what, f.location, f.reported_to, f.note = w, loc, rt, n
            f.status, f.reported_at, f.repaired_at = new.value, ra, rp
            after = fault_dict(f)
            if after == before:
                return fault_view(f, Cache(s))
            f.updated_at = now
            self.ctx.audit(s, "repair" if new == FaultStatus.REPAIRED else "update",
                           "equipment_fault", f.id, before=before, after=after)
            return fault_view(f, Cache(s))

    def mark_fault_reported(self, fault_id: int, reported_to: str,
                            reported_at: dt.datetime | None = None) -> FaultView:
        return self.update_fault(fault_id, status=FaultStatus.REPORTED, reported_to=reported_to,
                                 reported_at=reported_at or self.ctx.clock.now())

    def mark_fault_repaired(self, fault_id: int, repaired_at: dt.datetime | None = None,
                            note: str | None = None) -> FaultView:
        return self.update_fault(fault_id, status=FaultStatus.REPAIRED,
                                 repaired_at=repaired_at or self.ctx.clock.now(), note=note)

    def open_faults(self) -> list[FaultView]:
        """Faults not yet repaired, oldest first."""
        self.ctx.auth.require(Action.VIEW_DUTY_LOG)
        with self.ctx.db.read() as s:
            cache = Cache(s)
            rows = log_repo.open_faults(s)
            return [fault_view(f, cache) for f in rows]

    def faults(self, start: dt.datetime, end: dt.datetime) -> list[FaultView]:
        """Faults that were open at some time between ``start`` and ``end``."""
        self.ctx.auth.require(Action.VIEW_DUTY_LOG)
        with self.ctx.db.read() as s:
            return faults_between(s, Cache(s), start, end)


class HandoverActions:
    """交接事项: handed on by a draft log, acknowledged by the incoming duty manager."""

    ctx: ServiceContext

    def add_handover_item(self, log_id: int, text: str) -> HandoverView:
        """Hand something to the next shift; it appears at the top of that shift's log."""
        me = self.ctx.auth.require(Action.EDIT_DUTY_LOG)
        t = dl.check_handover_text(text)
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            log = load_log(s, log_id)
            require_draft(log)
            shift = hall_repo.shift(s, log.shift_id)
            assert shift is not None
            cache = Cache(s)
            day, nxt = cl.next_shift(cache.active, shift_def(shift), log.date)
            h = HandoverItem(from_log_id=log.id, text=t, target_date=day,
                             target_shift_id=nxt.id, created_at=now, created_by=me.id)
            s.add(h)
            touch(log, now)
            s.flush()
            self.ctx.audit(s, "create", "handover_item", h.id,
                           after={"from_log_id": log.id, "text": t, "target_date": day,
                                  "target_shift": nxt.name})
            return handover_view(h, cache)

    def update_handover_item(self, item_id: int, text: str) -> HandoverView:
        self.ctx.auth.require(Action.EDIT_DUTY_LOG)
        t = dl.check_handover_text(text)
        with self.ctx.db.write() as s:
            h = load_handover(s, item_id)
            require_draft(load_log(s, h.from_log_id))
            if h.ack_at is not None:
                raise ReadOnlyRecord("该交接事项已被接班人确认，不能修改")
            if h.text != t:
                before = h.text
                h.text = t
                self.ctx.audit(s, "update", "handover_item", h.id, before={"text": before},
                               after={"text": t})
            return handover_view(h, Cache(s))

    def remove_handover_item(self, item_id: int) -> None:
        """Withdraw an item while the log is a draft and nobody has acknowledged it."""
        self.ctx.auth.require(Action.EDIT_DUTY_LOG)
        with self.ctx.db.write() as s:
            h = load_handover(s, item_id)
            require_draft(load_log(s, h.from_log_id))
            if h.ack_at is not None:
                raise ReadOnlyRecord("该交接事项已被接班人确认，不能删除")
            self.ctx.audit(s, "delete", "handover_item", h.id,
                           before={"from_log_id": h.from_log_id, "text": h.text})
            s.delete(h)

    def acknowledge_handover(self, item_id: int, log_id: int) -> HandoverView:
        """The incoming duty manager confirms an item in their log (who/when recorded).
        ``log_id`` is the receiving log: a draft at or after the item's target shift."""
        me = self.ctx.auth.require(Action.ACK_HANDOVER)
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            h = load_handover(s, item_id)
            log = load_log(s, log_id)
            if h.ack_at is not None:
                raise Conflict("该交接事项已确认接收")
            require_draft(log)
            if me.id != log.duty_manager_id and me.role != Role.HALL_MANAGER:
                raise PermissionDenied("只有接班的值班经理可以确认交接事项")
            cache = Cache(s)
            if slot_of(cache, log.date, log.shift_id) < slot_of(cache, h.target_date,
                                                                h.target_shift_id):
                raise ValidationError("该交接事项是交给之后班次的，本班不能确认")
            if h.from_log_id == log.id:
                raise ValidationError("不能确认本班自己移交的事项")
            h.ack_at, h.ack_by, h.ack_log_id = now, me.id, log.id
            self.ctx.audit(s, "acknowledge", "handover_item", h.id, before={"ack_at": None},
                           after={"ack_at": now, "ack_by": me.id, "ack_log_id": log.id})
            return handover_view(h, cache)

    def pending_handover(self) -> list[HandoverView]:
        """All hand-over items nobody has acknowledged yet, oldest first."""
        self.ctx.auth.require(Action.VIEW_DUTY_LOG)
        with self.ctx.db.read() as s:
            cache = Cache(s)
            rows = log_repo.unacked_handover_items(s)
            return [handover_view(h, cache) for h in rows]
