"""A spaced dash before "including" continues a list of victims as a comma does ("millions of people - including
lawmakers, academics and journalists"): the particulars after it are victims too (extract/phrases.py,
`_CONTINUE`)."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import readings as _readings


def test_the_particulars_after_a_dash_and_including_are_victims(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(
        galaxy_kb,
        "APT31 has been targeting organizations in Europe - including ministries and defense firms - since 2019.",
    )
    assert ("APT31", "targeted", "ministries") in said
    assert ("APT31", "targeted", "defense firms") in said
    said = _readings(galaxy_kb, "APT33 targeted thousands of people — including lawmakers, academics and journalists.")
    assert {o for s, p, o in said if s == "APT33" and p == "targeted"} >= {"lawmakers", "academics", "journalists"}


def test_a_dash_without_a_list_still_ends_the_victims(galaxy_kb: KnowledgeBase) -> None:
    """A dash that opens an aside, not particulars, still closes the phrase; a dash before "including" after no
    cue of targeting gives no victim."""
    said = _readings(galaxy_kb, "APT31 has been targeting ministries in Europe - a sign of escalation - since 2019.")
    assert ("APT31", "targeted", "ministries") in said
    assert not any("sign" in o for _, _, o in said)
    said = _readings(galaxy_kb, "Australia calls on all countries - including China - to act responsibly.")
    assert not any(p == "targeted" for _, p, _ in said)
