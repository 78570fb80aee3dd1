"""A store another process is writing to: one clear line (and a JSON error document), never a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from conftest import MINI


def test_a_locked_store_is_one_line(cli: Any, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    assert cli("load", MINI, db=db).code == 0
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the store for longer than the 5 s wait
    try:
        r = cli("load", MINI, db=db)
        assert r.code == 1 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
        assert "the database is locked by another process" in r.stderr
        doc = cli("load", MINI, "--json", db=db).json()["error"]
        assert doc["type"] == "StoreLocked" and "locked by another process" in doc["message"]
        assert cli("show", "Example Group", "--json", db=db).code == 0  # readers are not blocked
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert cli("load", MINI, db=db).code == 0
