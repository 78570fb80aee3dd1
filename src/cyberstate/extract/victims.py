"""Victims named outside a targeting verb's object: constructions of English that say who was targeted with a
noun, a copula or a list the verb's reach does not cover.

- "the (main) targets / victims of Y included X, Z": Y targeted each of them;
- "X is (one of / among) the (main) targets / victims of Y", "highlighted X, a ..., as one of the targets of
  Y": Y targeted X;
- a deed noun with its victim and its doer after "by": "the sustained targeting of X and Z by Y", "the
  attacks on X by Y", and "X is under (active) attack by Y": Y targeted X;
- a victim that underwent a deed: "X (has) suffered a cyberattack (launched) by Y", "X were subjected to
  intrusions by Y", "X was a victim of this exploitation", "X has been under a sustained cyberattack by Y": Y
  targeted X, or with no doer named after it the deed as written did;
- a passive of targeting whose agent is described, not named: "X and Z had been infiltrated by hackers", "the
  systems of ten telecoms companies have been attacked by overseas hackers": the hackers targeted them;
- a deed by a doer aimed at its victims: "malicious activity by Y, based in Z, aimed at X": Y targeted X;
- a fronted participle: "Targeting X and Z, Y hacked ...": Y, the main clause's subject, targeted them;
- a deed that reached its victims: "The breach affected X", "Y's recent hacks into Z have affected X";
- victims counted among those a doer hit: "X and Z were among the entities that Y targeted", "Among those who
  were attacked by Y were X".

Each is a construction, not a wording: the doer is the name or described phrase the construction puts in
its place (a bare "the attacks" stands for the last group named before), and the victims are read as a
targeting verb's are (`relations._phrase_objects`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from cyberstate.extract import frames, reference
from cyberstate.extract import rx as re
from cyberstate.extract.guards import RunSearch, guarded
from cyberstate.extract.language import deed_nouns
from cyberstate.extract.mentions import Mention
from cyberstate.extract.sieve import RULES
from cyberstate.model.vocab import KIND_CLASSES, PREDICATES

if TYPE_CHECKING:
    from cyberstate.extract.relations import Extracted

#: (subject, object, cue, rule) -> a statement with its sentence's hedge, negation, assertor and date.
Make = Callable[[Mention, Mention, tuple[int, int], str], "Extracted"]
#: The victims a targeting verb's object reading finds from a position (`relations._phrase_objects`).
Objects = Callable[[str, int, int, list[Mention], frozenset[str], str], list[Mention]]

_TARGETED = PREDICATES["targeted"]
_DOM, _RNG = _TARGETED.domain_kinds, _TARGETED.range_kinds

_RANKED = r"(?:(?:main|primary|principal|chief|key|prime|intended|known|latest|other|biggest|major)\s+)?"
#: "the targets of Y included": the doer is the phrase after "of", the victims follow the verb.
_TARGETS_OF = guarded(
    re.compile(
        rf"\b(?:[Tt]he\s+)?{_RANKED}(?:[Tt]argets|[Vv]ictims)\s+of\s+",
    )
)
_INCLUDED = re.compile(
    r"\s*(?:,[^,;]{1,40},\s*)?(?:also\s+)?(?:include[sd]?|have included|has included|were|are|span(?:ned|s)?|"
    r"range[sd]? from)\s+",
    re.I,
)
#: "X is one of the targets of Y", "X, ..., as one of the targets of Y", "X are the main target of Y".
_ONE_OF = guarded(
    re.compile(
        r"(?:\s*,)?\s+(?:(?:is|are|was|were|as|remains?|became|has been|have been|had been)\s+)"
        r"(?:(?:also|now|still)\s+)?"
        rf"(?:(?:one|some|two|three|several|many|each)\s+of\s+(?:the\s+)?|among\s+(?:the\s+)?|the\s+|an?\s+)?{_RANKED}"
        r"(?:targets?|victims?)\s+of\s+",
        re.I,
    )
)
#: A victim that underwent a deed: "X (has) suffered a cyberattack (launched) by Y", "X were subjected to
#: hacking from Y". The deed's noun follows, a few modifiers before it.
_SUFFERED = guarded(
    re.compile(
        r"\s+[\"“]?(?:(?:has|have|had)\s+)?(?:(?:been|also|recently|repeatedly|reportedly|allegedly|since)\s+)*"
        r"(?:suffered|(?:(?:was|were|is|are|been)\s+)subjected\s+to)\s+",
        re.I,
    )
)
#: The deed undergone: a noun of attack, a few modifiers before it ("a series of cyber attacks").
_UNDERGONE = re.compile(
    r"(?:[\w-]+,?\s+){0,5}?(?:cyber[- ]?)?(?:"
    + deed_nouns(
        "attack",
        "cyberattack",
        "intrusion",
        "espionage",
        "hacking",
        "hack",
        "breach",
        "spying",
        "exploitation",
        "compromise",
        "infiltration",
    )
    + r")\b",
    re.I,
)
#: Its doer after it: "... launched by Y", "... from Y", past a short list of deeds, never past a clause.
_UNDERGONE_BY = re.compile(
    r"(?:\s*,?\s+(?:and|or)?\s*(?:attempted\s+)?[\w-]+){0,3}?\s+(?:(?:launched|carried\s+out|conducted|"
    r"perpetrated|mounted)\s+)?(?:by|from)\s+",
    re.I,
)
#: What every match of _ONE_OF ends with (speed only: tested before _ONE_OF is run).
_TARGETS_OF_WORDS = re.compile(r"(?:target|victim)s?\s+of\s", re.I)
#: Deeds, their victim, then their doer: "targeting of X by Y", "attacks on X by Y". Plural or a gerund: a
#: single deed told by its target ("a 2021 cyberattack on the agency by state actors") is a described deed
#: the frames attribute (frames.py, "deed on target").
_DEED_ON = guarded(
    re.compile(
        r"\b(?:targeting|attacks|cyber[- ]?attacks|hacks|hacking|intrusions|breaches|compromises|"
        r"infiltrations|spying|espionage)\s+(?:of|on|against|into)\s+",
        re.I,
    )
)
_BY = re.compile(r"\s+by\s+")
#: What a victim's noun phrase between a deed and its "by" does not hold: a clause.
_NOT_A_PHRASE = re.compile(r"[;:]|\b(?:which|who|that|said|says|is|are|was|were|has|have|had|been)\b", re.I)
#: "organizations in Guam and the United States": the place where victims are is not itself read as targeted.
_IN_PLACE = re.compile(r"\bin\s+(?:the\s+)?(?:[\w.'’-]+\s+(?:and|or)\s+(?:the\s+)?)?$", re.I)
_PLACES = frozenset(KIND_CLASSES["place"])
#: "U.S. and foreign employees": the place qualifies the head noun it shares with the adjective after it.
_SHARED_HEAD = re.compile(
    r"\s+(?:and|or)\s+(?!(?:its|their|his|her|our|the|a|an|other|some|many|several|all)\b)(?-i:[a-z]+)\s+(?-i:[a-z]+)"
)
#: "X is under (active) attack by Y".
_UNDER_ATTACK = guarded(
    re.compile(
        r"\s+(?:is|are|was|were|has been|have been|had been|came|come|remains?)\s+under\s+(?:(?:a|an)\s+)?"
        r"(?:[a-z]+\s+(?:and\s+[a-z]+\s+)?)?"
        r"(?:cyber[- ]?)?attacks?\s+(?:by|from)\s+",
        re.I,
    )
)
#: A passive of targeting with its agent: "X had been infiltrated by hackers", "the systems of ten telecoms
#: companies have been attacked by hackers".
_PASSIVE_BY = guarded(
    re.compile(
        r"\s+(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+(?:(?:\w+ly|also)\s+)?"
        r"(?:attacked|hacked|breached|compromised|infiltrated|penetrated|targeted)"
        r"(?:\s+and\s+(?:attacked|hacked|breached|compromised|infiltrated|penetrated))?\s+by\s+",
        re.I,
    )
)
#: "activity by Y (based in Z | , ... ,) aimed at X".
_DEED_BY = guarded(
    re.compile(
        r"\b(?:"
        + deed_nouns("activity", "operation", "attack")
        + r"|cyber[- ]?attacks?|"
        + deed_nouns("campaign", "intrusion", "hacking", "espionage")
        + r")\s+by\s+",
        re.I,
    )
)
_AIMED = re.compile(
    r"(?:\s+(?:based|located|operating)\s+(?:in|out of|from)\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
    r"|\s*,[^,;]{1,60},)?\s+(?:aimed at|directed at|targeting|against)\s+"
)
#: A sentence opening on a participle of targeting: "Specifically targeting X, Y hacked ...".
_FRONTED = re.compile(
    r"[\s\"“]*(?:(?:Specifically|Also|Additionally|Primarily|Mainly|Mostly|Often|Reportedly|Allegedly|Largely),?\s+)?"
    r"(?:[Tt]argeting|[Aa]ttacking|[Hh]acking into|[Ss]pying on|[Bb]reaching|[Ii]nfiltrating|[Cc]ompromising)\s+"
)
_MAIN_SUBJECT = re.compile(r",\s+(?:the\s+)?")
#: Where a clause that names the victim before a copula starts: after "that", a comma, a dash (a dateline:
#: "CITY (AP) - X ..."), or a speech verb.
_CLAUSE_START = re.compile(r"\bthat\s+|,\s+|\s[-–—]\s+|\b(?:said|says|warned|warns)\s+", re.I)
#: An aside after a name: ", a US territory in the Pacific Ocean with a vital military outpost,".
_APPOSITION = re.compile(r",\s+(?:a|an|the)\s+[^,;]{1,90}$", re.I)
#: One lower-case word before a described agent ("by overseas hackers"), no function word.
_ONE_WORD = re.compile(r"(?!(?:the|a|an|its|their|his|her|and|or|of|in|on|at|for|from|to|with|as)\s)[a-z][\w-]*\s+")
#: Where the clause of a passive's victims starts: as a copula's, or after a verb of saying ("Y claimed the
#: systems of X have been attacked by Z").
_PASSIVE_START = re.compile(
    _CLAUSE_START.pattern + r"|\b(?:claimed|claims|reported|reports|confirmed|confirms|revealed|reveals|"
    r"announced|announces|stated|states|noted|notes|added|adds)\s+",
    re.I,
)


def _fits(m: Mention, kinds: frozenset[str]) -> bool:
    return bool(m.kinds() & kinds)


def _slots(text: str, s: int, e: int, ms: list[Mention]) -> list[Mention]:
    """The names of the sentence and the phrases that describe a doer or a deed without naming it."""
    described = [
        d
        for d in frames.described(text, s, e, ms)
        if not any(d.start <= m.start and m.end <= d.end and m.kinds() & {"threat_group", "person"} for m in ms)
    ]
    return sorted(ms + described, key=lambda m: (m.start, -m.end))


def _doer_at(text: str, pos: int, slots: list[Mention], before: list[Mention]) -> Mention | None:
    """The doer that opens at `pos` ("of Y", "by Y"): a name or described phrase of the domain of `targeted`,
    a determiner or "the allegedly" before it allowed. A bare deed ("the attacks", "this operation") is the
    deed as written, never the last group named before (too often another one: "a subgroup of APT10");
    extract/reference.py reads it as the one doer the text told, where it told one."""
    lead = re.match(r"(?:(?:the|a|an|its|their|these|those|this|that|allegedly|reportedly|suspected)\s+)*", text[pos:])
    start = pos + (lead.end() if lead else 0)
    found = [m for m in slots if pos <= m.start <= start and _fits(m, _DOM)]
    if found:
        return max(found, key=lambda m: m.end - m.start)
    return reference.bare_deed(text, pos, len(text))  # "the attacks", read as its doer where told


#: A coordination before a name: the name may close a list of victims.
_LIST_BEFORE = re.compile(r"\s(?:and|or)\s|,\s", re.I)


def _victim_before(text: str, s: int, at: int, ms: list[Mention], objects: Objects) -> list[Mention]:
    """The victim a copula or "as" comes after: the name just before it (past an aside that describes it),
    else the noun phrase of its clause ("that entities in the Philippines are ...")."""
    end = at
    aside = _APPOSITION.search(text, s, at)
    if aside:
        end = aside.start()
    near = [m for m in ms if m.end <= end and _fits(m, _RNG) and not text[m.end : end].strip(" ,")]
    starts = [c.end() for c in _CLAUSE_START.finditer(text, s, end)]
    start = max(starts) if starts else s
    if near and _LIST_BEFORE.search(text, start, near[-1].start):
        # "The Vatican and the Catholic Diocese of Hong Kong have been the targets of Y": each item, not the
        # name that closes the list
        listed = objects(text, start, end, ms, _RNG, "targeted")
        if len(listed) > 1 and any(o.start <= near[-1].start and near[-1].end <= o.end for o in listed):
            return listed
    if near:
        return [near[-1]]
    return objects(text, start, end, ms, _RNG, "targeted")


def read(
    text: str,
    sentence: tuple[int, int],
    ms: list[Mention],
    before: list[Mention],
    make: Make,
    objects: Objects,
) -> list[Extracted]:
    """The statements of `targeted` the constructions above make in one sentence."""
    s, e = sentence
    out: list[Extracted] = []
    slots: list[Mention] | None = None

    def all_slots() -> list[Mention]:
        nonlocal slots
        if slots is None:
            slots = _slots(text, s, e, ms)
        return slots

    low = text[s:e].lower()  # speed only: each construction is looked for where its words are
    named_targets = "target" in low or "victim" in low
    # speed only: every match of _ONE_OF ends in "target(s) of" or "victim(s) of", which its leading
    # its leading spaces make `re` try at every space of the sentence
    targets_of = named_targets and _TARGETS_OF_WORDS.search(text, s, e) is not None
    # speed only: the sentence-wide scans below run where the words of their matches stand (`_GATE`)
    gate = _GATE.allowed(text, s, e)  # the patterns that may match in the sentence (speed only: `_GATE.may`)
    has_by = (
        (id(_DEED_ON) in gate or id(_DEED_BY) in gate)
        and "by" in low  # speed only: str.find before the pattern that needs it
        and _BY.search(low) is not None
    )
    for m in _GATE.finditer(_TARGETS_OF, text, s, e) if named_targets else ():
        doer = _doer_at(text, m.end(), all_slots(), before)
        if doer is None:
            continue
        verb = _INCLUDED.match(text, doer.end, e)
        if verb:  # "the targets of Y included X"
            out += [
                make(doer, o, (m.start(), verb.end()), "targets of Y included X")
                for o in objects(text, verb.end(), e, ms, _RNG, "targeted")
            ]
    for m in _ONE_OF.finditer(text, s, e) if targets_of else ():
        doer = _doer_at(text, m.end(), all_slots(), before)
        if doer is None:
            continue
        out += [
            make(doer, o, (m.start(), m.end()), "X one of the targets of Y")
            for o in _victim_before(text, s, m.start(), ms, objects)
        ]
    if "subjected" in low or "suffered" in low:  # speed only: the verb's words
        out += _undergone(text, s, e, ms, all_slots(), before, make, objects)
    for m in _GATE.finditer(_DEED_ON, text, s, e) if has_by else ():
        by = _BY.search(text, m.end(), min(e, m.end() + 100))
        if by is None or _NOT_A_PHRASE.search(text, m.end(), by.start()):
            continue
        doer = _doer_at(text, by.end(), all_slots(), before)
        if doer is None or doer.kinds() <= {"operation"}:
            continue
        out += [
            make(doer, o, (m.start(), by.end()), "deed on X by Y")
            for o in objects(text, m.end(), by.start(), ms, _RNG, "targeted")
        ]
    for m in _UNDER_ATTACK.finditer(text, s, e) if "under" in low else ():
        doer = _doer_at(text, m.end(), all_slots(), before)
        if doer is None or doer.kinds() <= {"operation"}:
            continue
        out += [
            make(doer, o, (m.start(), m.end()), "X under attack by Y")
            for o in _victim_before(text, s, m.start(), ms, objects)
        ]
    for m in _GATE.finditer(_PASSIVE_BY, text, s, e) if " by " in low else ():
        doer = _doer_at(text, m.end(), all_slots(), before)
        word = _ONE_WORD.match(text, m.end())
        if doer is None and word:  # "by overseas hackers": a word the described phrase leaves out before it
            doer = next((x for x in all_slots() if x.start == word.end() and not x.targets), None)
        if doer is None or doer.targets or doer.kinds() <= {"operation"} or not doer.kinds() & _DOM:
            continue  # a named agent is read by the passive cue (relations.py), a deed by the frames
        starts = [c.end() for c in _PASSIVE_START.finditer(text, s, m.start())]
        out += [
            make(doer, o, (m.start(), m.end()), "X targeted by described Y")
            for o in _victim_before(text, max(starts) if starts else s, m.start(), ms, objects)
        ]
    for m in _GATE.finditer(_DEED_BY, text, s, e) if has_by else ():
        doer = _doer_at(text, m.end(), all_slots(), before)
        if doer is None or doer.kinds() <= {"operation"}:
            continue
        aim = _AIMED.match(text, doer.end, e)
        if aim:
            out += [
                make(doer, o, (m.start(), aim.end()), "deed by Y aimed at X")
                for o in objects(text, aim.end(), e, ms, _RNG, "targeted")
            ]
    front = _FRONTED.match(text, s, e) if id(_FRONTED) in gate else None
    if front:
        comma = _MAIN_SUBJECT.search(text, front.end(), e)
        if comma:
            doers = [
                x
                for x in all_slots()
                if x.start == comma.end() and x.kinds() & {"threat_group", "company", "person", "front_company"}
            ]
            if doers:
                out += [
                    make(doers[0], o, (front.start(), front.end()), "fronted participle")
                    for o in objects(text, front.end(), comma.start(), ms, _RNG, "targeted")
                ]
    if "among" in low:
        out += _among_victims(text, s, e, ms, all_slots(), before, make, objects)
    if id(_REACHED) in gate and _REACHED.search(text, s, e):
        out += _deed_reached(text, s, e, ms, all_slots(), make, objects)
    # speed only: a doing verb of the list is in the sentence
    if "conduct" in low or (id(_LIGHT_WORD) in gate and _LIGHT_WORD.search(low)):
        out += _done_deeds(text, s, e, ms, all_slots(), make, objects)
        if has_by:
            out += _deed_then_doer(text, s, e, ms, all_slots(), before, make, objects)
    if "accus" in low:  # speed only: the verb's stem
        out += _accused_of(text, s, e, ms, all_slots(), make, objects)
    if not out and id(_DEED_AGAINST) in gate and _DEED_AGAINST.search(text, s, e):
        out += _deed_against(text, s, e, ms, all_slots(), make, objects)
    out = _kept(text, s, out)
    if "vulnerab" in low or "flaw" in low or "weakness" in low or "loophole" in low:  # speed only
        # "vulnerabilities in X": X holds them, no place where victims are (a place holds no flaw)
        weak = _weakness_in(text, s, e, ms, all_slots(), make, objects)
        out += [x for x in weak if x.object is not None and not x.object.kinds() & _PLACES]
    return out


def _undergone(
    text: str,
    s: int,
    e: int,
    ms: list[Mention],
    slots: list[Mention],
    before: list[Mention],
    make: Make,
    objects: Objects,
) -> list[Extracted]:
    """A victim that underwent a deed: "X suffered a cyberattack by Y", "X have been subjected to hacking from
    Y": Y targeted X; with no doer named after it, the deed as written did ("X suffered a cyberattack")."""
    out: list[Extracted] = []
    for m in _SUFFERED.finditer(text, s, e):
        deed = _UNDERGONE.match(text, m.end(), e)
        if deed is None:
            continue
        by = _UNDERGONE_BY.match(text, deed.end(), e)
        doer = _doer_at(text, by.end(), slots, before) if by else None
        if doer is None:
            told = [x for x in slots if m.end() <= x.start and x.end == deed.end() and "operation" in x.kinds()]
            doer = told[0] if told else Mention(m.end(), deed.end(), deed.group(), [], "operation")
        out += [
            make(doer, o, (m.start(), deed.end()), "X suffered a deed by Y")
            for o in _victim_before(text, s, m.start(), ms, objects)
        ]
    return out


#: A weakness of the victim's systems used by the doer: "exploited vulnerabilities in X", "probing for flaws in X".
_WEAKNESS_IN = guarded(
    re.compile(
        r"\b(?:exploit(?:s|ed|ing)?|target(?:s|ed|ing)?|prob(?:e|es|ed|ing)(?:\s+for)?|scan(?:s|ned|ning)?\s+for|"
        r"abus(?:e|es|ed|ing)|leverag(?:e|es|ed|ing))\s+"
        r"(?:(?:a|an|the|its|their|several|multiple|many|known|unknown|unpatched|publicly|previously|critical|existing|"
        r"zero-day|security|software|[a-z]+-day)\s+){0,4}"
        r"(?:vulnerabilit(?:y|ies)|flaws?|weakness(?:es)?|loopholes?)\s+in\s+",
        re.I,
    )
)
#: A verb that turns to the deed after it: "they pivoted to probing for flaws in X", "began exploiting ...".
_TURNED_TO = re.compile(
    r"\s+(?:pivoted|moved|turned|began|started|continued|sought|tried|attempted|went\s+on)(?:\s+to)?\s*$", re.I
)


def _weakness_in(
    text: str, s: int, e: int, ms: list[Mention], slots: list[Mention], make: Make, objects: Objects
) -> list[Extracted]:
    """A weakness used against its holder: "X has exploited vulnerabilities in Y", "X pivoted to probing for
    vulnerabilities in the networks of Y": the verb's subject targeted what holds the weakness."""
    out: list[Extracted] = []
    for m in _WEAKNESS_IN.finditer(text, s, e):
        verb = m.start()
        turned = _TURNED_TO.search(text, s, verb)
        if turned:
            verb = turned.start()
        doer = _clause_subject(text, s, verb, slots)
        if doer is None:
            continue
        out += [
            make(doer, o, (m.start(), m.end()), "weakness in X")
            for o in _whole(text, m.end(), _clause_victims(text, m.end(), e, ms, objects))
        ]
    return out


#: A deed told by its victims, its doer unnamed: "a trend of Chinese political espionage against X", "a host
#: of cyberattacks against X and Y", "the cyberattack against X", "a cyber espionage campaign against X".
_DEED_AGAINST = guarded(
    re.compile(
        r"\b(?:(?:cyber[- ]?)?(?:espionage|attacks?|intrusions?|hacking|spying)|cyberattacks?|cyber-?espionage|"
        r"campaigns?)"
        r"\s+(?:against|targeting|aimed\s+at|directed\s+at)\s+",
        re.I,
    )
)
#: The deed nouns read by `_DEED_AGAINST` beside the plural attacks and the mass nouns: one deed, or a campaign.
_ONE_DEED = re.compile(r"(?:attack|intrusion|campaigns?)$")
#: A sentence that opens with a phrase of time or means before the deed: "In one attack against X, ...".
_FRONTED_DEED = re.compile(r"\s*(?:In|During|After|Following|Since|Before|Through|With)\s+(?:[\w-]+\s+){0,3}")
#: A doer told after the deed's victim: "a cyberattack against X, carried out by Y".
_DONE_BY_AFTER = re.compile(
    r"\b(?:carried\s+out|conducted|launched|perpetrated|orchestrated|mounted|staged|committed|waged)\s+by\b", re.I
)
#: The article right before one deed's phrase.
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an|the|this|that)\s+$", re.I)
#: A campaign of intrusions, not of words: "a cyber espionage campaign", "a spear phishing campaign".
_CYBER_CAMPAIGN = re.compile(r"cyber|espionage|hacking|phishing|intrusion|malware|spying", re.I)
#: The words of a deed's phrase before its noun: "Chinese political", "repeated", "state-sponsored".
_WORD = re.compile(r"[\w'’-]+")
_DEED_ADJECTIVE = re.compile(
    r"[A-Z][a-z]+(?:ese|ian|an|ish|i)|[a-z]+(?:al|ic|ive|ous|ful|ent|ant|ary)|[\w]+-[\w-]+|cyber|repeated|"
    r"sustained|recent|ongoing|persistent|widespread|malicious|state|foreign"
)
#: Who may do a deed: a name of these kinds in the sentence makes the deed theirs, not a deed by no one.
_DOERS = frozenset(
    {"threat_group", "person", "company", "front_company", "military_unit", "country", "ministry", "state_organ"}
)


#: A tie or a verb of doing before a deed's phrase ("has been linked to attacks aimed at X", "conducted
#: espionage against X"): the deed is the clause subject's, which the verbs and frames read, not a deed by no one.
_DOER_OF_DEED = re.compile(
    r"\b(?:(?:linked|attributed|tied|connected)\s+to|responsible\s+for|behind|conduct(?:s|ed|ing)?|"
    r"carr(?:y|ies|ied|ying)\s+out|launch(?:es|ed|ing)?|perpetrat(?:es?|ed|ing)|wag(?:es?|ed|ing))"
    r"\s+(?:(?:a|an|the)\s+)?$",
    re.I,
)


def _deed_against(
    text: str, s: int, e: int, ms: list[Mention], slots: list[Mention], make: Make, objects: Objects
) -> list[Extracted]:
    """A deed named with its victims and no doer in its sentence ("part of a wider trend of Chinese political
    espionage against X"): the deed, as the text words it, targeted them. A sentence naming a group, a
    person, a state or a described actor leaves the deed to them (the verbs and frames read that)."""
    out: list[Extracted] = []
    for m in _DEED_AGAINST.finditer(text, s, e):
        noun_end = re.search(r"\s+(?:against|targeting|aimed|directed)\b", text[m.start() : m.end()], re.I)
        assert noun_end is not None
        end = m.start() + noun_end.start()
        if any(x.kinds() & _DOERS and not (m.end() <= x.start) for x in slots if x.start < end):
            continue  # a doer stands before the deed: "APT1 waged espionage against X" is APT1's
        start = m.start()
        for w in reversed(list(_WORD.finditer(text, max(s, start - 60), start))):
            if text[w.end() : start].strip() or not _DEED_ADJECTIVE.fullmatch(w.group()):
                break
            start = w.start()
        if _DOER_OF_DEED.search(text, max(s, start - 40), start):
            continue  # "X has been linked to attacks aimed at Y": the deed is the clause subject's
        head = text[m.start() : end].lower()
        if _ONE_DEED.search(head):
            # one deed ("the cyberattack against X") or a campaign: not in a fronted phrase whose clause names
            # the doer after it ("In one attack against X, Grayfly ..."), and a campaign only of intrusions
            # ("a cyber espionage campaign", not "a smear campaign")
            if _FRONTED_DEED.fullmatch(text, s, start) or _DONE_BY_AFTER.search(text, m.end(), e):
                continue  # "..., carried out by Y": the doer after the victim, the frames' reading
            if "campaign" in head and not _CYBER_CAMPAIGN.search(text, max(s, start - 40), end):
                continue
            article = _ARTICLE_BEFORE.search(text, max(s, start - 6), start)
            if article:  # "a cyberattack against X": the deed's phrase with its article, as the frames give it
                start = article.start()
        deed = Mention(start, end, text[start:end], [], "operation")
        out += [
            make(deed, o, (m.start(), m.end()), "deed against X")
            for o in _clause_victims(text, m.end(), e, ms, objects)
        ]
    return out


#: A verb that does a deed named by its object noun: "conducted intrusions into X", "mounts attacks on X".
_LIGHT_WORD = re.compile(
    r"\b(?:carr(?:y|ies|ied|ying) out|commit|launch|mount|wag(?:e|es|ed|ing)\b|stag(?:e|es|ed|ing)\b|perpetrat|"
    r"implement|engag(?:e|es|ed|ing) in|responsible for)"
)
_DEED_NOUN = (
    r"(?:(?:cyber[- ]?)?(?:"
    + deed_nouns("intrusion", "attack", "espionage", "operation", "campaign", "surveillance")
    + ")|"
    + deed_nouns("cyberattack", "hacking", "spying", "reconnaissance")
    + r"|schemes?|"
    + deed_nouns("activity")
    + "|attempts?|"
    + deed_nouns("hack")
    + "|breaches)"
)
#: The doing verb, its deed (a few modifiers before the noun, "a campaign of (computer) intrusions"), and
#: the preposition that names the deed's victim; never "on behalf of" (for whom) nor "on Tuesday" (when).
_DONE_DEED = guarded(
    re.compile(
        r"\b(?:conduct(?:s|ed|ing)?|carr(?:y|ies|ied|ying)\s+out|commit(?:s|ted|ting)?|launch(?:es|ed|ing)?|"
        r"mount(?:s|ed|ing)?|wag(?:e|es|ed|ing)|stag(?:e|es|ed|ing)|perpetrat(?:e|es|ed|ing)|implement(?:s|ed|ing)?|"
        r"engag(?:e|es|ed|ing)\s+in|(?:is|are|was|were|be|been)\s+(?:\w+ly\s+)?responsible\s+for)\s+"
        r"(?:[\"“]?(?:a|an|the|its|their|his|her|these|those|several|many|numerous|multiple|repeated|regular|global|"
        r"\w+-\w+|[a-z]+)\s+){0,4}?"
        rf"[\"“]?{_DEED_NOUN}(?:\s+of\s+(?:[a-z]+\s+){{0,2}}?{_DEED_NOUN})?[\"”]?"
        r"\s+(?:against|into|on|upon|targeting|aimed\s+at|directed\s+at)\s+"
        r"(?!behalf\b|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|"
        r"June|July|August|September|October|November|December|\d)\b)",
        re.I,
    )
)
#: Helping verbs and adverbs between a subject and its verb: "has also repeatedly conducted".
_AUX_BEFORE = re.compile(
    r"(?:\s+(?:has|have|had|is|are|was|were|been|also|allegedly|reportedly|repeatedly|jointly|then|later|"
    r"subsequently|previously|actively|likely|probably|since|regularly|routinely))*\s*$",
    re.I,
)
#: `_AUX_BEFORE` not tried inside a run of white space (extract/guards.py; speed only: a blanked citation before
#: the verb cost milliseconds).
_AUX_BEFORE_RUNS = RunSearch(_AUX_BEFORE)
#: Where the clause of a doing verb may start: the sentence, "that", or after a comma.
_SUBJECT_CLAUSE = re.compile(r"\bthat\s+|,\s+", re.I)
#: Between a subject and its verb: an aside in brackets or commas ("Li Wei, 32, and others ..., conducted").
_SUBJECT_ASIDE = re.compile(
    r"(?:\s*\([^()]{0,60}\))?(?:\s*,[^;]{0,200},)?"
    # a participle that qualifies the subject: "Hackers affiliated with the Chinese state were responsible for"
    r"(?:\s+(?:affiliated|linked|tied|connected|associated|backed|sponsored|working|acting)\s+(?:with|to|by|for)\s+"
    r"[^,;()]{1,60}?)?\s*"
)
#: Who a report names that cannot be a deed's doer: a court, a reporter, a vendor, a regulator.
_NO_DOER = frozenset({"court", "media_organisation", "security_vendor", "regulator", "legislature", "standards_body"})


def _clause_subject(text: str, s: int, verb: int, slots: list[Mention]) -> Mention | None:
    """The subject of the verb at `verb`: the name or described phrase that opens its clause (the sentence,
    after "that" or after a comma), with only helping verbs, adverbs and an aside between it and the verb."""
    aux = _AUX_BEFORE_RUNS.search(text, s, verb)
    end = aux.start() if aux else verb
    starts = [s] + [c.end() for c in _SUBJECT_CLAUSE.finditer(text, s, end)]
    for start in reversed(starts):
        lead = re.match(r"(?:(?:the|a|an|these|those|this|that)\s+)?", text[start:end], re.I)
        at = start + (lead.end() if lead else 0)
        found = [m for m in slots if start <= m.start <= at and m.end <= end and _fits(m, _DOM)]
        if not found:
            continue
        subject = max(found, key=lambda m: m.end - m.start)
        if subject.kinds() & _NO_DOER or not _SUBJECT_ASIDE.fullmatch(text, subject.end, end):
            return None
        return subject
    return None


#: Where a victim's noun phrase ends: a clause that a conjunction opens ("... in Australia as the group looks").
_CLAUSE_AFTER = re.compile(
    r"\s+(?:as|while|because|when|although|whereas|after|before|since|until|so)\s+"
    r"(?:the|a|an|it|they|he|she|its|their|we|this|these|those)\b",
    re.I,
)


def _clause_victims(text: str, at: int, e: int, ms: list[Mention], objects: Objects) -> list[Mention]:
    """The victims the object reading finds from `at` to the end of its clause (a clause of its own after a
    conjunction and its subject names no victim)."""
    stop = _CLAUSE_AFTER.search(text, at, e)
    return objects(text, at, stop.start() if stop else e, ms, _RNG, "targeted")


#: "networks of interest": a postmodifier ("that interest someone"), not the owner the system belongs to.
_OF_INTEREST = re.compile(r"\b((?:[\w-]+\s+){0,2}?[\w-]+)\s+of\s+$", re.I)


def _whole(text: str, floor: int, found: list[Mention]) -> list[Mention]:
    """The victims with "X of interest" read whole where the object reading kept only "interest" (X read from
    `floor`, where the victims start)."""
    out = []
    for o in found:
        head = (
            _OF_INTEREST.search(text, max(floor, o.start - 40), o.start)
            if o.text.lower().startswith("interest")
            else None
        )
        if head and o.entity is None:
            o = Mention(head.start(1), o.end, text[head.start(1) : o.end], [], o.proposed_kind)
        out.append(o)
    return out


def _done_deeds(
    text: str, s: int, e: int, ms: list[Mention], slots: list[Mention], make: Make, objects: Objects
) -> list[Extracted]:
    """A doer's deed with its victim: "X conducted intrusions into Y", "X is conducting reconnaissance against
    Y", "X mounted a campaign of attacks on Y": the subject of a verb that does a deed named by its object
    targeted the deed's victims."""
    out: list[Extracted] = []
    for m in _DONE_DEED.finditer(text, s, e):
        doer = _clause_subject(text, s, m.start(), slots)
        if doer is None:
            continue
        out += [
            make(doer, o, (m.start(), m.end()), "doer's deed on X")
            for o in _whole(text, m.end(), _clause_victims(text, m.end(), e, ms, objects))
        ]
    return out


#: A deed told by its victim, its doer after it: "malicious cyber activity against the UK, carried out by actors
#: affiliated to the Chinese state". The victims end at the comma before the doer.
_DEED_THEN_DOER = guarded(
    re.compile(
        rf"[\"“”]?\s*{_DEED_NOUN}\s+(?:against|on|targeting|aimed\s+at|directed\s+at)\s+"
        r"(?P<victims>[^;:()]{1,80}?),\s+(?:which\s+(?:was|were)\s+)?(?:allegedly\s+|reportedly\s+)?"
        r"(?:carried\s+out|conducted|launched|perpetrated|orchestrated|mounted)\s+by\s+",
        re.I,
    )
)

#: What every match of `_DEED_THEN_DOER` ends with: tested first, since `re` tries the deed nouns at every
#: letter of the sentence (speed only, the same matches).
_DONE_BY = re.compile(r"\b(?:carried\s+out|conducted|launched|perpetrated|orchestrated|mounted)\s+by\s", re.I)


def _deed_then_doer(
    text: str,
    s: int,
    e: int,
    ms: list[Mention],
    slots: list[Mention],
    before: list[Mention],
    make: Make,
    objects: Objects,
) -> list[Extracted]:
    """ "cyber activity against X, carried out by Y": Y targeted X."""
    out: list[Extracted] = []
    if _GATE.search(_DONE_BY, text, s, e) is None:
        return out
    for m in _DEED_THEN_DOER.finditer(text, s, e):
        doer = _doer_at(text, m.end(), slots, before)
        if doer is None or doer.kinds() <= {"operation"}:
            continue
        out += [
            make(doer, o, (m.start(), m.end()), "deed on X, carried out by Y")
            for o in objects(text, m.start("victims"), m.end("victims"), ms, _RNG, "targeted")
        ]
    return out


def _kept(text: str, s: int, out: list[Extracted]) -> list[Extracted]:
    """Readings whose object is a victim: not the place where the victims are ("organizations in Guam and the
    United States", "a university in Texas"), nor a modifier sharing the head after it ("U.S. and foreign
    employees")."""
    return [
        x
        for x in out
        if x.object is not None
        and x.object.start != x.subject.start
        and not _IN_PLACE.search(text, max(s, x.object.start - 40), x.object.start)
        and not (x.object.kinds() & _PLACES and _SHARED_HEAD.match(text, x.object.end))
    ]


#: "charged X for (their alleged role in) <deeds> directed at Y", "charged X with intruding into Y": X did the
#: deeds, so X targeted Y.
_FOR_DEEDS = guarded(
    re.compile(
        r"\b(?:for|with)\s+(?:(?:his|her|their|its)\s+(?:(?:alleged|suspected|reported|purported)\s+)?"
        r"(?:roles?|involvement|part|participation)\s+in\s+)?",
        re.I,
    )
)
_ROLE = re.compile(r"\b(?:for|with)\s+(his|her|their|its)\b", re.I)
_ROLE_IN = guarded(re.compile(r"\b(?:roles?|involvement|part|participation)\s+in\b", re.I))
_DEED_WORD = re.compile(
    r"\b(?:hack\w*|intru(?:sions?|d\w+)|(?:cyber[- ]?)?attacks?|theft|steal\w*|stole|espionage|spying|breach\w*|"
    r"compromis\w*|campaigns?|operations?)\b",
    re.I,
)
#: The deed's victim: after its preposition, or after "of" right behind a deed noun ("the compromise of X").
_VICTIM_PREP = re.compile(
    r"\b(?:directed at|aimed at|against|targeting|on|into|from|"
    r"(?<=compromise\s)of|(?<=breach\s)of|(?<=hacking\s)of|(?<=infiltration\s)of)\s+(?:the\s+)?",
    re.I,
)
_STEALING = re.compile(r"\b(?:theft|steal\w*|stole|stolen)\b", re.I)
_CLAUSE = re.compile(r"[;:]|\b(?:which|who|that|said|says|while|whereas|after|before|because)\b", re.I)
_CHARGED = frozenset({"indicted", "sanctioned"})
_OWNERS = frozenset({"person", "threat_group", "company", "front_company"})


def charged_for(
    text: str,
    sentence: tuple[int, int],
    ms: list[Mention],
    said: list[Extracted],
    make: Make,
    objects: Objects,
) -> list[Extracted]:
    """'indicted X, Y and Z for computer hacking ... directed at Y's computers', 'W was sanctioned for his role
    in cyber attacks targeting V': whom a sentence charges or sanctions for deeds did them, so each targeted
    the deeds' victims (read after the deeds' own preposition, or the victim the sentence gives the deed)."""
    s, e = sentence
    out: list[Extracted] = []
    if not any(x.predicate in _CHARGED for x in said) and not _GATE.search(_ROLE_IN, text, s, e):
        return out  # speed only: no one charged and no role in a deed
    for m in _FOR_DEEDS.finditer(text, s, e):
        role = m.group().strip().lower() != "for"
        prep = _VICTIM_PREP.search(text, m.end(), min(e, m.end() + 160))
        if prep is None:
            continue
        deed = text[m.end() : prep.start()]
        if not _DEED_WORD.search(deed) or _CLAUSE.search(deed):
            continue
        if prep.group().lower().startswith("from") and not _STEALING.search(deed):
            continue  # "hacking from China": where from, not whom
        charged = [
            x.object
            for x in said
            if x.predicate in _CHARGED
            and x.object is not None
            and x.object.end <= m.start()
            and x.object.kinds() & _OWNERS
        ]
        if not role and not (charged and _CLAUSE_GAP.fullmatch(text, max(c.end for c in charged), m.start())):
            continue  # a bare "for" right after whom the sentence charges: "indicted X for hacking"
        if not charged:  # "Yin was sanctioned for his role in": the people named before
            charged = [x for x in ms if s <= x.start and x.end <= m.start() and x.kinds() & {"person"}]
        owner = _ROLE.match(text, m.start())
        if owner and owner.group(1).lower() in {"his", "her"}:
            charged = charged[-1:]
        if not charged:
            continue
        victims = [
            x.object
            for x in said
            if x.predicate == "targeted"
            and x.object is not None
            and x.subject.entity is None
            and x.subject.proposed_kind == "operation"
            and m.end() <= x.subject.start < prep.start()
        ] or objects(text, prep.end(), e, ms, _RNG, "targeted")
        out += [make(c, v, (m.start(), prep.end()), "charged for deeds on X") for c in charged for v in victims]
    return _kept(text, s, out)


#: Between whom a sentence charges and "for": nothing but an aside or where the charges were brought.
_CLAUSE_GAP = re.compile(r"\s*(?:,[^,;]{0,60},)?\s*(?:in\s+[^,;]{0,60}?\s+)?")


#: A verb that tells whom a deed reached: "The breach affected X", "a campaign that allegedly hit X" ("hit by",
#: "hit with sanctions" are no such reach).
_REACHED = guarded(re.compile(r"\b(?:affected|affects|impacted|impacts|hit|hits)\s+(?!by\b|with\b)", re.I))
#: The noun of a deed that can reach its victims.
_DEED_HEAD = re.compile(
    r"\b(?:hack(?:s|ing)?|"
    + deed_nouns("breach")
    + r"|(?:cyber[- ]?)?"
    + deed_nouns(
        "attack",
        "cyberattack",
        "campaign",
        "intrusion",
        "activity",
        "operation",
        "compromise",
        "espionage",
        "infiltration",
    )
    + r")\b",
    re.I,
)
#: Between the deed's phrase and the verb: "that", helping verbs, adverbs, a quotation mark.
_DEED_TO_VERB = re.compile(
    r"(?:\s*,?\s*(?:that|which)\b)?(?:\s+(?:has|have|had|also|allegedly|reportedly|may|might|could|been|likely|"
    r"already|seriously|severely|directly|reportedly))*\s*[\"“'‘]?\s*$",
    re.I,
)
#: The deed noun's own victim after it, read over ("hacks into X in Y have affected Z"): no clause, no comma.
_DEED_TAIL = re.compile(r"(?:\s+(?:into|of|on|against|in|across)\s+[^,;:\"“”()]{1,80}?)?", re.I)
#: The words before a deed noun that are its phrase: "a 2015 hacking campaign", "the recent breach".
_DEED_LEAD = re.compile(
    r"(?:a|an|the|this|these|that|those|\d{4}|cyber|recent|massive|major|sweeping|global|broad|large-scale|"
    r"[\w-]*(?:hacking|espionage|spying))$",
    re.I,
)
#: The doer whose deed it is: "Salt Typhoon's recent hacks".
_POSSESSOR = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,3}$")


def _deed_reached(
    text: str, s: int, e: int, ms: list[Mention], slots: list[Mention], make: Make, objects: Objects
) -> list[Extracted]:
    """A deed that affected, hit or impacted its victims targeted them: "The breach affected X", "a hacking
    campaign that affected Y", "X's recent hacks into Z have affected Y" (X's deed: X targeted Y). The verb's
    subject must be a deed's phrase: "the sanctions affected X", "the flaw affected Y" say nothing."""
    out: list[Extracted] = []
    for v in _REACHED.finditer(text, s, e):
        lead = _DEED_TO_VERB.search(text, max(s, v.start() - 40), v.start())
        end = lead.start() if lead else v.start()
        deed = None
        for d in _DEED_HEAD.finditer(text, max(s, end - 160), end):
            if _DEED_TAIL.fullmatch(text, d.end(), end) and not _NOT_A_PHRASE.search(text, d.end(), end):
                deed = d
        if deed is None:
            continue
        start = deed.start()
        for w in reversed(list(_WORD.finditer(text, max(s, start - 60), start))):
            if text[w.end() : start].strip() or not (
                _DEED_LEAD.fullmatch(w.group()) or _DEED_ADJECTIVE.fullmatch(w.group())
            ):
                break
            start = w.start()
        owner = [
            m
            for m in ms
            if m.end <= start
            and _fits(m, _DOM)
            and not m.kinds() & _PLACES
            and _POSSESSOR.fullmatch(text, m.end, start)
        ]
        if owner:
            doer = owner[-1]
        else:
            covering = [
                x for x in slots if x.start <= deed.start() and deed.end() <= x.end and x.proposed_kind == "operation"
            ]
            doer = covering[0] if covering else Mention(start, deed.end(), text[start : deed.end()], [], "operation")
        out += [
            make(doer, o, (v.start(), v.end()), "deed reached X")
            for o in _whole(text, v.end(), _clause_victims(text, v.end(), e, ms, objects))
        ]
    return _kept(text, s, out)


_HIT = r"(?:targeted|attacked|hacked|breached|compromised|infiltrated|penetrated)"
#: "X were among the (other) entities that Y targeted": the doer after "that", its verb right after it.
_AMONG_THAT = guarded(
    re.compile(
        r"\s+(?:is|are|was|were)\s+(?:also\s+)?among\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:that|which|whom)\s+",
        re.I,
    )
)
_HIT_BY = re.compile(
    rf"(?:was|were|had been|have been|has been)\s+(?:(?:also|allegedly|reportedly)\s+)?{_HIT}\s+by\s+", re.I
)
#: A phrase of time or place opening the sentence before its subject: "From early May 2020, ...".
_FRONTED_PHRASE = re.compile(
    r"\s*[\"“]?(?:from|in|on|since|between|during|as of|by|over|earlier|last)\b[^,;:]{0,60},\s+", re.I
)
_HIT_AFTER = re.compile(rf"\s+(?:(?:had|has|have)\s+)?(?:(?:also|allegedly|reportedly)\s+)?{_HIT}\b", re.I)
#: "Among those who were attacked (and infiltrated) by Y were X": the doer after "by", the victims after the verb.
_AMONG_BY = guarded(
    re.compile(
        rf"\b[Aa]mong\s+(?:those|the\s+(?:[\w-]+\s+){{0,2}}?[\w-]+)\s+(?:who|that|which)\s+"
        rf"(?:were|was|had\s+been|have\s+been|has\s+been)\s+(?:(?:also|allegedly|reportedly)\s+)?{_HIT}"
        rf"(?:\s+(?:and|or)\s+{_HIT})?\s+by\s+"
    )
)
_PART_OF = re.compile(r"(?:one|two|three|four|five|six|some|several|many|each|both|all|\d+)\s+of\s+", re.I)
#: A web address in a list of victims is the site's address, no victim of its own.
_ADDRESS = re.compile(r"(?:https?|www)\b", re.I)
_AT_LEAST = re.compile(r"at\s+least\s+", re.I)
_THEN_BE = re.compile(r"\s*,?\s+(?:were|was|are|is)\s+")


def _among_victims(
    text: str,
    s: int,
    e: int,
    ms: list[Mention],
    slots: list[Mention],
    before: list[Mention],
    make: Make,
    objects: Objects,
) -> list[Extracted]:
    """Victims counted among those a doer hit: "X, Y and Z were among the entities that hackers targeted",
    "Among those who were attacked by two of the groups were X": the doer targeted each of them."""
    out: list[Extracted] = []
    for m in _AMONG_THAT.finditer(text, s, e):
        passive = _HIT_BY.match(text, m.end(), e)  # "... among the organizations that were targeted by Y"
        doer = _doer_at(text, passive.end() if passive else m.end(), slots, before)
        if doer is None or doer.kinds() <= {"operation"}:
            continue
        if passive is None and not _HIT_AFTER.match(text, doer.end, e):
            continue
        starts = [c.end() for c in re.finditer(r"\bthat\s+|\b(?:said|says)\s+", text[s : m.start()])]
        fronted = _FRONTED_PHRASE.match(text, s, m.start())  # "From early May 2020, X and Y were among ..."
        start = s + (max(starts) if starts else 0)
        if fronted and start < fronted.end():
            start = fronted.end()
        out += [
            make(doer, o, (m.start(), m.end()), "X among those Y hit")
            for o in objects(text, start, m.start(), ms, _RNG, "targeted")
        ]
    for m in _AMONG_BY.finditer(text, s, e):
        part = _PART_OF.match(text, m.end(), e)  # "by two of the hacking groups": the groups
        doer = _doer_at(text, part.end() if part else m.end(), slots, before)
        if doer is None or doer.kinds() <= {"operation"}:
            continue
        be = _THEN_BE.match(text, doer.end, e)
        if be is None:
            continue
        count = _AT_LEAST.match(text, be.end(), e)  # "at least four firms": "at" would end the phrase
        at = count.end() if count else be.end()
        out += [
            make(doer, o, (m.start(), be.end()), "among those hit by Y were X")
            for o in _clause_victims(text, at, e, ms, objects)
        ]
    return [x for x in _kept(text, s, out) if x.object is not None and not _ADDRESS.match(x.object.text)]


#: The patterns `read` scans its sentence with, skipped where none of their words stands (extract/sieve.py's
#: `RULES`, the gate the rule modules share: one pass over the text for all of them; `_LIGHT_WORD`, read on
#: the sentence lower-cased, holds only ASCII letters and spaces, which lower-casing and the gate's folding
#: read alike; speed only, every match the same).
_GATE = RULES
_GATE.add(
    [_TARGETS_OF, _DEED_ON, _DEED_BY, _PASSIVE_BY, _REACHED, _LIGHT_WORD, _DEED_AGAINST, _FRONTED, _ROLE_IN, _DONE_BY]
)
#: The patterns `read` reads the gate's answer for (`RULES.allowed`, once per sentence) rather than asking `may`
#: about each: every one must be a pattern the gate was given, or the answer leaves it out.
_READ_BY_ANSWER = (_DEED_ON, _DEED_BY, _FRONTED, _REACHED, _LIGHT_WORD, _DEED_AGAINST)


#: Whom an accusation names as the doer: "accused X of", "X was accused of" (its subject then).
_ACCUSE = guarded(re.compile(r"\baccus(?:e|es|ed|ing)\s+", re.I))
_ACCUSED_PASSIVE = re.compile(r"\b(?:is|are|was|were|been|being|be)\s+(?:(?:\w+ly|also|long|now)\s+)?$", re.I)
_OF = re.compile(r"of\s+", re.I)
_DETERMINER = re.compile(r"(?:(?:the|a|an)\s+)?", re.I)
#: Between the doer and "of": nothing, or an aside in commas or dashes.
_THEN_OF = re.compile(r"\s*(?:,[^,;]{1,60},\s*|\s[-–—]{1,2}\s[^;:]{1,80}?\s[-–—]{1,2}\s+)?\s*of\s+", re.I)
#: The deed of the accusation, up to the word that names its victim after it: a verb of targeting in -ing or after
#: "trying to", or a deed noun with its preposition ("espionage through cyberattacks on X"); a few words before it,
#: never a clause.
_ACCUSED_DEED = re.compile(
    r"(?:[\w'’-]+\s+){0,6}?(?:"
    r"(?:hack(?:ing)?(?:\s+into)?|target(?:ing)?|attack(?:ing)?|breach(?:ing)?|compromis(?:e|ing)|infiltrat(?:e|ing)|"
    r"penetrat(?:e|ing)|spy(?:ing)?\s+on|snoop(?:ing)?\s+on|break(?:ing)?\s+into)"
    r"(?!\s+(?:groups?|campaigns?|operations?|activit(?:y|ies)|tools?|attempts?|incidents?)\b)"
    rf"|{_DEED_NOUN}\s+(?:against|on|into|targeting|aimed\s+at|directed\s+at))\s+",
    re.I,
)
_ACCUSED_CLAUSE = re.compile(r"[;:,.]|\b(?:which|who|that|said|says|while|whereas|and|or|but)\b", re.I)


def _accused_of(
    text: str, s: int, e: int, ms: list[Mention], slots: list[Mention], make: Make, objects: Objects
) -> list[Extracted]:
    """An accusation of a deed on a victim: "Y accused X of hacking Z", "X was accused of spying on Z", "accused X
    of espionage through cyberattacks on Z": X, whom the accusation names as the doer, targeted Z (the accuser
    only says so: the statement is X's deed, not the accuser's)."""
    out: list[Extracted] = []
    for m in _ACCUSE.finditer(text, s, e):
        doer: Mention | None
        passive = _OF.match(text, m.end(), e)
        if passive and _ACCUSED_PASSIVE.search(text, max(s, m.start() - 40), m.start()):
            doer = _clause_subject(text, s, m.start(), slots)  # "X was accused of": its subject
            at = passive.end()
        else:
            lead = _DETERMINER.match(text, m.end(), e)
            start = lead.end() if lead else m.end()
            found = [x for x in slots if m.end() <= x.start <= start and _fits(x, _DOM)]
            doer = max(found, key=lambda x: x.end - x.start) if found else None
            of = _THEN_OF.match(text, doer.end, e) if doer is not None else None
            if of is None:
                continue
            at = of.end()
        if doer is None or doer.kinds() & _NO_DOER:
            continue
        deed = _ACCUSED_DEED.match(text, at, e)
        if deed is None or _ACCUSED_CLAUSE.search(text, at, deed.end()):
            continue
        out += [
            make(doer, o, (m.start(), deed.end()), "accused X of a deed on Y")
            for o in _whole(text, deed.end(), _clause_victims(text, deed.end(), e, ms, objects))
        ]
    return out
