"""The handover sheet on paper: one A4 page for an ordinary shift, sections kept together,
the signature block never alone, legible type (issue 8 §4)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pypdf
import pytest

from hallmanager.app import build_services, create_demo
from hallmanager.domain.clock import ManualClock
from hallmanager.exporters.data import HandoverSheet, KeyValueSection, TableSection, TextSection
from hallmanager.exporters.handover_pdf import (
    MARGIN_BOTTOM_MM,
    MARGIN_TOP_MM,
    write_handover_pdf,
)
from hallmanager.storage.database import open_database, sqlite_url
from tests.test_pdf_handover import font_names

NOW = dt.datetime(2026, 11, 22, 16, 0)  # the late shift of the last day is under way
MM = 72 / 25.4
SIGNATURES = ("以上内容经交接双方核对无误", "交班人（签字）", "接班人（签字）", "日　　期", "日 期",
              "年", "月", "日", "时", "分")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A small demo hall (3 days) of every module, its services logged in as the hall manager.

    An ordinary shift, with every module's section, is one page (tighter spacing when the
    normal one would spill); a heavier one keeps the last section with the signatures
    (``test_all_modules_never_leave_the_signatures_alone``, ``heavy_sheet`` below).
    """
    path = tmp_path_factory.mktemp("paper") / "demo.sqlite"
    db = open_database(sqlite_url(path))
    result = create_demo(db, ManualClock(NOW), days=3)
    services = build_services(db, ManualClock(NOW), fast_hash=True)
    services.auth.login(result.admin_username, result.passwords[result.admin_username])
    yield services
    db.dispose()


def pages_text(path: Path) -> list[str]:
    return [p.extract_text() for p in pypdf.PdfReader(str(path)).pages]


def text_and_body_sizes(path: Path) -> tuple[list[str], list[float]]:
    """Each page's text and the font sizes of every text run between the page header and
    footer, from one pass over the file (pypdf's text extraction is the slow part)."""
    texts: list[str] = []
    sizes: list[float] = []
    for page in pypdf.PdfReader(str(path)).pages:
        top = float(page.mediabox.height) - MARGIN_TOP_MM * MM
        bottom = MARGIN_BOTTOM_MM * MM

        def visit(text, cm, tm, font, size, sizes=sizes, top=top, bottom=bottom):
            y = tm[5] * cm[3] + cm[5]
            scale = abs(tm[3] * cm[3]) or 1
            if text.strip() and bottom < y < top:
                sizes.append(size * scale)

        texts.append(page.extract_text(visitor_text=visit))
    return texts, sizes


@pytest.fixture(scope="module")
def demo_prints(demo, tmp_path_factory):
    """Every demo shift's handover sheet printed once, with its sheet data, the PDF's page
    boxes, text and body type sizes: the checks below share one print of each shift."""
    folder = tmp_path_factory.mktemp("paper-prints")
    logs = demo.dutylog.list_logs(NOW.date() - dt.timedelta(days=3), NOW.date())
    prints = []
    for row in logs:
        out = demo.reports.print_handover(row.date, row.shift_name,
                                          folder / f"{row.date}-{row.shift_name}.pdf")
        boxes = [p.mediabox for p in pypdf.PdfReader(str(out)).pages]
        texts, sizes = text_and_body_sizes(out)
        prints.append(SimpleNamespace(
            where=f"{row.date} {row.shift_name}", path=out, boxes=boxes, pages=texts,
            sizes=sizes, sheet=demo.reports.handover_sheet(row.date, row.shift_name)))
    return prints


def test_every_demo_shift_prints_on_one_a4_page(demo_prints):
    assert len(demo_prints) >= 6
    for p in demo_prints:
        where = p.where
        assert len(p.boxes) == 1, where
        box = p.boxes[0]
        assert (round(float(box.width), 1), round(float(box.height), 1)) == (595.3, 841.9), where
        text = p.pages[0]
        flat = text.replace("\n", "")
        for title in ("交接班表", *(s.title for s in p.sheet.sections), "交班人（签字）", "接班人（签字）",
                      "第 1 页 / 共 1 页"):
            assert title in text or title in flat, (where, title)
        assert min(p.sizes) >= 8.5, where
    assert all(font_names(demo_prints[-1].path).values())  # the CJK font embedded


def test_a_draft_lists_only_the_items_already_due(demo):
    """Pending items not yet due on a draft (today's late shift) are counted, not listed."""
    sheet = demo.reports.handover_sheet(NOW.date(), "晚班")
    checklist = next(s for s in sheet.sections if s.title == "值班工作流程检查")
    listed = {r[1] for r in checklist.rows}
    log = demo.dutylog.get_log_by(NOW.date(), "晚班")
    not_due = [e for e in log.checklist if e.target_at and e.target_at >= NOW and
               e.status.value == "pending"]
    assert not_due and not listed & {e.title for e in not_due}
    assert f"其中 {len(not_due)} 项未到计划时间" in (checklist.note or checklist.empty_text)


# --- heavy shifts, built directly --------------------------------------------------------------


END = "〔注意事项完〕"


def heavy_sheet(handover_items: int, *, faults: int = 6, note_paragraphs: int = 2,
                received: int = 4) -> HandoverSheet:
    """A shift with much to hand over: many items, faults and long notes."""
    item = "客户{n}号预约明天上午来取补办的 SIM 卡和发票，资料在值班台左侧抽屉第二格，已登记"
    sections = (
        KeyValueSection("当班概况", (("天气", "小雪"), ("客流量", "412 人"), ("办理业务人数", "366 人"),
                                     ("晨会", "08:10，25 分钟（超时），9 人参加：" + "政策口径统一，" * 6)),
                        columns=3),
        KeyValueSection("人员情况", (("在岗（9人）", "、".join(f"营业员{i}" for i in range(9))),
                                     ("缺勤（2人）", "张三（病假）、李四（事假）")), columns=1),
        TableSection("设备故障", ("设备/故障", "位置", "发生时间", "状态", "报修对象及时间", "说明"),
                     tuple((f"故障设备{i}", "大厅", "09:10", "已报修", "厂家 10:00",
                            "等待备件，预计三天内到货") for i in range(faults)),
                     col_widths=(2.4, 1.3, 1.2, 1.0, 2.0, 2.4)),
        TableSection("交接事项（交 晚班）", ("序号", "事项", "接班确认"),
                     tuple((str(n), item.format(n=n), "待确认")
                           for n in range(1, handover_items + 1)),
                     col_widths=(0.7, 6.4, 2.2), empty_text="本班无移交事项"),
        TableSection("上一班交来事项", ("来自", "事项", "确认情况"),
                     tuple(("2026-11-21 晚班", f"上一班移交第{n}项：备用金核对", "已确认 张三 08:00")
                           for n in range(1, received + 1)), col_widths=(1.8, 5.3, 2.2)),
        TextSection("客户意见和建议", ("建议延长周末营业时间，增加自助终端。" * 5,)),
        TextSection("交下一班注意事项",
                    (*(["下午有团购客户集中办理携号转网，请提前安排两个窗口分流。" * 6]
                       * (note_paragraphs - 1)), "最后一段。" + END)),
    )
    return HandoverSheet(
        hall_name="拉萨北京路营业厅", date=dt.date(2026, 11, 22), shift_name="早班",
        shift_time="08:30–14:30", outgoing="张晓梅", incoming="李建国", sections=sections,
        printed_at=dt.datetime(2026, 11, 22, 14, 25), printed_by="张晓梅", status="已签字")


def _without_signatures(page: str) -> str:
    """The page's body text without the running head/foot and the signature block."""
    lines = page.splitlines()
    body = [ln for ln in lines if "拉萨北京路营业厅" not in ln and "交接班表" not in ln
            and "打印时间" not in ln and "页 / 共" not in ln]
    text = "".join(body)
    for s in SIGNATURES:
        text = text.replace(s, "")
    return text.strip()


@pytest.mark.parametrize("items", range(0, 61, 4))
def test_signatures_never_alone_and_short_sections_never_split(tmp_path, items):
    out = write_handover_pdf(heavy_sheet(items), tmp_path / f"heavy{items}.pdf")
    pages = pages_text(out)
    last = pages[-1]
    assert "接班人（签字）" in last and "交班人（签字）" in last
    assert len(_without_signatures(last)) > 20, last  # real content shares the last page
    flat = [p.replace("\n", "") for p in pages]
    assert END in flat[-1]  # the last section ends on the signature page
    # Sections that fit on a page are on one page: title and every row together.
    for title, marks in (("上一班交来事项", [f"上一班移交第{n}项" for n in range(1, 5)]),
                         ("设备故障", [f"故障设备{i}" for i in range(6)])):
        holder = [p for p in flat if title in p]
        assert len(holder) == 1, title
        assert all(m in holder[0] for m in marks), (items, title)
    for n, p in enumerate(pages, start=1):
        assert f"第 {n} 页 / 共 {len(pages)} 页" in p


def test_a_table_taller_than_a_page_starts_where_it_is_with_its_heading(tmp_path):
    out = write_handover_pdf(heavy_sheet(90), tmp_path / "long.pdf")
    pages = [p.replace("\n", "") for p in pages_text(out)]
    assert len(pages) >= 3
    # it starts on page 1 under its heading instead of leaving page 1 half empty
    assert "交接事项（交 晚班）" in pages[0] and "客户1号预约" in pages[0]
    with_rows = [p for p in pages if "号预约明天上午" in p]
    assert len(with_rows) >= 2 and all("接班确认" in p for p in with_rows)  # header repeated
    assert "客户90号预约" in "".join(pages)
    assert END in pages[-1] and "接班人（签字）" in pages[-1]


def test_last_section_longer_than_a_page_keeps_its_tail_with_the_signatures(tmp_path):
    out = write_handover_pdf(heavy_sheet(2, note_paragraphs=30), tmp_path / "notes.pdf")
    pages = pages_text(out)
    assert len(pages) >= 2
    assert END in pages[-1].replace("\n", "") and "接班人（签字）" in pages[-1]
    assert len(_without_signatures(pages[-1])) > 20


def test_all_modules_never_leave_the_signatures_alone(demo_prints):
    """Every module's section on the sheet: the signature block always has a section above
    it on its page."""
    for p in demo_prints:
        pages = p.pages
        where = p.where
        last = pages[-1]
        assert "交班人（签字）" in last, where
        before = last.split("以上内容经交接双方核对无误")[0]
        assert any(t in before for t in ("交下一班注意事项", "客户意见和建议", "未结投诉",
                                         "现金交接")), where


def test_a_sheet_that_spills_a_little_is_printed_compact_on_one_page(tmp_path):
    """The first hand-over row count the normal spacing cannot hold on one page: the compact spacing keeps the
    shift on one page with the same type sizes; far more rows still flow onto page two."""
    import io

    from hallmanager.exporters.fonts import cjk_font
    from hallmanager.exporters.handover_pdf import _layout

    font = cjk_font()
    n = next(n for n in range(8, 60, 2)
             if _layout(heavy_sheet(n), io.BytesIO(), font, compact=False) > 1)
    out = write_handover_pdf(heavy_sheet(n), tmp_path / "spill.pdf")
    pages, sizes = text_and_body_sizes(out)
    assert len(pages) == 1
    assert min(sizes) >= 8.5
    assert f"客户{n}号预约" in pages[0].replace("\n", "")
    # a sheet that needs more than one page anyway keeps the normal spacing
    longer = write_handover_pdf(heavy_sheet(n + 30), tmp_path / "long.pdf")
    normal = _layout(heavy_sheet(n + 30), io.BytesIO(), font, compact=False)
    assert len(pages_text(longer)) == normal >= 2
