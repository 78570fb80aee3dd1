"""Described actors and the state they come from: "state-backed attackers from China", "state-sponsored actors,
particularly from China and Iran" are attributed to that state, as a deed from a state is (extract/frames.py's
`_ACTOR_FROM`; docs/extraction.md, "Quality"). Made-up sentences, with near misses that must not give it."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _said(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str]]:
    """(subject as written, predicate, object's entity name or words)."""
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {
        (c["subject"]["text"], c["predicate"], c["object"].get("name") or c["object"]["text"])
        for c in claims
        if c["object"]
    }


def test_actors_from_a_state(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "Officials said state-backed attackers from China breached the harbour authority.")
    assert ("state-backed attackers", "attributed_to", "China") in said
    said = _said(
        galaxy_kb,
        "The review describes the shifting methods of state-sponsored cyber actors, particularly from Iran and China.",
    )
    assert ("state-sponsored cyber actors", "attributed_to", "Iran") in said
    assert ("state-sponsored cyber actors", "attributed_to", "China") in said


def test_actors_in_a_state_or_a_theft_from_it_is_no_origin(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "Hackers in Norway breached the harbour authority.")
    assert not any(p == "attributed_to" for _, p, _ in said)
    said = _said(galaxy_kb, "The hackers stole files from Norway last spring.")
    assert not any(p == "attributed_to" for _, p, _ in said)
