"""The vendor and researcher ties of data/record-vendors.yaml move their groups below the country level in
the coverage table, each to the body the report names, at the strength of the report's wording."""

from __future__ import annotations

from pathlib import Path

import yaml

from cyberstate import KnowledgeBase

VENDORS = Path(__file__).resolve().parents[1] / "data" / "record-vendors.yaml"


def test_each_vendor_tie_sets_the_deepest_level(galaxy_kb: KnowledgeBase) -> None:
    rows = {r["name"]: r for r in galaxy_kb.coverage()["groups"]}
    expected = {
        # group: (level, body reached or None, province or None)
        "Tonto Team": ("agency", "People's Liberation Army", "Liaoning"),
        # a national branch of the PLA, which the data place in no province: the agency level, not a bureau
        "Curious Gorge": ("agency", "PLA Strategic Support Force", None),
        # Topsec is tied to the state by nothing but its address in Beijing: location places, it never
        # attributes, so Black Vine reaches the state through a catalogue's attribution alone
        "Black Vine": ("country", None, None),
        "Earth Krahang": ("front company", "Anxun Information Technology Co. Ltd.", None),
        # Microsoft's mapping lists "isoon" among its names: a link at 50, the row stays weak
        "Houndstooth Typhoon": ("front company", "Anxun Information Technology Co. Ltd.", None),
    }
    for group, (level, body, province) in expected.items():
        row = rows[group]
        assert row["level"] == level and (row["deepest"] or {}).get("name") == body, (group, row)
        if province:
            assert row["province"]["name"] == province, (group, row["province"])
    # Secureworks assesses the two men the July 2020 indictment charges as BRONZE SPRING's members
    assert rows["BRONZE SPRING"]["level"] == "person"
    assert rows["BRONZE SPRING"]["people"] == ["Dong Jiazhi", "Li Xiaoyu"]


def test_a_hedged_tie_keeps_its_weight(galaxy_kb: KnowledgeBase) -> None:
    """Symantec: some actors of Black Vine "may be associated" with Topsec: the path stands at 50, not higher (an
    open lead, placed in Beijing: Topsec is tied to the state by nothing but its address)."""
    rows = {r["name"]: r for r in galaxy_kb.coverage()["groups"]}
    (lead,) = [ch for ch in galaxy_kb.chain("Black Vine")["open_leads"] if ch["ends_at"]["name"] == "Topsec"]
    assert lead["confidence"] == 50 and lead["province"]["name"] == "Beijing"
    # ATT&CK's Deep Panda lists Black Vine: Symantec's group is that record, not a second row
    assert "Deep Panda" not in rows


def test_every_tie_is_a_vendors_or_researchers_word(galaxy_kb: KnowledgeBase) -> None:
    """The file holds what vendors and researchers state; governments' words belong to the other record files.
    A tie to a body is asserted by a vendor; only a place's own location may rest on a reference page."""
    data = yaml.safe_load(VENDORS.read_text(encoding="utf-8"))
    for claim in data["claims"]:
        kind = galaxy_kb.show(claim["assertor"]).assertor_type
        allowed = {"vendor", "media"} if claim["predicate"] == "located_in" else {"vendor"}
        assert kind in allowed, (claim["subject"], claim["predicate"], claim["assertor"], kind)
