"""The cash module's demo step: every demo day the tellers on duty count their tills and hand
them to the duty manager (both confirm), a few over/shorts with reasons, one large shortage
reviewed by the hall manager, one reversal with a recount, cash in/out, invoice ranges, and
the day close with a bank deposit; today's tills stay open for 今日.

Through the cash service the desk uses (its password re-checks are the real ones, cheap in
the demo because each password is verified once). Shortcuts for speed: the desk's user is set
without a login (a login is an audited action of its own); the ordinary balanced tills of
past days are inserted in bulk per shift with one ``confirm_many`` audit entry recording each
count as the service's ``confirm`` would; over/shorts, the review, the reversal, cash
in/out, invoices, day closes and today's open tills go through the service's use cases.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hallmanager.domain.cash.rules import DEFAULT_DENOMINATIONS
from hallmanager.domain.shifts import current_shift
from hallmanager.services.cash.service import CashService
from hallmanager.services.context import UserInfo
from hallmanager.services.demo import ADMIN_PASSWORD, DemoContext
from hallmanager.storage.cash import repository as cash_repo

FLOAT_FEN = 500_00
REASONS = (("change_error", "找零时多找给客户，已联系客户未果"),
           ("unrecorded", "一笔宽带预存款未及时录入 BOSS，次日补录"),
           ("counterfeit", "收到 100 元假币一张，已上交"),
           ("pos_pending", "POS 一笔交易状态待确认"))


class CashDemo:
    """Registered as the cash module's ``demo`` in ``hallmanager.registry``."""

    def __init__(self, demo: DemoContext) -> None:
        self.d = demo
        self.rng = demo.rng
        self.clock = demo.clock
        self.now = demo.now
        self.cash: CashService = demo.services.cash
        self.n = {"tills": 0, "over_short": 0, "reversals": 0, "deposits": 0, "movements": 0,
                  "invoices": 0}
        # one reversal in the middle of a real history (a hall of a few days has none: rare)
        self.reversal_day = demo.days // 2 if demo.days >= 10 else -1
        self.review_day = demo.days // 3 if demo.days >= 10 else -1

    def _pw(self, user: UserInfo) -> str:
        return self.d.passwords[user.username]

    def setup(self) -> None:
        self.admin: UserInfo = self.d.as_admin(lambda: self.d.services.ctx.auth.user)

    def _as(self, user: UserInfo | None) -> None:
        """The demo person at the desk. The duty log's step logs in with passwords; here the
        desk's user is set directly (a login costs an Argon2id hash, ~90 of them)."""
        self.cash.ctx.auth.user = user

    def counts(self) -> dict[str, int]:
        return {f"cash.{k}": v for k, v in self.n.items()}

    def summary(self) -> str:
        return (f"现金交接：{self.n['tills']} 次款箱清点（{self.n['over_short']} 次长短款，"
                f"{self.n['reversals']} 次冲正），{self.n['deposits']} 次解款")

    def day(self, i: int, day: dt.date) -> None:
        shifts = self.d.shifts
        if not shifts:
            return
        last = shifts[-1]
        close_at = last.end_on(day) - dt.timedelta(minutes=20)
        today = day == self.now.date()
        if today:  # the current shift's tills are being counted
            last = current_shift(shifts, self.now) or last
            close_at = self.now - dt.timedelta(minutes=5)
            if close_at < last.start_on(day) + dt.timedelta(hours=1):
                return  # too early: nobody has counted yet
        self.clock.set(max(self.clock.now(), close_at))
        dm = self.d.duty_managers[i % len(self.d.duty_managers)]
        per_day = max(2, min(len(self.d.tellers), (len(self.d.tellers) + 1) // 2))
        start = (i * per_day) % len(self.d.tellers)
        tellers = [self.d.tellers[(start + k) % len(self.d.tellers)] for k in range(per_day)]
        self._as(dm)
        try:
            if not today and i % 7 == 3:
                self.cash.add_movement(day, last.id, "200.00", direction="in",
                                       reason="从保险柜补充零钞", teller_id=tellers[0].id)
                self.n["movements"] += 1
            if today:  # a few tills of the current shift, still being handed over
                for k, t in enumerate(tellers[:4]):
                    self._till(day, i, k, t, dm, last.id, finish=False)
                return
            # past days: the early shift's tellers hand over at its end, the rest at closing
            half = len(tellers) // 2 if len(shifts) > 1 else 0
            ids = self._tills(day, i, tellers[:half], dm, shifts[0].id, tellers[0])
            ids += self._tills(day, i, tellers[half:], dm, last.id, tellers[0])
            if i == self.reversal_day:
                self._reverse(day, ids[0], dm)
            if i % 10 == 0:
                r = self.cash.hand_over_invoices(day, "invoice", f"{4400 + i * 50:08d}",
                                                 f"{4449 + i * 50:08d}",
                                                 self.d.duty_managers[(i + 1) % len(
                                                     self.d.duty_managers)].id)
                self.cash.confirm_invoices(r.id, self._pw(self.d.duty_managers[(i + 1) % len(
                    self.d.duty_managers)]))
                self.n["invoices"] += 1
            totals = self.cash.day_totals(day)
            if totals.unreviewed:
                self._review(day)
                self._as(dm)
            floats = totals.figures.float_fen
            self.clock.advance(minutes=10)
            self.cash.close_day(day, deposit=totals.counted_cash_fen - floats, safe=floats,
                                bag_no=f"KD{day:%m%d}01", seal_no=f"FQ{day:%y%m%d}",
                                escort="保安 旺堆")
            self.n["deposits"] += 1
        finally:
            self._as(None)

    def _figures(self) -> tuple[int, dict[str, int]]:
        rng = self.rng
        cash_take = rng.randrange(300, 6000) * 100 + rng.choice((0, 0, 50, 20))
        non = {"pos": rng.randrange(0, 3000) * 100, "wechat": rng.randrange(0, 2000) * 100,
               "alipay": rng.randrange(0, 1500) * 100}
        return cash_take, non

    def _tills(self, day: dt.date, i: int, tellers: list[UserInfo], dm: UserInfo,
               shift_id: int, first: UserInfo) -> list[int]:
        """A past day: over/shorts through the service; the balanced tills in bulk with one
        ``confirm_many`` audit entry holding what each count's ``confirm`` entry would
        (``hallmanager check`` compares confirmed counts with either)."""
        ids: list[int] = []
        plain: list[tuple[UserInfo, int, dict[str, int]]] = []
        for t in tellers:
            special = (i == self.review_day and t == first) or self.rng.random() < 0.015
            if special:
                ids.append(self._till(day, i, 0 if t == first else 1, t, dm, shift_id,
                                      finish=True))
            else:
                plain.append((t, *self._figures()))
        if not plain:
            return ids
        at = self.clock.now()
        values = {d.key: d.value_fen for d in DEFAULT_DENOMINATIONS}
        counts: list[dict[str, Any]] = []
        lines: list[list[dict[str, Any]]] = []
        non_cash: list[list[dict[str, Any]]] = []
        for t, take, non in plain:
            cash = FLOAT_FEN + take
            counts.append(dict(
                date=day, shift_id=shift_id, teller_id=t.id, receiver_id=dm.id,
                float_fen=FLOAT_FEN, receivable_fen=take + sum(non.values()), cash_fen=cash,
                non_cash_fen=sum(non.values()), difference_fen=0, reason_code=None, note="",
                reversal_reason="", created_at=at, created_by=dm.id, updated_at=at))
            lines.append([{"denomination": key, "value_fen": values[key], "pieces": n}
                          for key, n in _pieces(cash).items()])
            non_cash.append([{"method": m, "amount_fen": v} for m, v in non.items() if v])
        ctx = self.cash.ctx
        with ctx.db.write() as s:
            new = cash_repo.add_confirmed(s, counts, lines, non_cash, at)
            ctx.audit(s, "confirm_many", "till_count", None, after={"counts": {
                str(i): {
                    "date": day, "shift_id": shift_id, "teller_id": c["teller_id"],
                    "receiver_id": dm.id, "state": "confirmed", "float_fen": c["float_fen"],
                    "receivable_fen": c["receivable_fen"], "cash_fen": c["cash_fen"],
                    "non_cash": {x["method"]: x["amount_fen"] for x in ns},
                    "difference_fen": 0,
                    "lines": {x["denomination"]: x["pieces"] for x in ls}, "reason_code": None,
                    "note": "", "reversal_of": None, "confirmed_by": dm.id}
                for i, c, ls, ns in zip(new, counts, lines, non_cash, strict=True)}})
            ids += new
        self.n["tills"] += len(counts)
        return sorted(ids)

    def _till(self, day: dt.date, i: int, k: int, teller: UserInfo, dm: UserInfo,
              shift_id: int, *, finish: bool) -> int:
        rng = self.rng
        cash_take, non = self._figures()
        diff = 0
        reason = note = None
        if i == self.review_day and k == 0:
            diff = -120_00
        elif finish:
            diff = rng.choice((-100, -50, -1000, 50, 100, 2000))
        if diff:
            reason, note = REASONS[rng.randrange(len(REASONS))]
            self.n["over_short"] += 1
        counted = FLOAT_FEN + cash_take + diff
        pieces = _pieces(counted)
        c = self.cash.start_count(day, shift_id, teller.id, dm.id, float_amount=FLOAT_FEN)
        receivable = cash_take + sum(non.values())
        self.cash.save_count(c.id, receivable=receivable, pieces=pieces, non_cash=non,
                             reason_code=reason, note=note)
        self.n["tills"] += 1
        if finish or k % 2 == 0:
            self.cash.confirm(c.id, "give", self._pw(teller))
        if finish:
            self.cash.confirm(c.id, "receive", self._pw(dm))
        self.clock.advance(minutes=2)
        return c.id

    def _reverse(self, day: dt.date, count_id: int, dm: UserInfo) -> None:
        self._as(None)
        self._as(self.admin)
        self.cash.reverse(count_id, "接收人登记错误（应交本班值班经理），冲正后重新交接",
                          ADMIN_PASSWORD)
        self.n["reversals"] += 1
        self._as(None)
        self._as(dm)
        old = self.cash.count(count_id)
        teller = next(t for t in self.d.tellers if t.id == old.teller.id)
        c = self.cash.start_count(day, old.shift_id, teller.id, dm.id,
                                  float_amount=old.float_fen)
        self.cash.save_count(c.id, receivable=old.receivable_fen,
                             pieces={ln.key: ln.pieces for ln in old.lines},
                             non_cash=dict(old.non_cash), reason_code=old.reason_code,
                             note=old.note)
        self.cash.confirm(c.id, "give", self._pw(teller))
        self.cash.confirm(c.id, "receive", self._pw(dm))
        self.n["tills"] += 1

    def _review(self, day: dt.date) -> None:
        self._as(None)
        self._as(self.admin)
        for v in self.cash.counts(day):
            if v.review_pending:
                self.cash.review(v.id, "已与营业员核实：找零差错，营业员已签字认可，按规定处理")
        self._as(None)


def _pieces(fen: int) -> dict[str, int]:
    """Break an amount into the default denominations (notes first; some coins)."""
    out: dict[str, int] = {}
    rest = fen
    for d in DEFAULT_DENOMINATIONS:
        if d.kind.value == "coin":
            continue
        n, rest = divmod(rest, d.value_fen)
        if n:
            out[d.key] = n
    assert rest == 0
    return out
