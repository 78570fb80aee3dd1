"""`merges`: why the records of one entity were merged, link by link, and which links were refused."""

from __future__ import annotations

from typing import Any

from cyberstate.analysis.graph import EQUIVALENCE
from cyberstate.store.sqlite import SQLiteStore


def explain(store: SQLiteStore, entity_id: str) -> dict[str, Any]:
    canon = store.canonical_map()
    kinds = store.entity_kinds()
    records = sorted({entity_id, *(r for r, c in canon.items() if c == entity_id)})
    members = set(records)
    out_records = []
    for rid in records:
        e = store.get_entity(rid)
        assert e is not None
        out_records.append(
            {
                "id": rid,
                "name": e.name,
                "kind": e.kind,
                "clusters": sorted((e.attrs.get("galaxy") or {}).keys()),
                "sources": list(e.sources[:3]),
                "names": sorted({a.name for a in e.aliases} | {e.name}),
            }
        )
    links = []
    seen: set[str] = set()
    for rid in records:
        for c in store.iter_claims(entity=rid):
            if c.predicate not in EQUIVALENCE or c.id in seen or c.object is None:
                continue
            seen.add(c.id)
            inside = c.subject in members and c.object in members
            other = c.object if c.subject == rid else c.subject
            links.append(
                {
                    "claim": c.id,
                    "subject": {"id": c.subject, "name": kinds[c.subject][1]},
                    "predicate": c.predicate,
                    "object": {"id": c.object, "name": kinds[c.object][1]},
                    "negated": c.negated,
                    "confidence": c.confidence,
                    "assertor": kinds[c.assertor][1] if c.assertor in kinds else None,
                    "origin": c.origin,
                    "note": c.note,
                    "sources": list(c.sources),
                    "within": inside,
                    "other_entity": None if inside else canon.get(other, other),
                }
            )
    links.sort(key=lambda x: (not x["within"], x["negated"], -x["confidence"], x["claim"]))
    return {
        "entity": {"id": entity_id, "name": kinds[entity_id][1], "kind": kinds[entity_id][0]},
        "records": out_records,
        "links": links,
    }
