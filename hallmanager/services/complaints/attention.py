"""The complaints' part of the 今日 page: complaints and call-backs overdue or due soon.

Built from ``ComplaintService.due_items`` (masked rows, soonest first); the severity is the
deadline's: 已超时 past it, 即将到期 within the hall's due-soon hours.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from hallmanager.domain.complaints.rules import Status, Urgency
from hallmanager.domain.texts import QT_TRANSLATE_NOOP, Text
from hallmanager.services.complaints.views import ComplaintRow
from hallmanager.services.today import AttentionItem, Severity, Target

MODULE = "complaints"


def attention_items(rows: Iterable[ComplaintRow], now: dt.datetime) -> list[AttentionItem]:
    out: list[AttentionItem] = []
    for c in rows:
        if c.urgency == Urgency.OVERDUE:
            sev = Severity.OVERDUE
        elif c.urgency == Urgency.DUE_SOON:
            sev = Severity.DUE_SOON
        else:
            continue
        callback = c.status == Status.REPLIED
        deadline = c.deadline
        kind = ("complaint_callback_" if callback else "complaint_") + sev.value
        if callback:
            title = Text(QT_TRANSLATE_NOOP("AttentionText", "投诉回访 %1"), (c.number,))
        else:
            title = Text(QT_TRANSLATE_NOOP("AttentionText", "投诉 %1"), (c.number,))
        detail = [Text.plain(f"{c.source.label} · {c.category}"),
                  Text(QT_TRANSLATE_NOOP("AttentionText", "时限 %1"),
                       (f"{deadline:%m-%d %H:%M}" if deadline else "",))]
        if c.escalation_threat or c.escalated:
            detail.append(Text(QT_TRANSLATE_NOOP("AttentionText", "声称升级")))
        if c.repeat:
            detail.append(Text(QT_TRANSLATE_NOOP("AttentionText", "重复投诉")))
        out.append(AttentionItem.of(kind, sev, title, detail, deadline,
                                    Target(MODULE, "complaint", c.id)))
    return out
