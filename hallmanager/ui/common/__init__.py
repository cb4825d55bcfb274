"""Shared UI pieces every tab builds on: table models, editors, error dialogs, the tab base.

Import from here, e.g. ``from hallmanager.ui.common import BaseTableModel, Column, TabPage``.

The names are loaded on first use (PEP 562): the login dialog imports one submodule
(``widgets``) without pulling in the table models, editors and tab base before it shows.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hallmanager.ui.common.editors import DateEdit, MoneyEdit, PhoneEdit, TimeEdit
    from hallmanager.ui.common.errors import ActionResult, error_box, run_action, show_error
    from hallmanager.ui.common.labels import role_label
    from hallmanager.ui.common.search import SearchBox
    from hallmanager.ui.common.tab_page import NotAvailableTab, TabPage
    from hallmanager.ui.common.table_model import (
        ALIGN_CENTER,
        ALIGN_LEFT,
        ALIGN_RIGHT,
        DUE_SOON_BACKGROUND,
        MUTED_FOREGROUND,
        OVERDUE_BACKGROUND,
        ROW_ROLE,
        SORT_ROLE,
        BaseTableModel,
        Column,
        FilterProxyModel,
        fit_columns,
        make_table_view,
        selected_row,
    )

_WHERE = {
    **dict.fromkeys(("DateEdit", "MoneyEdit", "PhoneEdit", "TimeEdit"), "editors"),
    **dict.fromkeys(("ActionResult", "error_box", "run_action", "show_error"), "errors"),
    "role_label": "labels",
    "SearchBox": "search",
    **dict.fromkeys(("NotAvailableTab", "TabPage"), "tab_page"),
    **dict.fromkeys(("ALIGN_CENTER", "ALIGN_LEFT", "ALIGN_RIGHT", "DUE_SOON_BACKGROUND",
                     "MUTED_FOREGROUND", "OVERDUE_BACKGROUND", "ROW_ROLE", "SORT_ROLE",
                     "BaseTableModel", "Column", "FilterProxyModel", "fit_columns",
                     "make_table_view", "selected_row"), "table_model"),
}


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{where}"), name)
    globals()[name] = value
    return value


__all__ = [
    "ALIGN_CENTER",
    "ALIGN_LEFT",
    "ALIGN_RIGHT",
    "DUE_SOON_BACKGROUND",
    "MUTED_FOREGROUND",
    "OVERDUE_BACKGROUND",
    "ROW_ROLE",
    "SORT_ROLE",
    "ActionResult",
    "BaseTableModel",
    "Column",
    "DateEdit",
    "FilterProxyModel",
    "MoneyEdit",
    "NotAvailableTab",
    "PhoneEdit",
    "SearchBox",
    "TabPage",
    "TimeEdit",
    "error_box",
    "fit_columns",
    "make_table_view",
    "role_label",
    "run_action",
    "selected_row",
    "show_error",
]
