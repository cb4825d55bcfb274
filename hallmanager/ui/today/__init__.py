"""The 今日 tab: what needs the duty manager's attention now."""

from hallmanager.ui.today.tab import TodayTab

__all__ = ["TodayTab"]
