"""A document a body puts out is `issued_by` it: "X released a joint advisory", "the bulletin, published last week by
X" (extract/relations.py's `_issued`; docs/extraction.md, "Quality"). Read from made-up sentences, with near misses
that must not give it."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _said(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str, bool]]:
    """(subject as written, predicate, object as written, negated)."""
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["text"], c["predicate"], c["object"]["text"], c["negated"]) for c in claims if c["object"]}


def test_a_body_releases_a_document(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "On Friday the Federal Bureau of Investigation released a joint advisory on implants found in office routers.",
    )
    assert ("a joint advisory", "issued_by", "Federal Bureau of Investigation", False) in said
    said = _said(galaxy_kb, "The Federal Bureau of Investigation has published its annual Internet Crime Report.")
    assert ("its annual Internet Crime Report", "issued_by", "Federal Bureau of Investigation", False) in said


def test_a_document_published_by_a_body(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb, "The bulletin, published last week by the Federal Bureau of Investigation, lists forty domains."
    )
    assert ("The bulletin", "issued_by", "Federal Bureau of Investigation", False) in said
    # the body a state's possessive qualifies is the issuer, not the state
    said = _said(
        galaxy_kb, "A statement issued by the EU's External Action Service called on all parties to show restraint."
    )
    assert any(s == "A statement" and p == "issued_by" and o.endswith("External Action Service") for s, p, o, _ in said)


def test_no_document_issued_without_a_body_or_a_document(galaxy_kb: KnowledgeBase) -> None:
    # the thing released is no document
    said = _said(galaxy_kb, "The Federal Bureau of Investigation released the names of two suspects on Friday.")
    assert not any(p == "issued_by" for _, p, _, _ in said)
    # a threat group is no issuer of documents
    said = _said(galaxy_kb, "APT41 published a fake report on a software update to lure its victims.")
    assert not any(p == "issued_by" for _, p, _, _ in said)
