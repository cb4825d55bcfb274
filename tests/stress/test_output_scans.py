"""A masking scan and a formula-injection scan over every output of every module.

A demo hall gets hostile text in every module (phone and ID numbers inside free text,
strings a spreadsheet would run as formulas); a duty manager (who may not unmask) then
writes every output: the daily report workbook, the handover sheets, the attendance month
(workbook and PDF), the cash workbook and a till slip, the complaint list and a complaint
slip. Every workbook cell is scanned for formulas and every text (cells, PDF text) for
unmasked phone and ID numbers. The per-module tests that cover parts of this:
tests/test_masking.py, tests/test_excel_daily.py, tests/attendance/test_exporters.py,
tests/complaints/test_import_export.py, tests/cash/test_outputs.py."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pypdf
import pytest

from hallmanager.app import build_services, create_demo
from hallmanager.domain.clock import ManualClock
from hallmanager.domain.complaints.rules import Source
from hallmanager.domain.errors import DomainError
from hallmanager.services.complaints.views import ComplaintInput
from hallmanager.services.demo import ADMIN_PASSWORD, DUTY_PASSWORD
from hallmanager.storage.database import open_database, sqlite_url

NOW = dt.datetime(2026, 11, 22, 19, 30)
PHONE = "13912345678"
ID_NO = "11010119900307123X"
HOSTILE = f'=HYPERLINK("http://x","点我") 客户 {PHONE} 身份证 {ID_NO} +1+1 @SUM(A1)'
PHONE_RE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
ID_RE = re.compile(r"(?<![0-9])\d{17}[\dXx](?![0-9A-Za-z])")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("scan")
    db = open_database(sqlite_url(folder / "hall.sqlite"))
    create_demo(db, ManualClock(NOW), days=3, staff=4)
    sv = build_services(db, ManualClock(NOW), fast_hash=True)
    try:
        sv.auth.login("admin", ADMIN_PASSWORD)
        shifts = sv.settings.shifts()
        day = NOW.date()
        sv.complaints.register(ComplaintInput(
            source=Source.ON_SITE, received_at=NOW - dt.timedelta(hours=1),
            customer_name="张三丰", phone=PHONE, category="资费计费", description=HOSTILE,
            request=HOSTILE, id_number=ID_NO))
        for log in sv.dutylog.logs_for_date(day):
            if not log.signed:
                sv.dutylog.update_draft(log.id, business_notes=HOSTILE, opinions=HOSTILE)
        try:
            sv.cash.add_movement(day, shifts[0].id, "12.00", direction="out", reason=HOSTILE)
        except DomainError:
            pass  # the demo closed the day: the counts carry the demo's own text
        staff = sv.attendance.staff()[0]
        sv.attendance.record_violation(staff.id, "no_uniform", NOW - dt.timedelta(hours=2),
                                       note=HOSTILE)
        duty = next(u for u in sv.auth.list_users() if u.role.value == "duty_manager")
        sv.auth.logout()
        sv.auth.login(duty.username, DUTY_PASSWORD)
        out: list[Path] = []

        def add(name: str, call) -> None:
            path = folder / name
            call(path)
            out.append(path)

        add("daily.xlsx", lambda p: sv.reports.export_daily(day, p))
        for s in shifts:
            add(f"handover-{s.id}.pdf", lambda p, s=s: sv.reports.print_handover(day, s.name, p))
        from hallmanager.services.attendance.paper import AttendancePaper

        paper = AttendancePaper(sv.attendance)
        add("attendance.xlsx", lambda p: paper.export(p, month=day.strftime("%Y-%m")))
        add("attendance.pdf", lambda p: paper.export(p, month=day.strftime("%Y-%m")))
        add("cash.xlsx", lambda p: sv.cash.export(day - dt.timedelta(days=3), day, p))
        count = next(c for d in range(4)
                     for c in sv.cash.counts(day - dt.timedelta(days=d)))
        add("till-slip.pdf", lambda p: sv.cash.write_slip(count.id, p))
        add("complaints.xlsx", lambda p: sv.complaints.export_excel(p))
        newest = sv.complaints.page()[0] if isinstance(sv.complaints.page(), list) else \
            sv.complaints.page().rows[0]
        add("complaint-slip.pdf", lambda p: sv.complaints.slip_pdf(newest.id, p))
        return out
    finally:
        sv.close()


def _texts(path: Path) -> list[str]:
    if path.suffix == ".pdf":
        return [page.extract_text() or "" for page in pypdf.PdfReader(path).pages]
    wb = openpyxl.load_workbook(path)
    return [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if c.value is not None]


def test_every_output_was_written(outputs):
    assert len(outputs) >= 9 and all(p.stat().st_size > 0 for p in outputs)


def test_no_formula_in_any_workbook(outputs):
    found = []
    for path in outputs:
        if path.suffix != ".xlsx":
            continue
        for ws in openpyxl.load_workbook(path).worksheets:
            for row in ws.iter_rows():
                for c in row:
                    if c.data_type == "f" or (isinstance(c.value, str)
                                              and c.value.startswith("=")
                                              and c.data_type != "s"):
                        found.append(f"{path.name}!{ws.title}!{c.coordinate}: {c.value!r}")
    assert found == []


def test_hostile_text_arrives_as_text(outputs):
    daily = "\n".join(_texts(next(p for p in outputs if p.name == "complaints.xlsx")))
    assert "HYPERLINK" in daily  # it is there, as text


def _unmasked(paths: list[Path]) -> list[str]:
    found = []
    for path in paths:
        for text in _texts(path):
            found += [f"{path.name}: {m}" for m in PHONE_RE.findall(text)]
            found += [f"{path.name}: {m}" for m in ID_RE.findall(text)]
    return found


def test_no_unmasked_phone_or_id_number_anywhere(outputs):
    assert _unmasked([p for p in outputs if p.name != "cash.xlsx"]) == []


@pytest.mark.xfail(strict=True, reason="finding (issue 14 scan): the cash workbook writes a "
                   "cash movement's reason unmasked (phone and ID numbers in free text) for a "
                   "duty manager; services/cash/service.py export() applies no masking")
def test_cash_workbook_masks_free_text(outputs):
    assert _unmasked([p for p in outputs if p.name == "cash.xlsx"]) == []
