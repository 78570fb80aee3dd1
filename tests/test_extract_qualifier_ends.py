"""A word that only qualifies a head it does not hold names no party: a point of the compass, or a word of size or
of a government's level cut from the head it shares with the next item of a list (extract/filtering.py)."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import readings as _readings


def test_a_point_of_the_compass_alone_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(
        galaxy_kb,
        "The campaign, attributed to APT41, has set its sights on energy and transport sectors in North, West,"
        " and Central Africa, as well as reporters.",
    )
    assert ("APT41", "targeted", "reporters") in said
    assert ("APT41", "targeted", "North") not in said
    assert ("APT41", "targeted", "West") not in said
    # the same point with the name it qualifies is a place
    said = _readings(galaxy_kb, "APT41 targeted ministries in North Africa and West Africa.")
    assert ("APT41", "targeted", "North Africa") in said


def test_a_shared_qualifier_cut_from_its_head_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(
        galaxy_kb,
        "The intruders targeted both small and large critical infrastructure and defence targets, mostly in Ruritania.",
    )
    assert ("The intruders", "targeted", "large critical infrastructure") in said
    assert ("The intruders", "targeted", "both small") not in said
    said = _readings(
        galaxy_kb,
        "Microsoft says its current wave of IT supply chain attacks primarily targets state and local police"
        " departments and the education sector.",
    )
    assert not any(o == "state" for _, _, o in said)
    # a state named with its article, the party itself, stays
    said = _readings(galaxy_kb, "Hackers targeted the state and its courts.")
    assert ("Hackers", "targeted", "the state") in said
