"""Login, first-run setup wizard, password change and the lock page."""

from hallmanager.ui.login.change_password import ChangePasswordDialog
from hallmanager.ui.login.lock_page import LockPage
from hallmanager.ui.login.login_dialog import LoginDialog
from hallmanager.ui.login.setup_wizard import SetupWizard

__all__ = ["ChangePasswordDialog", "LockPage", "LoginDialog", "SetupWizard"]
