"""A state named after a preposition and an article ("charged in a U.S. court for a cyberattack on X") or a
quotation mark ('raised by the "Taiwan independence" forces that has infiltrated X'), or as the agent of a verb of
making ("raised / created / formed / founded by"), is the object of the phrase, never the doer of the deed
(extract/roles.py, `state_as_doer`)."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import pairs


def test_the_state_of_a_court_is_no_doer(galaxy_kb: KnowledgeBase) -> None:
    text = (
        "The indictment marked the first time that state actors have been charged in a U.S. court for a"
        " cyberattack on private targets."
    )
    assert not any(s == "U.S." for s, _ in pairs(galaxy_kb, text, "targeted"))


def test_the_state_in_a_quoted_label_is_no_doer(galaxy_kb: KnowledgeBase) -> None:
    text = (
        'The ministry described the group as an "internet army" raised by the "Taiwan independence" forces that'
        " has infiltrated various platforms."
    )
    assert not any(s == "Taiwan" for s, _ in pairs(galaxy_kb, text, "targeted"))


def test_the_state_as_subject_stays(galaxy_kb: KnowledgeBase) -> None:
    # a state that is the subject of its clause is its doer, as before
    said = pairs(galaxy_kb, "In a statement, Belgium said China hacked the Belgian interior ministry.", "targeted")
    assert any(s == "China" for s, _ in said)
