"""Small validators shared by several modules; each raises ValidationError in Chinese."""

from __future__ import annotations

import datetime as dt
import re

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
