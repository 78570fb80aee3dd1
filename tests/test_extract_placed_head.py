"""A participle of place locates the head of its noun phrase: a name that only qualifies that head, or stands in
another clause before it, is not placed (extract/roles.py, `placed_as_head`)."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import pairs


def test_the_name_before_a_head_is_not_placed(galaxy_kb: KnowledgeBase) -> None:
    text = "Unit 61419 is a well-known PLA cyber warfare detachment based in the city of Qingdao."
    assert ("PLA", "Qingdao") not in pairs(galaxy_kb, text, "located_in")
    text = "The hackers worked for a Microsoft research team based in Beijing."
    assert ("Microsoft", "Beijing") not in pairs(galaxy_kb, text, "located_in")


def test_the_head_itself_stays(galaxy_kb: KnowledgeBase) -> None:
    # the near misses: a copula makes the name the head's subject; a group's name before a noun of its own kind
    # names it
    assert ("PLA", "Beijing") in pairs(galaxy_kb, "The PLA is based in Beijing.", "located_in")
    assert ("APT40", "Hainan") in pairs(galaxy_kb, "APT40 is a hacking group based in Hainan.", "located_in")
    text = "The APT40 hacking group based in Hainan targeted universities."
    assert ("APT40", "Hainan") in pairs(galaxy_kb, text, "located_in")
