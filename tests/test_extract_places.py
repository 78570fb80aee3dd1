"""Places the store does not know, where the text itself says they are places: "X, the capital of Y" and "X-based"
before a firm or a group's noun or name (extract/mentions.py's `_CAPITAL_OF`, `_PLACE_BASED`; docs/extraction.md,
"Quality"). Made-up sentences, with near misses that must not give a place."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _read(kb: KnowledgeBase, text: str) -> tuple[set[str], set[tuple[str, str, str]]]:
    """The mentions' words, and (subject as written, predicate, object's words) of the statements."""
    x: dict[str, Any] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()
    said = {(c["subject"]["text"], c["predicate"], c["object"]["text"]) for c in x["claims"] if c["object"]}
    return {m["text"] for m in x["mentions"]}, said


def test_a_capital_named_in_an_apposition_is_a_place(galaxy_kb: KnowledgeBase) -> None:
    found, said = _read(
        galaxy_kb, "The hacking group likely operates from Yangzhou, the capital of a coastal province, analysts said."
    )
    assert "Yangzhou" in found
    assert ("The hacking group", "located_in", "Yangzhou") in said


def test_a_bare_name_after_from_is_no_place(galaxy_kb: KnowledgeBase) -> None:
    found, said = _read(galaxy_kb, "The hacking group likely operates from Yangzhou, analysts said.")
    assert "Yangzhou" not in found
    assert not any(p == "located_in" for _, p, _ in said)


def test_the_base_of_a_firm_is_a_place(galaxy_kb: KnowledgeBase) -> None:
    found, said = _read(galaxy_kb, "A Sabah-based company breached the port authority last year.")
    assert "Sabah" in found
    assert ("A Sabah-based company", "located_in", "Sabah") in said


def test_a_people_or_a_thing_before_based_is_no_place(galaxy_kb: KnowledgeBase) -> None:
    found, said = _read(galaxy_kb, "A Chinese-based company breached the port authority last year.")
    assert "Chinese" not in found
    assert not any(p == "located_in" and o == "Chinese" for _, p, o in said)
    found, _ = _read(galaxy_kb, "A Cloud-based platform was breached last year.")
    assert "Cloud" not in found
    found, _ = _read(galaxy_kb, "The crew deployed a Rust-based Quillfin loader against the port authority.")
    assert "Rust" not in found
