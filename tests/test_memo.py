"""Answers kept per text (extract/memo.py): the same answers as the function's own, computed once per text."""

from __future__ import annotations

from cyberstate.extract import roles
from cyberstate.extract.memo import per_text


def test_per_text_calls_once_per_text_and_arguments() -> None:
    calls: list[tuple[str, int]] = []

    @per_text
    def first_space_after(text: str, start: int) -> int:
        calls.append((text, start))
        return text.find(" ", start)

    one = "made up words for a test"
    assert first_space_after(one, 0) == 4
    assert first_space_after(one, 0) == 4
    assert first_space_after(one, 5) == 7
    assert len(calls) == 2
    # an equal text that is another object is read anew: the text is known by identity, never by value
    other = "".join(["made up words ", "for a test"])
    assert other == one and other is not one
    assert first_space_after(other, 0) == 4
    assert len(calls) == 3
    # a text read before the last one is read anew too: only the last text's answers are kept
    assert first_space_after(one, 0) == 4
    assert len(calls) == 4


def test_backer_phrase_kept_gives_its_own_answers() -> None:
    text = "Officers of the Ministry of Made Up Affairs and hackers tied to Example Bureau hacked a made-up firm."
    for start in range(len(text)):
        assert roles.backer_phrase(text, 0, start) == roles.backer_phrase.__wrapped__(text, 0, start)  # type: ignore[attr-defined]
    assert roles.backer_phrase(text, 0, text.index("Ministry")) == text.index("of the")
    assert roles.backer_phrase(text, 0, text.index("Example")) == text.index("tied")
