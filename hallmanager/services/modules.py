"""What a module plugs into the framework: its service and its contributions.

Each module's service package has a ``module.py`` with ``build(core) -> ModuleParts``; the
registry (``hallmanager.registry``) names that function once, and the composition root
builds every module from it. The framework (今日, reports, the audit browser, the demo)
reads only ``ModuleParts``, so it never names a module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from hallmanager.domain.texts import Text
from hallmanager.services.audit import AuditService
from hallmanager.services.auth import AuthService
from hallmanager.services.context import ServiceContext
from hallmanager.services.reports import HeaderProvider, Provider
from hallmanager.services.settings import SettingsService
from hallmanager.services.today import AttentionItem


@dataclass(frozen=True)
class CoreServices:
    """The framework's services a module may use when it is built."""

    ctx: ServiceContext
    auth: AuthService
    settings: SettingsService
    audit: AuditService


@dataclass(frozen=True)
class ModuleParts:
    """One module's service and everything it contributes.

    - ``today``: the 今日 provider, ``now → attention items``;
    - ``today_status``: short facts for the 今日 header ("值班经理：张三（日志草稿）");
    - ``sheets`` / ``sections``: daily-report sheet and handover-sheet section providers
      (each with its key and order); ``header``: who hands over to whom on the sheet;
    - ``audit_entities`` / ``audit_actions``: Chinese labels of the module's audit entries,
      marked with ``QT_TRANSLATE_NOOP("audit", …)`` so the UI translates them.
    """

    service: Any
    today: Callable[[dt.datetime], Iterable[AttentionItem]] | None = None
    today_status: Callable[[dt.datetime], Iterable[Text]] | None = None
    sheets: Sequence[Provider] = ()
    sections: Sequence[Provider] = ()
    header: HeaderProvider | None = None
    audit_entities: Mapping[str, str] = field(default_factory=dict)
    audit_actions: Mapping[str, str] = field(default_factory=dict)


ModuleBuilder = Callable[[CoreServices], ModuleParts]
