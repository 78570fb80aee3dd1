"""A body told to answer to another by a verb of answering: `subordinate_to`.

Every sentence here is made up; the rule has sentences it must read and near misses it must not."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import resolved


def _under(kb: KnowledgeBase, text: str) -> set[tuple[str, str]]:
    return {(s, o) for s, p, o, _ in resolved(kb, text) if p == "subordinate_to"}


def test_a_body_subordinate_to_the_bodies_it_answers_to(galaxy_kb: KnowledgeBase) -> None:
    said = _under(galaxy_kb, "The Ministry of State Security reports directly to the State Council.")
    assert ("Ministry of State Security", "State Council") in said
    said = _under(
        galaxy_kb,
        "The Ministry of State Security is answerable to the State Council and the Central Military Commission.",
    )
    assert ("Ministry of State Security", "State Council") in said
    assert any(o.startswith("Central Military Commission") for s, o in said)
    said = _under(galaxy_kb, "• The main foreign intelligence service answers to the State Council.")
    assert ("The main foreign intelligence service", "State Council") in said


def test_no_subordination_from_a_report_or_a_message(galaxy_kb: KnowledgeBase) -> None:
    # the past tense tells of a message sent, not of a chain of command
    assert not _under(galaxy_kb, "The Ministry of State Security reported to the State Council on the breach.")
    # a reporting verb with its statement after it
    assert not _under(galaxy_kb, "The Ministry of State Security reports that the State Council was hacked.")
    # a described subject whose words hold a name: the name is the subject, and a place is no body
    assert not _under(galaxy_kb, "• The office in Shanghai answers to Shanghai.")
