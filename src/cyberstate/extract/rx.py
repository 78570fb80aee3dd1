"""`re` with two changes: `compile` regroups the alternatives of every alternation by their first character, and
makes a pattern that `re` would try at every place of a text start with the class of its first characters
(`_charset_led`, below).

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
import unicodedata as _unicodedata
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


#: Characters outside ASCII that `re.IGNORECASE` reads as an ASCII letter (the dotted and dotless i, the long s,
#: the Kelvin sign): a letter's class of first characters holds them too (`tests/test_guards.py` checks that no
#: other character matches an ASCII letter under the flag).
_FOLDED_TO_ASCII = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def _variants(c: int, ignore: bool) -> set[int] | None:
    """The characters a literal `c` may match at a place: itself, and under `re.IGNORECASE` its cases (None for a
    letter outside ASCII, whose cases are not read here, and for a line break, which `.` does not read)."""
    if c == 10:
        return None
    if not ignore:
        return {c}
    ch = chr(c)
    if not ch.isascii():  # a quotation mark or a dash; no letter outside ASCII
        return {c} if ch.lower() == ch == ch.upper() and _unicodedata.category(ch)[0] in "PSZ" else None
    return {ord(x) for x in ch.lower() + ch.upper() + _FOLDED_TO_ASCII.get(ch.lower(), "")}


def _behind(state: Any, item: tuple[Any, Any]) -> tuple[Any, Any] | None:
    """A zero-width test read at a place, rewritten to be read one character later, once the character at the
    place is read (`\\b` as `(?<=\\b.)`, a lookahead of one character as a lookbehind of it, a lookbehind with one
    `.` more); None for any other item."""
    op, av = item
    simple = (_sre.LITERAL, _sre.NOT_LITERAL, _sre.IN, _sre.ANY, _sre.AT)
    if op is _sre.AT and av in (_sre.AT_BOUNDARY, _sre.AT_NON_BOUNDARY):
        return (_sre.ASSERT, (-1, _parser.SubPattern(state, [item, (_sre.ANY, None)])))
    if op in (_sre.ASSERT, _sre.ASSERT_NOT):
        direction, p = av
        if any(o not in simple for o, _ in p.data):
            return None
        if direction == 1 and p.getwidth() == (1, 1):
            return (op, (-1, _parser.SubPattern(state, list(p.data))))
        if direction == -1:
            return (op, (-1, _parser.SubPattern(state, [*p.data, (_sre.ANY, None)])))
    return None


def _after_first(state: Any, data: list[tuple[Any, Any]], ignore: bool) -> tuple[set[int], list[Any]] | None:
    """(the characters a match of `data` may start with, `data` rewritten to be read from the place after its
    first character, the character checked by a lookbehind of what `data` reads there), or None where that is not
    known: `data` must start, after zero-width tests `_behind` rewrites, with a literal, a class of literals or an
    alternation of such sequences, outside any group that captures."""
    tests: list[tuple[Any, Any]] = []
    k = 0
    while k < len(data) and data[k][0] in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        moved = _behind(state, data[k])
        if moved is None:
            return None
        tests.append(moved)
        k += 1
    if k == len(data):
        return None
    op, av = data[k]
    rest = list(data[k + 1 :])
    firsts: set[int] = set()
    if op is _sre.LITERAL or op is _sre.IN:
        items = [(op, av)] if op is _sre.LITERAL else av
        for o, a in items:
            chars = [a] if o is _sre.LITERAL else list(range(a[0], a[1] + 1)) if o is _sre.RANGE else None
            if chars is None or len(chars) > 64:
                return None  # a category, a negated class, a wide range
            for c in chars:
                got = _variants(c, ignore)
                if got is None:
                    return None
                firsts |= got
        check = (_sre.ASSERT, (-1, _parser.SubPattern(state, [(op, av)])))
        return firsts, [*tests, check, *rest]
    alternatives = None
    if op is _sre.BRANCH:
        alternatives = [list(b.data) for b in av[1]]
    elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[:2] == (0, 1) and not _captures(rest):
        # "(?:the\s+)?front": the part read first and what follows, or what follows alone (in the order the
        # repeat tries them: a greedy one with the part first), the rest written twice when it holds no group
        alternatives = [[*av[2].data, *rest], rest] if op is _sre.MAX_REPEAT else [rest, [*av[2].data, *rest]]
        rest = []
    if alternatives is not None:
        branches = []
        for b in alternatives:
            got = _after_first(state, b, ignore)
            if got is None:
                return None
            firsts |= got[0]
            branches.append(_parser.SubPattern(state, got[1]))
        return firsts, [*tests, (_sre.BRANCH, (None, branches)), *rest]
    return None


def _captures(data: list[tuple[Any, Any]]) -> bool:
    """Whether a part of a parse holds a group that captures (or a reference to one)."""
    for op, av in data:
        if (op is _sre.SUBPATTERN and av[0] is not None) or op in (_sre.GROUPREF, _sre.GROUPREF_EXISTS):
            return True
        if op is _sre.BRANCH and any(_captures(list(b.data)) for b in av[1]):
            return True
        subs = (
            [av[3]]
            if op is _sre.SUBPATTERN
            else [av[2]]
            if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)
            else [av[1]]
            if op in (_sre.ASSERT, _sre.ASSERT_NOT)
            else [av]
            if op is _sre.ATOMIC_GROUP
            else []
        )
        if any(_captures(list(x.data)) for x in subs):
            return True
    return False


def _charset_led(parsed: _parser.SubPattern, flags: int) -> _parser.SubPattern:
    """The parse of a pattern that `re` tries at every place of a text (it starts with `\\b`, a look-around, or a
    letter under `re.IGNORECASE`), rewritten to start with the class of the characters a match may start with,
    read case-sensitively, which `re` skips to through the text in its search loop: the character at the place,
    then the pattern's own tests of it as lookbehinds (`\\b(?:attack|breach)` as `[AaBb](?<=\\b.)(?:(?<=a)ttack|
    (?<=b)reach)`, the lookbehind read as the pattern reads the letter: under `re.IGNORECASE`). Every match starts
    at the same place with the same span and groups (speed only). The parse as it is where `re` has a prefix or a
    class to skip to already, or where the first characters are not known."""
    flags |= parsed.state.flags
    if flags & (_re.LOCALE | _re.VERBOSE) or not parsed.data:
        return parsed
    if _compiler._get_literal_prefix(parsed, flags)[0] or _compiler._get_charset_prefix(parsed, flags):
        return parsed
    state, data = parsed.state, list(parsed.data)
    k = 0
    while k < len(data) and data[k][0] in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        k += 1
    group = None
    if k < len(data) and data[k][0] is _sre.SUBPATTERN and data[k][1][0] is not None and data[k][1][1:3] == (0, 0):
        # "\b(likely|probably)": the group that captures the first character starts with the class, inside it
        group = data[k][1][0]
        data, after = [*data[:k], *data[k][1][3].data], data[k + 1 :]
    got = _after_first(state, data, bool(flags & _re.IGNORECASE))
    if got is None:
        return parsed
    firsts, data = got
    lead = _parser.SubPattern(state, [(_sre.IN, [(_sre.LITERAL, c) for c in sorted(firsts)])])
    item = (_sre.SUBPATTERN, (None, 0, _re.IGNORECASE, lead)) if flags & _re.IGNORECASE else lead.data[0]
    if group is None:
        return _parser.SubPattern(state, [item, *data])
    inner = _parser.SubPattern(state, [item, *data])
    return _parser.SubPattern(state, [(_sre.SUBPATTERN, (group, 0, 0, inner)), *after])


def compile(pattern: Any, flags: int = 0) -> _re.Pattern[Any]:
    """`re.compile(pattern, flags)` with the alternations regrouped (module docstring) and the first characters
    read first (`_charset_led`); a compiled pattern, a
    pattern of bytes or one with `re.DEBUG` as `re.compile` gives them."""
    if not isinstance(pattern, str) or flags & _re.DEBUG:
        return _re.compile(pattern, flags)
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(_charset_led(_regrouped(parsed), flags), flags)
    names = parsed.state.groupdict
    index: list[str | None] = [None] * parsed.state.groups
    for name, k in names.items():
        index[k] = name
    return _engine.compile(pattern, flags | parsed.state.flags, code, parsed.state.groups - 1, names, tuple(index))
