"""`stats`: what the knowledge base holds, by kind, predicate, status and assertor type."""

from __future__ import annotations

from collections import Counter
from typing import Any

from cyberstate.analysis.graph import Graph
from cyberstate.store.sqlite import SQLiteStore


def stats(store: SQLiteStore, g: Graph) -> dict[str, Any]:
    counts = store.counts()
    assertor_types: Counter[str] = Counter()
    for cs in g.out.values():
        for c in cs:
            if c.assertor:
                e = store.get_entity(c.assertor)
                assertor_types[(e.assertor_type if e else None) or "unknown"] += 1
    provinces_linked = sum(1 for n, (k, _) in g.nodes.items() if k == "province" and (len(g.inn.get(n, ())) > 1))
    return {
        **counts,
        "claims_by_assertor_type": dict(assertor_types.most_common()),
        "provinces_with_links": provinces_linked,
        "schema": store.meta().get("schema_version"),
    }
