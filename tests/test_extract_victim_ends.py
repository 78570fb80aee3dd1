"""The ends of `targeted` statements told in ordinary reporting (extract/victims.py): each construction read on a
made-up sentence, beside a near-miss sentence that must not give it."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from test_extract_targets import _targeted


def test_an_accusation_of_a_deed_on_a_victim(galaxy_kb: KnowledgeBase) -> None:
    # the one accused did the deed: the accuser only says so
    said = _targeted(galaxy_kb, "Peru has accused APT41 of spying on Andean trade unions and port operators.")
    assert {("APT41", "Andean trade unions"), ("APT41", "port operators")} <= said
    assert not any(s == "Peru" for s, _ in said)
    said = _targeted(galaxy_kb, "APT41 has long been accused of hacking regional hospitals in Lisbon.")
    assert ("APT41", "regional hospitals") in said
    # an aside between the accused and "of", and a deed noun with its preposition
    said = _targeted(
        galaxy_kb,
        "Chile accused APT41 -- a group tracked since 2019 -- of espionage through intrusions on its customs networks.",
    )
    assert any(s == "APT41" and o.endswith("customs networks") for s, o in said)


def test_an_accusation_of_no_deed_on_a_victim_targets_nothing(galaxy_kb: KnowledgeBase) -> None:
    # a charge that is no deed on a victim; a deed with no victim after it
    assert not _targeted(galaxy_kb, "Peru has accused APT41 of money laundering in Lima.")
    assert not _targeted(galaxy_kb, "Peru accused APT41 of lying about the port operators and their unions.")
