"""Both ends found, a statement read: constructions in which the two ends of a statement stand in the sentence
but no frame of their gap read them (extract/frames.py; docs/extraction.md, "Statements").
Each sentence is made up."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _said(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str]]:
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["name"], c["predicate"], c["object"]["name"]) for c in claims if c["object"]}


def test_a_name_classed_as_a_deed_or_actor_that_carries_its_state(galaxy_kb: KnowledgeBase) -> None:
    """ "X is a Chinese state-based operation", "The X breaches were one example of ... PRC state-backed
    activities": the copula classes the name (or the deed named by it) with the state the phrase carries."""
    said = _said(galaxy_kb, "In the vendor's words, the long campaign of APT27 is a Chinese state-based operation.")
    assert ("APT27", "attributed_to", "China") in said
    said = _said(
        galaxy_kb,
        "The APT40 breaches were one example of a growing number of PRC state-backed malicious cyber activities.",
    )
    assert ("APT40", "attributed_to", "China") in said
    said = _said(galaxy_kb, "Analysts think APT40 remains one of many China-linked cyber operations.")
    assert ("APT40", "linked_to", "China") in said and ("APT40", "attributed_to", "China") not in said


def test_a_copula_with_no_state_in_its_phrase_says_nothing_of_a_state(galaxy_kb: KnowledgeBase) -> None:
    """A phrase that carries no state gives no attribution, nor does one that a verb other than the copula
    reaches."""
    said = _said(galaxy_kb, "The APT40 breaches were one example of a growing number of malicious cyber activities.")
    assert not any(p == "attributed_to" for _, p, _ in said)
    said = _said(galaxy_kb, "APT40 hacked routers that were used in Chinese state-backed operations.")
    assert ("APT40", "attributed_to", "China") not in said


def test_supporting_the_efforts_of_a_state_or_a_group(galaxy_kb: KnowledgeBase) -> None:
    """ "X ... supporting the naval modernization efforts of the Government of Y", "in support of the goals of
    Y": the owner of the efforts is the one supported, so a state (or a state body) runs X; "Z's servers were
    instrumental in supporting X's activities": the company is tied to the group it supports."""
    said = _said(
        galaxy_kb,
        "APT40 has operated since 2012 and seems to be focused on supporting the military modernization efforts "
        "of the Government of Beijing.",
    )
    assert ("APT40", "operated_by", "China") in said
    said = _said(
        galaxy_kb, "Analysts said APT27 works in support of the long-term goals of the Ministry of State Security."
    )
    assert ("APT27", "operated_by", "Ministry of State Security") in said
    said = _said(
        galaxy_kb, "Lanting Network Technology Company's servers were instrumental in supporting APT27's operations."
    )
    assert ("Lanting Network Technology Company", "linked_to", "APT27") in said


def test_support_across_a_clause_or_of_no_efforts_says_nothing(galaxy_kb: KnowledgeBase) -> None:
    """The supporter stands in the clause of the support, and what is supported is efforts of someone."""
    said = _said(galaxy_kb, "APT40 hacked the ministry, which was supporting the efforts of the Government of Beijing.")
    assert ("APT40", "operated_by", "China") not in said
    said = _said(galaxy_kb, "APT40 was supporting the efforts; the Ministry of State Security said nothing.")
    assert ("APT40", "operated_by", "Ministry of State Security") not in said


def test_a_deed_its_state_owns_by_a_possessive(galaxy_kb: KnowledgeBase) -> None:
    """ "Ottawa said Beijing's cyber activities were harmful", "an advisory detailing China's 'malicious cyber
    operations'": the deed is the state's, the state as the text words it; not a deed that is the object of a
    preposition ("a role in China's cyber operations"), nor a head that modifies another noun ("China's
    cyberespionage infrastructure")."""
    said = _said(galaxy_kb, "Ottawa said Beijing's cyber activities were harmful to its interests.")
    assert ("Beijing's cyber activities", "attributed_to", "China") in said
    said = _said(galaxy_kb, 'Canada released an advisory detailing China\'s "malicious cyber operations".')
    assert any(p == "attributed_to" and "malicious cyber operations" in s for s, p, _ in said)
    for text in (
        "Provinces play a role in China's cyber operations.",
        "The FBI hit China's elaborate cyberespionage infrastructure.",
        "China's response to the attacks was muted.",
    ):
        assert not any(p == "attributed_to" for _, p, _ in _said(galaxy_kb, text)), text


def test_a_noun_of_responsibility_gives_the_deed_to_its_holder(galaxy_kb: KnowledgeBase) -> None:
    """ "the involvement of Y (in X)", "Y's role in X", "named Y as the likely source (of X)", "responsibility for
    X lies with Y", "Y claimed responsibility for X", "X bore the hallmarks of Y", "the attribution of X to Y":
    the deed is the one named after the noun or, when none is, the last one named before it."""
    cases = {
        "Police found the intrusions were planned and suspected the involvement of the Chinese government.": (
            "the intrusions",
            "China",
        ),
        "The report detailed the involvement of the Ministry of State Security in the phishing campaign.": (
            "the phishing campaign",
            "Ministry of State Security",
        ),
        "Officials described APT27's role in the attack on the senate.": ("the attack", "APT27"),
        "Those who studied the breach named China as a likely source.": ("the breach", "China"),
        "Responsibility for the attack rests with APT27, the minister said.": ("the attack", "APT27"),
        "APT27 claimed responsibility for the intrusion.": ("the intrusion", "APT27"),
        "The breach bore the hallmarks of APT27.": ("The breach", "APT27"),
        "Berlin announced the attribution of the attack to APT27.": ("the attack", "APT27"),
    }
    for text, (deed, holder) in cases.items():
        assert (deed, "attributed_to", holder) in _said(galaxy_kb, text), text


def test_a_noun_of_responsibility_without_a_deed_or_a_holder_says_nothing(galaxy_kb: KnowledgeBase) -> None:
    """No deed in the sentence, a role that is no responsibility ("a group to watch"), or a holder that cannot
    be responsible (a leak's source is no attribution of a deed): no statement."""
    for text in (
        "Officials named APT27 as a group to watch.",
        "Analysts stressed the role of APT27 in Chinese policy.",
        "Police named Li Ming as the source of the leak.",
    ):
        assert not any(p == "attributed_to" for _, p, _ in _said(galaxy_kb, text)), text
