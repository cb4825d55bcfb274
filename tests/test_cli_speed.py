"""What keeps the command line quick (issue 9): each command imports only what it needs, the
workbook names its CJK font without parsing it, and ``check`` streams the audit log.

No timings are asserted here (benchmarks/run.py and benchmarks/bench_check.py measure); these
tests pin down the mechanisms: which libraries a real command process loads, and that the
fast paths give exactly the results of the slow ones.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from hallmanager.domain.audit_chain import canonical_json, payload_json, verify_rows
from hallmanager.exporters import fonts
from tests.conftest import ADMIN_PASSWORD, fill_audit
from tests.test_export_service import build_day

ROOT = Path(__file__).resolve().parent.parent

# Runs the real command line in a fresh interpreter, then prints which modules that process
# imported: every module's full name and every top-level package's name.
PROBE = r"""
import json, sys
from hallmanager.cli import main
rc = main(sys.argv[1:])
names = sorted(set(sys.modules) | {m.split(".")[0] for m in sys.modules})
print(json.dumps({"rc": rc, "modules": names}))
"""
# reportlab's machinery (fonts, canvas, layout); its tiny top package only says its version
REPORTLAB = {"reportlab.pdfbase", "reportlab.pdfgen", "reportlab.platypus", "reportlab.lib"}


def run_probe(*args: str) -> tuple[int, set[str]]:
    env = dict(os.environ, HALLMANAGER_USER="admin", HALLMANAGER_PASSWORD=ADMIN_PASSWORD,
               PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                         env=env, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return data["rc"], set(data["modules"])


@pytest.fixture
def day_file(hall, clock, db_path, tmp_path) -> tuple[Path, Path]:
    """A closed hall file with a day of logs, and an output folder; the font index is warm
    (as after the first print or export on this PC)."""
    build_day(hall, clock)
    hall.close()
    fonts.cjk_family()
    out = tmp_path / "out"
    out.mkdir()
    return db_path, out


def test_export_daily_loads_neither_reportlab_nor_qt(day_file):
    db, out = day_file
    rc, mods = run_probe("export", "daily", "--db", str(db), "--date", "2026-11-22",
                         "--out", str(out / "d.xlsx"))
    assert rc == 0 and (out / "d.xlsx").is_file()
    assert "openpyxl" in mods
    assert not mods & {*REPORTLAB, "PySide6", "alembic"}, mods


def test_print_handover_loads_neither_openpyxl_nor_qt(day_file):
    db, out = day_file
    rc, mods = run_probe("print", "handover", "--db", str(db), "--date", "2026-11-22",
                         "--shift", "早班", "--out", str(out / "h.pdf"))
    assert rc == 0 and (out / "h.pdf").is_file()
    assert "reportlab" in mods
    assert not mods & {"openpyxl", "PySide6", "alembic"}, mods


def test_check_loads_no_module_service_and_no_output_library(day_file):
    db, _out = day_file
    rc, mods = run_probe("check", "--db", str(db))
    assert rc == 0
    assert not mods & {*REPORTLAB, "openpyxl", "PySide6", "alembic"}, mods
    assert not {m for m in mods if m.startswith("hallmanager.services.dutylog")}, mods


# --- the font index -----------------------------------------------------------------------------


def _a_cjk_font() -> Path:
    found = next((p for p in fonts.candidate_paths() if p.is_file() and fonts._load_ttf(p)),
                 None)
    if found is None:
        pytest.skip("no Chinese TrueType font on this machine")
    return found


def test_family_name_from_the_index_equals_reportlabs_and_needs_no_reportlab(tmp_path,
                                                                              monkeypatch):
    font = tmp_path / "fonts" / ("cjk" + _a_cjk_font().suffix)
    font.parent.mkdir()
    shutil.copyfile(_a_cjk_font(), font)
    monkeypatch.setenv(fonts.ENV_FONT, str(font))
    monkeypatch.setenv(fonts.ENV_FONT_CACHE, str(tmp_path / "cache"))
    parsed = fonts.cjk_font()  # reportlab's own reading
    assert parsed.path == font
    expected = fonts._face_family(__import__("reportlab.pdfbase.pdfmetrics", fromlist=["x"])
                                  .getFont(parsed.name))
    code = ("import sys; from hallmanager.exporters.fonts import cjk_family; "
            "print(cjk_family()); print('reportlab.pdfbase.ttfonts' in sys.modules)")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True)
    assert res.stdout.splitlines() == [expected, "False"]  # from the index, no TTF parsing


def test_a_changed_font_file_is_judged_again(tmp_path, monkeypatch):
    font = tmp_path / ("cjk" + _a_cjk_font().suffix)
    shutil.copyfile(_a_cjk_font(), font)
    monkeypatch.setenv(fonts.ENV_FONT, str(font))
    monkeypatch.setenv(fonts.ENV_FONT_CACHE, str(tmp_path / "cache"))
    monkeypatch.setattr(fonts, "candidate_paths", lambda: [font])
    good = fonts._family((font,))
    assert good != fonts.FALLBACK_FAMILY
    index = json.loads((tmp_path / "cache" / fonts.FONT_INDEX).read_text(encoding="utf-8"))
    assert [v["family"] for v in index["fonts"].values()] == [good]
    font.write_bytes(b"not a font any more")  # another size and time: a new key
    fonts._family.cache_clear()
    assert fonts.cjk_family() == fonts.FALLBACK_FAMILY
    index = json.loads((tmp_path / "cache" / fonts.FONT_INDEX).read_text(encoding="utf-8"))
    assert [v["index"] for v in index["fonts"].values()] == [None]  # one entry per file
    fonts._family.cache_clear()


# --- check: the streamed, plain-row audit chain -------------------------------------------------


@pytest.mark.parametrize("value", [
    "plain", "", 'say "hi" \\ back', "tab\there\nnewline\r\x00\x1f\x7f", "营业厅 · 拉萨",
    "\u2028\u2029 emoji 😀", '{"json": ["inside", 1, null]}',
])
def test_payload_text_is_exactly_canonical_json(value):
    row = (7, "2026-11-22 09:00:00", 3, value, "act", "entity", value, value, None, "p", "h")
    payload = {"id": 7, "at": "2026-11-22 09:00:00", "user_id": 3, "username": value,
               "action": "act", "entity": "entity", "entity_id": value, "before": value,
               "after": None}
    assert payload_json(row) == canonical_json(payload)


@pytest.mark.parametrize("odd", [True, 1.5, 12, b"x"])
def test_payload_of_unexpected_types_falls_back_to_canonical_json(odd):
    """A hand-edited row may hold any SQLite type; its text must still be canonical_json's."""
    row = (1, "2026-11-22 09:00:00", odd, "u", "a", "e", None, None, None, "p", "h")
    payload = {"id": 1, "at": "2026-11-22 09:00:00", "user_id": odd, "username": "u",
               "action": "a", "entity": "e", "entity_id": None, "before": None, "after": None}
    assert payload_json(row) == canonical_json(payload)
    assert verify_rows([row]) != []  # and it does not verify against a made-up hash


def test_streamed_check_finds_a_tampered_row_at_its_id_and_reports_every_batch(hall, db_path):
    from hallmanager.storage.audit import verify_audit_chain

    fill_audit(hall, 6000)
    with hall.ctx.db.read() as s:
        total = s.connection().exec_driver_sql("SELECT count(*) FROM audit_entry").scalar()
    victim = total - 1234
    con = sqlite3.connect(db_path, isolation_level=None)
    con.execute("DROP TRIGGER audit_entry_no_update")
    con.execute("UPDATE audit_entry SET entity_id = 'changed' WHERE id = ?", (victim,))
    # a time stored in another form than the program's (no fraction): still read correctly
    con.execute("UPDATE audit_entry SET at = substr(at, 1, 19) WHERE id = 5")
    con.close()
    seen: list[tuple[int, int]] = []
    with hall.ctx.db.read() as s:
        problems = verify_audit_chain(s, lambda done, of: seen.append((done, of)))
    assert problems == [f"审计记录 #{victim} 的内容与哈希不符（记录被修改）"]
    assert [d for d, _ in seen] == [*range(2000, total, 2000), total]
    assert {t for _, t in seen} == {total}


def test_check_full_runs_the_whole_integrity_check(hall, db_path, capsys):
    from hallmanager.cli import main

    hall.close()
    assert main(["check", "--db", str(db_path), "--full"]) == 0
    assert "数据库检查通过" in capsys.readouterr().out


def test_one_shot_commands_leave_the_garbage_collector_as_they_found_it(hall, db_path,
                                                                      capsys):
    """export/print/check run without the cyclic collector (cli.NO_GC_COMMANDS) and switch
    it back on when they end, also when called in-process (tests, the self-test)."""
    import gc

    from hallmanager.cli import main

    hall.close()
    assert gc.isenabled()
    assert main(["check", "--db", str(db_path)]) == 0
    assert gc.isenabled()
    assert main(["export", "daily", "--db", str(db_path), "--date", "bad",
                 "--out", str(db_path.with_suffix(".xlsx"))]) == 2
    assert gc.isenabled()
    capsys.readouterr()


@pytest.mark.parametrize(("a", "b"), [
    (1, 1), (1, 2), (1, True), (True, True), (0, False), (1, 1.0), (0.0, -0.0), (None, None),
    (None, 0), ("a", "a"), ("a", "b"), ({"x": 1}, {"x": 1}), ({"x": 1}, {"x": True}),
    ({"x": 1, "y": [1, "2"]}, {"y": [1, "2"], "x": 1}), ({"x": [1]}, {"x": (1,)}),
    ({1: "a"}, {"1": "a"}), ([1, 2], [1, 2, 3]), ([], ()), ({"a": None}, {}),
    ({"100元": 3, "50元": 0}, {"50元": 0, "100元": 3}),
])
def test_record_comparison_is_exactly_canonical_json_equality(a, b):
    """storage.integrity._same compares plain values directly; it must agree with comparing
    their canonical JSON (the audit log's own form) in every case."""
    from hallmanager.storage.integrity import _same

    assert _same(a, b) == (canonical_json(a) == canonical_json(b))
    assert _same(b, a) == (canonical_json(a) == canonical_json(b))


PDF_RUN = r"""
import hashlib, sys
from reportlab import rl_config
rl_config.invariant = 1  # no dates or random ids in the file: equal inputs, equal bytes
from reportlab.pdfbase import pdfmetrics
from hallmanager.exporters import fonts
from hallmanager.exporters.handover_pdf import write_handover_pdf
from tests.test_pdf_handover import make_sheet
font = fonts.cjk_font()
out = write_handover_pdf(make_sheet(), sys.argv[1], force=True)
print(type(pdfmetrics.getFont(font.name).face).__name__, font.path)
print(hashlib.sha256(out.read_bytes()).hexdigest())
"""


def test_a_pdf_from_the_saved_glyph_tables_is_byte_for_byte_the_parsed_ones(tmp_path):
    """The second print on a PC takes the font's glyph tables from the cache folder instead
    of parsing the whole TrueType file; the PDF must not differ by a single byte."""
    _a_cjk_font()
    env = dict(os.environ, PYTHONPATH=str(ROOT), HALLMANAGER_FONT_CACHE=str(tmp_path / "fc"))

    def run(name: str) -> list[str]:
        res = subprocess.run([sys.executable, "-c", PDF_RUN, str(tmp_path / name)],
                             capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
        assert res.returncode == 0, res.stderr[-3000:]
        return res.stdout.split()

    parsed, saved = run("parsed.pdf"), run("saved.pdf")
    assert parsed[0] == "TTFontFace" and saved[0] == "_SavedFace"
    assert list((tmp_path / "fc").glob("face-*.bin"))
    assert saved[1:] == parsed[1:]  # the same font file, the same bytes
