"""A person named with a post in a body works for that body: "Foreign Ministry spokeswoman A" and "A, a senior
analyst at B" give `employed_by` (extract/frames.py's `_titled_people`; docs/extraction.md, "Quality"). Each read
from a made-up sentence, with a near miss that must not give it."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _said(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str, bool]]:
    """(subject as written, predicate, object as written, negated)."""
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["text"], c["predicate"], c["object"]["text"], c["negated"]) for c in claims if c["object"]}


def test_title_between_the_body_and_the_name(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "Foreign Ministry spokeswoman Zhao Meiling told reporters that talks would resume.")
    assert ("Zhao Meiling", "employed_by", "Foreign Ministry", False) in said
    said = _said(galaxy_kb, "Foreign Ministry officials told Zhao Meiling on Monday that talks would resume.")
    assert not any(p == "employed_by" and s == "Zhao Meiling" for s, p, _, _ in said)


def test_a_denial_negates_what_the_speaker_says_not_the_post(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "Foreign Ministry spokeswoman Zhao Meiling called the report groundless.")
    assert ("Zhao Meiling", "employed_by", "Foreign Ministry", False) in said
    assert ("Zhao Meiling", "employed_by", "Foreign Ministry", True) not in said


def test_title_in_an_aside_after_the_name(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb, "Chen Hualong, a senior analyst at the Ministry of State Security, drafted the plan in 2019."
    )
    assert ("Chen Hualong", "employed_by", "Ministry of State Security", False) in said
    # a post in a body the named one only possesses: the employer is that other body, which is not named
    said = _said(
        galaxy_kb,
        "Chen Hualong, director of the Ministry of State Security's training academy, drafted the plan in 2019.",
    )
    assert not any(p == "employed_by" for _, p, _, _ in said)
    # no post: a visitor of the body does not work there
    said = _said(galaxy_kb, "Chen Hualong, a frequent visitor at the Ministry of State Security, drafted the plan.")
    assert not any(p == "employed_by" for _, p, _, _ in said)


def test_a_name_in_any_language_before_a_post(galaxy_kb: KnowledgeBase) -> None:
    # the aside gives a post in a body, so the two capitalised words before it name a person, pinyin or not
    said = _said(
        galaxy_kb,
        "Tomas Lindqvist, senior threat intelligence analyst for the Cyber Operations Team at the Ministry of State"
        " Security, wrote the memo.",
    )
    assert ("Tomas Lindqvist", "employed_by", "Ministry of State Security", False) in said
    said = _said(galaxy_kb, "Kim Min-jun, Third Deputy Director of the Ministry of State Security, spoke on Monday.")
    assert ("Kim Min-jun", "employed_by", "Ministry of State Security", False) in said
    # no post in the aside: the words are no name the rule proposes, and nobody is employed
    said = _said(galaxy_kb, "Tomas Lindqvist, a frequent visitor at the Ministry of State Security, wrote the memo.")
    assert not any(p == "employed_by" for _, p, _, _ in said)
    # a post with no body after it ("director," closing the aside) proposes no person
    said = _said(galaxy_kb, "Tomas Lindqvist, the director, said the Ministry of State Security wrote the memo.")
    assert not any(s == "Tomas Lindqvist" for s, _, _, _ in said)


def test_a_name_in_any_language_after_a_capitalised_title(galaxy_kb: KnowledgeBase) -> None:
    """ "Department of Information and Communications Technology (DICT) Secretary Jose Ramon Cruz said": the
    title says a person is named, though the name is no pinyin, and the body before it (its abbreviation between)
    employs the person."""
    said = _said(
        galaxy_kb,
        "Department of Information and Communications Technology (DICT) Secretary Jose Ramon Cruz said the "
        "plan was ready.",
    )
    assert ("Jose Ramon Cruz", "employed_by", "Department of Information and Communications Technology", False) in said
    said = _said(
        galaxy_kb, "The National Intelligence Coordinating Agency (NICA) Director Ana Reyes, on Monday, denied it."
    )
    assert ("Ana Reyes", "employed_by", "National Intelligence Coordinating Agency", False) in said
    # near misses: the capitalised words after the title are no name closed by a comma, a stop or a verb of saying
    # ("Director Guidelines Review Board met"), or a rank that continues the title ("Secretary General Ana Reyes")
    said = _said(
        galaxy_kb, "The National Intelligence Coordinating Agency Director Guidelines Review Board met on Monday."
    )
    assert not any(p == "employed_by" for _, p, _, _ in said)
    said = _said(
        galaxy_kb, "The National Intelligence Coordinating Agency Secretary General Ana Reyes said it was ready."
    )
    assert not any(s.startswith("General") for s, _, _, _ in said)
