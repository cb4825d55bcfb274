"""The 现金交接 tab."""

from hallmanager.ui.cash.tab import CashTab

__all__ = ["CashTab"]
