"""``tools/new_migration.py`` writes the next numbered revision from the models' difference.

Always on a temporary copy of the migrations folder: nothing is written into the repository.
The toy model lives in a subprocess, so this process's ``Base.metadata`` stays as it is.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from hallmanager.storage.migrate import MIGRATIONS_DIR, head_revision
from tools.new_migration import MigrationError, generate, read_versions, version_problems

REPO = Path(__file__).resolve().parents[1]

TOY = textwrap.dedent("""
    import json, sys
    from pathlib import Path

    import sqlalchemy as sa
    from alembic import command
    from sqlalchemy.orm import Mapped, mapped_column

    from hallmanager.storage.database import sqlite_url
    from hallmanager.storage.engine import make_engine
    from hallmanager.storage.migrate import alembic_config
    from hallmanager.storage.models import Base
    from tools.new_migration import main

    class ToyCash(Base):
        __tablename__ = "toy_cash"
        id: Mapped[int] = mapped_column(primary_key=True)
        counted_on: Mapped[str] = mapped_column(sa.String(10), index=True)
        amount_fen: Mapped[int] = mapped_column(sa.Integer)

    migrations, db = Path(sys.argv[1]), Path(sys.argv[2])
    rc = main(["Toy cash: counts", "--migrations", str(migrations)])
    # the new revision applies: empty database -> head through the temp folder
    cfg = alembic_config(sqlite_url(db))
    cfg.set_main_option("script_location", str(migrations))
    engine = make_engine(sqlite_url(db))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        cols = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(toy_cash)")]
        rev = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    engine.dispose()
    print(json.dumps({"rc": rc, "columns": cols, "revision": rev}))
""")


@pytest.fixture
def migrations(tmp_path) -> Path:
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def _real_versions() -> list[str]:
    return sorted(p.name for p in (MIGRATIONS_DIR / "versions").glob("*.py"))


def test_autogenerates_the_next_number_for_a_new_model(migrations, tmp_path):
    before = _real_versions()
    head = head_revision()
    nxt = f"{int(head) + 1:04d}"
    # WHEN a module adds a model and runs the tool
    done = subprocess.run([sys.executable, "-c", TOY, str(migrations), str(tmp_path / "t.db")],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    # THEN NNNN_<slug>.py follows head and creates the table (batch mode for the index)
    path = migrations / "versions" / f"{nxt}_toy_cash_counts.py"
    assert result["rc"] == 0 and path.exists()
    new = next(f for f in read_versions(migrations / "versions") if f.path == path)
    assert (new.revision, new.down_revisions) == (nxt, (head,))
    text = path.read_text(encoding="utf-8")
    upgrade = text.split("def upgrade()")[1].split("def downgrade()")[0]
    assert "op.create_table('toy_cash'" in upgrade
    assert "with op.batch_alter_table('toy_cash'" in upgrade
    assert "op.drop_table('toy_cash')" in text.split("def downgrade()")[1]
    assert version_problems(migrations / "versions") == []
    # and it runs: a fresh database upgraded through it has the table
    assert result["revision"] == nxt
    assert result["columns"] == ["id", "counted_on", "amount_fen"]
    # nothing was written into the repository
    assert _real_versions() == before


def test_refuses_when_the_models_add_nothing(migrations):
    files = sorted((migrations / "versions").glob("*.py"))
    with pytest.raises(MigrationError, match="add nothing over head"):
        generate("nothing new", migrations)
    assert sorted((migrations / "versions").glob("*.py")) == files


def test_refuses_on_a_broken_line_of_revisions(migrations):
    head = head_revision()
    for slug in ("attendance", "cash"):
        (migrations / "versions" / f"0099_{slug}.py").write_text(
            f"revision = '0099'\ndown_revision = {head!r}\n", encoding="utf-8")
    with pytest.raises(MigrationError, match="number 0099 is used by 2 files"):
        generate("complaints", migrations)


def test_refuses_a_message_without_ascii(migrations):
    with pytest.raises(MigrationError, match="ASCII"):
        generate("考勤", migrations)
