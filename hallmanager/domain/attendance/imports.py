"""Reading the rows of an imported file (花名册 or a clock machine's export): which column is
which, and whether a cell is a real staff number, date or timestamp.

Pure rules on already-decoded rows (lists of cells: text, numbers, dates, datetimes); the
service decodes CSV (UTF-8 with or without BOM, or GBK as Chinese Excel saves it) and XLSX.
Every problem names its row number as the user sees it in the spreadsheet (header = row 1).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from hallmanager.domain.errors import ValidationError

Cell = str | int | float | dt.date | dt.datetime | dt.time | None

#: header text (folded: NFKC, lower case, no spaces) → field
STAFF_HEADERS: Mapping[str, str] = {
    "工号": "staff_no", "员工号": "staff_no", "staff_no": "staff_no", "staffno": "staff_no",
    "姓名": "name", "name": "name",
    "岗位": "position", "职位": "position", "position": "position",
    "手机": "phone", "手机号": "phone", "手机号码": "phone", "电话": "phone", "phone": "phone",
    "入职日期": "hire_date", "hire_date": "hire_date", "hiredate": "hire_date",
}
STAFF_REQUIRED = ("staff_no", "name", "position")
CLOCK_HEADERS: Mapping[str, str] = {
    "工号": "staff_no", "员工号": "staff_no", "考勤号": "staff_no", "人员编号": "staff_no",
    "staff_no": "staff_no", "staffno": "staff_no",
    "打卡时间": "time", "签到时间": "time", "time": "time", "datetime": "time",
    "日期": "date", "date": "date", "时间": "clock",
}
FIELD_LABELS = {"staff_no": "工号", "name": "姓名", "position": "岗位", "phone": "手机",
                "hire_date": "入职日期", "time": "打卡时间"}

_STAFF_NO = re.compile(r"^[A-Za-z0-9_-]{1,20}$")
_STAMP = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+|(?=\d))?"
                    r"(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2})(?:\.\d+)?秒?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})[ T]?(\d{2}):?(\d{2}):?(\d{2})?$")
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
_TIME = re.compile(r"^(\d{1,2})[:：](\d{1,2})(?::(\d{1,2}))?$")


def fold(text: object) -> str:
    """NFKC (full-width digits and colons to ASCII), trimmed."""
    return unicodedata.normalize("NFKC", str(text)).strip()


def _header_key(text: Cell) -> str:
    return fold(text or "").lower().replace(" ", "").replace("\ufeff", "")


def map_headers(header: Sequence[Cell], known: Mapping[str, str],
                required: Sequence[str]) -> dict[str, int]:
    """field → column index for the header row; ValidationError (row 1) naming what is
    missing or doubled."""
    out: dict[str, int] = {}
    for i, h in enumerate(header):
        f = known.get(_header_key(h))
        if f is None:
            continue
        if f in out:
            raise ValidationError(f"第 1 行：列“{fold(h)}”重复", row=1)
        out[f] = i
    missing = [FIELD_LABELS.get(f, f) for f in required if f not in out]
    if missing:
        raise ValidationError(f"第 1 行：缺少列 {'、'.join(missing)}（表头应包含 "
                              f"{'、'.join(FIELD_LABELS.get(f, f) for f in required)}）", row=1)
    return out


def clock_columns(header: Sequence[Cell]) -> dict[str, int]:
    """A clock export's columns: 工号 + 打卡时间 (or staff_no + time, or 日期 + 时间)."""
    m = map_headers(header, CLOCK_HEADERS, ("staff_no",))
    if "time" not in m and not ("date" in m and "clock" in m):
        if "clock" in m:  # a lone 时间 column holding whole timestamps
            m["time"] = m.pop("clock")
        else:
            raise ValidationError("第 1 行：缺少列 打卡时间（表头应包含 工号、打卡时间，"
                                  "或 staff_no、time）", row=1)
    return m


def cell_text(v: Cell) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return fold(v)


def staff_no(v: Cell) -> str:
    """A staff number: letters, digits, - and _ (an Excel number 1001.0 reads as 1001)."""
    s = cell_text(v)
    if not s:
        raise ValidationError("工号为空")
    if not _STAFF_NO.match(s):
        raise ValidationError(f"工号“{s}”不正确（只能含字母、数字、- 和 _，最多 20 位）")
    return s.upper()


def timestamp(v: Cell) -> dt.datetime:
    """A punch time: an Excel datetime, or text such as 2026-11-22 09:47:05, 2026/11/22 9:47,
    2026年11月22日 09:47, 20261122 094705; whole seconds."""
    if isinstance(v, dt.datetime):
        return v.replace(microsecond=0, tzinfo=None)
    s = cell_text(v)
    if not s:
        raise ValidationError("打卡时间为空")
    m = _STAMP.match(s) or _COMPACT.match(s)
    if not m:
        raise ValidationError(f"打卡时间“{s}”无法识别（应为 YYYY-MM-DD HH:MM[:SS]）")
    y, mo, d, h, mi, sec = (int(x) if x else 0 for x in m.groups())
    try:
        return dt.datetime(y, mo, d, h, mi, sec)
    except ValueError as exc:
        raise ValidationError(f"打卡时间“{s}”不存在（{_why(y, mo, d, h, mi, sec)}）") from exc


def date_and_clock(d: Cell, t: Cell) -> dt.datetime:
    """Separate 日期 and 时间 cells of one punch."""
    day = date_value(d, field="日期")
    if isinstance(t, dt.time):
        return dt.datetime.combine(day, t.replace(microsecond=0))
    if isinstance(t, dt.datetime):
        return dt.datetime.combine(day, t.time().replace(microsecond=0))
    s = cell_text(t)
    m = _TIME.match(s)
    if not m:
        raise ValidationError(f"时间“{s}”无法识别（应为 HH:MM[:SS]）")
    h, mi, sec = (int(x) if x else 0 for x in m.groups())
    try:
        return dt.datetime.combine(day, dt.time(h, mi, sec))
    except ValueError as exc:
        raise ValidationError(f"时间“{s}”不存在") from exc


def date_value(v: Cell, *, field: str = "入职日期") -> dt.date:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    s = cell_text(v)
    m = _DATE.match(s)
    if not m:
        raise ValidationError(f"{field}“{s}”无法识别（应为 YYYY-MM-DD）")
    y, mo, d = (int(x) for x in m.groups())
    try:
        return dt.date(y, mo, d)
    except ValueError as exc:
        raise ValidationError(f"{field}“{s}”不存在（{_why(y, mo, d)}）") from exc


def _why(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> str:
    if not 1 <= mo <= 12:
        return f"没有 {mo} 月"
    if h > 23 or mi > 59 or s > 59:
        return "时间超出范围"
    return f"{mo} 月没有 {d} 日"


@dataclass(frozen=True)
class RowProblem:
    """A rejected row: its number in the file (header = 1), the raw cells and why."""

    row: int
    text: str
    reason: str


def row_text(cells: Sequence[Cell]) -> str:
    return ",".join(cell_text(c) for c in cells)
