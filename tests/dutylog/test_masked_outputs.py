"""Issue 7 §6: a customer's phone or ID number, typed in any form into any text of a duty log,
never reaches the handover PDF or the daily report xlsx exported by a duty manager."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import openpyxl
import pypdf

from hallmanager.domain.dutylog import Absence, FaultStatus
from hallmanager.domain.roles import Role
from tests.conftest import USER_PASSWORD, add_user, login_as

D = dt.date(2026, 11, 22)
PHONE_FORMS = ["13812345678", "+8613812345678", "138.1234.5678", "１３８１２３４５６７８",
               "138 123 4567 8", "0086 138 1234 5678", "+86-138-1234-5678", "138-1234-5678"]
ID_FORMS = ["110101199003071234", "110101 19900307 1234", "ID110101199003071234",
            "１１０１０１１９９００３０７１２３４"]
FORMS = PHONE_FORMS + ID_FORMS
PHONES = "；".join(PHONE_FORMS)
IDS = "；".join(ID_FORMS)
ALL = f"{PHONES}；{IDS}"
# What must never appear, after folding full-width digits and dropping separators: the whole
# phone, the ID's first 16 digits, its birth date.
SECRETS = ("13812345678", "1101011990030712", "19900307")


def _leaks(text: str) -> list[str]:
    flat = re.sub(r"[\s\-.·/+；]", "", unicodedata.normalize("NFKC", text))
    return [s for s in SECRETS if s in flat]


def _plant(hall, clock):
    """A signed early shift with every text field, absence, inspection, checklist skip, fault,
    hand-over item and amendment carrying the numbers in all forms; a late-shift draft too."""
    t1 = add_user(hall, "t1", Role.TELLER, "次仁卓玛", "RK0101")
    t2 = add_user(hall, "t2", Role.TELLER, "扎西", "RK0102")
    add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班", "RK0011")
    login_as(hall, "zhang")
    shifts = {s.name: s for s in hall.settings.shifts()}
    log = hall.dutylog.create_log(D, shifts["早班"].id)
    hall.dutylog.update_draft(
        log.id, weather=PHONE_FORMS[1], customer_flow=312, served_count=287,
        business_notes=ALL, meeting_topics=ALL, opinions=ALL, incidents=ALL,
        next_shift_notes=ALL, staff_on_duty=[t1.id],
        staff_absent=[Absence(t2.id, ID_FORMS[2], ALL[:200]), Absence(t1.id, PHONE_FORMS[6],
                                                                     IDS)])
    for i, insp in enumerate(log.inspections[:3]):
        hall.dutylog.set_inspection(log.id, insp.category, insp.item, False,
                                    [PHONES, IDS, ALL][i])
    hall.dutylog.skip_item(log.checklist[0].id, PHONES)
    hall.dutylog.skip_item(log.checklist[1].id, IDS)
    for what, where, whom in ((PHONES, IDS, PHONES[:100]), (IDS, PHONES[:100], IDS)):
        f = hall.dutylog.report_fault(what=what, location=where[:100], log_id=log.id, note=ALL,
                                      since=dt.datetime(2026, 11, 22, 8, 50))
        hall.dutylog.update_fault(f.id, status=FaultStatus.REPORTED, reported_to=whom)
    hall.dutylog.add_handover_item(log.id, ALL)
    h = hall.dutylog.add_handover_item(log.id, "草稿")
    hall.dutylog.update_handover_item(h.id, IDS)
    clock.set(dt.datetime(2026, 11, 22, 14, 20))
    hall.dutylog.sign(log.id, USER_PASSWORD, confirm_warnings=True)
    for form in FORMS[2:] + FORMS[:1]:  # the weather corrected through every form
        hall.dutylog.amend(log.id, "weather", form, f"客户来电 {form} 更正", USER_PASSWORD)
    hall.dutylog.amend(log.id, "opinions", f"更正：{IDS}", PHONES, USER_PASSWORD)
    clock.set(dt.datetime(2026, 11, 22, 14, 25))
    late = hall.dutylog.create_log(D, shifts["晚班"].id)
    hall.dutylog.update_draft(late.id, opinions=ALL, next_shift_notes=ALL)
    return log


def _xlsx_text(path) -> str:
    wb = openpyxl.load_workbook(path)
    return "\n".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row
                     if c.value is not None)


def _pdf_text(path) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(str(path)).pages)


def test_no_number_in_any_form_reaches_a_print_or_export(hall, clock, tmp_path):
    _plant(hall, clock)
    outputs = {
        "日报.xlsx": _xlsx_text(hall.reports.export_daily(D, tmp_path / "日报.xlsx")),
        "早班.pdf": _pdf_text(hall.reports.print_handover(D, "早班", tmp_path / "早班.pdf")),
        "晚班.pdf": _pdf_text(hall.reports.print_handover(D, "晚班", tmp_path / "晚班.pdf")),
    }
    for name, text in outputs.items():
        assert _leaks(text) == [], name
        # the planted texts did reach the output, masked
        assert "138****5678" in text and "110***********1234" in text, name
    assert outputs["日报.xlsx"].count("138****5678") >= 8 * 10


def test_the_leak_check_itself_finds_each_form():
    for form in FORMS:
        assert _leaks(f"备注 {form} 完") != [], form
