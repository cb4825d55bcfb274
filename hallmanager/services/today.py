"""The 今日 (today) page: what needs the duty manager's attention right now.

Pluggable: each module contributes a *provider* — a callable ``provider(now) -> iterable of
AttentionItem`` — registered at construction (``TodayService(ctx, providers=[...])``) or
later with ``register``. A provider returns nothing (rather than raising) when the logged-in
user may not see its records; a provider that fails is reported as an info item instead of
breaking the whole page.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from hallmanager.domain.errors import AuthenticationError
from hallmanager.domain.texts import QT_TRANSLATE_NOOP, Text
from hallmanager.services.context import ServiceContext

log = logging.getLogger(__name__)


class Severity(StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"overdue": "已超时", "due_soon": "即将到期", "info": "提示"}[self.value]

    @property
    def rank(self) -> int:
        return {"overdue": 0, "due_soon": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Target:
    """Where the UI jumps when the item is activated: module tab, record kind and id."""

    module: str  # the registry name of the module whose tab shows the record
    record_kind: str  # e.g. "log", "checklist_entry", "fault", "handover_item"
    record_id: int | None = None
    # For a record that does not exist yet (a missing duty log): which date and shift.
    date: dt.date | None = None
    shift_id: int | None = None


DETAIL_SEPARATOR = " · "


@dataclass(frozen=True)
class AttentionItem:
    """One line of the 今日 list. ``title``/``detail`` are the Chinese text; ``title_text``
    and ``detail_texts`` (when a provider built the item with ``of``) let the UI show the same
    line in its own language."""

    kind: str  # e.g. "checklist_overdue", "fault_open", "handover_unacked", "log_missing"
    severity: Severity
    title: str
    detail: str = ""
    due_at: dt.datetime | None = None
    target: Target | None = None
    title_text: Text | None = None
    detail_texts: tuple[Text, ...] = ()

    @classmethod
    def of(cls, kind: str, severity: Severity, title: Text, detail: Iterable[Text] = (),
           due_at: dt.datetime | None = None, target: Target | None = None) -> AttentionItem:
        """An item from translatable pieces; the detail parts are joined with " · "."""
        parts = tuple(detail)
        return cls(kind, severity, str(title), DETAIL_SEPARATOR.join(str(p) for p in parts),
                   due_at, target, title, parts)


Provider = Callable[[dt.datetime], Iterable[AttentionItem]]
StatusProvider = Callable[[dt.datetime], Iterable[Text]]


class TodayService:
    def __init__(self, ctx: ServiceContext, providers: Iterable[Provider] = (),
                 status_providers: Iterable[StatusProvider] = ()) -> None:
        self.ctx = ctx
        self._providers: list[Provider] = list(providers)
        self._status: list[StatusProvider] = list(status_providers)

    def status(self, now: dt.datetime | None = None) -> list[Text]:
        """Short facts for the page's header, from every module (a failing one is skipped)."""
        at = now or self.ctx.clock.now()
        out: list[Text] = []
        for p in self._status:
            try:
                out.extend(p(at))
            except Exception:  # the header must never break the page
                log.exception("today status provider %r failed", p)
        return out

    def register(self, provider: Provider) -> None:
        """Add a module's provider (complaints, cash handovers, emergency checklists …)."""
        self._providers.append(provider)

    @property
    def providers(self) -> tuple[Provider, ...]:
        return tuple(self._providers)

    def attention(self, now: dt.datetime | None = None) -> list[AttentionItem]:
        """Everything needing attention at ``now`` (default: the clock), most urgent first:
        overdue, then due-soon, then info; within a group by due time (undated last)."""
        if self.ctx.auth.user is None:
            raise AuthenticationError("请先登录")
        at = now or self.ctx.clock.now()
        items: list[AttentionItem] = []
        for p in self._providers:
            try:
                items.extend(p(at))
            except Exception as exc:  # one broken module must not blank the page
                log.exception("today provider %r failed", p)
                items.append(AttentionItem.of(
                    "provider_error", Severity.INFO,
                    Text(QT_TRANSLATE_NOOP("AttentionText", "部分提醒无法加载")),
                    [Text.plain(str(exc))]))
        far = dt.datetime.max
        return sorted(items, key=lambda i: (i.severity.rank, i.due_at or far, i.title))
