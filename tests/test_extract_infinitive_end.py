"""A described end that opens with the verb of an infinitive ("launch fresh attacks" of "bought stolen logins to
launch fresh attacks, compromise payroll servers and mailboxes"), the second verb of one ("to address and deter
malicious cyber activities") or a verb after a modal ("organisations would report intrusion incidents") names what
is to be done, not a party: its reading is no statement (extract/filtering.py, `infinitive_as_party`)."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import readings as _readings


def test_the_verb_phrase_of_an_infinitive_is_no_doer(galaxy_kb: KnowledgeBase) -> None:
    text = "The crew used stolen logins to launch fresh attacks on Belgian ministries, and compromised mailboxes."
    said = _readings(galaxy_kb, text)
    assert not {s for s, _, _ in said} & {"launch fresh attacks"}


def test_a_noun_after_to_that_only_looks_like_the_verb_stays(galaxy_kb: KnowledgeBase) -> None:
    # "launch-day hackers" is a noun phrase after "to": the one behind the breach, as written
    said = _readings(galaxy_kb, "Analysts attributed the breach of Belgian ministries to launch-day hackers.")
    assert ("the breach", "attributed_to", "launch-day hackers") in said


def test_the_second_verb_of_an_infinitive_is_no_deed(galaxy_kb: KnowledgeBase) -> None:
    text = (
        "Diplomatic efforts will likely intensify to address and deter malicious cyber activities perpetrated by"
        " state actors."
    )
    said = _readings(galaxy_kb, text)
    assert ("deter malicious cyber activities", "attributed_to", "state actors") not in said


def test_a_verb_of_stopping_is_no_deed(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(
        galaxy_kb, "Lawmakers read the report on the country's measures to stem attacks by China's hackers."
    )
    assert ("stem attacks", "attributed_to", "China's hackers") not in said


def test_a_verb_phrase_after_a_modal_is_no_doer(galaxy_kb: KnowledgeBase) -> None:
    text = (
        "Usually the public or organisations would report intrusion incidents or other breaches to the Cyber999"
        " Help Centre."
    )
    said = _readings(galaxy_kb, text)
    assert ("report intrusion incidents", "targeted", "Cyber999 Help Centre") not in said


def test_a_doer_after_the_month_may_stays(galaxy_kb: KnowledgeBase) -> None:
    # "May" with a capital is the month, not the modal: the doer after it stays
    said = _readings(galaxy_kb, "In May hackers attacked the Cyber999 Help Centre.")
    assert ("hackers", "targeted", "Cyber999 Help Centre") in said
