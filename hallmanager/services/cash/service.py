"""Cash handover use cases (现金交接): till counts by denomination, over/short with reasons,
the two-person handover that locks, the hall manager's review and reversal, cash in/out,
the day close with deposit, and invoice/receipt number ranges.

One write transaction per user action, permission checked first, every change audited, plain
frozen dataclasses out. A count confirmed by both sides is final (also against raw SQL:
migration 0007's triggers); a correction is a reversing entry (every amount negated) linked
to the original, so totals after a reversal are exact.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from hallmanager.domain.cash import rules as cr
from hallmanager.domain.cash.rules import Denomination, DenominationKind, HandoverState
from hallmanager.domain.errors import (
    AuthenticationError,
    Conflict,
    NotFound,
    PermissionDenied,
    ReadOnlyRecord,
    ValidationError,
)
from hallmanager.domain.masking import mask_personal_text
from hallmanager.domain.money import format_fen
from hallmanager.domain.roles import Action, Role
from hallmanager.services.cash.views import (
    CashSettingsView,
    CountLineView,
    DayCloseView,
    DayTotals,
    InvoiceRangeView,
    MonthTotal,
    MovementView,
    Person,
    ReviewView,
    TellerHistory,
    TillCountView,
)
from hallmanager.services.context import ServiceContext, UserInfo
from hallmanager.storage.cash import repository as repo
from hallmanager.storage.cash.models import (
    CashMovement,
    CashReview,
    CashSettings,
    DayClose,
    InvoiceRange,
    TillCount,
    TillCountLine,
    TillNonCash,
)
from hallmanager.storage.database import DbSession
from hallmanager.storage.repositories import hall as hall_repo
from hallmanager.storage.repositories import users as users_repo

INVOICE_KINDS = {"invoice": "发票", "receipt": "收据"}
REPEAT_SHORTAGES = 3  # shortages of one teller within REPEAT_DAYS flagged on 今日
REPEAT_DAYS = 30
Amount = str | int | None


class PasswordCheck(Protocol):
    """``AuthService.recheck_password``: the person's own password, throttled like logins."""

    def __call__(self, user_id: int, password: str, *, failed_action: str, entity: str,
                 entity_id: object | None = None,
                 detail: dict[str, Any] | None = None) -> bool: ...


def default_settings() -> CashSettingsView:
    return CashSettingsView(
        cr.DEFAULT_DENOMINATIONS, tuple((m.value, m.label) for m in cr.NonCashMethod),
        tuple(cr.REASON_CODES.items()), cr.DEFAULT_REVIEW_THRESHOLD_FEN)


def amount(value: Amount, field: str, *, allow_zero: bool = True) -> int:
    """Typed text through ``parse_amount``; an int is fen (checked the same way)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0
    if isinstance(value, bool):
        raise ValidationError(f"{field}格式不正确", field=field)
    if isinstance(value, int):
        if value < 0:
            raise ValidationError(f"{field}不能为负数", field=field)
        if value > cr.MAX_TILL_FEN:
            raise ValidationError(f"{field}过大（上限 {format_fen(cr.MAX_TILL_FEN)}）", field=field)
        return value
    return cr.parse_amount(str(value), field=field, allow_zero=allow_zero)


class CashService:
    """现金交接. ``check_password`` re-checks a person's own password (giver, receiver, hall
    manager) — ``AuthService.recheck_password``."""

    def __init__(self, ctx: ServiceContext, check_password: PasswordCheck) -> None:
        self.ctx = ctx
        self._check_password = check_password

    # ---------------------------------------------------------------- settings
    def settings(self) -> CashSettingsView:
        """Denominations, non-cash methods, reason codes and the review threshold."""
        self._me()
        with self.ctx.db.read() as s:
            return _settings(s)

    def save_settings(self, *, denominations: Sequence[Denomination],
                      non_cash_methods: Sequence[tuple[str, str]],
                      reason_codes: Sequence[tuple[str, str]],
                      review_threshold_fen: int) -> CashSettingsView:
        """The hall manager edits the cash rules; existing counts keep their own lines."""
        self.ctx.auth.require(Action.EDIT_CASH_SETTINGS)
        denoms = tuple(denominations)
        if not denoms:
            raise ValidationError("至少需要一种面额")
        keys = [d.key for d in denoms]
        if len(set(keys)) != len(keys) or any(d.value_fen <= 0 for d in denoms):
            raise ValidationError("面额不能重复，且须大于 0")
        methods = _pairs(non_cash_methods, "非现金方式")
        reasons = _pairs(reason_codes, "长短款原因")
        if not reasons:
            raise ValidationError("至少需要一个长短款原因")
        if isinstance(review_threshold_fen, bool) or not isinstance(review_threshold_fen, int) \
                or not 0 <= review_threshold_fen <= cr.MAX_TILL_FEN:
            raise ValidationError("复核金额须为不小于 0 的金额", field="review_threshold_fen")
        with self.ctx.db.write() as s:
            before = _settings_dict(_settings(s))
            row = repo.settings(s)
            if row is None:
                row = CashSettings(id=repo.SETTINGS_ID)
                s.add(row)
            row.denominations_json = json.dumps([[d.kind.value, d.value_fen] for d in denoms])
            row.non_cash_methods_json = json.dumps(methods, ensure_ascii=False)
            row.reason_codes_json = json.dumps(reasons, ensure_ascii=False)
            row.review_threshold_fen = review_threshold_fen
            row.updated_at = self.ctx.clock.now()
            s.flush()
            after = _settings(s)
            self.ctx.audit(s, "update", "cash_settings", 1, before=before,
                           after=_settings_dict(after))
            return after

    # ---------------------------------------------------------------- till counts
    def start_count(self, day: dt.date, shift_id: int, teller_id: int, receiver_id: int, *,
                    float_amount: Amount = None) -> TillCountView:
        """Open a draft count of ``teller_id``'s till for ``day``/shift, handed to
        ``receiver_id`` (the duty manager, or the next duty manager). A teller may only
        start their own."""
        me = self.ctx.auth.require(Action.COUNT_TILL)
        self._own(me, teller_id)
        float_fen = amount(float_amount, "备用金")
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            shift = hall_repo.shift(s, shift_id)
            if shift is None:
                raise NotFound("找不到该班次")
            if day > now.date():
                raise ValidationError("不能为以后的日期清点款箱", field="date")
            _person(s, teller_id, "交出人")
            _person(s, receiver_id, "接收人")
            if teller_id == receiver_id:
                raise ValidationError("交出人和接收人不能是同一人", field="receiver_id")
            if repo.open_count_for(s, day, shift_id, teller_id) is not None:
                raise Conflict(f"{day.isoformat()} {shift.name}已有该营业员的款箱清点")
            if repo.day_close(s, day) is not None:
                raise ReadOnlyRecord(f"{day.isoformat()} 已日结，不能再清点款箱")
            row = TillCount(date=day, shift_id=shift_id, teller_id=teller_id,
                            receiver_id=receiver_id, float_fen=float_fen, receivable_fen=0,
                            cash_fen=0, non_cash_fen=0, difference_fen=-float_fen,
                            reason_code=None, note="", state=HandoverState.DRAFT.value,
                            reversal_reason="", created_at=now, created_by=me.id,
                            updated_at=now)
            s.add(row)
            s.flush()
            view = self._view(s, row)
            self.ctx.audit(s, "create", "till_count", row.id, after=_count_dict(view))
            return view

    def save_count(self, count_id: int, *, float_amount: Amount = None,
                   receivable: Amount = None, pieces: Mapping[str, int | str] | None = None,
                   non_cash: Mapping[str, Amount] | None = None,
                   reason_code: str | None = None, note: str | None = None,
                   receiver_id: int | None = None) -> TillCountView:
        """Save the draft (any number of times). ``None`` leaves a field as it is; ``pieces``
        maps denomination keys to counts (text or int), ``non_cash`` methods to amounts.
        Amounts are text as typed (``parse_amount``) or fen ints."""
        me = self.ctx.auth.require(Action.COUNT_TILL)
        with self.ctx.db.write() as s:
            row = _count(s, count_id)
            self._own(me, row.teller_id)
            if row.state != HandoverState.DRAFT.value:
                raise ReadOnlyRecord("交出人已确认，款箱清点不能再修改")
            settings = _settings(s)
            before = _count_dict(self._view(s, row))
            if float_amount is not None:
                row.float_fen = amount(float_amount, "备用金")
            if receivable is not None:
                row.receivable_fen = amount(receivable, "系统应收")
            if receiver_id is not None:
                _person(s, receiver_id, "接收人")
                if receiver_id == row.teller_id:
                    raise ValidationError("交出人和接收人不能是同一人", field="receiver_id")
                row.receiver_id = receiver_id
            if pieces is not None:
                self._save_lines(s, row, settings, pieces)
            if non_cash is not None:
                self._save_non_cash(s, row, settings, non_cash)
            if reason_code is not None:
                code = reason_code.strip() or None
                if code is not None and code not in dict(settings.reason_codes):
                    raise ValidationError(f"未知的长短款原因：{code}", field="reason_code")
                row.reason_code = code
            if note is not None:
                row.note = note.strip()[:500]
            s.flush()
            view = self._view(s, row)
            row.difference_fen = view.difference_fen
            row.updated_at = self.ctx.clock.now()
            after = _count_dict(view)
            if after != before:
                self.ctx.audit(s, "update_draft", "till_count", row.id, before=before,
                               after=after)
            return view

    def confirm(self, count_id: int, side: str, password: str) -> TillCountView:
        """The one who hands over (``side='give'``) and then the one who receives
        (``'receive'``) confirm, each with their own password, at the same desk. After both
        the count is final. A non-zero difference needs a reason and a note first."""
        self.ctx.auth.require(Action.CONFIRM_HANDOVER)
        with self.ctx.db.read() as s:
            view = self._view(s, _count(s, count_id))
            settings = _settings(s)
        user_id = view.teller.id if side == "give" else view.receiver.id
        new_state = cr.confirm(view.state, side=side, giver_id=view.teller.id,
                               receiver_id=view.receiver.id, user_id=user_id)
        if side == "give":
            _check_reason(view, settings)
        who = view.teller.name if side == "give" else view.receiver.name
        if not self._check_password(user_id, password, failed_action="confirm_failed",
                                    entity="till_count", entity_id=count_id,
                                    detail={"side": side}):
            raise AuthenticationError(f"{who}的密码不正确，未确认")
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            row = _count(s, count_id)
            if _count_dict(self._view(s, row)) != _count_dict(view):
                raise Conflict("款箱清点已被他人修改，请刷新后再确认")
            if side == "give":
                row.giver_confirmed_at = now
            else:
                row.receiver_confirmed_at = now
            row.state = new_state.value
            row.updated_at = now
            s.flush()
            out = self._view(s, row)
            action = "confirm" if new_state == HandoverState.CONFIRMED else "hand_over"
            self.ctx.audit(s, action, "till_count", row.id, before={"state": view.state.value},
                           after={**_count_dict(out), "confirmed_by": user_id})
            return out

    def return_to_draft(self, count_id: int, reason: str) -> TillCountView:
        """Before the receiver confirms, the count goes back to counting (the receiver
        disputes it, or the giver made a mistake); the reason is audited."""
        me = self.ctx.auth.require(Action.CONFIRM_HANDOVER)
        text = (reason or "").strip()
        if not text:
            raise ValidationError("请填写退回原因", field="reason")
        with self.ctx.db.write() as s:
            row = _count(s, count_id)
            if me.role == Role.TELLER and me.id not in (row.teller_id, row.receiver_id):
                raise PermissionDenied("只能退回自己交出或接收的款箱")
            if row.state != HandoverState.HANDED.value:
                raise ValidationError("只有交出人已确认、接收人未确认的款箱可以退回重点")
            row.state = HandoverState.DRAFT.value
            row.giver_confirmed_at = None
            row.updated_at = self.ctx.clock.now()
            self.ctx.audit(s, "return", "till_count", row.id, before={"state": "handed"},
                           after={"state": "draft", "reason": text[:500]})
            return self._view(s, row)

    def review(self, count_id: int, note: str) -> TillCountView:
        """The hall manager reviews a confirmed shortage above the threshold (needed before
        the day closes)."""
        me = self.ctx.auth.require(Action.REVIEW_CASH)
        text = (note or "").strip()
        if not text:
            raise ValidationError("请填写复核意见", field="note")
        with self.ctx.db.write() as s:
            row = _count(s, count_id)
            view = self._view(s, row)
            if not view.needs_review:
                raise ValidationError("该款箱无需复核（不是超过复核金额的短款）")
            if view.state != HandoverState.CONFIRMED:
                raise ValidationError("请在双方确认后复核")
            if view.review is not None:
                raise Conflict("该短款已复核")
            now = self.ctx.clock.now()
            s.add(CashReview(count_id=row.id, reviewed_by=me.id, reviewed_at=now,
                             note=text[:500]))
            s.flush()
            self.ctx.audit(s, "review", "till_count", row.id,
                           after={"note": text[:500], "reviewed_at": now,
                                  "difference_fen": view.difference_fen})
            return self._view(s, row)

    def reverse(self, count_id: int, reason: str, password: str) -> TillCountView:
        """The hall manager cancels a confirmed count with a reason and their password: a new
        confirmed entry with every amount negated, linked to the original (now 已冲正). A
        corrected count, if needed, is then counted anew. Returns the reversing entry."""
        me = self.ctx.auth.require(Action.REVERSE_CASH)
        text = (reason or "").strip()
        if not text:
            raise ValidationError("请填写冲正原因", field="reason")
        with self.ctx.db.read() as s:
            view = self._view(s, _count(s, count_id))
            closed = repo.day_close(s, view.date) is not None
        if view.reversal_of is not None:
            raise ValidationError("冲正记录本身不能再冲正")
        if view.state == HandoverState.REVERSED:
            raise Conflict("该款箱清点已冲正")
        if view.state != HandoverState.CONFIRMED:
            raise ValidationError("只有双方确认后的款箱清点需要冲正；未确认的请直接修改")
        if closed:
            raise ReadOnlyRecord(f"{view.date.isoformat()} 已日结，不能冲正")
        if not self._check_password(me.id, password, failed_action="reverse_failed",
                                    entity="till_count", entity_id=count_id):
            raise AuthenticationError("密码不正确，未冲正")
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            orig = _count(s, count_id)
            if orig.state != HandoverState.CONFIRMED.value:
                raise Conflict("该款箱清点已冲正")
            fig = cr.reversed_figures(view.figures)
            rev = TillCount(date=orig.date, shift_id=orig.shift_id, teller_id=orig.teller_id,
                            receiver_id=orig.receiver_id, float_fen=fig.float_fen,
                            receivable_fen=fig.receivable_fen, cash_fen=fig.cash_fen,
                            non_cash_fen=fig.non_cash_fen, difference_fen=fig.difference_fen,
                            reason_code=orig.reason_code, note=orig.note,
                            state=HandoverState.DRAFT.value, reversal_of=orig.id,
                            reversal_reason=text[:500], created_at=now, created_by=me.id,
                            updated_at=now)
            s.add(rev)
            s.flush()
            for line in view.lines:  # lines go in while the entry is a draft (triggers)
                s.add(TillCountLine(count_id=rev.id, denomination=line.key,
                                    value_fen=line.value_fen, pieces=-line.pieces))
            for method, fen in fig.non_cash.items():
                s.add(TillNonCash(count_id=rev.id, method=method, amount_fen=fen))
            s.flush()
            rev.state = HandoverState.CONFIRMED.value
            rev.giver_confirmed_at = rev.receiver_confirmed_at = now
            s.flush()
            orig.state = HandoverState.REVERSED.value
            s.flush()
            out = self._view(s, rev)
            self.ctx.audit(s, "reverse", "till_count", orig.id,
                           before={"state": "confirmed"},
                           after={"state": "reversed", "reversal_id": rev.id, "reason": text})
            self.ctx.audit(s, "confirm", "till_count", rev.id,
                           after={**_count_dict(out), "confirmed_by": me.id})
            return out

    def count(self, count_id: int) -> TillCountView:
        me = self._me()
        with self.ctx.db.read() as s:
            row = _count(s, count_id)
            self._may_see(me, row.teller_id)
            return self._view(s, row)

    def counts(self, day: dt.date, *, shift_id: int | None = None,
               until: dt.date | None = None, teller_id: int | None = None
               ) -> list[TillCountView]:
        """Counts of ``day`` (to ``until``), reversals included, in date/shift/id order. A
        teller sees only their own."""
        me = self._me()
        if me.role == Role.TELLER:
            teller_id = me.id
        elif not self.ctx.auth.may(Action.VIEW_CASH):
            raise PermissionDenied(f"{me.role.label}无权查看现金交接")
        with self.ctx.db.read() as s:
            rows = repo.counts_between(s, day, until or day, shift_id=shift_id,
                                       teller_id=teller_id)
            return self._views(s, rows)

    def teller_history(self, teller_id: int, start: dt.date, end: dt.date) -> TellerHistory:
        """A teller's counts and month totals of over/short (reversals net out)."""
        me = self._me()
        self._may_see(me, teller_id)
        with self.ctx.db.read() as s:
            p = _person(s, teller_id, "营业员")
            views = self._views(s, repo.counts_between(s, start, end, teller_id=teller_id))
        months: dict[str, list[TillCountView]] = {}
        for v in views:
            if v.state in (HandoverState.CONFIRMED, HandoverState.REVERSED):
                months.setdefault(v.date.strftime("%Y-%m"), []).append(v)
        totals = []
        for m, vs in sorted(months.items()):
            effective = [v for v in vs if v.reversal_of is None and v.reversed_by is None]
            totals.append(MonthTotal(
                m, len(effective), sum(max(0, v.difference_fen) for v in effective),
                sum(min(0, v.difference_fen) for v in effective),
                sum(1 for v in effective if v.difference_fen < 0)))
        return TellerHistory(p, tuple(views), tuple(totals))

    # ---------------------------------------------------------------- movements
    def add_movement(self, day: dt.date, shift_id: int, value: Amount, *, direction: str,
                     reason: str, teller_id: int | None = None) -> MovementView:
        """Cash in (``direction='in'``: change fund) or out (``'out'``: petty expense) with a
        reason; who did it is recorded."""
        me = self.ctx.auth.require(Action.CLOSE_DAY)
        if direction not in ("in", "out"):
            raise ValidationError("请选择存入或取出", field="direction")
        fen = amount(value, "金额", allow_zero=False)
        if fen == 0:
            raise ValidationError("金额不能为 0", field="amount")
        text = (reason or "").strip()
        if not text:
            raise ValidationError("请填写事由", field="reason")
        with self.ctx.db.write() as s:
            if hall_repo.shift(s, shift_id) is None:
                raise NotFound("找不到该班次")
            if teller_id is not None:
                _person(s, teller_id, "营业员")
            if repo.day_close(s, day) is not None:
                raise ReadOnlyRecord(f"{day.isoformat()} 已日结")
            row = CashMovement(date=day, shift_id=shift_id, teller_id=teller_id,
                               amount_fen=fen if direction == "in" else -fen,
                               reason=text[:200], created_at=self.ctx.clock.now(),
                               created_by=me.id)
            s.add(row)
            s.flush()
            self.ctx.audit(s, "create", "cash_movement", row.id,
                           after={"date": day, "shift_id": shift_id, "teller_id": teller_id,
                                  "amount_fen": row.amount_fen, "reason": row.reason})
            return _movement_view(s, row)

    def movements(self, day: dt.date, until: dt.date | None = None) -> list[MovementView]:
        self.ctx.auth.require(Action.VIEW_CASH)
        with self.ctx.db.read() as s:
            return [_movement_view(s, m) for m in repo.movements(s, day, until or day)]

    # ---------------------------------------------------------------- day close
    def day_totals(self, day: dt.date) -> DayTotals:
        """Sum of all tills of ``day`` with what still blocks the close."""
        self.ctx.auth.require(Action.VIEW_CASH)
        with self.ctx.db.read() as s:
            return self._totals(s, day)

    def close_day(self, day: dt.date, *, deposit: Amount = None, safe: Amount = None,
                  bag_no: str = "", seal_no: str = "", deposited_at: dt.datetime | None = None,
                  escort: str = "", gap_note: str = "") -> DayCloseView:
        """日结: every till confirmed, large shortages reviewed; counted cash = deposit + safe,
        or the gap explained. A deposit needs bag/seal number, time and escort."""
        me = self.ctx.auth.require(Action.CLOSE_DAY)
        deposit_fen = amount(deposit, "解款金额")
        safe_fen = amount(safe, "存入保险柜金额")
        bag, seal, esc = (bag_no or "").strip(), (seal_no or "").strip(), (escort or "").strip()
        if deposit_fen and not (bag or seal):
            raise ValidationError("解款请填写款袋号或封签号", field="bag_no")
        if deposit_fen and not esc:
            raise ValidationError("解款请填写押运/陪同人员", field="escort")
        with self.ctx.db.write() as s:
            if repo.day_close(s, day) is not None:
                raise Conflict(f"{day.isoformat()} 已日结")
            t = self._totals(s, day)
            if t.counts == 0:
                raise ValidationError(f"{day.isoformat()} 没有款箱清点，不能日结")
            if t.unconfirmed:
                raise ValidationError(f"还有 {t.unconfirmed} 个款箱未经双方确认，不能日结")
            if t.unreviewed:
                raise ValidationError(f"还有 {t.unreviewed} 笔大额短款未经厅经理复核，不能日结")
            gap = cr.deposit_gap(t.counted_cash_fen, deposit_fen, safe_fen)
            note = (gap_note or "").strip()
            if gap and not note:
                raise ValidationError(
                    f"清点现金 {format_fen(t.counted_cash_fen)} 与解款加存放合计相差 "
                    f"{format_fen(gap)}，请说明", field="gap_note")
            now = self.ctx.clock.now()
            row = DayClose(date=day, counted_fen=t.counted_cash_fen, deposit_fen=deposit_fen,
                           safe_fen=safe_fen, gap_fen=gap, gap_note=note[:500], bag_no=bag[:50],
                           seal_no=seal[:50],
                           deposited_at=(deposited_at or now) if deposit_fen else None,
                           escort=esc[:100], closed_at=now, closed_by=me.id)
            s.add(row)
            s.flush()
            view = _close_view(s, row)
            self.ctx.audit(s, "close", "cash_day_close", row.id, after=_close_dict(view))
            return view

    def day_close(self, day: dt.date) -> DayCloseView | None:
        self.ctx.auth.require(Action.VIEW_CASH)
        with self.ctx.db.read() as s:
            row = repo.day_close(s, day)
            return _close_view(s, row) if row else None

    # ---------------------------------------------------------------- invoices / receipts
    def hand_over_invoices(self, day: dt.date, kind: str, number_from: str, number_to: str,
                           handed_to: int, note: str = "") -> InvoiceRangeView:
        """Register a range of invoice/receipt numbers handed to ``handed_to``."""
        me = self.ctx.auth.require(Action.COUNT_TILL)
        if kind not in INVOICE_KINDS:
            raise ValidationError("请选择发票或收据", field="kind")
        a, b = (number_from or "").strip(), (number_to or "").strip()
        if not a or not b:
            raise ValidationError("请填写起止号码", field="number_from")
        if a.isdigit() and b.isdigit() and (len(a) != len(b) or int(a) > int(b)):
            raise ValidationError("起始号码不能大于结束号码，且位数须相同", field="number_to")
        if handed_to == me.id:
            raise ValidationError("交出人和接收人不能是同一人", field="handed_to")
        now = self.ctx.clock.now()
        with self.ctx.db.write() as s:
            _person(s, handed_to, "接收人")
            row = InvoiceRange(date=day, kind=kind, number_from=a[:40], number_to=b[:40],
                               note=(note or "").strip()[:200], handed_by=me.id,
                               handed_to=handed_to, created_at=now)
            s.add(row)
            s.flush()
            self.ctx.audit(s, "create", "invoice_range", row.id,
                           after={"date": day, "kind": kind, "from": a, "to": b,
                                  "handed_to": handed_to})
            return _invoice_view(s, row)

    def confirm_invoices(self, range_id: int, password: str) -> InvoiceRangeView:
        """The receiver signs for the range with their own password."""
        self.ctx.auth.require(Action.CONFIRM_HANDOVER)
        with self.ctx.db.read() as s:
            row = repo.invoice_range(s, range_id)
            if row is None:
                raise NotFound("找不到该发票/收据交接")
            if row.confirmed_at is not None:
                raise Conflict("该发票/收据交接已确认")
            receiver = row.handed_to
        if not self._check_password(receiver, password, failed_action="confirm_failed",
                                    entity="invoice_range", entity_id=range_id):
            raise AuthenticationError("接收人密码不正确，未确认")
        with self.ctx.db.write() as s:
            row = repo.invoice_range(s, range_id)
            assert row is not None
            row.confirmed_at = self.ctx.clock.now()
            self.ctx.audit(s, "confirm", "invoice_range", row.id,
                           after={"confirmed_at": row.confirmed_at, "confirmed_by": receiver})
            return _invoice_view(s, row)

    def invoice_ranges(self, day: dt.date, until: dt.date | None = None
                       ) -> list[InvoiceRangeView]:
        self.ctx.auth.require(Action.VIEW_CASH)
        with self.ctx.db.read() as s:
            return [_invoice_view(s, r) for r in repo.invoice_ranges(s, day, until or day)]

    # ---------------------------------------------------------------- 今日
    def attention(self, now: dt.datetime) -> list[Any]:
        from hallmanager.services.cash.attention import attention_items

        if not self.ctx.auth.may(Action.VIEW_CASH):
            return []
        with self.ctx.db.read() as s:
            return attention_items(self, s, now)

    # ---------------------------------------------------------------- prints and exports
    def write_slip(self, count_id: int, path: Any, *, force: bool = False,
                   unmasked: bool = False) -> Any:
        """The till slip PDF (款箱交接单) with both signature lines; audited. Phone and ID
        numbers typed into its free text (note, review, reversal reason) are masked unless
        ``unmasked`` (UNMASK_PERSONAL, audited as ``unmask``)."""
        from hallmanager.exporters.cash_slip import write_till_slip
        from hallmanager.services.cash.outputs import till_slip

        me = self._me()
        if unmasked:
            self.ctx.auth.require(Action.UNMASK_PERSONAL)
        with self.ctx.db.read() as s:
            row = _count(s, count_id)
            self._may_see(me, row.teller_id)
            view = self._view(s, row)
            settings = _settings(s)
            hall = hall_repo.hall_settings(s)
        slip = till_slip(view if unmasked else mask_count(view), settings,
                         hall_name=hall.name if hall else "",
                         printed_at=self.ctx.clock.now(), printed_by=me.full_name)
        out = write_till_slip(slip, path, force=force)
        with self.ctx.db.write() as s:
            self.ctx.audit(s, "print", "till_count", count_id,
                           after={"file": out.name, "unmasked": unmasked})
            if unmasked:
                self.ctx.audit(s, "unmask", "till_count", count_id,
                               after={"purpose": "print", "file": out.name})
        return out

    def export(self, start: dt.date, end: dt.date, path: Any, *, force: bool = False,
               via: str = "desk", detail: Mapping[str, Any] | None = None,
               unmasked: bool = False) -> Any:
        """The cash workbook (现金交接明细) of ``start``..``end``; audited (``via: cli`` and
        ``detail`` such as the operating-system user for the command line). Phone and ID
        numbers typed into free text (notes, reasons, review, bag/seal, escort) are masked
        unless ``unmasked`` (UNMASK_PERSONAL, audited as ``unmask``)."""
        from hallmanager.exporters.list_excel import write_list_xlsx
        from hallmanager.services.cash.outputs import workbook

        me = self.ctx.auth.require(Action.EXPORT_REPORT)
        if unmasked:
            self.ctx.auth.require(Action.UNMASK_PERSONAL)
        with self.ctx.db.read() as s:
            hall = hall_repo.hall_settings(s)
            counts = self._views(s, repo.counts_between(s, start, end))
            movements = [_movement_view(s, m) for m in repo.movements(s, start, end)]
            closes = [_close_view(s, c) for c in repo.day_closes(s, start, end)]
            invoices = [_invoice_view(s, r) for r in repo.invoice_ranges(s, start, end)]
            settings = _settings(s)
        if not unmasked:
            counts = [mask_count(v) for v in counts]
            movements = [_mask_movement(v) for v in movements]
            closes = [_mask_close(v) for v in closes]
            invoices = [_mask_invoice(v) for v in invoices]
        book = workbook(
            hall_name=hall.name if hall else "", start=start, end=end, settings=settings,
            counts=counts, movements=tuple(movements), closes=tuple(closes),
            invoices=tuple(invoices), generated_at=self.ctx.clock.now(),
            generated_by=me.full_name + ("（命令行）" if via == "cli" else ""))
        out = write_list_xlsx(book, path, force=force)
        with self.ctx.db.write() as s:
            self.ctx.audit(s, "export", "till_count", None,
                           after={"from": start, "to": end, "file": out.name,
                                  "counts": len(counts), "via": via, "unmasked": unmasked,
                                  **(detail or {})})
            if unmasked:
                self.ctx.audit(s, "unmask", "till_count", None,
                               after={"purpose": "export", "file": out.name, "via": via})
        return out

    # ---------------------------------------------------------------- internals
    def _me(self) -> UserInfo:
        me = self.ctx.auth.user
        if me is None:
            raise AuthenticationError("请先登录")
        if not (self.ctx.auth.may(Action.VIEW_CASH) or self.ctx.auth.may(Action.COUNT_TILL)):
            raise PermissionDenied(f"{me.role.label}无权查看现金交接")
        return me

    def _own(self, me: UserInfo, teller_id: int) -> None:
        if me.role == Role.TELLER and teller_id != me.id:
            raise PermissionDenied("营业员只能清点自己的款箱")

    def _may_see(self, me: UserInfo, teller_id: int) -> None:
        if not self.ctx.auth.may(Action.VIEW_CASH) and teller_id != me.id:
            raise PermissionDenied("营业员只能查看自己的款箱")

    def _save_lines(self, s: DbSession, row: TillCount, settings: CashSettingsView,
                    pieces: Mapping[str, int | str]) -> None:
        denoms = {d.key: d for d in settings.denominations}
        existing = {ln.denomination: ln for ln in repo.lines(s, [row.id])[row.id]}
        for key, raw in pieces.items():
            d = denoms.get(key)
            if d is None and key in existing:
                d = _denom_of(existing[key])
            if d is None:
                raise ValidationError(f"未知的面额：{key}", field="pieces")
            if isinstance(raw, bool):
                raise ValidationError(f"{d.label}的张数不正确", field="pieces")
            n = raw if isinstance(raw, int) else cr.parse_pieces(str(raw), label=f"{d.label}张数")
            if n < 0 or n > cr.MAX_PIECES:
                raise ValidationError(f"{d.label}的张数须在 0–{cr.MAX_PIECES} 之间", field="pieces")
            line = existing.get(key)
            if line is None:
                if n:
                    s.add(TillCountLine(count_id=row.id, denomination=key,
                                        value_fen=d.value_fen, pieces=n))
            elif n:
                line.pieces = n
            else:
                s.delete(line)
        s.flush()
        row.cash_fen = sum(ln.value_fen * ln.pieces for ln in repo.lines(s, [row.id])[row.id])
        if row.cash_fen > cr.MAX_TILL_FEN:
            raise ValidationError("现金合计过大，请检查张数", field="pieces")

    def _save_non_cash(self, s: DbSession, row: TillCount, settings: CashSettingsView,
                       values: Mapping[str, Amount]) -> None:
        methods = dict(settings.non_cash_methods)
        existing = {x.method: x for x in repo.non_cash(s, [row.id])[row.id]}
        for key, raw in values.items():
            if key not in methods and key not in existing:
                raise ValidationError(f"未知的非现金方式：{key}", field="non_cash")
            fen = amount(raw, methods.get(key, key))
            x = existing.get(key)
            if x is None:
                if fen:
                    s.add(TillNonCash(count_id=row.id, method=key, amount_fen=fen))
            elif fen:
                x.amount_fen = fen
            else:
                s.delete(x)
        s.flush()
        row.non_cash_fen = sum(x.amount_fen for x in repo.non_cash(s, [row.id])[row.id])

    def _totals(self, s: DbSession, day: dt.date) -> DayTotals:
        """From the rows and sums only (no lines, no names): the day close runs it."""
        rows = repo.counts_between(s, day, day)
        ids = [r.id for r in rows]
        non: dict[str, int] = {}
        for xs in repo.non_cash(s, ids).values():
            for x in xs:
                non[x.method] = non.get(x.method, 0) + x.amount_fen
        reviewed = repo.reviews(s, ids)
        threshold = _settings(s).review_threshold_fen
        fig = cr.TillFigures(sum(r.float_fen for r in rows), sum(r.receivable_fen for r in rows),
                             sum(r.cash_fen for r in rows), {k: v for k, v in non.items() if v})
        close = repo.day_close(s, day)
        return DayTotals(
            date=day, figures=fig, counted_cash_fen=fig.cash_fen,
            movements_fen=repo.movement_total(s, day), counts=len(rows),
            unconfirmed=sum(1 for r in rows if r.state not in ("confirmed", "reversed")),
            unreviewed=sum(1 for r in rows if r.state == "confirmed" and r.reversal_of is None
                           and -r.difference_fen > threshold and r.id not in reviewed),
            close=_close_view(s, close) if close else None)

    def _view(self, s: DbSession, row: TillCount) -> TillCountView:
        return self._views(s, [row])[0]

    def _views(self, s: DbSession, rows: Sequence[TillCount]) -> list[TillCountView]:
        if not rows:
            return []
        settings = _settings(s)
        ids = [r.id for r in rows]
        lines = repo.lines(s, ids)
        non = repo.non_cash(s, ids)
        reviews = repo.reviews(s, ids)
        reversed_by = {r.reversal_of: r.id for r in rows if r.reversal_of}
        for r in rows:
            if r.state == HandoverState.REVERSED.value and r.id not in reversed_by:
                rev = repo.reversal_of(s, r.id)
                if rev is not None:
                    reversed_by[r.id] = rev.id
        names = _names(s)
        shifts = {x.id: x.name for x in hall_repo.shifts(s, include_inactive=True)}
        order = {k: i for i, (k, _l) in enumerate(settings.non_cash_methods)}
        out = []
        for r in rows:
            nc = sorted(((x.method, x.amount_fen) for x in non[r.id]),
                        key=lambda p: (order.get(p[0], 99), p[0]))
            ls = tuple(CountLineView(ln.denomination, _denom_of(ln).label, ln.value_fen,
                                     ln.pieces) for ln in lines[r.id])
            fig = cr.TillFigures(r.float_fen, r.receivable_fen, r.cash_fen, dict(nc))
            rv = reviews.get(r.id)
            out.append(TillCountView(
                id=r.id, date=r.date, shift_id=r.shift_id, shift_name=shifts.get(r.shift_id, ""),
                teller=Person(r.teller_id, names.get(r.teller_id, "")),
                receiver=Person(r.receiver_id, names.get(r.receiver_id, "")),
                float_fen=r.float_fen, receivable_fen=r.receivable_fen, cash_fen=r.cash_fen,
                non_cash=tuple(nc), lines=ls, reason_code=r.reason_code,
                reason_label=settings.reason_label(r.reason_code), note=r.note,
                state=HandoverState(r.state), giver_confirmed_at=r.giver_confirmed_at,
                receiver_confirmed_at=r.receiver_confirmed_at,
                needs_review=r.reversal_of is None
                and cr.needs_review(fig, settings.review_threshold_fen),
                review=ReviewView(Person(rv.reviewed_by, names.get(rv.reviewed_by, "")),
                                  rv.reviewed_at, rv.note) if rv else None,
                reversal_of=r.reversal_of, reversed_by=reversed_by.get(r.id),
                reversal_reason=r.reversal_reason, created_at=r.created_at,
                created_by=r.created_by))
        return out


# --- masking (free text a person typed may hold a customer's phone or ID number) -------------
def mask_count(v: TillCountView) -> TillCountView:
    """A count with the phone and ID numbers in its free text masked (prints, exports)."""
    m = mask_personal_text
    review = dataclasses.replace(v.review, note=m(v.review.note)) if v.review else None
    return dataclasses.replace(v, note=m(v.note), reversal_reason=m(v.reversal_reason),
                               review=review)


def _mask_movement(v: MovementView) -> MovementView:
    return dataclasses.replace(v, reason=mask_personal_text(v.reason))


def _mask_close(v: DayCloseView) -> DayCloseView:
    m = mask_personal_text
    return dataclasses.replace(v, gap_note=m(v.gap_note), bag_no=m(v.bag_no),
                               seal_no=m(v.seal_no), escort=m(v.escort))


def _mask_invoice(v: InvoiceRangeView) -> InvoiceRangeView:
    return dataclasses.replace(v, note=mask_personal_text(v.note))


# --- helpers ---------------------------------------------------------------------------------
def _pairs(items: Iterable[tuple[str, str]], what: str) -> list[list[str]]:
    out: list[list[str]] = []
    for key, label in items:
        k, lb = (key or "").strip(), (label or "").strip()
        if not k or not lb:
            raise ValidationError(f"{what}的代码和名称不能为空")
        if any(k == x[0] for x in out):
            raise ValidationError(f"{what}重复：{k}")
        out.append([k[:30], lb[:50]])
    return out


def _settings(s: DbSession) -> CashSettingsView:
    row = repo.settings(s)
    if row is None:
        return default_settings()
    return CashSettingsView(
        tuple(Denomination(int(v), DenominationKind(k))
              for k, v in json.loads(row.denominations_json)),
        tuple((k, lb) for k, lb in json.loads(row.non_cash_methods_json)),
        tuple((k, lb) for k, lb in json.loads(row.reason_codes_json)),
        row.review_threshold_fen)


def _settings_dict(v: CashSettingsView) -> dict[str, Any]:
    return {"denominations": [d.key for d in v.denominations],
            "non_cash_methods": [list(p) for p in v.non_cash_methods],
            "reason_codes": [list(p) for p in v.reason_codes],
            "review_threshold_fen": v.review_threshold_fen}


def _denom_of(line: TillCountLine) -> Denomination:
    kind = line.denomination.split("-", 1)[0]
    try:
        return Denomination(line.value_fen, DenominationKind(kind))
    except ValueError:
        return Denomination(line.value_fen, DenominationKind.NOTE)


def _check_reason(view: TillCountView, settings: CashSettingsView) -> None:
    if view.difference_fen == 0:
        return
    if not view.reason_code or view.reason_code not in dict(settings.reason_codes):
        raise ValidationError(f"{view.difference_text}：请选择原因", field="reason_code")
    if not view.note.strip():
        raise ValidationError(f"{view.difference_text}：请填写说明", field="note")


def _count(s: DbSession, count_id: int) -> TillCount:
    row = repo.count(s, count_id)
    if row is None:
        raise NotFound("找不到该款箱清点")
    return row


def _person(s: DbSession, user_id: int, what: str) -> Person:
    u = users_repo.user(s, user_id)
    if u is None or not u.active:
        raise ValidationError(f"{what}不存在或已停用")
    return Person(u.id, u.full_name)


def _names(s: DbSession) -> dict[int, str]:
    return {u.id: u.full_name for u in users_repo.users(s)}


def count_dict(view: TillCountView) -> dict[str, Any]:
    """What the audit log records of a count (and ``hallmanager check`` compares)."""
    return {"date": view.date, "shift_id": view.shift_id, "teller_id": view.teller.id,
            "receiver_id": view.receiver.id, "state": view.state.value,
            "float_fen": view.float_fen, "receivable_fen": view.receivable_fen,
            "cash_fen": view.cash_fen, "non_cash": {k: v for k, v in view.non_cash},
            "difference_fen": view.difference_fen,
            "lines": {ln.key: ln.pieces for ln in view.lines},
            "reason_code": view.reason_code, "note": view.note,
            "reversal_of": view.reversal_of}


_count_dict = count_dict


def _movement_view(s: DbSession, m: CashMovement) -> MovementView:
    names = _names(s)
    shift = hall_repo.shift(s, m.shift_id)
    return MovementView(m.id, m.date, m.shift_id, shift.name if shift else "",
                        Person(m.teller_id, names.get(m.teller_id, "")) if m.teller_id else None,
                        m.amount_fen, m.reason, m.created_at,
                        Person(m.created_by, names.get(m.created_by, "")))


def _close_view(s: DbSession, c: DayClose) -> DayCloseView:
    names = _names(s)
    return DayCloseView(c.id, c.date, c.counted_fen, c.deposit_fen, c.safe_fen, c.gap_fen,
                        c.gap_note, c.bag_no, c.seal_no, c.deposited_at, c.escort, c.closed_at,
                        Person(c.closed_by, names.get(c.closed_by, "")))


def _close_dict(v: DayCloseView) -> dict[str, Any]:
    return {"date": v.date, "counted_fen": v.counted_fen, "deposit_fen": v.deposit_fen,
            "safe_fen": v.safe_fen, "gap_fen": v.gap_fen, "gap_note": v.gap_note,
            "bag_no": v.bag_no, "seal_no": v.seal_no, "deposited_at": v.deposited_at,
            "escort": v.escort}


def _invoice_view(s: DbSession, r: InvoiceRange) -> InvoiceRangeView:
    names = _names(s)
    return InvoiceRangeView(r.id, r.date, r.kind, INVOICE_KINDS.get(r.kind, r.kind),
                            r.number_from, r.number_to, r.note,
                            Person(r.handed_by, names.get(r.handed_by, "")),
                            Person(r.handed_to, names.get(r.handed_to, "")), r.confirmed_at,
                            r.created_at)
