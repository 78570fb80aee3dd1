"""The public ties of data/record-ties.yaml reach the coverage table and the chains, with the doubt kept."""

from __future__ import annotations

from pathlib import Path

import yaml

from cyberstate import KnowledgeBase

TIES = Path(__file__).resolve().parents[1] / "data" / "record-ties.yaml"


def test_each_tie_carries_its_group_to_the_body_and_place(galaxy_kb: KnowledgeBase) -> None:
    rows = {r["name"]: r for r in galaxy_kb.coverage()["groups"]}
    expected = {
        # group: (level, body reached, province)
        "Tick": ("provincial bureau", "PLA Unit 61419", "Shandong"),
        "APT17": ("provincial bureau", "Jinan Bureau of the Ministry of State Security", "Shandong"),
        "Earth Lusca": ("front company", "Anxun Information Technology Co. Ltd.", None),
        "Poison Carp": ("front company", "Anxun Information Technology Co. Ltd.", None),
    }
    for group, (level, body, province) in expected.items():
        row = rows[group]
        assert row["level"] == level and row["deepest"]["name"] == body, (group, row)
        if province:
            assert row["province"]["name"] == province, (group, row["province"])
    # the DOJ ties the APT41 defendants' intrusions to the "Winnti" label, not to a membership: no named members
    assert rows["Winnti Group"]["people"] == []
    # the galaxy's own record of Tick (BRONZE BUTLER) is the same group, not a second row at country level
    assert "BRONZE BUTLER" not in rows


def test_a_doubted_unit_tie_is_contested(galaxy_kb: KnowledgeBase) -> None:
    """Recorded Future doubts the attribution to Unit 61419 (not to the PLA): that hop, and only it, is contested."""
    chains = galaxy_kb.chain("Tick")["chains"]
    hops = [(h["object"]["name"], h["contested"]) for ch in chains for h in ch["hops"]]
    assert ("PLA Unit 61419", True) in hops
    assert all(not c for name, c in hops if name == "People's Liberation Army")


def test_every_claim_of_the_file_names_whose_words_it_records() -> None:
    doc = yaml.safe_load(TIES.read_text(encoding="utf-8"))
    local = {s["id"] for s in doc["sources"]}
    for c in doc["claims"]:
        assert c.get("assertor") and c.get("basis") and c.get("sources"), c
        # a claim without a note would leave the reviewer no quotation of the page to check it against
        assert c.get("note") or c["predicate"] == "responsible_for", c
    assert all(s.get("url") for s in doc["sources"]) and len(local) == len(doc["sources"])
