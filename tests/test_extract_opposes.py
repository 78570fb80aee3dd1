"""A party's stance against a class of deeds: "China firmly opposes and combats all forms of hacking attacks" gives
China `opposes` the class (extract/relations.py's `_opposition`; docs/extraction.md, "Quality"). Read from made-up
sentences, with near misses that must not give it."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _said(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str, bool]]:
    """(subject as written, predicate, object as written, negated)."""
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["text"], c["predicate"], c["object"]["text"], c["negated"]) for c in claims if c["object"]}


def test_a_stance_against_a_class_of_deeds(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "A spokeswoman said China resolutely opposes and fights all kinds of hacking attacks.")
    assert ("China", "opposes", "all kinds of hacking attacks", False) in said
    # the verb inside a quotation, its adverb inside too
    said = _said(galaxy_kb, 'The envoy said China "strongly opposes any form of cyber espionage" and left.')
    assert ("China", "opposes", "any form of cyber espionage", False) in said


def test_no_stance_on_deeds_without_a_class_of_them(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "A spokeswoman said China resolutely opposes all forms of trade barriers.")
    assert not any(p == "opposes" for _, p, _, _ in said)
    said = _said(galaxy_kb, "A spokeswoman said China opposes the sanctions on its hacking firms.")
    assert not any(p == "opposes" for _, p, _, _ in said)


def test_deeds_named_without_a_class_word(galaxy_kb: KnowledgeBase) -> None:
    # the deeds by their plural or mass noun, the verb with a bracketed ending and a second verb
    said = _said(galaxy_kb, 'The minister said China "firmly oppose[s] and crack[s] down on hacking and cyber theft."')
    assert ("China", "opposes", "hacking and cyber theft", False) in said
    said = _said(galaxy_kb, "A spokeswoman said China is against and has fought various kinds of cyber espionage.")
    assert ("China", "opposes", "various kinds of cyber espionage", False) in said


def test_the_state_a_pronoun_of_a_stance_stands_for(galaxy_kb: KnowledgeBase) -> None:
    # the state's organ speaks: the pronoun is the state
    said = _said(galaxy_kb, 'The Chinese Embassy in Lima said "we firmly oppose all kinds of hacking attacks."')
    assert ("we", "opposes", "all kinds of hacking attacks", False) in said
    # a capital that speaks for its state, named as written
    said = _said(galaxy_kb, "Beijing has long insisted that it opposes cyber espionage in all its forms.")
    assert ("Beijing", "opposes", "cyber espionage in all its forms", False) in said


def test_no_stance_of_a_pronoun_without_a_state(galaxy_kb: KnowledgeBase) -> None:
    # no state and no state's organ in the sentence: whom "we" stands for is not told
    said = _said(galaxy_kb, '"We oppose all kinds of hacking attacks," the chairman of the club said.')
    assert not any(p == "opposes" for _, p, _, _ in said)
    # a measure on deeds is no class of deeds
    said = _said(galaxy_kb, 'The Chinese Embassy said "it opposes the sanctions on hacking suspects."')
    assert not any(p == "opposes" for _, p, _, _ in said)


def test_words_between_the_party_and_its_verb(galaxy_kb: KnowledgeBase) -> None:
    # adverbs and an auxiliary before the verb, inside a quotation or not, and a past second verb
    said = _said(
        galaxy_kb,
        'The envoy said the Chinese government "all along firmly opposes and cracks down on all '
        'forms of hacking in accordance with law."',
    )
    assert ("the Chinese government", "opposes", "all forms of hacking", False) in said
    # a first verb of the party's own joined by "and"
    said = _said(
        galaxy_kb,
        "The Chinese government firmly safeguards network security and has always resolutely opposed and cracked "
        "down on any form of cyber espionage.",
    )
    assert ("The Chinese government", "opposes", "any form of cyber espionage", False) in said


def test_no_stance_across_another_party(galaxy_kb: KnowledgeBase) -> None:
    # the first verb has a subject of its own: the party after it opposes, not the one before
    said = _said(galaxy_kb, "The Chinese government says Japan hacks networks and firmly opposes all forms of hacking.")
    assert not any(s == "The Chinese government" and p == "opposes" for s, p, _, _ in said)
