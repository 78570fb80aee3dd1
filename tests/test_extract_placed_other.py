"""A `located_in` whose participle ("based", "situated", "located", "headquartered") places another noun than the
body it was read for: a lower-case noun phrase between the body and the participle ("a PLA cyber warfare detachment
based in Qingdao", "a subgroup of APT41 targeting organizations based in Taiwan"), or a part the body owns right
before it ("a unit of the Ministry of State Security situated in Wuhan"). The place is that noun's, not the body's:
the reading is no statement (extract/filtering.py, `_another_placed`)."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import readings as _readings


def _places(said: set[tuple[str, str, str]]) -> set[tuple[str, str]]:
    return {(s, o) for s, p, o in said if p == "located_in"}


def test_a_body_qualifying_the_placed_noun_is_not_placed(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(galaxy_kb, "The unit is a little-known PLA signals detachment based in the city of Chengdu.")
    assert ("PLA", "Chengdu") not in _places(said)


def test_the_victims_placed_after_the_doer_are_not_the_doer_placed(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(galaxy_kb, "The cluster is a subgroup of APT41 targeting organizations based in Fiji and Tonga.")
    assert not {o for s, o in _places(said) if s == "APT41"}


def test_the_body_a_placed_unit_belongs_to_is_not_placed(galaxy_kb: KnowledgeBase) -> None:
    text = "The firm was set up by a bureau, a unit of the Ministry of State Security situated in Wuhan province."
    said = _readings(galaxy_kb, text)
    assert ("Ministry of State Security", "Wuhan") not in _places(said)


def test_a_body_placed_in_an_apposition_stays(galaxy_kb: KnowledgeBase) -> None:
    # the comma and the apposition: the group itself is based in China, as written
    said = _readings(galaxy_kb, "APT41, a state-sponsored actor based in China, hit the firm.")
    assert ("APT41", "China") in _places(said)
