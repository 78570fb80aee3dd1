"""A nationality phrase whose state is joined to a word of tie ("the Chinese state-linked threat actor X", "the
Chinese government-linked group X") ties the group it names to the state, as "China-linked" does and as the frames
read the described "Chinese state-linked hackers": the state's word names what the group is tied to, it is no word of
backing. "state-sponsored", "state-backed" still attribute the group to the state. extract/relations.py `_BACKING`;
docs/extraction.md, "batch44 and batch45 joined: who stands behind what". Read from made-up sentences, with near misses
that must keep their reading."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import readings


def _to_china(said: set[tuple[str, str, str]], name: str) -> set[str]:
    return {p for s, p, o in said if s == name and "China" in o and p in {"attributed_to", "linked_to"}}


def test_a_state_joined_to_a_tie_ties_the_named_group(galaxy_kb: KnowledgeBase) -> None:
    said = readings(galaxy_kb, "The port said the Chinese state-linked threat actor APT33 entered its mail servers.")
    assert _to_china(said, "APT33") == {"linked_to"}
    said = readings(galaxy_kb, "The report blames the Chinese state-linked APT33 group for the breach of its servers.")
    assert _to_china(said, "APT33") == {"linked_to"}


def test_a_word_of_backing_still_attributes(galaxy_kb: KnowledgeBase) -> None:
    said = readings(galaxy_kb, "The port said the Chinese state-sponsored threat actor APT33 entered its servers.")
    assert _to_china(said, "APT33") == {"attributed_to"}
    said = readings(galaxy_kb, "A port operator said the China-linked state-backed group APT33 entered its servers.")
    assert _to_china(said, "APT33") == {"attributed_to"}
