"""An end whose last word closes no noun phrase ("the US along" of "the US along with Norway", "Macau starting" of
"Macau starting earlier this year") was cut inside a clause, and its reading is no statement
(extract/filtering.py, `open_tail`)."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import readings as _readings


def test_an_end_running_on_into_along_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(
        galaxy_kb,
        "It is known as a hacker group that has launched attacks in Finland and the US along with Norway and"
        " other countries.",
    )
    assert ("a hacker group", "targeted", "US along") not in said
    assert ("a hacker group", "targeted", "Finland") in said
    # the same list joined by "as well as" ends on its names
    said = _readings(
        galaxy_kb,
        "It is known as a hacker group that has launched attacks in Finland and the US as well as Norway and"
        " other countries.",
    )
    assert ("a hacker group", "targeted", "US") in said


def test_an_end_running_on_into_a_participle_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    text = (
        "The ministry accused a hacker group called APT99 of targeting Ruritania, Hong Kong and Macau{} earlier"
        " this year through frequent cyberattacks."
    )
    said = _readings(galaxy_kb, text.format(" starting"))
    assert ("APT99", "targeted", "Macau starting") not in said
    assert ("APT99", "targeted", "Hong Kong") in said
    # without the participle the last item is a name like the others
    assert ("APT99", "targeted", "Macau") in _readings(galaxy_kb, text.format(""))
