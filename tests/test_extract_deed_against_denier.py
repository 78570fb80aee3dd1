"""A deed against China told in a sentence with words of denial ("the US conducts pervasive cyber espionage against
China and spreads false information") is the rebuttal's own charge: the denial does not take it back, and the
deed, told with no doer, gives no reading (extract/relations.py, `_merge_frames`)."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _targeted(kb: KnowledgeBase, text: str) -> set[tuple[str, bool, str]]:
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {
        (c["subject"].get("text") or c["subject"]["name"], c["negated"], c["object"].get("text") or "")
        for c in claims
        if c["predicate"] == "targeted"
    }


def test_a_deed_against_china_is_not_denied(galaxy_kb: KnowledgeBase) -> None:
    text = (
        "The Ruritanian government conducts pervasive cyber espionage against {} and spreads false information"
        " about the so-called China hacking theory."
    )
    assert not any(o == "China" for _, _, o in _targeted(galaxy_kb, text.format("China")))
    # a deed against another state in the same words stays the denied reading it was
    assert ("pervasive cyber espionage", True, "Taiwan") in _targeted(galaxy_kb, text.format("Taiwan"))
