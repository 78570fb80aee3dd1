"""Importing a bundle again: the store ends as one import leaves it (names, review decisions)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from conftest import MINI
from cyberstate import KnowledgeBase
from cyberstate.exchange.stixmap import PROVENANCE
from cyberstate.model import Claim


def _store(tmp_path: Path) -> Path:
    """The mini data set with a group whose own name is also an alias with its origin, as the galaxy writes
    a cluster's value (the name once as the record's name, once as the cluster's)."""
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    things = data / "things.yaml"
    text = things.read_text(encoding="utf-8")
    old = "aliases: [{name: EG-1, source: note}]"
    assert old in text
    things.write_text(
        text.replace(old, old[:-1] + ", {name: Example Group, source: report, origin: Vendor}]"),
        encoding="utf-8",
    )
    db = tmp_path / "store.db"
    with KnowledgeBase.open(db, create=True) as kb:
        kb.load([data])
    return db


def _names(db: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as con:
        return con.execute(
            "SELECT entity_id, name, source_id, origin, is_primary FROM names "
            "ORDER BY entity_id, name, source_id, origin"
        ).fetchall()


def _import(cli: Any, db: Path, bundle: Path) -> None:
    r = cli("import", "stix", bundle, "--json", db=db)
    assert r.code == 0, r.stderr


def test_importing_a_bundle_twice_leaves_the_names_as_once(cli: Any, tmp_path: Path) -> None:
    """A name stored twice under one source, once as the record's own name and once with its origin (a
    galaxy value, a vendor's name for itself), had both rows made primary by the second import (the update
    of the primary flag matched the name and source, not the origin): the named row then counted as the
    record's own name, left the aliases of `show` and of the next export (3,922 names of the `make run`
    store's export imported twice), and importing a store's own export changed its names."""
    db = _store(tmp_path)
    before = _names(db)
    assert ("example-group", "Example Group", "report", "Vendor", 0) in before
    bundle = tmp_path / "own.json"
    r = cli("export", "stix", "-o", bundle, db=db)
    assert r.code == 0, r.stderr
    _import(cli, db, bundle)
    assert _names(db) == before
    empty = tmp_path / "empty.db"
    _import(cli, empty, bundle)
    once = _names(empty)
    _import(cli, empty, bundle)
    assert _names(empty) == once
    again = tmp_path / "again.json"
    r = cli("export", "stix", "-o", again, db=empty)
    assert r.code == 0, r.stderr
    assert json.loads(again.read_text())["objects"] == json.loads(bundle.read_text())["objects"]
    group = next(o for o in json.loads(again.read_text())["objects"] if o.get("name") == "Example Group")
    names = next(e["names"] for e in group["extensions"].values() if "names" in e)
    assert {"name": "Example Group", "source": "report", "origin": "Vendor"} in names


def test_an_import_keeps_the_review_decisions_of_the_store(cli: Any, tmp_path: Path) -> None:
    """A colleague's bundle (or this store's own earlier export) holds a claim this store holds too: one
    extracted from the same document, accepted there. The import wrote the bundle's status over the stored one,
    so a claim the analyst here had rejected came back accepted, and went out in every export and TAXII
    collection; a candidate skipped the review. A claim the store holds keeps its status (the review here
    decides); a claim it lacks comes in accepted."""
    db = _store(tmp_path)
    proposed = [
        Claim(subject="example-group", predicate=p, object=o, sources=("note",), assertor="ministry-of-examples",
              basis="official_statement", status="candidate")
        for p, o in (("operated_by", "central-ministry"), ("targeted", "riverton"))
    ]  # fmt: skip
    rejected, waiting = proposed[0].id, proposed[1].id
    with KnowledgeBase.open(db) as kb, kb.store.transaction():
        kb.store.put_claims(proposed)
    theirs = tmp_path / "theirs.db"
    shutil.copy(db, theirs)
    for cid in (rejected, waiting):
        r = cli("review", "accept", cid, db=theirs)
        assert r.code == 0, r.stderr
    bundle = tmp_path / "theirs.json"
    r = cli("export", "stix", "-o", bundle, db=theirs)
    assert r.code == 0, r.stderr
    r = cli("review", "reject", rejected, db=db)
    assert r.code == 0, r.stderr
    _import(cli, db, bundle)
    with sqlite3.connect(db) as con:
        status = dict(con.execute("SELECT id, status FROM claims WHERE id IN (?, ?)", (rejected, waiting)))
    assert status == {rejected: "rejected", waiting: "candidate"}
    ids = {o.get("extensions", {}).get(PROVENANCE, {}).get("claim_id") for o in _exported(cli, db, tmp_path)}
    assert rejected not in ids and waiting not in ids
    empty = tmp_path / "empty.db"
    _import(cli, empty, bundle)
    with sqlite3.connect(empty) as con:
        status = dict(con.execute("SELECT id, status FROM claims WHERE id IN (?, ?)", (rejected, waiting)))
    assert status == {rejected: "accepted", waiting: "accepted"}


def _exported(cli: Any, db: Path, tmp_path: Path) -> list[dict[str, Any]]:
    out = tmp_path / "export.json"
    r = cli("export", "stix", "-o", out, db=db)
    assert r.code == 0, r.stderr
    return json.loads(out.read_text())["objects"]


def _primary(db: Path) -> dict[str, Any]:
    with sqlite3.connect(db) as con:
        return dict(con.execute("SELECT id, is_primary FROM sources WHERE id IN ('report', 'note')"))


def test_a_sources_primary_flag_survives_export_and_import(cli: Any, tmp_path: Path) -> None:
    """Whether a source is the stating body's own document (`primary`, what `stats --sources` counts) was not
    in the export: an export imported into an empty store had no primary source, and importing a store's own
    export wrote every source it cites over with no flag (436 of the `make run` store's)."""
    db = _store(tmp_path)
    sources = tmp_path / "data" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(
        text.replace("    text: report.txt\n", "    text: report.txt\n    primary: true\n").replace(
            "    url: https://example.org/note\n", "    url: https://example.org/note\n    primary: false\n"
        ),
        encoding="utf-8",
    )
    with KnowledgeBase.open(db) as kb:
        kb.load([tmp_path / "data"])
    assert _primary(db) == {"report": 1, "note": 0}
    bundle = tmp_path / "own.json"
    r = cli("export", "stix", "-o", bundle, db=db)
    assert r.code == 0, r.stderr
    _import(cli, db, bundle)
    assert _primary(db) == {"report": 1, "note": 0}
    empty = tmp_path / "empty.db"
    _import(cli, empty, bundle)
    assert _primary(empty) == {"report": 1, "note": 0}
    assert _exported(cli, empty, tmp_path) == json.loads(bundle.read_text())["objects"]


GALAXY = Path(__file__).parent / "data" / "galaxy"


def _rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(db) as con:
        return {
            "names": con.execute("SELECT entity_id, name, source_id, origin, is_primary FROM names ORDER BY 1, 2, 3, 4")
            .fetchall(),
            "entity_sources": con.execute("SELECT entity_id, source_id FROM entity_sources ORDER BY 1, 2").fetchall(),
            "claims": con.execute(
                "SELECT id, subject, predicate, object, assertor, status, origin FROM claims ORDER BY id"
            ).fetchall(),
        }  # fmt: skip


def test_a_store_importing_its_own_export_keeps_its_records_apart(cli: Any, tmp_path: Path) -> None:
    """An export writes a merged entity once, with the names and sources of every record merged into it, and
    a claim on a member record on the merged entity. Imported into the store it came from (or a store holding
    the same records), the names and sources of the members were copied onto the merged entity's record, and
    the claims moved onto it (4,947 names, 2,637 sources and 5,493 galaxy claims of the `make run` store):
    unmerged later, the curated record kept the galaxy's names and claims, and the next galaxy import moved
    the claims back. A claim the store holds keeps what it says (its id is derived from it), and a record
    takes no name or source another record of its merged entity holds."""
    db = _store(tmp_path)
    with KnowledgeBase.open(db) as kb:
        report = kb.import_galaxy(paths=[GALAXY / "test-actors.json", GALAXY / "test-vendor.json"])
    assert report.merges["merged_records"] > 0
    before = _rows(db)
    bundle = tmp_path / "own.json"
    r = cli("export", "stix", "-o", bundle, db=db)
    assert r.code == 0, r.stderr
    _import(cli, db, bundle)
    after = _rows(db)
    assert after["names"] == before["names"]
    assert after["entity_sources"] == before["entity_sources"]
    assert [c for c in after["claims"] if c not in before["claims"]] == []
    assert _exported(cli, db, tmp_path) == json.loads(bundle.read_text())["objects"]


def test_an_import_keeps_the_text_of_a_source_the_store_holds(cli: Any, tmp_path: Path) -> None:
    """An export gives a source's sha256, not its text. Imported into a store holding the source (its own
    export), the source was written over without its text: the document behind the claims' evidence was gone
    (7 documents, 70,000 characters, of the `make run` store). A source the bundle gives without a text keeps
    the stored text of the same sha256, and a source the bundle gives without a primary flag keeps its own."""
    db = _store(tmp_path)
    with sqlite3.connect(db) as con:
        before = con.execute("SELECT id, text, sha256, is_primary FROM sources ORDER BY id").fetchall()
    assert any(text for _, text, _, _ in before)
    bundle = tmp_path / "own.json"
    r = cli("export", "stix", "-o", bundle, db=db)
    assert r.code == 0, r.stderr
    _import(cli, db, bundle)
    with sqlite3.connect(db) as con:
        after = con.execute("SELECT id, text, sha256, is_primary FROM sources ORDER BY id").fetchall()
    assert [s for s in after if s not in before] == [(f"stix:{json.loads(bundle.read_text())['id']}", None, None, None)]
