"""A described victim that is only a count ("including around 200 in the U.S.") or is headed by a noun of amount
or change ("2025-a 6% increase", "a much smaller number") measures the victims or the deeds and names no party: its
reading is no statement (extract/filtering.py, `_count_as_victim`)."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import readings as _readings


def test_a_bare_count_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    text = "Salt Typhoon has infiltrated over 600 organizations across 80 countries, including around 200 in the U.S."
    said = _readings(galaxy_kb, text)
    assert ("Salt Typhoon", "targeted", "around 200") not in said
    assert ("Salt Typhoon", "targeted", "U.S.") in said


def test_an_amount_of_change_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    text = (
        "Chinese-linked cyberattacks targeting the island's hospitals averaged 2.63 million per day throughout"
        " 2025-a 6% increase from 2024."
    )
    said = _readings(galaxy_kb, text)
    assert ("Chinese-linked cyberattacks", "targeted", "2025-a 6% increase") not in said


def test_a_number_of_the_victims_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(galaxy_kb, "Of the 18,000 affected customers, a much smaller number were compromised by APT29.")
    assert ("APT29", "targeted", "much smaller number") not in said


def test_a_counted_noun_stays(galaxy_kb: KnowledgeBase) -> None:
    # a count with its noun names the victims, as written
    said = _readings(galaxy_kb, "APT29 compromised 200 ministries in Belgium.")
    assert ("APT29", "targeted", "200 ministries") in said
