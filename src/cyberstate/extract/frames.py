"""Statements in the wording of government releases, indictments, advisories and news: who stands behind
whom, named or described.

A sentence is read as a row of slots: the names found in it and the noun phrases that describe an actor
without naming it ("a Chinese state-affiliated entity", "two officers", "hackers backed by the Chinese
government"). A statement is a pair of slots whose gap is one of the frames below ("X, identified as
working for Y", "Y were behind X", "X was compromised by Y", "Y employee X", "X, a provincial arm of Y").
Passive frames swap the roles back, so "the systems were compromised by an entity" says the entity
targeted the systems. A described slot stays a candidate without an entity: the analyst picks it.

Why patterns over the gap between two slots rather than a parser: the names are known (the gazetteer)
and the frames are few and fixed in this register; a gap pattern is exact about roles and voice, and it
costs one regular-expression match per pair of neighbouring slots, so extraction stays linear in the text.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial

from cyberstate.extract import phrases, roles
from cyberstate.extract import rx as re
from cyberstate.extract.guards import JOINT, WordScan, guarded
from cyberstate.extract.language import DEMONYMS
from cyberstate.extract.mentions import Mention
from cyberstate.extract.people import POST_ASIDE, POST_FIELD, POST_WORDS, TITLES
from cyberstate.extract.sieve import RULES, Sieve
from cyberstate.model.rules import FIRM_KINDS, PROVINCIAL_KINDS
from cyberstate.model.vocab import KIND_CLASSES, PREDICATES

#: Heads of noun phrases that describe an actor, with the kind the described thing stands for.
HEADS: dict[str, str] = {}
for _words, _kind in (
    (
        "hackers hacker actors actor group groups entity operators cyber-criminals cybercriminals spies cyberspies "
        "hackers-for-hire mercenaries apt attackers attacker intruders adversaries adversary",
        "threat_group",
    ),
    (
        "individuals individual nationals national officers officer officials official employees employee members "
        "member defendants defendant men man woman women suspects agents persons people affiliates duo pair trio "
        "prosecutors authorities",
        "person",
    ),
    ("company companies firm firms contractors contractor", "company"),
    ("organisations organizations organisation organization", "other_organisation"),
    (
        "attack attacks hack hacks campaign campaigns operation operations intrusions intrusion incidents sabotage "
        "incident breach breaches activity activities cyberattack cyberattacks cyber-attack cyber-attacks ecosystem "
        "espionage cyberespionage attempts attempt hacking",
        "operation",
    ),
    ("indictment indictments", "indictment"),
    ("jury", "court"),
    ("agency agencies", "government_agency"),
):
    for _w in _words.split():
        HEADS[_w] = _kind

#: What may follow "a Chinese national" when it names a person: an end, a verb, a clause or a preposition.
_NATIONAL_END = re.compile(
    r"\s*(?:[,.;:()]|$)|\s+(?:who|was|is|has|had|in|for|with|and|as|accused|charged|named|from|living|"
    r"residing|believed|alleged|allegedly|of|on|to|at|by)\b"
)
_DET = r"(?:the|a|an|these|those|some|several|all|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)"
_MOD = r"(?:[a-z][\w'’.-]*|Chinese|China|China's|PRC|Beijing|Beijing's|Beijing-linked|Malaysian|US|U\.S\.|UK)"
_STOP = {
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "by",
    "of",
    "to",
    "for",
    "with",
    "and",
    "or",
    "that",
    "which",
    "who",
    "in",
    "on",
    "at",
    "from",
    "said",
    "says",
    "as",
    "against",
    "after",
    "before",
    "will",
    "would",
    "could",
    "may",
    "might",
    "also",
    "into",
    "over",
    "including",
    "such",
    "than",
    "not",
    "it",
    "its",
    "their",
    "his",
    "her",
    "they",
    "we",
    "our",
    "charged",
    "charging",
    "charges",
    "indicted",
    "sanctioned",
    "sanctioning",
    "blamed",
    "accused",
    "targeting",
    "targeted",
    "named",
    "identified",
    "include",
    "includes",
    "announced",
    "unsealed",
    "say",
    "use",
    "uses",
    "used",
    "via",
    # a preposition or conjunction opening the sentence or a clause is no modifier ("Like other Iran-based actors, the
    # target scope ...", "Despite Chinese hackers' ...")
    "like",
    "unlike",
    "despite",
    "although",
    "though",
    "unless",
    "until",
    "whereas",
    "amid",
    "among",
    "during",
    "between",
    "about",
    "if",
    "when",
    "because",
    "while",
    "whether",
    # a question word opens a clause of its own ("how this actor operates"): the phrase starts after it
    "how",
    "why",
    "where",
    "there",
    "here",
    "then",
    "so",
    "today",
    "yesterday",
    "began",
    "became",
    "made",
    "took",
    "stole",
    "ran",
    "led",
    "sent",
    "set",
    "found",
    "gave",
    "got",
    "held",
    "kept",
    "left",
    "lost",
    "paid",
    "saw",
    "sold",
    "told",
    "won",
    "wrote",
    "built",
    "out",
    "behind",
    "up",
    "off",
    "down",
    "away",
    "back",
    # verbs of a present tense that would read as modifiers ("Prosecutors tie two hackers to X")
    "tie",
    "link",
    "connect",
    "charge",
    "indict",
    "sanction",
    "accuse",
    "blame",
}
_NP = re.compile(
    rf"\b(?:{_DET}\s+)?(?:{_MOD}\s+){{0,5}}?({'|'.join(sorted(map(re.escape, HEADS), key=len, reverse=True))})\b",
)
_NATIONAL = re.compile(r"\b(?:Chinese|China|PRC|Beijing)(?:['’]s)?\b|\bChina-|\bBeijing-|\bPRC-")
_STATE = guarded(re.compile(r"\bstate|government|regime|communist", re.I))
#: A nationality compound that says who stands behind an actor: "PRC-affiliated", "China-backed", "China-linked".
_STATE_COMPOUND = re.compile(
    r"\b(?:China|Chinese|PRC|Beijing)-(affiliated|backed|sponsored|supported|directed|linked|nexus|tied|connected|"
    r"aligned)\b",
    re.I,
)


class Slot:
    """A name or a described phrase of a sentence, as the frames read it. Its span is copied from its
    mention when it is made (no mention changes its span while the frames read a sentence): the frames
    read `start` and `end` a few hundred thousand times a megabyte, and an attribute costs less than a
    property (speed only)."""

    __slots__ = ("_kinds", "described", "end", "mention", "start")

    def __init__(self, mention: Mention, described: bool) -> None:
        self.mention = mention
        self.described = described
        self.start = mention.start
        self.end = mention.end
        self._kinds: frozenset[str] | None = None

    def kinds(self) -> frozenset[str]:
        # kept on the slot: the rules ask it of every slot, a few hundred thousand times a megabyte, and a
        # mention's kinds never change (speed only)
        k = self._kinds
        if k is None:
            k = self._kinds = self.mention.kinds()
        return k


_HEAD = guarded(re.compile(rf"\b({'|'.join(sorted(map(re.escape, HEADS), key=len, reverse=True))})\b", re.I))
#: Number words, written as words (a determiner of a noun phrase; "five Chinese nationals").
_NUMBERS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"}
_DETS = {
    "this",
    "the",
    "a",
    "an",
    "these",
    "those",
    "some",
    "several",
    "all",
    "other",
    "more",
    "many",
    "most",
    *_NUMBERS,
}
_NATIONS = {"chinese", "china", "prc", "beijing", "malaysian", "us", "u.s.", "uk", "american", "british"}
#: The other nationality adjectives that state an attribution, read as modifiers of an actor's phrase only:
#: "Iranian cyber actors" is one phrase, as "Chinese hackers" is, not "cyber actors" cut from its nationality
#: ("Iranian organizations", "Iranian operations" name victims and deeds, read as before).
_ACTOR_NATIONS = frozenset(w for w in DEMONYMS if " " not in w and "-" not in w) - _NATIONS
_ACTOR_KINDS = frozenset({"threat_group", "person"})
_KEEP_ED = {
    "state-affiliated",
    "alleged",
    "suspected",
    "accused",
    "indicted",
    "charged",
    "unnamed",
    "unidentified",
    "sophisticated",
    "advanced",
    "skilled",
    "organized",
    "organised",
    "experienced",
    "coordinated",
}


#: The patterns `_modifier` reads each word with, compiled once (speed only).
_ABBREVIATION_WORD = re.compile(r"\([A-Z]{2,5}\)")
_PLACE_COMPOUND = re.compile(r"-(?:based|linked|backed|sponsored|affiliated|aligned|nexus|supported|state)$")
_PLAIN_WORD = re.compile(r"[\w'’.&-]+")
#: Only the possessive ending comes off a nation word ("China's", "Britain’s"): the final "s" of "US" stays.
_POSSESSIVE_END = re.compile(r"['’]s?$")


# Pure, and the words read before head words repeat ("Chinese", "state-sponsored"): kept (speed only).
@lru_cache(maxsize=8192)
def _modifier(word: str, head_kind: str) -> bool:
    w = word.lower().strip(",")
    if w.endswith("ly") and w not in {"likely", "early", "only"}:
        return False  # an adverb belongs to the verb
    if w in {"hacking", "spying"} and head_kind not in {"threat_group", "operation"}:
        return False  # "hacking video game companies": a verb and its object
    if w in _KEEP_ED and w not in {"indicted", "charged"} and word[0].islower():
        return True  # "the accused individuals", "a sophisticated group": an adjective, never the verb of the clause
    if head_kind == "threat_group" and _ABBREVIATION_WORD.fullmatch(word):
        return True  # "a Chinese-state advanced persistent threat (APT) actor": the abbreviation of its words
    if not w or w in _STOP or word.endswith(",") or w.startswith("("):
        return False
    if word[0].isupper() and _PLACE_COMPOUND.search(w):
        return True  # "China-based", "Beijing-linked": a modifier whatever the place
    if head_kind in _ACTOR_KINDS and word[0].isupper() and w in _ACTOR_NATIONS:
        return True  # "Iranian cyber actors", "a Pakistani threat actor"
    if word[0].isupper() and _POSSESSIVE_END.sub("", w) not in _NATIONS:
        return False  # a capitalised word is a name or starts the sentence
    if w.endswith("s") and "-" not in w and not w.endswith(("ous", "ss", "'s", "’s", "ics")) and w not in _NATIONS:
        return False  # "holds", "calls": a verb, or a plural noun that heads its own phrase
    if w.endswith("ed") and "-" not in w and w not in _KEEP_ED:
        return False  # a verb ("compromised"), not an adjective
    if w.endswith("ing") and "-" not in w and w not in {"hacking", "spying"}:
        return False
    return bool(_PLAIN_WORD.fullmatch(word))


#: A described head followed by a name of these kinds describes that name, and a described group or company
#: renames a name of these kinds ("Leviathan is a Chinese state-sponsored group", "X Co. Ltd., a company with
#: ties to Y": `_corefer`).
_NAMED_NEXT = {"threat_group": frozenset({"threat_group"}), "company": FIRM_KINDS}
#: Kinds of the names a deed may be named by ("the Microsoft Exchange hack", "the SolarWinds campaign").
_TARGET_NAMES = frozenset({"system", "facility", "sector", "event"})
_AGENCIES = frozenset({"government_agency", "legislature", "ministry"})
_ON_TARGET = re.compile(r"\s+(?:on|against)\s+(?:the\s+)?")
_PLAIN_TARGET = re.compile(
    r"(?:[a-z][\w-]*\s+){0,3}(?:agency|ministry|office|department|parliament|commission|network|networks|"
    r"servers|systems)\b|"
    # a body's title the store does not know ("the Federal Agency for Cartography and Geodesy")
    r"(?:[A-Z][\w'’-]*\s+){0,3}(?:Agency|Ministry|Office|Department|Parliament|Commission)"
    r"(?:\s+(?:for|of)\s+[A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z][\w'’-]*){0,3})?"
)

_TOKEN = re.compile(r"[^\s\"“”]+")


#: The last sentence `described` read: (text, start, end, the names given, the phrases found). The relation
#: step asks it twice of most sentences that have a forward cue (relations.py's described actors, then the
#: frames), with the same names: the second time gets copies of the first answer (speed only).
_LAST_DESCRIBED: list[tuple[str, int, int, list[Mention], list[Mention]]] = []


def described(text: str, s: int, e: int, named: list[Mention], possible: set[int] | None = None) -> list[Mention]:
    """Noun phrases of one sentence that describe an actor, a person, a company or a deed (`possible`: the
    patterns that may match in the sentence, from extract/sieve.py)."""
    if possible is not None and id(_HEAD) not in possible:
        return []  # no head word in the sentence
    if _LAST_DESCRIBED:
        t, s0, e0, names, found = _LAST_DESCRIBED[0]
        # the same text, sentence and name objects (kept alive here, so no other object has their id): the
        # same phrases, as new objects, since a caller may keep or change what it gets
        if t is text and s0 == s and e0 == e and len(names) == len(named) and all(map(operator.is_, names, named)):
            return _copies(found)
    if text.find("\n", s, e) < 0 and phrases.headline(text, s):
        # "China-Backed Hackers Backdoor ...": a title-case headline read as plain text (its names kept as
        # written), the phrases given back in its own words; a headline the sentence runs on from (no stop
        # ends it) is left as it is, since its phrases would pair with the paragraph after it
        low = text[:s] + _TITLE_CASE.sub(lambda w: _lowered(w, named), text[s:e]) + text[e:]
        out = [
            Mention(m.start, m.end, text[m.start : m.end], [], m.proposed_kind)
            for m in _described(low, s, e, named, once=True)
        ]
    else:
        out = _described(text, s, e, named)
    _LAST_DESCRIBED[:] = [(text, s, e, list(named), _copies(out))]
    return out


#: A capitalised word of a title-case line (not an abbreviation in capitals): "Hackers", "Backed".
_TITLE_CASE = re.compile(r"(?<![\w'’])[A-Z][a-z]+")


def _lowered(word: re.Match[str], named: list[Mention]) -> str:
    """A title-case word in lower case, unless it is part of a name found."""
    at = word.start()
    return word.group() if any(m.start <= at < m.end for m in named) else word.group().lower()


def _copies(phrases: list[Mention]) -> list[Mention]:
    return [Mention(m.start, m.end, m.text, [], m.proposed_kind) for m in phrases]


#: A noun of trying heads a deed only where what is tried is one: "an attempt (by X) to hack Y", "infiltration
#: attempts"; "an attempt to reach an agreement" is none.
_TRYING = frozenset({"attempt", "attempts"})
_TRIED_DEED = re.compile(
    r"\s+(?:by\s+[^,;:.]{1,60}?\s+)?to\s+(?:hack|target|attack|breach|compromise|infiltrate|penetrate|access|steal|"
    r"spy|break|gain|log|disrupt|sabotage|intrude|exploit|install|deploy|plant)\b",
    re.I,
)
_DEED_MODIFIER = re.compile(
    r"^(?:hacking|intrusion|infiltration|phishing|cyber\S*|attack|breach|log-?in|access|ransomware|encryption|"
    r"spying|espionage|exploitation)$",
    re.I,
)
#: What may stand before the first word of a sentence: spaces, an opening quotation mark or bracket, a bullet.
_BEFORE_FIRST = " \t\n\"'“‘(•*-–—"
#: Patterns `_described` reads every head word with, compiled once (speed only).
_NAMED_AFTER = re.compile(r"\s+(?:known as|called|named|dubbed)\b")
_COMMA_GAP = re.compile(r"\s*(?:,\s*)?")
_PEOPLE_END = re.compile(r"\b(?:members?|actors?|employees?|hackers?)$")


def _described(text: str, s: int, e: int, named: list[Mention], once: bool = False) -> list[Mention]:
    """`described` read anew (`once`: a copy of the text made for this sentence, whose words are found in the
    sentence alone, never in the whole copy)."""
    out: list[Mention] = []
    # the spans of the names that may stand in a described phrase (read once per sentence: speed only)
    group_spans = [(x.start, x.end) for x in named if "threat_group" in x.kinds()]
    target_spans = [(x.start, x.end) for x in named if x.kinds() & _TARGET_NAMES]
    heads = _HEADS_SCAN.within_span(text, s, e) if once else _HEADS_SCAN.within(text, s, e)
    for m in heads:  # _HEAD.finditer(text, s, e), from one scan of the text
        head = m.group(1).lower()
        if m.start() > 0 and (text[m.start() - 1] in "-'’" or text[m.start() - 1].isalnum()):
            continue  # "cyber-attacks" heads its own token: handled as the word it is
        if _NEXT_HEAD.match(text, m.end()) or (
            HEADS[head] == "operation" and (_JOINED_HEAD.match(text, m.end()) or _NEXT_DEED.match(text, m.end()))
        ):
            continue  # "the Salt Typhoon hacker group", "recent espionage attacks": the last head word heads the phrase
        if m.group(1)[0].isupper() and head != "apt" and m.start() > s and text[m.start() - 2 : m.start()] != ". ":
            continue  # "Group" inside a title-case name
        if head == "hacking" and not (
            _DEED_DETERMINER.search(text, max(s, m.start() - 8), m.start()) and _GERUND_ENDS.match(text, m.end())
        ):
            continue  # "the hacking was traced to X" is a deed; "Chinese hacking organization", "accused X of
            # hacking Y": a modifier or a verb
        b = m.end()
        tokens = list(_TOKEN.finditer(text[max(s, m.start() - 80) : m.start()]))
        base = max(s, m.start() - 80)
        a = m.start()
        words: list[str] = []
        for t in reversed(tokens[-6:]):
            w = t.group()
            if w.lower() in _DETS:
                a, words = base + t.start(), [w, *words]
                if w.lower() in {"the", "a", "an", "these", "those"}:
                    break
                continue
            pos = base + t.start()
            # the spans are empty in most sentences: no generator made for them (speed only)
            group_name = bool(group_spans) and any(a0 <= pos < b0 for a0, b0 in group_spans)
            target_name = (
                HEADS[head] == "operation" and bool(target_spans) and any(a0 <= pos < b0 for a0, b0 in target_spans)
            )  # "the Microsoft Exchange hack": a deed named by its target
            # the first word of the sentence is capitalised as any first word is ("Threat actors worked for Y")
            first = w[:1].isupper() and w[1:].islower() and not text[s:pos].strip(_BEFORE_FIRST)
            if not group_name and not target_name and not _modifier(w.lower() if first else w, HEADS[head]):
                break
            a, words = base + t.start(), [w, *words]
        if HEADS[head] == "operation" and (called := _NAMED_DEED.search(text, max(s, a - 60), a)) is not None:
            # "the Anthem data breach", "the 2020 LuBian Bitcoin hack": a definite deed named by the capitalised
            # words of its victim or its year, which the modifiers stop at
            a, words = called.start(), text[called.start() : m.start()].split()
        if (
            HEADS[head] == "operation"
            and head not in _PLANS
            and (many := _SERIES_OF.search(text, max(s, a - 50), a)) is not None
        ):
            # "a series of cyber intrusions into X", "a wave of attacks on Y": the deeds counted as one, the
            # quantifier's noun part of the phrase (a bare "attacks" after it is no description alone); "a series
            # of campaigns" is an actor's programme, no one deed
            a, words = many.start(), [*text[many.start() : a].split(), *words]
        if head in _TRYING and not (
            _TRIED_DEED.match(text, b, min(e, b + 120)) or any(_DEED_MODIFIER.search(w) for w in words)
        ):
            continue  # "an attempt to contact the embassy" is no deed; "an attempt to hack X", "hacking attempts" are
        if head == "national" and not (
            re.search(r"\b[A-Z][a-z]+\s+$", text[max(s, m.start() - 20) : m.start()]) and _NATIONAL_END.match(text, b)
        ):
            continue  # "a Chinese national" is a person; "a national office", "Chinese national security" are not
        if head in {"group", "groups", "apt"} and _NAMED_AFTER.match(text[b : b + 14]):
            continue  # "a group known as APT27": the name follows
        if HEADS[head] in _NAMED_NEXT and any(
            x.start >= b and _COMMA_GAP.fullmatch(text[b : x.start]) and x.kinds() & _NAMED_NEXT[HEADS[head]]
            for x in named
        ):
            continue  # "the China state-affiliated group APT31", "the Chinese company i-Soon": the name's description
        inside = [x for x in named if a < x.end and x.start < b]
        if any(x.end > b or x.start < a for x in inside):
            if any(x.start < m.start() < x.end or x.start < b <= x.end for x in inside):
                continue  # the head word belongs to a name ("Chengdu 404 Network Technology company")
            a = max([x.end for x in inside if x.start < a] + [a])
            words = text[a : m.start()].split()
        named_inside = any(x.kinds() & {"threat_group", "company", "front_company", "person"} for x in inside)
        if named_inside and not _PEOPLE_END.search(text[a:b]):
            continue  # "the hacking group APT31" names its subject; "four APT40 cyber actors" does not
        on_target = HEADS[head] == "operation" and _ON_TARGET.match(text, b, min(e, b + 20))
        if on_target:
            hit = next(
                (x for x in named if x.start == on_target.end() and x.kinds() & (_TARGET_NAMES | _AGENCIES)), None
            )
            if hit is None:  # "a cyberattack against the Czech Republic's Ministry of Foreign Affairs"
                owner = next((x for x in named if x.start == on_target.end() and "country" in x.kinds()), None)
                if owner is not None and text.startswith(("'s ", "’s "), owner.end):
                    hit = next((x for x in named if x.start == owner.end + 3 and x.kinds() & _AGENCIES), None)
            plain = _PLAIN_TARGET.match(text, on_target.end(), min(e, on_target.end() + 60))
            if hit is not None:  # "the attack on Microsoft Exchange servers": a deed named by its target
                tail = re.match(r"\s+[a-z]+s\b", text[hit.end : min(e, hit.end + 20)])
                b = hit.end + (tail.end() if tail else 0)
                words = [*words, "on"]
            elif plain is not None and not any(on_target.end() <= x.start < plain.end() for x in named):
                b, words = plain.end(), [*words, "on"]  # "a 2021 cyberattack on the federal cartography agency"
        content = [w for w in words if w.lower() not in _DETS]
        counted = any(w.lower() in _NUMBERS or w.isdigit() for w in words)
        attributed = HEADS[head] == "operation" and bool(
            _ATTRIBUTED_DEED.match(text, b, min(e, b + 60))
            or _BEHIND_BEFORE.search(text, max(s, a - 70), a)
            or any(
                "country" in x.kinds() and _FROM_STATE.fullmatch(text, b, x.start)
                for x in named
                if 0 <= x.start - b <= 20
            )
        )  # "the attack was launched by X", "X was behind the cyberattack": a deed named by its attribution
        if head in _HYPHENATED and not attributed:
            continue  # "cyber-attacks" heads a description only where it is someone's deed
        if (
            not content
            and not counted
            and not attributed
            and not (HEADS[head] in _TIED_HEADS and _TIE_TAIL.match(text, b, min(e, b + 40)))
            and head
            in {
                "group",
                "groups",
                "operations",
                "activities",
                "activity",
                "attack",
                "campaign",
                "incident",
                "incidents",
                "operation",
                "company",
                "companies",
                "organizations",
                "organisations",
                "attacks",
            }
        ):
            continue  # a bare head word is no description
        if (
            not words
            and head
            not in {
                "hackers",
                "defendants",
                "hackers-for-hire",
                "cyber-criminals",
                "spies",
                "attackers",
                "intruders",
                "prosecutors",
            }
            and not _STATE_TAIL.match(text, b, min(e, b + 80))
            and not attributed
            and not (HEADS[head] in _TIED_HEADS and _TIE_TAIL.match(text, b, min(e, b + 40)))
        ):  # a bare head is no description, unless it carries its state ("actors affiliated to the Chinese state")
            continue
        kind = HEADS[head]
        if kind == "other_organisation" and any(_CRIME_MODIFIER.fullmatch(w) for w in words):
            kind = "threat_group"  # "a cyber-criminal organization": an actor, as "a criminal group" is
        out.append(Mention(a, b, text[a:b], [], kind))
    return out


#: Modifiers that make an organisation a group of actors ("a cyber-criminal organization", "a ransomware
#: organization", "a cyberespionage organisation"), which renames the name before it as "a criminal group" does; "a
#: cybersecurity organization", "a threat intelligence organisation" stay bodies.
_CRIME_MODIFIER = re.compile(
    r"(?:cyber-?)?crim(?:inal|e)|cybercrime|hack(?:ing|er|ers)|ransomware|(?:cyber-?)?espionage", re.I
)


#: "actors affiliated to the Chinese state", "hackers backed by the PRC government": the state they serve.
_STATE_TAIL = re.compile(
    r"[\s\"'“”]*(?:affiliated (?:with|to)|backed by|sponsored by|linked to|tied to)\s+(?:the\s+)?"
    r"(?:Chinese|China|PRC|Beijing)\b[\w\s'’-]{0,25}?\b(?:state|government|regime)\b",
    re.I,
)


#: "the attack was launched by", "the hack is attributed to": a bare deed named by its attribution.
_ATTRIBUTED_DEED = re.compile(
    r"(?:\.\.\.|…)?\s+(?:(?:was|were|is|are|has been|had been|(?:could|can|may|might|would|will) be)\s+(?:\w+ly\s+)?"
    r"(?:launched|perpetrated|carried out|initiated|undertaken|perpetuated|masterminded|instigated|"
    r"conducted|orchestrated|committed|attributed|blamed|linked|traced)\b|"
    # "the campaign conducted by X": the deed named by its doer in a participle after it
    r"(?:\w+ly\s+)?(?:launched|perpetrated|carried out|conducted|orchestrated|committed|initiated|undertaken|"
    r"perpetuated|masterminded|instigated)\s+by\b|"
    r"(?:\w+ly\s+)?(?:came|originated)\s+from\b)",  # "the attacks came from X"
    re.I,
)
_FROM_STATE = re.compile(r"\s+(?:originating\s+|coming\s+|emanating\s+)?from\s+(?:the\s+)?", re.I)
#: Deed heads written with a hyphen: a description only where the sentence says whose deed it is.
_HYPHENATED = frozenset({"cyber-attack", "cyber-attacks"})
_BEHIND_BEFORE = re.compile(
    r"\b(?:behind|responsible for|blam(?:ed|es|ing|e) (?:\w+ )?for|attribut(?:ed|es|e|ing)|"
    # "accused Beijing of a sweeping cyberespionage campaign", "accused China of engaging in cyberattacks"
    r"accus(?:ed|es|ing|e) (?:the )?[\w'’-]+(?: [\w'’-]+)? of (?:(?:engaging|involvement|participating) in |"
    r"(?:conducting|carrying out|launching|staging|mounting|orchestrating|perpetrating|waging) )?"
    r"(?:(?:a|an|the) (?:[a-z][\w-]* ){0,2})?)\s*$",
    re.I,
)


_TIE_TAIL = re.compile(
    r"[\s\"'“”]*(?:with\s+(?:\w+\s+)?(?:links|ties|connections)\s+to|affiliated\s+(?:with|to)|backed\s+by|"
    r"sponsored\s+by|linked\s+to|tied\s+to|associated\s+with)\b",
    re.I,
)


#: Heads a tie after them makes a description of ("a group linked to X", "a company with ties to X").
_TIED_HEADS = frozenset({"threat_group", "company"})


#: A gerund heads a deed only right after a determiner and before a stop, a preposition or a verb ("tied the
#: hacking to X", "the hacking was traced to X").
_DEED_DETERMINER = re.compile(r"\b(?:the|this|that|these|those|such)\s+$", re.I)
_GERUND_ENDS = re.compile(
    r"\s*(?:[,.;:)\"”]|$)|\s+(?:of|by|to|was|were|is|has|had|against|on|into|that|which|in)\b", re.I
)
#: A definite deed's capitalised words before its modifiers: "the Anthem data breach", "the 2020 LuBian Bitcoin hack",
#: "the Marriott hotel data breach" (up to three capitalised words, a year before them, and up to two nouns of what was
#: hit after them: not "the US government conducts ... espionage", "the US of cyberattacks").
_NAMED_DEED = re.compile(
    r"\b[Tt]he\s+(?:(?:19|20)\d\d\s+)?(?:[A-Z][\w&'’.-]*\s+){1,3}"
    r"(?:(?:data|hotel|payroll|email|e-mail|mail|server|network|computer|database|cloud|software|supply-chain|"
    r"ransomware|hacking|cyber|security)\s+){0,2}$"
)
#: The nouns that count deeds as one before "of" ("a series of cyber intrusions", "a wave of attacks", "a spate of
#: recent cyber-attacks"). Not "number": "the average number of daily attacks" is a figure, not a deed.
_COUNTING_NOUN = r"(?:series|waves?|spate|string|barrage|flurry)\s+of"
#: A counting noun with a determiner and up to two adjectives before it ("a widespread, years-long series of").
_SERIES_OF = re.compile(
    r"\b(?:the|a|an|this|that|its|their)\s+"
    r"(?:(?!(?:the|a|an|of|for|in|on|by|to|with|and|or|from|at|behind|into|against)\b)[a-z][\w-]*,?\s+){0,2}"
    rf"{_COUNTING_NOUN}\s+"
    # words the head's own modifiers stop at ("a series of devastating online attacks"): lower-case, no function word
    r"(?:(?!(?:the|a|an|of|for|in|on|by|to|with|and|or|from|at|into|against)\b)[a-z][\w-]*\s+){0,2}$",
    re.I,
)
#: A counting noun anywhere: a frame read after such a deed ("behind a series of DDoS attacks
#: targeting government entities") cut its victim at the deed's own phrase, so the relation step hands it the cue's
#: longer victim.
COUNTED_DEEDS = re.compile(rf"\b{_COUNTING_NOUN}\b", re.I)
#: Deed words that name an actor's programme rather than its acts: not counted as one deed by `_SERIES_OF`.
_PLANS = frozenset({"campaign", "campaigns", "operation", "operations", "activity", "activities"})
#: The head words of a text found once for all its sentences (speed only: the same matches).
_HEADS_SCAN = WordScan(_HEAD, HEADS, JOINT)
_NEXT_HEAD = re.compile(
    r"\s+(?:group|groups|actor|actors|collective|team|unit|operation|operations|campaign|operator|operators)\b"
)
#: A deed noun after a deed word, which only qualifies it: "recent espionage attacks targeted X" describes the attacks
#: ("recent espionage" is no deed of its own). Plural nouns only, which no deed word before them takes as its verb
#: ("the espionage campaign" heads its phrase by _NEXT_HEAD).
_NEXT_DEED = re.compile(r"\s+(?:attacks|cyberattacks|cyber-attacks|intrusions|incidents|activities|campaigns)\b")
#: A deed word joined by "and" or "or" to another word before such a noun: "cyber espionage and influence group",
#: where both words modify it. Not after a determiner ("espionage and other operations" joins two phrases), and
#: only for a deed word: "hackers and threat groups" are two actors.
_JOINED_HEAD = re.compile(
    r"\s+(?:and|or)\s+(?!(?:the|a|an|its|their|his|her|our|this|these|those|that|other|another|some|all|any)\b)"
    r"[a-z][\w-]*" + _NEXT_HEAD.pattern
)


def _kinds_fit(slot: Slot, kinds: frozenset[str]) -> bool:
    return bool(slot.kinds() & kinds) or (slot.described and "*" in kinds)


#: Between subject and cue: "X, who are", "X is alleged to have", "X has been", "X were allegedly".
_LEAD = (
    r"\s*(?:(?:cyber\s+)?(?:group|actors?|hackers?|gang|crew)\b\s*(?!and\b|,))?(?:\([^()]{1,40}\)\s*)?,?\s*(?:and\s+)?(?:(?:who|which|that)\s+)?(?:(?:is|are|was|were|has|have|had|been|being|be|also|"
    r"allegedly|reportedly|likely|probably|now|in turn|publicly|identified as|listed as|"
    r"(?:believed|said) to(?: be| have)?|\w+ly|"
    r"known to (?:be|have)|thought to (?:be|have)|"  # "a campaign known to be conducted by X"
    # "Y, who is also known as Atreexp, with belonging to": an alias said in an aside
    r"(?:known\s+as|goes\s+by|went\s+by)\s+(?:the\s+(?:name|alias|moniker|handle)\s+)?[\w.-]+\s*,|"
    r"may|might|could|would|will|can|must|(?:appears?|seems?) to (?:be|have)|"
    r"government|administration|"
    r"systems|networks|servers|accounts|computers|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"today|yesterday|"
    r"of (?:this|that|such a|the same) (?:nature|kind|type|sort)|"  # "activities of this nature committed by X"
    r"accused of|alleged to be|alleged to have|suspected of|described as|both|all|\d+|—|–|-|,|"
    r"(?:it|they|he|she|we|prosecutors|officials) (?:alleges?|says?|said|believes?|claims?)|\.\.\.|…|"
    r"(?:that|which|who)\s+(?:[\w.&-]+\s+){1,6}?(?:believes?|believed|says?|said|alleges?|alleged|claims?|assess(?:es)?))"
    r"\s*)*"
)
_TAIL = (
    # "unsealed indictments against what it says are three hackers": the speaker's naming of the object
    r"\s*(?:what (?:it|they|he|she|officials|prosecutors|authorities) (?:says?|said|alleges?|alleged|calls?|called) "
    r"(?:are|were|is|was)\s+)?"
    # "charging him and his co-conspirator, 44-year-old Chinese national Y": the party a pronoun brings along
    r"(?:(?:him|her|them)\s*(?:,\s*)?(?:and|with)\s+(?:his|her|their)\s+co-?(?:defendants?|conspirators?|accused)\s*(?:,\s*)?"
    r"(?:(?:[a-z\d][\w'’-]*|Chinese|PRC|Malaysian)\s+){0,5}?)?"
    # "linked to thousands of attacks": a count before the object
    r"\s*(?:more than |at least |over )?(?:(?:thousands|hundreds|dozens|scores) of )?"
    r"(?:the|a|an|its|their|his|her)?\s*(?:Chinese\s+|China['’]s\s+|PRC['’]?s?\s+)?"
    r"(?:(?:notorious|infamous|so-called|prolific|well-known|shadowy|elite)\s+)?"
    r"(?:\([^()]{1,40}\)\s*)?"
    r"(?:(?:[\w-]+\s+){0,4}?(?:groups?|compan(?:y|ies)|firms?|organi[sz]ations?|entit(?:y|ies)|actors?)\s+"
    r"(?:(?:in|from)\s+)?"
    r"(?:(?:operating|based|located) (?:in|out of|from)\s+)?(?:(?:often|commonly|also|publicly)\s+)?"
    r"(?:(?:known as|called|named|dubbed|referred to as|tracked as|known (?:within|in|among) [\w\s-]{0,40}? as)\s+)?"
    r"[\"'“‘]?)?"
    # "at the behest of Beijing's foreign intelligence arm, the Ministry of State Security": the name the
    # apposition gives (the possessor before it is read out of the gap)
    r"(?:(?:[a-z][\w-]*\s+){0,3}?(?:arm|agency|service|body|bureau|ministry|apparatus)\s*,\s*(?:the\s+)?)?$"
)


def _gap(words: str) -> re.Pattern[str]:
    return re.compile(_LEAD + r"(?:" + words.replace(" ", r"\s+") + r")" + _TAIL, re.I)


#: (predicate, gap pattern, forward): forward frames read "subject gap object", the others "object gap subject".
FRAMES: list[tuple[str, re.Pattern[str], bool]] = [
    (
        "operated_by",
        _gap(
            r"(?:working|work|works|worked|acting|acts|act|operating|operates|operated|conducting \w+(?: \w+)?) for|"
            r"(?:\w+ )?(?:\w+ )?on behalf of|"
            r"(?:(?:working|work|works|worked|acting|acts|act|acted|operating|operated) )?"  # "worked at the"
            r"at the (?:direction|behest|request|orders?) of|"
            r"(?:\w+ )?(?:\w+ )?under (?:the )?(?:direction|orders?|control|command|directives?|instructions?) "
            r"(?:of|from)|"
            r"(?:cooperated with and )?(?:carried out|carrying out|took|taking|followed|following) orders from|"
            r"backed by|sponsored by|funded by|run by|directed by|led by|controlled by|tasked by|"
            r"part of a [\w\s-]{0,30}? (?:program|operation|campaign|effort) run by|"
            r"(?:conducted|carried out) [\w\s-]{0,40}? (?:for|on behalf of)|"
            r"(?:(?:acted|acting|acts|act|worked|working|works|work|operat\w+) )?(?:[\w\s-]{0,40}? )?"
            r"(?:for the benefit of|in support of)"
        ),
        True,
    ),
    (
        "operated_by",
        _gap(
            r"(?:for )?backing|(?:of )?directing and financing|(?:of )?directing|(?:has been |is )?paying|"
            r"(?:allegedly )?(?:paid|pays|ordered|orders|tasked|tasks|instructed|instructs)|"
            r"(?:is alleged to have |allegedly )?(?:funded|financed|funds|finances|funding)|"
            r"(?:has )?(?:used|utilized|uses|employed|hired|recruited|assembled) (?:a )?(?:broad )?(?:network of )?"
            r"(?:\w+ )?|(?:as )?(?:a |the )?sponsor of|of supporting"
        ),
        False,
    ),
    (
        "attributed_to",
        _gap(
            r"the work of|(?:carried out|conducted|perpetrated|orchestrated|committed|launched|initiated|undertaken|"
            r"perpetuated|masterminded|instigated) by|"
            r"(?:formally |publicly )?attributed to|the action of|blamed on|traced (?:back )?to|tracked back to|"
            r"(?:allegedly )?orchestrated by|stemming from|originating (?:from|in)|emanating from|"
            r"(?:another |an? )?(?:[\w-]+ ){0,2}?(?:example of )?(?:an? )?(?:[\w-]+ )?(?:act|action|attack)s? by|"
            # "hacking activities that researchers have attributed to a group called APT41"
            r"(?:that|which) (?:[\w.&-]+ ){1,4}?(?:have |has |had )?(?:formally |publicly )?attributed to"
        ),
        True,
    ),
    (
        "attributed_to",
        # "Chinese hackers blamed for the breach": blame with no blamer before it is passive, the blamed did it
        _gap(
            r"behind|(?:as )?the culprit behind|responsible for|the (?:actor|group|one) responsible for|blamed for|"
            # "identified X, the ... of Z, as the epicenter of the attack", "identified X as the state responsible
            # for the campaign": the deed is X's
            r"(?:, (?:the|a|an) [\w\s'’-]{1,60}?, ?)?as "
            r"(?:(?:the )?(?:(?:state|country|actor|party|entity) )?responsible for|"
            r"the (?:epicenter|epicentre|source|origin|perpetrator|mastermind) (?:of|behind))"
        ),
        False,
    ),
    (
        "member_of_group",
        _gap(
            r"members? of|(?:being )?part of|a member of|belonged to|belong to|(?:with |of )?belonging to|of|"
            # "charging a Chinese national as part of an extremely sophisticated hacking group"
            r"as (?:an? )?(?:members?|part) of(?:(?: an?| the)? \w+ly)?"
        ),
        True,
    ),
    (
        "employed_by",
        _gap(
            r"(?:employees?|officers?|officials?|staff|agents?|hackers?|affiliates?) (?:of|at|in|from|with)|"
            r"(?:intelligence )?officers? (?:of|in|from)|employed by|worked for|works for|working for|work for|"
            r"from|of|in|"
            r"(?:were |was |are |is )?(?:members?|a member) of|"
            r"acting as [\w\s]{0,30}? employees? of|"
            r"(?:with |of )?belonging to|"  # "charges X with belonging to the Tianjin State Security Bureau"
            r"(?:a )?(?:computer )?hacker (?:at|for)|operated out of|"
            r"as part of (?:his|her|their) (?:job )?duties at"
        ),
        True,
    ),
    (
        "front_company_for",
        _gap(r"(?:a |the )?(?:front|cover)(?: company)? (?:for|of)|(?:a |the )?front company (?:for|of)"),
        True,
    ),
    (
        "subordinate_to",
        _gap(
            r"(?:a |the )?(?:\w+ )?(?:provincial |municipal |local |regional )?(?:arm|unit|branch|bureau|department|"
            r"division|component|subsidiary|part|section|office|element) of|"
            r"(?:a |the )?(?:\w+ )?(?:subsidiary|subordinate) to"
        ),
        True,
    ),
    (
        "linked_to",
        _gap(
            r"(?:(?:very )?close|linked|tied|connected|related) (?:to|with)|associated with|affiliated (?:with|to)|"
            r"(?:linked|tied|connected) by (?:[\w-]+ ){1,5}?(?:to|with)|"
            r"involved with|ties to|links to|connected to|in association with|"
            r"(?:had |has |have )?(?:direct |close )?involvement with|"
            r"(?:acted|acts|act|acting) in association with|"
            r"(?:working|worked|works|work|cooperat\w+|collaborat\w+) with|"
            r"with (?:\w+ )?(?:links|ties|connections) to|"
            r"(?:maintains?|maintained|has|had|have) (?:\w+ )?ties (?:to|with)|"
            # "A and B, shareholders at X": owners of a firm, tied to it (the words say no more)
            r"(?:(?:co-?)?owners?|shareholders?) (?:of|at|in|for)"
        ),
        True,
    ),
    (
        "located_in",
        _gap(r"(?:based|located|headquartered|situated) in|operating (?:in|out of)|operates? (?:from|out of)"),
        True,
    ),
    (
        "established_by",
        _gap(r"(?:formed|founded|established|created|set up|registered) by"),
        True,
    ),
    (
        "chaired_by",
        _gap(r"(?:is |was |are |were )?(?:chaired|headed|led) by|chair(?:man|woman|person)?"),
        True,
    ),
    (
        "chaired_by",
        _gap(r"(?:the )?(?:chair(?:man|woman|person)?|head) of|chair(?:s|ed)"),
        False,
    ),
    (
        "indicted",
        _gap(
            r"(?:announced|filed|brought|unsealed|returned) (?:(?:an? )?(?:[\w-]+ ){0,3}?(?:charges|indictments?) )?"
            r"(?:(?:on )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday) )?"
            r"(?:against|charging)|"
            r"returned (?:an? )?(?:[\w-]+ )?indictment (?:[\w.,-]+ ){0,8}?charging|"
            # "a federal grand jury in Atlanta returned an indictment last week charging": the place said
            # after the jury, and the indictment (a slot of its own, read out of the gap) before the charge
            r"in [\w.]+(?:,? [\w.]+)? returned (?:[\w.,-]+ ){0,8}?charging|returned (?:[\w.,-]+ ){1,8}?charging|"
            r"(?:\w+ )?(?:indicted|indicts|indicting|charged|charging|charges against|charges|"
            r"indictments? (?:\w+ )?against|"
            r"prosecut(?:ing|ed|es|e)|"
            r"announced charges against|announced indictments (?:\w+ )?against|filed charges(?: today)?|"
            # "unsealed an indictment on X": the indictment's defendant (the indictment, a slot, read out of the gap)
            r"unsealed [\w\s-]{0,60}? (?:against|of|charging)|unsealed (?:(?:an? |the )?indictments? )?on|"
            r"indictment of|charged [\w\s-]{0,20}? of)"
        ),
        True,
    ),
    (
        "sanctioned",
        _gap(
            r"(?:\w+ )?(?:sanctioned|sanctioning|sanctions|designat(?:ed|ing)|imposed sanctions (?:on|against)|slapped|"
            r"launched sanctions against|sanctions (?:on|against))"
        ),
        True,
    ),
    (
        "targeted",
        _gap(
            r"(?:\w+ )?(?:targeted|targeting|targets|target|hacked(?: into)?|hacking(?: into)?|compromised|breached|"
            r"breaching|compromising|attacking|spying on|gained access to|gaining access to|broke into|breaking into|"
            r"gained entry (?:to|into)|stolen [\w\s-]{0,40}? from|striking|struck|"
            r"infiltrated|infiltrating|spied on|attacked|exploited|penetrate|steal from|stole [\w\s-]{0,30}? from|"
            r"(?:conducted|launched|carried out|carrying out) [\w\s-]{0,40}? (?:against|on|targeting|into)|"
            r"(?:attacks?|operations?|reconnaissance|campaign|intrusions?) (?:against|on|into)|aimed at)"
        ),
        True,
    ),
    (
        "targeted",
        _gap(r"(?:\w+ )?(?:compromised|targeted|hacked|breached|attacked|spied on|infiltrated) by"),
        False,
    ),
]

#: The words each frame needs: a gap is matched only against the frames whose words it holds (a speed-up
#: only: extract/sieve.py).
_FRAME_SIEVE = Sieve([p for _, p, _ in FRAMES])
_MATCHED: dict[str, dict[int, bool]] = {}
Frame = tuple[str, re.Pattern[str], bool]
#: The place of each frame's pattern in FRAMES, by `id`.
_FRAME_AT = {id(p): k for k, (_, p, _) in enumerate(FRAMES)}
#: The frames a set of the sieve's candidates holds, in the order of FRAMES (speed only: the sieve hands
#: out the same frozensets for the short gaps it keeps, so the loop over FRAMES runs once per set).
_FITTING: dict[frozenset[int], tuple[tuple[int, Frame], ...]] = {}


def _fitting(fits: frozenset[int]) -> tuple[tuple[int, Frame], ...]:
    """The frames (with their place in FRAMES) whose patterns are among `fits`, in the order of FRAMES."""
    out = _FITTING.get(fits)
    if out is None:
        out = tuple((k, FRAMES[k]) for k in sorted(_FRAME_AT[p] for p in fits if p in _FRAME_AT))
        if len(_FITTING) > 10_000:
            _FITTING.clear()
        _FITTING[fits] = out
    return out


def _matching_frames(gap: str, excluded: Callable[[str, bool], bool]) -> Iterator[Frame]:
    r"""The frames whose gap pattern matches the whole gap, in the order of FRAMES, but those `excluded`
    rules out by its predicate and direction. Lazy (speed only): a frame's pattern is tried only when the
    caller reaches it, so a frame the caller has ruled out, or one after the frame that made a statement,
    costs no match (a gap pattern can backtrack for a hundred microseconds); the answers for a short gap
    (", ", " is a ") are kept, as the sieve keeps its words.

    The gap is matched without its leading white space, which gives the same answer sooner: every gap
    pattern starts with `\s*`, and nothing after it can take white space at the start of a match but a
    second `\s*` that only optional parts precede, so any white space a match starts with can be the
    first `\s*`'s. Where a blanked citation left forty spaces before the verb, the two tried every split
    of them for every way on through the rest: 25 ms for one gap."""
    gap = gap.lstrip()
    known = _MATCHED.get(gap)
    if known is None:
        known = {}
        if len(gap) <= 40:
            if len(_MATCHED) > 50_000:
                _MATCHED.clear()
            _MATCHED[gap] = known
    for k, frame in _fitting(_FRAME_SIEVE.candidates(gap)):
        hit = known.get(k)
        if hit is False:
            continue  # the pattern failed on this gap before: no frame, whatever `excluded` says (speed only)
        if excluded(frame[0], frame[2]):
            continue
        if hit is None:
            hit = known[k] = frame[1].fullmatch(gap) is not None
        if hit:
            yield frame


#: A second verb of the same subject: "..., and sanctioned", "and then charged".
_AND_VERB = re.compile(
    r"\s*(?:\([^()]{1,40}\)\s*)?,?\s*and\s+(?:(?:has|have|had)\s+(?:also\s+)?been\s+)?(?:then\s+|also\s+|later\s+)?\w+ed\b",
    re.I,
)
#: "The FBI disrupted the company by indicting three officials": the means of the sentence's subject.
_BY_MEANS = re.compile(r"\s*(?:,\s*)?by\s+(?:indicting|charging|sanctioning|designating)\b", re.I)
_NAMES_FOLLOW = re.compile(r"[^,;.:]{0,40}?\s*[,:—–-]{1,2}\s*")
_BY_MEANS_AT = guarded(re.compile(r"\bby\s+(indicting|charging|sanctioning|designating)\s+(?:the\s+)?", re.I))
_BARE_OF = re.compile(r"\s*of\b", re.I)
_MEMBERS = re.compile(r"\bmembers?$", re.I)
#: The role a described person takes before "of / from / in": employees of, members of, officers in.
_PERSON_ROLE = re.compile(r"\b(members?|employees?|officers?|officials?|affiliates?|staff|agents?)\b", re.I)
#: "Hainan Xiandun employee Wu Shurong", "HSSD intelligence officers A, B and C".
_ROLE_BEFORE = re.compile(
    r"^\s*(?:\([^()]{1,40}\)\s*)?(?:intelligence\s+|senior\s+|computer\s+)?"
    r"(employees?|officers?|officials?|staff(?:er)?s?|hackers?|engineers?|contractors?|agents?|members?)\s*$",
    re.I,
)
#: "X's front company, Y" / "via front company Y".
_FRONT_BEFORE = re.compile(r"(?:['’]s\s+)?front\s+company,?\s*$", re.I)
_CLAUSE = guarded(re.compile(r";|\bwhile\b|\bbut\b|\bhowever\b", re.I))
_DENIAL = guarded(
    re.compile(
        r"\b((?:groundless|baseless|unfounded)(?:ly)?|(?:falsely|wrongly|maliciously) accus\w*|smear\w*|"
        r"ill-founded|refut\w*|reject\w*|denied|denies|deny|"
        r"refuses? to confirm|dismiss\w*|neither\b.*\bnor|unprofessional|disinformation|slander\w*|fabricat\w*|"
        r"vilif\w*|false accusations?|oppos\w*(?: [\w-]+){0,3} (?:accusations|allegations|smear\w*)|"
        r"false allegations?|without (?:any |hard |solid |sufficient )?evidence|"
        r"false (?:and fake )?(?:information|reports?|claims?|narratives?)|fake information|"
        r"lack(?:s|ing)? (?:of )?(?:any )?evidence|missing chain of evidence|"
        r"(?:has|have) never (?:participated|engaged|been involved)|never (?:participat|engag)\w* in|"
        r"(?:does|do|will) not (?:engage|participate) in|(?:does|do|will) (?:not|never) encourage, support|"
        r"opposes? and (?:fights|combats|cracks down on)|stance against all forms of)\b",
        re.I,
    )
)


@dataclass
class Found:
    subject: Mention
    predicate: str
    object: Mention
    cue: tuple[int, int]
    rule: str


_TARGETS = PREDICATES["targeted"].range_kinds


def _list_after(text: str, slots: list[Slot], i: int, targets: bool = False) -> list[Slot]:
    """The slot at i and the slots coordinated with it: "A, B, and C"."""
    out = [slots[i]]
    for s in slots[i + 1 :]:
        gap = text[out[-1].end : s.start]
        if "person" in s.kinds() and "person" in out[-1].kinds() and CO_PARTY.fullmatch(gap):
            out.append(s)  # "charging X and his co-conspirator Y"
            continue
        renamed = out[-1].mention.text == s.mention.text and _AND_KNOWN_AS.search(text, out[-1].end, s.start)
        if not renamed and not _LIST_GAP.fullmatch(gap):
            break  # "groups tracked as APT40 and APT31": the list goes on through the names
        mixed = targets and _retype(s, "targeted", "object") is not None
        if s.described != out[0].described and not (s.kinds() & out[0].kinds()) and not mixed:
            break
        if _SAYS.match(text, s.end):
            break  # "..., the DOJ said": the speaker, not one more item
        out.append(s)
    return out


_LIST_GAP = re.compile(
    r"\s*(?:\([^()]{0,80}\))?\s*(?:,\s*(?:and|or)?|\band\b|\bor\b|&)\s*(?:\([^()]{0,80}\))?\s*(?:the\s+)?"
)
#: "According to the prosecutors, ...": who reports the sentence, never a party to what it states.
_ACCORDING = guarded(re.compile(r"\baccording to\s+[^,.;:()]{1,80}?(?=\s*[,.;:]|\s*$)", re.I))
_AKA_BRACKET = re.compile(r"\(\s*(?:aka|a\.k\.a\.|also known as)\b[^()]{0,200}\)", re.I)
_SAYS = re.compile(
    r"\s+(?:(?:on|this|last)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month)\s+|"
    r"(?:today|yesterday)\s+)?(?:said|says|say|added|stated|told|noted|announced|reported|"
    r"indicates?|indicated|assess|assesses|assessed|warns?|warned)\b",
    re.I,
)


#: "X, and his co-defendant, 40-year-old Chinese national Y": Y is one more party of the list.
CO_PARTY = re.compile(
    r"\s*(?:,\s*)?(?:and|with)\s+(?:his|her|their)\s+co-?(?:defendants?|conspirators?|accused)\s*(?:,\s*)?"
    r"(?:(?:[a-z\d][\w'’-]*|Chinese|PRC|Malaysian)\s+){0,5}?",
)


#: A name compared with the subject, not coordinated with it: "Like X, Y is ...", "Unlike X, Y ...".
COMPARED = re.compile(r"\b(?:like|unlike)\s+$", re.I)


#: "Zhu Hua, who also goes by the name "Godkiller," and Zhang Shilong": an alias aside between list items.
_ALIAS_ASIDE = re.compile(
    r"\s*,\s*(?:who\s+)?(?:is\s+|was\s+)?(?:also\s+)?(?:known\s+as|goes\s+by|went\s+by)\s+"
    r"(?:the\s+(?:name|alias|moniker|handle)\s+)?[\"“']?[\w.-]+[\"”']?\s*,?[\"”']?\s*(?:and|or)\s+(?:the\s+)?",
    re.I,
)


def _list_before(text: str, slots: list[Slot], i: int) -> list[Slot]:
    out = [slots[i]]
    for s in reversed(slots[:i]):
        gap = text[s.end : out[0].start]
        co_party = "person" in s.kinds() and "person" in out[0].kinds() and CO_PARTY.fullmatch(gap)
        if co_party:
            out.insert(0, s)
            continue
        joined = re.fullmatch(r"\s*(?:\([^()]{0,40}\))?\s*(?:,\s*(?:and|or)?|\band\b|\bor\b|&)\s*(?:the\s+)?", gap)
        if not joined and not _ALIAS_ASIDE.fullmatch(gap):  # an alias aside between the items
            break
        if not (s.described and out[0].described) and (
            not (s.kinds() & out[0].kinds()) or s.described != out[0].described
        ):
            break  # "two individuals and one company linked to X": described phrases coordinate whatever their heads
        if COMPARED.search(text, max(0, s.start - 8), s.start):
            break  # "Like X, Y is ...": a comparison, not one more subject (xfrag)
        out.insert(0, s)
    return out


def _fits(m: Mention, kinds: frozenset[str]) -> bool:
    return bool(m.kinds() & kinds)


_AUTHORITIES = re.compile(r"\b(?:officials|prosecutors|authorities|investigators)$", re.I)
#: The capital standing for its state: "Beijing was behind the cyberattack", "Beijing-backed".
_CAPITALS = {"beijing": "CN"}


def _retype(slot: Slot, predicate: str, role: str) -> Mention | None:
    """The mention of a slot as the predicate's subject or object: a described slot takes the kind the
    predicate needs when its head allows it ("hackers" may be a group's people or the group)."""
    pred = PREDICATES[predicate]
    kinds = pred.domain_kinds if role == "subject" else pred.range_kinds
    m = slot.mention
    if _fits(m, kinds):
        return m
    if not slot.described:
        return None
    head = m.proposed_kind
    if predicate in {"indicted", "sanctioned"} and role == "subject" and _AUTHORITIES.search(m.text):
        return Mention(m.start, m.end, m.text, [], "government_agency")  # "American officials slapped X with sanctions"
    for alt in {
        "threat_group": ("operation", "person"),
        "person": ("threat_group",),
        "operation": ("threat_group",),
        "company": ("front_company", "other_organisation"),
        "other_organisation": ("company",),
    }.get(head or "", ()):
        if alt in kinds:
            return Mention(m.start, m.end, m.text, [], alt)
    return None


_WORK = re.compile(r"\bwork", re.I)
_APPOSITION_REST = re.compile(r"(?:\s+[a-z][\w-]*){0,2}?\s+(?:arm|agency|service|body|bureau|apparatus)\s*,\s*")
#: A relative clause set off by commas between a subject and its verb ("X, which has used Y, has ties to").
_RELATIVE_ASIDE = re.compile(
    r"\s*,\s*(?:which|who)\s+[^,;:()\"“”]{1,80}?,\s*(?=(?:is|are|was|were|has|have|had)\b)", re.I
)
#: A described body's own name in apposition after it ("a ... intelligence agency, the MSS").
_BODY_END = re.compile(r"\b(?:arm|agency|service|body|bureau|ministry|apparatus)$", re.I)
_APPOSED_NAME = re.compile(r"\s*,\s*(?:the\s+)?")
_APPOSED = re.compile(
    r"['’]s\s+(?:[a-z][\w-]*\s+){0,3}?(?:arm|agency|service|body|bureau|ministry|apparatus)\s*,\s*(?:the\s+)?[A-Z]"
)
#: "worked at the behest / on behalf / under the orders of": direction, which a person's work does not make
#: employment.
_DIRECTED = re.compile(r"\b(?:behest|direction|orders?|behalf|instructions?|directives?)\b", re.I)
#: A name inside a phrase that qualifies the noun before it: "hackers tied to the MSS", "attackers with links to".
_PP_BEFORE = re.compile(
    r"\b(?:with\s+(?:\w+\s+)?(?:links|ties|connections)\s+to|affiliated\s+(?:with|to)|associated\s+with|"
    r"linked\s+to|tied\s+to|backed\s+by|sponsored\s+by|working\s+for)\s+(?:the\s+)?$",
    re.I,
)
_VERB_AHEAD = re.compile(
    r"\s*(?:\([^()]{1,40}\)\s*)?(?:,\s*or\s+[A-Z]{2,6}\s*)?(?:(?:,\s*)?(?:is|are|was|were|has|have|had)\b|(?-i:[a-z]+ed)\b)",
    re.I,
)
_ATTRIBUTIVE_GAP = re.compile(
    r"\b(?:uses?|used|using|with|via|through|of)\s+(?:\w+\s+)?(?:compromised|hacked|breached|infiltrated)\s*$", re.I
)
_RESPONSIBLE = re.compile(r"\bresponsible\b", re.I)
_FROM = re.compile(r"\s*(?:originating\s+|coming\s+|emanating\s+)?from\s+(?:the\s+)?", re.I)
#: Between described actors and the state they come from: "from", after an adverb of degree and its comma
#: ("state-sponsored actors, particularly from China"); never "in" (where they act, or their victims are).
_ACTOR_FROM = re.compile(
    r"\s*(?:,\s*(?:particularly|especially|notably|mainly|mostly|primarily|chiefly|largely)\s+)?from\s+(?:the\s+)?",
    re.I,
)
_STATE_BODIES = frozenset({"ministry", "provincial_bureau", "municipal_bureau", "military_unit"})


def _run_by_state(subject: Mention, obj: Mention, gap: str) -> bool:
    return (
        ("threat_group" in subject.kinds())
        and bool(obj.kinds() & _STATE_BODIES)
        and bool(re.search(r"\bbehind\b", gap, re.I))
    )


_TO = re.compile(r"\s*to\s+(?:the\s+|a\s+|an\s+)?", re.I)
#: "attributed the attacks to a group it called Hafnium".
_TO_A_GROUP_CALLED = re.compile(
    r"\s*to\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:group|actor)\s+(?:(?:it|they|we|researchers|Microsoft)\s+)?"
    r"(?:called|calls|dubbed|dubs|named|names|tracks as|tracked as)\s+[\"'“‘]?",
    re.I,
)
_DEED_BY = re.compile(
    r"\s*(?:,\s*)?(?:allegedly\s+)?by\s+(?:the\s+|a\s+|an\s+)?"
    # "the attacks by a group called X": the group's description before its name
    r"(?:(?:[\w-]+\s+){0,3}?(?:group|actor|collective|gang)\s+(?:called|named|dubbed|known as|tracked as)\s+[\"'“‘]?)?",
    re.I,
)
#: "X that Z has tied to Y": a transitive tie whose object stands before the relative clause.
_PERFECT_TIE = re.compile(
    r"\s*(?:has|have|had)\s+(?:\w+ly\s+)?(?:linked|tied|connected)\s+to\s+(?:the\s+|a\s+|an\s+)?", re.I
)
#: The rule of that reading: relations.py drops the reading that ties Z itself to Y.
TIED_BY = "frame:X that Z tied to Y"
_RELATIVE_THAT = re.compile(r"\s*,?\s*(?:that|which)\s+(?:the\s+)?", re.I)
_LINKING = re.compile(
    r"\b(?:linking|links|link|linked|tying|ties|tie|tied|connecting|connects|connect|connected)\s+(?:\w+\s+)?"
    r"(?:(?:one|some|two|three|several|many|most|all|each) of\s+)?$",  # "linked one of the hacking groups to Y"
    re.I,
)
_FOR_DEED = re.compile(
    r"\s*(?:for|responsible\s+for|of\s+being\s+(?:behind|responsible\s+for)|"
    # "accused China of (engaging in) cyberattacks", "accused Beijing of a sweeping cyberespionage campaign"
    r"of(?:\s+(?:(?:engaging|involvement|participating|taking\s+part|being\s+involved)\s+in|conducting|carrying\s+out|"
    r"launching|staging|mounting|orchestrating|perpetrating|waging))?)\s+(?:(?:the|a|an|its|their)\s+(?:[a-z][\w-]*\s+){0,2}?)?"
    r"[\"'“‘]?",
    re.I,
)
_OF_CONDUCT = re.compile(r"\s*of\s+(?!being\b)", re.I)
_CONDUCT = re.compile(r"\b(?:espionage|cyberespionage|sabotage|surveillance)$", re.I)
_BLAMED = re.compile(r"\b(?:blam(?:ed|es|ing|e)|held|holds|hold|accus(?:ed|es|ing|e))\s+(?:\w+\s+)?$", re.I)


#: A described group counted in people ("the three hackers", "two Chinese actors"): the people, not a group.
_COUNTED = re.compile(
    r"^(?:the\s+|these\s+|those\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s", re.I
)


def _personal(x: Slot) -> bool:
    return (
        "person" in x.kinds()
        or (x.described and x.mention.proposed_kind == "person")
        or (x.described and x.mention.proposed_kind == "threat_group" and bool(_COUNTED.match(x.mention.text)))
    )


def _metonym(text: str, m: Mention, countries: dict[str, Mention]) -> Mention:
    """A capital that acts ("Beijing was behind", "spied on by Beijing") stands for its state; a capital
    where something is ("based in Beijing", "Beijing-based") stays the place."""
    code = _CAPITALS.get(m.text.lower())
    if code is None or code not in countries or "country" in m.kinds():
        return m
    if re.search(r"\b(?:in|from|near|to)\s+$", text[max(0, m.start - 6) : m.start]) or text[m.end : m.end + 1] == "-":
        return m
    return Mention(m.start, m.end, m.text, countries[code].targets, m.proposed_kind)


def _outermost(slots: list[Slot]) -> list[Slot]:
    """The slots (sorted by start, the longest first) that no longer slot contains, in one pass: a slot
    that starts no later than x, ends no earlier and is longer stands before x in that order, so x is
    contained when the furthest end before it is beyond x's end, or is x's end reached from an earlier
    start. (The pairwise test it replaces made a sentence listing thousands of names take minutes.)"""
    out = []
    far_end, far_start = -1, 0  # the furthest end of the slots so far, and the earliest start reaching it
    for x in slots:
        if not (far_end > x.end or (far_end == x.end and far_start < x.start)):
            out.append(x)
        if x.end > far_end:
            far_end, far_start = x.end, x.start
        elif x.end == far_end:
            far_start = min(far_start, x.start)
    return out


def _excluded(text: str, a: Slot, gap: str, predicate: str, forward: bool) -> bool:
    """Whether a frame cannot read the slot `a` and the gap after it, whatever the gap's pattern says (tested
    before the pattern, which costs more)."""
    if predicate == "employed_by" and not _employment(text, a, gap):
        return True
    if predicate == "operated_by" and forward and _personal(a) and _WORK.search(gap) and not _DIRECTED.search(gap):
        return True  # "the defendants worked for a company": employment (the frame below), not operation
    if predicate == "targeted" and _ATTRIBUTIVE_GAP.search(gap):
        return True  # "APT40 uses compromised infrastructure": a participle qualifying a noun
    if predicate == "targeted" and forward and a.described and a.mention.proposed_kind == "operation":
        return True  # "attacks targeting X": the doer is named elsewhere (relations.py finds it)
    if predicate == "member_of_group" and not (a.described or "person" in a.kinds()):
        return True
    return (
        predicate == "member_of_group" and bool(_BARE_OF.match(gap)) and not _MEMBERS.search(text[a.start : a.end])
    )  # "four members of APT40" is membership; "two officers of the MPS" is not


_CHARGES = frozenset({"indicted", "sanctioned"})
#: What may stand between the doer and the phrase naming its backer: "APT40, a group run by the MSS".
_HEAD_GAP = re.compile(
    r"\s*(?:,\s*(?:(?:a|an|the|one)\s+)?(?:[\w-]+\s+){0,3}?)?"
    r"(?:(?:which|who|that)\s+(?:(?:is|are|was|were|has|have|had|been|being)\s+(?:[a-z]+ly\s+){0,2}){1,2})?",
    re.I,
)


#: The end of a tie ("linked to Russian Y") and a bare participle after a comma (", known for targeting",
#: ", primarily targeting"): the participle says what the tie's subject does, as an apposition (", a group known
#: for targeting") says what the end does.
_TIE_END = re.compile(
    r"\b(?:linked|tied|connected|associated|affiliated)\s+(?:to|with)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+)?$", re.I
)
_BARE_PARTICIPLE = re.compile(
    r",\s*(?:(?:best|widely|mainly|mostly|primarily|largely|chiefly|also)\s+)?(?:known\s+for\s+)?"
    r"(?:(?:mainly|mostly|primarily|largely|chiefly|also)\s+)?",
    re.I,
)
_ING_WORD = re.compile(r"[a-z]+ing\b")


#: "designated" before what it names or classes ("an actor designated as X", "were designated a terrorist
#: organization by Y"): the name or the class is no one sanctioned.
_DESIGNATED_AS = re.compile(r"designat(?:ed|ing)\s+(?:as\s+)?$", re.I)


def _classed(text: str, gap: str, b: Slot) -> bool:
    """Whether the object after "designated" is the class or the name it gives, not one it sanctions."""
    hit = _DESIGNATED_AS.search(gap)
    if hit is None:
        return False
    return "as" in hit.group().lower().split() or (
        b.described and re.match(r"(?:a|an)\s", b.mention.text, re.I) is not None
    )


def tie_before(text: str, s: int, start: int, end: int, verb: int) -> int | None:
    """Where the tie starts whose end is the name at `start`..`end`, when a bare participle follows that name
    up to `verb` ("linked to Y, known for targeting"); None if the name is no such end."""
    if not _BARE_PARTICIPLE.fullmatch(text, end, verb) or not _ING_WORD.match(text, verb):
        return None
    tie = _TIE_END.search(text, max(s, start - 60), start)
    return None if tie is None else tie.start()


def _doer_behind(text: str, s: int, slots: list[Slot], i: int, before: list[Slot]) -> list[Slot]:
    """The doers of a deed whose named subject stands behind them: in "officers of the MSS hacked
    X", "APT40, a group run by the MSS, targeted X" the head of the phrase did it, not the MSS; with no
    such head among the slots, no doer rather than the backer."""
    if not before:
        return before
    if roles.backs(text, s, before[0].mention):
        at = roles.backer_phrase(text, s, before[0].start)
    else:
        at = roles.in_relative(text, s, before[0].mention)  # "hackers who praised the MSS hacked X"
    if at is None:
        return before
    heads = [x for x in slots[:i] if x.end <= at and x.start >= s]
    if not heads:
        return []
    k = len(heads) - 1
    if (
        heads[k].described
        and k > 0
        and not heads[k - 1].described
        and _HEAD_GAP.fullmatch(text, heads[k - 1].end, heads[k].start)
    ):
        k -= 1  # "APT40, a group run by": the name the described noun stands in apposition to
    if not _HEAD_GAP.fullmatch(text, heads[k].end, at):
        return []
    return [heads[k]]


#: "X attributed the breach to Y": the gap, compiled once (speed only).
_TO_GAP = re.compile(r"\s*to\s+(?:the\s+)?")


#: "was accused by", "charged by the": the slot after it accuses, it does not do the deed it accuses of.
_ACCUSED_BY = re.compile(r"\b(?:accus|charg|indict|suspect|blam|prosecut)\w*\s+by\s+(?:the\s+)?$", re.I)
#: The deed an accusation names: "of hacking", "with breaching", "for targeting".
_OF_DEED = re.compile(r"\s*(?:of|with|for)\s+\w+ing\b", re.I)
#: Between the accused and the passive verb: "X was", "X, who were allegedly", "X,".
_ACCUSED_GAP = re.compile(
    r"\s*(?:,\s*)?(?:(?:who|which)\s+)?(?:(?:was|were|is|are|being|has been|have been|had been)\s+)?(?:\w+ly\s+)?",
    re.I,
)


def _accused_before(text: str, slots: list[Slot], i: int) -> list[Slot]:
    """The accused of a passive accusation whose accuser is slot `i`: the slot right before the accusing verb,
    or none (the accuser never did the deed it accuses of)."""
    verb = _ACCUSED_BY.search(text, slots[i - 1].end, slots[i].start) if i > 0 else None
    if verb is None or not _ACCUSED_GAP.fullmatch(text, slots[i - 1].end, verb.start()):
        return []
    return [slots[i - 1]]


def frames(
    text: str,
    sentence: tuple[int, int],
    named: list[Mention],
    countries: dict[str, Mention],
    possible: set[int] | None = None,
) -> list[Found]:
    """Every statement one sentence makes in the frames above (`possible`: see `described`)."""
    s, e = sentence
    named = [
        m
        for m in named
        if not (m.kinds() == {"sector"} and _ROLE_NOUN.match(text, m.end))  # "intelligence officers": a role
    ]
    named = [_metonym(text, m, countries) for m in named]
    named = [
        m
        for i, m in enumerate(named)
        if not (
            i > 0 and m.kinds() == {"sector"} and "country" in named[i - 1].kinds() and named[i - 1].end + 1 == m.start
        )
    ]  # "the US government": the country speaks, "government" is no slot of its own
    phrases = described(text, s, e, named, possible)
    starts = {m.start for m in named}
    phrases = [
        m
        for m in phrases
        if not (_BODY_END.search(m.text) and (hit := _APPOSED_NAME.match(text, m.end, e)) and hit.end() in starts)
    ]  # "China's civilian intelligence agency, the Ministry of State Security": the name says which agency
    slots = [Slot(m, False) for m in named] + [Slot(m, True) for m in phrases]
    slots.sort(key=lambda x: (x.start, -x.end))
    slots = _outermost(slots)
    gate = _GATE.allowed(text, s, e)  # the patterns that may match in the sentence (speed only: `_GATE.may`)
    aka = [(m.start(), m.end()) for m in _AKA_BRACKET.finditer(text, s, e)] if id(_AKA_BRACKET) in gate else []
    if aka:  # speed only: most sentences have none
        slots = [x for x in slots if not any(a < x.start and x.end < b for a, b in aka)]  # aliases of the name before
    said = [(m.start(), m.end()) for m in _ACCORDING.finditer(text, s, e)] if id(_ACCORDING) in gate else []
    if said:
        slots = [x for x in slots if not any(a <= x.start and x.end <= b for a, b in said)]  # who reports it: no actor
    slots = _corefer(text, slots)
    slots = [
        x
        for i, x in enumerate(slots)
        if not (
            i > 0
            and not x.described
            and not slots[i - 1].described
            and _BRACKETED.fullmatch(text, slots[i - 1].end, x.end + 1)
        )
    ]  # "the U.S. Justice Department (DoJ)": the abbreviation is the name before it, said once
    slots = [
        x
        for i, x in enumerate(slots)
        if not (
            x.described
            and x.mention.proposed_kind == "person"
            and i + 1 < len(slots)
            and "person" in slots[i + 1].kinds()
            and not slots[i + 1].described
            and not text[x.end : slots[i + 1].start].strip()
        )
    ]  # "intelligence officers Ding Xiaoyang": a title before names, not an actor of its own
    out: list[Found] = []
    n = len(slots)
    for i in range(n):
        a = slots[i]
        # "The group, which has used X malware, has ties to Y": the relative clause and the names in it are
        # read over, its verb is the subject's
        aside = _RELATIVE_ASIDE.match(text, a.end, e)
        within = 0 if aside is None else sum(1 for x in slots[i + 1 :] if x.end <= aside.end())
        for j in range(i + 1, min(n, i + 4 + within)):
            b = slots[j]
            start = aside.end() if aside is not None and aside.end() <= b.start else a.end
            inner = [x for x in slots[i + 1 : j] if x.start >= start] if j > i + 1 else []  # speed only
            gap = text[start : b.start]
            if text[a.start - 1 : a.start] == "(" and gap.startswith(")"):
                gap = gap[1:]  # "(DoJ) indicted": the slot is the abbreviation of the name before it
            if len(gap) > 90 or (id(_CLAUSE) in gate and _CLAUSE.search(gap)):  # the gate: speed only
                break
            if _adjectival(text, b):
                continue  # "the China state-affiliated group APT31": China qualifies the group, it is no object
            if _APPOSED.match(text, b.end):
                continue  # "Beijing's foreign intelligence arm, the MSS": the apposition names the object
            if inner:
                if not _skippable(text, inner):
                    continue
                gap = _without(text, start, b.start, inner)
            if '"' in gap or "“" in gap or "”" in gap:  # speed only: most gaps hold no quotation mark
                gap = _QUOTES.sub(" ", gap)  # 'calling the accusations "baseless"', '"prosecuting" two nationals'
            if (_TO_GAP.fullmatch(gap) or _TO_A_GROUP_CALLED.fullmatch(gap)) and re.search(
                r"\battribut(?:ed|es|e|ing)\s+(?:(?:responsibility|blame)\s+for\s+)?(?:such\s+|the\s+|this\s+|these\s+)?$",
                text[max(s, a.start - 50) : a.start],
                re.I,
            ):  # "X attributed the breach to Y"
                sm, om = _retype(a, "attributed_to", "subject"), _retype(b, "attributed_to", "object")
                if sm is not None and om is not None:
                    out.append(Found(sm, "attributed_to", om, (a.end, b.start), "frame:attributed X to Y"))
                    continue
            if (
                a.described
                and a.mention.proposed_kind == "operation"
                and "country" in b.kinds()
                and _FROM.fullmatch(gap)
            ):  # "Massive cyberattacks from China"
                out.append(Found(a.mention, "attributed_to", b.mention, (a.end, b.start), "frame:deed from state"))
                continue
            if (
                a.described
                and a.mention.proposed_kind == "threat_group"
                and "country" in b.kinds()
                and _ACTOR_FROM.fullmatch(gap)
            ):  # "state-backed actors, particularly from China": the state the described actors come from
                out += [
                    Found(a.mention, "attributed_to", x.mention, (a.end, x.start), "frame:actor from state")
                    for x in _list_after(text, slots, j)
                    if "country" in x.kinds()
                ]
                continue
            if a.described and a.mention.proposed_kind == "operation" and _DEED_BY.fullmatch(gap):
                om = _retype(b, "attributed_to", "object")
                if (om is not None and not b.described) or (b.described and b.mention.proposed_kind == "threat_group"):
                    out.append(Found(a.mention, "attributed_to", om or b.mention, (a.end, b.start), "frame:deed by"))
                    continue  # "a 2021 cyberattack on the cartography agency by state actors"
            if _PERFECT_TIE.fullmatch(gap) and i > 0 and _RELATIVE_THAT.fullmatch(text, slots[i - 1].end, a.start):
                # "a hacking group that the United States has tied to Y": the group is tied, the United States
                # ties it
                sm, om = _retype(slots[i - 1], "linked_to", "subject"), _retype(b, "linked_to", "object")
                if sm is not None and om is not None:
                    out.append(Found(sm, "linked_to", om, (a.end, b.start), TIED_BY))
                continue
            if _TO.fullmatch(gap) and _LINKING.search(text, max(s, a.start - 30), a.start):
                sm, om = _retype(a, "linked_to", "subject"), _retype(b, "linked_to", "object")
                if sm is not None and om is not None:  # "claims linking a cyberattack to a hacking group"
                    out.append(Found(sm, "linked_to", om, (a.end, b.start), "frame:linking X to Y"))
                    continue
            if (
                _FOR_DEED.fullmatch(gap)
                and _BLAMED.search(text, max(s, a.start - 30), a.start)
                and not (_OF_CONDUCT.match(gap) and b.described and _CONDUCT.search(b.mention.text))
            ):  # "X blamed China for a cyberattack", "X accused China of launching cyberattacks"; "accusing China
                # of cyber espionage" names a kind of conduct, no deed done
                om, sm = _retype(a, "attributed_to", "object"), _retype(b, "attributed_to", "subject")
                if sm is not None and om is not None:
                    out.append(Found(sm, "attributed_to", om, (a.end, b.start), "frame:blamed Y for X"))
                    continue
            for predicate, _pattern, forward in _matching_frames(gap, partial(_excluded, text, a, gap)):
                if predicate == "sanctioned" and _classed(text, gap, b):
                    continue  # "were designated a terrorist organization by Y": a class, no one sanctioned
                before = _list_before(text, slots, i)
                if _PP_BEFORE.search(text, max(s, a.start - 50), a.start) and _VERB_AHEAD.match(gap):
                    if i == 0:
                        continue  # the noun the phrase qualifies is not a slot: no statement rather than a wrong one
                    before = [slots[i - 1]]  # "attackers with clear links to China are behind X": the attackers
                if predicate == "targeted" and forward:
                    before = _doer_behind(text, s, slots, i, before)  # "officers of the MSS hacked X"
                    bare = _BARE_PARTICIPLE.match(gap)
                    if bare and (tie := tie_before(text, s, a.start, a.end, a.end + bare.end())) is not None:
                        heads = [x for x in slots[:i] if x.end <= tie and x.start >= s]
                        before = heads[-1:]  # "X is an actor linked to Y, primarily targeting Z": X, not Y
                    if _OF_DEED.match(gap) and _ACCUSED_BY.search(text, max(s, a.start - 40), a.start):
                        before = _accused_before(text, slots, i)  # "X was accused by Y of hacking Z": X did it
                subj_slots = before if forward else _list_after(text, slots, j)
                if predicate == "member_of_group" and _BARE_OF.match(gap):
                    subj_slots = [a]  # "two officers of X, eight employees and two members of Y": only the members
                if forward and _AND_VERB.match(gap) and i > 0:
                    head = slots[0]  # "X summoned the ambassador of Z, and sanctioned Y": X sanctioned
                    if _retype(head, predicate, "subject") is not None and not _CLAUSE.search(text, head.end, a.end):
                        subj_slots = [head]
                obj_slots = _list_after(text, slots, j, predicate == "targeted") if forward else before
                made = 0
                for x in subj_slots:
                    for y in obj_slots:
                        sm, om = _retype(x, predicate, "subject"), _retype(y, predicate, "object")
                        if sm is None or om is None or sm.start == om.start:
                            continue
                        if predicate == "targeted" and not roles.state_as_doer(text, s, sm):
                            continue  # "an actor based in China aimed at X": the actor, read from the next pair
                        if forward and predicate in _CHARGES and roles.people_of(text, s, om.start):
                            continue  # "charged members of APT41": the members, not the group
                        said = predicate
                        if (
                            predicate == "attributed_to"
                            and not forward
                            and _RESPONSIBLE.search(gap)
                            and not x.described
                        ):
                            continue  # "X is responsible for Operation Y": the cue rules read it (conducted)
                        if (
                            predicate == "attributed_to"
                            and not forward
                            and y.described
                            and _BARE_BEHIND.fullmatch(gap)
                            and _PLAIN_DOER.fullmatch(y.mention.text)
                        ):
                            continue  # "the threat actor behind intrusions": the deed describes the doer, names none
                        if predicate == "attributed_to" and _run_by_state(sm, om, gap):
                            said = "operated_by"  # "the MSS is behind APT40": a state body runs the group
                        out.append(Found(sm, said, om, (a.end, b.start), f"frame:{said}"))
                        made += 1
                if made:
                    break
    if not slots:  # speed only: the rules below read the slots, but for the staff a name holds
        return out + _staff_named_inside(text, s, named)
    # speed only: each rule marked below makes its statements only from a slot that passes the first test of
    # its loop over the slots (a described deed, a name of some kinds), so it is not called where the sentence
    # has no such slot; the kinds of the names and of the described phrases are read once for all of them
    plain: set[str] = set()
    described_kinds: set[str | None] = set()
    for x in slots:
        if x.described:
            described_kinds.add(x.mention.proposed_kind)
        else:
            plain |= x.kinds()
    deeds = "operation" in described_kinds
    employers = bool(plain & _EMPLOYER_KINDS)
    # speed only: a rule whose first test the sentence fails (read here, from the gate's answer kept for the
    # sentence or one look at the text) is not called
    out += _fellow_members(text, slots, out) if out else []
    out += _fronted_base(text, slots, s) if len(slots) > 1 else []
    out += _by_means(text, slots, s, e) if id(_BY_MEANS_AT) in gate else []
    out += _deed_on_target(text, slots, named) if deeds else []
    out += _based(text, slots) if plain & _PLACES else []
    out += _based_inside(text, slots, named) if text.find("-based", s, e + 6) >= 0 else []
    out += _charged_passive(text, slots, s, e, named)
    out += _their_firm(text, slots, s, e) if "person" in plain and plain & FIRM_KINDS else []
    out += _named_victim(text, slots, s, e) if id(_PASSIVE_VICTIM) in gate else []
    out += _members_named_inside(text, slots, named) if described_kinds else []
    out += _roles_before_names(text, slots) if employers else []
    out += (_roles_after_names(text, slots) + _its_people(text, slots)) if employers else []
    out += _titled_people(text, slots) if employers and "person" in plain else []
    out += _fronts(text, slots, named) if plain & FIRM_KINDS else []
    out += _nested_units(text, slots) if plain & _BUREAU and "ministry" in plain else []
    out += _nationality(text, slots, countries) if described_kinds or "threat_group" in plain else []
    out += (_backed_deeds(text, slots, named) if deeds else []) + _staff_named_inside(text, s, named)
    out += _bureau_of_ministry(text, slots) if plain & _INNER_BODIES else []
    out += (_attributed_far(text, slots, s) if deeds else []) + (
        _renamed_nationality(text, slots, countries) if "threat_group" in plain else []
    )
    out += (_classed_by_state(text, slots, countries) if described_kinds & _CLASSED_KINDS else []) + _supported_efforts(
        text, slots, s
    )
    out += _state_owned_deeds(text, slots, countries) if deeds else []
    out += _tied_deeds(text, slots, countries) if deeds else []
    out += _holder_nouns(text, slots, s, e) if id(_HOLDER_WORD) in gate else []
    return out


#: "the threat actor behind intrusions": "behind" with no verb before it qualifies the described doer, and a doer
#: of plain lower-case words says nothing of its own (no state, no name: "the Chinese hackers behind X" stays).
_BARE_BEHIND = re.compile(r"\s+behind\s+(?:the\s+)?", re.I)
_PLAIN_DOER = re.compile(r"(?:[Tt]he|[Tt]hese|[Tt]hose)(?:\s+[a-z]+)+")


#: The kinds the rules above ask a slot for before reading it (see `frames`: speed only).
_EMPLOYER_KINDS = PREDICATES["employed_by"].range_kinds
_CLASSED_KINDS = frozenset({"operation", "threat_group"})


#: A copula with the hedge it may carry before a phrase that renames the name before it ("is likely a", "is
#: suspected to be a"); shared with `relations._RENAMES`, which reads the same renaming from the other side.
HEDGED_COPULA = r"(?:is|was|are|were)(?:\s+\w+ly)?(?:\s+(?:assessed|believed|suspected|thought)\s+to\s+be)?"
#: Up to three modifiers of the renaming noun phrase before the described phrase, "and" or a comma joining two of
#: them: "X is an Iranian threat group", "X is an active and organized threat group", "X is a pro-Palestinian,
#: likely Malaysian hacktivist group" (no preposition, no clause; a comma before "and" ends an apposition).
RENAMING_MODIFIERS = (
    r"(?:(?!(?:of|by|for|to|with|from|in|on|at|and|or|that|which|who)\b)"
    r"[\w-]+(?:,(?!\s+(?:and|or)\b))?\s+(?:and\s+)?){0,3}"
)
#: A lower-case noun after a group's name that heads the name's phrase ("The Kasablanka group is a ...").
NAME_HEAD = r"(?:\s+(?:group|gang|team|crew|collective))?"
_COPULA = re.compile(
    # a bracket after the name, or closing after a name inside it ("X (also tracked as Y) is a ..."); the name's
    # own head noun ("The X group is a ...")
    r"[\"”’']?" + NAME_HEAD + r"\s*(?:\(?[^()]{0,60}\)\s*)?(?:,[\"”’']?|"
    # a comma before the copula when an aside ends with the name ("The group, also tracked as X, is ...")
    r"(?:,\s*)?" + HEDGED_COPULA + r"|remains|"
    r"(?:is )?described as|(?:has |have )?emerged as|—|–)\s*(?:(?:a|an|the)\s+" + RENAMING_MODIFIERS + r")?$",
    re.I,
)
#: A verb that assesses or names what follows it ("Talos assesses X as a ...", "researchers have identified X as a
#: ...", "Microsoft has tracked X as the ...", "Cybereason describes X as an ..."), right before the name (or the
#: bracket of its link).
_ASSESSING = re.compile(
    r"\b(?:assess(?:es|ed)?|identif(?:y|ies|ied)|track(?:s|ed)?|describ(?:e|es|ed)|classif(?:y|ies|ied)|"
    r"characteri[sz](?:e|es|ed)|categori[sz](?:e|es|ed)|consider(?:s|ed)?|regard(?:s|ed)?)\s+\[?$",
    re.I,
)
#: Between the name that verb takes and the described phrase: "as" and the article and modifiers of the phrase
#: (a link's address or a bracketed alias may stand after the name); "as one of the primary actors behind X"
#: gives the name a share in what the actors did.
_AS_RENAMING = re.compile(
    r"\]?(?:\([^()\s]{1,200}\))?\s*(?:\([^()]{0,60}\)\s*)?as\s+(?:one\s+of\s+)?(?:(?:a|an|the)\s+"
    + RENAMING_MODIFIERS
    + r")?$",
    re.I,
)


def assessed_as(text: str, name: Slot | Mention, phrase_start: int) -> bool:
    """Whether a described phrase renames the name a verb of assessing or naming takes: "Talos assesses X as a
    China-nexus threat actor" speaks of X (the phrase is X's), as "X is a China-nexus threat actor" does."""
    return (
        _AS_RENAMING.fullmatch(text, name.end, phrase_start) is not None
        and _ASSESSING.search(text, max(0, name.start - 40), name.start) is not None
    )


_DOING = re.compile(
    r"\s*(?:,[^,;]{1,80},\s*)?"  # an aside: "X, acting as employees of Y, conducted"
    r"(?:(?:is|are|was|were|has|have|had)\s+)?(?:(?:alleged|said|believed|accused|suspected)\s+(?:to\s+have\s+|of\s+)?)?"
    r"(?:\w+ly\s+)?(?:conducts?|conducted|conducting|carries out|carried out|carry out|launched|launches|"
    r"runs?|ran|has conducted|engaged in|engages in|participated in|participates in|took part in|committed)\s+"
    r"(?:the\s+|a\s+)?$",
    re.I,
)
_DOERS = frozenset({"threat_group", "company", "front_company", "person"})


_ROLE_HEAD = re.compile(r"\b(?:members?|employees?|officers?|agents?|affiliates?|operatives?)$", re.I)
_ROLE_COPULA = re.compile(r"\s*(?:,\s*)?(?:who\s+)?(?:are|were|is|was)\s+(?:\w+ly\s+)?(?:also\s+)?")


#: What joins a place to the rest of the phrase it qualifies: a hyphen ("North Korea-linked APT") or its
#: abbreviation in brackets ("People's Republic of China (PRC) state-sponsored actor").
_QUALIFIER_JOINT = re.compile(r"\s*\([A-Z][\w.]{0,11}\)\s|-")
#: A word joined to the place by a hyphen and left out of the phrase after it: "China-aligned threat actor",
#: "China-related threat actor" (the phrase starts at "threat"), with up to two lower-case modifiers after it
#: that the phrase leaves out too ("a Russia-based financially motivated threat group"; no preposition, no
#: conjunction, no verb of a clause).
_JOINED_WORD = re.compile(
    r"-(?:\w+-)*\w+\s+(?:(?!(?:of|by|for|to|with|from|in|on|at|and|or|that|which|who|is|are|was|were|has|have|"
    r"had)\b)[a-z][\w-]*\s+){0,2}"
)


def _joined_qualifier(text: str, place: Slot | Mention, phrase: Slot | Mention) -> bool:
    """Whether a place named right before a described phrase qualifies it, joined to it with no space of its own
    (see _QUALIFIER_JOINT): the phrase was cut where the place's name ends, or after the word the hyphen joins
    to the place (`_JOINED_WORD`)."""
    if not place.kinds() & _PLACES:
        return False
    if place.end == phrase.start:
        return _QUALIFIER_JOINT.match(text, phrase.start) is not None
    return place.end < phrase.start and _JOINED_WORD.fullmatch(text, place.end, phrase.start) is not None


def _corefer(text: str, slots: list[Slot]) -> list[Slot]:
    """A described phrase that renames the name before it ("Leviathan is a Chinese state-sponsored group",
    "Volt Typhoon, a state-sponsored actor based in China", "The Chinese group, APT10,") stands for that
    name; a described deed after its doer ("APT31 conducts network operations on behalf of") stands for
    the doer."""
    out = list(slots)
    for i, x in enumerate(out):
        if not x.described:
            continue
        nxt = out[i + 1] if i + 1 < len(out) else None
        later = _named_later(text, out, i)
        if later is not None:
            nxt = later
        if nxt is not None and not nxt.described and (later is not None or _KNOWN_AS.fullmatch(text, x.end, nxt.start)):
            out[i] = Slot(
                Mention(x.start, x.end, nxt.mention.text, nxt.mention.targets, nxt.mention.proposed_kind), False
            )
            continue
        at = next((j for j in range(i - 1, -1, -1) if not out[j].described), -1)
        prev = out[at] if at >= 0 else None
        gap_end = x.start
        if prev is not None and _joined_qualifier(text, prev, x):
            # "X is a North Korea-linked APT": the state qualifies the phrase, which renames the name before it
            prev, gap_end = next((y for y in reversed(out[:at]) if not y.described), None), prev.start
        nxt = out[i + 1] if i + 1 < len(out) else None
        kind = x.mention.proposed_kind
        if (
            kind == "operation"
            and prev is not None
            and "operation" in prev.kinds()
            and _COPULA.fullmatch(text[prev.end : gap_end])
        ):
            # "X was a cyber espionage campaign attributed to Y": the deed named before the copula, not a second one
            out[i] = Slot(
                Mention(x.start, x.end, prev.mention.text, prev.mention.targets, prev.mention.proposed_kind), False
            )
            continue
        if kind == "threat_group" or (kind == "company" and _TIE_TAIL.match(text, x.end)):
            # a company renames the name before it only with its tie ("X Ltd., a company with ties to Y"); "X,
            # a front company operated by Y" is the fronts' reading
            if (
                prev is not None
                and prev.kinds() & _NAMED_NEXT[kind]
                and (_COPULA.fullmatch(text[prev.end : gap_end]) or assessed_as(text, prev, gap_end))
            ):
                out[i] = Slot(
                    Mention(x.start, x.end, prev.mention.text, prev.mention.targets, prev.mention.proposed_kind), False
                )
                continue
            if (
                nxt is not None
                and not nxt.described
                and nxt.kinds() & _NAMED_NEXT[kind]
                and re.fullmatch(r"\s*,\s*", text[x.end : nxt.start])
            ):
                out[i] = Slot(
                    Mention(x.start, x.end, nxt.mention.text, nxt.mention.targets, nxt.mention.proposed_kind), False
                )
        elif kind == "person" and _ROLE_HEAD.search(x.mention.text) and i > 0:
            # "The five defendants are alleged members of X": the role renames the people before it; "CNCERT is a
            # member of FIRST": it renames the body, which is nobody's member or employee (the predicates' kinds
            # drop the reading), so the bare role is no one's either
            y = out[i - 1]
            if ("person" in y.kinds() or not y.described) and _ROLE_COPULA.fullmatch(text, y.end, x.start):
                m = y.mention
                out[i] = Slot(Mention(x.start, x.end, m.text, m.targets, m.proposed_kind), y.described)
        elif kind == "operation":
            # the deed stands for its doer, named or described: "These actors, acting as ..., conducted
            # computer intrusions at the direction of Y" -> the actors act for Y
            for y in reversed(out[max(0, i - 4) : i]):
                if y.kinds() & _DOERS and _DOING.fullmatch(text[y.end : x.start]):
                    m = y.mention
                    out[i] = Slot(Mention(x.start, x.end, m.text, m.targets, m.proposed_kind), y.described)
                    break
    return out


_BRACKETED = re.compile(r"\s*\([^()]{1,20}\)")
_QUOTES = re.compile(r"[\"“”]")
_WORD_TAIL = re.compile(r"[\w-]*")


#: "a group known as X", "a group it called X", "a group known under several names such as X".
_KNOWN_AS = re.compile(
    r"\s*(?:,\s*)?(?:(?:it|they|we|which|that|who|(?-i:[A-Z][\w&-]+))\s+)?(?:(?:often|commonly|also|publicly)\s+)?"
    r"(?:known as|called|named as|named|dubbed|identified as|tracked as|tracks as|referred to as|"
    r"known (?:under|by) (?:several|many|various|multiple) names,? (?:such as|including))\s+(?:the\s+)?[\"'“‘]?",
    re.I,
)
#: "a group linked to Chinese intelligence agencies and known as Salt Typhoon": the name comes later.
_AND_KNOWN_AS = re.compile(
    r"(?:,\s*|\s+and\s+|\s+)(?:(?:is|was|are|were)\s+)?(?:(?:often|commonly|also|publicly)\s+)?"
    r"(?:known|referred to|tracked|named|identified|(?:(?-i:[A-Z][\w&-]+)\s+)?tracks)"
    r"(?:\s+(?:within|in|among|to)\s+[\w\s-]{0,40}?)?"
    r"\s+as\s+(?:the\s+)?[\"'“‘]?$",
    re.I,
)


def _named_later(text: str, slots: list[Slot], i: int) -> Slot | None:
    """The named group a described group is later called, within its sentence: 'a hacking group operating
    in China known within the community as APT10'."""
    x = slots[i]
    if x.mention.proposed_kind != "threat_group":
        return None
    for y in slots[i + 1 : i + 4]:
        if y.start - x.end > 120:
            return None
        if not y.described and "threat_group" in y.kinds():
            return y if _AND_KNOWN_AS.search(text, max(x.end, y.start - 80), y.start) else None
    return None


def _without(text: str, a: int, b: int, inner: list[Slot]) -> str:
    """The gap between two slots read without the slots it holds ("of China's Ministry": "of Ministry")."""
    out, pos = [], a
    for x in inner:
        bracketed = text[x.start - 1 : x.start] == "(" and text[x.end : x.end + 1] == ")"
        out.append(text[pos : x.start - 1] if bracketed else text[pos : x.start])
        pos = x.end + 1 if bracketed else x.end  # "the Department (DoJ) indicted": the abbreviation goes whole
        if text[pos : pos + 2] in ("'s", "’s"):
            pos += 2
        elif text[pos : pos + 1] == "-":
            pos = _WORD_TAIL.match(text, pos + 1).end()  # "China-linked"
    out.append(text[pos:b])
    return re.sub(r"\s+", " ", "".join(out))


_ADJECTIVAL = re.compile(r"(?:-\w|\s+(?:state|government|regime)[- ]\w)", re.I)


#: A name joined to a participle of naming ("the Microsoft-defined Storm-0501 entity", "the Mandiant-tracked
#: group"): whoever names the thing qualifies it, and is no end of a statement about it.
_NAMING_PARTICIPLE = re.compile(r"-(?:defined|tracked|named|designated|dubbed|coined|branded|labell?ed)\b", re.I)


def _adjectival(text: str, x: Slot) -> bool:
    """A country named as a modifier ("China-linked", "China state-affiliated"), or any name joined to a
    participle of naming ("Microsoft-defined")."""
    if "country" in x.kinds() and _ADJECTIVAL.match(text[x.end : x.end + 12]):
        return True
    return text[x.end : x.end + 1] == "-" and bool(_NAMING_PARTICIPLE.match(text, x.end))


#: Who believes or says it, inside the clause ("a group that U.S. authorities believe is affiliated with X").
_REPORTER_BEFORE = re.compile(r"\b(?:that|which|who)\s+(?:the\s+)?$", re.I)
_REPORTER_AFTER = re.compile(
    r"[\w\s.&,-]{0,40}?\b(?:believes?|believed|says?|said|alleges?|alleged|claims?|assess(?:es)?)\b", re.I
)


def _skippable(text: str, between: list[Slot]) -> bool:
    """Slots that do not break a frame: a parenthesised abbreviation or an inner described phrase."""
    return all(
        text[x.start - 1 : x.start] == "("
        or text[x.end : x.end + 1] == "-"
        or text[x.end : x.end + 2] in ("'s", "’s")
        or (x.described and x.mention.proposed_kind in {"operation", "indictment"})
        or _adjectival(text, x)  # "the China state-affiliated group APT31"
        or (bool(x.kinds() & _PLACES) and text[max(0, x.start - 4) : x.start].lower() == " in ")  # "a company in China"
        or (_REPORTER_BEFORE.search(text, max(0, x.start - 12), x.start) and _REPORTER_AFTER.match(text, x.end))
        or (x.kinds() == {"sector"} and _APPOSITION_REST.match(text, x.end))  # "intelligence arm, the MSS"
        for x in between
    )


#: Patterns the rules below read each slot or gap with, compiled once (speed only).
_OF_FROM_IN = re.compile(r"\s*(?:,\s*)?(?:who\s+)?(?:is|are|was|were)?\s*(?:of|from|in)\b", re.I)
_PEOPLE_HEAD = re.compile(r"\b(?:members?|actors?|hackers?|operators?)$")
_BASED_AFTER = re.compile(r"-based\b")


def _employment(text: str, a: Slot, gap: str) -> bool:
    """'of / from / in' make employment only after a person or a role noun ("two officers of the MPS")."""
    if not (a.described or "person" in a.kinds()):
        return False
    if _OF_FROM_IN.match(gap):
        return bool(_PERSON_ROLE.search(a.mention.text) or re.search(r"\bare\s+from\b|\bwere\s+from\b", gap))
    return True


_ROLE_NOUN = re.compile(r"\s+(?:officers?|officials?|agents?|services|agencies|employees?|personnel)\b", re.I)
_PLACES = frozenset(KIND_CLASSES["place"])


#: A definite phrase with one actor in it, "the Equation Group threat actor", "The Larva-24010 threat actor": the
#: group itself, named with the noun of what it is, not one of its people ("four APT40 cyber actors" are people).
_THE_GROUP_ITSELF = re.compile(r"[Tt]he\s.*\bactor$")


def _members_named_inside(text: str, slots: list[Slot], named: list[Mention]) -> list[Found]:
    """'four APT40 cyber actors', 'three more APT41 members': people of the group named inside the phrase."""
    out = []
    for x in slots:
        if not x.described or not _PEOPLE_HEAD.search(x.mention.text) or _THE_GROUP_ITSELF.match(x.mention.text):
            continue
        for g in named:
            if (
                x.start <= g.start
                and g.end <= x.end
                and (g.start, g.end) != (x.start, x.end)
                and "threat_group" in g.kinds()
            ):
                person = Mention(x.start, x.end, x.mention.text, [], "person")
                out.append(Found(person, "member_of_group", g, (g.start, g.end), "members-named-inside"))
                break
    return out


_BODIES = _AGENCIES | {"company", "university", "media_organisation", "research_centre", "other_organisation"}
_BODY_WORD = re.compile(r"\b(?:agency|ministry|office|department|parliament|commission)\b", re.I)
_ON_WORD = re.compile(r"\s(?:on|against)\s+(?:the\s+)?", re.I)
_STATES = frozenset({"country", "province", "region"})
_OWNED = re.compile(r"['’]s\s+(?:[a-z][\w-]*\s+){0,3}")
#: The doer's clause after a deed's victim ("against Portugal, carried out by X"): the victim rules' reading.
_DOER_CLAUSE = re.compile(
    r"\s*,?\s*(?:which\s+(?:was|were)\s+)?(?:\w+ly\s+)?"
    r"(?:carried out|conducted|launched|perpetrated|orchestrated|mounted)\s+by\b",
    re.I,
)


def _deed_on_target(text: str, slots: list[Slot], named: list[Mention]) -> list[Found]:
    """A deed named by its target targeted it: "a 2021 cyberattack on the federal cartography agency",
    "the attack on the Federal Agency for Cartography and Geodesy", and, where the deed's phrase stops before the
    target's name, "Chinese cyberattacks on Taiwan"."""
    out: list[Found] = []
    for i, x in enumerate(slots):
        if not x.described or x.mention.proposed_kind != "operation":
            continue
        on = _ON_WORD.search(text, x.start, x.end)
        if on is None:
            # "Chinese cyberattacks on Taiwan", "attacks against the Ministry of Defence": the phrase stops before
            # the name of its target, a state or a body (a product after "on" names the deed, no victim); "hostile
            # activity against Portugal, carried out by X" is the doer's, which the victim rules read
            y = slots[i + 1] if i + 1 < len(slots) else None
            after = _ON_WORD.match(text, x.end) if y is not None else None
            if after is not None and after.end() == y.start and not y.described and y.kinds() & (_BODIES | _STATES):
                victim = y.mention
                z = slots[i + 2] if i + 2 < len(slots) else None
                if z is not None and z.kinds() & _TARGETS and _OWNED.fullmatch(text, y.end, z.start):
                    # "attacks on Taiwan's key infrastructure": the thing the state owns
                    victim = Mention(y.start, z.end, text[y.start : z.end], [], "sector")
                if not _DOER_CLAUSE.match(text, victim.end):
                    out.append(
                        Found(x.mention, "targeted", victim, (after.start(), after.end()), "frame:deed on target")
                    )
            continue
        inside = [m for m in named if on.end() <= m.start and m.end <= x.end and m.kinds() & _TARGETS]
        hit = next((m for m in inside if m.end == x.end), inside[0] if inside else None)  # the owner's agency
        victim = hit or Mention(on.end(), x.end, text[on.end() : x.end], [], "sector")
        if hit is not None and not hit.kinds() & _BODIES:
            continue  # "the attack on Microsoft Exchange servers": the deed's name, not a victim it adds
        if hit is None and not _BODY_WORD.search(victim.text):
            continue
        out.append(Found(x.mention, "targeted", victim, (on.start(), on.end()), "frame:deed on target"))
    return out


_FRONTED_BASE = re.compile(r"[\s\"“]*(?:Based|Headquartered|Located)\s+in\s+(?:the\s+)?", re.I)
_LOCATED = PREDICATES["located_in"]


def _fronted_base(text: str, slots: list[Slot], s: int) -> list[Found]:
    """ "Based in Shanghai, Yin was sanctioned": the sentence's subject is based there."""
    m = _FRONTED_BASE.match(text, s)
    if m is None or len(slots) < 2 or slots[0].start != m.end() or not slots[0].kinds() & _LOCATED.range_kinds:
        return []
    place, who = slots[0], slots[1]
    if not re.fullmatch(r"\s*,\s*(?:the\s+)?", text[place.end : who.start]):
        return []
    sm = _retype(who, "located_in", "subject")
    return [Found(sm, "located_in", place.mention, (s, m.end()), "frame:fronted base")] if sm is not None else []


_OTHER_MEMBERS = re.compile(r"(?:other|fellow)\s+members?\b", re.I)
_AND_OTHERS = re.compile(r"(?:\s*\([^()]{0,40}\))?(?:\s*,\s*\d{1,3})?\s*(?:,\s*)?and\s+")


def _fellow_members(text: str, slots: list[Slot], found: list[Found]) -> list[Found]:
    """ "Fujie Wang, 32, and other members of the hacking group": the person named is a member too."""
    out: list[Found] = []
    for f in found:
        if f.predicate != "member_of_group" or not _OTHER_MEMBERS.match(f.subject.text):
            continue
        k = next((i for i, x in enumerate(slots) if x.start == f.subject.start), None)
        if not k:
            continue
        person = slots[k - 1]
        named = "person" in person.kinds() and not person.described
        if named and _AND_OTHERS.fullmatch(text, person.end, f.subject.start):
            out.append(Found(person.mention, "member_of_group", f.object, f.cue, "frame:and other members"))
    return out


def _by_means(text: str, slots: list[Slot], s: int, e: int) -> list[Found]:
    """ "The FBI sought to disrupt the company by indicting three officials, A, B and C": the sentence's
    first slot, when it can charge or sanction, does so to everyone listed after the verb."""
    out: list[Found] = []
    if not slots:
        return out
    for m in _GATE.finditer(_BY_MEANS_AT, text, s, e):
        predicate = "sanctioned" if m.group(1).lower() in {"sanctioning", "designating"} else "indicted"
        head = slots[0]
        agent = _retype(head, predicate, "subject")
        if agent is None or head.end > m.start() or _CLAUSE.search(text, head.end, m.start()):
            continue
        first = next((i for i, x in enumerate(slots) if x.start == m.end()), None)
        if first is None:
            continue
        listed = _list_after(text, slots, first)
        if len(listed) == 1 and slots[first].described:  # "three officials in Hainan, A, B and C": the people named
            k = first + 1
            while k < len(slots) and slots[k].kinds() <= _PLACES and not slots[k].described:
                k += 1
            if (
                k < len(slots)
                and "person" in slots[k].kinds()
                and not slots[k].described
                and _NAMES_FOLLOW.fullmatch(text, slots[first].end, slots[k].start)
            ):
                listed += _list_after(text, slots, k)
        for x in listed:
            om = _retype(x, predicate, "object")
            if om is not None:
                out.append(Found(agent, predicate, om, (head.end, x.start), f"frame:by {m.group(1).lower()}"))
    return out


#: Words between "X-based" and the next name that make the based noun another thing than the name: in
#: "U.S.-based computers infected with X's malware", X is not in the U.S. (xfrag); in "used China-based servers
#: to launch attacks on X", the servers are in China, not the attacks.
BASED_THING = re.compile(
    r"\b(?:with|of|by|for|from|to|on|in|into|at|and|or|against|infected|used|using|targeting|targeted)\b", re.I
)


def _based(text: str, slots: list[Slot]) -> list[Found]:
    """'Beijing-based Integrity Technology Group', 'a Wuhan-based company': located_in the place."""
    out = []
    for i, x in enumerate(slots[:-1]):
        if x.described or not (x.kinds() & _PLACES) or not _BASED_AFTER.match(text[x.end : x.end + 7]):
            continue
        if re.search(r"\b(?:state|government|regime)$", x.mention.text, re.I):
            continue  # "a Chinese state-based actor": who runs it, not where it is
        y = slots[i + 1]
        if (
            y.start - x.end <= 60
            and re.fullmatch(r"-based[\w\s-]{0,50}?", text[x.end : y.start].rstrip())
            and not BASED_THING.search(text, x.end, y.start)
        ):
            m = _retype(y, "located_in", "subject") or y.mention
            out.append(Found(m, "located_in", x.mention, (x.end, x.end + 6), "place-based"))
    return out


def _based_inside(text: str, slots: list[Slot], named: list[Mention]) -> list[Found]:
    """'a Beijing-based cybersecurity company known as X', 'the Sichuan-based company': the described
    actor (or the name it stands for) is located in the place its phrase holds."""
    out = []
    based = [p for p in named if text.startswith("-based", p.end)]  # speed: the rare test first, once per name
    for y in slots if based else ():
        for p in based:
            if y.start <= p.start and p.end < y.end and p.kinds() & _PLACES:
                if re.search(r"\b(?:state|government|regime)$", p.text, re.I):
                    continue
                m = _retype(y, "located_in", "subject") or y.mention
                out.append(Found(m, "located_in", p, (p.end, p.end + 6), "place-based"))
    return out


_CHARGED = re.compile(
    r"\b(?:have|has|had)\s+(?:now\s+|also\s+)?been\s+(?:\w+ly\s+)?|\b(?:were|was|are|is)\s+(?:\w+ly\s+)?"
)
_LEGAL_WORDS = ("charged", "indicted", "sanctioned", "designated")
_CHARGED_VERB = re.compile(rf"({'|'.join(_LEGAL_WORDS)})\b", re.I)
#: The verbs of `_CHARGED_VERB` as whole words (a match of it starts after white space), asked of the gate
#: before the sentence is scanned for the copulas they follow (speed only).
_LEGAL_VERB = re.compile(rf"\b(?:{'|'.join(_LEGAL_WORDS)})\b", re.I)
_LEGAL_LONGEST = max(map(len, _LEGAL_WORDS))
_BY = re.compile(r"\s*(?:today\s+|on\s+\w+\s+)?by\s+(?:the\s+)?$", re.I)
#: "have been indicted on charges of conspiracy ... by the U.S. Department of Justice": the agent far away.
_FAR_BY = re.compile(r"[^;:\"“”]{0,200}?\bby\s+(?:the\s+)?$")
_IN_STATE = re.compile(r"\s*(?:today\s+|on\s+\w+\s+)?in\s+(?:the\s+)?$", re.I)
_LEGAL = {"indicted": "indicted", "charged": "indicted", "sanctioned": "sanctioned", "designated": "sanctioned"}


#: "..., according to a (newly unsealed) Department of Justice indictment": the filing's body charges.
_ACCORDING_TO_FILING = re.compile(
    r"[^;:\"“”]{0,200}?,\s*according\s+to\s+(?:a|an|the)\s+(?:(?:new|federal|\w+ly\s+unsealed|unsealed)\s+)?", re.I
)
_FILING_AFTER = re.compile(
    r"(?:['’]s)?\s*(?:\([^()]{1,12}\)\s*)?(?:(?:criminal|federal|unsealed)\s+)?(?:indictments?|complaints?|"
    r"charging\s+documents?)\b",
    re.I,
)


def _charged_passive(text: str, slots: list[Slot], s: int, e: int, legal_bodies: Sequence[Mention] = ()) -> list[Found]:
    """ "X have been charged ..., the U.S. Justice Department announced" / "X were sanctioned by Y": the body
    that announces or acts charges (or sanctions) the sentence's subject, however far it stands."""
    if not slots:
        return []
    head = slots[0]
    if text[s : head.start].strip(" \"'“‘") not in {"", "The", "the"}:
        return []
    verb = None
    # speed only: the verb may end past the sentence (it is matched from a copula before `e`, unbounded), so
    # the gate is asked about the whole sentence (its answer kept for every rule) and, for a verb that runs
    # past its end, the pattern itself is searched the longest verb's length either side of it (a span asked
    # once, which the gate would index for nothing): a verb inside the sentence's rest and that length beyond
    # it stands in one of the two
    verbs = (
        _GATE.may(_LEGAL_VERB, text, s, e)
        or _LEGAL_VERB.search(text, max(s, e - _LEGAL_LONGEST), min(len(text), e + _LEGAL_LONGEST)) is not None
    )
    for m in _CHARGED.finditer(text, head.end, e) if verbs else ():
        v = _CHARGED_VERB.match(text, m.end())
        if v:
            verb = v
            break
    if verb is None or any(
        x.start < verb.start() and x.start > head.end and _CLAUSE.search(text, head.end, x.start) for x in slots
    ):
        return []
    predicate = _LEGAL[verb.group(1).lower()]
    subjects = [x for x in _list_after(text, slots, 0) if _retype(x, predicate, "object") is not None]
    if not subjects:
        return []
    agent = None
    for x in slots:
        if x.start < verb.end():
            continue
        if (
            _BY.fullmatch(text, verb.end(), x.start)
            or _FAR_BY.fullmatch(text, verb.end(), x.start)
            or ("country" in x.kinds() and _IN_STATE.fullmatch(text, verb.end(), x.start))  # "indicted in the US"
            or (_SAYS.match(text, x.end) and re.search(r",\s*(?:the\s+)?$", text[max(s, x.start - 8) : x.start]))
        ):
            agent = x
            break
    if agent is None:
        # "X was charged with fraud, according to a Department of Justice indictment": the body whose
        # indictment or complaint tells the charge brought it
        source = _ACCORDING_TO_FILING.match(text, verb.end(), e)
        named = [x for x in legal_bodies if source is not None and x.start == source.end()]
        if named and _FILING_AFTER.match(text, named[0].end):
            agent = Slot(named[0], False)
    if agent is None:
        return []
    body = _retype(agent, predicate, "subject")
    if body is None or "person" in body.kinds():
        return []
    return [
        Found(body, predicate, o, (verb.start(), verb.end()), f"frame:{predicate}")
        for o in (x.mention for x in subjects)
    ]


_THEIR_FIRM = re.compile(
    r"(?:\b(?:their|his|her)\s+(?:own\s+)?|\bwhile\s+(?:being\s+)?employed\s+by\s+(?:the\s+|a\s+)?"
    r"(?:[\w-]+\s+){0,2}?)(?:firm|company|employer|companies)?\s*(?:,\s*)?(?:called\s+|named\s+)?$",
    re.I,
)


def _their_firm(text: str, slots: list[Slot], s: int, e: int) -> list[Found]:
    """ "A, B and C ... conducted intrusions through their firm X", "..., while employed by the Chinese
    firm X": the people the sentence starts with work for X, however far they stand."""
    if (
        not slots
        or not _GATE.may(_THEIR_FIRM, text, s, e)
        or not _GATE.may(_THEIR_FIRM, text, s, max(x.start for x in slots))
    ):
        return []  # speed only: no "their", "his", "her" or "employed" in the sentence, or none before any slot
    first = next((i for i, x in enumerate(slots) if "person" in x.kinds() and not x.described), None)
    if first is None or not all(x.described for x in slots[:first]):
        return []  # "The other three hackers, A, B and C": the people the sentence is about
    people = [x for x in _list_after(text, slots, first) if "person" in x.kinds()]
    out = []
    for firm in slots[first + len(people) :]:
        if not (firm.kinds() & FIRM_KINDS) or firm.described:
            continue
        lead = _THEIR_FIRM.search(text, max(s, firm.start - 60), firm.start)
        if lead is None or _CLAUSE.search(text, people[-1].end, lead.start()):
            continue
        out += [
            Found(p.mention, "employed_by", firm.mention, (people[-1].end, firm.start), "their-firm") for p in people
        ]
    return out


_PASSIVE_VICTIM = re.compile(
    r"(?:^|[\s,;(])(?:the\s+)?((?:[A-Z][\w'’&.-]*\s+){0,5}?[A-Z][\w'’&.-]*)"
    r"(?:['’]s)?(?:\s+(?:systems|networks|servers|accounts|computers|email))?"
    r"\s+(?:was|were|has been|have been|had been)\s+(?:\w+ly\s+)?"
    r"(?:compromised|targeted|hacked|breached|attacked|infiltrated|penetrated)\s+by\s+(?:the\s+|a\s+|an\s+)?$"
)

#: How every match of _PASSIVE_VICTIM ends (a speed-only test before it).
_PASSIVE_TAIL = re.compile(r"\sby\s+(?:(?:the|a|an)\s+)?$")


def _named_victim(text: str, slots: list[Slot], s: int, e: int) -> list[Found]:
    """ "Between 2021 and 2022 the Electoral Commission was compromised by cyber-criminals": a victim named
    in capitals that the store does not know is still the object of the passive."""
    out: list[Found] = []
    if (
        not slots
        or not _GATE.may(_PASSIVE_VICTIM, text, s, e)
        or not _GATE.may(_PASSIVE_VICTIM, text, s, max(x.start for x in slots))
    ):
        return out  # speed only: no passive verb of _PASSIVE_VICTIM in the sentence, or none before any slot
    for i, doer in enumerate(slots):
        sm = _retype(doer, "targeted", "subject")
        if sm is None:
            continue
        if not _PASSIVE_TAIL.search(text, max(s, doer.start - 120), doer.start):
            continue  # speed only: the end every match of _PASSIVE_VICTIM has, found without its many branches
        m = _PASSIVE_VICTIM.search(text, max(s, doer.start - 120), doer.start)
        if m is None:
            continue
        a, b = m.start(1), m.end(1)
        if any(x.start < b and a < x.end for x in slots[:i]):
            continue  # a known name there: the frames above read it
        if text[a:b].split()[0] in {"The", "A", "An", "It", "They", "This", "That", "These"}:
            continue
        out.append(
            Found(sm, "targeted", Mention(a, b, text[a:b], [], "other_organisation"), (b, doer.start), "named-victim")
        )
    return out


def _roles_before_names(text: str, slots: list[Slot]) -> list[Found]:
    """'Hainan Xiandun employee Wu Shurong', 'HSSD intelligence officers A, B and C': employed_by."""
    out = []
    for i in range(len(slots) - 1):
        org, nxt = slots[i], slots[i + 1]
        if org.described or not (org.kinds() & PREDICATES["employed_by"].range_kinds):
            continue
        if not _ROLE_BEFORE.match(text[org.end : nxt.start]) or "person" not in nxt.kinds():
            continue
        for p in _list_after(text, slots, i + 1):
            if "person" in p.kinds():
                out.append(Found(p.mention, "employed_by", org.mention, (org.end, nxt.start), "role-before-name"))
    return out


#: "Foreign Ministry spokesman Hong Lei", "the agency's former director Wang Wei": the body, its title, the person.
_TITLE_BEFORE = re.compile(
    r"(?:\s*\((?-i:[A-Z]{2,8})\))?(?:['’]s?)?\s+" + POST_WORDS + r"(?:" + TITLES + r")\s+$", re.I
)
#: "Wang Wei, a senior engineer at the Center", "Wang Wei, intelligence manager for the research team at Acme":
#: the person, the post in an aside, the body after "of / at / for / with" (a team of the body may stand between).
_TITLE_AFTER = re.compile(
    POST_ASIDE
    # the field of the post before the body ("chief of counter intelligence at X")
    + POST_FIELD
    + r"(?:\s+(?:of|for|at|in)\s+(?:the\s+)?(?:[A-Za-z][\w&-]*\s+){1,5}?"
    r"(?:team|group|unit|division|department|office|lab|labs|center|centre))?"
    r"\s+(?:of|at|for|with)\s+(?:the\s+)?(?-i:[A-Z][\w.]*(?:['’]s)?\s+){0,2}$",
    re.I,
)


#: The rules of `_titled_people`: a speaker's post is said beside what the speaker says, so a denial in the same
#: sentence negates the words spoken, never the post ("Foreign Ministry spokesman A called the accusation groundless").
TITLE_RULES = frozenset({"title-before-name", "title-after-name"})
#: A body named as the possessor of another ("the PLA Navy's expert committee"): the post is in the other one.
_POSSESSOR_OF_BODY = re.compile(r"['’]s?\s")


#: The chair of a body, with no word of the post before it ("Committee Chairman A", "A, Chair of B"): the frame of
#: `chaired_by` reads the pair, and the chair is not its employee ("former chairman", "vice chairman" still are).
_CHAIR_POST = re.compile(
    r"^(?:\s*\([^()]{1,12}\))?\s*(?:,\s*)?(?:the\s+)?chair(?:man|woman|person)?(?:\s+of(?:\s+the)?)?\s*$", re.I
)


def _titled_people(text: str, slots: list[Slot]) -> list[Found]:
    """A person named with a post in a body: 'Foreign Ministry spokesman A' (the body before the title, the name
    right after it) and 'A, a senior engineer at B' (the post in an aside after the name): employed_by."""
    out = []
    for i in range(len(slots) - 1):
        x, y = slots[i], slots[i + 1]
        if x.described:
            continue
        if not y.described and "person" in y.kinds() and x.kinds() & _EMPLOYER_KINDS and "person" not in x.kinds():
            gap = text[x.end : y.start]
            if len(gap) < 60 and _TITLE_BEFORE.fullmatch(gap) and not _CHAIR_POST.match(gap):
                out.append(Found(y.mention, "employed_by", x.mention, (x.end, y.start), "title-before-name"))
                continue
        if "person" not in x.kinds():
            continue
        j = i + 1
        while (slots[j].described or slots[j].kinds() == {"sector"}) and j + 1 < len(slots):
            j += 1  # "intelligence operations manager for the Threat Intelligence Team at X": the post's own words
        y = slots[j]
        if y.kinds() == {"country"} and j + 1 < len(slots):
            y = slots[j + 1]  # "at China's National Center": the country qualifies the body's name
        if y.described or not (y.kinds() & _EMPLOYER_KINDS) or "person" in y.kinds():
            continue
        gap = text[x.end : y.start]
        if (
            len(gap) < 120
            and _TITLE_AFTER.fullmatch(gap)
            and not _POSSESSOR_OF_BODY.match(text, y.end)
            and not _CHAIR_POST.match(gap)
        ):
            out.append(Found(x.mention, "employed_by", y.mention, (x.end, y.start), "title-after-name"))
    return out


_WERE = re.compile(r",?\s*(?:who\s+)?(?:were|was|is|are)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?$", re.I)


def _roles_after_names(text: str, slots: list[Slot]) -> list[Found]:
    """'Ding Xiaoyang, Cheng Qingmin and Zhu Yunmin, were HSSD officers': employed_by the HSSD."""
    out = []
    for i in range(1, len(slots)):
        org, prev = slots[i], slots[i - 1]
        if org.described or not (org.kinds() & PREDICATES["employed_by"].range_kinds) or "person" not in prev.kinds():
            continue
        nxt_start = slots[i + 1].start if i + 1 < len(slots) else len(text)
        role = re.match(
            r"\s*(?:intelligence\s+|senior\s+|computer\s+)?(?:employees?|officers?|officials?|staff|"
            r"agents?|hackers?)\b",
            text[org.end : nxt_start],
            re.I,
        )
        if role and _WERE.fullmatch(text[prev.end : org.start]):
            for p in _list_before(text, slots, i - 1):
                if "person" in p.kinds():
                    out.append(
                        Found(
                            p.mention, "employed_by", org.mention, (prev.end, org.end + role.end()), "role-after-name"
                        )
                    )
    return out


#: "X (abbr), and one of its employees, Y": the body the possessive "its" points back to employs the people named.
_ITS_PEOPLE = re.compile(
    r"\s*(?:\([^()]{1,60}\)\s*)?,?\s*(?:and|as well as|along with)\s+"
    r"(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|several|some|\d+)\s+of\s+)?its\s+"
    r"(?:(?:senior|former|current|chief|lead|top)\s+)?"
    r"(?:employees?|officers?|staff(?:ers?|\s+members?)?|executives?|engineers?|managers?|researchers?)\s*,?\s*",
    re.I,
)


def _its_people(text: str, slots: list[Slot]) -> list[Found]:
    """'the Chengdu company X and one of its employees, Y, ...': Y employed_by X."""
    out = []
    for i, org in enumerate(slots):
        if org.described or not (org.kinds() & PREDICATES["employed_by"].range_kinds) or "person" in org.kinds():
            continue
        m = _ITS_PEOPLE.match(text, org.end)
        if m is None:
            continue
        k = next((k for k in range(i + 1, len(slots)) if slots[k].start >= m.end()), None)
        if k is None or slots[k].start != m.end() or slots[k].described or "person" not in slots[k].kinds():
            continue
        for p in _list_after(text, slots, k):
            if "person" in p.kinds() and not p.described:
                out.append(Found(p.mention, "employed_by", org.mention, (org.end, m.end()), "its-people"))
    return out


def _fronts(text: str, slots: list[Slot], named: list[Mention]) -> list[Found]:
    """'via front company X' (the group of the sentence, named on its own or inside a phrase: "four APT40
    cyber actors"), 'by establishing a front company, X' (the state body of the sentence), 'Y's front
    company, X', 'X, a ... Y front company'."""
    out = []
    for i, x in enumerate(slots):
        if x.described or not (x.kinds() & FIRM_KINDS):
            continue
        before = text[max(0, x.start - 40) : x.start]
        if _FRONT_BEFORE.search(before):
            founders = _STATE_OWNERS if _ESTABLISHING.search(before) else {"threat_group"}
            owner = [Slot(y, False) for y in named if y.end <= x.start and y.kinds() & founders]
            poss = re.search(r"['’]s\s+front\s+company,?\s*$", before)
            if poss:
                owner = [y for y in slots[:i] if y.end <= x.start and not y.described][-1:]
            if owner:
                out.append(
                    Found(x.mention, "front_company_for", owner[-1].mention, (owner[-1].end, x.start), "front-company")
                )
        after = re.match(
            r",\s*(?:a|an|the)\s+(?:[^,;]{0,80}?\s+)?front\s+company\b(?:\s+(?:operated|run|set up|established|"
            r"controlled|used)\s+by\s+)?",
            text[x.end : x.end + 160],
        )
        if after:
            rng = PREDICATES["front_company_for"].range_kinds - {"country"}
            inner = [y for y in slots[i + 1 :] if y.start < x.end + after.end() and not y.described and y.kinds() & rng]
            if not inner and after.group().endswith("by "):
                inner = [
                    y
                    for y in slots[i + 1 :]
                    if y.start == x.end + after.end()
                    and (_retype(y, "front_company_for", "object") is not None or y.described)
                ][:1]
                inner = [
                    Slot(
                        Mention(
                            y.start,
                            y.end,
                            y.mention.text,
                            y.mention.targets,
                            y.mention.proposed_kind if not y.described else "other_organisation",
                        ),
                        y.described,
                    )
                    for y in inner
                ]
            if inner:
                out.append(
                    Found(
                        x.mention, "front_company_for", inner[-1].mention, (x.end, x.end + after.end()), "front-company"
                    )
                )
    return out


_BUREAU = {"provincial_bureau", "municipal_bureau"}
#: "by establishing a front company, X": the state body of the sentence founded it.
_ESTABLISHING = re.compile(
    r"\b(?:establish\w*|set(?:ting)? up|creat\w+|form\w*)\s+(?:a\s+|the\s+)?front\s+company,?\s*$", re.I
)
_STATE_OWNERS = {"provincial_bureau", "municipal_bureau", "ministry", "military_unit", "threat_group"}


def _nested_units(text: str, slots: list[Slot]) -> list[Found]:
    """'China's MSS Hainan State Security Department', 'PRC Ministry of State Security (MSS) Hainan State
    Security Department': a bureau named right after its ministry is subordinate to it."""
    out = []
    for a, b in itertools.pairwise(slots):
        if a.described or b.described or not (b.kinds() & _BUREAU) or "ministry" not in a.kinds():
            continue
        if re.fullmatch(r"(?:['’]s)?\s*(?:\([^()]{1,12}\))?\s*", text[a.end : b.start]):
            out.append(Found(b.mention, "subordinate_to", a.mention, (a.end, b.start), "nested-unit"))
    return out


def _nationality(text: str, slots: list[Slot], countries: dict[str, Mention]) -> list[Found]:
    """A described actor carrying its state: 'Chinese state-backed hackers', 'actors affiliated with the
    Chinese state', 'a China state-affiliated entity' -> attributed_to China."""
    china = countries.get("CN")
    if china is None:
        return []
    out = []
    for x in slots:
        if not x.described:
            # "the China-linked hacking group" standing for the group named before: its tie still holds
            said = text[x.start : x.end]
            compound = _STATE_COMPOUND.search(said) if "-" in said else None  # speed only: a match holds "-"
            if compound and "threat_group" in x.kinds() and said[:4].lower() in {"the ", "this"}:
                tie = compound.group(1).lower() in _TIES
                predicate = "linked_to" if tie else "attributed_to"
                out.append(Found(x.mention, predicate, china, (x.start, x.end), "described-nationality"))
            continue
        if x.mention.proposed_kind != "threat_group":
            continue
        phrase = x.mention.text
        tail = _STATE_TAIL.match(text, x.end, x.end + 80)
        compound = _STATE_COMPOUND.search(phrase)
        if compound and not tail and not _STATE.search(phrase):
            # "PRC-affiliated actors", "China-backed hackers": the state's; "China-linked hackers": tied to it
            tie = compound.group(1).lower() in _TIES
            out.append(
                Found(
                    x.mention, "linked_to" if tie else "attributed_to", china, (x.start, x.end), "described-nationality"
                )
            )
            continue
        if (_NATIONAL.search(phrase) and _STATE.search(phrase)) or tail:
            cue = (x.start, tail.end() if tail else x.end)
            named = [y.mention for y in slots if tail and not y.described and x.end < y.start < tail.end()]
            state = named[0] if named and "country" in named[0].kinds() else china  # "the Chinese government"
            # "hackers linked to the Chinese government", "Chinese government-linked hackers": tied, as
            # "China-linked hackers" are; backed, sponsored or affiliated: the state's
            tie = bool(_TIE_WORD.search(tail.group(0))) if tail else bool(_STATE_TIE_COMPOUND.search(phrase))
            inner = None if tail else _STATE_WORDS.search(phrase)
            if inner is not None:  # the words the phrase names the state with ("Chinese government")
                state = Mention(x.start + inner.start(1), x.start + inner.end(1), inner.group(1), china.targets, None)
            out.append(Found(x.mention, "linked_to" if tie else "attributed_to", state, cue, "described-nationality"))
    for x in slots:
        # "an alleged Chinese operation", "Chinese cyberattacks": a deed told by its nationality is the state's
        # deed (an actor is not: "Chinese hackers" may only say where the people are from)
        if (
            not x.described
            or x.mention.proposed_kind != "operation"
            or _KIND_OF_DEED.search(text, max(0, x.start - 20), x.start)
        ):
            continue  # "a source of Chinese hacking attacks", "most Chinese operations": a kind of deed, none done
        said = _ON_TARGET.split(x.mention.text, maxsplit=1)[0]  # "the attack on the Chinese embassy": its victim's
        plain = not _STATE.search(said) and not _STATE_COMPOUND.search(said)  # else the state's words say it
        if plain and _PLAIN_NATIONAL.search(said) and not _QUANTIFIED.match(said):
            out.append(Found(x.mention, "attributed_to", china, (x.start, x.end), "described-nationality"))
    for a, b in itertools.pairwise(slots):
        # "China's 'malicious cyber operations'", "Beijing's hackers": the deed or actor of that state
        if (
            b.described
            and b.mention.proposed_kind in {"operation", "threat_group"}
            and not a.described
            and "country" in a.kinds()
            and _POSSESSED.fullmatch(text, a.end, b.start)
        ):
            out.append(Found(b.mention, "attributed_to", a.mention, (a.end, b.start), "state-possessive"))
    return out


#: The nationality adjective itself among a described phrase's modifiers ("Chinese", not "China's" nor a name).
_PLAIN_NATIONAL = re.compile(r"\bChinese\b(?![-'’])")
_KIND_OF_DEED = re.compile(
    r"\b(?:cases?|kinds?|types?|sorts?|forms?|examples?|instances?|sources?|threats?|risks?)\s+of\s+$", re.I
)
_QUANTIFIED = re.compile(r"(?:most|many|some|all|other|several|more)\b", re.I)
_TIE_WORD = re.compile(r"\b(?:linked|tied)\b", re.I)
_STATE_WORDS = re.compile(r"\b((?:Chinese|China|PRC)\s+(?:state|government|regime))\b(?!['’])", re.I)
_STATE_TIE_COMPOUND = re.compile(
    r"\b((?:(?:Chinese|China|PRC|Beijing)\s+)?(?:state|government|regime))-(?:linked|tied|nexus|connected)\b", re.I
)
_POSSESSED = re.compile(
    r"['’]s\s*[\"'“‘]?(?:(?!(?:to|of|and|or|in|for|on|over|about|after|against|with|by|at|from|into)\b)[a-z][\w-]*\s+){0,2}"
)


#: A measure taken against someone: opposing it ("China rejects the sanctions") denies no statement.
_MEASURE_AFTER = re.compile(
    r"\s+(?:(?:the|these|those|such|any|all|new|its|their|his|her|what\s+it\s+called)\s+)?"
    # "rejects the accusations and sanctions": the accusations are denied
    r"(?:(?!(?:accusations?|allegations?|claims?|charges?|reports?)\b)[\w-]+\s+){0,2}?"
    r"(?:sanctions|measures|tariffs|restrictions|bans?|penalties|export\s+controls|visa\s+curbs|curbs)\b",
    re.I,
)


def denied(text: str, sentence: tuple[int, int]) -> bool:
    """A denial or rebuttal in the sentence ("groundless accusations", "neither ... nor ... support"); to
    reject or dismiss a measure ("rejects the sanctions") is no denial."""
    s, e = sentence
    return any(not _MEASURE_AFTER.match(text, m.end(), e) for m in _GATE.finditer(_DENIAL, text, s, e))


# ------------------------------------------------------------------ who stands behind what: roles in phrases

#: "the Chinese government-led cyberattacks", "PRC state-backed intrusions": a deed that carries its backer in a
#: compound; "-linked" / "-tied" / "-nexus" only tie it.
_DEED_BACKER = re.compile(
    r"(?:\s+(?:state|government))?-(led|backed|sponsored|directed|orchestrated|run|linked|tied|nexus)\b", re.I
)
_DEFINITE = re.compile(r"(?:the|this|these|that|those)\s", re.I)
_BACKERS = frozenset({"country"}) | _STATE_BODIES | _AGENCIES


def _backed_deeds(text: str, slots: list[Slot], named: list[Mention]) -> list[Found]:
    """A described deed whose compound names the state or state body behind it ("the Chinese government-led
    cyberattacks" -> attributed_to the Chinese government); the backer is the name inside the phrase, right
    before the compound, never a name after it."""
    out: list[Found] = []
    for x in slots:
        if not x.described or x.mention.proposed_kind != "operation" or not _DEFINITE.match(x.mention.text):
            continue  # "carries out Chinese state-sponsored espionage activity": a kind of deed, not one done
        for y in named:
            if not (x.start <= y.start and y.end < x.end and y.kinds() & _BACKERS):
                continue
            compound = _DEED_BACKER.match(text, y.end, x.end)
            if compound is None:
                continue
            tie = compound.group(1).lower() in {"linked", "tied", "nexus"}
            predicate = "linked_to" if tie else "attributed_to"
            out.append(Found(x.mention, predicate, y, (y.end, compound.end()), "frame:backed deed"))
            break
    return out


def _tied_deeds(text: str, slots: list[Slot], countries: dict[str, Mention]) -> list[Found]:
    """A described deed whose nationality compound ties it ("a China-linked espionage campaign", "a
    Chinese-linked hacking operation", "a China-nexus intrusion set") is `linked_to` that state, as an actor
    so qualified is (`_nationality`); definite or not, as a tie says no more than the text does. A kind of deed
    ("cases of China-linked espionage") or a count of them ("most China-linked attacks") names no deed done,
    and the victim's words after "on" / "against" are not the deed's."""
    china = countries.get("CN")
    if china is None:
        return []
    out: list[Found] = []
    for x in slots:
        if not x.described or x.mention.proposed_kind != "operation" or "-" not in x.mention.text:
            continue
        said = _ON_TARGET.split(x.mention.text, maxsplit=1)[0]
        compound = _STATE_COMPOUND.search(said)
        if compound is None or compound.group(1).lower() not in _TIES:
            continue
        if _QUANTIFIED.match(said) or _KIND_OF_DEED.search(text, max(0, x.start - 20), x.start):
            continue
        at = x.start + compound.start()
        out.append(Found(x.mention, "linked_to", china, (at, x.start + compound.end()), "frame:tied deed"))
    return out


#: "eight i-Soon employees", "two MSS officers": a count or article, an employer's name and a role noun.
_STAFF_AFTER = re.compile(
    r"\s+(?:(?:intelligence|security|cyber|senior|former|current)\s+)?"
    r"(?:employees?|officers?|officials?|staff|personnel|agents?|contractors?)\b(?!\s*[,-]?\s*[A-Z])"
)
_STAFF_BEFORE = re.compile(
    rf"\b(?:{_DET}|more|other|several|many|dozens of|hundreds of)\s+(?:(?:more|other|former|current)\s+)?$", re.I
)
_EMPLOYERS = PREDICATES["employed_by"].range_kinds - {"threat_group"}


def _staff_named_inside(text: str, s: int, named: list[Mention]) -> list[Found]:
    """People described by a count, their employer's name and a role noun ("eight i-Soon employees", "two
    MSS officers") work for that employer; a country ("two Chinese officials") is no employer, and a role
    before names ("MSS officers Ding and Cheng") is read by `_roles_before_names`."""
    out: list[Found] = []
    for g in named:
        if not g.kinds() & _EMPLOYERS or "country" in g.kinds() or text[g.start - 1 : g.start] == "(":
            continue
        role = _STAFF_AFTER.match(text, g.end)
        lead = _STAFF_BEFORE.search(text, max(s, g.start - 30), g.start)
        if role is None or lead is None:
            continue
        people = Mention(lead.start(), role.end(), text[lead.start() : role.end()], [], "person")
        out.append(Found(people, "employed_by", g, (g.start, g.end), "staff-named-inside"))
    return out


#: "the Guangdong State Security Department (GSSD) of China's Ministry of State Security": a bureau "of" its ministry.
_OF_PARENT = re.compile(
    r"\s*(?:\([^()]{1,12}\)\s*)?,?\s*(?:under|of|within)\s+(?:the\s+)?(?:(?:China|PRC|Chinese)(?:['’]s)?\s+)?", re.I
)
#: State bodies that stand inside another (a bureau, a numbered unit) and the bodies they stand inside.
_INNER_BODIES = PROVINCIAL_KINDS
_PARENTS = frozenset({"ministry", "military_unit", "state_organ"})
_POSSESSED = re.compile(r"['’]s?\s+")


def _bureau_of_ministry(text: str, slots: list[Slot]) -> list[Found]:
    """A bureau or a unit named with "of / under / within" the body above it is subordinate to that body
    ("the Guangdong State Security Department of the MSS", "Unit 69010 within the Strategic Support Force";
    the other order, "China's MSS Hainan State Security Department", is `_nested_units`). A possessor before
    the parent is the parent's own parent: "Unit 61398 of the PLA's Third Department" is the department's.
    A municipal bureau may stand in a provincial one."""
    out: list[Found] = []
    for i, a in enumerate(slots):
        if a.described or not a.kinds() & _INNER_BODIES:
            continue
        parents = _PARENTS | ({"provincial_bureau"} if "municipal_bureau" in a.kinds() else frozenset())
        for k, b in enumerate(slots[i + 1 : i + 3], i + 1):
            if b.described:
                break
            if b.kinds() & parents and _OF_PARENT.fullmatch(text, a.end, b.start):
                c = slots[k + 1] if k + 1 < len(slots) else None
                if (
                    c is not None
                    and not c.described
                    and c.kinds() & _PARENTS
                    and _POSSESSED.fullmatch(text, b.end, c.start)
                ):
                    b = c  # "of the PLA's Third Department": the department, the PLA's own
                out.append(Found(a.mention, "subordinate_to", b.mention, (a.end, b.start), "frame:bureau of ministry"))
                break
    return out


#: "attributed more than 200 cyberattacks over the past five years to the ... hacking group 'MirrorFace'".
_ATTRIBUTING = re.compile(
    r"\battribut(?:ed|es|e|ing)\s+(?:(?:responsibility|blame)\s+for\s+)?"
    r"(?:(?:more than|at least|at|over|nearly|almost|about|some|around)\s+)?$",  # "at least": "least" opens the deed
    re.I,
)
_ATTRIBUTED_TO = re.compile(
    # what the deed was done to ("a breach of email accounts associated with the parliament, or the Storting,")
    r"(?:\s+of\s+[^;:.()\"“”]{1,80}?(?:,\s*or\s+(?:the\s+)?[^,;:.]{1,40},)?)?"
    # when, and how sure ("earlier this year", "with high confidence")
    r"(?:\s+(?:earlier|later|last|this)\s+(?:this\s+)?(?:year|month|week|spring|summer|autumn|fall|winter))?"
    r"(?:\s+with\s+(?:high|moderate|medium|low|some)\s+confidence)?"
    r"(?:\s+(?:over|in|during|since|between|from|throughout)\s+[\w\s,-]{1,40}?)?\s*(?:,\s*)?to\s+"
    r"(?:(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){0,3}?(?:group|actor|gang|collective|team)\s+"
    r"(?:(?:called|dubbed|named|known as|tracked as)\s+)?|the\s+)?[\"'“‘]?",
    re.I,
)


def _attributed_far(text: str, slots: list[Slot], s: int) -> list[Found]:
    """ "X attributed more than 200 cyberattacks over the past five years to the hacking group 'MirrorFace'":
    the deed counted, a time between it and "to", and the group's description before its name."""
    out: list[Found] = []
    for i, a in enumerate(slots):
        if not a.described or a.mention.proposed_kind != "operation":
            continue
        if not _ATTRIBUTING.search(text, max(s, a.start - 60), a.start):
            continue
        # a name first: "to the hacking group 'MirrorFace'" gives the deed to the name its description precedes
        for b in sorted(slots[i + 1 : i + 4], key=lambda x: x.described):
            if (b.described and b.mention.proposed_kind != "threat_group") or not _ATTRIBUTED_TO.fullmatch(
                text, a.end, b.start
            ):
                continue  # a described group ("Chinese hackers") may be the one the deed is given to
            om = _retype(b, "attributed_to", "object")
            if om is not None:
                out.append(Found(a.mention, "attributed_to", om, (a.end, b.start), "frame:attributed X to Y"))
                break
    return out


def _renamed_nationality(text: str, slots: list[Slot], countries: dict[str, Mention]) -> list[Found]:
    """A described actor carrying its state that renames a group ("A Chinese-state advanced persistent
    threat (APT) actor tracked as Storm-0558"): the group is attributed to the state, as the described
    actor would be (`_nationality` reads the phrases that stay described)."""
    china = countries.get("CN")
    out: list[Found] = []
    for x in slots:
        phrase = text[x.start : x.end]
        if china is None or x.described or "threat_group" not in x.kinds() or phrase == x.mention.text:
            continue
        if _NATIONAL.search(phrase) and _STATE.search(phrase) and not _STATE_COMPOUND.search(phrase):
            out.append(Found(x.mention, "attributed_to", china, (x.start, x.end), "described-nationality"))
    return out


#: between a name (or the name of a deed, "The X intrusions") and a predicate noun phrase that classes
#: it: "X is a ...", "X are one example of an increasing number of ...", "X is believed to be one of ...".
_CLASSED = re.compile(
    r"\s*(?:(?:intrusions?|attacks?|cyberattacks?|campaigns?|operations?|activit(?:y|ies)|hacks?|breach(?:es)?|"
    r"hacking|espionage)\s+)?,?\s*(?:is|are|was|were|remains?|remained)\s+(?:(?:\w+ly|also|thus|therefore)\s+)?"
    r"(?:(?:believed|assessed|thought|said|considered|judged|understood)\s+to\s+be\s+)?"
    r"(?:(?:one|an|another|a)\s+(?:example|instance|case|part)\s+of\s+|(?:one|some|part|each)\s+of\s+|among\s+)?"
    r"(?:(?:an?|the)\s+(?:increasing|growing|large|rising|long)\s+(?:number|series|wave|list|line)\s+of\s+)?"
    r"(?:(?:a|an|the)\s+)?",
    re.I,
)
_CLASSED_GATE = re.compile(r"\b(?:is|are|was|were|remains?|remained)\b", re.I)
_TIES = frozenset({"linked", "nexus", "tied", "connected", "aligned"})


def _classed_by_state(text: str, slots: list[Slot], countries: dict[str, Mention]) -> list[Found]:
    """a group or deed classed, by a copula, as a described deed or actor that carries its state
    ("X is a Chinese state-based operation", "The X intrusions are one example of an increasing number of PRC
    state-backed malicious cyber activities") is that state's, as the described phrase is (`_nationality`
    reads the phrase; a phrase of a kind other than the group's does not rename it in `_corefer`, so the
    name was left without its state)."""
    china = countries.get("CN")
    out: list[Found] = []
    if china is None:
        return out
    for i, b in enumerate(slots):
        if not b.described or b.mention.proposed_kind not in {"operation", "threat_group"}:
            continue
        phrase = text[b.start : b.end]
        compound = _STATE_COMPOUND.search(phrase)
        if not (_NATIONAL.search(phrase) and (_STATE.search(phrase) or compound)):
            continue
        if not _CLASSED_GATE.search(text, max(0, b.start - 120), b.start):
            continue  # speed only: no copula before the phrase
        for a in reversed(slots[max(0, i - 3) : i]):
            if a.described:
                continue
            if _CLASSED.fullmatch(text, a.end, b.start):
                sm = _retype(a, "attributed_to", "subject")
                if sm is not None:
                    tie = compound is not None and compound.group(1).lower() in _TIES and not _STATE.search(phrase)
                    predicate = "linked_to" if tie else "attributed_to"
                    out.append(Found(sm, predicate, china, (a.end, b.start), "frame:classed by state"))
            break  # only the name nearest the phrase
    return out


#: "supporting the naval modernization efforts of Y", "in support of Y's activities": what is supported
#: is the owner of the efforts, named after "of" or before "'s".
_EFFORTS = (
    r"(?:efforts?|activit(?:y|ies)|operations?|objectives?|goals?|interests?|work|missions?|ambitions?|"
    r"priorities|campaigns?|programs?|programmes?|agenda|aims?)"
)
_SUPPORTING = re.compile(
    r"\b(?:supporting|supports?|supported|in support of|serving|serves?|served|furthering|advancing)\s+"
    r"(?:the\s+)?(?:(?!of\b|by\b|and\b|to\b|for\b)[\w-]+\s+){0,3}?" + _EFFORTS + r"\s+of\s+(?:the\s+)?"
    r"(?:(?:government|state|authorities|regime)\s+of\s+(?:the\s+)?)?$",
    re.I,
)
_SUPPORTING_OWNER = re.compile(
    r"\b(?:supporting|supports?|supported|in support of|serving|serves?|served|furthering|advancing)\s+(?:the\s+)?$",
    re.I,
)
_OWNED_EFFORTS = re.compile(r"['’]s?\s+(?:(?!of\b|by\b|and\b|to\b|for\b)[\w-]+\s+){0,3}?" + _EFFORTS + r"\b", re.I)
#: Between the supporter (or what it owns: "X's infrastructure") and the support: no clause, no other verb
#: taking the supporter elsewhere.
_SUPPORTER_GAP = re.compile(
    r"(?:['’]s?\s+(?:[\w-]+\s+){0,2}?(?:infrastructure|servers?|networks?|tools?|services?|products?|resources?)\b)?"
    r"(?:(?![;:\"“”()]|\b(?:that|which|who|said|says|but|while|whereas|although)\b)[^.])*",
    re.I,
)
_SUPPORTERS = frozenset({"threat_group", "company", "front_company"})
_STATE_SIDES = frozenset(
    {"ministry", "provincial_bureau", "municipal_bureau", "military_unit", "state_organ", "country"}
    | {"government_agency"}
)


def _supported_efforts(text: str, slots: list[Slot], s: int) -> list[Found]:
    """an actor (or its infrastructure) supporting the efforts of another ("X appears to be focused on
    supporting naval modernization efforts of the Government of Y", "X's infrastructure was instrumental in
    supporting Z's activities") supports their owner: a state (or a state body) runs the actor (operated_by);
    a group is tied to the company that supports it (linked_to), as "X supported Z" reads."""
    out: list[Found] = []
    lead = text[s : slots[-1].start] if slots else ""
    if "upport" not in lead and "erv" not in lead and "urther" not in lead and "dvanc" not in lead:
        return out  # speed only: no verb of support before the last slot
    for i, b in enumerate(slots):
        if b.described or i == 0:
            continue
        window = text[max(s, b.start - 90) : b.start]
        cue = _SUPPORTING.search(window)
        if cue is None:
            owner = _SUPPORTING_OWNER.search(window)
            if owner is None or not _OWNED_EFFORTS.match(text, b.end):
                continue
            cue = owner
        h0 = max(s, b.start - 90) + cue.start()
        before = [a for a in slots[:i] if a.end <= h0 and a.kinds() != {"sector"}]  # "X's infrastructure"
        if not before:
            continue
        a = before[-1]
        if a.described or not a.kinds() & _SUPPORTERS or h0 - a.end > 120:
            continue
        if not _SUPPORTER_GAP.fullmatch(text, a.end, h0):
            continue
        if b.kinds() & _STATE_SIDES:
            predicate = "operated_by"
        elif "threat_group" in b.kinds() and a.kinds() & FIRM_KINDS:
            predicate = "linked_to"
        else:
            continue
        sm, om = _retype(a, predicate, "subject"), _retype(b, predicate, "object")
        if sm is not None and om is not None and sm.start != om.start:
            out.append(Found(sm, predicate, om, (h0, b.start), "frame:supporting the efforts of"))
    return out


#: a described deed that opens with its state's possessive ("China's malicious cyber operations",
#: "Beijing's cyber activities", "the PRC's hacking campaign"): the words between are modifiers only.
_OWNER_STATE = r"(?:the\s+)?(?:China|Beijing|PRC|Chinese\s+(?:government|state|regime|Communist\s+Party))"
_STATE_OWNED_DEED = re.compile(
    _OWNER_STATE + r"['’]s\s+[\"“]?"
    r"(?:(?!(?:to|of|and|or|in|for|on|over|about|after|against|with|by|at|from|into|the|a|an|response|reply|"
    r"claims?|accusations?|allegations?|role|victims?|targets?)\b)[a-z][\w-]*[\"”]?\s+){0,3}",
    re.I,
)
#: A noun after the deed's head makes the head a modifier ("China's cyberespionage infrastructure").
_NOUN_AFTER = re.compile(
    r"[\"”]?\s+(?:infrastructure|capabilit(?:y|ies)|apparatus|programm?e?s?|units?|teams?|networks?|industry|tools?|"
    r"expertise|threats?|ecosystem|efforts?|allegations?|accusations?|claims?)\b",
    re.I,
)


_AFTER_PREPOSITION = re.compile(
    r"\b(?:in|of|about|by|to|with|for|on|into|from|at|against|over|under|among|toward|towards|between)\s+$", re.I
)
#: The state of a deed it owns, as the text words it ("Beijing", "the PRC"), for the statement's object.
_POSSESSOR = re.compile(r"(" + _OWNER_STATE + r")['’]s", re.I)


def _state_owned_deeds(text: str, slots: list[Slot], countries: dict[str, Mention]) -> list[Found]:
    """a deed its state owns by a possessive ("Prague said Beijing's cyber activities were ...", "an
    advisory detailing China's 'malicious cyber operations'") is attributed to that state. The described
    phrase holds the possessive (a state is a modifier of the phrases of `described`), so the pair of a country
    slot and the deed after it (`_nationality`) never forms."""
    china = countries.get("CN")
    out: list[Found] = []
    if china is None:
        return out
    for x in slots:
        if not x.described or x.mention.proposed_kind != "operation":
            continue
        owned = _STATE_OWNED_DEED.match(text, x.start, x.end)
        if owned is None or owned.end() >= x.end or _NOUN_AFTER.match(text, x.end):
            continue
        if text[owned.end() : x.end].lower().strip('"“” ') in {"ecosystem"}:
            continue
        if _AFTER_PREPOSITION.search(text, max(0, x.start - 20), x.start):
            continue  # "a role in China's cyber operations", "concerns about ...": a circumstance, no statement
        state = _POSSESSOR.match(text, x.start)
        assert state is not None  # `_STATE_OWNED_DEED` matched there
        owner = Mention(state.start(1), state.end(1), state.group(1), china.targets, china.proposed_kind)
        out.append(Found(x.mention, "attributed_to", owner, (x.start, owned.end()), "frame:state-owned deed"))
    return out


#: nouns of responsibility that give a deed to its holder ("the involvement of Y", "named Y as a likely
#: source", "responsibility for X lies with Y", "X bore the hallmarks of Y", "the attribution of X to Y").
_HOLDER_BEFORE = re.compile(
    r"\b(?:the\s+)?(?:(?:possible|likely|alleged|suspected|direct)\s+)?"
    r"(?:involvement|role|hand|participation|complicity|hallmarks?|fingerprints)\s+of\s+(?:the\s+)?$",
    re.I,
)
_NAMED_AS_HOLDER = re.compile(
    r"\b(?:named|names|naming|identified|identifies|identifying|pointed\s+to|points\s+to|singled\s+out|fingered|"
    r"cited|cites)\s+$",
    re.I,
)
_AS_HOLDER = re.compile(
    r"\s+as\s+(?:the|a|an)\s+(?:(?:likely|probable|possible|main|prime|chief|most\s+likely)\s+)?"
    r"(?:source|perpetrator|culprit|author|origin|attacker|instigator|actor\s+responsible|party\s+responsible|"
    r"one\s+responsible|responsible\s+(?:actor|party))\b"
    r"(?:\s+(?:of|for|behind)\s+(?:the\s+)?)?",
    re.I,
)
_HOLDER_IN = re.compile(r"\s+in\s+(?:the\s+)?", re.I)
#: A holder classed by a copula as the one who did a deed: "Y is the main suspect in X", "Y were the likely
#: culprits", "with Y being among the main suspects"; the deed named after it, else the last one before.
_SUSPECT = re.compile(
    r"(?:\s+(?:is|was|are|were|being|has\s+been|have\s+been|remains?|remained)\s+(?:\w+ly\s+)?(?:among\s+)?|\s*,\s*)"
    r"(?:the|a|an|one\s+of\s+the)\s+(?:(?:most\s+|more\s+)?(?:likely|probable|possible|main|prime|chief|key|top|"
    r"leading|primary)\s+){0,2}(?:suspects?|culprits?|perpetrators?)\b"
    r"(?:\s+(?:of|for|behind|in)\s+(?:the\s+)?)?",
    re.I,
)
_POSSESSED_ROLE = re.compile(
    r"['’]s?\s+(?:(?:possible|likely|alleged|suspected|direct)\s+)?(?:involvement|role|hand|participation|complicity)"
    r"\s+in\s+(?:the\s+)?",
    re.I,
)
_RESPONSIBILITY_FOR = re.compile(r"\bresponsibility\s+for\s+(?:the\s+)?$", re.I)
_LIES_WITH = re.compile(r"\s+(?:lies|lay|rests|rested|lie|rest)\s+(?:\w+ly\s+)?with\s+(?:the\s+)?", re.I)
_CLAIMED_RESPONSIBILITY = re.compile(
    r"\s+(?:has\s+|have\s+|had\s+)?(?:claimed|claims|claim|bears?|bore)\s+(?:the\s+|full\s+)?responsibility\s+for"
    r"\s+(?:the\s+)?",
    re.I,
)
#: The verbs of taking a part in a deed: "Y privately acknowledged responsibility for X", "Y played a key role in
#: X", "Y was (directly) involved in X", "Y was instrumental in carrying out X", "Y took part in X".
_TOOK_PART = re.compile(
    r"\s+(?:\w+ly\s+)?(?:(?:has|have|had)\s+(?:been\s+)?|(?:is|was|are|were)\s+(?:\w+ly\s+)?)?(?:\w+ly\s+)?(?:"
    r"(?:acknowledged|acknowledges|admitted|admits|accepted|accepts|took|takes|assumed|assumes)\s+"
    r"(?:the\s+|full\s+)?responsibility\s+for|"
    r"(?:played|plays|had|has|have)\s+(?:a|an|the)\s+(?:(?:key|major|central|leading|significant|direct|crucial|"
    r"critical|pivotal|important|active|prominent|decisive)\s+)?(?:role|part)\s+in|"
    r"(?:involved|instrumental|complicit)\s+in(?:\s+(?:carrying\s+out|conducting|launching|staging|orchestrating))?|"
    r"(?:took|takes|taking)\s+part\s+in|(?:participated|participates)\s+in"
    r")\s+(?:the\s+)?",
    re.I,
)
TOOK_PART = "frame:took part in the deed"
#: A scene of many actors, which one is involved in as a member, not as the doer of a deed: "a threat actor involved
#: in a coordinated data brokerage ecosystem" did not build the ecosystem.
_SCENE_END = re.compile(r"\becosystems?$", re.I)
_ONE_DEED = re.compile(r"(?:the|this|that|these|those|a|an|its|their|his|her)\s|\d", re.I)
_HALLMARKS = re.compile(
    r"\s+(?:bore|bears|bear|had|has|have|carried|carries|showed|shows)\s+(?:all\s+)?(?:the\s+)?"
    r"(?:hallmarks|fingerprints|signature|signatures)\s+of\s+(?:the\s+)?",
    re.I,
)
_ATTRIBUTION_OF = re.compile(r"\battribution\s+of\s+(?:the\s+)?$", re.I)
_ATTRIBUTION_TO = re.compile(r"\s+to\s+(?:the\s+)?", re.I)
#: The words every reading of `_holder_nouns` holds, found once per text (speed only: most sentences hold
#: none, and are left at once; "one responsible" holds "responsible").
_HOLDER_WORDS = [
    "involvement",
    "role",
    "hand",
    "participation",
    "complicity",
    "hallmark",
    "hallmarks",
    "fingerprints",
    "signature",
    "signatures",
    "responsibility",
    "attribution",
    "source",
    "perpetrator",
    "culprit",
    "author",
    "origin",
    "attacker",
    "instigator",
    "actor",
    "party",
    "responsible",
    "suspect",
    "suspects",
    "culprits",
    "perpetrators",
    "involved",
    "instrumental",
    "complicit",
    "part",
    "participated",
    "participates",
]
_HOLDER_WORD = re.compile(r"(?:" + "|".join(_HOLDER_WORDS) + r")\b", re.I)
_HOLDER_SCAN = WordScan(_HOLDER_WORD, _HOLDER_WORDS, JOINT)


#: A bare deed ("the attack", "this breach"): no description of its own, but the deed a noun of responsibility gives.
_BARE_DEED = re.compile(
    r"\b(?:the|this|that|these|those)\s+(?:[a-z][\w-]*\s+){0,2}?(?:attacks?|hacks?|breach(?:es)?|intrusions?|cyberattacks?|"
    r"campaigns?|operations?|incidents?)\b",
    re.I,
)


_DET_ONLY = re.compile(r"(?:the|this|that|these|those|a|an)\s+", re.I)


def _deed(x: Slot) -> bool:
    return "operation" in x.kinds() or (x.described and x.mention.proposed_kind == "operation")


def _holder_nouns(text: str, slots: list[Slot], s: int, e: int) -> list[Found]:
    """a deed given to its holder by a noun of responsibility: "the cyberattacks were organized, and the
    NPA suspected the involvement of the Chinese government", "Y's role in the attack", "others aware of the
    attack named China as a likely source", "responsibility for the attack lies with Y", "Y claimed
    responsibility for X", "X bore the hallmarks of Y", "the attribution of X to Y". The deed is the one the
    noun names after it ("in X", "of X") or, when it names none, the last deed its sentence names before it; a
    bare deed ("the attack", which `described` keeps only beside its attribution) counts here."""
    out: list[Found] = []
    words = [m.start() for m in _HOLDER_SCAN.within(text, s, e)]
    if not words:
        return out  # speed only: no word of responsibility in the sentence
    deeds = [x for x in slots if _deed(x)]
    deeds += [
        Slot(Mention(m.start(), m.end(), m.group(0), [], "operation"), True)
        for m in _GATE.finditer(_BARE_DEED, text, s, e)
        if not any(x.start < m.end() and m.start() < x.end and x.mention.text == text[x.start : x.end] for x in slots)
    ]  # a deed renamed to the name after it ("the breach named China as a likely source") is still the deed
    if not deeds:
        return out  # speed only: every reading below gives a deed to its holder
    deeds.sort(key=lambda x: x.start)

    def deed_at(pos: int) -> Slot | None:
        """The deed that starts at `pos`, or whose determiner the cue took ("responsibility for the attack")."""
        return next(
            (x for x in deeds if x.start == pos or (x.start < pos and _DET_ONLY.fullmatch(text, x.start, pos))), None
        )

    def deed_before(at: int) -> Slot | None:
        before = [x for x in deeds if x.end <= at and at - x.end <= 160 and not re.search(r"[;:]", text[x.end : at])]
        return before[-1] if before else None

    def add(deed: Slot | None, holder: Slot, cue: tuple[int, int]) -> None:
        if deed is None:
            return
        sm, om = _retype(deed, "attributed_to", "subject"), _retype(holder, "attributed_to", "object")
        if sm is not None and om is not None and sm.start != om.start:
            out.append(Found(sm, "attributed_to", om, cue, "frame:holder of the deed"))

    for b in slots:
        if _deed(b) or any(d.start == b.start for d in deeds):
            continue
        if not any(b.start - 260 <= w <= b.end + 120 for w in words):
            continue  # speed only: every cue below stands within these bounds of its holder (a deed between)
        lead = max(s, b.start - 60)
        window = text[lead : b.start]
        cue = _HOLDER_BEFORE.search(window)
        if cue is not None:  # "the involvement of Y (in X)"
            at = lead + cue.start()
            inside = _HOLDER_IN.match(text, b.end)
            add((deed_at(inside.end()) if inside else None) or deed_before(at), b, (at, b.start))
            continue
        for after in (_POSSESSED_ROLE, _CLAIMED_RESPONSIBILITY):  # "Y's role in X", "Y claimed responsibility for X"
            hit = after.match(text, b.end)
            if hit is not None and deed_at(hit.end()) is not None:
                add(deed_at(hit.end()), b, (b.end, hit.end()))
        took = _TOOK_PART.match(text, b.end)
        if (
            took is not None
            and (done := deed_at(took.end())) is not None
            and _ONE_DEED.match(done.mention.text)
            and not _SCENE_END.search(done.mention.text)
        ):
            # "Y played a key role in the 2020 hack", "Y was instrumental in carrying out the campaign"; a
            # deed with no determiner is a kind of deed ("has been involved in cyber-espionage operations")
            sm, om = _retype(done, "attributed_to", "subject"), _retype(b, "attributed_to", "object")
            if sm is not None and om is not None and sm.start != om.start:
                out.append(Found(sm, "attributed_to", om, (b.end, took.end()), TOOK_PART))
        suspect = _SUSPECT.match(text, b.end)
        if suspect is not None:  # "Y is the main suspect (in X)", "with Y and Z being among the main suspects"
            deed = deed_at(suspect.end()) or deed_before(b.start)
            at = next(k for k, x in enumerate(slots) if x is b)
            for holder in _list_before(text, slots, at):
                add(deed, holder, (b.end, suspect.end()))
        named = _NAMED_AS_HOLDER.search(window)
        as_holder = _AS_HOLDER.match(text, b.end)
        if named is not None and as_holder is not None:  # "named Y as the likely source (of X)"
            at = lead + named.start()
            add(deed_at(as_holder.end()) or deed_before(at), b, (at, as_holder.end()))
        for d in deeds:
            if d.end > b.start or b.start - d.end > 60:
                continue
            before = text[max(s, d.start - 40) : d.start]
            if (
                (_RESPONSIBILITY_FOR.search(before) and _LIES_WITH.fullmatch(text, d.end, b.start))
                or _HALLMARKS.fullmatch(text, d.end, b.start)
                or (_ATTRIBUTION_OF.search(before) and _ATTRIBUTION_TO.fullmatch(text, d.end, b.start))
            ):  # "responsibility for X lies with Y", "X bore the hallmarks of Y", "the attribution of X to Y"
                add(d, b, (d.end, b.start))
    return out


#: The patterns some frames start by scanning their sentence with, skipped where none of their words stands
#: (extract/sieve.py's `RULES`, the gate the rule modules share: one pass over the text for all of them; speed
#: only, every match the same).
_GATE = RULES
_GATE.add([_AKA_BRACKET, _ACCORDING, _BY_MEANS_AT, _PASSIVE_VICTIM, _THEIR_FIRM, _BARE_DEED])
_GATE.add([_LEGAL_VERB])  # "were charged ...": the verbs, before the copulas they follow
# the words of responsibility `_holder_nouns` reads: a sentence holding none is not read (its own scan of the
# words' places costs more than the gate's answer, kept for the sentence)
_GATE.add([_HOLDER_WORD])
# the words of a denial: `denied`, asked of every sentence whose frames read a statement, reads the sentence
# only where one stands
_GATE.add([_DENIAL])
_GATE.add([_CLAUSE])  # another clause in a gap: read where its words stand in the sentence
#: The patterns `frames` reads the gate's answer for (`RULES.allowed`, once per sentence) rather than asking
#: `may` about each: every one must be a pattern the gate was given, or the answer leaves it out.
_READ_BY_ANSWER = (_AKA_BRACKET, _ACCORDING, _BY_MEANS_AT, _PASSIVE_VICTIM, _HOLDER_WORD, _CLAUSE)
