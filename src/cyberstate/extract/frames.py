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
import re
from dataclasses import dataclass

from cyberstate.extract.mentions import Mention
from cyberstate.extract.sieve import Sieve
from cyberstate.model.vocab import PREDICATES

#: Heads of noun phrases that describe an actor, with the kind the described thing stands for.
HEADS: dict[str, str] = {}
for _words, _kind in (
    (
        "hackers hacker actors actor group groups entity operators cyber-criminals cybercriminals spies "
        "hackers-for-hire mercenaries apt",
        "threat_group",
    ),
    (
        "individuals individual nationals officers officer officials official employees employee members member "
        "defendants defendant men suspects agents persons people affiliates",
        "person",
    ),
    ("company companies firm firms contractors contractor", "company"),
    ("organisations organizations organisation organization", "other_organisation"),
    (
        "attack attacks hack hacks campaign campaigns operation operations intrusions intrusion incidents "
        "incident breach breaches activity activities cyberattack cyberattacks ecosystem",
        "operation",
    ),
    ("indictment indictments", "indictment"),
):
    for _w in _words.split():
        HEADS[_w] = _kind

_DET = r"(?:the|a|an|these|those|some|several|all|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)"
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
    "during",
    "between",
    "about",
    "if",
    "when",
    "because",
    "while",
    "whether",
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
}
_NP = re.compile(
    rf"\b(?:{_DET}\s+)?(?:{_MOD}\s+){{0,5}}?({'|'.join(sorted(map(re.escape, HEADS), key=len, reverse=True))})\b",
)
_NATIONAL = re.compile(r"\b(?:Chinese|China|PRC|Beijing)(?:['’]s)?\b|\bChina-|\bBeijing-|\bPRC-")
_STATE = re.compile(r"\bstate|government|regime|communist", re.I)


@dataclass
class Slot:
    mention: Mention
    described: bool

    @property
    def start(self) -> int:
        return self.mention.start

    @property
    def end(self) -> int:
        return self.mention.end

    def kinds(self) -> set[str]:
        return self.mention.kinds()


_HEAD = re.compile(rf"\b({'|'.join(sorted(map(re.escape, HEADS), key=len, reverse=True))})\b", re.I)
_DETS = {
    "the",
    "a",
    "an",
    "these",
    "those",
    "some",
    "several",
    "all",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "other",
    "more",
    "many",
    "most",
}
_NATIONS = {"chinese", "china", "prc", "beijing", "malaysian", "us", "u.s.", "uk", "american", "british"}
_KEEP_ED = {"state-affiliated", "alleged", "suspected", "accused", "indicted", "charged", "unnamed", "unidentified"}


def _modifier(word: str, head_kind: str) -> bool:
    w = word.lower().strip(",")
    if w.endswith("ly") and w not in {"likely", "early", "only"}:
        return False  # an adverb belongs to the verb
    if w in {"hacking", "spying"} and head_kind not in {"threat_group", "operation"}:
        return False  # "hacking video game companies": a verb and its object
    if not w or w in _STOP or word.endswith(",") or w.startswith("("):
        return False
    if word[0].isupper() and re.search(r"-(?:based|linked|backed|sponsored|affiliated|nexus|supported)$", w):
        return True  # "China-based", "Beijing-linked": a modifier whatever the place
    if word[0].isupper() and w.rstrip("'’s") not in _NATIONS:
        return False  # a capitalised word is a name or starts the sentence
    if w.endswith("s") and "-" not in w and not w.endswith(("ous", "ss", "'s", "’s", "ics")) and w not in _NATIONS:
        return False  # "holds", "calls": a verb, or a plural noun that heads its own phrase
    if w.endswith("ed") and "-" not in w and w not in _KEEP_ED:
        return False  # a verb ("compromised"), not an adjective
    if w.endswith("ing") and "-" not in w and w not in {"hacking", "spying"}:
        return False
    return bool(re.fullmatch(r"[\w'’.&-]+", word))


def described(text: str, s: int, e: int, named: list[Mention], possible: set[int] | None = None) -> list[Mention]:
    """Noun phrases of one sentence that describe an actor, a person, a company or a deed (`possible`: the
    patterns that may match in the sentence, from extract/sieve.py)."""
    out: list[Mention] = []
    if possible is not None and id(_HEAD) not in possible:
        return out  # no head word in the sentence
    for m in _HEAD.finditer(text, s, e):
        head = m.group(1).lower()
        if m.start() > 0 and (text[m.start() - 1] in "-'’" or text[m.start() - 1].isalnum()):
            continue  # "cyber-attacks" heads its own token: handled as the word it is
        if m.group(1)[0].isupper() and head != "apt" and m.start() > s and text[m.start() - 2 : m.start()] != ". ":
            continue  # "Group" inside a title-case name
        b = m.end()
        tokens = list(re.finditer(r"\S+", text[max(s, m.start() - 80) : m.start()]))
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
            group_name = any(x.start <= pos < x.end and "threat_group" in x.kinds() for x in named)
            if not group_name and not _modifier(w, HEADS[head]):
                break
            a, words = base + t.start(), [w, *words]
        if head in {"group", "groups", "apt"} and re.match(r"\s+(?:known as|called|named|dubbed)\b", text[b : b + 14]):
            continue  # "a group known as APT27": the name follows
        if HEADS[head] == "threat_group" and any(
            x.start >= b and re.fullmatch(r"\s*(?:,\s*)?", text[b : x.start]) and "threat_group" in x.kinds()
            for x in named
        ):
            continue  # "the China state-affiliated group APT31": the phrase is the name's description
        inside = [x for x in named if a < x.end and x.start < b]
        if any(x.end > b or x.start < a for x in inside):
            if any(x.start < m.start() < x.end or x.start < b <= x.end for x in inside):
                continue  # the head word belongs to a name ("Chengdu 404 Network Technology company")
            a = max([x.end for x in inside if x.start < a] + [a])
            words = text[a : m.start()].split()
        if any(x.kinds() & {"threat_group", "company", "front_company", "person"} for x in inside) and not re.search(
            r"\b(?:members?|actors?|employees?|hackers?)$", text[a:b]
        ):
            continue  # "the hacking group APT31" names its subject; "four APT40 cyber actors" does not
        content = [w for w in words if w.lower() not in _DETS]
        if not content and head in {
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
        }:
            continue  # a bare head word is no description
        if not words and head not in {"hackers", "defendants", "hackers-for-hire", "cyber-criminals", "spies"}:
            continue
        out.append(Mention(a, b, text[a:b], [], HEADS[head]))
    return out


def _kinds_fit(slot: Slot, kinds: frozenset[str]) -> bool:
    return bool(slot.kinds() & kinds) or (slot.described and "*" in kinds)


#: Between subject and cue: "X, who are", "X is alleged to have", "X has been", "X were allegedly".
_LEAD = (
    r"\s*(?:\([^()]{1,40}\)\s*)?,?\s*(?:(?:who|which|that)\s+)?(?:(?:is|are|was|were|has|have|had|been|being|be|also|"
    r"allegedly|reportedly|likely|probably|now|in turn|publicly|identified as|believed to be|said to be|\w+ly|"
    r"systems|networks|servers|accounts|computers|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"today|yesterday|"
    r"accused of|alleged to be|alleged to have|suspected of|described as|both|all|\d+|—|–|-|,)\s*)*"
)
_TAIL = (
    r"\s*(?:more than |at least |over )?(?:the|a|an|its|their|his|her)?\s*(?:Chinese\s+|China['’]s\s+|PRC['’]?s?\s+)?"
    r"(?:\([^()]{1,40}\)\s*)?"
    r"(?:(?:[\w-]+\s+){0,4}?(?:group|company|firm|organi[sz]ation|entity|actor)\s+"
    r"(?:(?:known as|called|named|dubbed)\s+)?)?$"
)


def _gap(words: str) -> re.Pattern[str]:
    return re.compile(_LEAD + r"(?:" + words.replace(" ", r"\s+") + r")" + _TAIL, re.I)


#: (predicate, gap pattern, forward): forward frames read "subject gap object", the others "object gap subject".
FRAMES: list[tuple[str, re.Pattern[str], bool]] = [
    (
        "operated_by",
        _gap(
            r"(?:working|work|works|worked|acting|acts|act|operating|operates|operated|conducting \w+(?: \w+)?) for|"
            r"(?:\w+ )?(?:\w+ )?on behalf of|at the (?:direction|behest|request|orders?) of|"
            r"(?:\w+ )?(?:\w+ )?under (?:the )?(?:direction|orders?|control|command|directives?|instructions?) "
            r"(?:of|from)|"
            r"(?:cooperated with and )?(?:carried out|carrying out|took|taking|followed|following) orders from|"
            r"backed by|sponsored by|funded by|run by|directed by|led by|controlled by|tasked by|"
            r"part of a [\w\s-]{0,30}? (?:program|operation|campaign|effort) run by|"
            r"(?:conducted|carried out) [\w\s-]{0,40}? (?:for|on behalf of)"
        ),
        True,
    ),
    (
        "operated_by",
        _gap(
            r"(?:for )?backing|(?:of )?directing and financing|(?:of )?directing|(?:has been |is )?paying|"
            r"(?:has )?(?:used|utilized|uses|employed|hired|recruited|assembled) (?:a )?(?:broad )?(?:network of )?"
            r"(?:\w+ )?|(?:as )?(?:a |the )?sponsor of|of supporting"
        ),
        False,
    ),
    (
        "attributed_to",
        _gap(
            r"the work of|(?:carried out|conducted|perpetrated|orchestrated|committed|launched) by|"
            r"(?:formally |publicly )?attributed to|the action of|blamed on|traced (?:back )?to|tracked back to|"
            r"(?:allegedly )?orchestrated by"
        ),
        True,
    ),
    ("attributed_to", _gap(r"behind|(?:as )?the culprit behind"), False),
    ("member_of_group", _gap(r"members? of|(?:being )?part of|a member of|belonged to|belong to"), True),
    (
        "employed_by",
        _gap(
            r"(?:employees?|officers?|officials?|staff|agents?|hackers?|affiliates?) (?:of|at|in|from|with)|"
            r"(?:intelligence )?officers? (?:of|in|from)|employed by|worked for|works for|working for|from|of|in|"
            r"acting as [\w\s]{0,30}? employees? of|"
            r"(?:a )?(?:computer )?hacker (?:affiliated with|at|for)|affiliated with|operated out of|"
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
            r"(?:a |the )?(?:provincial |municipal |local |regional )?(?:arm|unit|branch|bureau|department|"
            r"division|component|subsidiary|part) of"
        ),
        True,
    ),
    (
        "linked_to",
        _gap(
            r"(?:(?:very )?close|linked|tied|connected|related) (?:to|with)|associated with|affiliated (?:with|to)|"
            r"involved with|ties to|links to|connected to"
        ),
        True,
    ),
    (
        "located_in",
        _gap(r"(?:based|located|headquartered|situated) in|operating (?:in|out of)|operates? (?:from|out of)"),
        True,
    ),
    (
        "indicted",
        _gap(
            r"(?:\w+ )?(?:indicted|indicts|charged|charging|charges against|indictments? (?:\w+ )?against|"
            r"announced charges against|announced indictments (?:\w+ )?against|filed charges(?: today)?|"
            r"unsealed [\w\s-]{0,40}? against|indictment of|charged [\w\s-]{0,20}? of)"
        ),
        True,
    ),
    (
        "sanctioned",
        _gap(
            r"(?:\w+ )?(?:sanctioned|sanctioning|sanctions|designat(?:ed|ing)|imposed sanctions (?:on|against)|"
            r"launched sanctions against|sanctions (?:on|against))"
        ),
        True,
    ),
    (
        "targeted",
        _gap(
            r"(?:\w+ )?(?:targeted|targeting|targets|target|hacked(?: into)?|hacking(?: into)?|compromised|breached|"
            r"breaching|compromising|attacking|spying on|"
            r"infiltrated|infiltrating|spied on|attacked|exploited|penetrate|steal from|stole [\w\s-]{0,30}? from|"
            r"(?:conducted|launched|carried out|carrying out) [\w\s-]{0,40}? (?:against|on|targeting)|"
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
_CLAUSE = re.compile(r";|\bwhile\b|\bbut\b|\bhowever\b", re.I)
_DENIAL = re.compile(
    r"\b(groundless|baseless|unfounded|smear|ill-founded|refut\w*|reject\w*|denied|denies|deny|"
    r"refuses? to confirm|dismissed|neither\b.*\bnor)\b",
    re.I,
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
        if not re.fullmatch(r"\s*(?:\([^()]{0,40}\))?\s*(?:,\s*(?:and|or)?|\band\b|\bor\b|&)\s*(?:the\s+)?", gap):
            break
        mixed = targets and _retype(s, "targeted", "object") is not None
        if s.described != out[0].described and not (s.kinds() & out[0].kinds()) and not mixed:
            break
        out.append(s)
    return out


def _list_before(text: str, slots: list[Slot], i: int) -> list[Slot]:
    out = [slots[i]]
    for s in reversed(slots[:i]):
        gap = text[s.end : out[0].start]
        if not re.fullmatch(r"\s*(?:\([^()]{0,40}\))?\s*(?:,\s*(?:and|or)?|\band\b|\bor\b|&)\s*(?:the\s+)?", gap):
            break
        if not (s.kinds() & out[0].kinds()) or s.described != out[0].described:
            break
        out.insert(0, s)
    return out


def _fits(m: Mention, kinds: frozenset[str]) -> bool:
    return bool(m.kinds() & kinds)


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
    slots = [Slot(m, False) for m in named] + [Slot(m, True) for m in described(text, s, e, named, possible)]
    slots.sort(key=lambda x: (x.start, -x.end))
    slots = [
        x
        for i, x in enumerate(slots)
        if not any(
            y.start <= x.start and x.end <= y.end and y is not x and (y.end - y.start) > (x.end - x.start)
            for y in slots
        )
    ]
    slots = _corefer(text, slots)
    out: list[Found] = []
    n = len(slots)
    for i in range(n):
        a = slots[i]
        for j in range(i + 1, min(n, i + 4)):
            b = slots[j]
            gap = text[a.end : b.start]
            if len(gap) > 90 or _CLAUSE.search(gap):
                break
            if _adjectival(text, b):
                continue  # "the China state-affiliated group APT31": China qualifies the group, it is no object
            if j > i + 1:
                if not _skippable(text, slots[i + 1 : j]):
                    continue
                gap = _without(text, a.end, b.start, slots[i + 1 : j])
            if re.fullmatch(r"\s*to\s+(?:the\s+)?", gap) and re.search(
                r"\battribut(?:ed|es|e|ing)\s+$", text[max(s, a.start - 30) : a.start], re.I
            ):  # "X attributed the breach to Y"
                sm, om = _retype(a, "attributed_to", "subject"), _retype(b, "attributed_to", "object")
                if sm is not None and om is not None:
                    out.append(Found(sm, "attributed_to", om, (a.end, b.start), "frame:attributed X to Y"))
                    continue
            fits = _FRAME_SIEVE.candidates(gap)
            for predicate, pattern, forward in FRAMES:
                if id(pattern) not in fits or not pattern.fullmatch(gap):
                    continue
                if predicate == "employed_by" and not _employment(text, a, gap):
                    continue
                if predicate == "targeted" and forward and a.described and a.mention.proposed_kind == "operation":
                    continue  # "attacks targeting X": the doer is named elsewhere (relations.py finds it)
                if predicate == "member_of_group" and not (a.described or "person" in a.kinds()):
                    continue
                subj_slots = _list_before(text, slots, i) if forward else _list_after(text, slots, j)
                obj_slots = (
                    _list_after(text, slots, j, predicate == "targeted") if forward else _list_before(text, slots, i)
                )
                made = 0
                for x in subj_slots:
                    for y in obj_slots:
                        sm, om = _retype(x, predicate, "subject"), _retype(y, predicate, "object")
                        if sm is None or om is None or sm.start == om.start:
                            continue
                        out.append(Found(sm, predicate, om, (a.end, b.start), f"frame:{predicate}"))
                        made += 1
                if made:
                    break
    out += _based(text, slots)
    out += _members_named_inside(text, slots, named)
    out += _roles_before_names(text, slots)
    out += _roles_after_names(text, slots)
    out += _fronts(text, slots)
    out += _nested_units(text, slots)
    out += _nationality(text, slots, countries)
    return out


_COPULA = re.compile(
    r"\s*(?:\([^()]{1,60}\)\s*)?(?:,|is|was|are|were|remains|is assessed to be|is believed to be|(?:is )?described as|"
    r"—|–)\s*(?:(?:a|an|the)\s+)?$",
    re.I,
)
_DOING = re.compile(
    r"\s*(?:\w+ly\s+)?(?:conducts?|conducted|conducting|carries out|carried out|carry out|launched|launches|"
    r"runs?|ran|has conducted|engaged in|engages in)\s+(?:the\s+|a\s+)?$",
    re.I,
)


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
        if (
            nxt is not None
            and not nxt.described
            and re.fullmatch(
                r"\s*,?\s*(?:known as|called|named|dubbed|identified as)\s+(?:the\s+)?", text[x.end : nxt.start]
            )
        ):
            out[i] = Slot(
                Mention(x.start, x.end, nxt.mention.text, nxt.mention.targets, nxt.mention.proposed_kind), False
            )
            continue
        prev = next((y for y in reversed(out[:i]) if not y.described), None)
        nxt = out[i + 1] if i + 1 < len(out) else None
        kind = x.mention.proposed_kind
        if kind == "threat_group":
            if prev is not None and prev.kinds() & {"threat_group"} and _COPULA.fullmatch(text[prev.end : x.start]):
                out[i] = Slot(
                    Mention(x.start, x.end, prev.mention.text, prev.mention.targets, prev.mention.proposed_kind), False
                )
                continue
            if (
                nxt is not None
                and not nxt.described
                and nxt.kinds() & {"threat_group"}
                and re.fullmatch(r"\s*,\s*", text[x.end : nxt.start])
            ):
                out[i] = Slot(
                    Mention(x.start, x.end, nxt.mention.text, nxt.mention.targets, nxt.mention.proposed_kind), False
                )
        elif (
            kind == "operation"
            and prev is not None
            and prev.kinds() & {"threat_group", "company", "front_company"}
            and _DOING.fullmatch(text[prev.end : x.start])
        ):
            out[i] = Slot(
                Mention(x.start, x.end, prev.mention.text, prev.mention.targets, prev.mention.proposed_kind), False
            )
    return out


def _without(text: str, a: int, b: int, inner: list[Slot]) -> str:
    """The gap between two slots read without the slots it holds ("of China's Ministry": "of Ministry")."""
    out, pos = [], a
    for x in inner:
        out.append(text[pos : x.start])
        pos = x.end
        if text[pos : pos + 2] in ("'s", "’s"):
            pos += 2
        elif text[pos : pos + 1] == "-":
            pos = pos + 1 + len(re.match(r"[\w-]*", text[pos + 1 :]).group())  # "China-linked"
    out.append(text[pos:b])
    return re.sub(r"\s+", " ", "".join(out))


def _adjectival(text: str, x: Slot) -> bool:
    """A country named as a modifier ("China-linked", "China state-affiliated")."""
    return "country" in x.kinds() and bool(
        re.match(r"(?:-\w|\s+(?:state|government|regime)[- ]\w)", text[x.end : x.end + 12], re.I)
    )


def _skippable(text: str, between: list[Slot]) -> bool:
    """Slots that do not break a frame: a parenthesised abbreviation or an inner described phrase."""
    return all(
        text[x.start - 1 : x.start] == "("
        or text[x.end : x.end + 1] == "-"
        or text[x.end : x.end + 2] in ("'s", "’s")
        or (x.described and x.mention.proposed_kind == "operation")
        for x in between
    )


def _employment(text: str, a: Slot, gap: str) -> bool:
    """'of / from / in' make employment only after a person or a role noun ("two officers of the MPS")."""
    if not (a.described or "person" in a.kinds()):
        return False
    if re.match(r"\s*(?:,\s*)?(?:who\s+)?(?:is|are|was|were)?\s*(?:of|from|in)\b", gap, re.I):
        return bool(_PERSON_ROLE.search(a.mention.text) or re.search(r"\bare\s+from\b|\bwere\s+from\b", gap))
    return True


_ROLE_NOUN = re.compile(r"\s+(?:officers?|officials?|agents?|services|agencies|employees?|personnel)\b", re.I)
_PLACES = {"country", "province", "city", "region", "special_economic_zone"}


def _members_named_inside(text: str, slots: list[Slot], named: list[Mention]) -> list[Found]:
    """'four APT40 cyber actors', 'three more APT41 members': people of the group named inside the phrase."""
    out = []
    for x in slots:
        if not x.described or not re.search(r"\b(?:members?|actors?|hackers?|operators?)$", x.mention.text):
            continue
        for g in named:
            if x.start <= g.start and g.end <= x.end and "threat_group" in g.kinds():
                person = Mention(x.start, x.end, x.mention.text, [], "person")
                out.append(Found(person, "member_of_group", g, (g.start, g.end), "members-named-inside"))
                break
    return out


def _based(text: str, slots: list[Slot]) -> list[Found]:
    """'Beijing-based Integrity Technology Group', 'a Wuhan-based company': located_in the place."""
    out = []
    for i, x in enumerate(slots[:-1]):
        if x.described or not (x.kinds() & _PLACES) or not re.match(r"-based\b", text[x.end : x.end + 7]):
            continue
        y = slots[i + 1]
        if y.start - x.end <= 60 and re.fullmatch(r"-based[\w\s-]{0,50}?", text[x.end : y.start].rstrip()):
            m = _retype(y, "located_in", "subject") or y.mention
            out.append(Found(m, "located_in", x.mention, (x.end, x.end + 6), "place-based"))
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


def _fronts(text: str, slots: list[Slot]) -> list[Found]:
    """'via front company X' (the group of the sentence), 'Y's front company, X', 'X, a ... Y front company'."""
    out = []
    for i, x in enumerate(slots):
        if x.described or not (x.kinds() & {"company", "front_company"}):
            continue
        before = text[max(0, x.start - 40) : x.start]
        if _FRONT_BEFORE.search(before):
            owner = [y for y in slots[:i] if not y.described and y.kinds() & {"threat_group"}]
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
        if not x.described or x.mention.proposed_kind != "threat_group":
            continue
        phrase = x.mention.text
        tail = re.match(
            r"\s*(?:affiliated (?:with|to)|backed by|sponsored by|linked to|tied to)\s+(?:the\s+)?"
            r"(?:Chinese|China|PRC|Beijing)\b[\w\s'’-]{0,25}?\b(?:state|government|regime)\b",
            text[x.end : x.end + 80],
            re.I,
        )
        if (_NATIONAL.search(phrase) and _STATE.search(phrase)) or tail:
            cue = (x.start, x.end + (tail.end() if tail else 0))
            out.append(Found(x.mention, "attributed_to", china, cue, "described-nationality"))
    return out


def denied(text: str, sentence: tuple[int, int]) -> bool:
    """A denial or rebuttal in the sentence ("groundless accusations", "neither ... nor ... support")."""
    return bool(_DENIAL.search(text, *sentence))
