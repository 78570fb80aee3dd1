"""The analyst's decisions survive a rebuild: export them, build a fresh store, load them, and they hold.

Everything goes through the real `cyberstate` command on a small store (the made-up data set, two
made-up galaxy clusters and one made-up press release)."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import MINI, run_cli

DATA = Path(__file__).parent / "data"
GALAXY = [DATA / "galaxy" / "test-actors.json", DATA / "galaxy" / "test-vendor.json"]
RELEASE = DATA / "docs" / "press-release.md"
R1 = "g-00000000-0000-4000-8000-000000000001"
R3 = "g-00000000-0000-4000-8000-000000000003"
V1 = "g-00000000-0000-4000-8000-100000000001"


def _build(cli: Any, db: Path) -> None:
    assert cli("load", MINI, db=db).code == 0
    galaxy = [a for p in GALAXY for a in ("--path", p)]
    assert cli("import", "misp-galaxy", *galaxy, db=db).code == 0


def _ok(r: Any) -> Any:
    assert r.code == 0, r.stderr
    return r.json()


def _decide(cli: Any, db: Path) -> dict[str, Any]:
    """Ingest the release, accept two candidates, reject one and a proposed entity, unmerge and merge."""
    source = _ok(cli("ingest", RELEASE, "--json", db=db))["documents"][0]["source"]
    cands = _ok(cli("review", "--document", source, "--json", db=db))["candidates"]
    alias = next(c for c in cands if c["predicate"] == "also_known_as")
    run_by = next(c for c in cands if c["predicate"] == "operated_by")
    denied = next(c for c in cands if c["negated"])
    sector = next(c["object"]["id"] for c in cands if c["predicate"] == "targeted")
    _ok(cli("review", "accept", alias["id"], run_by["id"], "--json", db=db))
    _ok(cli("review", "reject", denied["id"], sector, "--json", db=db))
    _ok(cli("unmerge", R1, V1, "--json", db=db))
    _ok(cli("merge", R3, R1, "--json", db=db))
    return {"source": source, "accepted": {alias["id"], run_by["id"]}, "rejected": denied["id"], "sector": sector}


def _state(cli: Any, db: Path, d: dict[str, Any]) -> dict[str, Any]:
    """What the decisions changed, as the commands show it."""
    show = _ok(cli("show", "Violet Typhoon", "--json", db=db))
    statuses = {c["id"]: c["status"] for c in show["claims"]}
    merges = _ok(cli("merges", "Alpha Panda", "--json", db=db))
    return {
        "entity": show["id"],
        "aliases": sorted(a["name"] for a in show["aliases"]),
        "accepted": sorted(i for i in d["accepted"] if statuses.get(i) == "accepted"),
        "records": sorted(r["id"] for r in merges["records"]),
    }


@dataclass
class Decided:
    base: Path  # the small store as a rebuild makes it: no decisions
    decisions: dict[str, Any]
    before: dict[str, Any]  # what the decisions changed, on the store they were made on
    file: Path
    doc: dict[str, Any]


@pytest.fixture(scope="module")
def decided(tmp_path_factory: pytest.TempPathFactory) -> Decided:
    tmp = tmp_path_factory.mktemp("decisions")
    base, old = tmp / "base.db", tmp / "old.db"
    _build(run_cli, base)
    shutil.copy(base, old)
    d = _decide(run_cli, old)
    before = _state(run_cli, old, d)
    out = tmp / "decisions.yaml"
    summary = _ok(run_cli("export", "decisions", "-o", out, "--json", db=old))
    assert (summary["accepted"], summary["rejected"], summary["merges"], summary["unmerges"]) == (2, 1, 1, 1)
    return Decided(base, d, before, out, yaml.safe_load(out.read_text()))


def test_decisions_survive_a_rebuild(cli: Any, decided: Decided, tmp_path: Path) -> None:
    d, before, out, doc = decided.decisions, decided.before, decided.file, decided.doc
    assert before["accepted"] == sorted(d["accepted"]) and "Violet Typhoon" in before["aliases"]
    assert R3 in before["records"] and V1 not in before["records"]  # merged in, kept apart
    docsrc = next(s for s in doc["sources"] if s["id"] == d["source"])
    assert len(docsrc["sha256"]) == 64 and "text" not in docsrc  # the document by its identity, not its text
    assert {e["id"]: e.get("status") for e in doc["entities"]}[d["sector"]] == "rejected"
    rejected = next(c for c in doc["claims"] if c["status"] == "rejected")
    assert rejected["evidence"] and rejected["origin"] == f"extract:{d['source']}" and rejected["negated"] is True

    new = tmp_path / "new.db"
    shutil.copy(decided.base, new)  # the rebuild: a fresh store holds none of it
    loaded = _ok(cli("load", out, "--json", db=new))
    assert loaded["retracted"] == 0 and loaded["changed"]["claims"] == len(doc["claims"]) - summary_by_hand(doc)
    assert _state(cli, new, d) == before
    again = tmp_path / "again.yaml"
    _ok(cli("export", "decisions", "-o", again, "--json", db=new))
    assert again.read_text() == out.read_text()  # exporting the rebuilt store gives the same file

    # Re-ingesting the document restores its text and leaves every reviewed candidate as decided.
    r = _ok(cli("ingest", RELEASE, "--json", db=new))["documents"][0]
    assert r["status"] == "ingested" and r["source"] == d["source"]
    review = _ok(cli("review", "--json", db=new))
    left = {c["id"] for c in review["candidates"]}
    assert d["rejected"] not in left and not (d["accepted"] & left)
    assert d["sector"] not in review["proposed_entities"]  # still rejected
    _ok(cli("export", "decisions", "-o", again, "--json", db=new))
    assert yaml.safe_load(again.read_text())["claims"] == doc["claims"]


def summary_by_hand(doc: dict[str, Any]) -> int:
    """Claims of the file the rebuilt store already holds (MINI's own, loaded by the rebuild)."""
    return sum(1 for c in doc["claims"] if c["origin"].startswith("curated:"))


def test_decisions_loaded_after_ingestion_hold_too(cli: Any, decided: Decided, tmp_path: Path) -> None:
    """`make run` order: the rebuilt store re-ingests first, then loads the decisions back."""
    d = decided.decisions
    new = tmp_path / "new.db"
    shutil.copy(decided.base, new)
    _ok(cli("ingest", RELEASE, "--json", db=new))
    _ok(cli("load", decided.file, "--json", db=new))
    assert _state(cli, new, d) == decided.before
    review = _ok(cli("review", "--json", db=new))
    left = {c["id"] for c in review["candidates"]}
    assert d["rejected"] not in left and not (d["accepted"] & left)
    assert d["sector"] not in review["proposed_entities"]
    assert _ok(cli("load", decided.file, "--json", db=new))["changed"] == {"sources": 0, "entities": 0, "claims": 0}


def test_nothing_decided_exports_an_empty_file_that_loads(cli: Any, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _ok(cli("load", MINI, "--json", db=db))
    out = tmp_path / "d.yaml"
    summary = _ok(cli("export", "decisions", "-o", out, "--json", db=db))
    assert summary["accepted"] == summary["merges"] == 0
    assert summary["by_hand"] > 0  # MINI is not data/: a rebuild would not bring its claims back
    _ok(cli("load", out, "--json", db=db))


def test_export_to_an_unwritable_place_is_one_line(cli: Any, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _ok(cli("load", MINI, "--json", db=db))
    r = cli("export", "decisions", "-o", tmp_path / "no" / "such" / "d.yaml", db=db)
    assert r.code == 1 and r.stderr.count("\n") == 1 and "cannot write" in r.stderr


def test_a_decision_on_a_galaxy_description_survives_a_rebuild(cli: Any, tmp_path: Path) -> None:
    """A candidate read from a galaxy record's description has the program's source id (`desc:` and the record):
    the decisions file names it, and loading the file into the rebuilt store (`make run`'s order) accepts it."""
    cluster = json.loads(GALAXY[0].read_text(encoding="utf-8"))
    cluster["values"][0]["description"] = "Alpha Panda has targeted the ministries of Ruritania since 2019."
    described = tmp_path / "described-actors.json"
    described.write_text(json.dumps(cluster), encoding="utf-8")

    def build(db: Path) -> None:
        assert cli("load", MINI, db=db).code == 0
        assert cli("import", "misp-galaxy", "--path", described, "--path", GALAXY[1], db=db).code == 0
        _ok(cli("ingest", "--galaxy-descriptions", "--json", db=db))

    old, new = tmp_path / "old.db", tmp_path / "new.db"
    build(old)
    cands = _ok(cli("review", "--json", "--limit", "1000", db=old))["candidates"]
    read = next(c for c in cands if c["predicate"] == "targeted" and c["sources"][0]["id"] == f"desc:{R1}")
    _ok(cli("review", "accept", read["id"], "--json", db=old))
    out = tmp_path / "decisions.yaml"
    assert _ok(cli("export", "decisions", "-o", out, "--json", db=old))["accepted"] == 1
    assert f"desc:{R1}" in {s["id"] for s in yaml.safe_load(out.read_text())["sources"]}

    build(new)
    _ok(cli("load", out, "--json", db=new))
    show = _ok(cli("show", "Alpha Panda", "--json", db=new))
    assert {c["id"]: c["status"] for c in show["claims"]}.get(read["id"]) == "accepted"


def test_min_confidence_without_a_document_is_refused(cli: Any, tmp_path: Path) -> None:
    """`review accept ID --min-confidence N` is refused with the reason and decides nothing: it accepted the
    candidate whatever its confidence, the option dropped (it chooses among a document's candidates)."""
    db = tmp_path / "s.db"
    _build(cli, db)
    source = _ok(cli("ingest", RELEASE, "--json", db=db))["documents"][0]["source"]
    low = min(_ok(cli("review", "--document", source, "--json", db=db))["candidates"], key=lambda c: c["confidence"])
    over = str(low["confidence"] + 1)
    for decision in ("accept", "reject"):
        r = cli("review", decision, low["id"], "--min-confidence", over, db=db)
        assert r.code == 1, r.stdout
        assert (
            r.stderr.strip()
            == f"error: --min-confidence {over}: goes with --document (it chooses among its candidates)"
        )
    left = _ok(cli("review", "--document", source, "--json", db=db))["candidates"]
    assert low["id"] in {c["id"] for c in left}
