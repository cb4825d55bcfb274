"""Do the records still say what the audit log says they last became? (``hallmanager check``)

The hash chain protects the audit log itself; these checks extend that protection to the
records the audit log describes. A signed duty log, its amendments, the hand-over items and
the user table may only change through the program, and the program audits every change
with the new values; so replaying the audit entries gives what each row must hold now. A row
changed with raw SQL (a signed log's text, an item's acknowledgement, a teller's role turned
into 厅经理) no longer agrees with its replay.

Queries name the tables, not the ORM classes, so they read the schema as it is on disk; they
run over plain rows (``storage.rows``: Python's ``sqlite3`` for the command line, the
session's connection at the desk), the typed columns converted exactly as SQLAlchemy's types
would. Problem lines carry ids and field names only: no personal data reaches the output.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from typing import Any

from hallmanager.domain import dutylog as dl
from hallmanager.domain.audit_chain import canonical_json
from hallmanager.storage.rows import Rows, each, to_bool, to_date, to_datetime

USER_FIELDS = ("username", "full_name", "staff_no", "role", "active")
_USER_LABELS = {"username": "登录名", "full_name": "姓名", "staff_no": "工号", "role": "角色",
                "active": "启用状态"}
_JSON_COLUMNS = {"staff_on_duty": "staff_on_duty_json", "staff_absent": "staff_absent_json",
                 "meeting_attendees": "meeting_attendees_json"}


def _q(*names: str) -> str:
    """Double-quoted identifiers, comma-separated (``user`` is reserved on PostgreSQL)."""
    return ", ".join(f'"{n}"' for n in names)


Entry = tuple[int, "int | None", str, str, dict]


def _entries(r: Rows, entity: str, actions: frozenset[str] | None = None) -> Iterable[Entry]:
    """(entry id, user id, action, entity id, after) of one entity, oldest first.
    ``actions``: only the entries of these actions (the only ones the check replays), read
    through the (action, at) index instead of a pass over the whole log."""
    sql = ("SELECT id, user_id, action, entity_id, after_json FROM audit_entry "
           "WHERE entity = :entity")
    params: dict[str, str] = {"entity": entity}
    if actions is not None:
        names = sorted(actions)
        params.update({f"a{i}": a for i, a in enumerate(names)})
        sql += f" AND action IN ({', '.join(f':a{i}' for i in range(len(names)))})"
    loads = json.loads
    for part in r.batches(sql + " ORDER BY id", params):
        for eid, uid, action, entity_id, after in part:
            try:
                data = loads(after) if after else {}
            except ValueError:
                data = {}
            yield eid, uid, action, entity_id or "", data if type(data) is dict else {}


# Types whose canonical JSON is equal exactly when two values of the same type are equal
# (not floats: 0.0 == -0.0, but their JSON differs; not int against bool: 1 == True).
_PLAIN = frozenset({int, str, bool, type(None)})
_STR = frozenset({str})


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


def _all_same(a: tuple, b: tuple) -> bool:
    """``all(map(_same, a, b))`` for two equally long tuples, decided at C speed when every
    value is plain and of the same type on both sides (what the program writes): then
    ``_same`` is ``==``. Anything else goes value by value through ``_same``."""
    if a == b and all(map(_PLAIN.__contains__, map(type, a))) and (
            list(map(type, a)) == list(map(type, b))):
        return True
    return all(map(_same, a, b))


def _when(value: Any) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None


# --- users --------------------------------------------------------------------------------------


def user_problems(r: Rows) -> list[str]:
    """Each account equals the last audited state of it (create/enable/disable record the
    whole public row: login name, name, staff number, role, active)."""
    last: dict[str, dict] = {}
    for _eid, _uid, _action, entity_id, after in _entries(r, "user"):
        if "role" in after and "username" in after:
            last[entity_id] = after
    problems: list[str] = []
    for uid, *values in each(r, f'SELECT {_q("id", *USER_FIELDS)} FROM "user" ORDER BY "id"'):
        values[-1] = to_bool(values[-1])  # active
        state = last.get(str(uid))
        if state is None:
            problems.append(f"用户 #{uid} 在审计日志中没有创建记录（账号是绕过程序加入的）")
            continue
        changed = [_USER_LABELS[f] for f, v in zip(USER_FIELDS, values, strict=True)
                   if not _same(v, state.get(f))]
        if changed:
            problems.append(f"用户 #{uid} 的{'、'.join(changed)}与审计日志记录的不一致"
                            f"（被绕过程序修改）")
    return problems


# --- signed duty logs and their amendments -----------------------------------------------------

_DRAFT = sorted(dl.DRAFT_FIELDS)
_DUTY_LOG_ACTIONS = frozenset({"sign", "amend"})
_DUTY_LOG_COLUMNS = ("id", "status", "signed_at", "signed_by",
                     *(_JSON_COLUMNS.get(f, f) for f in _DRAFT))


def _log_content(row: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in _DRAFT:
        col = _JSON_COLUMNS.get(name)
        if col:
            try:
                data[name] = json.loads(row[col] or "[]")
            except ValueError:
                data[name] = row[col]
        else:
            data[name] = row[name]
    try:
        return dl.fields_from_dict(data).as_dict()
    except (TypeError, ValueError, KeyError):
        return data


def duty_log_problems(r: Rows) -> list[str]:
    """A signed log is read-only: it must still hold what was signed (content, signer, time),
    and every amendment row must match its ``amend`` entry (and none may be missing)."""
    signs: dict[str, tuple[int, int | None, dict]] = {}
    amends: dict[str, tuple[int, int | None, str, dict]] = {}
    for eid, uid, action, entity_id, after in _entries(r, "duty_log", _DUTY_LOG_ACTIONS):
        if action == "sign":
            signs[entity_id] = (eid, uid, after)
        elif action == "amend" and "amendment_id" in after:
            amends[str(after["amendment_id"])] = (eid, uid, entity_id, after)
    problems: list[str] = []
    names = _DUTY_LOG_COLUMNS
    for values in each(r, f"SELECT {_q(*names)} FROM duty_log ORDER BY id"):
        row = dict(zip(names, values, strict=True))
        row["signed_at"] = to_datetime(row["signed_at"])
        log_id = row["id"]
        sign = signs.get(str(log_id))
        if sign is None:
            if row["status"] == "signed":
                problems.append(f"值班日志 #{log_id} 标为已签字，但审计日志中没有它的签字记录")
            continue
        eid, uid, after = sign
        if row["status"] != "signed":
            problems.append(f"值班日志 #{log_id} 已于审计记录 #{eid} 签字，现在却不是已签字状态"
                            f"（被改回草稿）")
            continue
        if row["signed_by"] != uid or row["signed_at"] != _when(after.get("signed_at")):
            problems.append(f"值班日志 #{log_id} 的签字人或签字时间与审计记录 #{eid} 不一致")
        signed = after.get("content") or {}
        now = _log_content(row)
        changed = [dl.FIELD_LABELS.get(f, f) for f in _DRAFT
                   if not _same(now.get(f), signed.get(f))]
        if changed:
            problems.append(f"已签字的值班日志 #{log_id} 的{'、'.join(changed)}与签字时"
                            f"（审计记录 #{eid}）不一致：签字后被绕过程序修改")
    if "duty_log_amendment" in r.tables():
        seen: set[str] = set()
        for aid, log_id, field, new_value_json, reason, created_by in each(
                r, f"SELECT {_q('id', 'log_id', 'field', 'new_value_json', 'reason', 'created_by')}"
                   f" FROM duty_log_amendment ORDER BY id"):
            seen.add(str(aid))
            entry = amends.get(str(aid))
            if entry is None:
                problems.append(f"更正记录 #{aid} 在审计日志中没有对应的更正记录")
                continue
            eid, uid, entity_log_id, after = entry
            try:
                new_value = json.loads(new_value_json)
            except ValueError:
                new_value = new_value_json
            if (str(log_id) != entity_log_id or created_by != uid or field not in after
                    or not _same(new_value, after.get(field))
                    or reason != after.get("reason")):
                problems.append(f"更正记录 #{aid} 与审计记录 #{eid} 不一致（被绕过程序修改）")
        for aid, (eid, *_rest) in amends.items():
            if aid not in seen:
                problems.append(f"更正记录 #{aid}（审计记录 #{eid}）已被删除")
    return problems


# --- hand-over items ---------------------------------------------------------------------------


_HANDOVER_ACTIONS = frozenset({"create", "update", "acknowledge", "delete"})


def handover_problems(r: Rows) -> list[str]:
    """Each hand-over item equals its replayed history (create → update … → acknowledge),
    and an item the audit log never saw deleted still exists."""
    state: dict[str, dict[str, Any]] = {}
    for _eid, _uid, action, entity_id, after in _entries(r, "handover_item",
                                                          _HANDOVER_ACTIONS):
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
    for item_id, from_log_id, text, target_date, ack_at, ack_by, ack_log_id in each(
            r, f"SELECT {_q('id', 'from_log_id', 'text', 'target_date', 'ack_at', 'ack_by')}, "
               f'"ack_log_id" FROM handover_item ORDER BY id'):
        target_date, ack_at = to_date(target_date), to_datetime(ack_at)
        st = state.pop(str(item_id), None)
        if st is None:
            problems.append(f"交接事项 #{item_id} 在审计日志中没有创建记录（绕过程序加入）")
            continue
        changed = []
        if text != st["text"]:
            changed.append("内容")
        if from_log_id != st["from_log_id"] or (
                target_date.isoformat() if target_date else None) != st["target_date"]:
            changed.append("来源或交给的班次")
        if (ack_at != _when(st["ack_at"]) or ack_by != st["ack_by"]
                or ack_log_id != st["ack_log_id"]):
            changed.append("确认接收")
        if changed:
            problems.append(f"交接事项 #{item_id} 的{'、'.join(changed)}与审计日志记录的不一致"
                            f"（被绕过程序修改）")
    for item_id in state:
        problems.append(f"交接事项 #{item_id} 已被删除，但审计日志中没有删除记录")
    return problems


# --- confirmed till counts (现金交接) ------------------------------------------------------------

_TILL_ACTIONS = frozenset({"confirm", "confirm_many", "reverse"})
_TILL_FIELDS = ("teller_id", "receiver_id", "float_fen", "receivable_fen", "cash_fen",
                "difference_fen", "reason_code", "note", "reversal_of")


def _by_count(r: Rows, sql: str) -> dict[Any, dict[Any, Any]]:
    """{parent id: {key: value}} of a child table's (parent, key, value) rows, in the order
    the table is read (a repeated key: the last row wins)."""
    out: dict[Any, dict[Any, Any]] = {}
    for part in r.batches(sql):
        for parent, key, value in part:
            d = out.get(parent)
            if d is None:
                out[parent] = d = {}
            d[key] = value
    return out


def _same_map(a: Any, b: Any) -> bool:
    """``_same`` of two {text: plain value} dicts, at C speed when they are equal with the
    same value types (the usual case; the key order may differ: the table's order against
    the audit entry's sorted keys)."""
    if type(a) is dict and type(b) is dict and a == b and set(map(type, a)) <= _STR:
        va = list(a.values())
        vb = list(map(b.__getitem__, a))
        types = list(map(type, va))
        if types == list(map(type, vb)) and all(map(_PLAIN.__contains__, types)):
            return True
    return _same(a, b)


def till_count_problems(r: Rows) -> list[str]:
    """A till count confirmed by both sides must still hold what was confirmed (figures,
    lines, non-cash, reason, people, as the ``confirm`` entry recorded), be reversed only by
    an audited reversal, and never disappear."""
    confirms: dict[str, tuple[int, dict]] = {}
    reversals: set[str] = set()
    for eid, _uid, action, entity_id, after in _entries(r, "till_count", _TILL_ACTIONS):
        if action == "confirm":
            confirms[entity_id] = (eid, after)
        elif action == "confirm_many":  # the demo's bulk tills: {"counts": {id: after}}
            for cid, one in (after.get("counts") or {}).items():
                if isinstance(one, dict):
                    confirms[str(cid)] = (eid, one)
        elif action == "reverse":
            reversals.add(entity_id)
    lines = _by_count(r, f"SELECT {_q('count_id', 'denomination', 'pieces')} FROM till_count_line")
    non_cash = _by_count(r, f"SELECT {_q('count_id', 'method', 'amount_fen')} FROM till_non_cash")
    problems: list[str] = []
    seen: set[str] = set()
    empty: dict = {}
    for count_id, state, *values in each(
            r, f"SELECT {_q('id', 'state', *_TILL_FIELDS)} FROM till_count ORDER BY id"):
        key = str(count_id)
        seen.add(key)
        entry = confirms.get(key)
        if entry is None:
            if state in ("confirmed", "reversed"):
                problems.append(f"款箱清点 #{count_id} 标为已确认，但审计日志中没有双方确认的记录")
            continue
        eid, after = entry
        if state not in ("confirmed", "reversed"):
            problems.append(f"款箱清点 #{count_id} 已于审计记录 #{eid} 双方确认，现在却不是已确认"
                            f"状态（被绕过程序改回）")
            continue
        if (state == "reversed") != (key in reversals):
            problems.append(f"款箱清点 #{count_id} 的冲正状态与审计日志不一致（被绕过程序修改）")
        recorded = tuple(map(after.get, _TILL_FIELDS))
        row = tuple(values)
        changed = ([] if _all_same(row, recorded) else
                   [f for f, v, w in zip(_TILL_FIELDS, row, recorded, strict=True)
                    if not _same(v, w)])
        if not _same_map(lines.get(count_id, empty), after.get("lines") or {}):
            changed.append("lines")
        if not _same_map(non_cash.get(count_id, empty), after.get("non_cash") or {}):
            changed.append("non_cash")
        if changed:
            problems.append(f"已确认的款箱清点 #{count_id} 的 {'、'.join(changed)} 与确认时（审计记录"
                            f" #{eid}）不一致：确认后被绕过程序修改")
    for key, (eid, _after) in confirms.items():
        if key not in seen:
            problems.append(f"已确认的款箱清点 #{key}（审计记录 #{eid}）已被删除")
    return problems


# --- finished emergency runs (应急预案) ---------------------------------------------------------

_RUN_ACTIONS = frozenset({"run_finish"})
_RUN_FIELDS = ("cause", "duration_s", "losses", "follow_up", "open_papers_note")


def emergency_run_problems(r: Rows) -> list[str]:
    """A finished emergency run must still hold what its ``run_finish`` entry recorded (the
    summary and every step's outcome), and never disappear."""
    finishes: dict[str, tuple[int, dict]] = {}
    for eid, _uid, action, entity_id, after in _entries(r, "emergency_run", _RUN_ACTIONS):
        if action == "run_finish":
            finishes[entity_id] = (eid, after)
    steps: dict[Any, dict[str, Any]] = {}
    for run_id, position, state in each(
            r, f"SELECT {_q('run_id', 'position', 'state')} FROM emergency_run_step"):
        steps.setdefault(run_id, {})[str(position)] = state
    problems: list[str] = []
    seen: set[str] = set()
    for run_id, finished_at, *values in each(
            r, f"SELECT {_q('id', 'finished_at', *_RUN_FIELDS)} FROM emergency_run ORDER BY id"):
        finished_at = to_datetime(finished_at)
        key = str(run_id)
        seen.add(key)
        entry = finishes.get(key)
        if entry is None:
            if finished_at is not None:
                problems.append(f"应急记录 #{run_id} 标为已结束，但审计日志中没有结束记录")
            continue
        eid, after = entry
        if finished_at is None or finished_at != _when(after.get("finished_at")):
            problems.append(f"应急记录 #{run_id} 的结束时间与审计记录 #{eid} 不一致"
                            f"（被绕过程序修改）")
            continue
        changed = [f for f, v in zip(_RUN_FIELDS, values, strict=True)
                   if not _same(v, after.get(f))]
        if not _same(steps.get(run_id, {}), after.get("steps") or {}):
            changed.append("steps")
        if changed:
            problems.append(f"已结束的应急记录 #{run_id} 的 {'、'.join(changed)} 与结束时（审计记录"
                            f" #{eid}）不一致：结束后被绕过程序修改")
    for key, (eid, _after) in finishes.items():
        if key not in seen:
            problems.append(f"已结束的应急记录 #{key}（审计记录 #{eid}）已被删除")
    return problems


Check = Callable[[Rows], list[str]]

#: The record checks in the order their problems are reported: the audited entity each
#: replays and the tables it needs (a check whose tables don't exist, e.g. in an older
#: schema, is skipped).
RECORD_CHECKS: tuple[tuple[str, frozenset[str], Check], ...] = (
    ("user", frozenset({"user"}), user_problems),
    ("duty_log", frozenset({"duty_log"}), duty_log_problems),
    ("handover_item", frozenset({"handover_item"}), handover_problems),
    ("till_count", frozenset({"till_count", "till_count_line", "till_non_cash"}),
     till_count_problems),
    ("emergency_run", frozenset({"emergency_run", "emergency_run_step"}),
     emergency_run_problems),
)


def record_problems(r: Rows) -> list[str]:
    """Users, signed duty logs with amendments, hand-over items, confirmed till counts,
    finished emergency runs (the tables that exist)."""
    tables = r.tables()
    problems: list[str] = []
    for _entity, needs, check in RECORD_CHECKS:
        if needs <= tables:
            problems += check(r)
    return problems


# --- the audit log's append-only triggers -------------------------------------------------------


def audit_trigger_problems(r: Rows) -> list[str]:
    """The database must still refuse UPDATE and DELETE on the audit log (SQLite triggers;
    on PostgreSQL an enabled BEFORE UPDATE OR DELETE trigger whose function raises)."""
    missing: list[str] = []
    if r.dialect == "sqlite":
        sqls = [" ".join((row[0] or "").upper().split()) for row in each(
            r, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entry'")]
        for verb in ("UPDATE", "DELETE"):
            if not any(f"BEFORE {verb} ON AUDIT_ENTRY" in q and "RAISE(ABORT" in q for q in sqls):
                missing.append(verb)
    elif r.dialect == "postgresql":
        rows = list(each(r,
            "SELECT t.tgtype, t.tgenabled, p.prosrc FROM pg_trigger t "
            "JOIN pg_proc p ON p.oid = t.tgfoid "
            "WHERE t.tgrelid = to_regclass('audit_entry') AND NOT t.tgisinternal"))
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


# --- SQLite's own checks ------------------------------------------------------------------------


def sqlite_integrity_problems(r: Rows, *, quick: bool = True, limit: int = 20) -> list[str]:
    """SQLite's ``PRAGMA quick_check`` (every page, record and NOT NULL/CHECK constraint, in
    time linear in the file) or, ``quick=False``, the whole ``integrity_check`` (which also
    cross-checks every index against its table: 10 s of a 1,000,000-entry log's 11 s), as
    problem lines (the first ``limit``); empty when the file is sound."""
    if r.dialect != "sqlite":
        return []
    lines = [row[0] for row in each(r, f"PRAGMA {'quick_check' if quick else 'integrity_check'}")]
    if lines == ["ok"]:
        return []
    return [f"数据库完整性检查：{line}" for line in lines[:limit]]


def foreign_key_problems(r: Rows, *, limit: int = 50) -> list[str]:
    """The first ``limit`` rows SQLite's ``PRAGMA foreign_key_check`` reports, as lines."""
    if r.dialect != "sqlite":
        return []
    rows = list(each(r, "PRAGMA foreign_key_check"))[:limit]
    return [f"外键错误：表 {table} 第 {rowid} 行引用的 {parent} 记录不存在"
            for table, rowid, parent, _fkid in rows]
