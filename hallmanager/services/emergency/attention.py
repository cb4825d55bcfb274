"""The emergency module's 今日 items: every open run (a real one is overdue-red, a drill a
notice), with its progress and its paper registrations still to be keyed into BOSS."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from hallmanager.domain.emergency.rules import elapsed_text
from hallmanager.domain.texts import QT_TRANSLATE_NOOP, Text
from hallmanager.services.today import AttentionItem, Severity, Target
from hallmanager.storage.database import DbSession
from hallmanager.storage.emergency import repository as repo

if TYPE_CHECKING:
    from hallmanager.services.emergency.service import EmergencyService


def attention_items(service: EmergencyService, s: DbSession,
                    now: dt.datetime) -> list[AttentionItem]:
    out: list[AttentionItem] = []
    for v in service._run_views(s, repo.open_runs(s)):
        detail = [Text(QT_TRANSLATE_NOOP("AttentionText", "已进行 %1，完成 %2/%3 步"),
                       (elapsed_text(v.started_at, now), str(v.done_steps), str(len(v.steps))))]
        if v.open_papers:
            detail.append(Text(QT_TRANSLATE_NOOP("AttentionText", "%1 条纸质登记未补录"),
                               (str(v.open_papers),)))
        title = (Text(QT_TRANSLATE_NOOP("AttentionText", "应急演练进行中：%1"), (v.plan_name,))
                 if v.drill else
                 Text(QT_TRANSLATE_NOOP("AttentionText", "应急事件进行中：%1"), (v.plan_name,)))
        out.append(AttentionItem.of(
            "emergency_open", Severity.INFO if v.drill else Severity.OVERDUE, title,
            tuple(detail), target=Target("emergency", "emergency_run", v.id)))
    return out
