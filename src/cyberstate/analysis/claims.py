"""How a claim is presented to people and to JSON: with names, assertor and sources resolved."""

from __future__ import annotations

from typing import Any

from cyberstate.model import Claim, Source
from cyberstate.store.sqlite import SQLiteStore


class ClaimView:
    """Turns claims into dicts; caches sources and entity names across one answer."""

    def __init__(self, store: SQLiteStore, names: dict[str, tuple[str, str]] | None = None) -> None:
        self.store = store
        self.names = names if names is not None else store.entity_kinds()
        self._sources: dict[str, Source | None] = {}
        self._assertor_types: dict[str, str | None] = {}

    def source(self, sid: str) -> dict[str, Any]:
        if sid not in self._sources:
            self._sources[sid] = self.store.get_source(sid)
        s = self._sources[sid]
        if s is None:
            return {"id": sid, "title": None, "url": None, "published": None}
        return {
            "id": s.id,
            "title": s.title,
            "url": s.url,
            "published": s.published,
            "publisher": s.publisher,
        }

    def ref(self, eid: str) -> dict[str, str]:
        _, name = self.names.get(eid, ("?", eid))
        return {"id": eid, "name": name}

    def assertor_type(self, eid: str) -> str | None:
        if eid not in self._assertor_types:
            e = self.store.get_entity(eid)
            self._assertor_types[eid] = e.assertor_type if e else None
        return self._assertor_types[eid]

    def claim(self, c: Claim) -> dict[str, Any]:
        return {
            "id": c.id,
            "subject": self.ref(c.subject),
            "predicate": c.predicate,
            "object": self.ref(c.object) if c.object is not None else {"value": c.value},
            "confidence": c.confidence,
            "negated": c.negated,
            "assertor": self.names[c.assertor][1] if c.assertor in self.names else None,
            "assertor_id": c.assertor,
            "assertor_type": self.assertor_type(c.assertor) if c.assertor else None,
            "basis": c.basis,
            "sources": [self.source(s) for s in c.sources],
            "valid_from": c.valid_from,
            "valid_to": c.valid_to,
            "published": c.published,
            "recorded": c.recorded,
            "status": c.status,
            "marking": c.marking,
            "evidence": None
            if c.evidence is None
            else {
                "text": c.evidence.text,
                "source": c.evidence.source,
                "start": c.evidence.start,
                "end": c.evidence.end,
            },
            "note": c.note,
        }


def literal_text(value: Any) -> str:
    if isinstance(value, dict) and "amount" in value:
        q = f"{value.get('qualifier')} " if value.get("qualifier") else ""
        return f"{q}{value['amount']} {value['unit']}"
    return str(value)
