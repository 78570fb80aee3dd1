"""A place that owns what it stands before is no party of a tie, an operation or a report: the owned thing is ("the
advisory was released by Vietnam's national computer emergency team"), as no such place is a victim
(extract/filtering.py)."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import readings as _readings


def test_the_owner_of_the_issuer_issued_nothing(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(galaxy_kb, "The advisory was released by Vietnam's national computer emergency team on Friday.")
    assert not any(p == "issued_by" and o == "Vietnam" for _, p, o in said)
    # the state itself as the issuer stays
    said = _readings(galaxy_kb, "The advisory was released by Vietnam on Friday.")
    assert ("The advisory", "issued_by", "Vietnam") in said


def test_the_owner_of_an_aim_runs_nothing(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(
        galaxy_kb, "We believe APT41's work on shipping ultimately supports Vietnam's ambition to build a navy."
    )
    assert not any(p == "operated_by" for _, p, _ in said)
    said = _readings(galaxy_kb, "Analysts believe APT41 is run by Vietnam, which supports its work on shipping.")
    assert ("APT41", "operated_by", "Vietnam") in said
