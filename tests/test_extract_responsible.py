""" "Responsible" with no deed after it ("named A and B as those responsible", "The responsible actors are X",
"amid speculation that Y was responsible."): the deed told last before it, in the sentence or the two before, is
attributed to the groups the sentence names, or to the state that is the subject of "was responsible"
(extract/core.py's `_responsible_alone`; docs/extraction.md, "Quality"). Made-up sentences, with near misses that
must not give it."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import asserted as _said


def test_the_deed_told_before_is_the_responsible_ones(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "The harbour office said it had seen disruptive intrusions targeting regional ferry operators. "
        "The responsible actors are most likely APT28 and Turla.",
    )
    assert ("disruptive intrusions", "attributed_to", "APT28") in said
    assert ("disruptive intrusions", "attributed_to", "Turla") in said


def test_a_state_that_was_responsible(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "The ministry would not comment on a cyber attack on the Ministry of Defence "
        "amid claims Norway was responsible.",
    )
    assert ("a cyber attack on the Ministry of Defence", "attributed_to", "Norway") in said


def test_responsible_for_another_thing_or_no_deed_gives_nothing(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        "The harbour office said it had seen disruptive intrusions targeting regional ferry operators. "
        "APT28 is responsible for its own infrastructure.",
    )
    assert not any(p == "attributed_to" and s == "disruptive intrusions" for s, p, _ in said)
    said = _said(galaxy_kb, "The ferry operators met in May. Officials named APT28 and Turla as those responsible.")
    assert not any(p == "attributed_to" for _, p, _ in said)
