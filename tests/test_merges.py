"""Merging as constrained clustering, on the whole galaxy store: no merged entity breaks a cannot-link,
related is not same, countries are mapped exactly, and the held-out alias measurement as a regression."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from cyberstate import KnowledgeBase
from cyberstate.errors import AmbiguousName
from cyberstate.ingest import naming
from cyberstate.ingest.galaxy import Countries
from heldout import score

GALAXY = Path(__file__).parent / "data" / "galaxy"
GROUPS = {"threat_group", "operation"}


def _entities(kb: KnowledgeBase) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for rec, ent in kb.store.canonical_map().items():
        out[ent].append(rec)
    return {e: sorted({e, *rs}) for e, rs in out.items()}


def test_no_merged_entity_breaks_a_cannot_link(galaxy_kb: KnowledgeBase) -> None:
    store = galaxy_kb.store
    kinds, attrs = store.entity_kinds(), store.entity_attrs()
    same = [c for c in store.iter_claims(predicate="same_as")]
    revoked = {c.subject for c in same if "revoked-by" in (c.note or "")}  # ATT&CK itself says they are one
    revoked |= {r for r, a in store.entity_attrs().items() if a.get("attack_revoked")}
    unmerged = {frozenset((c.subject, c.object)) for c in same if c.negated and c.object}
    checked = 0
    for ent, recs in _entities(galaxy_kb).items():
        ids = {attrs[r]["attack_id"] for r in recs if attrs.get(r, {}).get("attack_id") and r not in revoked}
        assert len(ids) <= 1, (kinds[ent], ids)
        countries = {attrs[r]["country"] for r in recs if attrs.get(r, {}).get("country")}
        assert len(countries) <= 1, (kinds[ent], countries)
        for c in naming.conventions():
            names = {
                re.sub(r"[^0-9a-z]", "", kinds[r][1].lower())
                for r in recs
                if kinds[r][0] in GROUPS and c.pattern.search(kinds[r][1])
            }
            assert len(names) <= 1, (kinds[ent], c.vendor, names)
        assert not any(frozenset((a, b)) in unmerged for a in recs for b in recs)
        checked += 1
    assert checked > 200


def test_groups_attack_keeps_apart_are_apart_with_see_also(galaxy_kb: KnowledgeBase) -> None:
    names = ["Turla", "APT17", "Axiom", "Winnti Group", "Naikon", "Lotus Blossom", "APT30", "APT41"]
    ids = {n: galaxy_kb.entity_id(n) for n in names}
    assert len(set(ids.values())) == len(names), ids
    assert galaxy_kb.chain("Turla")  # answers, and no longer through APT26
    assert galaxy_kb.entity_id("APT26") != ids["Turla"]
    # MISP marks APT17 "similar" to Axiom and Winnti Group: see-also links, shown on the entity
    links = galaxy_kb.merges("APT17")["links"]
    related = {x["other_entity"] for x in links if x["predicate"] == "related_to" and not x["within"]}
    assert ids["Axiom"] in related
    assert not any(x["predicate"] == "same_as" and x["within"] and "similar" in (x["note"] or "") for x in links)


def test_see_also_never_points_at_the_entity_itself(galaxy_kb: KnowledgeBase) -> None:
    """A related_to between two records that ended up in one entity is not shown as "APT41 see also APT41"."""
    for name in ("APT41", "APT30", "APT31", "APT17"):
        doc = galaxy_kb.show(name)
        links = [c for c in doc["claims"] if c["predicate"] == "related_to"]
        assert all(c["subject"]["id"] != c["object"]["id"] for c in links), name


def test_turbine_panda_joins_apt26(galaxy_kb: KnowledgeBase) -> None:
    assert galaxy_kb.entity_id("APT26") == galaxy_kb.entity_id("Turbine Panda")


def test_lazarus_is_not_south_korean(galaxy_kb: KnowledgeBase) -> None:
    doc = galaxy_kb.chain("Lazarus Group")
    text = repr(doc)
    assert "Korea, Republic of" not in text and "South Korea" not in text


def test_no_entity_in_two_countries_unless_contested(galaxy_kb: KnowledgeBase) -> None:
    store = galaxy_kb.store
    canon = store.canonical_map()
    kinds = store.entity_kinds()
    by_entity: dict[str, set[str]] = defaultdict(set)
    for c in store.iter_claims(predicate="attributed_to"):
        if c.negated or c.status != "accepted" or not c.object:
            continue
        obj = canon.get(c.object, c.object)
        if kinds.get(obj, ("",))[0] == "country":
            by_entity[canon.get(c.subject, c.subject)].add(obj)
    several = {e for e, cs in by_entity.items() if len(cs) > 1}
    contested = repr(galaxy_kb.contested())
    assert all(e in contested for e in several), sorted(kinds[e][1] for e in several if e not in contested)


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("Hainan State Security Department", "hainan-ssd"),
        ("Tianjin State Security Bureau", "tianjin-ssb"),
        ("Shanghai State Security Bureau", "shanghai-ssb"),
        ("Guangdong State Security Department", "guangdong-ssd"),
        ("PLA General Staff Department Third Department", "pla-gsd-third-department"),
    ],
)
def test_official_names_resolve(galaxy_kb: KnowledgeBase, name: str, body: str) -> None:
    assert galaxy_kb.entity_id(name) == body


def test_shared_abbreviation_lists_every_body_and_context_decides(galaxy_kb: KnowledgeBase, cli: Any) -> None:
    with pytest.raises(AmbiguousName) as info:
        galaxy_kb.entity_id("HSSD")
    assert {c.id for c in info.value.candidates} == {"hainan-ssd", "hubei-ssd"}
    assert galaxy_kb.entity_id("HSSD", context=["APT40"]) == "hainan-ssd"
    assert galaxy_kb.entity_id("HSSD", context=["APT31"]) == "hubei-ssd"


def test_company_and_group_named_after_it_are_two(galaxy_kb: KnowledgeBase) -> None:
    assert galaxy_kb.show("Boyusec")["id"] == "boyusec"
    assert galaxy_kb.entity_id("APT3") != "boyusec"


def test_countries_only_when_unambiguous() -> None:
    c = Countries({})
    assert c.code("Korea (Democratic People's Republic of)") == "KP"
    assert c.code("Korea (Republic of)") == "KR"
    assert c.code("southKorea") == "KR"
    assert c.code("korea") is None and Countries.why_not("korea") == "ambiguous country"
    assert c.code("Turkey") == "TR" and c.code("Iran (Islamic Republic of)") == "IR"
    assert c.code("Ruritania") is None and Countries.why_not("Ruritania") == "unknown country"


def test_import_reports_what_it_skipped_by_kind(cli: Any, tmp_path: Path, mini: Path) -> None:
    db = tmp_path / "s.db"
    assert cli("load", mini, db=db).code == 0
    bad = tmp_path / "odd-actors.json"
    bad.write_text(
        """{"name": "Odd Actors", "type": "threat-actor", "uuid": "00000000-0000-4000-8000-900000000000",
        "values": [
          {"value": "Odd One", "uuid": "00000000-0000-4000-8000-900000000001",
           "meta": {"country": "korea", "synonyms": ["Odd", "Odd"]},
           "related": [{"type": "similar"}, "not an object"]},
          {"value": "Odd Two", "uuid": "00000000-0000-4000-8000-900000000002", "meta": {"country": "Ruritania"}}
        ]}""",
        encoding="utf-8",
    )
    r = cli("import", "misp-galaxy", "--path", bad, "--json", db=db)
    assert r.code == 0, r.stderr
    skipped = r.json()["skipped"]
    assert skipped["ambiguous country"] == {"odd-actors: Odd One: country 'korea'": 1}
    assert skipped["unknown country"] == {"odd-actors: Odd Two: country 'Ruritania'": 1}
    assert skipped["duplicate synonym"] == {"odd-actors: Odd One: Odd": 1}
    assert sum(skipped["malformed related entry"].values()) == 2
    text = cli("import", "misp-galaxy", "--path", bad, db=db).stdout
    assert "skipped, ambiguous country: 1" in text and "skipped, malformed related entry: 2" in text


def test_merges_conflicts_lists_both_sides(galaxy_db: Path, cli: Any) -> None:
    r = cli("merges", "--conflicts", "--json", db=galaxy_db)
    assert r.code == 0, r.stderr
    doc = r.json()
    refused = [c for c in doc["conflicts"] if c["kind"] == "refused link"]
    assert refused and doc["refused_links"] == len(refused)
    axiom = next(c for c in refused if {"APT17", "Axiom"} <= {s["name"] for s in c["sides"]})
    assert "different ATT&CK ids" in axiom["reason"]
    assert {tuple(s["attack_ids"]) for s in axiom["sides"]} == {("G0025",), ("G0001",)}
    r = cli("merges", "APT30", db=galaxy_db)
    assert r.code == 0 and "G0013" in r.stdout and "ATT&CK id" in r.stdout


# ----------------------------------------------------------------- held-out measurement (tests/data/aliases)

#: Measured on the frozen files after the work of issue 11 (tests/data/aliases/README.md): the floor a change
#: may not fall below. Must-not-merge: the one test-split violation is Energetic Bear / Berserk Bear, which
#: ThaiCERT keeps apart and ATT&CK merged (it revoked G0074 into G0035).
FLOOR = {"dev": (0.77, 0), "test": (0.79, 1)}


@pytest.mark.parametrize("split", ["dev", "test"])
def test_held_out_aliases(galaxy_kb: KnowledgeBase, split: str) -> None:
    s = score(galaxy_kb, split)
    acc, violations = FLOOR[split]
    assert s.accuracy >= acc, s.line()
    assert len(s.violated) <= violations, s.violated
