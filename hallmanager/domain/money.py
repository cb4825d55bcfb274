"""Money in integer fen (分). Never float: parsing, arithmetic and formatting all stay exact."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from hallmanager.domain.errors import ValidationError

_AMOUNT = re.compile(r"^[-+]?\d{1,3}(,\d{3})*(\.\d{1,2})?$|^[-+]?\d+(\.\d{1,2})?$")
MAX_FEN = 10**13  # 千亿元: far beyond any hall, guards against typos of many digits


def parse_yuan(text: str) -> int:
    """Parse '1,234.5' / '¥12' / '-3.05' into fen; reject anything ambiguous with a Chinese message."""
    s = (text or "").strip().replace("¥", "").replace("￥", "").replace("元", "").strip()
    if not s:
        raise ValidationError("金额不能为空")
    if not _AMOUNT.match(s):
        raise ValidationError(f"金额格式不正确：“{text}”（例：1234.50，最多两位小数）")
    try:
        value = Decimal(s.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - regex already guards
        raise ValidationError(f"金额格式不正确：“{text}”") from exc
    fen = int(value * 100)
    if abs(fen) >= MAX_FEN:
        raise ValidationError(f"金额过大：“{text}”")
    return fen


def yuan_decimal(fen: int) -> Decimal:
    """Fen as an exact Decimal of yuan, e.g. for spreadsheet cells."""
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


def format_fen(fen: int, *, symbol: bool = True) -> str:
    """Format fen as ¥1,234.50 (negative as -¥1,234.50)."""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(int(fen)), 100)
    return f"{sign}{'¥' if symbol else ''}{yuan:,}.{cents:02d}"
