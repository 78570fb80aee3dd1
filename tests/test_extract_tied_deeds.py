"""A described deed whose nationality compound ties it ("a China-linked espionage campaign", "a Chinese-linked
hacking operation") is `linked_to` the state, as an actor so qualified is, with or without a definite article.
extract/frames.py `_tied_deeds`; docs/extraction.md, "Quality". Read from made-up sentences, with near misses that
must not give it."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _said(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str]]:
    """(subject as written, predicate, object as written or named)."""
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {
        (c["subject"]["text"], c["predicate"], c["object"].get("text") or c["object"]["name"])
        for c in claims
        if c["object"]
    }


def _tied(said: set[tuple[str, str, str]]) -> set[str]:
    return {s for s, p, o in said if p == "linked_to" and "China" in o}


def test_an_indefinite_deed_with_a_tie_compound_is_tied(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "A port operator said it had stopped a China-nexus intrusion campaign last winter.")
    assert "a China-nexus intrusion campaign" in _tied(said)
    said = _said(galaxy_kb, "A careful, Chinese-linked spying operation has been found in the mail of a shipyard.")
    assert any(s.endswith("Chinese-linked spying operation") for s in _tied(said))


def test_no_tie_for_a_kind_a_count_backing_or_the_victim(galaxy_kb: KnowledgeBase) -> None:
    # a kind of deed, and a count of deeds: no one deed done
    assert not _tied(_said(galaxy_kb, "The paper lists cases of China-linked espionage in ports of the region."))
    assert not _tied(_said(galaxy_kb, "Most China-linked intrusions go unreported by the shipyards, the paper said."))
    # backing attributes, it does not only tie
    said = _said(galaxy_kb, "A port operator said it had stopped a China-backed intrusion campaign last winter.")
    assert not _tied(said)
    # the compound qualifies the victim, not the deed
    said = _said(galaxy_kb, "Investigators described attacks on China-linked shipping firms in the port last year.")
    assert not _tied(said)
