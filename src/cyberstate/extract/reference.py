"""References: an end written as a pronoun or a described phrase ("they", "the hackers", "the two", "the
attacks") rather than a name.

The text's wording is what a reader checks a statement against, so an end that refers keeps its words as
written; what it is read as is said in the candidate's note, never silently, with where the antecedent is
named ("'The hackers' read as MirrorFace, named 2 sentences before"), so a wrong reading shows. Three cases:

- a reference read as its one antecedent: the end's entity is the antecedent's (a known entity, a proposed
  name, or the document's own described group), its words are the reference's. The kinds and reaches:
  "the group", "the hackers", "It", "They", "The two" for the last fitting name before (relations.py); a
  sentence's subject written as a definite description of a group or a deed ("The attacks, which ...,
  targeted X") for the one group or operation the sentences before name with no rival (`described_subjects`;
  a plural of groups, "These groups", is several and is read as none of them);
  a plural definite description of people ("The individuals", "these 10 defendants") for the one counted group
  of people ("ten Chinese nationals") introduced in the last PEOPLE_REACH sentences, no person named by name
  and no other counted group between, its count (if any) agreeing (`Reach`); a bare definite deed ("Targets
  of the attacks included X") for the one actor the text before told as the doer of a deed (`Reach`);
- a described subject with a list of people before it ("the two" after "Li Xiaoyu and Dong Jiazhi"): a
  described end of its kind (no entity: the document's own described entity, which the analyst resolves)
  whose note suggests the list ("'the two' may stand for Li Xiaoyu and Dong Jiazhi"), never stored;
- no antecedent, or several: the described end as written, nothing suggested.

Indefinite described subjects ("a Chinese state-affiliated entity") are never references: the analyst picks
their entity. General English only: the words are determiners, pronouns, counts and the head nouns of
actors, people and deeds.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cyberstate.extract import frames
from cyberstate.extract import rx as re
from cyberstate.extract.guards import JOINT, LeadScan, guarded
from cyberstate.extract.mentions import Mention

if TYPE_CHECKING:
    from cyberstate.extract.relations import Extracted


@dataclass
class Reference(Mention):
    """An end written as a reference: `suggested` is the name of what it stands for, `resolved` whether the
    rules took that as its entity (a resolved reference) or only suggest it to the analyst."""

    suggested: str | None = None
    resolved: bool = False
    #: The mention read as its antecedent (resolved references), for where the note says it is named.
    antecedent: Mention | None = None
    #: Sentences from the antecedent to the reference (0: the same one); None where not counted (an
    #: antecedent carried over from an earlier window of the text).
    distance: int | None = None


def standing(
    text: str, start: int, end: int, ref: Mention, pool: Sequence[Mention] = (), kinds: frozenset[str] | None = None
) -> Reference:
    """A reference at text[start:end] that the rules resolved to `ref`: the antecedent's entity (a proposed
    name carried as its canonical name), the reference's words. An antecedent the store gives several
    entities ("Wicked Spider": APT17 or APT41) is the one of them the mentions before (`pool`) name alone
    ("APT41 ... also known as Winnti, Barium, Wicked Panda and Wicked Spider, the hackers ... Their targets
    include X": APT41), when only one is; and one of the `kinds` the reference stands for ("They" after
    "Vermin", a group and a malware: the group) before one of another kind."""
    antecedent = ref
    if kinds and ref.targets and ref.targets[0].kind not in kinds:
        fitting = [t for t in ref.targets if t.kind in kinds]
        if fitting:
            ref = Mention(ref.start, ref.end, ref.text, fitting + [t for t in ref.targets if t not in fitting])
    if len(ref.targets) > 1:
        alone = {x.targets[0].entity_id for x in pool if len(x.targets) == 1}
        named = [t for t in ref.targets if t.entity_id in alone]
        if len(named) == 1:
            ref = Mention(ref.start, ref.end, ref.text, named + [t for t in ref.targets if t not in named])
    name = ref.named
    return Reference(
        start,
        end,
        text[start:end],
        list(ref.targets),
        ref.proposed_kind,
        None if ref.entity is not None else name,
        suggested=name,
        resolved=True,
        antecedent=antecedent,
    )


def note(m: Mention | None) -> str:
    """What the candidate's note says of an end written as a reference (empty for a name)."""
    if not isinstance(m, Reference) or not m.suggested:
        return ""
    words = " ".join(m.text.split())
    if m.resolved:
        return f"'{words}' read as {m.suggested}" + _WHERE.get(m.distance, f", named {m.distance} sentences before")
    return f"'{words}' may stand for {m.suggested} (suggested, not stored)"


#: Where the note says a resolved reference's antecedent is named, by the sentences between them.
_WHERE = {None: "", 0: ", named in the same sentence", 1: ", named in the sentence before"}


#: The head nouns of a described subject, and the kind of what each describes.
HEADS: dict[str, str] = {
    **dict.fromkeys(
        [
            "hackers",
            "hacker group",
            "hacking group",
            "group",
            "groups",
            "hacker groups",
            "hacking groups",
            "actors",
            "actor",
            "threat actor",
            "attackers",
            "adversary",
            "spies",
            "intruders",
            "cybercriminals",
        ],
        "threat_group",
    ),
    **dict.fromkeys(
        ["defendants", "individuals", "men", "two", "pair", "nationals", "officers", "suspects", "accused"],
        "person",
    ),
    **dict.fromkeys(
        [
            "campaign",
            "operation",
            "attack",
            "attacks",
            "cyberattack",
            "cyberattacks",
            "cyber-attack",
            "cyber-attacks",
            "intrusion",
            "intrusions",
            "hack",
            "hacks",
            "breach",
            "operations",
            "activities",
            "activity",
        ],
        "operation",
    ),
}
#: Heads that need a count to be the people the text spoke of ("the two", "the pair").
_COUNTED = {"two": 2, "pair": 2}
_HEAD_WORDS = "|".join(sorted(map(re.escape, HEADS), key=len, reverse=True))
#: Where a clause's subject stands: the sentence's start (after a quote, a dash), or after a reporting verb
#: ("The US claims that in some instances, ", "said in a statement the attack ..."); then an opening phrase
#: closed by a comma ("In recent months, ").
_OPENING = r"[\s\"“'‘–—-]*"
_REPORTED = (
    r"\b(?:said|says|say|claims?|claimed|alleges?|alleged|added|stated|noted)\s+"
    r"(?:in\s+(?:a|its|their)\s+(?:statement|report|release)\s+)?(?:that\s+)?"
)
#: Words that are no modifier of a head noun: a verb or a function word ("the vulnerability that the hackers").
_NOT_MODIFIER = (
    r"(?:that|which|who|whom|whose|is|are|was|were|be|been|has|have|had|of|in|on|and|or|to|for|by|with|from|as|"
    r"at|it|its|their|they|this|these|those)"
)
#: A definite description: a determiner, up to three lower-case modifiers ("malicious cyber"), the head noun.
_DESCRIPTION = (
    r"(?:(?:In|On|At|By|From|Since|During|According to|in|on|at|by|from|since|during)\b[^,;.]{1,60},\s*)?"
    rf"(?P<ref>(?:the|these|those|this|both)\s+(?:(?!{_NOT_MODIFIER}\s)(?-i:[a-z][\w-]*|Chinese)\s+){{0,3}}?"
    rf"(?P<head>{_HEAD_WORDS}))\b"
)
_AT_START = re.compile(_OPENING + _DESCRIPTION, re.I)
_AFTER_REPORT = guarded(re.compile(_REPORTED + _DESCRIPTION, re.I))
#: Every match of `_AFTER_REPORT` starts with its reporting verb: it is tried only where one stands (one
#: Aho–Corasick pass per text; speed only, the matches of `finditer`), not at every word of every sentence.
_REPORT_LEADS = LeadScan([_AFTER_REPORT], JOINT)
#: What follows a subject: an aside (", which ...", " - who ... -", "(...)") or a verb, after an auxiliary or an
#: adverb ("These groups mainly targeted").
_VERB_AFTER = re.compile(
    r"\s*(?:,(?!\s*(?:and|or)\b)|\(|[–—])|\s+-{1,2}\s|\s+(?:also\s+|allegedly\s+|reportedly\s+|then\s+|later\s+|subsequently\s+|had\s+|have\s+|"
    r"(?-i:[a-z]+ly)\s+|"
    r"has\s+|would\s+|will\s+)*(?:[a-z]+ed|stole|broke|began|ran|sent|sought|took|made|hit|used|face|include|"
    r"were|was|are|is)\b"
)
#: A singular head may take a verb in -s ("the group targets"); a plural head does not.
_VERB_S_AFTER = re.compile(r"\s+(?:also\s+|allegedly\s+|reportedly\s+)?[a-z]+[^s\W]s\b")
_PLURAL = re.compile(r"(?:s|men|two|pair|accused)$", re.I)
#: Kinds whose names may be a described subject's antecedent, per the kind of the description.
_ANTECEDENT_KINDS: dict[str, frozenset[str]] = {
    "threat_group": frozenset({"threat_group"}),
    "person": frozenset({"person"}),
    "operation": frozenset({"operation"}),
}
_LIST_SEP = re.compile(r"^\s*(?:,\s*(?:and\s+)?|\band\b\s*|&\s*)$")


def described_subjects(
    text: str, sentence: tuple[int, int], inside: list[Mention], before: list[Mention]
) -> list[Mention]:
    """A sentence's subject written as a definite description ("The attacks, which took place in 2021,
    targeted X"; "These malicious cyber actors ... targeted X"; "the two - who ... - acted for Y") that no
    name or resolved reference covers: a described end of its kind, with the antecedent the sentences before
    suggest (one of the right kind, no rival) in `suggested`, never as its entity."""
    s, e = sentence
    out: list[Mention] = []
    framed: list[Mention] | None = None
    first = _AT_START.match(text, s, e)
    for m in ([first] if first else []) + list(_REPORT_LEADS.finditer(_AFTER_REPORT, text, s, e)):
        a, b = m.span("ref")
        head = m.group("head").lower()
        if any(x.start < b and a < x.end for x in inside):
            continue  # a name or a reference the rules resolved stands there
        if not (_VERB_AFTER.match(text, b, e) or (not _PLURAL.search(head) and _VERB_S_AFTER.match(text, b, e))):
            continue  # "the two countries", "the group's servers": not a subject written as a description
        if framed is None:  # read only where a description stands (speed only)
            framed = frames.described(text, s, e, inside)
        if any(x.start < b and a < x.end for x in framed):
            continue  # a phrase the frames read as a described actor or deed ("the hackers", "The attack was
            # launched by X", "The other three hackers, A, B and C"): theirs
        kind = HEADS[head]
        pool = [x for x in before if x.start >= 0] + [x for x in inside if x.end <= a]
        run = _antecedent(text, head, kind, pool)
        if len(run) == 1 and kind != "person" and not head.endswith("groups"):
            # one group or operation, no rival: read as it ("these groups" are several: left as written)
            out.append(standing(text, a, b, run[0], pool))
            continue
        out.append(Reference(a, b, text[a:b], [], kind, None, suggested=_listed(run), resolved=False))
    return out


def _listed(run: list[Mention]) -> str | None:
    names = list(dict.fromkeys(x.named for x in run))
    if not names:
        return None
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _antecedent(text: str, head: str, kind: str, pool: list[Mention]) -> list[Mention]:
    """The one name of the right kind the sentences before give: the last threat group or operation when no
    other of that kind is named there, the last list of people when no one else is ("the two": two of them);
    none when the text names a rival."""
    fitting = [x for x in pool if x.kinds() & _ANTECEDENT_KINDS[kind]]
    if not fitting:
        return []
    names = {x.named for x in fitting}
    if kind != "person":
        return fitting[-1:] if len(names) == 1 else []
    run = [fitting[-1]]
    for x in reversed(fitting[:-1]):
        if x.named in {r.named for r in run}:
            continue
        if x.end <= run[0].start and _LIST_SEP.match(text[x.end : run[0].start]):
            run.insert(0, x)
    listed = list(dict.fromkeys(x.named for x in run))
    if names != set(listed) or (head in _COUNTED and len(listed) != _COUNTED[head]):
        return []  # someone else is named too, or "the two" after three people: which ones is not said
    return run


def without_shadows(said: list[Extracted]) -> list[Extracted]:
    """A sentence's statements without the described reading of a reference the rules resolved: "The
    hackers" read once as APT41 (its note says so) and once as a described actor, with the same predicate
    and object, is one statement."""
    resolved = {
        (x.subject.start, x.subject.end, x.predicate, _span(x.object))
        for x in said
        if isinstance(x.subject, Reference) and x.subject.resolved
    }
    if not resolved:
        return said
    return [
        x
        for x in said
        if x.subject.targets
        or x.subject.canonical is not None
        or (x.subject.start, x.subject.end, x.predicate, _span(x.object)) not in resolved
    ]


def _span(m: Mention | None) -> tuple[int, int] | None:
    return None if m is None else (m.start, m.end)


#: Counts as the text writes them ("seven", "12").
_NUMBER_WORDS = (
    *("zero", "one", "two", "three", "four", "five", "six"),
    *("seven", "eight", "nine", "ten", "eleven", "twelve"),
)
_COUNT = r"(?P<count>\d+|" + "|".join(_NUMBER_WORDS[2:]) + ")"
#: A definite description of people in the plural ("The individuals", "the defendants", "these 10
#: defendants", "the two men"): the people the text spoke of before, never new ones.
_PEOPLE_DEFINITE = re.compile(
    rf"(?:the|these|those)\s+(?:{_COUNT}\s+)?(?:[a-z][\w-]*\s+){{0,2}}?(?:defendants|individuals|men|nationals|"
    r"suspects|accused|officers|conspirators|co-conspirators|hackers)",
    re.I,
)
#: A described group of people counted where it is introduced ("seven Chinese nationals", "12 Chinese
#: Contract Hackers", "four members of the PLA"; not "two of whom"): what a later definite description of
#: people stands for.
_COUNTED_GROUP = re.compile(rf"{_COUNT}\s+(?!of\b)\S", re.I)
#: A counted group of people anywhere in the text: a rival of the group a statement introduced.
_OTHER_GROUP = re.compile(
    rf"\b{_COUNT}\s+(?:[\w-]+\s+){{0,3}}?"
    r"(?:nationals|individuals|hackers|officers|men|women|defendants|members|people|persons|suspects|citizens)\b",
    re.I,
)
#: How many sentences back a described group of people is in reach of "the defendants".
PEOPLE_REACH = 3
#: How many sentence starts a note's distance is counted over (an antecedent further back: no distance).
STARTS_KEPT = 1000


def _count(word: str | None) -> int | None:
    if word is None:
        return None
    return int(word) if word.isdigit() else _NUMBER_WORDS.index(word.lower())


class Reach:
    """What the references of a text may stand for beyond the names before them, carried from one window of
    the text to the next (offsets into the whole text, so windows read as the whole does): the counted groups
    of people its statements introduced ("charged seven Chinese nationals"), the doers of deeds they told, and
    where the recent sentences start, so a note can say how far back its antecedent is named.

    A definite description of people in the plural ("The individuals, associated with X, ...", "the
    defendants were members of Y") that the frames read as a described end is read as the one counted group of
    people introduced in the last PEOPLE_REACH sentences, when no other group and no person named by name
    stands between them (either could be whom the text means) and a count it gives agrees ("these 10
    defendants" after "ten Chinese nationals"). A bare deed (`bare_deed`) is read as the one doer told before
    it (`_doer`). Memory stays bounded: the last STARTS_KEPT sentence starts, the people of the groups' reach,
    the doers' names."""

    def __init__(self) -> None:
        self.count = 0  # sentences read so far
        self.starts: list[int] = []  # absolute starts of the last STARTS_KEPT sentences
        self.groups: list[tuple[int, int, int, Mention, int | None]] = []  # (sentence, start, end, group, count)
        self.doer_names: set[str] = set()
        self.doer: tuple[int, Mention] | None = None  # (sentence, the last doer told)
        self.people: list[int] = []  # absolute starts of the people named by name, recent ones, in order
        self.whole = ""
        self.offset = 0
        self._local: set[int] = set()
        self._carried: set[int] = set()
        self._held: tuple[list[Mention], list[Mention]] = ([], [])

    def window(self, whole: str, offset: int, found: list[Mention], carried: list[Mention]) -> None:
        """A new window of `whole` starts at `offset`: its mentions (`found`, offsets into the window) and
        those carried from before (`carried`, offsets into the whole text)."""
        self.whole, self.offset = whole, offset
        self._local = {id(m) for m in found}
        self._carried = {id(m) for m in carried}
        self._held = (found, carried)  # known by `id`: kept alive while they are, so no other mention takes one
        self.people += [offset + m.start for m in found if m.start >= 0 and "person" in m.kinds()]

    def read(self, sentence: tuple[int, int], said: list[Extracted]) -> None:
        """Read the ends of one sentence's statements (in place), then remember the groups and doers it
        tells."""
        self.starts.append(self.offset + sentence[0])
        if len(self.starts) > 2 * STARTS_KEPT:
            del self.starts[:STARTS_KEPT]
        self.count += 1
        here = self.count - 1
        if said:
            done: dict[int, Mention] = {}
            for c in said:
                for side in ("subject", "object"):
                    end = getattr(c, side)
                    if end is None:
                        continue
                    if id(end) not in done:
                        done[id(end)] = self._resolved(end, here)
                    setattr(c, side, done[id(end)])
            for c in said:
                for end in (c.subject, c.object):
                    counted = _COUNTED_GROUP.match(end.text) if end is not None and _described_person(end) else None
                    if end is not None and counted:
                        start = self.offset + end.start
                        self.groups.append((here, start, self.offset + end.end, end, _count(counted.group("count"))))
                doer = _doer_told(c)
                if doer is not None:
                    self.doer_names.add(doer.named)
                    self.doer = (here, doer)
        self.groups = [g for g in self.groups if g[0] >= here - PEOPLE_REACH]
        # the people's starts are in order (each window's, after the windows before): the ones kept are those
        # from the first at or after the bound, found by a binary search (a filter of the whole list for every
        # sentence took time in the window's people times its sentences: speed only)
        kept = bisect.bisect_left(self.people, self.groups[0][1] if self.groups else self.starts[-1])
        if kept:
            del self.people[:kept]

    def _sentence_of(self, at: int) -> int | None:
        """The number of the sentence holding the absolute offset `at`, if it is among the starts kept."""
        i = bisect.bisect_right(self.starts, at) - 1
        return None if i < 0 else self.count - len(self.starts) + i

    def _distance(self, here: int, antecedent: Mention) -> int | None:
        if id(antecedent) in self._local:
            at = self.offset + antecedent.start
        elif id(antecedent) in self._carried:
            at = antecedent.start
        else:
            return None
        there = self._sentence_of(at)
        return None if there is None else here - there

    def _resolved(self, end: Mention, here: int) -> Mention:
        if isinstance(end, Reference):
            if end.resolved and end.antecedent is not None:
                end.distance = self._distance(here, end.antecedent)
            elif not end.resolved and end.proposed_kind == "operation":
                return self._doer(end, here)
            return end
        if not _described_person(end):
            return end
        m = _PEOPLE_DEFINITE.fullmatch(" ".join(end.text.split()))
        if m is None:
            return end
        start = self.offset + end.start
        reach = [g for g in self.groups if here - PEOPLE_REACH <= g[0] < here]
        if not reach or len({g[3].named for g in reach}) != 1:
            return end  # none, or two groups: which one is not said
        there, _, group_end, group, counted = reach[-1]
        if any(group_end <= p < start for p in self.people):
            return end  # a person named between: "the defendants" may be them
        if _OTHER_GROUP.search(self.whole, group_end, start):
            return end  # another counted group between ("and two Russian nationals"), stated or not
        said = _count(m.group("count"))
        if said is not None and said != counted:
            return end  # "these 5 defendants" after eight people: some of them, or others
        r = standing(self.whole, start, self.offset + end.end, group)
        r.start, r.end = end.start, end.end
        r.text = end.text  # the words the frame read, where its span is the clause it read them for
        r.distance = here - there
        return r

    def _doer(self, end: Reference, here: int) -> Mention:
        """A deed written as a bare definite description ("the attacks", "this campaign") read as its doer:
        the one actor the statements before it (in the text so far) told as the doer of a deed, when they
        told no other; the described deed as written where none or several are. The reach is the text so far,
        not a few sentences: a report tells its deeds' doer once, at its start, and speaks of "the attacks"
        after; a second doer told anywhere before makes "the attacks" ambiguous."""
        if self.doer is None or len(self.doer_names) != 1 or not _BARE_DEED.fullmatch(" ".join(end.text.split())):
            return end
        there, doer = self.doer
        r = standing(self.whole, self.offset + end.start, self.offset + end.end, doer)
        r.start, r.end = end.start, end.end
        r.text = end.text
        r.distance = here - there
        return r


def _described_person(m: Mention) -> bool:
    return not m.targets and m.canonical is None and m.proposed_kind == "person" and not isinstance(m, Reference)


#: A deed written as a bare definite description: a determiner, up to two lower-case modifiers, a deed noun.
_BARE_DEED = re.compile(
    r"(?:the|these|those|this)\s+(?:(?-i:[a-z][\w-]*)\s+){0,2}?(?:attacks?|cyberattacks?|cyber-attacks?|campaigns?|"
    r"intrusions?|operations?|hacks?|breach(?:es)?|exploitation)\b",
    re.I,
)
_DOER_KINDS = frozenset({"threat_group"})


def bare_deed(text: str, pos: int, end: int) -> Reference | None:
    """A bare definite deed at `pos` ("of the attacks included"): a described operation whose doer the
    statements before may tell (`Reach`), else the deed as written."""
    m = _BARE_DEED.match(text, pos, end)
    if m is None:
        return None
    return Reference(m.start(), m.end(), m.group(), [], "operation", None)


def _doer_told(c: Extracted) -> Mention | None:
    """The actor a statement tells as the doer of a deed: a named group that targeted something, or the
    group a deed is attributed to."""
    if c.predicate == "targeted" and _named(c.subject) and c.subject.kinds() & _DOER_KINDS:
        return c.subject
    if (
        c.predicate == "attributed_to"
        and c.object is not None
        and "operation" in c.subject.kinds()
        and _named(c.object)
        and c.object.kinds() & _DOER_KINDS
    ):
        return c.object
    return None


def _named(m: Mention) -> bool:
    """A name, or a reference the rules read as one: never a described phrase ("the hackers")."""
    return bool(m.targets) or (m.canonical is not None and not _LOWER_END.search(m.canonical))


_LOWER_END = re.compile(r"(?:^|\s)[a-z][\w-]*$")
