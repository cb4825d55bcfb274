"""English comes from the committed .ts, compiled on demand; Chinese needs nothing."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from hallmanager.ui import i18n
from hallmanager.ui.main_window import MainWindow

ENGLISH_TABS = ["Today", "Duty log", "Attendance & fines", "Cash handover", "Complaints",
                "Emergency plans", "Settings"]


def test_every_string_has_an_english_translation():
    root = ET.parse(i18n.ts_file("en")).getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 100
    unfinished = [m.findtext("source") for m in messages
                  if m.find("translation").get("type") in ("unfinished", "obsolete")
                  or not (m.findtext("translation") or "").strip()]
    assert unfinished == []


def test_english_tab_titles(qtbot, hall, ini, clock, english, tmp_path):
    assert (tmp_path / "hallmanager_en.qm").is_file()
    w = MainWindow(hall, settings=ini, clock=clock)
    qtbot.addWidget(w)
    titles = [w.tab_widget.tabText(i).replace("&&", "&") for i in range(w.tab_widget.count())]
    assert titles == ENGLISH_TABS
    assert w.windowTitle() == "拉萨北京路营业厅 — Business Hall Duty Manager"
    assert w.user_label.text() == "User: 王厅长 (Hall manager)"


def test_qm_is_recompiled_only_when_stale(tmp_path, qapp):
    if i18n.find_tool("lrelease") is None:
        pytest.skip("lrelease not available")
    qm = i18n.compiled_qm("en", tmp_path)
    assert qm is not None
    stamp = qm.stat().st_mtime_ns
    assert i18n.compiled_qm("en", tmp_path) == qm and qm.stat().st_mtime_ns == stamp


def test_missing_tool_falls_back_to_chinese(qapp, tmp_path, monkeypatch):
    monkeypatch.setattr(i18n, "find_tool", lambda name: None)
    locale = QLocale()
    installed = i18n.install_translator(qapp, "en", cache_dir=tmp_path)
    try:
        assert QCoreApplication.translate("tabs", "今日") == "今日"
    finally:
        for t in installed:
            qapp.removeTranslator(t)
        QLocale.setDefault(locale)


def test_ts_file_holds_every_translatable_string_of_the_code(tmp_path):
    """Running resources/i18n/update_ts.py now would change nothing: no string in the code
    (tr(), translate(), QT_TRANSLATE_NOOP in services) is missing from the .ts, none is stale."""
    import importlib.util
    import shutil

    if i18n.find_tool("lupdate") is None:
        pytest.skip("lupdate not available")
    script = i18n.resources_dir() / "i18n" / "update_ts.py"
    spec = importlib.util.spec_from_file_location("update_ts", script)
    update_ts = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(update_ts)
    copy = tmp_path / "hallmanager_en.ts"
    shutil.copy(i18n.ts_file("en"), copy)
    update_ts.update(copy, "en")

    def messages(path):
        root = ET.parse(path).getroot()
        return {(c.findtext("name"), m.findtext("source"), m.findtext("translation"))
                for c in root.iter("context") for m in c.iter("message")}

    assert messages(copy) == messages(i18n.ts_file("en"))


def test_qt_dialogs_are_chinese(qapp, tmp_path):
    """Issue 7 §7: Qt's standard buttons and dialogs speak Chinese in the Chinese UI, including
    the strings Qt's own qtbase_zh_CN.qm leaves in English (our supplement)."""
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel

    if i18n.find_tool("lrelease") is None:
        pytest.skip("lrelease not available")
    locale = QLocale()
    installed = i18n.install_translator(qapp, "zh_CN", cache_dir=tmp_path)
    try:
        assert len(installed) == 2 and (tmp_path / "qtbase_extra_zh_CN.qm").is_file()
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own
        dlg = QFileDialog(None, "另存为")
        dlg.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        labels = [lbl.text() for lbl in dlg.findChildren(QLabel)]
        assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels  # Qt leaves these English
        assert QCoreApplication.translate("QPrintSettingsOutput", "Page &Set:") == "打印页面(&S)："
        dlg.deleteLater()
        box.deleteLater()
    finally:
        for t in installed:
            qapp.removeTranslator(t)
        QLocale.setDefault(locale)
