"""A till count confirmed by both sides is final: refused through the service, the ORM and raw
SQL (migration 0007's triggers); only the reversal's state change goes through; ``hallmanager
check`` reports a confirmed till changed behind the program's back; no column can hold a float."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import inspect, text

from hallmanager.cli import main
from hallmanager.domain.errors import DatabaseError, ReadOnlyRecord
from hallmanager.storage.cash.models import TillCount, TillCountLine, TillNonCash
from tests.cash.test_service import confirmed, counted
from tests.conftest import ADMIN_PASSWORD, login_as


@pytest.fixture
def till(cash_hall):
    return confirmed(cash_hall, non_cash={"wechat": "10"}, reason_code="other", note="多 10 元")


def raw(db_path) -> sqlite3.Connection:
    return sqlite3.connect(db_path, isolation_level=None)


def test_service_refuses_changes(cash_hall, till):
    with pytest.raises(ReadOnlyRecord):
        cash_hall.cash.save_count(till.id, receivable="1")


def test_orm_refuses_update_and_delete(cash_hall, till):
    with pytest.raises(DatabaseError) as e:
        with cash_hall.db.write() as s:
            s.get(TillCount, till.id).cash_fen += 100
    assert "is final" in e.value.detail
    with pytest.raises(DatabaseError) as e:
        with cash_hall.db.write() as s:
            s.delete(s.get(TillCount, till.id))
    with pytest.raises(DatabaseError) as e:
        with cash_hall.db.write() as s:
            line = s.query(TillCountLine).filter_by(count_id=till.id).first()
            line.pieces += 1
    with pytest.raises(DatabaseError) as e:
        with cash_hall.db.write() as s:
            s.add(TillNonCash(count_id=till.id, method="pos", amount_fen=1))
    assert cash_hall.cash.count(till.id) == till


@pytest.mark.parametrize("sql", [
    "UPDATE till_count SET cash_fen = cash_fen - 10000 WHERE id = :id",
    "UPDATE till_count SET state = 'draft' WHERE id = :id",
    "UPDATE till_count SET state = 'reversed', note = 'x' WHERE id = :id",
    "DELETE FROM till_count WHERE id = :id",
    "UPDATE till_count_line SET pieces = 0 WHERE count_id = :id",
    "DELETE FROM till_count_line WHERE count_id = :id",
    "INSERT INTO till_count_line (count_id, denomination, value_fen, pieces) "
    "VALUES (:id, 'coin-10', 10, 1)",
    "UPDATE till_non_cash SET amount_fen = 1 WHERE count_id = :id",
    "DELETE FROM till_non_cash WHERE count_id = :id",
])
def test_raw_sql_refused(cash_hall, till, db_path, sql):
    con = raw(db_path)
    with pytest.raises(sqlite3.DatabaseError, match="is final"):
        con.execute(sql.replace(":id", str(till.id)))
    con.close()


def test_only_the_state_may_go_from_confirmed_to_reversed(cash_hall, till, db_path):
    con = raw(db_path)
    con.execute(f"UPDATE till_count SET state = 'reversed' WHERE id = {till.id}")
    with pytest.raises(sqlite3.DatabaseError, match="is final"):
        con.execute(f"UPDATE till_count SET state = 'confirmed' WHERE id = {till.id}")
    con.close()


def test_drafts_stay_editable_through_sql(cash_hall, db_path):
    c = counted(cash_hall)
    con = raw(db_path)
    con.execute(f"UPDATE till_count_line SET pieces = 9 WHERE count_id = {c.id}")
    con.close()
    assert cash_hall.cash.count(c.id).lines[0].pieces == 9


def test_check_reports_a_confirmed_till_changed_behind_the_programs_back(cash_hall, till,
                                                                        db_path, capsys):
    login_as(cash_hall, "admin", ADMIN_PASSWORD)
    cash_hall.cash.reverse(till.id, "录错", ADMIN_PASSWORD)
    cash_hall.close()
    assert main(["check", "--db", str(db_path)]) == 0
    capsys.readouterr()
    con = raw(db_path)
    con.execute("DROP TRIGGER till_count_locked_update")
    con.execute("DROP TRIGGER till_count_line_locked_update")
    con.execute(f"UPDATE till_count SET cash_fen = cash_fen - 10000 WHERE id = {till.id}")
    con.execute(f"UPDATE till_count_line SET pieces = pieces - 1 WHERE count_id = {till.id}")
    con.execute(f"UPDATE till_count SET state = 'confirmed' WHERE id = {till.id}")
    con.close()
    assert main(["check", "--db", str(db_path)]) == 1
    out = capsys.readouterr().out
    assert f"款箱清点 #{till.id} 的 cash_fen、lines" in out
    assert f"款箱清点 #{till.id} 的冲正状态" in out


def test_no_real_or_float_column_anywhere(cash_hall):
    with cash_hall.db.read() as s:
        insp = inspect(s.connection())
        tables = insp.get_table_names()
        assert {"till_count", "till_count_line", "cash_day_close"} <= set(tables)
        bad = [(t, c["name"], str(c["type"])) for t in tables for c in insp.get_columns(t)
               if any(w in str(c["type"]).upper() for w in ("REAL", "FLOAT", "DOUBLE",
                                                            "NUMERIC", "DECIMAL"))]
        declared = s.execute(text("SELECT name, sql FROM sqlite_master WHERE type='table'"))
        raw_bad = [n for n, sql in declared if any(w in (sql or "").upper()
                                                   for w in (" REAL", " FLOAT", " DOUBLE"))]
    assert bad == [] and raw_bad == []

