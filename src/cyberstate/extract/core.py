"""One extraction: sentences, mentions and statements of a text, as the JSON `extract` prints."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from cyberstate import collector
from cyberstate.extract import deed_doer, denials, frames, language, learned, parse, people, ranking, reference, whose
from cyberstate.extract import rx as re
from cyberstate.extract.dates import PATTERNS as _DATES
from cyberstate.extract.guards import CharScan, guarded
from cyberstate.extract.language import PLAIN
from cyberstate.extract.mentions import Gazetteer, Mention, Target, mentions
from cyberstate.extract.relations import Extracted, relations
from cyberstate.extract.sentences import hard_wrapped, sentences
from cyberstate.extract.sieve import RULES, Sieve
from cyberstate.model.rules import UPWARD


@dataclass
class Extraction:
    text: str
    mentions: list[Mention]
    claims: list[Extracted]

    def as_dict(self) -> dict[str, Any]:
        return {
            "mentions": [_mention(m) for m in self.mentions],
            "claims": [_claim(self.text, c) for c in self.claims],
        }


def country_mentions(store: Any) -> dict[str, Mention]:
    """ISO code -> a mention standing for the store's country entity (nationality adjectives point there)."""
    kinds = store.entity_kinds()
    out = {}
    for eid, code in store.entity_codes().items():
        kind, name = kinds[eid]
        if kind == "country" and code not in out:
            out[code] = Mention(0, 0, name, [Target(eid, "country", name, True)])
    return out


#: A heading that starts the reference list: what follows are titles of other works, not statements.
_REFERENCES = re.compile(
    r"(?im)^\s*(?:#+\s*)?(references|bibliography|works cited|sources|notes and references)\s*:?\s*$"
)
#: In-text citations ("(Cary 2021)", "([Kremlin 2017](#))"): names inside them are not mentions.
_CITATION = guarded(
    re.compile(
        r"\(\[[^\]]*\]\([^)]*\)(?:\s*;\s*\[[^\]]*\]\([^)]*\))*\)|\[[^\]]*\]\(#[^)]*\)|"
        r"\((?:[A-Z][^()]{0,80}?\b(?:19|20)\d{2}[a-z]?)(?:\s*;\s*[^()]{0,80}?\b(?:19|20)\d{2}[a-z]?)*\)"
    )
)


def masked_spans(text: str) -> list[tuple[int, int]]:
    """Spans whose names are not statements: citations, and everything after a references heading."""
    spans = [(m.start(), m.end()) for m in _CITATION.finditer(text)]
    ref = _REFERENCES.search(text)
    if ref and ref.start() > len(text) // 3:
        spans.append((ref.start(), len(text)))
    return spans


#: Markup inside prose (Markdown link targets, citation superscripts, MITRE ATT&CK's "(Citation: Source Title Mon
#: YYYY)") that is blanked, length kept, so "[Leviathan](https://…) is a Chinese state-sponsored group" reads as
#: "Leviathan is a ...", and the words of a cited title ("FireEye Hacking FIN4 Dec 2014") end no phrase a rule
#: reads from the text itself (a victim's: "targeted ... since at least 2013.(Citation: ...)").
_MARKUP = guarded(
    re.compile(
        r"\]\((?:https?:|/|#)[^)\s]*\)|<sup>.*?</sup>|</?[a-z]+[^>]*>|(?<![\w\]])\[(?=[^\]\n]{1,120}\]\()|"
        r"\(Citation:[^()\n]{0,200}\)",
        re.S,
    )
)


#: Both patterns read whole texts, and their matches start only at a bracket or "<": tried only there (speed
#: only, the matches of `finditer`).
_CITATION_AT = CharScan(_CITATION)
_MARKUP_AT = CharScan(_MARKUP)


def blank_markup(text: str) -> str:
    """The text with markup replaced by spaces: same length, so every offset still indexes the original."""
    found = _MARKUP_AT.finditer(text)  # what `_MARKUP.sub` replaces
    if not found:
        return text
    parts = []
    last = 0
    for m in found:
        a, b = m.span()
        parts += [text[last:a], " " * (b - a)]
        last = b
    parts.append(text[last:])
    return "".join(parts)


def _masked(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether a position lies in one of the (sorted, disjoint) masked spans: a binary search."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


#: Texts longer than this are extracted in windows of about this many characters, cut where a paragraph
#: starts a sentence, so the working copies (the folded text, the sentence list, the sieve's index of
#: words) stay bounded whatever the size of the text. A window carries to the next the abbreviations
#: defined so far, the last mentions (for "the group") and the last accusations (for denials).
WINDOW = 1 << 20
#: A paragraph after a line that ends a sentence: a window may start there, unless its first word may refer to
#: what the paragraph before told ("The pair were members of ...", "They", "It", "These"): the window carries its
#: last mentions, but not the text between them that a reference to a list of people reads.
_PARAGRAPH = re.compile(
    r"[.!?:;\"'”’)\]][ \t]*\n[ \t]*\n\s*(?=[A-Z0-9])(?!(?:The|They|It|Its|Their|These|Those|This|He|She|His|Her)\b)"
)


def extract_text(text: str, gazetteer: Gazetteer, countries: dict[str, Mention]) -> Extraction:
    found: list[Mention] = []
    claims: list[Extracted] = []
    for part in iter_extract(text, gazetteer, countries):
        found += part.mentions
        claims += part.claims
    return Extraction(text, found, ranking.rank(text, claims))  # the learned score and threshold


def iter_ranked(
    text: str, gazetteer: Gazetteer, countries: dict[str, Mention], window: int = WINDOW
) -> Iterator[Extraction]:
    """`extract_text` window by window: each window's mentions and its statements through the document's
    ranking, which carries from window to window what the sentences before stated. The windows' mentions and
    statements, joined in order, are `extract_text`'s, and a text of one window is one part, the same; a
    caller that writes or prints each part before it asks for the next (`ingest`, `extract --json`) holds one
    window's mentions and statements at a time, not the document's."""
    earlier: set[tuple[str, str, str]] = set()
    for part in iter_extract(text, gazetteer, countries, window):
        yield Extraction(text, part.mentions, ranking.rank(text, part.claims, earlier))


@dataclass
class _Carried:
    """What one window of a text passes to the next."""

    wrapped: bool
    body_end: int
    defined: dict[str, Mention] = field(default_factory=dict)
    before: list[Mention] = field(default_factory=list)
    recent: list[Extracted] = field(default_factory=list)
    shifted: set[int] = field(default_factory=set)
    people: dict[str, Mention] = field(default_factory=dict)  # short names of the people named so far
    reach: reference.Reach = field(default_factory=reference.Reach)  # what references may stand for
    #: the states the whole document names by a word of their own, read once when a window first asks
    #: (`whose.by_context`: "the NSB" in a report on Taiwan is Taiwan's)
    states_named: set[str] | None = None

    def named(self, whole: str, countries: dict[str, Mention]) -> set[str]:
        if self.states_named is None:
            self.states_named = whose.named_states(whole, countries)
        return self.states_named


def iter_extract(
    text: str, gazetteer: Gazetteer, countries: dict[str, Mention], window: int = WINDOW
) -> Iterator[Extraction]:
    """The extraction of a text window by window, each with offsets into the whole text: what a caller
    that does not keep every mention (a benchmark, a stream) reads, in memory bounded by the window."""
    ref = _REFERENCES.search(text)
    body_end = ref.start() if ref and ref.start() > len(text) // 3 else len(text)
    carried = _Carried(hard_wrapped(text[: 2 * window]), body_end)
    start = 0
    while start < len(text) and start < body_end:
        end = len(text) if len(text) - start <= window + window // 2 else _cut(text, start + window)
        with collector.paused():
            yield _extract_window(text, start, end, gazetteer, countries, carried)
        start = end


def _cut(text: str, at: int) -> int:
    """Where a window ending near `at` ends: the start of the next paragraph after a sentence's end, else
    the next line (a text without paragraphs), else the end of the text."""
    m = _PARAGRAPH.search(text, at, at + 4 * WINDOW)
    if m:
        return m.end()
    line = text.find("\n", at)
    return len(text) if line < 0 else line + 1


def _extract_window(
    whole: str, a: int, b: int, gazetteer: Gazetteer, countries: dict[str, Mention], carried: _Carried
) -> Extraction:
    original = whole[a:b]
    masked = sorted(
        [(m.start(), m.end()) for m in _CITATION_AT.finditer(original)]
        + ([(carried.body_end - a, len(original))] if carried.body_end < b else [])
    )
    text = language.hyphenated(blank_markup(original))
    last = b == len(whole)
    end_of_body = min(
        (s for s, e in masked if e == len(text) and (last or s == carried.body_end - a)), default=len(text)
    )
    found = mentions(gazetteer, text, countries, carried.defined)
    found = whose.settle(text, found, gazetteer.states, countries)  # "Russian Military Intelligence": Russia's
    found = whose.by_context(text, found, gazetteer.states, countries, lambda: carried.named(whole, countries))
    if masked:  # speed only: most windows hold no citation
        found = [m for m in found if not _masked(masked, m.start)]
    found = people.with_people(text, found, carried.people)  # people named in full, then by a short name
    sieved = SIEVE.scan(text)
    shared = RULES.adopt(text, sieved)  # the rules' gate reads the same scan (speed only)
    claims: list[Extracted] = []
    i = 0
    recent = carried.recent
    parsing = parse.enabled()
    pairing = learned.recording_on()
    pending: list[parse.Pending] = []
    ahead: tuple[tuple[int, int], list[Mention]] | None = None  # a denial whose accusation is told next
    reach = carried.reach
    reach.window(whole, a, found, carried.before)
    deeds: list[Mention] = []  # the described deeds the last sentences told, for "X was responsible"
    for span in sentences(text, carried.wrapped):
        s, e = span
        if s >= end_of_body:
            break
        while i < len(found) and found[i].end <= s:
            i += 1
        j = i
        while j < len(found) and found[j].start < e:
            j += 1
        inside = [m for m in found[i:j] if m.end <= e]  # mentions are sorted: one pass over the text
        before = found[max(0, i - 12) : i]
        if i < 12 and carried.before:
            before = carried.before[-(12 - i) :] + before
        possible = sieved.within(s, e)
        if shared:  # the rules ask the gate about the sentence again and again: its answer is this one
            RULES.answer(text, s, e, frozenset(possible))
        said = reference.without_shadows(relations(text, span, inside, before, countries, possible))
        said += deed_doer.both_readings(text, said, inside)  # a deed's doer, and a doer's deed, as subject
        if id(_UNPROVEN) in possible:  # speed only: most sentences say nothing of what is not proven
            said = _unproven(text, span, said)
        reach.read(span, said)  # "the defendants" read as the group named before; where it is named
        if parsing and parse.worth(text, span, inside) and parse.unstated(inside, said):
            pending.append((span, inside, said, possible))  # read by the dependency parse after the loop
        if ahead is not None:
            # "China said the US is spreading false information. Wang made the remarks when commenting on
            # reports that a China-based group hacked X": the reply denies what the next sentence reports
            claims += _denial(text, ahead[0], [], _accusations(said), ahead[1], countries)
            ahead = None
        if id(frames._DENIAL) in possible and frames.denied(text, span):
            denied = _denial(text, span, said, recent, inside, countries, before)
            if not denied and not recent and _answers_ahead(text, span, said, inside, countries, before):
                ahead = (span, inside)
            said += denied
        cue = _RESPONSIBLE_ALONE.search(text, s, e) if id(_RESPONSIBLE_ALONE) in possible else None
        if cue is not None:
            said += _responsible_alone(text, span, cue, said, inside, deeds, found)
        deeds = (deeds + [x for c in said for x in (c.subject, c.object) if _told_deed(x)])[-4:]
        if deeds:  # speed only: most sentences follow no deed told in words
            reach_from = _earlier_start(text, s)
            deeds = [x for x in deeds if x.start >= reach_from]
        claims += said
        if pairing:  # training the pair classifier reads every pair of ends the sentence offers (extract/learned.py)
            learned.record(text, span, inside, said)
        # a deed told by its target ("the attack on the ministry") accuses no one
        recent = _remembered(recent + [c for c in said if c.predicate in _ACCUSING and c.notes[:1] not in _DEED_ONLY])
    claims += parse.propose_many(text, pending)  # the sentences worth it, parsed in one batch
    for m in found:
        m.text = original[m.start : m.end]
    if a:
        _shift(found, claims, a, carried.shifted)
    if last:
        return Extraction(whole, found, claims)  # speed only: nothing is carried past the last window
    carried.recent = recent
    carried.before = (carried.before + found)[-12:]
    # what later windows can meet again: the countries and what is carried (alive, so no id is reused)
    carried.shifted = {id(m) for m in countries.values()} | {id(m) for m in carried.before}
    carried.shifted |= {id(x) for c in recent for x in (c.subject, c.object, c.assertor_mention) if x is not None}
    carried.defined.update(
        {k: Mention(-1, -1, v.text, v.targets, v.proposed_kind, v.canonical) for k, v in carried.defined.items()}
    )
    return Extraction(whole, found, claims)


#: "responsible" with no deed after it: "named A and B as those responsible", "The responsible actors are X",
#: "amid speculation China was responsible." The deed is the one told before, in the sentence or the two before it.
_RESPONSIBLE_ALONE = guarded(
    re.compile(
        r"\b(?:(?:those|the\s+(?:ones?|part(?:y|ies)|actors?|groups?|hackers|states?|countr(?:y|ies)))\s+"
        r"responsible\b(?!\s+for\b)|the\s+responsible\s+(?:actors?|part(?:y|ies)|groups?|hackers|states?|"
        r"countr(?:y|ies))\b|\b(?:was|were|is|are)\s+(?:\w+ly\s+)?responsible\s*[.;]?\s*$)",
        re.I,
    )
)
_COPULA_RESPONSIBLE = re.compile(r"\s+(?:was|were|is|are)\s+(?:\w+ly\s+)?responsible\b", re.I)
#: Who may be named as the one responsible: groups, named or described, and a state right before "was responsible".
_RESPONSIBLE_KINDS = frozenset({"threat_group"})

#: What the words before a clause say is not shown: "doesn't have specific proof linking", "there is no conclusive
#: evidence", "do not allow us to conclude that", "could not yet conclude if", "does not necessarily mean that". A tie
#: told in the clause after them is not made (`_unproven`).
_UNPROVEN = guarded(
    re.compile(
        r"(?:\bno|\bnot|n't|\binsufficient|\blittle|\bscant|\black\s+of|\bwithout)\s+(?:[\w-]+\s+){0,3}?"
        r"(?:evidence|proof)\b|"
        r"(?:\bcannot|\bcan\s+not|\bcan't|\bcould\s+not|\bcouldn't|\bunable\s+to|\bnot\s+(?:yet\s+)?(?:able|possible)\s+to|"
        r"\btoo\s+early\s+to|\bimpossible\s+to)\s+(?:yet\s+)?(?:\w+ly\s+)?"
        r"(?:conclude|confirm|determine|establish|prove|verify|ascertain|say\s+(?:whether|if|for\s+(?:sure|certain)))\b|"
        r"\bnot\s+allow\s+(?:\w+\s+){0,2}to\s+(?:conclude|confirm|determine|establish|say)\b|"
        r"\bnot\s+necessarily\s+mean\b",
        re.I,
    )
)
#: What ends the clause the words above govern: a comma or a colon, a clause of contrast ("..., but the firm says X
#: is involved": the second clause is asserted), or a verb of saying or accusing ("without evidence, accused X of").
_UNPROVEN_BREAK = re.compile(
    r"[,;:()]|\b(?:but|while|whereas|although|though|yet|said|says|told|stated|accus\w*|claim\w*|alleg\w*|blam\w*)\b",
    re.I,
)
#: The predicates of who stands behind what, which such words leave unmade: the model's steps up a chain, a link and
#: a founding.
_UNPROVEN_TIES = UPWARD | {"linked_to", "established_by"}


def _unproven(text: str, span: tuple[int, int], said: list[Extracted]) -> list[Extracted]:
    """The ties told in a clause that the words before it say is not shown, negated: 'Palo Alto doesn't have
    specific proof linking the attacks to X', 'do not allow us to conclude that the attacks were carried out by X'.
    Both ends stand after the words, in the same clause (no comma or contrast between), close to them."""
    s, e = span
    ats = [m.end() for m in _UNPROVEN.finditer(text, s, e)]
    if not ats:
        return said
    out = []
    for c in said:
        if not c.negated and c.predicate in _UNPROVEN_TIES and c.object is not None:
            first = min(c.subject.start, c.object.start)
            if any(at <= first and first - at <= 90 and not _UNPROVEN_BREAK.search(text, at, first) for at in ats):
                c = replace(c, negated=True)
        out.append(c)
    return out


#: The patterns tried on every sentence, found by the words they need in one pass over the text: each is
#: tried only on the sentences holding one of its words (extract/sieve.py).
#: The rule modules' gate (extract/sieve.py `RULES`) takes its places from the same pass: the text is read once.
SIEVE = Sieve(
    [c.pattern for c in language.CUES]
    + [p for p, _ in _DATES]
    + [frames._HEAD, frames._DENIAL, language.COREF, _RESPONSIBLE_ALONE, _UNPROVEN]
    + RULES.patterns
)


def _told_deed(m: Mention | None) -> bool:
    """A deed described in words ("a cyber-attack", "malicious cyber activities"), no name of the store."""
    return m is not None and m.entity is None and m.proposed_kind == "operation"


def _earlier_start(text: str, s: int) -> int:
    """Where the sentence two before the one at `s` starts, roughly: the reach of a deed told before."""
    at = s
    for _ in range(3):
        stop, line = text.rfind(". ", 0, max(at - 2, 0)), text.rfind("\n", 0, max(at - 2, 0))
        at = max(stop + 2 if stop >= 0 else 0, line + 1)
    return at


def _responsible_alone(
    text: str,
    span: tuple[int, int],
    cue: re.Match[str],
    said: list[Extracted],
    inside: list[Mention],
    deeds: list[Mention],
    found: list[Mention],
) -> list[Extracted]:
    """'Finland's parliament was hit by a cyber-attack. Britain named APT40 and APT31 as those responsible.': the
    deed told last, in this sentence before the cue or in the two sentences before it, is attributed to the groups
    the sentence names (a state only where it is the subject of "was responsible"). `cue`: `_RESPONSIBLE_ALONE`'s
    match in the sentence."""
    s, e = span
    before = [
        x for c in said for x in (c.subject, c.object) if _told_deed(x) and x is not None and x.end <= cue.start()
    ]
    deed = max(before, key=lambda x: x.start) if before else (deeds[-1] if deeds else None)
    if deed is None:  # a deed told with no statement of its own ("has been a target of a cyber-attack")
        a = _earlier_start(text, s)
        told = [
            x
            for x in frames.described(text, a, cue.start(), [m for m in found if a <= m.start < cue.start()])
            if x.proposed_kind == "operation"
        ]
        deed = max(told, key=lambda x: x.start) if told else None
    if deed is None:
        return []
    doers = [m for m in inside if m.kinds() & _RESPONSIBLE_KINDS and not (m.start < cue.end() and cue.start() < m.end)]
    doers += [
        x
        for c in said
        for x in (c.subject,)
        if x.entity is None and x.proposed_kind == "threat_group" and not (x.start < cue.end() and cue.start() < x.end)
    ]
    copula = [
        m
        for m in inside
        if "country" in m.kinds() and _COPULA_RESPONSIBLE.match(text, m.end) and m.end <= cue.start() + 1
    ]
    doers += copula
    hedged, conf = language.hedge(text[s:e])
    assertor = next(((c.assertor, c.assertor_mention) for c in said if c.assertor), (None, None))
    out: list[Extracted] = []
    seen: set[tuple[int, int]] = set()
    for d in doers:
        if (d.start, d.end) in seen or d.start <= deed.start < d.end:
            continue
        seen.add((d.start, d.end))
        out.append(
            Extracted(
                Mention(deed.start, deed.end, deed.text, [], "operation"),
                "attributed_to",
                d,
                None,
                span,
                hedged,
                False,
                conf,
                assertor[0],
                assertor[1],
                None,
                (cue.start(), cue.end()),
                [_RESPONSIBLE],
            )
        )
    return out


def _shift(found: list[Mention], claims: list[Extracted], by: int, shifted: set[int]) -> None:
    """Offsets of a window's mentions and statements made offsets into the whole text (each object once:
    a denial reuses the mentions of an accusation from an earlier window)."""
    for m in found + [x for c in claims for x in (c.subject, c.object, c.assertor_mention) if x is not None]:
        if id(m) not in shifted:
            shifted.add(id(m))
            m.start += by
            m.end += by
    for c in claims:
        c.sentence = (c.sentence[0] + by, c.sentence[1] + by)
        c.cue = (c.cue[0] + by, c.cue[1] + by)


#: The rule of "X was responsible" read with the deed told before it (`_responsible_alone`): no accusation a later
#: reply takes back, since the stance sentences of a reply ("China opposes all forms of cyberattacks") would take
#: the deed back once more.
_RESPONSIBLE = "responsible alone"
#: The rule of a denial's reading of the deed that an accusation before it told beside its doer.
_DEED_BEFORE = "denial of the deed before"
#: and a deed told by its victims with no doer in its sentence (extract/victims.py, "deed against X"); a
#: rebuttal of a deed it names ("the hacking accusations") accuses no one either, nor the deed a denial takes
#: back beside its doer: the doer's denial is what later replies take back
_DEED_ONLY = (
    ["frame:deed on target"],
    ["victims:deed against X"],
    ["denial of the deed named"],
    [_DEED_BEFORE],
    [_RESPONSIBLE],
    [frames.TOOK_PART],
)
#: What a sentence accuses someone of: a deed, who stands behind it, a charge or a sanction.
_ACCUSING = {"attributed_to", "operated_by", "targeted", "linked_to", "indicted", "sanctioned"}
#: Who can be accused: the doers, not states, bureaus or courts.
_ACCUSED = frozenset({"threat_group", "person", "company", "front_company", "operation", "malware"})
#: What a reply may name as the accused when no accusation came before it.
_NAMED_IN_DENIAL = frozenset({"threat_group", "operation"})
_DENIER = guarded(
    re.compile(
        r"\b(?:China|Chinese|Beijing|PRC|spokes(?:person|man|woman)|embassy|foreign ministry|"
        r"ministry of foreign affairs)\b",
        re.I,
    )
)


def _remembered(accusations: list[Extracted]) -> list[Extracted]:
    """The accusations a later denial may take back: the document's first (its main charge, which a
    reply at the end rebuts) and the five last."""
    return accusations if len(accusations) <= 6 else accusations[:1] + accusations[-5:]


def _accused(c: Extracted) -> Mention | None:
    """The one an accusation accuses: the doer of a deed, the one charged or sanctioned."""
    if (
        c.predicate in {"indicted", "sanctioned"}
        or (c.predicate == "attributed_to" and c.object is not None and c.object.kinds() & _ACCUSED)
        or (  # "claims linking a cyberattack to a hacking group": the group
            c.predicate == "linked_to"
            and c.object is not None
            and c.object.kinds() & _ACCUSED
            and c.subject.entity is None
            and c.subject.proposed_kind == "operation"
        )
    ):
        who = c.object  # "the attack was carried out by Volt Typhoon": the doer, not the deed
    else:
        who = c.subject
    return who if who is not None and who.kinds() & _ACCUSED else None


def _doer(m: Mention | None) -> bool:
    """Whether an accused is an actor, named or described, rather than a described deed."""
    return m is not None and not (m.entity is None and m.proposed_kind == "operation")


def _accusations(said: list[Extracted]) -> list[Extracted]:
    return [c for c in said if c.predicate in _ACCUSING and not c.negated and c.notes[:1] not in _DEED_ONLY]


def _answers_ahead(
    text: str,
    span: tuple[int, int],
    said: list[Extracted],
    inside: list[Mention],
    countries: dict[str, Mention],
    before: list[Mention] | None,
) -> bool:
    """Whether a Chinese rebuttal that finds nothing to deny before it may deny what the next sentence
    reports: it states nothing of its own and names no group (a reply that opens an article, the
    accusation it answers told after it)."""
    return (
        not said
        and "CN" in countries
        and _DENIER.search(text, *span) is not None
        and not any(m.entity is not None and m.entity.kind in _NAMED_IN_DENIAL for m in inside + (before or []))
    )


#: Words of an accused that tie it to the Chinese state by themselves: "state-sponsored Chinese hackers",
#: "Beijing-backed hackers", "Twelve Chinese nationals".
_CHINA_WORDS = re.compile(r"\b(?:China|Chinese|Beijing|PRC)\b|\bstate-", re.I)
#: Predicates by which an accusation ties its subject to whoever stands behind it.
_TYING = frozenset({"attributed_to", "operated_by", "linked_to"})


def _same(a: Mention, b: Mention) -> bool:
    if a.entity is not None and b.entity is not None:
        return a.entity.entity_id == b.entity.entity_id
    return " ".join(a.text.lower().split()) == " ".join(b.text.lower().split())


def _tied(accused: Mention | None, recent: list[Extracted]) -> bool:
    """Whether the accusations tie the accused to the state a denial speaks for: its own words name China or
    the state, or an accusation reads it `attributed_to`, `operated_by` or `linked_to` someone. A denial takes
    back that tie; an accused charged only with a deed or a charge ("Zhou Shuai was indicted") had none."""
    if accused is None:
        return False
    if _CHINA_WORDS.search(accused.text) or (accused.entity is not None and _CHINA_WORDS.search(accused.entity.name)):
        return True
    return any(c.predicate in _TYING and _same(c.subject, accused) for c in recent)


#: A stance against a class of deeds ("China opposes and cracks down on all forms of cyberattacks"): it takes
#: back no one deed told before.
_STANCE = re.compile(r"\b(?:oppos\w*|urges?|combats?|cracks? down|all forms of)\b", re.I)


def _denial(
    text: str,
    span: tuple[int, int],
    said: list[Extracted],
    recent: list[Extracted],
    inside: list[Mention],
    countries: dict[str, Mention],
    before: list[Mention] | None = None,
) -> list[Extracted]:
    """A rebuttal by a Chinese party ("the accusations are groundless", "China has denied the allegations")
    that states no claim of its own denies that the state stands behind the accused: the document's first
    accused and the one accused last before it, each `attributed_to` China, negated, asserted by whoever
    denies; where one of the two was tied to the state by the accusations (`_tied`) and the other was not,
    the tied one alone."""
    china = countries.get("CN")
    if any(c.negated for c in said) or china is None or not _DENIER.search(text, *span):
        return []
    # a reply that names the group it rebuts ("spreading disinformation including 'Volt Typhoon'")
    # with no accusation before it (a foreign ministry's own release) denies that group
    named = [m for m in inside if m.entity is not None and m.entity.kind in _NAMED_IN_DENIAL]
    deed = denials.denied_deed(text, span)
    if deed is not None:  # "called the hacking accusations 'fabricated'": the hacking, not whom it accuses
        recent, named = [], [deed]
    if not recent:  # "China called a report that X breached Y 'disinformation'": the accusation it reports
        recent = [c for c in said if c.predicate in _ACCUSING and not c.negated]
    if not recent and not named and before:
        # no accusation read and none named: the group the document last named is the one rebutted
        named = [m for m in before if m.entity is not None and m.entity.kind in _NAMED_IN_DENIAL][-1:]
    if not recent and not named:
        return []
    who = denials.denier(text, span, inside, before)
    out: list[Extracted] = []
    seen: set[str] = set()
    # the last accused who acts, not a deed told by its target ("One notable attack breached X")
    last = next((c for c in reversed(recent) if _doer(_accused(c))), recent[-1]) if recent else None
    accusations = [(_accused(c), c) for c in (recent[0], last)] if last else [(m, None) for m in named]
    tied = [a for a in accusations if _tied(a[0], recent)]
    if tied:  # "denied the allegations": the tie the accusation made, not the deed or charge of another accused
        accusations = tied
    # "Hackers backed by the state carried out the alleged attacks on X. The ministry denied any involvement":
    # the deed the accusation told beside its doer is denied too, unless the reply only states a stance
    deed_before: Mention | None = None
    if last is not None and _doer(_accused(last)) and not _STANCE.search(text, *span):
        deeds = [c for c in recent if c.predicate in {"targeted", "attributed_to"} and not _doer(c.subject)]
        if deeds:
            deed_before = deeds[-1].subject
            accusations.append((deed_before, deeds[-1]))
    for accused, c in accusations:
        if accused is None:
            continue
        key = accused.entity.entity_id if accused.entity else " ".join(accused.text.lower().split())
        if key in seen:
            continue
        seen.add(key)
        out.append(
            Extracted(
                accused,
                "attributed_to",
                china,
                None,
                span,
                False,
                True,
                c.confidence if c else PLAIN,
                who,
                None,
                c.date if c else None,
                span,
                [
                    _DEED_BEFORE
                    if accused is deed_before
                    else "denial of the accusation before"
                    if c
                    else "denial of the deed named"
                    if deed
                    else "denial of the group named"
                ],
            )
        )
    return out


def _ref(m: Mention | None, value: str | None = None) -> dict[str, Any]:
    if m is None:
        return {"id": None, "name": value}
    text = " ".join(m.text.split())
    if m.entity:
        return {"id": m.entity.entity_id, "name": m.entity.name, "text": text, "kind": m.entity.kind}
    return {"id": None, "name": " ".join((m.canonical or text).split()), "text": text, "kind": m.proposed_kind}


def _mention(m: Mention) -> dict[str, Any]:
    ent = {"id": m.entity.entity_id, "name": m.entity.name, "kind": m.entity.kind} if m.entity else None
    return {"text": m.text, "start": m.start, "end": m.end, "entity": ent, "proposed_kind": m.proposed_kind}


def _claim(text: str, c: Extracted) -> dict[str, Any]:
    s, e = c.sentence
    return {
        "subject": _ref(c.subject),
        "predicate": c.predicate,
        "object": _ref(c.object, c.value),
        "assertor": " ".join(c.assertor.split()) if c.assertor else None,
        "date": c.date,
        "confidence": c.confidence,
        "hedged": c.hedged,
        "negated": c.negated,
        "evidence": {"start": s, "end": e, "text": text[s:e]},
    }
