"""Emergency rules: templates, step states, finishing with open paper registrations."""

from __future__ import annotations

import datetime as dt

import pytest

from hallmanager.domain.emergency.rules import (
    DEFAULT_TEMPLATES,
    PaperRegistration,
    StepDef,
    StepState,
    check_finish,
    check_step,
    check_template,
    elapsed_text,
    quarter_of,
)
from hallmanager.domain.errors import ValidationError


def test_default_templates_cover_the_domain_plans():
    names = [t.name for t in DEFAULT_TEMPLATES]
    assert names == ["营业厅停电", "系统故障死机", "火灾", "抢劫/盗窃", "客户冲突、现场吵闹"]
    assert [t.key for t in DEFAULT_TEMPLATES if t.paper_registrations] == \
        ["power_cut", "system_failure"]
    for t in DEFAULT_TEMPLATES:
        assert check_template(t.name, t.steps) == t.steps


def test_template_validation_names_the_row():
    with pytest.raises(ValidationError, match="第 2 步"):
        check_template("停电", [StepDef("开灯"), StepDef("  ")])
    with pytest.raises(ValidationError, match="名称"):
        check_template(" ", [StepDef("开灯")])


def test_steps_are_done_or_skipped_once():
    check_step(StepState.PENDING, StepState.DONE)
    with pytest.raises(ValidationError, match="原因"):
        check_step(StepState.PENDING, StepState.SKIPPED, " ")
    check_step(StepState.PENDING, StepState.SKIPPED, "无应急灯，已用手电")
    with pytest.raises(ValidationError, match="不能再修改"):
        check_step(StepState.DONE, StepState.SKIPPED, "x")


def test_finish_rules():
    done = [StepState.DONE, StepState.SKIPPED]
    with pytest.raises(ValidationError, match="第 2 步"):
        check_finish([StepState.DONE, StepState.PENDING], [], cause="停电")
    papers = [PaperRegistration(1, True), PaperRegistration(2, False)]
    with pytest.raises(ValidationError, match="1 条纸质登记未补录"):
        check_finish(done, papers, cause="市电检修")
    check_finish(done, papers, cause="市电检修", open_papers_note="客户未带证件，约定明日补办")
    with pytest.raises(ValidationError, match="原因"):
        check_finish(done, [], cause="")


def test_elapsed_and_quarter():
    s = dt.datetime(2026, 11, 22, 10, 0)
    assert elapsed_text(s, s + dt.timedelta(minutes=12, seconds=5)) == "12 分 05 秒"
    assert elapsed_text(s, s + dt.timedelta(hours=1, minutes=3)) == "1 小时 03 分"
    assert quarter_of(dt.date(2026, 11, 22)) == "2026年第4季度"
