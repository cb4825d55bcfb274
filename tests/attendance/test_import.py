"""Imports from real files: the roster (花名册) and a clock machine's export, in GBK and UTF-8
(with and without BOM), CSV and XLSX; duplicates, unknown staff, bad timestamps, empty files."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from hallmanager.domain.errors import PermissionDenied, ValidationError
from hallmanager.domain.roles import Role
from tests.attendance.conftest import WED, at
from tests.conftest import add_user, last_audit, login_as

CLOCK_CSV = (
    "工号,姓名,打卡时间\r\n"
    "RK0101,张三,2026-11-18 09:41:07\r\n"
    "RK0101,张三,2026/11/18 18:32\r\n"
    "RK0102,李四,2026-11-18 10:05:00\r\n"
    "RK0102,李四,2026-11-18 10:05:00\r\n"  # the machine wrote it twice
    "RK0999,赵六,2026-11-18 09:30:00\r\n"  # not on the roster
    "RK0103,王五,2026-02-30 09:30:00\r\n"  # no such date
    ",,\r\n"
    "RK0103,王五,昨天上午\r\n"
)


def write(path, text: str, encoding: str):
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["gbk", "utf-8", "utf-8-sig"])
def test_clock_csv_in_every_encoding(hall, roster, tmp_path, encoding):
    f = write(tmp_path / "clock.csv", CLOCK_CSV, encoding)
    r = hall.attendance.import_punches(f)
    assert (r.imported, r.duplicates, r.rejected) == (3, 1, 3)
    assert [p.row for p in r.rejected_rows] == [6, 7, 9]
    assert r.rejected_rows[0].reason == "未知工号 RK0999（不在花名册中）"
    assert r.rejected_rows[2].reason.startswith("打卡时间“昨天上午”无法识别")
    assert "2 月没有 30 日" in r.rejected_rows[1].reason
    assert "RK0999" in r.rejected_rows[0].text
    punches = hall.attendance.punches(WED, WED)
    assert [(p.staff.staff_no, p.at, p.source) for p in punches] == [
        ("RK0101", at(WED, "09:41", 7), "import"), ("RK0102", at(WED, "10:05"), "import"),
        ("RK0101", at(WED, "18:32"), "import")]
    assert all(p.batch_id == r.batch_id for p in punches)
    e = last_audit(hall)
    assert (e.action, e.entity, e.entity_id) == ("import", "attendance_punch", r.batch_id)
    again = hall.attendance.import_punches(f)  # the same file again adds nothing
    assert (again.imported, again.duplicates, again.rejected) == (0, 4, 3)
    assert len(hall.attendance.punches(WED, WED)) == 3


def test_clock_xlsx_with_english_headers_and_datetime_cells(hall, roster, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["staff_no", "time"])
    ws.append(["RK0101", at(WED, "09:45")])
    ws.append([102, "2026-11-18 09:48:00"])  # not RK… : unknown
    ws.append(["rk0102", "2026-11-18 09:48:00"])  # lower case is the same number
    ws.append(["RK0103", None])
    wb.save(tmp_path / "clock.xlsx")
    r = hall.attendance.import_punches(tmp_path / "clock.xlsx")
    assert (r.imported, r.duplicates, r.rejected) == (2, 0, 2)
    assert [(p.row, p.reason) for p in r.rejected_rows] == [
        (3, "未知工号 102（不在花名册中）"), (5, "打卡时间为空")]


def test_clock_with_separate_date_and_time_columns(hall, roster, tmp_path):
    f = write(tmp_path / "c.csv", "考勤号\t日期\t时间\nRK0101\t2026-11-18\t9:44\n", "gbk")
    r = hall.attendance.import_punches(f)
    assert r.imported == 1
    assert hall.attendance.punches(WED, WED)[0].at == at(WED, "09:44")


@pytest.mark.parametrize(("content", "message"), [
    (b"", "文件是空的"),
    ("工号,打卡时间\r\n".encode("gbk"), "只有表头"),
    ("姓名,时间点\r\n张三,2026-11-18 09:00\r\n".encode(), "缺少列 工号"),
    ("工号,姓名\r\nRK0101,张三\r\n".encode(), "缺少列 打卡时间"),
    (b"\xff\xfe\x00\xd8garbage\x81", "无法识别文件编码"),
])
def test_bad_clock_files_change_nothing(hall, roster, tmp_path, content, message):
    f = tmp_path / "clock.csv"
    f.write_bytes(content)
    with pytest.raises(ValidationError, match=message):
        hall.attendance.import_punches(f)
    assert hall.attendance.punches(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == []


def test_unsupported_type_and_a_broken_xlsx(hall, roster, tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    with pytest.raises(ValidationError, match="不支持的文件类型"):
        hall.attendance.import_punches(tmp_path / "a.pdf")
    (tmp_path / "b.xlsx").write_bytes(b"not a zip")
    with pytest.raises(ValidationError, match="无法读取 Excel"):
        hall.attendance.import_punches(tmp_path / "b.xlsx")


def test_future_punches_are_rejected(hall, roster, tmp_path, clock):
    clock.set(at(WED, "12:00"))
    f = write(tmp_path / "c.csv", "工号,打卡时间\nRK0101,2026-11-18 11:59\n"
                                  "RK0101,2026-11-18 12:30\n", "utf-8")
    r = hall.attendance.import_punches(f)
    assert r.imported == 1 and r.rejected_rows[0].reason == "打卡时间晚于当前时间"


STAFF_CSV = ("工号,姓名,岗位,手机,入职日期\n"
             "RK0201,格桑拉姆,营业员,139 0890 1234,2023-05-01\n"
             "RK0202,扎西平措,业务受理员,,\n"
             "RK0101,张三,值班长,,\n")  # already on the roster: updated


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_staff_import_creates_and_updates(hall, roster, tmp_path, encoding):
    f = write(tmp_path / "staff.csv", STAFF_CSV, encoding)
    r = hall.attendance.import_staff(f)
    assert (r.created, r.updated, r.unchanged) == (2, 1, 0)
    people = {p.staff_no: p for p in hall.attendance.staff()}
    assert people["RK0201"].phone == "13908901234"
    assert people["RK0201"].hire_date == dt.date(2023, 5, 1)
    assert people["RK0101"].position == "值班长"
    assert people["RK0101"].phone == "13812345678"  # an empty cell keeps the number
    assert last_audit(hall).action == "import"
    again = hall.attendance.import_staff(f)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_a_bad_staff_row_imports_nothing_and_names_every_bad_row(hall, roster, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["工号", "姓名", "岗位", "手机", "入职日期"])
    ws.append(["RK0301", "陈静", "营业员", "13900001111", dt.datetime(2024, 3, 1)])
    ws.append(["RK0302", "", "营业员", None, None])
    ws.append(["RK0303", "刘洋", "营业员", "12345", None])
    ws.append(["RK0301", "陈静", "营业员", None, "2024-02-30"])
    wb.save(tmp_path / "staff.xlsx")
    with pytest.raises(ValidationError) as err:
        hall.attendance.import_staff(tmp_path / "staff.xlsx")
    msg = err.value.message
    assert msg.startswith("3 行有错误，未导入任何人员")
    assert "第 3 行：姓名不能为空" in msg and "第 4 行：电话号码格式不正确" in msg
    assert "第 5 行：入职日期“2024-02-30”不存在" in msg and err.value.row == 3
    assert {p.staff_no for p in hall.attendance.staff()} == {"RK0101", "RK0102", "RK0103"}


def test_duplicate_staff_number_in_the_file(hall, roster, tmp_path):
    f = write(tmp_path / "s.csv", "工号,姓名,岗位\nRK0401,甲,营业员\nrk0401,乙,营业员\n", "utf-8")
    with pytest.raises(ValidationError, match="第 3 行：工号 RK0401 与第 2 行重复"):
        hall.attendance.import_staff(f)


def test_only_the_hall_manager_imports_staff_and_a_teller_no_punches(hall, roster, tmp_path):
    f = write(tmp_path / "s.csv", STAFF_CSV, "utf-8")
    add_user(hall, "zhang", Role.DUTY_MANAGER, "张值班", "RK0011")
    login_as(hall, "zhang")
    with pytest.raises(PermissionDenied):
        hall.attendance.import_staff(f)
    clock_file = write(tmp_path / "c.csv", CLOCK_CSV, "gbk")
    assert hall.attendance.import_punches(clock_file).imported == 3  # the duty manager may
    login_as(hall, "t1")
    with pytest.raises(PermissionDenied):
        hall.attendance.import_punches(clock_file)
