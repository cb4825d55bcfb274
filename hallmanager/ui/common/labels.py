"""Translatable labels for domain enums (the domain keeps Chinese; the UI translates)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from hallmanager.domain.roles import Role


def role_label(role: Role | str) -> str:
    """厅经理 / Hall manager … for the current UI language."""
    r = Role(role)
    labels = {
        Role.HALL_MANAGER: QCoreApplication.translate("roles", "厅经理"),
        Role.DUTY_MANAGER: QCoreApplication.translate("roles", "值班经理"),
        Role.TELLER: QCoreApplication.translate("roles", "营业员"),
        Role.COMPLAINT_HANDLER: QCoreApplication.translate("roles", "投诉处理员"),
    }
    return labels[r]


def language_label(code: str) -> str:
    labels = {"zh_CN": "简体中文", "en": "English"}  # each in its own language, never translated
    return labels.get(code, code)
