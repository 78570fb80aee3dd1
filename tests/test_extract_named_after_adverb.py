"""An adverb between a nationality phrase and the name it describes ("Chinese state-sponsored actors, specifically
X", "a China-linked espionage group, widely tracked as X") leaves the name the group the phrase describes, so the
state's tie is the name's, as it is without the adverb. extract/relations.py `_NAMED_AS`; docs/extraction.md,
"batch30 and batch31 joined: one end right, the other wrong". Read from made-up sentences, with a near miss that
must not give it: an adverb before a verb that is not one of naming ("possibly tied to X") ties the phrase to the
name, it does not rename it."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import readings


def test_specifically_names_the_described_actors(galaxy_kb: KnowledgeBase) -> None:
    said = readings(
        galaxy_kb,
        "The intrusions were the work of Chinese state-sponsored actors, specifically Volt Typhoon, the agency said.",
    )
    assert any(s == "Volt Typhoon" and p == "attributed_to" for s, p, _ in said)


def test_widely_tracked_as_names_the_described_group(galaxy_kb: KnowledgeBase) -> None:
    said = readings(
        galaxy_kb, "The phishing emails came from a China-linked espionage group, widely tracked as Mustang Panda."
    )
    assert any(s == "Mustang Panda" and p == "linked_to" for s, p, _ in said)


def test_an_adverb_before_a_tie_renames_nothing(galaxy_kb: KnowledgeBase) -> None:
    said = readings(
        galaxy_kb, "The phishing emails came from a China-linked espionage group, possibly tied to Mustang Panda."
    )
    assert not any(s == "Mustang Panda" and p in {"linked_to", "attributed_to"} for s, p, _ in said)
