"""Extraction: documents, mentions, statements, quality against the gold set, candidates and review."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cyberstate import KnowledgeBase
from cyberstate.extract import DocumentError, Gazetteer, extract_text, read_document
from cyberstate.extract.core import country_mentions
from cyberstate.extract.language import hedge
from goldset import score
from readings import resolved as _said

DOCS = Path(__file__).parent / "data" / "docs"
SEEDS = Path(__file__).resolve().parents[1] / "data" / "texts"


def _claims(kb: KnowledgeBase, text: str) -> list[dict[str, Any]]:
    return extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]


def _has(claims: list[dict[str, Any]], subject: str, predicate: str, obj: str) -> dict[str, Any] | None:
    for c in claims:
        if c["subject"]["name"] == subject and c["predicate"] == predicate and c["object"]["name"] == obj:
            return c
    return None


# ------------------------------------------------------------------------------------------- quality


def test_quality_on_the_gold_set(galaxy_kb: KnowledgeBase) -> None:
    s = score(galaxy_kb)
    assert s.gold > 150 and s.predicted > 0
    assert s.precision >= 0.9, (s.precision, s.spurious[:5])
    assert s.recall >= 0.75, (s.recall, [m["sentence"][:60] for m in s.misses[:5]])
    assert s.rate(s.assertor_ok) >= 0.9
    assert s.rate(s.hedge_ok) >= 0.9
    assert s.rate(s.negation_ok) >= 0.9


def test_seed_provincial_links(galaxy_kb: KnowledgeBase) -> None:
    text = (SEEDS / "provincial-role-in-china-cyber-operations.txt").read_text()
    claims = _claims(galaxy_kb, text)
    apt40 = _has(claims, "APT40", "operated_by", "Hainan State Security Department")
    apt10 = _has(claims, "APT10", "linked_to", "Tianjin State Security Bureau")
    assert apt40 and "Hainan MSS branch also assisted" in apt40["evidence"]["text"]
    assert apt10 and apt10["evidence"]["text"].startswith("Cyber espionage group APT10")
    hubei = [c for c in claims if c["object"]["name"] == "Hubei State Security Department"]
    assert hubei and any(c["subject"]["name"] == "The case" for c in hubei)
    for c in claims:
        assert text[c["evidence"]["start"] : c["evidence"]["end"]] == c["evidence"]["text"]


def test_a_document_in_another_style(galaxy_kb: KnowledgeBase) -> None:
    doc = read_document(DOCS / "press-release.md")
    assert doc.title == "Seven charged over hacking campaign tied to Chinese intelligence"
    assert doc.published == "2024-03-25"
    claims = _claims(galaxy_kb, doc.text)
    op = _has(claims, "APT31", "operated_by", "Hubei State Security Department")
    assert op and op["assertor"] == "Justice Department"  # "According to the Justice Department, ..."
    assert _has(claims, "APT31", "targeted", "Journalists")
    denied = _has(claims, "APT31", "linked_to", "Ministry of Public Security")
    assert denied and denied["negated"] is True
    alias = _has(claims, "APT31", "also_known_as", "Violet Typhoon")
    assert alias is not None
    front = [c for c in claims if c["predicate"] == "front_company_for"]
    assert front and front[0]["hedged"] and front[0]["confidence"] == 70


def test_html_report(galaxy_kb: KnowledgeBase) -> None:
    doc = read_document(DOCS / "report.html")
    assert doc.title == "Threat brief: a new cluster"
    assert (doc.publisher, doc.published, doc.url) == (
        "Example Threat Lab",
        "2025-06-02",
        "https://example.org/briefs/new-cluster",
    )
    assert "tracking" not in doc.text and "color" not in doc.text
    x = extract_text(doc.text, galaxy_kb.gazetteer(), country_mentions(galaxy_kb.store)).as_dict()
    proposed = {m["text"]: m["proposed_kind"] for m in x["mentions"] if m["entity"] is None}
    assert proposed.get("Quartz Panda") == "threat_group"
    # the record names the bureau as the DOJ does, so the report's name resolves to it
    known = {m["text"]: m["entity"] for m in x["mentions"] if m["entity"] is not None}
    assert known["Guangdong State Security Department"]["id"] == "guangdong-ssd"
    c = _has(x["claims"], "Quartz Panda", "operated_by", "Guangdong State Security Department")
    assert c and c["hedged"] and c["confidence"] == 95
    assert _has(x["claims"], "Quartz Panda", "targeted", "Vietnam")


def test_estimative_scale() -> None:
    assert hedge("APT1 is operated by Unit 61398.") == (False, 85)
    assert hedge("APT1 is almost certainly operated by Unit 61398.") == (True, 95)
    assert hedge("APT1 is likely operated by Unit 61398.") == (True, 70)
    assert hedge("APT1 is suspected to be operated by Unit 61398.") == (True, 50)
    assert hedge("APT1 is unlikely to be operated by Unit 61398.") == (True, 25)


def test_mentions_respect_boundaries_and_case() -> None:
    g = Gazetteer(
        [
            ("MSS", "mss", "ministry", "Ministry of State Security", False),
            ("Ministry of State Security", "mss", "ministry", "Ministry of State Security", True),
            ("Hubei", "hubei", "province", "Hubei", True),
            ("Hubei State Security Department", "hubei-ssd", "provincial_bureau", "Hubei SSD", True),
            ("at", "at-tool", "tool", "at", True),
            ("Energy", "energy", "sector", "Energy", True),
        ]
    )
    text = "The Hubei State Security Department, part of the MSS (not the mss or MSSQL), targets energy at night."
    found = [(m.text, m.entity.entity_id) for m in g.find(text)]
    assert found == [("Hubei State Security Department", "hubei-ssd"), ("MSS", "mss"), ("energy", "energy")]


def _names_found(g: Gazetteer, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.entity.entity_id) for m in g.find(text)]


def test_a_refused_longest_name_leaves_the_shorter_names_inside_it() -> None:
    g = Gazetteer(
        [
            ("The Zorvan Isles", "isles-long", "country", "The Zorvan Isles", False),
            ("Zorvan Isles", "isles", "country", "Zorvan Isles", True),
            ("Kestrel", "kestrel", "threat_group", "Kestrel", True),
            ("Kestrel T", "kestrel-t", "threat_group", "Kestrel T", True),
            ("Orland Bay Port", "port", "organization", "Orland Bay Port", True),
            ("Bay", "bay", "organization", "Bay", True),
        ]
    )
    # "the Zorvan Isles" matches "The Zorvan Isles" without case and is refused (the text's "the" is lower
    # case); "Kestrel T" ends inside "Team"; what stands inside each is still found
    text = "Ships left the Zorvan Isles while Kestrel Team watched."
    assert _names_found(g, text) == [("Zorvan Isles", "isles"), ("Kestrel", "kestrel")]
    # the leftmost of the names inside wins, then the next after it: "orland Bay port" holds only "Bay"
    assert _names_found(g, "They sailed to orland Bay port at dawn.") == [("Bay", "bay")]


def test_a_refused_name_with_no_valid_name_inside_gives_nothing() -> None:
    g = Gazetteer(
        [
            ("The Zorvan Isles", "isles-long", "country", "The Zorvan Isles", True),
            ("Zorvan Isles", "isles", "country", "Zorvan Isles", True),
            ("Dusk Owl", "owl", "threat_group", "Dusk Owl", True),
            ("Owl", "owl-word", "threat_group", "Owl", True),
        ]
    )
    # the names inside are refused too: "zorvan isles" and "owl" are not written as names
    assert _names_found(g, "Ships left the zorvan isles, and dusk owl calls were heard.") == []


def test_a_name_ending_inside_a_word_still_gives_nothing() -> None:
    g = Gazetteer(
        [
            ("Marvel Bay", "marvel-bay", "organization", "Marvel Bay", True),
            ("Marvel", "marvel", "organization", "Marvel", True),
            ("Bay", "bay", "organization", "Bay", True),
        ]
    )
    # "Marvel Bay" ends inside "Bayside", "Bay" inside it too; "Marvel" before it stands
    assert _names_found(g, "The Marvel Bayside hotel opened.") == [("Marvel", "marvel")]
    assert _names_found(g, "The Marvelous Bayside hotel opened.") == []


def test_names_with_rare_punctuation_are_found_on_their_lines_whatever_the_window(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cyberstate.extract import mentions

    g = Gazetteer(
        [
            ("Win32/Industroyer", "ind", "malware", "Win32/Industroyer", True),
            ("Operation: Dust", "dust", "campaign", "Operation: Dust", True),
            ("Kestrel Team", "kestrel", "threat_group", "Kestrel Team", True),
        ]
    )
    # "/" and ":" stand on every line; only the lines where they stand as in a name's own context ("n32/i",
    # "n: ") are read for the names holding them
    text = "See a/b, and x: y.\nWin32/Industroyer hit it; Kestrel Team too.\nOperation: Dust ended.\n'/' alone: no\n"
    once = [("Win32/Industroyer", "ind"), ("Kestrel Team", "kestrel"), ("Operation: Dust", "dust")]
    assert _names_found(g, text) == once
    monkeypatch.setattr(mentions, "WINDOW", 8)  # windows of one or two lines: the same names
    assert _names_found(g, text * 3) == once * 3


def test_a_name_holding_a_line_break_does_not_stop_mention_finding() -> None:
    # the galaxy holds "MurenShark\nOceanDoge\nActor210426": a line break where such a name gives it its
    # context ("k\no" of "attack\non") was found again and again, forever; lines are read one by one, so
    # the name itself is never found
    g = Gazetteer(
        [
            ("MurenShark\nOceanDoge\nActor210426", "muren", "threat_group", "MurenShark", True),
            ("Win32/Industroyer", "ind", "malware", "Win32/Industroyer", True),
            ("Kestrel Team", "kestrel", "threat_group", "Kestrel Team", True),
        ]
    )
    text = "The attack\non Win32/Industroyer by Kestrel Team.\nMurenShark\nOceanDoge\nActor210426\n"
    assert _names_found(g, text) == [("Win32/Industroyer", "ind"), ("Kestrel Team", "kestrel")]


def test_folding_block_by_block_gives_what_folding_the_whole_window_gives() -> None:
    from cyberstate.extract.mentions import _BLOCK, _edges, _folded, fold

    ascii_block = "The MSS and APT31: see win32/industroyer, (2021). " * (_BLOCK // 50 + 1)
    # quotes and dashes folded, "İ" lowering to two characters (blanked), Chinese names, and a capital sigma,
    # whose lower case depends on the letters around it (such a text is folded whole)
    for odd in ["’Volt Typhoon’ — “APT41”", "İstanbul ẞ", "国家安全部 MSS", "ΟΔΥΣΣΕΥΣ said", ""]:
        for text in (ascii_block + odd + ascii_block, odd + ascii_block, ascii_block[: _BLOCK - 2] + odd):
            low = fold(text)
            assert _folded(text) == (low, *_edges(low))


def test_frames_keep_roles_in_the_passive_and_describe_unnamed_actors(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "NCSC assesses that the UK Electoral Commission systems were highly likely compromised by a "
        "Chinese state-affiliated entity between 2021 and 2022.",
    )
    assert ("a Chinese state-affiliated entity", "targeted", "UK Electoral Commission", False) in said
    assert ("a Chinese state-affiliated entity", "attributed_to", "China", False) in said
    assert not any(s == "UK Electoral Commission" and p == "targeted" for s, p, _, _ in said)


def test_frames_for_roles_fronts_and_direction(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "Hainan Xiandun employee Wu Shurong carried out orders from intelligence officers. "
        "The suspects include two officers of China's Ministry of Public Security. "
        "These actors conducted computer intrusions at the direction of the Ministry of State Security. "
        "The group APT40 acts on behalf of China's Ministry of State Security.",
    )
    assert ("Wu Shurong", "employed_by", "Hainan Xiandun Technology Development Co., Ltd.", False) in said
    assert any(s == "two officers" and p == "employed_by" for s, p, _, _ in said)
    assert ("APT40", "operated_by", "Ministry of State Security", False) in said


def test_a_denial_takes_back_the_accusation_before_it(galaxy_kb: KnowledgeBase) -> None:
    claims = _claims(
        galaxy_kb,
        "The Treasury attributed the breach to APT27. "
        "Foreign Ministry spokesperson Mao Ning said the accusations were groundless.",
    )
    denied = [c for c in claims if c["negated"]]
    assert denied and denied[0]["predicate"] == "attributed_to" and denied[0]["assertor"] == "Mao Ning"


def test_a_chinese_denial_denies_the_state_behind_the_accused(galaxy_kb: KnowledgeBase) -> None:
    claims = _claims(
        galaxy_kb,
        "Prosecutors charged three hackers with attacks on a power company. "
        "The group also breached a port operator. "
        "A spokesperson for the Chinese Embassy, Li Wei, said the allegations were a smear.",
    )
    denied = [(c["subject"]["name"], c["predicate"], c["object"]["name"]) for c in claims if c["negated"]]
    assert ("three hackers", "attributed_to", "China") in denied
    assert all(c["assertor"] == "Li Wei" for c in claims if c["negated"])


def test_what_a_rebuttal_denies_and_what_it_reports(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "China denies the accusations that APT40 hacked the port authority.")
    assert any(s == "APT40" and p == "targeted" and neg for s, p, _, neg in said)
    said = _said(
        galaxy_kb,
        "China accused the US of a disinformation campaign after Washington said Chinese state-backed hackers "
        "had infiltrated critical networks.",
    )
    assert ("Chinese state-backed hackers", "attributed_to", "China", False) in said


def test_a_body_that_announces_a_charge_far_away_brings_it(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "Nine Chinese nationals, including two contractors and a police officer, have been charged in a "
        "scheme to hack newspapers, the Justice Department announced on Tuesday.",
    )
    assert any(p == "indicted" and "Justice" in s and o == "Nine Chinese nationals" for s, p, o, _ in said)
    said = _said(galaxy_kb, "The Justice Department charged two men with belonging to the notorious APT10 group.")
    assert ("two men", "member_of_group", "APT10", False) in said


def test_what_a_verb_cannot_reach_and_who_does_not_act(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "APT40 hacked a dozen universities for the benefit of China.")
    assert not any(p == "targeted" and o == "China" for _, p, o, _ in said)
    said = _said(galaxy_kb, "APT40 operated under directives from MSS, targeting activists who criticised China.")
    assert not any(p == "targeted" and o == "China" for _, p, o, _ in said)
    said = _said(galaxy_kb, "Officials said hackers tied to the MSS carried out the hack of Microsoft Exchange.")
    assert not any(p == "targeted" and s == "Ministry of State Security" for s, p, _, _ in said)
    said = _said(galaxy_kb, "Lawmakers who were spied on by Beijing met the Foreign Office.")
    assert not any(p == "targeted" and o == "China" for _, p, o, _ in said)
    said = _said(galaxy_kb, "The Treasury Department's Office of Foreign Assets Control sanctioned APT40.")
    assert not any(p == "subordinate_to" for _, p, _, _ in said)  # how the sanctioning state is organised


def test_aliases_in_brackets_speak_under_their_head_name(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "APT40 (aka TEMP.Periscope and Leviathan) hacked shipping companies.")
    targeted = {s for s, p, _, _ in said if p == "targeted"}
    assert targeted == {"APT40"}


def test_a_company_run_by_a_ministry(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "i-Soon operated under directives from the Ministry of State Security.")
    assert any(p == "operated_by" and o == "Ministry of State Security" for _, p, o, _ in said)


def test_deeds_named_by_their_target(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb, "Five allies formally attributed the Microsoft Exchange hack to Chinese state-backed groups."
    )
    assert any(p == "attributed_to" and "Exchange hack" in s and "groups" in o for s, p, o, _ in said)
    said = _said(
        galaxy_kb, "The attack on Microsoft Exchange servers is a malicious act by Chinese state-backed actors."
    )
    assert any(p == "attributed_to" and s.startswith("The attack on") and "actors" in o for s, p, o, _ in said)


def test_nationality_phrases_in_advisories(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb, "An advisory on a People's Republic of China (PRC) state-sponsored cyber group, APT40, came out."
    )
    assert ("APT40", "attributed_to", "China", False) in said
    said = _said(galaxy_kb, "It describes a Chinese APT group known in open-source reporting as APT40.")
    assert ("APT40", "attributed_to", "China", False) in said


def test_a_place_based_group_is_located_not_backed(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "A China-based hacking group named APT41 has targeted dozens of Dutch hospitals.")
    assert ("APT41", "located_in", "China", False) in said
    assert not any(p == "attributed_to" for _, p, _, _ in said), said
    said = _said(galaxy_kb, "A China-backed hacking group named APT41 has targeted dozens of Dutch hospitals.")
    assert ("APT41", "attributed_to", "China", False) in said  # backing, not place, says who stands behind


def test_people_and_their_firm_far_apart(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "The hackers, Zhu Hua (aka Afwar, CVNX and Godkiller) and Zhang Shilong, hacked dozens of companies "
        "and universities in many countries through their firm Chengdu 404.",
    )
    for person in ("Zhu Hua", "Zhang Shilong"):
        assert any(s == person and p == "employed_by" and o.startswith("Chengdu 404") for s, p, o, _ in said)
    assert not any(s == "APT10" for s, _, _, _ in said)  # "(aka CVNX)": an alias in brackets is no actor
    said = _said(galaxy_kb, "The two Malaysian defendants are alleged members of a group often called APT41.")
    assert any(p == "member_of_group" and s.endswith("two Malaysian defendants") for s, p, _, _ in said)


def test_victims_doers_and_agents_far_from_their_verb(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "In 2022 the Port Authority was compromised by cyber-criminals, the agency said.")
    assert ("cyber-criminals", "targeted", "Port Authority", False) in said
    said = _said(galaxy_kb, "APT10 hacked a navy. It is also tentatively linked to the Office of Personnel Management.")
    assert any(s == "APT10" and p == "linked_to" for s, p, _, _ in said)
    said = _said(galaxy_kb, "The Foreign Ministry said the attack targeted its unclassified network.")
    assert not any(s == "Ministry of Foreign Affairs" or s == "Foreign Ministry" for s, _, _, _ in said)
    said = _said(galaxy_kb, "APT31 targeted the parliament and accessed the names and addresses of voters.")
    assert not any(p == "targeted" and o.endswith("addresses") for _, p, o, _ in said)
    said = _said(
        galaxy_kb,
        "Two Chinese nationals have been indicted on charges of conspiracy to commit wire fraud and aggravated "
        "identity theft by the U.S. Department of Justice.",
    )
    assert any(p == "indicted" and o == "Two Chinese nationals" for _, p, o, _ in said)


def test_deeds_by_their_doers_and_founders(galaxy_kb: KnowledgeBase) -> None:
    def said(text: str) -> set[tuple[str, str, str, bool]]:
        return _said(galaxy_kb, text)

    found = said("Berlin protested over a 2022 cyberattack on the federal statistics office by state actors.")
    assert any(p == "attributed_to" and "statistics office" in s and o == "state actors" for s, p, o, _ in found)
    found = said("The government could attribute responsibility for the cyberattack to Chinese state actors.")
    assert ("the cyberattack", "attributed_to", "Chinese state actors", False) in found
    found = said(
        "The defendants are connected to a front company Wuhan Xiaoruizhi Science & Technology Co., Ltd, "
        "formed by the Hubei State Security Department."
    )
    assert any(p == "established_by" and o == "Hubei State Security Department" for _, p, o, _ in found)
    found = said("Prosecutors charged four APT40 cyber actors for intrusions via front company Hainan Xiandun.")
    assert any(p == "front_company_for" and o == "APT40" for _, p, o, _ in found)
    found = said("Treasury sanctioned a Beijing-based cybersecurity company known as Integrity Technology Group.")
    assert any(p == "located_in" and o == "Beijing" and s.startswith("Integrity") for s, p, o, _ in found)
    found = said("APT40 uses the malware, which it named Coathanger, to spy on computer networks.")
    assert not any(p == "targeted" and s == "Coathanger" for s, p, _, _ in found)


def test_abbreviations_follow_the_document(galaxy_kb: KnowledgeBase) -> None:
    text = "Officers of the Hainan State Security Department (HSSD) ran the front company. The HSSD hired hackers."
    from cyberstate.extract.core import country_mentions as cm
    from cyberstate.extract.mentions import mentions

    hssd = [m for m in mentions(galaxy_kb.gazetteer(), text, cm(galaxy_kb.store)) if m.text == "HSSD"]
    assert hssd and all("Hubei" not in (m.entity.name if m.entity else m.canonical or "") for m in hssd)


def test_an_abbreviation_in_brackets_and_members_of_a_group(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "The Justice Department (DoJ) indicted four members of the cyber espionage group APT40.")
    assert ("four members", "member_of_group", "APT40", False) in said
    assert any(p == "indicted" and o == "four members" and "Justice" in s for s, p, o, _ in said)
    assert not any(s == "DoJ" for s, _, _, _ in said)  # the abbreviation is the name before it, said once


def test_described_doers_and_deeds(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "Chinese state-affiliated organisations and individuals targeted democratic institutions. "
        "The attack was launched by APT31. Officials said Beijing was behind the cyberattack. "
        "Massive cyberattacks from China hit the region. "
        "These actors, acting as employees of i-Soon, conducted computer intrusions at the direction of the "
        "Ministry of Public Security.",
    )
    assert ("Chinese state-affiliated organisations", "targeted", "democratic institutions", False) in said
    assert ("The attack", "attributed_to", "APT31", False) in said
    assert ("the cyberattack", "attributed_to", "China", False) in said  # the capital that acts is the state
    assert ("Massive cyberattacks", "attributed_to", "China", False) in said  # the first word modifies it too
    assert ("These actors", "operated_by", "Ministry of Public Security", False) in said  # the deed's doer


def test_blame_ties_and_bodies_behind_groups(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "The Czech Republic blamed China for a cyberattack. "
        "The Ministry of State Security is behind the hacking groups tracked as APT40 and APT31. "
        "The MSS has maintained strong ties with i-Soon, officials said. "
        "Online attackers with clear links to China are behind a vast campaign. "
        "Two individuals and one company linked to the China state-affiliated group APT31 were sanctioned.",
    )
    assert ("a cyberattack", "attributed_to", "China", False) in said
    assert any(s == "Ministry of State Security" and p == "linked_to" for s, p, _, _ in said)
    assert ("APT40", "operated_by", "Ministry of State Security", False) in said
    assert ("APT31", "operated_by", "Ministry of State Security", False) in said
    # not China, named inside the phrase; the sentence's first word modifies the attackers
    assert ("a vast campaign", "attributed_to", "Online attackers", False) in said
    assert ("Two individuals", "linked_to", "APT31", False) in said and (
        "one company",
        "linked_to",
        "APT31",
        False,
    ) in said
    assert ("APT31", "attributed_to", "China", False) in said


def test_people_work_for_employers_and_companies_support_groups(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "The defendants worked for a company in China called Chengdu 404 and acted in association with the "
        "Ministry of State Security. American officials slapped a Chinese company with sanctions. "
        "Integrity Technology Group supported Flax Typhoon.",
    )
    assert any(s == "The defendants" and p == "employed_by" and "Chengdu 404" in o for s, p, o, _ in said)
    assert ("The defendants", "linked_to", "Ministry of State Security", False) in said  # the second verb
    assert not any(s == "The defendants" and p == "operated_by" for s, p, _, _ in said)
    assert ("American officials", "sanctioned", "a Chinese company", False) in said
    assert any(p == "linked_to" and "Integrity" in o for _, p, o, _ in said)  # a company supports: a tie
    assert not any(p == "operated_by" and "Integrity" in o for _, p, o, _ in said)


def test_fragments_and_reporters_are_not_statements(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "APT41 began hacking video game companies in November 2014 and modifying game systems. "
        "The group APT40 uses compromised infrastructure. Mandiant discovered an espionage campaign of UNC4191. "
        "In response, the UK is sanctioning two individuals associated with APT31.",
    )
    assert ("APT41", "targeted", "video game companies", False) in said
    objects = {o for _, p, o, _ in said if p == "targeted"}
    assert not objects & {"November 2014", "modifying game systems", "Infrastructure", "infrastructure"}
    assert not any(s == "Mandiant" for s, _, _, _ in said)  # who reports a deed does not do it
    assert not any(s in {"UK", "United Kingdom"} and p == "linked_to" for s, p, _, _ in said)


def test_a_rebuttal_in_other_words(galaxy_kb: KnowledgeBase) -> None:
    claims = _claims(
        galaxy_kb,
        "Volt Typhoon is a China-sponsored actor. "
        "Foreign ministry spokeswoman Mao Ning said the report was unprofessional disinformation.",
    )
    denied = [c for c in claims if c["negated"]]
    assert denied and denied[0]["subject"]["name"] == "Volt Typhoon" and denied[0]["assertor"] == "Mao Ning"


def test_the_frozen_test_split_is_unchanged() -> None:
    import hashlib

    eval_dir = Path(__file__).parent / "data" / "eval"
    recorded = next(ln for ln in (eval_dir / "test.sha256").read_text().splitlines() if not ln.startswith("#"))
    files = sorted((eval_dir / "test").glob("*.yaml"))
    assert hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest() == recorded.strip()


def test_every_judged_held_out_candidate_stands_in_its_document() -> None:
    """The held-out batches' verdicts, as the test split's: each names a document of a batch held out when it was
    judged (held now, or joined `tuning` since) and a sentence of it."""
    import yaml

    from evalset import BATCHES, HELD_JUDGED, load_split

    judged_batches = frozenset().union(*(BATCHES[b] for b in (f"batch{n}" for n in range(14, 58))))
    texts = {d.id: d.text for d in load_split("dev") if d.id in judged_batches}
    judged = yaml.safe_load(HELD_JUDGED.read_text(encoding="utf-8"))["candidates"]
    assert judged
    for j in judged:
        assert j["doc"] in texts and j["evidence"] in texts[j["doc"]], j
        assert isinstance(j["right"], bool) and j["why"], j


def test_every_judged_test_candidate_stands_in_its_document() -> None:
    """A verdict of test-judged.yaml is kept by the candidate's words and sentence: one that names a document
    outside the test split, or a sentence that document does not hold, would judge nothing."""
    import yaml

    from evalset import JUDGED, load_split

    texts = {d.id: d.text for d in load_split("test")}
    judged = yaml.safe_load(JUDGED.read_text(encoding="utf-8"))["candidates"]
    assert judged
    for j in judged:
        assert j["doc"] in texts, j
        assert j["evidence"] in texts[j["doc"]], j
        assert isinstance(j["right"], bool) and (j["right"] or j["why"]), j
        assert j["subject"] and j["object"] and j["predicate"], j


def test_quality_on_the_dev_documents(galaxy_kb: KnowledgeBase) -> None:
    from evalset import BATCH7, BATCHES, load_split
    from evalset import score as eval_score

    # the floors were set before batch7 was added, on dev less batch7 and the batches added since
    later = BATCH7.union(*(BATCHES[f"batch{n}"] for n in range(10, 54)))
    s = eval_score(galaxy_kb, [d for d in load_split("tuning") if d.id not in later])
    assert s.gold > 300
    assert s.recall >= 0.57 and s.recall_behind >= 0.6 and s.precision >= 0.57, s.row()
    # every miss that has its sentence is placed at one step (tests/evalset.py --where)
    assert sum(s.lost.values()) == sum(g.span is not None for g in s.misses) > 0


def test_people_named_in_full_and_by_a_short_name(galaxy_kb: KnowledgeBase) -> None:
    """Romanised Chinese names the store does not know are people (in either order); one of their words
    alone, later, is the same person; "They" / "The two" after a list of people is each of them."""
    text = (
        "Prosecutors charged two Chinese nationals, Wei Jianguo and Xiaoming Tan, with hacking. The "
        "indictment alleges that Wei and Tan broke into the networks of shipping firms. They also targeted "
        "human rights groups. Tan worked for Chengdu 404 Network Technology. Minister Wang said nothing."
    )
    x = extract_text(text, galaxy_kb.gazetteer(), country_mentions(galaxy_kb.store)).as_dict()
    people = {m["text"] for m in x["mentions"] if m["proposed_kind"] == "person"}
    assert {"Wei Jianguo", "Xiaoming Tan", "Wei", "Tan"} <= people and "Minister Wang" not in people
    said = {
        (c["subject"]["text"], c["subject"]["name"], c["predicate"], c["object"]["name"].lower()) for c in x["claims"]
    }
    assert ("Wei", "Wei Jianguo", "targeted", "shipping firms") in said
    assert ("Tan", "Xiaoming Tan", "targeted", "shipping firms") in said
    assert {("They", n, "targeted", "human rights") for n in ("Wei Jianguo", "Xiaoming Tan")} <= said
    assert any(s[:3] == ("Tan", "Xiaoming Tan", "employed_by") for s in said)


def test_anaphors_sponsors_and_nationality_compounds(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "APT41 hit dozens of firms. Its operators targeted video game companies. They also breached hospitals. "
        "Officials said PRC-affiliated actors compromised several banks. The China-linked hackers accessed "
        "the email systems of Boeing. Airlines were compromised by APT10, a group reportedly backed by China. "
        "The Chinese government paid APT40 to develop the malware. Wei Jianguo, Tan Xiaoming and Zhao Lin were "
        "members of the Ministry of State Security.",
    )
    assert {("APT41", "targeted", "video game companies", False), ("APT41", "targeted", "hospitals", False)} <= said
    assert ("PRC-affiliated actors", "attributed_to", "China", False) in said
    assert ("The China-linked hackers", "linked_to", "China", False) in said
    assert ("The China-linked hackers", "targeted", "Boeing", False) in said
    assert ("APT10", "attributed_to", "China", False) in said and ("APT10", "operated_by", "China", False) not in said
    assert ("APT40", "operated_by", "China", False) in said
    more = _said(
        galaxy_kb,
        "Mandiant said a group referred to as UNC4841 was behind a campaign in support of the People's Republic "
        "of China. Prosecutors charged Wei Jianguo. He allegedly hacked defence contractors.",
    )
    assert ("UNC4841", "attributed_to", "China", False) in more
    assert ("Wei Jianguo", "targeted", "defence contractors", False) in more
    assert {(p, "employed_by", "Ministry of State Security", False) for p in ("Wei Jianguo", "Zhao Lin")} <= said


def test_appositions_and_headlines(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "Wei Jianguo, an officer of the Ministry of State Security, directed the hackers. Tan Xiaoming, a "
        "member of APT41, hacked Boeing.\n\nUS Indicts Five Alleged Chinese Hackers Tied to APT40\n\n"
        "The charges against the men were unsealed on Monday.",
    )
    assert ("Wei Jianguo", "employed_by", "Ministry of State Security", False) in said
    assert ("Tan Xiaoming", "member_of_group", "APT41", False) in said
    assert ("Tan Xiaoming", "targeted", "Boeing", False) in said and ("APT41", "targeted", "Boeing", False) not in said
    assert ("United States", "indicted", "Five Alleged Chinese Hackers", False) in said
    assert not any(p == "indicted" and o != "Five Alleged Chinese Hackers" for _, p, o, _ in said)


def test_people_act_at_the_direction_of_a_body_and_work_for_an_employer(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "Tan Xiaoming worked for Chengdu 404 Network Technology. Prosecutors said Wei Jianguo hacked "
        "universities on behalf of the Ministry of State Security. Officers of the Shanghai State Security "
        "Bureau ordered Zhao Lin to conduct the hacks.",
    )
    assert any(s[:2] == ("Tan Xiaoming", "employed_by") and s[2].startswith("Chengdu 404") for s in said)
    assert not any(s == "Tan Xiaoming" and p == "operated_by" for s, p, _, _ in said)
    assert ("Wei Jianguo", "operated_by", "Ministry of State Security", False) in said
    assert ("Wei Jianguo", "targeted", "Ministry of State Security", False) not in said
    assert ("Zhao Lin", "operated_by", "Shanghai State Security Bureau", False) in said


def test_an_actors_targets_listed(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "APT41 hit dozens of firms. Its targets span hospitals and universities. APT10's victims included "
        "shipping firms. Zhu Hua hacked banks. Victims include think tanks.",
    )
    targets = {(s, o.lower()) for s, p, o, _ in said if p == "targeted"}
    assert ("APT41", "hospitals") in targets and any(s == "APT41" and o.startswith("universit") for s, o in targets)
    assert ("APT10", "shipping firms") in targets
    assert not any(o == "think tanks" for _, _, o, _ in said)  # no actor named: not guessed


def test_statements_carry_the_learned_score(galaxy_kb: KnowledgeBase) -> None:
    """Every statement but an alias is scored by the shipped model; the score is a probability, the same
    on every run, and it is what the candidate's note (the order of `review`) carries."""
    from cyberstate.extract import ranking
    from cyberstate.extract.candidates import candidates

    model = ranking._model()
    assert model["weights"] and 0.0 <= model["threshold"] < 1.0
    assert "bias" in model["weights"] and any(k.startswith("rule=") for k in model["weights"])
    text = (
        "The Justice Department charged two officers of the Ministry of State Security. APT40 targeted "
        "universities in Cambodia. The group is a Chinese state-sponsored group."
    )
    x = extract_text(text, galaxy_kb.gazetteer(), country_mentions(galaxy_kb.store))
    scored = [c for c in x.claims if c.predicate != "also_known_as"]
    assert scored and all(c.score is not None and 0.0 < c.score < 1.0 for c in scored)
    again = extract_text(text, galaxy_kb.gazetteer(), country_mentions(galaxy_kb.store))
    assert [c.score for c in again.claims] == [c.score for c in x.claims]
    with ranking.unfiltered() as recorded:
        raw = extract_text(text, galaxy_kb.gazetteer(), country_mentions(galaxy_kb.store))
    assert len(raw.claims) >= len(x.claims)
    assert all(id(c) in recorded for c in raw.claims if c.predicate != "also_known_as")
    out = candidates(x, "doc", published=None, assertors={})
    assert any(f"score {scored[0].score:.2f}" in c.note for c in out.claims)


# --------------------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty file"),
        (b"caf\xe9 APT31", "not UTF-8"),
        (b"%PDF-1.4 garbage", "not a readable PDF"),
        (b"PK\x03\x04APT31 word/document.xml", "a ZIP archive"),  # a truncated DOCX passes for UTF-8
        (b"\x1f\x8b\x08APT31", "a gzip file"),
        (b"{\\rtf1\\ansi APT31 hacked}", "an RTF file"),
        (b"APT31\x01\x02\x03\x04\x05\x06 targeted\x07\x08", "binary content"),
    ],
)
def test_bad_documents(tmp_path: Path, content: bytes, problem: str) -> None:
    f = tmp_path / "doc.txt"
    f.write_bytes(content)
    with pytest.raises(DocumentError, match=problem):
        read_document(f)


def test_encrypted_truncated_and_scripted_documents(tmp_path: Path) -> None:
    import io

    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=200, height=200)
    w.encrypt(user_password="secret", algorithm="RC4-128")
    buf = io.BytesIO()
    w.write(buf)
    (tmp_path / "locked.pdf").write_bytes(buf.getvalue())
    (tmp_path / "cut.pdf").write_bytes(buf.getvalue()[:300])
    (tmp_path / "scripts.html").write_text("<html><script>" + "var x = 1;" * 50_000 + "</script></html>")
    for name, problem in [
        ("locked.pdf", "encrypted PDF"),
        ("cut.pdf", "not a readable PDF"),
        ("scripts.html", "no text"),
    ]:
        with pytest.raises(DocumentError, match=problem):
            read_document(tmp_path / name)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    content=st.one_of(
        st.binary(max_size=2000),
        st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.binary(max_size=1500).map(lambda b: b"%PDF-1.4\n" + b),
        st.text(max_size=1500).map(lambda t: ("<html><body>" + t).encode("utf-8", "surrogatepass")),
    ),
    suffix=st.sampled_from([".txt", ".md", ".html", ".pdf", ""]),
)
def test_reading_any_bytes_raises_only_our_error(tmp_path: Path, content: bytes, suffix: str) -> None:
    """Whatever the bytes, the reader returns a document or says in one line why not."""
    f = tmp_path / f"doc{suffix}"
    f.write_bytes(content)
    try:
        doc = read_document(f)
    except DocumentError as e:
        assert "\n" not in str(e) and str(f) in str(e)
        return
    assert doc.text.strip()


def test_a_megabyte_name_is_not_matched_and_crashes_nothing() -> None:
    huge = "A" + "x" * 1_000_000
    g = Gazetteer([(huge, "h", "threat_group", huge, True), ("APT31", "apt31", "threat_group", "APT31", True)])
    found = g.find("APT 31 and " + huge[:5000])
    assert [m.entity.entity_id for m in found] == ["apt31"]


def test_pdf_with_and_without_text(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    blank = tmp_path / "scan.pdf"
    w = PdfWriter()
    w.add_blank_page(width=200, height=200)
    with blank.open("wb") as fh:
        w.write(fh)
    with pytest.raises(DocumentError, match="no text layer"):
        read_document(blank)
    text_pdf = tmp_path / "text.pdf"
    text_pdf.write_bytes(_text_pdf("APT31 is operated by the Hubei State Security Department."))
    doc = read_document(text_pdf)
    assert "Hubei State Security Department" in doc.text


def _text_pdf(line: str) -> bytes:
    """A one-page PDF with a text layer, written by hand (no PDF library writes text)."""
    stream = f"BT /F1 12 Tf 20 100 Td ({line}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 200] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_too_large(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    f.write_text("APT31 " * 100)
    with pytest.raises(DocumentError, match="too large"):
        read_document(f, max_bytes=100)


# --------------------------------------------------------------------------------------- ingest, review


@pytest.fixture
def review_db(galaxy_db: Path, tmp_path: Path) -> Path:
    db = tmp_path / "review.db"
    shutil.copy(galaxy_db, db)
    return db


def test_ingest_review_cycle(cli: Any, review_db: Path) -> None:
    r = cli("ingest", DOCS / "press-release.md", "--publisher", "Test desk", "--json", db=review_db)
    assert r.code == 0, r.stderr
    doc = r.json()["documents"][0]
    assert doc["status"] == "ingested" and doc["claims"] > 0
    again = cli("ingest", DOCS / "press-release.md", "--json", db=review_db).json()["documents"][0]
    assert again["status"] == "already ingested" and again["claims"] == 0
    listing = cli("review", "--document", doc["source"], "--json", db=review_db).json()
    cands = listing["candidates"]
    assert len(cands) == doc["claims"]
    assert all(c["status"] == "candidate" and c["evidence"]["source"] == doc["source"] for c in cands)
    alias = next(c for c in cands if c["predicate"] == "also_known_as")
    denied = next(c for c in cands if c["negated"])
    assert cli("review", "accept", alias["id"], db=review_db).code == 0
    assert cli("review", "reject", denied["id"], db=review_db).code == 0
    show = cli("show", "APT31", "--json", db=review_db).json()
    assert any(a["name"] == "Violet Typhoon" and a["source"] == doc["source"] for a in show["aliases"])
    r = cli("review", "accept", "--document", doc["source"], "--min-confidence", "80", "--json", db=review_db)
    assert r.code == 0
    accepted = r.json()["claims"]
    left = cli("review", "--document", doc["source"], "--json", db=review_db).json()["candidates"]
    assert all(c["confidence"] < 80 for c in left) and len(left) + len(accepted) + 2 == len(cands)
    chain = cli("chain", "APT31", "--json", db=review_db).json()
    assert any(doc["source"] in h["sources"] for ch in chain["chains"] for h in ch["hops"])
    # nothing left to take: the message says what was asked, not "give candidate ids or --document"
    r = cli("review", "accept", "--document", doc["source"], "--min-confidence", "80", db=review_db)
    assert r.code == 1 and f"no candidate from '{doc['source']}' at confidence 80 or above" in r.stderr, r.stderr
    r = cli("review", "reject", "--document", "doc-nowhere", db=review_db)
    assert r.code == 1 and "no source 'doc-nowhere'" in r.stderr, r.stderr


def test_review_list_of_an_unknown_document_or_predicate_is_an_error(cli: Any, review_db: Path) -> None:
    """`review --document D` of no such document is one error line, exit 1 (it listed no candidate and
    counted every proposed entity of the store), `--predicate P` outside the vocabulary too; of a document
    ingested, the proposed entities counted are that document's."""
    doc = cli("ingest", DOCS / "press-release.md", "--json", db=review_db).json()["documents"][0]
    for args in (("--document", "doc-nowhere"), ("--predicate", "hacked")):
        r = cli("review", *args, db=review_db)
        assert r.code == 1 and r.stdout == "" and len(r.stderr.strip().splitlines()) == 1, r.stderr
        assert repr(args[1]) in r.stderr
        assert cli("review", *args, "--json", db=review_db).json()["error"]["type"] == "InvalidRecord"
    assert (
        "no source 'doc-nowhere': no such document" in cli("review", "--document", "doc-nowhere", db=review_db).stderr
    )
    every = cli("review", "--json", db=review_db).json()["proposed_entities"]
    mine = cli("review", "--document", doc["source"], "--json", db=review_db).json()["proposed_entities"]
    with KnowledgeBase.open(review_db) as kb:
        named = sorted(e for e in every if doc["source"] in kb.store.get_entity(e).sources)
    assert mine == named and mine
    other = cli("review", "--document", "piersinaru-2024", "--json", db=review_db).json()
    assert other["proposed_entities"] == [] and other["candidates"] == []


def test_review_filtered_counts_the_proposed_entities_of_its_candidates(cli: Any, review_db: Path) -> None:
    """`review --entity E` and `review --predicate P` count the proposed entities the candidates listed name
    (the summary line and --json's `proposed_entities`); they counted every proposed entity of the store."""
    cli("ingest", DOCS / "press-release.md", db=review_db)
    (tmp := review_db.parent / "other.txt").write_text(
        "The Wuhan Xiaoruizhi front company was run by the Hubei State Security Department.\n"
        "The cyber unit of the Harbin Police Bureau targeted Tibetan activists.\n"
    )
    cli("ingest", tmp, db=review_db)
    every = cli("review", "--json", "--limit", "1000", db=review_db).json()
    with KnowledgeBase.open(review_db) as kb:
        for args in (("--entity", "APT31"), ("--predicate", "targeted"), ("--predicate", "also_known_as")):
            doc = cli("review", *args, "--json", "--limit", "1000", db=review_db).json()
            claims = [kb.store.get_claim(c["id"]) for c in doc["candidates"]]
            named = {e for c in claims for e in (c.subject, c.object, c.assertor)}
            assert doc["proposed_entities"] == sorted(set(every["proposed_entities"]) & named), args
            assert len(doc["proposed_entities"]) < len(every["proposed_entities"]), args
            r = cli("review", *args, db=review_db)
            assert r.stdout.strip().splitlines()[-1].endswith(f"; {len(doc['proposed_entities'])} proposed entities")


def test_review_decides_a_candidate_named_twice_once(cli: Any, review_db: Path) -> None:
    """`review reject ID ID`, or an id of the `--document` given too, decides the candidate once and says so
    once ('rejected: 2 claims' of one claim, its id listed twice in --json)."""
    doc = cli("ingest", DOCS / "press-release.md", "--json", db=review_db).json()["documents"][0]
    first, *rest = cli("review", "--document", doc["source"], "--json", db=review_db).json()["candidates"]
    r = cli("review", "reject", first["id"], first["id"], db=review_db)
    assert r.code == 0 and r.stdout.strip() == "rejected: 1 claims, 0 entities", r.stdout
    r = cli("review", "accept", rest[0]["id"], "--document", doc["source"], "--json", db=review_db)
    assert sorted(r.json()["claims"]) == sorted(c["id"] for c in rest)


def test_ingest_refuses_a_publication_date_that_is_no_date_or_to_come(cli: Any, review_db: Path) -> None:
    """`ingest --published X` names the option and the value when X is no date, and refuses a date to come (a
    document published in 2999 was stored, its statements never in any as-of view); a document already
    ingested no longer hides a bad date behind "already ingested"."""
    before = cli("stats", "--json", db=review_db).json()["totals"]
    for value, why in (("someday", ": not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"), ("2999", " is in the future"),
                       ("2024-02-30", ": not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")):  # fmt: skip
        r = cli("ingest", DOCS / "press-release.md", "--published", value, db=review_db)
        assert r.code == 1 and r.stderr.strip() == f"error: --published {value!r}{why}", r.stderr
    assert cli("stats", "--json", db=review_db).json()["totals"] == before
    assert cli("ingest", DOCS / "press-release.md", "--published", "2024-03", db=review_db).code == 0
    r = cli("ingest", DOCS / "press-release.md", "--published", "2024-02-30", db=review_db)
    assert r.code == 1 and "not a date" in r.stderr


def test_review_says_how_many_candidates_its_limit_leaves_out(cli: Any, review_db: Path) -> None:
    """`review --limit N` of more candidates says how many there are (it said "N candidates" of a queue of
    thousands, as if that were all); --json gives `total` and `left_out`."""
    cli("ingest", DOCS / "press-release.md", db=review_db)
    whole = cli("review", "--json", db=review_db).json()
    assert whole["total"] == len(whole["candidates"]) > 2 and whole["left_out"] == 0
    page = cli("review", "--limit", "2", "--json", db=review_db).json()
    assert len(page["candidates"]) == 2 and page["total"] == whole["total"]
    assert page["left_out"] == whole["total"] - 2
    r = cli("review", "--limit", "2", db=review_db)
    last = r.stdout.strip().splitlines()[-1]
    assert last.startswith(f"2 of {whole['total']} candidates (--limit N and --offset N list more);")


def test_extract_writes_nothing(cli: Any, review_db: Path) -> None:
    before = cli("stats", "--json", db=review_db).json()["totals"]
    r = cli("extract", DOCS / "press-release.md", "--json", db=review_db)
    assert r.code == 0
    doc = r.json()
    assert set(doc) >= {"document", "mentions", "claims"} and {"title", "sha256"} <= set(doc["document"])
    m = doc["mentions"][0]
    assert {"text", "start", "end", "entity"} <= set(m)
    c = doc["claims"][0]
    assert {"subject", "predicate", "object", "assertor", "date", "confidence", "hedged", "negated", "evidence"} <= set(
        c
    )
    assert cli("stats", "--json", db=review_db).json()["totals"] == before


def test_ingest_a_directory_on_two_workers(cli: Any, review_db: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(DOCS / "press-release.md", docs / "a.md")
    (docs / "b.txt").write_text("Hainan Xiandun employee Wu Shurong carried out orders from MSS officers.\n")
    (docs / ".hidden.txt").write_text("not read\n")
    r = cli("ingest", docs, "--workers", "2", "--json", db=review_db)
    assert r.code == 0, r.stderr
    got = r.json()["documents"]
    assert [d["status"] for d in got] == ["ingested", "ingested"] and all(d["claims"] > 0 for d in got)


def test_bad_ingest_changes_nothing(cli: Any, review_db: Path, tmp_path: Path) -> None:
    before = cli("stats", "--json", db=review_db).json()["totals"]
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("APT31 caf\xe9".encode("latin-1"))
    r = cli("ingest", DOCS / "press-release.md", bad, db=review_db)
    assert r.code == 1 and r.stderr.count("\n") == 1 and "latin1.txt" in r.stderr and "not UTF-8" in r.stderr
    assert cli("stats", "--json", db=review_db).json()["totals"] == before
    missing = cli("ingest", tmp_path / "nope.txt", db=review_db)
    assert missing.code == 1 and "nope.txt" in missing.stderr


def test_ingest_a_folder_without_documents_is_an_error(
    cli: Any, review_db: Path, folders_without_files: tuple[Path, Path]
) -> None:
    """A folder holding no document (empty, or only files of other kinds) is one error line naming it, exit 1,
    the store unchanged; it used to end with "review them with `cyberstate review`" and exit 0."""
    before = cli("stats", "--json", db=review_db).json()["totals"]
    empty, tables = folders_without_files
    for folder in (empty, tables):
        r = cli("ingest", folder, db=review_db)
        assert r.code == 1 and r.stderr.count("\n") == 1 and str(folder) in r.stderr, r.stderr
        assert "no document" in r.stderr and "review" not in r.stdout
    r = cli("ingest", DOCS / "press-release.md", empty, "--json", db=review_db)
    assert r.code == 1 and r.json()["error"]["type"] == "DocumentError"
    assert cli("stats", "--json", db=review_db).json()["totals"] == before


def test_one_name_proposed_as_two_kinds_is_two_proposals() -> None:
    """A name read as a group in one document and as a person in another must not become one entity whose
    kind breaks the other document's claims (it stopped `make run` once)."""
    from cyberstate.extract.candidates import Candidates, _entity_for
    from cyberstate.extract.mentions import Mention

    out = Candidates()
    group = _entity_for(Mention(0, 16, "multiple actors", proposed_kind="threat_group"), "doc-a", out)
    person = _entity_for(Mention(0, 16, "multiple actors", proposed_kind="person"), "doc-b", out)
    assert group is not None and person is not None and group[0] != person[0]
    assert {out.entities[group[0]].kind, out.entities[person[0]].kind} == {"threat_group", "person"}


def test_a_description_is_one_documents_own_and_a_fragment_no_entity() -> None:
    """A report's "the threat actor" is not another's: a described actor is proposed per
    document and marked described (merges never join it by name); a described victim class ("financial
    institutions") stays one proposal; a pronoun or a cut phrase proposes nothing."""
    from cyberstate.extract.candidates import Candidates, _entity_for
    from cyberstate.extract.mentions import Mention

    out = Candidates()
    a = _entity_for(Mention(0, 16, "the threat actor", proposed_kind="threat_group"), "doc-a", out)
    b = _entity_for(Mention(0, 16, "the threat actor", proposed_kind="threat_group"), "doc-b", out)
    again = _entity_for(Mention(40, 56, "the threat actor", proposed_kind="threat_group"), "doc-a", out)
    assert a is not None and b is not None and a[0] != b[0] and again == a
    assert out.entities[a[0]].attrs["described"] and out.entities[a[0]].name == "the threat actor"
    firm = "Wuhan Xiaoruizhi Science and Technology Company"
    named = _entity_for(Mention(0, len(firm), firm, proposed_kind="company"), "x", out)
    assert named is not None and named[0] == "p-company-wuhan-xiaoruizhi-science-and-technology-company"
    sector_a = _entity_for(Mention(0, 22, "financial institutions", proposed_kind="sector"), "doc-a", out)
    sector_b = _entity_for(Mention(0, 22, "financial institutions", proposed_kind="sector"), "doc-b", out)
    assert sector_a == sector_b
    for junk in ("They", "those", "in the government", "but also", "has been active", "victims primarily"):
        assert _entity_for(Mention(0, len(junk), junk, proposed_kind="sector"), "doc-a", out) is None, junk


def test_charges_speakers_renamings_and_rebuttals_in_one_sentence(galaxy_kb: KnowledgeBase) -> None:
    """Rules of the latest session, each on a made-up sentence: a grand jury charges a national; a state
    where the charge is brought; a phrase renamed by the names after it; a modal before a frame; a passive
    link with its agent; a vendor's own name for a group; counted hackers are people; a speaker that says
    it charged; 'According to X,' is no party; a reply that reports the accusation it rebuts."""
    said = _said(galaxy_kb, "A federal grand jury charged a Chinese national with hacking a port operator.")
    assert ("A federal grand jury", "indicted", "a Chinese national", False) in said
    said = _said(
        galaxy_kb, "Two Chinese nationals, named as Wei Jianguo and Zhao Minghui, have been indicted in the US."
    )
    assert {("United States", "indicted", n, False) for n in ("Wei Jianguo", "Zhao Minghui")} <= said
    said = _said(galaxy_kb, "The agency believes that Flax Typhoon may be related to APT10.")
    assert any(p == "linked_to" and {s, o} == {"Flax Typhoon", "APT10"} for s, p, o, _ in said)
    said = _said(galaxy_kb, "Flax Typhoon has been linked by some researchers to APT40.")
    assert any(p == "linked_to" and {s, o} == {"Flax Typhoon", "APT40"} for s, p, o, _ in said)
    said = _said(
        galaxy_kb, "The firm stopped an attack by a China-based threat actor Microsoft tracks as Flax Typhoon."
    )
    assert any(s == "Flax Typhoon" and p == "located_in" for s, p, _, _ in said)
    said = _said(galaxy_kb, "The three hackers work for the Chengdu 404 Network Technology company, prosecutors said.")
    assert any(p == "employed_by" and s == "The three hackers" for s, p, _, _ in said)
    said = _said(galaxy_kb, "The Justice Department said on Monday that it had indicted Wei Jianguo for hacking.")
    assert any(p == "indicted" and o == "Wei Jianguo" for _, p, o, _ in said)
    said = _said(
        galaxy_kb, "According to the prosecutors, these individuals were affiliates of Chengdu 404 Network Technology."
    )
    assert not any("prosecutors" in s for s, _, _, _ in said)
    said = _said(galaxy_kb, "China's Foreign Ministry said that the US is the world's largest hacking empire.")
    assert not any(p == "targeted" for _, p, _, _ in said)
    claims = _claims(
        galaxy_kb, 'China called a report that APT40 breached a port operator "disinformation", a spokesperson said.'
    )
    got = {(c["subject"]["name"], c["predicate"], c["object"]["name"], c["negated"]) for c in claims}
    assert ("APT40", "targeted", "a port operator", False) in got
    assert ("APT40", "attributed_to", "China", True) in got


# ------------------------------------------------------- rules of the batch6 session (made-up sentences)


def test_a_present_tense_tie_links_the_two(galaxy_kb: KnowledgeBase) -> None:
    """ "Prosecutors tie two Chinese hackers to APT10": the verb is no modifier of the hackers."""
    said = _said(galaxy_kb, "Prosecutors tie two Chinese hackers to APT10.")
    assert ("two Chinese hackers", "linked_to", "APT10", False) in said


def test_by_indicting_gives_the_charge_to_the_sentence_subject(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "The FBI sought to disrupt the firm last July by indicting three state security officials in Hainan "
        "province, Wei Jianguo, Tan Xiaoming and Li Ming, for their role.",
    )
    names = ("Wei Jianguo", "Tan Xiaoming", "Li Ming")
    assert {("Federal Bureau of Investigation", "indicted", n, False) for n in names} <= said, said


def test_co_defendants_are_listed_with_the_first(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "Wei Jianguo, and his co-defendant, 40-year-old Chinese national Tan Xiaoming, are charged for their "
        "alleged involvement in hacking a university at the behest of the Chinese government. The indictment "
        "charging Li Ming and his co-conspirator Zhao Wei was unsealed Tuesday by the Justice Department.",
    )
    assert {("Wei Jianguo", "operated_by", "China", False), ("Tan Xiaoming", "operated_by", "China", False)} <= said
    charged = {s[2] for s in said if s[1] == "indicted"}
    assert {"Li Ming", "Zhao Wei"} <= charged
    assert not any(s[0].lower().endswith("indictment") for s in said if s[1] == "indicted")


def test_direction_after_the_deeds_reaches_their_doer(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "Officials accused APT40 of infiltrating government agencies across Europe, under the orders of the "
        "Ministry of State Security. Two men, named as Wei Jianguo and Tan Xiaoming, ran a campaign that "
        "targeted vaccine research, including cancer studies, on behalf of the Hubei State Security Department.",
    )
    assert ("APT40", "operated_by", "Ministry of State Security", False) in said
    assert {
        ("Wei Jianguo", "operated_by", "Hubei State Security Department", False),
        ("Tan Xiaoming", "operated_by", "Hubei State Security Department", False),
    } <= said


def test_an_indictment_beside_the_body_that_returns_it_is_no_agent(galaxy_kb: KnowledgeBase) -> None:
    claims = _claims(galaxy_kb, "A grand jury returned an indictment charging four hackers with hacking a bank.")
    agents = {c["subject"]["name"] for c in claims if c["predicate"] == "indicted"}
    assert agents == {"A grand jury"}, agents


def test_a_deed_told_by_the_body_it_hit_targeted_that_body(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "The ministry has information on the source of the attack on the Federal Agency for Cartography and "
        "Geodesy. Prague condemned a cyberattack against the Czech Republic's Ministry of Foreign Affairs.",
    )
    victims = {s[2] for s in said if s[1] == "targeted"}
    assert "Federal Agency for Cartography and Geodesy" in victims
    assert any("Ministry of Foreign Affairs" in v for v in victims) and "Czech Republic" not in victims
    # a deed named after a system is the deed's name, not one more victim
    said = _said(galaxy_kb, "The attack on Microsoft Exchange servers was a malicious act by state-backed actors.")
    assert not any(s[1] == "targeted" for s in said), said


def test_list_items_lose_their_connectives_and_stop_at_a_verb(galaxy_kb: KnowledgeBase) -> None:
    claims = _claims(
        galaxy_kb,
        "APT41 is active. Their targets, the DoJ says, include software companies, but also governments. "
        "Storm-0558 primarily targets government agencies in Western Europe and focuses on espionage, data theft "
        "and credential access.",
    )
    objects = {c["object"]["name"] for c in claims if c["predicate"] == "targeted"}
    assert {"software companies", "governments", "government agencies"} <= objects
    assert not objects & {"but also governments", "focuses on espionage", "data theft", "credential access"}
    said_by = {c["assertor"] for c in claims if c["object"]["name"] == "governments"}
    assert said_by == {"DoJ"}, said_by  # "X, the DoJ says, include Y": the aside's speaker


def test_an_alleged_involvement_names_no_speaker(galaxy_kb: KnowledgeBase) -> None:
    claims = _claims(
        galaxy_kb,
        "Wei Jianguo and Tan Xiaoming are charged for their alleged involvement in hacking a university at the "
        "behest of the Chinese government.",
    )
    assert claims and all(c["assertor"] is None for c in claims), [c["assertor"] for c in claims]


def test_a_denial_beside_the_accusation_it_answers(galaxy_kb: KnowledgeBase) -> None:
    """The accusation reported after "one day after" is not denied; the reply denies the state behind it."""
    said = _said(
        galaxy_kb,
        "The Chinese government has never participated in cybertheft, spokesman Geng Shuang said on Tuesday, "
        "one day after the US government indicted four Chinese military officers for hacking a bank.",
    )
    assert ("United States", "indicted", "four Chinese military officers", False) in said
    assert ("four Chinese military officers", "attributed_to", "China", True) in said


def test_a_denial_with_no_accusation_read_rebuts_the_group_last_named(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "The report exclaims that APT1 is a large unit. China has dismissed the allegations. A spokesman, "
        "Hong Lei, said it is irresponsible to make groundless accusations.",
    )
    assert ("APT1", "attributed_to", "China", True) in said


def test_the_group_with_its_ties_stands_for_the_group_named_before(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "Salt Typhoon hacked telecom firms. The agencies are investigating the China-linked hacking group's "
        "infiltration of telecommunications infrastructure to target politicians.",
    )
    assert any(s[:2] == ("Salt Typhoon", "targeted") and s[2].lower().endswith("politicians") for s in said), said
    assert ("Salt Typhoon", "linked_to", "China", False) in said


def test_a_passive_with_described_victims_and_no_name_before_it(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "A breach has come to light, revealing that routers of various organizations, including likely "
        "telecommunication companies and internet service providers, were compromised by APT31. APT40 is "
        "active. Various organizations around the world have already been targeted by the group.",
    )
    apt31 = {s[2] for s in said if s[:2] == ("APT31", "targeted")}
    assert {"routers of various organizations", "telecommunication companies", "internet service providers"} <= apt31
    assert ("APT40", "targeted", "organizations around the world", False) in said


def test_a_time_before_a_passive_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "In 2020, the networks of the ministry were breached by APT31.")
    assert not any(s[2].startswith("In ") for s in said), said
    said = _said(galaxy_kb, "APT31 hacked two banks, identified in the indictment as Victim 1 and Victim 2.")
    assert not any("indictment" in s[2] for s in said), said


def test_entry_gained_and_organisations_struck_are_targets(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "The indictment alleges that APT31 gained entry to the computer systems of three other U.S. businesses. "
        "APT40 targeted victims in 16 countries, striking organizations in the public sector.",
    )
    assert ("APT31", "targeted", "three other U.S. businesses", False) in said
    assert any(s[:2] == ("APT40", "targeted") and "public sector" in s[2] for s in said), said


def test_whom_a_deed_serves_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "The firm has conducted hacking for the PRC government, the DOJ reports.")
    assert not any(s[1] == "targeted" for s in said), said


def test_attribution_in_a_relative_clause_and_to_a_group_it_called(galaxy_kb: KnowledgeBase) -> None:
    claims = _claims(
        galaxy_kb,
        "Jiang and Qiang allegedly participated in hacking activities that researchers have attributed to a group "
        "called APT41. With a high degree of confidence, Microsoft attributed the attacks to a group it called "
        "Hafnium.",
    )
    said = {(c["subject"]["name"], c["predicate"], c["object"]["name"]) for c in claims}
    assert ("hacking activities", "attributed_to", "APT41") in said
    hafnium = [c for c in claims if c["subject"]["name"] == "the attacks" and c["predicate"] == "attributed_to"]
    assert hafnium and hafnium[0]["object"]["name"].lower() == "hafnium"
    assert hafnium[0]["assertor"] == "Microsoft" and hafnium[0]["confidence"] == 95


def test_involvement_with_a_group_and_fellow_members(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "Officials say the Sichuan-based cybersecurity company had direct involvement with the Chinese hacking "
        "group Salt Typhoon. The indictment alleges that Wei Jianguo (a name), 32, and other members of APT41 "
        "hacked banks.",
    )
    assert ("the Sichuan-based cybersecurity company", "linked_to", "Salt Typhoon", False) in said
    assert ("Wei Jianguo", "member_of_group", "APT41", False) in said


def test_what_the_speaker_calls_the_object_and_a_fronted_base(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "The Justice Department unsealed three indictments against what it says are three Chinese hackers. "
        "Based in Shanghai, Yin Kecheng was sanctioned for his role in cyber attacks.",
    )
    assert any(s[1:3] == ("indicted", "three Chinese hackers") for s in said), said
    assert ("Yin Kecheng", "located_in", "Shanghai", False) in said


def test_direction_between_the_doer_and_its_deed_and_a_predicative_sponsor(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "Italian police arrested a Chinese national accused by the United States of working at the direction of "
        "Beijing to steal vaccine research from universities. Our analysis has led us to conclude that APT1 is "
        "likely government-sponsored and one of the most persistent of China's cyber threat actors.",
    )
    assert ("a Chinese national", "operated_by", "China", False) in said
    assert ("APT1", "attributed_to", "China", False) in said
    # no state named in the sentence: no sponsor read
    assert not _said(galaxy_kb, "APT1 is likely government-sponsored.")


def test_a_name_joined_by_an_ampersand_and_a_time_after_a_victim(galaxy_kb: KnowledgeBase) -> None:
    """ "AT&T" is a name, not the preposition "at" (which ends a phrase) and an initial; "in 2024" after the
    last victim says when, and is neither part of it nor a place."""
    claims = _claims(
        galaxy_kb,
        "Salt Typhoon breached the systems of AT&T, Verizon, and Lumen in 2024. "
        "APT40 targeted shipping firms in early March 2023.",
    )
    objects = {c["subject"]["name"]: set() for c in claims}
    for c in claims:
        if c["predicate"] == "targeted" and c["object"]:
            objects[c["subject"]["name"]].add(c["object"].get("text") or c["object"]["name"])
    assert {"AT&T", "Verizon", "Lumen"} <= objects["Salt Typhoon"], objects
    assert "shipping firms" in objects["APT40"], objects
    assert not any("2024" in o or "2023" in o or o.endswith(".") for os_ in objects.values() for o in os_), objects


def test_a_list_item_cut_from_its_head_keeps_it(galaxy_kb: KnowledgeBase) -> None:
    """A modifier joined by a bare "and" to the next item shares its head noun: one item, not a fragment."""
    claims = _claims(
        galaxy_kb,
        "APT41 compromised the networks of several large Dutch shipping and port logistics companies. "
        'APT41 also targeted "low-margin and similar businesses" in Spain. APT41 stole confidential pricing and '
        "engineering information from a Chinese supplier and one of its subsidiaries.",
    )
    objects = {c["object"]["name"] for c in claims if c["predicate"] == "targeted"}
    assert "several large Dutch shipping and port logistics companies" in objects, objects
    assert "low-margin and similar businesses" in objects and "Spain" in objects
    assert not objects & {"several large Dutch shipping", "low-margin", 'similar businesses"', "confidential pricing"}


def test_a_victim_list_ends_at_a_clause_a_role_and_a_place_of_no_place(galaxy_kb: KnowledgeBase) -> None:
    claims = _claims(
        galaxy_kb,
        "APT41 breached dozens of shipping firms, marking a sharp rise in the attacks on Dutch ports. "
        "Officials filed charges today against three Chinese nationals for hacking into more than 60 banks across "
        "the world part of a state-sponsored group known as APT31.\n\nUK charges three men part of Chinese hacking "
        "crew APT31",
    )
    said = {(c["subject"]["name"], c["predicate"], c["object"]["name"]) for c in claims if c["object"]}
    objects = {o for _, p, o in said if p == "targeted"}
    assert "dozens of shipping firms" in objects and not any("Dutch ports" in o for o in objects), objects
    assert ("United Kingdom", "indicted", "three men") in said, said  # the role after the noun is no part of it
    assert "more than 60 banks" in objects and not objects & {"world", "the world"}


def test_a_place_based_noun_is_not_the_group_named_after_it(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "The FBI cleaned Japan-based servers infected with APT41's malware. Officials named a Chengdu-based group, "
        "APT41, as the culprit.",
    )
    located = {(s[0], s[2]) for s in said if s[1] == "located_in"}
    assert ("APT41", "Japan") not in located and ("APT41", "Chengdu") in located, located


def test_an_item_keeps_its_own_head_and_messages_name_their_owners(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "APT41 has targeted the Dutch Navy, Interpol and various Belgian companies. APT41 was targeting the phone "
        "calls and text messages of dozens of senior ministers.",
    )
    targets = {s[2] for s in said if s[1] == "targeted"}
    assert "Interpol" in targets and "Interpol companies" not in targets, targets
    assert "dozens of senior ministers" in targets
    assert not any("messages" in t for t in targets)


def test_a_slash_shares_a_head_and_a_participle_takes_its_complement(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "APT41 is known for targeting banks and OT/IT systems across Europe. APT41 breached the networks of small "
        "firms specializing in matters of defence.",
    )
    targets = {s[2] for s in said if s[1] == "targeted"}
    assert "OT/IT systems" in targets and "OT" not in targets, targets
    assert "small firms" in targets and not any("matters" in t for t in targets), targets


def test_a_name_compared_with_the_subject_is_not_one_more_subject(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "Like APT31, APT41 is believed to be linked to the Ministry of State Security.")
    linked = {s[0] for s in said if s[1] in ("linked_to", "operated_by")}
    assert "APT41" in linked and "APT31" not in linked, said


def test_bodies_named_by_their_head_noun(galaxy_kb: KnowledgeBase) -> None:
    """Capitalised words, a comma list among them, headed by a body's noun ("... Commission", "... Command")
    name a public body the store lacks; a head noun followed by "of" or "for" does not end the name, and a
    sentence before the name is not part of it."""
    text = (
        "Intruders hit the Lowmoor Boundary Commission last spring. Analysts blamed the Signals, Relays and "
        "Beacon Force Command. Its staff said the Federal Agency for Tidal Survey was spared. They hit NGOs. "
        "Varrow Tide Authority staff saw it."
    )
    x = extract_text(text, galaxy_kb.gazetteer(), country_mentions(galaxy_kb.store)).as_dict()
    kinds = {m["text"]: m["proposed_kind"] for m in x["mentions"]}
    assert kinds.get("Lowmoor Boundary Commission") == "government_agency"
    assert kinds.get("Signals, Relays and Beacon Force Command") == "government_agency"
    assert kinds.get("Varrow Tide Authority") == "government_agency"
    assert not any(k.startswith("Federal Agency") or ". " in k for k in kinds)


def test_a_body_the_store_knows_by_a_qualified_name_is_no_new_body(galaxy_kb: KnowledgeBase) -> None:
    """The store's "National Police Agency (Japan)" is found as "National Police Agency", as resolve takes it,
    so the body rule proposes no second one, not even with the country's name before it."""
    text = "The National Police Agency named the group. Japan National Police Agency officers traced it."
    x = extract_text(text, galaxy_kb.gazetteer(), country_mentions(galaxy_kb.store)).as_dict()
    bodies = [(m["text"], (m["entity"] or {}).get("id"), m["proposed_kind"]) for m in x["mentions"]]
    assert [b for b in bodies if "Police" in b[0]] == [("National Police Agency", "japan-npa", None)] * 2
