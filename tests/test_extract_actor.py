"""Described actors and deeds at the ends of who-stands-behind-what statements, each read from a made-up
sentence with a near miss that must not give it (extract/frames.py; docs/extraction.md, "Statements")."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _said(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str]]:
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["name"], c["predicate"], c["object"]["name"]) for c in claims if c["object"]}


def test_a_deed_told_by_its_nationality_is_the_states(galaxy_kb: KnowledgeBase) -> None:
    """ "a suspected Chinese intrusion": the deed is China's; a nationality of the deed's victim ("a
    cyberattack on the Chinese embassy") or of people ("Chinese hackers"), and a kind of deed ("cases of Chinese
    espionage", "most Chinese intrusions"), give no attribution."""
    said = _said(galaxy_kb, "Last spring a suspected Chinese intrusion disrupted the port authority's billing servers.")
    assert ("a suspected Chinese intrusion", "attributed_to", "China") in said
    said = _said(galaxy_kb, "Last spring a cyberattack on the Chinese embassy disrupted its mail servers.")
    assert not any(p == "attributed_to" for _, p, _ in said)
    said = _said(galaxy_kb, "Chinese hackers breached the port authority's billing servers.")
    assert not any(p == "attributed_to" for _, p, _ in said)
    said = _said(galaxy_kb, "The report lists many cases of Chinese espionage and most Chinese intrusions since 2015.")
    assert not any(p == "attributed_to" for _, p, _ in said)


def test_a_group_told_by_its_nationality_and_never_named_is_the_states(galaxy_kb: KnowledgeBase) -> None:
    """ "a Chinese hacking group targeting X", with no name for the group in its sentence: the described group is
    China's, as a named one is; people ("Chinese hackers") and a place ("a China-based hacking group") give no
    attribution, and a named group keeps its one reading."""
    said = _said(
        galaxy_kb,
        "The bulletin outlined the activity of a Chinese hacking group targeting the harbour's payroll servers.",
    )
    assert ("a Chinese hacking group", "attributed_to", "China") in said
    said = _said(galaxy_kb, "Chinese hackers raided the harbour authority's payroll servers last winter.")
    assert not any(p == "attributed_to" for _, p, _ in said)
    said = _said(galaxy_kb, "A China-based hacking group raided the harbour authority's payroll servers last winter.")
    assert not any(p == "attributed_to" for _, p, _ in said)
    said = _said(galaxy_kb, "The Chinese hacking group APT41 raided the harbour's payroll servers last winter.")
    assert [s for s, p, _ in said if p == "attributed_to"] == ["APT41"]
