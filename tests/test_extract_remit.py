"""A body of a state `responsible_for` the task a copula or "has responsibility" names right after it: "The SSF was
responsible for space, cyber, and electronic warfare" (extract/relations.py's `_responsible_for`). Read from made-up
sentences, with near misses that must not give it: a deed after the words is who did it, a relative clause qualifies
the body it follows, and a group's "responsible for" is no remit."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _remits(kb: KnowledgeBase, text: str) -> set[tuple[str, str]]:
    """(subject as written, task) of each `responsible_for` reading."""
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["text"], c["object"]["name"]) for c in claims if c["predicate"] == "responsible_for"}


def test_a_body_responsible_for_a_task(galaxy_kb: KnowledgeBase) -> None:
    said = _remits(galaxy_kb, "The Ministry of State Security was primarily responsible for counter-intelligence.")
    assert said == {("Ministry of State Security", "counter-intelligence")}


def test_the_head_before_an_aside(galaxy_kb: KnowledgeBase) -> None:
    said = _remits(
        galaxy_kb,
        "The Ministry of State Security, and by extension its bureaus, has responsibility for foreign intelligence "
        "(including cyber operations).",
    )
    assert said == {("Ministry of State Security", "foreign intelligence")}


def test_no_remit_of_a_deed_a_relative_or_a_group(galaxy_kb: KnowledgeBase) -> None:
    # the deed is attributed to the ministry, not its task
    assert not _remits(galaxy_kb, "The Ministry of State Security was responsible for the attack on the parliament.")
    # the relative clause tells the task of the body before it, named as a victim
    assert not _remits(
        galaxy_kb, "APT31 targeted the Ministry of State Security, which is responsible for counter-intelligence."
    )
    # a threat group is no body with a remit
    assert not _remits(galaxy_kb, "APT31 was responsible for counter-intelligence.")
