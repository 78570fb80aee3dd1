"""A described victim run on past its noun into an adverbial of the clause, a time ("Citrix gateways as early as
March 2021"), a role ("routers as a means of access") or a frequency ("organizations worldwide most commonly"),
holds words that name no party: its reading is no statement (extract/filtering.py, `_RUN_ON`)."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import readings as _readings


def test_a_victim_run_on_into_a_time_is_dropped(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(galaxy_kb, "APT29 compromised Citrix gateways as early as March 2021.")
    assert ("APT29", "targeted", "Citrix gateways as early as March 2021") not in said


def test_a_victim_run_on_into_a_role_is_dropped(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(galaxy_kb, "APT29 has targeted routers as a means of access to government networks.")
    assert ("APT29", "targeted", "routers as a means of access") not in said


def test_a_victim_run_on_into_a_frequency_leaves_the_sector(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(galaxy_kb, "APT29 has targeted organizations worldwide most commonly in the energy sector.")
    assert ("APT29", "targeted", "organizations worldwide most commonly") not in said
    assert ("APT29", "targeted", "energy sector") in said


def test_a_victim_with_its_place_stays(galaxy_kb: KnowledgeBase) -> None:
    # a place after the victims is no adverbial of time or role: the readings stay as written
    said = _readings(galaxy_kb, "APT29 compromised Citrix gateways in Estonia.")
    assert ("APT29", "targeted", "Citrix gateways") in said
    assert ("APT29", "targeted", "Estonia") in said
