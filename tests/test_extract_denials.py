"""Extraction of denials, rebuttals and counter-accusations: what is denied, negated, and who denies it.

Every sentence here is made up; each rule has a sentence it must read and a near miss it must not."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _claims(kb: KnowledgeBase, text: str) -> list[dict[str, Any]]:
    return extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]


def _said(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str, bool]]:
    return {
        (c["subject"]["name"], c["predicate"], c["object"]["name"], c["negated"])
        for c in _claims(kb, text)
        if c["object"]
    }


def test_accused_of_a_deed_attributes_the_deed(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "Ruritanian ministers accused China of engaging in cyber-attacks against their ports.")
    assert ("cyber-attacks", "attributed_to", "China", False) in said
    # accused of something that is no deed: nothing attributed
    said = _said(galaxy_kb, "Ruritanian ministers accused China of unfair trade practices at their ports.")
    assert not any(p == "attributed_to" for _, p, _, _ in said)


def test_an_accusation_called_groundless_is_denied(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        '"Some officials groundlessly accused China of launching cyberattacks on the harbour," the embassy said.',
    )
    assert ("cyberattacks", "attributed_to", "China", True) in said
    said = _said(galaxy_kb, '"Officials accused China of launching cyberattacks on the harbour," the minister said.')
    assert ("cyberattacks", "attributed_to", "China", False) in said
