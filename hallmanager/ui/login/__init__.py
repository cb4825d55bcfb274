"""Login, first-run setup wizard, password change and the lock page.

The names are loaded on first use (PEP 562): ``from hallmanager.ui.login import LoginDialog``
at start must not import the lock page and the wizard before the login dialog shows.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hallmanager.ui.login.change_password import ChangePasswordDialog
    from hallmanager.ui.login.lock_page import LockPage
    from hallmanager.ui.login.login_dialog import LoginDialog
    from hallmanager.ui.login.setup_wizard import SetupWizard

_WHERE = {"ChangePasswordDialog": "change_password", "LockPage": "lock_page",
          "LoginDialog": "login_dialog", "SetupWizard": "setup_wizard"}

__all__ = ["ChangePasswordDialog", "LockPage", "LoginDialog", "SetupWizard"]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f"hallmanager.ui.login.{_WHERE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
