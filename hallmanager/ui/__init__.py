"""The desktop user interface (PySide6). Only this package imports Qt.

One sub-package per tab (tab, view, table model, dialogs); shared pieces live in ``common``.
Everything receives ``Services`` from the composition root — there is no global state.
"""
