""" "A series / wave / spate of" deeds: the counting noun before "of" is part of the deed's phrase ("a series of
cyber intrusions into X", "a series of devastating online attacks"), so a bare deed word after it ("a wave of
attacks") is still a description, and a word of responsibility before it gives the deed to its holder
(extract/frames.py `_SERIES_OF`; docs/extraction.md, "batch30 and batch31 joined: both ends found, no reading").
Made-up sentences, with near misses that must not give it."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import asserted as _said


def test_a_series_of_deeds_is_the_deed_held(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "The minister said APT28 was responsible for a series of attacks on the harbour.")
    assert ("a series of attacks", "attributed_to", "APT28") in said
    said = _said(
        galaxy_kb,
        "Officials said Turla was responsible for a spate of damaging online intrusions into regional ferry networks.",
    )
    assert ("a spate of damaging online intrusions", "attributed_to", "Turla") in said


def test_a_series_of_campaigns_or_other_things_gives_nothing(galaxy_kb: KnowledgeBase) -> None:
    # a series of campaigns is an actor's programme, no one deed; a series of talks is no deed at all
    said = _said(galaxy_kb, "The minister said APT28 was responsible for a series of campaigns on the harbour.")
    assert not any(s.startswith("a series") for s, _, _ in said)
    said = _said(galaxy_kb, "The minister said APT28 was responsible for a series of talks on the harbour.")
    assert not any(s.startswith("a series") for s, _, _ in said)


def test_the_cues_longer_victim_is_taken_only_after_a_counted_deed(galaxy_kb: KnowledgeBase) -> None:
    """ "behind a series of DDoS attacks targeting government entities": the frame cut the victim at the deed's phrase,
    so the cue's whole "government entities" is taken. Elsewhere the frame's victim stays: the cue's reading runs
    over ("Norway amid the conflict") or is a phrase where the frame gives the store's sector ("financial")."""
    said = _said(
        galaxy_kb,
        "Analysts identified APT28 as one of the actors behind a series of DDoS attacks targeting government entities"
        " in Norway.",
    )
    assert ("APT28", "targeted", "government entities") in said
    said = _said(galaxy_kb, "APT28 has emerged as a threat actor, particularly targeting Norway amid the conflict.")
    assert ("APT28", "targeted", "Norway") in said
    assert not any("amid" in o for _, _, o in said)
    said = _said(galaxy_kb, "APT28 is a threat group that has primarily targeted financial institutions since 2016.")
    assert not any(o == "financial institutions" for _, _, o in said)
