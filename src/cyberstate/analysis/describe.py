"""`show`: one entity with its names and every claim that names it."""

from __future__ import annotations

from typing import Any

from cyberstate.analysis.claims import ClaimView
from cyberstate.store.sqlite import SQLiteStore


def describe(store: SQLiteStore, entity_id: str, *, statuses: tuple[str, ...] = ("accepted",)) -> dict[str, Any]:
    e = store.get_entity(entity_id)
    assert e is not None
    view = ClaimView(store)
    claims = [view.claim(c) for c in store.iter_claims(entity=entity_id, statuses=statuses)]
    claims.sort(key=lambda c: (c["subject"]["id"] != entity_id, c["predicate"], c["id"]))
    return {
        "id": e.id,
        "name": e.name,
        "kind": e.kind,
        "assertor_type": e.assertor_type,
        "attrs": e.attrs,
        "note": e.note,
        "aliases": [{"name": a.name, "source": a.source, "origin": a.origin, "lang": a.lang} for a in e.aliases],
        "sources": [view.source(s) for s in e.sources],
        "claims": claims,
    }
