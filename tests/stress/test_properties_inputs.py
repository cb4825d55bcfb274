"""Hypothesis over every parser and validator of every module and over every import format:
whatever is typed or imported, the answer is a value or a clear error (a DomainError with a
message), never a crash. Existing property tests of the modules: tests/attendance/
test_domain.py, tests/cash/test_properties_sums.py and test_properties_text.py,
tests/complaints/test_domain.py (see docs/reliability.md)."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hallmanager.app import build_services
from hallmanager.domain import validation as v
from hallmanager.domain.attendance import fines as att_fines
from hallmanager.domain.attendance import imports as att_imp
from hallmanager.domain.cash import rules as cash
from hallmanager.domain.clock import ManualClock
from hallmanager.domain.complaints import rules as cmp
from hallmanager.domain.errors import DomainError
from hallmanager.domain.money import parse_yuan
from hallmanager.domain.roles import Role
from hallmanager.domain.shifts import parse_hhmm, validate_shift
from hallmanager.storage.anchors import parse_anchor
from hallmanager.storage.database import open_database, sqlite_url

# Text a person could type or paste: digits and separators of both widths, signs, currency,
# Chinese, control characters, spreadsheet formula starters.
typed = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="0123456789０１２３４５６７８９.,，。:：-/年月日时分秒 ¥￥+−xX=@\t\r\n",
            max_size=30),
    st.from_regex(r"\A[+-]?\d{0,12}([.,]\d{0,4})?\Z"),
    st.from_regex(r"\A\d{1,4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?( \d{1,2}[:：]\d{1,2}([:：]\d{1,2})?)?\Z"),
)
cells = st.one_of(st.none(), typed, st.integers(), st.floats(allow_nan=True),
                  st.datetimes(min_value=dt.datetime(1, 1, 2)), st.dates(), st.booleans())

PARSERS: dict[str, Callable[[str], object]] = {
    "money.parse_yuan": parse_yuan,
    "cash.parse_amount": cash.parse_amount,
    "cash.parse_pieces": cash.parse_pieces,
    "validation.normalize_phone": v.normalize_phone,
    "validation.parse_date": v.parse_date,
    "validation.parse_date_text": v.parse_date_text,
    "validation.parse_datetime_text": v.parse_datetime_text,
    "validation.check_username": v.check_username,
    "validation.check_full_name": v.check_full_name,
    "validation.check_password": v.check_password,
    "shifts.parse_hhmm": parse_hhmm,
    "attendance.parse_tier_lines": att_fines.parse_tier_lines,
    "complaints.normalize_phone": cmp.normalize_phone,
    "complaints.check_phone": cmp.check_phone,
}
CELL_PARSERS: dict[str, Callable[[object], object]] = {
    "attendance.staff_no": att_imp.staff_no,
    "attendance.timestamp": att_imp.timestamp,
    "attendance.date_value": att_imp.date_value,
    "attendance.cell_text": att_imp.cell_text,
}


def _clear(exc: DomainError) -> None:
    assert isinstance(exc.message, str) and exc.message.strip(), "an error without a message"


# Each parser and cell reader gets its own 150 independent examples, as when each had a test
# of its own; they are drawn together (one tuple per example, one element per parser), so
# Hypothesis runs one loop of 150 instead of 18 (most of the CPU was its per-example work).


def _each_gives_a_value_or_a_clear_error(funcs: dict[str, Callable], values: tuple) -> None:
    for (name, func), value in zip(sorted(funcs.items()), values, strict=True):
        try:
            func(value)
        except DomainError as exc:
            assert isinstance(exc.message, str) and exc.message.strip(), \
                f"{name}: an error without a message"


@settings(max_examples=150, deadline=None)
@given(texts=st.tuples(*[typed] * len(PARSERS)))
def test_typed_text_gives_a_value_or_a_clear_error(texts):
    _each_gives_a_value_or_a_clear_error(PARSERS, texts)


@settings(max_examples=150, deadline=None)
@given(values=st.tuples(*[cells] * len(CELL_PARSERS)))
def test_imported_cells_give_a_value_or_a_clear_error(values):
    _each_gives_a_value_or_a_clear_error(CELL_PARSERS, values)


# Three more, 200 independent examples each, drawn together in one loop as above.
@settings(max_examples=200, deadline=None)
@given(d=cells, t=cells, name=typed, start=typed, end=typed, anchor=typed)
def test_date_and_clock_columns_shift_definitions_and_paper_anchor(d, t, name, start, end,
                                                                   anchor):
    try:  # the date and clock columns of a punch import
        att_imp.date_and_clock(d, t)
    except DomainError as exc:
        _clear(exc)
    try:  # a shift definition
        validate_shift(name, start, end)
    except DomainError as exc:
        _clear(exc)
    try:  # the paper anchor
        parse_anchor(anchor)
    except ValueError as exc:  # check --anchor prints it as a usage error
        assert "锚点格式不正确" in str(exc)


# --- whole import files ------------------------------------------------------------------


@pytest.fixture(scope="module")
def importer(tmp_path_factory, schema_template):
    """A hall with one person on the roster; the hall manager imports (a copy of the empty
    database at the newest schema, tests/conftest.py ``schema_template``)."""
    folder = tmp_path_factory.mktemp("imports")
    shutil.copyfile(schema_template, folder / "hall.sqlite")
    db = open_database(sqlite_url(folder / "hall.sqlite"))
    sv = build_services(db, ManualClock(dt.datetime(2026, 11, 22, 9, 0)), fast_hash=True)
    sv.auth.setup(hall_name="测试厅", hall_code="T1", username="admin", full_name="王厅长",
                  password="Admin2026pw")
    sv.auth.login("admin", "Admin2026pw")
    t1 = sv.auth.create_user(username="t1", full_name="张三", role=Role.TELLER,
                             password="Passw0rd123", staff_no="RK0101")
    sv.attendance.save_staff(None, staff_no="RK0101", name="张三", position="营业员",
                             user_id=t1.id)
    yield sv, folder
    sv.close()


HEADERS = {
    "punches": (["工号", "打卡时间"], ["staff_no", "time"], ["工号", "日期", "时间"]),
    "staff": (["工号", "姓名", "岗位"], ["工号", "姓名", "岗位", "手机", "入职日期"]),
    "orders": (["工单号", "受理时间", "客户姓名", "联系电话", "投诉类别", "问题描述", "客户诉求"],),
}


def _write(path: Path, header: list[str], rows: list[list[object]], kind: str) -> Path:
    if kind == "csv":
        with path.open("w", newline="", encoding="utf-8-sig") as f:
            w = csv.writer(f)
            w.writerow(header)
            for r in rows:
                w.writerow(["" if c is None else c for c in r])
    elif kind == "xlsx":
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(header)
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        for r in rows:  # a workbook cannot hold control characters: the writer drops them
            ws.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c
                       for c in r])
        wb.save(path)
    else:  # raw bytes under a known extension
        path.write_bytes(bytes(str(rows), "utf-8")[:200])
    return path


def _call(sv, which: str, path: Path) -> None:
    {"punches": sv.attendance.import_punches, "staff": sv.attendance.import_staff,
     "orders": sv.complaints.import_orders}[which](path)


@pytest.mark.parametrize("which", sorted(HEADERS))
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(data=st.data())
def test_import_files_give_a_result_or_a_clear_error(importer, which, data):
    sv, folder = importer
    header = data.draw(st.sampled_from(HEADERS[which]))
    cell = st.one_of(typed, st.integers(min_value=-10**6, max_value=10**12),
                     st.datetimes(min_value=dt.datetime(1990, 1, 1),
                                  max_value=dt.datetime(2030, 1, 1)), st.none())
    rows = data.draw(st.lists(st.lists(cell, min_size=0, max_size=len(header) + 1),
                              max_size=5))
    kind = data.draw(st.sampled_from(["csv", "xlsx", "junk.csv", "junk.xlsx"]))
    suffix = ".csv" if kind.endswith("csv") else ".xlsx"
    path = _write(folder / f"in{suffix}", header,
                  [[c.isoformat(sep=" ") if isinstance(c, dt.datetime) and kind.endswith("csv")
                    else c for c in r] for r in rows], kind if "." not in kind else "junk")
    try:
        _call(sv, which, path)
    except DomainError as exc:
        _clear(exc)
