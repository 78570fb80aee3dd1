"""What a spy collects (capabilities, materials, documentation, intelligence, assessments, usernames) is no victim
of the deed that takes it (extract/filtering.py, `_WAY_IN_OR_DATA`)."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import readings as _readings


def test_what_was_taken_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(
        galaxy_kb, "APT41 accessed information about Vietnam's naval plans, capabilities and assessments of its ports."
    )
    assert not any(p == "targeted" and o in ("capabilities", "assessments of its ports") for _, p, o in said)
    said = _readings(
        galaxy_kb, "APT41 seeks sensitive materials such as legal documentation and strategic intelligence."
    )
    assert not any(p == "targeted" for _, p, _ in said)


def test_a_body_named_beside_them_stays(galaxy_kb: KnowledgeBase) -> None:
    # the near miss: a body of people after the same verbs is the victim
    said = _readings(galaxy_kb, "APT41 targeted defense contractors and intelligence agencies in Vietnam.")
    assert any(p == "targeted" and "intelligence agencies" in o for _, p, o in said)
