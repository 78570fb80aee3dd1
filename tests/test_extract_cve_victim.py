"""A vulnerability named by its CVE id is the way in, not a party the deed was done to: "known for targeting
vulnerabilities in VoIP systems, specifically CVE-2019-19006" names no victim by its id, as "targeted loopholes in
the systems" names none by its head (extract/filtering.py, `_WAY_IN_OR_DATA`)."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import readings as _readings


def test_a_cve_id_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    text = (
        "INJ3CTOR3 is a threat actor first identified in 2020, known for targeting vulnerabilities in VoIP systems,"
        " specifically CVE-2019-19006 and CVE-2021-45461."
    )
    said = _readings(galaxy_kb, text)
    assert not [r for r in said if r[1] == "targeted" and "CVE-" in r[2]], said


def test_the_systems_that_hold_the_flaw_stay(galaxy_kb: KnowledgeBase) -> None:
    # what holds the flaw is what was targeted, as written
    text = "INJ3CTOR3 is known for targeting vulnerabilities in VoIP systems, specifically CVE-2019-19006."
    assert ("INJ3CTOR3", "targeted", "VoIP systems") in _readings(galaxy_kb, text)
