"""A described end that opens with the verb of an infinitive ("launch fresh attacks" of "bought stolen logins to
launch fresh attacks, compromise payroll servers and mailboxes") names what is to be done, not a party: its reading
is no statement (extract/filtering.py, `infinitive_as_party`)."""

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
