"""A party said to take a part in a deed did it: "Y played a key role in the 2021 breach", "Y was instrumental in
carrying out the campaign", "Y acknowledged responsibility for the intrusions" (the deed `attributed_to` Y). A deed
with no determiner is a kind of deed, and what is not a deed is no reading. extract/frames.py `_TOOK_PART`,
`_holder_nouns`; docs/extraction.md, "Quality". Read from made-up sentences, with near misses that must not give
it."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import pairs


def _attributed(kb: KnowledgeBase, text: str) -> set[tuple[str, str]]:
    """(deed as written, doer as written or named) of every `attributed_to` the sentence gives."""
    return pairs(kb, text, "attributed_to")


def test_a_key_role_in_a_deed(galaxy_kb: KnowledgeBase) -> None:
    said = _attributed(
        galaxy_kb, "Investigators said Kimsuky played a key role in the 2021 breach of the port authority."
    )
    assert any(d.startswith("the 2021 breach") and o == "Kimsuky" for d, o in said)


def test_instrumental_in_carrying_out_a_deed(galaxy_kb: KnowledgeBase) -> None:
    said = _attributed(
        galaxy_kb,
        "Officials claim that Kimsuky was instrumental in carrying out the espionage campaign against the port"
        " authority.",
    )
    assert ("the espionage campaign", "Kimsuky") in said


def test_no_deed_for_a_kind_of_deed_or_talks(galaxy_kb: KnowledgeBase) -> None:
    assert not _attributed(
        galaxy_kb, "Kimsuky has been involved in cyber-espionage operations since 2012, the report said."
    )
    assert not _attributed(galaxy_kb, "Kimsuky played a key role in the talks with the port authority.")
