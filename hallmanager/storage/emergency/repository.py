"""Queries of the emergency module. Orders are part of the contract: plans by their order in
the picker, steps by position, runs by start time (then id), notes and paper registrations
by id (the order they were written)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hallmanager.storage.emergency.models import (
    EmergencyPaper,
    EmergencyPlan,
    EmergencyPlanStep,
    EmergencyPlanVersion,
    EmergencyRun,
    EmergencyRunNote,
    EmergencyRunStep,
    EmergencySettings,
)

SETTINGS_ID = 1


def settings(s: Session) -> EmergencySettings | None:
    return s.get(EmergencySettings, SETTINGS_ID)


def plan_count(s: Session) -> int:
    return int(s.scalar(select(func.count()).select_from(EmergencyPlan)) or 0)


def plans(s: Session, *, include_retired: bool = False) -> list[EmergencyPlan]:
    q = select(EmergencyPlan)
    if not include_retired:
        q = q.where(EmergencyPlan.retired.is_(False))
    return list(s.scalars(q.order_by(EmergencyPlan.sort_order, EmergencyPlan.id)))


def plan(s: Session, plan_id: int) -> EmergencyPlan | None:
    return s.get(EmergencyPlan, plan_id)


def plan_by_key(s: Session, key: str) -> EmergencyPlan | None:
    return s.scalar(select(EmergencyPlan).where(EmergencyPlan.key == key))


def version(s: Session, plan_id: int, number: int) -> EmergencyPlanVersion | None:
    return s.scalar(select(EmergencyPlanVersion).where(
        EmergencyPlanVersion.plan_id == plan_id, EmergencyPlanVersion.version == number))


def version_by_id(s: Session, version_id: int) -> EmergencyPlanVersion | None:
    return s.get(EmergencyPlanVersion, version_id)


def versions(s: Session, version_ids: Sequence[int]) -> dict[int, EmergencyPlanVersion]:
    if not version_ids:
        return {}
    return {v.id: v for v in s.scalars(select(EmergencyPlanVersion).where(
        EmergencyPlanVersion.id.in_(list(set(version_ids)))))}


def plan_steps(s: Session, version_id: int) -> list[EmergencyPlanStep]:
    return list(s.scalars(select(EmergencyPlanStep).where(
        EmergencyPlanStep.version_id == version_id).order_by(EmergencyPlanStep.position)))


def run(s: Session, run_id: int) -> EmergencyRun | None:
    return s.get(EmergencyRun, run_id)


def open_runs(s: Session) -> list[EmergencyRun]:
    return list(s.scalars(select(EmergencyRun).where(EmergencyRun.finished_at.is_(None))
                          .order_by(EmergencyRun.started_at, EmergencyRun.id)))


def runs_between(s: Session, start: dt.datetime, end: dt.datetime, *, drill: bool | None = None,
                 plan_id: int | None = None) -> list[EmergencyRun]:
    """Runs started in [start, end), by start time."""
    q = select(EmergencyRun).where(EmergencyRun.started_at >= start,
                                   EmergencyRun.started_at < end)
    if drill is not None:
        q = q.where(EmergencyRun.drill.is_(drill))
    if plan_id is not None:
        q = q.where(EmergencyRun.plan_id == plan_id)
    return list(s.scalars(q.order_by(EmergencyRun.started_at, EmergencyRun.id)))


def runs_touching(s: Session, start: dt.datetime, end: dt.datetime) -> list[EmergencyRun]:
    """Runs that were open at some moment of [start, end): started before its end and not
    finished before its start (the day's runs for the daily report)."""
    return list(s.scalars(select(EmergencyRun).where(
        EmergencyRun.started_at < end,
        (EmergencyRun.finished_at.is_(None)) | (EmergencyRun.finished_at >= start))
        .order_by(EmergencyRun.started_at, EmergencyRun.id)))


def run_steps(s: Session, run_ids: Sequence[int]) -> dict[int, list[EmergencyRunStep]]:
    out: dict[int, list[EmergencyRunStep]] = {i: [] for i in run_ids}
    if run_ids:
        for r in s.scalars(select(EmergencyRunStep).where(EmergencyRunStep.run_id.in_(
                list(run_ids))).order_by(EmergencyRunStep.run_id, EmergencyRunStep.position)):
            out[r.run_id].append(r)
    return out


def run_step(s: Session, run_id: int, position: int) -> EmergencyRunStep | None:
    return s.scalar(select(EmergencyRunStep).where(EmergencyRunStep.run_id == run_id,
                                                   EmergencyRunStep.position == position))


def notes(s: Session, run_ids: Sequence[int]) -> dict[int, list[EmergencyRunNote]]:
    out: dict[int, list[EmergencyRunNote]] = {i: [] for i in run_ids}
    if run_ids:
        for r in s.scalars(select(EmergencyRunNote).where(EmergencyRunNote.run_id.in_(
                list(run_ids))).order_by(EmergencyRunNote.id)):
            out[r.run_id].append(r)
    return out


def papers(s: Session, run_ids: Sequence[int]) -> dict[int, list[EmergencyPaper]]:
    out: dict[int, list[EmergencyPaper]] = {i: [] for i in run_ids}
    if run_ids:
        for r in s.scalars(select(EmergencyPaper).where(EmergencyPaper.run_id.in_(
                list(run_ids))).order_by(EmergencyPaper.id)):
            out[r.run_id].append(r)
    return out


def paper(s: Session, paper_id: int) -> EmergencyPaper | None:
    return s.get(EmergencyPaper, paper_id)


def max_sort_order(s: Session) -> int:
    return int(s.scalar(select(func.coalesce(func.max(EmergencyPlan.sort_order), 0))) or 0)


def user_names(s: Session, ids: Sequence[int]) -> dict[int, str]:
    """Full names of the people who started, ticked, noted and registered."""
    from hallmanager.storage.models import User

    if not ids:
        return {}
    return {u.id: u.full_name for u in s.scalars(select(User).where(User.id.in_(list(ids))))}
