"""A deed named by the gerund "hacking" after a determiner ("the hacking"), and the verbs of tying ("tied",
"connected") that give a deed to its doer as "linked" and "traced" do (extract/frames.py's head words,
extract/relations.py's `_ATTRIBUTE`; docs/extraction.md, "Quality"). Each read from a made-up sentence, with a
near-miss that must not give it: the gerund that qualifies a noun ("the hacking tools", "hacking group") or has
no determiner ("Freedonian hacking") names no deed."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _said(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str]]:
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["text"], c["predicate"], c["object"]["text"]) for c in claims if c["object"]}


def test_the_hacking_tied_to_its_doer(galaxy_kb: KnowledgeBase) -> None:
    """ "tied the hacking to X": the hacking attributed to X, as "linked the attacks to X" reads."""
    assert ("the hacking", "attributed_to", "APT41") in _said(
        galaxy_kb, "A consultancy in Lisbon later tied the hacking to APT41."
    )
    assert ("the intrusions", "attributed_to", "APT41") in _said(
        galaxy_kb, "A consultancy in Lisbon connected the intrusions to APT41."
    )


def test_the_hacking_as_a_described_deed(galaxy_kb: KnowledgeBase) -> None:
    """ "The hacking was attributed to X" names a deed; a gerund before a noun or with no determiner does not."""
    assert ("The hacking", "attributed_to", "APT41") in _said(
        galaxy_kb, "The hacking was attributed to APT41 by two vendors."
    )
    said = _said(galaxy_kb, "A consultancy in Lisbon later tied the hacking tools to APT41.")
    assert not any(s.lower().startswith("the hacking") for s, _, _ in said)
    said = _said(galaxy_kb, "Officials say Freedonian hacking was attributed to APT41.")
    assert not any("hacking" in s for s, _, _ in said)
    said = _said(galaxy_kb, "The hacking group APT41 was attributed to Freedonia.")
    assert not any(s.lower().startswith("the hacking") for s, _, _ in said)
