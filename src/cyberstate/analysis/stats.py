"""`stats`: what the knowledge base holds, by kind, predicate, status and assertor type."""

from __future__ import annotations

from typing import Any

from cyberstate.analysis.graph import Graph
from cyberstate.store.sqlite import SQLiteStore


def stats(store: SQLiteStore, g: Graph, late_sources: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The counts; as of the graph's date, those of the claims published by then and of the sources not
    published after it (`late_sources`, the ones that were), the claims by assertor type among them."""
    from cyberstate.ingest.gazetteer import ORIGIN as REFERENCE_ORIGIN  # the gazetteer loads pycountry

    def linked(eid: str) -> bool:
        claims = [*g.out.get(eid, ()), *g.inn.get(eid, ()), *g.literals.get(eid, ())]
        return any(c.origin != REFERENCE_ORIGIN for c in claims)

    provinces = [n for n, (k, _) in g.nodes.items() if k == "province"]
    counts = store.counts()
    by_type = store.claims_by_assertor_type()
    if g.as_of is not None:  # only the accepted claims published by then (the graph holds exactly those)
        known = {c.id: c for cs in (*g.out.values(), *g.literals.values()) for c in cs}
        by_pred: dict[str, int] = {}
        for c in known.values():
            by_pred[c.predicate] = by_pred.get(c.predicate, 0) + 1
        counts["claims"] = {"accepted": len(known)}
        counts["predicates"] = dict(sorted(by_pred.items(), key=lambda kv: (-kv[1], kv[0])))
        sources = counts["totals"]["sources"] - len(late_sources)
        counts["totals"] = {**counts["totals"], "claims": len(known), "sources": sources}
        counts["as_of"] = g.as_of
        types = store.assertor_types()
        by_type = {}
        for c in known.values():
            t = types.get(c.assertor, "untyped") if c.assertor is not None else "none"
            by_type[t] = by_type.get(t, 0) + 1
        by_type = dict(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0])))
    return {
        **counts,
        "claims_by_assertor_type": by_type,
        "provinces": {"total": len(provinces), "with_links": sum(1 for p in provinces if linked(p))},
        "schema": store.meta().get("schema_version"),
    }
