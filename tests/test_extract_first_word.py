"""The first word of a sentence is capitalised as every first word is, so it is judged as a modifier of a described
actor in lower case ("Threat actors worked for Y", '"Cyber actors targeted X," ...'); it still has to be one: an
adverb ("Recently actors targeted X") stays outside the phrase, and a bare head describes no one. extract/frames.py
`_described`; docs/extraction.md, "batch28 and batch29 joined: ends not found". Read from made-up sentences, with a
near miss that must not give it."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import readings


def test_the_first_word_modifies_the_actor(galaxy_kb: KnowledgeBase) -> None:
    said = readings(galaxy_kb, "Threat actors worked for China's Ministry of State Security.")
    assert any(s == "Threat actors" and p == "operated_by" for s, p, _ in said)
    said = readings(galaxy_kb, '"Cyber actors targeted the Japanese defense ministry," the agency said.')
    assert any(s == "Cyber actors" and p == "targeted" for s, p, _ in said)


def test_an_adverb_first_is_no_modifier(galaxy_kb: KnowledgeBase) -> None:
    said = readings(galaxy_kb, "Recently actors targeted the Japanese defense ministry.")
    assert not any(p == "targeted" for _, p, _ in said)


def test_a_preposition_first_is_no_modifier(galaxy_kb: KnowledgeBase) -> None:
    said = readings(galaxy_kb, "Like other Iran-based actors, the group focused on the MENA region.")
    assert not any(s.startswith("Like") for s, _, _ in said)
    # the near miss: a first word that is a modifier stays in the phrase
    said = readings(galaxy_kb, "Other Iran-based actors focused on the MENA region.")
    assert any(s == "Other Iran-based actors" and p == "located_in" for s, p, _ in said)
