"""Merging as constrained clustering, on the whole galaxy store: no merged entity breaks a cannot-link,
related is not same, countries are mapped exactly, and the held-out alias measurement as a regression."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from cyberstate import KnowledgeBase
from cyberstate.errors import AmbiguousName, CyberstateError, ImportFormatError
from cyberstate.ingest import naming, reference
from cyberstate.ingest.galaxy import Countries
from cyberstate.model.names import slug
from cyberstate.resolve.merge import actors_of, microsoft_actor, vendors
from cyberstate.resolve.names import form_key, resolve
from cyberstate.resolve.schemes import apart
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
    vendor_of = vendors(attrs)
    checked = 0
    for ent, recs in _entities(galaxy_kb).items():
        ids = {attrs[r]["attack_id"] for r in recs if attrs.get(r, {}).get("attack_id") and r not in revoked}
        assert len(ids) <= 1, (kinds[ent], ids)
        countries = {attrs[r]["country"] for r in recs if attrs.get(r, {}).get("country")}
        assert len(countries) <= 1, (kinds[ent], countries)
        for c in naming.conventions():
            names = {
                naming.designator_value(kinds[r][1])
                for r in recs
                if kinds[r][0] in GROUPS and c.pattern.search(kinds[r][1])
            }
            # two designators of one scheme only where ATT&CK lists both under one group (Fox Kitten, Pioneer Kitten)
            assert apart(f"{c.vendor} names ({c.meaning})", names, names) is None, (kinds[ent], c.vendor, names)
        assert not any(frozenset((a, b)) in unmerged for a in recs for b in recs)
        ms = {microsoft_actor(kinds[r][1]) for r in recs if vendor_of.get(r) == "Microsoft"} - {None}
        assert len(ms) <= 1, (kinds[ent], ms)  # two of Microsoft's actors are two groups for Microsoft
        checked += 1
    assert checked > 200


def test_designator_numbers_tidal_ids_and_deprecated_values(galaxy_kb: KnowledgeBase) -> None:
    kb = galaxy_kb
    # Microsoft's designators are one name with or without the leading zeros of their number
    assert naming.name_key("DEV-0322") == naming.name_key("DEV-322") != naming.name_key("DEV-3220")
    assert kb.entity_id("DEV-500") == kb.entity_id("DEV-0500") == kb.entity_id("Marigold Sandstorm")
    assert kb.entity_id("Storm-558") == kb.entity_id("Storm-0558")
    # 360's values are "<name> - <APT-C number>": both are names, the number 360's own id for its group
    assert kb.entity_id("APT-C-00") == kb.entity_id("海莲花") == kb.entity_id("海莲花 - APT-C-00")
    assert resolve(kb.store, "APT-C-11")[0].how == "own id"  # 360's own number outranks another's listing
    # "CIA - APT-C-39" names a group after the agency 360 attributes it to: CIA is the agency, the group APT-C-39
    assert kb.store.entity_kinds()[kb.entity_id("CIA")] == ("government_agency", "Central Intelligence Agency")
    assert kb.entity_id("APT-C-39") != kb.entity_id("CIA")
    assert kb.entity_id("NSA") == "us-nsa"  # an acronym another entity already carries is not added
    # a name listed with its coiner in parentheses is found without them; a name that contains them is not cut
    assert kb.entity_id("TG-2884") == kb.entity_id("TG-2884 (SCWX CTU)")
    assert naming.name_key("NoName057(16)") != naming.name_key("NoName057")
    # Tidal's own numbers (G3002 for three groups) are Tidal's ids, never ATT&CK ids, and join nothing
    attack = {g.id for g in reference.attack_groups()[1]}
    attrs = kb.store.entity_attrs()
    assert all(a["attack_id"] in attack for a in attrs.values() if str(a.get("attack_id", "")).startswith("G"))
    tidal = [r for r, a in attrs.items() if a.get("tidal_id") == "G3002"]
    assert len(tidal) == 3 and len({kb.entity_id(r) for r in tidal}) == 3
    with pytest.raises(AmbiguousName):
        kb.entity_id("G3002")
    # a value its maintainer deprecated in favour of ATT&CK's object is folded into it, named without the marker
    names = {n for _, n in kb.store.entity_kinds().values()}
    assert not any(n.lower().endswith("(deprecated)") for n in names)
    dep = [r for r, a in attrs.items() if a.get("deprecated_value") and a.get("tidal_id") == "G3062"]
    assert len(dep) == 1 and kb.entity_id(dep[0]) == kb.entity_id("G1045")  # Salt Typhoon


def test_vendor_naming_tables(galaxy_kb: KnowledgeBase) -> None:
    kb = galaxy_kb
    rows = reference.vendor_names()
    assert rows and all(r.url.startswith("https://") and r.quote for r in rows)
    # Unit 42's "Stately Taurus, also known as PKPLUG" joins the group ATT&CK calls Mustang Panda
    assert kb.entity_id("Stately Taurus") == kb.entity_id("PKPLUG") == kb.entity_id("G0129")
    names = {h.name for h in kb.store.iter_names() if h.origin == "Palo Alto Networks Unit 42 (also known as)"}
    assert "PKPLUG" in names
    # "is thought to have a direct or indirect relationship with": a see-also, never an alias
    shallow = kb.entity_id("Shallow Taurus")
    related = {
        kb.entity_id(c.object) for c in kb.store.iter_claims(predicate="related_to") if c.subject.startswith("vendor-")
    }
    assert kb.entity_id("Moafee") in related and kb.entity_id("Moafee") != shallow
    # a body a group is attributed to, listed among its names, is not taken as its alias
    listed = {h.name for h in kb.store.iter_names() if h.origin == "QiAnXin RedDrip Team (also known as)"}
    assert "PLA Unit 61398" not in listed and "TG-8223" in listed
    # Secureworks' figure lists CTG-7263 in IRON VIKING's box with Sandworm Team: ATT&CK's Sandworm (G0034)
    assert kb.entity_id("CTG-7263") == kb.entity_id("IRON VIKING") == kb.entity_id("G0034")
    # "CTU researchers ... consider NICKEL GLADSTONE to be a subgroup": related, not the same group
    gladstone = kb.entity_id("NICKEL GLADSTONE")
    assert gladstone != kb.entity_id("NICKEL ACADEMY") == kb.entity_id("G0032")
    # "thought linked to COBALT ILLUSION": the group's coiner keeps the two apart, whatever lists join them
    # (MISP lists COBALT MIRAGE under APT35, which ATT&CK gives COBALT ILLUSION's group)
    mirage = kb.entity_id("COBALT MIRAGE")
    assert mirage != kb.entity_id("COBALT ILLUSION") == kb.entity_id("G0059")
    kept = kb.merges("COBALT MIRAGE")["kept_apart"]
    assert any("says it is related to" in x["reason"] for x in kept)


def test_government_advisories_name_groups(galaxy_kb: KnowledgeBase) -> None:
    """Joint advisories, indictments and sanctions that name a group with industry's names are a naming
    table spoken by the government body the store has, never by a "security vendor" of that name."""
    kb = galaxy_kb
    rows = [r for r in reference.vendor_names() if r.assertor_type == "government"]
    assert rows and all(r.assertor for r in rows)
    # AA21-200A lists GreenCrash among APT40's names and gives ATT&CK's id: the name reaches G0065
    assert kb.entity_id("GreenCrash") == kb.entity_id("G0065")
    # it lists Hellsing too, under which QiAnXin lists Goblin Panda, a CrowdStrike adversary of its own beside
    # APT40's Kryptonite Panda: the chain is refused, and the conflict is listed with both sides' evidence
    assert kb.entity_id("GOBLIN PANDA") == kb.entity_id("Hellsing") != kb.entity_id("APT40")
    kept = kb.merges("APT40")["kept_apart"]
    assert any("two designators of CrowdStrike names" in x["reason"] for x in kept)
    # "Andariel, Onyx Sleet (formerly PLUTONIUM), DarkSeoul, Silent Chollima, and Stonefly/Clasiopa"
    assert kb.entity_id("Clasiopa") == kb.entity_id("Andariel")
    origins = {h.origin for h in kb.store.iter_names() if h.name == "Clasiopa"}
    assert "CISA and partner agencies (also known as)" in origins
    kinds = kb.store.entity_kinds()
    speakers = {f"vendor-{slug(r.vendor)}" for r in rows}
    assert not speakers & set(kinds)  # the store's CISA, DOJ and Treasury speak; no vendor entity stands in


def test_every_attack_group_is_its_own_entity(galaxy_kb: KnowledgeBase) -> None:
    """Cannot-link over the whole store, from ATT&CK's own table (data/reference/attack-groups.yaml): every
    group ATT&CK has not revoked is one entity of its own, and a revoked one is the group it was revoked into."""
    _, groups = reference.attack_groups()
    live = [g for g in groups if not g.revoked_by]
    ents = {g.id: galaxy_kb.entity_id(g.id) for g in live}
    shared: dict[str, list[str]] = defaultdict(list)
    for gid, ent in ents.items():
        shared[ent].append(gid)
    assert not [ids for ids in shared.values() if len(ids) > 1]
    for g in groups:
        if g.revoked_by:
            assert galaxy_kb.entity_id(g.id) == ents[g.revoked_by], g.id


def test_galaxy_brought_up_to_attack_and_microsoft_tables(galaxy_kb: KnowledgeBase) -> None:
    kb = galaxy_kb
    assert kb.entity_id("Camaro Dragon") == kb.entity_id("G0129")  # an alias ATT&CK v18 gives Mustang Panda
    assert kb.entity_id("ALLANITE") == kb.entity_id("G1000") != kb.entity_id("G0035")  # ICS value: id by name
    assert kb.entity_id("SectorC08") == kb.entity_id("G0047")  # Microsoft's Aqua Blizzard lists it
    assert kb.entity_id("StoneFly") == kb.entity_id("G0138")  # Microsoft's Onyx Sleet lists it
    # both list WIZARD SPIDER, but Microsoft keeps them as two actors
    assert kb.entity_id("Storm-0230") != kb.entity_id("Periwinkle Tempest")
    assert kb.entity_id("Storm-0558") == kb.entity_id("Antique Typhoon")  # Microsoft's previous name
    # "Ukraine, Financially motivated" is no attribution: Sangria Tempest stays with FIN7 (MISP: Russia)
    assert kb.entity_id("Sangria Tempest") == kb.entity_id("G0046") == kb.entity_id("FIN7")
    # a name Microsoft's table gives to several actors (CrowdStrike's coarser LABYRINTH CHOLLIMA) is no alias
    shared = [
        h for h in kb.store.iter_names() if h.source == reference.MICROSOFT_SOURCE and h.name == "LABYRINTH CHOLLIMA"
    ]
    assert not shared
    attrs = kb.store.entity_attrs()
    assert any(a.get("naming_vendor") == "Microsoft" for a in attrs.values())  # actors the galaxy lacks


def test_a_renamed_or_retired_microsoft_name_is_no_other_microsoft_actor(galaxy_kb: KnowledgeBase) -> None:
    """A designator whose own row of Microsoft's table is empty and which one other row lists is that row's actor
    (Neva Flood's row lists Storm-1516); a name the current table no longer carries (Wine Tempest, PARINACOTA,
    Camouflage Tempest) is no actor Microsoft tells apart, and joins as its names let it. Actors Microsoft lists
    side by side stay two (Periwinkle Tempest and Storm-0230), and so does a designator whose own row lists names of
    its own, or which two rows list."""
    kb = galaxy_kb
    assert microsoft_actor("Storm-1516") == microsoft_actor("Neva Flood") == "Neva Flood"
    assert microsoft_actor("PARINACOTA") is None and microsoft_actor("Camouflage Tempest") is None
    assert kb.entity_id("Storm-1516") == kb.entity_id("Neva Flood")
    assert kb.entity_id("PARINACOTA") == kb.entity_id("Wine Tempest")  # the galaxy's Wine Tempest lists it
    assert kb.entity_id("Storm-0538") == kb.entity_id("FIN6") == kb.entity_id("G0037")  # Microsoft's FIN6 since 2024
    assert kb.entity_id("Storm-0230") != kb.entity_id("Periwinkle Tempest")
    reasons = " ".join(c["reason"] for c in kb.merge_conflicts()["conflicts"])
    assert "Neva Flood / Storm-1516" not in reasons and "PARINACOTA" not in reasons
    # ATT&CK's Carbanak (no country) and 360's (Ukraine) hold the name as their own; FIN7's records (Russia) list it
    assert kb.entity_id("APT-C-11") == kb.entity_id("G0008") == kb.entity_id("Anunak") != kb.entity_id("FIN7")

    actor = reference.Actor
    rows = [
        actor("Lilac Typhoon", "China", ("Storm-9901", "Storm-9903")),
        actor("Storm-9901", "China", ()),
        actor("Storm-9902", "China", ("ACME PANDA",)),
        actor("Ochre Typhoon", "China", ("Storm-9902", "Storm-9903")),
        actor("Storm-9903", "China", ()),
    ]
    got = actors_of(rows)
    assert got["storm9901"] == "Lilac Typhoon"  # its empty row, one lister
    assert got["storm9902"] == "Storm-9902"  # its row lists a name of its own
    assert got["storm9903"] == "Storm-9903"  # two rows list it


def test_pinned_galaxy_clusters_and_disagreeing_sources(galaxy_kb: KnowledgeBase) -> None:
    """The clusters data/reference/ pins replace the package's older ones, cited to their commit; where
    sources disagree, the names two records share as their own settle first, then the listing with more
    support wins, and a name one source lists under two groups joins neither by that listing."""
    kb = galaxy_kb
    src = kb.store.get_source("misp-galaxy:threat-actor")
    assert src is not None and src.url and "9434ace4eb925c9a1c9b3bccf014a25f9d14f0b0" in src.url
    assert "version 349" in src.title
    assert kb.entity_id("WILD COMET") == kb.entity_id("G0046")  # a Google name the newer cluster adds to FIN7
    # ATT&CK and MISP list Periwinkle Tempest under Wizard Spider, MISP alone Pistachio Tempest (Microsoft's
    # FIN12, another actor for Microsoft): the better supported listing wins, the other stays apart
    assert kb.entity_id("Periwinkle Tempest") == kb.entity_id("G0102") != kb.entity_id("Pistachio Tempest")
    # MISP's Operation C-Major lists six of Transparent Tribe's names and one of SideCopy's (Storm-0156)
    assert kb.entity_id("Operation C-Major") == kb.entity_id("G0134") != kb.entity_id("G1008")
    # MISP lists Circle Typhoon under APT27 and under TiltedTemple: that listing joins neither
    assert kb.entity_id("TiltedTemple") not in {kb.entity_id("Circle Typhoon"), kb.entity_id("G0027")}
    reasons = {c["name"]: c["reason"] for c in kb.merge_conflicts()["conflicts"]}
    assert "a name one source gives to several groups" in reasons["Circle Typhoon"]
    # Microsoft's "Ukraine, Financially motivated": the Microsoft cluster's UA is no attribution
    ukraine = kb.entity_id("Ukraine")
    sangria = [r for r, e in kb.store.canonical_map().items() if e == kb.entity_id("Sangria Tempest")]
    assert not [
        c
        for c in kb.store.iter_claims(predicate="attributed_to")
        if c.subject in sangria and c.object == ukraine and c.origin == "misp-galaxy:microsoft-activity-group"
    ]


def test_pinned_cluster_listing_errors_name_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cyberstate.ingest import galaxy

    (tmp_path / "reference").mkdir()
    (tmp_path / "sources.yaml").write_text("sources: []\n", encoding="utf-8")
    listing = tmp_path / "reference" / "galaxy-clusters.yaml"
    listing.write_text(
        "repo: https://github.com/MISP/misp-galaxy\ncommit: abc\nclusters:\n"
        "- {name: threat-actor, file: missing.json, path: clusters/threat-actor.json, version: 999}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("CYBERSTATE_DATA", str(tmp_path))
    galaxy.pinned_clusters.cache_clear()
    try:
        with pytest.raises(ImportFormatError) as info:
            galaxy.cluster_path("threat-actor")
        assert "galaxy-clusters.yaml" in str(info.value) and "missing.json" in str(info.value)
    finally:
        galaxy.pinned_clusters.cache_clear()


@pytest.mark.parametrize(
    ("file", "text", "reader", "where"),
    [
        (
            "attack-groups.yaml",
            "source: {title: x}\ngroups:\n- {id: G0001, name: Axiom}\n",
            "attack_groups",
            "groups[0]",
        ),
        (
            "vendor-names.yaml",
            "vendors: {v: {name: V}}\nrows:\n"
            "- {alias: A, group: G, vendor: v, url: 'https://x', quote: q, relation: same}\n",
            "vendor_names",
            "rows[0]",
        ),
    ],
)
def test_reference_file_errors_name_the_file_and_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file: str, text: str, reader: str, where: str
) -> None:
    bad = tmp_path / file
    bad.write_text(text, encoding="utf-8")
    monkeypatch.setattr(reference, "_path", lambda name: bad)
    read = getattr(reference, reader)
    read.cache_clear()
    try:
        with pytest.raises(ImportFormatError) as info:
            read()
        assert file in str(info.value) and where in str(info.value)
    finally:
        read.cache_clear()


def test_group_first_and_name_forms(galaxy_kb: KnowledgeBase) -> None:
    kb = galaxy_kb
    kinds = kb.store.entity_kinds()
    # the group's own name is also its malware's: the name denotes the group, resolve lists both
    assert kinds[kb.entity_id("Taidoor")][0] == "threat_group"
    assert {m.kind for m in resolve(kb.store, "Taidoor")} >= {"threat_group", "malware"}
    assert kb.entity_id("Operation Windigo") == kb.entity_id("G0124")
    with pytest.raises(CyberstateError):
        kb.entity_id("Iron")  # a bare word never becomes "Iron Group"
    assert form_key("Operation Windigo") == form_key("Windigo Group") == form_key("windigo") == "windigo"
    assert form_key("Team Tonto") == form_key("Tonto Team") == "tonto"
    assert form_key("Group") == "group"


def test_mixed_listing_gives_way(galaxy_kb: KnowledgeBase) -> None:
    """UNC2589: ATT&CK's Ember Bear lists it, and MISP's SaintBear, which also lists EMBER BEAR: Ember Bear."""
    assert galaxy_kb.entity_id("UNC2589") == galaxy_kb.entity_id("G1003")


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
        ("3PLA", "pla-gsd-third-department"),
        ("总参三部", "pla-gsd-third-department"),
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


def _cluster(path: Path, name: str, values: dict[str, list[str]]) -> Path:
    """A made-up threat-actor cluster: value -> synonyms (uuids derived from the cluster and the value)."""
    import json
    import uuid

    path.write_text(
        json.dumps(
            {
                "name": name,
                "type": f"{name.lower().replace(' ', '-')}-threat-actor",
                "source": "cyberstate tests",
                "authors": ["cyberstate tests"],
                "description": "Made-up values for a merging test.",
                "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, name)),
                "version": 1,
                "values": [
                    {"value": v, "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{name}/{v}")), "meta": {"synonyms": syn}}
                    for v, syn in values.items()
                ],
            }
        ),
        encoding="utf-8",
    )
    return path


def test_a_chain_of_listings_never_gives_one_entity_two_designators_of_a_scheme(tmp_path: Path, cli: Any) -> None:
    """APT901 is Quartz Panda (two sources list it); Shadowfax is listed under APT901 by one of them, and
    lists Garnet Panda, a group of its own: the chain APT901 - Shadowfax - Garnet Panda would give one
    entity two of CrowdStrike's pandas. The link is refused, listed as a conflict with the evidence on each
    side, and Shadowfax goes with the side of the stronger link (two records list Garnet Panda, one lists
    Shadowfax under APT901). Quartz Panda listed by one source alone would be no naming: the chain joins."""
    a = _cluster(
        tmp_path / "a.json",
        "Vendor A",
        {"APT901": ["Quartz Panda", "Shadowfax"], "Shadowfax": ["Garnet Panda"], "Garnet Panda": []},
    )
    b = _cluster(tmp_path / "b.json", "Vendor B", {"APT901": ["Quartz Panda"], "Shadowfax": ["Garnet Panda"]})
    with KnowledgeBase.open(tmp_path / "kb.db", create=True) as kb:
        kb.import_galaxy(paths=[a, b])
        apt901, garnet = kb.entity_id("APT901"), kb.entity_id("Garnet Panda")
        assert apt901 != garnet and kb.entity_id("Shadowfax") == garnet
        assert kb.entity_id("Quartz Panda") == apt901
        kept = kb.merges("Shadowfax")["kept_apart"]
        assert [x["other"]["id"] for x in kept] == [apt901]
        why = kept[0]["reason"]
        assert "two designators of CrowdStrike names" in why
        assert "Garnet Panda (own name of a record" in why and "Quartz Panda (listed by 2 sources" in why
    r = cli("merges", "--conflicts", "--json", db=tmp_path / "kb.db")
    assert r.code == 0, r.stderr
    refused = [c for c in r.json()["conflicts"] if c["kind"] == "refused link"]
    assert [sorted(s["name"] for s in c["sides"]) for c in refused] == [["APT901", "Shadowfax"]]
    r = cli("merges", "Shadowfax", db=tmp_path / "kb.db")
    assert r.code == 0 and "kept apart" in r.stdout and "APT901" in r.stdout
    with KnowledgeBase.open(tmp_path / "one.db", create=True) as kb:
        kb.import_galaxy(paths=[a])
        assert kb.entity_id("APT901") == kb.entity_id("Shadowfax") == kb.entity_id("Garnet Panda")


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
#: ThaiCERT keeps apart and ATT&CK merged (it revoked G0074 into G0035; Microsoft's mapping agrees).
FLOOR = {"dev": (0.83, 0), "test": (0.80, 1)}


@pytest.mark.parametrize("split", ["dev", "test"])
def test_held_out_aliases(galaxy_kb: KnowledgeBase, split: str) -> None:
    s = score(galaxy_kb, split)
    acc, violations = FLOOR[split]
    assert s.accuracy >= acc, s.line()
    assert len(s.violated) <= violations, s.violated


def test_a_proposed_record_never_names_an_entity_holding_a_curated_one(mini_kb: KnowledgeBase) -> None:
    """Extraction proposes a record with no import priority, as a curated record has none: joined to a
    curated record (here by an analyst's merge; in `make run`, by name matching of 'U.S. Department of
    Justice' to the curated 'US Department of Justice'), the curated record names the entity even when the
    proposal's id sorts first; named by the proposal, the entity would be a candidate, left out of exports."""
    from cyberstate.model import Entity

    with mini_kb.store.transaction():
        mini_kb.store.put_entity(
            Entity(
                id="a-proposed-ministry",
                kind="ministry",
                name="Ministry of Examples",
                sources=("report",),
                attrs={"status": "candidate"},
            )
        )
    mini_kb.merge("ministry-of-examples", "a-proposed-ministry")
    assert mini_kb.entity_id("a-proposed-ministry") == "ministry-of-examples"
    assert mini_kb.entity_id("Ministry of Examples") == "ministry-of-examples"
