"""The 投诉登记 tab."""

from hallmanager.ui.complaints.tab import ComplaintsTab

__all__ = ["ComplaintsTab"]
