"""References: an end written as a pronoun or a described phrase ("they", "the hackers", "the two", "the
attacks") rather than a name.

The text's wording is what a reader checks a statement against, so an end that refers keeps its words as
written; which entity it stands for is the analyst's call. Two cases:

- a reference the rules resolve (relations.py: "the group", "the hackers" for the last fitting name before
  them; "They", "The two" for the actor or the people named before): the end keeps the antecedent's entity,
  as it always did, but its text is the reference as written and the candidate's note says what it was read
  as ("'The hackers' read as MirrorFace"), so the reading is never silent;
- a described subject the rules do not resolve (`described_subjects`): "The attacks, which took place in
  early 2021, targeted X", "These malicious cyber actors ... targeted X", "the two - who ... - acted for Y":
  a sentence's subject written as a definite description of actors, people or deeds becomes a described
  end of its kind (no entity: stored as the document's own described entity, which the analyst resolves).
  Where the sentences before name one antecedent of the right kind and no rival (the last threat group,
  list of people or operation), the candidate's note suggests it ("'the two' may stand for Li Xiaoyu and
  Dong Jiazhi"); the suggestion is never stored as the entity.

General English only: the words are determiners, pronouns and the head nouns of actors and deeds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cyberstate.extract import frames
from cyberstate.extract.guards import guarded
from cyberstate.extract.mentions import Mention

if TYPE_CHECKING:
    from cyberstate.extract.relations import Extracted


@dataclass
class Reference(Mention):
    """An end written as a reference: `suggested` is the name of what it stands for, `resolved` whether the
    rules took that as its entity (a resolved reference) or only suggest it to the analyst."""

    suggested: str | None = None
    resolved: bool = False


def standing(text: str, start: int, end: int, ref: Mention, pool: Sequence[Mention] = ()) -> Reference:
    """A reference at text[start:end] that the rules resolved to `ref`: the antecedent's entity (a proposed
    name carried as its canonical name), the reference's words. An antecedent the store gives several
    entities ("Wicked Spider": APT17 or APT41) is the one of them the mentions before (`pool`) name alone
    ("APT41 ... also known as Winnti, Barium, Wicked Panda and Wicked Spider, the hackers ... Their targets
    include X": APT41), when only one is."""
    if len(ref.targets) > 1:
        alone = {x.targets[0].entity_id for x in pool if len(x.targets) == 1}
        named = [t for t in ref.targets if t.entity_id in alone]
        if len(named) == 1:
            ref = Mention(ref.start, ref.end, ref.text, named + [t for t in ref.targets if t not in named])
    name = ref.entity.name if ref.entity is not None else " ".join((ref.canonical or ref.text).split())
    return Reference(
        start,
        end,
        text[start:end],
        list(ref.targets),
        ref.proposed_kind,
        None if ref.entity is not None else name,
        suggested=name,
        resolved=True,
    )


def note(m: Mention | None) -> str:
    """What the candidate's note says of an end written as a reference (empty for a name)."""
    if not isinstance(m, Reference) or not m.suggested:
        return ""
    words = " ".join(m.text.split())
    if m.resolved:
        return f"'{words}' read as {m.suggested}"
    return f"'{words}' may stand for {m.suggested} (suggested, not stored)"


#: The head nouns of a described subject, and the kind of what each describes.
HEADS: dict[str, str] = {
    **dict.fromkeys(
        [
            "hackers",
            "hacker group",
            "hacking group",
            "group",
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
#: What follows a subject: an aside (", which ...", " - who ... -", "(...)") or a verb.
_VERB_AFTER = re.compile(
    r"\s*(?:,(?!\s*(?:and|or)\b)|\(|[–—])|\s+-{1,2}\s|\s+(?:also\s+|allegedly\s+|reportedly\s+|then\s+|later\s+|subsequently\s+|had\s+|have\s+|"
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
    for m in ([first] if first else []) + list(_AFTER_REPORT.finditer(text, s, e)):
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
        pool = [x for x in before if x.start >= 0 and x.end <= s] + [x for x in inside if x.end <= a]
        out.append(
            Reference(a, b, text[a:b], [], kind, None, suggested=_antecedent(text, head, kind, pool), resolved=False)
        )
    return out


def _antecedent(text: str, head: str, kind: str, pool: list[Mention]) -> str | None:
    """The one name of the right kind the sentences before give: the last threat group or operation when no
    other of that kind is named there, the last list of people when no one else is ("the two": two of them)."""
    fitting = [x for x in pool if x.kinds() & _ANTECEDENT_KINDS[kind]]
    if not fitting:
        return None
    names = {_name(x) for x in fitting}
    if kind != "person":
        return _name(fitting[-1]) if len(names) == 1 else None
    run = [fitting[-1]]
    for x in reversed(fitting[:-1]):
        if _name(x) in {_name(r) for r in run}:
            continue
        if x.end <= run[0].start and _LIST_SEP.match(text[x.end : run[0].start]):
            run.insert(0, x)
    listed = [_name(x) for x in run]
    listed = list(dict.fromkeys(listed))
    if names != set(listed) or (head in _COUNTED and len(listed) != _COUNTED[head]):
        return None  # someone else is named too, or "the two" after three people: which ones is not said
    return listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]


def _name(m: Mention) -> str:
    return m.entity.name if m.entity is not None else " ".join((m.canonical or m.text).split())


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
