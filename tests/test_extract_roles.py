"""Who did a deed and who stands behind the doer (extract/roles.py): a name in a phrase qualifying the
noun before the verb ("officers of the MSS", "a group run by the MSS", "tied to China's MSS") backs the doer
and is no doer itself; the people charged are not their group. Each sentence is made up."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _said(kb: KnowledgeBase, text: str, predicate: str) -> set[tuple[str, str]]:
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {
        (c["subject"]["name"], c["object"]["name"])
        for c in claims
        if c["predicate"] == predicate and c["object"] and not c["negated"]
    }


def test_officers_of_a_state_body_did_the_deed_not_the_body(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "Officers of the MSS hacked the firm.", "targeted")
    assert not any(s == "Ministry of State Security" for s, _ in said)
    for text in (
        "The group, tied to the MSS, hacked the ministry.",
        "The group, which is tied to the MSS, hacked the ministry.",
        "Contractors for the MSS hacked the firm.",
    ):
        assert not any(s == "Ministry of State Security" for s, _ in _said(galaxy_kb, text, "targeted")), text


def test_a_group_run_by_a_body_is_the_doer_and_the_tie_stays(galaxy_kb: KnowledgeBase) -> None:
    text = "APT40, a group run by the MSS, targeted universities."
    said = _said(galaxy_kb, text, "targeted")
    assert ("APT40", "Universities") in said
    assert not any(s == "Ministry of State Security" for s, _ in said)
    assert ("APT40", "Ministry of State Security") in _said(galaxy_kb, text, "operated_by")


def test_a_unit_of_an_army_is_the_doer(galaxy_kb: KnowledgeBase) -> None:
    text = "Unit 61398, a unit of the PLA, targeted US firms."
    said = _said(galaxy_kb, text, "targeted")
    assert not any(s == "People's Liberation Army" for s, _ in said)
    assert any(s == "PLA Unit 61398" for s, _ in said)
    assert ("PLA Unit 61398", "People's Liberation Army") in _said(galaxy_kb, text, "subordinate_to")


def test_hackers_tied_to_a_possessed_body_stole_from_the_victim(galaxy_kb: KnowledgeBase) -> None:
    text = "Hackers tied to China's MSS stole data from Germany."
    said = _said(galaxy_kb, text, "targeted")
    assert ("Ministry of State Security", "Germany") not in said
    assert ("Hackers", "Germany") in said
    assert ("Hackers", "Ministry of State Security") in _said(galaxy_kb, text, "linked_to")


def test_a_threat_group_does_what_its_members_do(galaxy_kb: KnowledgeBase) -> None:
    assert ("APT41", "the firm") in _said(galaxy_kb, "Members of APT41 hacked the firm.", "targeted")
    said = _said(galaxy_kb, "Five officers of Unit 61398 hacked US firms.", "targeted")
    assert ("PLA Unit 61398", "US firms") in said  # a military unit operates: its officers' deed is its own
    # a tie as the predicate of the sentence qualifies no noun: the group named after it is the doer
    text = "Integrity Tech has been linked to Flax Typhoon, a group known for targeting power grids."
    said = _said(galaxy_kb, text, "targeted")
    assert ("Flax Typhoon", "power grids") in said


def test_the_members_charged_are_not_their_group(galaxy_kb: KnowledgeBase) -> None:
    assert not any(o == "APT41" for _, o in _said(galaxy_kb, "Prosecutors charged members of APT41.", "indicted"))
    said = _said(galaxy_kb, "The Justice Department charged APT41 members with hacking.", "indicted")
    assert any(o == "APT41 members" for _, o in said)
