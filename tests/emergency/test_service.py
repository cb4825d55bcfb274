"""Emergency use cases through the real service and database: one-action start, steps with
time and person, notes, paper registrations (masked, entered), finishing rules, plan versions
that leave past runs alone, read-only finished runs (also raw SQL), audit, permissions, the
incident PDF's text, 今日, the handover sheet and the daily report, the history."""

from __future__ import annotations

import datetime as dt
import sqlite3

import openpyxl
import pypdf
import pytest

from hallmanager.domain.emergency.rules import StepDef, StepState
from hallmanager.domain.errors import PermissionDenied, ReadOnlyRecord, ValidationError
from hallmanager.storage.emergency.models import EmergencyRun
from tests.conftest import ADMIN_PASSWORD, last_audit, login_as
from tests.emergency.conftest import plan_id


def all_done(em, run_id: int, clock=None) -> None:
    for s in em.run(run_id).steps:
        if not s.done:
            if clock is not None:
                clock.advance(seconds=45)
            em.check_step(run_id, s.position)


def test_start_check_skip_note_with_time_and_person(em_hall, clock):
    em = em_hall.emergency
    r = em.start_run(plan_id(em_hall, "power_cut"), drill=True)
    assert r.open and r.drill and r.version == 1 and len(r.steps) == 10
    assert r.started_at == clock.now() and r.started_by == "张值班"
    assert last_audit(em_hall).action == "run_start"
    clock.advance(seconds=42)
    r = em.check_step(r.id, 1)
    assert r.steps[0].state == StepState.DONE and r.steps[0].at == clock.now()
    assert r.steps[0].by == "张值班" and last_audit(em_hall).action == "step_check"
    with pytest.raises(ValidationError, match="原因"):
        em.skip_step(r.id, 2, "  ")
    r = em.skip_step(r.id, 2, "白天光线充足")
    assert r.steps[1].state == StepState.SKIPPED and r.steps[1].skip_reason == "白天光线充足"
    with pytest.raises(ValidationError, match="不能再修改"):
        em.check_step(r.id, 2)
    login_as(em_hall, "li")  # the next person at the desk goes on with the same run
    r = em.add_note(r.id, "物业说 10 分钟恢复")
    assert (r.notes[0].by, r.notes[0].text) == ("李值班", "物业说 10 分钟恢复")
    r = em.check_step(r.id, 3)
    assert r.steps[2].by == "李值班"
    assert [x.id for x in em.open_runs()] == [r.id]


def test_paper_registrations_masked_and_finish_refused_while_open(em_hall, clock):
    em = em_hall.emergency
    r = em.start_run(plan_id(em_hall, "system_failure"), drill=False)
    r = em.add_paper(r.id, customer_name="王小明", number="13812345678", business="补卡",
                     amount="1,200.50", contact="0892-8823456")
    p = r.papers[0]
    assert (p.customer_name, p.number, p.amount_fen) == ("王**", "138****5678", 1_200_50)
    assert "13812345678" not in str(last_audit(em_hall).after_json)
    with pytest.raises(ValidationError, match="金额"):
        em.add_paper(r.id, customer_name="李", number="1", business="x", amount="-5")
    full = em.paper(p.id)
    assert full.number == "13812345678" and last_audit(em_hall).action == "unmask"
    all_done(em, r.id, clock)
    with pytest.raises(ValidationError, match="1 条纸质登记未补录"):
        em.finish(r.id, cause="BOSS 故障")
    assert em.run(r.id).open  # nothing changed
    done = em.finish(r.id, cause="BOSS 故障", open_papers_note="客户未带证件，约定明天来厅")
    assert not done.open and done.open_papers_note == "客户未带证件，约定明天来厅"
    with pytest.raises(ReadOnlyRecord):
        em.mark_entered(p.id)
    with pytest.raises(ReadOnlyRecord):
        em.add_note(r.id, "补充")


def test_finish_needs_every_step_and_a_cause_then_is_read_only(em_hall, clock):
    em = em_hall.emergency
    r = em.start_run(plan_id(em_hall, "conflict"), drill=False)
    em.check_step(r.id, 1)
    with pytest.raises(ValidationError, match="第 2、3、4、5 步"):
        em.finish(r.id, cause="客户争吵")
    all_done(em, r.id, clock)
    with pytest.raises(ValidationError, match="原因"):
        em.finish(r.id, cause=" ")
    clock.advance(minutes=3)
    done = em.finish(r.id, cause="排队纠纷", losses="无", follow_up="增加叫号提示")
    assert done.duration_s == 4 * 45 + 180 and done.finished_by == "张值班"
    assert done.duration_text == "6 分 00 秒"
    assert last_audit(em_hall).action == "run_finish"
    assert em.open_runs() == []


def test_finished_run_is_read_only_against_raw_sql(em_hall, clock, db_path):
    em = em_hall.emergency
    r = em.start_run(plan_id(em_hall, "fire"), drill=True)
    all_done(em, r.id)
    em.add_note(r.id, "演练顺利")
    em.finish(r.id, cause="演练")
    con = sqlite3.connect(db_path, isolation_level=None)
    try:
        for sql in ("UPDATE emergency_run SET cause = 'x'",
                    "DELETE FROM emergency_run",
                    "UPDATE emergency_run_step SET state = 'pending'",
                    "DELETE FROM emergency_run_step",
                    "DELETE FROM emergency_run_note",
                    f"INSERT INTO emergency_run_note (run_id, at, by_id, text) VALUES "
                    f"({r.id}, '2026-11-22 10:00:00', 1, 'x')",
                    "UPDATE emergency_plan_step SET title = 'x'",
                    "DELETE FROM emergency_plan_version"):
            with pytest.raises(sqlite3.DatabaseError, match=r"read-only|never changed"):
                con.execute(sql)
        assert em_hall.maintenance.check() == []
        # with the triggers dropped behind the program's back, `check` still sees it
        con.execute("DROP TRIGGER emergency_run_finished_update")
        con.execute("DROP TRIGGER emergency_run_step_finished_update")
        con.execute(f"UPDATE emergency_run SET cause = '改过' WHERE id = {r.id}")
        con.execute(f"UPDATE emergency_run_step SET state = 'skipped' WHERE run_id = {r.id} "
                    "AND position = 1")
    finally:
        con.close()
    problems = em_hall.maintenance.check()
    assert any(f"已结束的应急记录 #{r.id} 的 cause、steps" in p for p in problems), problems
    # an open run is still writable by the program
    other = em.start_run(plan_id(em_hall, "fire"), drill=True)
    with em_hall.db.write() as s:
        s.get(EmergencyRun, other.id).cause = "进行中可以改"


def test_editing_a_plan_makes_a_version_and_leaves_past_runs_alone(em_hall, clock):
    em = em_hall.emergency
    pid = plan_id(em_hall, "power_cut")
    past = em.start_run(pid, drill=True)
    all_done(em, past.id)
    em.finish(past.id, cause="演练")
    before = em.run(past.id)
    login_as(em_hall, "admin", ADMIN_PASSWORD)
    with pytest.raises(PermissionDenied):
        login_as(em_hall, "zhang")
        em.edit_plan(pid, "停电", [StepDef("开灯")], paper_registrations=True)
    login_as(em_hall, "admin", ADMIN_PASSWORD)
    edited = em.edit_plan(pid, "营业厅停电（新）", [StepDef("开启应急照明"),
                                                 StepDef("报告厅经理", "值班经理", "电话")],
                          paper_registrations=True)
    assert edited.version == 2 and [s.title for s in edited.steps] == ["开启应急照明", "报告厅经理"]
    assert last_audit(em_hall).action == "plan_version"
    assert em.run(past.id) == before  # the past run keeps version 1, every step as it was
    assert before.version == 1 and before.plan_name == "营业厅停电" and len(before.steps) == 10
    assert em.plan(pid, 1).steps[0].title == "安抚现场客户并广播说明情况"
    new = em.start_run(pid, drill=True)
    assert new.version == 2 and len(new.steps) == 2
    # unchanged text is not a new version; add, reorder, retire
    assert em.edit_plan(pid, "营业厅停电（新）", [StepDef("开启应急照明"),
                                               StepDef("报告厅经理", "值班经理", "电话")],
                        paper_registrations=True).version == 2
    leak = em.add_plan("漏水", [StepDef("关闭总水阀")])
    assert leak.key.startswith("custom-") and em.plans()[-1].id == leak.id
    order = em.move_plan(leak.id, -1)
    assert [p.id for p in order].index(leak.id) == len(order) - 2
    em.retire_plan(leak.id)
    assert leak.id not in [p.id for p in em.plans()]
    with pytest.raises(ValidationError, match="停用"):
        em.start_run(leak.id, drill=True)
    with pytest.raises(ValidationError, match="同名"):
        em.add_plan("火灾", [StepDef("报警")])


def test_paper_registrations_only_for_outage_plans(em_hall):
    em = em_hall.emergency
    r = em.start_run(plan_id(em_hall, "robbery"), drill=True)
    with pytest.raises(ValidationError, match="不做纸质登记"):
        em.add_paper(r.id, customer_name="张三", number="13800001111", business="缴费")


def test_permissions(em_hall):
    em = em_hall.emergency
    login_as(em_hall, "t1")
    with pytest.raises(PermissionDenied):
        em.start_run(1, drill=True)
    with pytest.raises(PermissionDenied):
        em.plans()
    assert em.open_runs() == [] and em.attention(dt.datetime(2026, 11, 22, 9)) == []
    login_as(em_hall, "zhang")
    with pytest.raises(PermissionDenied):
        em.save_settings(contacts=[("报警", "110")], drill_target=1)
    with pytest.raises(PermissionDenied):
        em.add_plan("x", [StepDef("y")])


def test_contacts_and_drill_target(em_hall, clock):
    em = em_hall.emergency
    assert [c.label for c in em.settings().contacts][:3] == ["报警", "火警", "急救"]
    login_as(em_hall, "admin", ADMIN_PASSWORD)
    s = em.save_settings(contacts=[("报警", "110"), ("", ""), ("物业", "0892-1")],
                         drill_target=2)
    assert [(c.label, c.number) for c in s.contacts] == [("报警", "110"), ("物业", "0892-1")]
    with pytest.raises(ValidationError):
        em.save_settings(contacts=[("", "123")], drill_target=1)
    r = em.start_run(plan_id(em_hall, "fire"), drill=True)
    all_done(em, r.id)
    em.finish(r.id, cause="演练")
    q = em.drills_per_quarter()
    assert q[0].quarter == "2026年第4季度" and (q[0].drills, q[0].target, q[0].met) == (1, 2, False)
    assert q[1].quarter == "2026年第3季度" and q[3].quarter == "2026年第1季度"


def test_incident_pdf_has_every_step_with_its_time(em_hall, clock, tmp_path):
    em = em_hall.emergency
    r = em.start_run(plan_id(em_hall, "power_cut"), drill=False)
    em.add_paper(r.id, customer_name="王小明", number="13812345678", business="缴费",
                 amount="50")
    for s in r.steps:
        clock.advance(seconds=37 + s.position)
        if s.position == 2:
            em.skip_step(r.id, 2, "应急灯已自动亮起")
        else:
            em.check_step(r.id, s.position)
    em.add_note(r.id, "供电公司工单 95598-001")
    em.mark_entered(em.run(r.id).papers[0].id)
    em.finish(r.id, cause="市电检修", losses="无", follow_up="与物业约定提前通知")
    run = em.run(r.id)
    out = em.write_report(r.id, tmp_path / "事件.pdf")
    assert last_audit(em_hall).action == "print"
    text = "".join(p.extract_text() for p in pypdf.PdfReader(out).pages)
    flat = text.replace("\n", "").replace(" ", "")
    for s in run.steps:
        assert s.title.replace(" ", "") in flat
        assert f"{s.at:%Y-%m-%d%H:%M:%S}" in flat, s
    assert "应急灯已自动亮起" in flat and "真实事件" in flat and "第1版" in flat
    assert "王**" in flat and "138****5678" in flat and "王小明" not in flat
    assert "市电检修" in flat and "与物业约定提前通知" in flat and "值班经理签字" in flat
    assert "供电公司工单95598-001" in flat


def test_today_handover_and_daily_report(em_hall, clock, tmp_path):
    em = em_hall.emergency
    real = em.start_run(plan_id(em_hall, "power_cut"), drill=False)
    em.add_paper(real.id, customer_name="王小明", number="13812345678", business="缴费")
    clock.advance(minutes=12)
    items = [i for i in em_hall.today.attention(clock.now()) if i.kind == "emergency_open"]
    assert len(items) == 1 and items[0].severity.value == "overdue"
    assert "营业厅停电" in items[0].title and "12 分 00 秒" in items[0].detail
    assert "1 条纸质登记未补录" in items[0].detail
    assert items[0].target.module == "emergency" and items[0].target.record_id == real.id
    sheet = em_hall.reports.handover_sheet(clock.now().date(), "早班")
    sec = next(s for s in sheet.sections if s.title == "进行中的应急预案")
    assert sec.rows[0][0] == f"#{real.id} 营业厅停电" and sec.rows[0][1] == "真实事件"
    out = em_hall.reports.export_daily(clock.now().date(), tmp_path / "日报.xlsx")
    ws = openpyxl.load_workbook(out)["应急事件"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert any(row[0] == real.id and row[1] == "营业厅停电" for row in values)
