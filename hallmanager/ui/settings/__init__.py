"""The 设置 tab: hall, shifts, users and the audit log browser."""

from hallmanager.ui.settings.settings_tab import SettingsTab

__all__ = ["SettingsTab"]
