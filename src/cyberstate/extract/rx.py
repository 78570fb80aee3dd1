"""`re` with one change: `compile` regroups the alternatives of every alternation by their first character.

`re` tries the branches of an alternation one by one, and under `re.IGNORECASE` it compares each first letter
through a lower-casing call: `\\b(?:acting|acted|acts|act|work|...)` reads the "a" at a place four times before
it reaches "work". `compile` parses the pattern, and where consecutive branches start with the same literal
character it reads that character once and then their rests, still in their order
(`(?:acting|acted|acts|act|work)` compiled as `(?:a(?:cting|cted|cts|ct)|work)`). `re` then tries the same
branches in the same order, so every match, group and span is the one the pattern gives as written; only the
repeated reading of the first character is gone (speed only). The compiled pattern keeps the pattern's text
(`pattern.pattern`), so the sieves and guards that read it read what is written.

The extractor's modules import this module as `re`; everything else is `re`'s own.
"""

from __future__ import annotations

import _sre as _engine
import re as _re
import re._compiler as _compiler  # the compiler of `re`: stable across 3.11-3.13
import re._constants as _sre
import re._parser as _parser
from re import *  # noqa: F403  (the rest of `re`, unchanged)
from typing import Any


def _regrouped(sub: _parser.SubPattern) -> _parser.SubPattern:
    """The parse `sub` with consecutive branches that start with the same literal joined under it, inside
    every group, repeat and look-around."""
    data: list[tuple[Any, Any]] = []
    for op, av in sub.data:
        if op is _sre.BRANCH:
            branches = [_regrouped(b) for b in av[1]]
            joined: list[_parser.SubPattern] = []
            i = 0
            while i < len(branches):
                first = branches[i].data[0] if branches[i].data else None
                j = i + 1
                if first is not None and first[0] is _sre.LITERAL:
                    while j < len(branches) and branches[j].data and branches[j].data[0] == first:
                        j += 1
                if j - i > 1:
                    rests = [_parser.SubPattern(sub.state, b.data[1:]) for b in branches[i:j]]
                    inner = _parser.SubPattern(sub.state, [(_sre.BRANCH, (None, rests))])
                    joined.append(_parser.SubPattern(sub.state, [first, (_sre.SUBPATTERN, (None, 0, 0, inner))]))
                else:
                    joined.append(branches[i])
                i = j
            if len(joined) == 1:
                data.extend(joined[0].data)
            else:
                data.append((op, (None, joined)))
        elif op is _sre.SUBPATTERN:
            group, add_flags, del_flags, p = av
            data.append((op, (group, add_flags, del_flags, _regrouped(p))))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            lo, hi, p = av
            data.append((op, (lo, hi, _regrouped(p))))
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            direction, p = av
            data.append((op, (direction, _regrouped(p))))
        elif op is _sre.ATOMIC_GROUP:
            data.append((op, _regrouped(av)))
        else:
            data.append((op, av))
    return _parser.SubPattern(sub.state, data)


def compile(pattern: Any, flags: int = 0) -> _re.Pattern[Any]:
    """`re.compile(pattern, flags)` with the alternations regrouped (module docstring); a compiled pattern, a
    pattern of bytes or one with `re.DEBUG` as `re.compile` gives them."""
    if not isinstance(pattern, str) or flags & _re.DEBUG:
        return _re.compile(pattern, flags)
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(_regrouped(parsed), flags)
    names = parsed.state.groupdict
    index: list[str | None] = [None] * parsed.state.groups
    for name, k in names.items():
        index[k] = name
    return _engine.compile(pattern, flags | parsed.state.flags, code, parsed.state.groups - 1, names, tuple(index))
