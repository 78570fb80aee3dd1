"""The scorer's matching of an annotated end with a candidate's end (tests/goldset.py `_names_match`), shared
by tests/evalset.py and the gold set: it must read names as `resolve` does, or it counts right readings wrong."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from goldset import _names_match


def test_a_described_end_matches_whatever_its_determiner(curated: KnowledgeBase) -> None:
    cache: dict[str, str | None] = {}
    assert _names_match(curated, "the attacks", {"text": "these attacks"}, cache)
    assert _names_match(
        curated, "the email system of the ministry", {"text": "email system of the ministry itself"}, cache
    )
    # a determiner is all that is ignored: another noun is another end
    assert not _names_match(curated, "the attacks", {"text": "these attackers"}, cache)
    assert not _names_match(curated, "the attacks", {"text": "the campaign"}, cache)


def test_an_end_named_by_its_government_is_its_state(curated: KnowledgeBase) -> None:
    cache: dict[str, str | None] = {}
    assert _names_match(curated, "the Chinese government", {"text": "Beijing", "id": "china"}, cache)
    assert not _names_match(curated, "the Chinese government", {"text": "Hubei", "id": "hubei"}, cache)
