"""What is taken is no victim: money ("access to significant funding", "the stolen Bitcoin") and what the words
call stolen ("hacking technologies stolen from ...") name the loot or the means, not a party the deed was done to
(extract/relations.py, `_TAKEN`)."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import readings as _readings


def test_funding_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(
        galaxy_kb, "The threat actor APT41 seems to have access to significant funding, with dedicated infrastructure."
    )
    assert ("APT41", "targeted", "significant funding") not in said


def test_the_stolen_coins_are_no_victim(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(
        galaxy_kb, "Questions remain over how the U.S. gained access to more than 127,000 of the stolen Bitcoin."
    )
    assert ("U.S.", "targeted", "more than 127,000 of the stolen Bitcoin") not in said


def test_what_was_stolen_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    text = (
        "APT41 is using malware and hacking technologies stolen from the National Security Agency to launch"
        " cyberattacks on Belgian ministries."
    )
    said = _readings(galaxy_kb, text)
    assert ("APT41", "targeted", "technologies stolen") not in said


def test_networks_reached_stay(galaxy_kb: KnowledgeBase) -> None:
    # the networks a group gets into are its victim, as written
    said = _readings(galaxy_kb, "APT41 gained access to the Belgian finance ministry's networks.")
    assert ("APT41", "targeted", "the Belgian finance ministry's networks") in said
