"""Contested and contradictory statements, each with both sides and their sources.

Four kinds:

- `negation`: a fact some assertors state and others deny;
- `value`: a single-valued attribute (founded, adopted, in force from) given different values (a date
  given to the year by one source and to the day by another is one value: "2016" and "2016-11-07");
- `equivalence`: two records some say are the same and others keep apart (a denied same_as);
- `reference`: what a source says about a place against reference geography (see check.py);
- `ownership`: one organisation placed under two state bodies that do not stand one above the other
  (analysis/conflicts.py), both sides with their claims.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from cyberstate.analysis.check import geography
from cyberstate.analysis.claims import literal_text
from cyberstate.analysis.conflicts import Conflicts
from cyberstate.analysis.consensus import Voices, disputing, fact_key
from cyberstate.analysis.graph import Graph
from cyberstate.model import Claim
from cyberstate.model.dates import may_be_same
from cyberstate.store.sqlite import SQLiteStore

SINGLE_VALUED = {"founded", "adopted", "in_force_from"}
KINDS = ("negation", "value", "equivalence", "reference", "ownership")


def _side(g: Graph, voices: Voices, claims: list[Claim], other: Sequence[Claim] = ()) -> list[dict[str, Any]]:
    """One side of a contest; `other`, the claims of the other side, whose assertors a claim of this
    side never repeats (Voices.voice_of)."""
    opposed = {c.assertor for c in other}
    speakers = voices.speakers(claims)
    out = []
    for c in claims:
        vid, _ = voices.voice_of(c, speakers, opposed)
        out.append(
            {
                "claim": c.id,
                "assertor": voices.name(c.assertor),
                "voice": voices.name(vid),
                "type": g.assertor_types.get(vid) if vid else None,
                "confidence": c.confidence,
                "published": g.date_of(c),
                "sources": [
                    {
                        "id": s,
                        "title": g.sources.get(s, (None, None))[1],
                        "published": g.sources.get(s, (None, None))[0],
                    }
                    for s in c.sources
                ],
                "value": literal_text(c.value) if c.object is None else None,
                "evidence": c.evidence.text if c.evidence else None,
            }
        )
    return out


def _one_date(claims: list[Claim]) -> bool:
    """Whether the dates the claims give may all be one day, given at different precisions ("2016" and
    "2016-11-07"): no conflict of values."""
    dates = {str(c.value) for c in claims}
    return all(may_be_same(a, b) for a in dates for b in dates)


def contested(
    g: Graph,
    store: SQLiteStore,
    kinds: set[str] | None = None,
    *,
    voices: Voices | None = None,
    conflicts: Conflicts | None = None,
) -> dict[str, Any]:
    kinds = kinds or set(KINDS)
    voices = voices or Voices(g)
    items: list[dict[str, Any]] = []
    if "negation" in kinds:
        facts: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
        for claims in (*g.out.values(), *g.literals.values()):
            for c in claims:
                facts[fact_key(c)].append(c)
        extra = disputing(facts)
        for key, cs in facts.items():
            p = key[1]
            s = cs[0].subject
            yes = [c for c in cs if not c.negated]
            no = [c for c in cs if c.negated] + extra.get(key, [])
            if yes and no and p not in {"same_as", "overlaps_with"}:
                items.append(
                    {
                        "kind": "negation",
                        "subject": g.ref(s),
                        "predicate": p,
                        "object": g.ref(cs[0].object) if cs[0].object else {"value": literal_text(cs[0].value)},
                        "asserted": _side(g, voices, yes, no),
                        "denied": _side(g, voices, no, yes),
                    }
                )
    if "value" in kinds:
        for eid, claims in g.literals.items():
            by_pred: dict[str, list[Claim]] = defaultdict(list)
            for c in claims:
                if c.predicate in SINGLE_VALUED and not c.negated:
                    by_pred[c.predicate].append(c)
            for p, cs in by_pred.items():
                values = {json.dumps(c.value, sort_keys=True) for c in cs}
                if len(values) > 1 and not _one_date(cs):
                    items.append(
                        {
                            "kind": "value",
                            "subject": g.ref(eid),
                            "predicate": p,
                            "values": sorted(literal_text(json.loads(v)) for v in values),
                            "sides": _side(g, voices, cs),
                        }
                    )
    if "equivalence" in kinds:
        pairs: dict[frozenset[str], list[Claim]] = defaultdict(list)
        for c in store.iter_claims(predicate="same_as"):
            if c.object:
                pairs[frozenset((c.subject, c.object))].append(c)
        kinds_of = store.entity_kinds()
        for pair, cs in pairs.items():
            if any(c.negated for c in cs) and any(not c.negated for c in cs):
                a, b = sorted(pair)
                items.append(
                    {
                        "kind": "equivalence",
                        "subject": {"id": a, "name": kinds_of[a][1]},
                        "predicate": "same_as",
                        "object": {"id": b, "name": kinds_of[b][1]},
                        "asserted": _side(g, voices, [c for c in cs if not c.negated], [c for c in cs if c.negated]),
                        "denied": _side(g, voices, [c for c in cs if c.negated], [c for c in cs if not c.negated]),
                    }
                )
    if "reference" in kinds:
        for f in geography(g):
            items.append(
                {
                    "kind": "reference",
                    "message": f["message"],
                    "entities": f["entities"],
                    "source_side": f.get("source_side"),
                    "reference": f.get("reference") or f.get("reference_side"),
                }
            )
    if "ownership" in kinds:
        for conflict in (conflicts or Conflicts(g)).everywhere():
            items.append({"kind": "ownership", **conflict})
    items.sort(key=lambda x: (KINDS.index(x["kind"]), x.get("subject", {}).get("name", "")))
    return {
        "as_of": g.as_of,
        "kinds": sorted(kinds),
        "items": items,
        "counts": {k: sum(1 for x in items if x["kind"] == k) for k in sorted(kinds)},
    }
