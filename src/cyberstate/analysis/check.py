"""Consistency checks over the stored knowledge.

Errors are things that must not be: a claim outside the vocabulary, a reference to nothing, a claim
without a source. Contradictions are what sources say against reference geography: kept as the
source said them (never fixed), and reported here so an analyst sees both sides. Ambiguous names are
names that several entities carry, so `resolve` must list them all.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from cyberstate.analysis.graph import Graph
from cyberstate.errors import CyberstateError
from cyberstate.model import check_domain_range
from cyberstate.model.names import norm
from cyberstate.model.vocab import MATCH_CLASS, PREDICATES
from cyberstate.store.sqlite import SQLiteStore

#: Place levels, smallest last: a place may only lie in a place of a higher level.
PLACE_LEVEL = {"country": 4, "province": 3, "city": 2, "special_economic_zone": 1}  # a region has no fixed scale

#: Words a source may use for what a place is, mapped to the kinds they denote.
PLACE_WORDS: dict[str, set[str]] = {
    "country": {"country"},
    "state": {"country"},
    "province": {"province"},
    "municipality": {"province", "city"},
    "autonomous region": {"province"},
    "city": {"city"},
    "smart city": {"city"},
    "town": {"city"},
    "special economic zone": {"special_economic_zone"},
}


def _finding(kind: str, severity: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"kind": kind, "severity": severity, "message": message, **extra}


def check(store: SQLiteStore, g: Graph) -> dict[str, Any]:
    findings: list[dict[str, Any]] = []
    # 1. vocabulary, re-checked on what is stored (a file written by another tool, an old release)
    for c in store.iter_claims(statuses=None):
        if c.predicate not in PREDICATES:
            findings.append(
                _finding("vocabulary", "error", f"claim {c.id}: unknown predicate {c.predicate!r}", claims=[c.id])
            )
            continue
        if c.subject in g.nodes and (c.object is None or c.object in g.nodes):
            try:
                check_domain_range(c.predicate, g.kind(c.subject), g.kind(c.object) if c.object else None)
            except CyberstateError as e:
                findings.append(_finding("vocabulary", "error", f"claim {c.id}: {e}", claims=[c.id]))
    # 2. dangling references and unsourced claims
    for cid, role, missing in store.dangling():
        findings.append(_finding("dangling", "error", f"claim {cid}: {role} {missing!r} does not exist", claims=[cid]))
    for cid in store.unsourced_claims():
        findings.append(_finding("unsourced", "error", f"claim {cid} cites no source", claims=[cid]))
    # 3. what sources say about places, against the gazetteer
    findings += geography(g)
    # 4. assertors whose type is unknown cannot be weighed (court, government, vendor, ...)
    untyped: dict[str, int] = defaultdict(int)
    for claims in (*g.out.values(), *g.literals.values()):
        for c in claims:
            if c.assertor and c.assertor not in g.assertor_types:
                untyped[c.assertor] += 1
    for eid, n in sorted(untyped.items()):
        findings.append(
            _finding(
                "untyped_assertor",
                "warning",
                f"{g.name(eid)} [{eid}] asserts {n} claims but has no assertor_type",
                entities=[eid],
            )
        )
    # 5. names the merge left pointing at several entities (kept apart, listed by resolve)
    conflicted = set()
    for key, name, ids, reason in store.name_conflicts():
        conflicted.add(key)
        findings.append(
            _finding(
                "name_conflict",
                "warning",
                f"{name!r} names {len(ids)} entities, not merged ({reason}): "
                + ", ".join(f"{g.name(i)} [{i}]" for i in ids if i in g.nodes),
                entities=ids,
            )
        )
    # 6. other names that several entities of one class carry
    by_norm: dict[tuple[str, str], set[str]] = defaultdict(set)
    shown: dict[str, str] = {}
    for hit in store.iter_names():
        k = norm(hit.name)
        if k and k not in conflicted:
            eid = g.canonical(hit.entity_id)
            by_norm[(MATCH_CLASS.get(g.kind(eid), g.kind(eid)), k)].add(eid)
            shown.setdefault(k, hit.name)
    for (_cls, k), ids in sorted(by_norm.items()):
        if len(ids) > 1:
            findings.append(
                _finding(
                    "ambiguous_name",
                    "warning",
                    f"{shown[k]!r} names {len(ids)} entities: " + ", ".join(f"{g.name(i)} [{i}]" for i in sorted(ids)),
                    entities=sorted(ids),
                )
            )
    summary: dict[str, int] = defaultdict(int)
    for f in findings:
        summary[f["kind"]] += 1
    return {
        "ok": not any(f["severity"] == "error" for f in findings),
        "summary": dict(summary),
        "findings": findings,
    }


def geography(g: Graph) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []

    def side(c: Any) -> dict[str, Any]:
        return {
            "claim": c.id,
            "assertor": g.name(c.assertor) if c.assertor else None,
            "sources": list(c.sources),
            "evidence": c.evidence.text if c.evidence else None,
        }

    # a source calls a place something the reference data says it is not
    # in the order of the entities' ids: the graph's own order is the order its entities were first read in,
    # which in a long-lived reader (the web server) depends on the questions asked before
    for eid, claims in sorted(g.literals.items(), key=lambda kv: kv[0]):
        kind = g.kind(eid)
        if kind not in PLACE_LEVEL:
            continue
        for c in sorted(claims, key=lambda c: c.id):
            if c.predicate != "is_a" or c.negated:
                continue
            word = str(c.value).strip().lower()
            denoted = PLACE_WORDS.get(word)
            if denoted is not None and kind not in denoted:
                out.append(
                    _finding(
                        "gazetteer",
                        "contradiction",
                        f"{g.name(eid)} is a {kind} in the reference data, but {side(c)['assertor'] or 'a source'} "
                        f"calls it a {word!r}",
                        entities=[eid],
                        source_side=side(c),
                        reference={"kind": kind, "entity": g.ref(eid)},
                    )
                )
    # a place said to lie inside a place of the same or a lower level, or inside its own part
    for eid in g.nodes:
        kind = g.kind(eid)
        if kind not in PLACE_LEVEL:
            continue
        for c in g.edges(eid, {"located_in"}):
            if c.negated or c.object is None or g.kind(c.object) not in PLACE_LEVEL:
                continue
            okind = g.kind(c.object)
            if PLACE_LEVEL[okind] <= PLACE_LEVEL[kind]:
                counter = [side(r) for r in g.edges(c.object, {"located_in"}) if r.object == eid and not r.negated]
                out.append(
                    _finding(
                        "gazetteer",
                        "contradiction",
                        f"{g.name(eid)} ({kind}) is said to lie in {g.name(c.object)} ({okind})"
                        + (f"; the reference says {g.name(c.object)} lies in {g.name(eid)}" if counter else ""),
                        entities=[eid, c.object],
                        source_side=side(c),
                        reference_side=counter,
                    )
                )
    return out
