"""Regular expressions that reject most positions of a text at once, matching exactly as before.

A pattern such as `\\b(?:operated|run|used)\\s+by\\b` (case-insensitive) gets no fast scan from `re`: at
every position it tries the word boundary, then each alternative in turn. Yet every match starts with one
of a few characters (here o, r, u). `guarded` reads that set of first characters out of the pattern's
parse and puts it in front as a lookahead, `(?=[oru])(?:...)`: a position whose character is not in the
set fails on one test. The lookahead consumes nothing and is compiled with the pattern's own flags (so a
case-insensitive set matches what the pattern's letters match), hence every match, group and span is the
one the pattern alone gives; only positions where it could not match are skipped sooner. Extraction runs
dozens of such patterns on every sentence: guarded, they take a half to a third of the time.

A pattern whose first character is not known (it may start with any character, or match the empty
string) is returned as it is.
"""

from __future__ import annotations

import bisect
import re._constants as sre  # the parse tree of `re`: stable across 3.11-3.13
import re._parser as sre_parse
from collections.abc import Iterable

import ahocorasick

from cyberstate.extract import rx as re

_CATEGORY = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
#: Characters that `re.IGNORECASE` matches to ASCII letters although they do not lower to them (dotless
#: i, long s, the Kelvin sign lowers to k already).
_SPECIAL_PAIRS = (("\u0131", "i"), ("\u017f", "s"))
#: Parse nodes that consume nothing: they leave the first character to what follows them.
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)


def _char(code: int) -> str:
    """A character as written inside a class."""
    c = chr(code)
    if c.isascii() and c.isalnum():
        return c
    return f"\\x{code:02x}" if code < 256 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _first(items: list[tuple[object, object]]) -> tuple[set[str] | None, bool]:
    """(class items one of which a match of the sequence starts with, None when unknown; whether the
    sequence can match the empty string)."""
    out: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is sre.LITERAL:
            out.add(_char(av))  # type: ignore[arg-type]
            return out, False
        if op is sre.IN:
            for o, v in av:  # type: ignore[union-attr]
                if o is sre.LITERAL:
                    out.add(_char(v))
                elif o is sre.RANGE:
                    out.add(f"{_char(v[0])}-{_char(v[1])}")
                elif o is sre.CATEGORY and v in _CATEGORY:
                    out.add(_CATEGORY[v])
                else:
                    return None, False  # a negated set, or a set we do not read
            return out, False
        if op is sre.SUBPATTERN and av[1]:  # type: ignore[index]
            return None, False  # a group that adds flags ("(?i:...)") reads its letters otherwise
        if op is sre.SUBPATTERN or op is getattr(sre, "ATOMIC_GROUP", None):
            sub, empty = _first(list(av[-1] if op is sre.SUBPATTERN else av))  # type: ignore[index,arg-type]
        elif op is sre.BRANCH:
            sub, empty = set(), False
            for branch in av[1]:  # type: ignore[index]
                b, e = _first(list(branch))
                if b is None:
                    return None, False
                sub |= b
                empty = empty or e
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
            lo, _hi, inner = av  # type: ignore[misc]
            sub, empty = _first(list(inner))
            empty = empty or lo == 0
        else:
            return None, False  # any character, a back reference...: not known
        if sub is None:
            return None, False
        out |= sub
        if not empty:
            return out, False
    return out, True


def guarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern with the set of its first characters checked first; the same matches."""
    if pattern.flags & re.VERBOSE or _GLOBAL_FLAGS.match(pattern.pattern):
        return pattern  # inline flags must stay first; verbose text is not wrapped
    first, empty = _first(list(sre_parse.parse(pattern.pattern, pattern.flags)))
    if first is None or empty or not first:
        return pattern
    return re.compile(f"(?=[{''.join(sorted(first))}])(?:{pattern.pattern})", pattern.flags)


def word_start(first: str, before: str = "") -> str:
    """Pattern text for `\\b` and then `first` (one character as written in a pattern: a letter, a class such as
    `[A-Z]`), with `before` (zero-width tests, "(?<!\\bof\\s)") at the same place, read in the other order:
    `first(?<=before\\bfirst)`, the character first and the tests behind it. The same matches, groups and spans;
    but `re` skips through a text to the characters a case-sensitive pattern can start with only when it starts
    with one of them (a literal, a class, an alternation of literals), and tries a pattern that starts with `\\b`
    or a look-around at every position (a lookahead in front, as `guarded` puts, still costs an attempt at each).
    For the scans of whole texts (speed only)."""
    return f"{first}(?<={before}\\b{first})"


_ESCAPED = re.compile(r"\\(?:x([0-9a-f]{2})|u([0-9a-f]{4})|U([0-9a-f]{8}))")


def first_chars(pattern: re.Pattern[str]) -> str | None:
    """The characters one of which every match of a case-sensitive pattern starts with, when they are
    single characters (no range, no class such as `\\w`), else None; None also when a match may be empty."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE) or _GLOBAL_FLAGS.match(pattern.pattern):
        return None
    first, empty = _first(list(sre_parse.parse(pattern.pattern, pattern.flags)))
    if first is None or empty or not first:
        return None
    out = []
    for item in sorted(first):
        if len(item) == 1:
            out.append(item)
            continue
        escaped = _ESCAPED.fullmatch(item)
        if escaped is None:
            return None  # a range or a class
        out.append(chr(int(next(g for g in escaped.groups() if g), 16)))
    return "".join(out)


class CharScan:
    """`pattern.finditer(text)` for a case-sensitive pattern whose every match starts with one of a few
    characters that are rare in prose (the brackets of a citation, the brackets and "<" of markup): `re`
    tries the pattern (even guarded) at every position of the whole text; this finds those characters with
    `str.find` and tries `pattern.match` only there, left to right after the end of the last match, as
    `LeadScan` does: the matches of `finditer` (speed only). A pattern whose first characters are not known
    (`first_chars`) is run by `finditer`."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.chars = first_chars(pattern)

    def finditer(self, text: str) -> list[re.Match[str]]:
        if self.chars is None:
            return list(self.pattern.finditer(text))
        places: list[int] = []
        find = text.find
        for c in self.chars:
            p = find(c)
            while p >= 0:
                places.append(p)
                p = find(c, p + 1)
        places.sort()
        return _matched_at(self.pattern, text, places, 0, len(text))


class JointScan:
    """One Aho–Corasick pass over a text lower-cased (`_lowered`) for several word scans (`WordScan`,
    `LeadScan`) that each read every whole text: a pass costs mostly its reading of the text, not its hits
    (over 2 MB of documents each of the extractor's four such scans took 19 to 46 ms, the holder nouns',
    with few hits, 26 ms), so one automaton holds the words of all of them, tagged with whose they are, and
    the first scan asked about a new text finds the places of every member's words at once. Each member
    gets the places its own automaton would have found (every occurrence of every word, overlapping ones
    included), so its answers are the same (speed only)."""

    def __init__(self) -> None:
        self._members: list[WordScan | LeadScan] = []
        self._automaton: ahocorasick.Automaton | None = None

    def join(self, member: WordScan | LeadScan) -> None:
        """Add a member (the automaton is built anew at the next pass)."""
        self._members.append(member)
        self._automaton = None

    def _build(self) -> ahocorasick.Automaton:
        table: dict[str, list[tuple[int, object]]] = {}
        for k, member in enumerate(self._members):
            for word, payload in member._words():
                table.setdefault(word, []).append((k, payload))
        automaton = ahocorasick.Automaton()
        for word, owners in table.items():
            automaton.add_word(word, (len(word), tuple(owners)))
        if table:
            automaton.make_automaton()
        self._automaton = automaton
        return automaton

    def scan(self, text: str) -> None:
        """The places of every member's words in `text`, handed to each member."""
        automaton = self._automaton if self._automaton is not None else self._build()
        found: list[list[tuple[int, object]]] = [[] for _ in self._members]
        for end, (n, owners) in automaton.iter(_lowered(text)) if len(automaton) else ():
            start = end - n + 1
            for k, payload in owners:
                found[k].append((start, payload))
        for member, hits in zip(self._members, found, strict=True):
            member._take(text, hits)


#: The joint pass of the extractor's word scans over whole texts (the cues, the head words, the reporting
#: verbs...).
JOINT = JointScan()


class WordScan:
    """The matches of a case-insensitive word pattern in spans of one text, tried only where one of its
    words stands: extraction looks for head words (`\b(?:group|actors|...)\b`) in every sentence, several
    times, and a scan by `re` tries the whole alternation at the start of every word.

    `words` are the pattern's literal words: every match starts with one of them, whatever its case. The
    places where they stand in a text are found once, by one Aho–Corasick pass over the text lower-cased
    (with the few letters `re` folds otherwise read as it reads them). `within(text, s, e)` then gives what
    `pattern.finditer(text, s, e)` gives: it tries `pattern.match(text, p, e)` at each such place p in the
    span, left to right, after the end of the last match. Every other position would fail: no match
    starts there."""

    def __init__(self, pattern: re.Pattern[str], words: Iterable[str], joint: JointScan | None = None) -> None:
        """`joint`: a `JointScan` that finds the words in whole texts along with its other members' words."""
        self.pattern = pattern
        self.automaton = ahocorasick.Automaton()
        for w in {w.lower() for w in words}:
            self.automaton.add_word(w, len(w))
        self.automaton.make_automaton()
        self._text: str | None = None
        self._starts: list[int] = []
        self._joint = joint
        if joint is not None:
            joint.join(self)

    def _words(self) -> Iterable[tuple[str, object]]:
        return ((w, None) for w, _n in self.automaton.items())

    def _take(self, text: str, hits: list[tuple[int, object]]) -> None:
        self._starts = sorted({start for start, _ in hits})
        self._text = text

    def within(self, text: str, s: int, e: int) -> list[re.Match[str]]:
        if self._text is not text:
            if self._joint is not None:
                self._joint.scan(text)
            else:
                self._starts = sorted({end - n + 1 for end, n in self.automaton.iter(_lowered(text))})
                self._text = text
        return _matched_at(self.pattern, text, self._starts, s, e)

    def within_span(self, text: str, s: int, e: int) -> list[re.Match[str]]:
        """`within` for a text read once (a sentence rewritten in a copy of its text): only the span is
        scanned, so a long text costs nothing more, and the places kept for the last whole text stay. A
        word that runs past the span cannot start a match that ends inside it, so the matches are the same."""
        starts = sorted({s + end - n + 1 for end, n in self.automaton.iter(_lowered(text[s:e], keep=False))})
        return _matched_at(self.pattern, text, starts, s, e)


def _matched_at(pattern: re.Pattern[str], text: str, starts: list[int], s: int, e: int) -> list[re.Match[str]]:
    """What `pattern.finditer(text, s, e)` gives when no match can start but at `starts` (sorted): the
    pattern tried at each of them in the span, left to right, after the end of the last match (an empty
    match moves on by one, as `finditer` does)."""
    out = []
    last = s
    match = pattern.match
    for k in range(bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)):
        p = starts[k]
        if p < last:
            continue
        m = match(text, p, e)
        if m:
            out.append(m)
            last = m.end() if m.end() > m.start() else m.end() + 1
    return out


#: The most strings a pattern's leading words are expanded to.
_MAX_LEADS = 256


def _leads(items: list[tuple[object, object]]) -> set[str] | None:
    """Non-empty strings one of which every match of the sequence starts with, or None when they are not
    known (or the sequence may match the empty string)."""
    from cyberstate.extract.sieve import _analyse  # the sieve reads exact strings of a parse already

    items = [(op, av) for op, av in items if op not in _ZERO_WIDTH]  # boundaries, lookarounds: nothing read
    if not items:
        return None
    (op, av), rest = items[0], items[1:]
    exact, _ = _analyse([(op, av)])
    if exact is not None:  # a literal, a class of letters, an alternation of words: the prefix grows
        words = {x for x in exact if x}
        after = _leads(rest)
        if "" in exact and after is None:
            return None  # optional, and what may come first without it is not known
        if after is not None and len(words) * len(after) <= _MAX_LEADS:
            words = {x + y for x in words for y in after}  # the whole of x is read, then the rest
        return (words | (after if "" in exact else set())) or None  # type: ignore[operator]
    if op is sre.SUBPATTERN:
        return _leads(list(av[-1]))  # type: ignore[index]
    if op is sre.BRANCH:
        subs = [_leads(list(b)) for b in av[1]]  # type: ignore[index]
        return None if any(x is None for x in subs) else set().union(*subs)  # type: ignore[arg-type]
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        lo, _hi, inner = av  # type: ignore[misc]
        first = _leads(list(inner))
        if first is None or lo >= 1:
            return first
        after = _leads(rest)  # optional: either it or what follows comes first
        return None if after is None else first | after
    return None


def leading_words(pattern: re.Pattern[str], shortest: int = 3) -> frozenset[str] | None:
    """Lower-cased words one of which every match of the pattern starts with ("attack", "attacks",
    "campaign" ... for `\\b(?:attacks?|campaigns?)\\s+(?:on|against)\\b`), or None when they are not known,
    not ASCII, or one is shorter than `shortest` (a short word stands almost everywhere: nothing to gain)."""
    if pattern.flags & re.VERBOSE:
        return None
    found = _leads(list(sre_parse.parse(pattern.pattern, pattern.flags)))
    if not found or any(len(w) < shortest or not w.isascii() for w in found):
        return None
    return frozenset(w.lower() for w in found)


#: The last text `_lowered` kept and its copy (the head words' and the cues' scans read the same window; one
#: tuple, replaced whole, so a thread never sees a text with another's copy).
_LAST: list[tuple[str, str]] = [("", "")]


def _lowered(text: str, keep: bool = True) -> str:
    """The text lower-cased, one character for one (a character that lowers to two keeps the first), with
    the letters `re.IGNORECASE` reads as ASCII letters read as those letters; `keep`: whether the copy is
    kept for the next reader of the same text (not for a span read once)."""
    last = _LAST[0]
    if last[0] is text:
        return last[1]
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower()[:1] for c in text)
    for a, b in _SPECIAL_PAIRS if not low.isascii() else ():
        if a in low:
            low = low.replace(a, b)
    if keep:
        _LAST[0] = (text, low)
    return low


class LeadScan:
    """`pattern.finditer(text, s, e)` for many patterns over the spans of one text, each pattern tried only
    where one of its leading words stands (`leading_words`). The places of every pattern's words are found
    once per text, by one Aho–Corasick pass over it lower-cased; `finditer` then tries `pattern.match` at
    those places in the span, left to right, after the end of the last match, as `WordScan.within` does.
    No match starts elsewhere, so the matches are those of `finditer`. Extraction tries the relation cues
    on every sentence that holds their words; `re` tries each cue's alternation at every letter it may
    start with. A pattern whose leading words are not known is run by `finditer` as it is."""

    def __init__(self, patterns: Iterable[re.Pattern[str]], joint: JointScan | None = None) -> None:
        """`joint`: a `JointScan` that finds the words in whole texts along with its other members' words."""
        # the patterns are known by their `id`: kept here, so no other pattern can be made at the address of one
        # (a pattern freed by its caller would leave its id to the next pattern made there, which would then be
        # tried at the freed one's words only)
        self.patterns = list(patterns)
        owners: dict[str, set[int]] = {}
        self.known: set[int] = set()
        for p in self.patterns:
            words = leading_words(p)
            if words is None:
                continue
            self.known.add(id(p))
            for w in words:
                owners.setdefault(w, set()).add(id(p))
        self.automaton = ahocorasick.Automaton()
        for w, ids in owners.items():
            self.automaton.add_word(w, (len(w), tuple(ids)))
        if owners:
            self.automaton.make_automaton()
        self._text: str | None = None
        self._starts: dict[int, list[int]] = {}
        self._joint = joint
        if joint is not None and owners:
            joint.join(self)

    def _words(self) -> Iterable[tuple[str, object]]:
        return ((w, ids) for w, (_n, ids) in self.automaton.items())

    def _take(self, text: str, hits: list[tuple[int, object]]) -> None:
        starts: dict[int, set[int]] = {}
        for start, ids in hits:
            for i in ids:  # type: ignore[attr-defined]
                starts.setdefault(i, set()).add(start)
        self._starts = {i: sorted(xs) for i, xs in starts.items()}
        self._text = text

    def _scan(self, text: str) -> None:
        if self._joint is not None and len(self.automaton):
            self._joint.scan(text)
            return
        starts: dict[int, set[int]] = {}
        for end, (n, ids) in self.automaton.iter(_lowered(text)):
            for i in ids:
                starts.setdefault(i, set()).add(end - n + 1)
        self._starts = {i: sorted(xs) for i, xs in starts.items()}
        self._text = text

    def finditer(self, pattern: re.Pattern[str], text: str, s: int, e: int) -> Iterable[re.Match[str]]:
        if id(pattern) not in self.known:
            return pattern.finditer(text, s, e)
        if self._text is not text:
            self._scan(text)
        return _matched_at(pattern, text, self._starts.get(id(pattern), []), s, e)


#: Single characters of a parse: (whether one may be white space, whether one may be anything else).
_SPACE_CATEGORIES = {
    sre.CATEGORY_SPACE: (True, False),
    sre.CATEGORY_NOT_SPACE: (False, True),
    sre.CATEGORY_WORD: (False, True),  # no letter, digit or underscore is white space
    sre.CATEGORY_DIGIT: (False, True),
}


def _one_char(op: object, av: object) -> tuple[bool, bool] | None:
    """(may be white space, may be other) for an item that matches one character, None for any other item."""
    if op is sre.LITERAL:
        return (chr(av).isspace(), not chr(av).isspace())  # type: ignore[arg-type]
    if op is sre.NOT_LITERAL or op is sre.ANY:
        return (True, True)
    if op is not sre.IN:
        return None
    space = other = False
    for o, v in av:  # type: ignore[union-attr]
        if o is sre.LITERAL:
            space, other = space or chr(v).isspace(), other or not chr(v).isspace()
        elif o is sre.RANGE and v[1] - v[0] < 512:
            chars = [chr(c) for c in range(v[0], v[1] + 1)]
            space, other = space or any(c.isspace() for c in chars), other or not all(c.isspace() for c in chars)
        elif o is sre.CATEGORY and v in _SPACE_CATEGORIES:
            s, t = _SPACE_CATEGORIES[v]
            space, other = space or s, other or t
        else:
            return (True, True)  # a negated set, a wide range, another category: anything
    return (space, other)


def _runs(items: list[tuple[object, object]]) -> int | None:
    """The most runs of white space a match of the sequence can hold, None when not bounded or not known.
    Each run of white space of a match is read by some item that may read white space, and two runs by two
    such items, unless one item is a repeat of one character that is white space alone (`\\s+`), which
    can read one run only: so counting those items bounds the runs."""
    total = 0
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        one = _one_char(op, av)
        if one is not None:
            total += one[0]
            continue
        if op is sre.SUBPATTERN or op is getattr(sre, "ATOMIC_GROUP", None):
            sub = _runs(list(av[-1] if op is sre.SUBPATTERN else av))  # type: ignore[index,arg-type]
        elif op is sre.BRANCH:
            subs = [_runs(list(b)) for b in av[1]]  # type: ignore[index]
            sub = None if any(x is None for x in subs) else max(subs, default=0)  # type: ignore[type-var]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
            _lo, hi, inner = av  # type: ignore[misc]
            inner = list(inner)
            single = _one_char(*inner[0]) if len(inner) == 1 else None
            if single is not None and not single[1]:
                sub = 1 if single[0] and hi else 0  # consecutive white space: one run
            else:
                each = _runs(inner)
                sub = 0 if each == 0 else None if each is None or hi is sre.MAXREPEAT else each * hi
        else:
            return None  # a back reference, a conditional...: not known
        if sub is None:
            return None
        total += sub
    return total


def space_runs(pattern: re.Pattern[str]) -> int | None:
    """The most runs of white space (as `\\s` reads it) any match of the pattern holds, or None when it is
    not bounded or not known."""
    if pattern.flags & re.VERBOSE:
        return None
    return _runs(list(sre_parse.parse(pattern.pattern, pattern.flags)))


class AnchorScan:
    """`pattern.finditer(text, s, e)` for patterns that start with no known word (or with one as common as
    "the") but whose every match holds one of a few strings (`sieve.required_literals` as written for a
    case-sensitive pattern, "Security" for "... State Security Bureau"; `sieve.required_words` folded for a
    case-insensitive one, read in the text folded as the sieve folds it) and at most a known number of runs
    of white space (`space_runs`). A match then starts at one of the pattern's first characters (`_first`:
    a capital letter) no more runs of white space before one of its strings than the pattern can hold, so
    the pattern is tried (`pattern.match`) only at those places, left to right after the end of the last
    match, as `LeadScan` does: the matches of `finditer`. `re` would try it at every capital letter of the
    text. The strings are found in one Aho–Corasick pass per text (two when both kinds of pattern are
    given); a pattern that cannot be read so is run by `finditer` as it is."""

    def __init__(self, patterns: Iterable[re.Pattern[str]]) -> None:
        self.patterns = list(patterns)
        #: id of a pattern -> (its first characters, a pattern reading back over its runs of white space)
        self.known: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}
        self.automaton = ahocorasick.Automaton()  # the case-sensitive patterns' strings, as written
        self.folded = ahocorasick.Automaton()  # the case-insensitive patterns' strings, folded
        self._built = False
        self._text: str | None = None
        self._anchors: dict[int, list[int]] = {}
        self._starts: dict[int, list[int]] = {}
        self._back = ""

    def _build(self) -> None:
        """Read the patterns, at the first text: the sieve, which reads the literals, imports mentions.py,
        which makes an instance of this class when it is imported."""
        from cyberstate.extract.sieve import required_literals, required_words

        owners: dict[str, set[int]] = {}
        folded: dict[str, set[int]] = {}
        for p in self.patterns:
            ignore = bool(p.flags & re.IGNORECASE)
            words = required_words(p) if ignore else required_literals(p)
            runs = space_runs(p)
            first, empty = _first(list(sre_parse.parse(p.pattern, p.flags)))
            if not words or "" in words or runs is None or first is None or empty or not first:
                continue
            starts = re.compile(f"[{''.join(sorted(first))}]", p.flags & ~re.VERBOSE)
            self.known[id(p)] = (starts, re.compile(rf"\S*(?:\s+\S*){{0,{runs}}}"))
            for w in words:
                (folded if ignore else owners).setdefault(w, set()).add(id(p))
        for automaton, table in ((self.automaton, owners), (self.folded, folded)):
            for w, ids in table.items():
                automaton.add_word(w, (len(w), tuple(ids)))
            if table:
                automaton.make_automaton()
        self._built = True

    def _scan(self, text: str) -> None:
        from cyberstate.extract.sieve import low

        anchors: dict[int, set[int]] = {}
        for automaton, read in ((self.automaton, text), (self.folded, low(text) if len(self.folded) else "")):
            for end, (n, ids) in automaton.iter(read) if len(automaton) else ():
                for i in ids:
                    anchors.setdefault(i, set()).add(end - n + 1)
        self._anchors = {i: sorted(xs) for i, xs in anchors.items()}
        self._starts = {}
        self._back = ""
        self._text = text

    def _places(self, key: int, text: str) -> list[int]:
        """Where a match of the pattern may start: its first characters, from as far back before each of
        its strings as its runs of white space reach (read on the text reversed) up to the string."""
        starts, back = self.known[key]
        if not self._back:
            self._back = text[::-1]
        rev, n = self._back, len(text)
        out: list[int] = []
        done = 0
        for a in self._anchors.get(key, []):
            m = back.match(rev, n - a)
            lo = max(a - (m.end() - (n - a)) if m else a, done)  # type: ignore[union-attr]
            if lo <= a:
                out += [x.start() for x in starts.finditer(text, lo, a + 1)]
                done = a + 1
        return out

    def finditer(self, pattern: re.Pattern[str], text: str, s: int, e: int) -> Iterable[re.Match[str]]:
        if not self._built:
            self._build()
        key = id(pattern)
        if key not in self.known:
            return pattern.finditer(text, s, e)
        if self._text is not text:
            self._scan(text)
        if key not in self._anchors:
            return ()  # none of its strings stands in the text: no match
        places = self._starts.get(key)
        if places is None:
            places = self._starts[key] = self._places(key, text)
        return _matched_at(pattern, text, places, s, e)


class RunSearch:
    """`pattern.search(text, pos, endpos)` for a pattern that reads the white space it starts with by
    `\\s*`, `\\s+` or an optional part (`\\s+(?:linked|tied)$`, `,?\\s*\\(?\\s*\\b(?:such as|including)`), so
    that where it matches at a white-space character that follows another, it also matches one place
    before. The leftmost match then never starts inside a run of white space past the run's first
    character (or `pos`), and `re`, which tries every place of a run, costs a square of the run's length
    at each (a blanked citation leaves dozens of spaces: 8 ms for one search). The pattern is tried at
    `pos`, then from `pos + 1` with those places skipped (`(?!(?<=\\s)\\s)`, zero-width): the same match,
    groups and span. `tests/test_guards.py` checks each pattern given to it on runs of white space."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._skipping = re.compile(r"(?!(?<=\s)\s)(?:" + pattern.pattern + ")", pattern.flags)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else endpos
        m = self.pattern.match(text, pos, end)
        if m is not None or pos >= end:
            return m
        return self._skipping.search(text, pos + 1, end)


def past_space_run(text: str, a: int, b: int) -> int:
    """Where the last character of the white space text[a:b] starts with stands (`a` when it starts with
    one or none): a pattern that reads the gap from there gives the same answer where every way of reading
    a longer run ends in one of the ways of reading one character (`\\s*` then `[\\s,]*` then an optional
    `\\s[-–—]`), and it does not try each split of the run between them."""
    p = a
    while p + 1 < b and text[p].isspace() and text[p + 1].isspace():
        p += 1
    return p
