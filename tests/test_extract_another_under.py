"""A `subordinate_to` reading where "under" stands between its ends and a passive's agent or a quotation's mark
stands between the subject and the word ("Boyusec, an "advanced threat" run by two officers under X", "four forces
directly under X"): the noun right before "under" is the body placed there, not the subject (extract/filtering.py,
`_another_under`)."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import pairs


def test_the_agent_of_a_passive_is_under_the_body(galaxy_kb: KnowledgeBase) -> None:
    text = (
        'Analysts wrote about Boyusec, an "advanced threat" run by two officers under the Guangdong State Security'
        " Department."
    )
    assert not pairs(galaxy_kb, text, "subordinate_to")


def test_the_forces_not_the_whole_are_under_the_commission(galaxy_kb: KnowledgeBase) -> None:
    text = (
        "The PLA's new structure of four services, supported by four forces directly under the Central Military"
        " Commission, took effect in April."
    )
    assert not pairs(galaxy_kb, text, "subordinate_to")


def test_an_apposition_or_a_verb_before_under_keeps_the_subject(galaxy_kb: KnowledgeBase) -> None:
    text = "The Tianjin State Security Bureau, a bureau under the Ministry of State Security, ran APT10."
    assert ("Tianjin State Security Bureau", "Ministry of State Security") in pairs(galaxy_kb, text, "subordinate_to")
    assert ("Unit 61398", "PLA") in pairs(galaxy_kb, "Unit 61398 operates under the PLA.", "subordinate_to")
