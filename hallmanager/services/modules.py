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
from pathlib import Path
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
      marked with ``QT_TRANSLATE_NOOP("audit", …)`` so the UI translates them;
    - ``samples``: ``folder → files``: write each of the module's own outputs (its slips,
      workbooks, PDFs beyond the daily workbook and handover sheet) for a sample of the demo
      data into ``folder``, through the same audited service methods as the desk and the
      command line (``hallmanager --self-test`` checks every file). ``no_own_outputs`` says
      explicitly that the module has none; ``None`` means not declared.
    """

    service: Any
    today: Callable[[dt.datetime], Iterable[AttentionItem]] | None = None
    today_status: Callable[[dt.datetime], Iterable[Text]] | None = None
    sheets: Sequence[Provider] = ()
    sections: Sequence[Provider] = ()
    header: HeaderProvider | None = None
    audit_entities: Mapping[str, str] = field(default_factory=dict)
    audit_actions: Mapping[str, str] = field(default_factory=dict)
    samples: Callable[[Path], Sequence[Path]] | None = None


def no_own_outputs(folder: Path) -> list[Path]:
    """``ModuleParts.samples`` of a module whose only outputs are its daily-report sheets and
    handover sections (the self-test writes those through the report service)."""
    return []


ModuleBuilder = Callable[[CoreServices], ModuleParts]
