"""The till's arithmetic and rules (款箱清点).

- Denominations (a hall setting; defaults: notes 100, 50, 20, 10, 5, 1 yuan, 5 and 1 jiao;
  coins 1 yuan, 5 and 1 jiao) are values in fen with a kind; a count line is a denomination
  and a number of pieces.
- Amounts typed by people: ``1234.5``, ``1,234.50``, ``¥1234.50``, ``￥1,234``, full-width
  ``１２３４．５０`` all parse the same; negative amounts, more than two decimals, misplaced
  thousands separators and absurd amounts are refused with a message saying which.
- Received (实收) = cash counted + non-cash takings; over/short (长短款) = received − receivable
  (系统应收) − opening float (备用金) when the float is in the till: positive is 长款 (over),
  negative 短款 (short). A non-zero difference needs a reason code and a note; a shortage
  above the review threshold needs the hall manager's review before the day closes.
- A handover is final once both sides confirmed; a correction is a reversal (every amount
  negated) plus, if needed, a new count — totals after a reversal are exact.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from hallmanager.domain.errors import ValidationError
from hallmanager.domain.money import format_fen

#: the largest amount one till can plausibly hold: 一千万元 (typos of many digits are refused)
MAX_TILL_FEN = 10_000_000_00
MAX_PIECES = 100_000


class DenominationKind(StrEnum):
    NOTE = "note"  # 纸币
    COIN = "coin"  # 硬币

    @property
    def label(self) -> str:
        return {"note": "纸币", "coin": "硬币"}[self.value]


@dataclass(frozen=True)
class Denomination:
    value_fen: int
    kind: DenominationKind

    @property
    def key(self) -> str:
        """Stable id of the line, e.g. 'note-10000', 'coin-50'."""
        return f"{self.kind.value}-{self.value_fen}"

    @property
    def label(self) -> str:
        yuan, fen = divmod(self.value_fen, 100)
        unit = f"{yuan} 元" if fen == 0 else f"{fen // 10} 角" if fen % 10 == 0 else f"{fen} 分"
        return f"{unit}{self.kind.label}"


DEFAULT_DENOMINATIONS: tuple[Denomination, ...] = (
    *(Denomination(v, DenominationKind.NOTE) for v in (100_00, 50_00, 20_00, 10_00, 5_00,
                                                         1_00, 50, 10)),
    *(Denomination(v, DenominationKind.COIN) for v in (1_00, 50, 10)),
)


class NonCashMethod(StrEnum):
    POS = "pos"  # 银行卡 POS
    WECHAT = "wechat"  # 微信支付
    ALIPAY = "alipay"  # 支付宝
    VOUCHER = "voucher"  # 充值卡/代金券

    @property
    def label(self) -> str:
        return {"pos": "POS 刷卡", "wechat": "微信支付", "alipay": "支付宝",
                "voucher": "充值卡/代金券"}[self.value]


# --- typed amounts ------------------------------------------------------------------------
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^\d+(\.\d+)?$")


def parse_amount(text: str, *, field: str = "金额", allow_zero: bool = True,
                 max_fen: int = MAX_TILL_FEN) -> int:
    """An amount as people type it → fen. Accepts ¥/￥/元, full-width digits and punctuation,
    thousands separators in the right places; refuses negatives, more than two decimals,
    absurd amounts and anything else, saying which."""
    raw = text or ""
    s = unicodedata.normalize("NFKC", raw).strip()
    s = s.replace("¥", "").replace("￥", "").replace("元", "").replace(" ", "").replace("，", ",")
    s = s.replace("。", ".")
    if not s:
        raise ValidationError(f"{field}不能为空", field=field)
    if s.startswith(("-", "−", "－")):
        raise ValidationError(f"{field}不能为负数：“{raw}”", field=field)
    if s.startswith("+"):
        s = s[1:]
    if "," in s and not _GROUPED.match(s):
        raise ValidationError(f"{field}的千位分隔符位置不对：“{raw}”（例：1,234.50）", field=field)
    plain = s.replace(",", "")
    if not _PLAIN.match(plain):
        raise ValidationError(f"{field}格式不正确：“{raw}”（例：1234.50）", field=field)
    whole, _, frac = plain.partition(".")
    if len(frac) > 2:
        raise ValidationError(f"{field}最多两位小数（到分）：“{raw}”", field=field)
    if len(whole) > 12:
        raise ValidationError(f"{field}过大：“{raw}”", field=field)
    fen = int(whole) * 100 + int((frac + "00")[:2])
    if fen > max_fen:
        raise ValidationError(f"{field}过大：“{raw}”（上限 {format_fen(max_fen)}）", field=field)
    if fen == 0 and not allow_zero:
        raise ValidationError(f"{field}不能为 0", field=field)
    return fen


def parse_pieces(text: str, *, label: str = "张数") -> int:
    """A count of notes or coins: a whole number ≥ 0 (full-width accepted; blank = 0)."""
    s = unicodedata.normalize("NFKC", text or "").strip()
    if not s:
        return 0
    if not s.isdigit():
        raise ValidationError(f"{label}须为不小于 0 的整数：“{text}”", field=label)
    n = int(s)
    if n > MAX_PIECES:
        raise ValidationError(f"{label}过大：“{text}”（上限 {MAX_PIECES}）", field=label)
    return n


# --- the count ------------------------------------------------------------------------------
@dataclass(frozen=True)
class CountLine:
    denomination: Denomination
    pieces: int

    @property
    def amount_fen(self) -> int:
        return self.denomination.value_fen * self.pieces


def cash_total(lines: Iterable[CountLine]) -> int:
    return sum(line.amount_fen for line in lines)


def check_lines(lines: Sequence[CountLine]) -> tuple[CountLine, ...]:
    keys = [line.denomination.key for line in lines]
    dup = next((k for k in keys if keys.count(k) > 1), None)
    if dup is not None:
        raise ValidationError(f"面额重复：{dup}")
    for line in lines:
        if line.pieces < 0:
            raise ValidationError(f"{line.denomination.label}的张数不能为负数")
    return tuple(lines)


class Difference(StrEnum):
    BALANCED = "balanced"  # 平
    OVER = "over"  # 长款
    SHORT = "short"  # 短款

    @property
    def label(self) -> str:
        return {"balanced": "平", "over": "长款", "short": "短款"}[self.value]


@dataclass(frozen=True)
class TillFigures:
    """The figures of one count, all in fen."""

    float_fen: int  # 备用金 (opening float, in the till)
    receivable_fen: int  # 系统应收 (BOSS)
    cash_fen: int  # counted by denomination
    non_cash: Mapping[str, int]  # method → fen

    @property
    def non_cash_fen(self) -> int:
        return sum(self.non_cash.values())

    @property
    def received_fen(self) -> int:
        """实收: the takings — cash counted less the float, plus non-cash."""
        return self.cash_fen - self.float_fen + self.non_cash_fen

    @property
    def difference_fen(self) -> int:
        """长短款 = 实收 − 系统应收 (positive: over; negative: short)."""
        return self.received_fen - self.receivable_fen

    @property
    def difference(self) -> Difference:
        d = self.difference_fen
        return Difference.BALANCED if d == 0 else Difference.OVER if d > 0 else Difference.SHORT

    def describe(self) -> str:
        d = self.difference_fen
        return "平" if d == 0 else f"{self.difference.label} {format_fen(abs(d))}"


REASON_CODES = {  # a hall setting; defaults
    "change_error": "找零差错",
    "counterfeit": "收到假币",
    "unrecorded": "业务未录入系统",
    "duplicate": "系统重复收款",
    "pos_pending": "POS 交易待确认",
    "other": "其他",
}


def check_reason(fig: TillFigures, reason_code: str | None, note: str | None) -> None:
    """A non-zero difference needs a reason code and a note."""
    if fig.difference_fen == 0:
        return
    if not reason_code or reason_code not in REASON_CODES:
        raise ValidationError(f"{fig.describe()}：请选择原因", field="reason_code")
    if not (note or "").strip():
        raise ValidationError(f"{fig.describe()}：请填写说明", field="note")


def needs_review(fig: TillFigures, threshold_fen: int) -> bool:
    """A shortage larger than the threshold needs the hall manager's review."""
    return fig.difference_fen < 0 and -fig.difference_fen > threshold_fen


DEFAULT_REVIEW_THRESHOLD_FEN = 50_00


# --- confirmation and reversal ---------------------------------------------------------------
class HandoverState(StrEnum):
    DRAFT = "draft"  # counting
    HANDED = "handed"  # the one who hands over confirmed
    CONFIRMED = "confirmed"  # both confirmed: final
    REVERSED = "reversed"  # a later reversing entry cancels it

    @property
    def label(self) -> str:
        return {"draft": "清点中", "handed": "待接收确认", "confirmed": "已确认",
                "reversed": "已冲正"}[self.value]


def confirm(state: HandoverState, *, side: str, giver_id: int, receiver_id: int,
            user_id: int) -> HandoverState:
    """The next state when ``user_id`` confirms as ``side`` ('give' or 'receive'). The two
    sides must be different people, each confirming their own side, giver first."""
    if giver_id == receiver_id:
        raise ValidationError("交出人和接收人不能是同一人")
    if state in (HandoverState.CONFIRMED, HandoverState.REVERSED):
        raise ValidationError("该交接已确认，不能再修改；如需更正请由厅经理冲正")
    if side == "give":
        if user_id != giver_id:
            raise ValidationError("只能由交出人本人确认交出")
        if state != HandoverState.DRAFT:
            raise ValidationError("交出人已确认")
        return HandoverState.HANDED
    if side == "receive":
        if user_id != receiver_id:
            raise ValidationError("只能由接收人本人确认接收")
        if state != HandoverState.HANDED:
            raise ValidationError("请先由交出人确认交出")
        return HandoverState.CONFIRMED
    raise ValueError(side)


def reversed_figures(fig: TillFigures) -> TillFigures:
    """The reversing entry: every amount negated, so original + reversal sums to zero."""
    return TillFigures(-fig.float_fen, -fig.receivable_fen, -fig.cash_fen,
                       {k: -v for k, v in fig.non_cash.items()})


def sum_figures(figs: Iterable[TillFigures]) -> TillFigures:
    """The day's totals over tills (reversals included: they cancel their originals)."""
    out = TillFigures(0, 0, 0, {})
    non: dict[str, int] = {}
    for f in figs:
        out = TillFigures(out.float_fen + f.float_fen, out.receivable_fen + f.receivable_fen,
                          out.cash_fen + f.cash_fen, {})
        for k, v in f.non_cash.items():
            non[k] = non.get(k, 0) + v
    return TillFigures(out.float_fen, out.receivable_fen, out.cash_fen, non)


def deposit_gap(counted_cash_fen: int, deposited_fen: int, kept_in_safe_fen: int) -> int:
    """End of day: cash counted − deposited − kept in the safe; must be 0 or explained."""
    return counted_cash_fen - deposited_fen - kept_in_safe_fen
