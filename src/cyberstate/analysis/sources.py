"""`stats --sources`: how many curated claims rest on a primary source, by the type of their assertor.

Only curated claims are counted (the galaxy and the reference geography are databases, not statements
with a page of their own). The rule for "primary" is `model.sources.is_primary_for`.
"""

from __future__ import annotations

from typing import Any

from cyberstate.ingest.curated import ORIGIN_PREFIX
from cyberstate.model.rules import OFFICIAL_ASSERTORS
from cyberstate.model.sources import is_primary_for
from cyberstate.store.sqlite import SQLiteStore


def source_report(store: SQLiteStore) -> dict[str, Any]:
    types = store.assertor_types()
    sources = {s.id: s for s in store.iter_sources()}
    by_type: dict[str, dict[str, Any]] = {}
    missing: list[dict[str, Any]] = []
    for c in store.iter_claims():
        if not (c.origin or "").startswith(ORIGIN_PREFIX):
            continue
        atype = types.get(c.assertor or "", "none" if c.assertor is None else "untyped")
        row = by_type.setdefault(atype, {"claims": 0, "primary": 0})
        row["claims"] += 1
        if any(is_primary_for(sources[s], atype) for s in c.sources if s in sources):
            row["primary"] += 1
        else:
            missing.append(
                {
                    "id": c.id,
                    "assertor_type": atype,
                    "assertor": c.assertor,
                    # a denial reads as one ("NOT", as every answer writes it), not as the claim it denies
                    "claim": f"{c.subject} {'NOT ' if c.negated else ''}{c.predicate} "
                    f"{c.object if c.object is not None else c.value}",
                    "negated": c.negated,
                    "sources": list(c.sources),
                    "origin": (c.origin or "")[len(ORIGIN_PREFIX) :],
                }
            )
    for row in by_type.values():
        row["share"] = round(row["primary"] / row["claims"], 3) if row["claims"] else None
    official = [by_type[t] for t in OFFICIAL_ASSERTORS if t in by_type]
    n = sum(r["claims"] for r in official)
    p = sum(r["primary"] for r in official)
    missing.sort(
        key=lambda m: (m["assertor_type"] not in OFFICIAL_ASSERTORS, m["assertor_type"], m["origin"], m["claim"])
    )
    return {
        "by_assertor_type": dict(sorted(by_type.items(), key=lambda kv: -kv[1]["claims"])),
        "official": {"claims": n, "primary": p, "share": round(p / n, 3) if n else None},
        "without_primary": missing,
    }
