"""A unit named after the possessive of its ministry is under it, where the store knows neither name: an armed
unit or a unit under a ministry by name is a state's apparatus, not the setting of an agency's release (which
`relations._own_apparatus` leaves out), and a ministry told by its state and field in lower case ("Chile's defence
ministry's X Command") is its parent as the text words it. extract/relations.py `_armed_or_ministry`,
`_units_of_a_ministry`; docs/extraction.md, "Quality". Read from made-up sentences, with near misses that must not
give it."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _under(kb: KnowledgeBase, text: str) -> set[tuple[str, str]]:
    """(unit, parent) of every `subordinate_to` the sentence gives, as written."""
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {
        (c["subject"]["text"], c["object"].get("text") or c["object"]["name"])
        for c in claims
        if c["predicate"] == "subordinate_to" and c["object"]
    }


def test_a_unit_under_a_ministry_the_store_lacks(galaxy_kb: KnowledgeBase) -> None:
    said = _under(
        galaxy_kb,
        "The Ministry of Coastal Defense's (MCD) Maritime Signals Command (MSC) denied the claims on Tuesday.",
    )
    assert ("Maritime Signals Command", "Ministry of Coastal Defense") in said


def test_a_unit_under_a_ministry_told_by_its_state(galaxy_kb: KnowledgeBase) -> None:
    said = _under(galaxy_kb, "Chile's defence ministry's Maritime Signals Command said it had not hacked anyone.")
    assert ("Maritime Signals Command", "Chile's defence ministry") in said


def test_no_unit_for_an_agency_office_or_a_thing_the_ministry_owns(galaxy_kb: KnowledgeBase) -> None:
    # an agency's office, which reports and sanctions: the setting of a release
    said = _under(galaxy_kb, "The Department of the Treasury's Office of Foreign Assets Control sanctioned the firm.")
    assert not said
    # what the ministry owns is no unit
    assert not _under(galaxy_kb, "Chile's defence ministry's statement said it had not hacked anyone.")
