"""The chair of a body: "X Chairman A", "A, Chair of X", "X, which is chaired by A" give `chaired_by`
(extract/frames.py's frames of `chaired_by`, with a legislature's committee named by its remit in
extract/mentions.py and a legislator named with a party and state in brackets in extract/people.py;
docs/extraction.md, "batch42 and batch43 joined: targeting and the other predicates"). Each read from a made-up
sentence, with a near miss that must keep reading as before."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _said(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str, bool]]:
    """(subject as written, predicate, object as written, negated)."""
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["text"], c["predicate"], c["object"]["text"], c["negated"]) for c in claims if c["object"]}


def test_a_committee_chairman_before_his_name(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb, "House Committee on Maritime Affairs Chairman John Q. Doe (R-OH) issued the following statement."
    )
    assert ("House Committee on Maritime Affairs", "chaired_by", "John Q. Doe", False) in said
    assert not any(p == "employed_by" for _, p, _, _ in said)


def test_a_chair_in_an_aside_after_the_name(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "Senator Jane Roe (D-VT), Chair of the Senate Subcommittee on Ports, Shipping and the Sea, opened the hearing.",
    )
    assert ("Senate Subcommittee on Ports, Shipping and the Sea", "chaired_by", "Jane Roe", False) in said


def test_chaired_by_a_named_leader(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "The PLA answers to the Central Military Commission, which is chaired by Xi Jinping.")
    assert ("Central Military Commission", "chaired_by", "Xi Jinping", False) in said


def test_a_vice_chairman_is_no_chair(galaxy_kb: KnowledgeBase) -> None:
    # near miss: a post below the chair keeps the reading of employment it had
    said = _said(galaxy_kb, "Zhang Youxia, vice chairman of the Central Military Commission, spoke on Monday.")
    assert not any(p == "chaired_by" for _, p, _, _ in said)
    assert ("Zhang Youxia", "employed_by", "Central Military Commission", False) in said


def test_a_spokesman_still_works_for_the_body(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "Foreign Ministry spokeswoman Zhao Meiling told reporters that talks would resume.")
    assert ("Zhao Meiling", "employed_by", "Foreign Ministry", False) in said
    assert not any(p == "chaired_by" for _, p, _, _ in said)
