"""The duty log module (值班日志): its service, the views it returns, its report providers, its
今日 provider and its demo step. ``hallmanager.registry`` names this package once."""

from hallmanager.domain.dutylog import UnconfirmedWarnings
from hallmanager.services.dutylog.service import DutyLogService
from hallmanager.services.dutylog.views import (
    AbsenceView,
    AmendmentView,
    ChecklistEntryView,
    ChecklistTemplateView,
    DraftSaved,
    DutyLogSettingsView,
    DutyLogSummary,
    DutyLogView,
    FaultView,
    HandoverView,
    InspectionView,
    MeetingView,
    PersonRef,
    TemplateItemView,
)

__all__ = [
    "AbsenceView",
    "AmendmentView",
    "ChecklistEntryView",
    "ChecklistTemplateView",
    "DraftSaved",
    "DutyLogService",
    "DutyLogSettingsView",
    "DutyLogSummary",
    "DutyLogView",
    "FaultView",
    "HandoverView",
    "InspectionView",
    "MeetingView",
    "PersonRef",
    "TemplateItemView",
    "UnconfirmedWarnings",
]
