"""A state is a party to a tie only as a whole noun phrase: the object of a preposition ("works on behalf of the Chinese
government and may have ties to X") has no ties of its own (extract/filtering.py)."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import readings as _readings


def test_a_state_after_a_preposition_has_no_ties(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(
        galaxy_kb,
        "Investigators believe the Grey Heron crew works on behalf of the Chinese government and may have ties to"
        " APT41.",
    )
    assert not any(p == "linked_to" and s == "the Chinese government" for s, p, _ in said)


def test_a_state_as_the_subject_keeps_its_ties(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(galaxy_kb, "Investigators believe the Chinese government has ties to APT41.")
    assert ("the Chinese government", "linked_to", "APT41") in said
