"""Storage of the attendance module (考勤与扣款)."""
