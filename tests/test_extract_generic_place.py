"""A generic noun of a place read as the victim names no party where it owns what follows it ("the country's
national security data"), the name follows it ("the country of Kazakhstan") or the victims are spread over it
("providers across the country"): its reading is no statement (extract/filtering.py, `_generic_place`)."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import readings as _readings


def test_the_owner_of_the_victim_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    text = "APT41 launched 200 cyberattacks targeting the country's national security and high technology data."
    said = _readings(galaxy_kb, text)
    assert not any(s[1] == "targeted" and s[2] == "country" for s in said)


def test_the_place_the_victims_are_spread_over_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    text = "APT41 stole reams of data from telecoms and internet service providers across the country."
    said = _readings(galaxy_kb, text)
    assert not any(s[1] == "targeted" and s[2] == "country" for s in said)


def test_the_country_named_after_it_is_no_generic_victim(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(galaxy_kb, "Qihoo 360 exposed a hacking operation by APT41 targeting the country of Kazakhstan.")
    assert not any(s[1] == "targeted" and s[2] == "country" for s in said)


def test_the_speakers_country_stays(galaxy_kb: KnowledgeBase) -> None:
    # "our country" names the speaker's state, and stays a victim as before
    text = "Many hackers on the Internet engage in illegal activities against our country, the ministry said."
    said = _readings(galaxy_kb, text)
    assert any(s[1] == "targeted" and s[2] == "country" for s in said)
