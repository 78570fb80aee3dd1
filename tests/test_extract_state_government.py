"""A state named by its government is the state, a party to what the sentence says: "the US government conducts
cyber espionage against X", as "the Chinese government" is China (extract/mentions.py, `_governments`). Where
"government" qualifies a noun after it, the phrase stays the victims' ("US government agencies", "the British
government's email systems")."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import pairs


def test_a_state_named_by_its_government_does_the_deed(galaxy_kb: KnowledgeBase) -> None:
    said = pairs(galaxy_kb, "The US government conducts pervasive cyber espionage against China.", "targeted")
    assert ("The US government", "China") in said
    said = pairs(galaxy_kb, "The report exposes the British government's years of cyber attacks on Iran.", "targeted")
    assert ("the British government", "Iran") in said


def test_a_government_qualifying_a_noun_stays_the_victim(galaxy_kb: KnowledgeBase) -> None:
    # the near misses: "government" before the noun it qualifies names the victims, not the state
    said = pairs(galaxy_kb, "The hackers targeted US government agencies.", "targeted")
    assert ("The hackers", "US government agencies") in said
    said = pairs(galaxy_kb, "The hackers targeted the British government's email systems.", "targeted")
    assert ("The hackers", "the British government's email systems") in said
