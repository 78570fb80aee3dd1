"""A unit and the body it belongs to, held in one name the store does not know ("the Security Bureau of the National
Police Agency"): `part_of`.

Every sentence here is made up; the rule has sentences it must read and near misses it must not."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _parts(kb: KnowledgeBase, text: str) -> set[tuple[str, str]]:
    claims = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["text"], c["object"]["text"]) for c in claims if c["predicate"] == "part_of"}


def test_a_unit_part_of_the_body_its_name_holds(galaxy_kb: KnowledgeBase) -> None:
    said = _parts(galaxy_kb, "The Cyber Affairs Bureau of the Coastal Police Agency said APT41 was behind the attack.")
    assert ("Cyber Affairs Bureau", "Coastal Police Agency") in said
    said = _parts(galaxy_kb, "Officers of the Northern Field Office of the FBI arrested him on Monday.")
    assert ("Northern Field Office", "FBI") in said


def test_no_part_read_from_one_name_with_of(galaxy_kb: KnowledgeBase) -> None:
    # "of" without "the" stands inside one name
    assert not _parts(galaxy_kb, "The Coastal Bureau of Investigation said APT41 was behind the attack.")
    # what follows "of the" is no body
    assert not _parts(galaxy_kb, "The Cyber Affairs Bureau of the Coastal Region said APT41 was behind the attack.")
