"""The import into an empty store (store/fresh.py): built in a new file and copied into the store when
complete. It must leave the store that the transactional path leaves, row for row, with either library
binding the rows, and leave nothing behind (neither rows nor the new file) when it fails."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from cyberstate import KnowledgeBase
from cyberstate.errors import ImportFormatError
from cyberstate.exchange.stix_import import import_bundle
from cyberstate.exchange.stixmap import PROVENANCE
from cyberstate.store import fresh
from cyberstate.store.sqlite import PAGE_SIZE
from test_stix import _SET, ICS, _bundle, _export, build_marked

_REL = {
    "type": "relationship", "spec_version": "2.1", "id": "relationship--0d9ae7e4-6e4f-4a39-9e7a-5e4c8d6c8f20",
    "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z", "relationship_type": "uses",
    "source_ref": _SET["id"], "target_ref": "malware--0d9ae7e4-6e4f-4a39-9e7a-5e4c8d6c8f21",
}  # fmt: skip


@pytest.fixture
def marked_db(tmp_path: Path) -> Path:
    return build_marked(tmp_path)


_TOOL = {**_SET, "type": "malware", "id": _REL["target_ref"], "name": "Fresh Tool", "is_family": True}


def _rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows in rowid order (the full-text index's shadow tables aside: its integrity is
    checked), without the time stamps of writing; and the schema."""
    con = sqlite3.connect(db)
    try:
        out: dict[str, list[tuple[Any, ...]]] = {
            "schema": con.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
        }
        tables = con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'names_fts_%' "
            "AND name NOT IN ('migrations', 'placements')"
        ).fetchall()
        for (table,) in tables:
            cols = [c[1] for c in con.execute(f"PRAGMA table_info({table})") if c[1] != "recorded"]
            out[table] = con.execute(f"SELECT rowid, {', '.join(cols)} FROM {table} ORDER BY rowid").fetchall()
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        con.execute("INSERT INTO names_fts(names_fts) VALUES ('integrity-check')")
        return out
    finally:
        con.close()


def _import(db: Path, bundle: Path) -> dict[str, Any]:
    with KnowledgeBase.open(db, create=True) as kb:
        return import_bundle(kb.store, bundle).as_dict()


@pytest.mark.parametrize("library", ["apsw", "sqlite3"])
def test_the_fresh_path_leaves_the_store_the_transaction_leaves(
    cli: Any, marked_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, library: str
) -> None:
    """Our own bundle (the marked store's export) and a foreign one (ATT&CK for ICS, with a relationship
    given twice under two ids, which makes one claim written twice): the same rows, the same report."""
    bundle = tmp_path / "ours.json"
    _export(cli, marked_db, bundle)
    twice = {**_REL, "id": "relationship--0d9ae7e4-6e4f-4a39-9e7a-5e4c8d6c8f22", "description": "again"}
    foreign = _bundle(tmp_path / "foreign.json", [_SET, _TOOL, _REL, twice])
    monkeypatch.setenv("CYBERSTATE_BULK_DRIVER", library)
    for name, path in (("ours", bundle), ("ics", ICS), ("foreign", foreign)):
        built = tmp_path / f"{name}-fresh.db"
        report = _import(built, path)
        assert not list(tmp_path.glob("*.import-*")), "the new file is removed"
        with monkeypatch.context() as m:
            m.setattr(fresh.FreshBuild, "open", classmethod(lambda cls, store, expected: None))
            assert _import(tmp_path / f"{name}-tx.db", path) == report
        assert _rows(built) == _rows(tmp_path / f"{name}-tx.db"), name
    claims = _rows(tmp_path / "foreign-fresh.db")["claims"]
    assert report["claims"] == 2 and len(claims) == 1  # one claim, its note changed by the second relationship
    assert "again" in claims[0]


def test_the_fresh_path_is_taken_only_for_an_empty_store_outside_a_transaction(marked_db: Path, tmp_path: Path) -> None:
    with KnowledgeBase.open(marked_db) as kb:
        assert fresh.FreshBuild.open(kb.store, 10) is None  # a store with knowledge: its own transaction
    with KnowledgeBase.open(tmp_path / "empty.db", create=True) as kb:
        with kb.store.transaction():
            assert fresh.FreshBuild.open(kb.store, 10) is None  # the caller's transaction holds the write
        build = fresh.FreshBuild.open(kb.store, 10)
        assert build is not None
        with build:
            assert Path(build.path).exists()
        assert not Path(build.path).exists()
        assert fresh.is_empty(kb.store)


def test_a_failed_fresh_import_leaves_the_store_empty_and_no_file(tmp_path: Path) -> None:
    """An object the model refuses after good ones (an unknown kind in our extension):
    the store stays empty and takes a later import."""
    ext = {"extension_type": "property-extension", "entity_id": "odd", "kind": "wizard"}
    bad = {**_SET, "id": "intrusion-set--0d9ae7e4-6e4f-4a39-9e7a-5e4c8d6c8f13", "name": "Odd"}
    bad["extensions"] = {PROVENANCE: ext}
    db = tmp_path / "empty.db"
    with KnowledgeBase.open(db, create=True) as kb:
        schema = kb.store._db.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()
        with pytest.raises(ImportFormatError, match=r"object #2 \(intrusion-set--.*\) at character .*'wizard'"):
            import_bundle(kb.store, _bundle(tmp_path / "late.json", [_SET, _TOOL, bad, _REL]))
        assert fresh.is_empty(kb.store)
        assert kb.store._db.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall() == schema
        assert not list(tmp_path.glob("*.import-*"))
        report = import_bundle(kb.store, _bundle(tmp_path / "good.json", [_SET, _TOOL, _REL]))
        assert (report.entities, report.claims) == (2, 1)
        assert kb.store.get_entity("stix:" + _SET["id"]) is not None
        assert [h.entity_id for h in kb.store.search_names("Fresh Tool")] == ["stix:" + _TOOL["id"]]


def test_a_store_of_4_kb_pages_keeps_them_and_takes_the_fresh_import(tmp_path: Path) -> None:
    """New stores get PAGE_SIZE pages; a store made before (SQLite's default 4 KB pages) keeps its own, and
    the new file of an import into it, made with its page size, is copied into it: the same rows."""
    old = tmp_path / "old.db"
    con = sqlite3.connect(old)
    con.execute("PRAGMA page_size = 4096")
    con.execute("VACUUM")
    con.close()
    bundle = _bundle(tmp_path / "b.json", [_SET, _TOOL, _REL])
    report = _import(old, bundle)
    report_new = _import(tmp_path / "new.db", bundle)
    sizes = {}
    for db in (old, tmp_path / "new.db"):
        con = sqlite3.connect(db)
        sizes[db.name] = con.execute("PRAGMA page_size").fetchone()[0]
        con.close()
    assert sizes == {"old.db": 4096, "new.db": PAGE_SIZE}
    assert report == report_new and _rows(old) == _rows(tmp_path / "new.db")
