"""Consensus: who independently says a fact, of what kind they are, since when, and how much that weighs.

A fact is a subject, a predicate and an object (or value). Its claims are grouped into **voices**:

- a voice is an assertor: the claims of one assertor count once, however many sources repeat them;
- a secondary assertor (media, academic, independent researcher, or none) that cites a source issued by
  a primary one (a court, a government, an international organisation, a vendor) for a statement that
  primary one makes too is that primary voice repeated, not a voice of its own: a news story on an
  indictment is the Justice Department's voice. Such circular reporting is listed. A source's issuer is
  the primary assertor that cites it for its own statements (an automated inference issues nothing).
  One repeats only what the other says: a newspaper's own sentence in the article that also quotes the
  police ("Tick is believed to be an integral part of Unit 61419", where the police say only that Tick
  has ties to the unit) stays the newspaper's voice, and the police's statements stay the police's.

The score is a noisy-OR over independent voices: 1 − Π(1 − w·c), where c is a voice's strongest
confidence (0–1) and w the weight of its kind (court 1.0, government 0.9, standards body 0.9,
international organisation 0.85, analyst 0.8, vendor 0.7, researcher 0.6, academic 0.5, media 0.4,
automated inference 0.3, unknown 0.3). Voices that deny the fact score the same way into `dispute`;
`net` = support × (1 − dispute). Two governments and a court outweigh one blog; ten stories repeating
one indictment are one voice.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from cyberstate.analysis.claims import literal_text
from cyberstate.analysis.graph import Graph, LazyGraph
from cyberstate.model import Claim
from cyberstate.model.dates import earliest
from cyberstate.model.rules import GENERIC_TIES, RESPONSE_KINDS, denial_disputes
from cyberstate.model.vocab import PREDICATES

WEIGHTS: dict[str | None, float] = {
    "court": 1.0,
    "government": 0.9,
    "standards_body": 0.9,
    "international_organisation": 0.85,
    "analyst": 0.8,
    "vendor": 0.7,
    "researcher": 0.6,
    "academic": 0.5,
    "media": 0.4,
    "automated": 0.3,
    "individual": 0.3,
    None: 0.3,
}
SECONDARY = {"media", "academic", "researcher", "individual", None}
#: Assertors whose citing a source does not make them its issuer: the secondary ones, and automated
#: inference (a matcher that cites the document it matched in does not publish it).
NOT_ISSUERS = SECONDARY | {"automated"}


@dataclass
class Voice:
    id: str | None
    claims: list[Claim] = field(default_factory=list)
    via: list[dict[str, Any]] = field(default_factory=list)  # repetitions by secondary assertors

    def confidence(self) -> int:
        return max(c.confidence for c in self.claims)


class _LazyIssuers:
    def __init__(self, g: LazyGraph) -> None:
        self.g = g

    def get(self, source: str) -> str | None:
        return self.g.issuer(source, NOT_ISSUERS)

    def prime(self, sources: set[str]) -> None:
        self.g.prime_issuers(sources, NOT_ISSUERS)


class Voices:
    """Who issues each source, computed once per graph."""

    def __init__(self, g: Graph) -> None:
        self.g = g
        self.issuer: Any
        if isinstance(g, LazyGraph):  # read per source, by index, when a claim citing it is weighed
            self.issuer = _LazyIssuers(g)
            return
        issuers: dict[str, set[str]] = defaultdict(set)
        for claims in (*g.out.values(), *g.literals.values()):
            for c in claims:
                if c.assertor and g.assertor_types.get(c.assertor) not in NOT_ISSUERS:
                    for s in c.sources:
                        issuers[s].add(c.assertor)
        self.issuer = {s: next(iter(a)) for s, a in issuers.items() if len(a) == 1}

    def voice_of(
        self, c: Claim, speakers: Collection[str | None], opposed: Collection[str | None] = ()
    ) -> tuple[str | None, dict[str, Any] | None]:
        """The voice a claim is: its assertor, or the primary assertor whose source a secondary one
        repeats. `speakers`: the assertors of the claims saying the same as `c` about its fact; a claim
        repeats only one of them (the issuer of a source it cites who does not say what it says is
        quoted beside it, not repeated). `opposed`: the assertors who say the opposite of the claim
        about its fact; the claim is never their voice repeated (a story citing an indictment that
        reports the defendant's denial carries the defendant's voice, not the prosecutor's)."""
        a = c.assertor
        if self.g.assertor_types.get(a) in SECONDARY if a else True:
            for s in c.sources:
                b = self.issuer.get(s)
                if b and b != a and b in speakers and b not in opposed:
                    return b, {"claim": c.id, "assertor": self.name(a), "repeats": self.name(b), "via_source": s}
        return a, None

    def speakers(self, claims: Collection[Claim]) -> set[str | None]:
        """The assertors of `claims`, as the issuers of sources are named (merged records as one)."""
        canon = getattr(self.g, "canon", {})
        return {canon.get(c.assertor, c.assertor) if c.assertor else None for c in claims}

    def name(self, eid: str | None) -> str | None:
        return self.g.name(eid) if eid and eid in self.g.nodes else eid

    def group(self, claims: list[Claim], opposed: Collection[str | None] = ()) -> list[Voice]:
        if isinstance(self.issuer, _LazyIssuers):
            self.issuer.prime({s for c in claims for s in c.sources})
        voices: dict[str | None, Voice] = {}
        speakers = self.speakers(claims)
        for c in claims:
            vid, via = self.voice_of(c, speakers, opposed)
            v = voices.setdefault(vid, Voice(vid))
            v.claims.append(c)
            if via:
                v.via.append(via)
        return list(voices.values())

    def strength(self, voices: list[Voice], *, weighted: bool = True) -> float:
        miss = 1.0
        for v in voices:
            w = WEIGHTS.get(self.g.assertor_types.get(v.id) if v.id else None, 0.3) if weighted else 1.0
            miss *= 1 - w * v.confidence() / 100
        return 1 - miss


def hop_confidence(voices: Voices, claims: list[Claim]) -> int:
    """A chain hop's confidence: independent voices raise it (noisy-OR of their confidences), capped at 99."""
    asserted = [c for c in claims if not c.negated]
    if not asserted:
        return 0
    return min(99, round(100 * voices.strength(voices.group(asserted), weighted=False)))


def fact_key(c: Claim) -> tuple[str, str, str]:
    """The fact a claim states: subject, predicate, object or value; for a symmetric predicate (linked_to,
    related_to, cooperates_with...) the two ends in one order, so "A related_to B" and "B related_to A"
    are one fact with the voices of both."""
    if c.object is None:
        return (c.subject, c.predicate, "=" + json.dumps(c.value, sort_keys=True, ensure_ascii=False))
    spec = PREDICATES.get(c.predicate)
    if spec is not None and spec.symmetric and c.object < c.subject:
        return (c.object, c.predicate, c.subject)
    return (c.subject, c.predicate, c.object)


def disputing(facts: dict[tuple[str, str, str], list[Claim]]) -> dict[tuple[str, str, str], list[Claim]]:
    """For each asserted fact between two entities, the denials stated under another predicate that
    dispute it (model/rules.py denial_disputes: "not linked to" disputes "operated by" between the same
    two ends); a denial under the fact's own predicate is among the fact's claims already."""
    denials = [(k, c) for k, cs in facts.items() for c in cs if c.negated and c.object is not None]
    out: dict[tuple[str, str, str], list[Claim]] = {}
    if not denials:
        return out
    for key, cs in facts.items():
        s, p, o = key
        if o.startswith("=") or not any(not c.negated for c in cs):
            continue
        for k, d in denials:
            if k == key or not denial_disputes(d.predicate, p):
                continue
            same = (d.subject, d.object) == (s, o) or (
                (d.predicate in GENERIC_TIES or PREDICATES[p].symmetric) and (d.object, d.subject) == (s, o)
            )
            if same:
                out.setdefault(key, []).append(d)
    return out


def fact(g: Graph, voices: Voices, claims: list[Claim], denials: Collection[Claim] = ()) -> dict[str, Any]:
    """The consensus on one fact (all its claims share subject, predicate and object); `denials`, the
    claims under another predicate that dispute it (`disputing`)."""
    c0 = claims[0]
    yes, no = [c for c in claims if not c.negated], [c for c in claims if c.negated] + list(denials)
    asserting = voices.group(yes, {c.assertor for c in no})
    denying = voices.group(no, {c.assertor for c in yes})
    # since when the fact is said: the dates of the claims asserting it (a denial's are its voice's, under
    # denied_by); China's denial of March 2021 is no date of the attribution made in July
    dates = sorted(d for d in (g.date_of(c) for c in yes) if d)

    def describe(v: Voice) -> dict[str, Any]:
        vdates = sorted(d for d in (g.date_of(c) for c in v.claims) if d)
        return {
            "id": v.id,
            "name": voices.name(v.id),
            "type": g.assertor_types.get(v.id) if v.id else None,
            "confidence": v.confidence(),
            "bases": sorted({c.basis for c in v.claims if c.basis}),
            "claims": [c.id for c in v.claims],
            "sources": sorted({s for c in v.claims for s in c.sources}),
            "earliest": vdates[0] if vdates else None,
            "latest": vdates[-1] if vdates else None,
            "repeated_by": v.via,
        }

    support = voices.strength(asserting)
    dispute = voices.strength(denying)
    by_type: dict[str, int] = defaultdict(int)
    for v in asserting:
        by_type[(g.assertor_types.get(v.id) if v.id else None) or "unknown"] += 1
    return {
        "subject": g.ref(c0.subject),
        "predicate": c0.predicate,
        "object": g.ref(c0.object) if c0.object is not None else {"value": literal_text(c0.value)},
        "assertors": [describe(v) for v in sorted(asserting, key=lambda v: -v.confidence())],
        "denied_by": [{**describe(v), "predicates": sorted({c.predicate for c in v.claims})} for v in denying],
        "by_type": dict(by_type),
        "independent_voices": len(asserting),
        "claims": len(claims),
        "earliest": dates[0] if dates else None,
        "latest": dates[-1] if dates else None,
        "circular": [via for v in asserting + denying for via in v.via],
        "support": round(support, 3),
        "dispute": round(dispute, 3),
        "score": round(support * (1 - dispute), 3),
    }


def _responses_about(g: Graph, entity: str) -> dict[str, str]:
    """Responses (indictments, sanctions, attributions) that name the entity or its members: id -> how."""
    members = {
        c.subject for c in g.inn.get(entity, ()) if c.predicate in {"member_of_group", "employed_by"} and not c.negated
    }
    out: dict[str, str] = {}
    for target in (entity, *members):
        for c in g.inn.get(target, ()):
            if g.kind(c.subject) in RESPONSE_KINDS and not c.negated:
                how = "concerns" if target == entity else f"{c.predicate} {g.name(target)}, a member"
                out.setdefault(c.subject, how)
    return out


def consensus(g: Graph, entity: str, other: str | None = None, *, voices: Voices | None = None) -> dict[str, Any]:
    """Every fact naming `entity` (and `other`, if given), strongest consensus first. With `other`, the
    facts that an indictment, sanction or attribution naming `entity` (or its members) states about
    `other` count too, marked with the response they come through: a court that indicts APT31's members
    in a case linked to the Hubei bureau speaks to APT31 and Hubei."""
    facts: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    via: dict[tuple[str, str, str], dict[str, Any]] = {}
    for c in (*g.out.get(entity, ()), *g.inn.get(entity, ()), *g.literals.get(entity, ())):
        if other is not None and other not in (c.subject, c.object):
            continue
        facts[fact_key(c)].append(c)
    if other is not None:
        for rid, how in _responses_about(g, entity).items():
            for c in (*g.out.get(rid, ()), *g.inn.get(rid, ())):
                if other in (c.subject, c.object):
                    facts[fact_key(c)].append(c)
                    via[fact_key(c)] = {"response": g.ref(rid), "ties_to_entity": how}
    voices = voices or Voices(g)
    extra = disputing(facts)
    out = []
    for key, cs in facts.items():
        f = fact(g, voices, cs, extra.get(key, ()))
        if key in via:
            f["via"] = via[key]
        out.append(f)
    out.sort(key=lambda f: (-f["score"], -f["independent_voices"], f["predicate"]))
    return {"entity": g.ref(entity), "with": g.ref(other) if other else None, "as_of": g.as_of, "facts": out}


def first_date(g: Graph, claims: list[Claim]) -> str | None:
    dates = sorted((d for d in (g.date_of(c) for c in claims) if d), key=earliest)
    return dates[0] if dates else None
