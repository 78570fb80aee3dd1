"""A state's armed forces or intelligence services named by the state, not by their own name ("the Taiwanese
military", "China's armed forces", "the Chinese intelligence services"), as a described body that does, employs
and is targeted, where the head alone was read as a sector; with the readings that let such a body be a doer: a
cleft ("It was X that ..."), "to harass X" as a deed, and "based out of" as a place (extract/mentions.py's
`state_forces`, language.py, relations.py; docs/extraction.md, "Quality"). Each read from a made-up sentence,
with a near-miss that must not give it."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions
from cyberstate.extract.mentions import state_forces


def _said(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str]]:
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["text"], c["predicate"], c["object"]["text"]) for c in claims if c["object"]}


def _forces(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.proposed_kind) for m in state_forces(text, [])]


def test_a_state_s_forces_named_by_its_adjective_or_possessive() -> None:
    """The state's adjective (told by its ending) or its name in the possessive before the head; the head that
    only qualifies a noun after it, or shares one with a list, names no body."""
    assert _forces("Analysts say the Freedonian military hacked the port.") == [
        ("the Freedonian military", "military_unit")
    ]
    assert _forces("Officials said Sylvania's intelligence services were behind it.") == [
        ("Sylvania's intelligence services", "government_agency")
    ]
    assert _forces("The Freedonian communist armed forces denied it.") == [
        ("The Freedonian communist armed forces", "military_unit")
    ]
    assert _forces("Freedonian military officials hacked the port.") == []
    assert _forces("It coordinates Sylvania's military, government, and private sectors.") == []
    assert _forces("The Freedonian military's signals command hacked the port.") == []
    assert _forces("The military hacked the port.") == []
    assert _forces("Each army is large, and such military drills are common.") == []


def test_a_state_s_military_as_doer_and_employer(galaxy_kb: KnowledgeBase) -> None:
    """ "The Freedonian military hacked X" gives the deed to the military; "military officials" stay the doers."""
    said = _said(galaxy_kb, "The Freedonian military hacked Acme Corp.")
    assert ("The Freedonian military", "targeted", "Acme Corp") in said
    said = _said(galaxy_kb, "Freedonian military officials hacked Acme Corp.")
    assert not any(s == "The Freedonian military" or s.endswith("Freedonian military") for s, _, _ in said)
    said = _said(
        galaxy_kb, "Investigators identified three individuals they said are members of the Sylvanian military."
    )
    assert ("three individuals", "employed_by", "the Sylvanian military") in said
    said = _said(
        galaxy_kb,
        "Investigators identified three individuals they said are members of the Sylvanian military's signals command.",
    )
    assert not any(o == "the Sylvanian military" for _, _, o in said)


def test_harassing_a_state_is_a_deed_on_it(galaxy_kb: KnowledgeBase) -> None:
    """ "continue to use cyberattacks to harass X": the forces targeted X; with no actor before, no deed."""
    said = _said(galaxy_kb, "The Freedonian armed forces continue to use drones and cyberattacks to harass Japan.")
    assert ("The Freedonian armed forces", "targeted", "Japan") in said
    said = _said(galaxy_kb, "The committee heard how fishermen continue to harass Japan.")
    assert not any(p == "targeted" for _, p, _ in said)


def test_a_cleft_gives_the_verb_to_its_focus(galaxy_kb: KnowledgeBase) -> None:
    """ "It was X that went on to attack Y": X did it, not the group "It" would point back to; "It was later
    seen to attack Y" still points back."""
    said = _said(
        galaxy_kb, "APT99 breached servers in Japan. It was the Freedonian military that went on to attack Germany."
    )
    assert ("the Freedonian military", "targeted", "Germany") in said
    assert not any(o == "Germany" and s != "the Freedonian military" for s, _, o in said)
    said = _said(galaxy_kb, "APT99 breached servers in Japan. It was later seen to attack Germany.")
    assert ("It", "targeted", "Germany") in said


def test_based_out_of_a_place_after_a_tie(galaxy_kb: KnowledgeBase) -> None:
    """ "X is tied to Y and based out of Z": X is located in Z, not Y, the tie's object."""
    said = _said(galaxy_kb, "APT99 is tied to the Freedonian military and based out of Shenyang.")
    assert ("APT99", "located_in", "Shenyang") in said
    assert ("the Freedonian military", "located_in", "Shenyang") not in said
