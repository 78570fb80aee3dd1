"""Whose body a generic name is, read from the state the text gives it.

Many states have a "Ministry of Defence", a "Military Intelligence" or an "Intelligence Bureau", and the store
knows some of them by that bare name (the MISP galaxy's "Military Intelligence (Pakistan)", "Ministry of Defence
(Austria)"): the name alone matched the first of them, so "Russian Military Intelligence" was read as Pakistan's
and "the Ministry of Defence of India" as Austria's. Where the text ties the name to a state (its adjective of
nationality or its name in the possessive before the name, "of" and its name after), the bodies of other states
are dropped; when none of the store's bodies of that name is that state's, the phrase names a body the store does
not know, and it is proposed as one for the analyst to pick, the state's word included. With no state beside the
name, its sentence, then its document, may name the state of one of its bodies (`by_context`: "the National Security
Bureau" of a report on Taiwan); where neither names one, the name reads as before.
"""

from __future__ import annotations

from collections.abc import Callable

from cyberstate.extract import rx as re
from cyberstate.extract.mentions import Mention
from cyberstate.model.rules import BODY_KINDS

#: The word before a name that may give its state: an adjective of nationality or a state's name in the
#: possessive, one or two capitalised words ("North Korean", "Russia's", "the PRC's").
_BEFORE = re.compile(r"\b((?:(?:North|South|New|Saudi|Sri)\s+)?[A-Z][A-Za-z]+|PRC|U\.S\.)(['’]s)?\s+$")
#: "of" and the state after the name ("the Ministry of Defence of India").
_OF = re.compile(r"\s+of\s+(?:the\s+)?")
#: Adjectives of nationality that do not begin with their state's name.
_IRREGULAR = {
    "american": "US",
    "british": "GB",
    "danish": "DK",
    "dutch": "NL",
    "filipino": "PH",
    "finnish": "FI",
    "french": "FR",
    "greek": "GR",
    "irish": "IE",
    "polish": "PL",
    "prc": "CN",
    "saudi": "SA",
    "spanish": "ES",
    "swiss": "CH",
    "thai": "TH",
    "turkish": "TR",
    "u.s.": "US",
    "uk": "GB",
    "us": "US",
}
#: First words of states' names that name no state alone ("South" of "South Korea").
_SHARED_FIRST = frozenset({"united", "north", "south", "new", "saudi", "central", "dominican", "east", "el"})

#: The states' names of the last `countries` read, kept with it (a command reads one; holding the dict itself, not
#: its id, so a new dict is never taken for an old one).
_LAST: list[tuple[dict[str, Mention], list[tuple[str, str]]]] = []


def _names(countries: dict[str, Mention]) -> list[tuple[str, str]]:
    """(a state's name in lower case, its code), and the first word of a longer name ("russian" of "russian
    federation"), the longest first, so "australia" is tried before "austria"."""
    if _LAST and _LAST[0][0] is countries:
        return _LAST[0][1]
    pairs = []
    for code, m in countries.items():
        name = m.text.lower().split(",")[0].strip()
        pairs.append((name, code))
        first = name.split()[0]
        if first != name and first not in _SHARED_FIRST and len(first) >= 5:
            pairs.append((first, code))
    got = sorted(pairs, key=lambda x: -len(x[0]))
    _LAST[:] = [(countries, got)]
    return got


def state_of(word: str, countries: dict[str, Mention]) -> str | None:
    """The code of the state a word of nationality names: its name ("Russia" of "Russia's"), an adjective that
    begins with the name ("Iranian", "Pakistani", "North Korean"), or one that begins with the name less its
    last letter or two ("Chinese", "Italian", "Czech" of "Czechia", "Norwegian"); a few that do neither
    ("French", "Dutch") are listed. None for a word that names no state ("The", "Former")."""
    low = " ".join(word.lower().split())
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    names = _names(countries)
    for name, code in names:
        if low.startswith(name) and len(low) - len(name) <= 4:
            return code
    for name, code in names:
        cut = len(name) - (1 if len(name) <= 5 else 2)
        if cut >= 4 and " " not in name and low[:cut] == name[:cut] and len(low) <= len(name) + 4:
            return code
    return None


def settle(text: str, found: list[Mention], states: dict[str, str], countries: dict[str, Mention]) -> list[Mention]:
    """The mentions with each generic name of a state's body read as the body of the state the text gives it.
    `states`: entity id -> the code of the state the entity belongs to, where the store says so."""
    if not states:
        return found
    out: list[Mention | None] | None = None  # a copy, made at the first change (most texts need none)
    for i, m in enumerate(found):
        if not m.targets or any(t.kind not in BODY_KINDS for t in m.targets):
            continue  # a group, a company, a place: a name of one thing, whatever state the text gives it
        if not any(t.entity_id in states for t in m.targets):
            continue
        code, start, end = None, m.start, m.end
        before = _BEFORE.search(text, max(0, m.start - 30), m.start)
        if before is not None:
            code = state_of(before.group(1), countries)
            if code is not None and (i == 0 or found[i - 1].end <= before.start()):  # a word of no other name
                start = before.start()
        after = _OF.match(text, m.end) if code is None else None
        nxt = found[i + 1] if after is not None and i + 1 < len(found) else None
        if nxt is not None and nxt.start == after.end():  # type: ignore[union-attr]
            state = stand_in(countries, next((t.entity_id for t in nxt.targets if t.kind == "country"), None))
            code = state[0] if state is not None else None
            end = nxt.end
        if code is None:
            continue
        same = [t for t in m.targets if states.get(t.entity_id) == code]
        if len(same) == len(m.targets):
            continue
        if out is None:
            out = list(found)
        unknown = [t for t in m.targets if t.entity_id not in states]
        if same or unknown:  # the body of that state, or one of no known state: the others are dropped
            out[i] = Mention(m.start, m.end, m.text, same or unknown, m.proposed_kind, m.canonical)
        else:  # another state's body the store does not know by this name: proposed, with its state's words
            out[i] = Mention(start, end, text[start:end], [], m.targets[0].kind)
            if end > m.end:
                out[i + 1] = None  # "of India" is part of the body's name, not a mention of its own
    return found if out is None else [m for m in out if m is not None]


#: A word that may name a state in the text around a name: a state's name or adjective, one or two capitalised words
#: ("Taiwan", "Taiwanese", "South Korean", "United States"), or "PRC" / "U.S.".
_STATE_WORD = re.compile(r"\b(?:(?:North|South|New|Saudi|Sri|United)\s+)?[A-Z][A-Za-z]+|\bPRC\b|\bU\.S\.")
#: What `state_of` gave each such word, for the last `countries` read (as `_LAST`).
_WORDS: list[tuple[dict[str, Mention], dict[str, str | None]]] = []


def _named(text: str, a: int, b: int, countries: dict[str, Mention]) -> set[str]:
    """The codes of the states text[a:b] names by a word of their own (name, adjective or possessive)."""
    if not (_WORDS and _WORDS[0][0] is countries):
        _WORDS[:] = [(countries, {})]
    seen = _WORDS[0][1]
    out = set()
    for w in _STATE_WORD.finditer(text, a, b):
        word = w.group(0)
        code = seen.get(word, "")
        if code == "":
            code = seen[word] = state_of(word, countries)
        if code is not None:
            out.add(code)
    return out


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The stretch of text around a mention up to the nearest stop or line break on either side."""
    a = max(text.rfind(". ", 0, start) + 1, text.rfind("\n", 0, start) + 1)
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return a, (min(stops) if stops else len(text))


def named_states(text: str, countries: dict[str, Mention]) -> set[str]:
    """The codes of the states a whole text names by a word of their own."""
    return _named(text, 0, len(text), countries)


def by_context(
    text: str,
    found: list[Mention],
    states: dict[str, str],
    countries: dict[str, Mention],
    document: Callable[[], set[str]] | None = None,
) -> list[Mention]:
    """The mentions with each name the store gives to bodies of several states ("National Security Bureau":
    Taiwan's, Slovakia's and Yemen's) and that no state's word stands beside (`settle`) read as the body of the
    one state among them that its sentence names, else that the document names: in a report on Taiwan, "the
    National Security Bureau (NSB)" and its NSB are Taiwan's bureau. Only a name first read as another state's body
    changes (bodies of no known state are kept beside the one chosen); where the sentence or the document names
    none of those states, or more than one, the name reads as before. `document`: the states the whole document
    names, asked for at most once (a window of a long text reads as the whole text does); by default `text`'s."""
    if not states:
        return found
    out: list[Mention] | None = None
    whole: set[str] | None = None
    for i, m in enumerate(found):
        if len(m.targets) < 2 or any(t.kind not in BODY_KINDS for t in m.targets):
            continue
        codes = {states[t.entity_id] for t in m.targets if t.entity_id in states}
        if len(codes) < 2:
            continue
        a, b = _sentence(text, m.start, m.end)
        here = _named(text, a, b, countries) & codes
        if not here:
            if whole is None:
                whole = document() if document is not None else named_states(text, countries)
            here = whole & codes
        if len(here) != 1:
            continue
        code = next(iter(here))
        if states.get(m.targets[0].entity_id, code) == code:
            continue  # read as that state's body already
        kept = [t for t in m.targets if states.get(t.entity_id, code) == code]
        if out is None:
            out = list(found)
        out[i] = Mention(m.start, m.end, m.text, kept, m.proposed_kind, m.canonical)
    return found if out is None else out


def stand_in(countries: dict[str, Mention], entity_id: str | None) -> tuple[str, Mention] | None:
    """The code and the stand-in mention (core.country_mentions) of the state an entity id names, if it is one."""
    if entity_id is None:
        return None
    return next(((code, m) for code, m in countries.items() if m.targets and m.targets[0].entity_id == entity_id), None)
