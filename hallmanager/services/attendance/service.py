"""Attendance and fines use cases (考勤与扣款): roster, timetables, holidays, rotas, punches
(desk, 补卡, clock-machine import), leave, violations, fine rules, waivers, the monthly
summary and 考勤表 grid, and month close.

One write transaction per user action, permission checked first, every change audited, plain
frozen dataclasses out. Rows dated in a closed month are refused here with a clear message
(and by database triggers for anything else). The rules are the domain's
(``domain.attendance``); ``calc.Book`` loads what they need for a range at once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from hallmanager.domain.attendance import imports as imp
from hallmanager.domain.attendance.classify import LEAVE_TYPES
from hallmanager.domain.attendance.fines import (
    DEFAULT_RULES,
    Item,
    RuleSet,
    check_rules,
    rules_for,
    rules_to_dict,
)
from hallmanager.domain.attendance.imports import RowProblem
from hallmanager.domain.attendance.pinyin import initials
from hallmanager.domain.attendance.timetable import (
    DayKind,
    Timetable,
    check_seasons,
    check_sessions,
)
from hallmanager.domain.errors import (
    AuthenticationError,
    Conflict,
    NotFound,
    PermissionDenied,
    ReadOnlyRecord,
    ValidationError,
)
from hallmanager.domain.masking import mask_phone
from hallmanager.domain.roles import Action
from hallmanager.domain.validation import check_full_name, normalize_phone
from hallmanager.services.attendance import calc
from hallmanager.services.attendance.calc import Book, month_bounds, month_key, months_between
from hallmanager.services.attendance.files import is_blank, read_rows
from hallmanager.services.attendance.views import (
    DayView,
    FineView,
    HolidayTableView,
    HolidayView,
    LeaveView,
    MonthCloseView,
    MonthReport,
    PersonMonth,
    PersonMonthDetail,
    PunchImportResult,
    PunchRecorded,
    PunchView,
    RotaView,
    RuleSetView,
    StaffImportResult,
    StaffRef,
    StaffView,
    TimetablesView,
    ViolationView,
    WaiverView,
)
from hallmanager.services.context import ServiceContext, UserInfo
from hallmanager.storage.attendance import repository as repo
from hallmanager.storage.attendance.models import (
    AttendanceSettings,
    Holiday,
    Leave,
    MonthClose,
    Punch,
    Rota,
    RuleVersion,
    Staff,
    TimetableSession,
    Violation,
    Waiver,
)
from hallmanager.storage.attendance.models import (
    Timetable as TimetableRow,
)
from hallmanager.storage.database import DbSession
from hallmanager.storage.repositories import users as users_repo

FUTURE_SLACK = dt.timedelta(minutes=1)  # a desk clock a little ahead is no "future" punch
MAX_LEAVE_DAYS = 366
MAX_REPORTED_ROWS = 20  # a staff import lists this many bad rows in its message
HOLIDAY_NAMES = {"New Year's Day": "元旦", "Spring Festival": "春节",
                 "Tomb-sweeping Day": "清明节", "Labour Day": "劳动节",
                 "Dragon Boat Festival": "端午节", "National Day": "国庆节",
                 "Mid-autumn Festival": "中秋节", "Anti-Fascist 70th Day": "抗战胜利纪念日"}


class AttendanceService:
    """考勤与扣款."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # ================================================================ roster (花名册)
    def staff(self, *, include_inactive: bool = False) -> list[StaffView]:
        """The roster by staff number."""
        self.ctx.auth.require(Action.VIEW_ATTENDANCE)
        with self.ctx.db.read() as s:
            return [self._staff_view(x) for x in repo.all_staff(
                s, include_inactive=include_inactive)]

    def get_staff(self, staff_id: int) -> StaffView:
        self.ctx.auth.require(Action.VIEW_ATTENDANCE)
        with self.ctx.db.read() as s:
            return self._staff_view(self._load_staff(s, staff_id))

    def find_staff(self, text: str, *, limit: int = 20) -> list[StaffView]:
        """Active people whose name, pinyin initials or staff number contain ``text``
        (the desk's picker: 张, zs, rk0101 all find 张三 RK0101), best matches first."""
        self.ctx.auth.require(Action.VIEW_ATTENDANCE)
        q = imp.fold(text or "").lower()
        with self.ctx.db.read() as s:
            people = [self._staff_view(x) for x in repo.all_staff(s, include_inactive=False)]
        if not q:
            return people[:limit]

        def rank(p: StaffView) -> int | None:
            no, ini = p.staff_no.lower(), p.initials
            if q in (no, p.name, ini):
                return 0
            if no.startswith(q) or p.name.startswith(q) or ini.startswith(q):
                return 1
            if q in no or q in p.name or q in ini:
                return 2
            return None

        hits = [(r, p) for p in people if (r := rank(p)) is not None]
        return [p for _, p in sorted(hits, key=lambda x: (x[0], x[1].staff_no))][:limit]

    def staff_for_user(self, user_id: int) -> StaffView | None:
        """The roster line linked to a login account (None: not linked)."""
        self.ctx.auth.require(Action.VIEW_ATTENDANCE)
        with self.ctx.db.read() as s:
            st = repo.staff_by_user(s, user_id)
            return self._staff_view(st) if st else None

    def save_staff(self, staff_id: int | None, *, staff_no: str, name: str, position: str = "",
                   phone: str = "", hire_date: dt.date | None = None,
                   leave_date: dt.date | None = None, active: bool = True,
                   user_id: int | None = None) -> StaffView:
        """Add (``staff_id`` None) or change a roster line; 工号 is unique."""
        self.ctx.auth.require(Action.MANAGE_ROSTER)
        fields = _staff_fields(staff_no, name, position, phone, hire_date, leave_date)
        self.ensure_holidays()  # the roster's first line fills the holiday table
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            other = repo.staff_by_no(s, fields["staff_no"])
            if other is not None and other.id != staff_id:
                raise Conflict(f"工号 {fields['staff_no']} 已被 {other.name} 使用")
            if user_id is not None:
                if users_repo.user(s, user_id) is None:
                    raise ValidationError("关联的登录账号不存在", field="user_id")
                linked = repo.staff_by_user(s, user_id)
                if linked is not None and linked.id != staff_id:
                    raise Conflict(f"该登录账号已关联 {linked.name}（{linked.staff_no}）")
            if staff_id is None:
                st = Staff(**fields, active=bool(active), user_id=user_id, created_at=now,
                           updated_at=now)
                s.add(st)
                s.flush()
                self.ctx.audit(s, "create", "attendance_staff", st.id, after=_staff_audit(st))
                return self._staff_view(st)
            st = self._load_staff(s, staff_id)
            before = _staff_audit(st)
            for k, v in fields.items():
                setattr(st, k, v)
            st.active, st.user_id, st.updated_at = bool(active), user_id, now
            s.flush()
            after = _staff_audit(st)
            if after != before:
                self.ctx.audit(s, "update", "attendance_staff", st.id, before=before, after=after)
            return self._staff_view(st)

    def import_staff(self, path: Path | str) -> StaffImportResult:
        """Import the roster from XLSX/CSV with columns 工号, 姓名, 岗位 (optional 手机,
        入职日期). Every row is checked first: any bad row → ValidationError naming each bad
        row's number and reason, and nothing is imported. An existing 工号 is updated."""
        self.ctx.auth.require(Action.MANAGE_ROSTER)
        rows = read_rows(path)
        first = next((i for i, r in enumerate(rows) if not is_blank(r)), None)
        if first is None:
            raise ValidationError("文件中没有内容")
        cols = imp.map_headers(rows[first], imp.STAFF_HEADERS, imp.STAFF_REQUIRED)
        parsed: list[dict[str, Any]] = []
        problems: list[RowProblem] = []
        seen: dict[str, int] = {}
        for n, row in enumerate(rows[first + 1:], start=first + 2):
            if is_blank(row):
                continue

            def cell(f: str, row: list[imp.Cell] = row) -> imp.Cell:
                i = cols.get(f)
                return row[i] if i is not None and i < len(row) else None
            try:
                hire = cell("hire_date")
                f = _staff_fields(imp.staff_no(cell("staff_no")), imp.cell_text(cell("name")),
                                  imp.cell_text(cell("position")), imp.cell_text(cell("phone")),
                                  None if imp.cell_text(hire) == "" else imp.date_value(hire),
                                  None)
                if f["staff_no"] in seen:
                    raise ValidationError(f"工号 {f['staff_no']} 与第 {seen[f['staff_no']]} 行重复")
                seen[f["staff_no"]] = n
                parsed.append(f)
            except ValidationError as exc:
                problems.append(RowProblem(n, imp.row_text(row), exc.message))
        if problems:
            shown = "；".join(f"第 {p.row} 行：{p.reason}" for p in problems[:MAX_REPORTED_ROWS])
            more = f"（另有 {len(problems) - MAX_REPORTED_ROWS} 行）" \
                if len(problems) > MAX_REPORTED_ROWS else ""
            raise ValidationError(f"{len(problems)} 行有错误，未导入任何人员：{shown}{more}",
                                  row=problems[0].row)
        if not parsed:
            raise ValidationError("文件中没有人员数据（只有表头）")
        self.ensure_holidays()
        now = self.ctx.clock.now()
        created = updated = unchanged = 0
        with self.ctx.db.write() as s:
            for f in parsed:
                st = repo.staff_by_no(s, f["staff_no"])
                if st is None:
                    s.add(Staff(**f, active=True, created_at=now, updated_at=now))
                    created += 1
                    continue
                if f["hire_date"] is None:
                    f["hire_date"] = st.hire_date
                if f["phone"] == "" and st.phone:
                    f["phone"] = st.phone
                changed = {k: v for k, v in f.items() if getattr(st, k) != v}
                if not changed:
                    unchanged += 1
                    continue
                for k, v in changed.items():
                    setattr(st, k, v)
                st.updated_at = now
                updated += 1
            s.flush()
            self.ctx.audit(s, "import", "attendance_staff", None,
                           after={"file": Path(path).name, "created": created,
                                  "updated": updated, "unchanged": unchanged})
        return StaffImportResult(created, updated, unchanged)

    def set_rota(self, staff_id: int, *, rest_weekdays: Iterable[int] = (),
                 rest_dates: Iterable[dt.date] = (),
                 work_dates: Iterable[dt.date] = ()) -> RotaView:
        """A person's 排班: rest weekdays (0 = Monday) and explicit rest / working dates."""
        self.ctx.auth.require(Action.MANAGE_ROSTER)
        wd = sorted(set(rest_weekdays))
        if any(isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= 6 for d in wd):
            raise ValidationError("休息日须为星期一到星期日（0–6）")
        rest, work = sorted(set(rest_dates)), sorted(set(work_dates))
        if set(rest) & set(work):
            raise ValidationError("同一天不能既是休息日又是工作日")
        with self.ctx.db.write() as s:
            self._load_staff(s, staff_id)
            row = repo.rota(s, staff_id)
            before = _rota_audit(row) if row else None
            if row is None:
                row = Rota(staff_id=staff_id)
                s.add(row)
            row.rest_weekdays = ",".join(str(d) for d in wd)
            row.rest_dates_json = json.dumps([d.isoformat() for d in rest])
            row.work_dates_json = json.dumps([d.isoformat() for d in work])
            row.updated_at = self.ctx.clock.now()
            s.flush()
            self.ctx.audit(s, "update", "attendance_rota", staff_id, before=before,
                           after=_rota_audit(row))
            return RotaView(staff_id, tuple(wd), tuple(rest), tuple(work))

    def rota(self, staff_id: int) -> RotaView | None:
        """A person's rota (None: every working day on the hall's timetable)."""
        self.ctx.auth.require(Action.VIEW_ATTENDANCE)
        with self.ctx.db.read() as s:
            row = repo.rota(s, staff_id)
            if row is None:
                return None
            r = calc.rota_of(row)
            return RotaView(staff_id, tuple(sorted(r.rest_weekdays)), tuple(sorted(r.rest_dates)),
                            tuple(sorted(r.work_dates)))

    # ================================================================ timetables, holidays
    def timetables(self) -> TimetablesView:
        """The seasonal timetables (the seed's summer/winter defaults until saved)."""
        self._require_login()
        with self.ctx.db.read() as s:
            tts, saved = calc.load_timetables(s)
            return TimetablesView(tts, saved)

    def save_timetables(self, timetables: Sequence[Timetable]) -> TimetablesView:
        """Replace the timetables: every day of the year in exactly one season, each with
        ordered, non-overlapping sessions. Closed months keep their frozen figures."""
        self.ctx.auth.require(Action.MANAGE_ATTENDANCE_RULES)
        tts = tuple(timetables)
        for t in tts:
            if not t.name.strip():
                raise ValidationError("作息时间表须有名称")
            check_sessions(t.sessions)
        check_seasons(tts)
        with self.ctx.db.write() as s:
            before, _ = calc.load_timetables(s)
            repo.delete_timetables(s)
            for i, t in enumerate(tts):
                row = TimetableRow(name=t.name.strip(), valid_from=str(t.valid_from),
                                   valid_to=str(t.valid_to), sort_order=i)
                s.add(row)
                s.flush()
                for k, x in enumerate(t.sessions):
                    s.add(TimetableSession(timetable_id=row.id, sort_order=k,
                                           start=f"{x.start:%H:%M}", end=f"{x.end:%H:%M}"))
            s.flush()
            self.ctx.audit(s, "update", "attendance_timetables", None,
                           before=_timetables_audit(before), after=_timetables_audit(tts))
        return TimetablesView(tts, True)

    def holiday_table(self, year: int | None = None) -> HolidayTableView:
        """The holiday table (法定节假日, 调休上班), of one year if given, and how far it is
        known. Filled from ``chinesecalendar`` on first use."""
        self._require_login()
        self.ensure_holidays()
        with self.ctx.db.read() as s:
            st = repo.settings(s)
            start = dt.date(year, 1, 1) if year else None
            end = dt.date(year, 12, 31) if year else None
            rows = repo.holidays(s, start, end)
            return HolidayTableView(
                tuple(HolidayView(h.date, DayKind(h.kind), h.name, h.source) for h in rows),
                st.holidays_covered_until if st else None, st.holidays_source if st else "")

    def ensure_holidays(self) -> None:
        """Copy ``chinesecalendar``'s holidays and 调休 working days into the hall's table,
        once (its coverage ends on 31 December of the last year it knows)."""
        with self.ctx.db.read() as s:
            if repo.settings(s) is not None:
                return
        rows, until = calendar_holidays()
        with self.ctx.db.write() as s:
            if repo.settings(s) is not None:  # another desk was quicker
                return
            repo.add_holidays(s, rows)
            s.add(AttendanceSettings(id=repo.SETTINGS_ID, holidays_covered_until=until,
                                     holidays_source="chinesecalendar",
                                     updated_at=self.ctx.clock.now()))
            s.flush()
            self.ctx.audit(s, "seed", "attendance_holiday", None,
                           after={"source": "chinesecalendar", "days": len(rows),
                                  "covered_until": until})

    def set_holiday(self, day: dt.date, kind: DayKind, name: str = "") -> HolidayView:
        """Enter a special day by hand (the next year's State Council notice): 法定节假日 or
        调休上班; WORKDAY/REST removes the entry (the calendar's weekday/weekend applies)."""
        self.ctx.auth.require(Action.MANAGE_ATTENDANCE_RULES)
        self.ensure_holidays()
        n = (name or "").strip()[:40]
        with self.ctx.db.write() as s:
            self._require_open(s, [day])
            row = repo.holiday(s, day)
            before = {"kind": row.kind, "name": row.name, "source": row.source} if row else None
            if kind in (DayKind.WORKDAY, DayKind.REST):
                if row is not None:
                    s.delete(row)
            elif kind in (DayKind.HOLIDAY, DayKind.ADJUSTED_WORKDAY):
                if row is None:
                    row = Holiday(date=day)
                    s.add(row)
                row.kind, row.name, row.source = kind.value, n, "manual"
            else:
                raise ValidationError("只能设为法定节假日、调休上班或普通日")
            s.flush()
            self.ctx.audit(s, "update", "attendance_holiday", day.isoformat(), before=before,
                           after={"kind": kind.value, "name": n, "source": "manual"})
            return HolidayView(day, kind, n, "manual")

    def set_holidays_covered_until(self, day: dt.date) -> HolidayTableView:
        """After entering a year's notice by hand: the table is known up to ``day``."""
        self.ctx.auth.require(Action.MANAGE_ATTENDANCE_RULES)
        self.ensure_holidays()
        with self.ctx.db.write() as s:
            st = repo.settings(s)
            assert st is not None
            if st.holidays_covered_until and day < st.holidays_covered_until:
                raise ValidationError(f"节假日表已覆盖到 {st.holidays_covered_until}，不能缩短")
            before = st.holidays_covered_until
            st.holidays_covered_until = day
            st.holidays_source = "chinesecalendar+manual"
            st.updated_at = self.ctx.clock.now()
            self.ctx.audit(s, "update", "attendance_holiday", "covered_until",
                           before={"covered_until": before}, after={"covered_until": day})
        return self.holiday_table(day.year)

    # ================================================================ fine rules
    def rule_versions(self) -> list[RuleSetView]:
        """Every rule version, oldest first (the built-in defaults as version 1 until the
        hall manager saves one)."""
        self._require_login()
        with self.ctx.db.read() as s:
            rows = repo.rule_versions(s)
            if not rows:
                return [RuleSetView(DEFAULT_RULES, "默认规则（分公司制度）", saved=False)]
            rules = calc.load_rules(s)
            names = self._user_names(s)
            return [RuleSetView(r, row.note, row.created_at, names.get(row.created_by or 0, ""))
                    for r, row in zip(rules, rows, strict=True)]

    def rules_on(self, day: dt.date) -> RuleSetView:
        """The version in force on ``day``."""
        versions = self.rule_versions()
        chosen = rules_for(day, [v.rules for v in versions])
        return next(v for v in versions if v.rules is chosen)

    def save_rules(self, rules: RuleSet, *, note: str = "") -> RuleSetView:
        """Save a new version effective from ``rules.effective_from`` (its ``version`` is
        assigned here). It may start inside an open month (the whole open month is then
        computed with it from that date), never inside or before a closed month."""
        me = self.ctx.auth.require(Action.MANAGE_ATTENDANCE_RULES)
        check_rules(rules)
        n = (note or "").strip()[:200]
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            closes = repo.month_closes(s)
            if closes:
                last = month_bounds(closes[0].month)[1]
                if rules.effective_from <= last:
                    raise ReadOnlyRecord(
                        f"{closes[0].month} 已月结：新规则只能从 {last + dt.timedelta(days=1)} "
                        f"或以后生效")
            rows = repo.rule_versions(s)
            if not rows:  # keep the defaults the past was computed with as version 1
                s.add(RuleVersion(version=1, effective_from=DEFAULT_RULES.effective_from,
                                  rules_json=json.dumps(rules_to_dict(DEFAULT_RULES)),
                                  note="默认规则（分公司制度）", created_at=now, created_by=None))
                version = 2
            else:
                version = rows[-1].version + 1
            saved = dataclasses.replace(rules, version=version)
            data = rules_to_dict(saved)
            s.add(RuleVersion(version=version, effective_from=saved.effective_from,
                              rules_json=json.dumps(data), note=n, created_at=now,
                              created_by=me.id))
            s.flush()
            self.ctx.audit(s, "create", "attendance_rules", version,
                           after={"version": version, "effective_from": saved.effective_from,
                                  "note": n, "rules": data})
            return RuleSetView(saved, n, now, me.full_name)

    # ================================================================ punches
    def record_punch(self, staff_id: int, at: dt.datetime | None = None) -> PunchRecorded:
        """A punch recorded at the desk ("张三 09:47"; ``at`` defaults to now). Returns it with
        the person's day as it now stands: late/early minutes and any fine with its rule."""
        return self._add_punch(staff_id, at, "desk", "")

    def record_correction(self, staff_id: int, at: dt.datetime, reason: str) -> PunchRecorded:
        """补卡: a missing punch added by the duty manager, with a reason (audited)."""
        r = (reason or "").strip()
        if len(r) < 2:
            raise ValidationError("补卡须填写原因", field="reason")
        return self._add_punch(staff_id, at, "correction", r[:200])

    def cancel_punch(self, punch_id: int, reason: str) -> PunchView:
        """Cancel a punch entered by mistake (kept, marked cancelled, audited). Punches from
        the clock machine are cancelled only by the hall manager."""
        me = self.ctx.auth.require(Action.RECORD_ATTENDANCE)
        r = (reason or "").strip()
        if len(r) < 2:
            raise ValidationError("撤销打卡须填写原因", field="reason")
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            p = repo.punch(s, punch_id)
            if p is None:
                raise NotFound("找不到该打卡记录")
            if p.source == "import":
                self.ctx.auth.require(Action.MANAGE_ATTENDANCE_RULES)
            if p.cancelled_at is not None:
                raise Conflict("该打卡记录已撤销")
            self._require_open(s, [p.at.date()])
            p.cancelled_at, p.cancelled_by, p.cancel_reason = now, me.id, r[:200]
            s.flush()
            self.ctx.audit(s, "cancel", "attendance_punch", p.id,
                           before={"at": p.at, "source": p.source}, after={"reason": r})
            return self._punch_view(s, p)

    def punches(self, start: dt.date, end: dt.date, *, staff_id: int | None = None,
                include_cancelled: bool = True) -> list[PunchView]:
        """Punches dated ``start`` … ``end``, by time."""
        self.ctx.auth.require(Action.VIEW_ATTENDANCE)
        with self.ctx.db.read() as s:
            rows = repo.punches(s, _dt(start), _dt(end + calc.DAY),
                                [staff_id] if staff_id else None,
                                include_cancelled=include_cancelled)
            return [self._punch_view(s, p) for p in rows]

    def import_punches(self, path: Path | str) -> PunchImportResult:
        """Import a clock machine's export (CSV or XLSX: 工号 + 打卡时间, or staff_no + time,
        or 工号 + 日期 + 时间). Good rows are stored; bad rows (unknown 工号, unreadable or
        future time, a closed month) are returned with their row numbers and reasons; rows
        already stored (or repeated in the file) are counted as duplicates, not added, so
        importing the same file again adds nothing."""
        self.ctx.auth.require(Action.RECORD_ATTENDANCE)
        rows = read_rows(path)
        first = next((i for i, r in enumerate(rows) if not is_blank(r)), None)
        if first is None:
            raise ValidationError("文件中没有内容")
        cols = imp.clock_columns(rows[first])
        records: list[tuple[int, str, dt.datetime]] = []
        rejected: list[RowProblem] = []
        ino, itime = cols["staff_no"], cols.get("time")
        idate, iclock = cols.get("date"), cols.get("clock")
        for n, row in enumerate(rows[first + 1:], start=first + 2):
            if is_blank(row):
                continue
            try:
                no = imp.staff_no(row[ino] if ino < len(row) else None)
                if itime is not None:
                    at = imp.timestamp(row[itime] if itime < len(row) else None)
                else:
                    assert idate is not None and iclock is not None
                    at = imp.date_and_clock(row[idate] if idate < len(row) else None,
                                            row[iclock] if iclock < len(row) else None)
                records.append((n, no, at))
            except ValidationError as exc:
                rejected.append(RowProblem(n, imp.row_text(row), exc.message))
        if not records and not rejected:
            raise ValidationError("文件中没有打卡记录（只有表头）")
        return self._store_punches(records, rejected, Path(path).name)

    def import_punch_records(self, records: Iterable[tuple[str, dt.datetime]], *,
                             label: str = "batch") -> PunchImportResult:
        """The same import for records already in hand (工号, time): the demo and tools."""
        self.ctx.auth.require(Action.RECORD_ATTENDANCE)
        recs = [(i, imp.staff_no(no), at.replace(microsecond=0))
                for i, (no, at) in enumerate(records, start=1)]
        return self._store_punches(recs, [], label)

    def _store_punches(self, records: list[tuple[int, str, dt.datetime]],
                       rejected: list[RowProblem], label: str) -> PunchImportResult:
        now = self.ctx.clock.now()
        batch = f"{now:%Y%m%d%H%M%S}-{uuid.uuid4().hex[:8]}"
        me = self.ctx.auth.user
        rejected = list(rejected)
        fresh: list[dict[str, Any]] = []
        duplicates = 0
        with self.ctx.db.write() as s:
            ids = repo.staff_ids_by_no(s)
            if records:
                lo = min(r[2] for r in records)
                hi = max(r[2] for r in records)
                closed = repo.closed_months_between(s, month_key(lo.date()), month_key(hi.date()))
                seen = repo.existing_punch_keys(s, lo, hi)
            else:
                closed, seen = set(), set()
            for n, no, at in records:
                sid = ids.get(no)
                if sid is None:
                    rejected.append(RowProblem(n, f"{no},{at:%Y-%m-%d %H:%M:%S}",
                                               f"未知工号 {no}（不在花名册中）"))
                    continue
                if at > now + FUTURE_SLACK:
                    rejected.append(RowProblem(n, f"{no},{at:%Y-%m-%d %H:%M:%S}",
                                               "打卡时间晚于当前时间"))
                    continue
                if month_key(at.date()) in closed:
                    rejected.append(RowProblem(n, f"{no},{at:%Y-%m-%d %H:%M:%S}",
                                               f"{month_key(at.date())} 已月结，不能再导入"))
                    continue
                key = (sid, at)
                if key in seen:
                    duplicates += 1
                    continue
                seen.add(key)
                fresh.append({"staff_id": sid, "at": at, "source": "import", "batch_id": batch,
                              "reason": "", "created_at": now,
                              "created_by": me.id if me else None, "cancel_reason": ""})
            repo.insert_punches(s, fresh)
            rejected.sort(key=lambda p: p.row)
            if fresh:
                self.ctx.audit(s, "import", "attendance_punch", batch,
                               after={"file": label, "imported": len(fresh),
                                      "duplicates": duplicates, "rejected": len(rejected),
                                      "first": min(r["at"] for r in fresh),
                                      "last": max(r["at"] for r in fresh)})
        return PunchImportResult(batch if fresh else "", len(fresh), duplicates, len(rejected),
                                 tuple(rejected))

    def _add_punch(self, staff_id: int, at: dt.datetime | None, source: str,
                   reason: str) -> PunchRecorded:
        me = self.ctx.auth.require(Action.RECORD_ATTENDANCE)
        self.ensure_holidays()
        now = self.ctx.clock.now()
        when = (at or now).replace(microsecond=0, tzinfo=None)
        if when > now + FUTURE_SLACK:
            raise ValidationError(f"打卡时间 {when:%Y-%m-%d %H:%M} 晚于当前时间", field="at")
        with self.ctx.db.write() as s:
            st = self._load_staff(s, staff_id)
            if not st.active:
                raise ValidationError(f"{st.name} 已停用，不能录入打卡")
            self._require_open(s, [when.date()])
            old = repo.punch_at(s, staff_id, when)
            if old is not None:
                state = "（已撤销）" if old.cancelled_at else ""
                raise Conflict(f"{st.name} 在 {when:%Y-%m-%d %H:%M:%S} 已有打卡记录{state}")
            p = Punch(staff_id=staff_id, at=when, source=source, batch_id=None, reason=reason,
                      created_at=now, created_by=me.id, cancel_reason="")
            s.add(p)
            s.flush()
            self.ctx.audit(s, "create", "attendance_punch", p.id,
                           after={"staff_no": st.staff_no, "at": when, "source": source,
                                  **({"reason": reason} if reason else {})})
            view = self._punch_view(s, p)
            day = self._book(s, when.date(), when.date(), [st]).day_view(st, when.date())
            return PunchRecorded(view, day)

    # ================================================================ leave, violations
    def record_leave(self, staff_id: int, leave_type: str, start: dt.date,
                     end: dt.date | None = None, *, sessions: Sequence[int] = (),
                     note: str = "", approved: bool = True) -> LeaveView:
        """A leave (事假/病假/年假/调休/婚丧假) for whole days, or for some sessions of one day
        (``sessions``: 0 = the first session). Approved leave is not absence."""
        me = self.ctx.auth.require(Action.RECORD_ATTENDANCE)
        lt = (leave_type or "").strip()
        if lt not in LEAVE_TYPES:
            raise ValidationError(f"请假类型须为 {'、'.join(LEAVE_TYPES)}", field="leave_type")
        last = end or start
        if last < start:
            raise ValidationError("结束日期不能早于开始日期", field="end")
        if (last - start).days >= MAX_LEAVE_DAYS:
            raise ValidationError("一次请假不能超过一年", field="end")
        sess = sorted(set(sessions))
        if sess and last != start:
            raise ValidationError("按时段请假只能是一天", field="sessions")
        if any(isinstance(i, bool) or not isinstance(i, int) or not 0 <= i <= 5 for i in sess):
            raise ValidationError("时段编号不正确", field="sessions")
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            st = self._load_staff(s, staff_id)
            self._require_open(s, [start, last])
            for other in repo.leaves(s, start, last, [staff_id]):
                a, b = set(sess), {int(x) for x in other.sessions.split(",") if x.strip()}
                if not a or not b or a & b:
                    raise Conflict(f"{st.name} 在 {other.start_date} 至 {other.end_date} "
                                   f"已有{other.leave_type}")
            lv = Leave(staff_id=staff_id, leave_type=lt, start_date=start, end_date=last,
                       sessions=",".join(str(i) for i in sess), approved=bool(approved),
                       approved_by=me.id if approved else None, note=(note or "").strip()[:200],
                       created_at=now, created_by=me.id, cancel_reason="")
            s.add(lv)
            s.flush()
            self.ctx.audit(s, "create", "attendance_leave", lv.id,
                           after={"staff_no": st.staff_no, "type": lt, "start": start,
                                  "end": last, "sessions": sess, "approved": bool(approved)})
            return self._leave_view(s, lv)

    def approve_leave(self, leave_id: int) -> LeaveView:
        me = self.ctx.auth.require(Action.RECORD_ATTENDANCE)
        with self.ctx.db.write() as s:
            lv = self._load_leave(s, leave_id)
            if lv.approved:
                raise Conflict("该请假已批准")
            self._require_open(s, [lv.start_date, lv.end_date])
            lv.approved, lv.approved_by = True, me.id
            s.flush()
            self.ctx.audit(s, "approve", "attendance_leave", lv.id, before={"approved": False},
                           after={"approved": True})
            return self._leave_view(s, lv)

    def cancel_leave(self, leave_id: int, reason: str) -> LeaveView:
        """A leave withdrawn (kept, marked cancelled, audited)."""
        me = self.ctx.auth.require(Action.RECORD_ATTENDANCE)
        r = (reason or "").strip()
        if len(r) < 2:
            raise ValidationError("撤销请假须填写原因", field="reason")
        with self.ctx.db.write() as s:
            lv = self._load_leave(s, leave_id)
            if lv.cancelled_at is not None:
                raise Conflict("该请假已撤销")
            self._require_open(s, [lv.start_date, lv.end_date])
            lv.cancelled_at, lv.cancelled_by, lv.cancel_reason = (self.ctx.clock.now(), me.id,
                                                                  r[:200])
            s.flush()
            self.ctx.audit(s, "cancel", "attendance_leave", lv.id, after={"reason": r})
            return self._leave_view(s, lv)

    def leaves(self, start: dt.date, end: dt.date, *,
               staff_id: int | None = None) -> list[LeaveView]:
        self.ctx.auth.require(Action.VIEW_ATTENDANCE)
        with self.ctx.db.read() as s:
            return [self._leave_view(s, lv) for lv in repo.leaves(
                s, start, end, [staff_id] if staff_id else None, include_cancelled=True)]

    def record_violation(self, staff_id: int, item: Item | str, at: dt.datetime | None = None,
                         *, seen_by: int | None = None, note: str = "") -> ViolationView:
        """违规登记 (未穿工装, 私自离岗 …): who, when, who saw it (default: the user)."""
        me = self.ctx.auth.require(Action.RECORD_ATTENDANCE)
        try:
            it = Item(item)
        except ValueError as exc:
            raise ValidationError(f"未知的违规项目：{item}", field="item") from exc
        if it == Item.ABSENT:
            raise ValidationError("旷工由考勤自动判定，不需登记", field="item")
        now = self.ctx.clock.now()
        when = (at or now).replace(microsecond=0)
        if when > now + FUTURE_SLACK:
            raise ValidationError("违规时间晚于当前时间", field="at")
        n = (note or "").strip()[:200]
        if it == Item.OTHER and not n:
            raise ValidationError("“其他违规”须写明情况", field="note")
        with self.ctx.db.write() as s:
            st = self._load_staff(s, staff_id)
            witness = seen_by if seen_by is not None else me.id
            if users_repo.user(s, witness) is None:
                raise ValidationError("发现人不存在", field="seen_by")
            self._require_open(s, [when.date()])
            v = Violation(staff_id=staff_id, item=it.value, at=when, seen_by=witness, note=n,
                          created_at=now, created_by=me.id)
            s.add(v)
            s.flush()
            self.ctx.audit(s, "create", "attendance_violation", v.id,
                           after={"staff_no": st.staff_no, "item": it.value, "at": when,
                                  "seen_by": witness, "note": n})
            return self._violation_views(s, [v])[0]

    def violations(self, start: dt.date, end: dt.date, *,
                   staff_id: int | None = None) -> list[ViolationView]:
        self.ctx.auth.require(Action.VIEW_ATTENDANCE)
        with self.ctx.db.read() as s:
            return self._violation_views(s, repo.violations(
                s, _dt(start), _dt(end + calc.DAY), [staff_id] if staff_id else None))

    # ================================================================ fines and waivers
    def waive_fine(self, fine_key: str, reason: str) -> WaiverView:
        """免罚: the hall manager waives one fine (``FineView.key``) with a reason; the fine
        stays visible, marked waived, and no longer counts in the totals."""
        me = self.ctx.auth.require(Action.WAIVE_FINE)
        r = (reason or "").strip()
        if len(r) < 2:
            raise ValidationError("免除扣款须填写原因", field="reason")
        self.ensure_holidays()
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            staff_id, day = self._fine_owner(s, fine_key)
            st = self._load_staff(s, staff_id)
            self._require_open(s, [day])
            first, last = month_bounds(month_key(day))
            pm, _ = self._book(s, first, min(last, now.date()), [st]).person(st)
            fine = next((f for f in pm.fines if f.key == fine_key), None)
            if fine is None:
                raise NotFound("找不到该扣款（考勤可能已更正）")
            if fine.waived:
                raise Conflict("该扣款已免除")
            w = Waiver(fine_key=fine_key, staff_id=staff_id, day=fine.day, fine_fen=fine.fen,
                       reason=r[:200], created_at=now, created_by=me.id)
            s.add(w)
            s.flush()
            self.ctx.audit(s, "waive", "attendance_fine", fine_key,
                           before={"fen": fine.fen, "explanation": fine.explanation},
                           after={"reason": r, "staff_no": st.staff_no, "day": fine.day})
            return WaiverView(fine_key, calc.ref(st), fine.day, fine.fen, r[:200],
                              me.full_name, now)

    def _fine_owner(self, s: DbSession, key: str) -> tuple[int, dt.date]:
        try:
            if key.startswith("v"):
                v = repo.violation(s, int(key[1:]))
                if v is None:
                    raise NotFound("找不到该违规记录")
                return v.staff_id, v.at.date()
            sid, when, _ = key.split(":", 2)
            if len(when) == 7:  # a monthly fine: dated the month's last day (or today)
                last = month_bounds(when)[1]
                return int(sid), min(last, self.ctx.clock.now().date())
            return int(sid), dt.date.fromisoformat(when)
        except ValueError as exc:
            raise NotFound("扣款编号不正确") from exc

    # ================================================================ classification
    def day(self, staff_id: int, day: dt.date) -> DayView:
        """A person's day: sessions, marks, fines with their rules."""
        self._require_view(staff_id)
        self.ensure_holidays()
        with self.ctx.db.read() as s:
            st = self._load_staff(s, staff_id)
            return self._book(s, day, day, [st]).day_view(st, day)

    def day_overview(self, day: dt.date) -> list[DayView]:
        """Every active person's day (the tab's list, the reports' attendance of the day)."""
        self.ctx.auth.require(Action.VIEW_ATTENDANCE)
        with self.ctx.db.read() as s:
            if not repo.all_staff(s, include_inactive=False):
                return []  # no roster yet: nothing to say (and no holiday table needed)
        self.ensure_holidays()
        with self.ctx.db.read() as s:
            people = repo.all_staff(s, include_inactive=False)
            book = self._book(s, day, day, people)
            return [book.day_view(st, day) for st in people]

    def person_month(self, staff_id: int, month: str) -> PersonMonthDetail:
        """One person's month: figures, marks, fines (waivers shown), and every day."""
        self._require_view(staff_id)
        first, last = _month(month)
        self.ensure_holidays()
        with self.ctx.db.read() as s:
            st = self._load_staff(s, staff_id)
            pm, days = self._book(s, first, last, [st]).person(st, st.position)
            return PersonMonthDetail(pm, tuple(days))

    def my_month(self, month: str) -> PersonMonthDetail:
        """A teller's own month (the roster line linked to their login)."""
        me = self.ctx.auth.require(Action.VIEW_OWN_ATTENDANCE)
        with self.ctx.db.read() as s:
            st = repo.staff_by_user(s, me.id)
            if st is None:
                raise NotFound("您的账号没有关联花名册，请联系厅经理")
            staff_id = st.id
        return self.person_month(staff_id, month)

    def month_report(self, month: str) -> MonthReport:
        """The month's summary per person and 考勤表 grid. A closed month returns its frozen
        figures exactly as they were closed."""
        self.ctx.auth.require(Action.VIEW_ATTENDANCE)
        first, last = _month(month)
        with self.ctx.db.read() as s:
            close = repo.month_close(s, month)
            if close is not None:
                return _frozen_report(close, first, last, self._user_names(s))
        return self.range_report(first, last)

    def range_report(self, start: dt.date, end: dt.date) -> MonthReport:
        """Summary and grid of any range (``--from … --to``), computed from the records."""
        self.ctx.auth.require(Action.VIEW_ATTENDANCE)
        if end < start:
            raise ValidationError("结束日期不能早于开始日期")
        if (end - start).days > 366:
            raise ValidationError("一次最多统计一年")
        self.ensure_holidays()
        with self.ctx.db.read() as s:
            return self._compute_report(s, start, end)

    def _compute_report(self, s: DbSession, start: dt.date, end: dt.date) -> MonthReport:
        people = [st for st in repo.all_staff(s) if _on_roster(st, start, end)]
        book = self._book(s, start, end, people)
        rows = tuple(book.person(st, st.position, with_days=False)[0] for st in people)
        days = tuple(start + dt.timedelta(days=i) for i in range((end - start).days + 1))
        return MonthReport(_title(start, end), start, end, days, rows,
                           generated_at=self.ctx.clock.now())

    # ================================================================ month close
    def close_month(self, month: str) -> MonthCloseView:
        """月结: freeze the month's figures; its punches, leave, violations and waivers become
        read-only (the database refuses changes too). Only a month that is over."""
        me = self.ctx.auth.require(Action.CLOSE_MONTH)
        first, last = _month(month)
        now = self.ctx.clock.now()
        if last >= now.date():
            raise ValidationError(f"{month} 尚未结束，不能月结")
        self.ensure_holidays()
        with self.ctx.db.write() as s:
            if repo.month_close(s, month) is not None:
                raise Conflict(f"{month} 已经月结")
            report = self._compute_report(s, first, last)
            total = report.total_fine_fen
            row = MonthClose(month=month, closed_at=now, closed_by=me.id,
                             staff_count=len(report.rows), total_fine_fen=total,
                             totals_json=json.dumps([_person_to_dict(p) for p in report.rows],
                                                    ensure_ascii=False))
            s.add(row)
            s.flush()
            self.ctx.audit(s, "close", "attendance_month", month,
                           after={"staff": len(report.rows), "total_fine_fen": total,
                                  "fines": sum(len(p.fines) for p in report.rows)})
            return MonthCloseView(month, now, me.full_name, len(report.rows), total)

    def month_closes(self) -> list[MonthCloseView]:
        """Closed months, newest first."""
        self.ctx.auth.require(Action.VIEW_ATTENDANCE)
        with self.ctx.db.read() as s:
            names = self._user_names(s)
            return [MonthCloseView(c.month, c.closed_at, names.get(c.closed_by, ""),
                                   c.staff_count, c.total_fine_fen) for c in repo.month_closes(s)]

    def is_closed(self, day: dt.date) -> bool:
        self._require_login()
        with self.ctx.db.read() as s:
            return repo.month_close(s, month_key(day)) is not None

    # ================================================================ helpers
    def _require_login(self) -> UserInfo:
        if self.ctx.auth.user is None:
            raise AuthenticationError("请先登录")
        return self.ctx.auth.user

    def _require_view(self, staff_id: int) -> UserInfo:
        """Everyone's records with VIEW_ATTENDANCE; otherwise only one's own."""
        me = self._require_login()
        if self.ctx.auth.may(Action.VIEW_ATTENDANCE):
            return me
        self.ctx.auth.require(Action.VIEW_OWN_ATTENDANCE)
        with self.ctx.db.read() as s:
            st = repo.staff_by_user(s, me.id)
        if st is None or st.id != staff_id:
            raise PermissionDenied(f"{me.role.label}只能查看本人的考勤")
        return me

    def _require_open(self, s: DbSession, days: Sequence[dt.date]) -> None:
        months = months_between(min(days), max(days))
        closed = repo.closed_months_between(s, months[0], months[-1])
        if closed:
            raise ReadOnlyRecord(f"{min(closed)} 已月结，该月考勤记录只读")

    def _load_staff(self, s: DbSession, staff_id: int) -> Staff:
        st = repo.staff(s, staff_id)
        if st is None:
            raise NotFound("花名册中没有此人")
        return st

    def _load_leave(self, s: DbSession, leave_id: int) -> Leave:
        lv = repo.leave(s, leave_id)
        if lv is None:
            raise NotFound("找不到该请假记录")
        return lv

    def _user_names(self, s: DbSession) -> dict[int, str]:
        return {u.id: u.full_name for u in users_repo.users(s)}

    def _book(self, s: DbSession, start: dt.date, end: dt.date,
              people: Sequence[Staff]) -> Book:
        return Book.load(s, start, end, self.ctx.clock.now(), people, self._user_names(s))

    def _staff_view(self, st: Staff) -> StaffView:
        full = self.ctx.auth.may(Action.UNMASK_PERSONAL)
        return StaffView(st.id, st.staff_no, st.name, st.position,
                         st.phone if full else mask_phone(st.phone), st.hire_date,
                         st.leave_date, st.active, st.user_id, initials(st.name),
                         phone_masked=not full and bool(st.phone))

    def _punch_view(self, s: DbSession, p: Punch) -> PunchView:
        st = self._load_staff(s, p.staff_id)
        by = users_repo.user(s, p.created_by) if p.created_by else None
        return PunchView(p.id, calc.ref(st), p.at, p.source, p.batch_id, p.reason, p.created_at,
                         by.full_name if by else "", p.cancelled_at is not None, p.cancel_reason)

    def _leave_view(self, s: DbSession, lv: Leave) -> LeaveView:
        st = self._load_staff(s, lv.staff_id)
        by = users_repo.user(s, lv.created_by)
        return LeaveView(lv.id, calc.ref(st), lv.leave_type, lv.start_date, lv.end_date,
                         tuple(int(x) for x in lv.sessions.split(",") if x.strip()),
                         lv.approved, lv.note, by.full_name if by else "",
                         lv.cancelled_at is not None)

    def _violation_views(self, s: DbSession, rows: Sequence[Violation]) -> list[ViolationView]:
        if not rows:
            return []
        names = self._user_names(s)
        rules = calc.load_rules(s)
        keys = {calc.violation_fine_key(v.id) for v in rows}
        waived = {w.fine_key: w for w in repo.waivers(
            s, min(v.at.date() for v in rows), max(v.at.date() for v in rows))
            if w.fine_key in keys}
        out = []
        for v in rows:
            st = self._load_staff(s, v.staff_id)
            f = calc.violation_fine(v, rules_for(v.at.date(), rules),
                                    names.get(v.seen_by or 0, ""))
            key = calc.violation_fine_key(v.id)
            w = waived.get(key)
            fine = FineView(key, calc.ref(st), v.at.date(), f.kind, f.fen, f.rule_version,
                            f.explanation, None, w is not None, w.reason if w else "",
                            names.get(w.created_by, "") if w else "",
                            w.created_at if w else None)
            out.append(ViolationView(v.id, calc.ref(st), Item(v.item), v.at,
                                     names.get(v.seen_by or 0, ""), v.note, fine))
        return out


# --- module helpers ----------------------------------------------------------------------------
def calendar_holidays() -> tuple[list[dict[str, Any]], dt.date]:
    """``chinesecalendar``'s special days as rows, and the last date its data covers."""
    from chinese_calendar import constants

    rows: list[dict[str, Any]] = []
    for d, name in constants.holidays.items():
        rows.append({"date": d, "kind": DayKind.HOLIDAY.value,
                     "name": HOLIDAY_NAMES.get(str(name), str(name)), "source": "chinesecalendar"})
    for d, name in constants.workdays.items():
        rows.append({"date": d, "kind": DayKind.ADJUSTED_WORKDAY.value,
                     "name": HOLIDAY_NAMES.get(str(name), str(name)) + "调休",
                     "source": "chinesecalendar"})
    last_year = max(constants.holidays).year
    return sorted(rows, key=lambda r: r["date"]), dt.date(last_year, 12, 31)


def _dt(d: dt.date) -> dt.datetime:
    return dt.datetime.combine(d, dt.time())


def _month(month: str) -> tuple[dt.date, dt.date]:
    m = (month or "").strip()
    try:
        y, mo = (int(x) for x in m.split("-"))
        return month_bounds(f"{y:04d}-{mo:02d}") if 1 <= mo <= 12 and 1900 < y < 3000 \
            else _bad_month(m)
    except ValueError:
        return _bad_month(m)


def _bad_month(m: str) -> tuple[dt.date, dt.date]:
    raise ValidationError(f"月份格式不正确：“{m}”（应为 YYYY-MM，例如 2026-11）", field="month")


def _title(start: dt.date, end: dt.date) -> str:
    if start.day == 1 and end == month_bounds(month_key(start))[1]:
        return f"{start.year}年{start.month}月考勤表"
    return f"考勤表 {start.isoformat()} 至 {end.isoformat()}"


def _on_roster(st: Staff, start: dt.date, end: dt.date) -> bool:
    if st.hire_date is not None and st.hire_date > end:
        return False
    if st.leave_date is not None and st.leave_date < start:
        return False
    return st.active or st.leave_date is not None


def _staff_fields(staff_no: str, name: str, position: str, phone: str,
                  hire_date: dt.date | None, leave_date: dt.date | None) -> dict[str, Any]:
    no = imp.staff_no(staff_no)
    nm = check_full_name(name)
    pos = (position or "").strip()
    if len(pos) > 40:
        raise ValidationError("岗位不能超过 40 个字", field="position")
    ph = normalize_phone(phone) if (phone or "").strip() else ""
    if hire_date and leave_date and leave_date < hire_date:
        raise ValidationError("离职日期不能早于入职日期", field="leave_date")
    return {"staff_no": no, "name": nm, "position": pos, "phone": ph, "hire_date": hire_date,
            "leave_date": leave_date}


def _staff_audit(st: Staff) -> dict[str, Any]:
    """Nothing personal in full in the audit log: the phone is masked."""
    return {"staff_no": st.staff_no, "name": st.name, "position": st.position,
            "phone": mask_phone(st.phone) if st.phone else "", "hire_date": st.hire_date,
            "leave_date": st.leave_date, "active": st.active, "user_id": st.user_id}


def _rota_audit(r: Rota) -> dict[str, Any]:
    return {"rest_weekdays": r.rest_weekdays, "rest_dates": json.loads(r.rest_dates_json),
            "work_dates": json.loads(r.work_dates_json)}


def _timetables_audit(tts: Sequence[Timetable]) -> list[dict[str, Any]]:
    return [{"name": t.name, "from": str(t.valid_from), "to": str(t.valid_to),
             "sessions": [x.label for x in t.sessions]} for t in tts]


def _person_to_dict(p: PersonMonth) -> dict[str, Any]:
    d = dataclasses.asdict(p)
    d["fines"] = [{**f, "day": f["day"].isoformat(),
                   "waived_at": f["waived_at"].isoformat() if f["waived_at"] else None}
                  for f in d["fines"]]
    return d


def _person_from_dict(d: dict[str, Any]) -> PersonMonth:
    ref = StaffRef(**d["staff"])
    fines = tuple(FineView(**{**f, "staff": StaffRef(**f["staff"]),
                              "day": dt.date.fromisoformat(f["day"]),
                              "waived_at": dt.datetime.fromisoformat(f["waived_at"])
                              if f["waived_at"] else None}) for f in d["fines"])
    return PersonMonth(**{**d, "staff": ref, "marks": tuple(d["marks"]), "fines": fines})


def _frozen_report(close: MonthClose, first: dt.date, last: dt.date,
                   names: dict[int, str]) -> MonthReport:
    rows = tuple(_person_from_dict(d) for d in json.loads(close.totals_json))
    days = tuple(first + dt.timedelta(days=i) for i in range((last - first).days + 1))
    view = MonthCloseView(close.month, close.closed_at, names.get(close.closed_by, ""),
                          close.staff_count, close.total_fine_fen)
    return MonthReport(_title(first, last), first, last, days, rows, closed=view,
                       generated_at=close.closed_at,
                       notes=(f"已于 {close.closed_at:%Y-%m-%d %H:%M} 月结（{view.closed_by}），"
                              "数据已冻结",))
