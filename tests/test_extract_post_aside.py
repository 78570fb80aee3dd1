"""A person's post in a body, told in an aside after the name, ties the person to the body whatever words the
aside uses: the post's words (a chief, an adviser, an official, a fellow, with a field word before the title: "senior
risk adviser"), the field of the post after it ("chief of counter intelligence at X"), a dash in place of the
comma, and the body named after "at / with / of / for", which the aside says is a body where the store does not know
it (extract/people.py `_POST_BODY`, `TITLES`; extract/frames.py `_TITLE_AFTER`; docs/extraction.md, "batch32 and
batch33 joined: who stands behind what"). Read from made-up sentences, with near misses that must not give it: no
post in the aside, and a body described in lower case."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import pairs


def test_a_chief_of_a_field_at_a_body_the_store_lacks(galaxy_kb: KnowledgeBase) -> None:
    said = pairs(
        galaxy_kb, "Maren Vold, chief of counter intelligence at NSRA, told reporters on Friday.", "employed_by"
    )
    assert ("Maren Vold", "NSRA") in said


def test_an_adviser_after_a_dash(galaxy_kb: KnowledgeBase) -> None:
    said = pairs(
        galaxy_kb, "This talk with Tom Brask - senior risk adviser at Holmvik Partners - is the tenth.", "employed_by"
    )
    assert ("Tom Brask", "Holmvik Partners") in said


def test_the_post_of_a_known_person_in_an_unknown_firm(galaxy_kb: KnowledgeBase) -> None:
    said = pairs(
        galaxy_kb, "Tan Xiaoming, the CFO of Quanlu, a large Chinese telecom company, was arrested.", "employed_by"
    )
    assert ("Tan Xiaoming", "Quanlu") in said


def test_no_post_in_the_aside_ties_no_one(galaxy_kb: KnowledgeBase) -> None:
    said = pairs(
        galaxy_kb, "Maren Vold, a frequent visitor at Holmvik Partners, told reporters on Friday.", "employed_by"
    )
    assert not said


def test_a_body_described_in_lower_case_is_no_name(galaxy_kb: KnowledgeBase) -> None:
    said = pairs(galaxy_kb, "Maren Vold, a senior adviser at a local firm, told reporters on Friday.", "employed_by")
    assert not said


def test_the_end_of_a_body_name_before_a_post_is_no_person(galaxy_kb: KnowledgeBase) -> None:
    said = pairs(
        galaxy_kb,
        "The Minister of Foreign Affairs, the Minister of Holmvik Partners, and others issued a statement.",
        "employed_by",
    )
    assert not said
