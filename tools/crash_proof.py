"""Crash proof: a child process runs one write path of one module in a loop, prints a token
after each commit, and is killed with SIGKILL at a random moment; after every kill the
database must pass the full check, every reported commit must be there, and the next start
must open the file by itself (the dead program's lock is taken over without a person).

    python tools/crash_proof.py --runs 500                 # every path, 500 kills each
    python tools/crash_proof.py --runs 20 --path till      # one path
    python tools/crash_proof.py --runs 50 --jitter-ms 30   # kill up to 30 ms after a commit

Paths: autosave (duty-log draft), checklist (a checklist step), sign (duty-log sign-off), punch_import, fine_waiver,
till (confirmation by both sides and reversal), complaint (register, start, reply,
call-back), emergency (start a run, tick each step, a paper registration with money in fen,
finish), backup, restore. tests/stress/test_crash_proof.py runs each path a few times.
POSIX only (SIGKILL).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run by hand as ``python tools/crash_proof.py``
    sys.path.insert(0, str(ROOT))
ADMIN_PASSWORD = "Admin2026pw"
USER_PASSWORD = "Passw0rd123"
PATHS = ("autosave", "checklist", "sign", "punch_import", "fine_waiver", "till", "complaint",
         "emergency", "backup", "restore")
BASE = dt.datetime(2025, 1, 1, 9, 0)
#: each run starts this many days after the previous one (unique dates and times)
RUN_SPAN_DAYS = 400


def _services(path: Path, now: dt.datetime, *, lock: bool = True):
    from hallmanager.app import build_services
    from hallmanager.domain.clock import ManualClock
    from hallmanager.storage.database import open_database, sqlite_url

    db = open_database(sqlite_url(path), backup=False, lock=lock)
    clock = ManualClock(now)
    return build_services(db, clock, fast_hash=True), clock


def make_template(path: Path) -> dict[str, int]:
    """A hall with a hall manager, a duty manager, two tellers (one on the attendance roster),
    a draft log and one backup: everything the paths need. Returns ids."""
    from hallmanager.domain.roles import Role

    sv, _clock = _services(path, BASE - dt.timedelta(days=1))
    try:
        sv.auth.setup(hall_name="压力测试营业厅", hall_code="CR1", username="admin",
                      full_name="王厅长", password=ADMIN_PASSWORD)
        sv.auth.login("admin", ADMIN_PASSWORD)
        zhang = sv.auth.create_user(username="zhang", full_name="张值班",
                                    role=Role.DUTY_MANAGER, password=USER_PASSWORD,
                                    staff_no="RK0011")
        t1 = sv.auth.create_user(username="t1", full_name="格桑拉姆", role=Role.TELLER,
                                 password=USER_PASSWORD, staff_no="RK0101")
        staff = sv.attendance.save_staff(None, staff_no="RK0101", name="格桑拉姆",
                                         position="营业员", user_id=t1.id)
        sv.auth.logout()
        sv.auth.login("zhang", USER_PASSWORD)
        shift = sv.settings.shifts()[0].id
        draft = sv.dutylog.create_log(BASE.date() - dt.timedelta(days=1), shift)
        sv.auth.logout()
        sv.auth.login("admin", ADMIN_PASSWORD)
        rec = sv.backup.backup()
        return {"zhang": zhang.id, "t1": t1.id, "staff": staff.id, "shift": shift,
                "draft": draft.id, "backup": 0 if not rec.ok else 1}
    finally:
        sv.auth.logout()
        sv.close()


# --- the child: one path, forever ----------------------------------------------------------


def child(path: Path, which: str, run: int, ids: dict[str, int]) -> None:
    """Perform ``which`` until killed; print a token after each commit (flushed)."""
    start = BASE + dt.timedelta(days=run * RUN_SPAN_DAYS)
    lock = which == "restore"  # a restore needs the database to itself
    sv, clock = _services(path, start, lock=lock)
    sv.maintenance.record_stale_lock_taken_over()
    user = "zhang" if which in ("autosave", "sign", "till", "complaint", "emergency") \
        else "admin"
    sv.auth.login(user, USER_PASSWORD if user == "zhang" else ADMIN_PASSWORD)
    for token in STEPS[which](sv, clock, start, ids):
        print(token, flush=True)


def _autosave(sv, clock, start, ids) -> Iterator[str]:
    i = sv.dutylog.get_log(ids["draft"]).effective.customer_flow or 0
    while True:
        i += 1
        sv.dutylog.update_draft(ids["draft"], customer_flow=i, business_notes=f"第 {i} 次自动保存")
        yield str(i)


def _checklist(sv, clock, start, ids) -> Iterator[str]:
    for d in range(RUN_SPAN_DAYS):
        day = start.date() + dt.timedelta(days=d)
        clock.set(dt.datetime.combine(day, dt.time(13, 0)))
        log = sv.dutylog.create_log(day, ids["shift"])
        for entry in log.checklist:
            sv.dutylog.check_item(entry.id)
            yield str(entry.id)


def _sign(sv, clock, start, ids) -> Iterator[str]:
    for d in range(RUN_SPAN_DAYS):
        day = start.date() + dt.timedelta(days=d)
        clock.set(dt.datetime.combine(day, dt.time(20, 40)))
        log = sv.dutylog.create_log(day, ids["shift"])
        sv.dutylog.update_draft(log.id, weather="晴", customer_flow=100 + d, opinions="无")
        sv.dutylog.sign(log.id, USER_PASSWORD, confirm_warnings=True)
        yield str(log.id)


def _punch_import(sv, clock, start, ids) -> Iterator[str]:
    for d in range(RUN_SPAN_DAYS):
        day = start.date() + dt.timedelta(days=d)
        times = [dt.datetime.combine(day, dt.time(8, 55)), dt.datetime.combine(day, dt.time(18, 5))]
        clock.set(dt.datetime.combine(day, dt.time(19, 0)))
        sv.attendance.import_punch_records([("RK0101", t) for t in times], label=f"d{d}")
        yield times[0].isoformat(sep=" ")


def _fine_waiver(sv, clock, start, ids) -> Iterator[str]:
    from hallmanager.domain.attendance.fines import Item

    for d in range(RUN_SPAN_DAYS):
        day = start.date() + dt.timedelta(days=d)
        clock.set(dt.datetime.combine(day, dt.time(11, 0)))
        v = sv.attendance.record_violation(ids["staff"], Item.NO_UNIFORM,
                                           dt.datetime.combine(day, dt.time(10, 0)))
        if v.fine is None:
            continue
        sv.attendance.waive_fine(v.fine.key, "工装送洗，已报备")
        yield v.fine.key


def _till(sv, clock, start, ids) -> Iterator[str]:
    for d in range(RUN_SPAN_DAYS):
        day = start.date() + dt.timedelta(days=d)
        clock.set(dt.datetime.combine(day, dt.time(14, 30)))
        c = sv.cash.start_count(day, ids["shift"], ids["t1"], ids["zhang"], float_amount="500")
        sv.cash.save_count(c.id, receivable="300.00", pieces={"note-10000": 8})
        sv.cash.confirm(c.id, "give", USER_PASSWORD)
        sv.cash.confirm(c.id, "receive", USER_PASSWORD)
        yield f"c{c.id}"
        if d % 2:
            sv.auth.logout()
            sv.auth.login("admin", ADMIN_PASSWORD)
            r = sv.cash.reverse(c.id, "点错了面额", ADMIN_PASSWORD)
            sv.auth.logout()
            sv.auth.login("zhang", USER_PASSWORD)
            yield f"r{c.id}:{r.id}"


def _complaint(sv, clock, start, ids) -> Iterator[str]:
    from hallmanager.domain.complaints.rules import CallResult, Satisfaction, Source
    from hallmanager.services.complaints.views import ComplaintInput

    for d in range(RUN_SPAN_DAYS):
        day = start.date() + dt.timedelta(days=d)
        clock.set(dt.datetime.combine(day, dt.time(10, 0)))
        c = sv.complaints.register(ComplaintInput(
            source=Source.ON_SITE, received_at=clock.now(), customer_name="张三丰",
            phone="13812345678", category="资费计费", description="本月话费多扣 30 元"))
        yield f"n{c.id}"
        sv.complaints.start(c.id)
        sv.complaints.reply(c.id, "已核实并退还多扣费用")
        clock.set(dt.datetime.combine(day, dt.time(16, 0)))
        sv.complaints.call_back(c.id, CallResult.ANSWERED, Satisfaction.SATISFIED)
        yield f"b{c.id}"


def _emergency(sv, clock, start, ids) -> Iterator[str]:
    """A power-cut drill: start, tick every step, a paper registration (money in fen), key it
    in, finish; each of these is one commit. A run the killed program left open is carried
    on (as the tab reopens it after a restart)."""
    plan = next(p for p in sv.emergency.plans() if p.paper_registrations)
    for d in range(RUN_SPAN_DAYS):
        clock.set(dt.datetime.combine(start.date() + dt.timedelta(days=d), dt.time(15, 0)))
        open_runs = sv.emergency.open_runs()
        run = open_runs[0] if open_runs else sv.emergency.start_run(plan.id, drill=True)
        if not open_runs:
            yield f"s{run.id}"
        for step in run.steps:
            if step.state.value == "pending":
                sv.emergency.check_step(run.id, step.position)
                yield f"t{run.id}:{step.position}"
        if not run.papers:
            fen = 1000 + d * 7 + 5
            run = sv.emergency.add_paper(run.id, customer_name="张三丰", number="13812345678",
                                         business="停电期间缴费", amount=fen)
            yield f"p{run.papers[-1].id}:{fen}"
        for paper in run.papers:
            if paper.entered_at is None:
                sv.emergency.mark_entered(paper.id)
                yield f"e{paper.id}"
        clock.set(clock.now() + dt.timedelta(minutes=20))
        sv.emergency.finish(run.id, cause="市电检修（演练）")
        yield f"f{run.id}"


def _backup(sv, clock, start, ids) -> Iterator[str]:
    for i in range(RUN_SPAN_DAYS * 100):
        clock.set(start + dt.timedelta(seconds=i))
        rec = sv.backup.backup()
        yield rec.name


def _restore(sv, clock, start, ids) -> Iterator[str]:
    source = next(r for r in reversed(sv.backup.backups()) if r.kind == "manual" and r.ok)
    for i in range(RUN_SPAN_DAYS * 100):
        clock.set(start + dt.timedelta(seconds=i))
        sv.backup.restore(sv.backup.folder() / source.name)
        yield f"restored{i}"


STEPS: dict[str, Callable[..., Iterator[str]]] = {
    "autosave": _autosave, "checklist": _checklist, "sign": _sign, "punch_import": _punch_import,
    "fine_waiver": _fine_waiver, "till": _till, "complaint": _complaint,
    "emergency": _emergency, "backup": _backup, "restore": _restore}


# --- the parent: kill, then prove -----------------------------------------------------------


def _ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)


def lost(path: Path, which: str, tokens: list[str]) -> list[str]:
    """The reported commits the file no longer has (must be empty)."""
    if not tokens:
        return []
    con = _ro(path)
    try:
        def has(sql: str, *args: object) -> bool:
            return con.execute(sql, args).fetchone() is not None

        missing: list[str] = []
        if which == "autosave":
            flow = con.execute("SELECT customer_flow FROM duty_log WHERE status='draft' "
                               "ORDER BY id LIMIT 1").fetchone()[0] or 0
            if flow < int(tokens[-1]):
                missing.append(f"draft customer_flow {flow} < reported {tokens[-1]}")
            return missing
        for t in tokens:
            ok = True
            if which == "checklist":
                ok = has("SELECT 1 FROM duty_log_checklist_entry WHERE id=? AND done_at IS NOT "
                         "NULL", int(t))
            elif which == "sign":
                ok = has("SELECT 1 FROM duty_log WHERE id=? AND signed_at IS NOT NULL", int(t))
            elif which == "punch_import":
                ok = has("SELECT 1 FROM attendance_punch WHERE substr(at, 1, 19)=?", t)
            elif which == "fine_waiver":
                ok = has("SELECT 1 FROM attendance_waiver WHERE fine_key=?", t)
            elif which == "till":
                if t.startswith("c"):
                    ok = has("SELECT 1 FROM till_count WHERE id=? AND receiver_confirmed_at "
                             "IS NOT NULL", int(t[1:]))
                else:
                    orig, rev = t[1:].split(":")
                    ok = has("SELECT 1 FROM till_count WHERE id=? AND reversal_of=?",
                             int(rev), int(orig))
            elif which == "complaint":
                if t.startswith("n"):
                    ok = has("SELECT 1 FROM complaint WHERE id=?", int(t[1:]))
                else:
                    ok = has("SELECT 1 FROM complaint WHERE id=? AND satisfaction IS NOT NULL",
                             int(t[1:]))
            elif which == "emergency":
                key, rest = t[0], t[1:]
                if key == "s":
                    ok = has("SELECT 1 FROM emergency_run WHERE id=?", int(rest))
                elif key == "t":
                    run_id, pos = rest.split(":")
                    ok = has("SELECT 1 FROM emergency_run_step WHERE run_id=? AND position=? "
                             "AND state='done' AND at IS NOT NULL", int(run_id), int(pos))
                elif key == "p":
                    paper_id, fen = rest.split(":")
                    ok = has("SELECT 1 FROM emergency_paper WHERE id=? AND amount_fen=?",
                             int(paper_id), int(fen))
                elif key == "e":
                    ok = has("SELECT 1 FROM emergency_paper WHERE id=? AND entered_at IS NOT "
                             "NULL", int(rest))
                else:
                    ok = has("SELECT 1 FROM emergency_run WHERE id=? AND finished_at IS NOT "
                             "NULL", int(rest))
            elif which == "backup":
                ok = (path.parent / "backups" / t).is_file()
            elif which == "restore":
                ok = has("SELECT 1 FROM audit_entry WHERE action='restore'")
            if not ok:
                missing.append(t)
        return missing
    finally:
        con.close()


#: backup files that verified, with their size and modification time then: a later kill
#: re-verifies only files that are new or were written since (else the proof is quadratic)
_VERIFIED: dict[Path, tuple[int, int]] = {}


def check_after_kill(path: Path, which: str) -> list[str]:
    """The next start (lock taken over by itself, no person asked), then the full check, and
    every backup file with a backup's name verifies (no partial copy under a real name)."""
    from hallmanager.domain.errors import DomainError

    problems: list[str] = []
    try:
        sv, _ = _services(path, dt.datetime.now().replace(microsecond=0))
    except DomainError as exc:
        return [f"next start refused: {exc.message}"]
    try:
        sv.maintenance.record_stale_lock_taken_over()
        problems += sv.maintenance.check()
        if which in ("backup", "restore"):
            for rec in sv.backup.backups():
                file = sv.backup.folder() / rec.name
                try:
                    stamp = (file.stat().st_size, file.stat().st_mtime_ns)
                except OSError:
                    stamp = None
                if stamp is not None and _VERIFIED.get(file) == stamp:
                    continue  # verified after an earlier kill and not written since
                verdict = sv.backup.verify_file(file)
                if verdict.problems:
                    problems.append(f"backup {rec.name}: {verdict.problems[:2]}")
                elif stamp is not None:
                    _VERIFIED[file] = stamp
    finally:
        sv.close()
    return problems


@dataclass
class PathResult:
    path: str
    runs: int = 0
    reported: int = 0
    lost: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


def run_path(folder: Path, template: Path, ids: dict[str, int], which: str, runs: int, *,
             rng: random.Random, jitter_ms: float = 0.0, max_lines: int = 6,
             fork: bool = False) -> PathResult:
    """``runs`` kills of one path on one file (the state carries over from kill to kill).
    ``fork`` starts each child as a fork of this process (the default of ``main``); otherwise
    as a new interpreter (``--spawn``). tests/stress/test_crash_proof.py forks too, from a
    fresh interpreter of its own (a pytest process with Qt must not fork)."""
    work = folder / which
    work.mkdir(parents=True, exist_ok=True)
    db = work / "hall.sqlite"
    shutil.copy(template, db)
    if (template.parent / "backups").is_dir():
        shutil.copytree(template.parent / "backups", work / "backups", dirs_exist_ok=True)
    result = PathResult(which)
    tokens: list[str] = []
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t0 = time.monotonic()
    for run in range(runs):
        proc: subprocess.Popen[str] | ForkedChild
        if fork:
            from tools.forks import ForkedChild

            proc = ForkedChild(lambda r=run + 1: child(db, which, r, ids),
                               work / "child-stderr.txt")
        else:
            proc = subprocess.Popen(
                [sys.executable, str(Path(__file__).resolve()), "--child", which, "--db",
                 str(db), "--run", str(run + 1), "--ids", json.dumps(ids)],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        want = rng.randint(1, max_lines)
        got = 0
        assert proc.stdout is not None
        while got < want:
            line = proc.stdout.readline()
            if not line:
                break
            tokens.append(line.strip())
            got += 1
        if jitter_ms:
            time.sleep(rng.uniform(0, jitter_ms) / 1000)
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate()
        tokens += [t.strip() for t in out.splitlines() if t.strip()]  # printed before the kill
        if got < want and proc.returncode not in (-signal.SIGKILL,):
            result.problems.append(f"run {run}: child ended by itself: {err[-800:]}")
        result.runs += 1
        seen = {x.split(": ", 1)[1] for x in result.lost}
        result.lost += [f"run {run}: {m}" for m in lost(db, which, tokens) if m not in seen]
        result.problems += [f"run {run}: {p}" for p in check_after_kill(db, which)]
    result.reported = len(tokens)
    result.seconds = time.monotonic() - t0
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=20, help="kills per path (issue: 500)")
    p.add_argument("--path", choices=PATHS, action="append", help="only these paths")
    p.add_argument("--jitter-ms", type=float, default=5.0,
                   help="kill up to this long after the last token read")
    p.add_argument("--seed", type=int, default=14)
    p.add_argument("--spawn", action="store_true",
                   help="start each child as a new interpreter instead of a fork (slower)")
    p.add_argument("--work", type=Path, default=None, help="folder for the files (temp)")
    p.add_argument("--child", choices=PATHS, help=argparse.SUPPRESS)
    p.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--run", type=int, default=0, help=argparse.SUPPRESS)
    p.add_argument("--ids", default="{}", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        child(args.db, args.child, args.run, json.loads(args.ids))
        return 0
    import tempfile

    work = args.work or Path(tempfile.mkdtemp(prefix="hm-crash-"))
    os.environ.setdefault("HALLMANAGER_ANCHOR_DIR", str(work / "anchors"))
    template = work / "template" / "hall.sqlite"
    template.parent.mkdir(parents=True, exist_ok=True)
    ids = make_template(template)
    if not args.spawn:  # what every child needs, imported once before the first fork
        from hallmanager.domain.attendance.fines import Item  # noqa: F401
        from hallmanager.domain.complaints.rules import CallResult  # noqa: F401
        from hallmanager.services.complaints.views import ComplaintInput  # noqa: F401
    rng = random.Random(args.seed)
    bad = 0
    print(f"crash proof: {args.runs} SIGKILLs per path, seed {args.seed}, files in {work}")
    for which in args.path or PATHS:
        r = run_path(work, template, ids, which, args.runs, rng=rng, jitter_ms=args.jitter_ms,
                     fork=not args.spawn)
        bad += len(r.lost) + len(r.problems)
        print(f"{which:<13} runs {r.runs:>4}  commits reported {r.reported:>5}  "
              f"lost {len(r.lost)}  check/start failures {len(r.problems)}  "
              f"({r.seconds:.0f} s)", flush=True)
        for line in (r.lost + r.problems)[:10]:
            print(f"    {line}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
