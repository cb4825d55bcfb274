"""Masking of personal data (names, phones, ID numbers) for screens, prints and exports."""

from __future__ import annotations

import calendar
import re
import unicodedata


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


# --- numbers inside free text -------------------------------------------------------------------
# People type a customer's number in many shapes: 13812345678, 138-1234-5678, 138.1234.5678,
# 138 123 4567 8, +86 138…, 0086-138…, full-width １３８…, 110101 19900307 1234, ID1101…. The
# text is compared in a normalised copy (each character NFKC-folded when that gives one
# character, so positions still line up with the original); digit groups joined by short
# separator runs are tried as one number, and a match replaces the whole span it covers.
_GROUP = re.compile(r"\d+(?:[Xx](?![A-Za-z0-9]))?")
_SEPARATOR = re.compile(r"[ \t\-.·/]{1,3}")
_MOBILE_DIGITS = re.compile(r"1[3-9]\d{9}")
_PREFIXES = ("0086", "86")


def _fold(text: str) -> str:
    """Full-width digits, ＋, Ｘ and the ideographic space to ASCII, one character for one."""
    out = []
    for c in text:
        if c.isdecimal():  # any script's digits (full-width, Arabic-Indic, …)
            out.append(str(unicodedata.decimal(c)))
            continue
        n = unicodedata.normalize("NFKC", c)
        out.append(n if len(n) == 1 else c)
    return "".join(out)


def _plausible_birth(digits: str) -> bool:
    """YYYYMMDD between 1900 and 2099, for separated ID numbers (the bare 18-digit form is
    masked without it, as before: better one order number too many than an ID too few)."""
    try:
        y, m, d = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    except ValueError:
        return False
    if not 1900 <= y <= 2099 or not 1 <= m <= 12:
        return False
    return 1 <= d <= calendar.monthrange(y, m)[1]


def _as_personal(number: str, joined: bool) -> str | None:
    """The masked form if ``number`` (digits, maybe a final X) is a mobile or ID number.
    ``joined``: written in several groups, so ask for a plausible birth date as well."""
    if number[-1] in "Xx":
        if len(number) == 18 and (not joined or _plausible_birth(number[6:14])):
            return mask_id_number(number[:-1] + "X" if number[-1] == "x" else number)
        return None
    if _MOBILE_DIGITS.fullmatch(number):
        return mask_phone(number)
    for prefix in _PREFIXES:
        if number.startswith(prefix) and _MOBILE_DIGITS.fullmatch(number[len(prefix):]):
            return mask_phone(number[len(prefix):])
    if len(number) == 18 and number[0] in "12345678" and (
            not joined or _plausible_birth(number[6:14])):
        return mask_id_number(number)
    if len(number) == 15 and number[0] in "12345678" and (
            not joined or _plausible_birth("19" + number[6:12])):
        return mask_id_number(number)
    return None


def _groups(folded: str) -> list[tuple[int, int, bool]]:
    """(start, end, joins_next) of each digit group; ``joins_next``: only a short separator
    run lies between it and the next group."""
    found = [(m.start(), m.end()) for m in _GROUP.finditer(folded)]
    out = []
    for i, (a, b) in enumerate(found):
        joins = (i + 1 < len(found) and folded[b - 1] not in "Xx"
                 and _SEPARATOR.fullmatch(folded[b:found[i + 1][0]]) is not None)
        out.append((a, b, joins))
    return out


def mask_personal_text(text: str) -> str:
    """Mask phone and ID numbers inside free text (a customer's number typed into the duty
    log's opinions or notes) for prints and exports, in whatever form they were typed; other
    numbers (amounts, dates, times, counts, staff numbers) stay as written. Names in free text
    cannot be recognised reliably and are left as written."""
    if not text:
        return text
    folded = _fold(text)
    groups = _groups(folded)
    out: list[str] = []
    pos = 0
    i = 0
    while i < len(groups):
        best: tuple[int, str] | None = None  # (last group index, masked text)
        digits = ""
        for j in range(i, len(groups)):
            a, b, joins = groups[j]
            digits += re.sub(r"\D", "", folded[a:b]) + ("X" if folded[b - 1] in "Xx" else "")
            if len(digits) > 18:
                break
            masked = _as_personal(digits, j > i)
            if masked is not None:
                best = (j, masked)
            if not joins:
                break
        if best is None:
            i += 1
            continue
        start, end = groups[i][0], groups[best[0]][1]
        plus = folded.rfind("+", pos, start)
        if plus >= 0 and folded[plus + 1:start].strip(" -") == "":
            start = plus
        out.append(text[pos:start])
        out.append(best[1])
        pos = end
        i = best[0] + 1
    out.append(text[pos:])
    return "".join(out)
