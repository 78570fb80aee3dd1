"""A compound of backing or of a tie written without its hyphen ("Chinese state sponsored hackers", "Chinese-state
sponsored hackers", "a China nexus threat actor") is read as its hyphenated spelling is, before the head of an actor
or a deed; a verb after a state or its government ("China linked the attacks to", "the state sponsored a forum for
hackers") is not. extract/language.py `hyphenated`; docs/extraction.md, "Quality". Read from made-up sentences, with
near misses that must not give it."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from cyberstate.extract.language import hyphenated
from readings import readings


def _behind_china(said: set[tuple[str, str, str]]) -> set[tuple[str, str]]:
    return {(s, p) for s, p, o in said if p in {"attributed_to", "linked_to"} and "China" in o}


def test_the_compound_without_its_hyphen_is_read(galaxy_kb: KnowledgeBase) -> None:
    said = readings(galaxy_kb, "A port operator said Chinese state sponsored hackers entered its mail servers.")
    assert ("Chinese state-sponsored hackers", "attributed_to") in _behind_china(said)
    said = readings(galaxy_kb, "A port operator said Chinese-state sponsored hackers entered its mail servers.")
    assert ("Chinese state-sponsored hackers", "attributed_to") in _behind_china(said)
    said = readings(galaxy_kb, "The shipyard's report describes a China nexus threat actor in its mail.")
    assert ("a China-nexus threat actor", "linked_to") in _behind_china(said)


def test_the_same_length_and_no_verb_rewritten() -> None:
    text = "Chinese state sponsored hackers struck; the state sponsored a forum for hackers; China linked the attacks."
    assert len(hyphenated(text)) == len(text)
    assert hyphenated(text) == text.replace("state sponsored hackers", "state-sponsored hackers", 1)


def test_no_reading_from_a_verb(galaxy_kb: KnowledgeBase) -> None:
    said = readings(galaxy_kb, "China linked hackers abroad to the attacks on its ports, the ministry said on Monday.")
    assert not any(s.startswith("China-linked") for s, _ in _behind_china(said))
