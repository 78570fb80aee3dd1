"""A deed and its doer both read as the subject of `targeted` (extract/deed_doer.py): each construction on a
made-up sentence, beside a near-miss sentence that must not give the added reading."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _readings(kb: KnowledgeBase, text: str) -> set[tuple[str, str, bool, bool]]:
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {
        (c["subject"]["text"], c["object"]["text"], c["hedged"], c["negated"])
        for c in claims
        if c["predicate"] == "targeted" and c["object"]
    }


def _pairs(kb: KnowledgeBase, text: str) -> set[tuple[str, str]]:
    return {(s, o) for s, o, _, _ in _readings(kb, text)}


def test_the_doer_named_by_by_after_the_deeds_victim(galaxy_kb: KnowledgeBase) -> None:
    text = "Portugal summoned China's ambassador over a cyberattack in 2022 for espionage purposes against the "
    said = _pairs(galaxy_kb, text + "National Port Agency in Lisbon by APT41.")
    assert {("APT41", "National Port Agency"), ("a cyberattack", "National Port Agency")} <= said
    # "by" past the end of the deed's phrase (after a comma, in a clause of its own) names no doer of it
    said = _pairs(galaxy_kb, text + "National Port Agency in Lisbon, citing a report by APT41.")
    assert ("a cyberattack", "National Port Agency") in said
    assert not any(s == "APT41" for s, _ in said)


def test_the_deed_of_a_doer_said_to_be_behind_it(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(
        galaxy_kb, "Analysts said APT41 may be behind a long spying campaign targeting shipping firms in Lisbon."
    )
    doer = {(h, n) for s, o, h, n in said if s == "APT41" and o == "shipping firms"}
    deed = {(h, n) for s, o, h, n in said if s.endswith("spying campaign") and o == "shipping firms"}
    assert doer and deed == doer  # the same hedge and negation
    # a deed that is no subject of the targeting verb ("against" a victim of its own) is left alone
    said = _pairs(galaxy_kb, "APT41 is behind a long spying campaign, and it targeted shipping firms in Lisbon.")
    assert not any(s.endswith("campaign") for s, _ in said)


def test_a_possessed_or_compound_deed_as_subject(galaxy_kb: KnowledgeBase) -> None:
    said = _pairs(galaxy_kb, "APT41's spying campaign targeted shipping firms in Lisbon.")
    assert {("APT41", "shipping firms"), ("APT41's spying campaign", "shipping firms")} <= said
    said = _pairs(galaxy_kb, "The APT41 campaign targeted shipping firms in Lisbon.")
    assert ("The APT41 campaign", "shipping firms") in said
    # the possessor's office, not a deed: no deed reading
    said = _pairs(galaxy_kb, "APT41's leader targeted shipping firms in Lisbon.")
    assert not any(s.startswith("APT41's") for s, _ in said)
