"""Store a database at the current head: ``python tools/make_schema_snapshot.py``.

Writes ``tests/data/schemas/schema-NNNN.sqlite`` (NNNN = head revision) and its manifest
``schema-NNNN.json`` (rows per table, sums of every integer ``*_fen`` column).
``tests/test_migrations_stored.py`` upgrades each stored file to head and checks that the
manifest's figures survived, so every later migration is tried on real data of every module.

The data is made through the real services (``build_services`` over a fresh file, a
``ManualClock``), so it obeys every rule and the audit chain is valid: users of every role,
hall settings, shifts, and a few rows in every module table (``STEPS``: one function per
module; a module that adds tables adds its step, ``tests/test_migration_snapshot.py`` says so).
The file is VACUUMed and kept small (it is committed).

``--manifest-only FILE`` writes the manifest of an already stored file (for files stored
before manifests existed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hallmanager.app import Services, build_services
from hallmanager.domain.clock import ManualClock
from hallmanager.domain.dutylog import Absence
from hallmanager.domain.dutylog.checklist import (
    DEFAULT_CHECKLIST,
    Anchor,
    AppliesTo,
    ChecklistItemDef,
)
from hallmanager.domain.roles import Role
from hallmanager.services.context import UserInfo
from hallmanager.storage.database import open_database, sqlite_url
from hallmanager.storage.migrate import head_revision

SCHEMAS_DIR = Path(__file__).resolve().parents[1] / "tests" / "data" / "schemas"
MONEY_SUFFIX = "_fen"
ADMIN_PASSWORD = "Snapshot2026admin"
USER_PASSWORD = "Snapshot2026user"
DAY1 = dt.date(2026, 11, 20)
DAY2 = DAY1 + dt.timedelta(days=1)


# --- figures: what the manifest records and the past-schema test compares ----------------
def figures(path: Path) -> dict[str, dict[str, object]]:
    """Per table (SQLite's own and ``alembic_version`` aside): its row count and the sum of
    every integer column whose name ends in ``_fen`` (money in fen)."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'alembic_version' ORDER BY name")]
        out: dict[str, dict[str, object]] = {}
        for t in tables:
            cols = [r[1] for r in con.execute(f'PRAGMA table_info("{t}")')
                    if r[1].endswith(MONEY_SUFFIX) and "INT" in (r[2] or "").upper()]
            rows = con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
            sums = {c: con.execute(f'SELECT coalesce(sum("{c}"), 0) FROM "{t}"').fetchone()[0]
                    for c in cols}
            out[t] = {"rows": rows, "fen_sums": sums}
        return out
    finally:
        con.close()


def revision_of(path: Path) -> str:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()


def manifest_path(snapshot: Path) -> Path:
    return snapshot.with_suffix(".json")


def write_manifest(snapshot: Path, made_by: str = "tools/make_schema_snapshot.py") -> Path:
    """``schema-NNNN.json`` beside the file: its revision and ``figures``."""
    data = {"revision": revision_of(snapshot), "made_by": made_by,
            "tables": figures(snapshot)}
    out = manifest_path(snapshot)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                   encoding="utf-8")
    return out


# --- the data ------------------------------------------------------------------------------
@dataclass
class Snap:
    """What the steps share: the services, the clock, the people and shifts by name."""

    sv: Services
    clock: ManualClock
    users: dict[str, UserInfo] = field(default_factory=dict)
    shifts: dict[str, int] = field(default_factory=dict)
    logs: dict[str, int] = field(default_factory=dict)

    def at(self, day: dt.date, hhmm: str) -> None:
        """Move the clock forward to ``day hh:mm`` (never back)."""
        when = dt.datetime.combine(day, dt.time.fromisoformat(hhmm))
        if when > self.clock.now():
            self.clock.set(when)

    def login(self, username: str) -> None:
        self.sv.auth.logout()
        self.sv.auth.login(username, ADMIN_PASSWORD if username == "admin" else USER_PASSWORD)


def foundation(x: Snap) -> None:
    """Hall, shifts (one deactivated), one user of every role (one inactive), passwords."""
    sv = x.sv
    sv.auth.setup(hall_name="拉萨北京路营业厅", hall_code="LS001", username="admin",
                  full_name="王厅长", password=ADMIN_PASSWORD)
    x.login("admin")
    sv.settings.update_hall(name="拉萨北京路营业厅", code="LS001", language="zh_CN",
                            idle_lock_minutes=10)
    night = sv.settings.save_shift(shift_id=None, name="夜班", start="20:00", end="22:00")
    sv.settings.save_shift(shift_id=night.id, name="夜班", start="20:00", end="22:00",
                           active=False)
    people = (("zhang", "张值班", Role.DUTY_MANAGER, "RK0011"),
              ("li", "李值班", Role.DUTY_MANAGER, "RK0012"),
              ("t1", "次仁卓玛", Role.TELLER, "RK0101"),
              ("t2", "扎西", Role.TELLER, "RK0102"),
              ("t3", "陈静", Role.TELLER, "RK0103"),
              ("ts1", "刘投诉", Role.COMPLAINT_HANDLER, "RK0201"))
    for uname, name, role, no in people:
        x.users[uname] = sv.auth.create_user(username=uname, full_name=name, role=role,
                                             password=USER_PASSWORD, staff_no=no)
    sv.auth.set_active(x.users["t3"].id, False)
    for uname in ("zhang", "li"):  # the duty managers set their own password once
        x.clock.advance(minutes=1)
        x.login(uname)
        sv.auth.change_password(USER_PASSWORD, USER_PASSWORD)
    x.login("admin")
    x.users["admin"] = next(u for u in sv.auth.list_users() if u.username == "admin")
    x.shifts = {s.name: s.id for s in sv.settings.shifts()}
    sv.auth.logout()


def dutylog(x: Snap) -> None:
    """Settings, two template versions, two signed logs (a skipped item, a failed inspection,
    a fault reported and repaired, a hand-over item acknowledged, an amendment) and today's
    draft with an open fault and an item for the next shift."""
    sv, dl, u = x.sv, x.sv.dutylog, x.users
    x.at(DAY1, "07:30")
    x.login("admin")
    s = dl.settings()
    dl.save_settings(meeting_limit_minutes=20, due_soon_minutes=s.due_soon_minutes,
                     inspection_items=list(s.inspection_items))
    dl.save_checklist_template(list(DEFAULT_CHECKLIST), "初始版本")

    # day 1, 早班: zhang
    x.at(DAY1, "07:55")
    x.login("zhang")
    early = dl.create_log(DAY1, x.shifts["早班"])
    x.logs["early"] = early.id
    dl.update_draft(early.id, weather="晴", staff_on_duty=[u["t1"].id, u["t2"].id],
                    staff_absent=[Absence(u["t3"].id, "病假", "已补请假条")],
                    meeting_start="08:10", meeting_minutes=15,
                    meeting_attendees=[u["zhang"].id, u["t1"].id, u["t2"].id],
                    meeting_topics="宽带提速政策统一口径", business_notes="新装宽带 3 户")
    for i, e in enumerate(early.checklist):
        assert e.target_at is not None
        x.clock.set(max(x.clock.now(), e.target_at))
        if i == 2:
            dl.skip_item(e.id, "系统升级，由市公司 IT 远程开机")
        else:
            dl.check_item(e.id, at=e.target_at)
        if i == 5:
            fault = dl.report_fault(what="2号排队叫号机不出票", location="大厅入口",
                                    since=x.clock.now() - dt.timedelta(minutes=5),
                                    log_id=early.id)
            x.clock.advance(minutes=10)
            dl.mark_fault_reported(fault.id, "市公司运维 刘工")
    first = early.inspections[0]
    dl.set_inspection(early.id, first.category, first.item, False, "地面有水渍，已安排保洁")
    dl.mark_inspections_ok(early.id)
    dl.update_draft(early.id, customer_flow=180, served_count=150,
                    opinions="客户希望宽带报装后上门时间更准确，留电 13908901234 请安排回访")
    dl.add_handover_item(early.id, "2 张增值税发票待客户来取，放在值班台左侧抽屉")
    x.at(DAY1, "14:40")
    dl.sign(early.id, USER_PASSWORD, confirm_warnings=True)

    # day 1, 晚班: li acknowledges, the fault is repaired
    x.login("li")
    late = dl.create_log(DAY1, x.shifts["晚班"])
    x.logs["late"] = late.id
    for h in late.unacked_in:
        dl.acknowledge_handover(h.id, late.id)
    dl.update_draft(late.id, weather="多云", staff_on_duty=[u["t1"].id], customer_flow=120,
                    served_count=100, incidents="16:20 短暂停电约 3 分钟，启用应急灯")
    for e in late.checklist:
        assert e.target_at is not None
        x.clock.set(max(x.clock.now(), e.target_at))
        dl.check_item(e.id, at=e.target_at)
    dl.mark_fault_repaired(fault.id, x.clock.now(), "已修复，测试正常")
    dl.mark_inspections_ok(late.id)
    dl.add_handover_item(late.id, "宽带装维人员明早来取 3 台光猫，已装箱放在后台")
    x.at(DAY1, "20:40")
    dl.sign(late.id, USER_PASSWORD, confirm_warnings=True)

    # the next morning: the hall manager amends a figure and saves checklist version 2
    x.at(DAY2, "07:20")
    x.login("admin")
    dl.amend(early.id, "customer_flow", 192, "核对排队机取号记录，漏计 12 人", ADMIN_PASSWORD)
    dl.save_checklist_template(
        [*DEFAULT_CHECKLIST,
         ChecklistItemDef("自助终端凭条纸、宣传单页补充", Anchor.START, 90, AppliesTo.ALL)],
        "增加自助终端巡检（市公司通知）")

    # day 2, 早班: zhang's draft in progress
    x.at(DAY2, "07:55")
    x.login("zhang")
    draft = dl.create_log(DAY2, x.shifts["早班"])
    x.logs["draft"] = draft.id
    for h in draft.unacked_in:
        dl.acknowledge_handover(h.id, draft.id)
    for e in draft.checklist[:3]:
        assert e.target_at is not None
        x.clock.set(max(x.clock.now(), e.target_at))
        dl.check_item(e.id, at=e.target_at)
    dl.update_draft(draft.id, weather="雪", staff_on_duty=[u["t2"].id], customer_flow=40)
    dl.report_fault(what="自助终端触摸屏失灵", location="自助服务区", log_id=draft.id)
    dl.add_handover_item(draft.id, "排队机纸卷仅剩 1 卷，已报领用")
    sv.auth.logout()


def cash(x: Snap) -> None:
    """Settings; on DAY1 a large shortage reviewed, a till reversed, cash in/out, an invoice
    range signed for and the day closed with a deposit; on DAY2 a draft count."""
    sv, u = x.sv, x.users
    cs = sv.cash
    x.at(DAY2, "18:00")
    x.login("admin")
    s = cs.settings()
    cs.save_settings(denominations=s.denominations, non_cash_methods=s.non_cash_methods,
                     reason_codes=s.reason_codes, review_threshold_fen=30_00)
    x.login("zhang")
    late = x.shifts["晚班"]
    a = cs.start_count(DAY1, late, u["t1"].id, u["zhang"].id, float_amount="500")
    cs.save_count(a.id, receivable="1,334.50", pieces={"note-10000": 16, "note-1000": 3},
                  non_cash={"wechat": "88.80", "pos": "20"}, reason_code="change_error",
                  note="找零差错，已与营业员核实")
    b = cs.start_count(DAY1, late, u["t2"].id, u["zhang"].id, float_amount="300")
    cs.save_count(b.id, receivable="500", pieces={"note-10000": 8, "coin-50": 1},
                  non_cash={"alipay": "0.50"}, reason_code="other", note="多 1 元待查")
    for c in (a, b):
        cs.confirm(c.id, "give", USER_PASSWORD)
        cs.confirm(c.id, "receive", USER_PASSWORD)
    cs.add_movement(DAY1, late, "200", direction="in", reason="补充零钞", teller_id=u["t1"].id)
    cs.add_movement(DAY1, late, "35.50", direction="out", reason="购买打印纸")
    r = cs.hand_over_invoices(DAY1, "invoice", "00012001", "00012050", u["li"].id)
    cs.confirm_invoices(r.id, USER_PASSWORD)
    x.login("admin")
    cs.review(a.id, "已核实，营业员签字认可")
    cs.reverse(b.id, "接收人登记错误，重新交接", ADMIN_PASSWORD)
    x.login("zhang")
    totals = cs.day_totals(DAY1)
    cs.close_day(DAY1, deposit=totals.counted_cash_fen - 500_00, safe="500", bag_no="KD1120",
                 seal_no="FQ261120", escort="保安 旺堆")
    d = cs.start_count(DAY2, x.shifts["早班"], u["t2"].id, u["li"].id, float_amount="300")
    cs.save_count(d.id, receivable="10", pieces={"note-10000": 3})
    sv.auth.logout()


# One step per module, in order; each may rely on what the steps before it made.
STEPS: tuple[Callable[[Snap], None], ...] = (foundation, dutylog, cash)


def build(path: Path) -> None:
    """A fresh database at ``path`` filled by ``STEPS``, closed and compacted."""
    db = open_database(sqlite_url(path), backup=False)
    try:
        clock = ManualClock(dt.datetime.combine(DAY1, dt.time(7, 0)))
        snap = Snap(build_services(db, clock, fast_hash=True), clock)
        for step in STEPS:
            step(snap)
    finally:
        db.dispose()
    con = sqlite3.connect(path, isolation_level=None)
    try:  # one self-contained file: rollback journal (the program switches back to WAL);
        # 1 KB pages keep a file of ~20 near-empty tables small (page size is no schema matter)
        con.execute("PRAGMA journal_mode=DELETE")
        con.execute("PRAGMA page_size=1024")
        con.execute("VACUUM")
    finally:
        con.close()


def make_snapshot(out_dir: Path = SCHEMAS_DIR, *, force: bool = False) -> Path:
    """Build ``schema-<head>.sqlite`` and its manifest in ``out_dir``; return the file."""
    target = out_dir / f"schema-{head_revision()}.sqlite"
    if target.exists() and not force:
        raise FileExistsError(f"{target} exists (stored files are history: --force to replace)")
    with tempfile.TemporaryDirectory(prefix="hm-snapshot-") as tmp:
        built = Path(tmp) / target.name
        build(built)
        out_dir.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".part")
        shutil.copyfile(built, partial)
        partial.replace(target)
    write_manifest(target)
    return target


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("--out", type=Path, default=SCHEMAS_DIR, help="folder (default: %(default)s)")
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.add_argument("--manifest-only", type=Path, metavar="FILE",
                   help="only write the manifest of an existing stored file")
    args = p.parse_args(argv)
    if args.manifest_only:
        made_by = "tools/make_schema_snapshot.py --manifest-only (file made earlier)"
        print(f"wrote {write_manifest(args.manifest_only, made_by)}")
        return 0
    try:
        target = make_snapshot(args.out, force=args.force)
    except FileExistsError as exc:
        print(f"make_schema_snapshot: {exc}", file=sys.stderr)
        return 1
    size = target.stat().st_size
    print(f"wrote {target} ({size // 1024} KB) and {manifest_path(target).name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
