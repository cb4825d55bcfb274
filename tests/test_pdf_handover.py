"""The handover sheet PDF: Chinese text extractable, font embedded, pages numbered, tables split."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest

from hallmanager.exporters import fonts
from hallmanager.exporters.atomic import OutputExists
from hallmanager.exporters.data import (
    HandoverSheet,
    KeyValueSection,
    TableSection,
    TextSection,
)
from hallmanager.exporters.handover_pdf import write_handover_pdf

NOTE = "下午三点后预计有团购客户集中办理携号转网，请提前安排两个窗口分流。"


def make_sheet(*, checklist_rows: int = 4, sections=None) -> HandoverSheet:
    rows = tuple(
        (str(i + 1), f"营业前检查第{i + 1}项：工装工牌、柜台整洁", "08:00",
         ("已完成", "延迟", "跳过", "未完成")[i % 4], "08:05" if i % 4 < 2 else "",
         "张晓梅" if i % 4 < 2 else "")
        for i in range(checklist_rows)
    )
    default = (
        KeyValueSection("当班概况", (("天气", "晴"), ("客流量", "312"), ("办理业务人数", "287"),
                                     ("晨会", "08:15，12 分钟"))),
        KeyValueSection("人员", (("在岗（3人）", "王芳、赵磊、次仁卓玛"),
                                 ("缺勤（1人）", "马丽（病假）")), columns=1),
        TableSection("工作流程检查", ("序号", "项目", "计划时间", "状态", "完成时间", "执行人"), rows,
                     col_widths=(0.6, 4, 1.2, 1.1, 1.2, 1.3)),
        TableSection("设备故障", ("设备", "故障描述", "报修时间", "状态"),
                     (("2号叫号机", "无法出票", "09:12", "已报修"),)),
        TableSection("交接事项", ("事项", "接班确认"),
                     (("保险柜钥匙两把已交接", "已确认 李建国 14:22"),)),
        TextSection("交下一班注意事项", (NOTE,)),
    )
    return HandoverSheet(
        hall_name="拉萨北京路营业厅", date=dt.date(2026, 11, 22), shift_name="早班",
        shift_time="08:30–14:30", outgoing="张晓梅", incoming="李建国",
        sections=default if sections is None else sections,
        printed_at=dt.datetime(2026, 11, 22, 14, 25), printed_by="张晓梅",
        status="已签字",
    )


def pdf_text(path: Path) -> list[str]:
    return [p.extract_text() for p in pypdf.PdfReader(str(path)).pages]


def font_names(path: Path) -> dict[str, bool]:
    """BaseFont name → whether a font file is embedded, over all pages."""
    out: dict[str, bool] = {}
    for page in pypdf.PdfReader(str(path)).pages:
        for ref in page["/Resources"]["/Font"].values():
            f = ref.get_object()
            desc = f.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in f:
                desc = f["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            out[str(f["/BaseFont"])] = embedded
    return out


def test_handover_pdf_has_chinese_text_names_and_notes(tmp_path):
    out = write_handover_pdf(make_sheet(), tmp_path / "交接班表.pdf")
    pages = pdf_text(out)
    text = "\n".join(pages)
    for expected in ("交接班表", "拉萨北京路营业厅", "2026年11月22日", "早班", "08:30–14:30",
                     "交班值班经理", "接班值班经理", "张晓梅", "李建国", "工作流程检查",
                     "已完成", "延迟", "跳过", "未完成", "设备故障", "2号叫号机", "交接事项",
                     "已确认 李建国", "马丽（病假）", "交班人（签字）", "接班人（签字）",
                     "打印时间：2026-11-22 14:25"):
        assert expected in text, expected
    assert NOTE[:20] in text.replace("\n", "")
    assert f"第 1 页 / 共 {len(pages)} 页" in pages[0]


def test_truetype_font_is_embedded(tmp_path):
    font = fonts.cjk_font()
    if not font.embedded:
        pytest.skip("no Chinese TrueType font installed on this machine")
    out = write_handover_pdf(make_sheet(), tmp_path / "a.pdf")
    names = font_names(out)
    assert names, "no fonts in the PDF"
    assert all(names.values()), names  # every font embedded, no stray Helvetica
    from reportlab.pdfbase import pdfmetrics

    ps_name = pdfmetrics.getFont(font.name).face.name  # the TTF's PostScript name
    ps_name = ps_name.decode() if isinstance(ps_name, bytes) else ps_name
    assert any(f"+{ps_name}" in n for n in names), (names, ps_name)  # a subset of that TTF
    if shutil.which("pdffonts"):
        listing = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True,
                                 check=True).stdout.splitlines()[2:]
        assert listing and all(" yes " in line for line in listing), listing


def test_stsong_fallback_when_forced(tmp_path):
    out = write_handover_pdf(make_sheet(), tmp_path / "a.pdf", embed_font=False)
    names = font_names(out)
    assert list(names) == ["/STSong-Light"]
    text = "\n".join(pdf_text(out))
    assert "交接班表" in text and "张晓梅" in text


def test_fallback_when_no_font_file_found(monkeypatch):
    monkeypatch.setattr(fonts, "candidate_paths", lambda: [Path("/nonexistent/none.ttf")])
    font = fonts.cjk_font()
    assert font.name == fonts.FALLBACK_CID_FONT and not font.embedded


def test_env_override_and_latin_only_fonts_are_refused(monkeypatch, tmp_path):
    droid = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
    if droid.is_file():
        monkeypatch.setenv(fonts.ENV_FONT, str(droid))
        font = fonts.cjk_font()
        assert font.path == droid
        out = write_handover_pdf(make_sheet(), tmp_path / "droid.pdf")
        assert any("Droid" in n for n in font_names(out))
    latin = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if latin.is_file():
        monkeypatch.setenv(fonts.ENV_FONT, str(latin))
        assert fonts.cjk_font().path != latin  # no Chinese glyphs: skipped, never boxes


def test_long_table_breaks_across_pages_with_repeated_header(tmp_path):
    out = write_handover_pdf(make_sheet(checklist_rows=90), tmp_path / "long.pdf")
    pages = pdf_text(out)
    assert len(pages) >= 3
    with_rows = [p for p in pages if "营业前检查第" in p]
    assert len(with_rows) >= 2
    for p in with_rows:
        assert "计划时间" in p and "执行人" in p  # the header row is repeated
    assert "营业前检查第90项" in "".join(pages)
    for n, p in enumerate(pages, start=1):
        assert f"第 {n} 页 / 共 {len(pages)} 页" in p
    assert "接班人（签字）" in pages[-1]


def test_long_text_and_huge_cells_wrap_instead_of_failing(tmp_path):
    long_text = "客户反映信号差" * 400 + "结尾标记"
    sections = (
        TextSection("客户意见和建议", (long_text,)),
        TableSection("设备故障", ("设备", "描述"), (("路由器", "断网" * 1500 + "单元格结尾"),)),
    )
    out = write_handover_pdf(make_sheet(sections=sections), tmp_path / "wrap.pdf")
    text = "".join(pdf_text(out)).replace("\n", "")
    assert "结尾标记" in text and "单元格结尾" in text


def test_user_text_is_not_markup(tmp_path):
    sections = (TextSection("备注", ("<b>a & b</b> <font size=40>x</font>\n第二行",)),)
    out = write_handover_pdf(make_sheet(sections=sections), tmp_path / "m.pdf")
    text = "\n".join(pdf_text(out))
    assert "<b>a & b</b>" in text and "第二行" in text


def test_empty_sections_print_their_statement_or_nothing(tmp_path):
    sections = (
        TableSection("现金交接汇总", ("营业员", "系统应收", "实收", "长短款"), (),
                     empty_text="本班无现金交接记录"),
        TableSection("未结投诉", ("编号", "时限"), ()),  # nothing to say: not printed at all
        TextSection("交下一班注意事项", ("  ",), empty_text="无"),
    )
    out = write_handover_pdf(make_sheet(sections=sections), tmp_path / "e.pdf")
    text = "\n".join(pdf_text(out))
    assert "现金交接汇总" in text and "本班无现金交接记录" in text
    assert "未结投诉" not in text
    assert "营业员" not in text  # no empty table header, no fake rows


def test_no_overwrite_without_force(tmp_path):
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old")
    with pytest.raises(OutputExists):
        write_handover_pdf(make_sheet(), target)
    assert target.read_bytes() == b"old"
    write_handover_pdf(make_sheet(), target, force=True)
    assert target.read_bytes().startswith(b"%PDF")


def test_table_section_checks_its_shape():
    with pytest.raises(ValueError):
        TableSection("x", ("a", "b"), (("1",),))
    with pytest.raises(ValueError):
        TableSection("x", ("a", "b"), (), col_widths=(1.0,))
