"""Owners of a firm tied to it: "A and B, shareholders at X" and "Both these individuals are listed as shareholders
for X" (the two people named before) give `linked_to` X, since owning says neither employment nor direction
(extract/frames.py's `linked_to` frame, relations.py's `_ANAPHOR`; docs/extraction.md, "Quality"). Each read from
a made-up sentence, with a near miss that must not give it."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _named(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str]]:
    """(subject as named, predicate, object as written): an anaphor's subject by the person it stands for."""
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["name"], c["predicate"], c["object"]["text"]) for c in claims if c["object"]}


FIRM = "Redwood Information Technology Co., Ltd."


def test_shareholders_in_apposition_are_tied_to_the_firm(galaxy_kb: KnowledgeBase) -> None:
    said = _named(
        galaxy_kb, f"Investigators said Li Ming and Zhao Gang, shareholders at {FIRM}, registered the servers."
    )
    assert ("Li Ming", "linked_to", FIRM) in said
    assert ("Zhao Gang", "linked_to", FIRM) in said
    said = _named(galaxy_kb, f"Investigators said Li Ming and Zhao Gang, customers of {FIRM}, registered the servers.")
    assert not any(p == "linked_to" for _, p, _ in said)


def test_both_these_individuals_listed_as_shareholders(galaxy_kb: KnowledgeBase) -> None:
    """ "Both these individuals" stands for the two people named before it; after one person, for no one."""
    said = _named(
        galaxy_kb,
        f"Researchers traced the domains to Li Ming and Zhao Gang. Both these individuals are listed as shareholders "
        f"for {FIRM}",
    )
    assert ("Li Ming", "linked_to", FIRM) in said
    assert ("Zhao Gang", "linked_to", FIRM) in said
    said = _named(
        galaxy_kb,
        f"Researchers traced the domains to Li Ming. Both these individuals are listed as shareholders for {FIRM}",
    )
    assert not any(s == "Li Ming" for s, _, _ in said)
