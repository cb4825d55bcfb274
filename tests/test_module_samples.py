"""Every module's own outputs (``ModuleParts.samples``) in ``hallmanager --self-test``: each
registered module declares them, the real hooks write audited files the self-test accepts,
and a broken output fails the reports part naming the module and the file."""

from __future__ import annotations

import io
from pathlib import Path
from types import SimpleNamespace

import pytest

from hallmanager.app import build_services, create_demo
from hallmanager.commands import selftest
from hallmanager.registry import MODULES
from hallmanager.services.cash import samples as cash_samples
from hallmanager.services.modules import no_own_outputs


def test_every_registered_module_declares_its_own_outputs(services):
    built = [m.name for m in MODULES if m.parts]
    assert built and sorted(services.parts) == sorted(built)
    undeclared = [name for name, p in services.parts.items() if p.samples is None]
    assert undeclared == [], "give ModuleParts.samples (or samples=no_own_outputs)"
    assert any(p.samples is not no_own_outputs for p in services.parts.values())


def test_the_sample_outputs_are_real_audited_reports(db, clock, tmp_path):
    """Over a small demo: every hook writes files the self-test accepts, each one audited
    (the hooks use the same service methods as the desk and the command line)."""
    result = create_demo(db, clock, days=3, staff=4)
    services = build_services(db, clock, fast_hash=True)
    services.auth.login(result.admin_username, result.passwords[result.admin_username])

    def outputs() -> int:
        return sum(services.audit.count(action=a) for a in ("export", "print"))

    from hallmanager.exporters.fonts import cjk_font

    face = selftest._font_face(cjk_font().name)
    before = outputs()
    written: dict[str, list[Path]] = {}
    for name, parts in services.parts.items():
        if parts.samples is no_own_outputs:
            continue
        folder = tmp_path / name
        folder.mkdir()
        written[name] = [Path(f) for f in parts.samples(folder)]
        assert written[name], name
        for f in written[name]:
            assert f.parent == folder
            assert selftest._output_problem(f, face) is None, (name, f.name)
    suffixes = sorted(f.suffix for files in written.values() for f in files)
    assert ".pdf" in suffixes and ".xlsx" in suffixes
    assert outputs() - before == len(suffixes)
    services.close()


def test_a_broken_module_output_fails_the_reports_part_naming_it(monkeypatch, qapp):
    """One module's hook writes an empty PDF: the reports part fails, naming module and file
    (the other modules' outputs and the shared reports are still written)."""
    def broken(service, folder: Path) -> list[Path]:
        out = folder / "till-slip-broken.pdf"
        out.write_bytes(b"")
        return [out]

    monkeypatch.setattr(cash_samples, "write_samples", broken)
    out = io.StringIO()
    test = selftest.run_selftest(only=["reports"], out=out, days=2)
    assert test.failed == ["reports"], out.getvalue()
    detail = test.outcomes[-1].detail
    assert "cash: till-slip-broken.pdf does not embed the CJK font" in detail
    assert "attendance" not in detail and "complaints" not in detail


def _pdf(path: Path, font: str, text: str) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path))
    canvas.setFont(font, 12)
    canvas.drawString(72, 720, text)  # " ": the font is embedded, there is no text
    canvas.showPage()
    canvas.save()
    return path


def _book(path: Path, value: str | None) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    if value is not None:
        wb.active["A1"] = value
    wb.save(path)
    return path


@pytest.fixture
def font():
    from hallmanager.exporters.fonts import cjk_font

    f = cjk_font()
    if not f.embedded:
        pytest.skip("no Chinese TrueType font on this machine")
    return f


def test_module_output_checks_name_every_problem(tmp_path, font):
    def hook(files):
        return lambda folder: [f(folder) for f in files]

    def boom(folder):
        raise RuntimeError("磁盘已满")

    parts = {
        "good": SimpleNamespace(samples=hook([
            lambda d: _pdf(d / "ok.pdf", font.name, "交接单"),
            lambda d: _book(d / "ok.xlsx", "现金")])),
        "none": SimpleNamespace(samples=no_own_outputs),
        "silent": SimpleNamespace(samples=None),
        "raises": SimpleNamespace(samples=boom),
        "empty": SimpleNamespace(samples=lambda folder: []),
        "bad": SimpleNamespace(samples=hook([
            lambda d: _pdf(d / "latin.pdf", "Helvetica", "slip"),
            lambda d: _pdf(d / "blank.pdf", font.name, " "),
            lambda d: _book(d / "blank.xlsx", None),
            lambda d: d / "missing.xlsx",
            lambda d: (d / "notes.txt").write_text("x") and d / "notes.txt"])),
    }
    with pytest.raises(selftest.PartFailed) as failed:
        selftest.check_module_samples(parts, tmp_path)
    detail = str(failed.value)
    for expected in ("silent: no samples hook", "raises: samples failed (RuntimeError: 磁盘已满)",
                     "empty: samples wrote no file", "bad: latin.pdf does not embed",
                     "bad: blank.pdf has no text", "bad: blank.xlsx has no sheet with data",
                     "bad: missing.xlsx was not written", "bad: notes.txt is neither"):
        assert expected in detail, (expected, detail)
    assert "good" not in detail and "none" not in detail
    ok = selftest.check_module_samples({k: parts[k] for k in ("good", "none")}, tmp_path)
    assert ok == "module outputs: good 2 (ok.pdf, ok.xlsx)"
