"""The installer's spec collects what the program loads, checked without running PyInstaller:
the spec is executed with stand-ins for PyInstaller's Analysis/PYZ/EXE/COLLECT, and what it
hands them is compared with the registry, the migrations folder and the resources."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from hallmanager.registry import MODULES
from hallmanager.storage.migrate import MIGRATIONS_DIR
from installer import collect

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "installer" / "hallmanager.spec"
ISS = ROOT / "installer" / "hallmanager.iss"


class _Recorder:
    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs
        self.binaries, self.datas, self.pure, self.scripts = [], [], [], []
        self.name = kwargs.get("name")


def run_spec(monkeypatch, platform: str = "linux") -> SimpleNamespace:
    """Execute the spec as PyInstaller would, recording what it passes on."""
    made: dict[str, list[_Recorder]] = {"Analysis": [], "EXE": [], "COLLECT": []}

    def factory(kind):
        def make(*args, **kwargs):
            r = _Recorder(*args, **kwargs)
            made.setdefault(kind, []).append(r)
            return r
        return make

    monkeypatch.setattr(sys, "platform", platform)
    namespace = {"SPECPATH": str(SPEC.parent), "__file__": str(SPEC),
                 "Analysis": factory("Analysis"), "PYZ": factory("PYZ"),
                 "EXE": factory("EXE"), "COLLECT": factory("COLLECT")}
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    analysis = made["Analysis"][0]
    return SimpleNamespace(hidden=set(analysis.kwargs["hiddenimports"]),
                           datas=list(analysis.kwargs["datas"]),
                           excludes=set(analysis.kwargs["excludes"]),
                           exes=[e.name for e in made["EXE"]],
                           collect=made["COLLECT"][0])


def _dests(datas) -> set[str]:
    return {f"{dest}/{Path(src).name}" for src, dest in datas}


def test_spec_collects_every_module_the_registry_names(monkeypatch):
    spec = run_spec(monkeypatch)
    refs = [ref for m in MODULES for ref in (m.parts, m.tab, m.demo, m.snapshot) if ref]
    assert refs, "the registry names no module"
    missing = [ref for ref in refs if ref.partition(":")[0] not in spec.hidden]
    assert missing == []
    # and every other module of the package (imported lazily by name or by a command)
    files = [p for p in (ROOT / "hallmanager").rglob("*.py") if MIGRATIONS_DIR not in p.parents]
    assert len(spec.hidden & set(collect.package_modules())) == len(files)
    for lazy in ("hallmanager.storage.all_models", "hallmanager.commands.selftest",
                 "hallmanager.ui.printing", "openpyxl", "reportlab", "pypdfium2"):
        assert lazy in spec.hidden


def test_spec_collects_every_migration_and_what_it_imports(monkeypatch):
    spec = run_spec(monkeypatch)
    dests = _dests(spec.datas)
    versions = sorted((MIGRATIONS_DIR / "versions").glob("*.py"))
    assert len(versions) >= 7
    for f in [*versions, MIGRATIONS_DIR / "env.py", MIGRATIONS_DIR / "script.py.mako"]:
        assert f.relative_to(ROOT).as_posix() in dests, f
    # Alembic loads the scripts from disk: what they import must be bundled by name
    assert {"alembic.op", "alembic.context", "sqlalchemy"} <= spec.hidden
    assert set(collect.migration_imports()) <= spec.hidden
    assert not any("__pycache__" in d for d in dests)


def test_a_new_migration_or_module_is_collected_without_editing_the_spec(monkeypatch, tmp_path):
    """What a helper adds later (a module package, a migration) is found by the walk."""
    pkg = tmp_path / "hallmanager"
    (pkg / "services" / "newmod").mkdir(parents=True)
    (pkg / "services" / "newmod" / "__init__.py").write_text("")
    (pkg / "services" / "newmod" / "demo.py").write_text("")
    versions = pkg / "storage" / "migrations" / "versions"
    versions.mkdir(parents=True)
    (versions / "0099_new.py").write_text("from alembic import op\nimport sqlalchemy as sa\n"
                                         "revision = '0099'\n")
    monkeypatch.setattr(collect, "ROOT", tmp_path)
    monkeypatch.setattr(collect, "PACKAGE", pkg)
    monkeypatch.setattr(collect, "MIGRATIONS", pkg / "storage" / "migrations")
    for name in ("RESOURCES", "BUILD_I18N", "BUILD_FONTS", "BUILD_LICENSES"):
        monkeypatch.setattr(collect, name, tmp_path / name)
    assert "hallmanager.services.newmod.demo" in collect.package_modules()
    assert "hallmanager.storage.migrations.versions.0099_new" not in collect.package_modules()
    assert ("hallmanager/storage/migrations/versions/0099_new.py"
            in _dests(collect.datas()))
    assert "alembic.op" in collect.migration_imports()


def test_spec_collects_resources_translations_and_the_font(monkeypatch, tmp_path):
    i18n, fonts, licences = tmp_path / "i18n", tmp_path / "fonts", tmp_path / "licenses"
    for d in (i18n, fonts, licences):
        d.mkdir()
    (licences / "THIRD-PARTY.txt").write_text("list")
    monkeypatch.setattr(collect, "BUILD_LICENSES", licences)
    (i18n / "hallmanager_en.qm").write_bytes(b"qm")
    (fonts / "wqy-microhei.ttc").write_bytes(b"ttc")
    monkeypatch.setattr(collect, "BUILD_I18N", i18n)
    monkeypatch.setattr(collect, "BUILD_FONTS", fonts)
    spec = run_spec(monkeypatch)
    dests = _dests(spec.datas)
    assert "resources/i18n/hallmanager_en.qm" in dests
    assert "resources/fonts/wqy-microhei.ttc" in dests
    assert "resources/icons/hallmanager.png" in dests
    assert "resources/licenses/THIRD-PARTY.txt" in dests
    assert "resources/licenses/LGPL-3.0.txt" in dests
    assert not any(d.endswith((".ts", ".py")) for d in dests if d.startswith("resources/"))


def test_every_ts_is_compiled_by_the_build(tmp_path, monkeypatch):
    """build.py compiles every catalogue the program loads (ours and the Qt supplement)."""
    from installer import build

    if build.find_tool("lrelease") is None:
        pytest.skip("lrelease not installed")
    made = build.compile_translations(tmp_path)
    stems = {p.stem for p in (ROOT / "resources" / "i18n").glob("*.ts")}
    assert {p.stem for p in made} == stems
    assert all(p.is_file() and p.stat().st_size > 0 for p in made)


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
    "PySide6/Qt/plugins/imageformats/libqico.so",
    "PySide6/Qt/translations/qtbase_zh_CN.qm",
    "PySide6/plugins/platforms/qwindows.dll",
    "PySide6/plugins/styles/qmodernwindowsstyle.dll",
    "PySide6/plugins/printsupport/windowsprintersupport.dll",
    "PySide6/translations/qtbase_zh_CN.qm",
    "PySide6/Qt/lib/libQt6XcbQpa.so.6",
    "PySide6/Qt/lib/libQt6PrintSupport.so.6",
    "libpython3.11.so.1.0",
])
def test_qt_files_the_desk_needs_are_kept(dest):
    assert collect.keep_entry(dest)


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
    "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
    "PySide6/Qt/plugins/tls/libqopensslbackend.so",
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6/Qt/translations/qtdeclarative_zh_CN.qm",
    "PySide6/Qt/lib/libQt6WaylandClient.so.6",
])
def test_unused_qt_files_are_left_out(dest):
    assert not collect.keep_entry(dest)


def test_libraries_only_left_out_plugins_need_are_pruned():
    binaries = [
        ("PySide6/QtWidgets.abi3.so", "/src/QtWidgets", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", "/src/libQt6Widgets", "BINARY"),
        ("libX11.so.6", "/src/libX11", "BINARY"),
        ("libgtk-3.so.0", "/src/libgtk", "BINARY"),  # needed only by the dropped GTK theme
        ("libpango-1.0.so.0", "/src/libpango", "BINARY"),  # needed only by libgtk
        ("libpython3.11.so.1.0", "/src/libpython", "BINARY"),  # opened by the boot loader
        ("pypdfium2_raw/libpdfium.so", "/src/libpdfium", "BINARY"),  # opened by ctypes
    ]
    links = {"/src/QtWidgets": ["libQt6Widgets.so.6"], "/src/libQt6Widgets": ["libX11.so.6"],
             "/src/libgtk": ["libpango-1.0.so.0", "libX11.so.6"]}
    kept = collect.prune_unlinked(binaries, lambda src: links.get(src, []))
    assert [d for d, _, _ in kept] == [
        "PySide6/QtWidgets.abi3.so", "PySide6/Qt/lib/libQt6Widgets.so.6", "libX11.so.6",
        "libpython3.11.so.1.0", "pypdfium2_raw/libpdfium.so"]


def test_windows_build_has_a_console_twin_for_the_self_test(monkeypatch):
    spec = run_spec(monkeypatch, platform="win32")
    assert spec.exes == ["hallmanager", "hallmanager-cli"]
    spec = run_spec(monkeypatch, platform="linux")
    assert spec.exes == ["hallmanager"]
    assert spec.collect.kwargs["name"] == "hallmanager"


def _iss_text() -> str:
    """The script with its ``#define`` constants expanded."""
    text = ISS.read_text(encoding="utf-8-sig")
    for name, value in re.findall(r'^#define\s+(\w+)\s+"([^"]*)"', text, flags=re.M):
        text = text.replace("{#" + name + "}", value)
    return text


def _iss_sources() -> list[str]:
    text = _iss_text()
    return re.findall(r'(?:Source|SetupIconFile|LicenseFile|InfoBeforeFile)\s*[:=]\s*"?([^";\r\n]+)',
                      text)


def test_windows_setup_script_references_only_what_the_build_produces(monkeypatch):
    """Every file the Inno Setup script takes is in the repository or is the bundle the spec
    names (dist\\hallmanager\\ with hallmanager.exe and hallmanager-cli.exe)."""
    spec = run_spec(monkeypatch, platform="win32")
    text = _iss_text()
    produced = {f"{name}.exe" for name in spec.exes}
    bundle = f"dist\\{spec.collect.kwargs['name']}\\"
    sources = _iss_sources()
    assert sources, "no Source lines found"
    for src in sources:
        src = src.strip()
        rel = src.removeprefix("..\\")
        if rel.startswith(bundle):
            rest = rel.removeprefix(bundle)
            assert rest == "*" or rest in produced, src
        else:
            assert (ROOT / rel.replace("\\", "/")).is_file(), src
    for exe in re.findall(r'\{app\}\\([^"\s]+\.exe)', text):
        assert exe in produced, exe
    for lang in re.findall(r'MessagesFile:\s*"([^"]+)"', text):
        if not lang.startswith("compiler:"):
            assert (ROOT / "installer" / lang.replace("\\", "/")).is_file(), lang
    assert "{#" not in text
    # Chinese set-up pages, upgrade in place (a fixed AppId), user data never touched
    assert "ChineseSimplified.isl" in text
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}", text, flags=re.M)
    assert "{userappdata}" not in text and "{localappdata}" not in text


def test_linux_desktop_file_points_into_the_bundle(monkeypatch):
    desktop = (ROOT / "installer" / "hallmanager.desktop").read_text(encoding="utf-8")
    fields = dict(line.split("=", 1) for line in desktop.splitlines() if "=" in line)
    prefix = "/opt/hallmanager/"
    assert fields["Exec"] == prefix + run_spec(monkeypatch).exes[0]
    icon = fields["Icon"].removeprefix(prefix + "_internal/")
    assert icon in _dests(collect.datas())


def test_a_wheel_installs_every_resource_the_bundle_has():
    """pip (non-editable) installs resources/ as data files (hallmanager/paths.py finds them):
    every resource file the bundle ships is matched by a data-files pattern."""
    import fnmatch
    import tomllib

    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = [g for globs in cfg["tool"]["setuptools"]["data-files"].values() for g in globs]
    resources = [Path(src).relative_to(ROOT).as_posix() for src, _ in collect.datas()
                 if (ROOT / "resources") in Path(src).parents]
    assert resources
    assert [r for r in resources if not any(fnmatch.fnmatch(r, g) for g in patterns)] == []
    assert any(fnmatch.fnmatch("resources/i18n/hallmanager_en.ts", g) for g in patterns)
