"""The cash module's 今日 items: tills of the current shift not yet confirmed by both sides,
large shortages waiting for the hall manager's review, and tellers short repeatedly
(``REPEAT_SHORTAGES`` times within ``REPEAT_DAYS`` days)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING

from hallmanager.domain.money import format_fen
from hallmanager.domain.shifts import ShiftDef, current_shift, parse_hhmm
from hallmanager.domain.texts import QT_TRANSLATE_NOOP, Text
from hallmanager.services.today import AttentionItem, Severity, Target
from hallmanager.storage.cash import repository as repo
from hallmanager.storage.database import DbSession
from hallmanager.storage.repositories import hall as hall_repo

if TYPE_CHECKING:
    from hallmanager.services.cash.service import CashService


def attention_items(service: CashService, s: DbSession, now: dt.datetime) -> list[AttentionItem]:
    from hallmanager.services.cash.service import REPEAT_DAYS, REPEAT_SHORTAGES

    out: list[AttentionItem] = []
    cur = current_shift([ShiftDef(x.id, x.name, parse_hhmm(x.start), parse_hhmm(x.end))
                         for x in hall_repo.shifts(s)], now)
    if cur is not None:
        rows = repo.counts_between(s, now.date(), now.date(), shift_id=cur.id)
        for v in service._views(s, [r for r in rows if r.state in ("draft", "handed")]):
            out.append(AttentionItem.of(
                "till_unconfirmed", Severity.DUE_SOON,
                Text(QT_TRANSLATE_NOOP("AttentionText", "款箱未完成交接：%1"), (v.teller.name,)),
                (Text(QT_TRANSLATE_NOOP("AttentionText", "%1 → %2，%3"),
                      (v.teller.name, v.receiver.name, v.state.label)),),
                target=Target("cash", "till_count", v.id)))
    since = now.date() - dt.timedelta(days=REPEAT_DAYS)
    shortages = service._views(s, repo.shortages_since(s, since))
    for v in shortages:
        if v.review_pending:
            out.append(AttentionItem.of(
                "cash_review", Severity.OVERDUE,
                Text(QT_TRANSLATE_NOOP("AttentionText", "大额短款待厅经理复核：%1 %2"),
                     (v.teller.name, format_fen(-v.difference_fen))),
                (Text.plain(f"{v.date.isoformat()} {v.shift_name}"),),
                target=Target("cash", "till_count", v.id)))
    repeated = Counter(v.teller.id for v in shortages)
    names = {v.teller.id: v.teller.name for v in shortages}
    for teller_id, n in sorted(repeated.items()):
        if n >= REPEAT_SHORTAGES:
            out.append(AttentionItem.of(
                "cash_repeated_shortage", Severity.INFO,
                Text(QT_TRANSLATE_NOOP("AttentionText", "%1 近 %2 天短款 %3 次"),
                     (names[teller_id], str(REPEAT_DAYS), str(n))),
                target=Target("cash", "teller", teller_id)))
    return out
