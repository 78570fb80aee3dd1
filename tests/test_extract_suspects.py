"""A party classed by a copula or an apposition as the suspect, culprit or perpetrator of a deed did it: "Y is the
prime suspect in X", "with Y and Z being among the main suspects", "Y, the likely perpetrators of X" (the deed
named after the noun, else the last one told before it). extract/frames.py `_SUSPECT`, `_holder_nouns`;
docs/extraction.md, "Quality". Read from made-up sentences, with near misses that must not give it."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import pairs


def _attributed(kb: KnowledgeBase, text: str) -> set[tuple[str, str]]:
    """(deed as written, doer as written or named) of every `attributed_to` the sentence gives."""
    return pairs(kb, text, "attributed_to")


def test_suspects_listed_after_the_deed(galaxy_kb: KnowledgeBase) -> None:
    said = _attributed(
        galaxy_kb,
        "Chile is a frequent target of state-sponsored cyber espionage, with Peru and Bolivia being among the main"
        " suspects.",
    )
    assert {d for d, _ in said} == {"state-sponsored cyber espionage"}
    assert {o for _, o in said} >= {"Peru", "Bolivia"}


def test_the_prime_suspect_in_a_deed(galaxy_kb: KnowledgeBase) -> None:
    said = _attributed(
        galaxy_kb, "Investigators said Kimsuky is the prime suspect in the cyberattack on the port authority."
    )
    assert any(d.startswith("the cyberattack") and o == "Kimsuky" for d, o in said)


def test_no_deed_for_suspects_arrested_or_a_case(galaxy_kb: KnowledgeBase) -> None:
    # suspects of a police report, no party classed as one
    assert not _attributed(
        galaxy_kb, "Police said two suspects were arrested after the cyberattack on the port authority."
    )
    # a suspect in a case names no deed
    assert not _attributed(galaxy_kb, "Kimsuky was a suspect in the court case, the police said on Monday.")
