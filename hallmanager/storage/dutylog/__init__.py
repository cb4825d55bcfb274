"""Duty log tables and queries (值班日志): ``models`` and ``repository``."""
