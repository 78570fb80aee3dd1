"""An object read past a second verb coordinated after the cue's object ("... and demonstrated significant changes in
TTPs", "... and found evidence suggesting the Chinese government ...", "... and mentions that the United States
...") is that verb's, not the cue's: its reading is no statement (extract/filtering.py, `_object_past_second_verb`)."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import readings as _readings


def test_a_second_verb_in_the_past_takes_what_follows(galaxy_kb: KnowledgeBase) -> None:
    text = (
        "APT41 compromised servers of the Belgian finance ministry and demonstrated significant changes in its"
        " tradecraft."
    )
    said = _readings(galaxy_kb, text)
    assert ("APT41", "targeted", "tradecraft") not in said
    assert ("APT41", "targeted", "Belgian finance ministry") in said


def test_a_second_verb_of_telling_takes_what_follows(galaxy_kb: KnowledgeBase) -> None:
    text = (
        "The report links the intrusions to the South China Sea dispute and mentions that the United States provided"
        " support to Vietnam."
    )
    said = _readings(galaxy_kb, text)
    assert ("the intrusions", "attributed_to", "United States") not in said


def test_a_participle_before_the_next_item_is_no_verb(galaxy_kb: KnowledgeBase) -> None:
    # "related" qualifies the next victims, and the place after them stays read as before
    said = _readings(galaxy_kb, "APT41 targeted Belgian ministries and related organizations in Brussels.")
    assert ("APT41", "targeted", "Brussels") in said


def test_a_second_verb_of_the_deeds_keeps_its_victims(galaxy_kb: KnowledgeBase) -> None:
    text = (
        "Cyber Partisans hacked the Belarusian Telegraph Agency and conducted ransomware attacks on the Belarusian"
        " Railway."
    )
    said = _readings(galaxy_kb, text)
    assert ("Cyber Partisans", "targeted", "Belarusian Railway") in said
    said = _readings(galaxy_kb, "The report attributes the intrusions to APT41 and mentions that Vietnam was hit.")
    assert ("the intrusions", "attributed_to", "APT41") in said
