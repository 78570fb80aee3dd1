"""`show`: one entity with its names and every claim that names it, across all the records merged into it."""

from __future__ import annotations

from typing import Any

from cyberstate.analysis.claims import ClaimView
from cyberstate.analysis.graph import SELF_LINKS
from cyberstate.store.sqlite import SQLiteStore


def describe(
    store: SQLiteStore,
    entity_id: str,
    *,
    statuses: tuple[str, ...] = ("accepted",),
    canon: dict[str, str] | None = None,
    names: dict[str, tuple[str, str]] | None = None,
) -> dict[str, Any]:
    """`canon` (the merge map) and `names` (id -> (kind, name)) come from a read model's index when it
    has one, so a question reads no whole table."""
    canon = store.canonical_map() if canon is None else canon
    records = [entity_id, *sorted(r for r, c in canon.items() if c == entity_id)]
    e = store.get_entity(entity_id)
    assert e is not None
    view = ClaimView(store, names)
    claims: dict[str, dict[str, Any]] = {}
    aliases: list[dict[str, Any]] = []
    sources: list[dict[str, Any]] = []
    seen_alias: set[tuple[str, str | None, str | None]] = set()
    for rid in records:
        rec = store.get_entity(rid)
        assert rec is not None
        names = ([] if rid == entity_id else [(rec.name, rec.sources[0] if rec.sources else None, None, None)]) + [
            (a.name, a.source, a.origin, a.lang) for a in rec.aliases
        ]
        for name, src, origin, lang in names:
            if (name, src, origin) in seen_alias or (name == e.name and rid == entity_id):
                continue
            seen_alias.add((name, src, origin))
            aliases.append({"name": name, "source": src, "origin": origin, "lang": lang, "record": rid})
        sources += [view.source(s) for s in rec.sources]
        for c in store.iter_claims(entity=rid, statuses=statuses):
            s, o = canon.get(c.subject, c.subject), canon.get(c.object, c.object) if c.object else None
            if c.predicate in SELF_LINKS and s == o:
                continue  # the links that merged the records, and see-also between them: see `merges`
            d = view.claim(c)
            d["subject"] = {**view.ref(s), "record": c.subject}
            if c.object is not None and o is not None:
                d["object"] = {**view.ref(o), "record": c.object}
            claims[c.id] = d
    ordered = sorted(claims.values(), key=lambda c: (c["subject"]["id"] != entity_id, c["predicate"], c["id"]))
    unique_sources = list({s["id"]: s for s in sources}.values())
    return {
        "id": e.id,
        "name": e.name,
        "kind": e.kind,
        "assertor_type": e.assertor_type,
        "attrs": {k: v for k, v in e.attrs.items() if k not in {"priority"}},
        "note": e.note,
        "records": records,
        "aliases": aliases,
        "sources": unique_sources,
        "claims": ordered,
    }
