"""A person named right after a post in a body that stands in the possessive is a person whatever language the name
is in, and the family name may be written in capitals ("the agency's chief, Maren Vold", "the firm's former director
TAN Xiaoming"); the post ties the person to the body, also with the name in an apposition after a comma
(extract/people.py `_TITLED`; extract/frames.py `_TITLE_BEFORE`; docs/extraction.md, "batch32 and batch33 joined:
names not found"). Read from made-up sentences, with a near miss that must not give it: three capitalised words after
the post, a firm's name and not a person's."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import pairs


def test_a_name_in_an_apposition_after_a_body_s_post(galaxy_kb: KnowledgeBase) -> None:
    said = pairs(galaxy_kb, "Records show that the FBI's chief, Maren Vold, was cautioned on Friday.", "employed_by")
    assert ("Maren Vold", "FBI") in said


def test_a_family_name_in_capitals_after_a_body_s_post(galaxy_kb: KnowledgeBase) -> None:
    said = pairs(
        galaxy_kb, "They found that the FBI's former director TAN Xiaoming was also in Beijing.", "employed_by"
    )
    assert ("TAN Xiaoming", "FBI") in said


def test_three_capitalised_words_after_the_post_name_no_person(galaxy_kb: KnowledgeBase) -> None:
    said = pairs(
        galaxy_kb, "Records show that the FBI's chief, Maren Vold Associates, was cautioned on Friday.", "employed_by"
    )
    assert not said
