"""Masking of personal data (names, phones, ID numbers) for screens, prints and exports."""

from __future__ import annotations


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
