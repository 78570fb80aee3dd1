"""A described victim whose head is a deed ("the defacement of ministry websites", "the gang's targeted strike on
logistics firms", "hacking attempts involving ...") or a run of deeds ("a years-long series of digital intrusions
against key ministries") names what was done, not whom it was done to, whatever follows the head: its reading is
no statement (extract/filtering.py, `_victim_headed_by_deed`)."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import readings as _readings


def test_a_deed_with_its_victim_after_it_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    text = "APT29 is known for attacks on Estonian ministries, including the defacement of ministry websites in 2019."
    said = _readings(galaxy_kb, text)
    assert ("APT29", "targeted", "defacement of ministry websites") not in said
    assert ("APT29", "targeted", "Estonian ministries") in said


def test_a_strike_with_its_victims_after_it_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(galaxy_kb, "The report tied the campaign to APT29's targeted strike on logistics firms in Chile.")
    assert not {o for s, p, o in said if p == "targeted"} & {"strike on logistics firms"}


def test_a_series_of_bodies_stays_a_victim(galaxy_kb: KnowledgeBase) -> None:
    # a run of portals, not of deeds: the victims, as written
    said = _readings(galaxy_kb, "APT29 has targeted a series of regional news portals in Estonia.")
    assert ("APT29", "targeted", "a series of regional news portals") in said
