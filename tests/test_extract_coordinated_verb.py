"""An object that opens with a verb of doing right after "and", "or" or "as well as" ("targets X and often
re-compromises networks", "to infiltrate networks and conduct surveillance") is the doer's second verb phrase, not a
victim: its reading is no statement (extract/filtering.py, `verb_phrase_as_party`)."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import pairs


def test_a_second_verb_phrase_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    text = "APT10 persistently targets Belgian law firms and often re-compromises networks over many years."
    assert pairs(galaxy_kb, text, "targeted") == {("APT10", "Belgian law firms")}
    text = "APT10 hacked computers in Belgium and gave the ministry's agents access to trade secrets."
    assert ("APT10", "gave the ministry's agents access") not in pairs(galaxy_kb, text, "targeted")


def test_a_noun_that_starts_like_the_verb_stays_a_victim(galaxy_kb: KnowledgeBase) -> None:
    # "collection agencies" is a noun phrase after "and": a second victim, as written
    text = "APT10 hacked computers in Belgium and collection agencies in Laos."
    assert ("APT10", "collection agencies") in pairs(galaxy_kb, text, "targeted")


def test_a_verb_of_disrupting_after_the_cue_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    # "to target and disrupt X": the disruption is the doer's second deed; "disruption followed" leaves the victims
    text = "APT10 used the malware to target and disrupt power substations in Laos."
    assert ("APT10", "disrupt power substations") not in pairs(galaxy_kb, text, "targeted")
    text = "APT10 used the malware to target power substations in Laos and disruption followed."
    assert ("APT10", "power substations") in pairs(galaxy_kb, text, "targeted")
