"""hallmanager — 营业厅值班经理工作台 (duty manager's desk for a telecom business hall)."""

__version__ = "0.1.0"
