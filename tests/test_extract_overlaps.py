"""A cluster `overlaps_with` each cluster a sentence names after a word of overlap and "with": "X overlaps with Y",
"tactics overlapping with groups including A and B" (extract/relations.py's `_overlaps`; docs/extraction.md,
"Quality"). Read from made-up sentences, with near misses that must not give it."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _said(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str, bool]]:
    """(subject as written, predicate, object as written, negated)."""
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["text"], c["predicate"], c["object"]["text"], c["negated"]) for c in claims if c["object"]}


def _overlaps(said: set[tuple[str, str, str, bool]]) -> set[tuple[str, str, bool]]:
    return {(s, o, n) for s, p, o, n in said if p == "overlaps_with"}


def test_a_group_overlaps_with_a_named_group(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "Analysts say APT41 shares significant overlaps with APT10 in its choice of loaders.")
    assert ("APT41", "APT10", False) in _overlaps(said)


def test_the_groups_listed_after_a_described_head(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "The intruders relied on stolen credentials and showed overlapping tooling with several state-backed "
        "clusters such as APT31 and APT10.",
    )
    assert {("The intruders", "APT31", False), ("The intruders", "APT10", False)} <= _overlaps(said)


def test_a_denied_overlap_is_negated(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "The vendor found that APT41 does not overlap with APT10 in any of its intrusions.")
    assert ("APT41", "APT10", True) in _overlaps(said)


def test_no_overlap_with_what_a_clause_ties_to_a_group(galaxy_kb: KnowledgeBase) -> None:
    # the group is what researchers tied the activity to, not a cluster the operation overlaps with
    said = _said(
        galaxy_kb,
        "The thefts in Operation Aurora overlap with activity researchers have attributed to APT10 since last year.",
    )
    assert ("Operation Aurora", "attributed_to", "APT10", False) in said
    assert not _overlaps(said)


def test_no_overlap_said_of_a_relative_clause_head(galaxy_kb: KnowledgeBase) -> None:
    # the sectors overlap, not the group named before them
    said = _said(galaxy_kb, "APT41 targeted hospitals in sectors that overlap with those APT10 favoured.")
    assert not _overlaps(said)
    # a relative clause right after the group is the group's own
    said = _said(galaxy_kb, "The report names APT41, which shares overlaps with APT10, as the intruder.")
    assert ("APT41", "APT10", False) in _overlaps(said)
