"""An end must name something: a quantifier alone ("all" of "hacks all over the world") or a time word alone
("sanctioned today") is a fragment of the sentence, no party (extract/filtering.py)."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import readings as _readings


def test_a_quantifier_alone_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(galaxy_kb, "Earlier studies tied APT41 to hacks all over the world, though mostly in Ruritania.")
    assert not any(o == "all" for _, _, o in said)
    # the quantifier with its noun names the victims
    said = _readings(galaxy_kb, "APT41 targeted all ministries of Ruritania.")
    assert ("APT41", "targeted", "all ministries of Ruritania") in said


def test_a_time_word_alone_is_no_party(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(
        galaxy_kb, "Three software firms based in Vietnam have been sanctioned today for reckless cyberattacks:"
    )
    assert not any(o == "today" for _, _, o in said)
    assert ("Three software firms", "located_in", "Vietnam") in said
