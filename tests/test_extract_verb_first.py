"""A described end whose first word is a verb ("the NetTraveler attacks originate from a group", "New sanctions
clamp down on attempts", "targets major enterprises and operate a leak site", "and transfer a one-time code") names
what is done, not a party: its reading is no statement (extract/filtering.py, `_verb_first`)."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import readings as _readings


def test_a_lone_verb_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    text = "Kaspersky estimates that the NetTraveler attacks originate from a group of around 50 individuals."
    said = _readings(galaxy_kb, text)
    assert ("NetTraveler", "targeted", "originate") not in said


def test_a_second_verb_phrase_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(galaxy_kb, "APT41 targets major enterprises and operate a leak site to post stolen data.")
    assert ("APT41", "targeted", "operate a leak site") not in said
    assert ("APT41", "targeted", "major enterprises") in said


def test_a_verb_that_is_a_noun_too_is_the_verb_before_an_article(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(
        galaxy_kb, "APT41 uses phishing to gain access to the records and transfer a one-time code from SMS."
    )
    assert ("APT41", "targeted", "transfer a one-time code") not in said


def test_a_noun_of_the_verb_s_stem_stays(galaxy_kb: KnowledgeBase) -> None:
    # "operators" is a noun: the victims as written
    said = _readings(galaxy_kb, "APT41 targeted operators of power plants in Belgium.")
    assert ("APT41", "targeted", "operators of power plants") in said
