"""A masking scan and a formula-injection scan over every output of every module.

A demo hall gets hostile text in every module (phone and ID numbers inside free text,
strings a spreadsheet would run as formulas); a duty manager (who may not unmask) then
writes every output: the daily report workbook, the handover sheets, the attendance month
(workbook and PDF), the cash workbook and till slips (a count's note, its reversal, a
movement, an invoice range, the day close's bag/seal/escort/gap note), the complaint list and a
complaint slip, and the emergency outputs (incident report PDF of a finished and of an open
run, the incidents workbook with its paper registrations). Hostile text starts with every
formula trigger (= + - @, tab, CR, LF) and carries phone numbers in the forms people type
(+86 138 …, spaces, dots, dashes, full-width digits) and ID numbers. Every workbook cell is
scanned for formulas and every text (cells, PDF text) for unmasked phone and ID numbers. The
per-module tests that cover parts of this: tests/test_masking.py, tests/test_excel_daily.py,
tests/attendance/test_exporters.py, tests/complaints/test_import_export.py,
tests/cash/test_outputs.py."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import openpyxl
import pypdf
import pytest

from hallmanager.app import build_services, create_demo
from hallmanager.domain.clock import ManualClock
from hallmanager.domain.complaints.rules import Source
from hallmanager.domain.errors import DomainError
from hallmanager.exporters.daily_excel import is_formula_like
from hallmanager.services.complaints.views import ComplaintInput
from hallmanager.services.demo import ADMIN_PASSWORD, DUTY_PASSWORD, TELLER_PASSWORD
from hallmanager.storage.database import open_database, sqlite_url

NOW = dt.datetime(2026, 11, 22, 19, 30)
PHONE = "13912345678"
ID_NO = "11010119900307123X"
HOSTILE = f'=HYPERLINK("http://x","点我") 客户 {PHONE} 身份证 {ID_NO} +1+1 @SUM(A1)'
PHONE_RE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
ID_RE = re.compile(r"(?<![0-9])\d{17}[\dXx](?![0-9A-Za-z])")
# the forms people type, and the digits each stands for (a scan looks for the digits)
TYPED = (("+86 138 1234 5678", "13812345678"), ("137.1234.5678", "13712345678"),
         ("１３６１２３４５６７８", "13612345678"), ("135-1234-5678", "13512345678"),
         (PHONE, PHONE), (ID_NO, ID_NO), ("110101 19900307 1234", "110101199003071234"))
PLANTED = tuple(digits for _form, digits in TYPED)
TRIGGERS = ("=", "+", "-", "@", "\t=", "\r=", "\n=")


def hostile(i: int, limit: int = 300) -> str:
    """The i-th hostile text: a formula trigger first, then a typed phone or ID number."""
    text = (f"{TRIGGERS[i % len(TRIGGERS)]}1+1 客户 {TYPED[i % len(TYPED)][0]} "
            f"cmd|' /C calc'!A0 {TYPED[(i + 1) % len(TYPED)][0]}")
    return text[:limit]


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
        _hostile_cash(sv, day)
        _hostile_emergency(sv)
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
        for c in sv.cash.counts(day):
            add(f"till-slip-{c.id}.pdf", lambda p, c=c: sv.cash.write_slip(c.id, p))
        runs = sv.emergency.runs(day - dt.timedelta(days=30), day)
        for r in runs:
            add(f"incident-{r.id}.pdf", lambda p, r=r: sv.emergency.write_report(r.id, p))
        add("incidents.xlsx",
            lambda p: sv.emergency.export(day - dt.timedelta(days=30), day, p))
        add("complaints.xlsx", lambda p: sv.complaints.export_excel(p))
        newest = sv.complaints.page()[0] if isinstance(sv.complaints.page(), list) else \
            sv.complaints.page().rows[0]
        add("complaint-slip.pdf", lambda p: sv.complaints.slip_pdf(newest.id, p))
        return out
    finally:
        sv.close()


def _hostile_cash(sv, day: dt.date) -> None:
    """As the hall manager: hostile text in every free-text field of the cash module on the
    demo's open day — a count's note, its reversal reason, an invoice range's note, and the
    day close's bag/seal numbers, escort and gap note."""
    users = {u.username: u for u in sv.auth.list_users()}
    counts = sv.cash.counts(day)
    settings = sv.cash.settings()
    code = settings.reason_codes[0][0]
    for i, c in enumerate(counts):
        if c.state.value == "draft":
            sv.cash.save_count(c.id, receivable=c.cash_fen + c.non_cash_fen - c.float_fen + 100,
                               reason_code=code, note=hostile(i))
            sv.cash.confirm(c.id, "give", TELLER_PASSWORD)
        sv.cash.confirm(c.id, "receive", _password(users, c.receiver.id))
    sv.cash.reverse(counts[0].id, hostile(3), ADMIN_PASSWORD)
    teller = next(u for u in users.values() if u.role.value == "teller")
    sv.cash.hand_over_invoices(day, "invoice", "00012301", "00012400", teller.id,
                               note=hostile(4))
    counted = sv.cash.day_totals(day).counted_cash_fen
    sv.cash.close_day(day, deposit=counted - 100 if counted > 100 else 0, safe=0,
                      bag_no=TYPED[1][0], seal_no=TYPED[2][0],
                      deposited_at=NOW - dt.timedelta(minutes=5), escort=hostile(5, 30),
                      gap_note=hostile(6))


def _password(users, user_id: int) -> str:
    role = next(u.role.value for u in users.values() if u.id == user_id)
    return {"hall_manager": ADMIN_PASSWORD, "duty_manager": DUTY_PASSWORD}.get(
        role, TELLER_PASSWORD)


def _hostile_emergency(sv) -> None:
    """A finished drill with hostile skip reasons, notes, a paper registration and summary,
    and an open run with a ticked step and a hostile note."""
    plan = next(p for p in sv.emergency.plans() if p.paper_registrations)
    run = sv.emergency.start_run(plan.id, drill=True)
    for i in range(1, len(run.steps) + 1):
        if i % 2:
            sv.emergency.check_step(run.id, i)
        else:
            sv.emergency.skip_step(run.id, i, hostile(i))
    for i in range(len(TRIGGERS)):
        sv.emergency.add_note(run.id, hostile(i))
    sv.emergency.add_paper(run.id, customer_name="张三丰", number=TYPED[0][0],
                           business=hostile(1, 200), amount="30.50", contact=TYPED[2][0])
    sv.emergency.finish(run.id, cause=hostile(2), losses=hostile(3), follow_up=hostile(4),
                        open_papers_note=hostile(5))
    other = sv.emergency.start_run(plan.id, drill=False)
    sv.emergency.check_step(other.id, 1)
    sv.emergency.add_note(other.id, hostile(6))
    sv.emergency.add_paper(other.id, customer_name="李四", number=PHONE,
                           business=hostile(0, 200), amount=1250, contact=TYPED[3][0])


def _texts(path: Path) -> list[str]:
    if path.suffix == ".pdf":
        return [page.extract_text() or "" for page in pypdf.PdfReader(path).pages]
    wb = openpyxl.load_workbook(path)
    return [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if c.value is not None]


def test_every_output_was_written(outputs):
    assert len(outputs) >= 15 and all(p.stat().st_size > 0 for p in outputs)


def test_no_formula_in_any_workbook(outputs):
    found = []
    for path in outputs:
        if path.suffix != ".xlsx":
            continue
        for ws in openpyxl.load_workbook(path).worksheets:
            for row in ws.iter_rows():
                for c in row:
                    if c.data_type == "f" or (isinstance(c.value, str)
                                              and is_formula_like(c.value)
                                              and (c.data_type != "s" or not c.quotePrefix)):
                        found.append(f"{path.name}!{ws.title}!{c.coordinate}: {c.value!r}")
    assert found == []


def test_hostile_text_arrives_as_text(outputs):
    daily = "\n".join(_texts(next(p for p in outputs if p.name == "complaints.xlsx")))
    assert "HYPERLINK" in daily  # it is there, as text
    for name, triggers in (("cash.xlsx", "=+@"), ("incidents.xlsx", "=+-@")):
        text = "\n".join(_texts(next(p for p in outputs if p.name == name)))
        assert "cmd|' /C calc'!A0" in text, name
        assert all(f"{t}1+1 客户" in text for t in triggers), name


def _unmasked(paths: list[Path]) -> list[str]:
    found = []
    for path in paths:
        for text in _texts(path):
            found += [f"{path.name}: {m}" for m in PHONE_RE.findall(text)]
            found += [f"{path.name}: {m}" for m in ID_RE.findall(text)]
            folded = unicodedata.normalize("NFKC", text)
            for run in re.findall(r"[\dXx](?:[\s.\-]*[\dXx])*", folded):
                digits = re.sub(r"[\s.\-]", "", run).upper()
                found += [f"{path.name}: {run!r}" for d in PLANTED if d in digits]
    return found


def test_no_unmasked_phone_or_id_number_anywhere(outputs):
    assert _unmasked([p for p in outputs if p.name != "cash.xlsx"]) == []


def test_cash_workbook_masks_free_text(outputs):
    assert _unmasked([p for p in outputs if p.name == "cash.xlsx"]) == []


def test_the_hostile_text_reached_every_new_output(outputs):
    """The scan is only worth something if the planted text is in the files (masked)."""
    for name in ("cash.xlsx", "incidents.xlsx"):
        text = "\n".join(_texts(next(p for p in outputs if p.name == name)))
        assert "138****5678" in text and "110***********123X" in text, name
    incidents = [p for p in outputs if p.name.startswith("incident-")]
    slips = [p for p in outputs if p.name.startswith("till-slip-")]
    assert len(incidents) >= 3 and len(slips) >= 3  # the demo's run and two hostile ones
    assert sum("****" in "".join(_texts(p)) for p in incidents) >= 2
    assert sum("****" in "".join(_texts(p)) for p in slips) >= 2  # the note, the reversal
