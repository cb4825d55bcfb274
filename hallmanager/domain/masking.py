"""Masking of personal data (names, phones, ID numbers) for screens, prints and exports."""

from __future__ import annotations

import re


def mask_phone(phone: str | None) -> str:
    """138****5678 for an 11-digit mobile; keep only the last 4 otherwise."""
    p = (phone or "").strip()
    if len(p) >= 11:
        return p[:3] + "****" + p[-4:]
    if len(p) > 4:
        return "*" * (len(p) - 4) + p[-4:]
    return "*" * len(p)


def mask_name(name: str | None) -> str:
    """张** / 欧阳** : keep the family name character(s) only."""
    n = (name or "").strip()
    if not n:
        return ""
    keep = 2 if len(n) >= 4 else 1
    return n[:keep] + "*" * max(1, len(n) - keep)


def mask_id_number(id_no: str | None) -> str:
    """110***********1234: keep the first 3 and last 4 characters."""
    s = (id_no or "").strip()
    if len(s) <= 7:
        return "*" * len(s)
    return s[:3] + "*" * (len(s) - 7) + s[-4:]


# Mainland mobile numbers (optionally written 138-1234-5678 / 138 1234 5678) and resident ID
# numbers (18 characters, the last may be X; the old 15-digit form) standing alone in text.
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9])(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?![0-9])")


def mask_personal_text(text: str) -> str:
    """Mask phone and ID numbers inside free text (a customer's number typed into the duty
    log's opinions or notes) for prints and exports. Names in free text cannot be recognised
    reliably and are left as written."""
    if not text:
        return text
    out = _ID_NUMBER.sub(lambda m: mask_id_number(m.group(1)), text)
    return _MOBILE.sub(lambda m: mask_phone(m.group(1) + m.group(2) + m.group(3)), out)
