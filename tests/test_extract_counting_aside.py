"""A counting aside after a list of names ("A and B, both based in X,", "A and B, the two Chinese groups believed
responsible for Y,") describes each name of the list, not the last one alone (extract/relations.py,
`_plural_asides`; docs/extraction.md, "batch40 and batch41 joined: lists")."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _said(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str]]:
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["text"], c["predicate"], c["object"]["text"]) for c in claims if c["object"]}


def test_a_counting_aside_describes_each_name_of_the_list(galaxy_kb: KnowledgeBase) -> None:
    """ "A and B, the two Chinese groups believed responsible for X, ...": both are China's, not B alone; an
    aside whose count is not the list's length, or a singular one, gives nothing more than before."""
    said = _said(
        galaxy_kb,
        "APT40 and APT41, the two Chinese groups believed responsible for the breach, target regional banks.",
    )
    assert ("APT40", "attributed_to", "China") in said
    assert ("APT41", "attributed_to", "China") in said
    said = _said(
        galaxy_kb,
        "APT31, APT40 and APT41, the two Chinese groups believed responsible for the breach, target regional banks.",
    )
    assert ("APT41", "attributed_to", "China") in said
    assert ("APT31", "attributed_to", "China") not in said
    assert ("APT40", "attributed_to", "China") not in said
    said = _said(
        galaxy_kb,
        "APT40 and APT41, a Chinese group believed responsible for the breach, target regional banks.",
    )
    assert ("APT41", "attributed_to", "China") in said
    assert ("APT40", "attributed_to", "China") not in said


def test_both_after_a_firm_and_its_employee(galaxy_kb: KnowledgeBase) -> None:
    """ "X (short name), and one of its employees, Y (short name), both based in Z": the firm is based in Z
    too; without "both" the place is the employee's only, and the employee's tie to the firm is not given to
    the firm itself."""
    said = _said(
        galaxy_kb,
        "The Treasury sanctioned Integrity Technology Group (Integrity Tech), and one of its employees, Zhou Minjie"
        " (Zhou), both based in the People's Republic of China (PRC), for their roles in the intrusion.",
    )
    assert ("Zhou Minjie", "located_in", "People's Republic of China") in said
    assert ("Integrity Technology Group", "located_in", "People's Republic of China") in said
    assert not any(s == p == "Integrity Technology Group" for s, _, p in said)
    said = _said(
        galaxy_kb,
        "The Treasury sanctioned Integrity Technology Group (Integrity Tech), and one of its employees, Zhou Minjie"
        " (Zhou), based in the People's Republic of China (PRC), for their roles in the intrusion.",
    )
    assert ("Integrity Technology Group", "located_in", "People's Republic of China") not in said
