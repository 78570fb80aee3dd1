"""A `targeted` reading cued by a deed noun that "since" and an article open ("the biggest campaign carried out by
a China-nexus actor since the mass exploitation of X"): the deed is an earlier one, the time the clause counts
from, and the sentence names no doer of it (extract/filtering.py, `_earlier_deed`)."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import pairs


def test_the_deed_after_since_is_no_deed_of_the_subject(galaxy_kb: KnowledgeBase) -> None:
    text = (
        "It is the broadest espionage campaign known to be conducted by a China-nexus threat actor since the mass"
        " exploitation of Microsoft Exchange in early 2021."
    )
    assert not [p for p in pairs(galaxy_kb, text, "targeted") if p[1] == "Microsoft Exchange"]
    text = "It was the largest campaign of a Chinese threat actor since a 2021 attack on Microsoft Exchange."
    assert not [p for p in pairs(galaxy_kb, text, "targeted") if p[1] == "Microsoft Exchange"]


def test_a_time_after_since_keeps_the_deed_the_doers(galaxy_kb: KnowledgeBase) -> None:
    text = "The ransomware has been used by APT41 since at least 2022 in attacks against hospitals in Europe."
    assert ("APT41", "hospitals") in pairs(galaxy_kb, text, "targeted")
