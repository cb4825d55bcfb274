"""The 现金交接 tab: a till counted by keyboard only (3 × ¥100 + 1 × ¥0.50 against ¥300.00
shows 长款 ¥0.50), a reason, both parties confirm with their own passwords, then every field
is read-only; bad amounts say why and save nothing; review, reversal, cash in/out, day close,
history, settings, the slip and the workbook from the tab; 今日 jumps; item models."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from hallmanager.domain.cash.rules import HandoverState
from hallmanager.services.today import Target
from hallmanager.ui.cash import CashTab
from hallmanager.ui.cash.models import (
    BALANCED,
    OVER,
    InvoiceTableModel,
    MonthTotalTableModel,
    MovementTableModel,
    TillTableModel,
)
from tests.cash.conftest import PW
from tests.conftest import ADMIN_PASSWORD, login_as

DAY = dt.date(2026, 11, 22)  # the clock's day (09:00, 早班)


def make_tab(qtbot, hall) -> CashTab:
    tab = CashTab(hall)
    qtbot.addWidget(tab)
    tab.resize(1280, 860)
    tab.show()
    tab.refresh()
    return tab


def new_count(qtbot, tab, teller_id, receiver_id, float_text=""):
    """Ctrl+N's dialog: who hands over, who receives, the float → the editor opens it."""
    dlg = tab.new_record()
    dlg.teller.setCurrentIndex(dlg.teller.findData(teller_id))
    dlg.receiver.setCurrentIndex(dlg.receiver.findData(receiver_id))
    dlg.float_amount.setText(float_text)
    assert dlg.submit(), dlg.message.text()
    assert tab.editor.view is not None and tab.editor.view.id == dlg.result_value.id
    return dlg.result_value


def focused(tab) -> QLineEdit:
    w = tab.window().focusWidget() or QApplication.focusWidget()
    assert isinstance(w, QLineEdit), w
    return w


def type_and_enter(qtbot, tab, text):
    w = focused(tab)
    if text:
        qtbot.keyClicks(w, text)
    qtbot.keyClick(w, Qt.Key.Key_Return)


def test_keyboard_count_reason_two_passwords_then_read_only(qtbot, cash_hall):
    h, p = cash_hall, cash_hall.people
    tab = make_tab(qtbot, h)
    ed = tab.editor
    count = new_count(qtbot, tab, p["t1"].id, p["zhang"].id)
    # the editor starts at 系统应收; Enter moves on through every denomination
    assert focused(tab) is ed.receivable_edit
    type_and_enter(qtbot, tab, "300.00")
    assert focused(tab) is ed.piece_edits["note-10000"]
    type_and_enter(qtbot, tab, "3")
    assert ed.line_labels["note-10000"].text() == "¥300.00"
    assert ed.difference.text() == "平"
    for _ in range(5):  # 50, 20, 10, 5, 1 元: nothing
        type_and_enter(qtbot, tab, "")
    assert focused(tab) is ed.piece_edits["note-50"]
    qtbot.keyClicks(focused(tab), "1")  # live, before Enter
    assert ed.line_labels["note-50"].text() == "¥0.50"
    assert ed.cash_total.text() == "¥300.50" and ed.received.text() == "¥300.50"
    assert ed.difference.text() == "长款 ¥0.50"
    assert OVER.name() in ed.difference.styleSheet()
    # a reason and a note (Chinese text is set; qtbot types ASCII only)
    ed.reason.setCurrentIndex(ed.reason.findData("change_error"))
    ed.note.setText("找零少找 5 角，客户已离开")
    # Enter from the note → the receiver (a choice) → the giver's password
    ed.note.setFocus()
    qtbot.keyClick(ed.note, Qt.Key.Key_Return)
    assert tab.window().focusWidget() is ed.receiver
    qtbot.keyClick(ed.receiver, Qt.Key.Key_Return)
    assert tab.window().focusWidget() is ed.giver_password
    # the giver types their own password, Enter: saved and handed over
    qtbot.keyClicks(ed.giver_password, PW)
    qtbot.keyClick(ed.giver_password, Qt.Key.Key_Return)
    assert ed.message.text() == ""
    assert tab.window().focusWidget() is ed.receiver_password
    assert h.cash.count(count.id).state == HandoverState.HANDED
    assert all(e.isReadOnly() for e in ed.edits())  # nothing changes after handing over
    # the receiver, at the same desk, with their own password
    assert ed.receiver_password.isEnabled()
    qtbot.keyClicks(ed.receiver_password, PW)
    qtbot.keyClick(ed.receiver_password, Qt.Key.Key_Return)
    saved = h.cash.count(count.id)
    assert saved.state == HandoverState.CONFIRMED
    assert saved.cash_fen == 300_50 and saved.receivable_fen == 300_00
    assert saved.difference_fen == 50 and saved.reason_code == "change_error"
    assert saved.note == "找零少找 5 角，客户已离开"
    # every field read-only, every control off
    assert ed.edits() and all(e.isReadOnly() for e in ed.edits())
    for w in (ed.reason, ed.receiver, ed.save_button, ed.give_button, ed.giver_password,
              ed.receive_button, ed.receiver_password):
        assert not w.isEnabled(), w.objectName()
    assert ed.difference.text() == "长款 ¥0.50"
    assert "已确认" in ed.header.text() and ed.receiver_state.text().startswith("已确认")
    row = tab.model.rows()[0]
    assert row.state == HandoverState.CONFIRMED and row.difference_text == "长款 ¥0.50"


@pytest.mark.parametrize(("field", "text", "says"), [
    ("receivable", "12,34", "千位分隔符"),
    ("receivable", "-5", "不能为负数"),
    ("receivable", "1.234", "最多两位小数"),
    ("receivable", "99999999999", "过大"),
    ("float", "abc", "格式不正确"),
    ("pieces", "2.5", "整数"),
])
def test_bad_amount_shows_a_message_and_saves_nothing(qtbot, cash_hall, field, text, says):
    h, p = cash_hall, cash_hall.people
    tab = make_tab(qtbot, h)
    ed = tab.editor
    count = new_count(qtbot, tab, p["t1"].id, p["zhang"].id, "500")
    ed.piece_edits["note-10000"].setText("3")
    edit = {"receivable": ed.receivable_edit, "float": ed.float_edit,
            "pieces": ed.piece_edits["coin-10"]}[field]
    edit.setText(text)
    assert says in ed.message.text() and ed.message.isVisibleTo(tab)
    assert edit.property("invalid") is True and says in edit.toolTip()
    assert ed.difference.text() == "—"
    assert not ed.save()
    ed.giver_password.setText(PW)
    assert not ed.confirm_give()
    stored = h.cash.count(count.id)
    assert stored.lines == () and stored.receivable_fen == 0 and stored.float_fen == 500_00
    assert stored.state == HandoverState.DRAFT
    # corrected: the message goes, the figures come back
    edit.setText("1")
    assert ed.message.text() == "" and ed.difference.text() != "—"


def test_amounts_as_people_type_them(qtbot, cash_hall):
    h, p = cash_hall, cash_hall.people
    tab = make_tab(qtbot, h)
    ed = tab.editor
    count = new_count(qtbot, tab, p["t1"].id, p["zhang"].id)
    for text in ("1234.5", "1,234.50", "¥1234.50", "１２３４．５０", "￥1,234.5"):
        ed.receivable_edit.setText(text)
        assert ed.message.text() == "", text
        assert ed.difference.text() == "短款 ¥1,234.50", text
    ed.piece_edits["note-10000"].setText("１２")  # full-width count
    ed.non_cash_edits["wechat"].setText("34.50")
    assert ed.received.text() == "¥1,234.50" and ed.difference.text() == "平"
    assert BALANCED.name() in ed.difference.styleSheet()
    assert ed.save()
    v = h.cash.count(count.id)
    assert (v.receivable_fen, v.cash_fen, v.non_cash) == (1234_50, 1200_00,
                                                          (("wechat", 34_50),))


def test_difference_without_reason_and_wrong_password_are_refused(qtbot, cash_hall):
    h, p = cash_hall, cash_hall.people
    tab = make_tab(qtbot, h)
    ed = tab.editor
    count = new_count(qtbot, tab, p["t1"].id, p["zhang"].id)
    ed.receivable_edit.setText("100")
    ed.piece_edits["note-5000"].setText("1")
    ed.giver_password.setText(PW)
    assert not ed.confirm_give()
    assert ed.message.text() == "短款 ¥50.00：请选择原因"
    ed.reason.setCurrentIndex(ed.reason.findData("other"))
    ed.giver_password.setText(PW)
    assert not ed.confirm_give() and ed.message.text() == "短款 ¥50.00：请填写说明"
    ed.note.setText("待查")
    ed.giver_password.setText("wrong-password")
    assert not ed.confirm_give() and "密码不正确" in ed.message.text()
    assert h.cash.count(count.id).state == HandoverState.DRAFT
    assert ed.giver_password.text() == ""  # a typed password never stays in the field
    ed.giver_password.setText(PW)
    assert ed.confirm_give()
    ed.receiver_password.setText(ADMIN_PASSWORD)  # someone else's password
    assert not ed.confirm_receive() and "张值班的密码不正确" in ed.message.text()
    # the receiver disputes it: back to counting with a reason
    dlg = tab.return_to_draft()
    dlg.text.setText("少了一张 50 元，重点")
    assert dlg.submit()
    assert h.cash.count(count.id).state == HandoverState.DRAFT
    assert not ed.edits()[0].isReadOnly()


def test_review_reversal_and_totals_by_the_hall_manager(qtbot, cash_hall):
    h, p = cash_hall, cash_hall.people
    c = h.cash.start_count(DAY, h.shift_ids["早班"], p["t1"].id, p["zhang"].id)
    h.cash.save_count(c.id, receivable="300", pieces={"note-10000": 2},
                      reason_code="other", note="待查")
    h.cash.confirm(c.id, "give", PW)
    h.cash.confirm(c.id, "receive", PW)
    login_as(h, "admin", ADMIN_PASSWORD)
    tab = make_tab(qtbot, h)
    assert tab.select(c.id)
    assert "大额短款待厅经理复核" in tab.editor.header.text()
    assert "1 笔大额短款待复核" in tab.totals.text()
    assert tab.buttons["review"].isEnabled() and tab.buttons["reverse"].isEnabled()
    dlg = tab.review()
    assert not dlg.submit() and dlg.message.text() == "请填写复核意见"
    dlg.text.setText("已核实，营业员赔付")
    assert dlg.submit()
    assert "已复核：王厅长" in tab.editor.header.text()
    assert not tab.buttons["review"].isEnabled()  # once
    dlg = tab.reverse()
    dlg.reason.setText("应收录错")
    assert not dlg.submit() and dlg.message.text() == "请输入您的密码"
    dlg.reason.setText("应收录错")
    dlg.password.setText(ADMIN_PASSWORD)
    assert dlg.submit(), dlg.message.text()
    rev = dlg.result_value
    assert tab.editor.view.id == rev.id and tab.editor.view.reversal_of == c.id
    assert all(e.isReadOnly() for e in tab.editor.edits())
    assert not tab.buttons["reverse"].isEnabled()  # a reversal is not reversed again
    assert [r.state for r in tab.model.rows()] == [HandoverState.REVERSED,
                                                  HandoverState.CONFIRMED]
    t = h.cash.day_totals(DAY)
    assert (t.counted_cash_fen, t.figures.receivable_fen, t.figures.difference_fen) == (0, 0, 0)
    assert "长短款 平" in tab.totals.text()


def test_cash_in_out_day_close_invoices_history_and_settings(qtbot, cash_hall):
    h, p = cash_hall, cash_hall.people
    c = h.cash.start_count(DAY, h.shift_ids["早班"], p["t1"].id, p["zhang"].id)
    h.cash.save_count(c.id, receivable="300", pieces={"note-10000": 3, "note-50": 1},
                      reason_code="change_error", note="多收")
    h.cash.confirm(c.id, "give", PW)
    h.cash.confirm(c.id, "receive", PW)
    tab = make_tab(qtbot, h)
    # cash in/out with a reason
    mv = tab.open_movements()
    mv.direction.setCurrentIndex(mv.direction.findData("out"))
    mv.amount.setText("35.5")
    assert not mv.add() and mv.message.text() == "请填写事由"
    mv.amount.setText("35.5")
    mv.reason.setText("打印纸")
    assert mv.add()
    assert [(m.amount_fen, m.reason, m.created_by.name) for m in mv.model.rows()] == \
        [(-35_50, "打印纸", "张值班")]
    mv.reject()
    # invoices handed over, the receiver signs with their password
    inv = tab.open_invoices()
    inv.number_from.setText("00012001")
    inv.number_to.setText("00012050")
    inv.handed_to.setCurrentIndex(inv.handed_to.findData(p["li"].id))
    assert inv.add()
    inv.view.selectRow(0)
    inv.password.setText(PW)
    assert inv.confirm() and inv.model.rows()[0].confirmed_at is not None
    inv.reject()
    # day close: a deposit needs bag/seal and escort; the gap must be zero or explained
    dlg = tab.close_day()
    assert "共 1 个款箱" in dlg.intro.text()
    assert dlg.deposit.text() == "300.50"
    assert not dlg.submit() and dlg.message.text() == "解款请填写款袋号或封签号"
    dlg.bag.setText("KD-0193")
    dlg.escort.setText("保安 次仁")
    dlg.deposit.setText("300")
    assert not dlg.submit() and "请说明" in dlg.message.text()
    dlg.safe.setText("0.50")
    assert dlg.submit(), dlg.message.text()
    close = h.cash.day_close(DAY)
    assert (close.deposit_fen, close.safe_fen, close.gap_fen, close.bag_no) == \
        (300_00, 50, 0, "KD-0193")
    assert "已日结，解款 ¥300.00（款袋 KD-0193）" in tab.totals.text()
    tab.select(c.id)
    assert not tab.editor.reverse_button.isEnabled()  # no reversal after the day close
    # the teller's history with month totals
    hist = tab.open_history(p["t1"].id)
    assert [(m.month, m.counts, m.over_fen) for m in hist.month_model.rows()] == \
        [("2026-11", 1, 50)]
    assert "长款合计 ¥0.50" in hist.summary.text()
    hist.reject()
    # settings are the hall manager's
    assert not tab.actions_["settings"].isEnabled()
    login_as(h, "admin", ADMIN_PASSWORD)
    tab.refresh()
    assert tab.actions_["settings"].isEnabled()
    st = tab.open_settings()
    st.threshold.setText("1,000")
    st.reasons.insertRow(st.reasons.rowCount())
    from PySide6.QtWidgets import QTableWidgetItem

    st.reasons.setItem(st.reasons.rowCount() - 1, 0, QTableWidgetItem("machine"))
    st.reasons.setItem(st.reasons.rowCount() - 1, 1, QTableWidgetItem("点钞机故障"))
    assert st.submit(), st.message.text()
    s = h.cash.settings()
    assert s.review_threshold_fen == 1000_00 and ("machine", "点钞机故障") in s.reason_codes
    st = tab.open_settings()
    st.threshold.setText("-1")
    assert not st.submit() and "不能为负数" in st.message.text()


def test_teller_sees_only_their_own_till(qtbot, cash_hall):
    h, p = cash_hall, cash_hall.people
    for t in ("t1", "t2"):
        h.cash.start_count(DAY, h.shift_ids["早班"], p[t].id, p["zhang"].id)
    login_as(h, "t1")
    tab = make_tab(qtbot, h)
    assert [r.teller.name for r in tab.model.rows()] == ["格桑拉姆"]
    assert tab.totals.text() == "仅显示本人的款箱"
    for key in ("close", "export"):
        assert not tab.buttons[key].isEnabled(), key
    assert not tab.buttons["review"].isVisibleTo(tab)
    assert not tab.buttons["reverse"].isVisibleTo(tab)
    dlg = tab.new_record()
    assert [dlg.teller.itemData(i) for i in range(dlg.teller.count())] == [p["t1"].id]


def test_slip_pdf_and_workbook_written_off_the_gui_thread(qtbot, cash_hall, tmp_path):
    h, p = cash_hall, cash_hall.people
    c = h.cash.start_count(DAY, h.shift_ids["早班"], p["t1"].id, p["zhang"].id)
    h.cash.save_count(c.id, receivable="300", pieces={"note-10000": 3, "note-50": 1},
                      reason_code="change_error", note="多收")
    tab = make_tab(qtbot, h)
    tab.select(c.id)
    pdf = tmp_path / "slip.pdf"
    worker = tab.print_(pdf)
    qtbot.waitUntil(lambda: worker.done, timeout=30_000)
    text = "".join(pg.extract_text() for pg in pypdf.PdfReader(pdf).pages)
    for s in ("格桑拉姆", "张值班", "¥300.50", "长款 ¥0.50", "交出人", "接收人"):
        assert s in text, s
    out = tmp_path / "cash.xlsx"
    worker = tab.export(out, DAY, DAY)
    qtbot.waitUntil(lambda: worker.done, timeout=30_000)
    ws = openpyxl.load_workbook(out)["款箱清点"]
    head = [c.value for c in ws[2]]
    assert Decimal(str(ws.cell(3, head.index("现金") + 1).value)) == Decimal("300.50")


def test_today_jump_opens_the_till(qtbot, window, hall):
    from hallmanager.domain.roles import Role
    from tests.conftest import add_user

    t = add_user(hall, "t1", Role.TELLER, "格桑拉姆", "RK0101")
    me = hall.ctx.auth.user
    sid = hall.settings.shifts()[0].id
    c = hall.cash.start_count(DAY - dt.timedelta(days=1), sid, t.id, me.id)
    assert window.navigate_to(Target("cash", "till_count", c.id))
    tab = window.findChild(CashTab, "cashTab")
    assert window.tab_widget.currentWidget() is tab
    assert tab.editor.view.id == c.id and tab.date.date_value() == c.date
    assert window.navigate_to(Target("cash", "teller", t.id))
    assert tab.last_dialog.teller.currentData() == t.id


def test_item_models_pass_qtmodeltester(qtmodeltester, cash_hall):
    h, p = cash_hall, cash_hall.people
    c = h.cash.start_count(DAY, h.shift_ids["早班"], p["t1"].id, p["zhang"].id)
    h.cash.save_count(c.id, receivable="300", pieces={"note-10000": 3, "note-50": 1},
                      non_cash={"pos": "12"}, reason_code="change_error", note="多收")
    h.cash.confirm(c.id, "give", PW)
    h.cash.confirm(c.id, "receive", PW)
    h.cash.start_count(DAY, h.shift_ids["早班"], p["t2"].id, p["zhang"].id)
    h.cash.add_movement(DAY, h.shift_ids["早班"], "20", direction="in", reason="零钱")
    h.cash.hand_over_invoices(DAY, "receipt", "001", "050", p["li"].id)
    tills = TillTableModel()
    tills.set_rows(h.cash.counts(DAY))
    qtmodeltester.check(tills)
    assert tills.rowCount() == 2
    moves = MovementTableModel()
    moves.set_rows(h.cash.movements(DAY))
    qtmodeltester.check(moves)
    months = MonthTotalTableModel()
    months.set_rows(list(h.cash.teller_history(p["t1"].id, DAY, DAY).months))
    qtmodeltester.check(months)
    assert months.rowCount() == 1
    inv = InvoiceTableModel()
    inv.set_rows(h.cash.invoice_ranges(DAY))
    qtmodeltester.check(inv)


def test_a_role_without_cash_rights_sees_the_reason_not_a_crash(qtbot, cash_hall):
    from hallmanager.domain.roles import Role
    from tests.conftest import add_user

    login_as(cash_hall, "admin", ADMIN_PASSWORD)
    add_user(cash_hall, "c1", Role.COMPLAINT_HANDLER, "投诉员", "RK0301")
    login_as(cash_hall, "c1")
    tab = make_tab(qtbot, cash_hall)
    assert tab.model.rowCount() == 0 and "无权" in tab.totals.text()
    assert not tab.buttons["new"].isEnabled()
    tab.view.clearSelection()
    assert tab.editor.view is None and all(e.isReadOnly() for e in tab.editor.edits())


def test_switching_tills_shows_each_ones_figures(qtbot, cash_hall):
    h, p = cash_hall, cash_hall.people
    a = h.cash.start_count(DAY, h.shift_ids["早班"], p["t1"].id, p["zhang"].id)
    h.cash.save_count(a.id, receivable="300", pieces={"note-10000": 3})
    b = h.cash.start_count(DAY, h.shift_ids["早班"], p["t2"].id, p["zhang"].id)
    h.cash.save_count(b.id, receivable="7", pieces={"coin-100": 7}, non_cash={"pos": "1"})
    tab = make_tab(qtbot, h)
    ed = tab.editor
    tab.select(a.id)
    field = ed.piece_edits["note-10000"]
    assert field.text() == "3" and ed.piece_edits["coin-100"].text() == ""
    ed.piece_edits["note-5000"].setText("1")  # typed, then another till is chosen: saved
    tab.view.selectRow(1)
    assert ed.view.id == b.id and ed.piece_edits["note-10000"] is field
    assert field.text() == "" and ed.piece_edits["coin-100"].text() == "7"
    assert ed.non_cash_edits["pos"].text() == "1.00" and ed.difference.text() == "长款 ¥1.00"
    assert [ln.key for ln in h.cash.count(a.id).lines] == ["note-10000", "note-5000"]


def test_lock_screen_saves_typing_and_hides_the_tills(qtbot, cash_hall):
    h, p = cash_hall, cash_hall.people
    tab = make_tab(qtbot, h)
    c = new_count(qtbot, tab, p["t1"].id, p["zhang"].id)
    tab.editor.piece_edits["note-2000"].setText("4")
    assert tab.has_unsaved_changes() is False  # asked before quitting: saved instead
    tab.editor.piece_edits["note-2000"].setText("5")
    tab.set_privacy(True)
    assert tab.model.rowCount() == 0 and tab.editor.view is None and tab.totals.text() == ""
    assert h.cash.count(c.id).cash_fen == 100_00
    tab.set_privacy(False)
    tab.refresh()
    assert [r.id for r in tab.model.rows()] == [c.id]
