"""The module registry: the one place that names the modules, in tab order.

Adding a module = its packages (``domain/<m>``, ``storage/<m>/``, ``services/<m>/`` with
``module.build``, ``demo`` and ``snapshot``, ``ui/<m>/``, ``tests/<m>/``) + one line here + one
migration.
The composition root builds each module's service and contributions (今日 provider, report
sheets, handover sections, audit labels) from ``parts``; the main window builds its tab from
``tab``; ``hallmanager demo`` runs its ``demo`` step. A line without ``parts`` is a module not
built yet: its tab says so honestly.

References are "package.module:attribute" strings, imported only when used, so the command
line never imports Qt and a module's demo code loads only for ``hallmanager demo``.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

from hallmanager.domain.texts import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class ModuleSpec:
    name: str  # the one name in every layer: domain/<name>, services/<name>/, ui/<name>/ …
    title: str  # tab text (Chinese; translated in the "tabs" context)
    tab_object_name: str  # objectName of its tab (tests, QSettings, screenshots use it)
    parts: str | None = None  # "…services.<m>.module:build" → ModuleParts
    tab: str | None = None  # "…ui.<m>:<M>Tab" → a TabPage subclass
    demo: str | None = None  # "…services.<m>.demo:<M>Demo" → a DemoStep
    snapshot: str | None = None  # "…services.<m>.snapshot:snapshot" → rows for the stored
    # past-schema database (tools/make_schema_snapshot.py)
    settings: str | None = None  # "…ui.<m>.settings:sections" → (services, parent) →
    # [(nav title, Section)] added to the 设置 tab before 审计日志

    @property
    def available(self) -> bool:
        return self.parts is not None


def load(ref: str) -> Any:
    """Import "package.module:attribute" and return the attribute."""
    module, _, attr = ref.partition(":")
    return getattr(import_module(module), attr)


MODULES: tuple[ModuleSpec, ...] = (
    ModuleSpec("dutylog", QT_TRANSLATE_NOOP("tabs", "值班日志"), "dutyLogTab",
               parts="hallmanager.services.dutylog.module:build",
               tab="hallmanager.ui.dutylog:DutyLogTab",
               demo="hallmanager.services.dutylog.demo:DutyLogDemo",
               snapshot="hallmanager.services.dutylog.snapshot:snapshot"),
    ModuleSpec("attendance", QT_TRANSLATE_NOOP("tabs", "考勤与扣款"), "attendanceTab",
               parts="hallmanager.services.attendance.module:build",
               tab="hallmanager.ui.attendance:AttendanceTab",
               demo="hallmanager.services.attendance.demo:AttendanceDemo",
               snapshot="hallmanager.services.attendance.snapshot:snapshot"),
    ModuleSpec("cash", QT_TRANSLATE_NOOP("tabs", "现金交接"), "cashTab",
               parts="hallmanager.services.cash.module:build",
               tab="hallmanager.ui.cash:CashTab",
               demo="hallmanager.services.cash.demo:CashDemo",
               snapshot="hallmanager.services.cash.snapshot:snapshot"),
    ModuleSpec("complaints", QT_TRANSLATE_NOOP("tabs", "投诉登记"), "complaintsTab",
               parts="hallmanager.services.complaints.module:build",
               tab="hallmanager.ui.complaints:ComplaintsTab",
               demo="hallmanager.services.complaints.demo:ComplaintsDemo",
               snapshot="hallmanager.services.complaints.snapshot:snapshot"),
    ModuleSpec("emergency", QT_TRANSLATE_NOOP("tabs", "应急预案"), "emergencyTab",
               parts="hallmanager.services.emergency.module:build",
               tab="hallmanager.ui.emergency:EmergencyTab",
               settings="hallmanager.ui.emergency.settings:sections",
               demo="hallmanager.services.emergency.demo:EmergencyDemo",
               snapshot="hallmanager.services.emergency.snapshot:snapshot"),
)
