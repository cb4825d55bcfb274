"""Fine rules (扣款规则): tiers by minutes with explicit bounds, per-occurrence items and the
monthly leave rule, versioned by the date they take effect.

Bounds are written out so nobody has to guess: a tier covers ``lower < seconds ≤ upper``.
With the defaults (seed 004) a lateness of exactly 30:00 is ¥50, 30:01 is ¥100, 60:00 is
¥100 and 60:01 is ¥200. Times are whole seconds (a punch's fraction of a second is dropped).
The grace period (宽限) decides *whether* someone is late; once late, the tier is chosen on
the whole lateness (grace 5 min: 5:00 is on time, 5:01 is late and fined as 5:01).
Money is integer fen.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from hallmanager.domain.errors import ValidationError


@dataclass(frozen=True)
class Tier:
    """``lower_s < seconds ≤ upper_s`` (``upper_s`` None: no upper bound) → ``fine_fen``."""

    lower_s: int
    upper_s: int | None
    fine_fen: int

    def contains(self, seconds: int) -> bool:
        return seconds > self.lower_s and (self.upper_s is None or seconds <= self.upper_s)

    @property
    def label(self) -> str:
        lo = _mmss(self.lower_s)
        if self.upper_s is None:
            return f"超过 {lo}"
        if self.lower_s == 0:
            return f"{_mmss(self.upper_s)} 以内（含）"
        return f"超过 {lo}、不超过 {_mmss(self.upper_s)}"


def _mmss(seconds: int) -> str:
    m, s = divmod(seconds, 60)
    return f"{m} 分钟" if s == 0 else f"{m}:{s:02d}"


def check_tiers(tiers: Sequence[Tier]) -> tuple[Tier, ...]:
    """Tiers start at 0, touch each other without gap or overlap, the last is open-ended,
    fines are not negative and do not decrease with lateness."""
    if not tiers:
        raise ValidationError("至少要有一个档次")
    out = tuple(tiers)
    if out[0].lower_s != 0:
        raise ValidationError("第一个档次必须从 0 分钟起算")
    for i, t in enumerate(out, start=1):
        if t.fine_fen < 0:
            raise ValidationError(f"第 {i} 档的扣款不能为负数")
        if t.upper_s is not None and t.upper_s <= t.lower_s:
            raise ValidationError(f"第 {i} 档的上限必须大于下限")
    for i, (a, b) in enumerate(itertools.pairwise(out), start=1):
        if a.upper_s is None or a.upper_s != b.lower_s:
            raise ValidationError(f"第 {i} 档与第 {i + 1} 档之间有空缺或重叠")
        if b.fine_fen < a.fine_fen:
            raise ValidationError(f"第 {i + 1} 档的扣款不能少于第 {i} 档")
    if out[-1].upper_s is not None:
        raise ValidationError("最后一档必须没有上限（“超过 … 分钟”）")
    return out


class Item(StrEnum):
    """Per-occurrence violations (one fine each time)."""

    ABSENT = "absent"  # 旷工
    LEFT_POST = "left_post"  # 上班期间私自离岗办私事
    NO_UNIFORM = "no_uniform"  # 不穿工作服
    OTHER = "other"

    @property
    def label(self) -> str:
        return {"absent": "旷工", "left_post": "私自离岗办私事", "no_uniform": "未穿工装",
                "other": "其他违规"}[self.value]


@dataclass(frozen=True)
class RuleSet:
    """The fine rules in force from ``effective_from`` (a version; the hall manager saves a
    new one rather than editing a rule a closed month was computed with)."""

    version: int
    effective_from: dt.date
    late_tiers: tuple[Tier, ...]
    early_tiers: tuple[Tier, ...]
    items: dict[Item, int] = field(default_factory=dict)  # item → fen per occurrence
    notice_items: frozenset[Item] = frozenset({Item.LEFT_POST})  # also 通报 to the area
    monthly_leave_limit: int = 3  # more than this many leave requests in a month …
    monthly_leave_fine_fen: int = 100_00  # … is fined once for that month
    grace_seconds: int = 0
    early_arrival_minutes: int = 10  # 未提前到岗 is counted, not fined, by default
    fine_not_early: int = 0  # fen per 未提前到岗; 0 = only counted

    def late_fine(self, seconds: int) -> tuple[int, Tier | None]:
        return _tier_fine(self.late_tiers, seconds, self.grace_seconds)

    def early_fine(self, seconds: int) -> tuple[int, Tier | None]:
        return _tier_fine(self.early_tiers, seconds, self.grace_seconds)

    def item_fine(self, item: Item) -> int:
        return self.items.get(item, 0)


def _tier_fine(tiers: Sequence[Tier], seconds: int, grace: int) -> tuple[int, Tier | None]:
    s = int(seconds)
    if s <= max(0, grace):
        return 0, None
    tier = next((t for t in tiers if t.contains(s)), None)
    return (tier.fine_fen if tier else 0), tier


def _default_tiers() -> tuple[Tier, ...]:
    return (Tier(0, 30 * 60, 50_00), Tier(30 * 60, 60 * 60, 100_00), Tier(60 * 60, None, 200_00))


#: seed 004 (Shigatse branch): the defaults a new hall starts with, all editable
DEFAULT_RULES = RuleSet(
    version=1, effective_from=dt.date(2000, 1, 1),
    late_tiers=_default_tiers(), early_tiers=_default_tiers(),
    items={Item.ABSENT: 100_00, Item.LEFT_POST: 200_00, Item.NO_UNIFORM: 50_00},
)


def rules_for(day: dt.date, rulesets: Sequence[RuleSet]) -> RuleSet:
    """The version in force on ``day``: the latest ``effective_from`` ≤ day."""
    valid = [r for r in rulesets if r.effective_from <= day]
    if not valid:
        raise ValidationError(f"{day.isoformat()} 没有生效的扣款规则")
    return max(valid, key=lambda r: (r.effective_from, r.version))


def monthly_leave_fine(leave_requests: int, rules: RuleSet) -> int:
    """More than ``monthly_leave_limit`` leave requests in a month: one fine for the month."""
    return rules.monthly_leave_fine_fen if leave_requests > rules.monthly_leave_limit else 0


# --- storing a version -------------------------------------------------------------------------
def rules_to_dict(r: RuleSet) -> dict[str, object]:
    """A rule version as plain JSON data (``attendance_rule_version.rules_json``)."""
    def tiers(ts: Sequence[Tier]) -> list[list[int | None]]:
        return [[t.lower_s, t.upper_s, t.fine_fen] for t in ts]

    return {"late_tiers": tiers(r.late_tiers), "early_tiers": tiers(r.early_tiers),
            "items": {k.value: v for k, v in sorted(r.items.items())},
            "notice_items": sorted(i.value for i in r.notice_items),
            "monthly_leave_limit": r.monthly_leave_limit,
            "monthly_leave_fine_fen": r.monthly_leave_fine_fen,
            "grace_seconds": r.grace_seconds,
            "early_arrival_minutes": r.early_arrival_minutes,
            "fine_not_early": r.fine_not_early}


def rules_from_dict(version: int, effective_from: dt.date, d: dict) -> RuleSet:
    """The inverse of ``rules_to_dict``."""
    def tiers(raw: list) -> tuple[Tier, ...]:
        return tuple(Tier(int(a), None if b is None else int(b), int(c)) for a, b, c in raw)

    return RuleSet(version=version, effective_from=effective_from,
                   late_tiers=tiers(d["late_tiers"]), early_tiers=tiers(d["early_tiers"]),
                   items={Item(k): int(v) for k, v in d.get("items", {}).items()},
                   notice_items=frozenset(Item(i) for i in d.get("notice_items", ())),
                   monthly_leave_limit=int(d.get("monthly_leave_limit", 3)),
                   monthly_leave_fine_fen=int(d.get("monthly_leave_fine_fen", 0)),
                   grace_seconds=int(d.get("grace_seconds", 0)),
                   early_arrival_minutes=int(d.get("early_arrival_minutes", 10)),
                   fine_not_early=int(d.get("fine_not_early", 0)))


def check_rules(r: RuleSet) -> RuleSet:
    """A rule version the hall manager wants to save: tiers sound, amounts and limits sane."""
    check_tiers(r.late_tiers)
    check_tiers(r.early_tiers)
    for item, fen in r.items.items():
        if isinstance(fen, bool) or not isinstance(fen, int) or fen < 0:
            raise ValidationError(f"“{item.label}”的扣款必须是不小于 0 的整数（分）")
    for name, v, hi in (("宽限时间（秒）", r.grace_seconds, 3600),
                        ("每月请假次数上限", r.monthly_leave_limit, 31),
                        ("提前到岗分钟数", r.early_arrival_minutes, 120)):
        if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= hi:
            raise ValidationError(f"{name}须在 0–{hi} 之间")
    for name, v in (("每月请假超限扣款", r.monthly_leave_fine_fen),
                    ("未提前到岗扣款", r.fine_not_early)):
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise ValidationError(f"{name}必须是不小于 0 的整数（分）")
    return r


def format_tier_lines(tiers: Sequence[Tier]) -> str:
    """Tiers as the hall manager edits them: one per line, "上限分钟 金额元" ('-' = no upper
    bound), e.g. "30 50 / 60 100 / - 200"."""
    out = []
    for t in tiers:
        upper = "-" if t.upper_s is None else (str(t.upper_s // 60) if t.upper_s % 60 == 0
                                               else f"{t.upper_s // 60}:{t.upper_s % 60:02d}")
        yuan, fen = divmod(t.fine_fen, 100)
        out.append(f"{upper} {yuan}" + (f".{fen:02d}" if fen else ""))
    return "\n".join(out)


def parse_tier_lines(text: str, *, label: str = "档次") -> tuple[Tier, ...]:
    """The edited tiers back: each line "上限 金额" where 上限 is minutes (or mm:ss, '-' for
    none) and 金额 yuan; a bad line is named by its number; the result is checked."""
    import unicodedata

    from hallmanager.domain.money import parse_yuan

    tiers: list[Tier] = []
    lower = 0
    lines = [ln.strip() for ln in unicodedata.normalize("NFKC", text or "").splitlines()]
    for n, line in enumerate(lines, start=1):
        if not line:
            continue
        parts = line.replace("，", " ").replace(",", " ").split()
        if len(parts) != 2:
            raise ValidationError(f"{label}第 {n} 行应为“上限分钟 金额”，例如：30 50")
        up_text, money = parts
        if up_text in ("-", "—", "无", "*"):
            upper: int | None = None
        else:
            mm, _, ss = up_text.partition(":")
            if not mm.isdigit() or (ss and not (ss.isdigit() and int(ss) < 60)):
                raise ValidationError(f"{label}第 {n} 行的上限不正确：“{up_text}”（分钟，或 - 表示无上限）")
            upper = int(mm) * 60 + (int(ss) if ss else 0)
        try:
            fen = parse_yuan(money)
        except ValidationError as exc:
            raise ValidationError(f"{label}第 {n} 行：{exc.message}") from exc
        tiers.append(Tier(lower, upper, fen))
        if upper is None:
            break
        lower = upper
    return check_tiers(tiers)
