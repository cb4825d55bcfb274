"""The 值班日志 tab: duty log, daily checklist, faults, hand-over items, sign-off, amendments."""

from hallmanager.ui.dutylog.tab import DutyLogTab

__all__ = ["DutyLogTab"]
