"""The analyses on the small made-up data set, where every expected answer is known by construction."""

from __future__ import annotations

import pytest

from cyberstate import KnowledgeBase
from cyberstate.errors import AmbiguousName, EntityNotFound, WrongKind
from cyberstate.model import Alias, Claim, Entity


def test_resolve_forms(mini_kb: KnowledgeBase) -> None:
    for q in ("Example Group", "example group", "EXAMPLE-GROUP", "eg 1", "example-group", "EG-1"):
        assert mini_kb.entity_id(q) == "example-group", q
    assert mini_kb.entity_id("北方局") == "northern-bureau"
    top = mini_kb.resolve("EG-1")[0]
    assert (top.matched, top.source) == ("EG-1", "note")


def test_unknown_name_gives_closest(mini_kb: KnowledgeBase) -> None:
    with pytest.raises(EntityNotFound, match="no entity matches 'Exampel Grup'") as info:
        mini_kb.entity_id("Exampel Grup")
    assert "Example Group" in [c.name for c in info.value.closest]


def test_a_proposed_entity_is_not_found_by_name(mini_kb: KnowledgeBase) -> None:
    """An entity extraction proposed and no one accepted is found by `review` and by its id, not by its name:
    the full-text search found it, so `show "Operation Aurora"` said no entity matches 'Operation Aurora'
    and offered 'Operation Aurora' as the closest name, and the search box suggested "an attack"."""
    store = mini_kb.store
    with store.transaction():
        store.put_entity(
            Entity(
                "p-operation-aurora",
                "operation",
                "Operation Aurora",
                sources=("report",),
                attrs={"status": "candidate"},
            )
        )
    mini_kb._changed()
    assert [m.id for m in mini_kb.resolve("Operation Aurora")] == []
    assert [m.id for m in mini_kb.resolve("aurora")] == []
    with pytest.raises(EntityNotFound) as info:
        mini_kb.entity_id("Operation Aurora")
    assert "p-operation-aurora" not in [c.id for c in info.value.closest]
    assert [m.id for m in mini_kb.resolve("p-operation-aurora")] == ["p-operation-aurora"]


def test_ambiguous_alias_lists_both(mini_kb: KnowledgeBase) -> None:
    store = mini_kb.store
    with store.transaction():
        store.put_entity(Entity("other-group", "threat_group", "Other Group", (Alias("EG-1", "report"),), ("report",)))
    mini_kb._changed()
    with pytest.raises(AmbiguousName) as info:
        mini_kb.entity_id("EG-1")
    assert {c.id for c in info.value.candidates} == {"example-group", "other-group"}
    assert {m.id for m in mini_kb.resolve("eg1")} >= {"example-group", "other-group"}
    # the primary name still picks its entity
    assert mini_kb.entity_id("Other Group") == "other-group"


def test_a_word_of_a_long_name_finds_it_before_names_that_look_alike(mini_kb: KnowledgeBase) -> None:
    store = mini_kb.store
    with store.transaction():
        store.put_entity(
            Entity(
                "wuhan-xrz", "front_company", "Wuhan Xiaoruizhi Science and Technology Company Limited", (), ("report",)
            )
        )
        store.put_entity(Entity("xizang-bureau", "provincial_bureau", "Xizang Bureau", (), ("report",)))
    mini_kb._changed()
    matches = mini_kb.resolve("Xiaoruizhi")
    assert (matches[0].id, matches[0].how) == ("wuhan-xrz", "text")
    assert all(m.score < matches[0].score for m in matches if m.how == "fuzzy")


def test_chain_reaches_the_state_through_the_province(mini_kb: KnowledgeBase) -> None:
    doc = mini_kb.chain("Example Group")
    assert doc["from"]["id"] == "example-group"
    best = doc["chains"][0]
    assert [h["object"]["id"] for h in best["hops"]] == ["northern-bureau", "central-ministry", "china"]
    assert best["province"] == {"id": "hubei", "name": "Hubei", "code": "CN-HB"}
    assert best["city"]["id"] == "riverton"
    assert best["hops"][0]["assertors"] == ["Ministry of Examples"]
    assert best["confidence"] == min(h["confidence"] for h in best["hops"])
    assert best["depth"] == "provincial bureau"


def test_chain_flags_denied_hops(mini_kb: KnowledgeBase) -> None:
    store = mini_kb.store
    with store.transaction():
        store.put_claim(Claim("example-group", "operated_by", ("note",), object="northern-bureau", negated=True))
    mini_kb._changed()
    hop = mini_kb.chain("Example Group")["chains"][0]["hops"][0]
    assert hop["contested"] is True


def test_a_group_climbs_to_the_company_that_is_its_front(mini_kb: KnowledgeBase) -> None:
    store = mini_kb.store
    with store.transaction():
        store.put_entity(Entity("front-co", "front_company", "Front Co", sources=("report",)))
        store.put_claim(Claim("front-co", "front_company_for", ("report",), object="example-group", confidence=80))
        store.put_claim(Claim("front-co", "front_company_for", ("report",), object="central-ministry"))
        store.put_claim(Claim("example-group", "operated_by", ("note",), object="front-co", confidence=60))
    mini_kb._changed()
    chains = mini_kb.chain("Example Group")["chains"]
    step = next(ch["hops"][0] for ch in chains if ch["hops"][0]["object"]["id"] == "front-co")
    assert [p["predicate"] for p in step["predicates"]] == ["uses_front_company", "operated_by"]
    assert step["confidence"] == 80 and len(step["claims"]) == 2


def test_a_step_denied_by_another_predicate_is_contested(mini_kb: KnowledgeBase) -> None:
    store = mini_kb.store
    with store.transaction():
        # a source denies any link between the group and the bureau a ministry says runs it
        store.put_claim(Claim("example-group", "linked_to", ("note",), object="northern-bureau", negated=True))
    mini_kb._changed()
    step = mini_kb.chain("Example Group")["chains"][0]["hops"][0]
    assert step["object"]["id"] == "northern-bureau"
    assert [p["predicate"] for p in step["predicates"]] == ["operated_by"]
    assert step["contested"] is True


def test_a_step_names_first_the_predicate_its_voices_make_strongest(mini_kb: KnowledgeBase) -> None:
    store = mini_kb.store
    with store.transaction():
        for v in ("vendor-a", "vendor-b"):
            store.put_entity(Entity(v, "security_vendor", v.title(), sources=("report",), assertor_type="vendor"))
            store.put_claim(
                Claim("example-group", "linked_to", ("report",), object="northern-bureau", assertor=v, confidence=70)
            )
    mini_kb._changed()
    step = mini_kb.chain("Example Group")["chains"][0]["hops"][0]
    shown = [(p["predicate"], p["confidence"]) for p in step["predicates"]]
    assert shown == sorted(shown, key=lambda x: -x[1]) and step["predicate"] == "linked_to", shown


def test_province_profile(mini_kb: KnowledgeBase) -> None:
    doc = mini_kb.province("hubei")
    assert doc["province"]["code"] == "CN-HB"
    linked = {r["id"]: r for r in doc["linked"]}
    assert set(linked) == {"riverton", "northern-bureau", "example-group"}
    assert "Northern Bureau" in linked["example-group"]["via"]
    assert doc["counts"] == {"city": 1, "provincial_bureau": 1, "threat_group": 1}
    with pytest.raises(WrongKind, match="is a city, not a province"):
        mini_kb.province("Riverton")


def test_a_province_entry_placed_by_a_denied_tie_says_so(mini_kb: KnowledgeBase) -> None:
    store = mini_kb.store
    denial = Claim("example-group", "operated_by", ("note",), object="northern-bureau", negated=True)
    with store.transaction():
        store.put_claim(denial)
    mini_kb._changed()
    linked = {r["id"]: r for r in mini_kb.province("Hubei")["linked"]}
    assert linked["example-group"]["denied"] == [denial.id]
    assert linked["northern-bureau"]["denied"] == [] and linked["riverton"]["denied"] == []


def test_empty_province(mini_kb: KnowledgeBase) -> None:
    doc = mini_kb.province("Yunnan")
    assert doc["linked"] == [] and doc["counts"] == {}


def test_apparatus_tree(mini_kb: KnowledgeBase) -> None:
    doc = mini_kb.apparatus()
    root = doc["roots"][0]
    assert root["id"] == "central-ministry"
    assert [c["id"] for c in root["children"]] == ["northern-bureau"]


def test_a_body_lists_each_chair_once(mini_kb: KnowledgeBase) -> None:
    store = mini_kb.store
    with store.transaction():
        store.put_entity(Entity("chief", "person", "A Chief", sources=("report",)))
        store.put_claim(Claim("central-ministry", "chaired_by", ("report",), object="chief"))
        store.put_claim(Claim("central-ministry", "chaired_by", ("note",), object="chief", confidence=60))
    mini_kb._changed()
    root = mini_kb.apparatus("Central Ministry")["roots"][0]
    assert [c["id"] for c in root["chaired_by"]] == ["chief"]


def test_check_is_clean_on_mini(mini_kb: KnowledgeBase) -> None:
    doc = mini_kb.check()
    assert doc["ok"] and doc["findings"] == []


def test_check_reports_place_contradictions(mini_kb: KnowledgeBase) -> None:
    store = mini_kb.store
    with store.transaction():
        store.put_claim(Claim("riverton", "is_a", ("note",), value="province"))
        store.put_claim(Claim("hubei", "located_in", ("note",), object="riverton"))
    mini_kb._changed()
    doc = mini_kb.check()
    kinds = [f["kind"] for f in doc["findings"]]
    assert kinds.count("gazetteer") == 2
    assert doc["ok"]  # contradictions are reported, not errors
    msgs = " ".join(f["message"] for f in doc["findings"])
    assert "calls it a 'province'" in msgs and "Hubei (province) is said to lie in Riverton (city)" in msgs


def test_a_state_named_by_what_governs_it(mini_kb: KnowledgeBase) -> None:
    for q in ("the Chinese government", "Chinese authorities", "the government of China", "China's government"):
        assert mini_kb.entity_id(q) == "china", q
    # the reading that identified it is kept when the article is dropped first
    for q in ("the Chinese central government", "the Chinese government", "Chinese government"):
        top = mini_kb.resolve(q)[0]
        assert (top.id, top.how) == ("china", "state by its government"), q
    top = mini_kb.resolve("the China")[0]
    assert (top.id, top.how) == ("china", "reworded")
    # below every exact reading: a body the store calls by those words is that body, not the state
    store = mini_kb.store
    with store.transaction():
        store.put_entity(Entity("cn-govt", "state_organ", "Chinese Government", (), ("report",)))
    mini_kb._changed()
    assert mini_kb.entity_id("the Chinese government") == "cn-govt"
    # the words that govern must name a state: a person's administration or an unknown adjective does not
    for q in ("the Example administration", "the Martian government", "government"):
        with pytest.raises(EntityNotFound):
            mini_kb.entity_id(q)


def test_a_body_named_with_its_state(mini_kb: KnowledgeBase) -> None:
    # the Central Ministry is China's by the claim that puts it under China
    for q in (
        "the Chinese Central Ministry",
        "China's Central Ministry",
        "Central Ministry of China",
        "the Central Ministry (CM)",
    ):
        assert mini_kb.entity_id(q) == "central-ministry", q
    assert mini_kb.resolve("Chinese Central Ministry")[0].how == "body of its state"
    assert mini_kb.resolve("the Chinese Central Ministry")[0].how == "body of its state"
    # another state's adjective never reaches it, nor does a body that nothing ties to China
    for q in ("the Japanese Central Ministry", "Chinese Example Group", "Chinese Riverton"):
        with pytest.raises(EntityNotFound):
            mini_kb.entity_id(q)


def test_a_body_whose_name_gives_its_state_in_other_words(mini_kb: KnowledgeBase) -> None:
    store = mini_kb.store
    with store.transaction():
        store.put_entity(
            Entity(
                "cn-mfa", "ministry", "Ministry of Foreign Affairs of the People's Republic of China", (), ("report",)
            )
        )
    mini_kb._changed()
    for q in (
        "the Chinese Ministry of Foreign Affairs",
        "Ministry of Foreign Affairs of China",
        "China's Ministry of Foreign Affairs",
    ):
        assert mini_kb.entity_id(q) == "cn-mfa", q
    with pytest.raises(EntityNotFound):
        mini_kb.entity_id("the Japanese Ministry of Foreign Affairs")  # the name gives another state
    # a body named by its field before its head: "the Chinese Foreign Affairs Ministry"
    assert mini_kb.entity_id("the Chinese Foreign Affairs Ministry") == "cn-mfa"
    with pytest.raises(EntityNotFound):
        mini_kb.entity_id("the Chinese Foreign Trade Ministry")


def test_a_name_in_the_spellings_extraction_finds(mini_kb: KnowledgeBase) -> None:
    store = mini_kb.store
    with store.transaction():
        store.put_entity(Entity("rx-co", "company", "Riverton Example Network Co., Ltd.", (), ("report",)))
    mini_kb._changed()
    for q in ("Riverton Example Network Company Limited", "Riverton Example Network"):
        assert mini_kb.entity_id(q) == "rx-co", q
    assert mini_kb.resolve("Riverton Example Network Company Limited")[0].how == "spelling"
    with pytest.raises(EntityNotFound):
        mini_kb.entity_id("Riverton Example Holdings")  # another name, not another spelling


def test_paths_that_differ_only_above_the_state_are_one_chain(mini_kb: KnowledgeBase) -> None:
    """Paths that fork only above the body where they reach the state (the MSS under China and under the State
    Council) were listed as separate chains, so an analyst read forks that were one way up: they are one chain
    now, through its first route up, with the others folded in `above`."""
    store = mini_kb.store
    with store.transaction():
        store.put_entity(Entity("state-council", "state_organ", "State Council", sources=("report",)))
        store.put_claim(Claim("central-ministry", "subordinate_to", ("note",), object="state-council", confidence=70))
    mini_kb._changed()
    doc = mini_kb.chain("Example Group")
    assert doc["total"] == 1, [[h["object"]["id"] for h in ch["hops"]] for ch in doc["chains"]]
    (only,) = doc["chains"]
    assert [h["object"]["id"] for h in only["hops"]] == ["northern-bureau", "central-ministry", "china"]
    assert only["state_at"]["id"] == "central-ministry"
    assert [[h["object"]["id"] for h in r["hops"]] for r in only["above"]] == [["state-council"]]
    assert only["above"][0]["ends_at"]["id"] == "state-council" and only["above"][0]["confidence"] == 70


def test_a_company_located_in_a_province_is_not_thereby_the_states(mini_kb: KnowledgeBase) -> None:
    """Location places, it never attributes: a company with nothing but its address reached China through
    `located_in` (the city, the province, the country) as if the state stood behind it."""
    store = mini_kb.store
    with store.transaction():
        store.put_entity(Entity("river-co", "front_company", "River Co", sources=("report",)))
        store.put_claim(Claim("river-co", "located_in", ("report",), object="riverton"))
        store.put_claim(Claim("example-group", "linked_to", ("report",), object="river-co"))
    mini_kb._changed()
    doc = mini_kb.chain("River Co")
    assert doc["chains"] == [] and doc["open_leads"] == []
    groups = mini_kb.chain("Example Group")
    for ch in [*groups["chains"], *groups["open_leads"]]:
        assert all(p["predicate"] != "located_in" for h in ch["hops"] for p in h["predicates"]), ch
    (lead,) = groups["open_leads"]
    assert [h["object"]["id"] for h in lead["hops"]] == ["river-co"]
    # the place still names where the lead points
    assert lead["province"]["id"] == "hubei" and lead["city"]["id"] == "riverton"


def test_a_province_lists_what_is_only_linked_to_a_body_placed_there(mini_kb: KnowledgeBase) -> None:
    """A person a source ties to a bureau only by `linked_to` had a chain placed in the bureau's province and no
    row on that province's page: listed now, after what is placed there, labelled as tied through a linked
    body; a weak tie that does not climb (a bureau linked to another) places nothing."""
    store = mini_kb.store
    with store.transaction():
        store.put_entity(Entity("hacker-x", "person", "Hacker X", sources=("report",)))
        store.put_entity(Entity("other-bureau", "provincial_bureau", "Other Bureau", sources=("report",)))
        store.put_claim(Claim("hacker-x", "linked_to", ("report",), object="northern-bureau"))
        store.put_claim(Claim("other-bureau", "linked_to", ("report",), object="northern-bureau"))
    mini_kb._changed()
    assert mini_kb.chain("Hacker X")["chains"][0]["province"]["id"] == "hubei"
    doc = mini_kb.province("Hubei")
    rows = {r["id"]: r for r in doc["linked"]}
    assert rows["hacker-x"]["tie"] == "linked", rows["hacker-x"]
    assert rows["hacker-x"]["via"].endswith("Hacker X linked_to Northern Bureau")
    assert rows["northern-bureau"]["tie"] == rows["example-group"]["tie"] == "placed"
    assert "other-bureau" not in rows
    # what is placed comes first, what is only linked after it
    ties = [r["tie"] for r in doc["linked"]]
    assert ties == sorted(ties, key=lambda t: t == "linked"), ties
