"""Which regular expressions can match where in a text, found in one pass.

Extraction tries dozens of case-insensitive patterns on every sentence (the relation cues, the dates); a
pattern that starts with a word boundary and an alternation gets no fast scan from `re`, so each costs a
full attempt at every character, and together they were most of the time of an extraction. Yet every
match of such a pattern contains one of a few literal words ("behalf", "behest", "direction" ...). The
sieve reads those words out of each pattern's parse (a necessary condition: every match contains one of
them, lower-cased), finds all of them in one Aho–Corasick pass over the lower-cased text, and a pattern is
then tried only on the sentences that hold one of its words. Nothing is decided by the sieve: a sentence
it lets through runs the pattern as before, so the results are the same, only found sooner.

A pattern whose matches need no literal (all of its branches are classes or optional) is always tried.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re._constants as sre  # the parse tree of `re`: stable across 3.11-3.13
import re._parser as sre_parse
from collections.abc import Iterable

import ahocorasick

from cyberstate.extract import rx as re
from cyberstate.extract.mentions import fold

#: Finite sets of strings a piece of pattern can match are expanded up to this many.
_MAX_EXACT = 64
#: Characters that `re.IGNORECASE` matches to ASCII letters although they do not lower to them (dotless
#: i, long s, and the NUL `fold` puts for a capital dotted I): read as those letters, so no match is missed.
_SPECIAL_PAIRS = (("\u0131", "i"), ("\u017f", "s"), ("\x00", "i"))

Strings = frozenset[str]


def _best(options: Iterable[Strings | None]) -> Strings | None:
    """Of several sets of required strings (any one of each set must occur), the most selective."""
    best: Strings | None = None
    for o in options:
        if not o or "" in o:
            continue
        if best is None or (min(map(len, o)), -len(o)) > (min(map(len, best)), -len(best)):
            best = o
    return best


def _analyse(items: list[tuple[object, object]]) -> tuple[Strings | None, Strings | None]:
    """(every string the sequence can match, if few; strings one of which every match contains)."""
    exacts: list[Strings | None] = []
    required: list[Strings | None] = []
    for op, av in items:
        exact: Strings | None = None
        req: Strings | None = None
        if op is sre.LITERAL:
            exact = frozenset({chr(av)})  # type: ignore[arg-type]
        elif op is sre.IN:
            chars = [chr(v) for o, v in av if o is sre.LITERAL]  # type: ignore[union-attr]
            if len(chars) == len(av) and not any(o is sre.NEGATE for o, _ in av):  # type: ignore[arg-type]
                exact = frozenset(chars)
        elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            exact = frozenset({""})  # zero width: consumes nothing
        elif op is sre.SUBPATTERN or op is getattr(sre, "ATOMIC_GROUP", None):
            exact, req = _analyse(list(av[-1] if op is sre.SUBPATTERN else av))  # type: ignore[index,arg-type]
        elif op is sre.BRANCH:
            parts = [_analyse(list(b)) for b in av[1]]  # type: ignore[index]
            if all(x is not None for x, _ in parts):
                union = frozenset().union(*(x for x, _ in parts if x is not None))
                exact = union if len(union) <= _MAX_EXACT else None
            each = [_best([x, r]) for x, r in parts]
            req = None if any(x is None for x in each) else frozenset().union(*each)  # type: ignore[arg-type]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
            lo, hi, sub = av  # type: ignore[misc]
            x, r = _analyse(list(sub))
            if lo >= 1:
                req = _best([x, r])
            if x is not None and hi == 1:
                exact = x | {""} if lo == 0 else x
        exacts.append(exact)
        required.append(req)
    # runs of consecutive exactly-known items join into longer literals ("on", " ", "behalf")
    candidates: list[Strings | None] = list(required) + list(exacts)
    run: Strings | None = frozenset({""})
    for exact in [*exacts, None]:
        if exact is not None and run is not None and len(run) * len(exact) <= _MAX_EXACT:
            run = frozenset(a + b for a, b in itertools.product(run, exact))
            continue
        candidates.append(run)
        run = exact if exact is not None else frozenset({""})
    whole: Strings | None = frozenset({""})
    for exact in exacts:
        if whole is None or exact is None or len(whole) * len(exact) > _MAX_EXACT:
            whole = None
            break
        whole = frozenset(a + b for a, b in itertools.product(whole, exact))
    return whole, _best(candidates)


def required_words(pattern: re.Pattern[str]) -> Strings | None:
    """Lower-cased strings one of which every match of the pattern contains, or None when none is known."""
    tree = sre_parse.parse(pattern.pattern, pattern.flags)
    whole, req = _analyse(list(tree))
    found = _best([whole, req])
    return frozenset(fold(w) for w in found) if found else None


#: An inline flag group that may turn case-insensitive matching on ("(?i:...)", "(?ai)").
_INLINE_I = re.compile(r"\(\?[aiLmsux-]*i")


def required_literals(pattern: re.Pattern[str]) -> Strings | None:
    """Strings, as the pattern writes them, one of which every match of a case-sensitive pattern contains
    verbatim, or None when none is known or the pattern may ignore case: a text holding none of them (`in`,
    no folding) cannot match."""
    if pattern.flags & re.IGNORECASE or _INLINE_I.search(pattern.pattern):
        return None
    whole, req = _analyse(list(sre_parse.parse(pattern.pattern, pattern.flags)))
    return _best([whole, req])


#: The last text `low` kept and its copy: the sieve, every `Gate` and `AnchorScan` read the same window
#: (one tuple, replaced whole, so a thread never sees a text with another's copy).
_LAST: list[tuple[str, str]] = [("", "")]


def low(text: str, keep: bool = True) -> str:
    """The text folded (`fold`) with the letters `re.IGNORECASE` reads as ASCII letters read as those letters:
    where the words of case-insensitive patterns are looked for, offsets those of the text. `keep`: whether
    the copy is kept for the next reader of the same text (not for the short gaps `candidates` reads, which
    would push the window out)."""
    last = _LAST[0]
    if last[0] is text:
        return last[1]
    folded = fold(text)
    if not folded.isascii():
        for a, b in _SPECIAL_PAIRS:  # str.replace skips a text fast; translate would read one that is not
            if a in folded:  # ASCII character by character
                folded = folded.replace(a, b)
    if keep:
        _LAST[0] = (text, folded)
    return folded


class Sieve:
    """A set of patterns, with the words each needs compiled into one automaton. Patterns are known by
    their identity (`id`): they are module constants, alive as long as the program."""

    def __init__(self, patterns: Iterable[re.Pattern[str]]) -> None:
        self.patterns = list(patterns)
        self.ids = frozenset(id(p) for p in self.patterns)
        self.always: frozenset[int] = frozenset()
        owners: dict[str, set[int]] = {}
        always = set()
        for p in self.patterns:
            words = required_words(p)
            if words is None:
                always.add(id(p))
                continue
            for w in words:
                owners.setdefault(w, set()).add(id(p))
        self.always = frozenset(always)
        self.automaton = ahocorasick.Automaton()
        for w, ids in owners.items():
            self.automaton.add_word(w, (len(w), frozenset(ids)))
        if owners:
            self.automaton.make_automaton()
        self.words = len(owners)
        self._known: dict[str, frozenset[int]] = {}

    def _low(self, text: str) -> str:
        return low(text)

    def scan(self, text: str) -> Hits:
        """Where the patterns' words occur in a whole text."""
        if not self.words:
            return Hits(self, [])
        return Hits(self, list(self.automaton.iter(self._low(text))))

    def candidates(self, text: str) -> frozenset[int]:
        """The patterns (by `id`) that may match somewhere in a short string (the gaps between two names
        repeat: ", ", " of the ", so the answers for short ones are kept)."""
        out = self._known.get(text)
        if out is None:
            found = set(self.always)
            if self.words:
                for _end, (_length, ids) in self.automaton.iter(low(text, keep=False)):
                    found |= ids
            out = frozenset(found)
            if len(text) <= 40:
                if len(self._known) > 50_000:
                    self._known.clear()
                self._known[text] = out
        return out


#: A hit as the automaton reports it: (the place of the word's last character, (its length, the patterns)).
Hit = tuple[int, tuple[int, frozenset[int]]]
_LAST_CHAR = operator.itemgetter(0)


def _inside(found: list[Hit], lasts: list[int], start: int, end: int, out: set[int]) -> set[int]:
    """`out` with the patterns of the words standing wholly inside text[start:end] added: their last
    character inside (a binary search, the automaton reports the words in the order of their last
    characters) and their first one too."""
    for k in range(bisect.bisect_left(lasts, start), bisect.bisect_left(lasts, end)):
        last, (length, ids) = found[k]
        if last - length >= start - 1:
            out |= ids
    return out


class Hits:
    """The occurrences of a sieve's words in one text, as the automaton reports them (no copy sorted by their
    starts: speed only)."""

    def __init__(self, sieve: Sieve, found: list[Hit]) -> None:
        self.sieve, self.found = sieve, found
        self.lasts: list[int] = list(map(_LAST_CHAR, found))

    def within(self, start: int, end: int) -> set[int]:
        """The patterns (by `id`) that may match inside text[start:end]; the others cannot."""
        return _inside(self.found, self.lasts, start, end, set(self.sieve.always))


class Gate:
    """Whether each of a few patterns may match inside a span of a text: a rule that starts by scanning its
    sentence with a pattern skips the scan where none of the pattern's words (`required_words`) stands. The
    words' places are found once per text (one Aho–Corasick pass over it folded, as the sieve reads it), and
    for each span asked the patterns that may match inside it are kept, so a second question about the same
    span costs a look-up. Like the sieve it decides nothing: a span it lets through runs the pattern as
    before, so every match is the same (speed only).

    The rule modules share one gate (`RULES`), each adding its patterns (`add`) when it is imported, so a text
    is scanned once for all of them rather than once per module."""

    def __init__(self, patterns: Iterable[re.Pattern[str]] = ()) -> None:
        self._patterns: list[re.Pattern[str]] = []
        self._sieve: Sieve | None = None
        self._gated: frozenset[int] = frozenset()
        self._always: frozenset[int] = frozenset()
        self._text: str | None = None
        self._found: list[Hit] = []
        self._lasts: list[int] = []
        self._spans: dict[tuple[int, int], frozenset[int]] = {}
        #: the span asked last and its answer: the rules ask a dozen questions in a row about the same
        #: sentence, and two compared numbers cost less than a tuple made and hashed (speed only)
        self._last: tuple[int, int, frozenset[int]] = (-1, -1, frozenset())
        self.add(patterns)

    def add(self, patterns: Iterable[re.Pattern[str]]) -> None:
        """Gate these patterns too (the automaton is built anew at the next question)."""
        known = {id(p) for p in self._patterns}
        for p in patterns:
            if id(p) not in known:
                known.add(id(p))
                self._patterns.append(p)
        self._sieve, self._text = None, None

    @property
    def sieve(self) -> Sieve:
        if self._sieve is None:
            self._sieve = Sieve(self._patterns)
            self._gated = self._sieve.ids - self._sieve.always  # the patterns that need a word
            self._always = self._sieve.always
        return self._sieve

    @property
    def patterns(self) -> list[re.Pattern[str]]:
        """The patterns gated so far: a sieve holding them too can scan a text for this gate (`adopt`)."""
        return list(self._patterns)

    def _scan(self, text: str) -> None:
        self._take(text, self.sieve.scan(text))

    def _take(self, text: str, hits: Hits) -> None:
        self._found, self._lasts = hits.found, hits.lasts
        self._spans = {}
        self._last = (-1, -1, frozenset())
        self._text = text

    def adopt(self, text: str, hits: Hits) -> bool:
        """Take the places of the gate's words in `text` from another sieve's scan of it (`Sieve.scan`), when
        that sieve holds every pattern this gate needs a word for: each pattern's words are read the same way
        (`required_words`) and the automaton reports every occurrence of every word, so each span gets the
        answers this gate's own scan gives, and the text is read once for both (speed only). False, and
        nothing taken, when the sieve lacks one of the patterns."""
        own = self.sieve
        if not (own.ids - own.always) <= hits.sieve.ids:
            return False
        self._take(text, hits)
        return True

    def answer(self, text: str, start: int, end: int, possible: frozenset[int]) -> None:
        """Keep `possible`, the patterns (by `id`) that may match inside text[start:end] by the scan `adopt`
        took of `text`, as the answer for that span: a sentence asked about already (speed only). Nothing is
        kept when the gate has read another text since (its spans are that text's)."""
        if self._text is text:
            self._spans[start, end] = possible

    def _span(self, start: int, end: int) -> frozenset[int]:
        """The gated patterns (by `id`) that may match inside text[start:end] of the text scanned last: the span
        asked last, else one answered or asked before, else read from the scan (`_within`)."""
        a, b, inside = self._last
        if a != start or b != end:
            got = self._spans.get((start, end))
            inside = self._within(start, end) if got is None else got
            self._last = (start, end, inside)
        return inside

    def _within(self, start: int, end: int) -> frozenset[int]:
        """The gated patterns (by `id`) one of whose words stands wholly inside text[start:end]."""
        kept = self._spans[start, end] = frozenset(_inside(self._found, self._lasts, start, end, set()))
        return kept

    def may(self, pattern: re.Pattern[str], text: str, start: int, end: int) -> bool:
        """False only when `pattern` cannot match inside text[start:end] (`pattern.finditer(text, start, end)`
        gives nothing); a pattern the gate was not given, or that needs no word, is always let through."""
        if self._text is not text:
            self._scan(text)
        key = id(pattern)
        if key not in self._gated:
            return True
        return key in self._span(start, end)

    def allowed(self, text: str, start: int, end: int) -> frozenset[int]:
        """The patterns (by `id`) the gate was given that may match inside text[start:end]: for each of them
        `may` answers True exactly when its `id` is in this set. A rule that asks a dozen questions about one
        sentence reads the set once and tests each pattern's `id` against it, one look-up where `may` made a
        call, a comparison of the span and a look-up (speed only). A pattern the gate was never given is in no
        such set: `may` lets it through, so ask `may` about it, or `add` it first."""
        if self._text is not text:
            self._scan(text)
        inside = self._span(start, end)
        return inside | self._always if self._always else inside

    def finditer(self, pattern: re.Pattern[str], text: str, start: int, end: int) -> Iterable[re.Match[str]]:
        """`pattern.finditer(text, start, end)`, nothing read where the pattern cannot match."""
        return pattern.finditer(text, start, end) if self.may(pattern, text, start, end) else ()

    def search(self, pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
        """`pattern.search(text, start, end)`, nothing read where the pattern cannot match."""
        return pattern.search(text, start, end) if self.may(pattern, text, start, end) else None


#: The gate the rule modules (extract/frames.py, relations.py, victims.py) share: one scan of a text for
#: the patterns of all of them.
RULES = Gate()
