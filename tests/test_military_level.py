"""The level of a military body comes from the data (model/rules.py `level_of`): a national branch of the PLA,
which the data place in no province, is at the agency level; a numbered unit or bureau the data place is at the
bureau level. Coverage, the chains and the theses read it alike. (A group tied only to the Strategic Support
Force was counted at the "provincial bureau" level in coverage and as provincial reach in the theses.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

SMALL = {
    "sources": [
        {
            "id": "report",
            "title": "Test report",
            "publisher": "Test publisher",
            "published": "2024-03-25",
            "url": "https://example.org/report",
        }
    ],
}
THINGS = {
    "defaults": {"sources": ["report"], "basis": "technical_analysis", "confidence": 80},
    "entities": [
        {"id": "china", "kind": "country", "name": "China", "sources": ["report"]},
        {"id": "example-province", "kind": "province", "name": "Example Province", "sources": ["report"]},
        {"id": "harbour-city", "kind": "city", "name": "Harbour City", "sources": ["report"]},
        {"id": "army", "kind": "state_organ", "name": "Example Army", "sources": ["report"]},
        {"id": "branch", "kind": "military_unit", "name": "Example Strategic Force", "sources": ["report"]},
        {"id": "unit-12345", "kind": "military_unit", "name": "Unit 12345", "sources": ["report"]},
        {"id": "second-office", "kind": "military_unit", "name": "Second Office of Unit 12345", "sources": ["report"]},
        {"id": "branch-group", "kind": "threat_group", "name": "Branch Group", "sources": ["report"]},
        {"id": "unit-group", "kind": "threat_group", "name": "Unit Group", "sources": ["report"]},
        {"id": "sub-unit-group", "kind": "threat_group", "name": "Sub-unit Group", "sources": ["report"]},
    ],
    "claims": [
        {"subject": "army", "predicate": "subordinate_to", "object": "china"},
        {"subject": "branch", "predicate": "subordinate_to", "object": "army"},
        {"subject": "unit-12345", "predicate": "subordinate_to", "object": "branch"},
        {"subject": "unit-12345", "predicate": "located_in", "object": "harbour-city"},
        {"subject": "harbour-city", "predicate": "located_in", "object": "example-province"},
        {"subject": "example-province", "predicate": "located_in", "object": "china"},
        {"subject": "second-office", "predicate": "subordinate_to", "object": "unit-12345"},
        {"subject": "branch-group", "predicate": "attributed_to", "object": "branch"},
        {"subject": "unit-group", "predicate": "attributed_to", "object": "unit-12345"},
        {"subject": "sub-unit-group", "predicate": "attributed_to", "object": "second-office"},
    ],
}


def _small_store(tmp_path: Path, cli: Any) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "sources.yaml").write_text(yaml.safe_dump(SMALL))
    (data / "things.yaml").write_text(yaml.safe_dump(THINGS))
    db = tmp_path / "small.db"
    r = cli("load", data, db=db)
    assert r.code == 0, r.stderr
    return db


def test_a_branch_is_national_and_a_placed_unit_a_bureau_through_the_cli(tmp_path: Path, cli: Any) -> None:
    db = _small_store(tmp_path, cli)
    rows = {r["name"]: r for r in cli("stats", "--coverage", "--json", db=db).json()["groups"]}
    assert rows["Branch Group"]["level"] == "agency", rows["Branch Group"]
    assert rows["Branch Group"]["deepest"]["name"] == "Example Strategic Force"
    assert rows["Unit Group"]["level"] == "provincial bureau" and rows["Unit Group"]["deepest"]["name"] == "Unit 12345"
    # a sub-unit the data place only through the unit it is under
    assert rows["Sub-unit Group"]["level"] == "provincial bureau", rows["Sub-unit Group"]
    assert rows["Sub-unit Group"]["deepest"]["name"] == "Second Office of Unit 12345"
    depths = {ch["depth"] for ch in cli("chain", "Branch Group", "--json", db=db).json()["chains"]}
    assert "provincial bureau" not in depths and "agency" in depths
    assert "provincial bureau" in {ch["depth"] for ch in cli("chain", "Unit Group", "--json", db=db).json()["chains"]}
    reach = cli("theses", "--country", "China", "--json", db=db).json()["theses"][0]
    names = {k: {e["name"] for e in v} for k, v in reach["entities"].items()}
    assert "Branch Group" in names["central"] and "Branch Group" not in names["provincial"]
    assert {"Unit Group", "Sub-unit Group"} <= names["provincial"]


def test_curious_gorge_reaches_a_national_branch_not_a_bureau(cli: Any, curated_db: Path) -> None:
    """What users see on the real store: Google TAG ties Curious Gorge only to the PLA Strategic Support Force,
    a national branch the data place in no province."""
    rows = {r["name"]: r for r in cli("stats", "--coverage", "--json", db=curated_db).json()["groups"]}
    gorge = rows["Curious Gorge"]
    assert gorge["level"] == "agency" and gorge["deepest"]["name"] == "PLA Strategic Support Force", gorge
    # the placed units stay at the bureau level
    for group, unit in (("Naikon", "PLA Unit 78020"), ("RedFoxtrot", "PLA Unit 69010"), ("Tick", "PLA Unit 61419")):
        assert rows[group]["level"] == "provincial bureau" and rows[group]["deepest"]["name"] == unit, rows[group]
    chains = cli("chain", "Curious Gorge", "--json", db=curated_db).json()["chains"]
    assert chains and chains[0]["depth"] == "agency"
    assert all(ch["depth"] != "provincial bureau" for ch in chains)
    reach = cli("theses", "--json", db=curated_db).json()["theses"][0]
    names = {k: {e["name"] for e in v} for k, v in reach["entities"].items()}
    assert "Curious Gorge" in names["central"] and "Curious Gorge" not in names["provincial"]
