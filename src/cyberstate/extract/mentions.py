"""Mentions: every stored name found in a text, plus names the store does not know that look like
organisations or vendor-style group names.

Matching is one Aho–Corasick pass over a case-folded copy of the text (same length, so offsets carry
over), kept only on word boundaries and resolved leftmost-longest, so "Hubei State Security Department"
wins over "Hubei" inside it. Short acronyms (CAC, MSS) match only in capitals, one-word names only when
the text capitalises them (a sector excepted: "targeting energy"), and names of three letters or fewer
only when they hold a capital or a digit, so "at" or "net" (ATT&CK tool names) never match prose.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar

import ahocorasick

from cyberstate import collector
from cyberstate.extract import rx as re
from cyberstate.extract.guards import AnchorScan, guarded, word_start
from cyberstate.extract.sentences import ABBREVIATIONS
from cyberstate.model.names import norm, spellings
from cyberstate.model.rules import CENTRAL_KINDS, PROVINCIAL_KINDS, is_han
from cyberstate.model.rules import HAN as _HAN

_FOLD_PAIRS = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"), ("\u00a0", " "))
_CASE_FREE_KINDS = {"sector"}
#: Sector names that are ordinary words in prose; they match only when the text capitalises them.
_GENERIC_SECTORS = {
    "other",
    "unknown",
    "general",
    "none",
    "all",
    "public",
    "private",
    "commercial",
    "business",
    "individuals",
    "civil",
    "services",
    "industry",
}


def fold(text: str) -> str:
    """Lower-case and normalise quotes and dashes without changing the length of the text."""
    for a, b in _FOLD_PAIRS:  # a handful of str.replace calls beat one dict-driven translate
        if a in text:
            text = text.replace(a, b)
    low = text.lower()
    if len(low) == len(text):
        return low
    # a few characters lower to two ("İ"): blank them (no name contains NUL), so offsets still line up
    keep = {ord(c): "\x00" for c in set(text) if len(c.lower()) != 1}
    return text.translate(keep).lower()


@dataclass(frozen=True)
class Target:
    entity_id: str
    kind: str
    name: str  # the entity's own name
    primary: bool  # the matched name is the entity's own name


_T = TypeVar("_T")


class _first_read(Generic[_T]):
    """`functools.cached_property` without its lock (Python 3.11 takes one at every first read: 730 ns a
    first read of `Mention.entity` against 370 ns without, about 15,000 first reads a megabyte): the value is
    computed at the first read and kept in the instance's `__dict__`, which shadows this descriptor from
    then on, as `cached_property` does (speed only)."""

    def __init__(self, fn: Callable[[Any], _T]) -> None:
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    def __get__(self, obj: Any, cls: type | None = None) -> _T:
        if obj is None:
            return self  # type: ignore[return-value]  # read on the class: the descriptor itself
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


@dataclass
class Mention:
    start: int
    end: int
    text: str
    targets: list[Target] = field(default_factory=list)
    proposed_kind: str | None = None  # for names the store does not know
    canonical: str | None = None  # the full name an abbreviation stands for in this document
    #: `kinds`, once read: set on the instance (its __dict__), the class's None until then; no field, so
    #: neither `==`, `repr` nor `dataclasses.replace` sees it
    _kinds: ClassVar[frozenset[str] | None] = None

    @_first_read
    def entity(self) -> Target | None:
        """The first target, read once (as `kinds`: the targets of a mention are never changed)."""
        return self.targets[0] if self.targets else None

    @property
    def kind(self) -> str | None:
        return self.targets[0].kind if self.targets else self.proposed_kind

    def same_entity(self, other: Mention) -> bool:
        """Both name one entity of the store (two names of one group, "APT41 ... Winnti"); False where either
        names none."""
        mine, theirs = self.entity, other.entity
        return mine is not None and theirs is not None and mine.entity_id == theirs.entity_id

    @property
    def named(self) -> str:
        """What the mention names: its entity's own name, else its words (the full name an abbreviation
        stands for where the document gives one) with their spacing made plain. Not cached: a window's
        mentions get their original text back after extraction."""
        entity = self.entity
        return entity.name if entity is not None else " ".join((self.canonical or self.text).split())

    def kinds(self) -> frozenset[str]:
        """The kinds of the entities the name may stand for (or the one proposed), computed once: every rule
        asks it of every mention of a sentence, many times. Targets and proposed kind are never changed
        after a mention is made (a rule that needs another reading makes a new mention)."""
        k = self._kinds  # the instance's, once read; else the class's None (no exception, no dict lookup)
        if k is None:
            targets = self.targets
            if targets:
                k = frozenset([t.kind for t in targets])
            else:
                k = frozenset((self.proposed_kind,)) if self.proposed_kind else frozenset()
            self.__dict__["_kinds"] = k
        return k


class Gazetteer:
    """The names of a knowledge base, compiled for matching."""

    def __init__(self, names: Iterable[tuple[str, str, str, str, bool]]) -> None:
        """`names`: (name, entity id, kind, entity name, is the entity's own name)."""
        table: dict[str, list[tuple[str, str, Target]]] = {}
        for name, eid, kind, ename, primary in names:
            name = name.strip()
            if not _usable(name):
                continue
            target = Target(eid, kind, ename, primary)
            for spelling in spellings(name):
                key = fold(spelling)
                table.setdefault(key, []).append((_case_rule(spelling, kind), spelling, target))
        # Three automata. Most names start with a letter or digit and hold only common punctuation: they
        # are keyed behind the character that must precede them (a space, a dash..., or _EDGE for any other
        # character that is not part of a word), so matching only starts at word starts and the root of the
        # automaton has a handful of branches instead of hundreds (pyahocorasick looks a character up among
        # a node's branches one by one). Names holding Chinese characters (they need no word boundary) and
        # names with rarer punctuation keep their own automata.
        self.words, self.others, self.han = (ahocorasick.Automaton() for _ in range(3))
        keyed: list[str] = []
        for key, entries in table.items():
            # ranked once: the entity's own name first, then curated records before imported ones
            entries.sort(key=lambda e: (not e[2].primary, e[2].entity_id.startswith("g-"), e[2].entity_id))
            if _HAN.search(key):
                self.han.add_word(key, (len(key), entries))
            elif not _RARE.search(key):
                keyed.append(key)
            else:
                self.others.add_word(key, (len(key), entries))
        # A node's branches are kept in the order they were added and looked through one by one: added in
        # the order of the characters' frequency in English text (a space first), the ones met most often
        # are found first. The order changes no match.
        keyed.sort(key=lambda k: [_FREQUENT.get(c, len(_FREQUENT) + ord(c)) for c in k])
        for before in sorted(_BEFORE, key=lambda c: _FREQUENT.get(c, len(_FREQUENT))):
            for key in keyed:
                self.words.add_word(before + key, (len(key) + 1, table[key]))
        for automaton in (self.words, self.others, self.han):
            if len(automaton):
                automaton.make_automaton()
        # every name of `others` holds one of these characters, every name of `han` a Chinese character:
        # those automata read only the lines holding one. The rare characters are common in texts (":",
        # "/", '"'), so a line is read only when one of them stands in a name's own context: each name
        # gives the rare character it holds first with its neighbours ("n32/i" of "win32/industroyer"),
        # and a line holding none of those strings cannot hold the name.
        # a name holding a line break ("murenshark\noceandoge\nactor210426" of the galaxy) is never found, as
        # lines are read one by one: it gives no context (its line break's would pick lines for nothing)
        self._rare, self._rare_chars = _in_context(
            k for k in (self.others.keys() if len(self.others) else ()) if "\n" not in k
        )
        self.size = len(table)
        self._seen: dict[str, list[Target]] = {}
        #: entity id -> the code of the state it belongs to, where the store says so (extract/whose.py)
        self.states: dict[str, str] = {}

    @classmethod
    def from_store(cls, store: object) -> Gazetteer:
        """Every name of every accepted entity, keyed to the merged entity it belongs to; a name with a
        parenthesised qualifier also without it, as `resolve` takes it, so no name proposed from a text
        duplicates an entity the store knows by that name."""
        from cyberstate.resolve.names import bare_name

        canon = store.canonical_map()  # type: ignore[attr-defined]
        kinds = store.entity_kinds()  # type: ignore[attr-defined]
        candidates = store.candidate_entities()  # type: ignore[attr-defined]
        rows = []
        for hit in store.iter_names():  # type: ignore[attr-defined]
            if hit.entity_id in candidates:
                continue
            eid = canon.get(hit.entity_id, hit.entity_id)
            kind, ename = kinds[eid]
            rows.append((hit.name, eid, kind, ename, hit.name == kinds[hit.entity_id][1]))
            bare = bare_name(hit.name)
            if bare is not None:  # "National Police Agency" of "National Police Agency (Japan)", as resolve has it
                rows.append((bare, eid, kind, ename, False))
        gazetteer = cls(rows)
        for eid, code in store.entity_countries().items():  # type: ignore[attr-defined]
            if isinstance(code, str) and len(code) == 2:
                gazetteer.states.setdefault(canon.get(eid, eid), code.upper())
        return gazetteer

    def find(self, text: str) -> list[Mention]:
        """Every name in the text, leftmost-longest, read in windows of whole lines (no name holds a line
        break), so the working copies stay small whatever the size of the text."""
        if not self.size:
            return []
        with collector.paused():
            return self._find(text)

    def _find(self, text: str) -> list[Mention]:
        found: list[tuple[int, int, str, list[Target]]] = []
        start = 0
        mixed = False
        while start < len(text):
            end = text.find("\n", start + WINDOW)
            end = len(text) if end < 0 else end + 1
            mixed = self._window(text, start, end, found) or mixed
            start = end
        if mixed:  # names of the other automata among them: ordered by start, the longest first
            _longest_first(found)
        # else the names of the keyed automaton alone, read in order: sorted and disjoint already
        out: list[Mention] = []
        last = -1
        for start, end, surface, targets in found:  # leftmost-longest
            if start >= last:
                out.append(Mention(start, end, surface, list(targets)))
                last = end
        return out

    def _window(self, text: str, a: int, b: int, out: list[tuple[int, int, str, list[Target]]]) -> bool:
        """Append the names found in text[a:b] to `out`; whether any came from the other automata (then
        `out` is no longer in order)."""
        low, edged, other = _folded(text[a:b])
        hits: list[tuple[int, int, list[tuple[str, str, Target]]]] = []
        han = [line for i in other for line in _lines_holding(low, _HAN, i, i + _BLOCK)] if len(self.han) else []
        for automaton, lines in ((self.others, self._rare_lines(low)), (self.han, sorted(set(han)))):
            for line, stop in lines if len(automaton) else ():
                at = a + line
                hits += [(at + e - n + 1, at + e + 1, x) for e, (n, x) in automaton.iter_long(low[line:stop])]
        seen = self._seen
        if len(seen) > 100_000:
            seen.clear()
        n = len(text)
        word = str.isalnum
        if len(self.words):
            # _EDGE before the window (it starts the text or follows a line break) and for every character
            # that is not part of a word and not in a keyed name: every name found starts a word
            scanned = _EDGE + edged
            for e, (k, entries) in self.words.iter_long(scanned):
                end = a + e
                start = end - k + 1
                surface = text[start:end]
                if not (end < n and (word(c := text[end]) or c == "_")):  # else it ends inside a word
                    targets = seen.get(surface)
                    if targets is None:
                        targets = self._targets(surface, entries)
                    if targets:
                        out.append((start, end, surface, targets))
                        continue
                # the longest name here is refused, but a shorter one inside it may stand ("Philippines" in
                # "the Philippines", whose name is "The Philippines"); a single word holds none that ends
                # on a word boundary
                if not surface.isalnum():
                    self._inside(scanned, e - k + 1, e, text, a, out)
        mixed = False
        for start, end, entries in hits:
            if _boundary(text, start, end, low[start - a]):
                surface = text[start:end]
                targets = seen.get(surface)
                if targets is None:
                    targets = self._targets(surface, entries)
                if targets:
                    out.append((start, end, surface, targets))
                    mixed = True
        return mixed

    def _inside(
        self, scanned: str, first: int, last: int, text: str, a: int, out: list[tuple[int, int, str, list[Target]]]
    ) -> None:
        """Append to `out` the names found within scanned[first:last + 1], the span of a refused name
        (`first` is the character before it), leftmost-longest among those that pass the word boundary
        and case rules. The longest match resumes after a refused name, so without this the names inside
        it would be lost. Every keyed name of the span is looked at, not only the longest: a shorter one
        that is also refused may hold a third that is not. The span lies between the names found before
        and after it, so what is appended keeps `out` in order."""
        n = len(text)
        seen = self._seen
        found: list[tuple[int, int, str, list[Target]]] = []
        # a slice, not iter(scanned, first, last + 1): with the whole window each call took time in the
        # window's length (about 80 microseconds a call on 1 MB, against a few on the slice)
        span = scanned[first : last + 1]
        for e, (k, entries) in self.words.iter(span):
            if e == len(span) - 1 and k == len(span):
                continue  # the refused name itself
            end = a + first + e
            if end < n and (text[end].isalnum() or text[end] == "_"):
                continue
            start = end - k + 1
            surface = text[start:end]
            targets = seen.get(surface)
            if targets is None:
                targets = self._targets(surface, entries)
            if targets:
                found.append((start, end, surface, targets))
        _longest_first(found)
        stop = -1
        for m in found:
            if m[0] >= stop:
                out.append(m)
                stop = m[1]

    def _targets(self, surface: str, entries: list[tuple[str, str, Target]]) -> list[Target]:
        """The entities a surface form names (each once, in rank order), by the case rules of the names
        it matched; kept for the next time the same surface is met."""
        found: dict[str, Target] = {}
        for rule, name, target in entries:
            if target.entity_id not in found and _case_ok(rule, name, surface):
                found[target.entity_id] = target
        targets = self._seen[surface] = list(found.values())
        return targets

    def name_at(self, text: str, start: int) -> tuple[int, list[Target]] | None:
        """The end of the longest name of several words starting at `start`, whatever the case the text
        writes it in, and its entities. The case rules keep lower-case words from matching names in prose;
        after a state's adjective, lower-case words may be a body's name reworded ("the Chinese state
        security ministry")."""
        chunk = text[start : start + MAX_NAME]
        if not chunk or not len(self.words):
            return None
        for e, (k, entries) in self.words.iter_long(_EDGE + _edges(fold(chunk))[0]):
            if e - k + 1 or " " not in chunk[:e] or (e < len(chunk) and (chunk[e].isalnum() or chunk[e] == "_")):
                return None  # the leftmost name starts later, is one word, or ends inside a word
            return e, [t for _, _, t in entries]
        return None

    def names(self, name: str) -> set[str]:
        """The entities a name is a stored name of, case and spacing aside."""
        key = fold(" ".join(name.split()))
        found = self.words.get(" " + key, None) if len(self.words) else None
        if found is None and len(self.others):
            found = self.others.get(key, None)
        return {t.entity_id for _, _, t in found[1]} if found else set()

    def _rare_lines(self, low: str) -> list[tuple[int, int]]:
        """(start, end) of each line of a folded text that holds a rare character in the context some name
        of `others` gives it, in order, each once. Each rare character is found by `str.find` and its
        context tried there (`match`, which sees the characters before its position as `search` does): the
        lines holding a match are those `self._rare.search` finds scanning the text, whose set of first
        characters `re` tests at every position (18% of the instructions of mention finding), where `str.find`
        skips to the next of a few thousand places a megabyte (speed only)."""
        starts: list[int] = []
        find = low.find
        match = self._rare.match
        for c in self._rare_chars:
            p = find(c)
            while p >= 0:
                if match(low, p):
                    starts.append(p)
                    stop = find("\n", p)  # the line is read: its other places add nothing
                    p = find(c, stop + 1) if stop >= 0 else -1
                else:
                    p = find(c, p + 1)
        out: list[tuple[int, int]] = []
        stop = -1
        for p in sorted(starts):
            if p > stop:  # else on the line just read
                start = low.rfind("\n", 0, p) + 1
                stop = low.find("\n", p)
                stop = len(low) if stop < 0 else stop
                out.append((start, stop))
        return out


def _in_context(keys: Iterable[str]) -> tuple[re.Pattern[str], list[str]]:
    """A pattern matching a rare character where it stands in the context a name gives it: the first rare
    character of the name, with the character before it (if any) behind it and the one after it (if any)
    ahead of it; and those first characters, in order. Each branch starts with its rare character, so
    `Gazetteer._rare_lines` finds the first characters by `str.find` and tries the pattern only there."""
    contexts: dict[str, set[str]] = {}
    for key in keys:
        at = _RARE.search(key).start()  # type: ignore[union-attr]
        before = key[max(0, at - 1) : at + 1]
        after = key[at + 1 : at + 2]
        ahead = f"(?={re.escape(after)})" if after else ""
        contexts.setdefault(key[at], set()).add(f"(?<={re.escape(before)}){ahead}")
    if not contexts:
        return re.compile("(?!)"), []
    pattern = "|".join(f"{re.escape(c)}(?:{'|'.join(sorted(v))})" for c, v in sorted(contexts.items()))
    return re.compile(pattern), sorted(contexts)


def _lines_holding(text: str, pattern: re.Pattern[str], a: int = 0, b: int | None = None) -> Iterable[tuple[int, int]]:
    """(start, end) of each line of the text where the pattern matches (a match starting in text[a:b])."""
    b = len(text) if b is None else b
    found = pattern.search(text, a, b)  # a one-character pattern: a match starting before b ends by b
    while found:
        start = text.rfind("\n", 0, found.start()) + 1
        end = text.find("\n", found.end())
        end = len(text) if end < 0 else end
        yield start, end
        found = pattern.search(text, end, b) if end < b else None


#: A folded text is looked at in blocks of this many characters: most blocks are ASCII, and there the
#: characters that are not part of a word are marked by a byte table, not by a regular expression.
_BLOCK = 2048
_ASCII_EDGES = bytes(
    1 if not (chr(i).isalnum() or chr(i) == "_") and chr(i) not in " -.,&'()" and i < 128 else i for i in range(256)
)


def _edges(low: str) -> tuple[str, list[int]]:
    """The folded text with every character that is not part of a word and not in a keyed name replaced
    by _EDGE (what `_NOT_KEYED.sub(_EDGE, low)` gives, in a third of the time), and the starts of the
    blocks that are not ASCII (only they can hold a Chinese character)."""
    parts, other = [], []
    for i in range(0, len(low), _BLOCK):
        block = low[i : i + _BLOCK]
        if block.isascii():
            parts.append(block.encode("ascii").translate(_ASCII_EDGES).decode("ascii"))
        else:
            parts.append(_NOT_KEYED.sub(_EDGE, block))
            other.append(i)
    return "".join(parts), other


def _folded(text: str) -> tuple[str, str, list[int]]:
    """`fold(text)` and what `_edges` gives of it, block by block: a block of ASCII text is lower-cased by
    `str.lower`'s ASCII path, where the whole text (rarely all ASCII) went through its Unicode one a
    character at a time (speed only). Folding is a character's own business, except for a capital sigma
    (final or not by the letters around it): a text holding one is folded whole."""
    if "\u03a3" in text:
        low = fold(text)
        return (low, *_edges(low))
    lows: list[str] = []
    parts: list[str] = []
    other: list[int] = []
    for i in range(0, len(text), _BLOCK):
        block = text[i : i + _BLOCK]
        low = block.lower() if block.isascii() else fold(block)
        lows.append(low)
        if low.isascii():
            parts.append(low.encode("ascii").translate(_ASCII_EDGES).decode("ascii"))
        else:
            parts.append(_NOT_KEYED.sub(_EDGE, low))
            other.append(i)
    return "".join(lows), "".join(parts), other


_FOUND_START, _FOUND_END = operator.itemgetter(0), operator.itemgetter(1)


def _longest_first(found: list[tuple[int, int, str, list[Target]]]) -> None:
    """Sort names found (start, end, surface, targets) by start, the longest first: by end from the last,
    then by start, the second sort keeping the first's order among equal starts (Python's sort is stable,
    `reverse` too), as one sort by (start, -length) orders them, equal spans left in their order. Two sorts
    whose keys are read in C, where the one key was a Python call per name (speed only)."""
    found.sort(key=_FOUND_END, reverse=True)
    found.sort(key=_FOUND_START)


#: Text is read in windows of about this many characters, cut after a line break.
WINDOW = 1 << 20
#: What stands before a keyed name: a word boundary character that names hold, or _EDGE for any other.
_EDGE = "\x01"
_BEFORE = (_EDGE, " ", "-", ".", ",", "&", "'", "(", ")")
#: Characters of folded English text, the most frequent first (measured on the seed articles and galaxy
#: descriptions), with _EDGE where it falls among them.
_FREQUENT = {c: i for i, c in enumerate(" etainsorclhdupmgfybvw\x01,.k-20'1zx()j34578&69q")}
#: Names holding other characters that are not part of a word are matched without the boundary key.
_RARE = re.compile(r"[^\w \-.,&'()]")
_NOT_KEYED = _RARE


def leftmost_longest(mentions: list[Mention]) -> list[Mention]:
    # by start, the longest first: as `_longest_first` sorts (two sorts by keys read in C; speed only)
    mentions.sort(key=_END, reverse=True)
    mentions.sort(key=_START)
    out: list[Mention] = []
    last = -1
    for m in mentions:
        if m.start >= last:
            out.append(m)
            last = m.end
        elif out and m.end > out[-1].end and m.start <= out[-1].start:
            out[-1] = m
            last = m.end
    return out


#: Longer names are not matched: no name of an organisation runs this long, and a key of megabytes in
#: the automaton costs memory in every later extraction (pyahocorasick keeps keys whole).
MAX_NAME = 200


def _usable(name: str) -> bool:
    if len(name) < 2 or len(name) > MAX_NAME or name.isdigit():
        return False
    if _HAN.search(name):
        return len(name) >= 2
    if len(name) <= 3 and not any(c.isupper() or c.isdigit() for c in name):
        return False  # "at", "net", "cmd"
    return bool(norm(name))


def _boundary(text: str, start: int, end: int, first: str) -> bool:
    if is_han(first):
        return True  # Chinese names need no word boundary
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_")


def _case_rule(name: str, kind: str) -> str:
    """How a name must be written in a text to count, decided once per name."""
    if _HAN.search(name):
        return "any"
    letters = [c for c in name if c.isalpha()]
    if len(name) <= 5 and letters and all(c.isupper() for c in letters):
        return "exact"  # acronyms only in capitals: "MSS", not "mss"
    if kind in _CASE_FREE_KINDS and norm(name) not in _GENERIC_SECTORS:
        return "any"
    if " " not in name.strip() and "-" not in name:
        return "capital"  # one-word names as proper nouns
    return "capital_or_exact"


def _case_ok(rule: str, name: str, surface: str) -> bool:
    if rule == "any":
        return True
    if rule == "exact":
        return surface == name
    first = surface[:1]
    return first.isupper() or first.isdigit() or (rule == "capital_or_exact" and surface == name)


# ------------------------------------------------------------------------------ names the store lacks

_CAP = r"[A-Z][\w'’&.-]*"
_COMPANY = guarded(
    re.compile(
        rf"\b((?:{_CAP}\s+){{1,6}}?(?:(?:Science\s+and\s+Technology|Network\s+Technology|Information\s+Technology|"
        r"Information\s+Security\s+Technology|Network\s+Security\s+Technology|Technology|Technologies|Information)"
        r"(?:\s+Development)?\s+)?(?:Co\.,?\s+Ltd\.?|Company,?\s+Limited|Co\.,?\s+Limited|Company|Ltd\.?|Limited|"
        r"Group,?\s+Inc(?:\.|orporated)|Inc\.|Incorporated))"
    )
)
_BUREAU = guarded(
    re.compile(
        rf"\b((?:{_CAP}\s+){{1,3}}(?:Provincial\s+|Municipal\s+)?(?:State|Public)\s+Security\s+(?:Bureau|Department))"
    )
)
_GROUP = guarded(
    re.compile(
        r"\b(APT\s?-?\d{1,3}|UNC\d{3,5}|TA\d{3,4}|Storm-\d{4}|DEV-\d{4}|FIN\d{1,3}|TEMP\.[A-Z][a-z]+|"
        r"[A-Z][a-z]+\s+(?:Panda|Typhoon|Bear|Kitten|Chollima|Spider|Blizzard|Sandstorm|Sleet|Tempest|Taurus|Ursa|"
        r"Serpens|Pisces))\b"
    )
)
_UNIT = guarded(re.compile(r"\b((?:PLA\s+)?Unit\s+\d{5})\b"))
#: Titles of a committee's members, which end its name ("Committee on Homeland Security Chairman X").
_CHAIR_WORD = r"(?:Chair(?:man|woman|person)?|Ranking|Vice|Member|Senator|Representative|Rep)\b"
_AGENCY = guarded(
    re.compile(
        rf"\b((?:{_CAP}\s+){{1,2}}Department(?!\s+of)|"
        rf"(?:{_CAP}\s+){{0,3}}(?:Department|Ministry|Office|Bureau|Agency|Administration|Commission|Directorate)"
        r"\s+of\s+(?:the\s+)?[A-Z][\w-]+(?:\s+(?:and\s+)?[A-Z][\w-]+){0,4}|"
        # a legislature's committee, named by its remit: "House Committee on Homeland Security", "Senate
        # Judiciary Subcommittee on Privacy, Technology and the Law"
        rf"(?:{_CAP}\s+){{0,3}}(?:Select\s+)?(?:Subcommittee|Committee)\s+on\s+(?:the\s+)?(?!{_CHAIR_WORD})[A-Z][\w-]+"
        rf"(?:(?:,\s+|\s+)(?:and\s+)?(?:the\s+)?(?!{_CHAIR_WORD})[A-Z][\w-]+){{0,5}})(?!\w|['’](?!s\b))"
    )
)
#: A public body named by capitalised words and the noun that heads such names, with no "of" after it
#: ("Electoral Commission", "Japan Aerospace Exploration Agency", "Security and Intelligence Service").
_BODY_HEAD = guarded(
    re.compile(
        rf"\b((?:{_CAP}(?:,\s+|\s+)(?:and\s+)?){{1,4}}"
        r"(?:Agency|Service|Commission|Council|Command|Directorate|Administration|Bureau|Authority|Centre|Center))"
        r"(?![\w'’-]|\s+(?:of|for)\b)"
    )
)
_OPERATION = guarded(re.compile(r"\b(Operation\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)\b"))
_LEADING = re.compile(r"^(?:The|A|An|This|That|These|Those|Its|Their|His|Her|Our|According|In|On|By)\s+")
#: The same words where they stand, not only at the start of a string (`match` at an offset).
_LEADING_AT = re.compile(_LEADING.pattern[1:])
#: Bodies that speak in these documents, by the names and abbreviations releases use for them: proposed
#: (under the full name) where the store does not know them, so "DoJ said" and "the FCDO sanctioned" have
#: a subject and an assertor.
BODIES: dict[str, tuple[str, ...]] = {
    "U.S. Department of Justice": ("DoJ", "DOJ", "Justice Department", "Justice Dept.", "Department of Justice"),
    "Foreign, Commonwealth and Development Office": ("FCDO", "Foreign Office"),
    "Government Communications Headquarters": ("GCHQ",),
    "National Cyber Security Centre": ("NCSC", "National Cyber Security Center"),
    "White House": (),
    "Office of Foreign Assets Control": ("OFAC",),
    "U.S. Department of the Treasury": ("Treasury Department", "Department of the Treasury"),
    "Australian Signals Directorate": ("ASD",),
}
_BODY = guarded(
    re.compile(
        r"\b("
        + "|".join(
            sorted((re.escape(n) for full, alts in BODIES.items() for n in (full, *alts)), key=len, reverse=True)
        )
        + r")(?![\w-])"
    )
)
_BODY_NAME = {n.lower(): full for full, alts in BODIES.items() for n in (full, *alts)}

PROPOSALS: list[tuple[re.Pattern[str], str]] = [
    (_BODY, "government_agency"),
    (_BUREAU, "provincial_bureau"),
    (_COMPANY, "company"),
    (_GROUP, "threat_group"),
    (_UNIT, "military_unit"),
    (_OPERATION, "operation"),
    (_AGENCY, "government_agency"),
    (_BODY_HEAD, "government_agency"),
]

#: "the Chinese government", "the PRC state": the country itself, as the party to a statement.
STATE_REFERENCE = guarded(
    re.compile(
        r"\b(?:the\s+)?(Chinese|PRC|China's|Russian|Russia's|Iranian|Iran's|North Korean|Vietnamese)\s+"
        r"(?:central\s+)?(government|state|regime|authorities|leadership)\b",
        re.I,
    )
)
STATE_CODES = {
    "chinese": "CN",
    "prc": "CN",
    "china's": "CN",
    "russian": "RU",
    "russia's": "RU",
    "iranian": "IR",
    "iran's": "IR",
    "north korean": "KP",
    "vietnamese": "VN",
}


#: The sort key of mentions by start (`attrgetter`: no Python call per mention).
_START = operator.attrgetter("start")
_END = operator.attrgetter("end")

#: No mention is longer than this (names are capped at MAX_NAME; proposals are bounded by their
#: patterns), so the mentions overlapping a span are found among those starting shortly before it.
_SPAN = 400


class Spans:
    """Mentions sorted by start, for the ones overlapping a span in logarithmic time: every pass over a
    text's mentions stays linear in the text."""

    def __init__(self, ms: list[Mention]) -> None:
        self.ms = sorted(ms, key=_START)
        self.starts = [m.start for m in self.ms]
        self._reach: list[int] | None = None

    def overlapping(self, a: int, b: int) -> list[Mention]:
        lo = bisect.bisect_left(self.starts, a - _SPAN)
        hi = bisect.bisect_left(self.starts, b)
        return [m for m in self.ms[lo:hi] if m.end > a]

    def may_hold(self, a: int, b: int) -> bool:
        """False only when no mention holds the whole of [a, b): the furthest end among the mentions starting
        at or before `a` falls short of `b`. One binary search, where `overlapping` builds a list: asked of
        every known name of a text (`_covered_by`, `mentions`), most of which no wider mention holds, it
        spares the list; a True is checked by `overlapping` as before, so the answers stay its own (speed
        only)."""
        reach = self._reach
        if reach is None:
            reach = self._reach = list(itertools.accumulate((m.end for m in self.ms), max))
        i = bisect.bisect_right(self.starts, a)
        return i > 0 and reach[i - 1] >= b


#: The kinds of the public bodies a state's adjective may stand before ("the Chinese state security ministry").
_PUBLIC_BODIES = CENTRAL_KINDS | PROVINCIAL_KINDS | {"legislature", "court"}


def _body_of_state(gazetteer: Gazetteer, text: str, m: re.Match[str], country: Mention, index: Spans) -> Mention | None:
    """ "the Chinese state security ministry", "the Chinese State Council": the words from "state" on are a
    public body's name, and with the state's adjective before them the phrase names that body, not the
    state. Written as the store writes the name (a known mention there), it is that body, as "Chinese
    Ministry of State Security" is the ministry; written in lower case, it is the body the store names
    with that state ("China's Ministry of State Security", "Ministry of State Security of China"), as
    `resolve` reads a body with its state, and a body of no such name gives a mention with no entity (the
    phrase as the text writes it), never the state alone."""
    at = gazetteer.name_at(text, m.start(2))
    if at is None or m.start(2) + at[0] <= m.end():
        return None
    end = m.start(2) + at[0]
    bodies = [t for t in at[1] if t.kind in _PUBLIC_BODIES]
    if not bodies:
        return None
    near = index.overlapping(m.start(1), end)
    if any(k.start <= m.start(1) and end <= k.end for k in near):
        return None  # a known name holds the whole phrase ("Chinese State Council Information Office")
    written = next((k for k in near if k.start == m.start(2) and k.end == end), None)
    if written is not None:
        if not any(t.kind in _PUBLIC_BODIES for t in written.targets):
            return None
        return Mention(m.start(1), end, text[m.start(1) : end], list(written.targets))
    adjective = " ".join(m.group(1).split())
    states = {adjective, country.text, f"{country.text}'s"}
    kept = []
    for t in bodies:
        own = {t.name, text[m.start(2) : end]}
        forms = {f"{w} {n}" for w in states for n in own} | {f"{n} of {country.text}" for n in own}
        forms |= {f"{n} of the {country.text}" for n in own} | {f"{n} ({country.text})" for n in own}
        if any(t.entity_id in gazetteer.names(f) for f in forms):
            kept.append(t)
    start = m.start(1)
    return Mention(start, end, text[start:end], kept, None if kept else bodies[0].kind)


#: "the US government", "the British government": any state's name or adjective of nationality before
#: "government", told by `whose` (the states STATE_REFERENCE names are read there, with their other heads). Read
#: back from each "government" (speed only: the word is rare, a pattern tried at every capital letter is not).
_GOVERNMENT_WORD = re.compile(word_start("[Gg]") + r"overnment\b")  # `\b[Gg]overnment\b`, read from its letter
_STATE_BEFORE = re.compile(
    r"\b(?:[Tt]he\s+)?((?:(?:North|South|New|Saudi|Sri|United)\s+)?[A-Z][A-Za-z]+|U\.S\.|U\.K\.)\s+$"
)
#: After "government": a hyphen ("US government-backed") or a noun it qualifies, with its possessive or a word
#: between ("US government agencies", "the British government's email systems"): the phrase is the noun's.
_QUALIFIED_AFTER = re.compile(
    r"[-‐]|(?:['’]s)?\s+(?:[a-z]+\s+)?(?:agenc|network|system|official|entit|department|employee|contractor|"
    r"website|computer|server|bod(?:y|ies)|organi[sz]ation|institution|ministr|office|account|sector|target|worker|"
    r"site|data|e-?mail|infrastructure|personnel|staff|information|domain|cloud|device|user|leader|representative|"
    r"spokes|source|document|record|file|database|contract|procurement|employ|client|customer|partner|fund|"
    r"securit|and\s+(?:private|commercial|business|industry|military))"
)


def _governments(text: str, countries: dict[str, Mention]) -> list[Mention]:
    """ "the US government conducts cyber espionage against China": a state named by its government is the
    state, a party to what the sentence says, as "the Chinese government" is China (STATE_REFERENCE). Not where
    "government" qualifies a noun after it ("US government agencies", "the British government's networks" stay
    the victims' phrase), nor before a hyphen ("US government-backed")."""
    from cyberstate.extract import whose  # whose reads mentions' Mention: imported here, not at the top

    out = []
    for g in _GOVERNMENT_WORD.finditer(text):
        before = _STATE_BEFORE.search(text, max(0, g.start() - 40), g.start())
        if before is None or _QUALIFIED_AFTER.match(text, g.end()):
            continue
        if before.group(1).lower() in STATE_CODES:
            continue  # read by STATE_REFERENCE
        code = whose.state_of(before.group(1), countries)
        country = countries.get(code) if code else None
        if country is not None:
            out.append(Mention(before.start(), g.end(), text[before.start() : g.end()], country.targets, None))
    return out


def state_references(
    text: str, countries: dict[str, Mention], known: list[Mention], gazetteer: Gazetteer | None = None
) -> list[Mention]:
    out = []
    governments = _governments(text, countries) if "overnment" in text else []  # speed only
    if governments:
        within = Spans(known)
        out += [
            g
            for g in governments
            if not any(  # inside a longer name ("US Government Accountability Office"), not the state itself
                k.start <= g.start and g.end <= k.end and k.end - k.start > g.end - g.start
                for k in within.overlapping(g.start, g.end)
            )
        ]
    index: Spans | None = None  # built at the first reference (speed only: most texts hold none)
    for m in _ANCHORS.finditer(STATE_REFERENCE, text, 0, len(text)):  # STATE_REFERENCE.finditer(text), sooner
        if index is None:
            index = Spans(known)
        country = countries.get(STATE_CODES[m.group(1).lower().replace("’", "'")])
        body = None
        if gazetteer is not None and country is not None:
            body = _body_of_state(gazetteer, text, m, country, index)
        if body is not None:
            out.append(body)
            continue
        if country is None or any(
            k.start <= m.start() and m.end() <= k.end and k.end - k.start > m.end() - m.start()
            for k in index.overlapping(m.start(), m.end())
        ):
            continue  # inside a longer name ("Chinese Government Office of ..."), not the state itself
        out.append(Mention(m.start(), m.end(), m.group(0), country.targets, None))
    return out


#: A phrase naming a state's armed forces or its intelligence services by the state ("the Taiwanese military",
#: "China's armed forces", "the Chinese intelligence services"): the state's adjective of nationality ("Chinese",
#: "North Korean", "PRC", "U.S."; an adjective told by its ending, -ese, -ian, -an, -ish, -i, -ch: the class, not a
#: list of states) or its name in the possessive ("China's", "Beijing's"), a few words that may stand between
#: ("communist", "government's"), and the head, with the kind of body it stands for (group 2: armed forces). A
#: capitalised word of the same ending that is no state's ("Such", "Each", "Human") starts none.
#: Case-sensitive: "Military" or "Intelligence" in capitals is a word of a name ("Military Intelligence Bureau").
_FORCES = re.compile(
    r"((?:(?:North|South)\s+)?(?!(?:Which|Each|Such|Much|Human|Urban|Than|Can|Plan)\b)[A-Z][a-z]+(?:ese|ian|an|ish|i|ch)|"
    r"PRC|U\.S\.|US|UK|[A-Z][a-z]+['’]s)\s+"
    r"(?:(?:communist|government['’]s|state|national|own)\s+)?"
    r"(?:(military|armed\s+forces|army)|(?:intelligence|security)\s+(?:services|agencies)|"
    r"intelligence\s+(?:service|agency)|spy\s+agenc(?:y|ies))\b"
)
#: A determiner before the state, which the phrase takes in ("the Chinese military").
_FORCES_DETERMINER = re.compile(r"\b(?:[Tt]he|[Ii]ts|[Tt]heir)\s+$")
#: After the head, what ends a phrase that names the body: a stop, a verb, a clause or a preposition, never a noun
#: the head only qualifies ("Chinese military officials" stays), nor a possessive ("the Taiwanese military's
#: cyberwarfare command" names the command, not the military).
_FORCES_END = re.compile(
    r"\s*(?:[,.;:()\"“”]|$)|\s+(?:who|which|that|was|is|are|were|has|have|had|in|for|with|and|or|as|from|"
    r"of|on|to|at|by|will|would|could|may|might|can|continues?|continued|also|not|likely|being|[a-z]+ed)\b"
)
#: A head that shares the noun of a list after it, as a modifier does: "Taiwan's military, government, and even
#: private sectors", "Beijing's military and intelligence agencies" (agencies of both).
_FORCES_SHARED = re.compile(
    r"(?:\s*,\s*|\s+(?:and|or)\s+)(?:[\w-]+,?\s+){0,5}?(?:sectors?|networks?|systems?|institutions?|targets?|"
    r"industr(?:y|ies)|organi[sz]ations?|entities|facilities|infrastructures?|agencies|services|establishments?|"
    r"units|officials|officers|personnel|companies|contractors)\b"
)
#: The kinds of known names a phrase naming a state's forces may hold: the state, and the head read as a sector.
_FORCES_INSIDE = frozenset({"country", "province", "city", "sector"})


def state_forces(text: str, known: list[Mention]) -> list[Mention]:
    """Phrases naming a state's armed forces or its intelligence services by the state, not by their own name:
    "the Taiwanese military", "China's armed forces", "Chinese intelligence services". Each is a described body
    (a military unit or an agency, no entity: which one the analyst picks), where the head alone was read as a
    sector and the phrase named no doer, employer or victim ("The Chinese military targeted X" gave nothing)."""
    out = []
    index: Spans | None = None  # built at the first phrase (speed only: most texts hold none)
    for m in _ANCHORS.finditer(_FORCES, text, 0, len(text)):  # _FORCES.finditer(text), sooner
        if not _FORCES_END.match(text, m.end()) or _FORCES_SHARED.match(text, m.end()):
            continue
        det = _FORCES_DETERMINER.search(text, max(0, m.start() - 8), m.start())
        start = det.start() if det else m.start()
        if index is None:
            index = Spans(known)
        inside = index.overlapping(start, m.end())
        if any(not k.kinds() <= _FORCES_INSIDE or k.start < start or k.end > m.end() for k in inside):
            continue  # a name's own words ("Ministry of State Security intelligence agency")
        kind = "military_unit" if m.group(2) else "government_agency"
        out.append(Mention(start, m.end(), text[start : m.end()], [], kind))
    return out


#: Each match of a proposal holds one of a few literal words as the pattern writes them ("Security" of "...
#: State Security Bureau", "Co., Ltd.", "Ministry", "Operation") and a bounded number of runs of white
#: space, so each is tried only at the capital letters that many runs before one of its words
#: (extract/guards.py, `AnchorScan`: one Aho–Corasick pass per text finds the words; speed only, the matches
#: of `finditer`). A pattern of capitalised words has no leading words, and `re` tried it at every capital
#: letter of the text; a text holding none of a pattern's words is not read for it at all. The same for a
#: reference to a state ("the Chinese government"), read only before "government", "state"...: it starts
#: with "the", which stands everywhere.
_ANCHORS = AnchorScan([p for p, _ in PROPOSALS] + [STATE_REFERENCE, _FORCES])


#: The patterns `propose` reads each proposal with (compiled once: speed only).
_POSSESSIVE_S = re.compile(r"['’]s\s+")
_POSSESSIVE = ("'s", "’s")
_CAPITAL_AFTER = re.compile(r"\s+[A-Z]")
#: The kinds of known names that are also words inside longer names ("Information, Communications and
#: Electronic Force Command"): before a comma they start no list.
_WORDS_OF_NAMES = frozenset({"sector"})
#: A comma after a known name, then a capitalised word of two or more: the known name is an item of a list.
_COMMA_NAME = re.compile(r",\s+[A-Z](?=\S*\s+\S)")
_AND_NAME_END = re.compile(r"\s+and\s+[A-Z][\w-]+$")
_OF_NEXT = re.compile(r"\s+of\b")
_MUNICIPAL = re.compile(r"\bMunicipal\b")
_LEAD_NATION = re.compile(r"(?:Chinese|China['’]s|PRC['’]?s?|U\.S\.|US|UK)\s+")


#: Where a sentence may end inside a proposed name: a full stop, question or exclamation mark (and a closing
#: quote or bracket) before white space and a capital or digit, or a blank line.
_STOP = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n[ \t]*\n\s*")
#: The word a full stop ends, read back from it.
_WORD_BEFORE = re.compile(r"[A-Za-z][A-Za-z.]*$")
_MAYBE_STOP = re.compile(r"[.!?]|\n[ \t]*\n")


def _one_sentence(pattern: re.Pattern[str], matches: Iterable[re.Match[str]], text: str) -> Iterable[tuple[int, int]]:
    """The spans of group 1 of the matches, each kept within one sentence: a capitalised word may end
    with a full stop ("Milan. The Guangzhou Public Security Bureau"), and a name never runs across a
    sentence end or a blank line, so a match that does is read again in each of its sentences. The full
    stop of an abbreviation ("Co.", "Ltd.", "U.S.", an initial) ends no sentence, unless a word that
    starts sentences and never names follows it ("... in the U.S. The Guangzhou ...")."""
    for m in matches:
        start, end = m.start(1), m.end(1)
        if not _MAYBE_STOP.search(text, start, end):
            yield start, end  # speed only: most names hold no full stop
            continue
        parts: list[tuple[int, int]] = []
        a = start
        for stop in _STOP.finditer(text, start, end):
            if text[stop.start()] == ".":
                word = _WORD_BEFORE.search(text, max(start, stop.start() - 12), stop.start())
                w = word.group() if word else ""
                if (len(w) == 1 or "." in w or w.lower() in ABBREVIATIONS) and not _LEADING_AT.match(text, stop.end()):
                    continue
            parts.append((a, stop.start()))
            a = stop.end()
        if not parts:
            yield start, end
            continue
        parts.append((a, end))
        for a, b in parts:
            for again in pattern.finditer(text, a, b):
                yield again.start(1), again.end(1)


def propose(text: str, known: list[Mention]) -> list[Mention]:
    """Names that look like organisations or group names and overlap no known mention."""
    found: list[Mention] = []
    index = Spans(known)
    for pattern, kind in PROPOSALS:
        for start, end in _one_sentence(pattern, _ANCHORS.finditer(pattern, text, 0, len(text)), text):
            surface = text[start:end]
            lead = _LEADING.match(surface)
            if lead:
                start += lead.end()
                surface = text[start:end]
            if pattern is _AGENCY and " of the " in surface and text.startswith(_POSSESSIVE, end):
                continue  # "the Second Bureau of the PLA's Third Department": the bureau of the department
            poss = list(_POSSESSIVE_S.finditer(surface)) if "s" in surface else []
            if poss and kind != "company":
                start += poss[-1].end()  # "the MSS's Hubei State Security Department": the possessor is its own name
                surface = text[start:end]
            listed = [
                k
                for k in index.overlapping(start, end)
                if k.start == start and _COMMA_NAME.match(text, k.end, end) and not k.kinds() <= _WORDS_OF_NAMES
            ]
            if listed:  # "the FBI, Naval Criminal Investigative Service": a known name ends a list's item
                start = _COMMA_NAME.match(text, listed[0].end, end).end() - 1  # type: ignore[union-attr]
                surface = text[start:end]
            head = [
                k
                for k in index.overlapping(start, end)
                if k.start == start
                and k.end < end
                and _CAPITAL_AFTER.match(text, k.end, end)
                and k.kinds() & {"ministry", "government_agency", "state_organ", "party_organ"}
            ]
            if (
                head
                and kind in {"provincial_bureau", "government_agency"}
                and " " in text[head[0].end + 1 : end].strip()
            ):
                # "MSS Hainan State Security Department": the ministry, then its bureau; not "Treasury
                # Department", one name, the noun heading it after the known body
                start = head[0].end + 1
                surface = text[start:end]
            tail = _AND_NAME_END.search(surface) if "and" in surface else None
            if tail and _OF_NEXT.match(text[end : end + 4]):
                end -= len(tail.group())  # "Ministry of Public Security and Ministry of State Security": two names
                surface = text[start:end]
            if kind == "company" and len(surface.split()) < 2:
                continue
            if pattern is _BODY_HEAD:
                known_end = any(k.end == end and " " in k.text for k in index.overlapping(start, end))
                if len(surface.split()) < 2 or known_end:
                    continue  # "United States National Security Agency": the known body, with words before it
            municipal = kind == "provincial_bureau" and _MUNICIPAL.search(surface)
            kind_here = "municipal_bureau" if municipal else kind
            lead_nation = _LEAD_NATION.match(surface)
            near = index.overlapping(start, end)
            # the known country a name starts with, or ends the name of ("the People's Republic of China
            # Ministry of State Security"): the words after it are the body
            after = lead_nation.end() + start if lead_nation else None
            for k in near if after is None else ():
                if k.start <= start < k.end < end and text[k.end] == " " and "country" in k.kinds():
                    after = k.end + 1
            if after is not None and any(k.start == after and k.end >= end for k in near):
                continue  # "Chinese Ministry of State Security" is the ministry the store knows
            if near:
                # a known name inside a longer unknown one ("Hubei" in "Hubei ... Company"): the longer wins
                if not any(k.start <= start and end <= k.end for k in near) and kind != "threat_group":
                    canonical = _BODY_NAME.get(surface.lower()) if pattern is _BODY else None
                    found.append(Mention(start, end, surface, [], kind_here, canonical))
                continue
            canonical = _BODY_NAME.get(surface.lower()) if pattern is _BODY else None
            found.append(Mention(start, end, surface, [], kind_here, canonical))
    return leftmost_longest(found)


_COMPANY_TAIL = re.compile(
    r"(?:\s+(?:Network|Information|Science|and|Technology|Technologies|Development|Security|Group|Holdings))*"
    r"(?:,?\s+(?:Co\.,?\s+Ltd\.?|Company,?\s+Limited|Co\.,?\s+Limited|Company|Ltd\.?|Limited|Inc\.|Incorporated|"
    r"Corporation|Corp\.))?"
)


def _extend_companies(text: str, known: list[Mention]) -> list[Mention]:
    """A known company named with more of its legal name ("Chengdu 404" + " Network Technology", "Integrity
    Technology Group" + ", Inc."): the mention covers the whole name."""
    out = []
    for _i, k in enumerate(known):
        if k.kinds() & {"company", "front_company"}:
            tail = _COMPANY_TAIL.match(text, k.end)
            end = tail.end() if tail else k.end
            while end > k.end and text[end - 4 : end] == " and":
                end -= 4
            if end > k.end:
                k = Mention(k.start, end, text[k.start : end], k.targets, k.proposed_kind)
        out.append(k)
    kept: list[Mention] = []
    for k in out:
        if not kept or not (kept[-1].start < k.start < kept[-1].end):
            kept.append(k)
    return kept


def _covered_by(known: list[Mention], wider: list[Mention]) -> list[Mention]:
    """`known` with `wider` read over it (references to a state, a state's forces): a known name lying inside
    one of `wider` gives way to it, the rest kept leftmost-longest with them."""
    inside = Spans(wider)
    return leftmost_longest(
        [
            k
            for k in known
            if not (
                inside.may_hold(k.start, k.end)
                and any(s.start <= k.start and k.end <= s.end for s in inside.overlapping(k.start, k.end))
            )
        ]
        + wider
    )


def mentions(
    gazetteer: Gazetteer,
    text: str,
    countries: dict[str, Mention] | None = None,
    defined: dict[str, Mention] | None = None,
) -> list[Mention]:
    """Every mention of a text (`defined`: abbreviations defined earlier in the same document, when the
    text is one window of it; updated with the ones this text defines)."""
    known = _extend_companies(text, gazetteer.find(text))
    states = state_references(text, countries, known, gazetteer) if countries else []
    if states:  # speed only: with no reference to a state, `known` (sorted, disjoint) is kept as it is
        known = _covered_by(known, states)
    forces = state_forces(text, known)
    if forces:  # speed only, as for the states
        known = _covered_by(known, forces)
    new = propose(text, known)
    known, new = _abbreviations(text, known, new, {} if defined is None else defined, gazetteer)
    if not new:
        return sorted(known, key=_START)  # speed only: no proposed name can hide a known one
    longer = Spans(new)
    keep = [
        k
        for k in known
        if not (
            longer.may_hold(k.start, k.end)
            and any(
                n.start <= k.start and k.end <= n.end and (n.end - n.start) > (k.end - k.start)
                for n in longer.overlapping(k.start, k.end)
            )
        )
    ]
    return sorted(keep + new, key=_START)


_DEFINED = re.compile(r"\(([A-Z][A-Z&]{1,7})\)")


def _initials(name: str) -> str:
    return "".join(
        w[0] for w in re.findall(r"[A-Za-z]+", name) if w[0].isupper() or w.lower() not in {"of", "and", "the", "for"}
    )


def _nearest_name(gazetteer: Gazetteer, text: str, full: Mention, abbr: str) -> Mention | None:
    """The known name at the end of a longer one whose initials are the abbreviation's: in "the Hubei
    provincial branch of China's Ministry of State Security (MSS)" the brackets follow the ministry's
    name, the nearest before them, and MSS is the ministry, not the branch. None where the words with
    those initials are no name of the store."""
    for word in reversed(list(re.finditer(r"[A-Za-z]+", full.text))):
        tail = full.text[word.start() :]
        if _initials(tail).upper() == abbr:
            hits = gazetteer.find(tail)
            if len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(tail):
                if {t.entity_id for t in full.targets} & {t.entity_id for t in hits[0].targets}:
                    return None  # the same body, named more closely ("China's Ministry of State Security")
                at = full.start + word.start()
                return Mention(at, full.end, text[at : full.end], list(hits[0].targets))
            return None
    return None


def _abbreviations(
    text: str,
    known: list[Mention],
    new: list[Mention],
    defined: dict[str, Mention],
    gazetteer: Gazetteer | None = None,
) -> tuple[list[Mention], list[Mention]]:
    """Abbreviations as the document defines them: after "Hainan State Security Department (HSSD)", HSSD
    in this document is that department, whatever else the store calls HSSD; after a longer phrase, the
    name nearest the brackets that the abbreviation's letters spell, where the store knows it."""
    every = Spans(known + new)
    for d in _DEFINED.finditer(text):
        full = next(
            (
                m
                for m in reversed(every.overlapping(d.start() - 3, d.start()))
                if m.end <= d.start() and d.start() - m.end <= 2
            ),
            None,
        )
        if full is None or full.text == d.group(1):
            continue
        abbr = d.group(1).replace("&", "")
        initials = _initials(full.text).upper()
        if initials.endswith(abbr):
            if initials != abbr and gazetteer is not None:
                full = _nearest_name(gazetteer, text, full, abbr) or full
            defined.setdefault(d.group(1), full)
    if not defined:
        return known, new
    out_known, out_new = [], list(new)
    for k in known:
        full = defined.get(text[k.start : k.end])
        if full is not None and k.start > full.end:
            out_new.append(
                Mention(k.start, k.end, text[k.start : k.end], list(full.targets), full.proposed_kind, full.text)
            )
            continue
        out_known.append(k)
    taken = Spans(out_known + out_new)
    uses = _uses(text, list(defined))
    for abbr, full in defined.items():
        for start, end in uses[abbr]:
            if start > full.end and not taken.overlapping(start, end):
                out_new.append(Mention(start, end, abbr, list(full.targets), full.proposed_kind, full.text))
    return out_known, out_new


def _uses(text: str, abbreviations: list[str]) -> dict[str, list[tuple[int, int]]]:
    """Where each abbreviation stands as a word: one pass over the text for all of them (a document may
    define hundreds), and a pass of its own for one that can overlap another (a part of another, or
    holding "&"), so each is found wherever a search for it alone finds it."""
    alone = [a for a in abbreviations if "&" in a or any(a != b and a in b for b in abbreviations)]
    uses: dict[str, list[tuple[int, int]]] = {a: [] for a in abbreviations}
    together = [a for a in abbreviations if a not in alone]
    if together:
        words = "|".join(sorted(map(re.escape, together), key=len, reverse=True))
        first = "".join(sorted({re.escape(a[0]) for a in together}))  # a guard (extract/guards.py): the same matches
        for m in re.finditer(rf"(?=[{first}])\b({words})\b", text):
            uses[m.group(1)].append((m.start(), m.end()))
    for a in alone:
        uses[a] = [(m.start(), m.end()) for m in re.finditer(rf"\b{re.escape(a)}\b", text)]
    return uses
