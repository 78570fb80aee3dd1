"""A state joined by a hyphen to a word of alignment or tie ties the actor it qualifies to the state: "China-aligned
groups", "Chinese-linked hackers" (`linked_to`, as "China-linked" was); a word of backing attributes it
("Chinese-backed hackers"). extract/frames.py `_STATE_COMPOUND`, `_TIES`; docs/extraction.md, "Quality". Read from
made-up sentences, with near misses that must not give it."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _said(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str, bool]]:
    """(subject as written, predicate, object as written or named, negated)."""
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {
        (c["subject"]["text"], c["predicate"], c["object"].get("text") or c["object"]["name"], c["negated"])
        for c in claims
        if c["object"]
    }


def _tied_to_china(said: set[tuple[str, str, str, bool]], subject: str) -> bool:
    return any(s == subject and p == "linked_to" and "China" in o for s, p, o, _ in said)


def test_aligned_and_people_linked_compounds_tie(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "Investigators said the intrusions were the work of two China-aligned groups last spring.")
    assert _tied_to_china(said, "two China-aligned groups")
    said = _said(galaxy_kb, "Several Chinese-linked hackers broke into the mail server of a port authority.")
    assert _tied_to_china(said, "Several Chinese-linked hackers")


def test_no_tie_without_an_actor_or_with_backing(galaxy_kb: KnowledgeBase) -> None:
    # no actor qualified: a stance in trade
    said = _said(galaxy_kb, "Most of the region's exporters are China-aligned in their views on tariffs.")
    assert not any(p == "linked_to" for _, p, _, _ in said)
    # backing attributes, it does not only tie
    said = _said(galaxy_kb, "Several Chinese-backed hackers broke into the mail server of a port authority.")
    assert not _tied_to_china(said, "Several Chinese-backed hackers")
    assert any(s == "Several Chinese-backed hackers" and p == "attributed_to" for s, p, _, _ in said)
