"""A verb of targeting in the plural ("APT41 and APT10 often target X", "Chinese hackers attack X"): the form is a
noun far more often than a verb, so it is read only near its subject and never before a noun it heads or after a
measure that "targets" people (extract/language.py's `TARGET_PLURAL`, relations.py's `_MEASURE_BEFORE`;
docs/extraction.md, "Quality"). Made-up sentences, with near misses that must not give it."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _said(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str]]:
    """(subject as written, predicate, object as written)."""
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["text"], c["predicate"], c["object"]["text"]) for c in claims if c["object"]}


def test_plural_verb_of_targeting(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "Researchers say APT41 and APT10 often target shipping insurers.")
    assert ("APT41", "targeted", "shipping insurers") in said
    assert ("APT10", "targeted", "shipping insurers") in said


def test_plural_form_as_a_noun_or_a_measure_gives_no_deed(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "EU sanctions target shipping insurers.")
    assert ("EU", "targeted", "shipping insurers") not in said
    said = _said(galaxy_kb, "Researchers say APT41 and APT10 share attack tools with shipping insurers.")
    assert not any(p == "targeted" for _, p, _ in said)
    said = _said(galaxy_kb, "Researchers say the APT41 target list included shipping insurers.")
    assert not any(p == "targeted" and o == "shipping insurers" for _, p, o in said)
