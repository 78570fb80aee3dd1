"""An end that starts inside a word is the tail of a longer phrase and names nothing (extract/filtering.py)."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import readings as _readings


def test_the_second_half_of_a_hyphened_name_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(galaxy_kb, "APT41 targeted ports in South-East Asia and Oceania.")
    assert ("APT41", "targeted", "ports") in said
    assert ("APT41", "targeted", "East Asia") not in said
    # the same region written without the hyphen is a place of its own
    said = _readings(galaxy_kb, "APT41 targeted ports in East Asia and Oceania.")
    assert ("APT41", "targeted", "East Asia") in said


def test_a_possessive_ending_opens_no_actor(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(
        galaxy_kb,
        "On May 2, the ministers of Ruritania issued a statement, claiming that the People's Republic of China's"
        " (PRC) state-backed actors breached the ministry.",
    )
    assert not any(s.startswith("'s") for s, _, _ in said)
    # the owner written before its own possessive keeps the phrase whole
    said = _readings(galaxy_kb, "On May 2, Ruritania claimed that the PRC's state-backed actors breached the ministry.")
    assert ("the PRC's state-backed actors", "targeted", "the ministry") in said
