"""Answers of pure functions of a text kept while the same text is read (speed only).

The relation step asks some questions of a name's phrase again and again about the same sentence: whether
the name at a place is a backer (`roles.backer_phrase`), asked by the cue loop, by the frames and by the
relative-clause test, up to four times for one name, each a search of the 110 characters before it that
`re` tries at every one of them. A function wrapped by `per_text` is called once for each text and
arguments; a second call with the same text object and arguments gets the first answer.

Only for functions whose answer depends on nothing but their arguments (the text and a few numbers, read
with module constants) and is immutable (a number, None, a string, a tuple of those): what is kept is
handed out again as it is. The text is compared by identity and kept alive with its answers, so no other
text can carry its `id`; the answers of one text at a time are kept (replaced whole, so a thread reading
another text never sees answers that are not its own).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

R = TypeVar("R")

_MISSING = object()


def per_text(fn: Callable[..., R]) -> Callable[..., R]:
    """`fn(text, *args)`, called once per text object and arguments (which must be hashable)."""
    last: list[tuple[str | None, dict[tuple[Any, ...], Any]]] = [(None, {})]

    @functools.wraps(fn)
    def kept(text: str, *args: Any) -> R:
        seen, known = last[0]
        if seen is not text:
            known = {}
            last[0] = (text, known)
        got = known.get(args, _MISSING)
        if got is _MISSING:
            got = known[args] = fn(text, *args)
        return got  # type: ignore[no-any-return]

    kept.__wrapped__ = fn  # type: ignore[attr-defined]
    return kept
