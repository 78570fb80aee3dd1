"""A state or its organ `supports` a class of deeds where a verb of backing names the class, read as a stance of
opposing is ("China does not encourage, support or condone hacking activities": negated; extract/relations.py's
`_backed_class`). Read from made-up sentences, with near misses that must not give it: what is backed is no class of
deeds, or the party is no state."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _backed(kb: KnowledgeBase, text: str) -> set[tuple[str, str, bool]]:
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["text"], c["object"]["text"], c["negated"]) for c in claims if c["predicate"] == "supports"}


def test_a_state_denies_backing_a_class_of_deeds(galaxy_kb: KnowledgeBase) -> None:
    said = _backed(galaxy_kb, '"China does not encourage, support or condone hacking activities," the letter states.')
    assert said == {("China", "hacking activities", True)}


def test_a_run_of_verbs_and_a_class_named_by_what_is_taken(galaxy_kb: KnowledgeBase) -> None:
    said = _backed(galaxy_kb, "China had never participated in or supported any stealing of commercial secrets.")
    assert said == {("China", "any stealing of commercial secrets", True)}


def test_no_stance_of_backing_without_a_class_of_deeds_or_a_state(galaxy_kb: KnowledgeBase) -> None:
    assert not _backed(galaxy_kb, "China supports the development of the internet.")
    assert not _backed(galaxy_kb, "APT41 supported cyber espionage campaigns.")
