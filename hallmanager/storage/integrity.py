"""Do the records still say what the audit log says they last became? (``hallmanager check``)

The hash chain protects the audit log itself; these checks extend that protection to the
records the audit log describes. A signed duty log, its amendments, the hand-over items and
the user table may only change through the program, and the program audits every change
with the new values; so replaying the audit entries gives what each row must hold now. A row
changed with raw SQL (a signed log's text, an item's acknowledgement, a teller's role turned
into 厅经理) no longer agrees with its replay.

Queries name the tables, not the ORM classes, so they read the schema as it is on disk.
Problem lines carry ids and field names only: no personal data reaches the output.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, String, Text, column, select, table, text
from sqlalchemy.orm import Session

from hallmanager.domain import dutylog as dl
from hallmanager.domain.audit_chain import canonical_json

_audit = table("audit_entry", column("id", Integer), column("user_id", Integer),
               column("action", String), column("entity", String), column("entity_id", String),
               column("after_json", Text))
_user = table("user", column("id", Integer), column("username", String),
              column("full_name", String), column("staff_no", String), column("role", String),
              column("active", Boolean))
_JSON_COLUMNS = {"staff_on_duty": "staff_on_duty_json", "staff_absent": "staff_absent_json",
                 "meeting_attendees": "meeting_attendees_json"}
_duty_log = table("duty_log", column("id", Integer), column("status", String),
                  column("signed_at", DateTime), column("signed_by", Integer),
                  *(column(_JSON_COLUMNS.get(f, f)) for f in sorted(dl.DRAFT_FIELDS)))
_amendment = table("duty_log_amendment", column("id", Integer), column("log_id", Integer),
                   column("field", String), column("new_value_json", Text),
                   column("reason", String), column("created_by", Integer))
_handover = table("handover_item", column("id", Integer), column("from_log_id", Integer),
                  column("text", String), column("target_date", Date),
                  column("ack_at", DateTime), column("ack_by", Integer),
                  column("ack_log_id", Integer))

USER_FIELDS = ("username", "full_name", "staff_no", "role", "active")
_USER_LABELS = {"username": "登录名", "full_name": "姓名", "staff_no": "工号", "role": "角色",
                "active": "启用状态"}


def _entries(s: Session, entity: str) -> Iterable[tuple[int, int | None, str, str, dict]]:
    """(entry id, user id, action, entity id, after) of one entity, oldest first."""
    rows = s.execute(select(_audit.c.id, _audit.c.user_id, _audit.c.action,
                            _audit.c.entity_id, _audit.c.after_json)
                     .where(_audit.c.entity == entity).order_by(_audit.c.id))
    for part in rows.partitions(1000):  # fetchmany: a row at a time cost a third of the time
        for eid, uid, action, entity_id, after in part:
            try:
                data = json.loads(after) if after else {}
            except ValueError:
                data = {}
            yield eid, uid, action, entity_id or "", data if isinstance(data, dict) else {}


def _tables(s: Session) -> set[str]:
    from sqlalchemy import inspect

    return set(inspect(s.connection()).get_table_names())


# Types whose canonical JSON is equal exactly when two values of the same type are equal
# (not floats: 0.0 == -0.0, but their JSON differs; not int against bool: 1 == True).
_PLAIN = frozenset({int, str, bool, type(None)})


def _same(a: Any, b: Any) -> bool:
    """Equal as the audit log recorded them: their canonical JSON is the same. Plain values,
    and dicts with text keys and lists made of them, are compared directly, with exactly
    that result, without writing JSON (the 5-year check compares ~170k values)."""
    t = type(a)
    if t is type(b):
        if t in _PLAIN:
            return a == b
        if t is dict and all(type(k) is str for k in a) and all(type(k) is str for k in b):
            return a.keys() == b.keys() and all(_same(v, b[k]) for k, v in a.items())
        if t is list:
            return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return canonical_json(a) == canonical_json(b)


def _when(value: Any) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None


# --- users --------------------------------------------------------------------------------------


def user_problems(s: Session) -> list[str]:
    """Each account equals the last audited state of it (create/enable/disable record the
    whole public row: login name, name, staff number, role, active)."""
    last: dict[str, dict] = {}
    for _eid, _uid, _action, entity_id, after in _entries(s, "user"):
        if "role" in after and "username" in after:
            last[entity_id] = after
    problems: list[str] = []
    for row in s.execute(select(*(_user.c[f] for f in ("id", *USER_FIELDS))).order_by(_user.c.id)):
        state = last.get(str(row.id))
        if state is None:
            problems.append(f"用户 #{row.id} 在审计日志中没有创建记录（账号是绕过程序加入的）")
            continue
        changed = [_USER_LABELS[f] for f in USER_FIELDS if not _same(getattr(row, f), state.get(f))]
        if changed:
            problems.append(f"用户 #{row.id} 的{'、'.join(changed)}与审计日志记录的不一致"
                            f"（被绕过程序修改）")
    return problems


# --- signed duty logs and their amendments -----------------------------------------------------


def _log_content(row: Any) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in dl.DRAFT_FIELDS:
        col = _JSON_COLUMNS.get(name)
        if col:
            try:
                data[name] = json.loads(getattr(row, col) or "[]")
            except ValueError:
                data[name] = getattr(row, col)
        else:
            data[name] = getattr(row, name)
    try:
        return dl.fields_from_dict(data).as_dict()
    except (TypeError, ValueError, KeyError):
        return data


def duty_log_problems(s: Session) -> list[str]:
    """A signed log is read-only: it must still hold what was signed (content, signer, time),
    and every amendment row must match its ``amend`` entry (and none may be missing)."""
    signs: dict[str, tuple[int, int | None, dict]] = {}
    amends: dict[str, tuple[int, int | None, str, dict]] = {}
    for eid, uid, action, entity_id, after in _entries(s, "duty_log"):
        if action == "sign":
            signs[entity_id] = (eid, uid, after)
        elif action == "amend" and "amendment_id" in after:
            amends[str(after["amendment_id"])] = (eid, uid, entity_id, after)
    problems: list[str] = []
    for row in s.execute(select(_duty_log).order_by(_duty_log.c.id)).all():
        sign = signs.get(str(row.id))
        if sign is None:
            if row.status == "signed":
                problems.append(f"值班日志 #{row.id} 标为已签字，但审计日志中没有它的签字记录")
            continue
        eid, uid, after = sign
        if row.status != "signed":
            problems.append(f"值班日志 #{row.id} 已于审计记录 #{eid} 签字，现在却不是已签字状态"
                            f"（被改回草稿）")
            continue
        if row.signed_by != uid or row.signed_at != _when(after.get("signed_at")):
            problems.append(f"值班日志 #{row.id} 的签字人或签字时间与审计记录 #{eid} 不一致")
        signed = after.get("content") or {}
        now = _log_content(row)
        changed = [dl.FIELD_LABELS.get(f, f) for f in sorted(dl.DRAFT_FIELDS)
                   if not _same(now.get(f), signed.get(f))]
        if changed:
            problems.append(f"已签字的值班日志 #{row.id} 的{'、'.join(changed)}与签字时"
                            f"（审计记录 #{eid}）不一致：签字后被绕过程序修改")
    if "duty_log_amendment" in _tables(s):
        seen: set[str] = set()
        for a in s.execute(select(_amendment).order_by(_amendment.c.id)):
            seen.add(str(a.id))
            entry = amends.get(str(a.id))
            if entry is None:
                problems.append(f"更正记录 #{a.id} 在审计日志中没有对应的更正记录")
                continue
            eid, uid, log_id, after = entry
            try:
                new_value = json.loads(a.new_value_json)
            except ValueError:
                new_value = a.new_value_json
            if (str(a.log_id) != log_id or a.created_by != uid or a.field not in after
                    or not _same(new_value, after.get(a.field))
                    or a.reason != after.get("reason")):
                problems.append(f"更正记录 #{a.id} 与审计记录 #{eid} 不一致（被绕过程序修改）")
        for aid, (eid, *_rest) in amends.items():
            if aid not in seen:
                problems.append(f"更正记录 #{aid}（审计记录 #{eid}）已被删除")
    return problems


# --- hand-over items ---------------------------------------------------------------------------


def handover_problems(s: Session) -> list[str]:
    """Each hand-over item equals its replayed history (create → update … → acknowledge),
    and an item the audit log never saw deleted still exists."""
    state: dict[str, dict[str, Any]] = {}
    for _eid, _uid, action, entity_id, after in _entries(s, "handover_item"):
        if action == "create":
            state[entity_id] = {"from_log_id": after.get("from_log_id"), "text": after.get("text"),
                                "target_date": after.get("target_date"), "ack_at": None,
                                "ack_by": None, "ack_log_id": None}
        elif entity_id in state and action == "update" and "text" in after:
            state[entity_id]["text"] = after["text"]
        elif entity_id in state and action == "acknowledge":
            state[entity_id].update(ack_at=after.get("ack_at"), ack_by=after.get("ack_by"),
                                    ack_log_id=after.get("ack_log_id"))
        elif action == "delete":
            state.pop(entity_id, None)
    problems: list[str] = []
    for row in s.execute(select(_handover).order_by(_handover.c.id)):
        st = state.pop(str(row.id), None)
        if st is None:
            problems.append(f"交接事项 #{row.id} 在审计日志中没有创建记录（绕过程序加入）")
            continue
        changed = []
        if row.text != st["text"]:
            changed.append("内容")
        if row.from_log_id != st["from_log_id"] or (
                row.target_date.isoformat() if row.target_date else None) != st["target_date"]:
            changed.append("来源或交给的班次")
        if (row.ack_at != _when(st["ack_at"]) or row.ack_by != st["ack_by"]
                or row.ack_log_id != st["ack_log_id"]):
            changed.append("确认接收")
        if changed:
            problems.append(f"交接事项 #{row.id} 的{'、'.join(changed)}与审计日志记录的不一致"
                            f"（被绕过程序修改）")
    for item_id in state:
        problems.append(f"交接事项 #{item_id} 已被删除，但审计日志中没有删除记录")
    return problems


# --- confirmed till counts (现金交接) ------------------------------------------------------------

_till = table("till_count", column("id", Integer), column("state", String),
              *(column(f, Integer) for f in ("teller_id", "receiver_id", "float_fen",
                                             "receivable_fen", "cash_fen", "difference_fen",
                                             "reversal_of")),
              column("reason_code", String), column("note", String))
_till_line = table("till_count_line", column("count_id", Integer),
                   column("denomination", String), column("pieces", Integer))
_till_non_cash = table("till_non_cash", column("count_id", Integer), column("method", String),
                       column("amount_fen", Integer))
_TILL_FIELDS = ("teller_id", "receiver_id", "float_fen", "receivable_fen", "cash_fen",
                "difference_fen", "reason_code", "note", "reversal_of")


def till_count_problems(s: Session) -> list[str]:
    """A till count confirmed by both sides must still hold what was confirmed (figures,
    lines, non-cash, reason, people, as the ``confirm`` entry recorded), be reversed only by
    an audited reversal, and never disappear."""
    confirms: dict[str, tuple[int, dict]] = {}
    reversals: set[str] = set()
    for eid, _uid, action, entity_id, after in _entries(s, "till_count"):
        if action == "confirm":
            confirms[entity_id] = (eid, after)
        elif action == "confirm_many":  # the demo's bulk tills: {"counts": {id: after}}
            for cid, one in (after.get("counts") or {}).items():
                if isinstance(one, dict):
                    confirms[str(cid)] = (eid, one)
        elif action == "reverse":
            reversals.add(entity_id)
    lines: dict[int, dict[str, int]] = {}
    for cid, key, pieces in s.execute(select(_till_line)).all():
        lines.setdefault(cid, {})[key] = pieces
    non_cash: dict[int, dict[str, int]] = {}
    for cid, method, fen in s.execute(select(_till_non_cash)).all():
        non_cash.setdefault(cid, {})[method] = fen
    problems: list[str] = []
    seen: set[str] = set()
    for row in s.execute(select(_till).order_by(_till.c.id)).all():
        key = str(row.id)
        seen.add(key)
        entry = confirms.get(key)
        if entry is None:
            if row.state in ("confirmed", "reversed"):
                problems.append(f"款箱清点 #{row.id} 标为已确认，但审计日志中没有双方确认的记录")
            continue
        eid, after = entry
        if row.state not in ("confirmed", "reversed"):
            problems.append(f"款箱清点 #{row.id} 已于审计记录 #{eid} 双方确认，现在却不是已确认"
                            f"状态（被绕过程序改回）")
            continue
        if (row.state == "reversed") != (key in reversals):
            problems.append(f"款箱清点 #{row.id} 的冲正状态与审计日志不一致（被绕过程序修改）")
        changed = [f for f in _TILL_FIELDS if not _same(getattr(row, f), after.get(f))]
        if not _same(lines.get(row.id, {}), after.get("lines") or {}):
            changed.append("lines")
        if not _same(non_cash.get(row.id, {}), after.get("non_cash") or {}):
            changed.append("non_cash")
        if changed:
            problems.append(f"已确认的款箱清点 #{row.id} 的 {'、'.join(changed)} 与确认时（审计记录"
                            f" #{eid}）不一致：确认后被绕过程序修改")
    for key, (eid, _after) in confirms.items():
        if key not in seen:
            problems.append(f"已确认的款箱清点 #{key}（审计记录 #{eid}）已被删除")
    return problems


# --- finished emergency runs (应急预案) ---------------------------------------------------------

_run = table("emergency_run", column("id", Integer), column("finished_at", DateTime),
             column("cause", String), column("duration_s", Integer), column("losses", String),
             column("follow_up", String), column("open_papers_note", String))
_run_step = table("emergency_run_step", column("run_id", Integer), column("position", Integer),
                  column("state", String))
_RUN_FIELDS = ("cause", "duration_s", "losses", "follow_up", "open_papers_note")


def emergency_run_problems(s: Session) -> list[str]:
    """A finished emergency run must still hold what its ``run_finish`` entry recorded (the
    summary and every step's outcome), and never disappear."""
    finishes: dict[str, tuple[int, dict]] = {}
    for eid, _uid, action, entity_id, after in _entries(s, "emergency_run"):
        if action == "run_finish":
            finishes[entity_id] = (eid, after)
    steps: dict[int, dict[str, str]] = {}
    for run_id, position, state in s.execute(select(_run_step)):
        steps.setdefault(run_id, {})[str(position)] = state
    problems: list[str] = []
    seen: set[str] = set()
    for row in s.execute(select(_run).order_by(_run.c.id)):
        key = str(row.id)
        seen.add(key)
        entry = finishes.get(key)
        if entry is None:
            if row.finished_at is not None:
                problems.append(f"应急记录 #{row.id} 标为已结束，但审计日志中没有结束记录")
            continue
        eid, after = entry
        if row.finished_at is None or row.finished_at != _when(after.get("finished_at")):
            problems.append(f"应急记录 #{row.id} 的结束时间与审计记录 #{eid} 不一致"
                            f"（被绕过程序修改）")
            continue
        changed = [f for f in _RUN_FIELDS if not _same(getattr(row, f), after.get(f))]
        if not _same(steps.get(row.id, {}), after.get("steps") or {}):
            changed.append("steps")
        if changed:
            problems.append(f"已结束的应急记录 #{row.id} 的 {'、'.join(changed)} 与结束时（审计记录"
                            f" #{eid}）不一致：结束后被绕过程序修改")
    for key, (eid, _after) in finishes.items():
        if key not in seen:
            problems.append(f"已结束的应急记录 #{key}（审计记录 #{eid}）已被删除")
    return problems


def record_problems(s: Session) -> list[str]:
    """Users, signed duty logs with amendments, hand-over items, confirmed till counts,
    finished emergency runs (the tables that exist)."""
    tables = _tables(s)
    problems = user_problems(s) if "user" in tables else []
    if "duty_log" in tables:
        problems += duty_log_problems(s)
    if "handover_item" in tables:
        problems += handover_problems(s)
    if {"till_count", "till_count_line", "till_non_cash"} <= tables:
        problems += till_count_problems(s)
    if {"emergency_run", "emergency_run_step"} <= tables:
        problems += emergency_run_problems(s)
    return problems


# --- the audit log's append-only triggers -------------------------------------------------------


def audit_trigger_problems(s: Session) -> list[str]:
    """The database must still refuse UPDATE and DELETE on the audit log (SQLite triggers;
    on PostgreSQL an enabled BEFORE UPDATE OR DELETE trigger whose function raises)."""
    conn = s.connection()
    missing: list[str] = []
    if conn.dialect.name == "sqlite":
        sqls = [" ".join((r[0] or "").upper().split()) for r in conn.execute(text(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entry'"))]
        for verb in ("UPDATE", "DELETE"):
            if not any(f"BEFORE {verb} ON AUDIT_ENTRY" in q and "RAISE(ABORT" in q for q in sqls):
                missing.append(verb)
    elif conn.dialect.name == "postgresql":
        rows = conn.execute(text(
            "SELECT t.tgtype, t.tgenabled, p.prosrc FROM pg_trigger t "
            "JOIN pg_proc p ON p.oid = t.tgfoid "
            "WHERE t.tgrelid = to_regclass('audit_entry') AND NOT t.tgisinternal")).fetchall()
        for verb, bit in (("UPDATE", 16), ("DELETE", 8)):
            if not any(tgtype & 2 and tgtype & bit and enabled != "D"
                       and "RAISE EXCEPTION" in (src or "").upper()
                       for tgtype, enabled, src in rows):
                missing.append(verb)
    else:
        return []
    if not missing:
        return []
    return [f"审计日志的只追加保护已被移除：数据库不再拒绝 {' 和 '.join(missing)}（触发器被删除或停用）"]
