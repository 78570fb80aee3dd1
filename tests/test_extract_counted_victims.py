"""Victims counted before their head (extract/phrases.py, extract/filtering.py): a count in words after "at least",
a figure after "around", "over" or "up to" opens the victims' phrase and ends nothing; each read on a made-up sentence
beside a near miss where the same word is a preposition."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from test_extract_targets import _targeted


def test_a_count_in_words_after_at_least(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(galaxy_kb, "APT41 breached at least nine regional water utilities.")
    assert ("APT41", "at least nine regional water utilities") in said
    said = _targeted(galaxy_kb, "APT41 has hacked at least two dozen shipping firms.")
    assert ("APT41", "at least two dozen shipping firms") in said


def test_a_figure_after_around_over_and_up_to(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(galaxy_kb, "APT41 compromised around 12,000 routers worldwide.")
    assert any(s == "APT41" and "12,000 routers" in o for s, o in said)
    said = _targeted(galaxy_kb, "APT41 breached over 400 regional clinics.")
    assert any(s == "APT41" and o.endswith("400 regional clinics") for s, o in said)
    said = _targeted(galaxy_kb, "APT41 hacked up to 300 hotel chains.")
    assert any(s == "APT41" and o.endswith("300 hotel chains") for s, o in said)


def test_the_same_words_as_prepositions_end_the_victim(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(galaxy_kb, "APT41 breached regional clinics over the holidays.")
    assert ("APT41", "regional clinics") in said
    assert not any("holidays" in o for _, o in said)
    # a place phrase with no head of its own stays no victim
    assert not _targeted(galaxy_kb, "APT41 attacked around the capital.")
    said = _targeted(galaxy_kb, "APT41 targeted ports at Rotterdam.")
    assert not any("Rotterdam" in o for _, o in said)
