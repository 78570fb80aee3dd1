"""`stats`: what the knowledge base holds, by kind, predicate, status and assertor type."""

from __future__ import annotations

from typing import Any

from cyberstate.analysis.graph import Graph
from cyberstate.store.sqlite import SQLiteStore


def stats(store: SQLiteStore, g: Graph) -> dict[str, Any]:
    from cyberstate.ingest.gazetteer import ORIGIN as REFERENCE_ORIGIN  # the gazetteer loads pycountry

    def linked(eid: str) -> bool:
        claims = [*g.out.get(eid, ()), *g.inn.get(eid, ()), *g.literals.get(eid, ())]
        return any(c.origin != REFERENCE_ORIGIN for c in claims)

    provinces = [n for n, (k, _) in g.nodes.items() if k == "province"]
    return {
        **store.counts(),
        "claims_by_assertor_type": store.claims_by_assertor_type(),
        "provinces": {"total": len(provinces), "with_links": sum(1 for p in provinces if linked(p))},
        "schema": store.meta().get("schema_version"),
    }
