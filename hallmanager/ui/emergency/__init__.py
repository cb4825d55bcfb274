"""The 应急预案 tab."""

from hallmanager.ui.emergency.tab import EmergencyTab

__all__ = ["EmergencyTab"]
