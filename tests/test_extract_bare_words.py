"""An end must name something: a quantifier alone ("all" of "hacks all over the world") or a time word alone
("sanctioned today") is a fragment of the sentence, no party (extract/filtering.py)."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _readings(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str]]:
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {
        (
            c["subject"].get("text") or c["subject"]["name"],
            c["predicate"],
            (c["object"] or {}).get("text") or (c["object"] or {}).get("name") or "",
        )
        for c in claims
    }


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
