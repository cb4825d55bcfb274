"""ReportService over a real duty log: content, permissions, audit, providers, errors."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pypdf
import pytest

from hallmanager.domain.dutylog import Absence
from hallmanager.domain.errors import NotFound, PermissionDenied
from hallmanager.domain.roles import Role
from hallmanager.exporters.atomic import OutputExists
from hallmanager.exporters.data import Column, ColumnKind, ReportSheet, TableSection
from tests.conftest import ADMIN_PASSWORD, USER_PASSWORD, add_user, last_audit, login_as

D = dt.date(2026, 11, 22)
NOTE = "下午三点后预计有团购客户办理携号转网，请提前安排两个窗口分流"


def build_day(hall, clock):
    """A realistic early shift by 张值班 (signed) and a late shift by 李值班 (draft)."""
    add_user(hall, "li", Role.DUTY_MANAGER, "李值班", "RK0012")
    t1 = add_user(hall, "t1", Role.TELLER, "次仁卓玛", "RK0101")
    t2 = add_user(hall, "t2", Role.TELLER, "扎西", "RK0102")
    add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班", "RK0011")
    add_user(hall, "teller", Role.TELLER, "王营业", "RK0103")
    login_as(hall, "zhang")
    shifts = {s.name: s for s in hall.settings.shifts()}
    log = hall.dutylog.create_log(D, shifts["早班"].id)
    hall.dutylog.update_draft(
        log.id, weather="晴", customer_flow=312, served_count=287, staff_on_duty=[t1.id],
        staff_absent=[Absence(t2.id, "病假", "发烧")], meeting_start="08:15",
        meeting_minutes=12, meeting_topics="宽带提速政策统一口径",
        opinions="=HYPERLINK(\"http://x\",\"点我\")", next_shift_notes=NOTE)
    first, second = log.checklist[0], log.checklist[1]
    hall.dutylog.check_item(first.id, at=dt.datetime(2026, 11, 22, 7, 55))
    hall.dutylog.check_item(second.id, at=dt.datetime(2026, 11, 22, 8, 40))  # late
    hall.dutylog.skip_item(log.checklist[2].id, "排队机厂家维护中")
    insp = log.inspections[0]
    hall.dutylog.set_inspection(log.id, insp.category, insp.item, False, "地面有水渍")
    hall.dutylog.report_fault(what="2号叫号机无法出票", location="大厅", log_id=log.id,
                              since=dt.datetime(2026, 11, 22, 8, 50))
    hall.dutylog.add_handover_item(log.id, "保险柜钥匙两把已交接，请核对")
    clock.set(dt.datetime(2026, 11, 22, 14, 20))
    hall.dutylog.sign(log.id, USER_PASSWORD, confirm_warnings=True)
    login_as(hall, "li")
    clock.set(dt.datetime(2026, 11, 22, 14, 25))
    late = hall.dutylog.create_log(D, shifts["晚班"].id)
    item = hall.dutylog.get_log(late.id).handover_in[0]
    hall.dutylog.acknowledge_handover(item.id, late.id)
    login_as(hall, "zhang")
    clock.set(dt.datetime(2026, 11, 22, 14, 30))
    return log


@pytest.fixture
def db(built_day_db):
    """Every test here starts from ``build_day``'s day: a copy of the session's
    ``day_template`` (tests/conftest.py) instead of building it again per test."""
    return built_day_db


def day_built(hall):
    """Where ``build_day(hall, clock)`` leaves a test (the day is already in the copied
    file): 张值班 at the desk; the early shift's log."""
    login_as(hall, "zhang")
    return hall.dutylog.get_log_by(D, "早班")



def test_handover_sheet_content(hall, clock):
    day_built(hall)
    sheet = hall.reports.handover_sheet(D, "早班")
    assert sheet.hall_name == "拉萨北京路营业厅" and sheet.shift_time == "08:30–14:30"
    assert sheet.outgoing == "张值班" and sheet.incoming == "李值班"
    assert sheet.status.startswith("已签字") and "14:20" in sheet.status
    titles = [s.title for s in sheet.sections]
    assert titles[:2] == ["当班概况", "值班工作流程检查"]  # the people are in the overview
    people = dict(sheet.sections[0].items)
    assert people["在岗（1人）"] == "次仁卓玛" and people["缺勤（1人）"].startswith("扎西（病假")
    assert "值班工作流程检查" in titles and "设备故障" in titles
    checklist = next(s for s in sheet.sections if s.title == "值班工作流程检查")
    # the paper lists only what was not done on time (item 1 was), the counts cover all
    states = [r[3] for r in checklist.rows]
    assert [r[0] for r in checklist.rows[:2]] == ["2", "3"]
    assert states[:2] == ["延迟完成", "已跳过"]
    assert states[2:] and all(s.startswith("未完成") for s in states[2:])
    assert "排队机厂家维护中" in checklist.rows[1][5]
    assert checklist.note.startswith(f"共 {len(checklist.rows) + 1} 项：按时完成 1，延迟完成 1，已跳过 1")
    handover = next(s for s in sheet.sections if s.title.startswith("交接事项"))
    assert handover.rows[0][1] == "保险柜钥匙两把已交接，请核对"
    assert handover.rows[0][2].startswith("已确认 李值班")
    assert sheet.sections[-1].title in ("交下一班注意事项", "签字后更正记录")


def test_print_handover_pdf_and_audit(hall, clock, tmp_path):
    day_built(hall)
    out = hall.reports.print_handover(D, "早班", tmp_path / "交接班表.pdf")
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(str(out)).pages)
    flat = text.replace("\n", "")
    for expected in ("交接班表", "拉萨北京路营业厅", "早班", "张值班", "李值班", "次仁卓玛",
                     "扎西（病假，发烧）", "2号叫号机无法出票", "延迟完成", "已跳过",
                     "交班人（签字）", "接班人（签字）", "地面有水渍", "第 1 页 / 共"):
        assert expected in text or expected in flat, expected
    assert NOTE in flat
    entry = last_audit(hall)
    assert entry.action == "print" and entry.entity == "handover_sheet"
    after = json.loads(entry.after_json)
    assert after["file"] == str(out) and after["via"] == "desk" and after["shift"] == "早班"
    assert entry.username == "zhang"
    with pytest.raises(OutputExists):
        hall.reports.print_handover(D, "早班", out)
    assert last_audit(hall).id == entry.id  # a refused print is not audited


def test_export_daily_workbook_and_audit(hall, clock, tmp_path):
    day_built(hall)
    out = hall.reports.export_daily(D, tmp_path / "营业日报.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["值班日志汇总", "值班记录", "工作流程检查", "设备故障", "交接事项"]
    ws = wb["值班日志汇总"]
    # printed as a form: one row per figure (label in column A), one column per shift
    figures = {r[0]: r[1:] for r in ws.iter_rows(min_row=2, values_only=True)}
    headers = list(figures)
    for h in ("班次", "值班经理", "天气", "客流量", "办理业务人数", "在岗人数", "缺勤人数",
              "检查项已完成", "延迟完成", "已跳过", "未完成", "未修复故障", "交接事项",
              "晨会", "签字人", "签字时间", "交下一班注意事项"):
        assert h in headers, h
    col = {h: h for h in headers}
    early, late = ({h: v[k] for h, v in figures.items()} for k in (0, 1))
    assert early[col["班次"]] == "早班" and late[col["班次"]] == "晚班"
    assert early[col["值班经理"]] == "张值班" and early[col["客流量"]] == 312
    assert early[col["在岗人数"]] == 1 and early[col["缺勤人数"]] == 1
    assert (early[col["检查项已完成"]], early[col["延迟完成"]], early[col["已跳过"]]) == (1, 1, 1)
    assert early[col["未修复故障"]] == 1 and early[col["交接事项"]] == 1
    assert early[col["签字时间"]] == dt.datetime(2026, 11, 22, 14, 20)
    assert early[col["交下一班注意事项"]] == NOTE
    texts = {(r[0].value, r[2].value): r[3] for r in wb["值班记录"].iter_rows(min_row=3)}
    opinions = texts[("早班", "客户意见和建议")]
    assert opinions.value.startswith("=HYPERLINK") and opinions.data_type == "s"
    assert texts[("早班", "缺勤人员")].value == "扎西（病假，发烧）"
    assert "宽带提速政策统一口径" in texts[("早班", "晨会")].value
    assert ws.freeze_panes == "B3" and ws.page_setup.paperSize == 9  # labels and shifts stay
    assert wb["设备故障"]["A3"].value == "2号叫号机无法出票"
    entry = last_audit(hall)
    assert entry.action == "export" and entry.entity == "daily_report"
    assert entry.entity_id == "2026-11-22"
    assert json.loads(entry.after_json)["sheets"] == wb.sheetnames


def test_unknown_shift_and_a_shift_without_log(hall, clock, tmp_path):
    day_built(hall)
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(NotFound) as e:
        hall.reports.handover_sheet(D, "夜班")
    assert "夜班" in e.value.message and "早班" in e.value.message and "晚班" in e.value.message
    with pytest.raises(NotFound, match="没有任何记录"):
        hall.reports.export_daily(D - dt.timedelta(days=1), tmp_path / "x.xlsx")
    assert list(tmp_path.iterdir()) == []
    # a handover sheet prints for a shift without a duty log (other modules fill it)
    out = hall.reports.print_handover(D + dt.timedelta(days=1), "早班", tmp_path / "x.pdf")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(out).pages)
    assert "本班没有值班日志" in text


def test_permissions(hall, clock, tmp_path):
    day_built(hall)
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    login_as(hall, "teller")
    with pytest.raises(PermissionDenied):
        hall.reports.export_daily(D, tmp_path / "a.xlsx")
    with pytest.raises(PermissionDenied):
        hall.reports.print_handover(D, "早班", tmp_path / "a.pdf")
    assert list(tmp_path.iterdir()) == []


def test_modules_plug_in_sheets_and_sections(hall, clock, tmp_path):
    """Cash/complaints add content by registering providers: no layout code changes."""
    day_built(hall)
    cash_rows = (("次仁卓玛", 1234_56, 1234_50, -6),)

    def cash_sheet(scope):
        yield ReportSheet("现金交接", "现金交接汇总",
                          (Column("营业员"), Column("系统应收", ColumnKind.MONEY),
                           Column("实收", ColumnKind.MONEY), Column("长短款", ColumnKind.MONEY)),
                          cash_rows)

    def cash_section(scope):
        yield TableSection("现金交接汇总", ("营业员", "系统应收", "实收", "长短款"),
                           (("次仁卓玛", "1,234.56", "1,234.50", "-0.06"),))

    def complaints_section(scope):
        return ()  # nothing open: nothing printed

    hall.reports.register_sheet("cash", cash_sheet, order=60)
    hall.reports.register_handover_section("cash", cash_section, order=60)
    hall.reports.register_handover_section("complaints", complaints_section, order=70)
    titles = [s.title for s in hall.reports.handover_sheet(D, "早班").sections]
    assert titles.index("现金交接汇总") > titles.index("设备故障")
    assert titles.index("现金交接汇总") < titles.index("交下一班注意事项")
    out = hall.reports.export_daily(D, tmp_path / "r.xlsx")
    ws = openpyxl.load_workbook(out)["现金交接"]
    assert ws["B3"].number_format == "#,##0.00" and str(ws["D3"].value) == "-0.06"


def test_amended_log_prints_effective_values_and_the_correction(hall, clock, tmp_path):
    log = day_built(hall)
    hall.dutylog.amend(log.id, "customer_flow", 300, "客流统计录入错误", USER_PASSWORD)
    sheet = hall.reports.handover_sheet(D, "早班")
    overview = dict(sheet.sections[0].items)
    assert overview["客流量"] == "300 人"
    fix = next(s for s in sheet.sections if s.title == "签字后更正记录")
    assert fix.rows[0][:4] == ("客流量", "312", "300", "客流统计录入错误")
    out = hall.reports.export_daily(D, tmp_path / "r.xlsx")
    ws = openpyxl.load_workbook(out)["值班日志汇总"]
    figures = {r[0]: r[1:] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert figures["班次"][0] == "早班"
    assert figures["客流量"][0] == 300 and figures["更正次数"][0] == 1


PHONE, ID_NO = "13812345678", "110101199003071234"


def _customer_day(hall, clock):
    """build_day, plus a customer's phone and ID number typed into the late shift's log."""
    day_built(hall)
    login_as(hall, "li")
    late = hall.dutylog.get_log_by(D, "晚班")
    hall.dutylog.update_draft(
        late.id, opinions=f"客户王先生（{PHONE}）反映等候太久", incidents=f"身份证 {ID_NO} 遗失在柜台")
    return late


def _xlsx_text(path) -> str:
    wb = openpyxl.load_workbook(path)
    return "\n".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row
                     if c.value is not None)


def _pdf_text(path) -> str:
    return "".join(p.extract_text() for p in pypdf.PdfReader(str(path)).pages).replace("\n", "")


def test_prints_and_exports_mask_phone_and_id_numbers_by_default(hall, clock, tmp_path):
    _customer_day(hall, clock)  # li, a duty manager, may export but not unmask
    xlsx = hall.reports.export_daily(D, tmp_path / "日报.xlsx")
    pdf = hall.reports.print_handover(D, "晚班", tmp_path / "交接.pdf")
    for text in (_xlsx_text(xlsx), _pdf_text(pdf)):
        assert "138****5678" in text and "110***********1234" in text
        assert PHONE not in text and ID_NO not in text
        assert "客户王先生" in text  # names in free text are not recognisable; left as written
    assert json.loads(last_audit(hall).after_json)["unmasked"] is False
    with pytest.raises(PermissionDenied):
        hall.reports.export_daily(D, tmp_path / "full.xlsx", unmasked=True)
    assert not (tmp_path / "full.xlsx").exists()


def test_hall_manager_may_unmask_and_it_is_audited(hall, clock, tmp_path):
    _customer_day(hall, clock)
    login_as(hall, "admin", ADMIN_PASSWORD)
    before = last_audit(hall).id
    xlsx = hall.reports.export_daily(D, tmp_path / "日报.xlsx", unmasked=True)
    pdf = hall.reports.print_handover(D, "晚班", tmp_path / "交接.pdf", unmasked=True)
    for text in (_xlsx_text(xlsx), _pdf_text(pdf)):
        assert PHONE in text and ID_NO in text
    entries = [e for e in hall.audit.entries() if e.id > before]
    assert sorted(e.action for e in entries) == ["export", "print", "unmask", "unmask"]
    unmask = [e for e in entries if e.action == "unmask"]
    assert {e.after["purpose"] for e in unmask} == {"export", "print"}
    assert {e.after["file"] for e in unmask} == {str(xlsx), str(pdf)}
    assert all(e.username == "admin" for e in entries)
