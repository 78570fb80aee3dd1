"""Relation statements from sentences: who operates, fronts for, employs, conducted, targeted,
indicted, sanctioned whom, as the text says it, with its hedges, negation, assertor and date.

Within a sentence, each relation cue (language.CUES) links the nearest fitting mention on its subject
side to the nearest fitting mention on its object side, and on to the names coordinated with it
("targeting journalists, politicians and academics"). A mention fits when its kind is in the
predicate's domain or range, so "targeted" never takes a law for its subject. An infinitive or
participle ("to target", "targeting") takes the subject of its clause, not the nearest noun. "The group",
"the company" at the head of a sentence stand for the last group or company named before.
Nationality adjectives on a group ("Chinese state-sponsored group APT10", "China-supported groups such
as APT31 and APT41") state an attribution to that country.
"""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass, field

from cyberstate.extract import denials, frames, phrases, reference, roles, victims, whose
from cyberstate.extract import language as L
from cyberstate.extract import rx as re
from cyberstate.extract.dates import PATTERNS as _DATES
from cyberstate.extract.dates import find_dates
from cyberstate.extract.guards import JOINT, LeadScan, RunSearch, guarded, past_space_run
from cyberstate.extract.mentions import Mention
from cyberstate.extract.sieve import RULES
from cyberstate.model.names import norm
from cyberstate.model.rules import FIRM_KINDS
from cyberstate.model.vocab import KIND_CLASS, KIND_CLASSES, PREDICATES

DATE_PATTERNS = [p for p, _ in _DATES]
_DATE_IDS = frozenset(id(p) for p in DATE_PATTERNS)
MAX_SUBJECT_GAP = 160
DOERS = frozenset({"threat_group", "operation", "malware"})
ACTORS = frozenset(
    {
        "threat_group",
        "operation",
        "malware",
        "tool",
        "provincial_bureau",
        "municipal_bureau",
        "military_unit",
        "front_company",
        "company",
        "ministry",
        "government_agency",
    }
)
MAX_OBJECT_GAP = 70
#: Bodies that indict, sanction, advise or report: never the doer of a participle in their sentence
#: ("The Justice Department announced charges against ... a campaign targeting dissidents").
_BYSTANDERS = frozenset({"court", "legislature", "security_vendor", "media_organisation", "government_agency"})
_LIST_SEP = re.compile(r"^\s*(?:,\s*(?:and|or)?|;|\band\b|\bor\b|&|as well as)\s*(?:the\s+)?$", re.I)
_CLAUSE_BREAK = guarded(re.compile(r"[;:]|\bwhile\b|\bwhereas\b|\bbut\b", re.I))


@dataclass
class Extracted:
    subject: Mention
    predicate: str
    object: Mention | None
    value: str | None  # for also_known_as
    sentence: tuple[int, int]
    hedged: bool
    negated: bool
    confidence: int
    assertor: str | None = None
    assertor_mention: Mention | None = None
    date: str | None = None
    cue: tuple[int, int] = (0, 0)
    notes: list[str] = field(default_factory=list)
    #: The learned probability that the statement holds (extract/ranking.py), None where not scored.
    score: float | None = None


def _fits(m: Mention, kinds: frozenset[str]) -> bool:
    return bool(m.kinds() & kinds)


def _choose(m: Mention, kinds: frozenset[str]) -> Mention:
    """The reading of an ambiguous name whose kind fits (its targets reordered)."""
    if m.targets and m.targets[0].kind not in kinds:
        fitting = [t for t in m.targets if t.kind in kinds]
        if fitting:
            return Mention(
                m.start, m.end, m.text, fitting + [t for t in m.targets if t not in fitting], m.proposed_kind
            )
    return m


def _coref(
    text: str, sentence: tuple[int, int], before: list[Mention], inside: list[Mention], possible: set[int] | None = None
) -> list[Mention]:
    """Mentions standing for "the group", "the company"...: the last fitting mention before them
    (`possible`: see `relations`; "the group" is looked for only where its nouns stand)."""
    s, e = sentence
    out = []
    for m in L.COREF.finditer(text, s, e) if possible is None or id(L.COREF) in possible else ():
        if any(x.start <= m.start() < x.end for x in inside):
            continue
        if re.match(r"\s+(?:known as|called|named|dubbed|tracked as)\b", text[m.end() : m.end() + 20], re.I):
            continue  # "the group known as Hafnium" introduces a name, it does not point back
        kinds = L.COREF_KINDS[m.group(1).lower()]
        pool = [x for x in before + [x for x in inside if x.end <= m.start()] if x.kinds() & kinds]
        if pool:
            ref = pool[-1]
            if ref.start < s and _OPENS.fullmatch(text, s, m.start()):
                ref = _sentence_subject(text, ref, before, kinds)  # "The group" opening its sentence
            # its entity is what it stands for (a proposed name, "Quartz Panda", carried as its canonical
            # name; "the group" after "Vermin", a group and a malware: the group); its words stay as written
            # ("the hackers"), and the note says what it was read as
            out.append(reference.standing(text, m.start(), m.end(), ref, pool, frozenset(kinds)))
    it = _IT.match(text, s, e)
    if it and not any(x.start < it.end() for x in inside) and not _CLEFT.match(text, s, e):
        groups = [x for x in before if x.kinds() & {"threat_group"}]
        prior = _prior_subject(text, s, before)
        if prior is not None:  # "X is a backdoor used by APT28. It was used to target Y": X, not APT28
            if prior.start >= 0:
                out.append(reference.standing(text, it.start(1), it.end(1), prior, before))
        elif groups:  # "APT10 ... . It is also tentatively linked to X": the group the text is about
            ref = groups[-1]
            out.append(reference.standing(text, it.start(1), it.end(1), ref, before))
    return out + _inner_pronouns(text, sentence, before, inside)


#: A pronoun inside a sentence where the rules read a clause's ends: the subject of a clause a conjunction opens
#: ("..., where it had targeted X", "after they breached Y"), or the object of a verb of charging, sanctioning
#: or attributing ("charged him with", "attributed it to X"). Guarded (extract/guards.py): `re` tries the alternation
#: only at the letters a match may start with (speed only: the same matches).
_INNER_PRONOUN = guarded(
    re.compile(
        r"\b(?:(?:where|when|after|before|because|since|while|until|once|and|but)\s+(?P<subject>it|they)\s+"
        r"(?:also\s+|allegedly\s+|reportedly\s+|then\s+|later\s+|had\s+|has\s+|have\s+|mainly\s+|primarily\s+)*"
        r"(?-i:[a-z]+ed|stole|broke|hit|used|uses|targets|breached)\b|"
        r"(?:charged|charging|indicted|indicting|sanctioned|sanctioning|designated|accused|accusing|attributed|"
        r"attributing|linked|linking|tied|tying|blamed|blaming)\s+(?P<object>them|him|her|it)\b)",
        re.I,
    )
)
#: The pronouns of `_INNER_PRONOUN`, each after the white space every match puts before it: a sentence
#: without one is not scanned by the whole alternation (most sentences hold none; speed only).
_PRONOUN_WORD = re.compile(r"\s(?:it|they|them|him|her)\b", re.I)
#: What a pronoun inside a sentence may stand for, by the pronoun.
_PRONOUN_KINDS: dict[str, frozenset[str]] = {
    "it": frozenset({"threat_group", "operation", "malware"}),
    "they": frozenset({"threat_group"}),
    "them": frozenset({"threat_group"}),
    "him": frozenset({"person"}),
    "her": frozenset({"person"}),
}
#: The actors and bodies a text speaks of: whichever of them is named last is what a pronoun stands for.
_SALIENT = frozenset(KIND_CLASSES["actor"] + KIND_CLASSES["organisation"])
#: Between a clause's subject and its verb: words only, no punctuation.
_SUBJECT_GAP = re.compile(r"[\s\w'’-]*")
_QUOTES = re.compile(r"[\"“”]")
#: Before the last item of a list: a comma, "and", "or".
_LIST_END = re.compile(r"(?:,|\band|\bor|&)\s*$")


def _inner_pronouns(
    text: str, sentence: tuple[int, int], before: list[Mention], inside: list[Mention]
) -> list[Mention]:
    """Pronouns inside a sentence (`_INNER_PRONOUN`) read as the actor or body named last before them, when
    its kind fits the pronoun ("it" a group or a deed, "him" a person): a vendor, a state's body or a person
    named after the group may be whom "it" means, so then none is read. The subject of the pronoun's own verb
    ("Mandiant attributed it to X") is never its antecedent, nor is what a quotation's speaker stands outside
    of ("\"we attributed it to X\"" reads nothing before the quotation)."""
    s, e = sentence
    out: list[Mention] = []
    if _PRONOUN_WORD.search(text, s, e) is None:
        return out  # speed only: every match holds one of the pronouns after white space
    for m in _INNER_PRONOUN.finditer(text, s, e):
        group = "subject" if m.group("subject") else "object"
        a, b = m.span(group)
        if any(x.start < b and a < x.end for x in inside):
            continue
        pool = [x for x in before if x.start >= 0] + [x for x in inside if x.end <= m.start()]
        salient = [x for x in pool if x.kinds() & _SALIENT]
        if (
            group == "object"
            and salient
            and salient[-1].start >= s
            and _SUBJECT_GAP.fullmatch(text, salient[-1].end, m.start())
        ):
            salient.pop()  # the verb's subject
        if not salient or not salient[-1].kinds() & _PRONOUN_KINDS[m.group(group).lower()]:
            continue
        ref = salient[-1]
        if _LIST_END.search(text, max(0, ref.start - 8), ref.start):
            continue  # the last of a list ("Blacktech, Taidoor and APT40. While they ..."): all of them, or one
        quotes = [q.start() for q in _QUOTES.finditer(text, s, a)]
        if len(quotes) % 2 and ref.start < quotes[-1]:
            continue  # a pronoun inside a quotation, its antecedent outside it
        out.append(reference.standing(text, a, b, ref, pool))
    return out


#: A sentence that speaks of the actors named before it by a pronoun or a plural noun: "They also
#: targeted ...", "The two worked for ...", "Its operators ...", after an opening phrase ("In 2020, ").
_ANAPHOR = re.compile(
    r"[\s\"“]*(?:(?:In|Since|From|By|Later|Then|Afterwards|Subsequently|Previously|Meanwhile)\b[^,.;]{0,40},\s*)?"
    r"(They|He|She|The two(?: men| hackers| defendants| nationals)?|The pair|"
    r"Both(?: men| (?:these|those) (?:two )?(?:individuals|men|hackers|defendants|nationals))?|The men|Its operators|"
    r"Their operators|The group's operators)\s+(?:also\s+|allegedly\s+|then\s+|later\s+|reportedly\s+)?"
    r"(?-i:[a-z]+)\b"
)
#: Who an anaphor can stand for: a pronoun for people or a group, "its operators" for a group or company.
_ANAPHOR_KINDS: dict[str, set[str]] = {
    "they": {"person", "threat_group"},
    "its operators": {"threat_group", "company", "front_company"},
    "their operators": {"threat_group"},
    "the group's operators": {"threat_group"},
}
_PEOPLE_ONLY = frozenset({"person"})


def _anaphors(
    text: str, sentence: tuple[int, int], before: list[Mention], inside: list[Mention]
) -> tuple[list[Mention], dict[int, list[Mention]]]:
    """The actors a sentence names by an anaphor at its start, from the mentions before it: one mention
    at the anaphor's span that keeps its words ("They") and carries the actor it stands for (its entity,
    or the full name of a proposed person); for a list of people ("Li and Dong ... They ..."), the first
    of them, with the others in the map (by id) to state the same of each."""
    s, e = sentence
    m = _ANAPHOR.match(text, s, e)
    if not m or any(x.start < m.end(1) and m.start(1) < x.end for x in inside):
        return [], {}
    word = m.group(1).lower()
    kinds = _ANAPHOR_KINDS.get(word, _PEOPLE_ONLY)
    pool = [x for x in before if x.start >= 0 and x.kinds() & kinds]
    if not pool:
        return [], {}
    last = pool[-1]
    if word in {"they", "their operators"} and "person" not in last.kinds():
        last = _sentence_subject(text, last, before, kinds & {"threat_group"})
    run = [last]
    if "person" in last.kinds():
        for x in reversed(pool[:-1]):
            if "person" in x.kinds() and _LIST_SEP.match(text[x.end : run[0].start]):
                run.insert(0, x)
            else:
                break
    elif kinds == _PEOPLE_ONLY:
        return [], {}
    elif word == "they":  # "Blacktech and Taidoor ... They targeted X": each group of the list
        for x in reversed(pool[:-1]):
            if "threat_group" in x.kinds() and x.named != run[0].named and _LIST_SEP.match(text[x.end : run[0].start]):
                run.insert(0, x)
            else:
                break
    if word.startswith(("the two", "the pair", "both")) and len(run) != 2:
        return [], {}
    if word == "they" and len(run) == 1 and "person" in last.kinds():
        return [], {}  # "they" for one person is someone else
    if word in {"he", "she"}:
        if len(run) != 1:
            return [], {}  # "he" after a list of people: which one is not said
        run = [last]
    a, b = m.start(1), m.end(1)
    # the note says who; "They" after "Vermin", a group and a malware: the group
    stand: list[Mention] = [reference.standing(text, a, b, x, pool, frozenset(kinds)) for x in run]
    return stand[:1], {id(stand[0]): stand[1:]} if len(stand) > 1 else {}


#: Before a reference that opens its sentence: quotes, an opening phrase closed by a comma ("In 2020, ").
_OPENS = re.compile(r"[\s\"“]*(?:(?:In|Since|From|By|Later|Then|Previously|Meanwhile)\b[^,.;]{0,40},\s*)?")


#: A sentence that starts with "It" and a verb of what a group is or does.
_IT = re.compile(r"[\s\"“]*(It)\s+(?:is|was|has|had|also|allegedly|reportedly|then|later|\w+ed|\w+s)\b")
#: A cleft: "It was the Chinese military and other forces that continue to ...". "It" stands for nothing: the
#: phrase after the copula is the subject of the clause after "that" or "who" (a definite phrase or a name;
#: "It is a group that ..." may still point back).
_CLEFT = re.compile(
    r"[\s\"“]*It\s+(?:is|was)\s+(?:not\s+)?(?:the|these|those|(?-i:[A-Z]))[^,;:.]{0,80}?\s(?:that|who)\s"
)


#: What "It" opening a sentence stands for when the sentence before opens with it (besides a group, which the
#: last group named stands for): a deed, a malware or tool, a firm or an institution. A state, a person, a
#: sector or a government body ("It said") is never read so.
_IT_KINDS = frozenset({"operation", "malware", "tool", "company", "front_company", "university", "research_centre"})
#: Where a sentence ends: its stop, citations and closing marks after it ("in 2016.(Citation: X) It ..."),
#: then white space or a line break.
_SENTENCE_STOP = re.compile(r"(?:[.!?](?:\([^()\n]{0,200}\))*[\"”’)\]]*[ \t]+|\n\s*)")
#: Before a sentence's subject: quotes, brackets (a link's text, "[PyDCrypt](...)"), an article.
_SUBJECT_OPENING = re.compile(r"[\s\"“'‘\[(]*(?:the\s+)?", re.I)
_NOT_READ = Mention(-1, -1, "", [])


def _last_stop(text: str, lo: int, at: int, upto: int) -> int | None:
    """The end of the last match of `_SENTENCE_STOP.finditer(text, lo, at)` that ends before `upto`, or None.
    The text is read backwards a line at a time, from the last line start (after a line break, on a character
    that is not white space) to the end of the part read before: no match runs across such a line start (only
    the line break's own match holds a line break, and it ends there), and the pattern looks neither behind
    nor past its match, so each part holds the matches a scan from `lo` finds in it. Most sentences have a
    stop in their own paragraph: the 3,000 characters before were all read for every question (speed only)."""
    end = at
    while end > lo:
        p = text.rfind("\n", lo, end - 1)
        while p >= 0 and text[p + 1].isspace():  # a blank line, an indented one: no line start to read from
            p = text.rfind("\n", lo, p)
        first = lo if p < 0 else p + 1
        last = None
        for m in _SENTENCE_STOP.finditer(text, first, end):
            if m.end() < upto:
                last = m.end()
        if last is not None:
            return last
        end = first
    return None


def _opening_mention(text: str, at: int, before: list[Mention], upto: int, blind: bool) -> Mention | None:
    """The mention opening the sentence that `at` stands in, after no more than quotes, brackets or an
    article: the sentence begins at the last stop ending before `upto` within 3000 characters before `at`; with
    no stop there, at the start of that reach when `blind` or the reach is the text's start, else None (the
    sentence's start is not seen). None where no mention opens it before `at`."""
    lo = max(0, at - 3000)
    stop = _last_stop(text, lo, at, upto)
    if stop is None and lo > 0 and not blind:
        return None
    start = lo if stop is None else stop
    first = next((x for x in before if x.start >= start), None)
    if first is None or first.start >= at:
        return None
    opening = _SUBJECT_OPENING.match(text, start, first.start)
    if opening is None or opening.end() != first.start:
        return None
    return first


def _prior_subject(text: str, s: int, before: list[Mention]) -> Mention | None:
    """The subject of the sentence before `s` when it is a thing "It" may stand for (`_IT_KINDS`): itself,
    when nothing else of its class (another malware, deed, firm) is named between it and "It" (a pointer that
    reads nothing where another stands between: a wrong antecedent is worse than none); None where that
    sentence opens with no such thing, so that the group named last stays the reading."""
    # the stop right before "It" ends its own sentence: the one before it begins the sentence read
    first = _opening_mention(text, s, before, s - 1, True)
    if first is None or not first.kinds() & _IT_KINDS:
        return None
    kinds = first.kinds() & _IT_KINDS
    rivals = set(KIND_CLASSES[KIND_CLASS[next(iter(kinds))]])
    if any(x.start > first.start and x.kinds() & rivals and x.named != first.named for x in before):
        return _NOT_READ
    return first


#: Between a sentence's subject and a later name of its kind when the two are no list and no naming of one
#: thing ("APT3 and APT10", "APT3, APT10", "APT3 (APT10", "APT3, also known as APT10"): a later name after
#: words of the sentence's own verb phrase.
_NO_LIST_BETWEEN = re.compile(
    r"^(?![\s,;&(\[\]]*(?:(?:and|or|as well as|aka|a\.k\.a\.|also(?:\s+known|\s+tracked|\s+called)?(?:\s+as)?)\b|$))",
    re.I,
)


def _sentence_subject(text: str, last: Mention, before: list[Mention], kinds: set[str] | frozenset[str]) -> Mention:
    """What a reference opening a sentence ("The group", "They", "Their targets") stands for when the last
    name of its kind was named after the subject of its own sentence, past that subject's verb ("X is a threat
    actor linked to Y. ... The group has targeted Z", "X works on behalf of Y. They ...", "X is a subgroup
    under the Y umbrella. The group targets Z"): the subject, which the text goes on speaking of, not the name
    its predicate gives. `last` itself where that sentence opens with no name of the kind, names several in a
    list, or is out of the mentions carried (a pointer that reads nothing new where the subject is not seen)."""
    if last.start < 0:
        return last
    first = _opening_mention(text, last.start, before, last.start + 1, False)
    if first is None or first.named == last.named or not first.kinds() & kinds:
        return last
    if not _NO_LIST_BETWEEN.match(text[first.end : last.start]):
        return last
    return first


_HELD = re.compile(
    r"^(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:infrastructure|defenses|defences|systems|networks|servers|computers|workstations|"
    r"accounts|devices)\s+(?:of|at|belonging to)\s+(?:the\s+|multiple\s+|several\s+|numerous\s+)*(.+)$",
    re.I | re.S,
)
_ATTRIBUTIVE = re.compile(r"\w+ed", re.I)
#: What stands before a participle that qualifies the noun after it: a verb of use ("leverages compromised
#: websites", "abuses compromised accounts"), a preposition ("access to compromised systems", "emails from
#: compromised accounts", "persistence in compromised environments"; not a bare "to": "linked to compromised
#: appliances" may read the group's deed, nor "on": "malware deployed on compromised VPNs in X" mostly names
#: the doer's victims), a determiner or a count word ("multiple hacked routers"; not a figure, which may end a
#: name: "Unit 61398 compromised"), a verb of reliance and its "on" ("relies heavily on compromised accounts": what
#: the doer works with), or a count after a lower-case word ("linked to 2,513 compromised credentials", "over 40
#: hacked routers"; a year or a name's number, "Unit 61398", is no count).
_BEFORE_ADJECTIVE = re.compile(
    r"\b(?:uses?|used|using|leverag(?:e|es|ed|ing)|abus(?:e|es|ed|ing)|employ(?:s|ed|ing)?|with|via|through|of|"
    r"from|in|into|within|across|among|multiple|several|numerous|"
    r"(?:rel(?:y|ies|ied|ying)|depend(?:s|ed|ing)?)\s+(?:\w+ly\s+)?(?:up)?on|"
    r"(?-i:[a-z]+)\s+\d{1,3}(?:,\d{3})*|"
    r"access\s+to|the|an?|its|their|these|those|any|other)\s+$",
    re.I,
)
#: Words an object phrase cannot start with (a pronoun's possession, a question word, a verb of seeming in lower
#: case: "the ArcaneDoor attacks remains unclear" reads "attacks" as a noun, and what follows is its predicate)
#: or be (an adverb).
_NOT_OBJECT = re.compile(
    r"^(?:(?:its|their|his|her|what|which|whom|whose|how|elsewhere|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|early|late|mid|earlier|later|last|next|(?-i:[a-z]+ed)|"
    r"(?-i:remains?|seems?|appears?))\b.*|"
    r"beyond|abroad|overseas|worldwide|globally|there|here|us|them|it|him|her|you|me|itself|themselves|among others|"
    r".*—.*|.*\b(?-i:[a-z]+)(?<!need)(?<!seed)(?<!feed)(?<!speed)ed|.*\s(?:in|of|to|for|at|on|with|by|from)|"
    r"(?:\w+\s+)?(?:months?|years?|weeks?|days?|decades?))$",
    re.I | re.S,
)
#: Words in -ing that name a trade ("banking", "manufacturing"); any other leading -ing word is a verb
#: ("marking a dramatic escalation", "stealing emails"): no object.
_ING_TRADES = frozenset(
    [
        "banking",
        "manufacturing",
        "mining",
        "engineering",
        "shipping",
        "publishing",
        "gaming",
        "computing",
        "accounting",
        "consulting",
        "marketing",
        "trading",
        "hosting",
        "broadcasting",
        "logistics",
        "nursing",
        "housing",
        "farming",
        "retailing",
        "printing",
    ]
)
_LEAD_ING = re.compile(r"(?-i:[a-z]+ing)\b")
#: Connectives a list item may start with ("but also governments"): no part of the item.
_LEAD_JUNK = re.compile(
    r"(?:but also|but|as well as|not to mention|and also|and even|even|likely|possibly|probably|reportedly)\s+", re.I
)
#: A verb of intent or speech that an infinitive follows, left as the last item of a list of victims ("steal files
#: from X, and threaten to publish them", "compromise accounts, claim to have made a backup").
_INTENT_VERB = re.compile(r"(?:threaten|claim|demand|promise|attempt|seek|plan|intend|try|tries|tried)(?:s|ed|ing)?")
_TO_VERB = re.compile(r"\s+to\s+[a-z]")
#: A verb phrase left in a list of victims: "targets X and focuses on espionage".
_VERB_ITEM = re.compile(
    r"(?:focus|rel(?:y|ies)|depend|concentrat|aim|specialis|specializ)\w*\s+on\b|(?:not|also|then)$|not\s", re.I
)
#: "In 2020", "at night": a time or a place of the deed, no victim.
_PREP_ITEM = re.compile(
    r"(?:in|on|since|during|after|before|from|by|at(?! least| most)|until)\s|"
    r"(?:the\s+)?(?:indictment|complaint|charging document|court documents?)\b",  # "identified in the indictment as"
    re.I,
)


def _fragment(name: str) -> bool:
    """An object phrase that is not a thing: a pronoun, a time, a clause or a dangling preposition."""
    if _NOT_OBJECT.match(name) or _VERB_ITEM.match(name) or _PREP_ITEM.match(name):
        return True
    ing = _LEAD_ING.match(name)
    return bool(ing) and ing.group() not in _ING_TRADES


#: The cues by the `id` of their pattern, with their place in L.CUES (speed only: see `_possible_cues`).
_CUES_BY_PATTERN: dict[int, list[tuple[int, L.Cue]]] = {}
for _k, _c in enumerate(L.CUES):
    _CUES_BY_PATTERN.setdefault(id(_c.pattern), []).append((_k, _c))


#: The cues tried only where one of their leading words stands (extract/guards.py: speed only).
_CUE_LEADS = LeadScan([c.pattern for c in L.CUES], JOINT)


_CUE_IDS = frozenset(_CUES_BY_PATTERN)


def _possible_cues(possible: set[int]) -> list[L.Cue]:
    """The cues whose words the sentence holds (extract/sieve.py), in the order of L.CUES: what looping over
    L.CUES and skipping the others gives, without the loop (the cues' patterns picked out of the sentence's by
    one set intersection, not one look-up per pattern: speed only)."""
    found = [_CUES_BY_PATTERN[p] for p in _CUE_IDS.intersection(possible)]
    if len(found) == 1:
        return [c for _, c in found[0]]
    return [c for _, c in sorted(x for xs in found for x in xs)] if found else []


def _cue_hits(
    text: str, s: int, e: int, ms: list[Mention], possible: set[int] | None = None
) -> list[tuple[int, int, L.Cue]]:
    hits: list[tuple[int, int, L.Cue]] = []
    for cue in L.CUES if possible is None else _possible_cues(possible):
        for m in _CUE_LEADS.finditer(cue.pattern, text, s, e):  # cue.pattern.finditer(text, s, e), sooner
            a, b = m.span()  # read once: the tests below ask them again and again (speed only)
            if any(h0 < b and a < h1 for h0, h1, _ in hits):
                continue
            if any(x.start < b and a < x.end and not _taken_inside(x, a, b) for x in ms):
                continue  # "Department of" inside "Security Department of Hubei Province" is a name
            if a > 0 and text[a - 1] == "-":
                continue  # "state-sponsored", "China-linked": an adjective, not a verb
            word = m.group()
            if _ATTRIBUTIVE.fullmatch(word) and _BEFORE_ADJECTIVE.search(text, max(s, a - 30), a):
                continue  # "uses compromised infrastructure": a participle qualifying a noun, not a verb
            if word.lower().endswith("ing") and any(x.end == a - 1 for x in ms):
                continue  # "APT 41 hacking infrastructure": the group's infrastructure, a noun phrase
            if _ING.match(word) and _NOUN_BEFORE.search(text, max(s, a - 20), a) and _NOUN_AFTER.match(text, b):
                continue  # "the world's largest hacking empire": a noun's modifier, not a verb
            if (cue is L.TARGETS_OR_NOUN or cue is L.TARGET_PLURAL) and _OWNED_NOUN.search(text, max(s, a - 8), a):
                continue  # "and their targets now include X": a noun its possessive owns, no verb
            if cue is L.TARGET_PLURAL and _MEASURE_BEFORE.search(text, max(s, a - 30), a):
                continue  # "EU sanctions target X": a measure, not a doer, aims at X
            if cue.forward and cue.predicate == "targeted" and _PASSIVE_BY.match(text, b):
                continue  # "MPs who were spied on by Beijing": the passive reading (frames.py) has the roles
            hits.append((a, b, cue))
    return sorted(hits)


def _taken_inside(m: Mention, a: int, b: int) -> bool:
    """A sector's word standing inside a cue, between its verb and its preposition, is what the deed takes
    ("stole government data from X", "stole industrial secrets from X", "stole defense technology from X"),
    not a name the cue's words belong to: the cue stands. A name that reaches a cue's edge ("Department of" of
    "Security Department of Hubei Province") is the name's own words."""
    return a < m.start and m.end < b and m.kinds() == {"sector"}


#: Nouns of measures and of the documents that carry them, which "target" people without hacking them ("EU sanctions
#: target X", "new rules target Y"): the plural verb after one of them is no deed.
_MEASURE_BEFORE = re.compile(
    r"\b(?:sanctions|measures|rules|laws|regulations|charges|indictments|reports|advisories|warnings|tariffs|"
    r"restrictions|bans|policies|bills|orders)\s+$",
    re.I,
)
#: A possessive pronoun right before such a word makes it a noun: "their targets", "its attacks".
_OWNED_NOUN = re.compile(r"\b(?:its|their|his|her|our)\s+$", re.I)
#: "The Justice Department said ... that it had indicted X": the speaker speaks of its own deed.
_SAYS_IT = re.compile(r"\bthat\s+(?:it|they|we)\s+(?:had\s+|has\s+|have\s+|would\s+|will\s+)?(?:\w+ly\s+)?$", re.I)
#: What stands before an -ing word that modifies a noun: a determiner, a possessive, a superlative.
_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|this|that|these|those|\w+est|\w+['’]s)\s+$", re.I)
_NOUN_AFTER = re.compile(r"\s+(?!(?:the|a|an|of|on|into|against)\b)[a-z]")
_OR_ABBREVIATION = re.compile(r"(?:[A-Z][\w'’-]*\s+){1,6}?(?:of\s+)?(?:[A-Z][\w'’-]*\s*){0,4},?\s+or\s+$")


def _ends_in_or(text: str, a: int, b: int) -> bool:
    """Whether `text[a:b]` ends with white space, "or" and white space, as every match of `_OR_ABBREVIATION`
    does (its `\\s` and `str.isspace` take the same characters). Read from the end (speed only): `re` tries that
    pattern at every place of the span, each capital a run of backtracking, and the words stand before a name
    in few sentences."""
    head = text[a:b]
    tail = head.rstrip()
    return len(tail) < len(head) and len(tail) > 2 and tail.endswith("or") and tail[-3].isspace()


def _qualifies(text: str, s: int, m: Mention) -> bool:
    """Whether a name stands in a phrase qualifying the noun before it: "hackers tied to the MSS"."""
    start = m.start
    lo = max(s, start - 60)
    alias = _OR_ABBREVIATION.search(text, lo, start) if _ends_in_or(text, lo, start) else None
    if alias:  # "hackers tied to the Ministry of State Security, or MSS,": the name before its abbreviation
        start = alias.start()
    pp = frames._PP_BEFORE.search(text, max(s, start - 50), start)
    if pp is None:
        return False
    noun = re.search(r"([\w-]+)\s*$", text[max(s, pp.start() - 30) : pp.start()])
    return noun is not None and noun.group(1).lower() in frames.HEADS


#: Between a described doer and the phrase that qualifies it by a name: nothing, a comma, a hedge on the tie
#: ("hackers believed to be working for the MSS") or the participle before "on behalf of".
_HEAD_GAP = re.compile(
    r"\s*(?:,\s*)?(?:(?:believed|said|thought|reported|alleged|suspected)\s+to\s+be\s+)?(?:acting\s+)?", re.I
)


def _qualified(text: str, s: int, m: Mention, described: list[Mention] | None) -> Mention | None:
    """The described doer whose qualifying phrase holds the name `m` ("hackers" of "hackers tied to the MSS",
    "hackers who praised the MSS"): the described actor right before the phrase, or None. The name only
    qualifies it, so a verb after the phrase is the doer's, not the name's."""
    if not described:
        return None
    at = roles.backer_phrase(text, s, m.start)
    if at is None:
        pp = frames._PP_BEFORE.search(text, max(s, m.start - 50), m.start)
        at = pp.start() if pp else roles.in_relative(text, s, m)
    if at is None:
        return None
    return next((d for d in reversed(described) if d.end <= at and _HEAD_GAP.fullmatch(text, d.end, at)), None)


_ING = re.compile(r"\w+ing\b")
_BEING = re.compile(r"being\b", re.I)
_PROGRESSIVE = re.compile(r"\b(?:is|are|was|were|been)\s+(?:\w+ly\s+){0,2}$", re.I)
_TO_END = re.compile(r"\bto\s*$")
_COMMA_END = re.compile(r",\s*$")


def _infinitive(text: str, start: int, s: int) -> bool:
    """'to target', 'targeting', ', which targeted' take the subject of the clause."""
    before = text[max(s, start - 12) : start].lower()
    word = text[start : start + 20].lower()
    if word.startswith("to "):
        return True
    if _ING.match(word) and _PROGRESSIVE.search(text, max(s, start - 40), start):
        return False  # "China is increasingly using X against Y": a finite verb, its subject the clause's
    return bool(_TO_END.search(before) or _ING.match(word) or _COMMA_END.search(before))


#: A tool described by its kind right after the verb, with a word that says which before its head noun ("custom
#: malware", "spearphishing emails", "a new backdoor"; not "the malware", "ransomware").
_DETERMINERS = r"(?:the|a|an|its|their|this|that|these|those)"
#: Words that end a noun phrase rather than qualify its head: "deploying cryptominers when new exploits are
#: available", "a combination of custom malware".
_NOT_MODIFIERS = (
    r"(?:of|for|to|with|and|or|in|on|at|by|from|when|where|while|which|who|like|as|such|are|is|was|were|be|been|"
    r"has|have|had|via|into|than)"
)
#: Words before a tool's kind that count or compare rather than say which tool ("various malware", "two
#: ransomware", "other tools", "a similar implant"): such a phrase names no tool an analyst could pick.
_NOT_WHICH = (
    r"(?:various|multiple|other|another|several|many|some|numerous|different|specific|similar|existing|additional|"
    r"two|three|four|five|six|\d+)"
)
_TOOL_PHRASE = re.compile(
    rf"\s+((?:{_DETERMINERS}\s+)?(?!{_NOT_WHICH}\s)(?:(?!{_DETERMINERS}\s|{_NOT_MODIFIERS}(?![\w-]))[\w-]+\s+){{1,3}}?"
    r"(?:malware|backdoors?|trojans?|loaders?|implants?|e-?mails|tools?|toolkits?|toolsets?|exploits?|ransomware|"
    r"spyware|web\s?shells?|botnets?|rootkits?|droppers?|downloaders?|viruses))\b",
    re.I,
)
#: A name given right after a described tool ("a novel mobile malware called X", "a custom ransomware strain known as
#: X"): the phrase only introduces the tool the name stands for, so it is no object of its own.
_NAMED_AFTER = re.compile(
    r"(?:\s+(?:strains?|famil(?:y|ies)|variants?|payloads?))?,?\s+(?:called|named|dubbed|known\s+as|tracked\s+as)\b",
    re.I,
)
_USES = guarded(re.compile(r"\b(?:uses|used|using|deploys|deployed|employs|employed|relies on|relied on)\b", re.I))


_RUNS = re.compile(r"(\S+)|\s+")


def _gap_ok(text: str, a: int, b: int, limit: int) -> bool:
    # the length of the squeezed gap (each run of spaces counts one) read run by run, stopping past the
    # limit: squeezing the whole gap for every candidate made a long sentence quadratic (speed only)
    n = 0
    for run in _RUNS.finditer(text, a, b) if b - a > limit else ():
        n += run.end() - run.start() if run.lastindex else 1
        if n > limit:
            return False
    gap = _squeeze(text[a:b])
    return 0 <= len(gap) <= limit and not _CLAUSE_BREAK.search(gap)


_SPACES = re.compile(r"\s{2,}")


def _squeeze(gap: str) -> str:
    """A gap as read: blanked markup (a link target, a citation) counts as one space."""
    return _SPACES.sub(" ", gap)


_DESCRIBED_PLURAL = re.compile(
    r",\s*(?:other|several|many|some|these|such|various)\s+(?:[\w-]+\s+){0,3}?(?:groups|actors|hackers|apts|"
    r"organi[sz]ations|companies)\s+(?:are|were|have|has|had)\b",
    re.I,
)


def _such_as(text: str, start: int, end: int, ms: list[Mention], kinds: frozenset[str]) -> list[Mention]:
    m = re.compile(r",?\s*(?:such as|including|like)\s+", re.I).match(text, start, end)
    if not m:
        return []
    first = [x for x in ms if x.start == m.end() and _fits(x, kinds)]
    return _object_list(text, first[0], [x for x in ms if x.start > first[0].start], kinds) if first else []


def _subject_list(text: str, subject: Mention, ms: list[Mention], kinds: frozenset[str]) -> list[Mention]:
    """'APT10, APT31 and APT41 are ...': every name coordinated with the subject before it."""
    out = [subject]
    for m in reversed([x for x in ms if x.end <= subject.start]):
        gap = text[m.end : out[0].start]
        if "person" in m.kinds() and "person" in out[0].kinds() and frames.CO_PARTY.fullmatch(gap):
            out.insert(0, m)  # "X, and his co-defendant, 40-year-old Chinese national Y, are charged"
            continue
        if not _LIST_SEP.match(gap) or not (m.kinds() & subject.kinds()) or not _fits(m, kinds):
            break
        if frames.COMPARED.search(text, max(0, m.start - 8), m.start):
            break  # "Like Salt Typhoon, Flax Typhoon is ...": a comparison, not one more subject (xfrag)
        out.insert(0, m)
    # "groups, such as A, B and C, were ...": the named members of a described subject
    such = _SUCH_AS_END.search(text[max(0, out[0].start - 30) : out[0].start])
    if such is None:
        after = [x for x in ms if x.start >= subject.end]
        for m in after:
            if not _LIST_SEP.match(text[out[-1].end : m.start]) or not (m.kinds() & subject.kinds()):
                break
            out.append(m)
    return out


def _object_list(text: str, first: Mention, pool: list[Mention], kinds: frozenset[str]) -> list[Mention]:
    out = [first]
    for m in pool:
        if m.start < out[-1].end:
            continue
        gap = text[out[-1].end : m.start]
        if "person" in m.kinds() and "person" in out[-1].kinds() and frames.CO_PARTY.fullmatch(gap):
            out.append(m)  # "charging X and his co-conspirator Y"
            continue
        if not _LIST_SEP.match(gap) or not _fits(m, kinds):
            break
        out.append(m)
    return out


#: Where the subject of a passive starts: after "that", "revealing that", a colon, or the sentence's start.
_PASSIVE_CLAUSE = re.compile(r"\b(?:that|which|whether)\s+|:\s+|;\s+")
#: Stand-ins for the assertor, its mention and the date until a sentence has a statement (speed only).
_LATER = "\x00later"
_LATER_MENTION = Mention(-1, -1, "", [])


def _date(text: str, sentence: tuple[int, int], possible: set[int] | None) -> str | None:
    """The first date a sentence gives (`possible`: only when a date pattern's words stand in it)."""
    s, e = sentence
    dated = possible is None or not _DATE_IDS.isdisjoint(possible)
    dates = find_dates(text[s:e], possible) if dated else []
    return dates[0][2] if dates else None


def _settle(out: list[Extracted], assertor: str | None, amention: Mention | None, date: str | None) -> None:
    """The stand-ins of a sentence's statements replaced by the values read now."""
    for x in out:
        if x.assertor is _LATER:
            x.assertor = assertor
        if x.assertor_mention is _LATER_MENTION:
            x.assertor_mention = amention
        if x.date is _LATER:
            x.date = date


#: A person's firm named in apposition after a possessive pronoun: "his employer, X", "her Shanghai-based company,
#: X" (the name follows at once, after a comma or none).
_OWN_FIRM = re.compile(r"\b(his|her)\s+(?:own\s+)?(?:[\w.-]+\s+){0,2}?(employer|company|firm)\s*,?\s*", re.I)


def _own_firm(
    text: str,
    sentence: tuple[int, int],
    ms: list[Mention],
    before: list[Mention],
    assertor: str | None,
    amention: Mention | None,
    date: str | None,
) -> list[Extracted]:
    """ "OFAC designated X and his company, Y", "His employer, Y, provides ...": the firm the possessive names
    belongs to the last person named before the pronoun, in its sentence or, for a pronoun opening the sentence,
    in the sentences before. An employer employs the person; a company of theirs is only tied to them (owned,
    run or worked for: the words do not say which)."""
    s, e = sentence
    out: list[Extracted] = []
    for m in _GATE.finditer(_OWN_FIRM, text, s, e):  # most sentences have no such noun (speed only)
        firm = next((x for x in ms if x.start == m.end() and x.kinds() & FIRM_KINDS), None)
        if firm is None:
            continue
        people = [x for x in ms if x.end <= m.start() and "person" in x.kinds()]
        if not people and m.start() - s <= 3:
            people = [x for x in before if x.end >= 0 and "person" in x.kinds()]
        if not people:
            continue  # "the broker and his company": whose, no name says
        person = people[-1]
        subject, predicate, obj = (
            (person, "employed_by", firm) if m.group(2).lower() == "employer" else (firm, "linked_to", person)
        )
        out.append(
            Extracted(
                subject,
                predicate,
                obj,
                None,
                sentence,
                False,
                False,
                L.PLAIN,
                assertor,
                amention,
                date,
                cue=(m.start(), m.end()),
                notes=["own-firm"],
            )
        )
    return out


def relations(
    text: str,
    sentence: tuple[int, int],
    ms: list[Mention],
    before: list[Mention],
    countries: dict[str, Mention],
    possible: set[int] | None = None,
) -> list[Extracted]:
    """Every statement of one sentence (`possible`: the patterns, by `id`, that may match in it, from
    extract/sieve.py; the others are not tried). `before` holds only mentions that precede the sentence: the
    last of its window, and at a window's start those carried from the window before, whose offsets are the
    whole text's, so no rule may tell them from later ones by comparing offsets with the sentence's."""
    s, e = sentence
    ms = _without_partial_overlaps(ms)
    standing, others = _anaphors(text, sentence, before, ms)
    ms = ms + _coref(text, sentence, before, ms, possible) + standing
    ms = sorted(ms + reference.described_subjects(text, sentence, ms, before), key=lambda m: m.start)
    out: list[Extracted] = []
    ms = _fold_abbreviations(text, ms)
    possessors, heads = _possessives(text, ms)
    out += [
        Extracted(h, "subordinate_to", p, None, sentence, False, False, L.PLAIN, cue=(p.end, h.start))
        for p, h in heads
        if _fits(h, PREDICATES["subordinate_to"].domain_kinds)
        and _fits(p, PREDICATES["subordinate_to"].range_kinds)
        and "country" not in p.kinds()  # "China's Ministry of Public Security": the state's own, said by its name
    ]
    everything = ms
    ms = [m for m in ms if m not in possessors]
    hits = _cue_hits(text, s, e, ms, possible)
    # the patterns below that may match in the sentence, read once (speed only: `_GATE.may` for each)
    gate = _GATE.allowed(text, s, e)
    aka = (
        [(m.start(), m.end()) for m in frames._AKA_BRACKET.finditer(text, s, e)]
        if id(frames._AKA_BRACKET) in gate
        else []
    )
    # "(aka CVNX)": an alias (most sentences have no such bracket: speed only)
    actors_ms = [m for m in ms if not any(a < m.start and m.end < b for a, b in aka)] if aka else list(ms)
    last: tuple[list[Mention], int] | None = None
    # speed only: who asserts and the date are stored, never read, except by "X attributed ... to Y"; most
    # sentences state nothing, so elsewhere both are read once the sentence has a statement (`_settle`)
    assertor_ms = ms
    later = id(_ATTRIBUTE) not in gate or _ATTRIBUTE.search(text, s, e) is None
    if later:
        assertor, amention, date = _LATER, _LATER_MENTION, _LATER
    else:
        assertor, amention = _assertor(text, sentence, ms, hits)
        date = _date(text, sentence, possible)
    actors: list[Mention] | None = None
    for h0, h1, cue in hits:
        pred = PREDICATES[cue.predicate]
        dom, rng = pred.domain_kinds, pred.range_kinds
        if cue.predicate == "also_known_as":
            left = [m for m in ms if m.end <= h0]
            out += _aliases(text, sentence, left, h0, h1, e, hedge_text=text[max(s, h0 - 40) : h1])
            continue
        left = [m for m in actors_ms if m.end <= h0]
        right = [m for m in actors_ms if m.start >= h1]
        subj_pool, obj_pool = (left, right) if cue.forward else (right, left)
        subject = _pick_subject(text, s, h0, h1, subj_pool, dom, cue.forward, actors_ms, cue.subject_gap, cue.lead)
        if cue.predicate == "targeted" and cue.forward:
            if actors is None:
                actors = _described_actors(text, sentence, everything, possible)
            if subject is not None and not _state_as_doer(text, s, subject, actors):
                # "Chinese hackers targeted X", "hackers tied to the Chinese government targeted X": the
                # state qualifies the doer, it is not the subject of the verb; the doer is picked as if states
                # could not target
                subject = _pick_subject(
                    text, s, h0, h1, subj_pool, dom - {"country"}, cue.forward, actors_ms, cue.subject_gap, cue.lead
                )
            nearer = [
                d
                for d in actors
                if d.end <= h0
                and (subject is None or d.start >= subject.end)
                and _gap_ok(text, d.end, h0, cue.subject_gap)
            ]
            # "the operation, which US authorities said targeted X": who says it is no doer
            doers = [d for d in nearer if d.proposed_kind != "operation" and not frames._SAYS.match(text, d.end)]
            if doers:
                subject = doers[-1]  # "organisations and individuals targeting X": the described doer
            elif nearer and (
                subject is None
                or subject.kinds() & _BYSTANDERS
                or subject.kinds() == {"country"}
                or frames._SAYS.match(text, subject.end)
            ):
                # "the ministry said the attack targeted X": the deed, no doer named; "the ambassador of Y was
                # summoned over a cyberattack that targeted X": the deed between a state and the verb did it
                subject = nearer[-1]
        if subject is not None and cue.forward and cue.predicate == "targeted":
            used = _USED_BY.search(text, subject.end, h0)
            users = [m for m in actors_ms if used and used.end() <= m.start and m.end <= h0 and m.kinds() & DOERS]
            if users and not users[0].kinds() & {"country"}:
                subject = users[0]  # "X has been used by Y in campaigns targeting Z": Y targeted Z, X is its tool
        if subject is None and cue.forward and _and_auxiliary(text, s, h0):
            subject = next((m for m in actors_ms if m.end <= h0 and m.kinds() & DOERS), None)
        if subject is None:
            continue
        if cue.forward and frames._SAYS.match(text, subject.end) and not _SAYS_IT.search(text, subject.end, h0):
            continue  # "the Foreign Ministry said the attack targeted X": who says it does not do it
        if cue.forward and cue.predicate == "targeted":
            # "hackers tied to the MSS hacked X", "hackers who praised the MSS hacked X": the hackers did it, not
            # the MSS; the described doer the phrase qualifies is the subject, read across the phrase (a named
            # doer's deed is read by frames.py); with no described doer before the phrase, no statement
            doer = _qualified(text, s, subject, actors)
            if doer is not None:
                subject = doer
            elif (
                _qualifies(text, s, subject)
                or roles.backs(text, s, subject)
                or roles.in_relative(text, s, subject) is not None
            ):
                continue
        elif cue.forward and _qualifies(text, s, subject):
            continue  # "hackers tied to the MSS carried out X": the hackers did it (frames.py), not the MSS
        if cue.nominal and len(_squeeze(text[subject.end : h0])) > 25 and not L.DOING.search(text[subject.end : h0]):
            continue  # "indicted X for attacks on Y": the court is not the attacker
        if cue.nominal and _ATTRIBUTING.search(text, subject.end, h0):
            continue  # "X attributed the breach of Y to Z": X says whose deed it was, Z did it (`_attribution`)
        if cue.predicate == "subordinate_to" and _PEOPLE_FROM.search(text, max(s, subject.end, h0 - 60), h0):
            # "the DOJ indictment, X and Y, officers from the local arm of Z": the arm is where the officers
            # work, no predicate of a body named before them
            continue
        if cue.predicate == "sanctioned" and _OPPOSING.search(text, subject.end, h0):
            continue  # "China rejects the sanctions against X": who opposes a measure did not take it
        if cue.nominal and subject.kinds() & _BYSTANDERS:
            continue  # "Mandiant discovered an espionage campaign of X": who reports a deed does not do it
        objects = []
        stop = e
        if cue is L.AIMING:
            doer = subject.kinds() & _AIMERS or any(d is subject for d in actors or ())
            if not doer or _AIMED_AT_NO_VICTIM.match(text, h1):
                continue  # "NCC is home to laboratories focused on X"; "Storm-0558 focuses on espionage"
            clause = _AIM_CLAUSE_END.search(text, h1, e)
            stop = clause.start() if clause else e  # "... in 2021, and their targets now include X": another clause
        if cue.forward and cue.predicate in PHRASE_OBJECTS:
            objects = _phrase_objects(text, h1, stop, ms, rng, cue.predicate)
        if cue.forward and cue.predicate == "used":
            # "relied on custom malware", "deploying spearphishing emails": a tool described by its kind, among the
            # items of the object's phrase (lists, "such as"), else right after the verb, where the victims' reader
            # leaves out what is no victim ("emails")
            objects = [
                o if o.targets else dataclasses.replace(o, proposed_kind="tool")
                for o in _phrase_objects(text, h1, stop, ms, rng, "used")
                if o.targets or (_TOOL_PHRASE.fullmatch(" " + o.text) and not _NAMED_AFTER.match(text, o.end))
            ]
            tool = _TOOL_PHRASE.match(text, h1, stop)
            if (
                not objects
                and tool
                and not _NAMED_AFTER.match(text, tool.end(1))
                and not any(tool.start(1) <= m.start < tool.end(1) for m in ms)
                and _pick_object(text, h0, h1, obj_pool, rng, True, cue.predicate) is None
            ):  # a named tool in reach ("a remote access trojan named X") is the object
                objects = [Mention(tool.start(1), tool.end(1), tool.group(1), [], "tool")]
        if not objects and not cue.forward and cue.predicate == "targeted":
            # "routers of various organizations, including X and Y, were compromised by Z": the
            # described victims of a passive, when no name stands before it
            named_before = [m for m in obj_pool if _fits(m, rng) and m.end <= h0 and _gap_ok(text, m.end, h0, 60)]
            if not named_before:
                start = _PASSIVE_CLAUSE.search(text, s, h0)
                lead = max(start.end() for start in _PASSIVE_CLAUSE.finditer(text, s, h0)) if start else s
                objects = _phrase_objects(text, lead, h0, ms, rng, "targeted")
        if not objects:
            obj = _pick_object(text, h0, h1, obj_pool, rng, cue.forward, cue.predicate)
            if obj is None:
                continue
            if cue.forward and cue.predicate in _SPECIFIC and any(h1 <= m.start < obj.start for m in ms):
                continue  # "spies working for the group have targeted US companies": the body named next is the one
            if cue.forward and cue.predicate in _TIED_TO_DEED and _DEED_CLAUSE.match(text, h1, obj.start):
                continue  # "linked to campaigns that discredit X": the tie is to the deeds, X is what they act on
            objects = (
                _object_list(text, obj, [m for m in obj_pool if m.start > obj.start], rng) if cue.forward else [obj]
            )
        objects = [o for o in objects if o.start != subject.start and not _not_a_victim(text, o, cue.predicate)]
        if not objects:
            continue
        obj = objects[0]
        subjects = _subject_list(text, subject, actors_ms, dom) if cue.forward else [subject]
        if not cue.forward and cue.predicate == "employed_by":  # "hired A and B": each of them
            subjects = _object_list(text, subject, [m for m in subj_pool if m.start > subject.start], dom)
        if cue.forward and last is not None and re.fullmatch(r"\s*(?:,\s*)?and\s+", text[last[1] : h0]):
            subjects = [x for x in last[0] if _fits(x, dom)] or subjects  # "as members of X and linked to Y"
        described = _DESCRIBED_PLURAL.search(text[subject.end : h0]) if cue.forward else None
        if described:
            listed = _such_as(text, max(o.end for o in objects), e, ms, dom)
            if not listed:
                continue  # "Besides APT10, other groups are linked to ...": APT10 is not the subject
            subjects = listed
        last = (subjects, max(o.end for o in objects))
        lo = min(subject.start, obj.start, h0)
        hi = max(subject.end, obj.end, h1)
        hedged, conf = L.hedge(_without_nationality(text[s:hi]))
        negated = (
            bool(L.NEGATION.search(text[max(s, lo - 12) : max(h1, hi)]))
            or _no_link(text, lo, hi)
            or _denied_content(text, s, lo)
            or _unproven_tie(text, s, lo)
        )
        for subj, o in [(x, y) for x in subjects for y in objects]:
            out.append(
                Extracted(
                    _choose(subj, dom),
                    _supporting(text, h0, h1, cue, o),
                    _choose(o, rng),
                    None,
                    sentence,
                    hedged,
                    negated,
                    conf,
                    assertor,
                    amention,
                    date,
                    (h0, h1),
                )
            )
    out += _attribution(text, sentence, ms, assertor, amention, date)
    if id(_CAME_VERB) in gate and _CAME_FROM.search(text, s, e):
        out += _came_from(text, sentence, everything)
    if id(_OPPOSING_WORD) in gate and _OPPOSING_WORD.search(text, s, e):  # speed only
        out += _opposition(text, sentence, everything, countries)
    if id(_ISSUING_WORD) in gate and _ISSUING_WORD.search(text, s, e):  # speed only
        out += _issued(text, sentence, everything)
    if id(_IN_ITS_WORD) in gate and _IN_ITS_WORD.search(text, s, e):  # speed only
        out += _issued_in_its(text, sentence, everything)
    if id(_OVERLAP) in gate and _OVERLAP.search(text, s, e):  # speed only
        actors = _described_actors(text, sentence, everything, possible) if actors is None else actors
        out += _overlaps(text, sentence, everything + actors)
    if id(_INVOLVEMENT) in gate and _INVOLVEMENT.search(text, s, e):
        actors = _described_actors(text, sentence, everything, possible) if actors is None else actors
        out += _involvement(text, sentence, everything + actors)
    if id(_SUBORDINATES) in gate and _SUBORDINATES.search(text, s, e):  # speed only: the hedge read where it can be
        out += _subordinate_list(text, sentence, ms, hedge_conf=L.hedge(text[s:e]))
    if id(_BRANCH_UNIT) in gate and id(_BRANCH_OF) in gate and _BRANCH_OF.search(text, s, e):  # as the list above
        out += _branch_of(text, sentence, ms, hedge_conf=L.hedge(text[s:e]))
    if id(_DOES_DEED) in gate and _DOES_DEED.search(text, s, e):  # speed only
        out += _does_deed(text, sentence, ms)
    if id(_ANSWERS_TO) in gate and _ANSWERS_TO.search(text, s, e):  # speed only
        out += _answers_to(text, sentence, ms, hedge_conf=L.hedge(text[s:e]))
    if any(x.entity is None and " of the " in x.text for x in ms):  # speed only
        out += _unit_of_body(sentence, ms, hedge_conf=L.hedge(text[s:e]))
    demonyms = list(_DEMONYM.finditer(text, s, e)) if id(_DEMONYM) in gate else []  # read once for both (speed only)
    out += _nationality(text, sentence, ms, countries, assertor, amention, date, demonyms)
    out += _nationality_described(text, sentence, everything, out, countries, assertor, amention, date, demonyms)
    out += _based(text, sentence, ms, assertor, amention, date)
    out += _link_between(text, sentence, ms, assertor, amention, date)
    out += _np_subjects(text, sentence, hits, everything, assertor, amention, date)
    out += _targets_listed(text, sentence, before, everything, assertor, amention, date)
    out += _victims(text, sentence, everything, before, assertor, amention, date)
    out += _parenthetical_aliases(text, sentence, ms)
    out += _predicative_sponsor(text, sentence, out, everything)
    out += _own_firm(text, sentence, everything, before, assertor, amention, date)
    out = _merge_frames(out, text, sentence, everything, countries, assertor, amention, date, possible)
    out += _victims(text, sentence, everything, before, assertor, amention, date, out)  # charged for deeds
    if not out:
        return []  # what follows only changes or drops statements, and repeats them for "They"
    if later:
        assertor, amention = _assertor(text, sentence, assertor_ms, hits)
        _settle(out, assertor, amention, _date(text, sentence, possible))
    legal = [x for x in out if x.predicate in {"indicted", "sanctioned"} and x.subject.entity is not None]
    if legal and assertor is None:
        body = legal[0].subject
        for x in out:
            if x.assertor is None and x is not legal[0] and x.subject is not body:
                x.assertor, x.assertor_mention = body.entity.name if body.entity else body.text, body
    for x in out:
        if x.object is not None and x.predicate in _SPECIFIC:
            x.object = _most_specific(text, x.object, everything)
    out = [x for x in out if not _own_apparatus(x)]
    for x in out:
        if (
            x.predicate == "operated_by"
            and x.object is not None
            and x.object.kinds() == {"country"}
            and _SPONSORED.search(text, min(x.cue[0], x.subject.end), max(x.cue[1], x.object.start))
        ):
            x.predicate = "attributed_to"  # "a group sponsored by the PRC": the state's, as "state-sponsored"
    out = _appositions(text, sentence, everything, out)
    out = _plural_asides(text, sentence, everything, out)
    for x in out:
        if x.predicate == "targeted" and x.object is not None and x.object.end <= x.cue[0]:
            x.object = _possessed(text, x.object, x.cue)
    if id(_DIRECTION) in gate:  # speed only: the metonyms are read where "on behalf of" ... stands
        out += _direction_reaches_doers(text, sentence, out, [frames._metonym(text, m, countries) for m in everything])
    out = _indictment_agent(text, sentence, out, everything)
    out = [x for x in out if not _employment_read_as_direction(text, x)]
    out = [x for x in out if not _own_body_inside(x)]
    if any(x.negated for x in out) and frames.denied(text, sentence):
        # "Officials groundlessly accused China of X, the embassy said": the embassy denies, not the officials
        who = denials.denier(text, sentence, everything, before)
        for x in out if who is not None else []:
            if x.negated:
                x.assertor, x.assertor_mention = who, None
    for x in list(out):  # "Li and Dong ... They targeted X": each of them
        for y in others.get(id(x.subject), []):
            out.append(dataclasses.replace(x, subject=y, notes=[*x.notes]))
    return _dedupe(_states_outside(text, out, countries))


#: Patterns some rules read a piece of their sentence with, compiled once (speed only).
_SUCH_AS_END = re.compile(r",?\s*(?:such as|including|like)\s+$", re.I)
_AND_AUXILIARY = re.compile(r",?\s+and\s+(?:was|were|is|are|has|have|had)\b[^,;]*$")
_NO_LINK = re.compile(r"\b(no|not any|never)\s+(\w+\s+){0,3}(links?|connections?|ties|evidence)\b", re.I)
_BRACKET_AFTER = re.compile(r"\s*\(([^()]{2,200})\)")
#: A bracket opened by an alias marker in capitals ("(AKA X or Y)"), which a name pattern takes for a word.
_MARKED_BRACKET = re.compile(r"(?:\s*(?:aka|a\.k\.a\.?|also\s+(?:known|tracked|called|referred)(?:\s+as)?)\b)?", re.I)


def _and_auxiliary(text: str, a: int, b: int) -> bool:
    """Whether `_AND_AUXILIARY` matches in `text[a:b]`, searched from the last comma or semicolon of the span on:
    a match holds neither after its first character, so none starts before it (speed only: `re` tries the
    pattern at every place of the span, and the span runs from the sentence's start)."""
    last = max(text.rfind(",", a, b), text.rfind(";", a, b))
    return _AND_AUXILIARY.search(text, max(a, last), b) is not None


#: What a victim named before a passive owns: "South Korea's foreign affairs ministry was hacked by Y" (lower-case
#: words only: a name after the possessive is a mention of its own).
_POSSESSED = re.compile(r"['’]s\s+((?:[a-z][\w-]*\s+){0,4}?[a-z][\w-]*)\s+(?=(?:was|were|is|are|has|have|had)\b)")


def _possessed(text: str, victim: Mention, cue: tuple[int, int]) -> Mention:
    """The victim of a passive is the thing its possessive names, not the possessor: "South Korea's foreign
    affairs ministry was hacked by Y" targeted the ministry, which the text names only with South Korea."""
    m = _POSSESSED.match(text, victim.end)
    if m is None or m.end() > cue[1]:
        return victim
    return Mention(victim.start, m.end(1), text[victim.start : m.end(1)], [], "sector")


def _victims(
    text: str,
    sentence: tuple[int, int],
    ms: list[Mention],
    before: list[Mention],
    assertor: str | None,
    amention: Mention | None,
    date: str | None,
    said: list[Extracted] | None = None,
) -> list[Extracted]:
    """Victims named by a noun, a copula or a list outside a targeting verb's reach (extract/victims.py),
    with the sentence's hedge, negation, assertor and date; given the sentence's statements (`said`), the
    victims of deeds its charged people are charged for."""
    s, _e = sentence

    def make(subject: Mention, obj: Mention, cue: tuple[int, int], rule: str) -> Extracted:
        lo, hi = min(subject.start, obj.start, cue[0]), max(subject.end, obj.end, cue[1])
        hedged, conf = L.hedge(_without_nationality(text[s:hi]))
        negated = bool(L.NEGATION.search(text[max(s, lo - 12) : hi])) or _denied_content(text, s, lo)
        return Extracted(
            subject,
            "targeted",
            obj,
            None,
            sentence,
            hedged,
            negated,
            conf,
            assertor,
            amention,
            date,
            cue,
            [f"victims:{rule}"],
        )

    if said is not None:
        return victims.charged_for(text, sentence, ms, said, make, _phrase_objects)
    return victims.read(text, sentence, ms, before, make, _phrase_objects)


#: Direction after the deeds it drives: "accused APT40 of infiltrating X, Y and Z, under the orders of the MSS".
_DIRECTION = guarded(
    re.compile(
        r"\b(?:on behalf of|at the (?:behest|direction|request|orders?) of|under (?:the )?(?:orders|direction|"
        r"control|command|directives?|instructions?) (?:of|from))\s+(?:the\s+)?",
        re.I,
    )
)
_DIRECTORS = PREDICATES["operated_by"].range_kinds
_DIRECTED_DOERS = frozenset({"threat_group", "person", "company", "front_company"})


def _direction_reaches_doers(
    text: str, sentence: tuple[int, int], out: list[Extracted], ms: list[Mention]
) -> list[Extracted]:
    """The doers of a sentence's deeds act for the body named after "on behalf of", "at the behest of",
    "at the direction of" or "under the orders of", however long the deed between them ("X conducted a
    campaign that targeted research, including Y, on behalf of Z": X is `operated_by` Z), unless a
    statement of the sentence already reads that direction for them."""
    s, e = sentence
    if not _DIRECTION.search(text, s, e):
        return []
    added: list[Extracted] = []
    for cue in _DIRECTION.finditer(text, s, e):
        body = next((m for m in ms if cue.end() <= m.start <= cue.end() + 12 and _fits(m, _DIRECTORS)), None)
        if body is None:
            continue
        directed = {id(x.subject) for x in out if x.predicate in {"operated_by", "attributed_to"}}
        doers: list[Mention] = []
        for x in out:
            if (
                x.predicate == "targeted"
                and not x.negated
                and (
                    x.cue[1] <= cue.start()
                    or (  # "a Chinese national accused of working at the direction of Beijing to steal X"
                        x.subject.end <= cue.start()
                        and not any(
                            x.subject.end <= m.start and m.end <= cue.start() and m.kinds() & _DIRECTED_DOERS
                            for m in ms
                        )
                    )
                )
                and x.subject.kinds() & _DIRECTED_DOERS
                and not (x.subject.entity is None and x.subject.proposed_kind == "operation")
                and id(x.subject) not in directed
                and all(d.start != x.subject.start for d in doers)
            ):
                doers.append(x.subject)
        for d in doers:
            if any(
                x.predicate == "operated_by" and x.subject.start == d.start and x.object is not None
                for x in out + added
            ):
                continue
            model = next(x for x in out if x.subject is d)
            added.append(
                dataclasses.replace(
                    model,
                    predicate="operated_by",
                    object=body,
                    value=None,
                    cue=(cue.start(), cue.end()),
                    notes=["direction reaches the doer"],
                )
            )
    return added


#: "APT1 is likely government-sponsored": the sponsor is the state the sentence names.
_SPONSORED_AFTER = re.compile(
    r"\s+(?:is|are|was|were)\s+(?:\w+ly\s+|likely\s+|probably\s+|believed to be\s+)?(?:a\s+)?"
    r"(?:government|state)-(?:sponsored|backed|affiliated|directed|supported)\b",
    re.I,
)


def _predicative_sponsor(
    text: str, sentence: tuple[int, int], out: list[Extracted], ms: list[Mention]
) -> list[Extracted]:
    """ "APT1 is likely government-sponsored and one of the most persistent of China's cyber threat actors":
    the group attributed to the one state the sentence names (none named: no statement)."""
    s, e = sentence
    if "government-" not in text[s:e] and "state-" not in text[s:e]:
        return []  # speed only: no compound to read
    states = {m.entity.entity_id: m for m in ms if m.entity is not None and m.entity.kind == "country"}
    if len(states) != 1:
        return []
    state = next(iter(states.values()))
    added = []
    for m in ms:
        if "threat_group" not in m.kinds():
            continue
        hit = _SPONSORED_AFTER.match(text, m.end, e)
        if hit is None or any(x.subject.start == m.start and x.predicate == "attributed_to" for x in out):
            continue
        hedged, conf = L.hedge(text[s : hit.end()])
        added.append(
            Extracted(
                _choose(m, PREDICATES["attributed_to"].domain_kinds),
                "attributed_to",
                state,
                None,
                sentence,
                hedged,
                False,
                conf,
                cue=(m.end, hit.end()),
                notes=["predicative sponsor"],
            )
        )
    return added


#: "an indictment charging X ... was unsealed by the Justice Department": who brings the indictment.
_INDICTMENT_WORDS = re.compile(r"(?:the|an?|this|that)\s+(?:[\w-]+\s+){0,2}?indictments?", re.I)
_BROUGHT_BY = re.compile(
    r"\b(?:unsealed|announced|returned|filed|brought|obtained)\s+(?:[\w-]+\s+){0,3}?by\s+(?:the\s+)?", re.I
)


def _indictment_agent(text: str, sentence: tuple[int, int], out: list[Extracted], ms: list[Mention]) -> list[Extracted]:
    """An indictment is no agent: "the indictment charging X was unsealed by the Justice Department" is the
    department's charge; beside another body that charges X in the same sentence ("a grand jury returned
    an indictment charging X") it says nothing more."""
    paper = [x for x in out if x.predicate == "indicted" and _INDICTMENT_WORDS.fullmatch(x.subject.text.strip())]
    if not paper:
        return out
    s, e = sentence
    dom = PREDICATES["indicted"].domain_kinds
    agent = None
    by = _BROUGHT_BY.search(text, s, e)
    if by is not None:
        agent = next((m for m in ms if m.start == by.end() and _fits(m, dom)), None)
    kept = []
    for x in out:
        if x in paper:
            others = any(
                y.predicate == "indicted"
                and y not in paper
                and y.object is not None
                and x.object is not None
                and y.object.start == x.object.start
                for y in out
            )
            if others:
                continue
            if agent is not None:
                x = dataclasses.replace(x, subject=_choose(agent, dom), notes=["indictment brought by"])
        kept.append(x)
    return kept


#: What makes a person act for a body rather than work for it: direction, orders, sponsorship.
_DIRECTED = re.compile(
    r"\b(?:behalf|direction|directed|directing|behest|request|orders?|ordered|tasked|tasking|instruct\w*|"
    r"directives?|control\w*|command|sponsor\w*|backed|funded|paid|benefit)\b",
    re.I,
)


def _employment_read_as_direction(text: str, x: Extracted) -> bool:
    """A person "working for" a body is employed by it (the employment frames say so), not operated by it:
    a person is `operated_by` only where the words say direction ("on behalf of", "at the behest of",
    "carried out orders from", "ordered X to")."""
    if x.predicate != "operated_by" or x.subject.kinds() != {"person"} or x.object is None:
        return False
    a = min(x.cue[0], x.subject.end, x.object.end)
    b = max(x.cue[1], x.object.start, x.subject.start)
    return not _DIRECTED.search(text, a, b)


#: One unnamed person, told by an article and a post: "an MSS officer", "the MSS official", "a Boyusec employee".
_ONE_UNNAMED = re.compile(
    r"^(?:an?|the|one)\s.*\b(?:officer|official|employee|member|agent|operative|engineer|staffer|spokes(?:man|woman|person)|"
    r"director)$",
    re.I,
)


def _own_body_inside(x: Extracted) -> bool:
    """One unnamed person whose phrase names the body it is read as working for ("an MSS officer" `employed_by` the
    MSS, "the MSS official public WeChat account") says nothing the phrase does not: the statement is kept for the
    person an aside names ("Zhang, an MSS officer," is read by `_appositions` before this), for people counted ("two
    MPS officers"), who are the defendants of a case, and for a group's people in the plural ("the APT17 threat
    actors": a check of those in an earlier round took a key statement)."""
    if x.predicate not in {"employed_by", "member_of_group"} or x.object is None or x.subject.entity is not None:
        return False
    sub, obj = x.subject, x.object
    return sub.start <= obj.start and obj.end <= sub.end and bool(_ONE_UNNAMED.match(sub.text))


#: An aside that describes the person or group just named: ", an officer of the MSS,", ", a member of APT41,",
#: ', "a nation-state actor based out of China",' (quoted from a report, its comma inside or outside the quotes).
_APPOSITION = re.compile(
    r",\s+[\"“]?(?:a|an|the|one of the|another|two|three)\s+[^,;()\"“”]{2,80}?(?:[\"”],|,[\"”]?)\s+(?=[a-z])"
)


def _appositions(text: str, sentence: tuple[int, int], ms: list[Mention], out: list[Extracted]) -> list[Extracted]:
    """A person followed by an aside that describes them ("Wei, an officer of the MSS, directed ...") is
    the one the aside describes (the role's statements are the person's too) and the doer of the verb
    after it (not a group named inside the aside: "Tan, a member of APT41, hacked X" is Tan's deed). A group
    followed by an aside is the doer of the verb after it too ('X, "a nation-state actor based out of China",
    has targeted Y': X, not the actor the aside describes it as)."""
    s, e = sentence
    added = []
    for p in ms:
        if not p.kinds() & {"person", "threat_group"} or not s <= p.end < e:
            continue
        m = _APPOSITION.match(text, p.end, e)
        if m is None:
            continue
        a, b = m.start(), m.end()
        for x in out:
            if x.subject is p or not a <= x.subject.start < b:
                continue
            if x.cue[0] >= b:
                x.subject = p  # the verb after the aside is the person's (the group's)
            elif "person" not in p.kinds():
                continue  # what the aside says of a group is read by the frames
            elif x.subject.entity is None and x.predicate in {"employed_by", "member_of_group", "linked_to"}:
                added.append(dataclasses.replace(x, subject=p, notes=[*x.notes, "apposition"]))
    return out + added


#: An aside after a list of names that counts them ("A and B, both based in C,", "A and B, the two other
#: Chinese actors believed responsible for X,", "A, B and C, all members of Y,"): it describes each name, not
#: the last alone. A bracketed short name may stand inside it ("both based in the People's Republic of China
#: (PRC),"); it ends at a comma, or with the sentence.
_COUNTING_ASIDE = re.compile(
    r"\s*(?:\([^()]{0,40}\)\s*)?,\s+[\"“]?(?:the\s+)?(both|two|three|four|five|all)\s+(?:\([^()]{0,30}\)|[^,;()\"“”]){2,120}?"
    r"(?:[\"”]?,|(?=\s*[.;]|\s*$))",
    re.I,
)
_COUNTS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5}
#: Between two names of the list: a comma, "and" or "or", a bracketed short name after the first, and an aside
#: that renames the second by its tie to the first ("X (Sichuan Silence), and one of its employees, Y").
_COUNTED_GAP = re.compile(
    r"\s*(?:\([^()]{0,40}\)\s*)?(?:,\s*(?:and|or)?|\band\b|\bor\b|&)\s*"
    r"(?:(?:one\s+of\s+)?(?:its|his|her|their)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}\s*,\s*)?(?:the\s+)?",
    re.I,
)
_COUNTED_KINDS = frozenset({"person", "threat_group"}) | FIRM_KINDS


def _plural_asides(text: str, sentence: tuple[int, int], ms: list[Mention], out: list[Extracted]) -> list[Extracted]:
    """What a counting aside after a list of names says, and the verb after it, are each name's: "Zhang Wei and
    Li Ming, two MSS officers, hacked X" gives both the deed, as "Zhang Wei and Li Ming hacked X" does, where the
    readings take the aside's subject to be the name right before it. The aside's count must be the list's
    length ("both": two names), so a list the aside does not close is not read."""
    s, e = sentence
    named = [
        m
        for m in ms
        if (m.entity is not None or m.proposed_kind == "person") and m.kinds() & _COUNTED_KINDS and s <= m.start <= e
    ]
    added: list[Extracted] = []
    for i, p in enumerate(named):
        m = _COUNTING_ASIDE.match(text, p.end, e)
        if m is None:
            continue
        items: list[Mention] = []
        last = p
        for q in reversed(named[:i]):
            if q.end > last.start or text[q.start - 1 : q.start] == "(":
                continue  # a bracketed short name is the name's before it, no item of its own
            if not _COUNTED_GAP.fullmatch(text, q.end, last.start):
                break
            items.append(q)
            last = q
        want = _COUNTS.get(m.group(1).lower())
        if not items or (want is not None and len(items) + 1 != want):
            continue
        mine = [x for x in out if (x.subject.start, x.subject.end) == (p.start, p.end) and x.cue[0] >= m.start()]
        for q in items:
            for x in mine:
                if x.object is not None and (x.object.start, x.object.end) == (q.start, q.end):
                    continue  # "X and one of its employees, Y, both ...": Y's tie to X is no tie of X to itself
                if not q.kinds() & PREDICATES[x.predicate].domain_kinds:
                    continue
                added.append(dataclasses.replace(x, subject=q, notes=[*x.notes, "counting aside"]))
    return out + added


def _own_apparatus(x: Extracted) -> bool:
    """ "The Treasury's Office of Foreign Assets Control", "the NCSC, a part of GCHQ": how the agencies that
    report and respond are organised is the setting of a release, not a statement of who stands behind an
    operation (agencies of the states behind operations are ministries, bureaus and units)."""
    return (
        x.predicate == "subordinate_to"
        and x.object is not None
        and x.subject.kinds() == {"government_agency"}
        and x.object.kinds() == {"government_agency"}
    )


_SUPPORT = re.compile(r"(?:supports|supported|assists|assisted)\b", re.I)


def _supporting(text: str, h0: int, h1: int, cue: L.Cue, supporter: Mention) -> str:
    """A company that supports or assists a group is tied to it ("Integrity Technology Group had supported
    Flax Typhoon"); a state body that does so operates it ("the Hainan MSS branch assisted APT40")."""
    if (
        cue.predicate == "operated_by"
        and not cue.forward
        and _SUPPORT.match(text, h0, h1)
        and supporter.kinds() & {"company", "front_company"}
        and not supporter.kinds() & {"ministry", "provincial_bureau", "municipal_bureau", "government_agency"}
    ):
        return "linked_to"
    return cue.predicate


#: Who aims at a victim (`language.AIMING`): an actor, never a body that is "focused on" its work.
_AIMERS = frozenset({"threat_group", "person", "operation"})
#: What an aiming verb names when it names no victim: an activity ("focuses on espionage, data theft"), a verb
#: in -ing ("focused on supporting ..."), what is taken ("focusing on data and projects").
_AIMED_AT_NO_VICTIM = re.compile(
    r"\s*[\"“]?(?:(?:the|a|an|its|their)\s+)?(?:(?:support|steal|gain|collect|gather|obtain|acquir|develop|conduct|"
    r"target|attack|hack|spy|exfiltrat|compromis|exploit|us|build|creat|harvest|monitor|disrupt|sabotag|influenc|"
    r"spread|promot|undermin)ing\b|(?:cyber[- ]?)?espionage|theft|intelligence|information|data|collection|research|"
    r"access|surveillance|reconnaissance|profit|gain|money|ransom|"
    # the same deeds after modifiers of their own, when the deed noun ends the phrase ("precision intelligence
    # collection and ...", "long-term data theft"), not "surveillance agencies"
    r"(?:[a-z-]+\s+){1,2}(?:espionage|theft|collection|gathering|surveillance|reconnaissance)"
    r"(?=\s*(?:[,.;:)]|and\b|or\b|of\b|against\b|from\b|$)))",
    re.I,
)
#: Where the victims of an aiming verb end: a clause joined by a comma ("..., and their targets now include").
_AIM_CLAUSE_END = re.compile(r",\s+(?:and|but|while|whereas|as|which|who)\s+(?:their|its|his|her|they|it|the)\b", re.I)


def _described_actors(
    text: str, sentence: tuple[int, int], ms: list[Mention], possible: set[int] | None = None
) -> list[Mention]:
    """Phrases of the sentence that describe a doer without naming it ("Chinese state-affiliated
    organisations", "a sophisticated state-based actor"); a phrase holding a name is that name's (`possible`:
    see `relations`; a sentence without a head word describes no one)."""
    out = []
    for d in frames.described(text, *sentence, ms, possible):
        if d.proposed_kind not in {"threat_group", "person", "other_organisation", "operation"}:
            continue
        if any(d.start <= m.start and m.end <= d.end and m.kinds() & _NAMED_DOERS for m in ms):
            continue
        before = [m for m in ms if m.end <= d.start]
        if (
            before
            and before[-1].kinds() & _NAMED_DOERS
            and (_RENAMES.fullmatch(text, before[-1].end, d.start) or frames.assessed_as(text, before[-1], d.start))
        ):
            continue  # "RedJuliett is a likely Chinese state-sponsored actor", "Talos assesses X as a ...": the name's
        if len(before) > 1 and frames._joined_qualifier(text, before[-1], d):
            # "X is a North Korea-linked APT that targeted Y": the state qualifies the phrase, which renames the name
            # before the state and stands for it (the state, nearer the verb, is no doer)
            name = before[-2]
            if name.kinds() & _NAMED_DOERS and _RENAMES.fullmatch(text, name.end, before[-1].start):
                out.append(
                    dataclasses.replace(d, text=name.text, targets=name.targets, proposed_kind=name.proposed_kind)
                )
                continue
        if _ASIDE.search(text, max(sentence[0], d.start - 40), d.start):
            continue  # "these defendants—two of whom are PRC officials—used ...": an aside, not the doer
        out.append(d)
    return out


_RENAMES = re.compile(
    frames.NAME_HEAD
    + r"\s*(?:\(?[^()]{0,60}\)\s*)?(?:(?:,|"
    # a hedge between the copula and the phrase: "X is likely a ...", "X is suspected to be a ..."
    + frames.HEDGED_COPULA
    + r"|remains|"
    r"(?:has\s+|have\s+)?(?:emerged|been\s+(?:described|identified|classified))\s+as)"
    # the described phrase may start inside the noun phrase the copula or apposition renames the name by: "X is
    # an Iranian threat group", "X, a highly active hacking group," "X is a persistent and opportunistic ... actor"
    r"(?:\s*(?:an?|the)\s+" + frames.RENAMING_MODIFIERS + r")?"
    r"|—|–)?\s*",
    re.I,
)
#: Ties whose object, right after the cue, may be a deed rather than who stands behind the subject.
_TIED_TO_DEED = frozenset({"linked_to", "attributed_to"})
#: A plural deed noun right after the cue, then a clause of its own (a relative pronoun or a participle) or a
#: preposition that aims it: "attributed to phishing campaigns that exploit X", "linked to operations discrediting
#: X", "linked to significant breaches across various sectors, including X", "linked to attacks against X". The name
#: after it is what the deeds act on; "linked to attacks by X" names the doer and is read by the frames,
#: "operations including X" names the deeds themselves, and "operations on behalf of X" the one they serve.
_DEED_CLAUSE = re.compile(
    r"\s*(?:(?:the|several|multiple|many|various|recent)\s+)?(?:[a-z][\w-]*\s+)?"
    r"(?:campaigns|attacks|cyberattacks|operations|intrusions|activities|efforts|breaches|compromises|hacks)\s+"
    r"(?:that|which|(?!including\b)\w+ing|against|across|into|at|on(?!\s+behalf\b))\b",
    re.I,
)
_ASIDE = re.compile(r"[—–]\s*(?:\w+\s+){0,3}of\s+(?:whom|which)\b[^—–]*$", re.I)
_NAMED_DOERS = frozenset({"threat_group", "person", "company", "front_company", "operation"})


#: Predicates whose object is the body that stands behind the subject: the most specific one named.
_SPECIFIC = frozenset({"operated_by", "linked_to", "employed_by", "attributed_to", "front_company_for"})
_NESTED_GAP = re.compile(r"(?:['’]s)?\s*(?:\([^()]{1,12}\))?\s*")


def _most_specific(text: str, obj: Mention, ms: list[Mention]) -> Mention:
    """'at the direction of China's MSS Hainan State Security Department': the department, not the ministry
    it belongs to (a bureau named right after its ministry)."""
    if "ministry" not in obj.kinds():
        return obj
    for m in ms:
        if m.start >= obj.end and m.kinds() & {"provincial_bureau", "municipal_bureau"}:
            return m if _NESTED_GAP.fullmatch(text, obj.end, m.start) else obj
        if m.start >= obj.end and not _NESTED_GAP.fullmatch(text, obj.end, m.start):
            break
    return obj


def _without_partial_overlaps(ms: list[Mention]) -> list[Mention]:
    """A proposed name that runs into a known one ("Chinese Ministry of State" over "Ministry of State
    Security") is a misreading of the known name's context: the known name stands."""
    if all(m.entity is not None for m in ms):
        return list(ms)  # speed only: both passes below change only proposed names
    known = [m for m in ms if m.entity is not None]
    kept = [
        m
        for m in ms
        if m.entity is not None
        or not any(k.start < m.end and m.start < k.end and not (m.start <= k.start and k.end <= m.end) for k in known)
    ]
    # "the Treasury Department": a bare generic head right after a name is the end of that name
    out: list[Mention] = []
    for m in kept:
        if out and m.entity is None and _GENERIC_HEAD.fullmatch(m.text) and m.start - out[-1].end == 1:
            p = out[-1]
            out[-1] = Mention(p.start, m.end, f"{p.text} {m.text}", p.targets, p.proposed_kind)
            continue
        out.append(m)
    return out


_GENERIC_HEAD = re.compile(r"Department|Ministry|Office|Bureau|Agency|Government|Administration", re.I)


_KNOWN_AS_END = re.compile(r"\b(?:known as|called|named|dubbed)\s+(?:the\s+)?$", re.I)

_TRAILING_TIME = re.compile(
    r"\s+(?:(?:earlier|later)\s+)?(?:last|this|next|that)\s+(?:year|month|week|summer|winter|spring|autumn|fall)$"
    r"|\s+in\s+(?:early\s+|late\s+|mid-?)?(?:19|20)\d\d$",
    re.I,
)
#: Predicates whose object may be a described class rather than a name ("targeting journalists").
PHRASE_OBJECTS = {"targeted", "indicted", "sanctioned"}


#: For whom or at whose direction a deed is done: what follows is no victim.
_FOR_WHOM = re.compile(
    r"\b(?:on behalf of|at the (?:direction|behest|request|orders?) of|under the (?:direction|orders?|control) of|"
    r"for the (?:benefit|use|sake) of|in support of)\b",
    re.I,
)
#: A conjunction that opens a clause of contrast after the victims: what it tells of (where effects were seen,
#: who else was hit) is not what the verb before it aimed at; "though also X" (no verb of its own) still lists
#: victims.
_CONTRAST_CLAUSE = re.compile(
    r"\b(?:though|although|whereas)\s+(?=(?:[\w'’-]+\s+){0,5}?(?:is|are|was|were|had|has|have|did|does|do|"
    r"could|may|might|would|will|can)\b)",
    re.I,
)
#: A participle after the victims that takes an object of its own, telling what the victims oversee or offer
#: ("agencies overseeing X", "vendors providing Z"): its object is none of them. Participles that also stand as a
#: noun's modifier ("manufacturing enterprises", "developing countries") are not among them, and one joined by
#: "and" is the doer's own ("breached X and offering stolen data").
_VICTIMS_TASK = re.compile(
    r"(?<=\w)(?<!\band)(?<!\bor)\s+(?:overseeing|managing|regulating|supervising|administering|providing|"
    r"offering|selling|supplying)\s",
    re.I,
)
#: A passive of use: the subject is a tool, whoever uses it is the doer of what follows.
#: "X was used during the Y campaign by Z to target W": the time or the campaign of the use stands between.
_USED_BY = re.compile(
    r"\b(?:is|was|were|are|been|being)\s+(?:\w+ly\s+)?(?:used|deployed|employed|leveraged|wielded)\s+"
    r"(?:(?:during|in)\s+[^,.;()]{1,100}?\s+)?by\b",
    re.I,
)
#: Where a headline's noun phrase ends: a capitalised participle or preposition ("... Hackers Tied to X").
_TITLE_TAIL = re.compile(
    r"\s+(?:Tied|Linked|Accused|Charged|Suspected|Behind|Connected|Over|For|In|With|After|Who|From|Of|To)\b"
)


_QUOTE_OPENS = re.compile(r"\s+[\"“](?=\w)")
#: A participle that ends an item cut before its complement ("hackers linked | to APT3"): not the victim's.
_PARTICIPLE_TAIL = re.compile(
    r"\s+(?:linked|tied|connected|affiliated|associated|accused|suspected|believed|known|based|belonging|"
    r"related|owned|run|operated|managed|manufactured|developed|hosted|maintained|provided)$",
    re.I,
)
#: `_PARTICIPLE_TAIL` not tried inside a run of white space (extract/guards.py; speed only).
_PARTICIPLE_TAIL_RUNS = RunSearch(_PARTICIPLE_TAIL)


def _phrase_objects(
    text: str, start: int, end: int, ms: list[Mention], rng: frozenset[str], predicate: str
) -> list[Mention]:
    if predicate == "targeted":
        # each searched where the gate finds its words in the phrase (speed only)
        whom = _GATE.search(_FOR_WHOM, text, start, end)
        if whom:  # "hacked universities on behalf of the MSS": the MSS is no victim
            end = whom.start()
        task = _GATE.search(_VICTIMS_TASK, text, start, end)
        if task:  # "agencies overseeing foreign affairs and trade": what the victims do is no victim
            end = task.start()
        other = _GATE.search(_CONTRAST_CLAUSE, text, start, end)
        if other:  # "targeting India though effects were seen in X": the other clause names no victim
            end = other.start()
    spans = phrases.items(text, start, end)
    headline = phrases.headline(text, start)
    if headline:
        spans = spans[:1]  # "Justice Department Charges 9 Chinese Nationals in Hacking Scheme": one object
    out: list[Mention] = []
    for i, (a, b) in enumerate(spans):
        inside = [m for m in ms if m.start < b and a < m.end and _fits(m, rng)]
        named = sum(m.end - m.start for m in inside) >= 0.6 * (b - a) and (
            not inside or inside[0].start - a <= 4 or not text[a:b][:1].islower()
        )
        if inside and _KNOWN_AS_END.search(text, a, inside[-1].start):
            inside, named = inside[-1:], True  # "a Beijing-based company known as X": X
        elif (
            inside
            and inside[-1].end == b
            and "person" in inside[-1].kinds()
            and phrases.PERSON_HEADS.search(text[a : inside[-1].start].strip())
        ):
            inside, named = inside[-1:], True  # "Chinese nationals Wu Yingzhuo": the person the role names
        elif predicate == "used" and len(inside) == 1 and _TOOL_PHRASE.fullmatch(" " + text[a:b]):
            named = True  # "the KEYPLUG backdoor", "ShadowPad malware": the known tool, not a new one of that kind
        if inside and named:
            out += [m for m in inside if m not in out]
            continue
        # "45 US technology companies": a name inside a described class is not the target; a name of the
        # wrong kind is not an object of this predicate at all
        if not inside and any(m.start < b and a < m.end for m in ms):
            continue
        name = phrases.name_of(text, spans, i)
        lead = _LEAD_JUNK.match(name)
        if lead:  # "..., but also governments", "not to mention activists": the item after the connective
            name, a = name[lead.end() :], a + lead.end()
        when = _TRAILING_TIME.search(name)
        if when:  # "a Dutch military network last year": the time is no part of the victim
            name = name[: when.start()]
            b = a + len(name) if text[a:b].startswith(name) else b
        quoted = _QUOTE_OPENS.search(name)
        if quoted:  # 'breached a port operator "disinformation"': the quote is another phrase
            name = name[: quoted.start()]
            b = a + len(name)
        tail = _PARTICIPLE_TAIL_RUNS.search(name)
        if tail and tail.start() > 0:  # "three hackers linked" (to X), "firewalls owned" (by Y): the noun
            name = name[: tail.start()]
            b = a + len(name)
            if phrases.NOT_VICTIMS.search(name):
                continue  # "the software owned by X": a thing used, no victim
        cut = _TITLE_TAIL.search(name) if headline else None
        if cut:  # "Five Alleged Chinese Hackers Tied to APT40": the hackers
            name = name[: cut.start()]
            b = a + len(name)
        held = _HELD.match(name)
        if held:  # "the network infrastructure of X", "computer defenses of X": X was targeted
            a += len(name) - len(held.group(1))
            name = held.group(1)
        if _VERB_ITEM.match(name) or (_INTENT_VERB.fullmatch(name) and _TO_VERB.match(text, b)):
            # "targets X and focuses on espionage, data theft", "steal files from X, and threaten to publish them":
            # what follows is no victim
            break
        ing = _LEAD_ING.match(name)
        if ing and ing.group() not in _ING_TRADES and phrases.continues(text, b):
            break  # "targeting X, utilizing malware such as Y and Z": the particulars are the participle's, no victims
        if len(name) > 80 or not re.search(r"[A-Za-z]", name) or _fragment(name) or _NO_MORE.fullmatch(name):
            continue  # "lawmakers, academics, journalists and more": "more" names no victim
        kind = "sector"
        if predicate != "targeted":
            kind = "person" if phrases.PERSON_HEADS.search(name) else "other_organisation"
        out.append(Mention(a, b, name, [], kind))
    return out


#: The open end of a list, no item of its own: "and more", "and others", "and many more", "and so on".
_NO_MORE = re.compile(r"(?:many\s+|much\s+)?(?:more|others|so\s+on)", re.I)


#: What is taken, not who is targeted: "accessed 40 million people's names and addresses", "the telephone
#: conversations", "text messages"; money and what the words call stolen ("gained access to more than 127,000 of
#: the stolen Bitcoin", "seems to have access to significant funding", "hacking technologies stolen").
_TAKEN = re.compile(
    r"\b(?:names|addresses|records|details|messages|conversations|calls|communications|recordings|"
    r"workstations|tools|techniques|funding|funds|money|bitcoins?|stolen)$",
    re.I,
)


def _not_a_victim(text: str, o: Mention, predicate: str) -> bool:
    """An object of `targeted` that names data taken, or a sector word that qualifies the noun after it
    ("China's intelligence services")."""
    if predicate != "targeted":
        return False
    if o.kinds() == {"sector"} and o.targets and frames._ROLE_NOUN.match(text, o.end):
        return True
    return o.entity is None and bool(_TAKEN.search(o.text.strip()))


def _state_as_doer(text: str, s: int, m: Mention, described: list[Mention]) -> bool:
    """Whether a mention may stand as the doer of a targeting verb: anything but a country, and a country
    only as a whole noun phrase, not inside a described doer ("Chinese hackers", "China-linked actors") nor
    in a phrase qualifying the noun before it ("hackers tied to the Chinese government")."""
    if m.kinds() != {"country"}:
        return True
    if any(d.start <= m.start and m.end <= d.end and (d.start, d.end) != (m.start, m.end) for d in described):
        return False
    return roles.state_as_doer(text, s, m) and not _qualifies(text, s, m)


#: "attempts by X to": X, right before the infinitive, is the agent of the noun of trying before it.
_AGENT_BY = re.compile(r"\b(?:attempts?|efforts?|bids?)\s+by\s+(?:the\s+)?$", re.I)


def _pick_subject(
    text: str,
    s: int,
    h0: int,
    h1: int,
    pool: list[Mention],
    dom: frozenset[str],
    forward: bool,
    ms: list[Mention],
    gap: int = MAX_SUBJECT_GAP,
    lead: re.Pattern[str] | None = None,
) -> Mention | None:
    if not forward:
        for m in pool:  # the nearest after the cue: "... was run by X"
            if _fits(m, dom) and _gap_ok(text, h1, m.start, MAX_OBJECT_GAP):
                return m
        return None
    if _BEING.match(text, h0):
        # "named X as being connected to Y": "being" is the relation's copula, its subject the name before
        # it; else, as for any form in -ing, the doer the clause is about ("groups that Microsoft has
        # identified as being linked to Y")
        for m in reversed(pool):
            if _fits(m, dom) and _gap_ok(text, m.end, h0, gap):
                if lead is None or lead.fullmatch(text, past_space_run(text, m.end, h0), h0):
                    return m
                break
    if _infinitive(text, h0, s):
        # the doer of "to target" / "targeting": the nearest group or operation before it, else the nearest
        # other actor (a bureau, a company), never a place or a person named at the head of the sentence
        earlier = [x for x in reversed(ms) if x.end <= h0 and _fits(x, dom) and not (x.kinds() & _BYSTANDERS)]
        if (
            earlier
            and _AGENT_BY.search(text, max(s, earlier[0].start - 12), earlier[0].start)
            and not text[earlier[0].end : h0].strip()
        ):
            return earlier[0]  # "an attempt by China to compromise X": the agent of the trying does the deed
        if earlier and (tie := frames.tie_before(text, s, earlier[0].start, earlier[0].end, h0)) is not None:
            earlier = [x for x in earlier if x.end <= tie]  # "X is an actor linked to Y, known for targeting Z": X
        if len(earlier) > 1 and _and_auxiliary(text, earlier[0].end, h0):
            # "X has code overlap with Y, and has been linked to campaigns targeting Z": the verb joined by "and"
            # is the sentence's subject's, not that of the name its first verb took
            earlier = earlier[-1:]
        use = max(_USES.finditer(text, s, h0), key=lambda u: u.start(), default=None)
        if use is not None:  # "China uses the malware, which it named Coathanger, to spy on X": the user
            users = [x for x in reversed(ms) if x.end <= use.start() and x.start >= s]
            if users:  # the nearest name before the verb uses it; one that cannot do the deed makes no statement
                return users[0] if users[0] in earlier else None
        for group in (DOERS, ACTORS):
            for m in earlier:
                if m.kinds() & group:
                    return m
        return None
    for m in reversed(pool):
        if _fits(m, dom) and _gap_ok(text, m.end, h0, gap):
            return m if lead is None or lead.fullmatch(text, past_space_run(text, m.end, h0), h0) else None
    return None


#: What ends the reach of a verb toward its object: a relative clause, a speaker, a beneficiary.
_OBJECT_BARRIER = re.compile(r"\b(?:who|whom|which|said|says|told|according)\b", re.I)
#: A verb of its own conjoined after a tie's object ("associated with reconnaissance attempts against X and has
#: utilized Y"): what follows is that verb's, and the tie reaches no name past it.
_CONJOINED_VERB = re.compile(
    r"\b(?:and|but)\s+(?:has|have|had)\s+(?:\w+ly\s+)?(?:also\s+)?(?:been\s+)?(?-i:[a-z]+ed)\b", re.I
)
_BENEFICIARY = re.compile(r"\bfor\s+(?:the\s+)?(?:benefit|use|sake)\s+of\b|\bon behalf of\b|\bfrom\b", re.I)
_PASSIVE_BY = re.compile(r"\s+by\b", re.I)
#: "conducted hacking for the PRC government": whom the deed serves, not its victim.
_FOR_FIRST = re.compile(r"\s*for\b", re.I)


def _pick_object(
    text: str, h0: int, h1: int, pool: list[Mention], rng: frozenset[str], forward: bool, predicate: str = ""
) -> Mention | None:
    if forward:
        for m in pool:
            gap = text[h1 : m.start]
            if (
                _OBJECT_BARRIER.search(gap)
                or (predicate == "targeted" and (_BENEFICIARY.search(gap) or _FOR_FIRST.match(gap)))
                or (predicate in _SPECIFIC and _CONJOINED_VERB.search(gap))
            ):  # "victims who were critics of China", "hacking for the benefit of China", "hacking for the PRC"
                return None
            if frames._NAMING_PARTICIPLE.match(text, m.end):
                continue  # "linked to the Microsoft-defined Storm-0501 entity": who names it qualifies the object
            if _fits(m, rng) and _gap_ok(text, h1, m.start, MAX_OBJECT_GAP):
                return m
        return None
    for m in reversed(pool):  # passive: the object is the mention before the cue
        if _fits(m, rng) and _gap_ok(text, m.end, h0, MAX_SUBJECT_GAP):
            return m
    return None


def _without_nationality(clause: str) -> str:
    """The clause without its nationality phrases and their hedges ('a likely Chinese state-sponsored')."""
    return _DEMONYM_HEDGED.sub(" ", clause)


def _no_link(text: str, s: int, e: int) -> bool:
    return bool(_NO_LINK.search(text[s:e]))


#: "there is insufficient evidence to link X to Y", "no evidence to attribute X to Y": the tie is denied, though the
#: words that deny it stand before the verb of tying, and the verb before X (outside the window of the negation).
_UNPROVEN_TIE = re.compile(
    r"\b(?:no|insufficient|little|scant|not enough|lack of|without)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:evidence|proof|indication|basis)\s+(?:[\w-]+\s+){0,2}?to\s+(?:(?:link|tie|connect|attribute)\s+(?:the\s+)?)?$",
    re.I,
)


def _unproven_tie(text: str, s: int, lo: int) -> bool:
    """Whether the statement starting at `lo` is a tie the words before it say there is not enough to make."""
    return bool(_UNPROVEN_TIE.search(text, max(s, lo - 90), lo))


def _fold_abbreviations(text: str, ms: list[Mention]) -> list[Mention]:
    """'Ministry of State Security's (MSS)': the bracketed short name is the same mention, not another."""
    out: list[Mention] = []
    for m in ms:
        if out and out[-1].same_entity(m) and re.fullmatch(r"(?:['’]s)?\s*\(\s*", text[out[-1].end : m.start]):
            continue
        out.append(m)
    return out


_POSSESSIVE = re.compile(r"^['’]s\s*(?:\([^()]{1,20}\)\s*)?$")


def _possessives(text: str, ms: list[Mention]) -> tuple[list[Mention], list[tuple[Mention, Mention]]]:
    """ "the Ministry of State Security's (MSS) Hainan State Security Department": the second is the body
    meant, the first its parent."""
    possessors, pairs = [], []
    for a, b in itertools.pairwise(ms):
        if _POSSESSIVE.match(text[a.end : b.start]):
            possessors.append(a)
            pairs.append((a, b))
    return possessors, pairs


_COPULA = re.compile(
    r"^\s*(?:,\s*(?:a|an|the)\b|\s*(?:is|was|are|were|remains)\s+(?:a|an|the|one of the)?\b)[^;:.]{0,70}$", re.I
)


def _described(text: str, start: int, ms: list[Mention]) -> Mention | None:
    """The group a description at `start` is about: 'Leviathan is a ... group', 'APT40, a ... group', 'Talos
    assesses X as a ... group'."""
    for m in reversed([x for x in ms if x.end <= start]):
        if "threat_group" in m.kinds() and (_COPULA.match(text[m.end : start]) or frames.assessed_as(text, m, start)):
            return m
        break
    return None


_BETWEEN = guarded(re.compile(r"\b(?:links?|ties|connections?|relationships?|association)\s+between\s+", re.I))


def _link_between(
    text: str,
    sentence: tuple[int, int],
    ms: list[Mention],
    assertor: str | None,
    amention: Mention | None,
    date: str | None,
) -> list[Extracted]:
    """'the link between China's MSS and the APT10 group': APT10 linked_to the MSS (lower rung first)."""
    s, e = sentence
    out = []
    for m in _GATE.finditer(_BETWEEN, text, s, e):
        first = next((x for x in ms if x.start >= m.end() and x.start - m.end() <= 6), None)
        if first is None:
            continue
        second = next(
            (x for x in ms if x.start > first.end and re.fullmatch(r"\s+and\s+(?:the\s+)?", text[first.end : x.start])),
            None,
        )
        if second is None:
            continue
        if not (first.kinds() | second.kinds()) & {"threat_group", "person", "company", "front_company", "operation"}:
            continue  # "economic links between China and Southeast Asia": not an attribution
        a, b = (second, first) if "threat_group" in second.kinds() else (first, second)
        hedged, conf = L.hedge(text[s : second.end])
        negated = bool(L.NEGATION.search(text[max(s, m.start() - 30) : m.start()]))
        out.append(
            Extracted(
                a, "linked_to", b, None, sentence, hedged, negated, conf, assertor, amention, date, (m.start(), m.end())
            )
        )
    return out


_BASED = re.compile(r"-based\b", re.I)
_ASIDES = re.compile(r"\s[-–—]{1,2}\s[^-–—]{1,80}?\s[-–—]{1,2}\s|,\s*(?:which|who)\b[^,]{1,80},")
_STATE_WORD = re.compile(r"\b(?:state|government|regime)$", re.I)
_SPONSORED_IN = guarded(
    re.compile(
        r"\bstate[- ](?:sponsored|backed|affiliated|supported|linked|directed)\s+(?:[\w-]+\s+){0,3}?"
        r"(?:based in|from|out of|operating from|operating out of)\s+",
        re.I,
    )
)


def _based(
    text: str,
    sentence: tuple[int, int],
    ms: list[Mention],
    assertor: str | None,
    amention: Mention | None,
    date: str | None,
) -> list[Extracted]:
    """'China-based group X' / 'X is a China-based group': X located_in China; 'X, a state-sponsored
    actor based in China': X attributed_to China."""
    s, e = sentence
    out = []
    places = [m for m in ms if m.kinds() & {"country", "province", "city", "region"}]
    for p in places:
        if not _BASED.match(text, p.end) or _STATE_WORD.search(p.text):
            continue  # "a Chinese state-based operation" says who runs it, not where it is
        after = [m for m in ms if m.start >= p.end and "threat_group" in m.kinds() and m.start - p.end <= 40]
        if after and frames.BASED_THING.search(text, p.end, after[0].start):
            continue  # "U.S.-based computers infected with X's": the based noun is another thing than any group
        subject = after[0] if after else _described(text, p.start, ms)
        if subject is not None:
            hedged, conf = L.hedge(text[s : max(subject.end, p.end)])
            out.append(
                Extracted(
                    subject,
                    "located_in",
                    p,
                    None,
                    sentence,
                    hedged,
                    False,
                    conf,
                    assertor,
                    amention,
                    date,
                    (p.end, p.end + 6),
                )
            )
    for m in _GATE.finditer(_SPONSORED_IN, text, s, e):
        country = next((p for p in places if p.start == m.end() and "country" in p.kinds()), None)
        subject = _described(text, m.start(), ms)
        if country is not None and subject is not None:
            hedged, conf = L.hedge(text[s : country.end])
            out.append(
                Extracted(
                    subject,
                    "attributed_to",
                    country,
                    None,
                    sentence,
                    hedged,
                    False,
                    conf,
                    assertor,
                    amention,
                    date,
                    (m.start(), m.end()),
                )
            )
    return out


#: A short described subject at the head of a clause ("The case was linked to", "This campaign ...").
#: ends where the cue starts, allowing the auxiliary the cue does not take ("The case has been linked")
_NP_SUBJECT = guarded(
    re.compile(
        r"(?:^|[,;]\s*)((?:the|this|that|these|those)\s+(?:[\w-]+\s+){0,2}?"
        r"(case|campaign|operation|attack|companies|company|indictment|intrusion|breach))\s+"
        r"(?:(?:has|have|had|was|were|is|are)\s+)?(?:been\s+)?$",
        re.I,
    )
)
_NP_KINDS = {
    "case": "indictment",
    "indictment": "indictment",
    "campaign": "operation",
    "operation": "operation",
    "attack": "operation",
    "intrusion": "operation",
    "breach": "operation",
    "company": "company",
    "companies": "company",
}


def _np_subjects(
    text: str,
    sentence: tuple[int, int],
    hits: list[tuple[int, int, L.Cue]],
    ms: list[Mention],
    assertor: str | None,
    amention: Mention | None,
    date: str | None,
) -> list[Extracted]:
    """Statements whose subject is described, not named: 'The case was linked to the Hubei branch'."""
    s, _ = sentence
    out = []
    for h0, h1, cue in hits:
        if not cue.forward or cue.predicate == "also_known_as":
            continue
        head = _NP_SUBJECT.search(text[s:h0])  # on the slice: "^" is the start of the sentence
        if head is None:
            continue
        a, b = s + head.start(1), s + head.end(1)
        if any(m.start < h0 and m.end > a for m in ms):
            continue  # a named subject stands there
        subj = Mention(a, b, text[a:b], [], _NP_KINDS[head.group(2).lower()])
        pred = PREDICATES[cue.predicate]
        if not _fits(subj, pred.domain_kinds):
            continue
        obj = _pick_object(text, h0, h1, [m for m in ms if m.start >= h1], pred.range_kinds, True)
        if obj is None:
            continue
        hedged, conf = L.hedge(text[s : obj.end])
        out.append(
            Extracted(subj, cue.predicate, obj, None, sentence, hedged, False, conf, assertor, amention, date, (h0, h1))
        )
    return out


#: A sentence listing whom an actor targets: "Its targets span X, Y", "Their targets, the DoJ says, include
#: X", "Targets of the attacks included X", "Victims include X", "APT41's victims included X".
_TARGETS_LISTED = re.compile(
    r"[\s\"“]*(?:(?:In|Since|From|By)\b[^,.;]{0,40},\s*)?"
    r"(?:(?P<own>Its|Their|The group['’]s|The hackers['’]|The actors['’])\s+|(?P<poss>['’]s?\s+))?"
    r"(?:main\s+|primary\s+|known\s+|other\s+|alleged\s+|intended\s+)?(?P<noun>[Tt]argets|[Vv]ictims)"
    r"(?:\s+of\s+(?:the|these|this|its|their)\s+(?:attacks?|campaigns?|hackers|group|intrusions?|operations?|"
    r"activit(?:y|ies)))?"
    r"(?:\s*,[^,;]{1,40},)?\s+(?:also\s+)?(?:include[sd]?|including|have included|span(?:ned|s)?|range[sd]? from)\b"
)


#: A clause listing an actor's victims after the clause that names it: "...: the list of its victims includes",
#: "..., and their targets now include".
_CLAUSE_TARGETS = re.compile(
    r"(?::\s+|;\s+|,\s+and\s+)(?:the\s+list\s+of\s+)?(?:its|their)\s+(?:main\s+|primary\s+|known\s+|other\s+)?"
    r"(?P<noun>targets|victims)\s+(?:(?:now|also|reportedly|allegedly)\s+)?"
    r"(?:include[sd]?|have included|span(?:ned|s)?)\b",
    re.I,
)
_LISTERS = frozenset({"threat_group", "person", "company", "front_company"})


def _targets_listed(
    text: str,
    sentence: tuple[int, int],
    before: list[Mention],
    ms: list[Mention],
    assertor: str | None,
    amention: Mention | None,
    date: str | None,
) -> list[Extracted]:
    """The victims a sentence lists as an actor's targets: the actor is the possessor named at the start
    ("APT41's victims included"), or the last group, person or company named before a possessive pronoun
    ("Its targets span", "Their targets, the DoJ says, include"); the victims are the noun phrases after
    the verb."""
    s, e = sentence
    subject: Mention | None = None
    m = None
    for x in ms:  # "APT41's victims included X": the possessor opens the sentence
        if x.start < s or x.start > s + 3:
            continue
        m = _TARGETS_LISTED.match(text, x.end, e)
        if m and m.group("poss") and x.kinds() & {"threat_group", "person", "company", "front_company"}:
            subject = x
        break
    if subject is None:
        m = _TARGETS_LISTED.match(text, s, e)
        if m is None or not m.group("own"):
            inner = _CLAUSE_TARGETS.search(text, s, e) if "its" in text[s:e] or "their" in text[s:e] else None
            own = [x for x in ms if s <= x.start and inner and x.end <= inner.start() and x.kinds() & _LISTERS]
            if inner is None or not own:
                return []  # "Victims include X" names no actor: the last one named is too often someone else
            # "GALLIUM began focusing on X, and their targets now include Y": the actor its clause follows
            subject, m = own[-1], inner
        else:
            pool = [x for x in before if x.start >= 0 and x.kinds() & _LISTERS]
            if not pool:
                return []
            ref = _sentence_subject(text, pool[-1], before, _LISTERS - {"person"})
            a, b = m.start("own"), m.end("own")
            subject = reference.standing(text, a, b, ref, pool, _LISTERS)  # "Their" as written, the note says who
    assert m is not None
    rng = PREDICATES["targeted"].range_kinds
    objects = _phrase_objects(text, m.end(), e, ms, rng, "targeted")
    objects = [o for o in objects if not _not_a_victim(text, o, "targeted")]
    hedged, conf = L.hedge(text[s:e])
    cue = (m.start("noun"), m.end())
    return [
        Extracted(subject, "targeted", o, None, sentence, hedged, False, conf, assertor, amention, date, cue)
        for o in objects
    ]


_SUBORDINATES = guarded(
    re.compile(
        r"\b(?:following\s+)?subordinate\s+(?:agencies|bodies|entities|organi[sz]ations|units|departments)"
        r"(?:\s+and\s+\w+)?[^:;.]{0,80}:",
        re.I,
    )
)


def _subordinate_list(
    text: str, sentence: tuple[int, int], ms: list[Mention], hedge_conf: tuple[bool, int]
) -> list[Extracted]:
    """'X coordinates the following subordinate agencies: A, B, C' -> A, B, C subordinate_to X."""
    s, e = sentence
    out = []
    dom = PREDICATES["subordinate_to"].domain_kinds
    for m in _SUBORDINATES.finditer(text, s, e):
        heads = [x for x in ms if x.end <= m.start() and _fits(x, dom)]
        members = [x for x in ms if x.start >= m.end() and _fits(x, dom)]
        if not heads or not members:
            continue
        out += [_under(x, heads[-1], sentence, hedge_conf, (m.start(), m.end())) for x in members]
    return out


def _under(
    unit: Mention, body: Mention, sentence: tuple[int, int], hedge_conf: tuple[bool, int], cue: tuple[int, int]
) -> Extracted:
    """A unit `subordinate_to` its body, at the sentence's hedge: what the list of subordinates and the unit told
    by its body both say."""
    return Extracted(unit, "subordinate_to", body, None, sentence, hedge_conf[0], False, hedge_conf[1], cue=cue)


#: A unit told by the body it belongs to, with no name of its own: "the Tianjin branch of the Ministry of State
#: Security", "the Hubei provincial branch of China's MSS", "the human intelligence arm of the PLA". "the" or "its",
#: one to three words that say which unit (a capitalised place, a level, a field), the unit's noun in lower case,
#: "of". The body is a state body named right after it (a possessor may stand before it: "of China's").
_BRANCH_OF = guarded(
    re.compile(
        r"\b(?:[Tt]he|[Ii]ts)\s+((?:(?!(?:of|and|or|the|a|an|its|their|his|her|in|at|for|to|with|by|from)\b)"
        r"[\w-]+\s+){1,3}(?:branch|arm|bureau|office|department|division))\s+of\s+(?:the\s+)?"
    )
)
#: The unit's nouns of `_BRANCH_OF`, which every match of it holds: the gate's words for `_BRANCH_OF` itself are
#: "the" and "its" (its most selective by `required_words`), in almost every sentence; a sentence without one of
#: these nouns is not searched (speed only).
_BRANCH_UNIT = re.compile(r"branch|arm|bureau|office|department|division")
_FROM_BEFORE = re.compile(r"\bfrom\s+$")
#: What may stand inside the unit's words: its place and its field ("the Tianjin branch", "the intelligence arm").
_UNIT_WORDS = frozenset(KIND_CLASSES["place"]) | {"sector"}
#: The kind of such a unit, by the kind of the body it belongs to.
_BRANCH_KIND = {
    "ministry": "provincial_bureau",
    "provincial_bureau": "provincial_bureau",
    "municipal_bureau": "municipal_bureau",
    "military_unit": "military_unit",
    "state_organ": "state_organ",
    "government_agency": "government_agency",
}


def _branch_of(
    text: str, sentence: tuple[int, int], ms: list[Mention], hedge_conf: tuple[bool, int]
) -> list[Extracted]:
    """'the Tianjin branch of the Ministry of State Security' -> that branch (the whole phrase, a described end)
    subordinate_to the ministry. Only where the body is a state body the store knows (a ministry, a bureau, the
    army): "the sales department of a firm" tells no chain of command."""
    s, e = sentence
    out = []
    for m in _BRANCH_OF.finditer(text, s, e):
        if _FROM_BEFORE.search(text, max(s, m.start() - 6), m.start()):
            continue  # "officers from the Hubei local arm of X": where the people work, said of the people
        body = next(
            (
                x
                for x in ms
                if m.end() <= x.start <= m.end() + 30
                and x.entity is not None
                and x.kinds() & _BRANCH_KIND.keys()
                and not re.search(r"[,;:.()\"“”]", text[m.end() : x.start])
            ),
            None,
        )
        if body is None or any(
            (x.start < m.start(1) < x.end or m.start(1) <= x.start < m.end(1)) and not x.kinds() <= _UNIT_WORDS
            for x in ms
        ):
            continue  # no state body after it, or a name stands inside the unit's words (the unit is named)
        kind = next(_BRANCH_KIND[k] for k in _BRANCH_KIND if k in body.kinds())
        a = m.start(1)
        unit = Mention(a, body.end, text[a : body.end], [], kind)
        out.append(_under(unit, body, sentence, hedge_conf, (m.start(), m.end())))
    return out


#: A body told to answer to another: "X reports (directly) to Y", "X answers to Y", "X is answerable / accountable
#: to Y". Not the past tense: "the company reported to the FBI", "answered to the ministry" tell of a message.
_ANSWERS_TO = guarded(
    re.compile(
        r"\b(?:(?:reports?|answers?)\s+(?:directly\s+)?to|"
        r"(?:is|are|was|were|be|remains?|remained)\s+(?:\w+ly\s+)?(?:answerable|accountable)\s+to)\s+"
        r"(?:the\s+)?",
        re.I,
    )
)
#: Between the answering body and its verb: an abbreviation or a gloss in brackets, an aside between commas,
#: helping verbs and adverbs ("The PLA (China's armed forces) has ... and answers to" is not read: a clause of its own).
_ANSWER_GAP = re.compile(
    r"[\s\"”’]*(?:\([^()]{0,60}\)\s*)?(?:,\s*which\s+)?(?:(?:also|now|still|ultimately|formally|nominally|\w+ly)\s+)*",
    re.I,
)
#: A body told by its kind at the head of the sentence: "The main civilian intelligence service is answerable to".
_ANSWERING_DESCRIBED = re.compile(
    r"(?:^|[•:;]\s*)((?:[Tt]he|[Ii]ts)\s+(?:[\w-]+\s+){0,4}?(?:service|agency|ministry|bureau|department|"
    r"command|commission|force|forces|army|unit|units|militias?|office))[\s]*$"
)
_ANSWER_KINDS = PREDICATES["subordinate_to"].domain_kinds


def _answers_to(
    text: str, sentence: tuple[int, int], ms: list[Mention], hedge_conf: tuple[bool, int]
) -> list[Extracted]:
    """'X reports to Y', 'X answers to Y', 'X is answerable to Y and Z' -> X subordinate_to Y (and Z): a body
    and the body it answers to, both of the kinds of a chain of command. A described body at the head of the
    sentence takes the place of a name ("The main civilian intelligence service is answerable to ...")."""
    s, e = sentence
    out = []
    for m in _ANSWERS_TO.finditer(text, s, e):
        first = next((x for x in ms if x.start == m.end()), None)
        if first is None or not _fits(first, _ANSWER_KINDS):
            continue
        unit = next(
            (
                x
                for x in reversed(ms)
                if s <= x.start and x.end <= m.start() and _ANSWER_GAP.fullmatch(text, x.end, m.start())
            ),
            None,
        )
        if unit is None:
            d = _ANSWERING_DESCRIBED.search(text, s, m.start())
            if d is None or any(d.start(1) <= x.start < d.end(1) and not x.kinds() <= _UNIT_WORDS for x in ms):
                continue
            unit = Mention(d.start(1), d.end(1), d.group(1), [], "government_agency")
        elif not _fits(unit, _ANSWER_KINDS):
            continue
        out += [
            _under(_choose(unit, _ANSWER_KINDS), _choose(b, _ANSWER_KINDS), sentence, hedge_conf, (m.start(), m.end()))
            for b in _object_list(text, first, [x for x in ms if x.start > first.end], _ANSWER_KINDS)
            if b.start != unit.start
        ]
    return out


#: A name the store does not know that holds a unit and the body it belongs to, "of the" between them ("the Security
#: Bureau of the National Police Agency", "the Chicago Field Office of the FBI"): the unit ends with its noun, the body
#: with a body's noun or is an abbreviation. "of" without "the" is inside one name ("Federal Bureau of Investigation",
#: "Cyber Security Agency of Singapore").
_UNIT_OF_BODY = re.compile(
    r"((?:[A-Z][\w-]*\s+){1,5}?(?:Bureau|Department|Office|Division|Branch|Centre|Center|Command|Section|"
    r"Directorate|Unit|Laboratory|Lab))\s+of\s+the\s+((?:[A-Z][\w-]*\s+){0,5}?(?:Agency|Ministry|Department|"
    r"Bureau|Army|Force|Forces|Commission|Council|Committee|Police|Service)|[A-Z]{2,6})$"
)


def _unit_of_body(sentence: tuple[int, int], ms: list[Mention], hedge_conf: tuple[bool, int]) -> list[Extracted]:
    """A proposed name 'Security Bureau of the National Police Agency' -> 'Security Bureau' part_of 'National
    Police Agency' (the two ends cut from the name; the name itself stays for the other readings)."""
    out = []
    for x in ms:
        if x.entity is not None or x.proposed_kind != "government_agency" or " of the " not in x.text:
            continue
        m = _UNIT_OF_BODY.fullmatch(x.text)
        if m is None:
            continue
        a, b = x.start + m.start(1), x.start + m.start(2)
        unit = Mention(a, x.start + m.end(1), m.group(1), [], "government_agency")
        body = Mention(b, x.start + m.end(2), m.group(2), [], "government_agency")
        out.append(
            Extracted(unit, "part_of", body, None, sentence, hedge_conf[0], False, hedge_conf[1], cue=(unit.end, b))
        )
    return out


#: A doer's verb of doing and the deed it names by a described phrase: "The group orchestrated the campaign",
#: "engaged in a three-month long campaign", "carried out a false flag operation". Not "involved in" (its deed is
#: attributed: "denied that China is involved in the attack"), nor "such operations" (a deed told before). The
#: phrase: a determiner or a count (a bare plural, "has conducted operations since 2013", tells what a doer does), up
#: to five words that say which deed, its noun.
_DOES_DEED = guarded(
    re.compile(
        r"\b(?:conduct(?:s|ed|ing)?|carr(?:y|ies|ied|ying)\s+out|orchestrat(?:es|ed|ing)|launch(?:es|ed|ing)?|"
        r"perpetrat(?:es|ed|ing)|mount(?:s|ed|ing)?|stag(?:es|ed|ing)|engag(?:es|ed|ing)\s+in)\s+"
        r"((?:(?:a|an|the|its|their|his|her|any|most\s+of\s+the|the\s+majority\s+of|a\s+series\s+of|"
        r"the\s+series\s+of)\s+)"
        r"(?:(?!(?:of|and|or|by|against|on|to|in|into|targeting|that|which|who|with|for|from|at|such)\b)[\w'’\"“”-]+\s+){0,5}"
        r"(?:"
        + L.deed_nouns(
            "operation",
            "campaign",
            "cyberattack",
            "cyber-attack",
            "attack",
            "intrusion",
            "surveillance",
            "espionage",
            "theft",
            "hacking",
        )
        + r"|programmes?|programs?)[\"”]?)\b",
        re.I,
    )
)
#: Between the doer and its verb: helping verbs, adverbs, "continue to", an aside between commas.
_DOER_GAP = re.compile(
    r"[\s\"”’]*(?:\([^()]{0,60}\)\s*)?(?:,[^,;]{1,40},\s*)?"
    r"(?:(?:has|have|had|is|are|was|were|been|also|allegedly|reportedly|then|later|not|never|will|would|could|may|"
    r"quietly|continues?\s+to|continued\s+to|\w+ly)\s+)*",
    re.I,
)
#: A victim after the deed, read by the targeting rules ("conducted intrusions into X"), or what the deed is of
#: ("conducted global campaigns of computer intrusions targeting X").
_DEED_VICTIM = re.compile(r"\s+(?:against|on|targeting|into|at|aimed|of)\b", re.I)
#: A doer only a pronoun names ("It also carries out password-spraying attacks"): the sentence before tells who.
_PRONOUN_DOER = re.compile(r"(?:it|they|he|she|we|them|this|these)", re.I)
_DEED_DOERS = PREDICATES["conducted"].domain_kinds - {"security_vendor", "media_organisation", "court", "legislature"}


def _does_deed(text: str, sentence: tuple[int, int], ms: list[Mention]) -> list[Extracted]:
    """'The group orchestrated the campaign', 'X carried out a false flag operation' -> the doer `conducted` the
    deed its described phrase names (a proposed operation). Not where a victim follows the deed (the targeting
    rules read "conducted intrusions into X"), nor for who reports or judges deeds."""
    s, e = sentence
    out = []
    dom = PREDICATES["conducted"].domain_kinds
    for m in _DOES_DEED.finditer(text, s, e):
        if _DEED_VICTIM.match(text, m.end(1)):
            continue
        doer = next(
            (
                x
                for x in reversed(ms)
                if s <= x.start and x.end <= m.start() and _DOER_GAP.fullmatch(text, x.end, m.start())
            ),
            None,
        )
        if (
            doer is None
            or not _fits(doer, _DEED_DOERS)
            or _PRONOUN_DOER.fullmatch(doer.text)
            or _qualifies(text, s, doer)
        ):
            continue  # "hackers associated with the Chinese government had carried out": the hackers did it
        deed = Mention(m.start(1), m.end(1), m.group(1), [], "operation")
        hedged, conf = L.hedge(text[s:e])
        negated = bool(L.NEGATION.search(text, doer.end, m.end()))
        out += [
            Extracted(
                _choose(d, dom), "conducted", deed, None, sentence, hedged, negated, conf, cue=(m.start(), m.end())
            )
            for d in _subject_list(text, doer, ms, dom)
        ]
    return out


#: A deed told without a name: "the attacks", "this breach", "the cyber intrusions".
_DEED_WORDS_TEXT = (
    r"(?:the|this|these|those|such)\s+(?:[\w-]+\s+){0,3}?(?:"
    + L.deed_nouns(
        "attack",
        "cyberattack",
        "cyber-attack",
        "hack",
        "breach",
        "intrusion",
        "campaign",
        "operation",
        "activity",
        "incident",
        "compromise",
        "hacking",
    )
    + ")"
)
_DEED_WORDS = re.compile(_DEED_WORDS_TEXT, re.I)
#: "X attributed the attack to Y", and the verbs that say the same of a deed: "blamed the breach on Y", "pinned
#: the hack on Y", "traced the intrusion (back) to Y", "tracked the campaign back to Y", "linked the hack to Y".
#: The deed is the one group that took part; only "attributed" takes a named thing other than a deed. Guarded, as
#: `_INNER_PRONOUN` (speed only).
_ATTRIBUTE = guarded(
    re.compile(
        r"\b(?:attribut(?:ed|es|e|ing)\s+(.{1,90}?)\s+to|"
        r"(?:link(?:ed|s|ing)?|trac(?:ed|es|ing|e)|tie[sd]?|tying|connect(?:ed|s|ing)?)\s+(.{1,90}?)\s+(?:back\s+)?to|"
        r"track(?:ed|s|ing)?\s+(.{1,90}?)\s+back\s+to|"
        r"(?:blam(?:ed|es|ing|e)|pin(?:ned|s|ning)?)\s+(.{1,90}?)\s+on)\s+",
        re.I,
    )
)
#: People and the preposition that names their body: "officers from the Jiangsu province".
_PEOPLE_FROM = re.compile(
    r"\b(?:officers?|officials?|agents?|employees?|members?|staff|personnel|operatives?|hackers?|spies)\s+"
    r"(?:from|of|at|in|with|within)\s+(?:the\s+|a\s+|an\s+|its\s+)?(?:[\w'’-]+\s+){0,3}$",
    re.I,
)
#: A verb of opposing before a measure's noun: "rejects the", "strongly opposes these unilateral".
_OPPOSING = re.compile(
    r"\b(?:reject|oppos|condemn|critici[sz]|denounc|slam|protest|decr[yi]|deplor|dismiss|resist)\w*\s+(?:[\w-]+\s+){0,3}$",
    re.I,
)
#: The verbs of `_ATTRIBUTE`, read in the gap between a subject and a deed noun it does not do.
_ATTRIBUTING = re.compile(r"\b(?:attribut|link|trac|track|blam|pin|tie|tied|tying|connect)\w*\s+(?:\w+\s+){0,3}$", re.I)
#: "the breach of its ministry": the deed and the victim after it.
_DEED_OF = re.compile(_DEED_WORDS_TEXT + r"\s+(?:of|on|against)\s+", re.I)


#: "China's involvement in hacking X", "any involvement by Y-backed hackers in the breach of X": whose the deed
#: after "in" is. The doer stands before "'s" or after "by / of"; the deed is a deed noun or a deed in -ing
#: with what it hit.
_INVOLVEMENT = guarded(re.compile(r"\binvolvement\s+(?:(?:by|of)\s+(?:the\s+)?)?", re.I))
_INVOLVED_IN = re.compile(r"\s*in\s+")
_OWNER_BEFORE = re.compile(r"['’]s\s+(?:(?:alleged|direct|any|suspected|possible|reported|\w+ly)\s+)*$", re.I)
_INVOLVED_DEED = re.compile(
    r"(?:(?:the|a|an|this|these|those|such)\s+)?(?:[\w-]+\s+){0,3}?(?:"
    + L.deed_nouns("attack", "cyberattack", "cyber-attack", "hack", "breach", "intrusion", "campaign", "compromise")
    + r")\b(?:\s+(?:of|on|against|into)\s+)?|"
    r"(?:hacking|attacking|breaching|compromising|targeting|infiltrating)(?:\s+into)?\s+",
    re.I,
)
#: Where the deed's phrase ends: a comma or semicolon, a stop before a capital or the end, a clause.
_DEED_END = re.compile(r"[,;:]|\.(?=(?-i:\s+[A-Z\"“])|\s*$)|\s(?:which|that|who|while|and\s+(?:the|a|an|its)\b)", re.I)


def _involvement(text: str, sentence: tuple[int, int], ms: list[Mention]) -> list[Extracted]:
    """'rejected claims of China's involvement in hacking X': the hacking of X attributed_to China (negated
    as its sentence is); the doer a name or a described actor, never a pronoun ("its involvement")."""
    s, e = sentence
    out: list[Extracted] = []
    rng = PREDICATES["attributed_to"].range_kinds
    for m in _GATE.finditer(_INVOLVEMENT, text, s, e):
        if m.end() - m.start() > len("involvement") + 1:  # "involvement by / of X in"
            doer = next((x for x in ms if x.start == m.end() and _fits(x, rng)), None)
            tail = _INVOLVED_IN.match(text, doer.end, e) if doer is not None else None
        else:  # "X's involvement in"
            own = _OWNER_BEFORE.search(text, max(s, m.start() - 40), m.start())
            doer = next((x for x in ms if own is not None and x.end == own.start() and _fits(x, rng)), None)
            tail = _INVOLVED_IN.match(text, m.end(), e) if doer is not None else None
        if doer is None or tail is None:
            continue
        deed = _INVOLVED_DEED.match(text, tail.end(), e)
        if deed is None:
            continue
        stop = _DEED_END.search(text, deed.end(), e)
        end = stop.start() if stop else e
        while end > deed.end() and not text[end - 1].isalnum():
            end -= 1
        if end <= tail.end():
            continue
        thing = Mention(tail.end(), end, text[tail.end() : end], [], "operation")
        hedged, conf = L.hedge(text[s:end])
        negated = bool(L.NEGATION.search(text[s : m.start()]))
        out.append(
            Extracted(thing, "attributed_to", doer, None, sentence, hedged, negated, conf, cue=(m.start(), m.end()))
        )
    return out


#: "the cyberattack on the center came from the US": a deed said to come from its doer.
_CAME = r"(?:came|come|comes|originated|originates)"
_CAME_FROM = guarded(re.compile(rf"\b{_CAME}\s+(?:(?:directly|mainly|largely)\s+)?from\s+", re.I))
#: The verbs every match of `_CAME_FROM` opens with, as whole words: the gate's word for `_CAME_FROM` itself
#: is "from", which most sentences hold, so the sentence is first asked for one of these (speed only).
_CAME_VERB = re.compile(rf"\b{_CAME}\b", re.I)
#: A deed's noun phrase: "the government-backed cyberattack", "these intrusions".
_DEED_HEAD = re.compile(
    r"\b(?:the|these|this|those|such)\s+((?:(?!(?:the|these|this|those|such|a|an)\b)[\w-]+\s+){0,3}?)("
    + L.deed_nouns(
        "attack", "cyberattack", "cyber-attack", "hack", "breach", "intrusion", "campaign", "operation", "incident"
    )
    + r")\b",
    re.I,
)
_ASKED = re.compile(r"\b(?:whether|if)\s+$", re.I)
#: What may stand between the deed and "came from": its victim ("on the center"), an auxiliary, an adverb.
_DEED_TAIL = re.compile(r"(?:\s+(?:on|against|into|of)\s+[^,;:()]{1,60}?)?\s+(?:(?:had|has|have|all|\w+ly)\s+)?", re.I)


#: "China firmly opposes and cracks down on all forms of cyber attacks": a party's stance against a class of deeds,
#: the verb of opposing with its adverbs and a second verb of fighting joined to it, then the class ("all / any forms,
#: kinds of ...") up to the clause's end. The ministries' wording puts more between the party and the verb: adverbs
#: and an auxiliary ('the Chinese government "all along firmly opposes"', "has always resolutely opposed and cracked
#: down on"), and a first verb of the party's own joined by "and" ("firmly safeguards cyber security and has always
#: resolutely opposed ...").
_OPPOSES = re.compile(
    r"(?:\s+(?:\w+ly\s+)?[a-z]+s\s+[\w\s-]{1,40}?\s+and)?"
    r"\s+[\"“]?(?:(?:all\s+along|always|(?:has|have)(?:\s+always)?|\w+ly)\s+){0,3}[\"“]?"
    r"(?:oppose(?:\[?s\]?|d)?|(?:is|are)\s+against)(?:\s+and\s+(?:(?:has|have)\s+)?(?:\w+ly\s+)?"
    r"(?:fights|combats|crack(?:s|ed)?\s+down\s+on|crack\[s\]\s+down\s+on|condemns|resists|fight|fought|combated|"
    r"combat|condemn|resist))?\s+"
    r"((?:(?:all|any|various)\s+(?:forms?|kinds?|types?)\s+of\s+)?[\w\s-]{3,40}?)"
    r"(?=\s+(?:in\s+accordance|according|and\s+(?:is|has|will)|by)\b|[,.;:\"”]|$)",
    re.I,
)
#: The deeds a class of opposed deeds must name: a stance against "all forms of discrimination" is not one of these.
_OPPOSED_DEED = re.compile(r"hack|cyber|attack|espionage|intrusion|theft|spying", re.I)
_OPPOSERS = frozenset({"country", "government_agency", "ministry", "government"})
#: The head of a class of deeds named without "all forms of": "hacking and cyberattacks", "cyber espionage".
_DEED_CLASS_HEAD = re.compile(
    r"(?:"
    + L.deed_nouns("hacking", "hack")
    + r"|(?:cyber[- ]?)?"
    + L.deed_nouns("attack", "cyberattack")
    + r"|(?:cyber[- ]?)?"
    + L.deed_nouns("espionage", "intrusion", "theft", "spying")
    + r"|cyber[- ]?crimes?|"
    r"(?:hacking|hacker|cyber|attack|espionage|spying)\s+"
    r"(?:activit(?:y|ies)|acts?|operations?|attempts?|behaviou?rs?|crimes?))(?:\s+(?:in|of)\s+(?:all|any|every)\s+(?:its\s+|their\s+)?(?:forms?|kinds?|types?))?$",
    re.I,
)
_A_CLASS_OF = re.compile(r"(?:all|any|various)\s+(?:forms?|kinds?|types?)\s+of\s", re.I)


def _opposed_deeds(words: str) -> bool:
    """Whether a stance's object is a class of deeds: "all forms of X" with X a deed, or deeds named by their
    plural or mass noun ("hacking and cyberattacks"); not a measure on them ("the sanctions on its hacking firms")."""
    if _A_CLASS_OF.match(words):
        return bool(_OPPOSED_DEED.search(words))
    return bool(_DEED_CLASS_HEAD.search(words.strip()))


_OPPOSING_WORD = re.compile(r"ppos|\bagainst\b", re.I)
#: "it" or "we" as the party of a stance, in a quotation or after "said" / "maintains that".
_STANCE_PRONOUN = re.compile(r"(?:(?<=[\s\"“])|^)(?:it|we)(?=\s)", re.I)
#: A state's organ that speaks for it: "the Chinese Embassy", "Chinese Foreign Ministry spokesman".
_SPEAKING_ORGAN = re.compile(
    r"\b(" + "|".join(sorted((re.escape(k) for k in L.DEMONYMS), key=len, reverse=True)) + r")\s+"
    r"(?:(?:foreign|defen[cs]e)\s+)?(?:embassy|ministry|government|spokes(?:man|woman|person)|foreign\s+ministry|"
    r"mission|consulate)\b",
    re.I,
)


def _speaking_state(
    text: str, sentence: tuple[int, int], ms: list[Mention], countries: dict[str, Mention]
) -> Mention | None:
    """The state a pronoun of a stance stands for: the state the sentence names (a capital for its state:
    "Beijing ... maintains that it opposes ..."), or whose organ speaks in it (the pronoun then names it)."""
    s, e = sentence
    named = (frames._metonym(text, m, countries) for m in ms if s <= m.start < e)
    state = next((m for m in named if "country" in m.kinds()), None)
    if state is not None:
        return state
    organ = _SPEAKING_ORGAN.search(text, s, e)
    code = L.DEMONYMS.get(organ.group(1).lower()) if organ else None
    return countries.get(code) if code else None


def _opposed_class(text: str, at: int, e: int, ms: list[Mention]) -> tuple[Mention, bool] | None:
    """The class of deeds a stance whose party ends at `at` opposes, and whether the verb is negated; None
    where no verb of opposing follows the party or what it opposes is no class of deeds, or where another party
    stands between (in "China says the US hacks networks and opposes ...", the US opposes)."""
    hit = _OPPOSES.match(text, at, e)
    if hit is None or not _opposed_deeds(hit.group(1)):
        return None
    a, b = hit.start(1), hit.end(1)
    if any(at <= x.start < a and x.kinds() & _OPPOSERS for x in ms):
        return None
    return Mention(a, b, text[a:b], [], "operation"), bool(L.NEGATION.search(text[at:a]))


def _opposition(
    text: str, sentence: tuple[int, int], ms: list[Mention], countries: dict[str, Mention]
) -> list[Extracted]:
    """'China firmly opposes all forms of cyberattacks': the party before the verb `opposes` the class of deeds;
    "it" or "we" there is the state the sentence names or whose organ speaks ('"We are against ... cyberattacks,"
    the Chinese Foreign Ministry spokesman said')."""
    s, e = sentence
    out: list[Extracted] = []
    for p in _STANCE_PRONOUN.finditer(text, s, e):
        opposed = _opposed_class(text, p.end(), e, ms)
        if opposed is None:
            continue
        state = _speaking_state(text, sentence, ms, countries)
        if state is None:
            continue
        thing, negated = opposed
        party = state if state.end > state.start else Mention(p.start(), p.end(), p.group(0), state.targets)
        out.append(
            Extracted(party, "opposes", thing, None, sentence, False, negated, L.PLAIN, cue=(p.end(), thing.start))
        )
    for m in ms:
        if not (m.kinds() & _OPPOSERS) or not s <= m.start < m.end < e:
            continue
        opposed = _opposed_class(text, m.end, e, ms)
        if opposed is None:
            continue
        thing, negated = opposed
        out.append(Extracted(m, "opposes", thing, None, sentence, False, negated, L.PLAIN, cue=(m.end, thing.start)))
    return out


#: "X overlaps with Y", "X shares overlaps with Y", "overlapping tactics ... with groups including A, B and C",
#: "X has significant overlap with threat groups tracked by other vendors such as A and B": a word of overlap, then
#: "with" and the named clusters after it, in a list or after a described head and "such as" / "including".
_OVERLAP = re.compile(r"\boverlap(?:s|ped|ping)?\b", re.I)
_OVERLAP_WITH = re.compile(r"[^;:.]{0,80}?\bwith\b", re.I)
_CLUSTERS = frozenset({"threat_group", "operation"})


def _overlaps(text: str, sentence: tuple[int, int], ms: list[Mention]) -> list[Extracted]:
    """The cluster a sentence is about `overlaps_with` each cluster it names after a word of overlap and "with":
    the last threat group or operation before the word, and the groups and operations of the list after it."""
    s, e = sentence
    out: list[Extracted] = []
    clusters = [m for m in ms if s <= m.start < m.end <= e and m.kinds() & _CLUSTERS]
    for hit in _OVERLAP.finditer(text, s, e):
        subject = next((m for m in reversed(clusters) if m.end <= hit.start()), None)
        to = _OVERLAP_WITH.match(text, hit.end(), e)
        if subject is None or to is None:
            continue
        between = text[subject.end : hit.start()]
        if _RELATIVE.search(between) and not _OWN_RELATIVE.match(between):
            continue  # "X targeted firms in sectors that overlap with ...": the overlap is the relative's head's
        after = [m for m in clusters if m.start >= to.end()]
        if not after or _OVERLAP_BREAK.search(text, to.end(), after[0].start):
            continue
        negated = bool(L.NEGATION.search(text[max(s, subject.end) : hit.start()]))
        hedged, conf = L.hedge(text[subject.end : after[0].start])
        for o in _object_list(text, after[0], after, _CLUSTERS):
            out.append(Extracted(subject, "overlaps_with", o, None, sentence, hedged, negated, conf, cue=hit.span()))
    return out


_RELATIVE = re.compile(r"\b(?:that|which|where|whose)\b", re.I)
#: A relative clause right after the cluster is the cluster's own ("X, which shares overlaps with Y").
_OWN_RELATIVE = re.compile(r"\s*,?\s*(?:that|which)\b(?![^;:]*\b(?:that|which|where|whose)\b)", re.I)
#: What ends the reach from "with" to the first cluster named: a clause of its own, a stop, or a tie the words
#: give the cluster ("overlap with activity X has attributed to Y" names what the activity is tied to).
_OVERLAP_BREAK = re.compile(
    r"[;:]|\b(?:which|that|who|whose|while|but|attributed|linked|tied|blamed|associated|connected)\b", re.I
)


#: Heads of the documents a body puts out, with the kind of response each is: a report or a statement tells,
#: an advisory or an alert warns.
_DOCUMENT_KINDS = {
    "report": "statement",
    "reports": "statement",
    "statement": "statement",
    "press release": "statement",
    "announcement": "statement",
    "overview": "statement",
    "assessment": "statement",
    "review": "statement",
    "study": "statement",
    "white paper": "statement",
    "advisory": "advisory",
    "advisories": "advisory",
    "alert": "advisory",
    "bulletin": "advisory",
    "warning": "advisory",
    "guidance": "advisory",
}
#: The heads, longest first, so that "reports" is read before "report" and "advisories" before "advisory".
_DOCUMENT_HEADS = sorted(_DOCUMENT_KINDS, key=len, reverse=True)
_DOCUMENT = (
    r"((?:its|their|his|her|a|an|the|this|new|joint)\s+(?:[\w'’.()-]+\s+){0,6}?"
    r"(?:" + "|".join(w.replace(" ", r"\s+") for w in _DOCUMENT_HEADS) + r"))\b"
)
#: "X released its annual report", "X has issued a joint advisory", "X, with Y, are releasing the joint advisory".
_ISSUES = re.compile(
    r"\s*(?:\([^()]{1,20}\)\s*)?(?:,?\s*(?:has|have|had|also|on\s+\w+day|today|yesterday|recently|\w+ly|is|are)\s+)*"
    r"(?:released|published|issued|unveiled|put\s+out|releasing|publishing|issuing|releases|publishes|issues)\s+"
    + _DOCUMENT,
    re.I,
)
#: "the alert, published on Monday by X", "a press release issued by X", "the report released by X".
_ISSUED_BY = re.compile(
    _DOCUMENT + r"\s*,?\s*(?:which\s+was\s+|that\s+was\s+|was\s+|were\s+)?(?:\w+ly\s+)?"
    r"(?:released|published|issued|put\s+out)\s+(?:(?:on|in|last|this|earlier)\s+\w+\s+(?:\w+\s+)?)?"
    r"by\s+(?:the\s+)?$",
    re.I,
)
_ISSUERS = frozenset(KIND_CLASSES["organisation"] + ("country",))
_OWNED_BODY = re.compile(r"['’]s\s+")
_ISSUING_WORD = re.compile(r"releas|publish|issu|put\s+out", re.I)
_IN_ITS_WORD = re.compile(r"\bin\s+(?:its|their)\b", re.I)


def _issued(text: str, sentence: tuple[int, int], ms: list[Mention]) -> list[Extracted]:
    """A document a body puts out is `issued_by` it, in either voice: "X released a report", "the alert,
    published on Monday by X". The document is a described end: its determiner, its words and its head."""
    s, e = sentence
    out: list[Extracted] = []
    issuers = [m for m in ms if s <= m.start < m.end <= e and m.kinds() & _ISSUERS]
    for i, m in enumerate(issuers):
        hit = _ISSUES.match(text, m.end, e)
        if hit is not None:
            doc = _document(text, hit.start(1), hit.end(1))
            negated = bool(L.NEGATION.search(text[m.end : doc.start]))
            out.append(Extracted(doc, "issued_by", m, None, sentence, False, negated, L.PLAIN, cue=(m.end, doc.start)))
        before = _ISSUED_BY.search(text, max(s, m.start - 160), m.start)
        if before is not None and before.end() == m.start:
            doc = _document(text, before.start(1), before.end(1))
            owned = next((x for x in issuers[i + 1 :] if _OWNED_BODY.fullmatch(text, m.end, x.start)), None)
            issuer = owned or m  # "issued by the EU's External Action Service": the body, its owner a qualifier
            out.append(
                Extracted(doc, "issued_by", issuer, None, sentence, False, False, L.PLAIN, cue=(doc.end, m.start))
            )
    return out


#: A document a body speaks through, named after it in its own clause: "X said in its annual report", "X, in its
#: report, has alleged", "X has mentioned the group in its 2017 status report". Only an owner's pronoun opens it
#: ("in a report by Y" names another issuer). Guarded, as `_INNER_PRONOUN` (speed only).
_IN_ITS = guarded(
    re.compile(
        r"\bin\s+((?:its|their)\s+(?:[\w'’.()-]+\s+){0,6}"
        r"(?:" + "|".join(w.replace(" ", r"\s+") for w in _DOCUMENT_HEADS) + r"))\b",
        re.I,
    )
)
#: What the words between the body and "in its" may not hold: another clause, a quotation that closes (the words
#: after it are the speaker's: '"...," the FBI said in its ...' is read from the speaker on), a relative pronoun.
_IN_ITS_BREAK = re.compile(r"[;:!?\"“”]|\.\s|\b(?:which|who|whom|whose|that|while|but|and\s+(?:the|a|an))\b", re.I)


def _issued_in_its(text: str, sentence: tuple[int, int], ms: list[Mention]) -> list[Extracted]:
    """A document a body speaks through, named with "its" in the body's own clause, is `issued_by` the body:
    "the FBI said in its Public Service Announcement", "The Cyber Cell, in its report, has alleged". The body is
    the last organisation or state before "in its" with at most twelve words between them, none of another clause
    and no comma but the one that opens an aside; the document's words run to its last head ("its annual threat
    assessment report")."""
    s, e = sentence
    out: list[Extracted] = []
    issuers = [m for m in ms if s <= m.start < m.end <= e and m.kinds() & _ISSUERS]
    for hit in _IN_ITS.finditer(text, s, e):
        before = [m for m in issuers if m.end <= hit.start()]
        if not before:
            continue
        body = before[-1]
        gap = text[body.end : hit.start()]
        if _IN_ITS_BREAK.search(gap) or len(gap.split()) > 12 or ("," in gap and gap.strip() != ","):
            continue  # a comma ends the body's clause, unless the document is its aside ("X, in its report,")
        doc = _document(text, hit.start(1), hit.end(1))
        negated = bool(L.NEGATION.search(gap))
        out.append(
            Extracted(doc, "issued_by", body, None, sentence, False, negated, L.PLAIN, cue=(body.end, doc.start))
        )
    return out


def _document(text: str, a: int, b: int) -> Mention:
    words = text[a:b].lower()
    head = next(w for w in _DOCUMENT_HEADS if re.sub(r"\s+", " ", words).endswith(w))
    return Mention(a, b, text[a:b], [], _DOCUMENT_KINDS[head])


def _came_from(text: str, sentence: tuple[int, int], ms: list[Mention]) -> list[Extracted]:
    """'the cyberattack on the center came from the US': the deed attributed_to the actor after "from". A bare
    deed ("the attacks came from X") stands for the deed of the same noun described before it in its sentence
    ("reports concerning the overseas cyber attacks on Y state the attacks came from X")."""
    s, e = sentence
    out: list[Extracted] = []
    rng = PREDICATES["attributed_to"].range_kinds
    for m in _GATE.finditer(_CAME_FROM, text, s, e):
        doer = next((x for x in ms if m.end() <= x.start <= m.end() + 4 and _fits(x, rng)), None)
        if doer is None or not re.fullmatch(r"(?:the\s+)?", text[m.end() : doer.start], re.I):
            continue
        body = next((x for x in ms if x.start == doer.end + 1 and _fits(x, rng) and "country" not in x.kinds()), None)
        if "country" in doer.kinds() and body is not None:
            doer = body  # "the United States National Security Agency": the agency, its state a qualifier
        deeds = list(_DEED_HEAD.finditer(text, max(s, m.start() - 160), m.start()))
        deed = next((d for d in reversed(deeds) if _DEED_TAIL.fullmatch(text, d.end(), m.start())), None)
        if deed is None or _ASKED.search(text, max(s, deed.start() - 12), deed.start()):
            continue  # "asked whether the attack came from China": a question, no claim
        a, b = deed.start(), m.start()
        if not deed.group(1) and b - deed.end() <= 1:  # a bare deed: the one its sentence described before
            head = deed.group(2).lower().rstrip("s")
            told = [d for d in deeds if d.start() < a and d.group(1) and d.group(2).lower().rstrip("s") == head]
            if told:
                a, b = told[-1].start(), told[-1].end()
        while b > a and text[b - 1].isspace():
            b -= 1
        tail = re.search(r"\s+(?:had|has|have|all|\w+ly)$", text[a:b], re.I)
        if tail:
            b = a + tail.start()
        thing = Mention(a, b, text[a:b], [], "operation")
        hedged, conf = L.hedge(text[s : doer.end])
        negated = bool(L.NEGATION.search(text[max(s, a - 30) : m.start()]))
        out.append(
            Extracted(thing, "attributed_to", doer, None, sentence, hedged, negated, conf, cue=(m.start(), m.end()))
        )
    return out


def _attribution(
    text: str,
    sentence: tuple[int, int],
    ms: list[Mention],
    assertor: str | None,
    amention: Mention | None,
    date: str | None,
) -> list[Extracted]:
    """'X attributed the attack to Y': the attack attributed_to Y, asserted by X."""
    s, e = sentence
    out = []
    dom, rng = PREDICATES["attributed_to"].domain_kinds, PREDICATES["attributed_to"].range_kinds
    doers, targets = PREDICATES["targeted"].domain_kinds, PREDICATES["targeted"].range_kinds
    for m in _GATE.finditer(_ATTRIBUTE, text, s, e):
        g = m.lastindex or 1
        things = [x for x in ms if m.start(g) <= x.start and x.end <= m.end(g) and _fits(x, dom)]
        if g > 1:  # "blamed" and the others name a deed, never a group ("traced the tools to X")
            things = [x for x in things if "operation" in x.kinds()]
        victims: list[Mention] = []
        deed, deed_of = _DEED_WORDS.match(m.group(g)), _DEED_OF.match(m.group(g))
        if deed and deed_of:
            # "attributed the breach of its ministry to X": the deed is attributed, the name after "of" is its
            # victim, and whoever attributes it only says so
            at = m.start(g) + deed_of.end()
            victims = [x for x in ms if at <= x.start and x.end <= m.end(g) and _fits(x, targets)][:1]
            things = [Mention(m.start(g), m.start(g) + deed.end(), deed.group(0), [], "operation")]
        if not things and _DEED_WORDS.fullmatch(m.group(g)):  # "Microsoft attributed the attacks to X"
            things = [Mention(m.start(g), m.end(g), m.group(g), [], "operation")]
        whom = [x for x in ms if m.end() <= x.start and _fits(x, rng) and _gap_ok(text, m.end(), x.start, 60)]
        speakers = [x for x in ms if x.end <= m.start() and x.start >= s]
        if not things or not whom:
            continue
        hedged, conf = L.hedge(text[s : whom[0].end])
        negated = bool(L.NEGATION.search(text[s : m.start()]))
        said = assertor or (_clean_speaker(text[s : m.start()]) or None)
        if _unproven_tie(text, s, m.start()):  # "there is insufficient evidence to link X to Y": no one ties them
            negated, said, speakers = True, assertor, []
        for o in _object_list(text, whom[0], whom[1:], rng):
            out.append(
                Extracted(
                    things[0],
                    "attributed_to",
                    o,
                    None,
                    sentence,
                    hedged,
                    negated,
                    conf,
                    said,
                    amention or (speakers[0] if speakers else None),
                    date,
                    (m.start(), m.end()),
                )
            )
            out += [
                Extracted(
                    o, "targeted", v, None, sentence, hedged, negated, conf, said, amention, date, (m.start(), m.end())
                )
                for v in victims
                if _fits(o, doers) and v.start != o.start
            ]
    return out


_NAME_ITEM = re.compile(r"[A-Z][\w.'’&-]*(?:\s+[A-Z0-9][\w.'’&-]*){0,4}")
_MARKED_ITEM = re.compile(r"[A-Z0-9][\w.'’&-]*(?:\s+[A-Z0-9][\w.'’&-]*){0,4}")


def _aliases(
    text: str, sentence: tuple[int, int], left: list[Mention], h0: int, h1: int, e: int, hedge_text: str
) -> list[Extracted]:
    """'X, also known as A, B or C': an also_known_as statement per name."""
    subject = None
    for m in reversed(left):
        if "threat_group" in m.kinds() or "operation" in m.kinds() or "malware" in m.kinds():
            if re.fullmatch(r"[\s,(]*", text[m.end : h0]):
                subject = m  # "APT10, also known as": the name right before the cue
            break
    if subject is None:
        return []
    tail = text[h1:e]
    names = []
    pos = 0
    for part in re.split(r"(,\s*(?:and\s+|or\s+)?|\s+or\s+|\s+and\s+)", tail):
        if not part or re.fullmatch(r",\s*(?:and\s+|or\s+)?|\s+or\s+|\s+and\s+", part):
            pos += len(part)
            continue
        m = _NAME_ITEM.match(part.strip())
        if not m or m.group().lower() in {"the", "a", "an"}:
            break
        names.append(m.group().rstrip(".,)"))
        pos += len(part)
        if m.end() < len(part.strip()):
            break
    hedged, conf = L.hedge(hedge_text)
    # "The Sofacy Group, also known as APT28": where the store found the subject as the entity the alias
    # names, the statement would give that entity its own name (`_abbreviation` does so for a bracket)
    own = norm(subject.entity.name) if subject.entity is not None else None
    return [
        Extracted(subject, "also_known_as", None, n, sentence, hedged, False, conf, cue=(h0, h1))
        for n in names
        if n and n != subject.text and norm(n) != own
    ]


def _parenthetical_aliases(text: str, sentence: tuple[int, int], ms: list[Mention]) -> list[Extracted]:
    """'APT31 (Zirconium, Judgment Panda)' and 'Advanced Persistent Threat 40 (APT40)'."""
    out = []
    e = sentence[1]
    for m in ms:
        if "threat_group" not in m.kinds():
            continue
        after = _BRACKET_AFTER.match(text[m.end : e])
        if not after or re.search(r"\b(?:19|20)\d{2}\b", after.group(1)):
            continue  # "(GMF 2021)" is a citation, not a name
        marker = _MARKED_BRACKET.match(after.group(1)).end()  # "(AKA X or Y)": X is a name, "AKA X" none
        items = [x.strip() for x in re.split(r",|;|\bor\b|\band\b", after.group(1)[marker:]) if x.strip()]
        item = _MARKED_ITEM if marker else _NAME_ITEM  # after a marker, "0ktapus" is a name too
        if not items or not all(item.fullmatch(x) for x in items):
            continue
        for x in items:
            if x != m.text and not _abbreviation(x, m):
                out.append(
                    Extracted(
                        m, "also_known_as", None, x, sentence, False, False, L.PLAIN, cue=(m.end, m.end + after.end())
                    )
                )
    return out


def _abbreviation(value: str, m: Mention) -> bool:
    """'Advanced Persistent Threat 40 (APT40)': the short form of the same name, not another name."""
    if m.entity is not None and norm(value) == norm(m.entity.name):
        return True
    words = re.findall(r"[A-Za-z]+|\d+", m.text)
    initials = "".join(w[0] if w.isalpha() else w for w in words)
    return norm(value) == norm(initials)


#: A nationality word after "pro-" or "anti-" ("a pro-Iranian hacking group") tells whose side a group takes,
#: not whose it is: no attribution, as for hacktivists who cheer a state on.
_DEMONYM = guarded(
    re.compile(
        r"(?<!pro-)(?<!anti-)\b(" + "|".join(sorted((re.escape(k) for k in L.DEMONYMS), key=len, reverse=True)) + r")\b"
        r"(\)?(?:[\s-]+(?:state[- ]sponsored|state[- ]backed|state[- ]affiliated|"
        r"regime[- ]affiliated|regime[- ]backed|state[- ]linked|state[- ]supported|"
        r"state[- ]controlled|state[- ]directed|state[- ]run|"
        r"government[- ]backed|government[- ]sponsored|nation[- ]state|sponsored|backed|supported|linked|aligned|based|"
        r"cyber[- ]?espionage|espionage|hacking|hackers|hacker|threat|advanced persistent threat|apts|apt|cyber|"
        r"actors|actor|groups|group|collective|\(apts?\)))+)",
        re.I,
    )
)


_DEMONYM_HEDGED = guarded(
    re.compile(r"\b(?:(?:likely|probably|possibly|suspected|alleged|presumably)\s+)?" + _DEMONYM.pattern, re.I)
)


#: Between a nationality phrase and the group it describes: "Chinese state-sponsored group, APT40", "a
#: Chinese APT group known in open-source reporting as APT40", "groups such as"; an adverb may say how the name
#: is used or which of the described it is ("a China-linked group, widely tracked as X", "PRC state-sponsored
#: actors, specifically X"): the name is still the group the phrase describes.
_NAMED_AS = (
    r"\s*(?:,\s*)?(?:[a-z]+ly\s+)?(?:(?:known(?: in [\w\s-]{1,40}?)? as|called|named|such as|including|like|"
    r"(?:(?:it|which|that|(?-i:[A-Z][\w&-]+))\s+)?(?:tracked|tracks|identified|referred to|dubbed)(?: as)?)\s+)?"
)


def _nationality(
    text: str,
    sentence: tuple[int, int],
    ms: list[Mention],
    countries: dict[str, Mention],
    assertor: str | None,
    amention: Mention | None,
    date: str | None,
    demonyms: list[re.Match[str]],
) -> list[Extracted]:
    """`demonyms`: the matches of `_DEMONYM` in the sentence (`_GATE.finditer`), read once for this rule and
    `_nationality_described`."""
    s, e = sentence
    out = []
    for d in demonyms:
        code = L.DEMONYMS[d.group(1).lower()]
        country = countries.get(code)
        if country is None:
            continue
        named_next = any(0 <= m.start - d.end() <= 2 and "threat_group" in m.kinds() for m in ms)
        if (
            not named_next
            and not re.search(r"(group|actor|apt|hacker|collective)", d.group(2), re.I)
            and (_described(text, d.start(), ms) is None or not re.search(r"state|government", d.group(2), re.I))
        ):
            continue  # "Chinese state-sponsored espionage" says who sponsors only of a group it describes
        if re.search(r"based", d.group(2), re.I) and not re.search(
            r"state|government|sponsor|back|support|linked|nexus|affiliat|controll|direct|run", d.group(2), re.I
        ):
            continue  # "a China-based hacking group" says where it is (`located_in`, the frames), not who backs it
        d_end = min([m.start for m in ms if d.start(2) < m.start < d.end() and "threat_group" in m.kinds()] + [d.end()])
        tail = text[d_end:e]
        lead = re.match(_NAMED_AS, tail)
        groups = []
        for m in ms:
            if m.start < d_end or "threat_group" not in m.kinds():
                continue
            gap = text[d_end : m.start]
            if (
                not groups
                and (len(gap) <= (lead.end() if lead else 0) + 2 or re.fullmatch(_NAMED_AS + r"(?:the\s+)?", gap))
            ) or (groups and _LIST_SEP.match(text[groups[-1].end : m.start])):
                groups.append(m)
            elif groups:
                break
        if not groups:
            described = _described(text, d.start(), ms)
            if described is not None and not _PAST_HEAD.search(text[described.end : d.start()]):
                groups = [described]
        hedge = L.hedge(text[s : (max(g.end for g in groups) if groups else d_end)])
        for g in groups:
            out.append(_of_nationality(d, g, country, sentence, hedge, assertor, amention, date, (d.start(), d_end)))
    return out


#: A description whose head is said and followed by a deed ("a hacktivist group known for disrupting", "a
#: group targeting"): a nationality word after it qualifies what the deed acts on ("Iranian state-run TV"),
#: not the group; "a group of Chinese state-sponsored hackers" and "a group believed to be" are no deed.
_PAST_HEAD = re.compile(
    r"\b(?:groups?|actors?|apts?|collective)\b.*?\b(?:(?!being\b)\w+ing|for|against)\b", re.I | re.S
)


#: A "-linked" or "-nexus" nationality word without a word of backing only ties a group to the state
#: ("China-nexus", "Chinese state-linked": the state named is what it is tied to, as the frames read "Chinese
#: state-linked hackers"); any other attributes it ("Chinese state-sponsored").
_TIE_ONLY = re.compile(r"-(?:linked|nexus|aligned)\b", re.I)
_BACKING = re.compile(r"(?:state|government)(?![- ](?:linked|nexus)\b)|sponsor|back|support", re.I)


def _of_nationality(
    d: re.Match[str],
    group: Mention,
    country: Mention,
    sentence: tuple[int, int],
    hedge: tuple[bool, int],
    assertor: str | None,
    amention: Mention | None,
    date: str | None,
    cue: tuple[int, int],
) -> Extracted:
    """The statement the nationality word `d` makes of the group it qualifies, named or described: one rule for
    both, so a described group reads as a named one does."""
    linked = _TIE_ONLY.search(d.group(0)) is not None and _BACKING.search(d.group(0)) is None
    hedged, conf = hedge
    return Extracted(
        group,
        "linked_to" if linked else "attributed_to",
        country,
        None,
        sentence,
        hedged,
        False,
        conf,
        assertor,
        amention,
        date,
        cue,
        ["nationality adjective"],
    )


#: The heads of a described group that a nationality word may stand before ("a Chinese hacking group").
_GROUP_HEAD = re.compile(r"\b(?:groups?|actors?|apts?|collective)\b", re.I)


def _nationality_described(
    text: str,
    sentence: tuple[int, int],
    everything: list[Mention],
    said: list[Extracted],
    countries: dict[str, Mention],
    assertor: str | None,
    amention: Mention | None,
    date: str | None,
    demonyms: list[re.Match[str]],
) -> list[Extracted]:
    """'a Russian hacking group targeting X': a group described by its nationality and never named in its
    sentence is that state's, as a named one is (`_nationality`). Groups and actors only, never people
    ("Russian hackers" may only say where they come from). `demonyms`: as `_nationality` takes them."""
    s = sentence[0]
    out = []
    groups: list[Mention] | None = None  # the sentence's described groups, read once when a word may need them
    for d in demonyms:
        if _GROUP_HEAD.search(d.group(2)) is None or "based" in d.group(2).lower():
            continue
        country = countries.get(L.DEMONYMS[d.group(1).lower()])
        if country is None or any(x.cue[0] == d.start() and x.notes[:1] == ["nationality adjective"] for x in said):
            continue  # read already, of the name it qualifies
        if groups is None:
            groups = [x for x in _described_actors(text, sentence, everything) if x.proposed_kind == "threat_group"]
        phrase = next((x for x in groups if x.start <= d.start() < x.end), None)
        if phrase is None:
            continue
        hedge = L.hedge(text[s : phrase.end])
        out.append(_of_nationality(d, phrase, country, sentence, hedge, assertor, amention, date, (d.start(), d.end())))
    return out


_SPEAKER_VERBS = {
    "said",
    "says",
    "stated",
    "assessed",
    "assesses",
    "claimed",
    "claims",
    "confirmed",
    "alleged",
    "alleges",
    "accused",
    "accuses",
    "revealed",
    "reveals",
    "discovered",
    "discovers",
    "found",
    "concluded",
    "reported",
    "reports",
    "announced",
    "believes",
    "warned",
    "determined",
    "judged",
    "attributed",
    "attributes",
    "charged",
    "indicated",
}
_LEAD_ADVERBIAL = re.compile(
    r"^(?:(?:in|on|by|since|during|after|before|as of|based on|with)\b[^,]{0,50},\s*|"
    r"(?:nevertheless|however|nonetheless|moreover|also|further|furthermore|meanwhile|subsequently|then)\b,?\s*)",
    re.I,
)
_PEOPLE = re.compile(
    r"(?:^|\b)((?:\w+\s+)?(?:researchers|officials|analysts|experts|investigators|prosecutors|"
    r"authorities|security firms|vendors))\s+(?:have|has|had)?\s*$",
    re.I,
)
_WHO_REPORT = guarded(
    re.compile(r",?\s*who\s+(?:published|released|issued|wrote)\s+(?:a|an|the)\s+(?:\w+\s+)?report", re.I)
)


def _clean_speaker(head: str) -> str:
    phrase = head.strip()
    while True:
        stripped = _LEAD_ADVERBIAL.sub("", phrase, count=1)
        if stripped == phrase:
            break
        phrase = stripped
    phrase = re.sub(r"^\s*(the|a|an)\s+", "", phrase, flags=re.I)
    return re.sub(
        r"\s+(?:has|have|had|also|further|publicly|subsequently|officially|later)$", "", phrase, flags=re.I
    ).strip(" ,")


#: A clause that describes its subject by a copula ("X is a cyber espionage group ..."): a reporting verb in -ed
#: after the described phrase, with no name right before it, qualifies the phrase ("a group assessed to be a
#: subordinate element", "an Iranian threat group, first reported in September 2019"), and the subject says nothing.
_COPULA_DESCRIBED = re.compile(r"\b(?:is|are|was|were)\s+(?:\w+ly\s+)?(?:a|an)\s", re.I)


def _assertor(
    text: str, sentence: tuple[int, int], ms: list[Mention], hits: list[tuple[int, int, L.Cue]]
) -> tuple[str | None, Mention | None]:
    """Who the sentence says makes the statement: 'according to X', 'X said/assesses/discovered that',
    'the indictment alleges', 'X, who published a report'. A vague source ("according to reports") names
    nobody, so it is no assertor."""
    s, e = sentence
    m = _GATE.search(L.ACCORDING, text, s, e)
    if m:
        # the source ends at the first comma: "According to analysts, X targeted ..." makes X the doer, not the source
        after = [x for x in ms if x.start >= m.end() and x.start - m.end() <= 12 and "," not in text[m.end() : x.start]]
        if after:
            return after[0].entity.name if after[0].entity else after[0].text, after[0]
        phrase = re.match(r"[^,.;]{2,60}", text[m.end() : e])
        if phrase:
            return re.sub(r"^(the|a|an)\s+", "", phrase.group().strip(), flags=re.I), None
    bracket = re.match(r"\s*\[([A-Z][\w .&-]{1,40})\]\s", text[s:e])
    if bracket:  # "[Microsoft] Volt Typhoon, ...": a compiled description says whose words follow
        named = [x for x in ms if x.start >= s + bracket.start(1) and x.end <= s + bracket.end(1)]
        return bracket.group(1), named[0] if named else None
    legal = _GATE.search(L.LEGAL_DOCS, text, s, e)
    if legal and L.REPORTING.search(text, legal.end(), min(e, legal.end() + 25)):
        return legal.group(1), None
    who = _GATE.search(_WHO_REPORT, text, s, e)
    if who:
        named = [x for x in ms if x.end <= who.start() and who.start() - x.end <= 3]
        if named:
            return named[-1].entity.name if named[-1].entity else named[-1].text, named[-1]
    for r in _GATE.finditer(L.REPORTING, text, s, e):
        if any(h0 <= r.start() < h1 for h0, h1, _ in hits) or any(x.start <= r.start() < x.end for x in ms):
            continue
        verb = r.group(1).lower()
        head = _ASIDES.sub(" ", text[s : r.start()])  # "the NCSC - which is a part of GCHQ - assessed"
        if re.search(r"\b(that|which|who)\b", head, re.I):
            head = re.split(r"\b(?:that|which|who)\b", head, flags=re.I)[-1]  # the clause the verb is in
        if len(head) > 120:
            continue
        if re.search(r"\b(is|are|was|were|be|been|being)\s+$", head, re.I):
            continue  # "are believed to": a hedge, not a speaker
        if re.search(r"\b(?:their|his|her|its|the|an?|of|for)\s+$", head, re.I):
            continue  # "for their alleged involvement": an adjective, no speaker
        if verb.endswith("ed") and _COPULA_DESCRIBED.search(head) and not any(0 <= r.start() - x.end <= 2 for x in ms):
            continue  # "X is a group assessed to be ...", "X is an Iranian group, first reported in 2019": a participle
        speakers = [x for x in ms if x.end <= r.start() and x.start >= s]
        followed = re.match(r"\s*(?:that\b|:|,)", text[r.end() : r.end() + 10])
        people = _PEOPLE.search(head)
        if people and verb in _SPEAKER_VERBS:
            return people.group(1), None  # "researchers have attributed", "officials said"
        if not speakers or not (followed or verb.split()[-1] in _SPEAKER_VERBS):
            continue
        phrase = _clean_speaker(head)
        tail = re.search(r",\s*([^,]{2,50})$", head)
        aside = re.match(r"\s*,", text[r.end() : r.end() + 3]) is not None
        if tail and (r.end() >= e - 3 or aside):  # "..., the department said.", "X, the DoJ says, include Y"
            phrase = _clean_speaker(tail.group(1))
            near = [x for x in speakers if x.start >= s + len(head) - len(tail.group(1)) - 1]
            return phrase, near[0] if near else None
        if not phrase or len(phrase) > 60:
            phrase = speakers[-1].entity.name if speakers[-1].entity else speakers[-1].text
        return phrase, speakers[0]
    return None, None


_DEED_ON_TARGET = "frame:deed on target"


def _names_china(m: Mention, countries: dict[str, Mention]) -> bool:
    """Whether an end is China, the state the rebuttals of the texts speak for."""
    china = countries.get("CN")
    return china is not None and m.same_entity(china)


def _merge_frames(
    out: list[Extracted],
    text: str,
    sentence: tuple[int, int],
    ms: list[Mention],
    countries: dict[str, Mention],
    assertor: str | None,
    amention: Mention | None,
    date: str | None,
    possible: set[int] | None = None,
) -> list[Extracted]:
    """The statements of the frames (frames.py) joined to the cue statements. A frame reads voice and
    roles exactly, so where both speak of the same object with the same predicate, or of the same pair
    the other way round, the frame's reading stands."""
    s, _e = sentence
    found = frames.frames(text, sentence, ms, countries, possible)
    if not found:
        return out
    pairs = {(f.subject.start, f.predicate, f.object.start) for f in found}
    phrases_ = [(f.subject.start, f.subject.end) for f in found if f.subject.entity is None] + [
        (f.object.start, f.object.end) for f in found if f.object.entity is None
    ]

    def inside(m: Mention | None) -> bool:
        """A country named inside a described phrase ("a Chinese state-affiliated entity") is its modifier."""
        return (
            m is not None
            and "country" in m.kinds()
            and m.end > m.start  # a country standing for a nationality adjective has no span of its own
            and any(a <= m.start and m.end <= b and (a, b) != (m.start, m.end) for a, b in phrases_)
        )

    objects = {
        (f.predicate, f.object.start)
        for f in found
        if f.predicate not in {"subordinate_to", "attributed_to", "linked_to"} and f.rule != _DEED_ON_TARGET
    }

    # "a group that the United States has tied to Y": who ties the group to Y is not tied to Y
    tiers = {(f.cue[0], f.object.start) for f in found if f.rule == frames.TIED_BY}

    def stands(x: Extracted) -> bool:
        if inside(x.subject) or inside(x.object):
            return False  # a name inside a described phrase the frames read whole
        if x.object is None:
            return True
        if x.predicate == "linked_to" and (x.subject.end, x.object.start) in tiers:
            return False
        if (x.object.start, x.predicate, x.subject.start) in pairs:
            return False  # the frames read the pair the other way round (voice)
        mine = (x.subject.start, x.predicate, x.object.start) in pairs
        return mine or (x.predicate, x.object.start) not in objects

    kept = [x for x in out if stands(x)]
    denial = frames.denied(text, sentence)
    # "APT31 is known for its attacks on critical infrastructure": the doer targeted it, the deed says no more
    victims = [(f.object.start, f.object.end) for f in found if f.predicate == "targeted" and f.rule != _DEED_ON_TARGET]
    victims += [(x.object.start, x.object.end) for x in kept if x.predicate == "targeted" and x.object is not None]
    found = [
        f
        for f in found
        if f.rule != _DEED_ON_TARGET or not any(a < f.object.end and f.object.start < b for a, b in victims)
    ]
    for f in found:
        if f.predicate == "targeted" and frames.COUNTED_DEEDS.search(text, max(0, f.object.start - 80), f.object.start):
            # "behind a series of DDoS attacks targeting government entities in Peru": the frame's victim is the
            # name the phrase starts with ("government"); the cue's reading of the same doer (the same name, or
            # the name the frame's described doer stands for) had the whole phrase. Only after such a counted
            # deed: elsewhere the frame's victim is the one to keep ("targeting Jordan", not the cue's
            # "Jordan amid the Israel-Iran conflict"; "financial", the sector, not "financial institutions")
            whole = next(
                (
                    x.object
                    for x in out
                    if x.predicate == "targeted"
                    and (x.subject.start == f.subject.start or x.subject.same_entity(f.subject))
                    and x.object is not None
                    and x.object.start == f.object.start
                    and x.object.end > f.object.end
                    and x not in kept
                ),
                None,
            )
            if whole is not None:
                f = dataclasses.replace(f, object=whole)
        lo, hi = min(f.subject.start, f.object.start, f.cue[0]), max(f.subject.end, f.object.end, f.cue[1])
        hedged, conf = L.hedge(text[s:hi])
        # "..., one day after the US government indicted X": the accusation reported reaches to its object
        rebutted = (
            denial
            and f.rule not in frames.TITLE_RULES
            and not _reported_by_others(text, s, max(f.subject.start, f.object.start))
        )
        negated_here = bool(L.NEGATION.search(text[max(s, lo - 12) : hi])) or _unproven_tie(text, s, lo)
        if rebutted and not negated_here and f.rule == _DEED_ON_TARGET and _names_china(f.object, countries):
            # "the US government conducts pervasive cyber espionage against China, ... and spreads false
            # information": the deed against the state a rebuttal speaks for is its own charge, which the words of
            # denial do not take back; told with no doer, the deed says nothing more
            continue
        negated = rebutted or negated_here
        kept.append(
            Extracted(
                f.subject,
                f.predicate,
                f.object,
                None,
                sentence,
                hedged,
                negated,
                conf,
                assertor,
                amention,
                date,
                f.cue,
                [f.rule],
            )
        )
    return kept


#: Sponsorship by a state (rather than direction by a body): attribution to that state.
_SPONSORED = re.compile(r"\b(?:(?:backed|sponsored|supported|funded)\s+by|in support of)\b", re.I)


#: "China denies the accusations that X ...": what follows is denied.
_DENIES_THAT = re.compile(
    r"\b(?:denies|denied|deny|rejects?|rejected|dismiss(?:es|ed)?|refutes?|refuted)\b[^.;]{0,60}?"
    r"\b(?:accusations?|allegations?|claims?|reports?|charges?)\s+that\b",
    re.I,
)
#: "..., after Washington and Microsoft said X": an accusation others make, reported beside a rebuttal.
_OTHERS_SAID = re.compile(
    r"\b(?:after|as|when|since)\s+[^.;]{1,80}?\b(?:said|says|alleged|reported|claimed|indicted|charged|"
    r"accused|sanctioned|announced|attributed|blamed)\b|"
    r"\b(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:report|claims?|accusations?|allegations?|assessment)\s+that\b",
    re.I,
)


def _denied_content(text: str, s: int, at: int) -> bool:
    """Whether a statement starting at `at` lies in the content of "denies the accusations that ..."."""
    m = _DENIES_THAT.search(text, s, at)
    return m is not None


def _reported_by_others(text: str, s: int, at: int) -> bool:
    """Whether a statement of a sentence that rebuts lies in the accusation it reports ("China accused the
    US of disinformation after Washington said Chinese hackers had infiltrated X": Washington's claim)."""
    return _OTHERS_SAID.search(text, s, at) is not None


def _states_outside(text: str, items: list[Extracted], countries: dict[str, Mention]) -> list[Extracted]:
    """A state whose words stand inside the subject's own phrase, "state" joined to the word after it ("Chinese state"
    of "Chinese state-sponsored cyber actors"), is no end the sentence names apart: the object is the state itself,
    as a nationality word gives it (core.country_mentions' stand-in), whichever rule read it, so one statement has
    one object however the text before the sentence made the rules read it. A possessor stays ("Beijing" of
    "Beijing's cyber activities" is named), and so does a government ("Chinese government" of "Chinese
    government-linked hackers" names a body)."""
    for x in items:
        o = x.object
        if (
            o is not None
            and not _unplaced(o)
            and x.subject.start <= o.start
            and o.end < x.subject.end
            and text[o.end : o.end + 1] == "-"
            and text[o.start : o.end].lower().endswith("state")
            and o.targets
            and o.targets[0].kind == "country"
        ):
            state = whose.stand_in(countries, o.targets[0].entity_id)
            if state is not None:
                x.object = state[1]
    return items


def _proposed_key(m: Mention) -> object:
    """An object the store does not know, as one statement counts it: a proposed name by its words ("Xiaoyu
    Li" read twice, once for the phrase that names him), a described phrase by its place ("companies in X
    and companies in Y" are two)."""
    name = " ".join((m.canonical or m.text).split())
    return name.lower() if name[:1].isupper() else m.start


def _dedupe(items: list[Extracted]) -> list[Extracted]:
    """One statement per subject, predicate and object of a sentence: two names of one entity ("APT41 ...
    also known as Winnti, Barium") state it once, under the name the aliases follow ("APT40 (aka
    TEMP.Periscope) targeted X" is APT40's deed), and an object read twice, once whole and once in part
    ("more than 100 companies", "100 companies"), is stated whole."""
    aliases = {
        (x.sentence, " ".join(x.value.split())): x.subject
        for x in items
        if x.predicate == "also_known_as" and x.object is None and x.value
    }
    for x in items:
        head = aliases.get((x.sentence, " ".join(x.subject.text.split())))
        if x.predicate != "also_known_as" and head is not None and head.start < x.subject.start:
            x.subject = head
    seen: dict[tuple[object, ...], int] = {}
    out: list[Extracted] = []
    # each statement's pair read once: the tests below compare every two statements of the sentence, and
    # no subject or object changes from here on (speed only)
    pairs: dict[int, tuple[object, object]] = {}

    def pair(x: Extracted) -> tuple[object, object]:
        """Who and what, as an entity or as the words of a described phrase (a deed renamed for its doer
        repeats the doer's words: one actor)."""
        got = pairs.get(id(x))
        if got is not None:
            return got
        subj = (
            x.subject.entity.entity_id
            if x.subject.entity
            else " ".join((x.subject.canonical or x.subject.text).lower().split())
        )
        obj = (x.object.entity.entity_id if x.object.entity else _proposed_key(x.object)) if x.object else x.value
        got = pairs[id(x)] = (subj, obj)
        return got

    def within(x: Extracted, y: Extracted) -> bool:
        """x's object is a part of y's, for the same subject and predicate."""
        a, b = x.object, y.object
        return (
            a is not None
            and b is not None
            and x is not y
            and x.predicate == y.predicate
            and b.start <= a.start
            and a.end <= b.end
            and (b.end - b.start) > (a.end - a.start)
            and pair(x)[0] == pair(y)[0]
        )

    def owner(x: Extracted, y: Extracted) -> bool:
        """x's object is only the possessor of y's ("Finland" of "Finland's Parliament"), for the same subject and
        predicate: what the possessive names is the victim."""
        a, b = x.object, y.object
        return (
            a is not None
            and b is not None
            and x.predicate == y.predicate
            and a.start == b.start
            and b.text[len(a.text) : len(a.text) + 3] in {"'s ", "’s "}
            and pair(x)[0] == pair(y)[0]
        )

    # "actors affiliated with the Chinese state" attributed to China says more than linked to it
    stronger = {(x.sentence, *pair(x)) for x in items if x.predicate in {"attributed_to", "operated_by"}}
    # the statements `within` and `owner` may hold for, by predicate and by where the object starts: each
    # statement is compared with those alone, not with every statement of the sentence (speed only)
    by_predicate: dict[str, list[Extracted]] = {}
    by_object: dict[tuple[str, int], list[Extracted]] = {}
    for y in items:
        if y.object is not None:
            by_predicate.setdefault(y.predicate, []).append(y)
            by_object.setdefault((y.predicate, y.object.start), []).append(y)
    for x in items:
        subj, obj = pair(x)
        if x.predicate == "linked_to" and (x.sentence, subj, obj) in stronger:
            continue
        if (
            x.object is not None
            and x.object.entity is None
            and any(within(x, y) for y in by_predicate.get(x.predicate, ()))
        ):
            continue
        if (
            x.predicate == "targeted"
            and x.object is not None
            and any(owner(x, y) for y in by_object.get((x.predicate, x.object.start), ()))
        ):
            continue  # "targeted Finland's Parliament": the parliament, not Finland
        key = (x.sentence, subj, x.predicate, obj, x.negated)
        kept = seen.get(key)
        if kept is None:
            seen[key] = len(out)
            out.append(x)
        elif _unplaced(out[kept].object) and not _unplaced(x.object):
            # the same statement with its object's words in the sentence ("Chinese state" of "Chinese
            # state-sponsored actors") rather than a state the text never places: which rule reads it first
            # depends on the text before the sentence, so the placed one is kept whatever the order
            out[kept] = x
    return out


def _unplaced(m: Mention | None) -> bool:
    """A state given as an object with no words of the text (core.country_mentions' stand-ins)."""
    return m is not None and m.start == m.end == 0


#: The patterns some rules start by scanning their sentence with, skipped where none of their words stands
#: (extract/sieve.py's `RULES`, the gate the rule modules share: one pass over the text for all of them; speed
#: only, every match the same).
_GATE = RULES
_GATE.add(
    [
        frames._AKA_BRACKET,
        _ATTRIBUTE,
        _SUBORDINATES,
        _BRANCH_OF,
        _DOES_DEED,
        _ANSWERS_TO,
        _BETWEEN,
        _SPONSORED_IN,
        _DEMONYM,
        _INVOLVEMENT,
    ]
)
_GATE.add([L.ACCORDING, L.LEGAL_DOCS, _WHO_REPORT, L.REPORTING, _DIRECTION])  # who asserts; "on behalf of"
_GATE.add([_CAME_VERB])  # "came from": its verbs, not its "from"
_GATE.add([_BRANCH_UNIT])  # "the Tianjin branch of": its nouns, not "the"
_GATE.add([_OWN_FIRM])  # "his employer, X": its nouns
# the words that decide whether a sentence is read for a stance, an issued measure or an overlap: each scan
# tries its alternation at every character of every sentence, the gate's answer is a look-up
_GATE.add([_OPPOSING_WORD, _ISSUING_WORD, _OVERLAP, _IN_ITS_WORD])
_GATE.add([_FOR_WHOM, _VICTIMS_TASK, _CONTRAST_CLAUSE])  # what ends a phrase of victims
#: The patterns `relations` reads the gate's answer for (`RULES.allowed`, once per sentence) rather than asking
#: `may` about each: every one must be a pattern the gate was given, or the answer leaves it out.
_READ_BY_ANSWER = (
    frames._AKA_BRACKET,
    _ATTRIBUTE,
    _CAME_VERB,
    _OPPOSING_WORD,
    _ISSUING_WORD,
    _IN_ITS_WORD,
    _OVERLAP,
    _INVOLVEMENT,
    _SUBORDINATES,
    _BRANCH_UNIT,
    _BRANCH_OF,
    _DOES_DEED,
    _ANSWERS_TO,
    _DEMONYM,
    _DIRECTION,
)
