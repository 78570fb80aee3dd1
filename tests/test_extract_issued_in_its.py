"""A document a body speaks through, named with "its" in the body's own clause, is `issued_by` the body: "X said in
its annual report", "X, in its bulletin, warned" (extract/relations.py's `_issued_in_its`). Read from made-up
sentences, with near misses that must not give it."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from test_extract_issued import _said


def test_a_body_speaks_in_its_document(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        '"Routers in office parks were hijacked," the Federal Bureau of Investigation said in its quarterly bulletin.',
    )
    assert ("its quarterly bulletin", "issued_by", "Federal Bureau of Investigation", False) in said
    said = _said(
        galaxy_kb, "The Federal Bureau of Investigation, in its annual threat assessment report, named forty domains."
    )
    assert ("its annual threat assessment report", "issued_by", "Federal Bureau of Investigation", False) in said
    said = _said(
        galaxy_kb, "The Federal Bureau of Investigation listed the domains in its public service announcement."
    )
    assert any(s.endswith("announcement") and p == "issued_by" for s, p, _, _ in said)


def test_another_clause_or_another_issuer_gives_no_document(galaxy_kb: KnowledgeBase) -> None:
    # the body ends its clause before the speaker named in it: no issuer of the document
    said = _said(
        galaxy_kb,
        "Spies tried to reach the Federal Bureau of Investigation, a little-known agency said in its annual report.",
    )
    assert not any(p == "issued_by" for _, p, _, _ in said)
    # a document named with another issuer's article, not "its"
    said = _said(galaxy_kb, "The Federal Bureau of Investigation said in a report by a university that domains moved.")
    assert not any(p == "issued_by" and o == "Federal Bureau of Investigation" for _, p, o, _ in said)
