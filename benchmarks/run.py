"""The performance benchmark of issue 9: one table, medians of N runs, ratios to bare processes.

    python benchmarks/run.py [--runs 5] [--cache /tmp/hallmanager-bench] [--no-5y]
                             [--demo-5y-runs 1] [--markdown docs/benchmarks.md]
                             [--gui-only --demo-90-runs 1]   # the desk's rows and stalls only

Every figure is the median of ``--runs`` runs, each in a fresh process (offscreen Qt). Where a
reference exists, the ratio is to the reference measured in the same run, interleaved with
it, so a busy machine slows both alike:

- start → login dialog visible vs a bare PySide6 window with 7 tabs (spawn → shown);
- peak memory with the main window open vs that bare window;
- ``export daily`` / ``print handover`` (whole commands) vs a bare openpyxl 1-sheet write and
  a bare reportlab 1-page PDF process. The commands run with their byte code cached between
  runs (``PYTHONPYCACHEPREFIX`` in ``--cache``), as an installed program has its .pyc files.

The GUI figures come from one driven desk process per run: the real start-up flow
(``StartupFlow``) with the login dialog filled in and "Enter" pressed, then the 值班日志 tab,
a date switch, the 设置 tab's audit section and the 校验审计链 button, while a 5 ms QTimer
probe records the longest gap between its ticks (the longest time the GUI thread was
blocked). The 5-year demo (1,825 days) is built once into ``--cache`` (outside the repo) and
copied for each run; the admin logs in once there, so the stored hash has production cost.
Nothing here asserts: the figures are printed (and written to ``--markdown``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ADMIN = ("admin", "Demo2026admin")
ENV = dict(os.environ, QT_QPA_PLATFORM="offscreen", HALLMANAGER_USER=ADMIN[0],
           HALLMANAGER_PASSWORD=ADMIN[1], PYTHONDONTWRITEBYTECODE="1")

BARE_WINDOW = r"""
import resource, time, sys
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget
app = QApplication([])
w = QMainWindow(); tabs = QTabWidget(w)
for i in range(7):
    tabs.addTab(QWidget(), f"tab {i}")
w.setCentralWidget(tabs); w.show(); app.processEvents()
print(time.time(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

BARE_OPENPYXL = r"""
import sys, openpyxl
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "日报"; ws["A1"] = "营业日报"
wb.save(sys.argv[1])
"""

BARE_REPORTLAB = r"""
import sys
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
c = canvas.Canvas(sys.argv[1], pagesize=A4); c.drawString(72, 720, "handover"); c.showPage()
c.save()
"""

# The desk, driven: the real start-up flow, login dialog answered, then the tabs.
DESK = r"""
import datetime as dt, json, resource, sys, time
T = {}
DB, INI, TYPING_MS = sys.argv[1], sys.argv[2], int(sys.argv[3])
from hallmanager.commands import gui
from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
app = gui.make_app()

class Probe:
    '''Longest gap between ticks of a 5 ms timer, minus the interval: GUI thread blocked.'''
    def __init__(self):
        self.timer = QTimer(); self.timer.setInterval(5); self.clock = QElapsedTimer()
        self.timer.timeout.connect(self.tick); self.worst = 0.0; self.last = None
    def start(self):
        self.clock.start(); self.last = 0; self.timer.start()
    def tick(self):
        now = self.clock.elapsed()
        if self.last is not None:
            self.worst = max(self.worst, (now - self.last - 5) / 1000)
        self.last = now
    def stop(self):
        self.timer.stop(); self.last = None

probe = Probe()

def settle(ms=60):
    '''Run the event loop for ``ms`` (queued refreshes, worker results, the probe).'''
    end = time.perf_counter() + ms / 1000
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)

class Flow(gui.StartupFlow):
    def run_dialog(self, dialog):
        from hallmanager.ui.login import LoginDialog
        assert isinstance(dialog, LoginDialog), type(dialog)
        dialog.show(); app.processEvents()
        T["login_visible"] = time.time()
        probe.start(); settle(TYPING_MS)  # the user types; the database opens meanwhile
        T["stall_start"] = probe.worst
        dialog.fill(*LOGIN)
        T["enter"] = time.perf_counter()
        return dialog.try_login()

LOGIN = ("admin", "Demo2026admin")
flow = Flow(app, "sqlite:///" + DB, settings=QSettings(INI, QSettings.Format.IniFormat))
window = flow.prepare()
window.show(); app.processEvents()
T["main_visible"] = time.perf_counter() - T.pop("enter")
T["rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
settle(100)
T["stall_start"] = max(T["stall_start"], probe.worst)

def timed(fn):
    probe.worst = 0.0
    t = time.perf_counter(); fn(); d = time.perf_counter() - t
    settle(80)
    return d, probe.worst

tabs = window.tab_widget
def tab_index(name):  # by index, not window.page(): that would build a lazy tab untimed
    return [tabs.widget(i).objectName() for i in range(tabs.count())].index(name)
T["open_dutylog"], s1 = timed(lambda: tabs.setCurrentIndex(tab_index("dutyLogTab")))
duty = window.page("dutyLogTab")
today = window.services.ctx.clock.now().date()
switches = []
worst = s1
for back in (3, 10, 30):
    def switch(back=back):
        duty.date.set_date_value(today - dt.timedelta(days=back)); duty.open_selected()
    d, s = timed(switch); switches.append(d); worst = max(worst, s)
T["switch_date"] = sorted(switches)[1]
def open_audit():
    global settings
    tabs.setCurrentIndex(tab_index("settingsTab"))
    settings = window.page("settingsTab")
    settings.show_section(settings.audit)
T["open_settings_audit"], s = timed(open_audit)
worst = max(worst, s)

# 校验审计链: the click (GUI thread), then until the result box / the end of the work
from PySide6.QtWidgets import QApplication as _QA, QMessageBox
probe.worst = 0.0
t = time.perf_counter()
settings.audit.verify_button.click()
T["verify_click"] = time.perf_counter() - t
deadline = time.perf_counter() + 120
def result_box():
    return [w for w in _QA.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
while not result_box() and time.perf_counter() < deadline:
    app.processEvents(); time.sleep(0.002)
T["verify_total"] = time.perf_counter() - t
T["verify_stall"] = probe.worst
for b in result_box():
    b.close()
worst = max(worst, probe.worst)
T["stall_tabs"] = worst
T["stall"] = max(T["stall_start"], worst)
probe.stop()
flow.shutdown()
print(json.dumps(T))
"""


def py(code: str, *args: str, timeout: float = 600) -> tuple[float, str]:
    """Run ``python -c code``; (wall seconds from spawn, last stdout line)."""
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         env=ENV, timeout=timeout)
    wall = time.perf_counter() - t
    if out.returncode != 0:
        raise RuntimeError(f"child failed ({out.returncode}):\n{out.stderr[-3000:]}")
    lines = out.stdout.strip().splitlines()
    return wall, lines[-1] if lines else ""


# The command line runs with its byte code kept between runs (in the cache folder), as an
# installed program has its .pyc files (pip and PyInstaller compile them): without it every
# run compiled the whole hallmanager package again, 0.3–0.5 s the bare references, reading
# the .pyc files of site-packages, never pay.
PYCACHE = Path(tempfile.gettempdir()) / "hallmanager-bench" / "pycache"


def cli_env() -> dict[str, str]:
    env = dict(ENV, PYTHONPYCACHEPREFIX=str(PYCACHE))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def cli(*args: str, timeout: float = 1200) -> float:
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "hallmanager", *args], capture_output=True,
                         text=True, env=cli_env(), timeout=timeout)
    wall = time.perf_counter() - t
    if out.returncode != 0:
        raise RuntimeError(f"hallmanager {' '.join(args)} failed ({out.returncode}):\n"
                           f"{out.stdout[-2000:]}\n{out.stderr[-2000:]}")
    return wall


def build_demo(path: Path, days: int) -> float:
    """``hallmanager demo`` into ``path``, then one admin login (production-cost hash)."""
    for p in path.parent.glob(path.name + "*"):
        p.unlink()
    secs = cli("demo", "--db", str(path), "--days", str(days))
    py("import sys\nfrom hallmanager.app import open_services\nfrom hallmanager.storage.database"
       " import sqlite_url\ns = open_services(sqlite_url(sys.argv[1]))\n"
       "s.auth.login('admin', 'Demo2026admin'); s.auth.logout(); s.close(); print('ok')",
       str(path))
    return secs


def copy_db(src: Path, folder: Path) -> Path:
    dst = folder / "hall.sqlite"
    for p in folder.glob("hall.sqlite*"):
        p.unlink()
    shutil.copyfile(src, dst)
    return dst


def med(xs: list[float]) -> float:
    return statistics.median(xs)


def measure_hall(name: str, src: Path, runs: int, work: Path,
                 typing_ms: int = 150, gui_only: bool = False) -> dict[str, list[float]]:
    """Every per-run figure on one demo hall (copied fresh for each run)."""
    r: dict[str, list[float]] = {}

    def add(key: str, value: float) -> None:
        r.setdefault(key, []).append(value)

    day = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    for i in range(runs):
        db = copy_db(src, work)
        # a fresh config folder: no local audit anchor of an earlier copy at the same path
        config = work / "config"
        shutil.rmtree(config, ignore_errors=True)
        ENV["XDG_CONFIG_HOME"] = str(config)
        # bare window and desk start, interleaved
        t0 = time.time()
        _wall, line = py(BARE_WINDOW)
        shown, rss = line.split()
        add("bare_window", float(shown) - t0)
        add("bare_rss", int(rss) / 1024)
        t0 = time.time()
        _wall, line = py(DESK, str(db), str(work / f"ui{i}.ini"), str(typing_ms))
        d = json.loads(line)
        add("login_visible", d["login_visible"] - t0)
        for k in ("main_visible", "rss_mib", "open_dutylog", "switch_date",
                  "open_settings_audit", "verify_click", "verify_total", "verify_stall",
                  "stall", "stall_start", "stall_tabs"):
            add(k, d[k])
        if gui_only:  # the desk's rows only (start, tabs, stalls): no command-line runs
            print(f"  {name} run {i + 1}/{runs} done", file=sys.stderr, flush=True)
            continue
        out = work / "out"
        out.mkdir(exist_ok=True)
        add("bare_openpyxl", py(BARE_OPENPYXL, str(out / "bare.xlsx"))[0])
        add("export_daily", cli("export", "daily", "--db", str(db), "--date", day,
                                "--out", str(out / "d.xlsx"), "--force"))
        add("bare_reportlab", py(BARE_REPORTLAB, str(out / "bare.pdf"))[0])
        add("print_handover", cli("print", "handover", "--db", str(db), "--date", day,
                                  "--shift", "早班", "--out", str(out / "h.pdf"), "--force"))
        add("check", cli("check", "--db", str(db)))
        print(f"  {name} run {i + 1}/{runs} done", file=sys.stderr, flush=True)
    return r


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        ram = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} CPUs (nproc), {cpu}, {ram} RAM, {platform.platform()}, " \
           f"Python {platform.python_version()}"


BEGIN, END = "<!-- benchmarks/run.py: begin -->", "<!-- benchmarks/run.py: end -->"


def write_markdown(path: Path, text: str) -> None:
    """Put the table between the markers of ``path`` (the rest of the file, other benchmarks'
    sections and the earlier tables kept by hand, stays as it is); a new file gets a title."""
    block = f"{BEGIN}\n{text}{END}"
    old = path.read_text(encoding="utf-8") if path.exists() else (
        "# Benchmarks\n\nWritten by `python benchmarks/run.py --markdown docs/benchmarks.md`"
        " (issue 9). Ratios are paired with the reference process in the same run.\n\n")
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        new = head + block + rest.split(END, 1)[1]
    else:
        new = old.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(new, encoding="utf-8")


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "hallmanager-bench"))
    ap.add_argument("--no-5y", action="store_true", help="only the 90-day hall")
    ap.add_argument("--rebuild-5y", action="store_true", help="rebuild the cached 5-year demo")
    ap.add_argument("--demo-5y-runs", type=int, default=1,
                    help="how often to build the 5-year demo (each ~1 min)")
    ap.add_argument("--demo-90-runs", type=int, default=5)
    ap.add_argument("--markdown", help="also write the table to this file")
    ap.add_argument("--typing-ms", type=int, default=150,
                    help="how long the user types in the login dialog before Enter (the "
                         "database opens meanwhile); a person needs 2–3 s for name and password")
    ap.add_argument("--gui-only", action="store_true",
                    help="only the desk's rows (start, memory, tabs, 校验审计链, GUI stalls): "
                         "no export/print/check runs; use with --demo-90-runs 1")
    ap.add_argument("--no-compile", action="store_true",
                    help="don't byte-compile hallmanager first (every start then compiles "
                         "its sources, as no installed copy does)")
    args = ap.parse_args()
    if not args.no_compile:
        # An installation has .pyc files (pip and the bundle compile); the children run with
        # PYTHONDONTWRITEBYTECODE, so without this they would compile every module each time.
        package = Path(__file__).resolve().parent.parent / "hallmanager"
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    global PYCACHE
    PYCACHE = cache / "pycache"
    work = Path(tempfile.mkdtemp(prefix="hm-bench-"))
    ENV["XDG_CONFIG_HOME"] = str(work / "config-build")  # keep anchors out of ~/.config
    load_before = load()
    started = dt.datetime.now()

    demo90: list[float] = []
    for i in range(args.demo_90_runs):
        demo90.append(build_demo(work / "d90.sqlite", 90))
        print(f"  demo 90 d run {i + 1}: {demo90[-1]:.2f} s", file=sys.stderr, flush=True)
    halls = {"90 d": work / "d90.sqlite"}
    demo5: list[float] = []
    if not args.no_5y:
        five = cache / "demo-5y.sqlite"
        if args.rebuild_5y or not five.exists() or args.demo_5y_runs > 1:
            for i in range(max(1, args.demo_5y_runs)):
                demo5.append(build_demo(cache / "demo-5y.building.sqlite", 1825))
                print(f"  demo 5 y run {i + 1}: {demo5[-1]:.1f} s", file=sys.stderr, flush=True)
            os.replace(cache / "demo-5y.building.sqlite", five)
        halls["5 y"] = five
    res = {name: measure_hall(name, src, args.runs, work, args.typing_ms, args.gui_only)
           for name, src in halls.items()}

    def fig(name: str, key: str, unit: str = "s", ref: str | None = None) -> str:
        if name not in res or key not in res[name]:
            return "—"
        xs = res[name][key]
        v = med(xs)
        text = f"{v * 1000:.0f} ms" if unit == "ms" else (
            f"{v:.0f} MiB" if unit == "MiB" else f"{v:.2f} s")
        if ref:
            ratios = [a / b for a, b in zip(xs, res[name][ref], strict=True)]
            text += f" ({med(ratios):.2f}×)"
        return text

    rows = [
        ("start → login dialog visible (× bare 7-tab PySide6 window)", "login_visible", "s",
         "bare_window", "≤ 2.0×"),
        ("  bare PySide6 window, 7 tabs (reference)", "bare_window", "s", None, ""),
        (f"Enter on the login dialog → main window visible ({args.typing_ms} ms of typing "
         "before Enter)", "main_visible", "s", None, "≤ 0.35 s"),
        ("peak memory, main window open (× bare window)", "rss_mib", "MiB", "bare_rss",
         "≤ 150 MiB"),
        ("`export daily`, whole command (× bare openpyxl write)", "export_daily", "s",
         "bare_openpyxl", "≤ 3.0×"),
        ("`print handover`, whole command (× bare reportlab page)", "print_handover", "s",
         "bare_reportlab", "≤ 3.0×"),
        ("`check`, whole command", "check", "s", None, "≤ 1.0 s at 5 y"),
        ("open the 值班日志 tab", "open_dutylog", "ms", None, "≤ 100 ms"),
        ("switch date in 值班日志", "switch_date", "ms", None, "≤ 100 ms"),
        ("open 设置 with the audit section", "open_settings_audit", "ms", None, "≤ 100 ms"),
        ("校验审计链: click returns (GUI thread)", "verify_click", "ms", None, "off the GUI thread"),
        ("校验审计链: until the result shows", "verify_total", "s", None, ""),
        ("longest GUI stall during 校验审计链", "verify_stall", "ms", None, "≤ 100 ms"),
        ("longest GUI stall (login typed, tabs, date, check)", "stall", "ms", None, "≤ 100 ms"),
    ]
    lines = ["| what | 90-day demo | 5-year demo (1,825 days) | goal |", "|---|---|---|---|"]
    for label, key, unit, ref, goal in rows:
        lines.append(f"| {label} | {fig('90 d', key, unit, ref)} | {fig('5 y', key, unit, ref)}"
                     f" | {goal} |")
    d5 = f"{med(demo5):.1f} s (n={len(demo5)})" if demo5 else "cached (not rebuilt)"
    lines.append(f"| `hallmanager demo` (whole command) | {med(demo90):.2f} s | {d5} | "
                 f"≤ 3 s / ≤ 60 s |")
    if "5 y" in res:
        def open_time(name: str) -> list[float]:
            return [a + b for a, b in zip(res[name]["login_visible"], res[name]["main_visible"],
                                          strict=True)]
        ratio = med(open_time("5 y")) / med(open_time("90 d"))
        lines.append(f"| open time (start → login + Enter → main), 5 y ÷ 90 d | "
                     f"{med(open_time('90 d')):.2f} s | {med(open_time('5 y')):.2f} s "
                     f"({ratio:.2f}×) | ≤ 1.2× |")
    header = (f"Measured {started:%Y-%m-%d %H:%M} on {machine()}; load average before "
              f"{load_before}, after {load()}; medians of {args.runs} runs "
              f"(demo 90 d: {len(demo90)} runs).")
    table = "\n".join(lines)
    print(header)
    print(table)
    if args.markdown:
        write_markdown(Path(args.markdown), f"{header}\n\n{table}\n")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
