"""`merges`: why the records of one entity were merged, link by link, and which links were refused;
`merges --conflicts`: every case kept apart, with the evidence on each side."""

from __future__ import annotations

from typing import Any

from cyberstate.analysis.graph import EQUIVALENCE
from cyberstate.resolve.merge import LINK_PREFIX
from cyberstate.store.sqlite import SQLiteStore

#: Links shown beside the merging ones: relations that never merge ("see also").
SEE_ALSO = {"related_to"}


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
                "attack_id": e.attrs.get("attack_id"),
                "tidal_id": e.attrs.get("tidal_id"),
                "country": e.attrs.get("country"),
                "sources": list(e.sources[:3]),
                "names": sorted({a.name for a in e.aliases} | {e.name}),
            }
        )
    links = []
    seen: set[str] = set()
    for rid in records:
        for c in store.iter_claims(entity=rid):
            if c.predicate not in EQUIVALENCE | SEE_ALSO or c.id in seen or c.object is None:
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
        "kept_apart": kept_apart(store, entity_id, canon, kinds),
    }


def kept_apart(
    store: SQLiteStore, entity_id: str, canon: dict[str, str], kinds: dict[str, tuple[str, str]]
) -> list[dict[str, Any]]:
    """The links a constraint refused between this entity and another, with the constraint and the
    evidence on each side (a chain of synonyms that would have joined them, and why it was cut)."""
    out = []
    for key, name, ids, reason in store.name_conflicts():
        if not key.startswith(LINK_PREFIX):
            continue
        ents = [canon.get(i, i) for i in ids]
        if entity_id not in ents:
            continue
        for other in ents:
            if other != entity_id and other in kinds:
                out.append({"link": name, "other": {"id": other, "name": kinds[other][1]}, "reason": reason})
    return out


def _side(
    store: SQLiteStore, entity_id: str, canon: dict[str, str], kinds: dict[str, tuple[str, str]]
) -> dict[str, Any]:
    """One side of a conflict: the entity and the ATT&CK ids and countries its records carry."""
    records = sorted({entity_id, *(r for r, c in canon.items() if c == entity_id)})
    ids: set[str] = set()
    countries: set[str] = set()
    for rid in records:
        e = store.get_entity(rid)
        if e is None:
            continue
        if e.attrs.get("attack_id"):
            ids.add(str(e.attrs["attack_id"]))
        if e.attrs.get("country"):
            countries.add(str(e.attrs["country"]))
    kind, name = kinds.get(entity_id, ("?", entity_id))
    return {
        "id": entity_id,
        "name": name,
        "kind": kind,
        "records": len(records),
        "attack_ids": sorted(ids),
        "countries": sorted(countries),
    }


def conflicts(store: SQLiteStore) -> dict[str, Any]:
    """Every case kept apart: links a constraint refused (different ATT&CK ids, designators of one naming
    scheme, countries, an unmerge) and names several entities carry, each with both sides' evidence."""
    canon = store.canonical_map()
    kinds = store.entity_kinds()
    out = []
    for key, name, ids, reason in store.name_conflicts():
        sides = [_side(store, canon.get(i, i), canon, kinds) for i in ids if canon.get(i, i) in kinds]
        out.append(
            {
                "kind": "refused link" if key.startswith(LINK_PREFIX) else "shared name",
                "name": name,
                "reason": reason,
                "sides": sides,
            }
        )
    out.sort(key=lambda x: (x["kind"], x["name"].lower()))
    return {"conflicts": out, "refused_links": sum(x["kind"] == "refused link" for x in out)}
