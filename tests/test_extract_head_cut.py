"""A described end cut right before the noun that heads its phrase ("a China-linked intrusion" of "a China-linked
intrusion cluster", "Chinese intrusion" of "Chinese intrusion tradecraft") names the qualifier, not the cluster or
the craft, and its reading is no statement (extract/filtering.py, `head_cut`)."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import readings as _readings


def test_a_deed_cut_before_the_cluster_it_qualifies_is_no_end(galaxy_kb: KnowledgeBase) -> None:
    text = "Analysts tied the leak to a China-linked intrusion{} last year."
    assert ("a China-linked intrusion", "linked_to", "China") not in _readings(galaxy_kb, text.format(" cluster"))
    # the deed itself, with no head after it, is tied as before
    assert ("a China-linked intrusion", "linked_to", "China") in _readings(galaxy_kb, text.format(""))


def test_a_deed_cut_before_the_sector_of_its_victims_is_no_end(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(
        galaxy_kb, "The report places renewed emphasis on Chinese cyber intrusion against the transportation sector."
    )
    assert not {s for s, _, _ in said} & {"Chinese cyber intrusion against the transportation"}
