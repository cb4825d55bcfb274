"""Audit-chain anchors kept outside the database: where the head of the chain was last seen.

The hash chain proves that entries *between* its ends were not changed, but whoever can write
the file can also delete its newest entries, delete everything, or edit an entry and
recompute every later hash: the chain has no key. An anchor is a statement made outside the
file — "entry #N had hash H" — that the file must still agree with:

- the *local anchor*: after every commit that appended audit entries the program writes the
  new head to a small JSON file in the user's configuration folder (platformdirs
  ``user_config_path``, roaming on Windows; ``$HALLMANAGER_ANCHOR_DIR`` overrides it, e.g.
  for tests). It is deliberately *not* beside the database: a file that is copied, restored
  or edited elsewhere together with its sidecar would carry a matching forgery with it.
- the *paper anchor*: the same ``#N:HASH`` is printed in the footer of every handover sheet,
  which the hall signs and files; ``hallmanager check --anchor N:HASH`` holds it against the
  file.

No key is used. A key kept on the same PC under the same account protects no more than the
anchor file itself, and a keyed chain would break a hall whose several desks share one
PostgreSQL database (each PC would need the same secret) and every database written before.
The paper cannot be rewritten by someone at the PC, which is the anchor that matters.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

ENV_ANCHOR_DIR = "HALLMANAGER_ANCHOR_DIR"
# Hex digits of the hash printed on paper: 64 bits, far beyond what a forger could match.
PAPER_HASH_CHARS = 16
_ANCHOR_TEXT = re.compile(r"^#?(\d+)[:：·\s]+([0-9a-fA-F]{12,64})$")


@dataclass(frozen=True)
class Anchor:
    """Entry ``id`` had hash ``hash`` (a full hash, or a prefix of at least 12 hex digits)."""

    id: int
    hash: str

    @property
    def text(self) -> str:
        """The form printed on paper and accepted by ``check --anchor``."""
        return f"#{self.id}:{self.hash[:PAPER_HASH_CHARS]}"

    def matches(self, full_hash: str) -> bool:
        return full_hash.lower().startswith(self.hash.lower())


def parse_anchor(text: str) -> Anchor:
    """``#1234:3f2a9c1b0d4e5f60`` (or ``1234:…``) → Anchor; ValueError when malformed."""
    m = _ANCHOR_TEXT.match((text or "").strip())
    if not m:
        raise ValueError(f"锚点格式不正确：“{text}”（应为 编号:哈希，例如 1234:3f2a9c1b0d4e5f60）")
    return Anchor(int(m.group(1)), m.group(2).lower())


def anchor_dir() -> Path:
    """The folder of local anchors (see the module docstring)."""
    env = os.environ.get(ENV_ANCHOR_DIR)
    if env:
        return Path(env)
    from platformdirs import user_config_path

    return user_config_path("hallmanager", appauthor=False, roaming=True) / "audit-anchors"


def database_identity(url: str | URL) -> str | None:
    """What names a database across processes: the real path of a SQLite file, the URL
    without password of a server; None for an in-memory database (nothing to anchor)."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        if not u.database or u.database == ":memory:" or u.database.startswith("file:"):
            return None
        return file_identity(u.database)
    return u.render_as_string(hide_password=True)


def file_identity(path: Path | str) -> str:
    """``database_identity`` of a SQLite file, without SQLAlchemy (``check``)."""
    return os.path.normcase(os.path.realpath(path))


def anchor_file(identity: str) -> Path:
    digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32]
    return anchor_dir() / f"{digest}.json"


def read_local_anchor(identity: str | None) -> Anchor | None:
    """The head this PC last wrote for the database, or None (none yet, or unreadable)."""
    if identity is None:
        return None
    try:
        data = json.loads(anchor_file(identity).read_text(encoding="utf-8"))
        if data.get("database") != identity:
            return None
        return Anchor(int(data["id"]), str(data["hash"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write_local_anchor(identity: str, anchor: Anchor) -> None:
    """Replace the anchor atomically (temporary file + rename). Never raises: an anchor that
    cannot be written must not fail the user's action, which is already committed."""
    target = anchor_file(identity)
    tmp = target.with_name(f".{target.stem}.{os.getpid()}.tmp")
    payload = {"database": identity, "id": anchor.id, "hash": anchor.hash,
               "written_at": dt.datetime.now().isoformat(timespec="seconds")}
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


def forget_local_anchor(identity: str | None) -> None:
    """Drop the anchor of a database that is being replaced on purpose (``demo --force``)."""
    if identity is not None:
        with contextlib.suppress(OSError):
            anchor_file(identity).unlink()
