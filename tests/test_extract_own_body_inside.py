"""One unnamed person whose phrase names the body the person is read as working for ("an MSS officer" `employed_by`
the MSS, "the MSS official" of "the MSS official public WeChat account") says nothing the phrase does not, and no such
reading is proposed (extract/relations.py `_own_body_inside`; docs/extraction.md, "batch44 and batch45 joined: people
and the bodies they act for"). Read from made-up sentences, with near misses that must keep the reading: the person an
aside names, people counted, a group's people in the plural, and a body named outside the phrase."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import pairs


def test_one_unnamed_officer_of_the_body_in_the_phrase(galaxy_kb: KnowledgeBase) -> None:
    said = pairs(
        galaxy_kb, "A small consulting outfit in Jinan with fake profiles was run by an MSS officer.", "employed_by"
    )
    assert ("an MSS officer", "MSS") not in said


def test_an_adjective_read_as_an_official(galaxy_kb: KnowledgeBase) -> None:
    said = pairs(
        galaxy_kb,
        "In a statement published by the MSS official public WeChat account, the ministry named them.",
        "employed_by",
    )
    assert ("the MSS official", "MSS") not in said


def test_the_person_an_aside_names_keeps_the_body(galaxy_kb: KnowledgeBase) -> None:
    said = pairs(galaxy_kb, "Zhang Wei, an MSS officer, directed the hackers in Jinan.", "employed_by")
    assert ("Zhang Wei", "MSS") in said


def test_people_counted_keep_the_body(galaxy_kb: KnowledgeBase) -> None:
    said = pairs(galaxy_kb, "The indictment names two MPS officers who directed the company's work.", "employed_by")
    assert ("two MPS officers", "MPS") in said


def test_a_body_named_outside_the_phrase_stays(galaxy_kb: KnowledgeBase) -> None:
    said = pairs(
        galaxy_kb, "The indictment names an officer of the MSS who directed the company's work.", "employed_by"
    )
    assert ("an officer", "MSS") in said
