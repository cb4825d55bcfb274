"""The emergency module's services (应急预案)."""

from hallmanager.services.emergency.service import EmergencyService

__all__ = ["EmergencyService"]
