"""Attendance and fines (考勤与扣款): timetables, classification of punches, fine rules.

Pure rules (no database, no Qt). ``timetable`` says who works when, ``classify`` turns a
person's punches into session results and fines, ``fines`` holds the versioned rules.
"""
