"""A deed and its doer, both as the subject of what the deed did.

"APT40's campaign targeted X" says that the campaign targeted X and that APT40 did: a reader may write
either as the statement, and documents do both. Where a sentence's readings give one of the two as the
subject of `targeted` and the same sentence ties the deed to its doer by the deed's own phrase (a possessive,
"a campaign attributed to / conducted by X", "X is behind a campaign targeting Y"), the other reading is
proposed beside it, with the same sentence, hedge, negation and assertor, under a rule name of its own.
"""

from __future__ import annotations

import dataclasses

from cyberstate.extract import rx as re
from cyberstate.extract.mentions import Mention
from cyberstate.extract.relations import Extracted

#: The head nouns of a deed.
_DEED_NOUN = (
    r"(?:cyber-?)?(?:attacks?|cyberattacks?|campaigns?|operations?|intrusions?|hacks?|breach(?:es)?|"
    r"activit(?:y|ies)|espionage|infiltrations?)"
)
#: "APT40's (new spying) campaign": the possessor's deed, read up to the targeting verb.
_POSSESSED = re.compile(r"(?:'s|’s)\s+(?:[\w-]+\s+){0,3}?" + _DEED_NOUN + r"\s*\Z", re.I)
#: "the APT40 (spying) campaign": a known group's name as the deed's modifier, a determiner before it.
_COMPOUND = re.compile(r"\s+(?:[\w-]+\s+){0,2}?" + _DEED_NOUN + r"\s*\Z", re.I)
_DETERMINER = re.compile(r"\b(?:the|a|an|this|that|these|those|its|their)\s+\Z", re.I)
#: What ties a deed to the doer named right after it, inside the deed's phrase ("a campaign attributed to X").
_TIED_BY = re.compile(
    r"\s*,?\s*(?:(?:which|that)\s+(?:was|were|is|are|has\s+been|have\s+been)\s+|(?:was|were)\s+)?"
    r"(?:(?:widely\s+|publicly\s+)?attributed\s+to|conducted\s+by|carried\s+out\s+by|launched\s+by|run\s+by|by)\s*\Z",
    re.I,
)
#: Between the doer and the verb: nothing but a comma closing the deed's phrase.
_CLOSE = re.compile(r"\s*,?\s*\Z")
#: A doer named by "by" at the end of the deed's phrase ("an attack on Y by X"), the phrase unbroken.
_BY_AFTER = re.compile(r"[^,;:.!?]{0,80}?\bby\s+[\"“]?", re.I)
#: Who may be a deed's doer here: not a state (a state's deed is read by the state rules).
_DOERS = frozenset({"threat_group", "person", "company", "front_company"})
_BY_DOER = "deed: the deed's doer as subject"
_AS_DEED = "deed: the deed as subject"


def _deed(m: Mention) -> bool:
    """A described deed: a phrase read as an operation, no known entity behind it."""
    return m.entity is None and m.kind == "operation"


def _same(a: Mention, b: Mention) -> bool:
    return a.start == b.start and a.end == b.end


def both_readings(text: str, said: list[Extracted], inside: list[Mention]) -> list[Extracted]:
    """The readings a sentence's `targeted` statements leave out: the doer's beside the deed's, the deed's beside
    the doer's."""
    ties = [
        d
        for d in said
        if d.predicate == "attributed_to" and d.object is not None and _deed(d.subject) and d.object.kinds() & _DOERS
    ]
    out: list[Extracted] = []
    have = {(c.subject.start, c.subject.end, c.object.start, c.object.end) for c in said if c.object is not None}
    for c in said:
        if c.predicate != "targeted" or c.object is None:
            continue
        new: Mention | None = None
        rule = ""
        if _deed(c.subject):
            # "a campaign attributed to X targeted Y", read as the campaign's: X targeted Y too
            doers = [d.object for d in ties if _same(d.subject, c.subject) and d.negated == c.negated]
            if not doers:
                doers = _by(text, c, inside + [x for d in said for x in (d.subject, d.object) if x is not None])
            if len(doers) == 1 and doers[0] is not None:
                new, rule = doers[0], _BY_DOER
        elif c.cue[0] > c.subject.end:
            h0 = c.cue[0]
            between = text[c.subject.end : h0]
            det = _DETERMINER.search(text, max(0, c.subject.start - 8), c.subject.start)
            if _POSSESSED.match(between) or (
                det is not None
                and _COMPOUND.match(between)
                and c.subject.entity is not None
                and "threat_group" in c.subject.kinds()
            ):
                # "X's campaign targeted Y", "the X campaign targeted Y", read as X's: the campaign targeted Y too
                start = det.start() if det is not None and not _POSSESSED.match(between) else c.subject.start
                end = c.subject.end + len(between.rstrip())
                new = Mention(start, end, text[start:end], proposed_kind="operation")
                rule = _AS_DEED
            else:
                for d in ties:
                    if d.object is None or not _same(d.object, c.subject) or d.subject.end > h0:
                        continue
                    gap = text[d.subject.end : h0]
                    tied = d.subject.end <= c.subject.start and _TIED_BY.fullmatch(
                        text[d.subject.end : c.subject.start]
                    )
                    if (not gap.strip()) or (tied and _CLOSE.fullmatch(between)):
                        # "X is behind a campaign targeting Y", "a campaign by X targeted Y": the deed is
                        # the verb's subject
                        new, rule = d.subject, _AS_DEED
                        break
        if new is None:
            continue
        key = (new.start, new.end, c.object.start, c.object.end)
        if key in have:
            continue
        have.add(key)
        out.append(dataclasses.replace(c, subject=new, notes=[rule]))
    return out


def _by(text: str, c: Extracted, ms: list[Mention]) -> list[Mention | None]:
    """The doer a deed's own phrase names after "by": "a cyberattack on Y by X", "an attack by X on Y"."""
    if c.object is None or c.object.start < c.subject.end:
        return []  # the victim before the deed ("Y was hit by a campaign"): no phrase of the deed's to read
    for after in sorted({c.subject.end, c.object.end}):
        m = _BY_AFTER.match(text, after)
        if m is None or (after == c.subject.end and m.end() > c.object.start > after):
            continue
        found = {(x.start, x.end): x for x in ms if x.start == m.end() and x.kinds() & _DOERS}
        if len(found) == 1:
            return list(found.values())
    return []
