"""Small validators shared by several modules; each raises ValidationError in Chinese."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

from hallmanager.domain.errors import ValidationError

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")
_USERNAME = re.compile(r"^[A-Za-z0-9_.-]{2,40}$")
MIN_PASSWORD = 8


def normalize_phone(text: str) -> str:
    """Accept an 11-digit mobile or a landline (0891-1234567); strip spaces and dashes in mobiles."""
    s = (text or "").strip().replace(" ", "")
    if s.startswith("+86"):
        s = s[3:]
    digits = s.replace("-", "")
    if _MOBILE.match(digits):
        return digits
    if _LANDLINE.match(s):
        return s
    raise ValidationError(f"电话号码格式不正确：“{text}”（手机号 11 位，或固话如 0891-1234567）")


def parse_date(text: str, *, field: str = "日期") -> dt.date:
    """YYYY-MM-DD only, so 03/04 is never ambiguous."""
    try:
        return dt.date.fromisoformat((text or "").strip())
    except ValueError as exc:
        raise ValidationError(f"{field}格式不正确：“{text}”（应为 YYYY-MM-DD）", field=field) from exc


_DATE_TEXT = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DATETIME_TEXT = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:\s+|T)(\d{1,2}):(\d{1,2})")
DATE_FORMAT_HINT = "日期格式应为 YYYY-MM-DD，例如 2026-11-22"
DATETIME_FORMAT_HINT = "时间格式应为 YYYY-MM-DD HH:MM，例如 2026-11-22 09:30"


def _fold_text(text: str) -> str:
    """NFKC: full-width digits, －, ：, ／ and the ideographic space become ASCII, so
    ２０２６－１１－２２ is accepted as 2026-11-22; surrounding blanks are dropped."""
    return unicodedata.normalize("NFKC", text or "").strip()


def _checked_date(y: int, m: int, d: int, shown: str, field: str) -> dt.date:
    """The date, or a message that says what is wrong with it (not just “日期不存在”)."""
    if not 1900 <= y <= 2100:
        raise ValidationError(f"{shown} 不存在：年份应在 1900–2100 之间", field=field)
    if not 1 <= m <= 12:
        raise ValidationError(f"{shown} 不存在：月份应为 1–12", field=field)
    days = calendar.monthrange(y, m)[1]
    if not 1 <= d <= days:
        raise ValidationError(f"{shown} 不存在：{m} 月只有 {days} 天" if d > days
                              else f"{shown} 不存在：日应为 1–{days}", field=field)
    return dt.date(y, m, d)


def parse_date_text(text: str, *, field: str = "date") -> dt.date:
    """A typed date: YYYY-MM-DD (month and day may have one digit), full-width digits
    accepted. Wrong input raises ValidationError saying what is wrong, e.g.
    “2026-02-30 不存在：2 月只有 28 天” or “日期格式应为 YYYY-MM-DD，例如 2026-11-22”.
    The desk's editors and the command line share it."""
    s = _fold_text(text)
    m = _DATE_TEXT.fullmatch(s)
    if not m:
        raise ValidationError(f"“{text}”：{DATE_FORMAT_HINT}", field=field)
    y, mo, d = (int(g) for g in m.groups())
    return _checked_date(y, mo, d, f"{y:04d}-{mo:02d}-{d:02d}", field)


def parse_datetime_text(text: str, *, field: str = "datetime") -> dt.datetime:
    """A typed date and time: YYYY-MM-DD HH:MM (24 h), full-width digits and colon
    accepted; wrong input is refused with what is wrong (“2026-02-30 不存在：2 月只有 28 天”,
    “25:00 不存在：小时应为 0–23”), never shifted to another valid moment."""
    s = _fold_text(text)
    m = _DATETIME_TEXT.fullmatch(s)
    if not m:
        raise ValidationError(f"“{text}”：{DATETIME_FORMAT_HINT}", field=field)
    y, mo, d, hh, mm = (int(g) for g in m.groups())
    day = _checked_date(y, mo, d, f"{y:04d}-{mo:02d}-{d:02d}", field)
    if hh > 23:
        raise ValidationError(f"{hh:02d}:{mm:02d} 不存在：小时应为 0–23", field=field)
    if mm > 59:
        raise ValidationError(f"{hh:02d}:{mm:02d} 不存在：分钟应为 0–59", field=field)
    return dt.datetime(day.year, day.month, day.day, hh, mm)


def check_username(name: str) -> str:
    n = (name or "").strip()
    if not _USERNAME.match(n):
        raise ValidationError("登录名须为 2–40 位字母、数字或 _ . -", field="username")
    return n


def check_full_name(name: str) -> str:
    n = (name or "").strip()
    if not n:
        raise ValidationError("姓名不能为空", field="full_name")
    if len(n) > 40:
        raise ValidationError("姓名不能超过 40 个字", field="full_name")
    return n


def check_password(pw: str) -> str:
    if len(pw or "") < MIN_PASSWORD:
        raise ValidationError(f"密码至少 {MIN_PASSWORD} 位", field="password")
    if pw.strip() != pw:
        raise ValidationError("密码首尾不能有空格", field="password")
    if pw.isdigit() or pw.isalpha():
        raise ValidationError("密码须同时包含字母和数字", field="password")
    return pw
