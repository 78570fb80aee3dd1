"""A sector's word between a verb of taking and its preposition is what the deed takes ("stole government data from
X", "stole defense technology from X"), not a name holding the cue's words: the cue stands, and the sector is no
victim (extract/relations.py, `_taken_inside`)."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import pairs


def test_a_sector_word_inside_the_cue_leaves_the_cue(galaxy_kb: KnowledgeBase) -> None:
    said = pairs(galaxy_kb, "APT41 stole government data from several Japanese firms.", "targeted")
    assert ("APT41", "several Japanese firms") in said
    said = pairs(galaxy_kb, "APT41 stole defense technology from several Japanese firms.", "targeted")
    assert ("APT41", "several Japanese firms") in said


def test_the_sector_taken_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    # the near miss: the sector's word inside the cue is what was taken, never a victim of its own
    said = pairs(galaxy_kb, "APT41 stole government data from several Japanese firms.", "targeted")
    assert not any(o == "government" for _, o in said)
    said = pairs(galaxy_kb, "APT41 stole defense technology from several Japanese firms.", "targeted")
    assert not any(o in ("defense", "technology", "defense technology") for _, o in said)
