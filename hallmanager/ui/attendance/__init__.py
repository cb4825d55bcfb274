"""The 考勤与扣款 tab."""

from hallmanager.ui.attendance.tab import AttendanceTab

__all__ = ["AttendanceTab"]
